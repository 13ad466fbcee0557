"""What is due: every assignment's and target's deadline as dates (vanban.deadlines), for the
home page (the next 90 days, the targets' status bar), the deadline pages (`han/`, by month,
by agency) and each agency's iCalendar feed (`co-quan/<id>.ics`).

"Today" is the build's as-of date (`Catalog.today`, `as_of_date`): mkdocs.yml
`extra.vanban.as_of` when it is a whole date; otherwise the day `SOURCE_DATE_EPOCH` gives (the
last commit's, `make build`), else the clock's — moved into the year `as_of` names when that
is a year (1 January of it, unless the build day is in it). Two builds of one commit write the
same pages and the same calendars: an event's UID comes from the document, the paragraph and
the agency, its DTSTAMP from the document's date.

A recurring deadline ("hằng năm") is listed once, on its next day on or after today; a past
one-off deadline is marked done or overdue where the data says so (a target achieved or
missed), else only "passed" (the portal has no report of an assignment's completion); a
deadline whose text gives no day ("thường xuyên") is listed apart and left out of calendars.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..data import Agency
from ..deadlines import Due, read
from ..progress.targets import Target
from ..slug import slugify
from ..text import fold
from .catalog import Catalog, DocPage, per_object
from .html import Markup, join, tag
from .labels import add_labels, format_date, t
from .urls import relative, url
from .views import Ctx, Section, pager_links, shorten

add_labels({
    "due.title": ("Thời hạn", "Deadlines"),
    "due.intro": (
        "Mọi thời hạn của nhiệm vụ được giao và chỉ tiêu trong các văn bản, theo tháng, tính "
        "đến ngày {date}. Thời hạn ghi theo quý, tháng hoặc năm được hiểu là ngày cuối quý, "
        "cuối tháng, cuối năm; “hằng năm” là ngày 31/12 mỗi năm.",
        "Every deadline of the tasks and targets in the documents, by month, as of {date}. A "
        "quarter, month or year is read as its last day; “hằng năm” (every year) as 31 "
        "December of each year."),
    "due.agency_title": ("Thời hạn của {agency}", "Deadlines of {agency}"),
    "due.page_title": ("{title} — trang {n}", "{title} — page {n}"),
    "due.months": ("Các tháng", "Months"),
    "due.by_agency": ("Lọc theo cơ quan", "Filter by agency"),
    "due.all_agencies": ("Tất cả cơ quan", "All agencies"),
    "due.undated": ("Không có ngày cụ thể", "No set date"),
    "due.upcoming": ("Sắp đến hạn", "Coming up"),
    "due.past": ("Đã qua", "Past"),
    "due.month": ("Tháng {m}/{y}", "{month} {y}"),
    "due.none": ("Không có thời hạn nào.", "No deadlines."),
    "due.home_title": ("Sắp đến hạn (90 ngày tới)", "Due in the next 90 days"),
    "due.home_none": ("Không có thời hạn nào trong 90 ngày tới.",
                      "Nothing falls due in the next 90 days."),
    "due.home_more": ("Xem cả {n} thời hạn trong 90 ngày tới, theo tháng",
                      "See all {n} due in the next 90 days, by month"),
    "due.home_all": ("Xem tất cả thời hạn theo tháng", "See every deadline by month"),
    "due.yearly": ("hằng năm", "every year"),
    "due.every_years": ("{n} năm một lần", "every {n} years"),
    "due.state.done": ("Đã hoàn thành", "Done"),
    "due.state.overdue": ("Quá hạn", "Overdue"),
    "due.state.past": ("Đã qua hạn", "Date passed"),
    "due.target": ("Chỉ tiêu", "Target"),
    "due.task": ("Nhiệm vụ", "Task"),
    "due.read_as": ("“{text}”: {how}", "“{text}”: {how}"),
    "due.basis.date": ("ngày ghi trong văn bản", "the date the document gives"),
    "due.basis.before": ("ngày ghi trong văn bản (năm của văn bản)",
                         "the day the document gives, in the document's year"),
    "due.basis.before_yearly": ("ngày ghi trong văn bản, mỗi năm",
                                "the day the document gives, every year"),
    "due.basis.month_end": ("ngày cuối tháng", "the month's last day"),
    "due.basis.quarter_end": ("ngày cuối quý", "the quarter's last day"),
    "due.basis.year_end": ("ngày cuối năm", "the year's last day"),
    "due.basis.range_end": ("ngày cuối năm cuối của khoảng thời gian",
                            "the last day of the period's last year"),
    "due.basis.annual": ("ngày 31/12 mỗi năm", "31 December of every year"),
    "due.basis.half_year": ("ngày 30/6 và 31/12 mỗi năm", "30 June and 31 December of every year"),
    "due.basis.every_years": ("ngày 31/12, {n} năm một lần", "31 December, every {n} years"),
    "due.bar_title": ("Tình hình chỉ tiêu", "How the targets stand"),
    "due.bar_label": ("{n} chỉ tiêu có thời hạn", "{n} targets with a deadline"),
    "due.bar.achieved": ("đã đạt", "achieved"),
    "due.bar.on_track": ("đúng tiến độ", "on track"),
    "due.bar.off_track": ("chậm, không đạt", "off track"),
    "due.bar.no_data": ("chưa đủ số liệu", "no data"),
    "due.bar_apart": ("và {n} chỉ tiêu chưa có thời hạn", "and {n} targets with no deadline"),
    "due.bar_link": ("Xem bảng theo dõi tiến độ", "See the progress dashboard"),
    "due.calendar": ("Lịch thời hạn (iCalendar)", "Deadline calendar (iCalendar)"),
    "due.calendar_help": (
        "Thêm vào Google Calendar (Thêm lịch → Từ URL) hoặc Outlook (Thêm lịch → Đăng ký từ "
        "web) bằng địa chỉ của liên kết này; lịch tự cập nhật khi cổng có văn bản mới. "
        "Thời hạn không có ngày cụ thể không có trong lịch.",
        "Subscribe in Google Calendar (Add calendar → From URL) or Outlook (Add calendar → "
        "Subscribe from web) with this link's address; the calendar follows the portal's "
        "updates. Deadlines without a set date are not in it."),
    "due.agency_section": ("Thời hạn sắp tới", "Upcoming deadlines"),
    "due.agency_all": ("Tất cả thời hạn của cơ quan ({n})", "All of the agency's deadlines ({n})"),
    "due.col.date": ("Hạn", "Due"),
    "due.col.what": ("Việc", "What"),
    "due.col.agency": ("Cơ quan", "Agency"),
    "due.col.document": ("Văn bản", "Document"),
})

HOME_DAYS = 90           # the home page lists what falls due within this many days
HOME_ROWS = 6            # … at most this many (the deadline page has the rest)
PAGE_ROWS = 30           # a deadline page lists this many rows (pages stay ≤ 60 KB)
AGENCY_ROWS = 5          # an agency page lists its next deadlines
DUE_ID = slugify("vb thoi han")          # the deadlines section of an agency page
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
# the status bar's groups of target statuses (vanban.progress.status.STATUSES)
BAR_GROUPS = {"achieved": ("achieved",), "on_track": ("on_track",),
              "off_track": ("slow", "off_track", "deteriorating", "missed"),
              "no_data": ("no_data",)}


def as_of_date(as_of: object, environ: Mapping[str, str], clock: datetime.date
               ) -> datetime.date:
    """The build's "today" (module doc).

    >>> env = {"SOURCE_DATE_EPOCH": "1638316800"}                 # 2021-12-01 00:00 UTC
    >>> as_of_date(None, env, datetime.date(2026, 5, 1)), as_of_date(2021, env, None)
    (datetime.date(2021, 12, 1), datetime.date(2021, 12, 1))
    >>> as_of_date(2024, env, None), as_of_date(datetime.date(2022, 3, 4), env, None)
    (datetime.date(2024, 1, 1), datetime.date(2022, 3, 4))
    """
    if isinstance(as_of, datetime.date):
        return as_of
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date() \
        if epoch.strip().isdigit() else clock
    if isinstance(as_of, int) and not isinstance(as_of, bool) and as_of != day.year:
        return datetime.date(as_of, 1, 1)
    return day


# ---- the deadlines of the catalog -------------------------------------------------------------

@dataclass(frozen=True)
class Deadline:
    """One deadline: a task of a document for an agency, or a target."""

    doc: DocPage
    what: str                    # the task or the target's text
    text: str                    # the deadline as the document (or targets file) writes it
    dues: tuple[Due, ...]        # () when the text gives no day
    agency: Agency | None
    agency_name: str | None      # as the document writes it (a task) when not matched
    anchor: str                  # the paragraph in the document's text ("" if unknown)
    uid: str                     # stable: document, paragraph, agency (see `deadlines`)
    target: Target | None = None


@dataclass(frozen=True)
class Entry:
    """A deadline listed on a day: its next day from today, or a past one."""

    day: datetime.date | None    # None: no set date
    deadline: Deadline
    due: Due | None
    state: str                   # upcoming | done | overdue | past | undated


def _issued(doc: DocPage) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(doc.date) if doc.date else None
    except ValueError:
        return None


def _target_dues(t: Target, issued: datetime.date | None) -> tuple[Due, ...]:
    if t.deadline_kind == "annual":
        start = issued.year if issued is not None else None
        return (Due(datetime.date(start, 12, 31), "annual", 1),) if start else ()
    if t.deadline is not None and t.deadline_kind in ("year", "term-end"):
        return (Due(datetime.date(t.deadline, 12, 31), "year_end"),)
    return ()


def _target_text(t: Target) -> str:
    return t.deadline_text or (str(t.deadline) if t.deadline else "")


def deadlines(cat: Catalog) -> list[Deadline]:
    """Every task with a deadline and every target with one, in catalog order (documents
    newest first). A task's UID: `<slug>.<anchor or line>.<agency>[.<n>]@vanban`, n counting
    the same agency's tasks in one paragraph; a target's: `<slug>.<id>@vanban`."""
    return _listing(cat).every


def _deadlines(cat: Catalog) -> list[Deadline]:
    out: list[Deadline] = []
    for doc in cat.documents:
        issued = _issued(doc)
        seen: Counter[str] = Counter()
        for a in cat.assigned.get(doc.slug, []):
            if not a.task.deadline:
                continue
            who = a.agency.id if a.agency is not None else slugify(a.task.agency) or "x"
            base = f"{doc.slug}.{a.task.anchor or f'l{a.task.line}'}.{who}"
            seen[base] += 1
            uid = base if seen[base] == 1 else f"{base}.{seen[base]}"
            out.append(Deadline(doc, a.task.task, a.task.deadline,
                                tuple(read(a.task.deadline, issued)), a.agency,
                                a.task.agency if a.agency is None else None, a.task.anchor,
                                f"{uid}@vanban"))
        tf = cat.progress.of(doc.slug)
        for target in tf.targets if tf is not None else []:
            if target.deadline_kind == "none":
                continue
            out.append(Deadline(doc, target.text, _target_text(target),
                                _target_dues(target, issued), target.agency, None,
                                target.anchor or "", f"{doc.slug}.{target.id}@vanban", target))
    return out


def _past_state(d: Deadline) -> str:
    if d.target is not None and d.target.status == "achieved":
        return "done"
    if d.target is not None and d.target.status == "missed":
        return "overdue"
    return "past"


def entries(items: Iterable[Deadline], today: datetime.date) -> list[Entry]:
    """The deadlines as listed: upcoming ones from today on (a recurring one at its next day),
    then past ones, the latest first, then those without a set date."""
    upcoming: list[Entry] = []
    past: list[Entry] = []
    undated: list[Entry] = []
    for d in items:
        if not d.dues:
            undated.append(Entry(None, d, None, "undated"))
        for due in d.dues:
            day = due.next_on_or_after(today)
            if day is not None:
                upcoming.append(Entry(day, d, due, "upcoming"))
            else:
                past.append(Entry(due.date, d, due, _past_state(d)))
    upcoming.sort(key=lambda e: (e.day, e.deadline.uid))
    past.sort(key=lambda e: (e.day, e.deadline.uid), reverse=True)
    return upcoming + past + undated


def agency_deadlines(cat: Catalog, agency_id: str) -> list[Deadline]:
    return _listing(cat).deadlines.get(agency_id, [])


@dataclass
class _Listing:
    """The deadlines of one catalog, all and per agency, and as listed, computed once: the
    pages of what is due (hundreds at 1,000 documents) each read one of these lists."""

    every: list[Deadline]
    all: list[Entry]
    deadlines: dict[str, list[Deadline]]
    entries: dict[str, list[Entry]]


@per_object
def _listing(cat: Catalog) -> _Listing:
    every = _deadlines(cat)
    rows = entries(every, cat.today)
    by_agency: dict[str, list[Deadline]] = {}
    for d in every:
        if d.agency is not None:
            by_agency.setdefault(d.agency.id, []).append(d)
    rows_by_agency: dict[str, list[Entry]] = {}
    for e in rows:      # filtering keeps the order `entries` gives
        if e.deadline.agency is not None:
            rows_by_agency.setdefault(e.deadline.agency.id, []).append(e)
    return _Listing(every, rows, by_agency, rows_by_agency)


def listed(cat: Catalog, agency_id: str | None = None) -> list[Entry]:
    """`entries` of every deadline (agency_id None) or of one agency's, as of `cat.today`."""
    listing = _listing(cat)
    return listing.all if agency_id is None else listing.entries.get(agency_id, [])


