"""`hoso check` reading the header as offices really build it: the line under the Tiêu ngữ and the
issuer drawn as a shape in the row under them, anchored on another line, as a border of the next
paragraph or of a narrower cell, as an underline or a row of box-drawing strokes; a misspelt
Tiêu ngữ and a "----- o0o -----" line that are not the issuer; form fields under a Quốc hiệu
that are not a header; a tên loại centred with spaces. Each case is rebuilt from a corpus
document (named in its test) or read from the corpus file itself."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import docx

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline.nd30.check import check_docx
from pipeline.nd30.check.locate import _analyse
from pipeline.nd30.check.model import _Document
from pipeline.nd30.check.read import open_docx

from tests.nd30_fixtures import (
    TEXT_BOX_NS,
    conforming_docx,
    next_paragraph,
    paragraph,
    remove_border_after,
    tab_header_docx,
    to_bytes,
)

CORPUS = Path(__file__).resolve().parent / "corpus"
EMU_PER_PT = 12700


def _codes(data: bytes) -> list[str]:
    return [finding.code for finding in check_docx(data)]


def drawn_line(left_pt: float, top_pt: float, length_pt: float, number: int = 1) -> OxmlElement:
    """A line shape as Word 2010 and later (and LibreOffice) save it: DrawingML in ``mc:Choice``,
    the same line as VML in ``mc:Fallback``; placed from the column and the paragraph it hangs on."""
    emu = lambda pt: round(pt * EMU_PER_PT)  # noqa: E731
    return parse_xml(
        f'<w:r {TEXT_BOX_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" locked="0" '
        f'layoutInCell="1" allowOverlap="1" relativeHeight="{number}"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{emu(left_pt)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{emu(top_pt)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{emu(length_pt)}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{number}" name="Line {number}"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu(length_pt)}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="9360"><a:solidFill><a:srgbClr val="000000"/>'
        '</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict>'
        f'<v:line from="{left_pt}pt,{top_pt}pt" to="{left_pt + length_pt}pt,{top_pt}pt" style="position:absolute"/>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )


def _drop_rule(document: Document, start: str) -> None:
    """Remove the bordered empty paragraph that draws the line under the paragraph ``start``."""
    rule = next_paragraph(document, start)._p
    rule.getparent().remove(rule)


# --- Lines drawn as shapes, found by where they are drawn ---------------------------------------


def _lines_in_the_row_below(document: Document) -> None:
    """quyet-dinh-ubnd-can-tho-09.doc, quy-dinh-kem-qd-can-tho.doc: issuer and Quốc hiệu in row 1,
    the two lines drawn in empty paragraphs of row 2, Số and date in row 3."""
    table = document.tables[0]
    lines, dates = table.add_row(), table.add_row()
    for column, start, left, length in ((0, "TỈNH THÁI NGUYÊN", 50, 50), (1, "Độc lập", 40, 190)):
        _drop_rule(document, start)
        lines.cells[column].paragraphs[0]._p.append(drawn_line(left, 3, length, column + 1))
    for column, start in ((0, "Số:"), (1, "Thái Nguyên, ngày")):
        moved = paragraph(document, start)._p
        placeholder = dates.cells[column].paragraphs[0]._p
        placeholder.addnext(moved)
        placeholder.getparent().remove(placeholder)


def test_lines_drawn_in_empty_paragraphs_of_the_row_below_are_the_rules():
    assert [f.format() for f in check_docx(conforming_docx(_lines_in_the_row_below))] == []


def test_a_line_drawn_under_the_number_is_not_the_issuers():
    def under_the_number(document: Document) -> None:
        _drop_rule(document, "TỈNH THÁI NGUYÊN")
        # Hung on the issuer's line but drawn 40 pt lower: under the Số line, not under the name.
        paragraph(document, "TỈNH THÁI NGUYÊN")._p.append(drawn_line(50, 40, 50))

    assert _codes(conforming_docx(under_the_number)) == ["ND30-ISSUER-RULE"]


def test_a_line_hung_on_the_line_above_and_drawn_under_the_issuer_is_its_rule():
    """thong-bao-dh-cntt-03.doc: the line is anchored on the first line of the cell and placed two
    lines lower, under the issuer."""

    def anchored_above(document: Document) -> None:
        _drop_rule(document, "TỈNH THÁI NGUYÊN")
        paragraph(document, "ỦY BAN NHÂN DÂN")._p.append(drawn_line(50, 33, 50))

    assert _codes(conforming_docx(anchored_above)) == []


def test_a_line_drawn_under_an_issuer_that_wraps_is_its_rule():
    """quyet-dinh-ubnd-thanh-lap-to-giup-viec-cchc.doc: the issuer's name wraps on two lines in its
    column; the line, hung on the line above, is drawn under the second."""

    def wrapping(document: Document) -> None:
        _drop_rule(document, "TỈNH THÁI NGUYÊN")
        paragraph(document, "TỈNH THÁI NGUYÊN").runs[0].text = "BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ"
        paragraph(document, "ỦY BAN NHÂN DÂN")._p.append(drawn_line(50, 47, 70))

    assert _codes(conforming_docx(wrapping)) == []
    # Read as one line, the same place would be under the Số line, and the name without a rule.


def test_a_line_hung_on_the_next_line_just_above_its_text_is_the_rule():
    """ke-hoach-khao-sat-phu-tho.doc: the line under the issuer hangs on the Số line, 2,6 pt down."""

    def on_the_number(document: Document) -> None:
        _drop_rule(document, "TỈNH THÁI NGUYÊN")
        paragraph(document, "Số:")._p.append(drawn_line(50, 2.6, 50))

    assert _codes(conforming_docx(on_the_number)) == []


def test_a_drawn_line_too_short_for_the_issuer_is_measured():
    """quyet-dinh-snv-quang-binh.doc: a 15 mm line under a 75 mm name."""

    def short(document: Document) -> None:
        _drop_rule(document, "TỈNH THÁI NGUYÊN")
        paragraph(document, "TỈNH THÁI NGUYÊN")._p.append(drawn_line(60, 16, 15))

    [finding] = check_docx(conforming_docx(short))
    assert finding.code == "ND30-ISSUER-RULE-LENGTH" and "dài 5,3 mm" in finding.message


# --- Lines drawn otherwise -------------------------------------------------------------------------


def test_a_top_border_on_the_line_below_is_the_rule():
    def top_border(document: Document) -> None:
        _drop_rule(document, "TỈNH THÁI NGUYÊN")
        number = paragraph(document, "Số:")._p
        borders = parse_xml(f'<w:pBdr {TEXT_BOX_NS}><w:top w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>')
        number.get_or_add_pPr().insert(0, borders)

    assert _codes(conforming_docx(top_border)) == []


def test_blanks_underlined_under_the_motto_are_the_rule():
    def underlined(document: Document) -> None:
        remove_border_after(document, "Độc lập")
        run = next_paragraph(document, "Độc lập").add_run(" " * 40)
        run.underline = True

    assert _codes(conforming_docx(underlined)) == []


def test_a_row_of_box_drawing_strokes_is_a_solid_line():
    """to-khai-khai-sinh.docx: "────────" under the Tiêu ngữ prints as one solid line."""

    def strokes(document: Document) -> None:
        remove_border_after(document, "Độc lập")
        next_paragraph(document, "Độc lập").add_run("─" * 30).font.size = Pt(13)

    assert _codes(conforming_docx(strokes)) == []


def test_dashes_or_an_ornament_typed_under_the_motto_are_a_typed_rule():
    """bien-ban-lam-viec-snv.docx: "----- o0o -----"."""

    def ornament(document: Document) -> None:
        remove_border_after(document, "Độc lập")
        next_paragraph(document, "Độc lập").add_run("----- o0o -----").font.size = Pt(13)

    [finding] = check_docx(conforming_docx(ornament))
    assert (finding.code, finding.message) == (
        "ND30-MOTTO-RULE",
        "Dưới Tiêu ngữ là dòng ký tự “----- o0o -----” thay vì đường kẻ liền; hãy kẻ đường thẳng.",
    )


def test_a_rule_typed_in_the_row_below_after_an_empty_line_is_reported_as_typed():
    """quyet-dinh-ttg-93-2007.doc: underscores in the row under the Tiêu ngữ."""

    def typed_below(document: Document) -> None:
        _drop_rule(document, "Độc lập")
        date = paragraph(document, "Thái Nguyên, ngày")._p
        date.getparent().remove(date)
        row = document.tables[0].add_row()
        cell = row.cells[1]
        cell.add_paragraph()
        cell.add_paragraph("_" * 30)
        cell.add_paragraph().add_run("Thái Nguyên, ngày 05 tháng 01 năm 2017")

    findings = check_docx(conforming_docx(typed_below))
    assert [(f.code, f.path) for f in findings if f.code.startswith("ND30-MOTTO")] == [
        ("ND30-MOTTO-RULE", "bảng 1, ô (2,2), đoạn 3")
    ]


def _narrow_cell_below(document: Document) -> None:
    """thong-bao-lich-cong-tac-mau.doc: the lines are the top borders of narrow cells in the row
    under the issuer and the Tiêu ngữ (the header grid cut into more columns there)."""
    _drop_rule(document, "TỈNH THÁI NGUYÊN")
    _drop_rule(document, "Độc lập")
    table = document.tables[0]._tbl
    grid = table.find(qn("w:tblGrid"))
    for column in list(grid):
        grid.remove(column)
    for width in (1200, 1600, 1168, 1500, 2900, 1435):
        column = OxmlElement("w:gridCol")
        column.set(qn("w:w"), str(width))
        grid.append(column)
    for tc in table.find(qn("w:tr")).iterchildren(qn("w:tc")):
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), "3")
        tc.get_or_add_tcPr().append(span)
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
        + ('<w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>' if top else "")
        + "</w:tcPr><w:p/></w:tc>"
        for width, top in ((1200, False), (1600, True), (1168, False), (1500, False), (2900, True), (1435, False))
    )
    table.append(parse_xml(f"<w:tr {TEXT_BOX_NS}>{cells}</w:tr>"))
    # The Số and the date go to a third row, cut like the first.
    dates = parse_xml(f"<w:tr {TEXT_BOX_NS}></w:tr>")
    for tc, start in zip(table.find(qn("w:tr")).iterchildren(qn("w:tc")), ("Số:", "Thái Nguyên, ngày")):
        cell = parse_xml(f"<w:tc {TEXT_BOX_NS}></w:tc>")
        cell.append(copy.deepcopy(tc.find(qn("w:tcPr"))))
        cell.append(paragraph(document, start)._p)
        dates.append(cell)
    table.append(dates)


def test_the_top_border_of_a_narrower_cell_in_the_row_below_is_the_rule():
    assert _codes(conforming_docx(_narrow_cell_below)) == []


# --- What is not the issuer, and what is not the header ----------------------------------------


def test_a_misspelt_motto_and_an_ornament_line_are_not_the_issuer():
    """bien-ban-lam-viec-snv.docx, the corpus file: Quốc hiệu, "Độc lâp – Tự do – Hạnh phúc" and
    "----- o0o -----" typed at the left, no issuer."""
    findings = check_docx(CORPUS / "bien-ban-lam-viec-snv.docx")
    header = [(f.code, f.path) for f in findings if f.code.startswith(("ND30-MOTTO", "ND30-ISSUER"))]
    assert header == [
        ("ND30-MOTTO", "đoạn 2"),
        ("ND30-MOTTO-STYLE", "đoạn 2"),
        ("ND30-MOTTO-RULE", "đoạn 3"),
        ("ND30-ISSUER-MISSING", "phần đầu văn bản"),
    ]


def test_a_misspelt_motto_in_a_header_table_is_reported_as_misspelt():
    findings = check_docx(conforming_docx(motto="Độc lâp - Tự do - Hạnh phúc"))
    assert [(f.code, f.message) for f in findings] == [
        (
            "ND30-MOTTO",
            "Tiêu ngữ “Độc lâp - Tự do - Hạnh phúc” phải viết đúng “Độc lập - Tự do - Hạnh phúc” "
            "(gạch nối “-”, cách hai bên).",
        )
    ]


def test_two_spaces_typed_in_the_motto_are_reported():
    """cong-van-cdgd-172.doc: "Độc lập - Tự  do - Hạnh phúc"; a no-break space prints as a space."""
    [finding] = check_docx(conforming_docx(motto="Độc lập - Tự  do - Hạnh phúc"))
    assert finding.code == "ND30-MOTTO" and "“Độc lập - Tự  do - Hạnh phúc”" in finding.message
    assert _codes(conforming_docx(motto="Độc lập - Tự\u00a0do - Hạnh phúc")) == []


def test_form_fields_under_a_quoc_hieu_are_not_the_header():
    """to-khai-khai-sinh.docx, the corpus file: a citizen's form, a Quốc hiệu and Tiêu ngữ alone at
    the top, then its title, a Kính gửi and field tables: no issuer is read from the fields."""
    layout = _analyse(_Document(open_docx(CORPUS / "to-khai-khai-sinh.docx", "to-khai"), "to-khai"))
    assert [[line.text for line in column if line.text] for column in layout.header] == [
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "─" * 32]
    ]
    assert layout.issuer == [] and layout.title is not None and layout.title.text == "TỜ KHAI ĐĂNG KÝ KHAI SINH"


# --- A tên loại centred by the spaces typed before it -----------------------------------------------


def _title_pushed_by_spaces(spaces: int):
    def mutate(document: Document) -> None:
        title = paragraph(document, "KẾ HOẠCH")
        title.alignment = WD_ALIGN_PARAGRAPH.LEFT
        title.runs[0].text = " " * spaces + title.runs[0].text

    return mutate


def test_a_title_centred_with_spaces_prints_centred():
    """quyet-dinh-snv-quang-binh.doc: "PHÂN CÔNG NHIỆM VỤ" left-aligned after 49 spaces."""
    assert _codes(conforming_docx(_title_pushed_by_spaces(56))) == []


def test_a_title_not_pushed_far_enough_is_not_centred():
    [finding] = check_docx(conforming_docx(_title_pushed_by_spaces(20)))
    assert finding.code == "ND30-TITLE-STYLE" and finding.message.endswith("chưa căn giữa.")



# --- A header typed with runs of spaces instead of a table or tabs ------------------------------------


def test_a_header_typed_with_spaces_is_read_in_two_columns():
    document = docx.Document(io.BytesIO(tab_header_docx()))
    for run in (run for para in document.paragraphs[:4] for run in para.runs if "\t" in run.text):
        run.text = run.text.replace("\t", " " * 16)
    assert [f.format() for f in check_docx(to_bytes(document))] == []
