"""NĐ 30/2020 conformance check of a finished .docx (Phụ lục I: thể thức và kỹ thuật trình bày).

:func:`check_docx` reads any .docx – one hoso wrote, or one a clerk made in Word or LibreOffice –
and returns one :class:`~pipeline.core.errors.Finding` per broken rule. Every legal value comes from
:mod:`pipeline.nd30.spec`; this module only finds each component and measures it.

Formatting is resolved the way Word does it: document defaults, the table style, the paragraph
style chain (``basedOn``), the numbering level (paragraph properties only), the character style
chain, then direct formatting. Bold, italic and caps are toggle properties (ECMA-376 §17.7.3):
inside one ``basedOn`` chain the nearest value wins, across the table, paragraph and character
style levels each "on" flips the value, and direct formatting sets it outright.

How components are found – a generated frame must keep this shape to be recognised:

* Header block (ô 1–4): the first body table when it is the first non-empty block; its first
  column is the left block, the other columns the right block. Without such a table, the body
  paragraphs before the title (a known type name) form a single block.
* Quốc hiệu: the header line equal to ``spec.NATIONAL_TITLE`` after NFC, whitespace collapse and
  upper-casing ("HOÀ" is accepted with a warning). Tiêu ngữ: the header line whose letters are
  those of ``spec.MOTTO`` (so a wrong dash is still recognised, and reported).
* ``Số:`` line: the header line starting ``Số:``. Issuer and parent body: the non-empty lines
  directly above it in its column, skipping empty or rule paragraphs just above it. The trailing
  bold lines are the issuer and the lines above them the parent body; when none is bold, all of
  them are taken as the issuer (so a bold parent body cannot be told from the issuer).
* Date line: the header line ``<địa danh>, ngày …``.
* Title: the first non-empty line after the header, in capitals or equal to a known type name.
  Trích yếu: the following non-empty lines that are centred or bold, up to an empty line, a line
  carrying a rule, or a ``Căn cứ``/``Kính gửi`` line.
* Căn cứ: the run of lines starting ``Căn cứ`` after the trích yếu; a ``Kính gửi`` block and
  capitalised lines (the issuing authority of a Quyết định) may come first.
* Body: body-level paragraphs (outside tables) after that and before the signature block,
  non-empty and not centred.
* Signature block: the last body table holding a ``Nơi nhận:`` line or a signing-authority line
  (``TM.``, ``KT.`` … or a miswritten ``K/T``, ``KT``); without such a table, the body paragraphs
  from the first such line on, and the centred or right-aligned lines just above it. In each part
  of it without ``Nơi nhận:``, the capitalised lines are authority and position and the last
  non-empty line, when not capitalised, is the signer's name. Keep-together: every row of that
  table has ``cantSplit`` and every paragraph from the last non-empty one down to it ``keepNext``.
* Nơi nhận: the last ``Nơi nhận:`` line and the non-empty lines after it in the same cell (or in
  the body), up to an empty line or a signing-authority line.
* A line ("đường kẻ") under a component: a bottom border on its paragraph, on the empty paragraph
  right after it, or a line shape (VML ``v:line`` or straight connector, DrawingML ``line`` or
  ``straightConnector1``) in the same table cell (outside tables: in those two paragraphs).

* Page number: a ``PAGE`` field (``w:fldSimple`` or ``w:instrText``) in a header part; page 1
  shows the ``first`` header when the first section has ``titlePg``, else the ``default`` one.

A paragraph broken with ``w:br`` gives one line per part. Text boxes in the body are not read.
Findings that repeat over many paragraphs (fonts, colours, body layout) come once per distinct
value and part, quoting the first paragraph and counting the others.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from pipeline.core.errors import Finding, Severity
from pipeline.nd30 import spec
from pipeline.nd30.metrics import text_width_pt

_ZERO_PADDED_WIDTH = spec.ZERO_PADDED_WIDTH
_ZERO_PADDED_MONTHS = spec.ZERO_PADDED_MONTHS

# --- Measuring conventions of this check (not legal values). --------------------------------------
_PAGE_TOLERANCE_TWIPS = 20
_WRAP_TOLERANCE_TWIPS = 10  # half a point: rounding of widths, not a real overflow  # Word and LibreOffice round A4 to slightly different twips.
_DEFAULT_SIZE_PT = 10.0  # Word's size when no level of the hierarchy sets w:sz.
_LINE_HEIGHT_FACTOR = 1.2  # Single spacing is about 1.2 × the font size (typographic line height).
# Width of bold capitals in Times New Roman, as a fraction of the font size, averaged over
# Vietnamese text with its spaces; good to about ±15 %, hence a warning only.
_CAPS_WIDTH_EM = 0.62
_QUOTE_CHARS = 50


def _num(value: float, decimals: int = 2) -> str:
    """A number written the Vietnamese way: decimal comma, no trailing zeros."""
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".").replace(".", ",")


def _mm(twips: float) -> str:
    return f"{_num(spec.twips_to_mm(twips), 1)} mm"


def _span(low: float, high: float, unit: str) -> str:
    return f"{_num(low)} {unit}" if low == high else f"{_num(low)}–{_num(high)} {unit}"


_UNIT_NAMES = {"lines": "dòng", "ratio": "lần"}  # spec.py's units, as a Vietnamese reader says them


def _measure_span(measure: spec.Measure) -> str:
    return _span(measure.low, measure.high, _UNIT_NAMES.get(measure.unit, measure.unit))


def _size_span(style: spec.TextStyle) -> str:
    return _span(*style.sizes, "pt")


def _quote(text: str) -> str:
    if len(text) > _QUOTE_CHARS:
        text = text[: _QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{text}”"


_UNDATED_TYPES = ", ".join(t.name.lower() for t in spec.DOCUMENT_TYPES.values() if not t.dated)
_PADDED_MONTHS = ", ".join(str(month) for month in sorted(_ZERO_PADDED_MONTHS))


class _Code(NamedTuple):
    """A finding code: its one-line rule, the legal source it cites, whether it only warns."""

    rule: str
    reference: str | None
    warning: bool = False


_CODES: dict[str, _Code] = {
    "ND30-UNREADABLE": _Code("Tệp mở được như một văn bản Word (.docx).", None),
    "ND30-PAGE-SIZE": _Code(
        f"Khổ giấy A4 ({_num(spec.PAGE_WIDTH.low)} × {_num(spec.PAGE_HEIGHT.low)} mm), trang dọc; "
        "trang ngang chỉ dùng cho bảng rộng.",
        spec.PAGE_WIDTH.source,
    ),
    "ND30-MARGIN": _Code(
        f"Lề trên {_measure_span(spec.MARGIN_TOP)}, lề dưới {_measure_span(spec.MARGIN_BOTTOM)}, "
        f"lề trái {_measure_span(spec.MARGIN_LEFT)}, lề phải {_measure_span(spec.MARGIN_RIGHT)}.",
        spec.MARGIN_TOP.source,
    ),
    "ND30-FONT": _Code(
        f"Phông chữ {spec.FONT_NAME} cho mọi chữ của thân văn bản, bảng, đầu và chân trang.", spec.FONT_SOURCE
    ),
    "ND30-COLOR": _Code("Chữ màu đen.", spec.FONT_SOURCE),
    "ND30-NATIONAL-TITLE": _Code(
        f"Có Quốc hiệu “{spec.NATIONAL_TITLE}” ở phần đầu văn bản.", spec.NATIONAL_TITLE_SOURCE
    ),
    "ND30-NATIONAL-TITLE-SPELLING": _Code(
        "Quốc hiệu không bỏ dấu theo cách cũ (“HOÀ”) (cảnh báo).", spec.NATIONAL_TITLE_SOURCE, warning=True
    ),
    "ND30-NATIONAL-TITLE-STYLE": _Code(
        f"Quốc hiệu in hoa, đậm, cỡ {_size_span(spec.NATIONAL_TITLE_STYLE)}.",
        spec.NATIONAL_TITLE_STYLE.source,
    ),
    "ND30-MOTTO": _Code(
        f"Có Tiêu ngữ đúng nguyên văn “{spec.MOTTO}” (gạch nối “-” có dấu cách hai bên).",
        spec.NATIONAL_TITLE_SOURCE,
    ),
    "ND30-MOTTO-STYLE": _Code(
        f"Tiêu ngữ in đậm, cỡ {_size_span(spec.MOTTO_STYLE)}.", spec.MOTTO_STYLE.source
    ),
    "ND30-MOTTO-RULE": _Code("Có đường kẻ liền dưới Tiêu ngữ.", spec.RULE_RATIO_MOTTO.source),
    "ND30-PARENT-STYLE": _Code(
        f"Tên cơ quan chủ quản in hoa, không đậm, cỡ {_size_span(spec.PARENT_BODY_STYLE)}.",
        spec.PARENT_BODY_STYLE.source,
    ),
    "ND30-ISSUER-MISSING": _Code(
        "Có tên cơ quan ban hành phía trên dòng số, ký hiệu.", spec.ISSUER_STYLE.source
    ),
    "ND30-ISSUER-STYLE": _Code(
        f"Tên cơ quan ban hành in hoa, đậm, cỡ {_size_span(spec.ISSUER_STYLE)}.", spec.ISSUER_STYLE.source
    ),
    "ND30-ISSUER-RULE": _Code("Có đường kẻ liền dưới tên cơ quan ban hành.", spec.RULE_RATIO_ISSUER.source),
    "ND30-ISSUER-RULE-LENGTH": _Code(
        f"Đường kẻ dưới tên cơ quan ban hành dài bằng {_measure_span(spec.RULE_RATIO_ISSUER)} dòng chữ (ước lượng; cảnh báo).",
        spec.RULE_RATIO_ISSUER.source,
        warning=True,
    ),
    "ND30-NUMBER-MISSING": _Code("Có dòng “Số: …/…” dưới tên cơ quan ban hành.", spec.NUMBER_SOURCE),
    "ND30-NUMBER-ZERO": _Code(
        f"Số văn bản có ít hơn {_ZERO_PADDED_WIDTH} chữ số được thêm số 0 phía trước.", spec.NUMBER_SOURCE
    ),
    "ND30-NUMBER-FORMAT": _Code(
        "Số, ký hiệu viết liền: không có dấu cách quanh “/” và “-”.", spec.NUMBER_SOURCE
    ),
    "ND30-NUMBER-STYLE": _Code(
        f"Dòng số, ký hiệu chữ đứng, không đậm, cỡ {_size_span(spec.NUMBER_STYLE)}.", spec.NUMBER_STYLE.source
    ),
    "ND30-DATE-FORMAT": _Code(
        "Dòng địa danh, ngày tháng viết “<địa danh>, ngày … tháng … năm …” với ngày có thật.",
        spec.DATE_LINE_SOURCE,
    ),
    "ND30-DATE-ZERO": _Code(
        f"Ngày có một chữ số và tháng {_PADDED_MONTHS} có số 0 phía trước; các tháng khác thì không.",
        spec.DATE_LINE_SOURCE,
    ),
    "ND30-DATE-STYLE": _Code(
        f"Dòng địa danh, ngày tháng in nghiêng, không đậm, cỡ {_size_span(spec.DATE_LINE_STYLE)}.",
        spec.DATE_LINE_STYLE.source,
    ),
    "ND30-DATE-MISSING": _Code(
        f"Có dòng địa danh, ngày tháng (trừ {_UNDATED_TYPES}).", spec.DATE_LINE_SOURCE
    ),
    "ND30-TITLE-STYLE": _Code(
        f"Tên loại văn bản in hoa, đậm, căn giữa, cỡ {_size_span(spec.DOC_TYPE_STYLE)}.",
        spec.DOC_TYPE_STYLE.source,
    ),
    "ND30-SUBJECT-STYLE": _Code(
        f"Trích yếu in đậm, căn giữa, cỡ {_size_span(spec.SUBJECT_STYLE)}.", spec.SUBJECT_STYLE.source
    ),
    "ND30-SUBJECT-RULE": _Code("Có đường kẻ liền dưới trích yếu.", spec.RULE_RATIO_SUBJECT.source),
    "ND30-BASIS-STYLE": _Code(
        f"Dòng căn cứ in nghiêng, không đậm, cỡ {_size_span(spec.LEGAL_BASIS_STYLE)}.",
        spec.LEGAL_BASIS_STYLE.source,
    ),
    "ND30-BASIS-DASH": _Code(
        "Dòng căn cứ không bắt đầu bằng gạch đầu dòng hay ký hiệu đánh số.", spec.LEGAL_BASIS_STYLE.source
    ),
    "ND30-BASIS-PUNCT": _Code(
        "Mỗi dòng căn cứ kết thúc bằng “;”, dòng cuối bằng “.”.", spec.LEGAL_BASIS_STYLE.source
    ),
    "ND30-BODY-SIZE": _Code(f"Nội dung cỡ chữ {_measure_span(spec.BODY_SIZE)}.", spec.BODY_SIZE.source),
    "ND30-BODY-ALIGN": _Code("Nội dung căn đều hai bên.", spec.BODY_SIZE.source),
    "ND30-BODY-INDENT": _Code(
        f"Nội dung lùi đầu dòng {_measure_span(spec.FIRST_LINE_INDENT)}.", spec.FIRST_LINE_INDENT.source
    ),
    "ND30-BODY-SPACING": _Code(
        f"Khoảng cách giữa các đoạn tối thiểu {_num(spec.PARAGRAPH_SPACING.low)} pt.",
        spec.PARAGRAPH_SPACING.source,
    ),
    "ND30-LINE-SPACING": _Code(
        f"Cách dòng từ {_num(spec.LINE_SPACING.low)} (dòng đơn) đến {_num(spec.LINE_SPACING.high)} dòng.",
        spec.LINE_SPACING.source,
    ),
    "ND30-AUTHORITY-FORMAT": _Code(
        f"Quyền hạn ký viết {', '.join(spec.SIGNING_AUTHORITIES)} (không viết “K/T”, “T/L”).",
        spec.SIGNING_AUTHORITY_SOURCE,
    ),
    "ND30-AUTHORITY-STYLE": _Code(
        f"Quyền hạn, chức vụ người ký in hoa, đậm, cỡ {_size_span(spec.AUTHORITY_STYLE)}.",
        spec.AUTHORITY_STYLE.source,
    ),
    "ND30-SIGNER-STYLE": _Code(
        f"Họ tên người ký in đậm, chữ đứng, cỡ {_size_span(spec.SIGNER_NAME_STYLE)}.",
        spec.SIGNER_NAME_STYLE.source,
    ),
    # Practice, not the decree (legal-facts D.8); spec.py holds no source for it.
    "ND30-SIGNATURE-KEEP": _Code(
        "Khối chữ ký không bị tách khỏi nội dung: hàng bảng chữ ký không chia cắt, các đoạn ngay trước nó "
        "giữ với đoạn sau (thực tiễn; cảnh báo).",
        None,
        warning=True,
    ),
    "ND30-RECIPIENTS-MISSING": _Code(
        f"Có phần “{spec.RECIPIENTS_LABEL}”.", spec.RECIPIENTS_LABEL_STYLE.source
    ),
    "ND30-RECIPIENTS-LABEL-STYLE": _Code(
        f"Chữ “{spec.RECIPIENTS_LABEL}” in đậm, nghiêng, cỡ {_size_span(spec.RECIPIENTS_LABEL_STYLE)}.",
        spec.RECIPIENTS_LABEL_STYLE.source,
    ),
    "ND30-RECIPIENTS-ITEM-STYLE": _Code(
        f"Các nơi nhận chữ đứng, không đậm, cỡ {_size_span(spec.RECIPIENT_ITEM_STYLE)}.",
        spec.RECIPIENT_ITEM_STYLE.source,
    ),
    "ND30-RECIPIENTS-ITEM-DASH": _Code("Mỗi nơi nhận bắt đầu bằng “- ”.", spec.RECIPIENT_ITEM_STYLE.source),
    "ND30-RECIPIENTS-PUNCT": _Code(
        "Mỗi nơi nhận kết thúc bằng “;”, nơi nhận cuối bằng “.”.", spec.RECIPIENT_ITEM_STYLE.source
    ),
    "ND30-RECIPIENTS-ARCHIVE": _Code(
        f"Nơi nhận cuối cùng là “{spec.ARCHIVE_PREFIX}, …”.", spec.RECIPIENT_ITEM_STYLE.source
    ),
    "ND30-PAGE-NUMBER-FIRST": _Code("Không hiện số trang ở trang thứ nhất.", spec.PAGE_NUMBER_SOURCE),
    "ND30-PAGE-NUMBER-MISSING": _Code(
        "Đánh số trang ở đầu trang từ trang thứ hai (cảnh báo: văn bản một trang không cần).",
        spec.PAGE_NUMBER_SOURCE,
        warning=True,
    ),
    "ND30-PAGE-NUMBER-POSITION": _Code(
        "Số trang đặt ở đầu trang (header), không ở chân trang.", spec.PAGE_NUMBER_SOURCE
    ),
    "ND30-PAGE-NUMBER-STYLE": _Code(
        f"Số trang căn giữa, cỡ {_measure_span(spec.PAGE_NUMBER_SIZE)}.", spec.PAGE_NUMBER_SIZE.source
    ),
    "ND30-HEADER-WRAP": _Code(
        "Mỗi dòng ở phần đầu văn bản (tên cơ quan, số, Quốc hiệu, Tiêu ngữ, ngày tháng) nằm gọn trên một dòng "
        "của cột, không tự xuống dòng.",
        spec.NATIONAL_TITLE_SOURCE,
    ),
    "ND30-APPENDIX-STYLE": _Code(
        f"Phụ lục: chữ “{spec.APPENDIX_LABEL}” in đứng, đậm, {_size_span(spec.APPENDIX_LABEL_STYLE)}; tên phụ lục "
        f"in hoa, đậm; dòng “(Kèm theo …)” in nghiêng, {_size_span(spec.APPENDIX_REFERENCE_STYLE)}.",
        spec.APPENDIX_SOURCE,
    ),
}

RULES: dict[str, str] = {code: entry.rule for code, entry in _CODES.items()}
"""Code → the rule it checks, one Vietnamese line each (``hoso check --rules``)."""


def check_docx(source: Path | bytes, *, name: str | None = None) -> list[Finding]:
    """Every NĐ 30 layout rule ``source`` breaks, as findings (an empty list when it conforms)."""
    label = name if name is not None else (None if isinstance(source, bytes) else str(source))
    try:
        document = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
        doc = _Document(document, label)
    except Exception as exc:  # noqa: BLE001 – a broken package fails in python-docx or lxml in many ways
        message = f"Không đọc được tệp như một văn bản Word (.docx): {type(exc).__name__}."
        return [Finding("ND30-UNREADABLE", message, file=label)]
    layout = _analyse(doc)
    return [finding for check in _CHECKS for finding in check(doc, layout)]


# === Reading WordprocessingML properties ===========================================================

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_VAL = qn("w:val")
_P, _R, _TBL, _TR, _TC = qn("w:p"), qn("w:r"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_FLD_SIMPLE, _INSTR_TEXT = qn("w:fldSimple"), qn("w:instrText")
# Inside a paragraph: deleted text is not shown; sdtPr/pPr/rPr hold no visible runs.
_NOT_INLINE = frozenset(qn(t) for t in ("w:pPr", "w:del", "w:moveFrom", "w:sdtPr"))
_TOGGLES = {qn("w:b"): "bold", qn("w:i"): "italic", qn("w:caps"): "caps"}
_FONT_SLOTS = (
    ("ascii", "asciiTheme"),
    ("hAnsi", "hAnsiTheme"),
    ("eastAsia", "eastAsiaTheme"),
    ("cs", "cstheme"),
)
_OFF = frozenset({"0", "false", "off", "none"})
_SIDES = {"left": "left", "start": "left", "right": "right", "end": "right"}  # start/end: newer files
_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_TWIPS_PER_UNIT = {
    "mm": spec.TWIPS_PER_MM,
    "cm": 10 * spec.TWIPS_PER_MM,
    "in": 1440,
    "pt": 20,
    "pc": 240,
    "pi": 240,
}
_LINE_SHAPES = etree.XPath(
    ".//v:line | .//v:shape[@type='#_x0000_t32'] | .//a:prstGeom[@prst='line' or @prst='straightConnector1']",
    namespaces=_NS,
)
_LEVEL = etree.XPath("w:lvl[@w:ilvl=$ilvl]", namespaces=_NS)
_LEVEL_OVERRIDE = etree.XPath("w:lvlOverride[@w:ilvl=$ilvl]/w:lvl", namespaces=_NS)


def _is_on(element: etree._Element) -> bool:
    """An on/off property: present without ``w:val``, or with a value other than 0/false/off."""
    return (element.get(_VAL) or "true").lower() not in _OFF


def _measure(value: str | None, plain_factor: float = 1.0) -> float | None:
    """Twips from a measure attribute: plain numbers times ``plain_factor`` (10 for half-points),
    or a universal measure such as ``12pt`` or ``2cm``."""
    match = _MEASURE.match(value or "")
    if match is None:
        return None
    number, unit = float(match[1]), match[2]
    return number * _TWIPS_PER_UNIT[unit] if unit else number * plain_factor


def _child_val(parent: etree._Element | None, tag: str) -> str | None:
    child = parent.find(qn(tag)) if parent is not None else None
    return child.get(_VAL) if child is not None else None


def _rpr_layer(rpr: etree._Element | None) -> dict[str, object]:
    """The run properties one level of the hierarchy sets, by name."""
    layer: dict[str, object] = {}
    for child in rpr.iterchildren(tag=etree.Element) if rpr is not None else ():
        if child.tag in _TOGGLES:
            layer[_TOGGLES[child.tag]] = _is_on(child)
        elif child.tag == qn("w:sz") and (twips := _measure(child.get(_VAL), 10)) is not None:
            layer["size"] = twips / 20
        elif child.tag == qn("w:color"):
            layer["color"] = (child.get(_VAL), child.get(qn("w:themeColor")))
        elif child.tag == qn("w:rFonts"):
            layer.update(_font_slots(child))
    return layer


def _font_slots(rfonts: etree._Element) -> dict[str, tuple[str, str]]:
    """Each font slot as ("theme", slot name) or ("name", font); a theme attribute beats a name."""
    slots = {}
    for slot, theme_attribute in _FONT_SLOTS:
        if theme := rfonts.get(qn(f"w:{theme_attribute}")):
            slots[f"font.{slot}"] = ("theme", theme)
        elif font := rfonts.get(qn(f"w:{slot}")):
            slots[f"font.{slot}"] = ("name", font)
    return slots


def _ppr_layer(ppr: etree._Element | None) -> dict[str, object]:
    """The paragraph properties one level of the hierarchy sets, by name (twips for lengths)."""
    layer: dict[str, object] = {}
    for child in ppr.iterchildren(tag=etree.Element) if ppr is not None else ():
        reader = _PPR_READERS.get(child.tag)
        if reader is not None:
            reader(child, layer)
    return layer


def _read_attributes(element: etree._Element, layer: dict, names: dict[str, str]) -> None:
    for attribute, key in names.items():
        if (twips := _measure(element.get(qn(f"w:{attribute}")))) is not None:
            layer[key] = twips


def _read_indent(element: etree._Element, layer: dict) -> None:
    _read_attributes(element, layer, _SIDES)
    # firstLine and hanging share one slot: a hanging indent is a negative first line.
    if (hanging := _measure(element.get(qn("w:hanging")))) is not None:
        layer["first"] = -hanging
    elif (first := _measure(element.get(qn("w:firstLine")))) is not None:
        layer["first"] = first


def _read_spacing(element: etree._Element, layer: dict) -> None:
    _read_attributes(element, layer, {"before": "before", "after": "after", "line": "line"})
    if rule := element.get(qn("w:lineRule")):
        layer["line_rule"] = rule


def _read_borders(element: etree._Element, layer: dict) -> None:
    bottom = element.find(qn("w:bottom"))
    if bottom is not None:
        layer["border"] = bottom.get(_VAL) not in ("nil", "none")


def _read_numbering(element: etree._Element, layer: dict) -> None:
    if (num_id := _child_val(element, "w:numId")) is not None:
        layer["num_id"] = num_id
    if (level := _child_val(element, "w:ilvl")) is not None:
        layer["ilvl"] = level


def _flag_reader(key: str) -> Callable[[etree._Element, dict], None]:
    def read(element: etree._Element, layer: dict) -> None:
        layer[key] = _is_on(element)

    return read


_PPR_READERS: dict[str, Callable[[etree._Element, dict], None]] = {
    qn("w:jc"): lambda element, layer: layer.__setitem__("align", element.get(_VAL)),
    qn("w:ind"): _read_indent,
    qn("w:spacing"): _read_spacing,
    qn("w:keepNext"): _flag_reader("keep_next"),
    qn("w:contextualSpacing"): _flag_reader("contextual"),
    qn("w:pBdr"): _read_borders,
    qn("w:numPr"): _read_numbering,
}


@dataclass(frozen=True)
class _RunProps:
    """Effective character formatting of one run."""

    bold: bool
    italic: bool
    caps: bool
    size: float
    fonts: dict[str, tuple[str, str]]
    color: tuple[str | None, str | None]

    @classmethod
    def of(cls, layer: dict[str, object]) -> _RunProps:
        fonts = {slot: layer[f"font.{slot}"] for slot, _ in _FONT_SLOTS if f"font.{slot}" in layer}
        return cls(
            bool(layer.get("bold")),
            bool(layer.get("italic")),
            bool(layer.get("caps")),
            float(layer.get("size", _DEFAULT_SIZE_PT)),
            fonts,
            layer.get("color", (None, None)),
        )


@dataclass(frozen=True)
class _ParaProps:
    """Effective paragraph formatting; lengths in twips, ``line`` in 240ths of a line when auto."""

    align: str
    first_line: float
    left: float
    right: float
    before: float
    after: float
    line: float
    line_rule: str
    keep_next: bool
    contextual: bool
    border: bool
    numbered: bool

    @classmethod
    def of(cls, layer: dict[str, object]) -> _ParaProps:
        return cls(
            str(layer.get("align", "left")),
            layer.get("first", 0.0),
            layer.get("left", 0.0),
            layer.get("right", 0.0),
            layer.get("before", 0.0),
            layer.get("after", 0.0),
            layer.get("line", 240.0),
            str(layer.get("line_rule", "auto")),
            bool(layer.get("keep_next")),
            bool(layer.get("contextual")),
            bool(layer.get("border")),
            layer.get("num_id") not in (None, "0"),
        )


class _Styles:
    """The style definitions of one document, each resolved through its ``basedOn`` chain once."""

    def __init__(self, styles: etree._Element):
        self._styles = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
        self._defaults = {
            s.get(qn("w:type")): style_id
            for style_id, s in self._styles.items()
            if (s.get(qn("w:default")) or "0").lower() not in _OFF
        }
        defaults = styles.find(qn("w:docDefaults"))
        self.ppr = _ppr_layer(_find(defaults, "w:pPrDefault", "w:pPr"))
        self.rpr = _rpr_layer(_find(defaults, "w:rPrDefault", "w:rPr"))
        self._resolved: dict[str, tuple[dict, dict]] = {}

    def known(self, style_id: str | None, kind: str) -> str | None:
        """``style_id`` when defined, else the default style of ``kind`` (Word's fallback)."""
        return style_id if style_id in self._styles else self._defaults.get(kind)

    def table_cell_margins(self, style_id: str | None) -> dict[str, float]:
        """Cell margins a table style sets, through its chain."""
        margins: dict[str, float] = {}
        for style in reversed(self.chain(style_id)):
            margins.update(_side_margins(_find(style, "w:tblPr", "w:tblCellMar")))
        return margins

    def resolve(self, style_id: str | None) -> tuple[dict, dict]:
        """(paragraph, run) properties of a style with its ancestors; the nearest value wins."""
        if style_id is None:
            return {}, {}
        if style_id not in self._resolved:
            ppr: dict = {}
            rpr: dict = {}
            for style in reversed(self.chain(style_id)):
                ppr.update(_ppr_layer(style.find(qn("w:pPr"))))
                rpr.update(_rpr_layer(style.find(qn("w:rPr"))))
            self._resolved[style_id] = (ppr, rpr)
        return self._resolved[style_id]

    def chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        while style_id in self._styles and self._styles[style_id] not in chain:
            chain.append(self._styles[style_id])
            style_id = _child_val(chain[-1], "w:basedOn")
        return chain


def _find(element: etree._Element | None, *tags: str) -> etree._Element | None:
    for tag in tags:
        element = element.find(qn(tag)) if element is not None else None
    return element


class _Numbering:
    """Paragraph properties of numbering levels (list indents override the paragraph style)."""

    def __init__(self, numbering: etree._Element | None):
        self._nums: dict[str, tuple[etree._Element, etree._Element | None]] = {}
        if numbering is not None:
            abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.iterchildren(qn("w:abstractNum"))}
            for num in numbering.iterchildren(qn("w:num")):
                self._nums[num.get(qn("w:numId"))] = (num, abstract.get(_child_val(num, "w:abstractNumId")))
        self._cache: dict[tuple[str, str], dict] = {}

    def ppr(self, num_id: str, level: str) -> dict:
        key = (num_id, level)
        if key not in self._cache:
            num, abstract = self._nums.get(num_id, (None, None))
            found = (_LEVEL_OVERRIDE(num, ilvl=level) if num is not None else []) or (
                _LEVEL(abstract, ilvl=level) if abstract is not None else []
            )
            self._cache[key] = _ppr_layer(found[0].find(qn("w:pPr"))) if found else {}
        return self._cache[key]


