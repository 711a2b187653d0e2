"""What a document is, decided before it is judged: its kind sets which rules of the frame apply.

A document is told by its tên loại (the capitalised line under the header, PL1 Phần II mục 5.a),
by the "V/v …" of a công văn under its number (mục 5.b), by an appendix or form heading, or by
having no NĐ 30 frame at all (a speech, a statistical form: no Quốc hiệu, no number, no tên loại).
The caller may name the kind instead (``hoso check --kind``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pipeline.core.messages import text
from pipeline.nd30.check.locate import _Layout, _type_name
from pipeline.nd30.check.model import _Document, _Para

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
}
_APPENDIX_HEADING = re.compile(r"^(?:PHỤ LỤC|Phụ lục|MẪU SỐ|Mẫu số|BIỂU MẪU|Biểu mẫu|Biểu số|BIỂU SỐ)\b")


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
    return Assumed(KINDS["khac"], text("part.nd30.kind_unknown_type"))


def _first_text(doc: _Document) -> str:
    for item in doc.main_items:
        paras = [item] if isinstance(item, _Para) else item.paras
        for para in paras:
            if para.text:
                return para.text
    return ""

