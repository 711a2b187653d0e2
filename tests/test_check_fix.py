"""`hoso check --fix`: a corrected copy for the safe rules re-checks clean on them, says what it
changed, and leaves the words of the document as they were."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run
from lxml import etree

from pipeline.commands.fix import fix_file
from pipeline.nd30 import spec
from pipeline.nd30.check import check_docx
from pipeline.nd30.check.fix import fix_docx
from pipeline.nd30.metrics import text_width_pt

from tests import ooxml
from tests.nd30_fixtures import (
    a4_document,
    body_paragraphs,
    CELL_MARGIN_MM,
    conforming_docx,
    HEADER_RIGHT_MM,
    long_docx,
    move_page_number_to_footer,
    next_paragraph,
    page_number_on_first_page,
    paragraph,
    paragraphs,
    remove_border_after,
    remove_page_number,
    to_bytes,
    typed_page_number_in_footer,
)

_DATE = "Thái Nguyên, ngày 5 tháng 1 năm 2017"
_MOTTO = "Độc lập – Tự do – Hạnh phúc"


def _typed_by_hand(document) -> None:
    """Letter paper, a 25 mm left margin, Calibri, decomposed text and a frame typed in the wrong sizes."""
    section = document.sections[0]
    section.page_width, section.page_height, section.left_margin = Mm(215.9), Mm(279.4), Mm(25)
    document.styles["Normal"].font.name = "Calibri"
    for para in body_paragraphs(document):
        para.runs[0].text = unicodedata.normalize("NFD", para.runs[0].text)
    restyles = {
        "CỘNG HÒA": {"bold": False, "size": Pt(14)},
        "TỈNH THÁI": {"bold": False},
        "Triển khai": {"italic": True},
        "- Sở Nội vụ": {"size": Pt(12)},
        "Nguyễn Văn A": {"bold": False},
    }
    for start, changes in restyles.items():
        for run in paragraph(document, start).runs:
            for name, value in changes.items():
                setattr(run.font if name == "size" else run, name, value)


def _texts(data: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", p.text) for p in paragraphs(docx.Document(io.BytesIO(data)))]


def test_a_document_typed_by_hand_is_fixed_and_rechecks_clean():
    source = conforming_docx(_typed_by_hand, date=_DATE, motto=_MOTTO)
    assert {f.code for f in check_docx(source)} == {
        "ND30-PAGE-SIZE", "ND30-MARGIN", "ND30-FONT", "ND30-NFC", "ND30-DATE-ZERO", "ND30-MOTTO",
        "ND30-NATIONAL-TITLE-STYLE", "ND30-ISSUER-STYLE", "ND30-SUBJECT-STYLE", "ND30-RECIPIENTS-ITEM-STYLE",
        "ND30-SIGNER-STYLE",
    }
    fixed = fix_docx(source)
    assert [f.format() for f in check_docx(fixed.data)] == []
    assert fixed.changes[:3] == [
        "Đã chuyển 3 đoạn chữ gõ dấu rời sang Unicode dựng sẵn.",
        "Đã đặt khổ giấy A4.",
        "Đã đặt lề trái 30 mm.",
    ]
    assert "Đã viết lại ngày tháng “Thái Nguyên, ngày 5 tháng 1 năm 2017” thành “Thái Nguyên, ngày 05 tháng 01 năm " \
        "2017”." in fixed.changes
    assert "Đã sửa cỡ chữ, kiểu chữ của Quốc hiệu (1 dòng)." in fixed.changes


def test_the_fix_changes_no_word_but_the_date_zeros_and_the_motto_dashes():
    source = conforming_docx(_typed_by_hand, date=_DATE, motto=_MOTTO)
    before, after = _texts(source), _texts(fix_docx(source).data)
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [
        (_MOTTO, "Độc lập - Tự do - Hạnh phúc"),
        (_DATE, "Thái Nguyên, ngày 05 tháng 01 năm 2017"),
    ]


def test_a_conforming_document_is_left_as_it_is():
    fixed = fix_docx(conforming_docx())
    assert fixed.changes == []
    assert check_docx(fixed.data) == []


def test_a_symbol_drawn_in_wingdings_keeps_its_font():
    def ticked(document) -> None:
        run = body_paragraphs(document)[0].add_run("\uf0fc")
        run.font.name = "Wingdings"

    fixed = fix_docx(conforming_docx(ticked))
    [tick] = [r for p in paragraphs(docx.Document(io.BytesIO(fixed.data))) for r in p.runs if r.text == "\uf0fc"]
    assert tick.font.name == "Wingdings"


def test_a_document_of_no_nd30_kind_is_not_changed():
    document = a4_document()
    document.add_paragraph("BÀI PHÁT BIỂU").runs[0].font.name = "Arial"
    assert fix_docx(to_bytes(document)).changes == []


def test_the_original_is_never_written(tmp_path):
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(conforming_docx(date=_DATE))
    original = source.read_bytes()
    fixed = fix_file(source, tmp_path / "ke-hoach-da-sua.docx")
    assert fixed.changes and source.read_bytes() == original
    assert check_docx(tmp_path / "ke-hoach-da-sua.docx") == []
    refused = fix_file(source, source)
    assert [f.code for f in refused.findings] == ["fix.same_file"] and source.read_bytes() == original


def test_an_unreadable_file_is_named_and_nothing_is_written(tmp_path):
    source = tmp_path / "ghi-chu.docx"
    source.write_bytes(b"not a docx")
    fixed = fix_file(source, tmp_path / "out.docx")
    assert fixed.data is None and [f.code for f in fixed.findings] == ["ND30-UNREADABLE"]
    assert not (tmp_path / "out.docx").exists()


def test_an_appendix_section_on_letter_paper_is_turned_into_a4_landscape():
    def appendix(document) -> None:
        section = document.add_section()
        section.page_width, section.page_height = Mm(279.4), Mm(215.9)
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
            Mm(30), Mm(15), Mm(20), Mm(20),
        )
        document.add_paragraph("Phụ lục").runs[0].bold = True

    fixed = fix_docx(conforming_docx(appendix))
    assert fixed.changes == ["Đã đặt khổ giấy A4 ở section 2."]
    assert check_docx(fixed.data) == []


def test_the_same_source_gives_the_same_bytes():
    source = conforming_docx(date=_DATE)
    assert fix_docx(source).data == fix_docx(source).data


# --- Page numbers top centre from page 2 and the line under the Tiêu ngữ ---

_PLACED = "Đã đặt số trang ở giữa đầu trang, từ trang thứ hai."
_MOVED = "Đã chuyển số trang từ chân trang lên giữa đầu trang, từ trang thứ hai."
_RULED = "Đã kẻ đường liền dưới Tiêu ngữ."


def _page_texts(data: bytes) -> dict[str, list[str]]:
    """The paragraphs of each header and footer part, by part name."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: ["".join(t.text or "" for t in p.iter(qn("w:t")))
                   for p in etree.fromstring(package.read(name)).iter(qn("w:p"))]
            for name in package.namelist() if re.fullmatch(r"word/(?:header|footer)\d*\.xml", name)
        }


