"""The document model: typed dataclasses, JSON-ready, with a readable `__str__` tree.

A Document is what the parser returns and every renderer consumes. Field names follow
DESIGN.md; `to_json()` gives exactly the keys of `vanban parse --json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["lead", "support"]
Deadline = int | str | None  # a year, "annual", "term-end" (year unknown), or None


@dataclass
class DocType:
    code: str | None
    name: str | None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name}


@dataclass
class Signer:
    authority: str | None  # the whole prefix chain: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
    title: str | None      # the signer's own title: "PHÓ CHỦ TỊCH"
    name: str | None
    signed: bool = False   # "(Đã ký)" present

    def to_json(self) -> dict[str, Any]:
        return {"authority": self.authority, "title": self.title, "name": self.name}


@dataclass
class Citation:
    type: DocType
    number: str | None
    date: str | None           # ISO 8601
    issuer: str | None
    relation: str = "dan_chieu"  # can_cu (legal basis) | thuc_hien (implements) | dan_chieu
    summary: str | None = None   # "về ..." after the first full mention
    line: int = 0                # first full mention
    mentions: list[int] = field(default_factory=list)  # every line that mentions it

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type.to_json(), "number": self.number, "date": self.date,
            "issuer": self.issuer, "relation": self.relation, "summary": self.summary,
            "line": self.line, "mentions": self.mentions,
        }


@dataclass
class Target:
    id: str
    text: str                  # the verbatim clause
    value: float | None
    unit: str | None           # "%" or the counted noun ("đoàn viên")
    comparator: str | None     # "≥", ">", "≤", "<", "=" or None when the text gives none
    deadline: Deadline
    deadline_text: str | None  # the words that gave the deadline ("Đến năm 2025", "hằng năm")
    subject: str | None        # what is counted ("doanh nghiệp nhà nước")
    line: int
    anchor: str                # body anchor of the paragraph holding the sentence

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "value": self.value, "unit": self.unit,
            "comparator": self.comparator, "deadline": self.deadline,
            "deadline_text": self.deadline_text, "subject": self.subject,
            "line": self.line, "anchor": self.anchor,
        }


@dataclass
class Assignment:
    agency: str                # the name as the document writes it
    role: Role
    task: str
    deadline: str | None       # verbatim: "quý IV/2021", "trước ngày 30/5", "hằng năm"
    line: int
    anchor: str

    def to_json(self) -> dict[str, Any]:
        return {"agency": self.agency, "role": self.role, "task": self.task,
                "deadline": self.deadline, "line": self.line, "anchor": self.anchor}


@dataclass
class Warning:
    line: int
    code: str                  # key into vanban.messages
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        from .messages import message
        return message(self.code, lang, **self.params)

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        return {"line": self.line, "code": self.code, "message": self.message(lang)}


# ---- body nodes ---------------------------------------------------------------------------

@dataclass
class Paragraph:
    text: str
    line: int
    anchor: str
    kind: str = "paragraph"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "line": self.line, "id": self.anchor}

    def tree(self, depth: int = 0) -> list[str]:
        return ["  " * depth + f"¶ {_short(self.text)}  @{self.line}"]


@dataclass
class Item:
    """A list item: "-", "+", "*", "•" bullets, "a)" points, "(1)" items."""

    marker: str
    text: str
    line: int
    anchor: str
    children: list[Node] = field(default_factory=list)
    kind: str = "item"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "marker": self.marker, "text": self.text, "line": self.line,
                "id": self.anchor, "children": [c.to_json() for c in self.children]}

    def tree(self, depth: int = 0) -> list[str]:
        out = ["  " * depth + f"{self.marker} {_short(self.text)}  @{self.line}"]
        for c in self.children:
            out += c.tree(depth + 1)
        return out


@dataclass
class Section:
    """A numbered division: "I." (roman), "1." (arabic), "2.1." (dotted), "Điều 1." (article).

    `number` is the number as printed ("III", "2.1"); repeated numbers are kept as printed.
    `heading` is the heading text; `text` holds the rest of the line when the line carries
    content after the heading ("5. Ban Tổ chức Tỉnh ủy: Phối hợp với ...").
    """

    scheme: str
    number: str
    marker: str
    heading: str
    line: int
    anchor: str
    text: str | None = None
    children: list[Node] = field(default_factory=list)
    kind: str = "section"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "scheme": self.scheme, "number": self.number,
                "marker": self.marker, "heading": self.heading, "text": self.text,
                "line": self.line, "id": self.anchor,
                "children": [c.to_json() for c in self.children]}

    def tree(self, depth: int = 0) -> list[str]:
        rest = f" | {_short(self.text)}" if self.text else ""
        out = ["  " * depth + f"§ {self.marker} {_short(self.heading)}{rest}  @{self.line}"]
        for c in self.children:
            out += c.tree(depth + 1)
        return out


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    line: int
    anchor: str
    row_lines: list[int] = field(default_factory=list)
    kind: str = "table"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "header": self.header, "rows": self.rows,
                "line": self.line, "id": self.anchor, "row_lines": self.row_lines}

    def tree(self, depth: int = 0) -> list[str]:
        return ["  " * depth + f"▦ {len(self.rows)}×{len(self.header)} "
                f"[{' | '.join(_short(h, 12) for h in self.header)}]  @{self.line}"]


Node = Paragraph | Item | Section | Table


@dataclass
class SourceLine:
    """A line kept verbatim outside the body (header block, signature, recipients)."""

    role: str   # issuer, parent_issuer, number, place_date, recipients_heading, recipient,
    #             authority, title, signed, name, other
    text: str
    line: int

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "line": self.line}


@dataclass
class Part:
    """A part printed after the signature: an attachment issued by a decision, an appendix."""

    kind: str                 # "attachment" | "appendix" | "document" (another document
                              # printed after this one: a set of forms, a site's joined texts)
    heading: list[SourceLine]  # "PHỤ LỤC", "(Kèm theo ...)", type line
    title: str | None
    body: list[Node]
    line: int
    anchor: str
    closing: list[SourceLine] = field(default_factory=list)  # its own signature, if any

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "heading": [h.to_json() for h in self.heading],
                "title": self.title, "line": self.line, "id": self.anchor,
                "body": [n.to_json() for n in self.body],
                "closing": [c.to_json() for c in self.closing]}


@dataclass
class Attachment:
    """The plan, programme or regulation a decision or resolution issues ("Ban hành kèm theo
    Quyết định này Chương trình …"), printed after its signature: one document, two parts."""

    type: DocType
    title: str | None
    part: str                  # anchor of the Part holding it

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type.to_json(), "title": self.title, "part": self.part}


