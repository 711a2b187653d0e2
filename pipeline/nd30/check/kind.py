"""What a document is, decided before it is judged: its kind sets which rules of the frame apply.

A document is told by its tên loại (the capitalised line under the header, PL1 Phần II mục 5.a),
by the "V/v …" of a công văn under its number (mục 5.b), by an appendix or form heading, or by
having no NĐ 30 frame at all (a speech, a statistical form: no Quốc hiệu, no number, no tên loại).
A form or a statistical table under a Quốc hiệu (a tờ khai, a bảng tổng hợp) is told by what a
document of NĐ 30 lacks and a form shows: no tên loại, number, signing authority or Nơi nhận, and
blanks to fill in, a "(Ký, ghi rõ họ tên)", a table of rows numbered "STT" or a "Mẫu số" heading.
Legal normative documents (Luật, Nghị định, Thông tư) and the Quy định or Quy chế issued with a
Quyết định are kinds of their own, each waiving the rules of the frame it does not follow.
The caller may name the kind instead (``hoso check --kind``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pipeline.core.messages import text
from pipeline.nd30.check.locate import _APPENDIX_HEADING, _AUTHORITY, _ISSUED_WITH, _Layout, _type_name
from pipeline.nd30.check.model import _Document, _Para, _Table

Frame = Literal["full", "letter", "minutes", "appendix", "none"]
"""Which rules apply: ``full`` every rule; ``letter`` a công văn (no tên loại, its trích yếu is the
"V/v" line); ``minutes`` a biên bản (no date line, Nơi nhận optional: PL3 Mẫu 1.9); ``appendix``
a stand-alone appendix or form (page, font and text rules only); ``none`` no NĐ 30 frame."""


@dataclass(frozen=True)
class Kind:
    key: str  # the value of ``--kind``
    name: str  # how the notice names it
    frame: Frame
    dated: bool = True
    waived: frozenset[str] = frozenset()  # codes of the frame's rules this kind does not follow


# PL3 Mục I lists 29 types; the frame of most is the general one (PL1 Phần II). Those named here
# differ in their frame or are the ones emulation and commendation work sends.
KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("quyet-dinh", "Quyết định", "full"),
        Kind("to-trinh", "Tờ trình", "full"),
        Kind("ke-hoach", "Kế hoạch", "full"),
        Kind("bao-cao", "Báo cáo", "full"),
        Kind("thong-bao", "Thông báo", "full"),
        Kind("bien-ban", "Biên bản", "minutes", dated=False),
        Kind("cong-van", "Công văn", "letter"),
        Kind("giay-moi", "Giấy mời", "full"),
        # A Luật or Pháp lệnh is signed without Nơi nhận and numbered "Luật số: 06/2022/QH15" (NĐ 34/2016,
        # Phụ lục I, mẫu 1, 2), not "Số: …/…-…".
        Kind("luat", "Luật, pháp lệnh", "full", waived=frozenset({"ND30-RECIPIENTS-MISSING", "ND30-NUMBER-FORMAT"})),
        Kind("nghi-dinh", "Nghị định", "full"),
        Kind("thong-tu", "Thông tư", "full"),
        # A Quy định or Quy chế is issued with a Quyết định: it carries neither number, date nor Nơi
        # nhận of its own, only "(Kèm theo Quyết định số …)" (NĐ 30/2020, Phụ lục III, mẫu 1.3).
        Kind(
            "quy-dinh", "Quy định, quy chế ban hành kèm theo văn bản khác", "full",
            dated=False, waived=frozenset({"ND30-NUMBER-MISSING", "ND30-RECIPIENTS-MISSING"}),
        ),
        Kind("khac", "Văn bản hành chính", "full"),
        Kind("phu-luc", "Phụ lục hoặc biểu mẫu", "appendix"),
        Kind("khong", "Không theo thể thức NĐ 30", "none"),
    )
}

# The tên loại whose kind is named; any other (locate._TYPE_TITLES) is checked as "khac".
_TITLE_KINDS = {
    "QUYẾT ĐỊNH": "quyet-dinh",
    "TỜ TRÌNH": "to-trinh",
    "KẾ HOẠCH": "ke-hoach",
    "BÁO CÁO": "bao-cao",
    "THÔNG BÁO": "thong-bao",
    "BIÊN BẢN": "bien-ban",
    "GIẤY MỜI": "giay-moi",
    "LUẬT": "luat",
    "BỘ LUẬT": "luat",
    "PHÁP LỆNH": "luat",
    "NGHỊ ĐỊNH": "nghi-dinh",
    "THÔNG TƯ": "thong-tu",
    "THÔNG TƯ LIÊN TỊCH": "thong-tu",
    "QUY ĐỊNH": "quy-dinh",
    "QUY CHẾ": "quy-dinh",
}
# What a form or a statistical table shows and a document of NĐ 30 does not: blanks to fill in
# ("Họ và tên: ………"), a signature left to the one who fills it ("(Ký, ghi rõ họ tên)"), a table of
# rows numbered "STT", the "Mẫu số" or "(Ban hành kèm theo Thông tư …)" that issued it.
_BLANKS = re.compile(r"(?:\.{5,}|…{2,}|_{5,})")
_SIGN_HERE = re.compile(r"^\((?:Ký|ký)\b")
_NUMBERED_ROWS = re.compile(r"^(?:STT|TT|Số TT)$", re.IGNORECASE)
# Blanks to fill in on this many lines make a form (a document may leave one or two: "Số:   /…").
_FORM_BLANKS = 3


@dataclass(frozen=True)
class Assumed:
    """The kind a document was checked as, and the one line saying so (and why)."""

    kind: Kind
    notice: str


def kind_named(value: str) -> Kind:
    """The kind ``--kind`` names; ``ValueError`` (its text lists the kinds) for an unknown one."""
    if value in KINDS:
        return KINDS[value]
    raise ValueError(text("part.nd30.kind_unknown", kind=value, kinds=", ".join(KINDS)))


def assume(doc: _Document, layout: _Layout, override: str | None) -> Assumed:
    if override is not None:
        kind = kind_named(override)
        return Assumed(kind, text("part.nd30.kind_chosen", kind=kind.name))
    title = _type_name(layout.title.text) if layout.title else None
    if title is not None:
        kind = KINDS[_TITLE_KINDS.get(title, "khac")]
        name = kind.name if kind.key != "khac" else title.capitalize()
        return Assumed(kind, text("part.nd30.kind_title", kind=name, title=title))
    if layout.letter_subject is not None:
        return Assumed(KINDS["cong-van"], text("part.nd30.kind_letter", kind=KINDS["cong-van"].name))
    if layout.national_title is None and layout.number is None:
        first = _first_text(doc)
        if first and _APPENDIX_HEADING.match(first):
            return Assumed(KINDS["phu-luc"], text("part.nd30.kind_appendix", kind=KINDS["phu-luc"].name))
        return Assumed(KINDS["khong"], text("part.nd30.kind_none"))
    if _is_form(doc, layout):
        return Assumed(KINDS["phu-luc"], text("part.nd30.kind_form", kind=KINDS["phu-luc"].name))
    return Assumed(KINDS["khac"], text("part.nd30.kind_unknown_type"))


def _is_form(doc: _Document, layout: _Layout) -> bool:
    """A form or a statistical table, even under a Quốc hiệu: no tên loại (checked before), no
    number, no signing authority, no Nơi nhận, and what only a form shows."""
    if layout.number is not None or layout.recipients:
        return False
    if any(_AUTHORITY.match(line.text) for block in layout.signature_blocks for line in block):
        return False
    lines = [line.text for para in doc.body_paras for line in para.lines if line.text]
    return (
        sum(1 for line in lines if _BLANKS.search(line)) >= _FORM_BLANKS
        or any(_SIGN_HERE.match(line) or _APPENDIX_HEADING.match(line) or _ISSUED_WITH.match(line) for line in lines)
        or any(_numbered_rows(item) for item in doc.main_items)
    )


def _numbered_rows(item: _Para | _Table) -> bool:
    if not isinstance(item, _Table) or not item.cells:
        return False
    first = next((line.text for line in item.cells[0][1].lines if line.text), "")
    return bool(_NUMBERED_ROWS.match(first))


def _first_text(doc: _Document) -> str:
    for item in doc.main_items:
        paras = [item] if isinstance(item, _Para) else item.paras
        for para in paras:
            if para.text:
                return para.text
    return ""

