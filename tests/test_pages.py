"""Pages as a clerk expects: a short table on one page, no heading ending a page or standing bare,
no empty total, Điều 3 and Nơi nhận naming each party once, a merged dossier PDF with a bookmark
per appendix and a title."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from pipeline.law.enrich.decision import recipients_beyond_executors
from pipeline.nd30.frame import SIGNATURE_TABLE_CAPTION, styles_xml
from pipeline.office.convert import Converter, merge_pdfs
from pipeline.orchestrator import TemplateSet, render_file
from pipeline.stages.finalize import SMALL_TABLE_ROWS, keep_small_tables_together, keep_text_with_signature

from tests.samples import SAMPLES
from tests.test_golden import DOCUMENTS, _produce

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATES = TemplateSet()


def _document(name: str) -> etree._Element:
    [param] = [p for p in DOCUMENTS if p.id == f"bloc-2016/{name}"]
    _, data = _produce(*param.values, TEMPLATES)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _texts(root: etree._Element) -> list[str]:
    return ["".join(p.itertext()) for p in root.iter(f"{W}p")]


def _kept(paragraph: etree._Element) -> bool:
    keep = paragraph.find(f"{W}pPr/{W}keepNext")
    return keep is not None and keep.get(f"{W}val") not in ("0", "false")


def _body_tables(root: etree._Element) -> list[etree._Element]:
    return root.findall(f"{W}body/{W}tbl")


# --- Tables ----------------------------------------------------------------------------------------------
def _table(rows: int) -> bytes:
    row = '<w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="T"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>'
    return f"<w:body><w:tbl>{row * rows}</w:tbl></w:body>".encode()


def test_a_short_table_keeps_every_row_but_the_last_with_the_next():
    xml = keep_small_tables_together(_table(3))
    rows = xml.split(b"<w:tr>")[1:]
    assert [b"<w:keepNext/>" in row for row in rows] == [True, True, False]
    assert b'<w:pStyle w:val="T"/><w:keepNext/>' in xml  # in the schema's order: after the style


def test_a_long_table_breaks_as_it_must():
    xml = _table(SMALL_TABLE_ROWS + 1)
    assert keep_small_tables_together(xml) is xml


def test_the_decision_list_stays_on_one_page_and_the_ranking_may_break():
    [*_, listing] = _body_tables(_document("quyet-dinh"))
    rows = listing.findall(f"{W}tr")
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    assert [all(_kept(p) for p in row.iter(f"{W}p")) for row in rows] == [True] * (len(rows) - 1) + [False]
    ranking = next(t for t in _body_tables(_document("tong-ket")) if len(t.findall(f"{W}tr")) > SMALL_TABLE_ROWS)
    assert not any(_kept(p) for row in ranking.findall(f"{W}tr")[1:] for p in row.iter(f"{W}p"))


def test_a_text_ending_with_a_long_table_keeps_its_last_row_with_the_signature():
    # The achievement report's list of awards ends its text: without its last row the signature
    # would start a page alone.
    rows = SMALL_TABLE_ROWS + 2
    signature = (f'<w:tbl><w:tblPr><w:tblCaption w:val="{SIGNATURE_TABLE_CAPTION}"/></w:tblPr>'
                 '<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>').encode()
    xml = b"".join(keep_text_with_signature(_table(rows).replace(b"</w:body>", b"<w:p/>" + signature + b"</w:body>")))
    kept = [b"<w:keepNext/>" in row for row in xml.split(b"<w:tbl>")[1].split(b"<w:tr>")[1:]]
    assert kept == [False] * (rows - 1) + [True]
    assert b"<w:p><w:pPr><w:keepNext/></w:pPr></w:p>" in xml  # the spacer between them too


def test_the_achievement_report_ending_with_its_awards_keeps_the_last_award_with_the_signature():
    [*_, awards, signature] = _body_tables(_document("thanh-tich/01-dai-phat-thanh-truyen-hinh"))
    assert signature.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == SIGNATURE_TABLE_CAPTION
    assert all(_kept(p) for p in awards.findall(f"{W}tr")[-1].iter(f"{W}p"))


# --- Headings ----------------------------------------------------------------------------------------------
def test_headings_are_kept_with_what_follows():
    styles = etree.fromstring(styles_xml().encode())
    for level in (1, 2, 3):
        style = styles.find(f"{W}style[@{W}styleId='Heading{level}']")
        assert style.find(f"{W}pPr/{W}keepNext") is not None


def test_the_bloc_summary_prints_no_bare_point_and_keeps_each_point_with_its_results():
    root = _document("tong-ket")
    texts = _texts(root)
    # "b)" of the regular movements has no results: left out; the special movements have none at
    # all, so their names are the report and print.
    assert "b) Các phong trào thi đua do tỉnh phát động" not in texts
    assert "a) Thi đua chào mừng thành công Đại hội Đảng toàn quốc lần thứ XII" in texts
    point = next(p for p in root.iter(f"{W}p") if "".join(p.itertext()).startswith("a) Phong trào thi đua hoàn thành"))
    assert _kept(point)


# --- The decision ------------------------------------------------------------------------------------------
def test_a_decision_without_amounts_prints_no_total_row():
    texts = _texts(_document("quyet-dinh"))
    assert "Theo quy định" in texts
    assert "Tổng cộng" not in texts


def test_article_3_names_only_the_kinds_of_awardees_the_decision_has():
    [article] = [t for t in _texts(_document("quyet-dinh")) if t.startswith("Điều 3.")]
    assert "và các tập thể có tên tại Điều 1" in article


def test_a_recipient_named_in_article_3_is_not_listed_again():
    executors = ["Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Tài chính"]
    others = ["Chủ tịch, các Phó Chủ tịch UBND tỉnh", "Sở Tài chính", "Sở Tài chính và Kế hoạch"]
    assert recipients_beyond_executors(others, executors) == [
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh", "Sở Tài chính và Kế hoạch",
    ]
    assert "- Sở Tài chính;" not in _texts(_document("quyet-dinh"))


# --- The merged dossier PDF ------------------------------------------------------------------------------
@pytest.mark.slow  # real LibreOffice
def test_the_merged_pdf_has_a_title_and_a_bookmark_per_appendix(converter: Converter, tmp_path: Path):
    rendered = render_file("decision", SAMPLES / "bloc-2016" / "quyet-dinh.yaml", tmp_path)
    decision = converter.convert(rendered.paths[0])
    merged = merge_pdfs([decision], ["Quyết định khen thưởng"], tmp_path / "ho-so.pdf", title="Hồ sơ thử")
    reader = PdfReader(merged)
    assert reader.metadata.title == "Hồ sơ thử"
    [document, children] = reader.outline
    assert document.title == "Quyết định khen thưởng"
    appendix = [item for item in children if re.match("Phụ lục", item.title)]
    assert [(item.title, reader.get_destination_page_number(item)) for item in appendix] == [
        ("Phụ lục: DANH SÁCH KHEN THƯỞNG NĂM 2016", len(reader.pages) - 1)
    ]
