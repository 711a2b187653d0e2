"""Draft and final modes: blanks for the texts still missing, the DỰ THẢO mark, the same NĐ 30
check, and a final that refuses what a draft accepts."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline.stages.draft import BLANK, Mode
from pipeline.core.errors import Finding, InputError, Severity
from pipeline.nd30.check import check_docx
from pipeline.orchestrator import render_file, validate_file

from tests.docx_facts import facts
from tests.samples import SAMPLE_INPUTS, SAMPLES, sample_id

PLAN = SAMPLES / "plan" / "ke-hoach-2016.yaml"
_BLANK_MESSAGE = "Chưa có giá trị: bản dự thảo in «……» ở chỗ này; bản chính thức phải điền đủ."


def _incomplete_plan(tmp_path: Path) -> Path:
    """The plan sample before the clerk finished it: no subject, no slogan, the signer's name
    and the place left empty, no requirements yet, no number."""
    text = PLAN.read_text(encoding="utf-8")
    for old, new in (
        ("  number: 1\n", ""),
        ("  subject: Tổ chức phong trào thi đua năm 2016\n", ""),
        ("  name: Nguyễn Văn Minh\n", "  name:\n"),
        ("  place: Thái Nguyên\n", '  place: ""\n'),
        ("slogan: Đồng thuận cao, thi đua giỏi, về đích sớm\n", ""),
    ):
        assert old in text
        text = text.replace(old, new)
    text = re.sub(r"requirements:\n(?:  - .*\n)+", "requirements: []\n", text)
    path = tmp_path / "ke-hoach-nhap.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _blank(path: Path, data_path: str, line: int | None) -> Finding:
    return Finding("draft.blank", _BLANK_MESSAGE, file=str(path), path=data_path, line=line, severity=Severity.WARNING)


def _texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    body = [p.text for p in document.paragraphs]
    cells = [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    return body + cells


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def test_a_draft_prints_dotted_blanks_where_texts_are_missing_and_names_each(tmp_path: Path) -> None:
    source = _incomplete_plan(tmp_path)
    written = render_file(None, source, tmp_path / "out", mode=Mode.DRAFT)

    assert [f for f in written.warnings if f.code == "draft.blank"] == [
        _blank(source, "plan.slogan", None),
        _blank(source, "plan.issuer.place", 12),
        _blank(source, "plan.document.subject", 14),  # the line of "document:", which lacks it
        _blank(source, "plan.signer.name", 22),
        _blank(source, "plan.requirements", 40),
    ]
    texts = _texts(written.paths[0].read_bytes())
    assert f"{BLANK}, ngày 15 tháng 02 năm 2016" in texts  # the place
    assert "Số:      /KH-KTĐVHXH" in texts  # no number yet
    assert BLANK in texts  # the subject under KẾ HOẠCH, and the signer's name
    assert f"- {BLANK}." in texts  # the one requirement
    assert any(f"khẩu hiệu thi đua “{BLANK}”" in text for text in texts)


def test_a_final_refuses_what_the_draft_left_blank(tmp_path: Path) -> None:
    source = _incomplete_plan(tmp_path)
    with pytest.raises(InputError) as caught:
        render_file(None, source, tmp_path / "out")
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("schema.missing", "plan.slogan"),
        ("schema.too_short", "plan.issuer.place"),
        ("schema.missing", "plan.document.subject"),
        ("schema.type", "plan.signer.name"),
        ("schema.too_short", "plan.requirements"),
    ]
    assert not (tmp_path / "out").exists()


def test_a_draft_still_needs_dates_numbers_and_what_a_blank_cannot_be(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    text = text.replace("  date: 2016-02-15\n", "").replace("  abbreviation: KTĐVHXH\n", "")
    source = tmp_path / "thieu-ngay.yaml"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        validate_file(source, mode=Mode.DRAFT)
    # A date feeds the deadline checks; an abbreviation must match its pattern, which "……" does not.
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("schema.missing", "plan.issuer.abbreviation"),
        ("schema.missing", "plan.document.date"),
    ]


def test_linked_inputs_are_drafts_too(tmp_path: Path) -> None:
    folder = tmp_path / "bloc"
    shutil.copytree(SAMPLES / "bloc-2016", folder)
    vote = folder / "bien-ban-hop.yaml"
    vote.write_text(vote.read_text(encoding="utf-8").replace("place: Sở Văn hóa", "place: ''  # Sở Văn hóa"), encoding="utf-8")
    validated = validate_file(folder / "to-trinh.yaml", mode=Mode.DRAFT)
    assert _blank(vote, "vote.place", 30) in validated.warnings
    with pytest.raises(InputError):
        validate_file(folder / "to-trinh.yaml")


def test_draft_pages_carry_the_mark_in_both_headers_and_finals_in_neither(tmp_path: Path) -> None:
    draft = render_file("plan", PLAN, tmp_path / "draft", mode=Mode.DRAFT).paths[0]
    final = render_file("plan", PLAN, tmp_path / "final").paths[0]
    for header in ("word/header1.xml", "word/header2.xml"):
        assert "DỰ THẢO" in _part(draft, header)
        assert "DỰ THẢO" not in _part(final, header)
    # Apart from the headers and the number left blank until signature, a complete draft is the final.
    with zipfile.ZipFile(draft) as d, zipfile.ZipFile(final) as f:
        differing = [name for name in d.namelist() if d.read(name) != f.read(name)]
        body = d.read("word/document.xml").decode().replace("Số:      /KH-", "Số: 01/KH-")
        assert body == f.read("word/document.xml").decode()
    assert differing == ["word/document.xml", "word/header1.xml", "word/header2.xml"]


@pytest.mark.parametrize("source", SAMPLE_INPUTS, ids=sample_id)
def test_every_sample_as_a_draft_passes_the_nd30_check(source: Path, tmp_path: Path) -> None:
    for path in render_file(None, source, tmp_path, mode=Mode.DRAFT).paths:
        assert check_docx(path) == []


def test_an_incomplete_draft_passes_the_nd30_check(tmp_path: Path) -> None:
    written = render_file(None, _incomplete_plan(tmp_path), tmp_path / "out", mode=Mode.DRAFT)
    assert check_docx(written.paths[0]) == []


def test_a_draft_keeps_the_number_blank_even_when_the_data_has_one(tmp_path):
    [path] = render_file("plan", PLAN, tmp_path, mode=Mode.DRAFT).paths
    header = facts(path.read_bytes())["blocks"][0]["table"][0][0]
    assert header[-1] == "Số:      /KH-KTĐVHXH"
