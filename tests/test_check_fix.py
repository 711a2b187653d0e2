"""`hoso check --fix`: a corrected copy for the safe rules re-checks clean on them, says what it
changed, and leaves the words of the document as they were."""

from __future__ import annotations

import io
import unicodedata

import docx
from docx.shared import Mm, Pt

from pipeline.commands.fix import fix_file
from pipeline.nd30.check import check_docx
from pipeline.nd30.check.fix import fix_docx

from tests.nd30_fixtures import a4_document, body_paragraphs, conforming_docx, paragraph, paragraphs, to_bytes

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
