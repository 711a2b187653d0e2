"""`hoso check` on what real documents do that the first rules misread (NĐ 30/2020, Phụ lục I):
a Nơi nhận typed as a Word bullet list, căn cứ lines measured like the body, an HTML page saved as
.doc, a draft whose trích yếu is set left under a typed rule."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from pipeline.commands.check import check_files
from pipeline.nd30.check import check_docx
from pipeline.nd30.check.model import _Document

from tests.nd30_fixtures import (
    TEXTS,
    body_paragraphs,
    bullet_list,
    conforming_docx,
    cong_van_docx,
    list_item,
    paragraph,
    plain_subject_under_typed_rule,
    recipients_as_bullets,
)


def _found(data: bytes) -> list[tuple[str, str]]:
    return [(finding.code, finding.message) for finding in check_docx(data)]


# --- Nơi nhận as a Word bullet list (PL1 Phần II mục 9.b) ---


def test_recipients_dashed_by_a_word_bullet_list_are_dashed():
    # The clerk clicked the Bullets button with "-" chosen: the dash comes from numbering.xml.
    assert _found(conforming_docx(recipients_as_bullets("-", "Times New Roman"))) == []


def test_recipients_with_a_round_bullet_are_reported_once_each():
    # Word's default bullet, Symbol U+F0B7, prints "•": NĐ 30 asks for "-".
    found = _found(conforming_docx(recipients_as_bullets("\uf0b7", "Symbol")))
    assert [code for code, _ in found] == ["ND30-RECIPIENTS-ITEM-DASH"] * 2
    assert "“• Sở Nội vụ;”" in found[0][1]
    assert "“• Lưu: VT, VP.”" in found[1][1]


def test_recipients_without_any_dash_still_miss_their_dash_and_archive_line():
    def undashed(document) -> None:
        for paragraph in document.tables[-1].rows[0].cells[0].paragraphs[1:]:
            for run in paragraph.runs:
                run.text = run.text.removeprefix("- ")

    codes = [code for code, _ in _found(conforming_docx(undashed))]
    assert codes == ["ND30-RECIPIENTS-ITEM-DASH", "ND30-RECIPIENTS-ITEM-DASH", "ND30-RECIPIENTS-ARCHIVE"]


def _lists(document) -> None:
    first, second, third = body_paragraphs(document)
    list_item(first, bullet_list(document, "-", "Times New Roman", number=81))
    list_item(second, bullet_list(document, "\uf0a7", "Wingdings", number=82))
    list_item(third, bullet_list(document, "%1.", "Times New Roman", number=83, fmt="decimal"))


def test_the_printed_label_of_bullets_and_not_of_counted_numbers():
    document = _Document(docx.Document(io.BytesIO(conforming_docx(_lists))), None)
    labels = {para.text: para.label for para in document.body_paras}
    assert [labels[text] for text in TEXTS["body"]] == ["-", "▪", None]


def test_body_paragraphs_in_lists_are_judged_as_before():
    # Word's lists hang the label 0,25 in from the margin: the first lines print 6,35 mm in, a
    # list item's indent (not an indent defect); nothing about dashes is asked of the body.
    assert _found(conforming_docx(_lists)) == []


# --- Căn cứ lines measured like the nội dung (PL1 Phần II mục 6, 6.a) ---


def _basis_paragraphs(document) -> list:
    return [paragraph(document, text) for text in TEXTS["basis"]]


def test_basis_lines_without_space_between_them_are_reported():
    # quyet-dinh-ubnd-can-tho-09.doc: six căn cứ lines set 0 pt apart.
    def tight(document) -> None:
        for basis in _basis_paragraphs(document):
            basis.paragraph_format.space_before = Pt(0)

    [(code, message)] = _found(conforming_docx(tight))
    assert code == "ND30-BODY-SPACING"
    assert "“Căn cứ Luật Thi đua, khen thưởng" in message and "và 1 đoạn khác" in message


def test_a_left_aligned_basis_line_over_several_lines_is_reported():
    # quyet-dinh-ttg-93-2007.doc: a căn cứ left-aligned over three lines.
    def left(document) -> None:
        _basis_paragraphs(document)[1].alignment = WD_ALIGN_PARAGRAPH.LEFT

    [(code, message)] = _found(conforming_docx(left))
    assert code == "ND30-BODY-ALIGN"
    assert "“Căn cứ Nghị định số 30/2020/NĐ-CP" in message


def test_basis_lines_keep_their_own_indent_and_size_rules():
    # A căn cứ set flush left on one line reads the same justified; its indent is the clerk's
    # choice and its 13 pt the căn cứ rule's (13–14 pt), never the body's rules.
    def flush(document) -> None:
        first = _basis_paragraphs(document)[0]
        first.alignment = WD_ALIGN_PARAGRAPH.LEFT
        first.paragraph_format.first_line_indent = Pt(0)
        first.runs[0].font.size = Pt(13)

    assert _found(conforming_docx(flush)) == []


# --- A web page saved as .doc: its fonts as Word shows them (PL1 Phần I mục 4) ---

WEB_HEADINGS = """
    <table><tbody><tr><td><strong>ỦY BAN NHÂN DÂN</strong></td>
    <td><p style="text-align:center;"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p></td></tr>
    <tr><td><strong>TỈNH QUẢNG BÌNH</strong></td>
    <td><p style="text-align:center;"><strong>Độc lập - Tự do - Hạnh phúc</strong></p></td></tr>
    <tr><td>Số: 25/QĐ-UBND</td><td><p style="text-align:right;"><i>Quảng Bình, ngày 22 tháng 9 năm 2022</i></p>
    </td></tr></tbody></table><h2 style="text-align:center;"><strong>QUYẾT ĐỊNH</strong></h2>
    <h4 style="text-align:center;">Về việc khen thưởng các tập thể, cá nhân</h4>
    <h3 style="text-align:center;">CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH</h3>
    <p>Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;</p>
    <p style="font-family:Arial;">Điều 1. Tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc.</p>
    """


@pytest.mark.slow  # real LibreOffice
def test_web_page_headings_are_in_times_new_roman_as_word_shows_them(tmp_path: Path):
    # quyet-dinh-khen-thuong-html.doc: LibreOffice sets <h2>/<h4> in its own default face; Word
    # shows the page, which names no font, in Times New Roman. A font the page names still counts.
    page = tmp_path / "quyet-dinh.doc"
    page.write_text(WEB_HEADINGS, encoding="utf-8")
    [result] = check_files([page])
    fonts = [f.message for f in result.findings if f.code == "ND30-FONT"]
    assert result.converted_from == "html"
    assert len(fonts) == 1 and fonts[0].startswith("Phông chữ “Arial”"), fonts


# --- A trích yếu typed like running text, known by the rule under it (PL1 Phần II mục 5.a) ---


def test_a_plain_subject_over_a_typed_rule_is_the_subject():
    # du-thao-nghi-dinh-xay-dung.docx: two flush-left, upright lines, then "______________".
    found = _found(conforming_docx(plain_subject_under_typed_rule))
    assert [code for code, _ in found] == ["ND30-SUBJECT-STYLE", "ND30-SUBJECT-STYLE", "ND30-SUBJECT-RULE"]
    assert found[0][1].startswith("Trích yếu “Triển khai công tác thi đua, khen thưởng”: chưa in đậm; chưa căn giữa")
    assert "“______________”" in found[2][1]


def test_plain_lines_under_a_title_without_a_rule_are_not_taken_for_a_subject():
    # Without the rule nothing marks the lines as a trích yếu: they stay the text they look like.
    def no_rule(document) -> None:
        plain_subject_under_typed_rule(document)
        rule = paragraph(document, "______________")
        rule._p.getparent().remove(rule._p)

    found = _found(conforming_docx(no_rule))
    assert not [code for code, _ in found if code.startswith("ND30-SUBJECT")]
    assert any(code == "ND30-BODY-INDENT" and "“Triển khai công tác" in message for code, message in found)


# --- A công văn as one province's office types it (second holdout batch) --------------------------
def _addressees_as_bullets(document) -> None:
    """ "Kính gửi:" alone on its line, the addressees under it a Word bullet list set well in."""
    kinh_gui = paragraph(document, "Kính gửi:")
    kinh_gui.runs[0].text = "Kính gửi:"
    num_id = bullet_list(document, "-", "Times New Roman", number=81)
    anchor = kinh_gui
    for text in ("Các sở: Thông tin và Truyền thông, Nông nghiệp và Phát triển nông thôn, Xây dựng, Nội vụ;",
                 "Các hội: Hội Nghề cá, Hiệp hội Nước mắm Phan Thiết, Hội Tin học, Hiệp hội Nhà thầu xây dựng."):
        item = docx.text.paragraph.Paragraph(copy.deepcopy(kinh_gui._p), kinh_gui._parent)
        anchor._p.addnext(item._p)
        item.runs[0].text = text
        item.paragraph_format.left_indent = Pt(163)
        item.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        list_item(item, num_id)
        anchor = item


def test_addressees_in_a_bullet_list_are_not_body_paragraphs():
    findings = check_docx(cong_van_docx(_addressees_as_bullets))
    assert [f for f in findings if f.code == "ND30-BODY-INDENT"] == []


def _opens_with_a_basis_sentence(document) -> None:
    paragraph(document, "Thực hiện Kế hoạch").runs[0].text = "Căn cứ Nghị định số 126/2024/NĐ-CP ngày 08 tháng 10 năm 2024 của Chính phủ;"


def test_a_cong_van_opening_with_can_cu_is_judged_as_its_text():
    # A công văn has no căn cứ block (NĐ 30/2020, Phụ lục III, Mẫu 1.5): its "Căn cứ …;" opens the
    # text and is set like it, not in italics.
    findings = check_docx(cong_van_docx(_opens_with_a_basis_sentence))
    assert [f.code for f in findings if f.code.startswith("ND30-BASIS")] == []