def agencies_with_deadlines(cat: Catalog) -> list[Agency]:
    found: dict[str, Agency] = {}
    for d in deadlines(cat):
        if d.agency is not None:
            found.setdefault(d.agency.id, d.agency)
    return [found[k] for k in sorted(found)]


def pages_of(rows: list[Entry]) -> list[list[Entry]]:
    return [rows[i:i + PAGE_ROWS] for i in range(0, len(rows), PAGE_ROWS)] or [[]]


def page_count(cat: Catalog, agency_id: str | None = None) -> int:
    return len(pages_of(listed(cat, agency_id)))


# ---- pieces of HTML ---------------------------------------------------------------------------

def month_label(ctx: Ctx, day: datetime.date) -> str:
    return ctx.t("due.month", m=f"{day.month:02d}", y=day.year, month=_MONTHS_EN[day.month - 1])


def month_id(day: datetime.date | None, state: str) -> str:
    if day is None:
        return "khong-ngay"
    return f"{'da-qua-' if state != 'upcoming' else ''}thang-{day.year}-{day.month:02d}"


def how_read(ctx: Ctx, d: Deadline, due: Due | None) -> str:
    if due is None:
        return d.text
    basis = "before_yearly" if due.basis == "before" and due.every else due.basis
    how = ctx.t(f"due.basis.{basis}", n=due.every)
    return ctx.t("due.read_as", text=d.text, how=how)


