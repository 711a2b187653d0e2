"""``hoso --help``, every command's help and typer's own usage errors are Vietnamese, and the
command starts without loading the heavy libraries (speed is measured by ``hoso bench``)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from pipeline.cli.app import app
from pipeline.commands.preview import DEFAULT_DPI
from pipeline.law.kind_names import KIND_NAMES
from pipeline.law.kinds import KINDS

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

# typer's and click's English, as they would show through.
ENGLISH = (
    "Usage", "Options", "Arguments", "Commands", "Show this message", "exit", "required", "default",
    "Try", "for help", "Error", "Missing", "Invalid", "No such", "Did you mean", "Got unexpected",
    "TEXT", "PATH", "INTEGER", "COMMAND", "ARGS", "OPTIONS", "path", "str", "int", "bool", "list",
    "range", "Input should", "value", "argument", "option",
)
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


def hoso(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
        env={"NO_COLOR": "1", "COLUMNS": "200", "PATH": "/usr/bin:/bin"}, timeout=60,
    )


def english_in(text: str) -> list[str]:
    """English words left in ``text``, option names (``--output``) aside: they are typed, not read."""
    words = _OPTION.sub(" ", text)
    return [w for w in ENGLISH if re.search(rf"(?<![\w.]){re.escape(w)}(?![\w.])", words)]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_vietnamese(command):
    result = hoso(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    assert english_in(result.stdout) == []
    assert "Cách dùng: " in result.stdout
    assert "Tùy chọn" in result.stdout
    assert "Hiện hướng dẫn này rồi thoát." in result.stdout


def test_the_main_help_lists_the_commands_in_vietnamese():
    text = hoso("--help").stdout
    assert "Cách dùng: python -m pipeline [TÙY CHỌN] LỆNH [ĐỐI SỐ]..." in text
    assert "─ Lệnh ─" in text
    assert "Tạo cả gói hồ sơ thi đua cuối năm của một Khối" in text


def test_a_command_help_names_arguments_types_and_defaults_in_vietnamese():
    text = hoso("pack", "--help").stdout
    assert "Cách dùng: python -m pipeline pack [TÙY CHỌN] {KHỐI}" in text
    assert "─ Đối số ─" in text
    assert "KHỐI" in text and "<đường dẫn>" in text
    assert "[bắt buộc]" in text
    assert "<số> [x>=1]" in text
    assert "[mặc định: text]" in hoso("check", "--help").stdout
    unwrapped = re.sub(r"[\s│]+", " ", hoso("render", "--help").stdout)
    assert f"Loại văn bản: {', '.join(KIND_NAMES)}." in unwrapped


@pytest.mark.parametrize(("args", "message"), [
    (("render",), "Thiếu đối số «LOẠI»."),
    (("render", "plan", "a.yaml"), "Thiếu tùy chọn «-o / --output»."),
    (("check", "--bogus", "x.docx"), "Không có tùy chọn «--bogus»."),
    (("pack", "khoi", "-o", "out", "-j", "abc"), "Giá trị của «-j / --jobs» không hợp lệ: phải là một số nguyên."),
    (("pack", "khoi", "-o", "out", "-j", "0"), "Giá trị của «-j / --jobs» không hợp lệ: phải lớn hơn hoặc bằng 1."),
    (("check", "--format", "xml", "x.docx"),
     "Giá trị của «--format» không hợp lệ: «xml» không phải là một trong các giá trị text, json."),
    (("rendr",), "Không có lệnh «rendr». Có phải ý bạn là «render»?"),
    (("rules", "thua"), "Thừa đối số: thua."),
    (("pack", "khoi", "-o"), "Tùy chọn «-o» cần một giá trị."),
])
def test_a_usage_error_is_vietnamese_with_exit_code_2(args, message):
    result = hoso(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert english_in(result.stderr) == []


def test_no_command_shows_the_help():
    result = hoso()
    assert result.returncode == 2
    assert "Cách dùng: " in result.stdout + result.stderr


def test_the_command_starts_without_the_heavy_libraries():
    probe = "import sys, pipeline.cli.app; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split())
    heavy = {"pydantic", "docxtpl", "docx", "openpyxl", "pypdf", "babel", "jinja2", "lxml", "yaml", "schemas",
             "pipeline.api", "pipeline.orchestrator", "pipeline.law.kinds", "rich.markdown"}
    assert loaded & heavy == set()


def test_the_light_kind_names_are_the_registry_s():
    assert KIND_NAMES == tuple(KINDS)


def test_the_preview_resolution_is_the_preview_module_s():
    preview = typer.main.get_command(app).commands["preview"]  # type: ignore[attr-defined]
    [dpi] = [p for p in preview.params if p.name == "dpi"]
    assert dpi.default == DEFAULT_DPI
