"""MkDocs event handlers for publishing: the news section and its feeds, the localized 404
pages, the feed link of every page. `hooks/publish.py` only forwards events here.

Like `events`, everything is computed per build and language (mkdocs-static-i18n builds the
site once per language, `mkdocs serve` keeps this module loaded): the posts are re-read in
every `on_files` (a handful of small files).

- News index pages and the Atom feed of the current language are added in `on_files`, after
  the i18n plugin (priority -200, see hooks/portal.py) — the feed as a generated static file,
  with a sitemap.xml of the news pages beside it: every page announces the feed by a
  <link rel="alternate">, and Material's script requests sitemap.xml next to the address of
  every such link (tin-tuc/sitemap.xml, en/tin-tuc/sitemap.xml), see overrides/main.html.
- Post pages get the `vb-post.html` template and their header (date, "all news", a note on
  untranslated English pages); home pages get the latest posts.
- 404: MkDocs writes the theme's 404.html into the site root in every language build, so the
  English build's would overwrite the Vietnamese one; the English page is written to
  `en/404.html` instead. Its language switcher points at the two home pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import posts as posts_mod
from . import events, news
from .html import tag
from .labels import t
from .urls import prefix, relative, url

log = get_plugin_logger("vanban")

POST_TEMPLATE = "vb-post.html"
CONTEXT = "vb_news"          # template variable of the news pieces (see overrides/)

_POSTS: dict[Path, list[posts_mod.Post]] = {}


def posts(config: MkDocsConfig) -> list[posts_mod.Post]:
    docs = Path(config.docs_dir).resolve()
    if docs not in _POSTS:
        _POSTS[docs] = posts_mod.load_posts(docs)[0]
    return _POSTS[docs]


def site_url(config: MkDocsConfig) -> str | None:
    return config.site_url.rstrip("/") + "/" if config.site_url else None


def feed_info(config: MkDocsConfig, lang: str) -> posts_mod.FeedInfo:
    """Title and addresses of `lang`'s feed (the i18n plugin sets each language's site_name
    before that language's build)."""
    return posts_mod.FeedInfo(lang, t("news.feed_title", lang, site=str(config.site_name)),
                              t("news.intro", lang), site_url(config), prefix(lang),
                              url("feed", "", lang))


def news_sitemap(urls: list[str], site: str | None) -> str:
    """sitemap.xml of the news pages at `urls` (site-root relative), absolute under `site`;
    without site_url it lists none, as a sitemap holds absolute addresses only.

    >>> print(news_sitemap(["tin-tuc/", "tin-tuc/a&b/"], "https://example.org/p/"), end="")
    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://example.org/p/tin-tuc/</loc></url>
      <url><loc>https://example.org/p/tin-tuc/a&amp;b/</loc></url>
    </urlset>
    >>> news_sitemap(["tin-tuc/"], None).count("<url>")
    0
    """
    rows = "".join(f"  <url><loc>{escape(site + u)}</loc></url>\n" for u in urls) if site else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + rows + "</urlset>\n")


# ---- events -----------------------------------------------------------------------------------

def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang, default, langs = events.languages(config)
    docs = Path(config.docs_dir).resolve()
    found, problems = posts_mod.load_posts(docs)
    _POSTS[docs] = found
    if lang == default:
        for p in problems:
            log.warning(p.message())
    cat = events.catalog(config)
    taken = {f.src_uri for f in files}
    for spec in news.index_pages(found):
        if spec.src_uri not in taken:
            files.append(events.generated_file(config, spec, cat, lang, langs))
    info = feed_info(config, lang)
    xml = posts_mod.feed(found, info, news.post_urls(found, lang))
    feed = File.generated(config, url("feed"), content=xml)
    feed.dest_uri = info.feed
    files.append(feed)
    pages = [spec.url(lang) for spec in news.index_pages(found)]
    pages += news.post_urls(found, lang).values()
    sitemap = File.generated(config, info.feed.rsplit("/", 1)[0] + "/sitemap.xml",
                             content=news_sitemap(pages, site_url(config)))
    files.append(sitemap)
    plugin = config.plugins.get("i18n")
    if plugin is not None and hasattr(plugin, "i18n_files_per_language"):
        plugin.i18n_files_per_language[lang] = files.documentation_pages()  # for sitemap.xml
    return files


def post_of(page: Page, config: MkDocsConfig) -> posts_mod.Post | None:
    src = page.file.src_uri
    if not src.startswith(posts_mod.NEWS_DIR + "/") or src.count("/") != 1:
        return None
    slug = Path(src).name.split(".", 1)[0]
    return next((p for p in posts(config) if p.slug == slug), None)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    if post_of(page, config) is not None:
        page.meta.setdefault("template", POST_TEMPLATE)
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig
                    ) -> dict[str, Any]:
    lang = events.languages(config)[0]
    here = page.url
    view: dict[str, Any] = {"feed": relative(here, url("feed", "", lang)),
                            "feed_title": feed_info(config, lang).title}
    post = post_of(page, config)
    if post is not None:
        view["post"] = news.post_header(post, lang, here)
        view["post_lang"] = None if post.text(lang).translated else "vi"
    if page.meta.get("template") == events.HOME_TEMPLATE:
        view["latest"] = news.latest_html(posts(config), lang, here)
    context[CONTEXT] = view
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig
                        ) -> dict[str, Any]:
    if template_name != "404.html":
        return context
    lang = events.languages(config)[0]
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    for alt in getattr(config.extra, "alternate", None) or []:
        code = alt.get("lang")
        if isinstance(code, str):
            alt["link"] = base + prefix(code)
    targets = [(t("404.home", lang), url("home", "", lang)),
               (t("index.title", lang), url("documents", "", lang)),
               (t("agencies.title", lang), url("agencies", "", lang)),
               (t("news.title", lang), url("news", "", lang))]
    context[CONTEXT] = {
        "title": t("404.title", lang),
        "text": t("404.text", lang),
        "links": tag("ul", *(tag("li", tag("a", label, href=base + target))
                             for label, target in targets), class_="vb-404-links"),
    }
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    lang, default, _langs = events.languages(config)
    if template_name != "404.html" or lang == default:
        return output
    dest = Path(config.site_dir) / prefix(lang) / "404.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(output, encoding="utf-8")
    return ""    # nothing more for MkDocs to write: the root 404.html stays Vietnamese