def _state(ctx: Ctx, e: Entry) -> Markup:
    if e.state in ("done", "overdue", "past"):
        return tag("span", ctx.t(f"due.state.{e.state}"), class_=f"vb-due-state vb-due-state--"
                   f"{e.state}")
    if e.due is not None and e.due.every:
        label = ctx.t("due.yearly") if e.due.every == 1 else ctx.t("due.every_years",
                                                                    n=e.due.every)
        return tag("span", label, class_="vb-due-state vb-due-state--yearly")
    return Markup("")


def _who(ctx: Ctx, d: Deadline) -> Markup:
    if d.agency is not None:
        return ctx.agency_link(d.agency)
    if d.agency_name:
        return tag("span", d.agency_name, lang=ctx.vi)
    return Markup("")


def entry_item(ctx: Ctx, e: Entry, *, agency: bool = True, short: bool = False) -> Markup:
    """One deadline as a list item: day, what (linking to its paragraph or its progress), the
    agency, the document, how the date was read (not when `short`: the home page), its
    state."""
    d = e.deadline
    when = tag("time", format_date(e.day.isoformat(), ctx.lang), datetime=e.day.isoformat(),
               class_="vb-due-day") if e.day is not None else \
        tag("span", d.text, class_="vb-due-day", lang=ctx.vi)
    kind = ctx.t("due.target") if d.target is not None else ctx.t("due.task")
    href = ctx.href("progress", d.doc.slug, slugify(f"chi tieu {d.target.id}")) \
        if d.target is not None else ctx.href("document", d.doc.slug, d.anchor)
    what = tag("a", shorten(d.what, 80 if short else 120), href=href, lang=ctx.vi)
    who = _who(ctx, d) if agency else Markup("")
    meta = join([x for x in (
        tag("span", kind, class_="vb-due-kind"), who,
        tag("a", ctx.doc_label(d.doc), href=ctx.href("document", d.doc.slug)),
        tag("span", how_read(ctx, d, e.due), class_="vb-due-how") if e.day is not None
        and not short else Markup(""), _state(ctx, e)) if x], " · ")
    return tag("li", when, " ", what, tag("br"), tag("span", meta, class_="vb-due-meta"),
               class_=f"vb-due vb-due--{e.state}")


