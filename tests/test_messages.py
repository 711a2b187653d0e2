"""The message catalogue (pipeline/core/messages.py): complete, without orphans, citing the law only.

The source is read with ``ast``: every string literal shaped like a catalogue key in one of the
catalogue's areas must be a key, every key must be used somewhere, and no finding is built with
a message written in place.
"""

from __future__ import annotations

import ast
import re
import shutil
import string
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from pipeline.core import messages
from pipeline.core.errors import Severity, merged
from pipeline.core.messages import MESSAGES, code_of, finding, placeholders, schema_error, text
from pipeline.orchestrator import validate_file
from tests.samples import SAMPLES
from tests.test_cli import hoso

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "pipeline" / "core" / "messages.py"
KEY = re.compile(r"^([a-z][a-z0-9_]*(\.[a-z0-9_]+)+|ND30(-[A-Z0-9]+)+)(/[a-z0-9_]+)?$")

# What a clerk must never read: our research notes, reference files, issue numbers.
INTERNAL = [
    re.compile(pattern)
    for pattern in (
        r"legal-facts",
        r"measurements-",
        r"peers-and",
        r"style-models",
        r"glossary\.md",
        r"\.md\b",
        r"TV/[0-9a-f]{6,}",
        r"\b[Ii]ssue \d",
        r"#\d+",
        r"\b(?!A4\b)[A-E]\.?\d{1,2}\b(?!/)",  # a section of the reference notes: B7, D.8 (not the A4 paper)
        r"\bmục \d+, D\d",
        r"\bUNCONFIRMED\b",
    )
]


def _sources() -> list[Path]:
    files = [*(ROOT / "pipeline").rglob("*.py"), *(ROOT / "schemas").rglob("*.py")]
    return sorted(p for p in files if p != CATALOGUE and "__pycache__" not in p.parts)


def _literals() -> dict[str, list[str]]:
    """Every string literal shaped like a catalogue key, with where it is."""
    found: dict[str, list[str]] = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.match(node.value):
                found.setdefault(node.value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _internal(value: str) -> list[str]:
    return [pattern.pattern for pattern in INTERNAL if pattern.search(value)]


def test_every_key_used_in_the_code_is_in_the_catalogue() -> None:
    areas = {key.split(".")[0] for key in MESSAGES if "." in key} | {"ND30"}
    codes = {code_of(key) for key in MESSAGES}
    missing = {
        value: places for value, places in _literals().items()
        if re.split(r"[.\-]", value)[0] in areas and value not in MESSAGES and value not in codes
        # a family of ND30 codes named by their common start ("ND30-ISSUER" for ND30-ISSUER-STYLE…)
        and not any(code.startswith(f"{value}-") for code in codes)
    }
    assert not missing, f"keys without a message: {missing}"


def test_no_message_is_orphaned() -> None:
    used = set(_literals())
    # The render stage reports every template finding with the paragraph where filling failed,
    # when it knows it: the ``/at`` variant of a key it raises (pipeline/stages/render.py).
    used |= {f"{key}/at" for key in used if key.startswith("template.")}
    orphans = [key for key in MESSAGES if key not in used]
    assert not orphans, f"catalogue keys no code uses: {orphans}"


def test_no_finding_is_built_with_a_message_written_in_place() -> None:
    """``Finding(code, message)`` with a literal message bypasses the catalogue; a finding carrying
    only a location (``Finding("", "", file=…)``) or a message taken from another finding is fine."""
    offenders = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Finding"):
                continue
            message = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "message"), None
            )
            written = isinstance(message, ast.JoinedStr) or (
                isinstance(message, ast.Constant) and isinstance(message.value, str) and message.value
            )
            if written:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"use pipeline.core.messages.finding(): {offenders}"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_a_template_is_well_formed(key: str) -> None:
    template = MESSAGES[key]
    assert KEY.match(key), "a key is area.what (or ND30-CODE), with an optional /variant"
    fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    assert all(fields), "placeholders are named: {name}, never {} or {0}"
    assert all(not name[0].isdigit() for name in fields)
    assert template.strip() and template.rstrip() == template, "no empty text, no trailing spaces"
    assert not _internal(template), f"internal reference in the message: {_internal(template)}"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_a_template_fills_from_its_placeholders(key: str) -> None:
    values = {name: 1 for name in placeholders(MESSAGES[key])}
    assert text(key, **values)


