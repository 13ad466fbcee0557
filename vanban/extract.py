"""Derived facts: citations, targets (chỉ tiêu) and assignments (phân công), from a parsed body.

Everything here reads the section tree built by `vanban.parser` and writes `doc.cites`,
`doc.targets`, `doc.assignments` (and warnings). The patterns live in `vanban.grammar`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import grammar as g
from .fields import canonical_number, iso_date, type_code
from .messages import register
from .model import (
    Assignment,
    Citation,
    DocType,
    Document,
    Item,
    Node,
    Paragraph,
    Section,
    Table,
    Target,
)
from .text import at_most_words, fold, number_key

register({
    "cite_short_unresolved": (
        "trích dẫn rút gọn '{text}' không khớp văn bản nào được nêu đầy đủ trước đó",
        "short citation '{text}' matches no earlier full citation",
    ),
})

# A digit, found by the engine's skip-ahead over a class of plain ranges (see g.DIGIT)
_DIGIT = re.compile(g.DIGIT)
_DIGITS = re.compile(r"\d+")
# "thực hiện …", "để triển khai thực hiện …": the document implements the one it cites
_IMPLEMENTING = re.compile(r"(để\s+)?(triển khai\s+)?thực hiện")
# CITE_NUMBER_RE's start
_HAS_NUMBER = re.compile(g.DIGIT + r"[a-zA-Z]?\s*[/\-\u2011]\s*[A-Za-zĐđƯư]")
_RELATION_RANK = {"dan_chieu": 0, "thuc_hien": 1, "can_cu": 2}


def extract_all(doc: Document) -> None:
    units = _units(doc, _Memo(doc))  # one walk of the tree for the three kinds of facts
    extract_citations(doc, units)
    extract_targets(doc, units)
    extract_assignments(doc, units)
    one_name_per_body(doc)


class _Memo:
    """Per document: the term's end year, and agency names already looked up (a heading's name
    is asked again by each node under it)."""

    def __init__(self, doc: Document) -> None:
        self.term_end = doc.term[1] if doc.term else None
        self._agencies: dict[str, str | None] = {}

    def agency(self, text: str) -> str | None:
        if text not in self._agencies:
            self._agencies[text] = agency_name(text)
        return self._agencies[text]

    def heading_agency(self, text: str) -> tuple[str, str] | None:
        """(agency, the heading's words that name it) for a heading that gives its items to a
        body: "5. Ban Tổ chức Tỉnh ủy:", "6.2 Đối với đơn vị được kiểm tra" (the whole name
        after "Đối với"), "7. Đề nghị UB MTTQ và các ngành đoàn thể xã:"."""
        m = _FOR_BODY.match(text)
        if m:
            rest = text[m.end():].strip().rstrip(" :")
            if m.group(1) or m.group(2):  # "Đối với …": its words are the name, verbs too
                return (rest, rest) if g.AGENCY_START.match(rest) and at_most_words(rest, 10) \
                    else None
            text = rest
        name = self.agency(text)
        return (name, text.strip().rstrip(" :")) if name else None


# a heading that names the body its items are for: "Đối với các Thôn, Xóm, Tổ dân phố:",
# "Nhiệm vụ của …", "Đề nghị …", "Giao …"
_FOR_BODY = re.compile(r"(?:(Đối\s+với)|(Nhiệm\s+vụ\s+của)|Đề\s+nghị|Giao|Yêu\s+cầu)\s+",
                       re.IGNORECASE)


# ---- walking -----------------------------------------------------------------------------------

_UNKNOWN: object = object()
# a heading about targets: "Chỉ tiêu …", "Mục tiêu cụ thể đến năm 2030" (folded) — not one
# about results: "Kết quả thực hiện các chỉ tiêu năm 2025", "Tình hình …", "Đánh giá …"
_TARGET_HEADING = re.compile(r"chi tieu|muc tieu cu the|cac muc tieu")
_RESULTS_HEADING = re.compile(r"ket qua|tinh hinh|danh gia")
# document types that set targets: a "100%" there is one without a cue ("100% các cơ sở Đoàn
# phát động …", "mục tiêu là xây dựng 100% xã đảm bảo trật tự")
_PLAN_TYPES = {"KH", "CTr", "NQ", "CT", "ĐA", "PA", "KL"}


# a section whose items assign tasks: "TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG NHIỆM VỤ" (folded)
_TASK_HEADING = re.compile(r"to chuc thuc hien|^(?:[ivxlc\d]+\W+)?phan cong (?:nhiem vu|thuc hien)")


class _Scope:
    """What the nodes under a heading (a section or item) inherit from it and from the headings
    above it — each answer computed once per heading, and only when first asked."""

    __slots__ = (
        "_agency",
        "_deadline",
        "_named",
        "_target_zone",
        "_task_zone",
        "heading",
        "memo",
        "parent",
        "title",
    )

    def __init__(self, memo: _Memo, parent: _Scope | None = None,
                 heading: Section | Item | None = None, title: str = "") -> None:
        self.memo = memo
        self.parent = parent
        self.heading = heading
        self.title = title  # a part's heading lines ("Phụ lục 1 CÁC CHỈ TIÊU …"), for its root
        self._task_zone = self._target_zone = self._deadline = self._agency = _UNKNOWN
        self._named = _UNKNOWN

    def task_zone(self) -> bool:
        """Under (or being) a section "TỔ CHỨC THỰC HIỆN": its items assign tasks."""
        if self._task_zone is _UNKNOWN:
            h = self.heading
            self._task_zone = (self.parent is not None and self.parent.task_zone()) or (
                isinstance(h, Section) and _TASK_HEADING.search(fold(h.heading)) is not None)
        return self._task_zone  # type: ignore[return-value]

    def _heading_text(self) -> str:
        return heading_text(self.heading) if self.heading is not None else self.title

    def target_zone(self) -> bool:
        """Under a heading about "chỉ tiêu" (a section's, an item's or an appendix's): its
        values are targets."""
        if self._target_zone is _UNKNOWN:
            text = fold(self._heading_text())
            self._target_zone = (self.parent is not None and self.parent.target_zone()) or (
                _TARGET_HEADING.search(text) is not None
                and _RESULTS_HEADING.search(text) is None)
        return self._target_zone  # type: ignore[return-value]

    def deadline(self) -> tuple[int | str, str] | None:
        """The deadline the nearest heading states: "Đến năm 2025", "Chỉ tiêu hằng năm",
        "CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026 - 2030" (an appendix's)."""
        if self._deadline is _UNKNOWN:
            text = self._heading_text()
            own = _heading_deadline(text, self.memo.term_end) if text else None
            self._deadline = own or (self.parent.deadline() if self.parent is not None else None)
        return self._deadline  # type: ignore[return-value]

    def named_agency(self) -> str | None:
        """The agency of the nearest heading that is only an agency's name ("2. Thanh tra
        tỉnh", "1. Đảng uỷ Quốc hội"): its items are that agency's tasks, in any document."""
        if self._named is _UNKNOWN:
            h, name = self.heading, None
            if h is not None and self.parent is not None:
                text = heading_text(h).strip().rstrip(" :")
                found = self.memo.heading_agency(text)
                name = found[0] if found else None
                if not found or found[0] != found[1] or not at_most_words(text, 12):
                    name = self.parent.named_agency()
            self._named = name
        return self._named  # type: ignore[return-value]

    def agency(self) -> str | None:
        """The agency the nearest agency heading names: "5. Ban Tổ chức Tỉnh ủy:"."""
        if self._agency is _UNKNOWN:
            h, name = self.heading, None
            if h is not None and self.parent is not None:
                found = self.memo.heading_agency(heading_text(h))
                name = found[0] if found else None
                if not name or (isinstance(h, Item) and not h.text.rstrip().endswith(":")
                                and not at_most_words(h.text, 12)):
                    name = self.parent.agency()
            self._agency = name
        return self._agency  # type: ignore[return-value]


@dataclass(slots=True)
class _Unit:
    """A body node with what the extractions ask about it, in document order."""

    node: Node
    scope: _Scope  # the headings above the node
    own: _Scope    # the same, with the node itself when it is a heading
    text: str      # node_text(node)
    first_digit: int  # where the text's first digit is, -1 if none (most have none, and skip
                      # every number pattern; the others start looking there)
    low: str | None = None  # g.lowered(text), made when first needed

    def lowered(self, text: str) -> str:
        """`g.lowered(text)` for the unit's text or an end of it (a section's body text), with
        the unit's text lowered once for all who ask."""
        if self.low is None:
            self.low = g.lowered(self.text)
        return self.low[len(self.text) - len(text):]


def _first_digit(text: str) -> int:
    """Where the first digit of a text is, -1 if none."""
    m = _DIGIT.search(text)
    return m.start() if m else -1


def _units(doc: Document, memo: _Memo) -> list[_Unit]:
    """Every body node, parts included, in document order."""
    out: list[_Unit] = []
    _visit(doc.body, _Scope(memo), out)
    for p in doc.parts:  # (not the "(Kèm theo …)" line: its words are another document's)
        if p.kind == "document":  # another document printed after this one (and its own
            break                 # parts after it): none of their facts are this one's
        title = " ".join(h.text for h in p.heading if not h.text.lstrip().startswith("("))
        _visit(p.body, _Scope(memo, title=title), out)
    return out


def _visit(nodes: list[Node], scope: _Scope, out: list[_Unit]) -> None:
    for n in nodes:
        text = node_text(n)
        if isinstance(n, _HEADINGS):
            own = _Scope(scope.memo, scope, n)
            out.append(_Unit(n, scope, own, text, _first_digit(text)))
            _visit(n.children, own, out)
        else:
            out.append(_Unit(n, scope, scope, text, _first_digit(text)))


_HEADINGS = (Section, Item)


def node_text(node: Node) -> str:
    if isinstance(node, Section):
        return " ".join(t for t in (node.heading, node.text) if t)
    if isinstance(node, _TEXTS):
        return node.text
    return " ".join(" ".join(r) for r in node.rows)


_TEXTS = (Paragraph, Item)


def heading_text(node: Node) -> str:
    if isinstance(node, Section):
        return node.heading
    if isinstance(node, Item):
        return node.text
    return ""


# ---- citations -----------------------------------------------------------------------------

def _sentence_start(text: str, pos: int) -> str:
    cut = max(text.rfind(". ", 0, pos), text.rfind("; ", 0, pos))
    return text[cut + 2 if cut >= 0 else 0: pos].lstrip()


def extract_citations(doc: Document, units: list[_Unit]) -> None:
    by_key: dict[str, Citation] = {}
    numbers: set[str] = set()  # the numbers of the documents cited, without leading zeros
    own = _cite_key(doc.number) if doc.number else None
    # (text, line, is_preamble, where its first digit is) for the texts with a digit: every
    # citation has a number
    texts: list[tuple[str, int, bool, int]] = []
    if doc.title:
        texts.append((doc.title, doc.title_lines[0].line if doc.title_lines else 0, True,
                      _first_digit(doc.title)))
    first_section = True
    for u in units:
        if isinstance(u.node, Section):
            first_section = False
        texts.append((u.text, u.node.line, first_section and isinstance(u.node, Paragraph),
                      u.first_digit))
    for p in doc.parts:
        if p.kind == "document":
            break
        texts += [(h.text, h.line, False, _first_digit(h.text)) for h in p.heading]
    # lines the parser left unread in the header or after the signature (a title it did not
    # take, a report attached after the letter, read as more recipients): their citations are
    # the document's too
    texts += [(s.text, s.line, False, _first_digit(s.text))
              for s in (*doc.head, *doc.closing) if s.role in ("other", "recipient")]

    for text, line, preamble, digit in texts:
        if digit < 0:
            continue
        spans: list[tuple[int, int]] = []
        # a full citation's number holds "/" or "-": most texts with a digit hold neither
        cited = ("/" in text or "-" in text or "\u2011" in text) and \
            _HAS_NUMBER.search(text, digit)
        for m in g.find_citations(text, digit) if cited else []:
            spans.append((m.start, m.end))
            number = canonical_number(m.number)
            key = _cite_key(number)
            if key == own:
                continue
            start = _sentence_start(text, m.start).lower()
            if start.startswith("căn cứ"):
                relation = "can_cu"
            elif preamble and _IMPLEMENTING.match(start):
                relation = "thuc_hien"
            else:
                relation = "dan_chieu"
            date = None
            if m.date:
                d = m.date
                parts = _DIGITS.findall(d)
                date = iso_date(parts[2], parts[1], parts[0], doc, line, d)
            issuer = m.issuer.strip() if m.issuer else None
            summary = None
            sm = g.CITE_SUMMARY.match(text, m.end)
            if sm:
                summary = (sm.group("quoted") or sm.group("q2") or sm.group("plain") or "").strip()
                summary = summary[:300] or None
            cite = by_key.get(key)
            if cite is None:
                cite = Citation(_cite_type(m.type, number), number, date, issuer,
                                relation, summary, line, [line])
                by_key[key] = cite
                doc.cites.append(cite)
                cnum = _DIGITS.match(number)
                if cnum and cnum.group(0).lstrip("0"):  # (zeros alone match no mention)
                    numbers.add(cnum.group(0).lstrip("0"))
                continue
            if line not in cite.mentions:
                cite.mentions.append(line)
            cite.date = cite.date or date
            cite.issuer = cite.issuer or issuer
            cite.summary = cite.summary or summary
            if _RELATION_RANK[relation] > _RELATION_RANK[cite.relation]:
                cite.relation = relation
        # a short mention counts only when its number is that of a document cited in full
        for short in g.find_short_citations(text, digit, numbers) if numbers else []:
            if any(a <= short.start < b for a, b in spans):
                continue
            code = g.TYPE_NAMES.get(short.type.lower())
            n = short.number.lstrip("0") or "0"
            for cite in doc.cites:
                cnum = _DIGITS.match(cite.number or "")
                if cite.type.code == code and cnum and cnum.group(0).lstrip("0") == n:
                    if line not in cite.mentions:
                        cite.mentions.append(line)
                    break


def _cite_key(number: str) -> str:
    """Which cited numbers are one document: `number_key`, with "/" and "-" alike (one
    document printed "102/2025/NQLT/UBTVQH15-CP" and "102/2025/NQLT-UBTVQH15-CP")."""
    return number_key(number).replace("-", "/")


_NUMBER_REST = re.compile(r"^\d+[a-zA-Z]?[/-](?P<rest>.+)$")


def _cite_type(word: str, number: str) -> DocType:
    m = _NUMBER_REST.match(number)
    code = type_code(m.group("rest")) if m else None
    written = g.TYPE_NAMES.get(word.lower())
    if written and (code is None or code == "CV"):
        code = written
    name = word[:1].upper() + word[1:].lower() if word.lower() in g.TYPE_NAMES else None
    if name is None or (written and code != written):
        name = g.TYPE_CODES.get(code or "", None)
    return DocType(code, name)


# ---- targets ---------------------------------------------------------------------------------

def _deadline_of(text: str, term_end: int | None, low: str | None = None
                 ) -> tuple[int | str, str] | None:
    low = g.lowered(text) if low is None else low
    if "năm" not in low and "nhiệm" not in low:  # each pattern below needs one of the words
        return None
    m = g.BY_YEAR.search(text, low)
    if m:
        return int(m.group("y")), m.group(0)
    m = g.ANNUAL.search(text, low)
    if m:
        return "annual", m.group(0)
    m = g.TERM_END.search(text, low)
    if m:
        return (term_end or "term-end"), m.group(0)
    m = g.TERM.search(text, low)
    if m:
        return int(m.group("b")), m.group(0)
    return None


def _heading_deadline(text: str, term_end: int | None) -> tuple[int | str, str] | None:
    """A heading's deadline: as a sentence's (`_deadline_of`), else its period's end year
    ("GIAI ĐOẠN 2026 - 2030" → 2030); a vision after the period is no deadline ("…, TẦM NHÌN
    ĐẾN NĂM 2045")."""
    period = g.PERIOD.search(text)
    if period:
        text = g.VISION.sub("", text)
    found = _deadline_of(text, term_end)
    if found is None and period:
        return int(period.group("b")), period.group(0)
    return found


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # Vietnamese thousands: 105.000
_CLAUSE_END = re.compile(r"(?<=;)\s+")  # what _clauses() splits at
_CLAUSE_BREAK = re.compile(r";\s+")    # the same, with its ";" first (the engine skips to it)


def _clauses(text: str) -> list[tuple[int, str]]:
    """`_CLAUSE_END.split(text)`, each clause with where it starts in the text."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        out.append((start, text[start: m.start() + 1]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def _number(text: str) -> float:
    if _THOUSANDS.fullmatch(text):  # Vietnamese thousands: 105.000
        return float(text.replace(".", ""))
    if "." in text and "," in text:  # thousands and a decimal comma: 2.989,5
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


# a quantity a plan sets: "số lượng tiết mục: 15 tiết mục" (19, a KH for a music night)
_SET_QUANTITY = re.compile(r"\b[Ss]ố\s+lượng\s+[^:;.]{1,40}:\s*\d")
_FULL = re.compile(r"(?<![\d.,])100\s*%\s+(?:các\s+|số\s+)?\w")  # "100% xã", "100% các cơ sở"


def extract_targets(doc: Document, units: list[_Unit]) -> None:
    plan = doc.type.code in _PLAN_TYPES
    n = 0
    term_end = doc.term[1] if doc.term else None
    counted: str | None = None  # a counting indicator whose value is in the next node
    for u in units:
        node = u.node
        if isinstance(node, Table):
            n = _table_targets(doc, node, n, u.scope)
            counted = None
            continue
        pending, counted = counted, None
        if (pending or "ố" in u.text) and u.scope.target_zone():
            n, counted = _counted_targets(doc, n, u, pending, term_end)
        if u.first_digit < 0:  # the node's text holds no digit, so its body text neither
            continue
        text, digit = u.text, u.first_digit
        # its body text, without the heading — but under a heading about targets a numbered
        # heading is a row of targets too ("9. | Tỉ lệ che phủ rừng 42%": an OCR'd table)
        if isinstance(node, Section) and not u.scope.target_zone():
            if not node.text:
                continue
            text = node.text
            digit = _first_digit_after(u, text)
            if digit < 0:
                continue
        # no value (a percentage or a count), no target: asked before the text is lowered for
        # the cue words (a value inside a clause is one in the whole text: none holds a ";")
        if not (("%" in text and g.PERCENT.search(text, digit)) or g.COUNT.search(text, digit)):
            continue
        zone = u.scope.target_zone()
        low = u.lowered(text)
        if not (zone or g.TARGET_CUE.search(text, low) or (
            "%" in text and (g.ANNUAL.search(text, low) or g.BY_YEAR.search(text, low)
                             or g.TERM_END.search(text, low)
                             or (plan and _FULL.search(text))))
                or (plan and "lượng" in text and _SET_QUANTITY.search(text))):
            continue
        n = _text_targets(doc, n, text, low, digit, u.scope.deadline(), term_end, node, zone)


# a counting indicator in a text under a heading about targets: "17. Số công trình xây dựng
# xanh được chứng nhận trên cả nước | 1.200" (lower case too: "số sáng kiến được công nhận")
_COUNTED_AT = re.compile(r"(?<!\w)[Ss]ố\s+(?:lượng\s+)?(?P<unit>" + g.COUNT_UNIT + r")(?!\w)",
                         re.IGNORECASE)
# a bare number, its value: not a year, a date's or a document number's part, a percentage or
# a count with its own unit (those the sentence rules read)
_BARE = re.compile(r"(?<![\w.,/-])(?P<cmp>[<>≤≥]\s*)?(?P<num>\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)"
                   r"(?![\w.,/%-])(?!\s*%)(?!\s+(?:" + g.COUNT_UNIT + r")(?!\w))", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_A_VALUE_AFTER = re.compile(r"(?:năm|số|Điều|khoản|ngày|tháng)\s*$", re.IGNORECASE)


def _counted_targets(doc: Document, n: int, u: _Unit, pending: str | None,
                     term_end: int | None) -> tuple[int, str | None]:
    """Under a heading about targets, a counting indicator ("Số công trình xây dựng xanh …")
    and the bare number after it ("1.200", ">25") are a count of that noun. The number may be
    in the next node (`pending`: the noun of an indicator the node before ended with — an
    OCR'd table cuts a row in two). Gives (n, the noun of an indicator still waiting)."""
    text = u.text
    m = _COUNTED_AT.search(text)
    noun = _SPACES.sub(" ", m.group("unit")) if m else pending
    if noun is None:
        return n, None
    row = _ROW_NUMBER.match(text)  # (the next node's own row number is no value)
    pos = m.end() if m else row.end() if row else 0
    for b in _BARE.finditer(text, pos):
        num = b.group("num")
        if _YEAR.fullmatch(num) or _NOT_A_VALUE_AFTER.search(text, max(0, b.start() - 8),
                                                            b.start()):
            continue
        comparator = _CELL_COMPARATORS.get(b.group("cmp").strip()) if b.group("cmp") else None
        if comparator is None:
            found = g.COMPARATOR.find(text, b.start(), pos)
            comparator = _comparator(g.COMPARATOR_BEFORE, found[0]) if found else None
        deadline, deadline_text = _deadline_of(text, term_end) or u.scope.deadline() \
            or (None, None)
        n += 1
        doc.targets.append(_target(n, text, _number(num), noun, comparator, deadline,
                                   deadline_text, noun, u.node))
        return n, None
    return n, noun if m else None


def _text_targets(doc: Document, n: int, text: str, low: str, digit: int,
                  context: tuple[int | str, str] | None, term_end: int | None, node: Node,
                  zone: bool, line: int | None = None) -> int:
    """The targets of a text that holds some (`low`: the text lowered; `digit`: where its first
    digit is; `context`: the deadline its headings give; `zone`: under a heading about
    targets; `line`: a table row's line)."""
    # clauses end at "; " — most texts are one clause; each clause's lowered text is a
    # slice of the text's (lowering is character for character, see g.lowered)
    for start, clause in _clauses(text) if ";" in text else ((0, text),):
        clause_low = low[start: start + len(clause)]
        own = _deadline_of(clause, term_end, clause_low)
        deadline, deadline_text = own or context or (None, None)
        values = _values(clause, digit if clause is text else None, zone)
        if not values or g.LEGAL_THRESHOLD.search(clause):
            continue
        # a clause of several sentences: each value has its own sentence's deadline ("… ít
        # nhất 3% tổng chi ngân sách hằng năm … . Nguồn nhân lực … đạt 12 người …")
        sentences = own is not None and len(values) > 1 and ". " in clause
        for v, unit in values:
            if sentences:
                a = clause.rfind(". ", 0, v.start) + 1
                b = clause.find(". ", v.end)
                b = len(clause) if b < 0 else b
                deadline, deadline_text = _deadline_of(
                    clause[a:b], term_end, clause_low[a:b]) or context or (None, None)
            low_bound = g.RANGE_BEFORE.search(clause, max(0, v.start - 12), v.start) \
                if v.start and clause[v.start - 1] in " -–" else None
            if low_bound:
                v.num = low_bound.group("low")
            n += 1
            before = _comparator(_BEFORE, v.before)
            after = _comparator(g.COMPARATOR_AFTER, v.after)
            subject = _subject(clause, v, unit)
            if not (before or after) and subject and _AT_LEAST_AFTER.match(subject):
                after = "≥"  # "20% số đoàn viên trở lên"
                subject = _AT_LEAST.sub("", subject, count=1)
            doc.targets.append(_target(
                n, clause, _number(v.num), unit, before or after,
                deadline, deadline_text, subject, node, line))
    return n


_BEFORE = {**g.COMPARATOR_BEFORE, "từ": "≥"}  # "… từ 05 mỏ … trở lên" (see _FROM_AT_LEAST)
_AT_LEAST_AFTER = re.compile(r"^(?:\S+\s+){0,3}trở\s+lên\b")
_AT_LEAST = re.compile(r"\s*trở\s+lên\b")
_SPACES = re.compile(r"\s+")
# "doanh nghiệp có từ 25 …", "từ 25 …": a count that qualifies its subject
_QUALIFIED = re.compile(r"(?:doanh\s+nghiệp|đơn\s+vị|nơi|cơ\s+sở)\s+(?:có\s+)?(?:từ\s*)?$",
                        re.IGNORECASE)
_FROM = re.compile(r"\btừ\s*$", re.IGNORECASE)
# … but after "Phấn đấu", or under a heading about targets, a count from "từ" is the object
# striven for, at least that many ("Phấn đấu trung bình mỗi năm tổ chức đấu giá từ 05 mỏ
# khoáng sản … trở lên", 04; "- Có từ 25 công trình xây dựng xanh được chứng nhận.", CTr
# 104-CTr/TU) — unless a noun or its "có" stands before "từ" ("nhóm từ 30 hộ trở lên",
# "doanh nghiệp có từ 25 …")
_STRIVE = re.compile(r"\bphấn\s+đấu\b", re.IGNORECASE)
_FROM_AT_LEAST = re.compile(r"(?:^\W*|\bphấn\s+đấu\s+)có\s+từ\s*$|(?<!\bcó)(?<!\bnhóm)"
                            r"(?<!\bxã)(?<!\bthôn)(?<!\bhộ)(?<!\bkhu)\s+từ\s*$", re.IGNORECASE)


def _first_digit_after(u: _Unit, body: str) -> int:
    """Where the first digit of a section's body text (the end of the unit's text) is, -1 if
    none: the unit's first digit tells, unless it lies in the heading."""
    offset = len(u.text) - len(body)
    return u.first_digit - offset if u.first_digit >= offset else _first_digit(body)


def _comparator(table: dict[str, str], word: str | None) -> str | None:
    return table.get(_SPACES.sub(" ", word.lower())) if word else None


def _values(clause: str, digit: int | None = None, zone: bool = False
            ) -> list[tuple[g.Value, str]]:
    """The percentages and counts of a clause (`digit`: where its first digit is, if known:
    every value starts with a digit, so no search looks before it; `zone`: under a heading
    about targets)."""
    digit = _first_digit(clause) if digit is None else digit
    if digit < 0:
        return []
    found: list[tuple[g.Value, str]] = [(v, "%") for v in g.find_values(g.PERCENT, clause, digit)] \
        if "%" in clause else []
    taken = [(v.start, v.end) for v, _ in found]
    for m in g.find_values(g.COUNT, clause, digit):
        if any(a < m.end and m.start < b for a, b in taken):
            continue
        head = clause[: m.start]
        if g.count_qualified(head) and (_QUALIFIED.search(head) or _FROM.search(head)):
            if _QUALIFIED.search(head) or not (_FROM_AT_LEAST.search(head)
                                               and (zone or _STRIVE.search(head))):
                continue
            m.before = m.before or "từ"  # (≥)
        found.append((m, _SPACES.sub(" ", m.unit or "")))
    if "," in clause:
        for index in _INDEX_VALUE.finditer(clause, max(0, digit - 20)):
            found.append((g.Value(index.start(), index.end(), index.group("num"), None,
                                  index.group("cmp"), None), ""))
    return sorted(found, key=lambda mu: mu[0].start)


# an index with no unit, kept above a bound at the end of a sentence: "chỉ số phát triển con
# người (HDI) duy trì trên 0,7." (10, 12: NQ 57)
_INDEX_VALUE = re.compile(r"(?P<cmp>trên|tối\s+thiểu|ít\s+nhất)\s+(?P<num>\d+,\d+)"
                          r"(?=\s*(?:[.;]|$))")


_SUBJECT_END = re.compile(r"[;(]")
_SUBJECT_ARTICLE = re.compile(r"^\s*(?:số|các|những)\s+")
_SUBJECT_TAIL = re.compile(r"(?:\s+(?:và|hoặc)|[,.])\s*$")  # what _drop_subject_tail() drops


def _drop_subject_tail(text: str) -> str:
    """`_SUBJECT_TAIL.sub("", text)` for a stripped text, decided at its end with string
    methods (the regex, anchored at the end only, is tried at every position of the text):
    a final "," or ".", or a final "và" / "hoặc" with the spaces before it."""
    if text.endswith((",", ".")):
        return text[:-1]
    for word in ("và", "hoặc"):
        if text.endswith(word):
            head = text[: -len(word)]
            kept = head.rstrip()
            return kept if len(kept) < len(head) else text
    return text


def _subject(clause: str, v: g.Value, unit: str) -> str | None:
    tail = clause[v.end:]
    nxt = next(g.find_values(g.PERCENT, tail), None) if "%" in tail else None
    if nxt:
        tail = tail[: nxt.start]
    tail = _SUBJECT_END.split(tail, maxsplit=1)[0]
    tail = _SUBJECT_ARTICLE.sub(" ", tail)
    tail = _drop_subject_tail(tail.strip())
    if unit != "%":
        tail = f"{unit} {tail.split(',')[0]}".strip()
    words = tail.split()
    return " ".join(words[:15]) or None


def _target(n: int, text: str, value: float, unit: str, comparator: str | None,
            deadline: int | str | None, deadline_text: str | None, subject: str | None,
            node: Node, line: int | None = None) -> Target:
    return Target(f"t{n:02d}", text.strip(), int(value) if value.is_integer() else value,
                  unit or None, comparator, deadline, deadline_text, subject,
                  node.line if line is None else line, node.anchor)


# a column of target values: "Mục tiêu", "Kế hoạch năm 2026", "Chỉ tiêu năm 2025", "Giá trị"
_VALUE_HEADER = re.compile(r"ke hoach|chi tieu nam|muc tieu|gia tri")
# a cell's value: "105.000", "26,1", "01", "2.989,5"
_CELL_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?")
# the counted noun written after a cell's value: "01 khu", "43 bãi" (a word or three, no more)
_CELL_UNIT = re.compile(r"\s*(?P<unit>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*$")
# a row's number: "5.", "12", "II"
_ROW_NUMBER = re.compile(r"\s*(?:\d{1,3}|[IVXLC]{1,6})[.)]?\s*")
_CELL_COMPARATORS = {"<": "<", ">": ">", "<=": "≤", ">=": "≥", "≤": "≤", "≥": "≥"}


def _table_targets(doc: Document, table: Table, n: int, scope: _Scope) -> int:
    """The targets of a table: one per row, from the column of values ("Mục tiêu", "Kế hoạch
    năm 2026") of a table with a column "Chỉ tiêu" or under a heading about targets ("Phụ lục
    1 CÁC CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026 - 2030", of an appendix); the deadline is the value
    column's year, else the row's ("hằng năm"), else the headings'. Under such a heading a
    table without a column of values (an OCR'd one, its rows read into "5. | … | 70% …") has
    each row read as a sentence."""
    header = [fold(h) for h in table.header]
    zone = scope.target_zone()
    if not (zone or any("chi tieu" in h for h in header)):
        return n
    value_col = next((i for i, h in enumerate(header) if _VALUE_HEADER.search(h)), None)
    if value_col is None and zone:  # "Kết quả" (to reach) in a table of targets
        value_col = next((i for i, h in enumerate(header) if h.startswith("ket qua")), None)
    lines = table.row_lines or [table.line] * len(table.rows)
    term_end = scope.memo.term_end
    if value_col is None:
        if not zone:
            return n
        rows = list(zip(table.rows, lines, strict=False))
        if table.header and _ROW_NUMBER.fullmatch(table.header[0]):  # a row, not a header
            rows.insert(0, (table.header, table.line))
        for row, line in rows:
            if row and _ROW_NUMBER.fullmatch(row[0]):  # ("19 | Tổ chức …" counts no 19)
                row = row[1:]
            text = " ".join(c for c in row if c)
            digit = _first_digit(text)
            if digit >= 0:
                n = _text_targets(doc, n, text, g.lowered(text), digit, scope.deadline(),
                                  term_end, table, True, line)
        return n
    unit_col = next((i for i, h in enumerate(header) if "don vi" in h), None)
    name_col = next((i for i, h in enumerate(header) if "chi tieu" in h or "noi dung" in h),
                    None)
    if name_col is None:  # the widest column after the row number
        name_col = 1 if len(header) > 2 and value_col != 1 else 0
    year_m = re.search(r"\d{4}", table.header[value_col])
    percent_col = "%" in table.header[value_col]  # "Mục tiêu (%)"
    group = None  # a row of a group's deadline: "I | Đến năm 2030" (the rows under it)
    for row, line in zip(table.rows, lines, strict=False):
        cell = row[value_col] if value_col < len(row) else ""
        vm = _CELL_NUMBER.search(cell)
        if not vm:
            if not cell.strip():
                group = _deadline_of(" ".join(row), term_end) or group
            continue
        name = row[name_col] if name_col < len(row) else ""
        unit: str | None = None
        if "%" in cell or percent_col:
            unit = "%"
        elif unit_col is not None and unit_col < len(row) and row[unit_col]:
            unit = row[unit_col]
        elif um := _CELL_UNIT.match(cell, vm.end()):
            unit = um.group("unit")
        elif cm := g.COUNTED.match(name):
            unit = _SPACES.sub(" ", cm.group("unit"))
        cmp = g.CELL_COMPARATOR.search(cell, 0, vm.start())
        comparator = None
        if cmp:
            word = _SPACES.sub(" ", cmp.group("cmp").lower())
            comparator = _CELL_COMPARATORS.get(word) or g.COMPARATOR_BEFORE.get(word)
        row_text = " | ".join(c for c in row if c)
        deadline: int | str | None = None
        deadline_text: str | None = None
        if year_m:
            deadline, deadline_text = int(year_m.group(0)), table.header[value_col]
        elif found := _deadline_of(row_text, term_end) or group or scope.deadline():
            deadline, deadline_text = found
        n += 1
        doc.targets.append(Target(
            f"t{n:02d}", row_text, _clean_num(_number(vm.group(0))), unit or None, comparator,
            deadline, deadline_text, name or None, line, table.anchor))
    return n


def _clean_num(v: float) -> int | float:
    return int(v) if v.is_integer() else v


# ---- assignments -----------------------------------------------------------------------------

def agency_name(text: str) -> str | None:
    """The agency a heading or sentence starts with, or None.

    >>> agency_name("Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh")
    'Ban cán sự đảng UBND tỉnh'
    >>> agency_name("Tăng cường công tác tuyên truyền") is None
    True
    """
    head = g.AGENCY_START.match(text)
    if not head:
        return None
    # (the name ends after its head: "Đoàn kiểm tra lập …", "Ban tổ chức" hold a verb's words)
    m = g.AGENCY_END.search(text, head.end())
    while m and _ADVISORY.search(text[: m.start()]) and (adv := _ADVISES.match(text, m.start())):
        m = g.AGENCY_END.search(text, adv.end())  # "Các cơ quan tham mưu, giúp việc Tỉnh ủy"
    name = text[: m.start()] if m else text
    # (a list of bodies that goes on with persons ends before them: "…, các cơ quan tham mưu,
    # giúp việc của Tỉnh ủy, các đồng chí Ủy viên Ban Thường vụ, …" 51)
    name = _PERSONS_TAIL.sub("", name).strip().rstrip(" ,;.:")
    # (a list of bodies may be long: "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban
    # nhân dân các tỉnh, thành phố trực thuộc Trung ương có trách nhiệm …", 22 words)
    if not name or not (at_most_words(name, 24) or _long_list(name)):
        return None
    return name


# the Party's advisory bodies, named by what they do: "Các cơ quan chuyên trách tham mưu giúp
# việc Tỉnh ủy" (51), "các cơ quan tham mưu, giúp việc của Tỉnh ủy" ("tham mưu" is no verb
# there, the name goes on to the body they serve)
_ADVISORY = re.compile(r"(?:^|[,;]\s*|\s+và\s+)(?:[Cc]ác\s+)?(?:[Cc]ơ\s+quan|[Bb]an)"
                       r"(?:\s+chuyên\s+trách)?$")
_ADVISES = re.compile(r"\s+tham\s+mưu,?\s+giúp\s+việc(?:\s+của)?(?=\s+\w)")


def _long_list(name: str) -> bool:
    """A list of bodies longer than one name may be (51: "Đảng ủy các cơ quan Đảng tỉnh, Đảng
    ủy Ủy ban nhân dân tỉnh, Đảng ủy Hội đồng nhân dân tỉnh, các đảng ủy trực thuộc Tỉnh ủy",
    28 words): each of its names short and a body's."""
    # (a list that takes in persons or the bodies concerned is everyone, no assignment: "…, các
    # Đoàn đại biểu Quốc hội, các đại biểu Quốc hội, các cơ quan, tổ chức hữu quan", 09)
    if not at_most_words(name, 48) or g.VAGUE_TAIL.search(name) or _PERSONS.search(name):
        return False
    parts = split_agencies(name)
    return len(parts) >= 3 and all(g.AGENCY_START.match(p) and at_most_words(p, 12)
                                   for p in parts)


_PERSONS = re.compile(r"(?<!\w)(?:(?<![Đđ]oàn\s)đại\s+biểu|thành\s+viên|đồng\s+chí|đ/c|ông|bà|"
                      r"cá\s+nhân|hữu\s+quan|liên\s+quan)(?!\w)", re.IGNORECASE)


# (each separator kept as printed when a name is joined again: "Ủy ban KH,CN&MT")
_NAME_SEPARATORS = (re.compile(r"(\s*[,;]\s*)"), re.compile(r"(\s+và\s+)"))
# one body's name holding a comma: the Party committee of the Front and the central mass
# organisations (one committee since 2025)
_ONE_BODY = re.compile(r"Đảng\s+[uủ][ỷy]\s+Mặt\s+trận\s+Tổ\s+quốc,\s+"
                       r"các\s+đoàn\s+thể\s+Trung\s+ương", re.IGNORECASE)


def split_agencies(name: str) -> list[str]:
    """"Văn phòng và các ban LĐLĐ tỉnh" → ["Văn phòng", "các ban LĐLĐ tỉnh"]; a "và" that is
    part of a name ("Ban Chính sách PL và QHLĐ") is kept."""
    return list(_split_agencies(name))


# Agency names recur: every task under an agency heading names it again, and documents of one
# province name the same few dozen bodies. (Names only: task texts are never cached.)
@functools.lru_cache(maxsize=4096)
def _split_agencies(name: str) -> tuple[str, ...]:
    name = _PERSONS_TAIL.sub("", office_body(name))  # "…, các đồng chí Ủy viên Ban Thường vụ"
    if g.AGENCY_POST.search(name):  # "Giám đốc các Sở": the body the office holder stands for
        name = g.AGENCY_POST.sub(r"\g<space>", name)
    if "," in name and _ONE_BODY.fullmatch(name):
        return (name,)
    parts = [name]
    for sep in _NAME_SEPARATORS:
        out: list[str] = []
        for p in parts:
            pieces = sep.split(p)  # names and, between them, the separators as printed
            acc = pieces[0]
            for joiner, piece in zip(pieces[1::2], pieces[2::2], strict=True):
                if g.AGENCY_START.match(piece) and not _continues_plural(acc, piece) \
                        and not (joiner.strip() == "và" and _JOINT_OFFICE.fullmatch(acc)):
                    out.append(acc)
                    acc = piece
                else:
                    acc = f"{acc}{joiner}{piece}"
            out.append(acc)
        parts = out
    out = []
    for p in parts:
        vague = g.VAGUE_TAIL.search(p)
        p = (p[: vague.start()] if vague else p).strip()
        if p:
            out.append(p)
    return tuple(out)


# an office holder whose title is not "post + body" (AGENCY_POSTS) but names the body all the
# same: "Chánh Văn phòng Ủy ban nhân dân tỉnh" (the office), "Chánh Thanh tra tỉnh", "Bộ
# trưởng Bộ Tài chính", "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ" (the ministries)
_OFFICE_HOLDER = re.compile(r"(?:^|(?<=[,;])|(?<=\svà))(?P<space>\s*)(?:"
                            r"[Cc]hánh\s+(?=[Vv]ăn\s+phòng\b|[Tt]hanh\s+tra\b)"
                            r"|[Bb]ộ\s+trưởng\s+(?=Bộ\s)"
                            r"|(?P<plural>(?:[Cc]ác\s+)?Bộ)\s+trưởng(?=\s*,|\s*$))")
# the office of two councils is one body: "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân
# Phường" (50), "Văn phòng Đoàn ĐBQH và HĐND tỉnh"
_JOINT_OFFICE = re.compile(r"(?:Chánh\s+)?Văn\s+phòng\s+(?:Hội\s+đồng\s+nhân\s+dân|HĐND|"
                           r"Đoàn\s+(?:đại\s+biểu\s+Quốc\s+hội|ĐBQH))", re.IGNORECASE)


def office_body(name: str) -> str:
    """The body an office holder at the start of a name (or of one of its parts) stands for.

    >>> office_body("Chánh Văn phòng HĐND và UBND Phường, Các Bộ trưởng, Thủ trưởng cơ quan")
    'Văn phòng HĐND và UBND Phường, Các Bộ, Thủ trưởng cơ quan'
    """
    # (a bare "Bộ trưởng, Thủ trưởng cơ quan ngang bộ …": every minister, "Các Bộ")
    return _OFFICE_HOLDER.sub(lambda m: m.group("space") + _plural(m.group("plural")), name)


def _plural(bodies: str | None) -> str:
    if not bodies:
        return ""
    return bodies if bodies.lower().startswith("các") else f"Các {bodies}"


def _continues_plural(acc: str, piece: str) -> bool:
    """"các Sở, ban, ngành", "Các tỉnh uỷ, thành uỷ", "các bộ, cơ quan ngang bộ, cơ quan thuộc
    Chính phủ": a short lower-case piece after a plural ("các …") goes on naming the same kind
    of bodies, not another body ("Các LĐLĐ huyện, thành phố, công đoàn ngành" are two)."""
    return acc[:4].lower() == "các " and piece[:1].islower() and (
        at_most_words(piece, 2) or (piece.startswith("cơ quan ") and at_most_words(piece, 5)))


# a person named as a person, not a body: "Đồng chí Phó chủ tịch Thường trực", "Các đ/c Phó chủ
# tịch, Trưởng đoàn thể xã" (13: a task table's column), "các ông bà Phó Chủ tịch"
_PERSON = re.compile(r"(?:các\s+)?(?:đồng\s+chí|đ/c|ông|bà)\b", re.IGNORECASE)


# a table's header or an OCR line read as text: "Cơ quan, `. Kết quả/ STT Nhiệm vụ cụ thể" (02)
_NO_NAME = re.compile(r"[`|¬_=<>“”]|\bSTT\b")


def plausible_agency(name: str) -> bool:
    """A name that can be a body given a task: not a bare head word ("Cơ quan", "Ban", "Các",
    "TT"), a column number of a table ("(3)") or a number.

    >>> [plausible_agency(n) for n in ("UBND", "TT", "Cơ quan", "(3)", "Sở Y tế")]
    [True, False, False, False, True]
    """
    name = name.strip()
    if not name or not name[0].isalpha() or _PERSON.match(name) or _NO_NAME.search(name):
        return False
    if " " not in name:  # one word: an abbreviation ("UBND", "MTTQ"), no bare head
        return name.isupper() and len(name) >= 3
    return not g.BARE_AGENCY.match(name)


def _deadline(text: str, low: str | None = None) -> str | None:
    found = [m.group(0) for m in g.DEADLINE.finditer(text, low)]
    seen: list[str] = []
    for f in found:
        if not any(f.lower() in s.lower() for s in seen):
            seen.append(f)
    return "; ".join(seen) or None


def _own_agency(text: str, memo: _Memo) -> tuple[str, str] | None:
    """(agency, task) when a sentence names its own agency: "Giao X tham mưu …",
    "X: nhiệm vụ …", "X chủ trì …", "X tham mưu …"."""
    m = g.first_match(g.GIVE, text)
    if m:
        rest = m.group("rest")
        name = memo.agency(rest)
        if name:
            return name, rest[len(name):].lstrip(" :,")
    name = memo.agency(text)
    if name and len(name) < len(text):
        return name, text[len(name):].lstrip(" :,")
    return None


@dataclass
class _Labelled:
    """The task a run of "Đơn vị chủ trì: …", "Đơn vị phối hợp: …", "Thời gian: …" lines
    belongs to: the node just before the run."""

    task: str
    node: Node
    made: list[Assignment] = field(default_factory=list)
    deadline: str | None = None
    # the items of the section the run ends (its task is the section's heading): the partners
    # each of them names are the lead's partners in that item
    covered: list[_Unit] = field(default_factory=list)


def _labelled_group(units: list[_Unit], at: int, task: Node) -> _Labelled:
    """The task of the run of labelled lines that starts at `units[at]`: the node just before
    it — or, when the run ends a section whose items come before it ("1. Tái cơ cấu ngành
    công nghiệp …", its bullets, "Lãnh đạo phụ trách: …", then "Đơn vị chủ trì: X; Đơn vị
    phối hợp: Y"), the section's heading: the labels are the whole section's, every item of
    it is X's task."""
    heading = units[at].scope.heading
    covered: list[_Unit] = []
    k = at - 1
    while k >= 0 and units[k].node is not heading:
        prior = units[k]
        if isinstance(prior.node, _TEXTS) and g.first_match(g.LABELLED, prior.node.text):
            break  # a run of labels before: the nodes since then are the next task's
        covered.append(prior)
        k -= 1
    if heading is None or k < 0 or len(covered) < 2 or isinstance(heading, Item) \
            or any(isinstance(c.node, Section) for c in covered):
        return _Labelled(_task_text(task), task)
    return _Labelled(heading_text(heading), heading, covered=covered[::-1])


def _covered_partners(doc: Document, group: _Labelled) -> None:
    """The partners named in the items of a section whose labels give its lead ("- Phối hợp
    với Sở Tài nguyên và Môi trường rà soát …"), once, with the item as their task."""
    for c in group.covered:
        if any(a.line == c.node.line for a in doc.assignments):
            continue  # (an item already read for its own tasks)
        _partners(doc, c.text.strip(), c, c.lowered(c.text).strip(), _deadline(c.text))
    group.covered = []


def _labelled_line(doc: Document, text: str, group: _Labelled) -> None:
    """One line of labels: "Đơn vị chủ trì: X; Đơn vị phối hợp: Y, Z." (one or more)."""
    for piece in _LABEL_BREAK.split(text):
        m = g.LABELLED.match(piece)
        if m:
            _labelled_value(doc, fold(m.group("label")), m.group("value"), group)


# where a line of labels goes on with the next label: "…; Đơn vị phối hợp: …"
_LABEL_BREAK = re.compile(r"[;.]\s+(?=(?:Đơn\s+vị|Cơ\s+quan|Thời\s+gian|Thời\s+hạn|Tiến\s+độ|"
                          r"Chủ\s+trì|Phối\s+hợp)\b[^:;]{0,30}:)", re.IGNORECASE)


def _labelled_value(doc: Document, label: str, value: str, group: _Labelled) -> None:
    value = value.strip().rstrip(".;")
    if re.search(r"thoi gian|thoi han|tien do", label):
        group.deadline = value
        for a in group.made:
            a.deadline = value
        return
    role = "support" if "phoi hop" in label else "lead"
    for name in split_agencies(value):
        if not plausible_agency(name):
            continue
        a = Assignment(name, role, group.task, group.deadline,  # type: ignore[arg-type]
                       group.node.line, group.node.anchor)
        group.made.append(a)
        doc.assignments.append(a)


def one_name_per_body(doc: Document) -> None:
    """A body a document names twice, once with a word or two more, gets one name: the one it
    is first named by. "Ban Tuyên giáo - Nữ công" then "Ban Tuyên giáo - Nữ công LĐLĐ tỉnh"
    (the issuer's short name added, 003), "Ủy ban MTTQ tỉnh" then "Ủy ban MTTQ" (51), "Các cơ
    quan chuyên trách tham mưu giúp việc Tỉnh ủy" then "các cơ quan tham mưu, giúp việc của Tỉnh
    ủy" (51). Two names are one body's when they start with the same word and the shorter one's
    words are the longer one's, in order, the others no list ("các", "và", a comma); a name
    that could be two bodies' ("Ban Tổ chức" beside "Ban Tổ chức Tỉnh ủy" and "Ban Tổ chức
    Huyện ủy") is left as it is, and so are they."""
    first: dict[str, int] = {}
    for a in doc.assignments:
        first[a.agency] = min(first.get(a.agency, a.line), a.line)
    if len(first) < 2:
        return
    words = {n: _name_words(n) for n in first}
    names = sorted(first, key=lambda n: first[n])
    own = _QUALIFIERS | _issuer_words(doc)
    alias: dict[str, str] = {}
    for n in names:
        group = [m for m in names if m != n and _one_body(words[n], words[m], own)]
        if not group or any(not _one_body(words[x], words[y], own)
                            for x in group for y in group if x != y):
            continue
        name = min([n, *group], key=lambda m: first[m])
        # (of names that differ in case only, one with a capital first: "Các bộ, ngành")
        alias[n] = next((m for m in [n, *group] if m.casefold() == name.casefold()
                         and m[:1].isupper()), name)
    for a in doc.assignments:
        a.agency = alias.get(a.agency, a.agency)


_NAME_WORD = re.compile(r"\w+(?:[-/&]\w+)*")
# the words a second name of a body may add: its level or country, "chuyên trách", or the
# issuer's name or its initials (_issuer_words)
_QUALIFIERS = {"tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "phường", "trung", "ương",
               "việt", "nam", "chuyên", "trách"}


def _issuer_words(doc: Document) -> set[str]:
    """The issuer's words and their initials: "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH ĐỊNH" → "liên", …,
    "lđlđ" (the initials up to its level word), "lđlđt"."""
    out: set[str] = set()
    for name in (doc.issuer, doc.parent_issuer):
        ws = _name_words(name or "")
        out.update(ws)
        level = next((i for i, w in enumerate(ws) if w in _QUALIFIERS), len(ws))
        for end in (level, len(ws)):
            if end >= 2:
                out.add("".join(w[0] for w in ws[:end]))
    return out


def _name_words(name: str) -> list[str]:
    return [w for w in _NAME_WORD.findall(name.casefold()) if w != "của"]


def _one_body(a: list[str], b: list[str], own: set[str]) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    # ("Ban Thường trực … cấp", a name cut before its level, is no name of "… cấp xã")
    if len(short) < 2 or short[0] != long[0] or short[-1] == "cấp":
        return False
    it = iter(long)
    extra: list[str] = []
    for w in short:
        for x in it:
            if x == w:
                break
            extra.append(x)
        else:
            return False
    extra += list(it)
    return all(w in own for w in extra)


def extract_assignments(doc: Document, units: list[_Unit]) -> None:
    directive = doc.type.code == "CT"
    # a document without a section "TỔ CHỨC THỰC HIỆN" names the bodies that do its tasks as
    # its sentences' subjects, where the tasks are ("Các chi đoàn đăng ký mở gian hàng …")
    subjects = not directive and doc.type.code not in _NARRATIVE_TYPES and not any(
        u.own.task_zone() if isinstance(u.node, Section)
        else isinstance(u.node, Paragraph) and _zone_line(u.node.text) for u in units)
    task: Node | None = None  # the node a run of labelled lines belongs to
    group: _Labelled | None = None
    late_zone = False
    stray: str | None = None  # the agency of a bare heading (_bare_name) the tasks after it have
    for at, u in enumerate(units):
        node, memo = u.node, u.scope.memo
        if isinstance(node, Table):
            _table_assignments(doc, node)
            continue
        if isinstance(node, _TEXTS) and g.first_match(g.LABELLED, node.text):
            if group is None and task is not None:
                group = _labelled_group(units, at, task)
            if group is not None:
                _labelled_line(doc, node.text, group)
                if len(group.made) and group.covered:  # the section's items name partners
                    _covered_partners(doc, group)
            continue
        task, group = node, None
        if not late_zone and isinstance(node, Paragraph) and _zone_line(node.text):
            late_zone = True  # "IV- TỔ CHỨC THỰC HIỆN" read as a paragraph: the rest assigns
            continue
        zone = directive or late_zone or u.own.task_zone()
        if isinstance(node, Section) and node.heading.strip():
            stray = None  # a heading of its own ends the tasks of a name the parser left bare
        if zone:
            name = _bare_name(node, memo)
            if name:
                stray = name
                continue
        ctx = (stray or u.scope.agency()) if zone else u.scope.named_agency()
        if isinstance(node, Section):
            if not node.text:
                if _EXECUTE.search(node.heading):  # "Điều 3. … chịu trách nhiệm thi hành …"
                    _sentence(doc, u, node.heading, None, zone)
                elif node.children and isinstance(node.children[0], Table):
                    _members(doc, u)
                continue
            own = memo.agency(node.heading) if zone else u.own.named_agency()
            if own:
                _add(doc, own, node.text, u)
            else:
                _sentence(doc, u, node.text, ctx, zone, subjects)
            continue
        if isinstance(node, Item) and (zone or node.children) and _can_hold_heading(node) \
                and memo.agency(node.text) == node.text.rstrip(" :"):
            continue  # an agency heading item ("* Ban Tổ chức:"), its children are the tasks
        _sentence(doc, u, node.text, ctx, zone, subjects)


# a numbered heading the parser read as a paragraph: "9, Ban Tuyên giáo và Dân vận Trung ương"
# (an OCR'd "9." with a comma)
_NUMBERED_LINE = re.compile(r"^\d{1,2}\s*[,.]\s+(?=\S)")


def _bare_name(node: Node, memo: _Memo) -> str | None:
    """In a task zone, an agency's name on a heading that holds none of its tasks, which then
    follow it outside it: a section that is only the name, with no text and nothing under it
    ("7. Các tỉnh uỷ, thành uỷ", its "a)" read by the OCR as "8)", a section of its own), or
    a numbered paragraph that is only the name ("9, Ban Tuyên giáo và Dân vận Trung ương")."""
    if isinstance(node, Section):
        if node.text or node.children:
            return None
        text = node.heading
    elif isinstance(node, Paragraph):
        m = _NUMBERED_LINE.match(node.text)
        if m is None:
            return None
        text = node.text[m.end():]
    else:
        return None
    text = text.strip().rstrip(" :")
    return text if text and at_most_words(text, 12) and memo.agency(text) == text else None


def _members(doc: Document, u: _Unit) -> None:
    """A heading that is only a body's name over the table of its members ("2. Tiểu ban văn
    nghệ" then "| - Ông: … | - Đoàn viên | - Trưởng ban |"): the plan sets the body up to do
    the work its name says, so it is a body given a task (the heading)."""
    node = u.node
    assert isinstance(node, Section)
    name = node.heading.strip().rstrip(" :")
    if u.scope.memo.agency(name) == name:
        _add(doc, name, name, u)


def _zone_line(text: str) -> bool:
    """A paragraph that is only the heading "TỔ CHỨC THỰC HIỆN" (its number garbled or run
    into it: "IV- TỔ CHỨC THỰC HIỆN", "HI- TỎ CHỨC THỰC HIỆN")."""
    return at_most_words(text, 6) and "thuc hien" in fold(text) and text.upper() == text \
        and "CH" in text


def _task_text(node: Node) -> str:
    if isinstance(node, Section):
        return node.text or node.heading
    return node_text(node)


def _can_hold_heading(node: Item) -> bool:
    return node.text.rstrip().endswith(":") or at_most_words(node.text, 12)


def _sentence(doc: Document, u: _Unit, text: str, ctx: str | None, zone: bool,
              subjects: bool = False) -> None:
    """Assignments from one sentence (`text`: the node's text or a section's body text)."""
    memo = u.scope.memo
    execute = _EXECUTE.search(text) if _CARRY_OUT.search(text) else None
    if execute:  # a decision's last article: who carries it out
        who = execute.group("who")
        who = who[who.rfind(", ") + 2:] if _IN_FORCE.match(who) else who
        who = _PERSONS_TAIL.sub("", who)  # "… và các ông (bà) có tên tại Điều 1"
        if g.AGENCY_START.match(office_body(who)):
            _add(doc, who, text, u)
        return
    own = _own_agency(text, memo) if zone else None
    if not zone:
        m = g.first_match(g.GIVE, text)
        # "chủ trì" is looked for in the first 200 characters (from its "ì", not lowered)
        if m or g.LEAD_CUE.search_unlowered(text[:200]):
            own = _own_agency(text, memo)
            if own and not (m or g.LEAD_CUE.pattern.match(own[1])):
                own = None
        if not own and subjects:
            own = _subject_agency(text, memo)
    if not own and subjects:
        for name, task in _requested(text, memo):
            _add(doc, name, task, u)
    if own:
        _add(doc, own[0], own[1], u)
    elif ctx:  # (outside a task zone, only an agency heading's name: named_agency)
        _add(doc, ctx, text, u)
    if subjects or zone or doc.type.code in _PLAN_TYPES:
        for m in _BY_AGENT.finditer(text):  # "Xe ô tô 7 chỗ do Văn phòng Sở … bố trí"
            who = m.group("who")
            if g.AGENCY_START.match(who) and at_most_words(who, 14) and who != ctx \
                    and not (own and who == own[0]):
                _add(doc, who, text, u)
    if (own or ctx) and ";" in text:
        # "Ban Quản lý dự án … số 1 đẩy nhanh …; Ban Quản lý dự án … giao thông tỉnh đẩy nhanh
        # …": a clause after the first one that has a body of its own as its subject
        for _, clause in _clauses(text)[1:]:
            found = _subject_agency(clause, memo)
            if found:
                _add(doc, found[0], found[1], u)


# the body a plan names as the one who provides something, after "do": "5.2. Phương tiện cho
# hoạt động kiểm tra: Xe ô tô 7 chỗ do Văn phòng Sở Công Thương tỉnh Lào Cai bố trí" (01)
# (what is provided, not what was done: "do Bộ Chính trị ban hành" is no task)
_BY_AGENT = re.compile(r"\bdo\s+(?P<who>[^,;.()]{3,120}?)\s+(?:bố\s+trí|bảo\s+đảm|đảm\s+bảo|"
                       r"chi\s+trả|cung\s+cấp|hỗ\s+trợ|phụ\s+trách|chịu\s+trách\s+nhiệm)\b")
# "Ban Thường trực Ủy ban MTTQ xã, các bộ phận chuyên môn thuộc Cơ quan … và các ông (bà) có
# tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này" (37): the bodies named are given the
# decision to carry out (the persons are no body: plausible_agency)
# (or "… và các ông, bà có tên tại Điều 1 căn cứ quyết định thi hành./." (50): the same said
# shorter)
_EXECUTE = re.compile(r"^(?P<who>[^.;]{3,400}?)\s+(?:(?:chịu|có)\s+trách\s+nhiệm\s+thi\s+hành\s+"
                      r"(?:quyết\s+định|nghị\s+quyết|chỉ\s+thị)\s+này|căn\s+cứ\s+(?:quyết\s+định|"
                      r"nghị\s+quyết)(?:\s+này)?\s+(?:để\s+)?thi\s+hành)", re.IGNORECASE)
_CARRY_OUT = re.compile(r"thi\s+hành", re.IGNORECASE)     # _EXECUTE's words, looked for first
_PERSONS_TAIL = re.compile(r"(?:,\s*|\s+và\s+)(?:các\s+)?(?:ông|bà|đồng\s+chí|cá\s+nhân)\b.*$",
                           re.IGNORECASE)
# "Quyết định này có hiệu lực kể từ ngày ký, Công đoàn cơ sở … chịu trách nhiệm thi hành …"
_IN_FORCE = re.compile(r"^(?:Quyết\s+định|Nghị\s+quyết)\s+này\s+có\s+hiệu\s+lực", re.IGNORECASE)
# document types that tell what was done, not what is to be done: a body as a sentence's
# subject there reports its work ("Ban Tổ chức đã phối hợp với …" in a report, minutes)
_NARRATIVE_TYPES = {"BC", "BB", "TTr"}
# words that are never part of a body's name (lower case, as written in a sentence): a name
# that runs into them is a sentence's subject and more ("Ủy ban nhân dân tỉnh yêu cầu …")
_NOT_IN_NAME = re.compile(r"\b(?:đã|đang|sẽ|cũng|vẫn|đều|không|chưa|là|yêu\s+cầu|đề\s+nghị|"
                          r"này|khi|nếu|cùng|với|có)\b")


# the issuer speaking, not a task: "Trường Đại học Thủy lợi thông báo kế hoạch …", "Ban Chấp hành
# Công đoàn Công ty … kính đề nghị …" (the task is the addressee's)
_SPEAKING = re.compile(r"\s*(?:kính|thông\s+báo|ban\s+hành|trân\s+trọng)\b")
# the sentence that opens the document's own content: "Trưởng đoàn kiểm tra lập kế hoạch tiến
# hành kiểm tra như sau:" (the issuer drawing up this plan)
_AS_FOLLOWS = re.compile(r"\bnhư\s+sau\s*:?\s*$")
# a request inside a sentence, its subject the issuer: "Nhà trường đề nghị các Khoa nhắc nhở
# sinh viên …" (the body requested starts right after it)
_REQUEST = re.compile(r"\s(?:đề\s+nghị|yêu\s+cầu)\s+")


def _requested(text: str, memo: _Memo) -> list[tuple[str, str]]:
    """(agency, task) for each body a sentence requests to act, in a document without a section
    "TỔ CHỨC THỰC HIỆN": "… /. Nhà trường đề nghị các Khoa nhắc nhở sinh viên thực hiện …"."""
    out = []
    for m in _REQUEST.finditer(text):
        found = _subject_agency(text[m.end():], memo)
        if found:
            out.append(found)
    return out


def _subject_agency(text: str, memo: _Memo) -> tuple[str, str] | None:
    """(agency, task) when a sentence's subject is a body and its verb follows it, in a
    document that rules what is to be done: "Các chi đoàn đăng ký mở gian hàng …", "Người sử
    dụng lao động chịu trách nhiệm tổ chức …", "Đảng đoàn Quốc hội phối hợp với …". A one-word
    head must be followed by a proper name ("Sở Nội vụ", "Ban Tổ chức"), not by a common word
    ("Ban hành …", "Trường hợp …", "Phòng, chống …")."""
    name = memo.agency(text)
    if not name or len(name) >= len(text) or _NOT_IN_NAME.search(name):
        return None
    verb = g.AGENCY_END.match(text, len(name))
    if not verb or verb.group(0).endswith(":") or _SPEAKING.match(text, verb.start()) \
            or _AS_FOLLOWS.search(text):
        return None
    head = g.AGENCY_START.match(name)
    assert head is not None
    if " " not in head.group(0).strip():
        after = name[head.end():].lstrip(" ,")
        if not after[:1].isupper() and not after[:1].isdigit():
            return None
    return name, text[len(name):].lstrip(" :,")


def _add(doc: Document, agency: str, task: str, u: _Unit, role: str = "lead") -> None:
    """Assignments of a task (an end of the unit's text) to an agency and its partners."""
    node = u.node
    # the unit's lowered text serves the deadline and the partners (lowered once per unit)
    low = u.lowered(task)
    stripped = task.strip()  # changes no deadline: none starts or ends with a space
    if len(stripped) != len(task):
        lead = len(task) - len(task.lstrip())
        low = low[lead: lead + len(stripped)]
    task = stripped
    deadline = _deadline(task, low)
    capital = task[:1].upper() + task[1:]
    # the capital changes no place of SUPPORT's start word "phối" in the lowered text (only "p"
    # and "P" lower to "p"), unless it is two letters ("ß" → "SS")
    low = low if len(capital) == len(task) else g.lowered(capital)
    task = capital
    for name in split_agencies(agency):
        if plausible_agency(name):
            doc.assignments.append(Assignment(name, role, task, deadline, node.line,  # type: ignore[arg-type]
                                              node.anchor))
    if role == "lead":
        _partners(doc, task, u, low, deadline)


def _partners(doc: Document, task: str, u: _Unit, low: str, deadline: str | None) -> None:
    """The partners a lead's task names after "phối hợp (với)" (`low`: the task lowered): "phối
    hợp với Ủy ban nhân dân phường Văn Phú, Ủy ban nhân dân xã Yên Bình hoàn thành …" (a list
    goes on over commas while each piece starts with a body's name), "phối hợp với Sở Nội vụ
    và các cơ sở đào tạo trên địa bàn (Trường Cao đẳng nghề, Phân hiệu Đại học Thái Nguyên
    tại Lào Cai)" (a group, then the bodies it is made of in brackets: the bodies)."""
    node = u.node
    for m in g.SUPPORT.finditer(task, low):
        names: list[str] = []
        pos = m.start("who")
        while (piece := _PIECE.match(task, pos)) is not None:
            text = piece.group(0)
            end = [x.start() for x in (g.AGENCY_END.search(text), g.PARTNER_END.search(text)) if x]
            who = (text[: min(end)] if end else text).strip().rstrip(" ,;.")
            if not (who and g.AGENCY_START.match(who) and at_most_words(who, 14)):
                break
            pos = piece.end()
            inside = _BRACKETED.match(task, pos)
            members = split_agencies(inside.group(1)) if inside else ()
            if members and all(g.AGENCY_START.match(p) for p in members):
                group = _GROUP_TAIL.search(who)  # "… và các cơ sở đào tạo trên địa bàn"
                names.extend(split_agencies(who[: group.start()] if group else who))
                names.extend(members)
                break
            names.extend(split_agencies(who))
            nxt = _NEXT_PIECE.match(task, pos)
            if end or nxt is None or not g.AGENCY_START.match(task[nxt.end():]):
                break
            pos = nxt.end()
        for name in names:
            if g.GENERIC_PARTNER.match(name) or not plausible_agency(name):
                continue
            doc.assignments.append(Assignment(name, "support", task, deadline, node.line,
                                              node.anchor))


# one piece of a list of partners (SUPPORT's "who"), and the comma that goes on to the next
_PIECE = re.compile(r"[^,;.()]+")
_NEXT_PIECE = re.compile(r",\s*")
_BRACKETED = re.compile(r"\(([^()]{3,200})\)")
# the group a bracketed list names the members of, at the end of a list of partners
_GROUP_TAIL = re.compile(r"(?:^|,\s*|\s+và\s+)(?:các|những)\s+[^,]+$")


def _wrapped_rows(body: list[tuple[int, dict[int, list[str]]]], lead: int, width: int
                 ) -> list[tuple[int, list[str]]]:
    """The rows of a table read line by line (a PDF's, `vanban.normalise._layout_tables`), whose
    cells wrap over lines and sit in the middle of their rows: each cell of the lead
    column (its wrapped lines joined) is a row, and takes the row number nearest to it; a
    numbered line left over, with nothing beside it, is a heading row ("2.1. Công tác xây dựng
    Đảng"); every other line goes to the row whose lead cell is nearest, never across a
    heading row."""
    anchors: list[list[int]] = []  # [first, last] line number of each lead cell
    for no, cells in body:
        if lead not in cells:
            continue
        text = " ".join(cells[lead])
        if anchors and no - anchors[-1][1] <= 2:
            before = " ".join(" ".join(c.get(lead, [])) for n, c in body
                              if anchors[-1][0] <= n <= anchors[-1][1]).strip()
            if not g.ORG_START.match(text) or g.UNIT_ONLY.match(text) \
                    or g.NAME_GOES_ON.search(before):
                anchors[-1][1] = no
                continue
        anchors.append([no, no])

    def dist(no: int, a: list[int]) -> int:
        return 0 if a[0] <= no <= a[1] else (a[0] - no if no < a[0] else no - a[1])

    marks = [no for no, c in body if 0 in c and g.TABLE_ROW_MARK.match(" ".join(c[0]))]
    taken = {min(marks, key=lambda m: dist(m, a)) for a in anchors
             if marks and min(dist(m, a) for m in marks) <= 3}
    headings = {no for no, c in body if no in marks and no not in taken and set(c) == {0, 1}}
    rows: dict[int, tuple[int, list[list[str]]]] = {}  # by the first line of the row
    order: list[int] = []
    for no, cells in body:
        if no in headings:
            key = no
        else:
            lo = max((h for h in headings if h < no), default=-1)
            hi = min((h for h in headings if h > no), default=1 << 30)
            near = [a for a in anchors if lo < a[0] and a[1] < hi]
            if not near:
                key = -lo  # lines after a heading row and no lead cell: one row
            else:
                # a tie between the row above and the row below: a line that starts a task
                # with a capital (or a number) belongs below
                best = min(near, key=lambda a: (dist(no, a), not (no < a[0]
                                                                  and _starts_row(cells))))
                key = best[0]
        if key not in rows:
            rows[key] = (no, [[] for _ in range(width)])
            order.append(key)
        for k, words in cells.items():
            rows[key][1][k] += words
    return [(rows[key][0], [" ".join(c) for c in rows[key][1]]) for key in order]


def _starts_row(cells: dict[int, list[str]]) -> bool:
    text = " ".join(cells.get(1, []))
    return 0 in cells or text[:1].isupper()


def _table_assignments(doc: Document, table: Table) -> None:
    header = [fold(h) for h in table.header]

    def col(*keys: str) -> int | None:
        return next((i for i, h in enumerate(header) if any(k in h for k in keys)), None)

    lead = col("chu tri", "tham muu", "thuc hien", "don vi", "co quan")
    support = col("phoi hop")
    if support is not None and lead == support:
        lead = None
    # (the task is another column than the doer's: "Tên đơn vị được kiểm tra" is the doer's
    # name, not a task)
    task = next((i for i, h in enumerate(header) if i != lead and any(
        k in h for k in ("nhiem vu", "noi dung", "ten", "cong viec"))), None)
    when = col("thoi gian", "thoi han", "tien do", "hoan thanh")
    if lead is None or task is None:
        return
    lines = table.row_lines or [table.line] * len(table.rows)
    rows = table.rows
    first = fold(table.header[0]) if table.header else ""
    if first in ("tt", "stt", "so tt") and len(rows) >= 4 and sum(
            1 for r in rows if not r[0].strip() and any(c.strip() for c in r[1:])
    ) >= len(rows) // 4:  # a table read line by line: its cells wrap over rows
        body = [(no, {k: [c] for k, c in enumerate(r) if c.strip()})
                for no, r in zip(lines, rows, strict=False)]
        joined = _wrapped_rows(body, lead, len(table.header))
        rows, lines = [r for _, r in joined], [no for no, _ in joined]
    for row, line in zip(rows, lines, strict=False):
        anchor = f"{table.anchor}-r{line}"
        deadline = row[when] if when is not None and row[when] else None
        for role, idx in (("lead", lead), ("support", support)):
            if idx is None or not row[idx]:
                continue
            for name in split_agencies(row[idx]):
                if not plausible_agency(name):
                    continue
                doc.assignments.append(Assignment(name, role, row[task], deadline,  # type: ignore[arg-type]
                                                  line, anchor))
