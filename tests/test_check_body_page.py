"""`hoso check` judges the body, the page setup, the fonts and the page number by what prints: where
a first line starts on the page, whether an alignment can be seen, the space a paragraph really
has, margins within what paper shows, symbol fonts drawing tick boxes, a page number centred by a
frame or a tab. Each case rebuilds a layout seen in a real document of tests/corpus/ (named), or
reads the corpus file itself."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Mm, Pt, Twips
from lxml import etree

from pipeline import api
from pipeline.nd30.check import check_docx, check_document
from pipeline.nd30.check.fix import fix_docx

from tests.corpus_score import CORPUS
from tests.nd30_fixtures import body_paragraphs, conforming_docx, TEXTS

_LONG = TEXTS["body"][1]  # two lines at 14 pt on the 165 mm line


def _findings(data: bytes, code: str) -> list[str]:
    return [finding.message for finding in check_docx(data) if finding.code == code]


def _indent(paragraph, *, left_mm: float = 0, first_mm: float | None = None, hanging_mm: float | None = None):
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:left"), str(round(left_mm * 1440 / 25.4)))
    if hanging_mm is not None:
        ind.set(qn("w:hanging"), str(round(hanging_mm * 1440 / 25.4)))
    if first_mm is not None:
        ind.set(qn("w:firstLine"), str(round(first_mm * 1440 / 25.4)))


def _numbered(document, paragraph, left: int, hanging: int) -> None:
    """Give ``paragraph`` a list number whose indents (twips) come from numbering.xml only."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl></w:abstractNum>'
    )
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    paragraph.paragraph_format.first_line_indent = None


# --- Lùi đầu dòng: where the first line prints (PL1 Phần II mục 6) ---


def test_list_items_whose_number_prints_indented_are_not_indent_defects():
    # bien-ban-hop-lop-mau.doc: "I." from numbering.xml at 6,35 mm (left 19, hanging 12,7 mm);
    # thong-bao-dh-cntt-03.doc: dashes hanging at 22 mm under a heading.
    def lists(document) -> None:
        first, second, _ = body_paragraphs(document)
        _numbered(document, first, left=1080, hanging=720)
        _indent(second, left_mm=25.4, hanging_mm=3.2)

    assert _findings(conforming_docx(lists), "ND30-BODY-INDENT") == []


def test_a_list_number_at_the_margin_is_still_reported():
    # ke-hoach-khao-sat-phu-tho.doc: "4.2. Phạm vi khảo sát:" numbered with left = hanging.
    def at_margin(document) -> None:
        _numbered(document, body_paragraphs(document)[0], left=720, hanging=720)

    [message] = _findings(conforming_docx(at_margin), "ND30-BODY-INDENT")
    assert message.startswith("Lùi đầu dòng 0 mm")


def test_a_first_line_a_tenth_of_a_millimetre_short_of_1_cm_is_1_cm():
    # quyet-dinh-ttg-93-2007.doc: firstLine 561 twips = 9,9 mm (Word's 0,39 in).
    def short(document) -> None:
        for paragraph in body_paragraphs(document):
            paragraph.paragraph_format.first_line_indent = Twips(561)

    assert _findings(conforming_docx(short), "ND30-BODY-INDENT") == []


@pytest.mark.parametrize(("first_mm", "shown"), [(6.0, "6 mm"), (8.0, "8 mm"), (14.8, "14,8 mm")])
def test_running_text_with_a_visibly_wrong_first_line_is_reported(first_mm, shown):
    # bien-ban-hop-lop-mau.doc (6 mm), quyet-dinh-snv-quang-binh.doc (8 mm), cong-van-cdgd-172.doc (14,8 mm).
    def indented(document) -> None:
        for paragraph in body_paragraphs(document):
            paragraph.paragraph_format.first_line_indent = Mm(first_mm)

    [message] = _findings(conforming_docx(indented), "ND30-BODY-INDENT")
    assert message.startswith(f"Lùi đầu dòng {shown}")


def test_a_block_of_running_text_set_in_without_first_line_indent_is_reported():
    # bien-ban-lam-viec-snv.docx: "Bên B đã bàn giao …" set in 19 mm, every line at 19 mm.
    def block(document) -> None:
        paragraph = body_paragraphs(document)[1]
        paragraph.paragraph_format.first_line_indent = Mm(0)
        paragraph.paragraph_format.left_indent = Mm(19)

    [message] = _findings(conforming_docx(block), "ND30-BODY-INDENT")
    assert message.startswith("Lùi đầu dòng 19 mm")


