"""The layout rules of Nghị định 30/2020/NĐ-CP, Phụ lục I – the one place hoso keeps them.

Each value carries the range the decree allows, the value hoso writes, and its source. The frame
(:mod:`pipeline.nd30.frame`) writes the ``chosen`` values; the check (:mod:`pipeline.nd30.check`)
accepts anything inside ``[low, high]``. Values marked ``practice`` are not in the decree but in
practitioners' measurements (measured on issued documents); they never produce a check finding.

Source keys: "PL1" = Phụ lục I (Thể thức và kỹ thuật trình bày văn bản hành chính);
"PL3" = Phụ lục III (Viết tắt tên loại văn bản; mẫu trình bày).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core import vnformat

FONT_NAME = "Times New Roman"
"""PL1 Phần I khoản 4: phông chữ tiếng Việt Times New Roman, bộ mã Unicode (TCVN 6909:2001), màu đen."""
FONT_SOURCE = "NĐ 30/2020, Phụ lục I, Phần I, khoản 4"

# Fonts that LibreOffice uses in place of Times New Roman with the same metrics; accepted by the
# font guard only, never written into a document.
METRIC_COMPATIBLE_FONTS = ("Liberation Serif", "Tinos", "Times New Roman")


@dataclass(frozen=True)
class Measure:
    """A numeric layout requirement: allowed ``[low, high]``, the value hoso writes, its source."""

    low: float
    high: float
    chosen: float
    unit: str
    source: str

    def allows(self, value: float, tolerance: float = 0.05) -> bool:
        return self.low - tolerance <= value <= self.high + tolerance


# --- Page (PL1 Phần I) -------------------------------------------------------------------------
PAGE_WIDTH = Measure(210, 210, 210, "mm", "NĐ 30/2020, Phụ lục I, Phần I, khoản 1 (khổ A4)")
PAGE_HEIGHT = Measure(297, 297, 297, "mm", "NĐ 30/2020, Phụ lục I, Phần I, khoản 1 (khổ A4)")
MARGIN_TOP = Measure(20, 25, 20, "mm", "NĐ 30/2020, Phụ lục I, Phần I, khoản 3")
MARGIN_BOTTOM = Measure(20, 25, 20, "mm", "NĐ 30/2020, Phụ lục I, Phần I, khoản 3")
MARGIN_LEFT = Measure(30, 35, 30, "mm", "NĐ 30/2020, Phụ lục I, Phần I, khoản 3")
MARGIN_RIGHT = Measure(15, 20, 15, "mm", "NĐ 30/2020, Phụ lục I, Phần I, khoản 3")
PAGE_NUMBER_SIZE = Measure(13, 14, 13, "pt", "NĐ 30/2020, Phụ lục I, Phần I, khoản 7")
PAGE_NUMBER_SOURCE = "NĐ 30/2020, Phụ lục I, Phần I, khoản 7"

# --- Body (PL1 Phần II mục 6.e) ------------------------------------------------------------------
BODY_SIZE = Measure(13, 14, 14, "pt", "NĐ 30/2020, Phụ lục I, Phần II, mục 6")
FIRST_LINE_INDENT = Measure(10, 12.7, 12.7, "mm", "NĐ 30/2020, Phụ lục I, Phần II, mục 6 (lùi đầu dòng 1 cm hoặc 1,27 cm)")
PARAGRAPH_SPACING = Measure(6, 72, 6, "pt", "NĐ 30/2020, Phụ lục I, Phần II, mục 6 (khoảng cách giữa các đoạn văn tối thiểu 6pt)")
LINE_SPACING = Measure(1.0, 1.5, 1.15, "lines", "NĐ 30/2020, Phụ lục I, Phần II, mục 6 (từ cách dòng đơn đến 1,5 dòng)")

# --- Header table (practice: measured on issued documents) ----------------
HEADER_LEFT_WIDTH = Measure(70, 75, 70, "mm", "practice: cột trái 7–7,5 cm")
HEADER_RIGHT_WIDTH = Measure(97.5, 103, 103, "mm", "practice: cột phải 9,75–10,3 cm để Quốc hiệu không xuống dòng")
# The header and signature tables are wider than the 165 mm text area; they start this far left
# of the margin, as issued documents do (total 17.25–17.5 cm in practice).
TABLE_OUTDENT_MM = 4.0

# Lines under the issuer name and the subject: 1/3 to 1/2 of the text (PL1 Phần II mục 2, 5);
# under the motto: as long as the motto (mục 1).
RULE_RATIO_ISSUER = Measure(1 / 3, 1 / 2, 0.4, "ratio", "NĐ 30/2020, Phụ lục I, Phần II, mục 2")
RULE_RATIO_SUBJECT = Measure(1 / 3, 1 / 2, 0.4, "ratio", "NĐ 30/2020, Phụ lục I, Phần II, mục 5")
RULE_RATIO_MOTTO = Measure(0.9, 1.1, 1.0, "ratio", "NĐ 30/2020, Phụ lục I, Phần II, mục 1")

# --- Fixed texts (PL1 Phần II mục 1) -------------------------------------------------------------
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL_TITLE_SOURCE = "NĐ 30/2020, Phụ lục I, Phần II, mục 1"
RECIPIENTS_LABEL = "Nơi nhận:"
ARCHIVE_PREFIX = "- Lưu: VT"


@dataclass(frozen=True)
class TextStyle:
    """How one component of the frame is typeset (PL1 Phần II and table V)."""

    sizes: tuple[float, float]
    chosen: float
    bold: bool
    italic: bool
    caps: bool
    source: str

    def allows_size(self, size_pt: float) -> bool:
        return self.sizes[0] - 0.01 <= size_pt <= self.sizes[1] + 0.01


# Ô số per PL1 Phần IV. ``caps`` means the text must be written in capitals by the data or frame.
NATIONAL_TITLE_STYLE = TextStyle((12, 13), 13, True, False, True, "NĐ 30/2020, Phụ lục I, Phần II, mục 1")
MOTTO_STYLE = TextStyle((13, 14), 14, True, False, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 1")
PARENT_BODY_STYLE = TextStyle((12, 13), 13, False, False, True, "NĐ 30/2020, Phụ lục I, Phần II, mục 2")
ISSUER_STYLE = TextStyle((12, 13), 13, True, False, True, "NĐ 30/2020, Phụ lục I, Phần II, mục 2")
NUMBER_STYLE = TextStyle((13, 13), 13, False, False, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 3")
DATE_LINE_STYLE = TextStyle((13, 14), 14, False, True, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 4")
DOC_TYPE_STYLE = TextStyle((13, 14), 14, True, False, True, "NĐ 30/2020, Phụ lục I, Phần II, mục 5")
SUBJECT_STYLE = TextStyle((13, 14), 14, True, False, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 5")
LEGAL_BASIS_STYLE = TextStyle((13, 14), 14, False, True, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 6.a")
ADDRESSEE_STYLE = TextStyle((13, 14), 14, False, False, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 9.a")
AUTHORITY_STYLE = TextStyle((13, 14), 14, True, False, True, "NĐ 30/2020, Phụ lục I, Phần II, mục 7")
SIGNER_NAME_STYLE = TextStyle((13, 14), 14, True, False, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 7")
RECIPIENTS_LABEL_STYLE = TextStyle((12, 12), 12, True, True, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 9.b")
RECIPIENT_ITEM_STYLE = TextStyle((11, 11), 11, False, False, False, "NĐ 30/2020, Phụ lục I, Phần II, mục 9.b")
# A Quyết định prints its competent authority and its enacting word like the tên loại (PL3 Mẫu 1.2).
ENACTING_STYLE = TextStyle((13, 14), 14, True, False, True, "NĐ 30/2020, Phụ lục III, Mẫu 1.2")
APPENDIX_LABEL_STYLE = TextStyle((14, 14), 14, True, False, False, "NĐ 30/2020, Phụ lục I, Phần III, mục 1")
APPENDIX_TITLE_STYLE = TextStyle((13, 14), 14, True, False, True, "NĐ 30/2020, Phụ lục I, Phần III, mục 1")
APPENDIX_REFERENCE_STYLE = TextStyle((13, 14), 14, False, True, False, "NĐ 30/2020, Phụ lục I, Phần III, mục 1")

# A draft sent round for comments carries "DỰ THẢO" in capitals, bold, in a box at the top of the
# page [practice; NĐ 30 has no rule for drafts beyond leaving the number blank, Điều 15]. hoso puts
# it in the top margin at the right edge of the text, on every page (pipeline.stages.draft).
DRAFT_MARK = "DỰ THẢO"
DRAFT_MARK_STYLE = TextStyle((13, 14), 13, True, False, True, "practice: dự thảo ghi «DỰ THẢO» ở đầu trang")


@dataclass(frozen=True)
class DocumentType:
    """A type of administrative document: its name (tên loại) and abbreviation (PL3 Mục I)."""

    name: str
    abbreviation: str | None
    """None for a document numbered like a công văn: ``Số: 05/SVHTTDL`` (PL3 Mục I)."""
    addressed: bool = False
    """Sent upward with a ``Kính gửi:`` block (PL1 Phần II mục 9.a: tờ trình, báo cáo lên cấp trên)."""
    dated: bool = True
    """Carries the place-and-date line under the header; Biên bản (PL3 Mẫu 1.9) does not."""
    enacting: bool = False
    """Names the competent authority under the trích yếu and enacts with "QUYẾT ĐỊNH:" (PL3 Mẫu 1.2)."""


# PL3 Mục I. Only the types hoso writes are listed; add others from the same table.
DOCUMENT_TYPES: dict[str, DocumentType] = {
    "KH": DocumentType("KẾ HOẠCH", "KH"),
    "BC": DocumentType("BÁO CÁO", "BC"),
    "BB": DocumentType("BIÊN BẢN", "BB", dated=False),
    "TTr": DocumentType("TỜ TRÌNH", "TTr", addressed=True),
    "QĐ": DocumentType("QUYẾT ĐỊNH", "QĐ", enacting=True),
    # A phiếu gửi lists the documents it accompanies (PL3 Mẫu 1.4; abbreviation "PG", PL3 Mục I).
    "PG": DocumentType("PHIẾU GỬI", "PG", addressed=True),
}

REGISTRATION = DocumentType("BẢN ĐĂNG KÝ THI ĐUA", None)
"""Not a type of PL3 Mục I, so it has no type abbreviation and is numbered like a công văn
(``Số: 05/ĐPTTH``) [practice: units send it as a document with its own name]."""

DECISION_ENACTING_WORD = "QUYẾT ĐỊNH:"
"""The enacting word of a Quyết định, bold, centred, on its own line (PL3 Mẫu 1.2)."""
APPENDIX_LABEL = "Phụ lục"
"""PL1 Phần III mục 1 and the table of components: "Phụ lục" bold on its own centred line, the
appendix title in capitals bold, then "(Kèm theo …)" italic; pages numbered per appendix."""
APPENDIX_SOURCE = "NĐ 30/2020, Phụ lục I, Phần III, mục 1"

FORMS_WITHOUT_RECIPIENTS = ("BÁO CÁO THÀNH TÍCH",)
"""Tên loại + trích yếu of the award forms that end with signatures and certifications and have
no Nơi nhận: the achievement reports of the dossier forms (NĐ 152/2025 appendix, as the earlier
decrees' forms are reproduced; [UNCONFIRMED for NĐ 152/2025])."""

SIGNING_AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
"""PL1 Phần II mục 7.a: quyền hạn ký, written exactly so (not "K/T", "T/L")."""
SIGNING_AUTHORITY_SOURCE = "NĐ 30/2020, Phụ lục I, Phần II, mục 7"

DATE_LINE_SOURCE = "NĐ 30/2020, Phụ lục I, Phần II, mục 4.b"
NUMBER_SOURCE = "NĐ 30/2020, Phụ lục I, Phần II, mục 3"

# The zero-padding rule (PL1 Phần II mục 3 and 4.b) is the Vietnamese date and number format
# itself: it lives with the formatter, and the check reads it from there.
ZERO_PADDED_WIDTH = vnformat.ZERO_PADDED_WIDTH
ZERO_PADDED_MONTHS = vnformat.ZERO_PADDED_MONTHS


# Unit conversions used by the frame and the check: WordprocessingML measures in twentieths of a
# point (twips) and half-points.
TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def twips_to_mm(twips: float) -> float:
    return twips / TWIPS_PER_MM