def by_month(ctx: Ctx, rows: list[Entry], *, agency: bool = True
             ) -> tuple[Markup, list[tuple[str, str]]]:
    """Entries grouped under a heading per month (their order kept): (HTML, [(id, title)])."""
    parts: list[Markup] = []
    heads: list[tuple[str, str]] = []
    group: list[Markup] = []
    current: str | None = None
    for e in rows:
        anchor = month_id(e.day, e.state)
        if anchor != current:
            if group:
                parts.append(tag("ul", join(group), class_="vb-due-list"))
                group = []
            title = month_label(ctx, e.day) if e.day is not None else ctx.t("due.undated")
            if e.state not in ("upcoming", "undated"):
                title = f"{title} ({ctx.t('due.past').lower()})"
            if anchor not in dict(heads):
                heads.append((anchor, title))
                parts.append(tag("h3", title, id=anchor))
            else:
                parts.append(tag("h3", title))
            current = anchor
        group.append(entry_item(ctx, e, agency=agency))
    if group:
        parts.append(tag("ul", join(group), class_="vb-due-list"))
    return join(parts), heads


def _pager(ctx: Ctx, kind: str, agency_id: str | None, n: int, total: int) -> Markup:
    if total <= 1:
        return Markup("")

    def href(i: int) -> str:
        if agency_id is None:
            return ctx.href("deadlines") if i == 1 else ctx.href("deadlines_page", str(i))
        return ctx.href("deadlines_agency", agency_id if i == 1 else f"{agency_id}/trang/{i}")

    return tag("nav", pager_links(n, total, href), class_="vb-pager",
               aria_label=ctx.t("pager.label"))