def test_one_line_and_typed_list_items_set_in_as_a_block_are_indented():
    # thong-bao-dh-cntt-03.doc: "Sinh viên được xét tốt nghiệp nếu đủ điều kiện sau:" at 22,7 mm;
    # bien-ban-lam-viec-snv.docx: "+ Tài khoản cho …" wrapping under its plus sign at 31,7 mm.
    body = ["Sinh viên được xét tốt nghiệp nếu đủ điều kiện sau:", f"+ {_LONG}", TEXTS["body"][2]]

    def block(document) -> None:
        for text in body[:2]:
            paragraph = next(p for p in document.paragraphs if p.text == text)
            paragraph.paragraph_format.first_line_indent = Mm(0)
            paragraph.paragraph_format.left_indent = Mm(22.7)

    assert _findings(conforming_docx(block, body=body), "ND30-BODY-INDENT") == []


def test_an_indent_typed_with_the_tab_key_prints_as_an_indent():
    # cong-van-vp-ubnd-cu-cong-chuc-cchc.doc: "<tab>Theo đề nghị của Sở Nội vụ …" with no indent set;
    # quyet-dinh-ubnd-thanh-lap-to-giup-viec-cchc.doc: "QUYẾT ĐỊNH:" set in the middle with tabs.
    body = ["\tQUYẾT ĐỊNH:", f"\t{_LONG}", TEXTS["body"][2]]

    def tabbed(document) -> None:
        for paragraph in document.paragraphs:
            if paragraph.text.startswith("\t"):
                paragraph.paragraph_format.first_line_indent = Mm(0)
        heading = next(p for p in document.paragraphs if p.text == body[0])
        heading.paragraph_format.tab_stops.add_tab_stop(Mm(58))

    assert _findings(conforming_docx(tabbed, body=body), "ND30-BODY-INDENT") == []


def test_a_tab_that_carries_running_text_too_far_is_reported():
    def too_far(document) -> None:
        paragraph = body_paragraphs(document)[1]
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
        paragraph.runs[0].text = "\t" + paragraph.runs[0].text

    [message] = _findings(conforming_docx(too_far), "ND30-BODY-INDENT")
    assert message.startswith("Lùi đầu dòng 25,4 mm")


def test_the_real_numbered_lists_of_a_bien_ban_are_not_reported_and_its_flush_paragraphs_are():
    result = check_document(CORPUS / "bien-ban-lam-viec-snv.docx")
    indents = {finding.path: finding.message for finding in result.findings if finding.code == "ND30-BODY-INDENT"}
    assert "đoạn 5" in indents and indents["đoạn 5"].startswith("Lùi đầu dòng 0 mm")
    assert not {"đoạn 18", "đoạn 20"} & indents.keys()


# --- Căn đều hai bên: only where it can be seen ---


def test_a_one_line_paragraph_left_aligned_prints_as_justified():
    # ke-hoach-khao-sat-phu-tho.doc "1. Tên kế hoạch, nhiệm vụ:", quy-dinh-kem-qd-can-tho.doc
    # "Điều 13: Nguyên tắc làm việc của Hội đồng".
    body = ["Điều 13: Nguyên tắc làm việc của Hội đồng", *TEXTS["body"]]

    def left(document) -> None:
        next(p for p in document.paragraphs if p.text == body[0]).alignment = WD_ALIGN_PARAGRAPH.LEFT

    assert _findings(conforming_docx(left, body=body), "ND30-BODY-ALIGN") == []


def test_a_left_aligned_paragraph_of_several_lines_is_reported():
    def left(document) -> None:
        body_paragraphs(document)[1].alignment = WD_ALIGN_PARAGRAPH.LEFT

    [message] = _findings(conforming_docx(left), "ND30-BODY-ALIGN")
    assert _LONG[:20] in message


# --- Khoảng cách giữa các đoạn: the space printed between them ---


def test_a_paragraph_spaced_by_its_neighbours_is_spaced():
    # thong-tu-bng-03-2018-tdkt.doc: căn cứ lines with 6 pt after, then "Bộ trưởng … ban hành Thông
    # tư …" with no spacing of its own and an empty line under it.
    def neighbours(document) -> None:
        first, second, last = body_paragraphs(document)
        for paragraph in (first, second):
            paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = Pt(0), Pt(6)
        last.paragraph_format.space_before = last.paragraph_format.space_after = Pt(0)
        last._p.addnext(OxmlElement("w:p"))

    assert _findings(conforming_docx(neighbours), "ND30-BODY-SPACING") == []


