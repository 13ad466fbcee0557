"""Pages of target progress: one per document, the dashboard, facet pages (deadline year,
agency, status — static pages, so filtering works without JavaScript), the targets section of
agency pages, and the links between a target and its sentence in the document.

Data and statuses come from `Catalog.progress` (vanban.progress); every string taken from YAML
is escaped by `tag` / the chart's own escaping. Build options (mkdocs.yml):

    extra:
      vanban:
        as_of: 2026          # year the statuses are computed for (default: the current year);
        #                      a date (2026-03-01) also sets the deadlines' "today" (site.due)
        sample_banner: true  # false: no "sample data" banner on pages of `sample: true` files
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..data import Agency
from ..progress.chart import chart_svg
from ..progress.explain import amount, number, status_label, target_phrase, what_it_takes
from ..progress.export import ALL
from ..progress.status import STATUSES
from ..progress.targets import Progress, Target, TargetFile
from ..slug import slugify
from .catalog import DocPage, SiteProblem, per_object
from .html import Markup, escape, join, tag
from .labels import add_labels
from .urls import DOWNLOADS_DIR, relative
from .views import Ctx, Section, _table, listing_pager, page_count, shorten

add_labels({
    "progress.title": ("Tiến độ thực hiện chỉ tiêu", "Progress on targets"),
    "progress.doc_title": ("Tiến độ chỉ tiêu: {doc}", "Targets: {doc}"),
    "progress.intro": (
        "Mỗi chỉ tiêu trong văn bản, số liệu thực hiện hằng năm và đánh giá tiến độ theo "
        "phương pháp công khai.",
        "Every target of the documents, the yearly figures and an assessment of progress by a "
        "published method."),
    "progress.doc_intro": ("Chỉ tiêu của {doc}, số liệu thực hiện và đánh giá tiến độ.",
                           "The targets of {doc}, their yearly figures and progress."),
    "progress.method": ("Cách đánh giá tiến độ", "How progress is assessed"),
    "progress.guide": ("Hướng dẫn cập nhật số liệu", "How to add figures"),
    "progress.sample": (
        "Số liệu mẫu: các con số trên trang này được tạo ra để minh họa, không phải số liệu "
        "chính thức.",
        "Sample data: the figures on this page are made up for demonstration; they are not "
        "official."),
    "progress.counts": ("Tổng hợp theo trạng thái", "By status"),
    "progress.count_total": ("{n} chỉ tiêu", "{n} targets"),
    "progress.by_document": ("Theo văn bản", "By document"),
    "progress.by_year": ("Theo thời hạn", "By deadline"),
    "progress.by_agency": ("Theo cơ quan phụ trách", "By responsible agency"),
    "progress.by_status": ("Theo trạng thái", "By status"),
    "progress.all": ("Các chỉ tiêu", "Targets"),
    "progress.more": ("Còn {n} chỉ tiêu khác: xem theo văn bản, thời hạn, cơ quan hoặc trạng "
                      "thái ở trên.",
                      "{n} more: browse by document, deadline, agency or status above."),
    "progress.none": ("Chưa có chỉ tiêu nào.", "No targets yet."),
    "progress.more_docs": ("Còn {n} văn bản có chỉ tiêu khác: xem trang tiến độ trên trang của "
                           "từng văn bản.",
                           "{n} more documents have targets: see the progress link on each "
                           "document's page."),
    "progress.agency_more": ("Xem tất cả {n} chỉ tiêu trên trang tiến độ",
                             "See all {n} targets on the progress pages"),
    "progress.no_agency": ("Chưa ghi cơ quan phụ trách chỉ tiêu nào.",
                           "No target names a responsible agency yet."),
    "progress.downloads": ("Tải dữ liệu", "Download the data"),
    "progress.download_doc": ("Dữ liệu của văn bản này", "This document's data"),
    "progress.download_all": ("Dữ liệu toàn cổng", "All targets of the portal"),
    "progress.as_of": ("Đánh giá tính đến năm {year}.", "Assessed as of {year}."),
    "progress.year_title": ("Chỉ tiêu có thời hạn {year}", "Targets due {year}"),
    "progress.year_annual": ("hằng năm", "every year"),
    "progress.year_term": ("hết nhiệm kỳ", "by the end of the term"),
    "progress.agency_title": ("Chỉ tiêu do {agency} phụ trách", "Targets of {agency}"),
    "progress.status_title": ("Chỉ tiêu: {status}", "Targets: {status}"),
    "progress.target": ("Chỉ tiêu", "Target"),
    "progress.target_n": ("Chỉ tiêu {id}", "Target {id}"),
    "progress.in_document": ("Xem câu này trong văn bản", "See this sentence in the document"),
    "progress.goal": ("Mức phấn đấu", "Target"),
    "progress.deadline": ("Thời hạn", "Deadline"),
    "progress.baseline": ("Mức cơ sở", "Baseline"),
    "progress.agency": ("Cơ quan phụ trách", "Responsible agency"),
    "progress.latest": ("Số liệu mới nhất", "Latest figure"),
    "progress.status": ("Trạng thái", "Status"),
    "progress.document": ("Văn bản", "Document"),
    "progress.year": ("Năm", "Year"),
    "progress.value": ("Số liệu", "Figure"),
    "progress.met": ("Đạt?", "Met?"),
    "progress.yes": ("đạt", "met"),
    "progress.no": ("chưa đạt", "not met"),
    "progress.source": ("Nguồn", "Source"),
    "progress.note": ("Ghi chú", "Note"),
    "progress.figures": ("Số liệu thực hiện", "Figures"),
    "progress.no_figures": ("Chưa có số liệu thực hiện.", "No figures yet."),
    "progress.chart_title": ("Biểu đồ: {indicator}", "Chart: {indicator}"),
    "progress.chart_desc": ("Số liệu từng năm: {points}. Chỉ tiêu {goal}{deadline}.",
                            "Figures by year: {points}. Target {goal}{deadline}."),
    "progress.chart_by": (", hạn năm {year}", ", due {year}"),
    "progress.chart_target": ("Chỉ tiêu", "Target"),
    "progress.legend": ("Đường liền: số liệu từng năm (chấm rỗng: mức cơ sở); nét đứt ngang: "
                        "mức chỉ tiêu; vạch đứng: năm hạn; chấm mờ: lộ trình cần đạt. Số liệu "
                        "chi tiết ở bảng dưới.",
                        "Solid line: yearly figures (hollow dot: baseline); dashed line: the "
                        "target; vertical line: the deadline; dotted line: the path required. "
                        "The figures are in the table below."),
    "progress.chart_deadline": ("Hạn", "Due"),
    "progress.bar": ("Đạt {pct}% mức chỉ tiêu", "{pct}% of the target"),
    "progress.doc_section": ("Chỉ tiêu và tiến độ", "Targets and progress"),
    "progress.doc_link": ("Xem tiến độ thực hiện {n} chỉ tiêu của văn bản",
                          "See progress on the {n} targets of this document"),
    "progress.mark": ("Tiến độ chỉ tiêu {id}: {status}", "Progress of target {id}: {status}"),
    "progress.agency_section": ("Chỉ tiêu phụ trách", "Targets responsible for"),
    "progress.agency_link": ("Xem trên trang tiến độ", "See on the progress pages"),
    "progress.deadline_annual": ("hằng năm", "every year"),
    "progress.deadline_term": ("hết nhiệm kỳ", "end of the term"),
    "progress.deadline_term_year": ("hết nhiệm kỳ ({year})", "end of the term ({year})"),
    "progress.deadline_none": ("chưa có thời hạn", "no deadline"),
})

PROGRESS_ID = slugify("vb tien do")          # the targets section of a document / agency page
STATUS_ICONS = {"achieved": "✓", "on_track": "↗", "slow": "→", "off_track": "↘",
                "deteriorating": "↓", "missed": "✗", "no_deadline": "…",
                "no_data": "?"}
DASHBOARD_ROWS = 30     # the dashboard lists this many targets (pages stay ≤ 60 KB)
DASHBOARD_DOCS = 40     # … and the newest documents with targets
TARGETS_PER_PAGE = 40   # a facet page lists this many; its later pages the rest
AGENCY_ROWS = 10        # an agency page lists this many of its targets


@dataclass(frozen=True)
class Options:
    as_of: int
    sample_banner: bool
    day: datetime.date | None = None     # `as_of` given as a whole date (2021-12-01)


def progress_options(config: Any) -> Options:
    """Build options from mkdocs.yml `extra.vanban` (see module doc)."""
    extra = getattr(config, "extra", None) or {}
    opts = extra.get("vanban") if hasattr(extra, "get") else None
    opts = opts if isinstance(opts, dict) else {}
    as_of = opts.get("as_of")
    banner = opts.get("sample_banner", True)
    if isinstance(as_of, datetime.date):
        return Options(as_of.year, banner is not False, as_of)
    return Options(as_of if isinstance(as_of, int) else 0, banner is not False)


def status_key(status: str) -> str:
    """URL key of a status ('on_track' → 'on-track')."""
    return slugify(status)


def status_of_key(key: str) -> str | None:
    return next((s for s in STATUSES if status_key(s) == key), None)


def target_anchor(t: Target) -> str:
    return slugify(f"chi tieu {t.id}")


# ---- small pieces -----------------------------------------------------------------------------

def badge(ctx: Ctx, status: str) -> Markup:
    return tag("span", tag("span", STATUS_ICONS.get(status, ""), aria_hidden="true"), " ",
               status_label(status, ctx.lang), class_=f"vb-status vb-status--{status}")


def bar(ctx: Ctx, t: Target) -> Markup:
    pct = round(t.assessment.fraction * 100)
    label = ctx.t("progress.bar", pct=pct)
    return tag("div", tag("div", tag("span", style=f"width:{pct}%"), class_="vb-bar",
                          role="img", aria_label=label),
               tag("span", label, class_="vb-bar__label"), class_="vb-bar-wrap")


def deadline_text(ctx: Ctx, t: Target) -> str:
    if t.deadline_kind == "annual":
        return ctx.t("progress.deadline_annual")
    if t.deadline_kind == "term-end":
        return ctx.t("progress.deadline_term_year", year=t.deadline) if t.deadline \
            else ctx.t("progress.deadline_term")
    if t.deadline_kind == "none":
        return ctx.t("progress.deadline_none")
    return str(t.deadline)


def _fmt(ctx: Ctx) -> Callable[[float], str]:
    return lambda x: number(x, ctx.lang)


def _latest(ctx: Ctx, t: Target) -> Markup:
    a = t.assessment
    if a.latest is None:
        return tag("span", "—", class_="vb-muted")
    return join([amount(a.latest.value, t.unit, ctx.lang), " ",
                 tag("span", f"({a.latest.year})", class_="vb-muted")])


def _sample_banner(ctx: Ctx, files: Iterable[TargetFile]) -> Markup:
    if not ctx.cat.sample_banner or not any(f.sample for f in files):
        return Markup("")
    return tag("div", tag("p", tag("strong", ctx.t("progress.sample"))),
               class_="admonition warning vb-sample-banner", role="note")


def _counts(ctx: Ctx, targets: list[Target], *, link: bool = True) -> Markup:
    counts = Counter(t.status for t in targets)
    items = []
    for s in STATUSES:
        n = counts.get(s, 0)
        label = join([badge(ctx, s), " ", tag("strong", str(n), class_="vb-count-n")])
        if link and n:
            label = tag("a", label, href=ctx.href("progress_status", status_key(s)))
        items.append(tag("li", label, data_status=s, data_count=n))
    total = tag("p", ctx.t("progress.count_total", n=len(targets)), class_="vb-count-total")
    return join([total, tag("ul", join(items), class_="vb-status-counts")])


def _doc_of(ctx: Ctx, t: Target) -> DocPage | None:
    return ctx.cat.document(t.doc)


def target_table(ctx: Ctx, targets: Iterable[Target]) -> Markup:
    """Targets as rows: document, target (link to its place on the progress page), deadline,
    latest figure, status."""
    cols = [ctx.t("progress.document"), ctx.t("progress.target"), ctx.t("progress.deadline"),
            ctx.t("progress.latest"), ctx.t("progress.status")]

    def row(t: Target) -> list[Markup]:
        doc = _doc_of(ctx, t)
        link = tag("a", shorten(t.text, 110),
                   href=ctx.href("progress", t.doc, target_anchor(t)), lang=ctx.vi)
        return [ctx.doc_link(doc) if doc is not None else escape(t.doc), link,
                escape(deadline_text(ctx, t)), _latest(ctx, t), badge(ctx, t.status)]

    return _table(ctx, "vb-target-table", cols, (row(t) for t in targets))


def _downloads(ctx: Ctx, slug: str | None) -> Markup:
    def links(name: str) -> Markup:
        return join((tag("a", ext.upper(), href=relative(ctx.here, f"{DOWNLOADS_DIR}/{name}.{ext}"),
                         download=f"{name}.{ext}", type=mime)
                     for ext, mime in (("csv", "text/csv"), ("json", "application/json"))), " · ")
    items = []
    if slug is not None:
        items.append(tag("li", ctx.t("progress.download_doc"), ": ", links(slug)))
    items.append(tag("li", ctx.t("progress.download_all"), ": ", links(ALL)))
    return tag("ul", join(items), class_="vb-downloads")


def _method_links(ctx: Ctx) -> Markup:
    return tag("p", tag("a", ctx.t("progress.method"), href=ctx.href("methodology")), " · ",
               tag("a", ctx.t("progress.guide"), href=ctx.href("guide")),
               " · ", tag("span", ctx.t("progress.as_of", year=ctx.cat.progress.as_of)),
               class_="vb-progress-links")


# ---- one target ------------------------------------------------------------------------------

def target_block(ctx: Ctx, t: Target, n: int) -> Markup:
    a = t.assessment
    anchor = target_anchor(t)
    doc = _doc_of(ctx, t)
    title = f"{n}. {shorten(t.indicator or t.text, 90)}"
    head = tag("h3", tag("span", title, lang=ctx.vi), " ",
               tag("a", "¶", class_="headerlink", href=f"#{anchor}", title=ctx.t("permalink")),
               id=anchor)
    summary = tag("div", badge(ctx, t.status), bar(ctx, t),
                  tag("p", what_it_takes(t.spec, a, t.unit, ctx.lang), class_="vb-takes"),
                  class_="vb-target__summary")
    quote_parts: list[Markup | str] = [tag("p", ctx.text(t.text), lang=ctx.vi)]
    if doc is not None and t.anchor:
        quote_parts.append(tag("p", tag("a", ctx.t("progress.in_document"),
                                        href=ctx.href("document", t.doc, t.anchor)),
                               class_="vb-target__source"))
    quote = tag("blockquote", join(quote_parts), class_="vb-target__text")
    facts: list[tuple[str, Markup]] = [
        ("progress.goal", escape(target_phrase(t.spec, t.unit, ctx.lang))),
        ("progress.deadline", escape(deadline_text(ctx, t))
         + (join([" ", tag("span", f"({t.deadline_text})", lang=ctx.vi, class_="vb-muted")])
            if t.deadline_text else Markup(""))),
    ]
    if t.baseline is not None:
        facts.append(("progress.baseline",
                      escape(f"{amount(t.baseline.value, t.unit, ctx.lang)} "
                             f"({t.baseline.year})")))
    if t.agency is not None:
        facts.append(("progress.agency", ctx.agency_link(t.agency)))
    dl = tag("dl", join(tag("div", tag("dt", ctx.t(k)), tag("dd", v)) for k, v in facts),
             class_="vb-target__facts")
    return tag("section", head, summary, quote, dl, _figures(ctx, t),
               class_=f"vb-target vb-target--{t.status}")


def _figures(ctx: Ctx, t: Target) -> Markup:
    if not t.measurements:
        return tag("p", ctx.t("progress.no_figures"), class_="vb-muted")
    ms = sorted(t.measurements, key=lambda m: m.year)
    annual = t.deadline_kind == "annual"
    cols = [ctx.t("progress.year"), ctx.t("progress.value")]
    if annual:
        cols.append(ctx.t("progress.met"))
    cols += [ctx.t("progress.source"), ctx.t("progress.note")]
    yearly = t.assessment.yearly

    def row(m: Any) -> list[Markup]:
        cells = [escape(m.year), escape(amount(m.value, t.unit, ctx.lang))]
        if annual:
            met = yearly.get(m.year, False)
            cells.append(tag("span", ctx.t("progress.yes" if met else "progress.no"),
                             class_="vb-met" if met else "vb-not-met"))
        cells += [tag("span", m.source, lang=ctx.vi),
                  tag("span", m.note, lang=ctx.vi) if m.note else Markup("")]
        return cells

    table = _table(ctx, "vb-figures-table", cols, (row(m) for m in ms))
    chart_id = slugify(f"bieu do {t.doc} {t.id}")
    points_text = "; ".join(f"{m.year}: {amount(m.value, t.unit, ctx.lang)}" for m in ms)
    by = ctx.t("progress.chart_by", year=t.deadline) if t.deadline else ""
    desc = ctx.t("progress.chart_desc", points=points_text,
                 goal=target_phrase(t.spec, t.unit, ctx.lang), deadline=by)
    base = t.assessment.base
    svg = chart_svg(chart_id, ctx.t("progress.chart_title", indicator=shorten(
        t.indicator or t.text, 80)), desc, [(m.year, m.value) for m in ms], target=t.value,
        deadline=t.deadline if t.deadline_kind != "annual" else None,
        base=(base.year, base.value) if base is not None and t.deadline_kind != "annual"
        else None, percent=t.percent, fmt=_fmt(ctx),
        labels=(ctx.t("progress.chart_target"), ctx.t("progress.chart_deadline")))
    figure = tag("figure", svg, tag("figcaption", ctx.t("progress.legend")),
                 class_="vb-chart-figure")
    return tag("div", tag("h4", ctx.t("progress.figures")), figure, table,
               class_="vb-target__figures")


# ---- pages ------------------------------------------------------------------------------------

def document_intro(ctx: Ctx, slug: str) -> Markup:
    f = ctx.cat.progress.of(slug)
    doc = ctx.cat.document(slug)
    label = ctx.doc_link(doc) if doc is not None else escape(slug)
    parts = [_sample_banner(ctx, [f] if f else []),
             tag("p", escape(ctx.t("progress.doc_intro", doc="\0")).replace("\0", label),
                 class_="vb-intro"),
             _method_links(ctx)]
    if f is not None and f.targets:
        parts.append(tag("div", _counts(ctx, f.targets, link=False), class_="vb-progress-counts"))
        parts.append(tag("div", tag("p", ctx.t("progress.downloads"), class_="vb-card__label"),
                         _downloads(ctx, slug), class_="vb-progress-downloads"))
    return join(parts)


def document_progress(ctx: Ctx, slug: str) -> list[Section]:
    f = ctx.cat.progress.of(slug)
    if f is None or not f.targets:
        return [Section(slugify("chi tieu"), ctx.t("progress.all"),
                        tag("p", ctx.t("progress.none"), class_="vb-muted"))]
    body = join(target_block(ctx, t, i) for i, t in enumerate(f.targets, 1))
    return [Section(slugify("chi tieu"), ctx.t("progress.all"),
                    tag("div", body, class_="vb-targets"), level=2)]


def toc_targets(ctx: Ctx, slug: str) -> list[tuple[str, str]]:
    f = ctx.cat.progress.of(slug)
    return [(target_anchor(t), f"{i}. {shorten(t.indicator or t.text, 60)}")
            for i, t in enumerate(f.targets if f else [], 1)]


def dashboard_intro(ctx: Ctx) -> Markup:
    p = ctx.cat.progress
    return join([_sample_banner(ctx, p.files.values()),
                 tag("p", ctx.t("progress.intro"), class_="vb-intro"), _method_links(ctx)])


def _facet(items: Iterable[tuple[Markup, int]]) -> Markup:
    return tag("ul", join(tag("li", link, " ", tag("span", str(n), class_="vb-count"))
                          for link, n in items), class_="vb-facets")


def year_label(ctx: Ctx, key: str) -> str:
    if key == "hang-nam":
        return ctx.t("progress.year_annual")
    if key == "het-nhiem-ky":
        return ctx.t("progress.year_term")
    if key == "chua-co-thoi-han":
        return ctx.t("progress.deadline_none")
    return key


def _by_year(targets: list[Target]) -> dict[str, list[Target]]:
    groups: dict[str, list[Target]] = {}
    for t in targets:
        groups.setdefault(t.deadline_key(), []).append(t)
    return dict(sorted(groups.items(), key=lambda kv: (not kv[0].isdigit(), kv[0])))


def _by_agency(targets: list[Target]) -> dict[str, tuple[Agency, list[Target]]]:
    groups: dict[str, tuple[Agency, list[Target]]] = {}
    for t in targets:
        if t.agency is not None:
            groups.setdefault(t.agency.id, (t.agency, []))[1].append(t)
    return groups


# worked out once per catalog: the list of pages and every facet page ask (at 1,000
# documents, a scan of every target for each of 1,200 facet pages)
@per_object
def facets(progress: Progress) -> dict[str, dict[str, list[Target]]]:
    """The facet pages to generate and their targets: {kind: {key: targets}}, keys in the
    order the dashboard lists them."""
    targets = progress.targets()
    by_status: dict[str, list[Target]] = {}
    for t in targets:
        by_status.setdefault(t.status, []).append(t)
    by_agency = _by_agency(targets)
    return {"progress_year": _by_year(targets),
            "progress_agency": {key: by_agency[key][1] for key in sorted(by_agency)},
            "progress_status": {status_key(s): by_status[s] for s in STATUSES
                                if s in by_status}}


def dashboard(ctx: Ctx) -> list[Section]:
    p = ctx.cat.progress
    targets = p.targets()
    if not targets:
        return [Section(slugify("tong hop"), ctx.t("progress.counts"),
                        tag("p", ctx.t("progress.none"), class_="vb-muted"))]
    with_targets = [(slug, f) for slug, f in _docs_newest_first(ctx) if f.targets]
    by_doc = tag("ul", join(
        tag("li", tag("a", ctx.doc_label(d) if (d := ctx.cat.document(slug)) else slug,
                      href=ctx.href("progress", slug)), " ",
            tag("span", str(len(f.targets)), class_="vb-count"), " ",
            _mini_counts(ctx, f.targets))
        for slug, f in with_targets[:DASHBOARD_DOCS]), class_="vb-facets")
    if len(with_targets) > DASHBOARD_DOCS:
        by_doc += tag("p", ctx.t("progress.more_docs", n=len(with_targets) - DASHBOARD_DOCS),
                      class_="vb-muted")
    by_year = _facet((tag("a", year_label(ctx, key), href=ctx.href("progress_year", key)),
                      len(ts)) for key, ts in _by_year(targets).items())
    agencies = sorted(_by_agency(targets).values(), key=lambda at: ctx.agency_name(at[0]))
    by_agency = _facet((tag("a", ctx.agency_name(a), href=ctx.href("progress_agency", a.id)),
                        len(ts)) for a, ts in agencies) if agencies \
        else tag("p", ctx.t("progress.no_agency"), class_="vb-muted")
    listing = target_table(ctx, targets[:DASHBOARD_ROWS])
    if len(targets) > DASHBOARD_ROWS:
        listing += tag("p", ctx.t("progress.more", n=len(targets) - DASHBOARD_ROWS),
                       class_="vb-muted")
    return [
        Section(slugify("tong hop"), ctx.t("progress.counts"), _counts(ctx, targets)),
        Section(slugify("theo van ban"), ctx.t("progress.by_document"), by_doc),
        Section(slugify("theo thoi han"), ctx.t("progress.by_year"), by_year),
        Section(slugify("theo co quan"), ctx.t("progress.by_agency"), by_agency),
        Section(slugify("tai du lieu"), ctx.t("progress.downloads"), _downloads(ctx, None)),
        Section(slugify("cac chi tieu"), ctx.t("progress.all"), listing),
    ]


def _docs_newest_first(ctx: Ctx) -> list[tuple[str, TargetFile]]:
    order = {d.slug: i for i, d in enumerate(ctx.cat.documents)}
    return sorted(ctx.cat.progress.files.items(), key=lambda kv: order.get(kv[0], len(order)))


def _mini_counts(ctx: Ctx, targets: list[Target]) -> Markup:
    counts = Counter(t.status for t in targets)
    return tag("span", join((tag("span", tag("span", STATUS_ICONS[s], aria_hidden="true"),
                                 f" {counts[s]} ",
                                 tag("span", status_label(s, ctx.lang), class_="vb-sr-only"),
                                 class_=f"vb-status vb-status--{s} vb-status--mini",
                                 title=status_label(s, ctx.lang))
                             for s in STATUSES if counts.get(s)), " "), class_="vb-mini-counts")


def facet_targets(ctx: Ctx, kind: str, key: str) -> list[Target]:
    return facets(ctx.cat.progress)[kind].get(key, [])


def facet_page_count(progress: Progress, kind: str, key: str) -> int:
    return page_count(len(facets(progress)[kind].get(key, [])), TARGETS_PER_PAGE)


def facet_title(ctx: Ctx, kind: str, key: str) -> str:
    if kind == "progress_year":
        return ctx.t("progress.year_title", year=year_label(ctx, key))
    if kind == "progress_agency":
        agency = ctx.cat.registry.get(key)
        return ctx.t("progress.agency_title",
                     agency=ctx.agency_name(agency) if agency else key)
    return ctx.t("progress.status_title", status=status_label(status_of_key(key) or key,
                                                               ctx.lang))


def facet_page(ctx: Ctx, kind: str, key: str, n: int = 1) -> list[Section]:
    """Page `n` of a facet: the counts of the whole facet, then TARGETS_PER_PAGE targets."""
    targets = facet_targets(ctx, kind, key)
    total = page_count(len(targets), TARGETS_PER_PAGE)
    chunk = targets[(n - 1) * TARGETS_PER_PAGE: n * TARGETS_PER_PAGE]
    title = ctx.t("progress.all")
    if total > 1:
        title += f" — {ctx.t('pager.position', n=n, total=total)}"
    # counts are not links here: the status pages list the whole portal, not this facet
    return [Section(slugify("tong hop"), ctx.t("progress.counts"),
                    _counts(ctx, targets, link=False)),
            Section(slugify("cac chi tieu"), title,
                    target_table(ctx, chunk) + listing_pager(ctx, kind, key, n, total))]


def facet_intro(ctx: Ctx) -> Markup:
    return join([_sample_banner(ctx, ctx.cat.progress.files.values()),
                 tag("p", tag("a", ctx.t("progress.title"), href=ctx.href("progress_index")),
                     class_="vb-intro")])


# ---- agency and document pages ------------------------------------------------------------------

def agency_targets(ctx: Ctx, agency: Agency) -> Section | None:
    targets = [t for t in ctx.cat.progress.targets()
               if t.agency is not None and t.agency.id == agency.id]
    if not targets:
        return None
    more = ctx.t("progress.agency_more", n=len(targets)) if len(targets) > AGENCY_ROWS \
        else ctx.t("progress.agency_link")
    body = join([target_table(ctx, targets[:AGENCY_ROWS]),
                 tag("p", tag("a", more, href=ctx.href("progress_agency", agency.id)))])
    return Section(PROGRESS_ID, f"{ctx.t('progress.agency_section')} ({len(targets)})", body)


def document_targets(ctx: Ctx, doc: DocPage) -> Section | None:
    """The document page's link to its progress page, with the counts by status."""
    f = ctx.cat.progress.of(doc.slug)
    if f is None or not f.targets:
        return None
    link = tag("p", tag("a", ctx.t("progress.doc_link", n=len(f.targets)),
                        href=ctx.href("progress", doc.slug)), " ",
               _mini_counts(ctx, f.targets))
    return Section(PROGRESS_ID, ctx.t("progress.doc_section"), link, "vb-doc-progress")