@dataclass
class Document:
    number: str | None = None
    type: DocType = field(default_factory=lambda: DocType(None, None))
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    signer: Signer = field(default_factory=lambda: Signer(None, None, None))
    recipients: list[str] = field(default_factory=list)
    cites: list[Citation] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    attachment: Attachment | None = None                      # the plan a decision issues
    head: list[SourceLine] = field(default_factory=list)      # header block, verbatim
    type_line: SourceLine | None = None
    title_lines: list[SourceLine] = field(default_factory=list)
    closing: list[SourceLine] = field(default_factory=list)   # recipients + signature, in order
    removed: list[SourceLine] = field(default_factory=list)   # artefacts dropped, for the record
    term: tuple[int, int] | None = None                       # "nhiệm kỳ 2023 - 2028"
    source: str | None = None
    slug: str | None = None

    def warn(self, line: int, code: str, **params: Any) -> None:
        self.warnings.append(Warning(line, code, params))

    def walk(self) -> list[Node]:
        """Every body node (parts included), depth first, in document order."""
        out: list[Node] = []

        def visit(nodes: list[Node]) -> None:
            for n in nodes:
                out.append(n)
                if isinstance(n, Section | Item):
                    visit(n.children)

        visit(self.body)
        for p in self.parts:
            visit(p.body)
        return out

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "slug": self.slug,
            "source": self.source,
            "number": self.number,
            "type": self.type.to_json(),
            "issuer": self.issuer,
            "parent_issuer": self.parent_issuer,
            "place": self.place,
            "date": self.date,
            "title": self.title,
            "signer": self.signer.to_json(),
            "recipients": self.recipients,
            "cites": [c.to_json() for c in self.cites],
            "body": [n.to_json() for n in self.body],
            "parts": [p.to_json() for p in self.parts],
            "attachment": self.attachment.to_json() if self.attachment else None,
            "targets": [t.to_json() for t in self.targets],
            "assignments": [a.to_json() for a in self.assignments],
            "warnings": [w.to_json(lang) for w in self.warnings],
        }

    def __str__(self) -> str:
        lines = [
            f"Document {self.slug or ''}".rstrip(),
            f"  number: {self.number}   type: {self.type.code} {self.type.name}",
            f"  issuer: {self.issuer}  (under {self.parent_issuer})",
            f"  place/date: {self.place}, {self.date}",
            f"  title: {_short(self.title or '', 90)}",
            f"  signer: {self.signer.authority} / {self.signer.title} / {self.signer.name}",
            f"  recipients: {len(self.recipients)}  cites: {len(self.cites)}  "
            f"targets: {len(self.targets)}  assignments: {len(self.assignments)}",
            "  body:",
        ]
        for n in self.body:
            lines += n.tree(2)
        if self.attachment:
            lines.append(f"  attachment: {self.attachment.type.code} "
                         f"{_short(self.attachment.title or '', 60)}")
        for p in self.parts:
            lines.append(f"  part {p.kind}: {_short(p.title or '', 60)}  @{p.line}")
            for n in p.body:
                lines += n.tree(2)
        return "\n".join(lines)


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
