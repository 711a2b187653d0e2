"""Titles broken where a clerk would break them: at a phrase boundary, in even lines, never inside a
fixed phrase, and every line fitting its column (so Word adds no break of its own)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from pipeline.nd30 import frame
from pipeline.nd30.breaking import break_title, breaks_inside_phrase, forbidden_breaks
from pipeline.nd30.metrics import text_width_pt
from pipeline.orchestrator import TemplateSet

from tests.test_golden import DOCUMENTS, _produce

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATES = TemplateSet()


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Về việc tặng Cờ thi đua của UBND tỉnh và Bằng khen của Chủ tịch UBND tỉnh năm 2016",
            ["Về việc tặng Cờ thi đua của UBND tỉnh", "và Bằng khen của Chủ tịch UBND tỉnh năm 2016"],
        ),
        (
            "Tổng kết công tác thi đua, khen thưởng năm 2016 và phương hướng, nhiệm vụ năm 2017",
            ["Tổng kết công tác thi đua, khen thưởng năm 2016", "và phương hướng, nhiệm vụ năm 2017"],
        ),
        (
            "Đề nghị khen thưởng các tập thể có thành tích xuất sắc trong phong trào thi đua năm 2016",
            ["Đề nghị khen thưởng các tập thể có thành tích xuất sắc", "trong phong trào thi đua năm 2016"],
        ),
        (
            "Kiểm phiếu bình xét, suy tôn danh hiệu thi đua, hình thức khen thưởng năm 2016",
            ["Kiểm phiếu bình xét, suy tôn danh hiệu thi đua,", "hình thức khen thưởng năm 2016"],
        ),
    ],
)
def test_subjects_break_at_a_phrase_boundary(text, lines):
    assert break_title(text, frame.TEXT_WIDTH_TW, 14) == lines


def test_a_title_that_fits_stays_on_one_line():
    text = "Họp bình xét, suy tôn danh hiệu thi đua, hình thức khen thưởng năm 2016"
    assert break_title(text, frame.TEXT_WIDTH_TW, 14) == [text]


def test_signature_titles_break_between_units_of_meaning():
    width = frame.COUNTERSIGNATURE_TEXT_TW
    assert break_title("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", width, 14) == ["XÁC NHẬN CỦA", "CẤP TRÌNH KHEN THƯỞNG"]
    assert break_title("THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ", width, 14) == ["THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ"]
    assert break_title("TM. ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", width, 14) == ["TM. ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN"]


def test_a_date_stays_whole():
    text = "(Kèm theo Quyết định số 120/QĐ-UBND ngày 16 tháng 01 năm 2017 của Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên)"
    assert break_title(text, frame.TEXT_WIDTH_TW, 14, bold=False) == [
        "(Kèm theo Quyết định số 120/QĐ-UBND ngày 16 tháng 01 năm 2017",
        "của Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên)",
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [("phong trào thi", "đua"), ("thực hiện nhiệm", "vụ"), ("của UBND", "tỉnh"), ("khen thưởng năm", "2016"),
     ("CỦA ỦY BAN NHÂN", "DÂN TỈNH"), ("tặng Cờ", "thi đua"),
     ("thi đua,", "khen thưởng"), ("ngày 16 tháng 01", "năm 2017"), ("Khối Văn hóa -", "Xã hội")],
)
def test_fixed_phrases_are_never_split(first, second):
    assert breaks_inside_phrase(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Cờ thi đua", "của UBND tỉnh"), ("khen thưởng", "năm 2016"), ("thi đua", "và khen thưởng"), ("CHỦ TỊCH", "PHÓ CHỦ TỊCH")],
)
def test_phrase_boundaries_may_be_broken(first, second):
    assert not breaks_inside_phrase(first, second)


def test_a_comma_inside_a_phrase_must_be_there():
    # "thi đua khen thưởng" without the comma is two phrases; the break between them is allowed.
    assert forbidden_breaks("thi đua khen thưởng".split()) == {1, 3}


def test_nothing_fits_then_the_fewest_breaks_inside_a_phrase():
    width = text_width_pt("KHEN", 14, bold=True) * 20 + 1
    lines = break_title("KHEN THƯỞNG", width, 14)
    assert lines == ["KHEN", "THƯỞNG"]


# --- Over every golden document ------------------------------------------------------------------------
def _lines(paragraph) -> list[str]:
    """The lines of a paragraph as set: its text split at each ``w:br``."""
    parts = [""]
    for node in paragraph.iter(f"{W}t", f"{W}br"):
        if node.tag == f"{W}br":
            parts.append("")
        else:
            parts[-1] += node.text or ""
    return parts


def _size_bold(paragraph) -> tuple[float, bool]:
    run = paragraph.find(f"{W}r/{W}rPr")
    size = run.find(f"{W}sz") if run is not None else None
    bold = run is not None and run.find(f"{W}b") is not None
    return (int(size.get(f"{W}val")) / 2 if size is not None else 14.0), bold


def _title_groups(xml: bytes):
    """Runs of consecutive centred bold frame paragraphs (tên loại, trích yếu, the competent
    authority, appendix headings, signature titles), each with the width of its column."""
    root = etree.fromstring(xml)
    body = root.find(f"{W}body")
    containers = [(body, frame.TEXT_WIDTH_TW)]
    for table in body.iter(f"{W}tbl"):
        caption = table.find(f"{W}tblPr/{W}tblCaption")
        if caption is not None and caption.get(f"{W}val") == frame.SIGNATURE_TABLE_CAPTION:
            for cell in table.iter(f"{W}tc"):
                width = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
                containers.append((cell, frame._cell_text_width(width)))
    for container, width in containers:
        group: list = []
        for child in container:
            style = child.find(f"{W}pPr/{W}pStyle")
            centred = child.find(f"{W}pPr/{W}jc")
            texts = "".join(child.itertext()).strip() if child.tag == f"{W}p" else ""
            if (
                texts and style is not None and style.get(f"{W}val") == frame.FRAME_STYLE
                and centred is not None and centred.get(f"{W}val") == "center" and _size_bold(child)[1]
            ):
                group.append(child)
            elif group:
                yield group, width
                group = []
        if group:
            yield group, width


@pytest.mark.parametrize(("sample", "key"), DOCUMENTS)
def test_titles_fit_their_column_and_break_only_between_phrases(sample, key):
    _, data = _produce(sample, key, TEMPLATES)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml")
    problems = []
    for group, width in _title_groups(xml):
        lines = []
        for paragraph in group:
            size, bold = _size_bold(paragraph)
            for line in _lines(paragraph):
                if len(line.split()) > 1 and text_width_pt(line, size, bold=bold) * 20 > width:
                    problems.append(f"too wide for its column: {line!r}")
            lines.extend(_lines(paragraph))
        problems += [f"{a!r} / {b!r}" for a, b in zip(lines, lines[1:]) if breaks_inside_phrase(a, b)]
    assert problems == []


def test_a_cached_break_is_the_callers_own():
    # Breaks are cached per (text, width, size, bold); each caller still gets a list of its own.
    text = "Về việc tặng Cờ thi đua của UBND tỉnh và Bằng khen của Chủ tịch UBND tỉnh năm 2016"
    first = break_title(text, frame.TEXT_WIDTH_TW, 14)
    first.append("changed")
    assert break_title(text, frame.TEXT_WIDTH_TW, 14) == first[:-1]
    assert len(first) == 3
