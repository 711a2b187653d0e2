"""The rules of the printed pages (``hoso check --layout``): documents that really split, laid out
by the real LibreOffice, get their layout finding exactly there; every golden document gets none;
without LibreOffice the layout rules are skipped with one notice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx.document import Document
from docx.oxml import OxmlElement

from pipeline.commands.bench_check import bench_check
from pipeline.commands.check import Checker, check_files
from pipeline.nd30.check import PrintedLine, PrintedPage, check_document
from pipeline.office.pages import pages_of
from pipeline.orchestrator import TemplateSet, produce, validate_file

from tests.nd30_fixtures import TEXTS, body_paragraphs, conforming_docx, drop_cant_split
from tests.samples import SAMPLE_INPUTS, sample_id

# A body paragraph of two and a half printed lines: the body's length is counted in them.
LONG = (
    "Các sở, ban, ngành và Ủy ban nhân dân các huyện tổ chức phát động phong trào thi đua trong quý I, "
    "gắn với việc thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị."
)
# With 17 of them, page 2 ends inside the signature block: in the three empty lines left for the
# signature when its table row may split, or just before the block when the row may not.
SPLITTING_BODY = [TEXTS["body"][0], *[LONG] * 17, TEXTS["body"][-1]]


def _loose(document: Document) -> None:
    """Nothing keeps the last body paragraph with the signature block."""
    for paragraph in document.paragraphs:
        paragraph.paragraph_format.keep_with_next = False


def _page_number_typed_on_every_page(document: Document) -> None:
    """A clerk's "1" typed in a header printed on every page, page 1 included."""
    section = document.sections[0]
    section.different_first_page_header_footer = False
    paragraph = section.header.paragraphs[0]
    for field in paragraph._p.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fldSimple"):
        paragraph._p.remove(field)
    paragraph.add_run("1")


def _page_number_field_on_page_one(document: Document) -> None:
    document.sections[0].different_first_page_header_footer = False


@pytest.fixture(scope="module")
def checker():
    with Checker(layout=True) as checker:
        yield checker


def _check(checker: Checker, tmp_path: Path, data: bytes):
    path = tmp_path / "van-ban.docx"
    path.write_bytes(data)
    result = checker.check(path)
    assert result.layout_notice == ""
    return result.findings


# --- documents that really split, laid out by LibreOffice ----------------------------------------


@pytest.mark.slow
def test_a_signature_split_over_two_pages_is_reported_at_the_signer(checker, tmp_path):
    findings = _check(checker, tmp_path, conforming_docx(drop_cant_split, body=SPLITTING_BODY))
    [split] = findings
    assert split.code == "ND30-LAYOUT-SIGNATURE-SPLIT" and split.is_error
    assert split.path == "bảng 2, ô (1,2), đoạn 6"
    assert "“TM. ỦY BAN NHÂN DÂN” ở trang 2, họ tên người ký “Nguyễn Văn A” ở trang 3" in split.message


@pytest.mark.slow
def test_a_signature_alone_on_its_page_is_a_warning(checker, tmp_path):
    findings = _check(checker, tmp_path, conforming_docx(_loose, body=SPLITTING_BODY))
    [alone] = findings
    assert alone.code == "ND30-LAYOUT-SIGNATURE-ALONE" and not alone.is_error
    assert alone.path == "bảng 2, ô (1,2), đoạn 1"
    assert alone.message.startswith("Trang 3 chỉ có chữ ký")


@pytest.mark.slow
def test_the_same_long_body_kept_with_its_signature_is_clean(checker, tmp_path):
    # The fixture's own keep-with-next and unsplittable row carry the block to page 3 with the
    # body's last paragraph: a long document is not reported for being long.
    assert _check(checker, tmp_path, conforming_docx(body=SPLITTING_BODY)) == []


@pytest.mark.slow
def test_a_wrapping_date_line_is_reported_from_the_pages_not_from_estimated_widths(checker, tmp_path):
    date = "Thị trấn Nông trường Mộc Châu, ngày 05 tháng 01 năm 2017"
    [wrap] = _check(checker, tmp_path, conforming_docx(date=date))
    assert wrap.code == "ND30-LAYOUT-HEADER-WRAP"
    assert wrap.path == "bảng 1, ô (1,2), đoạn 4"
    # Without the pages, the width estimated from font metrics says the same.
    path = tmp_path / "van-ban.docx"
    assert [f.code for f in check_document(path).findings] == ["ND30-HEADER-WRAP"]


@pytest.mark.slow
def test_a_page_number_printed_on_page_one_is_reported(checker, tmp_path):
    [number] = _check(checker, tmp_path, conforming_docx(_page_number_typed_on_every_page))
    assert number.code == "ND30-LAYOUT-PAGE-NUMBER-FIRST"
    assert "Trang thứ nhất in số trang “1”" in number.message


@pytest.mark.slow
def test_a_page_field_on_page_one_is_reported_once(checker, tmp_path):
    # The header part already tells it (and where to fix it); the printed "1" adds nothing.
    findings = _check(checker, tmp_path, conforming_docx(_page_number_field_on_page_one))
    assert [f.code for f in findings] == ["ND30-PAGE-NUMBER-FIRST"]


