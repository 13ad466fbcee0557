"""Document → Markdown page (YAML front matter + body) and → targets YAML.

The body is the document's full text in source order, with its numbering as printed:
headings for numbered sections, list items for bullets, paragraphs for the rest, each carrying
the anchor the model gave it (`{: #l112 }`, `{#s-iii-1}`) so links into the text stay stable.
Everything taken from the source is escaped for Markdown and HTML (`md_escape`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from . import __version__
from .model import Document, Node, Paragraph, Part, Section, SourceLine, Table

FRONT_MATTER_VERSION = 1


# ---- escaping ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!<>~])")


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally: no emphasis, links, HTML, attribute lists,
    abbreviations, tables or list markers can come out of document text.

    >>> md_escape("1. <b>*x*</b> {: onclick=y}")
    '1\\\\. &lt;b&gt;\\\\*x\\\\*&lt;/b&gt; \\\\{: onclick=y\\\\}'
    """
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)),
                           text)
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)      # "1." would start an ordered list
    text = re.sub(r"^([-+=])", r"\\\1", text)            # "-" bullet, "=" setext underline
    return text


def _attr(anchor: str, *classes: str) -> str:
    return "{: " + " ".join([f"#{anchor}", *(f".{c}" for c in classes)]) + " }"


# ---- front matter ------------------------------------------------------------------------------

def front_matter(doc: Document) -> dict[str, Any]:
    return {
        "vanban": FRONT_MATTER_VERSION,
        "slug": doc.slug,
        "source": doc.source,
        "number": doc.number,
        "type": doc.type.to_json(),
        "issuer": doc.issuer,
        "parent_issuer": doc.parent_issuer,
        "place": doc.place,
        "date": doc.date,
        "title": doc.title,
        "signer": doc.signer.to_json(),
        "recipients": doc.recipients,
        "cites": [{k: v for k, v in c.to_json().items() if k != "mentions"} for c in doc.cites],
        "assignments": [a.to_json() for a in doc.assignments],
        "targets": [{"id": t.id, "line": t.line, "anchor": t.anchor} for t in doc.targets],
        **({"attachment": doc.attachment.to_json()} if doc.attachment else {}),
        "summary_en": None,
    }


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available: ~10× faster


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)


# ---- body --------------------------------------------------------------------------------------

def render_markdown(doc: Document) -> str:
    out: list[str] = [
        "---",
        f"# Nhập bằng vanban {__version__} từ {doc.source or '?'}. Sửa tự do: nhập lại sẽ không"
        " ghi đè tệp này (trừ khi dùng --force).",
        dump_yaml(front_matter(doc)).rstrip(),
        "---",
        "",
    ]
    out += _head(doc)
    out += _body(doc.body, level=2)
    out += _closing(doc.closing)
    for part in doc.parts:
        out += _part(part)
    return "\n".join(out).rstrip() + "\n"


