"""Table cells never wrap inside a fixed phrase: Word (and LibreOffice) wrap a cell themselves, so
enrich joins the words of each fixed phrase, date and number with its word by no-break spaces
(:func:`pipeline.nd30.breaking.keep_phrases`), in the text columns of every generated table."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.nd30 import frame
from pipeline.nd30.breaking import KEPT_MAX_TW, NO_BREAK_SPACE, TABLE_TEXT_PT, kept_joints, keep_phrases
from pipeline.nd30.frame import TABLE_TEXT_STYLE
from pipeline.nd30.metrics import text_width_pt
from pipeline.office.convert import Converter
from pipeline.office.pages import read_pages
from pipeline.orchestrator import TemplateSet

from tests.samples import GOLDEN
from tests.test_golden import DOCUMENTS, _produce

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATES = TemplateSet()
NB = NO_BREAK_SPACE


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Cờ thi đua của UBND tỉnh", f"Cờ{NB}thi{NB}đua của UBND{NB}tỉnh"),
        ("Bằng khen của Chủ tịch UBND tỉnh", f"Bằng{NB}khen của Chủ{NB}tịch UBND{NB}tỉnh"),
        ("Sở Văn hóa, Thể thao và Du lịch", f"Sở Văn{NB}hóa, Thể{NB}thao và Du{NB}lịch"),
        # A cell may break after the dash of a long name, as a clerk does; never before it.
        ("Đài Phát thanh - Truyền hình Thái Nguyên", f"Đài Phát{NB}thanh{NB}- Truyền{NB}hình Thái{NB}Nguyên"),
        ("Nhiệm vụ năm 2025 - 2026", f"Nhiệm{NB}vụ năm{NB}2025{NB}-{NB}2026"),
        ("công tác thi đua, khen thưởng năm 2016", f"công{NB}tác thi{NB}đua, khen{NB}thưởng năm{NB}2016"),
        # A range of years inside a run too wide to keep whole stays whole itself.
        ("Hoàn thành xuất sắc nhiệm vụ năm học 2025 - 2026; tổ chức an toàn các kỳ thi",
         f"Hoàn{NB}thành xuất{NB}sắc nhiệm{NB}vụ năm{NB}học 2025{NB}-{NB}2026; tổ chức an toàn các kỳ thi"),
    ],
)
def test_fixed_phrases_of_a_cell_are_joined_by_no_break_spaces(text, kept):
    assert keep_phrases(text) == kept


def test_a_text_too_short_to_wrap_is_left_as_it_is():
    assert keep_phrases("Cờ thi đua") == "Cờ thi đua"


def test_a_run_wider_than_the_narrowest_column_stays_breakable_its_phrases_kept():
    # "Tập thể lao động xuất sắc" is wider than 3,2 cm at 13 pt: joined whole, it would be cut
    # inside a word in the Minh chứng column.
    assert keep_phrases("Tập thể lao động xuất sắc") == f"Tập{NB}thể lao{NB}động xuất{NB}sắc"
    date = "Quyết định số 95 ngày 20 tháng 01 năm 2016"
    assert keep_phrases(date) == f"Quyết{NB}định số{NB}95 ngày{NB}20 tháng{NB}01 năm{NB}2016"
    assert keep_phrases(date, 2 * KEPT_MAX_TW) == f"Quyết{NB}định số{NB}95 ngày{NB}20{NB}tháng{NB}01{NB}năm{NB}2016"


def test_only_spaces_change():
    texts = set()

    def walk(value):
        if isinstance(value, str):
            texts.update(value.replace(NB, " ").split("\n"))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for golden in GOLDEN.glob("*.json"):
        walk(json.loads(golden.read_text(encoding="utf-8")))
    assert len(texts) > 500
    assert [t for t in texts if keep_phrases(t).replace(NB, " ") != t] == []


def test_the_decision_list_keeps_the_titles_and_reads_back_as_typed():
    [param] = [p for p in DOCUMENTS if p.id == "bloc-2016/quyet-dinh"]
    cells = _data_cells(_document_xml(*param.values))
    assert f"Cờ{NB}thi{NB}đua của UBND{NB}tỉnh" in cells
    # What a clerk copies is the title as typed once the no-break spaces are read as spaces.
    assert "Bằng khen của Chủ tịch UBND tỉnh" in [cell.replace(NB, " ") for cell in cells]


def test_runs_are_measured_at_the_size_of_the_table_text_style():
    styles = etree.fromstring(frame.styles_xml().encode())
    size = styles.find(f"{W}style[@{W}styleId='{TABLE_TEXT_STYLE}']/{W}rPr/{W}sz")
    assert int(size.get(f"{W}val")) == 2 * TABLE_TEXT_PT


@pytest.mark.parametrize(("sample", "key"), DOCUMENTS)
def test_every_kept_run_fits_its_cell(sample, key):
    # A run of words joined by no-break spaces wider than its cell would be cut inside a word.
    too_wide = []
    for cell in etree.fromstring(_document_xml(sample, key)).iter(f"{W}tc"):
        width = frame._cell_text_width(int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w")))
        for paragraph in cell.iter(f"{W}p"):
            runs = [run for run in "".join(paragraph.itertext()).split(" ") if NB in run]
            too_wide += [run for run in runs if text_width_pt(run.replace(NB, " "), TABLE_TEXT_PT) * 20 > width]
    assert too_wide == []


# --- As LibreOffice sets them -------------------------------------------------------------------------
def _document_xml(sample, key) -> bytes:
    _, data = _produce(sample, key, TEMPLATES)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def _data_cells(xml: bytes) -> list[str]:
    """The text of every data cell of the body's tables (the rows enrich fills, not the template's
    headings nor the frame's tables), its paragraphs joined by a space."""
    cells = []
    for cell in etree.fromstring(xml).iter(f"{W}tc"):
        styles = {style.get(f"{W}val") for style in cell.iter(f"{W}pStyle")}
        if styles == {TABLE_TEXT_STYLE}:
            cells.append(" ".join("".join(p.itertext()) for p in cell.iter(f"{W}p")))
    return cells


