"""A Kế hoạch laid out per NĐ 30/2020 the way a careful clerk would, and the means to break it.

:func:`conforming_docx` builds the document with python-docx and lxml: A4, margins 20/20/30/15 mm,
Normal style Times New Roman 14 on all four font slots, justified, first line 1.27 cm, 6 pt before,
line spacing 1.15; a borderless 70 + 103 mm header table; title, trích yếu and their rule; two
căn cứ; three body paragraphs; a signature table that cannot split; a centred 13 pt PAGE field in
the default header, hidden on page 1 by ``titlePg`` and an empty first-page header.

Broken variants come from keyword arguments (a text replaced, or removed with ``None``) and from a
``mutate`` callback that edits the python-docx document before it is saved; the helpers below
find the parts a callback needs.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

TEXTS: dict[str, object] = {
    "parent": [],
    "issuer": ["ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN"],
    "number": "Số: 12/KH-UBND",
    "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "date": "Thái Nguyên, ngày 05 tháng 01 năm 2017",
    "title": "KẾ HOẠCH",
    "subject": "Triển khai công tác thi đua, khen thưởng năm 2017",
    "basis": [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
    ],
    "body": [
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai công tác thi đua, khen thưởng năm 2017 như sau:",
        "Các sở, ban, ngành và Ủy ban nhân dân các huyện tổ chức phát động phong trào thi đua trong quý I.",
        "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo về Sở Nội vụ để tổng hợp./.",
    ],
    "recipients": ["- Sở Nội vụ;", "- Lưu: VT, VP."],
    "authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    "signer": "Nguyễn Văn A",
}

HEADER_LEFT_MM, HEADER_RIGHT_MM = 70, 103
CELL_MARGIN_MM = 108 / 1440 * 25.4  # python-docx's "Normal Table" style: 108 twips each side
MOTTO_RULE_INDENT_MM = 18  # a 67 mm line, about the length of the 14 pt motto
SUBJECT_RULE_INDENT_MM = 57.5  # a 50 mm line under the trích yếu, centred in the 165 mm text area

_PPR_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:jc",
    "w:textDirection",
    "w:outlineLvl",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def conforming_docx(mutate: Callable[[Document], None] | None = None, **changes: object) -> bytes:
    """The conforming document as .docx bytes; ``changes`` replace entries of :data:`TEXTS`
    (``None`` leaves the component out) and ``mutate`` edits the document before saving."""
    unknown = set(changes) - set(TEXTS)
    if unknown:
        raise KeyError(f"unknown fixture texts: {sorted(unknown)}")
    document = build({**TEXTS, **changes})
    if mutate is not None:
        mutate(document)
    return to_bytes(document)


def to_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build(texts: dict[str, object]) -> Document:
    document = docx.Document()
    _page_setup(document)
    _normal_style(document)
    _header_table(document, texts)
    _opening(document, texts)
    for number, text in enumerate(texts["body"], 1):
        document.add_paragraph(text).paragraph_format.keep_with_next = number == len(texts["body"])
    _signature_table(document, texts)
    _page_header(document)
    return document


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _normal_style(document: Document) -> None:
    normal = document.styles["Normal"]
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), "Times New Roman")
    normal.font.size = Pt(14)
    layout = normal.paragraph_format
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    layout.first_line_indent = Cm(1.27)
    layout.space_before, layout.space_after = Pt(6), Pt(0)
    layout.line_spacing = 1.15


def _line(
    container: Document | _Cell,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    """A paragraph laid out by hand (no first-line indent, no space before, single spacing)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    layout = paragraph.paragraph_format
    layout.first_line_indent, layout.space_before, layout.line_spacing = Mm(0), Pt(0), 1.0
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _rule(container: Document | _Cell, indent_mm: float) -> Paragraph:
    """An empty paragraph whose bottom border, narrowed by equal indents, draws the line."""
    paragraph = _line(container, "", 6)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(indent_mm)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attribute, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{attribute}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_PPR_AFTER_BORDER)
    return paragraph