def _related_xml(part, reltype: str) -> etree._Element | None:
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    return related.element if hasattr(related, "element") else etree.fromstring(related.blob)


def _theme_fonts(part) -> dict[str, str]:
    """Theme font slot (``minorHAnsi`` …) → typeface, from the theme part's font scheme."""
    theme = _related_xml(part, RT.THEME)
    fonts: dict[str, str] = {}
    for group in ("major", "minor"):
        scheme = theme.find(f".//a:fontScheme/a:{group}Font", _NS) if theme is not None else None
        for script, slots in (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
            face = scheme.find(f"a:{script}", _NS) if scheme is not None else None
            for slot in slots:
                fonts[group + slot] = face.get("typeface", "") if face is not None else ""
    return fonts


# === The document model: paragraphs, lines, tables, page parts ====================================


class _Run(NamedTuple):
    text: str
    props: _RunProps
    element: etree._Element


@dataclass(eq=False)
class _Line:
    """One visual line of a paragraph (paragraphs split at ``w:br``)."""

    text: str
    segments: list[tuple[str, _RunProps]]
    para: _Para
    path: str
    last: bool


@dataclass(eq=False)
class _Para:
    element: etree._Element
    path: str
    props: _ParaProps
    runs: list[_Run]
    cell: etree._Element | None
    index: int | None  # position among the body's blocks; None inside tables and page parts

    @cached_property
    def text(self) -> str:
        return _norm("".join(run.text for run in self.runs))

    @cached_property
    def segments(self) -> list[tuple[str, _RunProps]]:
        return [(run.text, run.props) for run in self.runs if run.text.strip()]

    @cached_property
    def lines(self) -> list[_Line]:
        pieces: list[list[tuple[str, _RunProps]]] = [[]]
        for run in self.runs:
            for number, piece in enumerate(run.text.split("\n")):
                if number:
                    pieces.append([])
                pieces[-1].append((piece, run.props))
        return [
            _Line(
                _norm("".join(text for text, _ in line)),
                [(text, props) for text, props in line if text.strip()],
                self,
                self.path if len(pieces) == 1 else f"{self.path}, dòng {number}",
                number == len(pieces),
            )
            for number, line in enumerate(pieces, 1)
        ]


@dataclass(eq=False)
class _Cell:
    paras: list[_Para]

    @cached_property
    def lines(self) -> list[_Line]:
        return [line for para in self.paras for line in para.lines]


@dataclass(eq=False)
class _Table:
    element: etree._Element
    path: str
    cells: list[tuple[int, _Cell]]  # (column number, cell), row by row
    paras: list[_Para]  # every paragraph inside, nested tables included


@dataclass
class _PagePart:
    """A header or footer part, read once however many sections use it."""

    is_header: bool
    label: str
    paras: list[_Para]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body or cell, looking through content controls."""
    for child in container.iterchildren(_P, _TBL, _SDT):
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        else:
            yield child


def _inline(element: etree._Element) -> Iterator[etree._Element]:
    """Runs and simple fields of a paragraph; not deleted text, not paragraphs of text boxes
    (those sit inside runs, which are not entered)."""
    for child in element.iterchildren(tag=etree.Element):
        if child.tag == _R:
            yield child
        elif child.tag not in _NOT_INLINE:
            if child.tag == _FLD_SIMPLE:
                yield child
            yield from _inline(child)


class _Document:
    """One opened .docx: its style caches, its body as paragraphs and tables, its page parts."""

    def __init__(self, document, label: str | None):
        self.label = label
        self.styles = _Styles(document.styles.element)
        self.numbering = _Numbering(_related_xml(document.part, RT.NUMBERING))
        self.theme_fonts = _theme_fonts(document.part)
        self.sections = document.element.body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr")
        self._run_bases: dict[tuple, dict] = {}
        self._para_bases: dict[tuple, dict] = {}
        self.items = self._body(document.element.body)
        # The frame (header, text, signature, Nơi nhận) is in the first section; later sections
        # are appendices (PL1 Phần III mục 1), checked for their heading, fonts and page setup.
        breaks = [
            i for i, item in enumerate(self.items)
            if isinstance(item, _Para) and item.element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        ]
        self.main_items = self.items[: breaks[0] + 1] if breaks else self.items
        self.appendix_items = self.items[len(self.main_items):]
        self.page_parts, self.page_refs = self._page_parts(document.part)

    def finding(self, code: str, message: str, path: str | None) -> Finding:
        entry = _CODES[code]
        severity = Severity.WARNING if entry.warning else Severity.ERROR
        return Finding(
            code, message, file=self.label, path=path, severity=severity, reference=entry.reference
        )

    @property
    def body_paras(self) -> Iterator[_Para]:
        """Every paragraph of the body, those in tables included, in document order."""
        for item in self.items:
            yield from item.paras if isinstance(item, _Table) else (item,)

    # --- effective properties ---

    def para_props(self, element: etree._Element, table_style: str | None) -> tuple[str | None, _ParaProps]:
        ppr = element.find(qn("w:pPr"))
        style = self.styles.known(_child_val(ppr, "w:pStyle"), "paragraph")
        key = (table_style, style)
        if key not in self._para_bases:
            layers = (self.styles.ppr, self.styles.resolve(table_style)[0], self.styles.resolve(style)[0])
            self._para_bases[key] = {k: v for layer in layers for k, v in layer.items()}
        base = self._para_bases[key]
        direct = _ppr_layer(ppr)
        num_id = direct.get("num_id", base.get("num_id"))
        level = direct.get("ilvl", base.get("ilvl", "0"))
        numbering = self.numbering.ppr(num_id, level) if num_id not in (None, "0") else {}
        return style, _ParaProps.of({**base, **numbering, **direct})

    def run_props(self, run: etree._Element, table_style: str | None, para_style: str | None) -> _RunProps:
        rpr = run.find(qn("w:rPr"))
        char_style = _child_val(rpr, "w:rStyle")
        key = (table_style, para_style, char_style)
        if key not in self._run_bases:
            self._run_bases[key] = self._run_base(key)
        return _RunProps.of({**self._run_bases[key], **_rpr_layer(rpr)})

    def _run_base(self, style_ids: tuple[str | None, ...]) -> dict:
        levels = [self.styles.resolve(style_id)[1] for style_id in style_ids]
        base = dict(self.styles.rpr)
        for level in levels:
            base.update((k, v) for k, v in level.items() if k not in _TOGGLES.values())
        for toggle in _TOGGLES.values():
            set_by = [level[toggle] for level in levels if toggle in level]
            if set_by:  # ECMA-376 §17.7.3: each style level that turns a toggle on flips it
                base[toggle] = sum(set_by) % 2 == 1
        return base

    def content_width(self, para: _Para) -> float | None:
        """Twips a paragraph can fill before its own indents: inside its cell, else the text area."""
        if para.cell is not None:
            return self._cell_content_width(para.cell)
        sect = self.sections[0] if self.sections else None
        size, margins = _find(sect, "w:pgSz"), _find(sect, "w:pgMar")
        if size is None or margins is None:
            return None
        page = _measure(size.get(qn("w:w"))) or 0
        return page - sum(_measure(margins.get(qn(f"w:{side}"))) or 0 for side in ("left", "right"))

    def _cell_content_width(self, tc: etree._Element) -> float | None:
        width = _cell_width(tc)
        table = next(tc.iterancestors(_TBL), None)
        if width is None or table is None:
            return None
        table_props = table.find(qn("w:tblPr"))
        margins = self.styles.table_cell_margins(
            self.styles.known(_child_val(table_props, "w:tblStyle"), "table")
        )
        margins.update(_side_margins(_find(table_props, "w:tblCellMar")))
        margins.update(_side_margins(_find(tc, "w:tcPr", "w:tcMar")))
        return width - margins.get("left", 0) - margins.get("right", 0)

    # --- building the model ---

    def _para(self, element, path: str, cell, table_style: str | None, index: int | None = None) -> _Para:
        style, props = self.para_props(element, table_style)
        runs = [
            _Run(run.text, self.run_props(run, table_style, style), run)
            for run in _inline(element)
            if run.tag == _R
        ]
        return _Para(element, path, props, runs, cell, index)

    def _body(self, body: etree._Element) -> list[_Para | _Table]:
        items: list[_Para | _Table] = []
        counts = {_P: 0, _TBL: 0}
        for element in _blocks(body):
            counts[element.tag] += 1
            if element.tag == _P:
                items.append(self._para(element, f"đoạn {counts[_P]}", None, None, len(items)))
            else:
                items.append(self._table(element, f"bảng {counts[_TBL]}"))
        return items

    def _table(self, element: etree._Element, path: str) -> _Table:
        style = self.styles.known(_child_val(element.find(qn("w:tblPr")), "w:tblStyle"), "table")
        table = _Table(element, path, [], [])
        for row_number, row in enumerate(element.iterchildren(_TR), 1):
            for column, tc in enumerate(row.iterchildren(_TC), 1):
                where = f"{path}, ô ({row_number},{column})"
                cell = _Cell([])
                counts = {_P: 0, _TBL: 0}
                for block in _blocks(tc):
                    counts[block.tag] += 1
                    if block.tag == _P:
                        cell.paras.append(self._para(block, f"{where}, đoạn {counts[_P]}", tc, style))
                        table.paras.append(cell.paras[-1])
                    else:
                        table.paras.extend(self._table(block, f"{where}, bảng {counts[_TBL]}").paras)
                table.cells.append((column, cell))
        return table

    def _page_parts(self, part) -> tuple[list[_PagePart], dict[tuple[int, bool, str], _PagePart]]:
        parts: dict[str, _PagePart] = {}
        refs: dict[tuple[int, bool, str], _PagePart] = {}
        for number, sect in enumerate(self.sections, 1):
            for ref in sect.iterchildren(qn("w:headerReference"), qn("w:footerReference")):
                related = part.related_parts.get(ref.get(qn("r:id")))
                if related is None:
                    continue
                is_header, kind = ref.tag == qn("w:headerReference"), ref.get(qn("w:type"), "default")
                if str(related.partname) not in parts:
                    label = _page_part_label(is_header, kind, number if len(self.sections) > 1 else None)
                    paras = [
                        self._para(p, f"{label}, đoạn {n}", None, None)
                        for n, p in enumerate(related.element.iter(_P), 1)
                    ]
                    parts[str(related.partname)] = _PagePart(is_header, label, paras)
                refs[(number, is_header, kind)] = parts[str(related.partname)]
        return list(parts.values()), refs


def _page_part_label(is_header: bool, kind: str, section: int | None) -> str:
    label = "đầu trang (header)" if is_header else "chân trang (footer)"
    label += {"first": " trang đầu", "even": " trang chẵn"}.get(kind, "")
    return f"{label}, section {section}" if section else label


# === Locating the components =======================================================================

_NUMBER_LINE = re.compile(r"^số\s*:", re.IGNORECASE)
_DATE_LINE = re.compile(r"^[^,]+,\s*ngày\b", re.IGNORECASE)
_OPENING = re.compile(r"^(?:[-+•·▪–—*]\s*)?(?:Căn cứ|Kính gửi)\b")
_BASIS = re.compile(r"^(?P<bullet>[-+•·▪–—*]\s*)?Căn cứ\b")
_ADDRESSEE = re.compile(r"^Kính gửi\b")
_BASIS_FOLLOWER = re.compile(r"^(?:Theo đề nghị|Xét)\b")
_TYPE_NAMES = {t.name: t for t in (*spec.DOCUMENT_TYPES.values(), spec.REGISTRATION)}
# Titles that sign a document side by side instead of a signing authority (PL3 Mẫu 1.9: THƯ KÝ,
# CHỦ TỌA; vote counts and award forms: TRƯỞNG BAN KIỂM PHIẾU, NGƯỜI BÁO CÁO THÀNH TÍCH, THỦ TRƯỞNG
# ĐƠN VỊ, XÁC NHẬN CỦA …).
_COUNTERSIGN_TITLE = re.compile(
    r"^(?:THƯ KÝ|CHỦ TỌA|CHỦ TOẠ|CHỦ TRÌ|TRƯỞNG BAN|CÁC THÀNH VIÊN|THÀNH VIÊN|NGƯỜI BÁO CÁO|NGƯỜI LẬP|"
    r"THỦ TRƯỞNG|XÁC NHẬN)\b"
)
_SIDE_ALIGNMENTS = frozenset({"center", "right", "end"})
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(f"([OoUu])([AaEeYy])([{_TONE_MARKS}])")


def _authority_pattern(abbreviation: str) -> str:
    """A pattern for one abbreviation that also matches the forms clerks write for it: "K/T",
    "KT/", "KT" without its dot."""
    return "/?".join(re.escape(letter) for letter in abbreviation.rstrip("."))


_AUTHORITY = re.compile(
    r"^(?P<prefix>%s)(?=[./\s])"
    % "|".join(sorted((_authority_pattern(a) for a in spec.SIGNING_AUTHORITIES), key=len, reverse=True))
)


def _modern_tone(text: str) -> str:
    """Move old-style tone marks ("HOÀ") to the modern place ("HÒA")."""
    return unicodedata.normalize("NFC", _OLD_TONE.sub(r"\1\3\2", unicodedata.normalize("NFD", text)))


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _is_caps(line: _Line) -> bool:
    has_letters = any(ch.isalpha() for ch in line.text)
    return has_letters and (line.text == line.text.upper() or all(p.caps for _, p in line.segments))


def _is_bold(line: _Line) -> bool:
    return bool(line.segments) and all(p.bold for _, p in line.segments)


def _is_label(line: _Line) -> bool:
    return line.text.casefold().replace(" :", ":").startswith(spec.RECIPIENTS_LABEL.casefold())


def _is_national_title(line: _Line) -> bool:
    return _modern_tone(line.text.upper()) == spec.NATIONAL_TITLE


def _is_motto(line: _Line) -> bool:
    return _letters(line.text) == _letters(spec.MOTTO)


@dataclass
class _Layout:
    """Where each component of the frame was found (None or empty when it was not)."""

    header_path: str
    header: list[list[_Line]]
    national_title: _Line | None
    motto: tuple[list[_Line], int] | None
    number: _Line | None
    date: _Line | None
    issuer: list[_Line]
    issuer_end: tuple[list[_Line], int] | None
    parent: list[_Line]
    title: _Line | None
    subject: list[_Line]
    subject_end: tuple[list[_Line], int] | None
    basis: list[_Line]
    after_basis: _Line | None
    body: list[_Para]
    signature: _Table | None
    keep_chain: list[_Para]
    signature_blocks: list[list[_Line]]
    recipients: list[_Line]


def _analyse(doc: _Document) -> _Layout:
    items = doc.main_items
    header, header_end, header_table = _header(items)
    national_title = _find_line(header, _is_national_title)
    motto = _find_spot(header, _is_motto)
    number_spot = _find_spot(header, lambda line: bool(_NUMBER_LINE.match(line.text)))
    date = _find_line(header, lambda line: bool(_DATE_LINE.match(line.text)))
    issuer, parent, issuer_end = _issuer(header, number_spot)
    front = [line for item in _leading_paras(items, header_end) for line in item.lines]
    opening = _front(front)
    body_start = opening.end.para.index + 1 if opening.end else header_end
    signature, signature_index = _signature_table(items, body_start)
    if signature is None:
        signature_index = _signature_start(items, body_start)
    body = [
        item
        for item in items[body_start:signature_index]
        if isinstance(item, _Para) and item.text and item.props.align != "center"
    ]
    parts = _signature_parts(items, signature, signature_index)
    recipients = _recipients([*parts, [line for para in _paras(items) for line in para.lines]])
    return _Layout(
        header_path=header_table.path if header_table else "phần đầu văn bản",
        header=header,
        national_title=national_title,
        motto=motto,
        number=number_spot[0][number_spot[1]] if number_spot else None,
        date=date,
        issuer=issuer,
        issuer_end=issuer_end,
        parent=parent,
        title=opening.title,
        subject=opening.subject,
        subject_end=opening.subject_end,
        basis=opening.basis,
        after_basis=opening.after_basis,
        body=body,
        signature=signature,
        keep_chain=_keep_chain(items, signature_index) if signature else [],
        signature_blocks=_signature_blocks(parts, recipients),
        recipients=recipients,
    )


def _header(items: list[_Para | _Table]) -> tuple[list[list[_Line]], int, _Table | None]:
    """The header block's columns of lines, the index of the first block after it, its table."""
    first = next((i for i, item in enumerate(items) if isinstance(item, _Table) or item.text), None)
    if first is None:
        return [], len(items), None
    if isinstance(items[first], _Table):
        table = items[first]
        left = [line for column, cell in table.cells if column == 1 for line in cell.lines]
        right = [line for column, cell in table.cells if column > 1 for line in cell.lines]
        return [left, right] if right else [left], first + 1, table
    paras = list(_leading_paras(items, first))
    end = _paragraph_header_end(paras)
    return [[line for para in paras[:end] for line in para.lines]], first + end, None


def _leading_paras(items: list[_Para | _Table], start: int) -> Iterator[_Para]:
    """Body paragraphs from ``start`` up to the next table."""
    for item in items[start:]:
        if isinstance(item, _Table):
            return
        yield item


def _paragraph_header_end(paras: list[_Para]) -> int:
    """Without a header table the header ends at the title, or after the last Số or date line."""
    for number, para in enumerate(paras):
        if any(line.text.upper() in _TYPE_NAMES for line in para.lines):
            return number
    marks = [
        number
        for number, para in enumerate(paras)
        if any(_NUMBER_LINE.match(line.text) or _DATE_LINE.match(line.text) for line in para.lines)
    ]
    return marks[-1] + 1 if marks else 0


def _find_spot(
    columns: list[list[_Line]], predicate: Callable[[_Line], bool]
) -> tuple[list[_Line], int] | None:
    for lines in columns:
        for index, line in enumerate(lines):
            if predicate(line):
                return lines, index
    return None


def _find_line(columns: list[list[_Line]], predicate: Callable[[_Line], bool]) -> _Line | None:
    spot = _find_spot(columns, predicate)
    return spot[0][spot[1]] if spot else None


def _issuer(
    columns: list[list[_Line]], number_spot: tuple[list[_Line], int] | None
) -> tuple[list[_Line], list[_Line], tuple[list[_Line], int] | None]:
    """(issuer lines, parent body lines, spot of the last issuer line)."""
    if number_spot:
        lines, stop = number_spot
        block = _line_run(lines, reversed(range(stop)))[::-1]
    else:  # no Số line: the first lines of the left column
        lines = columns[0] if columns else []
        block = _line_run(lines, range(len(lines)))
    split = len(block)
    while split and _is_bold(lines[block[split - 1]]):
        split -= 1
    if split == len(block):  # nothing bold: every line is taken as the issuer
        split = 0
    issuer = [lines[i] for i in block[split:]]
    return issuer, [lines[i] for i in block[:split]], (lines, block[-1]) if block else None


def _line_run(lines: list[_Line], order: Iterable[int]) -> list[int]:
    """Indexes of the first run of non-empty lines met in ``order`` (leading empty lines and the
    Quốc hiệu and Tiêu ngữ of a one-column header skipped)."""
    run: list[int] = []
    for index in order:
        line = lines[index]
        if line.text and not (_is_national_title(line) or _is_motto(line)):
            run.append(index)
        elif run:
            break
    return run


class _Front(NamedTuple):
    title: _Line | None
    subject: list[_Line]
    subject_end: tuple[list[_Line], int] | None
    basis: list[_Line]
    after_basis: _Line | None
    end: _Line | None  # the last line the title, trích yếu, Kính gửi and căn cứ take up


def _front(front: list[_Line]) -> _Front:
    """Title, trích yếu and căn cứ in the lines after the header."""
    position = next((i for i, line in enumerate(front) if line.text), len(front))
    title = None
    if position < len(front) and (_is_caps(front[position]) or front[position].text.upper() in _TYPE_NAMES):
        title = front[position]
        position += 1
    subject_start = position
    while title and position < len(front) and _is_subject(front[position]):
        position += 1
        if front[position - 1].last and front[position - 1].para.props.border:
            break
    subject = front[subject_start:position]
    subject_end = (front, position - 1) if subject else None
    consumed = subject[-1] if subject else title
    position, consumed = _skip_addressees(front, position, consumed)
    basis_start = position
    while basis_start < len(front) and (not front[basis_start].text or _is_caps(front[basis_start])):
        basis_start += 1
    basis: list[_Line] = []
    while basis_start < len(front) and (not front[basis_start].text or _BASIS.match(front[basis_start].text)):
        if front[basis_start].text:
            basis.append(front[basis_start])
        basis_start += 1
    after_basis = front[basis_start] if basis and basis_start < len(front) else None
    return _Front(title, subject, subject_end, basis, after_basis, basis[-1] if basis else consumed)


def _is_subject(line: _Line) -> bool:
    centred_or_bold = line.para.props.align == "center" or _is_bold(line)
    return bool(line.text) and not _OPENING.match(line.text) and centred_or_bold


def _skip_addressees(front: list[_Line], position: int, consumed: _Line | None) -> tuple[int, _Line | None]:
    """Skip a "Kính gửi:" block (its line and the "- …" lines under it)."""
    index = position
    while index < len(front) and not front[index].text:
        index += 1
    if index == len(front) or not _ADDRESSEE.match(front[index].text):
        return position, consumed
    consumed = front[index]
    index += 1
    while index < len(front) and (not front[index].text or front[index].text.startswith("-")):
        consumed = front[index] if front[index].text else consumed
        index += 1
    return index, consumed


def _holds_signature(lines: Iterable[_Line]) -> bool:
    return any(
        _is_label(line) or _AUTHORITY.match(line.text) or _COUNTERSIGN_TITLE.match(line.text) for line in lines
    )


def _signature_table(items: list[_Para | _Table], start: int) -> tuple[_Table | None, int]:
    for index in reversed(range(start, len(items))):
        item = items[index]
        if isinstance(item, _Table) and _holds_signature(
            line for _, cell in item.cells for line in cell.lines
        ):
            return item, index
    return None, len(items)


def _signature_start(items: list[_Para | _Table], start: int) -> int:
    """Without a signature table: the first paragraph with "Nơi nhận:" or a signing authority,
    moved up over the centred or right-aligned lines just above it (a position and name typed
    without an authority prefix)."""
    found = next(
        (
            i
            for i in range(start, len(items))
            if isinstance(items[i], _Para) and _holds_signature(items[i].lines)
        ),
        len(items),
    )
    for index in reversed(range(start, found)):
        item = items[index]
        if not isinstance(item, _Para) or (item.text and item.props.align not in _SIDE_ALIGNMENTS):
            break
        if item.text:
            found = index
    return found


def _paras(items: Iterable[_Para | _Table]) -> list[_Para]:
    return [item for item in items if isinstance(item, _Para)]


def _signature_parts(items: list[_Para | _Table], signature: _Table | None, start: int) -> list[list[_Line]]:
    """The signature block's parts: its table's cells, or one part of the paragraphs from ``start``."""
    if signature is not None:
        # One part per column: side-by-side signatures may put titles and names in separate rows.
        columns: dict[int, list[_Line]] = {}
        for column, cell in signature.cells:
            columns.setdefault(column, []).extend(cell.lines)
        return list(columns.values())
    tail = [line for para in _paras(items[start:]) for line in para.lines]
    return [tail] if tail else []


def _signature_blocks(parts: list[list[_Line]], recipients: list[_Line]) -> list[list[_Line]]:
    """The parts that hold a signature: without the Nơi nhận lines, with a capitalised line."""
    taken = {id(line) for line in recipients}
    blocks = [[line for line in part if id(line) not in taken and line.text] for part in parts]
    return [block for block in blocks if any(_is_caps(line) for line in block)]


def _recipients(containers: list[list[_Line]]) -> list[_Line]:
    """The "Nơi nhận:" line and its items, from the first container that has one (the signature
    block's parts first, then the whole body)."""
    for lines in containers:
        labels = [index for index, line in enumerate(lines) if _is_label(line)]
        if labels:
            return [lines[labels[-1]], *_recipient_items(lines[labels[-1] + 1 :])]
    return []


def _recipient_items(lines: list[_Line]) -> list[_Line]:
    items: list[_Line] = []
    for line in lines:
        if _AUTHORITY.match(line.text) or (items and not line.text):
            break
        if line.text:
            items.append(line)
    return items


def _keep_chain(items: list[_Para | _Table], signature_index: int) -> list[_Para]:
    """The paragraphs that must keep with the signature table: back to the last non-empty one."""
    chain: list[_Para] = []
    for item in reversed(items[:signature_index]):
        if not isinstance(item, _Para):
            break
        chain.insert(0, item)
        if item.text:
            break
    return chain


# === The checks ====================================================================================

_Check = Callable[[_Document, _Layout], Iterator[Finding]]


def _style_problems(line: _Line, style: spec.TextStyle) -> list[str]:
    """What in ``line`` departs from ``style``: size range, bold, italic, capitals."""
    problems = []
    wrong_sizes = sorted({props.size for _, props in line.segments if not style.allows_size(props.size)})
    if wrong_sizes:
        sizes = ", ".join(_num(size) for size in wrong_sizes)
        problems.append(f"cỡ chữ {sizes} pt (quy định {_size_span(style)})")
    problems += _toggle_problem(line, "bold", style.bold, "in đậm")
    problems += _toggle_problem(line, "italic", style.italic, "in nghiêng")
    if style.caps and not _is_caps(line):
        problems.append("chưa viết in hoa")
    return problems


def _toggle_problem(line: _Line, attribute: str, wanted: bool, label: str) -> list[str]:
    values = {getattr(props, attribute) for _, props in line.segments}
    if wanted and False in values:
        return [f"chưa {label}"]
    if not wanted and True in values:
        return [f"không được {label}"]
    return []


def _style_finding(
    doc: _Document, code: str, component: str, line: _Line, style: spec.TextStyle, *, centred: bool = False
) -> Iterator[Finding]:
    problems = _style_problems(line, style)
    if centred and line.para.props.align != "center":
        problems.append("chưa căn giữa")
    if problems:
        yield doc.finding(code, f"{component} {_quote(line.text)}: {'; '.join(problems)}.", line.path)


def _grouped(doc: _Document, code: str, hits: Iterable[tuple[str, _Para, str]]) -> Iterator[Finding]:
    """One finding per distinct problem, quoting its first occurrence and counting paragraphs."""
    groups: dict[str, list] = {}
    for problem, para, text in hits:
        if problem in groups:
            groups[problem][2] += 1
        else:
            groups[problem] = [para, text, 1]
    for problem, (para, text, count) in groups.items():
        more = f" và {count - 1} đoạn khác" if count > 1 else ""
        yield doc.finding(code, f"{problem}: {_quote(text)}{more}.", para.path)


# --- Page setup (PL1 Phần I khoản 1–3) ---


def _check_page_setup(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for number, sect in enumerate(doc.sections, 1):
        path = "thiết lập trang" if len(doc.sections) == 1 else f"thiết lập trang (section {number})"
        size = sect.find(qn("w:pgSz"))
        width = _measure(size.get(qn("w:w"))) if size is not None else None
        height = _measure(size.get(qn("w:h"))) if size is not None else None
        yield from _page_size(doc, width, height, path)
        yield from _margins(doc, sect.find(qn("w:pgMar")), bool(width and height and width > height), path)


def _page_size(doc: _Document, width: float | None, height: float | None, path: str) -> Iterator[Finding]:
    a4 = f"A4 {_num(spec.PAGE_WIDTH.low)} × {_num(spec.PAGE_HEIGHT.low)} mm"
    if width is None or height is None:
        yield doc.finding("ND30-PAGE-SIZE", f"Không khai báo khổ giấy; phải là {a4}.", path)
        return
    tolerance = spec.twips_to_mm(_PAGE_TOLERANCE_TWIPS)
    short, long = sorted((spec.twips_to_mm(width), spec.twips_to_mm(height)))
    # PL1 Phần I khoản 2: landscape (the long side across) is allowed, so compare sorted sides.
    if not (spec.PAGE_WIDTH.allows(short, tolerance) and spec.PAGE_HEIGHT.allows(long, tolerance)):
        measured = f"{_num(spec.twips_to_mm(width), 1)} × {_mm(height)}"
        yield doc.finding("ND30-PAGE-SIZE", f"Khổ giấy {measured}, phải là {a4}.", path)


_MARGINS = (
    ("top", "trên", spec.MARGIN_TOP),
    ("bottom", "dưới", spec.MARGIN_BOTTOM),
    ("left", "trái", spec.MARGIN_LEFT),
    ("right", "phải", spec.MARGIN_RIGHT),
)
# Word turns the margins with the page: on a landscape page the binding (left) margin is on top.
_LANDSCAPE_MARGINS = {
    "top": spec.MARGIN_LEFT,
    "right": spec.MARGIN_TOP,
    "bottom": spec.MARGIN_RIGHT,
    "left": spec.MARGIN_BOTTOM,
}


def _margin_mm(margins: etree._Element | None, side: str) -> float | None:
    # A negative top or bottom margin only tells Word not to push text below the header.
    twips = _measure(margins.get(qn(f"w:{side}"))) if margins is not None else None
    return spec.twips_to_mm(abs(twips)) if twips is not None else None


def _margins(doc: _Document, margins: etree._Element | None, landscape: bool, path: str) -> Iterator[Finding]:
    mm = {side: _margin_mm(margins, side) for side, _, _ in _MARGINS}
    if landscape and all(
        value is not None and _LANDSCAPE_MARGINS[side].allows(value) for side, value in mm.items()
    ):
        return  # PL1 Phần I khoản 2: a landscape page, margins turned with it
    for side, name, measure in _MARGINS:
        if mm[side] is None:
            yield doc.finding(
                "ND30-MARGIN", f"Không khai báo lề {name}; quy định {_measure_span(measure)}.", path
            )
        elif not measure.allows(mm[side]):
            message = f"Lề {name} {_num(mm[side], 1)} mm, quy định {_measure_span(measure)}."
            yield doc.finding("ND30-MARGIN", message, path)


# --- Font and colour (PL1 Phần I khoản 4) ---


def _check_fonts(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for paras in _text_parts(doc):
        yield from _grouped(doc, "ND30-FONT", _run_hits(paras, lambda props: _font_problem(doc, props)))
        yield from _grouped(doc, "ND30-COLOR", _run_hits(paras, _colour_problem))


def _text_parts(doc: _Document) -> Iterator[list[_Para]]:
    yield list(doc.body_paras)
    for part in doc.page_parts:
        yield part.paras


def _run_hits(
    paras: Iterable[_Para], problem: Callable[[_RunProps], str | None]
) -> Iterator[tuple[str, _Para, str]]:
    """(problem, paragraph, first offending text) once per distinct problem per paragraph."""
    for para in paras:
        seen: set[str] = set()
        for text, props in para.segments:
            found = problem(props)
            if found and found not in seen:
                seen.add(found)
                yield found, para, _norm(text)


def _font_problem(doc: _Document, props: _RunProps) -> str | None:
    # ascii and hAnsi carry Vietnamese text and must be Times New Roman; eastAsia and cs only
    # matter when a font is named there (a theme reference on them is Word's normal default).
    for slot in ("ascii", "hAnsi"):
        value = props.fonts.get(slot)
        font = _resolve_font(doc, value)
        if font is None or not _is_times(font):
            return f"Phông chữ {_describe_font(value, font)} thay vì {spec.FONT_NAME}"
    for slot in ("eastAsia", "cs"):
        kind, font = props.fonts.get(slot, ("theme", ""))
        if kind == "name" and not _is_times(font):
            return f"Phông chữ “{font}” ({slot}) thay vì {spec.FONT_NAME}"
    return None


def _resolve_font(doc: _Document, value: tuple[str, str] | None) -> str | None:
    if value is None:
        return None
    kind, name = value
    return (doc.theme_fonts.get(name) or None) if kind == "theme" else name


def _describe_font(value: tuple[str, str] | None, font: str | None) -> str:
    if value is None:
        return "(không khai báo)"
    if value[0] == "theme":
        return f"theo chủ đề {value[1]} (“{font or '?'}”)"
    return f"“{font}”"


def _is_times(font: str) -> bool:
    return font.strip().casefold() == spec.FONT_NAME.casefold()


def _colour_problem(props: _RunProps) -> str | None:
    value, theme = props.color
    if theme and theme not in ("text1", "dark1"):
        return f"Chữ màu theo chủ đề “{theme}” thay vì màu đen"
    if value and value.lower() not in ("000000", "auto"):
        return f"Chữ màu #{value.upper()} thay vì màu đen"
    return None


# --- Quốc hiệu, Tiêu ngữ, cơ quan ban hành (PL1 Phần II mục 1–2) ---


def _check_header_wrap(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """A header line wider than its column wraps: a Quốc hiệu on two lines, or "QUAN" alone under
    "KHỐI THI ĐUA CÁC CƠ" (legal-facts D.2). Widths are Times New Roman's own (metrics.py)."""
    for line in (line for column in layout.header for line in column if line.text):
        room = doc.content_width(line.para)
        if room is None:
            continue
        room -= line.para.props.left + line.para.props.right
        width = sum(text_width_pt(text, props.size, bold=props.bold) * 20 for text, props in line.segments)
        if width > room + _WRAP_TOLERANCE_TWIPS:
            message = (
                f"Dòng {_quote(line.text)} dài {_mm(width)}, cột chỉ có {_mm(room)}: dòng bị tự xuống dòng; "
                "ngắt dòng chủ động hoặc nới rộng cột."
            )
            yield doc.finding("ND30-HEADER-WRAP", message, line.path)


def _check_national_title(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    line = layout.national_title
    if line is None:
        message = f"Không tìm thấy Quốc hiệu “{spec.NATIONAL_TITLE}” ở phần đầu văn bản."
        yield doc.finding("ND30-NATIONAL-TITLE", message, layout.header_path)
        return
    if line.text.upper() != spec.NATIONAL_TITLE:
        message = f"Quốc hiệu {_quote(line.text)} bỏ dấu theo cách cũ; nên viết “{spec.NATIONAL_TITLE}”."
        yield doc.finding("ND30-NATIONAL-TITLE-SPELLING", message, line.path)
    yield from _style_finding(doc, "ND30-NATIONAL-TITLE-STYLE", "Quốc hiệu", line, spec.NATIONAL_TITLE_STYLE)


def _check_motto(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    if layout.motto is None:
        message = f"Không tìm thấy Tiêu ngữ “{spec.MOTTO}” dưới Quốc hiệu."
        yield doc.finding("ND30-MOTTO", message, layout.header_path)
        return
    lines, index = layout.motto
    line = lines[index]
    if line.text != spec.MOTTO:
        message = f"Tiêu ngữ {_quote(line.text)} phải viết đúng “{spec.MOTTO}” (gạch nối “-”, cách hai bên)."
        yield doc.finding("ND30-MOTTO", message, line.path)
    yield from _style_finding(doc, "ND30-MOTTO-STYLE", "Tiêu ngữ", line, spec.MOTTO_STYLE)
    if _rule_below(lines, index) is None:
        yield doc.finding(
            "ND30-MOTTO-RULE", f"Thiếu đường kẻ liền dưới Tiêu ngữ {_quote(line.text)}.", line.path
        )


class _Rule(NamedTuple):
    para: _Para | None  # the paragraph carrying the border; None for a drawn line shape


def _rule_below(lines: list[_Line], index: int) -> _Rule | None:
    line = lines[index]
    if line.last and line.para.props.border:
        return _Rule(line.para)
    after = lines[index + 1] if index + 1 < len(lines) else None
    if after is not None and not after.text and after.para.props.border:
        return _Rule(after.para)
    if line.para.cell is not None:
        scopes = [line.para.cell]
    else:
        scopes = [near.para.element for near in (line, after) if near is not None]
    return _Rule(None) if any(_LINE_SHAPES(scope) for scope in scopes) else None


def _check_issuer(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for line in layout.parent:
        yield from _style_finding(
            doc, "ND30-PARENT-STYLE", "Tên cơ quan chủ quản", line, spec.PARENT_BODY_STYLE
        )
    if layout.issuer_end is None:
        message = "Không tìm thấy tên cơ quan ban hành phía trên dòng số, ký hiệu."
        yield doc.finding("ND30-ISSUER-MISSING", message, layout.header_path)
        return
    for line in layout.issuer:
        yield from _style_finding(doc, "ND30-ISSUER-STYLE", "Tên cơ quan ban hành", line, spec.ISSUER_STYLE)
    last = layout.issuer[-1]
    rule = _rule_below(*layout.issuer_end)
    if rule is None:
        message = f"Thiếu đường kẻ liền dưới tên cơ quan ban hành {_quote(last.text)}."
        yield doc.finding("ND30-ISSUER-RULE", message, last.path)
    elif rule.para is not None:
        yield from _issuer_rule_length(doc, rule.para, layout.issuer)


def _issuer_rule_length(doc: _Document, rule: _Para, issuer: list[_Line]) -> Iterator[Finding]:
    """PL1 Phần II mục 2: the line is 1/3 to 1/2 as long as the name.

    The line is as long as the paragraph carrying the border: the width inside its cell (cell
    minus cell margins; outside tables the text area) minus its indents. The name's width is
    estimated as characters × size × ``_CAPS_WIDTH_EM`` (bold capitals, its longest line), and a
    name that wraps is at most as wide as its own paragraph.
    """
    inside = doc.content_width(rule)
    widest = max(issuer, key=lambda line: len(line.text) * _largest_size(line))
    if inside is None or not widest.text:
        return
    name_room = (inside - widest.para.props.left - widest.para.props.right) / 20
    text_pt = min(len(widest.text) * _largest_size(widest) * _CAPS_WIDTH_EM, name_room)
    rule_pt = (inside - rule.props.left - rule.props.right) / 20
    ratio = rule_pt / text_pt if text_pt > 0 else 0.0
    if not spec.RULE_RATIO_ISSUER.allows(ratio):
        allowed = _measure_span(spec.RULE_RATIO_ISSUER)
        message = (
            f"Đường kẻ dưới tên cơ quan ban hành dài {_mm(rule_pt * 20)}, bằng {_num(ratio)} lần độ dài "
            f"ước tính của dòng chữ {_quote(widest.text)} ({_mm(text_pt * 20)}); nên bằng {allowed}."
        )
        yield doc.finding("ND30-ISSUER-RULE-LENGTH", message, rule.path)


def _largest_size(line: _Line) -> float:
    return max((props.size for _, props in line.segments), default=0.0)


def _cell_width(tc: etree._Element) -> float | None:
    """Twips of a cell: its ``tcW`` in twips, else the grid columns it spans (as LibreOffice does)."""
    width = _find(tc, "w:tcPr", "w:tcW")
    if width is not None and width.get(qn("w:type"), "dxa") == "dxa" and _measure(width.get(qn("w:w"))):
        return _measure(width.get(qn("w:w")))
    table = next(tc.iterancestors(_TBL))
    grid = [_measure(col.get(qn("w:w"))) or 0 for col in table.iterfind("w:tblGrid/w:gridCol", _NS)]
    start = sum(_grid_span(cell) for cell in tc.itersiblings(_TC, preceding=True))
    return sum(grid[start : start + _grid_span(tc)]) or None


def _grid_span(tc: etree._Element) -> int:
    return int(_measure(_child_val(_find(tc, "w:tcPr"), "w:gridSpan")) or 1)


def _side_margins(margins: etree._Element | None) -> dict[str, float]:
    """Left and right widths of a ``tblCellMar`` or ``tcMar`` element, in twips."""
    found = {}
    for child in margins.iterchildren(tag=etree.Element) if margins is not None else ():
        side = _SIDES.get(etree.QName(child).localname)
        if side and (twips := _measure(child.get(qn("w:w")))) is not None:
            found[side] = twips
    return found


# --- Số, ký hiệu (PL1 Phần II mục 3) ---

_NUMBER = re.compile(r"^Số:\s*(?P<number>\d*)(?P<gap>\s*)/(?P<symbol>\S+)$")
_NUMBER_DIGITS = re.compile(r"^số\s*:\s*(\d+)", re.IGNORECASE)


def _check_number(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    line = layout.number
    if line is None:
        yield doc.finding(
            "ND30-NUMBER-MISSING", "Không tìm thấy dòng “Số: …/…” ở phần đầu văn bản.", layout.header_path
        )
        return
    match = _NUMBER.match(line.text)
    if match is None or (match["number"] and match["gap"]):
        message = f"Số, ký hiệu {_quote(line.text)} phải viết liền, không có dấu cách quanh “/” và “-”."
        yield doc.finding("ND30-NUMBER-FORMAT", message, line.path)
    digits = _NUMBER_DIGITS.match(line.text)
    if digits and len(digits[1]) < _ZERO_PADDED_WIDTH:
        padded = digits[1].zfill(_ZERO_PADDED_WIDTH)
        message = (
            f"Số văn bản “{digits[1]}” trong {_quote(line.text)} phải viết thêm số 0 phía trước: “{padded}”."
        )
        yield doc.finding("ND30-NUMBER-ZERO", message, line.path)
    yield from _style_finding(doc, "ND30-NUMBER-STYLE", "Dòng số, ký hiệu", line, spec.NUMBER_STYLE)


# --- Địa danh, thời gian (PL1 Phần II mục 4) ---

_DATE = re.compile(r"^(?P<place>[^,]+), ngày (?P<day>\d{1,2}) tháng (?P<month>\d{1,2}) năm (?P<year>\d{4})$")
_DRAFT_DATE = re.compile(r"^[^,]+, ngày[\s.…]*tháng[\s.…]*năm(?:\s*(?:\d{4}|20[.…]+))?[\s.…]*$")


def _check_date(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    line = layout.date
    if line is None:
        yield from _date_missing(doc, layout)
        return
    yield from _style_finding(doc, "ND30-DATE-STYLE", "Dòng địa danh, ngày tháng", line, spec.DATE_LINE_STYLE)
    if _DRAFT_DATE.match(line.text):
        return
    match = _DATE.match(line.text)
    if match is None:
        message = (
            f"Dòng địa danh, ngày tháng {_quote(line.text)} phải có dạng “<địa danh>, ngày … tháng … năm …”."
        )
        yield doc.finding("ND30-DATE-FORMAT", message, line.path)
        return
    if not _is_real_date(match):
        day = f"ngày {match['day']} tháng {match['month']} năm {match['year']}"
        message = f"Dòng địa danh, ngày tháng {_quote(line.text)}: {day} không có thật."
        yield doc.finding("ND30-DATE-FORMAT", message, line.path)
        return
    problems = _date_zero_problems(match["day"], match["month"])
    if problems:
        yield doc.finding(
            "ND30-DATE-ZERO", f"Ngày tháng {_quote(line.text)}: {'; '.join(problems)}.", line.path
        )


def _is_real_date(match: re.Match) -> bool:
    try:
        datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return False
    return True


def _date_zero_problems(day: str, month: str) -> list[str]:
    expected_day = str(int(day)).zfill(_ZERO_PADDED_WIDTH)
    expected_month = str(int(month))
    if int(month) in _ZERO_PADDED_MONTHS:
        expected_month = expected_month.zfill(_ZERO_PADDED_WIDTH)
    problems = []
    if day != expected_day:
        problems.append(f"ngày {day} phải viết “{expected_day}”")
    if month != expected_month:
        problems.append(f"tháng {month} phải viết “{expected_month}”")
    return problems


def _date_missing(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    document_type = _TYPE_NAMES.get(layout.title.text.upper()) if layout.title else None
    if layout.number is not None and (document_type is None or document_type.dated):
        message = "Không tìm thấy dòng địa danh, ngày tháng (“…, ngày … tháng … năm …”) ở phần đầu văn bản."
        yield doc.finding("ND30-DATE-MISSING", message, layout.header_path)


# --- Tên loại, trích yếu, căn cứ (PL1 Phần II mục 5, 6.a) ---


def _check_title(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    if layout.title is not None:
        yield from _style_finding(
            doc, "ND30-TITLE-STYLE", "Tên loại văn bản", layout.title, spec.DOC_TYPE_STYLE, centred=True
        )


def _check_subject(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for line in layout.subject:
        yield from _style_finding(
            doc, "ND30-SUBJECT-STYLE", "Trích yếu", line, spec.SUBJECT_STYLE, centred=True
        )
    if layout.subject_end is not None and _rule_below(*layout.subject_end) is None:
        last = layout.subject[-1]
        yield doc.finding(
            "ND30-SUBJECT-RULE", f"Thiếu đường kẻ liền dưới trích yếu {_quote(last.text)}.", last.path
        )


def _check_basis(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for line in layout.basis:
        if _BASIS.match(line.text)["bullet"] or line.para.props.numbered:
            message = (
                f"Dòng căn cứ {_quote(line.text)} không được bắt đầu bằng gạch đầu dòng hay ký hiệu đánh số."
            )
            yield doc.finding("ND30-BASIS-DASH", message, line.path)
        yield from _style_finding(doc, "ND30-BASIS-STYLE", "Dòng căn cứ", line, spec.LEGAL_BASIS_STYLE)
    yield from _basis_punctuation(doc, layout)


def _basis_punctuation(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """Each căn cứ ends with ";", the last with "." – or with "," or ";" when a "Theo đề nghị"
    or "Xét" line continues the sentence (templates differ there, so any of the three)."""
    followed = layout.after_basis is not None and _BASIS_FOLLOWER.match(layout.after_basis.text)
    for number, line in enumerate(layout.basis, 1):
        allowed = ";" if number < len(layout.basis) else (".,;" if followed else ".")
        if not line.text or line.text[-1] not in allowed:
            wanted = " hoặc ".join(f"“{mark}”" for mark in allowed)
            message = f"Dòng căn cứ {_quote(line.text)} phải kết thúc bằng {wanted}."
            yield doc.finding("ND30-BASIS-PUNCT", message, line.path)


# --- Nội dung (PL1 Phần II mục 6) ---

_ALIGN_NAMES = {
    "left": "trái",
    "start": "trái",
    "right": "phải",
    "end": "phải",
    "center": "giữa",
    "both": "đều hai bên",
    "distribute": "đều hai bên",
}


def _check_body(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for code, problem in _BODY_RULES:
        hits = ((found, para, para.text) for para in layout.body if (found := problem(para)))
        yield from _grouped(doc, code, hits)


def _body_size(para: _Para) -> str | None:
    wrong = sorted({props.size for _, props in para.segments if not spec.BODY_SIZE.allows(props.size)})
    if wrong:
        sizes = ", ".join(_num(size) for size in wrong)
        return f"Nội dung cỡ chữ {sizes} pt, quy định {_measure_span(spec.BODY_SIZE)}"
    return None


def _body_align(para: _Para) -> str | None:
    if para.props.align in ("both", "distribute"):
        return None
    name = _ALIGN_NAMES.get(para.props.align, para.props.align)
    return f"Nội dung căn lề {name}, quy định căn đều hai bên"


def _body_indent(para: _Para) -> str | None:
    indent = spec.twips_to_mm(para.props.first_line)
    if spec.FIRST_LINE_INDENT.allows(indent):
        return None
    return f"Lùi đầu dòng {_num(indent, 1)} mm, quy định {_measure_span(spec.FIRST_LINE_INDENT)}"


def _body_spacing(para: _Para) -> str | None:
    props = para.props
    # contextualSpacing drops the space between paragraphs of the same style altogether.
    total = 0.0 if props.contextual else (props.before + props.after) / 20
    if spec.PARAGRAPH_SPACING.allows(total):
        return None
    setting = " (đang bật “không thêm khoảng cách giữa các đoạn cùng kiểu”)" if props.contextual else ""
    low = _num(spec.PARAGRAPH_SPACING.low)
    return f"Khoảng cách trước và sau đoạn tổng {_num(total)} pt{setting}, quy định tối thiểu {low} pt"


def _line_spacing(para: _Para) -> str | None:
    props = para.props
    if props.line_rule == "auto":
        lines = props.line / 240
        if spec.LINE_SPACING.allows(lines):
            return None
        return f"Cách dòng {_num(lines)} dòng, quy định {_measure_span(spec.LINE_SPACING)}"
    size = max((p.size for _, p in para.segments), default=0.0)
    height = props.line / 20
    # A fixed height between size × low and size × high × 1.2 (single spacing ≈ 1.2 × size);
    # "at least" never sets lines closer than single, so only its upper bound matters.
    low = size * spec.LINE_SPACING.low if props.line_rule == "exact" else 0.0
    high = size * spec.LINE_SPACING.high * _LINE_HEIGHT_FACTOR
    if low - 0.05 <= height <= high + 0.05:
        return None
    kind = "chính xác" if props.line_rule == "exact" else "tối thiểu"
    return f"Cách dòng {kind} {_num(height)} pt với chữ {_num(size)} pt, quy định {_span(low, high, 'pt')}"


_BODY_RULES: tuple[tuple[str, Callable[[_Para], str | None]], ...] = (
    ("ND30-BODY-SIZE", _body_size),
    ("ND30-BODY-ALIGN", _body_align),
    ("ND30-BODY-INDENT", _body_indent),
    ("ND30-BODY-SPACING", _body_spacing),
    ("ND30-LINE-SPACING", _line_spacing),
)


# --- Chữ ký (PL1 Phần II mục 7) ---


def _check_signature(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for lines in layout.signature_blocks:
        signer = lines[-1] if lines and not _is_caps(lines[-1]) else None
        for line in lines:
            if _is_caps(line):
                yield from _authority(doc, line)
        if signer is not None:
            yield from _style_finding(
                doc, "ND30-SIGNER-STYLE", "Họ tên người ký", signer, spec.SIGNER_NAME_STYLE
            )


def _authority(doc: _Document, line: _Line) -> Iterator[Finding]:
    match = _AUTHORITY.match(line.text)
    expected = match["prefix"].replace("/", "") + "." if match else None
    if expected and not line.text.startswith(f"{expected} "):
        message = f"Quyền hạn ký {_quote(line.text)} phải viết “{expected}” (có dấu chấm, không dùng “/”)."
        yield doc.finding("ND30-AUTHORITY-FORMAT", message, line.path)
    yield from _style_finding(
        doc, "ND30-AUTHORITY-STYLE", "Quyền hạn, chức vụ người ký", line, spec.AUTHORITY_STYLE
    )


def _check_signature_keep(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """Practice (legal-facts D.8): the signature must not land alone on a new page."""
    if layout.signature is None:
        return
    rows = list(layout.signature.element.iterchildren(_TR))
    loose = [str(n) for n, row in enumerate(rows, 1) if not _flag(_find(row, "w:trPr", "w:cantSplit"))]
    if loose:
        message = (
            f"Hàng {', '.join(loose)} của bảng chữ ký chưa đặt “không chia cắt hàng qua trang” (cantSplit)."
        )
        yield doc.finding("ND30-SIGNATURE-KEEP", message, layout.signature.path)
    for para in layout.keep_chain:
        if not para.props.keep_next:
            quoted = _quote(para.text) if para.text else "(đoạn trống)"
            message = f"Đoạn {quoted} ngay trước khối chữ ký chưa đặt “giữ với đoạn sau” (keepNext)."
            yield doc.finding("ND30-SIGNATURE-KEEP", message, para.path)


def _flag(element: etree._Element | None) -> bool:
    return element is not None and _is_on(element)


# --- Nơi nhận (PL1 Phần II mục 9.b) ---


def _is_form_without_recipients(layout: _Layout) -> bool:
    heading = " ".join(line.text for line in ([layout.title] if layout.title else []) + layout.subject)
    return heading.upper().startswith(spec.FORMS_WITHOUT_RECIPIENTS)


def _check_recipients(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    if not layout.recipients and _is_form_without_recipients(layout):
        return
    if not layout.recipients:
        path = layout.signature.path if layout.signature else "cuối văn bản"
        yield doc.finding("ND30-RECIPIENTS-MISSING", f"Không tìm thấy phần “{spec.RECIPIENTS_LABEL}”.", path)
        return
    label, *items = layout.recipients
    yield from _style_finding(doc, "ND30-RECIPIENTS-LABEL-STYLE", "Chữ", label, spec.RECIPIENTS_LABEL_STYLE)
    for number, item in enumerate(items, 1):
        yield from _recipient_item(doc, item, last=number == len(items))
    if not items or not items[-1].text.startswith(spec.ARCHIVE_PREFIX):
        where = items[-1] if items else label
        message = f"Nơi nhận cuối cùng phải là “{spec.ARCHIVE_PREFIX}, …”; đang là {_quote(where.text)}."
        yield doc.finding("ND30-RECIPIENTS-ARCHIVE", message, where.path)


def _recipient_item(doc: _Document, item: _Line, *, last: bool) -> Iterator[Finding]:
    yield from _style_finding(doc, "ND30-RECIPIENTS-ITEM-STYLE", "Nơi nhận", item, spec.RECIPIENT_ITEM_STYLE)
    if not item.text.startswith("- "):
        yield doc.finding(
            "ND30-RECIPIENTS-ITEM-DASH", f"Nơi nhận {_quote(item.text)} phải bắt đầu bằng “- ”.", item.path
        )
    mark = "." if last else ";"
    if not item.text.endswith(mark):
        yield doc.finding(
            "ND30-RECIPIENTS-PUNCT", f"Nơi nhận {_quote(item.text)} phải kết thúc bằng “{mark}”.", item.path
        )


# --- Số trang (PL1 Phần I khoản 7) ---

_PAGE_FIELD = re.compile(r"\bPAGE\b", re.IGNORECASE)  # field codes are case-insensitive


def _check_page_numbers(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    headers = [part for part in doc.page_parts if part.is_header]
    first = _first_page_header(doc)
    if first is not None and _page_number_paras(first):
        message = (
            "Trang thứ nhất có số trang: đầu trang dùng cho trang 1 chứa trường PAGE. Số trang chỉ hiện từ "
            "trang thứ hai: bật “Trang đầu khác” (titlePg) và để trống đầu trang của trang đầu."
        )
        yield doc.finding("ND30-PAGE-NUMBER-FIRST", message, first.label)
    if not any(_page_number_paras(part) for part in headers):
        message = (
            "Đầu trang không có số trang (trường PAGE); văn bản nhiều trang phải đánh số từ trang thứ hai."
        )
        yield doc.finding("ND30-PAGE-NUMBER-MISSING", message, "đầu trang (header)")
    for part in doc.page_parts:
        if not part.is_header and _page_number_paras(part):
            message = f"Số trang đặt ở {part.label}; phải đặt giữa lề trên (đầu trang)."
            yield doc.finding("ND30-PAGE-NUMBER-POSITION", message, part.label)
    for part in headers:
        for para in _page_number_paras(part):
            yield from _page_number_style(doc, para)


def _first_page_header(doc: _Document) -> _PagePart | None:
    """The header shown on page 1: "first" when the first section has titlePg, else "default"."""
    if not doc.sections:
        return None
    kind = "first" if _flag(doc.sections[0].find(qn("w:titlePg"))) else "default"
    return doc.page_refs.get((1, True, kind))


def _page_number_paras(part: _PagePart) -> list[_Para]:
    return [para for para in part.paras if _PAGE_FIELD.search(_field_code(para.element))]


def _field_code(paragraph: etree._Element) -> str:
    codes = []
    for element in _inline(paragraph):
        if element.tag == _FLD_SIMPLE:
            codes.append(element.get(qn("w:instr"), ""))
        else:
            codes.extend(t.text or "" for t in element.iterchildren(_INSTR_TEXT))
    return " ".join(codes)


def _page_number_style(doc: _Document, para: _Para) -> Iterator[Finding]:
    shown = [
        run.props.size for run in para.runs if run.text.strip() or run.element.find(_INSTR_TEXT) is not None
    ]
    problems = []
    wrong = sorted({size for size in shown if not spec.PAGE_NUMBER_SIZE.allows(size)})
    if wrong:
        sizes = ", ".join(_num(size) for size in wrong)
        problems.append(f"cỡ chữ {sizes} pt (quy định {_measure_span(spec.PAGE_NUMBER_SIZE)})")
    if para.props.align != "center":
        problems.append(f"căn lề {_ALIGN_NAMES.get(para.props.align, para.props.align)} thay vì căn giữa")
    if problems:
        yield doc.finding("ND30-PAGE-NUMBER-STYLE", f"Số trang: {'; '.join(problems)}.", para.path)


# --- Phụ lục (PL1 Phần III mục 1) ---


def _check_appendix(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """An appendix section that opens with "Phụ lục": the label, its title and "(Kèm theo …)"."""
    lines = [line for item in doc.appendix_items if isinstance(item, _Para) for line in item.lines if line.text]
    if not lines or not lines[0].text.startswith(spec.APPENDIX_LABEL):
        return
    label, rest = lines[0], lines[1:]
    yield from _style_finding(doc, "ND30-APPENDIX-STYLE", "Chữ", label, spec.APPENDIX_LABEL_STYLE)
    reference = next((i for i, line in enumerate(rest) if line.text.startswith("(Kèm theo")), None)
    for line in rest[: reference if reference is not None else 1]:
        yield from _style_finding(doc, "ND30-APPENDIX-STYLE", "Tên phụ lục", line, spec.APPENDIX_TITLE_STYLE)
    if reference is not None:
        yield from _style_finding(
            doc, "ND30-APPENDIX-STYLE", "Dòng", rest[reference], spec.APPENDIX_REFERENCE_STYLE
        )


_CHECKS: tuple[_Check, ...] = (
    _check_page_setup,
    _check_fonts,
    _check_header_wrap,
    _check_national_title,
    _check_motto,
    _check_issuer,
    _check_number,
    _check_date,
    _check_title,
    _check_subject,
    _check_basis,
    _check_body,
    _check_signature,
    _check_signature_keep,
    _check_recipients,
    _check_page_numbers,
    _check_appendix,
)