def test_a_paragraph_without_space_on_one_side_is_still_reported():
    def tight(document) -> None:
        first, second, last = body_paragraphs(document)
        for paragraph in (first, second, last):
            paragraph.paragraph_format.space_before = Pt(0)
        last._p.addnext(OxmlElement("w:p"))

    [message] = _findings(conforming_docx(tight), "ND30-BODY-SPACING")
    assert message.startswith("Khoảng cách trước và sau đoạn tổng 0 pt")


def test_automatic_spacing_is_the_14_pt_word_gives_it():
    def automatic(document) -> None:
        for paragraph in body_paragraphs(document):
            spacing = paragraph._p.get_or_add_pPr().get_or_add_spacing()
            spacing.set(qn("w:before"), "0")
            spacing.set(qn("w:beforeAutospacing"), "1")

    assert _findings(conforming_docx(automatic), "ND30-BODY-SPACING") == []


# --- Lề (PL1 Phần I khoản 3): what Word's inch units give ---


def _margins(top=None, bottom=None, right=None):
    def set_margins(document) -> None:
        section = document.sections[0]
        for name, value in (("top_margin", top), ("bottom_margin", bottom), ("right_margin", right)):
            if value is not None:
                setattr(section, name, value)

    return set_margins


def test_margins_within_half_a_millimetre_are_not_reported_nor_fixed():
    # luat-tdkt-2022.doc (1 in = 25,4 mm), quyet-dinh-ubnd-can-tho-09.doc (0,79 in = 20,07 mm),
    # mau-ke-khai-tai-san-nd68.doc (0,8 in = 20,3 mm).
    data = conforming_docx(_margins(top=Inches(1), bottom=Inches(1), right=Twips(1151)))
    assert _findings(data, "ND30-MARGIN") == []
    fixed = fix_docx(data)
    assert not [change for change in fixed.changes if "lề" in change.casefold()]
    assert docx.Document(io.BytesIO(fixed.data)).sections[0].top_margin == Inches(1)


def test_a_margin_a_millimetre_out_is_reported_and_fixed():
    data = conforming_docx(_margins(bottom=Mm(19)))
    assert [m[:14] for m in _findings(data, "ND30-MARGIN")] == ["Lề dưới 19 mm,"]
    assert _findings(fix_docx(data).data, "ND30-MARGIN") == []


# --- Phông chữ: faces named as fonts, symbol fonts drawing boxes ---


def _run_in(document, text: str, font: str, *, sym: str | None = None):
    paragraph = body_paragraphs(document)[0]
    run = paragraph.add_run(text)
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{slot}"), font)
    if sym is not None:
        run._r.append(parse_xml(f'<w:sym {nsdecls("w")} w:font="{font}" w:char="{sym}"/>'))
    return run


def test_the_bold_face_named_as_a_font_is_times_new_roman():
    # huong-dan-hdtdkt-hung-yen.docx: "V. NGUYÊN TẮC, CÁCH TÍNH ĐIỂM …" in "Times New Roman Bold".
    assert _findings(conforming_docx(lambda d: _run_in(d, " NGUYÊN TẮC", "Times New Roman Bold")), "ND30-FONT") == []
    result = check_document(CORPUS / "huong-dan-hdtdkt-hung-yen.docx")
    assert not [f for f in result.findings if f.code == "ND30-FONT" and "Times New Roman" in f.message]


@pytest.mark.parametrize(
    ("text", "font", "sym"),
    [
        ("\uf0a3", "Wingdings 2", None),
        ("\uf0ff", "Symbol", None),
        ("", "Wingdings", "F0FE"),
        (" ☐ ", "Wingdings", None),
    ],
    ids=["wingdings-pua", "symbol-pua", "w-sym", "ballot-box"],
)
def test_tick_boxes_drawn_in_a_symbol_font_are_not_wrong_fonts(text, font, sym):
    # mau-ke-khai-tai-san-nd68.doc (Wingdings 2 boxes), thong-tu-ttcp-2442.doc (Symbol boxes).
    assert _findings(conforming_docx(lambda d: _run_in(d, text, font, sym=sym)), "ND30-FONT") == []


@pytest.mark.parametrize(("text", "font"), [(" Sở Nội vụ", "Wingdings"), (" 16", "Arial")])
def test_text_and_figures_in_another_font_are_still_reported(text, font):
    # mau-ke-khai-tai-san-nd68.doc: its page number "16" in Arial.
    [message] = _findings(conforming_docx(lambda d: _run_in(d, text, font)), "ND30-FONT")
    assert f"“{font}”" in message


# --- Số trang: centred by a frame, a text box or a tab ---


def _header_paragraph(document):
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return paragraph


def _in_frame(document) -> None:
    # Word's "top of page, centre" number of the 2000s: a frame centred on the margins.
    ppr = _header_paragraph(document)._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(
        f'<w:framePr {nsdecls("w")} w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:xAlign="center" w:y="1"/>'
    ))


