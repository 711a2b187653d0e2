"""`hoso check` on documents made by hand: defects it once missed, each in a rebuilt document."""

from __future__ import annotations

import unicodedata

import pytest
from docx.shared import Pt

from pipeline.nd30.check import check_docx

from tests.nd30_fixtures import (
    body_paragraphs,
    conforming_docx,
    move_page_number_to_footer,
    nested_header_docx,
    next_paragraph,
    paragraph,
    remove_border_after,
    tab_header_docx,
    text_box_header_docx,
    title_above_table_docx,
)


def _codes(data: bytes) -> list[str]:
    return [finding.code for finding in check_docx(data)]


def test_decomposed_vietnamese_text_is_reported_once_per_part():
    def decomposed(document) -> None:
        for para in body_paragraphs(document):
            para.runs[0].text = unicodedata.normalize("NFD", para.runs[0].text)

    [finding] = check_docx(conforming_docx(decomposed))
    assert finding.code == "ND30-NFC"
    assert finding.path == "đoạn 6" and finding.message.endswith("và 2 đoạn khác; hãy gõ lại hoặc chuyển mã sang Unicode dựng sẵn.")


def test_a_header_in_text_boxes_is_read_and_clean():
    assert [f.format() for f in check_docx(text_box_header_docx())] == []


def test_a_quoc_hieu_in_a_text_box_not_bold_and_too_large_is_reported():
    [finding] = check_docx(text_box_header_docx(national_title_bold=False, national_title_size=14))
    assert finding.code == "ND30-NATIONAL-TITLE-STYLE"
    assert finding.path == "hộp văn bản 2, đoạn 1"
    assert "cỡ chữ 14 pt" in finding.message and "chưa in đậm" in finding.message


def test_a_header_typed_with_tabs_is_read_in_two_columns():
    assert [f.format() for f in check_docx(tab_header_docx())] == []
    [finding] = check_docx(tab_header_docx(national_title_size=14))
    assert finding.code == "ND30-NATIONAL-TITLE-STYLE" and "cỡ chữ 14 pt" in finding.message


def _typed_rule(start: str, text: str):
    def mutate(document) -> None:
        rule = next_paragraph(document, start)
        remove_border_after(document, start)
        run = rule.add_run(text)
        run.bold, run.font.size = True, Pt(13)

    return mutate


@pytest.mark.parametrize(
    ("start", "code"),
    [
        ("Độc lập", "ND30-MOTTO-RULE"),
        ("TỈNH THÁI NGUYÊN", "ND30-ISSUER-RULE"),
        ("Triển khai", "ND30-SUBJECT-RULE"),
    ],
    ids=["motto", "issuer", "subject"],
)
def test_a_rule_typed_as_hyphens_is_reported_as_typed(start, code):
    [finding] = check_docx(conforming_docx(_typed_rule(start, "-----------------")))
    assert finding.code == code
    assert finding.message.endswith("là dòng ký tự “-----------------” thay vì đường kẻ liền; hãy kẻ đường thẳng.")


def test_an_italic_tieu_ngu_is_reported():
    def italic(document) -> None:
        for run in paragraph(document, "Độc lập").runs:
            run.italic = True

    [finding] = check_docx(conforming_docx(italic))
    assert (finding.code, finding.message) == (
        "ND30-MOTTO-STYLE",
        "Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”: không được in nghiêng.",
    )


def test_a_page_number_in_the_footer_of_page_1_is_reported():
    def footer_on_every_page(document) -> None:
        move_page_number_to_footer(document)
        document.sections[0].different_first_page_header_footer = False

    assert sorted(_codes(conforming_docx(footer_on_every_page))) == [
        "ND30-PAGE-NUMBER-FIRST",
        "ND30-PAGE-NUMBER-POSITION",
    ]


def test_a_page_number_in_the_header_of_page_1_is_reported():
    def no_first_page(document) -> None:
        document.sections[0].different_first_page_header_footer = False

    assert _codes(conforming_docx(no_first_page)) == ["ND30-PAGE-NUMBER-FIRST"]


def test_a_quoc_hieu_typed_above_the_header_table_is_read():
    assert [f.format() for f in check_docx(title_above_table_docx())] == []
    [finding] = check_docx(title_above_table_docx(national_title_size=15))
    assert finding.code == "ND30-NATIONAL-TITLE-STYLE" and finding.path == "đoạn 1"


def test_a_quoc_hieu_in_a_table_nested_in_the_header_is_read():
    assert [f.format() for f in check_docx(nested_header_docx())] == []
    [finding] = check_docx(nested_header_docx(national_title_bold=False))
    assert finding.code == "ND30-NATIONAL-TITLE-STYLE"
    assert finding.path == "bảng 1, ô (1,2), bảng 1, ô (1,1), đoạn 1"