def issuer_rule_indent_mm(lines: list[str]) -> float:
    """Indents that make the issuer's rule 40 % of the longest line, whose width is estimated
    as bold capitals average: characters × 13 pt × 0.62 (the check measures each letter)."""
    name_mm = max(len(line) for line in lines) * 13 * 0.62 * 25.4 / 72
    inside_mm = HEADER_LEFT_MM - 2 * CELL_MARGIN_MM
    return (inside_mm - 0.4 * name_mm) / 2


def _two_columns(document: Document) -> Table:
    """A borderless one-row table 70 + 103 mm wide, 4 mm left of the margin as issued documents are."""
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for column, width in zip(table.columns, (HEADER_LEFT_MM, HEADER_RIGHT_MM)):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(-round(4 * 1440 / 25.4)))
    indent.set(qn("w:type"), "dxa")
    table._tbl.tblPr.insert_element_before(
        indent, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
    )
    return table


def _drop_placeholder(cell: _Cell) -> None:
    """python-docx starts every cell with an empty paragraph; drop it once the cell is filled."""
    if len(cell.paragraphs) > 1:
        cell._tc.remove(cell.paragraphs[0]._p)


def _header_table(document: Document, texts: dict[str, object]) -> None:
    left, right = _two_columns(document).rows[0].cells
    for text in texts["parent"]:
        _line(left, text, 13)
    for text in texts["issuer"]:
        _line(left, text, 13, bold=True)
    _rule(left, issuer_rule_indent_mm(texts["issuer"]))
    if texts["number"] is not None:
        _line(left, texts["number"], 13)
    if texts["national_title"] is not None:
        _line(right, texts["national_title"], 13, bold=True)
    if texts["motto"] is not None:
        _line(right, texts["motto"], 14, bold=True)
        _rule(right, MOTTO_RULE_INDENT_MM)
    if texts["date"] is not None:
        _line(right, texts["date"], 14, italic=True).paragraph_format.space_before = Pt(6)
    for cell in (left, right):
        _drop_placeholder(cell)


def _opening(document: Document, texts: dict[str, object]) -> None:
    _line(document, texts["title"], 14, bold=True).paragraph_format.space_before = Pt(12)
    _line(document, texts["subject"], 14, bold=True)
    _rule(document, SUBJECT_RULE_INDENT_MM).paragraph_format.space_after = Pt(6)
    for text in texts["basis"]:
        document.add_paragraph().add_run(text).italic = True