def test_finding_fills_the_template_and_keeps_the_location() -> None:
    made = finding("load.encoding", file="a.yaml", line=3, byte=0xFF)
    assert made.code == "load.encoding"
    assert made.message.startswith("Tệp không được mã hóa UTF-8 (byte 0xFF ở dòng 3 không hợp lệ)")
    assert (made.file, made.line, made.severity) == ("a.yaml", 3, Severity.ERROR)
    variant = finding("load.encoding/nul", file="a.yaml", line=2, severity=Severity.WARNING)
    assert variant.code == "load.encoding" and variant.severity is Severity.WARNING


def test_a_missing_or_extra_value_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        finding("load.encoding", file="a.yaml", line=3)
    with pytest.raises(TypeError):
        finding("load.not_found", file="a.yaml", extra=1)
    with pytest.raises(KeyError):
        finding("load.no_such_code")


def test_schema_errors_take_their_text_from_the_catalogue() -> None:
    error = schema_error("schema.vote.returned_above_issued", returned=5, issued=4)
    assert error.type == "vote.returned_above_issued"
    assert error.message() == text("schema.vote.returned_above_issued", returned=5, issued=4)
    with pytest.raises(KeyError):
        schema_error("vote.returned_above_issued", returned=5, issued=4)


def test_the_catalogue_is_one_module_of_the_core_layer() -> None:
    assert messages.__name__ == "pipeline.core.messages"


def _user_texts(node: object, where: str) -> list[tuple[str, str]]:
    """The ``note`` and ``references`` texts of a rule pack, which hoso prints in its warnings."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}"
            if key in ("note", "references", "unconfirmed", "name", "cite") and isinstance(value, str):
                found.append((here, value))
            found += _user_texts(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _user_texts(item, f"{where}[{index}]")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "rules").rglob("*.yaml")), ids=lambda p: p.name)
def test_rule_pack_texts_shown_to_users_cite_the_law_only(path: Path) -> None:
    """The notes hoso prints, and the comments of files a clerk copies to write a local pack."""
    text = path.read_text(encoding="utf-8")
    leaks = [(where, value) for where, value in _user_texts(yaml.safe_load(text), path.name) if _internal(value)]
    assert not leaks, leaks
    assert not [line for line in text.splitlines() if _internal(line)]


# --- The same warning reached through several linked files is printed once ---------------------------


def test_findings_alike_but_for_the_file_are_merged_naming_the_files() -> None:
    first = finding("load.cleaned_char", file="a.yaml", path="x.place", line=9, severity=Severity.WARNING,
                    character="dấu cách không ngắt (\\xa0)")
    again = replace(first, file="b.yaml", line=11)
    other = finding("load.too_deep", file="a.yaml")
    result = merged([first, other, again, first])
    assert result == [replace(first, files=("a.yaml", "b.yaml")), other]
    assert result[0].format().startswith("a.yaml, b.yaml: x.place: Đã thay")
    assert merged([first, first]) == [first]


def test_a_warning_of_several_linked_inputs_is_printed_once(tmp_path: Path) -> None:
    folder = tmp_path / "bloc"
    shutil.copytree(SAMPLES / "bloc-2016", folder)
    units = sorted((folder / "tu-danh-gia").glob("*.yaml"))[:2]
    for unit in units:
        unit.write_text(
            unit.read_text(encoding="utf-8").replace("place: Thái Nguyên", "place: Thái\xa0Nguyên"), encoding="utf-8"
        )
    warnings = validate_file(folder / "tong-ket.yaml").warnings
    cleaned = [w for w in warnings if w.code == "load.cleaned_char"]
    assert len(cleaned) == 1
    assert cleaned[0].files == tuple(str(unit) for unit in units)
    assert cleaned[0].format().startswith(f"{units[0]}, {units[1]}: self_assessment.issuer.place: ")


def test_validating_the_files_that_link_one_vote_prints_its_warning_once() -> None:
    folder = SAMPLES / "bloc-2016"
    files = [folder / "bien-ban-hop.yaml", folder / "to-trinh.yaml", folder / "quyet-dinh.yaml"]
    result = hoso("validate", *map(str, files))
    assert result.returncode == 0, result.stderr
    thresholds = [line for line in result.stderr.splitlines() if line.endswith("[rule.unconfirmed]") and "Ngưỡng" in line]
    assert len(thresholds) == 1
    assert thresholds[0].startswith(f"cảnh báo: {files[0]}:")