def deadline_page(ctx: Ctx, agency_id: str | None, n: int) -> list[Section]:
    """Page `n` of the deadlines (all, or one agency's), by month; page 1 also lists the
    months of every page and the agencies (the filter, without JavaScript)."""
    cat = ctx.cat
    rows = listed(cat, agency_id)
    chunks = pages_of(rows)
    total = len(chunks)
    rows_here = chunks[n - 1] if n <= total else []
    body, heads = by_month(ctx, rows_here, agency=agency_id is None)
    if not rows:
        body = tag("p", ctx.t("due.none"), class_="vb-muted")
    body += _pager(ctx, "deadlines", agency_id, n, total)
    title = ctx.t("due.title") + (f" — {ctx.t('pager.position', n=n, total=total)}"
                                   if total > 1 else "")
    sections = [Section(slugify("thoi han"), title, body, "vb-due-page", subsections=heads)]
    if n == 1 and total > 1:
        sections.insert(0, Section(slugify("cac thang"), ctx.t("due.months"),
                                   _month_index(ctx, agency_id, chunks)))
    if n == 1 and agency_id is None:
        sections.insert(0, Section(slugify("loc theo co quan"), ctx.t("due.by_agency"),
                                   _agency_filter(ctx)))
    return sections


def _month_index(ctx: Ctx, agency_id: str | None, chunks: list[list[Entry]]) -> Markup:
    links: list[Markup] = []
    seen: set[str] = set()
    counts = Counter(month_id(e.day, e.state) for chunk in chunks for e in chunk)
    for i, chunk in enumerate(chunks, 1):
        for e in chunk:
            anchor = month_id(e.day, e.state)
            if anchor in seen:
                continue
            seen.add(anchor)
            label = month_label(ctx, e.day) if e.day is not None else ctx.t("due.undated")
            if e.state not in ("upcoming", "undated"):
                label = f"{label} ({ctx.t('due.past').lower()})"
            if agency_id is None:
                page = ctx.href("deadlines") if i == 1 else ctx.href("deadlines_page", str(i))
            else:
                page = ctx.href("deadlines_agency",
                                agency_id if i == 1 else f"{agency_id}/trang/{i}")
            href = f"{page.split('#')[0]}#{anchor}" if i > 1 else f"#{anchor}"
            links.append(tag("li", tag("a", label, href=href), " ",
                             tag("span", str(counts[anchor]), class_="vb-count")))
    return tag("ul", join(links), class_="vb-facets vb-due-months")