def _schema_problems(data: bytes) -> set[str]:
    """The package's schema violations, line numbers left out: python-docx's own template has a few,
    the fix must add none."""
    return {re.sub(r":\d+:", ":", problem, count=1) for problem in ooxml.problems(data)}


def _words(data: bytes) -> list[str]:
    return [text for text in _texts(data) if text.strip()]


@pytest.mark.parametrize(("mutate", "code", "change"), [
    (remove_page_number, "ND30-PAGE-NUMBER-MISSING", _PLACED),
    (move_page_number_to_footer, "ND30-PAGE-NUMBER-POSITION", _MOVED),
    (typed_page_number_in_footer, "ND30-PAGE-NUMBER-POSITION", _MOVED),
    (page_number_on_first_page, "ND30-PAGE-NUMBER-FIRST", _PLACED),
])
def test_the_page_number_is_put_top_centre_from_page_two(mutate, code, change):
    source = long_docx(mutate)
    assert [f.code for f in check_docx(source)] == [code]
    fixed = fix_docx(source)
    assert fixed.changes == [change]
    assert [f.format() for f in check_docx(fixed.data)] == []
    assert _words(fixed.data) == _words(source)
    assert _schema_problems(fixed.data) <= _schema_problems(source)
    assert fix_docx(source).data == fixed.data and fix_docx(fixed.data).changes == []
    section = docx.Document(io.BytesIO(fixed.data)).sections[0]
    assert section.different_first_page_header_footer
    assert "2" not in "".join(p.text for p in section.first_page_header.paragraphs)
    [number] = [p for p in section.header.paragraphs if p._p.find(qn("w:fldSimple")) is not None]
    [run] = number._p.find(qn("w:fldSimple")).findall(qn("w:r"))
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER and Run(run, number).font.size == Pt(13)