def _head(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.head:
        out += ['<div class="vb-head" markdown="1">', ""]
        for s in doc.head:
            out += [md_escape(s.text), _attr(f"l{s.line}-{s.role}", f"vb-{s.role}"), ""]
        out += ["</div>", ""]
    if doc.type_line:
        out += [f"# {md_escape(doc.type_line.text)} {{: #van-ban .vb-type }}", ""]
    if doc.title_lines:
        text = "  \n".join(md_escape(t.text) for t in doc.title_lines)
        out += [text, _attr("trich-yeu", "vb-title"), ""]
    return out


def _body(nodes: list[Node], level: int, indent: str = "") -> list[str]:
    out: list[str] = []
    for node in nodes:
        out += _node(node, level, indent)
    return out


def _node(node: Node, level: int, indent: str) -> list[str]:
    if isinstance(node, Paragraph):
        return [indent + md_escape(node.text), indent + _attr(node.anchor), ""]
    if isinstance(node, Table):
        return _table(node, indent)
    if isinstance(node, Section):
        out: list[str] = []
        if node.heading and not indent:
            hashes = "#" * min(level, 6)
            out += [f"{hashes} {md_escape(node.marker)} {md_escape(node.heading)} "
                    f"{{: #{node.anchor} }}", ""]
            if node.text:
                out += [md_escape(node.text), _attr(f"{node.anchor}-text", "vb-lead"), ""]
        else:
            text = " ".join(t for t in (node.heading, node.text) if t)
            out += [indent + md_escape(f"{node.marker} {text}"), indent + _attr(node.anchor), ""]
        return out + _body(node.children, level + 1, indent)
    # Item
    if node.marker in "-–+•●◦▪*":
        out = [f"{indent}- {md_escape(node.text)}", f"{indent}  {_attr(node.anchor)}", ""]
        if node.children:
            out += _body(node.children, level + 1, indent + "    ")
        return out
    out = [indent + md_escape(f"{node.marker} {node.text}"),
           indent + _attr(node.anchor, "vb-point"), ""]
    return out + _body(node.children, level + 1, indent)


def _table(table: Table, indent: str) -> list[str]:
    def cell(text: str) -> str:
        return md_escape(text).replace("\n", " ") or " "

    width = len(table.header)
    out = [indent + "| " + " | ".join(cell(h) for h in table.header) + " |",
           indent + "|" + "---|" * width]
    lines = table.row_lines or [table.line] * len(table.rows)
    for row, line in zip(table.rows, lines, strict=False):
        cells = [cell(c) for c in row]
        cells[0] = f'<a id="{table.anchor}-r{line}"></a>{cells[0]}'
        out.append(indent + "| " + " | ".join(cells) + " |")
    return [f'{indent}<div class="vb-table" id="{table.anchor}" markdown="1">', "", *out, "",
            f"{indent}</div>", ""]


def _closing(lines: list[SourceLine]) -> list[str]:
    if not lines:
        return []
    out = ['<div class="vb-closing" markdown="1">', ""]
    in_list = False
    for s in lines:
        if s.role == "recipient":
            text = re.sub(r"^[-+•]\s*", "", s.text)
            if not in_list:
                in_list = True
            out += [f"- {md_escape(text)}", f"  {_attr(f'l{s.line}-r', 'vb-recipient')}"]
            continue
        if in_list:
            out.append("")
            in_list = False
        out += [md_escape(s.text), _attr(f"l{s.line}-{s.role}", f"vb-c-{s.role}"), ""]
    out += ["", "</div>", ""]
    return _dedupe_ids(out)


def _dedupe_ids(out: list[str]) -> list[str]:
    seen: dict[str, int] = {}

    def fix(m: re.Match[str]) -> str:
        anchor = m.group(1)
        seen[anchor] = seen.get(anchor, 0) + 1
        return f"#{anchor}" if seen[anchor] == 1 else f"#{anchor}-{seen[anchor]}"

    return [re.sub(r"#(l\d+-[a-z_]+)", fix, line) if line.lstrip().startswith("{:") else line
            for line in out]


def _part(part: Part) -> list[str]:
    out = [f'<section class="vb-part" id="{part.anchor}" markdown="1">', ""]
    first = True
    for s in part.heading:
        if first and s.role == "part":
            out += [f"## {md_escape(s.text)} {{: #{part.anchor}-h .vb-part-heading }}", ""]
        else:
            out += [md_escape(s.text), _attr(f"l{s.line}-{s.role}", f"vb-part-{s.role}"), ""]
        first = False
    out += _body(part.body, level=3)
    out += _closing(part.closing)
    return [*_dedupe_ids(out), "</section>", ""]


# ---- targets YAML ------------------------------------------------------------------------------

TARGETS_HEADER = """\
# Chỉ tiêu của văn bản {slug} ({number}), trích tự động khi nhập.
# Cán bộ cập nhật số liệu bằng cách thêm vào "measurements" của từng chỉ tiêu, ví dụ:
#   measurements:
#     - year: 2023
#       value: 92.5
#       source: "Báo cáo số 45/BC-LĐLĐ ngày 15/12/2023"
#       note: "ước thực hiện"
# "sample: true" đánh dấu số liệu mẫu (trang hiện thông báo); "term_end" là năm hết nhiệm kỳ.
# Hướng dẫn: trang "Cập nhật số liệu chỉ tiêu" (huong-dan-chi-tieu) trên cổng thông tin.
"""


def targets_data(doc: Document) -> dict[str, Any]:
    return {
        "document": doc.slug,
        "sample": False,
        "term_end": None,
        "targets": [
            {
                "id": t.id,
                "text": t.text,
                "indicator": t.subject,
                "unit": t.unit,
                "target": t.value,
                "comparator": t.comparator,
                "deadline": t.deadline,
                "deadline_text": t.deadline_text,
                "baseline": None,
                "agency": None,
                "line": t.line,
                "anchor": t.anchor,
                "measurements": [],
            }
            for t in doc.targets
        ],
    }


def render_targets_yaml(doc: Document, data: dict[str, Any] | None = None) -> str:
    """The targets file of `doc`; `data`: its content when it is not `targets_data(doc)`
    (a re-import keeping what staff added, see importer.keep_staff_data)."""
    header = TARGETS_HEADER.format(slug=doc.slug, number=doc.number or "không số")
    return header + dump_yaml(targets_data(doc) if data is None else data)