def _agency_filter(ctx: Ctx) -> Markup:
    counts = Counter(d.agency.id for d in deadlines(ctx.cat) if d.agency is not None)
    agencies = sorted(agencies_with_deadlines(ctx.cat), key=lambda a: fold(ctx.agency_name(a)))
    return tag("ul", join(
        tag("li", tag("a", ctx.agency_name(a), href=ctx.href("deadlines_agency", a.id)), " ",
            tag("span", str(counts[a.id]), class_="vb-count"))
        for a in agencies), class_="vb-facets vb-due-agencies")


def deadline_intro(ctx: Ctx, agency_id: str | None) -> Markup:
    intro = tag("p", ctx.t("due.intro", date=format_date(ctx.cat.today.isoformat(), ctx.lang)),
                class_="vb-intro")
    if agency_id is None:
        return intro
    agency = ctx.cat.registry.get(agency_id)
    if agency is None:
        return intro
    return join([intro, tag("p", ctx.agency_link(agency), " · ",
                            tag("a", ctx.t("due.all_agencies"), href=ctx.href("deadlines")),
                            " · ", calendar_link(ctx, agency_id))])


def calendar_link(ctx: Ctx, agency_id: str) -> Markup:
    # one file for every language, like the downloads
    href = relative(ctx.here, url("calendar", agency_id))
    return tag("a", ctx.t("due.calendar"), href=href,
               type="text/calendar", class_="vb-calendar-link")


def agency_section(ctx: Ctx, agency: Agency) -> Section:
    """An agency page's next deadlines, the link to all of them and its calendar feed."""
    items = agency_deadlines(ctx.cat, agency.id)
    rows = [e for e in listed(ctx.cat, agency.id) if e.state == "upcoming"][:AGENCY_ROWS]
    listing = tag("ul", join(entry_item(ctx, e, agency=False) for e in rows),
                  class_="vb-due-list") if rows else \
        tag("p", ctx.t("due.home_none"), class_="vb-muted")
    more = tag("p", tag("a", ctx.t("due.agency_all", n=len(items)),
                        href=ctx.href("deadlines_agency", agency.id))) if items else Markup("")
    feed = tag("p", calendar_link(ctx, agency.id), tag("br"),
               tag("span", ctx.t("due.calendar_help"), class_="vb-muted vb-due-meta"))
    return Section(DUE_ID, ctx.t("due.agency_section"), join([listing, more, feed]))


# ---- the home page ----------------------------------------------------------------------------

def home_due(ctx: Ctx) -> list[Entry]:
    """What falls due from today to HOME_DAYS days on, soonest first."""
    end = ctx.cat.today + datetime.timedelta(days=HOME_DAYS)
    return [e for e in listed(ctx.cat)
            if e.state == "upcoming" and e.day is not None and e.day <= end]


def status_groups(targets: Iterable[Target]) -> tuple[dict[str, int], int]:
    """({bar group: count} of the targets with a deadline, count of those without one, whatever
    their status: the document gives no deadline, `deadline: null`)."""
    targets = list(targets)
    counts = Counter(t.status for t in targets if t.deadline_kind != "none")
    groups = {g: sum(counts.get(s, 0) for s in statuses) for g, statuses in BAR_GROUPS.items()}
    return groups, sum(1 for t in targets if t.deadline_kind == "none")


def status_bar(ctx: Ctx) -> Markup:
    """One line: the targets' statuses as a bar and counts, linking to the dashboard."""
    groups, apart = status_groups(ctx.cat.progress.targets())
    total = sum(groups.values())
    segments = join(tag("span", class_=f"vb-sbar__seg vb-sbar__seg--{g}",
                        style=f"flex-grow:{n}") for g, n in groups.items() if n)
    legend = join([tag("span", tag("strong", str(n)), " ", ctx.t(f"due.bar.{g}"),
                       class_=f"vb-sbar__n vb-sbar__n--{g}", data_group=g, data_count=n)
                   for g, n in groups.items()], " · ")
    if apart:
        legend += join([" · ", tag("span", ctx.t("due.bar_apart", n=apart),
                                   class_="vb-sbar__n", data_group="no_deadline",
                                   data_count=apart)])
    title = ctx.t("due.bar_label", n=total)
    return tag("a", tag("span", segments, class_="vb-sbar__bar", aria_hidden="true"),
               tag("span", title, ": ", legend, class_="vb-sbar__legend"),
               href=ctx.href("progress_index"), class_="vb-sbar",
               title=ctx.t("due.bar_link"))


