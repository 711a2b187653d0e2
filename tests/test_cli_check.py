"""``hoso check`` on the command line: the kind assumed, ``--kind``, ``--format json`` as
docs/check.md shows it, ``--fix``, and what it loads to start."""

from __future__ import annotations

import json
import re
import subprocess
import sys
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


DOCS = Path(__file__).resolve().parent.parent / "docs" / "check.md"


def documented_example() -> list[dict]:
    """The example of ``--format json`` in docs/check.md."""
    [example] = re.findall(r"^```json\n(.*?)^```$", DOCS.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    return json.loads(example)


def test_json_is_what_the_documentation_shows(plan_docx: Path, tmp_path: Path) -> None:
    # docs/check.md: one object per file in the order given, with these keys in this order.
    broken = tmp_path / "ke-hoach.docx"
    document = Document(str(plan_docx))
    document.sections[0].left_margin = document.sections[0].left_margin // 2
    document.save(str(broken))
    (tmp_path / "hong.docx").write_bytes(b"not a zip")
    result = hoso("check", "--format", "json", "ke-hoach.docx", "hong.docx", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    entries, example = json.loads(result.stdout), documented_example()
    assert entries == example
    for entry, shown in zip(entries, example, strict=True):
        assert list(entry) == list(shown) == ["file", "kind", "notice", "findings"]
        for item, shown_item in zip(entry["findings"], shown["findings"], strict=True):
            assert list(item) == list(shown_item)


def test_checking_a_docx_loads_neither_the_api_nor_the_libraries_of_generation(plan_docx: Path) -> None:
    # A clerk runs ``hoso check`` file after file: it starts with the check alone, not the models,
    # the templates' engine, the spreadsheet and PDF libraries or the web workbench.
    probe = (
        "import sys\nfrom pipeline.cli.app import main\nsys.argv = ['hoso', 'check', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(plan_docx)], capture_output=True, text=True, timeout=60)
    loaded = set(run.stderr.split())
    assert "pipeline.nd30.check" in loaded
    heavy = {"pipeline.api", "pipeline.orchestrator", "pipeline.web", "schemas", "docxtpl",
             "jinja2", "openpyxl", "pypdf", "yaml", "starlette"}
    assert loaded & heavy == set()


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