def mark_sentences(ctx: Ctx, doc: DocPage, html: str) -> str:
    """The document body with, inside each element holding a target's sentence
    (id="<anchor>"), links to the targets' places on the progress page."""
    f = ctx.cat.progress.of(doc.slug)
    if f is None:
        return html
    by_anchor: dict[str, list[Target]] = {}
    for t in f.targets:
        if t.anchor:
            by_anchor.setdefault(t.anchor, []).append(t)
    if not by_anchor:
        return html

    def add(m: re.Match[str]) -> str:
        targets = by_anchor.get(m.group(2))
        if not targets:
            return m.group(0)
        links = join((tag("a", tag("span", STATUS_ICONS.get(t.status, ""), aria_hidden="true"),
                          " ", t.id,
                          href=ctx.href("progress", doc.slug, target_anchor(t)),
                          class_=f"vb-target-mark vb-status--{t.status}",
                          title=ctx.t("progress.mark", id=t.id,
                                      status=status_label(t.status, ctx.lang)))
                      for t in targets), " ")
        return m.group(0) + str(tag("span", links, class_="vb-target-marks"))

    return _OPEN_TAG.sub(add, html)


def missing_anchors(ctx: Ctx, doc: DocPage, html: str) -> list[SiteProblem]:
    """Targets of `doc` whose `anchor` is no element of the document's HTML (the link between
    the target and its sentence would be broken)."""
    f = ctx.cat.progress.of(doc.slug)
    if f is None:
        return []
    return [SiteProblem(f.file, t.anchor_line, f"targets[{t.index}].anchor",
                        "site_missing_anchor", {"anchor": t.anchor})
            for t in f.targets if t.anchor and f'id="{t.anchor}"' not in html]


_OPEN_TAG = re.compile(r'<(li|p|td|div)\b[^>]*?\bid="([^"]+)"[^>]*>')