_WPS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _in_text_box(align: str):
    """The number in a 4 mm text box aligned ``align`` on the margins, saved with its VML copy, as
    LibreOffice saves the frames of quyet-dinh-ttg-93-2007.doc and thong-tu-ttcp-2442.doc."""

    def move(document) -> None:
        paragraph = _header_paragraph(document)
        field = paragraph._p.find(qn("w:fldSimple"))
        paragraph._p.remove(field)
        code = etree.tostring(field, encoding="unicode")
        inner = f'<w:txbxContent><w:p><w:pPr><w:jc w:val="left"/></w:pPr>{code}</w:p></w:txbxContent>'
        run = parse_xml(
            f'<w:r {nsdecls("w")} {_WPS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" locked="0" '
            'layoutInCell="0" allowOverlap="1" relativeHeight="3"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="margin"><wp:align>{align}</wp:align></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>635</wp:posOffset></wp:positionV>'
            '<wp:extent cx="153035" cy="175260"/><wp:wrapSquare wrapText="largest"/><wp:docPr id="9" name="Frame1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{inner}</wps:txbx><wps:bodyPr/></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'<v:rect style="position:absolute;width:12.05pt;height:13.8pt;mso-position-horizontal:{align};'
            f'mso-position-horizontal-relative:margin"><v:textbox>{inner}</v:textbox></v:rect></w:pict>'
            '</mc:Fallback></mc:AlternateContent></w:r>'
        )
        paragraph._p.append(run)

    return move


def _by_tab(stop: str, position: int):
    """The number after a tab in a left-aligned header paragraph, its stop set by the Header style
    (Word's A4 Header style: centre 4513, right 9026 twips)."""

    def tabbed(document) -> None:
        paragraph = _header_paragraph(document)
        style = document.styles["Header"]
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:tabs")):
            ppr.remove(old)
        ppr.insert(0, parse_xml(
            f'<w:tabs {nsdecls("w")}><w:tab w:val="{stop}" w:pos="{position}"/></w:tabs>'
        ))
        paragraph.style = style
        paragraph._p.insert(1, parse_xml(f'<w:r {nsdecls("w")}><w:tab/></w:r>'))

    return tabbed


@pytest.mark.parametrize("move", [_in_frame, _in_text_box("center"), _by_tab("center", 4513)],
                         ids=["frame", "text-box", "centre-tab"])
def test_a_page_number_centred_by_a_frame_a_box_or_a_tab_is_centred(move):
    assert _findings(conforming_docx(move), "ND30-PAGE-NUMBER-STYLE") == []


@pytest.mark.parametrize("move", [_in_text_box("right"), _by_tab("right", 9026), _by_tab("center", 3000)],
                         ids=["text-box-right", "right-tab", "centre-tab-off-middle"])
def test_a_page_number_set_aside_is_reported_once(move):
    [message] = _findings(conforming_docx(move), "ND30-PAGE-NUMBER-STYLE")
    assert "thay vì căn giữa" in message


# --- The corpus files themselves, through LibreOffice ---


@pytest.mark.slow
def test_the_corpus_documents_behind_these_rules():
    names = ["quyet-dinh-ttg-93-2007.doc", "mau-ke-khai-tai-san-nd68.doc", "thong-tu-ttcp-2442.doc"]
    results = {checked.path.name: checked.findings for checked in api.check_files([CORPUS / n for n in names])}
    ttg = results["quyet-dinh-ttg-93-2007.doc"]
    assert not [f for f in ttg if f.code == "ND30-BODY-INDENT"]
    # the number prints centred (a centred frame); what is left is its 12 pt size, once per header
    styles = [f.message for f in ttg if f.code == "ND30-PAGE-NUMBER-STYLE"]
    assert styles == ["Số trang: cỡ chữ 12 pt (quy định 13–14 pt)."] * 2
    ke_khai = results["mau-ke-khai-tai-san-nd68.doc"]
    fonts = [f.message for f in ke_khai if f.code == "ND30-FONT"]
    assert len(fonts) == 1 and "“Arial”" in fonts[0]  # its page number; not its Wingdings 2 boxes
    assert not [f for f in ke_khai if f.code == "ND30-MARGIN" and "phải" in f.message]
    thanh_tra = results["thong-tu-ttcp-2442.doc"]
    assert not [f for f in thanh_tra if f.code == "ND30-FONT"]
    assert [f.path for f in thanh_tra if f.code == "ND30-PAGE-NUMBER-STYLE"] == ["đầu trang (header), đoạn 2"]
