"""HTML of the news section: the paginated index, a post's header, the latest posts on the
home page, and the generated index pages themselves.

The posts come from `vanban.posts.load_posts` (docs/tin-tuc/*.md); post pages are ordinary
Markdown pages rendered by MkDocs with the `vb-post.html` template. The index pages
(`tin-tuc/`, `tin-tuc/trang/2/`, …) are generated: their Markdown is front matter plus one
block of HTML built here (escaped with `tag`), so MkDocs passes it through untouched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import yaml

from ..posts import Post
from ..slug import slugify
from .catalog import Catalog
from .html import Markup, join, tag
from .labels import format_date, t
from .pages import GeneratedPage
from .urls import relative, url

PER_PAGE = 10        # posts on one page of the news index
LATEST_ON_HOME = 3


def page_count(posts: list[Post]) -> int:
    return max(1, math.ceil(len(posts) / PER_PAGE))


def index_url(n: int, lang: str) -> str:
    return url("news", "", lang) if n == 1 else url("news_page", str(n), lang)


def post_urls(posts: list[Post], lang: str) -> dict[str, str]:
    return {p.slug: url("post", p.slug, lang) for p in posts}


def _date(post: Post, lang: str) -> Markup:
    return tag("time", format_date(post.date.isoformat(), lang), datetime=post.date.isoformat())


def post_item(post: Post, lang: str, here: str, heading: str = "h2") -> Markup:
    text = post.text(lang)
    lang_attr = "vi" if lang != "vi" and not text.translated else None
    link = tag("a", text.title, href=relative(here, url("post", post.slug, lang)))
    return tag("article", tag(heading, link, class_="vb-post__title"),
               tag("p", _date(post, lang), class_="vb-post__date"),
               tag("p", text.summary, class_="vb-post__summary") if text.summary else None,
               class_="vb-post-item", lang=lang_attr)


def feed_link(lang: str, here: str) -> Markup:
    return tag("a", t("news.feed", lang), href=relative(here, url("feed", "", lang)),
               type="application/atom+xml", class_="vb-feed-link")


def index_html(posts: list[Post], n: int, lang: str) -> Markup:
    """Page `n` (1-based) of the news index."""
    here = index_url(n, lang)
    total = page_count(posts)
    chunk = posts[(n - 1) * PER_PAGE: n * PER_PAGE]
    intro = tag("p", t("news.intro", lang), " ", feed_link(lang, here), class_="vb-intro")
    if not chunk:
        return join([intro, tag("p", t("news.empty", lang), class_="vb-muted")])
    items = tag("div", join(post_item(p, lang, here) for p in chunk), class_="vb-post-list")
    return join([intro, items, pagination(n, total, lang, here)])


def pagination(n: int, total: int, lang: str, here: str) -> Markup:
    if total == 1:
        return Markup("")
    links: list[Markup] = []
    if n > 1:
        links.append(tag("a", t("news.newer", lang), href=relative(here, index_url(n - 1, lang)),
                         rel="prev", class_="vb-pager__prev"))
    pages = join(
        tag("a", str(i), href=relative(here, index_url(i, lang)),
            aria_current="page" if i == n else None) for i in range(1, total + 1))
    links.append(tag("span", pages, class_="vb-pager__pages"))
    if n < total:
        links.append(tag("a", t("news.older", lang), href=relative(here, index_url(n + 1, lang)),
                         rel="next", class_="vb-pager__next"))
    return tag("nav", join(links, " "), class_="vb-pager", aria_label=t("news.pages", lang))


def latest_html(posts: list[Post], lang: str, here: str) -> Markup:
    """The home page's "Tin mới" section: the newest posts and a link to all."""
    if not posts:
        return Markup("")
    anchor = slugify("tin moi")
    heading = tag("h2", t("news.latest", lang), id=anchor)
    items = tag("div", join(post_item(p, lang, here, "h3") for p in posts[:LATEST_ON_HOME]),
                class_="vb-post-list vb-post-list--home")
    more = tag("p", tag("a", t("news.all", lang), href=relative(here, url("news", "", lang))),
               " · ", feed_link(lang, here), class_="vb-news-more")
    return tag("section", heading, items, more, class_="vb-section vb-news-latest")


def post_header(post: Post, lang: str, here: str) -> Markup:
    """Date, "all news" link and, on an untranslated English page, a note."""
    parts = [tag("a", t("news.back", lang), href=relative(here, url("news", "", lang)),
                 class_="vb-post__back"), tag("p", _date(post, lang), class_="vb-post__date")]
    if not post.text(lang).translated:
        parts.append(tag("p", t("news.untranslated", lang), class_="vb-post__note"))
    return tag("div", join(parts), class_="vb-post-header")


@dataclass(frozen=True)
class NewsIndexPage(GeneratedPage):
    """A page of the news index (`kind` "news" for page 1, "news_page" with key "2", …)."""

    posts: tuple[Post, ...] = field(default=(), compare=False)

    @property
    def number(self) -> int:
        return int(self.key) if self.key else 1

    def title(self, cat: Catalog, lang: str) -> str:
        if self.number == 1:
            return t("news.title", lang)
        return t("news.page_title", lang, n=self.number)

    def markdown(self, cat: Catalog, lang: str) -> str:
        meta = {"title": self.title(cat, lang)}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        body = index_html(list(self.posts), self.number, lang)
        return f"---\n{front}---\n\n# {self.title(cat, lang)}\n\n{body}\n"


def index_pages(posts: list[Post]) -> list[NewsIndexPage]:
    frozen = tuple(posts)
    return [NewsIndexPage("news", "", frozen)] + [
        NewsIndexPage("news_page", str(n), frozen) for n in range(2, page_count(posts) + 1)]