def _signature_table(document: Document, texts: dict[str, object]) -> None:
    table = _two_columns(document)
    row = table.rows[0]._tr.get_or_add_trPr()
    row.insert_element_before(OxmlElement("w:cantSplit"), "w:trHeight", "w:tblHeader", "w:jc", "w:hidden")
    left, right = table.rows[0].cells
    if texts["recipients"] is not None:
        _line(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for text in texts["recipients"]:
            _line(left, text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in texts["authority"]:
        _line(right, text, 14, bold=True)
    for _ in range(3):
        _line(right, "", 14)
    _line(right, texts["signer"], 14, bold=True)
    for cell in (left, right):
        _drop_placeholder(cell)


def _page_header(document: Document) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Mm(0)
    paragraph._p.append(_page_field(13))


def _page_field(size_pt: float) -> OxmlElement:
    """``<w:fldSimple w:instr=" PAGE ">`` with a run showing "2" at ``size_pt``."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(round(size_pt * 2)))
    properties.append(size)
    text = OxmlElement("w:t")
    text.text = "2"
    run.extend([properties, text])
    field.append(run)
    return field


def plain_paragraphs_docx(mutate: Callable[[Document], None] | None = None) -> bytes:
    """A conforming Báo cáo typed without tables, as some clerks do: Quốc hiệu and Tiêu ngữ in one
    paragraph split by a line break, then the issuer, Số and date lines; the position and name
    centred after the text with no authority prefix, then Nơi nhận flush left."""
    document = docx.Document()
    _page_setup(document)
    _normal_style(document)
    title = _line(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    title.add_run().add_break()
    motto = title.add_run("Độc lập - Tự do - Hạnh phúc")
    motto.bold, motto.font.size = True, Pt(14)
    _rule(document, 50)
    _line(document, "UBND TỈNH THÁI NGUYÊN", 13)
    _line(document, "SỞ NỘI VỤ", 13, bold=True)
    _rule(document, 77)  # 11 mm: 43 % of "SỞ NỘI VỤ" as the check estimates it (25.6 mm)
    _line(document, "Số: 07/BC-SNV", 13)
    _line(document, "Thái Nguyên, ngày 05 tháng 3 năm 2024", 14, italic=True)
    _line(document, "BÁO CÁO", 14, bold=True).paragraph_format.space_before = Pt(12)
    _line(document, "Kết quả công tác thi đua, khen thưởng năm 2024", 14, bold=True)
    _rule(document, SUBJECT_RULE_INDENT_MM)
    document.add_paragraph().add_run(
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022."
    ).italic = True
    document.add_paragraph("Sở Nội vụ báo cáo kết quả công tác thi đua, khen thưởng năm 2024 như sau./.")
    _line(document, "GIÁM ĐỐC", 14, bold=True)
    _line(document, "Trần Văn B", 14, bold=True).paragraph_format.space_before = Pt(48)
    _line(document, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in ("- UBND tỉnh;", "- Lưu: VT, TĐKT."):
        _line(document, text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _page_header(document)
    if mutate is not None:
        mutate(document)
    return to_bytes(document)


# --- helpers for mutations -----------------------------------------------------------------------


def paragraphs(document: Document) -> list[Paragraph]:
    """Every paragraph of the body, those in tables included."""
    found = list(document.paragraphs)
    for table in document.tables:
        found += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return found


def paragraph(document: Document, start: str) -> Paragraph:
    """The first paragraph whose text starts with ``start``."""
    return next(p for p in paragraphs(document) if p.text.startswith(start))


def body_paragraphs(document: Document) -> list[Paragraph]:
    return [paragraph(document, text) for text in TEXTS["body"]]


def next_paragraph(document: Document, start: str) -> Paragraph:
    """The paragraph right after the one starting with ``start`` (the rule under a component)."""
    found = paragraph(document, start)
    return Paragraph(found._p.getnext(), found._parent)


def remove_border_after(document: Document, start: str) -> None:
    """Take the bottom border off the rule paragraph that follows the paragraph starting ``start``."""
    rule = next_paragraph(document, start)._p
    rule.pPr.remove(rule.pPr.find(qn("w:pBdr")))


def set_page_number_size(document: Document, size_pt: float) -> None:
    header = document.sections[0].header.paragraphs[0]._p
    header.find(qn("w:fldSimple")).find(qn("w:r")).find(qn("w:rPr")).find(qn("w:sz")).set(
        qn("w:val"), str(round(size_pt * 2))
    )


def set_theme_font(run_paragraph: Paragraph) -> None:
    """Point the first run's Latin fonts at the theme (python-docx's theme: Cambria)."""
    fonts = run_paragraph.runs[0]._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")
    fonts.set(qn("w:hAnsiTheme"), "minorHAnsi")


def move_page_number_to_footer(document: Document) -> None:
    section = document.sections[0]
    field = section.header.paragraphs[0]._p.find(qn("w:fldSimple"))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(field)


def use_complex_page_field(document: Document) -> None:
    """Write the page number as Word and LibreOffice save it: fldChar begin, instrText, result, end."""
    header = document.sections[0].header.paragraphs[0]._p
    header.remove(header.find(qn("w:fldSimple")))
    for kind, content in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "2"),
        ("end", None),
    ):
        run = header.add_r()
        run.get_or_add_rPr().get_or_add_sz().val = Pt(13)
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.text = content
            run.append(instruction)
        elif kind == "text":
            run.text = content
        else:
            field_char = OxmlElement("w:fldChar")
            field_char.set(qn("w:fldCharType"), kind)
            run.append(field_char)


def draw_rule_instead_of_border(document: Document, start: str, length_pt: float = 190) -> None:
    """Replace the border under the paragraph starting ``start`` with a drawn VML line."""
    remove_border_after(document, start)
    line = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        f'<v:line from="0,0" to="{length_pt}pt,0" strokeweight=".5pt"/></w:pict></w:r>'
    )
    next_paragraph(document, start)._p.append(line)


def bold_through_styles(document: Document, start: str) -> None:
    """Make the paragraph's runs bold only through a two-level paragraph style chain."""
    outer = document.styles.add_style("HeaderText", WD_STYLE_TYPE.PARAGRAPH)
    outer.base_style = document.styles["Normal"]
    outer.font.bold = True
    inner = document.styles.add_style("IssuerText", WD_STYLE_TYPE.PARAGRAPH)
    inner.base_style = outer
    found = paragraph(document, start)
    found.style = inner
    for run in found.runs:
        run.bold = None


def drop_cant_split(document: Document) -> None:
    row = document.tables[-1].rows[0]._tr
    row.trPr.remove(row.trPr.find(qn("w:cantSplit")))


def add_data_table(document: Document, rows: int) -> None:
    """A "Table Grid" list of ``rows`` nominees, placed before the last body paragraph."""
    table = document.add_table(rows=rows + 1, cols=4, style="Table Grid")
    for number, row in enumerate(table.rows):
        values = (
            ("STT", "Họ và tên", "Đơn vị", "Danh hiệu")
            if number == 0
            else (str(number), f"Nguyễn Văn {number}", "Sở Nội vụ", "Lao động tiên tiến")
        )
        for cell, value in zip(row.cells, values):
            cell.paragraphs[0].text = value
    body_paragraphs(document)[-1]._p.addprevious(table._tbl)


# --- documents made by hand, as agencies send them ------------------------------------------------


def cong_van_docx(mutate: Callable[[Document], None] | None = None, *, number: str = "Số: 215/UBND-NC") -> bytes:
    """A công văn (PL3 Mẫu 1.5) as a UBND office types it: no tên loại; its trích yếu "V/v …" in
    12 pt under the number, wrapping to two lines in the 70 mm column; a long issuer name on one
    line that Word wraps; "Kính gửi:" then the text; Nơi nhận starting "- Như trên;"."""
    document = docx.Document()
    _page_setup(document)
    _normal_style(document)
    left, right = _two_columns(document).rows[0].cells
    _line(left, "ỦY BAN NHÂN DÂN", 13, bold=True)
    _line(left, "HUYỆN PHÚ LƯƠNG", 13, bold=True)
    _rule(left, issuer_rule_indent_mm(["HUYỆN PHÚ LƯƠNG"]))
    _line(left, number, 13)
    vv = _line(left, "V/v triển khai công tác thi đua, khen thưởng năm 2025 và đăng ký giao ước thi đua", 12)
    vv.paragraph_format.space_before = Pt(6)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    _rule(right, MOTTO_RULE_INDENT_MM)
    _line(right, "Phú Lương, ngày 12 tháng 3 năm 2025", 14, italic=True).paragraph_format.space_before = Pt(6)
    for cell in (left, right):
        _drop_placeholder(cell)
    _line(document, "Kính gửi: Các cơ quan, đơn vị trên địa bàn huyện.", 14).paragraph_format.space_before = Pt(12)
    for text in (
        "Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh về công tác thi đua, khen thưởng năm 2025, Ủy ban nhân "
        "dân huyện đề nghị các cơ quan, đơn vị tổ chức phát động phong trào thi đua.",
        "Các cơ quan, đơn vị gửi bản đăng ký giao ước thi đua về Phòng Nội vụ trước ngày 31 tháng 3 năm 2025./.",
    ):
        document.add_paragraph(text)
    _signature_table(
        document,
        {
            "recipients": ["- Như trên;", "- Lưu: VT, NV."],
            "authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            "signer": "Lê Văn C",
        },
    )
    _page_header(document)
    if mutate is not None:
        mutate(document)
    return to_bytes(document)


# The namespaces a shape or text box run needs, for XML written by hand in tests.
TEXT_BOX_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box_run(paragraphs: list[Paragraph], number: int, left_mm: float, width_mm: float) -> OxmlElement:
    """A floating text box holding ``paragraphs`` (moved out of the body), saved the way Word
    saves it: a DrawingML shape in ``mc:Choice`` and the same box as VML in ``mc:Fallback``."""
    emu = lambda mm: round(mm * 36000)  # noqa: E731 – EMUs per millimetre
    run = parse_xml(
        f'<w:r {TEXT_BOX_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{number}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:posOffset>{emu(left_mm)}</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{emu(width_mm)}" cy="{emu(30)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{number}" name="Text Box {number}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu(width_mm)}" cy="{emu(30)}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent/></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square"/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
        f'<v:shape id="Text Box {number}" type="#_x0000_t202" filled="f" stroked="f" '
        f'style="position:absolute;margin-left:{left_mm}mm;width:{width_mm}mm;height:30mm">'
        '<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )
    choice, fallback = run.iter(qn("w:txbxContent"))
    for paragraph in paragraphs:
        choice.append(paragraph._p)
        fallback.append(copy.deepcopy(paragraph._p))
    return run


def _horizontal_line_run(number: int, left_mm: float, top_mm: float, length_mm: float) -> OxmlElement:
    """A straight line drawn as a VML shape, as older Word versions draw the rules of the header."""
    return parse_xml(
        f'<w:r {TEXT_BOX_NS}><w:pict><v:line id="Line {number}" '
        f'style="position:absolute;z-index:{number}" from="{left_mm}mm,{top_mm}mm" '
        f'to="{left_mm + length_mm}mm,{top_mm}mm" strokeweight=".5pt"/></w:pict></w:r>'
    )


def text_box_header_docx(*, national_title_bold: bool = True, national_title_size: float = 13) -> bytes:
    """A Kế hoạch whose header is two floating text boxes anchored in an empty first paragraph
    (issuer and number left, Quốc hiệu, Tiêu ngữ and date right), the rules drawn as VML lines in
    that paragraph; the rest as :func:`conforming_docx` writes it."""
    document = build(TEXTS)
    document.element.body.remove(document.tables[0]._tbl)
    anchor = document.paragraphs[0].insert_paragraph_before()
    anchor.paragraph_format.first_line_indent = Mm(0)
    left = [_line(document, "ỦY BAN NHÂN DÂN", 13, bold=True), _line(document, "TỈNH THÁI NGUYÊN", 13, bold=True)]
    left.append(_line(document, "Số: 12/KH-UBND", 13))
    right = [
        _line(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", national_title_size, bold=national_title_bold),
        _line(document, "Độc lập - Tự do - Hạnh phúc", 14, bold=True),
        _line(document, "Thái Nguyên, ngày 05 tháng 01 năm 2017", 14, italic=True),
    ]
    anchor._p.append(_text_box_run(left, 1, -4, 70))
    anchor._p.append(_text_box_run(right, 2, 66, 103))
    anchor._p.append(_horizontal_line_run(3, 20, 12, 25))
    anchor._p.append(_horizontal_line_run(4, 84, 12, 67))
    return to_bytes(document)


def tab_header_docx(national_title_size: float = 13) -> bytes:
    """A Kế hoạch whose header is typed without a table: each line "<left part><tab><right part>",
    the rules typed as empty paragraphs with a drawn line (as some district offices do)."""
    document = docx.Document()
    _page_setup(document)
    _normal_style(document)
    rows = (
        ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", national_title_size, True),
        ("TỈNH THÁI NGUYÊN", "Độc lập - Tự do - Hạnh phúc", 14, True),
    )
    for left, right, size, bold in rows:
        paragraph = _line(document, "", 13, align=WD_ALIGN_PARAGRAPH.LEFT)
        first = paragraph.add_run(left + "\t")
        first.bold, first.font.size = True, Pt(13)
        second = paragraph.add_run(right)
        second.bold, second.font.size = bold, Pt(size)
    ruled = _line(document, "", 6, align=WD_ALIGN_PARAGRAPH.LEFT)
    ruled._p.append(_horizontal_line_run(1, 20, 1, 25))
    ruled._p.append(_horizontal_line_run(2, 84, 1, 67))
    number = _line(document, "Số: 12/KH-UBND\t", 13, align=WD_ALIGN_PARAGRAPH.LEFT)
    date = number.add_run("Thái Nguyên, ngày 05 tháng 01 năm 2017")
    date.italic, date.font.size = True, Pt(14)
    _opening(document, TEXTS)
    for number_, text in enumerate(TEXTS["body"], 1):
        document.add_paragraph(text).paragraph_format.keep_with_next = number_ == len(TEXTS["body"])
    _signature_table(document, TEXTS)
    _page_header(document)
    return to_bytes(document)


def long_docx(mutate: Callable[[Document], None] | None = None, paragraphs_count: int = 40) -> bytes:
    """The conforming Kế hoạch with ``paragraphs_count`` body paragraphs: about three pages."""
    body = [f"{n}. {TEXTS['body'][1]} {TEXTS['body'][1]}" for n in range(1, paragraphs_count + 1)]
    return conforming_docx(mutate, body=[*body, TEXTS["body"][-1]])


def east_asian_defaults(document: Document) -> None:
    """Word's Vietnamese installs name a Chinese font in the East-Asian slot of docDefaults (and the
    Normal style leaves the slot alone), so every run inherits it without ever using it."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)  # a theme reference would win over the name
    fonts.set(qn("w:eastAsia"), "SimSun")
    normal_fonts = document.styles["Normal"].element.rPr.rFonts
    del normal_fonts.attrib[qn("w:eastAsia")]
    del normal_fonts.attrib[qn("w:cs")]


def first_and_even_headers_off(document: Document) -> None:
    """Leave a first-page and an even-page header in the file, in Calibri with a page number, and
    switch both off (no titlePg, no evenAndOddHeaders): Word never prints them."""
    section = document.sections[0]
    for header in (section.first_page_header, section.even_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.add_run("Trang ").font.name = "Calibri"
        paragraph._p.append(_page_field(11))
    section.different_first_page_header_footer = False
    section.header.paragraphs[0]._p.remove(section.header.paragraphs[0]._p.find(qn("w:fldSimple")))


def a4_document() -> Document:
    """An empty A4 document with the margins and Normal style of :func:`conforming_docx`."""
    document = docx.Document()
    _page_setup(document)
    _normal_style(document)
    return document


def title_above_table_docx(national_title_size: float = 13) -> bytes:
    """A Kế hoạch whose Quốc hiệu and Tiêu ngữ are centred paragraphs at the top of the page, above
    a two-column table holding the issuer and number (left) and the date (right)."""
    document = build({**TEXTS, "national_title": None, "motto": None})
    table = document.tables[0]._tbl
    rule = _rule(document, MOTTO_RULE_INDENT_MM + 4)
    table.addprevious(_line(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", national_title_size, bold=True)._p)
    table.addprevious(_line(document, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)._p)
    table.addprevious(rule._p)
    return to_bytes(document)


def nested_header_docx(national_title_bold: bool = True) -> bytes:
    """A Kế hoạch whose right header cell holds a nested one-cell table with the Quốc hiệu, the
    Tiêu ngữ and its rule (as documents saved from some templates do)."""
    document = build({**TEXTS, "national_title": None, "motto": None})
    right = document.tables[0].rows[0].cells[1]
    inner = right.add_table(rows=1, cols=1).rows[0].cells[0]
    _line(inner, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=national_title_bold)
    _line(inner, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    _rule(inner, 14)
    _drop_placeholder(inner)
    right._tc.append(right.paragraphs[0]._p)  # the date line moves under the nested table
    return to_bytes(document)


# --- documents issued with others, appended forms, forms (what part is judged, and as which kind) --


def line_after(document: Document, start: str, text: str, *, size: float = 14, bold: bool = False,
               italic: bool = False) -> Paragraph:
    """A centred line typed right after the paragraph starting ``start``."""
    anchor = paragraph(document, start)
    element = OxmlElement("w:p")
    anchor._p.addnext(element)
    added = Paragraph(element, anchor._parent)
    added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = added.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return added


def append_form(document: Document) -> None:
    """A "Mẫu số 01" form after the document's signature and Nơi nhận, as a Thông tư issues its forms:
    its own heading, blanks to fill in, and a signature left to the one who fills it (10 pt)."""
    for text, align in (("PHỤ LỤC", WD_ALIGN_PARAGRAPH.CENTER), ("Mẫu số 01", WD_ALIGN_PARAGRAPH.RIGHT)):
        _line(document, text, 14, bold=True, align=align)
    _line(document, "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG BẰNG KHEN", 14, bold=True)
    for text in ("- Họ và tên người đề nghị: …………………………………", "- Chức vụ, đơn vị công tác: …………………………………"):
        _line(document, text, 10, align=WD_ALIGN_PARAGRAPH.LEFT)
    left, right = _two_columns(document).rows[0].cells
    for cell, lines in ((left, ["XÁC NHẬN CỦA THỦ TRƯỞNG CƠ QUAN", "(Ký tên, đóng dấu)"]),
                        (right, ["NGƯỜI ĐỀ NGHỊ", "(Ký và ghi rõ họ tên)"])):
        for text in lines:
            _line(cell, text, 10, italic=text.startswith("("))
        _drop_placeholder(cell)


def sample_signature_in_text(document: Document) -> None:
    """A Thông tư on thể thức shows a signature as an example inside its text (10 pt), and goes on."""
    anchor = paragraph(document, TEXTS["body"][0])
    table = _two_columns(document)
    left, right = table.rows[0].cells
    for cell, lines in ((left, ["TM. HỘI ĐỒNG", "CHỦ TỊCH"]), (right, ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"])):
        for text in lines:
            _line(cell, text, 10, bold=True)
        _drop_placeholder(cell)
    anchor._p.addnext(table._tbl)


def citizen_form_docx(motto: str = "Độc lập - Tự do - Hạnh phúc") -> bytes:
    """A citizen's form (a tờ khai issued with a Thông tư): Quốc hiệu and Tiêu ngữ, no issuer, no
    number, fields to fill in and a signature left to the one who fills it."""
    document = a4_document()
    _line(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    _line(document, motto, 14, bold=True)
    _line(document, "TỜ KHAI ĐĂNG KÝ KHAI SINH", 14, bold=True)
    _line(document, "(Ban hành kèm theo Thông tư số 04/2020/TT-BTP ngày 28/12/2020 của Bộ Tư pháp)", 12, italic=True)
    _line(document, "Kính gửi: Ủy ban nhân dân ......................................", 12,
          align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(document, "I. THÔNG TIN CỦA NGƯỜI ĐƯỢC ĐĂNG KÝ KHAI SINH", 12, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    table = document.add_table(rows=3, cols=2, style="Table Grid")
    for row, label in zip(table.rows, ("Họ, chữ đệm, tên:", "Giới tính:", "Quốc tịch:")):
        row.cells[0].text = label
    left, right = _two_columns(document).rows[0].cells
    for text in ("........., ngày ...... tháng ...... năm .......", "Người khai", "(Ký, ghi rõ họ tên)"):
        _line(right, text, 12, italic=text.startswith("("))
    for cell in (left, right):
        _drop_placeholder(cell)
    return to_bytes(document)


def append_issued_text(document: Document, body_size: float = 14) -> None:
    """A Quy định issued with the Quyết định, after its signature and Nơi nhận: its tên loại, trích
    yếu and "(Ban hành kèm theo …)", its text, and its own signature without Nơi nhận."""
    _line(document, "QUY ĐỊNH", 14, bold=True).paragraph_format.space_before = Pt(12)
    _line(document, "Về công tác thi đua, khen thưởng trên địa bàn tỉnh", 14, bold=True)
    _line(document, "(Ban hành kèm theo Quyết định số 12/2017/QĐ-UBND ngày 05 tháng 01 năm 2017)", 14, italic=True)
    for text in ("Quy định này quy định về đối tượng, nguyên tắc, tiêu chuẩn và thủ tục khen thưởng trên địa bàn tỉnh.",
                 "Các cơ quan, đơn vị có trách nhiệm tổ chức thực hiện Quy định này theo chức năng, nhiệm vụ được giao."):
        document.add_paragraph().add_run(text).font.size = Pt(body_size)
    left, right = _two_columns(document).rows[0].cells
    for text in ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn A"):
        _line(right, text, 14, bold=True)
    for cell in (left, right):
        _drop_placeholder(cell)


def sign_with_typed_paragraphs(document: Document) -> None:
    """The signature typed as paragraphs: a position pushed right with tabs (left-aligned), the Nơi
    nhận under it, the signer's name last (Quyết định khen thưởng, UBND tỉnh Quảng Bình)."""
    table = document.tables[-1]._tbl
    table.getparent().remove(table)
    position = _line(document, "", 14, align=WD_ALIGN_PARAGRAPH.LEFT)
    run = position.add_run("\t\t\t\t\tCHỦ TỊCH")
    run.bold, run.font.size = True, Pt(14)
    _line(document, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in (*TEXTS["recipients"], "", ""):  # room for the signature, as on the page
        _line(document, text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(document, TEXTS["signer"], 14, bold=True)


def append_list(document: Document) -> None:
    """A list issued with the Quyết định after its signature: its title (12 pt), "(Kèm theo …)", and
    a table of numbered rows."""
    for text, italic in (("DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN", False),
                         ("(Kèm theo Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2017)", True)):
        _line(document, text, 12, bold=not italic, italic=italic)
    table = document.add_table(rows=2, cols=3, style="Table Grid")
    for cell, text in zip(table.rows[0].cells, ("STT", "Họ và tên", "Đơn vị")):
        cell.text = text


def bullet_list(document: Document, bullet: str, font: str, number: int = 80, fmt: str = "bullet") -> str:
    """A one-level list in numbering.xml as Word writes one from its bullet gallery (the bullet in
    ``lvlText``, its font in the level's ``rPr``, a 0,5 in hanging indent; ``fmt`` "decimal" with
    ``bullet`` "%1." for a numbered list); its numId."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}"><w:nsid w:val="1A2B3C{number:02d}"/>'
        '<w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{bullet}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{number}"/></w:num>'))
    return str(number)


def list_item(paragraph: Paragraph, num_id: str) -> None:
    """Make ``paragraph`` an item of list ``num_id`` (its text keeps what was typed)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def recipients_as_bullets(bullet: str = "-", font: str = "Times New Roman") -> Callable[[Document], None]:
    """A mutation: the Nơi nhận items made a Word bullet list, their typed "- " taken away (the
    dash printed by the list's numbering, as when the clerk clicks the Bullets button)."""

    def mutate(document: Document) -> None:
        num_id = bullet_list(document, bullet, font)
        for text in TEXTS["recipients"]:
            item = paragraph(document, text)
            for run in item.runs:
                run.text = run.text.removeprefix("- ")
            list_item(item, num_id)

    return mutate


def plain_subject_under_typed_rule(document: Document) -> None:
    """The trích yếu typed like running text (flush left, not bold) over two paragraphs, a row of
    underscores typed under it in place of the rule (a draft Nghị định as ministries circulate it)."""
    subject = paragraph(document, TEXTS["subject"])
    subject.alignment = WD_ALIGN_PARAGRAPH.LEFT
    subject.runs[0].text = "Triển khai công tác thi đua, khen thưởng"
    subject.runs[0].bold = False
    second = copy.deepcopy(subject._p)
    subject._p.addnext(second)
    Paragraph(second, subject._parent).runs[0].text = "trên địa bàn tỉnh năm 2017"
    rule = next_paragraph(document, "trên địa bàn tỉnh")
    rule._p.pPr.remove(rule._p.pPr.find(qn("w:pBdr")))
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(0)
    rule.alignment = WD_ALIGN_PARAGRAPH.LEFT
    rule.add_run("______________").font.size = Pt(14)


def remove_page_number(document: Document) -> None:
    """Take the PAGE field out of the default header, leaving its empty paragraph."""
    header = document.sections[0].header.paragraphs[0]._p
    header.remove(header.find(qn("w:fldSimple")))


def page_number_on_first_page(document: Document) -> None:
    """Switch titlePg off: page 1 prints the default header and its number (the first-page header stays in the file)."""
    document.sections[0].different_first_page_header_footer = False


def typed_page_number_in_footer(document: Document) -> None:
    """"Trang " typed in the footer before a PAGE field saved as fldChar runs; the header left empty."""
    use_complex_page_field(document)
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.add_run("Trang ")
    for run in section.header.paragraphs[0]._p.findall(qn("w:r")):
        footer._p.append(run)