def _long_rows(document: Document) -> None:
    """A list whose rows, each several lines tall, may break across pages (no cantSplit)."""
    table = document.add_table(rows=13, cols=2, style="Table Grid")
    for number, row in enumerate(table.rows):
        values = ("STT", "Thành tích") if number == 0 else (
            str(number),
            f"Phòng Tổ chức cán bộ (đơn vị thứ {number}) hoàn thành xuất sắc nhiệm vụ năm 2016; chủ trì đề án cải "
            "cách hành chính của đơn vị, được áp dụng trong toàn tỉnh và được Hội đồng thi đua, khen thưởng tỉnh "
            "công nhận; tham mưu tổ chức thành công hội nghị tổng kết công tác thi đua, khen thưởng.",
        )
        for cell, value in zip(row.cells, values):
            cell.paragraphs[0].text = value
    body_paragraphs(document)[-1]._p.addprevious(table._tbl)


def _rows_kept_whole(document: Document) -> None:
    _long_rows(document)
    for row in document.tables[1].rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


@pytest.mark.slow
def test_a_table_row_split_over_two_pages_is_a_warning_at_its_cell(checker, tmp_path):
    # Rows 3, 8 and 12 begin at the foot of pages 1, 2 and 3 (the page number printed between the
    # parts of a row does not hide it).
    findings = _check(checker, tmp_path, conforming_docx(_long_rows))
    assert {f.code for f in findings} == {"ND30-LAYOUT-TABLE-ROW-SPLIT"}
    assert all(not f.is_error for f in findings)
    assert [f.path for f in findings] == ["bảng 2, ô (4,2), đoạn 1", "bảng 2, ô (9,2), đoạn 1", "bảng 2, ô (13,2), đoạn 1"]
    assert findings[0].message.startswith("Một hàng của bảng bị tách sang hai trang: ô “Phòng Tổ chức cán bộ (đơn vị thứ 3)")
    assert "bắt đầu ở trang 1" in findings[0].message


@pytest.mark.slow
def test_rows_that_cannot_split_are_clean(checker, tmp_path):
    assert _check(checker, tmp_path, conforming_docx(_rows_kept_whole)) == []


def _golden_documents():
    templates = TemplateSet()
    for sample in SAMPLE_INPUTS:
        validated = validate_file(sample)
        for document in validated.kind.documents:
            name = f"{sample_id(sample).replace('/', '--')}{'-' + document.key if document.key else ''}.docx"
            yield name, produce(document, validated, templates.get(document))


@pytest.mark.slow
def test_every_golden_document_has_no_layout_finding(tmp_path):
    paths = []
    for name, data in _golden_documents():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    results = check_files(paths, layout=True)
    assert all(result.layout_notice == "" for result in results)
    assert [f.format() for result in results for f in result.findings] == []


# --- without LibreOffice ---------------------------------------------------------------------------


def test_without_libreoffice_the_layout_rules_are_skipped_with_one_notice(tmp_path):
    paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for path in paths:
        path.write_bytes(conforming_docx())
    command = [sys.executable, "-m", "pipeline", "check", "--layout", *map(str, paths)]
    env = {"NO_COLOR": "1", "COLUMNS": "250", "PATH": "/nonexistent"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Không kiểm tra phần dàn trang") == 1
    assert "không tìm thấy LibreOffice" in result.stderr
    result = subprocess.run([*command[:4], "--format", "json", *command[4:]], capture_output=True, text=True,
                            env=env, timeout=60)
    entries = json.loads(result.stdout)
    assert [entry["findings"] for entry in entries] == [[], []]
    assert all(entry["layout_notice"].startswith("Không kiểm tra phần dàn trang") for entry in entries)


# --- the rules on plain pages, and the reading of pdftotext's output --------------------------------


def _page(*lines: tuple[str, float]) -> PrintedPage:
    return PrintedPage(595.3, 841.9, tuple(PrintedLine(text, top, top + 17, 100, 400) for text, top in lines))


def test_a_component_not_found_on_the_pages_is_not_judged():
    # Pages that print none of the document's words: nothing is guessed.
    assert check_document(conforming_docx(), pages=[_page(("Lorem ipsum", 60))]).findings == []


def test_a_number_among_the_lines_of_page_one_is_not_a_page_number():
    page = _page(("ỦY BAN NHÂN DÂN", 60), ("1", 300), ("Lưu: VT.", 700))
    assert check_document(conforming_docx(), pages=[page]).findings == []


def test_pdftotext_bbox_output_reads_as_pages_of_lines():
    xhtml = (
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><doc><page width="595.3" height="841.9"><flow><block>'
        b'<line xMin="282.7" yMin="56.5" xMax="553.6" yMax="73.4"><word>C\xe1\xbb\x98NG</word><word>H\xc3\x92A</word>'
        b'</line></block></flow></page><page width="595.3" height="841.9"></page></doc></body></html>'
    )
    first, second = pages_of(xhtml)
    assert first.lines == (PrintedLine("CỘNG HÒA", 56.5, 73.4, 282.7, 553.6),) and second.lines == ()


@pytest.mark.slow
def test_the_benchmark_times_the_check_without_and_with_layout(tmp_path):
    paths = []
    for name, data in list(_golden_documents())[:2]:
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    speed = bench_check(paths)
    assert speed.documents == 2 and speed.layout_s is not None
    first, second = speed.lines()
    assert first.startswith("Kiểm tra thể thức (2 văn bản): ") and "«hoso check» một văn bản" in first
    assert second.startswith("  Có dàn trang (--layout): văn bản đầu ")
