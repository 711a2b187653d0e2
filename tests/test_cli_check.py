"""``hoso check`` on the command line: the kind assumed, ``--kind``, ``--format json`` and ``--fix``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from tests.test_cli import PLAN, hoso


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    assert hoso("render", "plan", str(PLAN), "-o", str(folder)).returncode == 0
    return folder / "ke-hoach-2016.docx"


def test_json_names_the_kind_and_the_notice(plan_docx: Path) -> None:
    result = hoso("check", "--format", "json", str(plan_docx))
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)
    assert entry["kind"] == "ke-hoach"
    assert entry["notice"] == "Loại văn bản: Kế hoạch (theo tên loại “KẾ HOẠCH”)."
    assert entry["findings"] == []


def test_an_unknown_kind_lists_the_known_ones(plan_docx: Path) -> None:
    result = hoso("check", "--kind", "sac-lenh", str(plan_docx))
    assert result.returncode == 1
    assert "Không có loại văn bản «sac-lenh». Các loại: quyet-dinh, to-trinh, ke-hoach" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_given_kind_is_applied(plan_docx: Path) -> None:
    # A Kế hoạch checked as a Biên bản is judged by the rules of a Biên bản.
    result = hoso("check", "--format", "json", "--kind", "bien-ban", str(plan_docx))
    [entry] = json.loads(result.stdout)
    assert entry["kind"] == "bien-ban"


def test_fix_writes_a_corrected_copy_and_leaves_the_original(plan_docx: Path, tmp_path: Path) -> None:
    broken = tmp_path / "sai.docx"
    document = Document(str(plan_docx))
    document.sections[0].left_margin = document.sections[0].left_margin // 2
    document.save(str(broken))
    before = broken.read_bytes()
    assert hoso("check", str(broken)).returncode == 1
    fixed = tmp_path / "da-sua.docx"
    result = hoso("check", "--fix", str(broken), "-o", str(fixed))
    assert result.returncode == 0, result.stdout + result.stderr
    assert any(line.startswith("Đã sửa: ") for line in result.stdout.splitlines())
    assert f"Đã tạo {fixed}" in result.stdout
    assert broken.read_bytes() == before
    assert hoso("check", str(fixed)).returncode == 0


def test_fix_needs_one_file_and_an_output(plan_docx: Path) -> None:
    result = hoso("check", "--fix", str(plan_docx))
    assert result.returncode == 2
    assert "--fix sửa một tệp mỗi lần và cần -o TỆP_MỚI" in result.stderr