def test_the_label_of_a_page_number_moves_with_it_and_other_words_stay():
    fixed = fix_docx(long_docx(typed_page_number_in_footer))
    section = docx.Document(io.BytesIO(fixed.data)).sections[0]
    assert [p.text for p in section.footer.paragraphs] == [""]  # "Trang " printed only the number
    assert section.first_page_footer.is_linked_to_previous  # page 1 printed no footer, and still prints none

    def with_words(document) -> None:
        typed_page_number_in_footer(document)
        document.sections[0].footer.paragraphs[0].runs[0].text = "Sở Nội vụ – Trang "

    section = docx.Document(io.BytesIO(fix_docx(long_docx(with_words)).data)).sections[0]
    assert [p.text for p in section.footer.paragraphs] == ["Sở Nội vụ – Trang "]


def test_page_one_loses_the_number_and_its_label_in_the_footer_it_printed():
    def footer_on_every_page(document) -> None:
        typed_page_number_in_footer(document)
        page_number_on_first_page(document)

    source = long_docx(footer_on_every_page)
    assert [f.code for f in check_docx(source)] == ["ND30-PAGE-NUMBER-FIRST", "ND30-PAGE-NUMBER-POSITION"]
    fixed = fix_docx(source)
    assert [f.format() for f in check_docx(fixed.data)] == []
    section = docx.Document(io.BytesIO(fixed.data)).sections[0]
    assert [p.text for p in section.first_page_footer.paragraphs] == [""]
    assert [p.text for p in section.footer.paragraphs] == [""]
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""


def test_a_one_page_document_gets_no_page_number():
    source = conforming_docx(remove_page_number)
    assert check_docx(source) == []
    assert fix_docx(source).changes == []


def test_a_one_page_document_with_its_number_in_the_footer_has_it_moved_up():
    source = conforming_docx(move_page_number_to_footer)
    fixed = fix_docx(source)
    assert fixed.changes == [_MOVED]
    assert check_docx(fixed.data) == []
    assert all("2" not in "".join(texts) for name, texts in _page_texts(fixed.data).items() if "footer" in name)


def test_the_line_under_the_motto_is_drawn_as_long_as_the_motto():
    source = conforming_docx(lambda document: remove_border_after(document, "Độc lập"))
    assert [f.code for f in check_docx(source)] == ["ND30-MOTTO-RULE"]
    fixed = fix_docx(source)
    assert fixed.changes == [_RULED]
    assert check_docx(fixed.data) == []
    assert _words(fixed.data) == _words(source)
    assert _schema_problems(fixed.data) <= _schema_problems(source)
    assert fix_docx(source).data == fixed.data and fix_docx(fixed.data).changes == []
    rule = next_paragraph(docx.Document(io.BytesIO(fixed.data)), "Độc lập")
    assert rule.text == "" and rule._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None
    layout = rule.paragraph_format
    motto_mm = text_width_pt(spec.MOTTO, spec.MOTTO_STYLE.chosen, bold=True) * 25.4 / 72
    inside_mm = HEADER_RIGHT_MM - 2 * CELL_MARGIN_MM
    assert abs(inside_mm - layout.left_indent.mm - layout.right_indent.mm - motto_mm) < 0.5
    assert abs(layout.left_indent.mm - layout.right_indent.mm) < 0.1