def home(ctx: Ctx) -> list[Section]:
    """The home page's "what is due" sections."""
    rows = home_due(ctx)
    listing = tag("ul", join(entry_item(ctx, e, short=True) for e in rows[:HOME_ROWS]),
                  class_="vb-due-list vb-due-list--home") if rows else \
        tag("p", ctx.t("due.home_none"), class_="vb-muted")
    label = ctx.t("due.home_more", n=len(rows)) if len(rows) > HOME_ROWS \
        else ctx.t("due.home_all")
    listing += tag("p", tag("a", label, href=ctx.href("deadlines")))
    return [Section(slugify("sap den han"), ctx.t("due.home_title"), listing, "vb-due-home"),
            Section(slugify("tinh hinh chi tieu"), ctx.t("due.bar_title"), status_bar(ctx),
                    "vb-due-bar")]


# ---- titles of the pages ----------------------------------------------------------------------

def agency_title(cat: Catalog, agency_id: str, lang: str) -> str:
    agency = cat.registry.get(agency_id)
    name = (agency.name_en if lang == "en" else agency.name) if agency else agency_id
    return t("due.agency_title", lang, agency=name)


def page_title(cat: Catalog, key: str, lang: str) -> str:
    """Title of page `key` of the deadlines: "" (all), "<n>" (page n of all), "<agency id>"
    or "<agency id>/trang/<n>"."""
    base, _, n = key.partition("/trang/")
    if base.isdigit():
        base, n = "", base
    title = agency_title(cat, base, lang) if base else t("due.title", lang)
    return t("due.page_title", lang, title=title, n=n) if n else title


# ---- iCalendar --------------------------------------------------------------------------------

_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _stamp(doc: DocPage) -> datetime.datetime:
    """DTSTAMP: the document's date (the content's, not the build's: two builds agree)."""
    issued = _issued(doc)
    return datetime.datetime(issued.year, issued.month, issued.day, tzinfo=datetime.UTC) \
        if issued is not None else _EPOCH


def calendar_ics(cat: Catalog, agency_id: str, site_url: str | None) -> bytes:
    """The agency's deadlines as an iCalendar feed: one all-day event per day a deadline
    falls due (a recurring one with its RRULE), none for a deadline without a set date."""
    import icalendar

    from .html import Abbreviations

    vi = Ctx(cat, "vi", "", Abbreviations({}))
    en = Ctx(cat, "en", "", Abbreviations({}))
    agency = cat.registry.get(agency_id)
    name = agency.name if agency is not None else agency_id
    cal = icalendar.Calendar()
    cal.add("prodid", "-//vanban//Cong thong tin van ban Cong doan//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vi.t("due.agency_title", agency=name))
    cal.add("x-wr-caldesc", en.t("due.agency_title", agency=agency.name_en if agency else name))
    cal.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    for d in agency_deadlines(cat, agency_id):
        for due in d.dues:
            event = icalendar.Event()
            suffix = f".{due.date:%m%d}" if len(d.dues) > 1 else ""
            event.add("uid", d.uid.replace("@", f"{suffix}@", 1))
            event.add("dtstamp", _stamp(d.doc))
            event.add("dtstart", due.date)
            event.add("dtend", due.date + datetime.timedelta(days=1))
            if due.every:
                event.add("rrule", {"freq": "yearly", "interval": due.every})
            kind = vi.t("due.target") if d.target is not None else vi.t("due.task")
            event.add("summary", f"{kind}: {shorten(d.what, 90)}")
            lines = [d.what, "",
                     f"{vi.doc_label(d.doc)} — {d.doc.title}",
                     f"Thời hạn trong văn bản: {how_read(vi, d, due)} "
                     f"({'từ ' if due.every else ''}{format_date(due.date.isoformat(), 'vi')}).",
                     f"Deadline in the document: {how_read(en, d, due)} "
                     f"({'from ' if due.every else ''}{format_date(due.date.isoformat(), 'en')})."]
            if base:
                page = url("document", d.doc.slug) + (f"#{d.anchor}" if d.anchor else "")
                event.add("url", base + page)
                lines.append(base + page)
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            event.add("class", "PUBLIC")
            cal.add_component(event)
    return cal.to_ical()
