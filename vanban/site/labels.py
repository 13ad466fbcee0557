"""UI strings of the portal in Vietnamese and English, type names, roles and date formats.

Every word the portal itself prints goes through `t(key, lang)`; the documents' own text is
never translated (English pages mark it `lang="vi"`).

>>> t("resp.title", "en")
'Responsibilities'
>>> type_name("QĐ", None, "en"), type_name("CTr", "Chương trình hành động", "vi")
('Decision', 'Chương trình hành động')
>>> format_date("2021-11-23", "vi"), format_date("2021-11-23", "en")
('23/11/2021', '23 November 2021')
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..grammar import DOC_TYPES
from ..text import fold

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

_LABELS: dict[str, tuple[str, str]] = {
    # document page: metadata card
    "card.title": ("Thông tin văn bản", "About this document"),
    "doc.number": ("Số, ký hiệu", "Number"),
    "doc.number_none": ("(không số)", "(no number)"),
    "doc.type": ("Loại văn bản", "Type"),
    "doc.issuer": ("Cơ quan ban hành", "Issued by"),
    "doc.parent_issuer": ("Cơ quan chủ quản", "Parent body"),
    "doc.date": ("Ngày ban hành", "Date"),
    "doc.place": ("Nơi ban hành", "Place"),
    "doc.signer": ("Người ký", "Signed by"),
    "doc.recipients": ("Nơi nhận", "Recipients"),
    "doc.unknown": ("không rõ", "unknown"),
    "doc.summary_en": ("Tóm tắt (tiếng Anh)", "Summary"),
    "doc.title_vi": ("Trích yếu", "Title (Vietnamese)"),
    "doc.text_vi": ("Toàn văn", "Read the full text (in Vietnamese)"),
    "doc.text": ("Toàn văn", "Full text (Vietnamese)"),
    "doc.label_number": ("{type} số {number}", "{type} No. {number}"),
    "doc.label_date": ("{type} ngày {date}", "{type} of {date}"),
    # a document page's title in English when staff wrote no `title_en` (views.page_title)
    "doc.title_issuer": ("{label} của {issuer}", "{label} of the {issuer}"),
    "doc.title_place": ("{label}, {place}", "{label}, {place}"),
    "doc.place_date": ("{place}, {date}", "{place}, {date}"),
    "permalink": ("Liên kết cố định", "Permanent link"),
    "doc.jump": ("Xem nhanh", "Jump to"),
    # long documents split into parts (vanban.site.split)
    "parts.title": ("Văn bản dài, chia thành {count} phần:",
                    "A long document, in {count} parts:"),
    "parts.label": ("Các phần của văn bản", "Parts of the document"),
    "parts.part": ("Phần {n}", "Part {n}"),
    "parts.of": ("Phần {n}/{count}", "Part {n} of {count}"),
    "parts.pager": ("Chuyển phần", "Parts"),
    "parts.back": ("Thông tin văn bản và trách nhiệm thực hiện (phần 1)",
                   "Document details and responsibilities (part 1)"),
    "parts.page_title": ("{label} — phần {n}", "{label} — part {n}"),
    # responsibilities
    "resp.title": ("Trách nhiệm thực hiện", "Responsibilities"),
    "resp.agency": ("Cơ quan, đơn vị", "Agency"),
    "resp.task": ("Nhiệm vụ", "Task"),
    "resp.role": ("Vai trò", "Role"),
    "resp.deadline": ("Thời hạn", "Deadline"),
    "resp.none": ("Văn bản không giao nhiệm vụ cụ thể cho cơ quan, đơn vị nào.",
                  "The document assigns no task to a named agency."),
    "resp.unmatched": ("chưa có trong danh mục cơ quan", "not in the list of agencies"),
    "role.lead": ("Chủ trì", "Lead"),
    "role.support": ("Phối hợp", "Support"),
    # citations
    "cites.title": ("Văn bản được trích dẫn", "Documents cited"),
    "cites.none": ("Văn bản không trích dẫn văn bản nào khác.", "The document cites no other."),
    "cited_by.title": ("Được trích dẫn bởi", "Cited by"),
    "cited_by.more": ("… và {n} văn bản khác trong cổng cũng trích dẫn văn bản này (mới nhất "
                      "ở trên).", "… and {n} more documents of the portal cite this one "
                      "(the newest are above)."),
    "cited_by.none": ("Chưa có văn bản nào trong cổng trích dẫn văn bản này.",
                      "No document in the portal cites this one yet."),
    "cite.in_portal": ("có trong cổng", "in the portal"),
    "cite.of": ("của", "by"),
    "cite.dated": ("ngày", "dated"),
    "cite.number": ("số", "No."),
    "relation.can_cu": ("Căn cứ", "Legal basis"),
    "relation.thuc_hien": ("Thực hiện", "Implements"),
    "relation.dan_chieu": ("Dẫn chiếu", "Mentions"),
    # document lists and index
    "index.title": ("Văn bản", "Documents"),
    "index.intro": ("Tất cả văn bản trong cổng, xếp theo loại, theo năm và theo cơ quan ban "
                    "hành.", "Every document in the portal, by type, by year and by issuer."),
    "index.by_type": ("Theo loại văn bản", "By type"),
    "index.by_year": ("Theo năm ban hành", "By year"),
    "index.by_issuer": ("Theo cơ quan ban hành", "By issuer"),
    "index.latest": ("Văn bản mới nhất", "Latest documents"),
    "index.all": ("Tất cả văn bản", "All documents"),
    "index.more": ("Còn {count} văn bản khác: xem theo loại hoặc theo năm ở trên.",
                   "{count} more: browse by type or by year above."),
    "index.empty": ("Chưa có văn bản nào.", "No documents yet."),
    "index.count": ("{count} văn bản", "{count} documents"),
    "index.count_one": ("1 văn bản", "1 document"),
    "index.other_type": ("Khác", "Other"),
    "index.undated": ("Không rõ năm", "Undated"),
    "type_page.title": ("{name}", "{name}"),
    "year_page.title": ("Văn bản năm {year}", "Documents of {year}"),
    "col.document": ("Văn bản", "Document"),
    "col.date": ("Ngày", "Date"),
    "col.title": ("Trích yếu", "Subject"),
    "col.issuer": ("Cơ quan ban hành", "Issuer"),
    # agencies
    "agencies.title": ("Cơ quan, đơn vị", "Agencies"),
    "agencies.intro": ("Các cơ quan, đơn vị được giao nhiệm vụ hoặc ban hành văn bản trong "
                       "cổng.", "Agencies that are given tasks by, or issue, the documents "
                       "in the portal."),
    "agencies.national": ("Trung ương và chung", "National and general"),
    "agencies.tasks": ("Nhiệm vụ", "Tasks"),
    "agencies.issued": ("Văn bản ban hành", "Issued"),
    "agency.tasks": ("Nhiệm vụ được giao", "Tasks assigned"),
    "agency.tasks_none": ("Chưa có văn bản nào trong cổng giao nhiệm vụ cho đơn vị này.",
                          "No document in the portal assigns a task to this agency yet."),
    "agency.issued": ("Văn bản ban hành", "Documents issued"),
    "agency.parent": ("Cấp trên", "Parent body"),
    "agency.children": ("Đơn vị trực thuộc", "Subordinate bodies"),
    "agency.abbr": ("Viết tắt", "Abbreviations"),
    "agency.aliases": ("Cách gọi khác", "Also written as"),
    "agency.place": ("Địa phương", "Province"),
    "agency.name_vi": ("Tên tiếng Việt", "Vietnamese name"),
    "agency.name_en": ("Tên tiếng Anh", "English name"),
    "agency.issued_none": ("Chưa có văn bản nào của đơn vị này trong cổng.",
                           "No document of this agency in the portal yet."),
    # glossary
    "glossary.title": ("Thuật ngữ, từ viết tắt", "Glossary of abbreviations"),
    "glossary.intro": ("Các từ viết tắt thường gặp trong văn bản. Trên mọi trang, di chuột "
                       "hoặc chạm vào từ viết tắt để xem nghĩa.",
                       "Abbreviations found in the documents. On every page, hover over or "
                       "tap an abbreviation to see what it stands for."),
    "glossary.abbr": ("Viết tắt", "Abbreviation"),
    "glossary.vi": ("Tiếng Việt", "Vietnamese"),
    "glossary.en": ("Tiếng Anh", "English"),
    "glossary.note": ("Ghi chú", "Note"),
    # home
    "home.latest": ("Văn bản mới cập nhật", "Latest documents"),
    "home.stats": ("Số liệu", "In numbers"),
    "home.documents": ("văn bản", "documents"),
    "home.agencies": ("cơ quan, đơn vị", "agencies"),
    "home.tasks": ("nhiệm vụ được giao", "assigned tasks"),
    "home.citations": ("liên kết trích dẫn", "citation links"),
    "home.browse": ("Tra cứu", "Browse"),
    "home.all_documents": ("Tất cả văn bản", "All documents"),
    # news (vanban/site/news.py)
    "news.title": ("Tin tức", "News"),
    "news.intro": ("Tin về cổng thông tin và các văn bản mới, mới nhất trước.",
                   "News about the portal and new documents, newest first."),
    "news.page_title": ("Tin tức — trang {n}", "News — page {n}"),
    "news.empty": ("Chưa có tin nào.", "No news yet."),
    "news.latest": ("Tin mới", "Latest news"),
    "news.all": ("Tất cả tin tức", "All news"),
    "news.pages": ("Các trang tin", "Pages of news"),
    "news.newer": ("← Tin mới hơn", "← Newer posts"),
    "news.older": ("Tin cũ hơn →", "Older posts →"),
    "news.page_of": ("Trang {n}/{total}", "Page {n} of {total}"),
    "news.feed": ("Nhận tin qua RSS/Atom", "Subscribe (Atom feed)"),
    "news.feed_title": ("Tin tức — {site}", "News — {site}"),
    "news.back": ("← Tất cả tin tức", "← All news"),
    "news.untranslated": ("", "This post has not been translated yet; it is shown in "
                              "Vietnamese."),
    # document page: the imported original
    "doc.original": ("Tệp gốc", "Original file"),
    "doc.attachment": ("Ban hành kèm theo", "Issues"),
    "doc.original_link": ("Tải tệp gốc ({ext}, {size})", "Download the original ({ext}, {size})"),
    # 404
    "404.home": ("Trang chủ", "Home"),
    "404.title": ("Không tìm thấy trang", "Page not found"),
    "404.text": ("Địa chỉ này không có trong cổng: có thể trang đã được đổi tên hoặc gõ nhầm "
                 "địa chỉ. Hãy bắt đầu lại từ một trong các trang sau.",
                 "There is no page at this address: it may have moved, or the address was "
                 "mistyped. Start again from one of these pages."),
}

# the document types in both languages: one table, vanban.grammar.DOC_TYPES
_TYPES_BY_KEY = {fold(code): (code, *names) for code, names in DOC_TYPES.items()}
TYPE_ORDER = [fold(code) for code in DOC_TYPES]

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def add_labels(table: dict[str, tuple[str, str]]) -> None:
    """More UI strings {key: (vi, en)}, from another module of vanban.site."""
    for key, pair in table.items():
        if _LABELS.get(key, pair) != pair:
            raise KeyError(f"label defined twice: {key}")
        _LABELS[key] = pair


def lang_index(lang: str) -> int:
    return 1 if lang == "en" else 0


def t(key: str, lang: str, **params: Any) -> str:
    """The UI string `key` in `lang`, formatted with `params`; the key itself if unknown."""
    pair = _LABELS.get(key)
    if pair is None:
        return key
    text = pair[lang_index(lang)]
    return text.format(**params) if params else text


def count_label(count: int, lang: str) -> str:
    return t("index.count_one", lang) if count == 1 else t("index.count", lang, count=count)


def type_key(code: str | None) -> str:
    """Grouping key of a type code: 'QĐ' and 'QD' are the same type."""
    return fold(code) if code else ""


def canonical_type_code(code: str | None) -> str | None:
    entry = _TYPES_BY_KEY.get(type_key(code))
    return entry[0] if entry else code


def type_name(code: str | None, name: str | None, lang: str) -> str:
    """Name of a document type: the document's own in Vietnamese, the table's in English."""
    entry = _TYPES_BY_KEY.get(type_key(code))
    if lang == "en":
        if entry:
            return entry[2]
        return code or t("index.other_type", lang)
    return name or (entry[1] if entry else code or t("index.other_type", lang))


def iso_date(value: object) -> str | None:
    """'2021-11-23' from a string or a date; None for anything else."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def format_date(value: object, lang: str) -> str:
    """'23/11/2021' (vi) or '23 November 2021' (en); partial or odd dates as they are."""
    iso = iso_date(value)
    if iso is None:
        return ""
    try:
        d = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    if lang == "en":
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