def _broken_joints(pdf: Path, cells: list[str]):
    """Each place where a data cell's text goes on to the next printed line: the cell's words and
    the position of the break (a break before ``words[i]``)."""
    texts = [cell.replace(NB, " ") for cell in cells]
    for page in read_pages(pdf):
        for line in page.lines:
            below = [
                other for other in page.lines
                if abs(other.left - line.left) < 0.5 and 0 < other.top - line.top < 1.5 * (line.bottom - line.top)
            ]
            for following in below[:1]:
                joined = f"{line.text} {following.text}"
                cell = next((text for text in texts if joined in text), None)
                if cell is not None:
                    before = cell[:cell.index(joined)]
                    yield cell.split(), len(before.split()) + len(line.text.split())


def _printed_breaks(sample, key, converter: Converter, folder: Path) -> list[str]:
    """``first line / rest`` of each data cell broken over lines in the PDF LibreOffice makes."""
    _, data = _produce(sample, key, TEMPLATES)
    docx = folder / "document.docx"
    docx.write_bytes(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        cells = _data_cells(package.read("word/document.xml"))
    return [
        (f"{' '.join(words[:at])} / {' '.join(words[at:])}", at in kept_joints(words))
        for words, at in _broken_joints(converter.convert(docx), cells)
    ]


@pytest.mark.slow  # real LibreOffice
def test_the_decision_list_breaks_between_phrases(converter: Converter, tmp_path: Path):
    [param] = [p for p in DOCUMENTS if p.id == "bloc-2016/quyet-dinh"]
    assert sorted(_printed_breaks(*param.values, converter, tmp_path)) == [
        ("Ban Quản lý Khu di tích lịch sử / ATK Định Hóa", False),
        ("Bằng khen của Chủ tịch / UBND tỉnh", False),
        ("Cờ thi đua của / UBND tỉnh", False),
    ]


@pytest.mark.slow  # real LibreOffice
@pytest.mark.parametrize(("sample", "key"), DOCUMENTS)
def test_no_table_line_ends_inside_a_kept_phrase(sample, key, converter: Converter, tmp_path: Path):
    breaks = _printed_breaks(sample, key, converter, tmp_path)
    assert [text for text, inside in breaks if inside] == []
