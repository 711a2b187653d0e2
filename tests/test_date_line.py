"""The place-and-date line stays on one line of the header's right column (NĐ 30/2020, Phụ lục I,
Phần II, mục 4): 14 pt, or 13 pt for a long place written in full; refused when even 13 pt wraps."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document

from pipeline.core.errors import InputError
from pipeline.nd30 import frame
from pipeline.nd30.check import check_docx
from pipeline.orchestrator import render_file

from tests.samples import SAMPLES

PLAN = SAMPLES / "plan" / "ke-hoach-2016.yaml"
DAY = datetime.date(2016, 12, 20)


def _plan_at(tmp_path: Path, place: str) -> Path:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data["issuer"]["place"] = place
    target = tmp_path / "ke-hoach.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _date_run_size(docx: Path) -> float:
    cell = Document(str(docx)).tables[0].rows[0].cells[1]
    para = next(p for p in cell.paragraphs if ", ngày " in p.text)
    return para.runs[0].font.size.pt


def test_a_usual_place_is_set_at_14_pt() -> None:
    assert frame.date_line_size("Thái Nguyên, ngày 20 tháng 12 năm 2016") == 14


def test_a_long_place_in_full_is_set_at_13_pt() -> None:
    # Mục 4.a: a unit named after a person is written in full, never "TP. HCM".
    assert frame.date_line_size("Thành phố Hồ Chí Minh, ngày 20 tháng 12 năm 2016") == 13


def test_a_line_too_wide_even_at_13_pt_has_no_size() -> None:
    assert frame.date_line_size("Thành phố Hồ Chí Minh Hồ Chí Minh, ngày 20 tháng 12 năm 2016") is None


def test_the_long_place_renders_at_13_pt_and_checks_clean(tmp_path: Path) -> None:
    written = render_file("plan", _plan_at(tmp_path, "Thành phố Hồ Chí Minh"), tmp_path / "out")
    docx = written.paths[0]
    assert _date_run_size(docx) == 13
    assert check_docx(docx) == []


def test_a_place_too_wide_is_refused_at_its_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        render_file("plan", _plan_at(tmp_path, "Thành phố Hồ Chí Minh Mới"), tmp_path / "out")
    [problem] = [f for f in caught.value.findings if f.code == "rule.header.date_line_too_wide"]
    assert problem.path == "plan.issuer.place"
    assert isinstance(problem.line, int)
    assert problem.message.startswith("Dòng địa danh, ngày tháng «Thành phố Hồ Chí Minh Mới, ngày ")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
