"""Every reader refuses, before reading, what is too big: data files, devices and pipes, lists,
nesting, workbooks and their zip parts; every text limit a schema declares is enforced; text
that would print differently from what it holds is refused."""

from __future__ import annotations

import datetime
import os
import zipfile
from pathlib import Path
from typing import Any

import annotated_types
import pytest
from openpyxl import Workbook
from pydantic import BaseModel, create_model

from pipeline.core import limits
from pipeline.core.errors import Finding, InputError
from pipeline.law.kinds import KINDS
from pipeline.stages.load import Loaded, load
from pipeline.stages.validate import validate
from pipeline.stages.xlsx import TABLES, read_table

SCORING = TABLES[("self_assessment", "scoring")]
SCORE_HEADER = ["Nhóm tiêu chí", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Minh chứng"]
WHERE = Finding("", "", file="tu-danh-gia.yaml", path="self_assessment.scoring", line=49)


def _errors(path: Path, **kwargs: Any) -> list[Finding]:
    with pytest.raises(InputError) as caught:
        load(path, **kwargs)
    return [f for f in caught.value.findings if f.is_error]


def _table_errors(path: Path) -> list[Finding]:
    with pytest.raises(InputError) as caught:
        read_table(path, None, SCORING, WHERE)
    return caught.value.findings


# --- Data files --------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_data_file_over_the_size_limit_is_refused_with_the_way_to_raise_it(tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("HOSO_MAX_INPUT_MB", "1")
    path = tmp_path / f"lon{suffix}"
    path.write_bytes(b'{"kind": "plan", "x": "' + b"a" * (3 * limits.MB // 2) + b'"}')
    [found] = _errors(path)
    assert (found.code, found.file) == ("limit.file_size", str(path))
    assert found.message == (
        "Tệp quá lớn (1,5 MB); giới hạn cho tệp dữ liệu .yaml, .yml hoặc .json là 1 MB. Nếu dữ liệu thật sự lớn "
        "như vậy, có thể nâng giới hạn bằng biến môi trường HOSO_MAX_INPUT_MB (số MB)."
    )


def test_a_wrong_limit_setting_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("HOSO_MAX_INPUT_MB", "mười")
    path = tmp_path / "a.yaml"
    path.write_text("kind: plan\n", encoding="utf-8")
    [found] = _errors(path)
    assert found.format() == (
        "Biến môi trường HOSO_MAX_INPUT_MB=«mười» không hợp lệ: phải là một số nguyên dương. [limit.setting]"
    )


def test_a_device_is_refused_without_being_read(tmp_path):
    link = tmp_path / "zero.yaml"
    os.symlink("/dev/zero", link)
    [found] = _errors(link)
    assert found.code == "limit.not_regular"
    assert "không phải một tệp thông thường" in found.message


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "ong.json"
    os.mkfifo(fifo)
    assert [f.code for f in _errors(fifo)] == ["limit.not_regular"]


def test_a_list_over_the_item_limit_is_refused_at_its_path(tmp_path, monkeypatch):
    monkeypatch.setenv("HOSO_MAX_ROWS", "5")
    path = tmp_path / "dai.yaml"
    path.write_text("kind: plan\ntargets:\n" + "".join(f"  - {i}\n" for i in range(6)), encoding="utf-8")
    [found] = _errors(path, root="plan")
    assert (found.code, found.path, found.line) == ("limit.items", "plan.targets", 2)
    assert found.message == (
        "Có 6 mục ở đây, vượt giới hạn 5 mục của một danh sách. Nếu dữ liệu thật sự lớn như vậy, có thể nâng "
        "giới hạn bằng biến môi trường HOSO_MAX_ROWS."
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_nesting_past_the_depth_limit_is_refused(tmp_path, suffix):
    depth = limits.MAX_DEPTH + 1
    path = tmp_path / f"sau{suffix}"
    path.write_text('{"kind": "plan", "a": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    [found] = _errors(path)
    assert found.code == "limit.depth"
    assert found.message == f"Dữ liệu lồng nhau quá {limits.MAX_DEPTH} cấp; hãy kiểm tra lại cấu trúc tệp."


# --- Text that reads differently from what it holds --------------------------------------------------
@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_bidirectional_control_is_refused_in_yaml_and_json(tmp_path, char, suffix):
    path = tmp_path / f"tien{suffix}"
    path.write_text('{"kind": "plan", "amount": "' + char + '000.001"}', encoding="utf-8")
    [found] = _errors(path, root="plan")
    assert (found.code, found.path) == ("load.bidi_char", "plan.amount")
    assert f"U+{ord(char):04X}" in found.message and "«100.000» hiện thành «000.001»" in found.message


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_line_break_other_than_newline_is_refused_alike_in_yaml_and_json(tmp_path, char, suffix):
    path = tmp_path / f"dong{suffix}"
    path.write_text('{"kind": "plan",\n"name": "a' + char + 'b"}', encoding="utf-8")
    [found] = _errors(path)
    assert found.code == "load.line_break_char"
    assert found.message == (
        f"Ký tự xuống dòng đặc biệt U+{ord(char):04X} không được phép (YAML và JSON đọc ký tự này khác nhau); hãy "
        "thay bằng một lần xuống dòng thường hoặc một dấu cách."
    )


def test_a_bidirectional_control_in_a_cell_is_refused_at_the_cell(tmp_path):
    path = _workbook(tmp_path, [SCORE_HEADER, ["I. Nhóm", "Tiêu chí \u202e01", 10, 9, None]])
    [found] = _table_errors(path)
    assert (found.code, found.cell) == ("xlsx.type", "Chấm điểm!B2")
    assert "ký tự điều khiển hướng chữ" in found.message


# --- Workbooks ---------------------------------------------------------------------------------------
def _workbook(tmp_path: Path, rows: list[list[object]], *, sheets: int = 1) -> Path:
    workbook = Workbook()
    workbook.active.title = "Chấm điểm"
    for row in rows:
        workbook.active.append(row)
    for i in range(1, sheets):
        workbook.create_sheet(f"Trang {i}")
    path = tmp_path / "diem.xlsx"
    workbook.save(path)
    return path


def _with_part(path: Path, name: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(name, data, compress_type=compress)
    return path


def test_a_workbook_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("HOSO_MAX_XLSX_MB", "1")
    path = _with_part(_workbook(tmp_path, [SCORE_HEADER]), "xl/media/anh.bin", os.urandom(limits.MB), zipfile.ZIP_STORED)
    [found] = _table_errors(path)
    assert found.code == "limit.file_size"
    assert "HOSO_MAX_XLSX_MB" in found.message


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path):
    path = _with_part(_workbook(tmp_path, [SCORE_HEADER]), "xl/bom.xml", bytes(50 * limits.MB))
    [found] = _table_errors(path)
    assert found.code == "limit.zip_part"
    assert found.message.startswith("Thành phần «xl/bom.xml» của tệp nén có tỷ lệ nén ")
    assert "(dấu hiệu của «bom nén»)" in found.message


def test_a_zip_of_too_many_parts_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ZIP_PARTS", 20)
    path = _workbook(tmp_path, [SCORE_HEADER])
    for i in range(20):
        _with_part(path, f"xl/them-{i}.xml", b"<a/>")
    assert [f.code for f in _table_errors(path)] == ["limit.zip_parts"]


def test_a_workbook_of_too_many_sheets_is_refused(tmp_path):
    path = _workbook(tmp_path, [SCORE_HEADER], sheets=limits.MAX_SHEETS + 1)
    [found] = _table_errors(path)
    assert found.format().endswith(f"Sổ tính có {limits.MAX_SHEETS + 1} trang, vượt giới hạn {limits.MAX_SHEETS} "
                                   "trang. Nếu thật sự cần vượt giới hạn này, hãy liên hệ quản trị hệ thống. [limit.sheets]")


def test_a_sheet_over_the_row_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("HOSO_MAX_ROWS", "3")
    path = _workbook(tmp_path, [SCORE_HEADER, *(["I. Nhóm", f"Tiêu chí {i}", 10, 9, None] for i in range(4))])
    [found] = _table_errors(path)
    assert found.message == (
        "Trang «Chấm điểm» có hơn 3 dòng, vượt giới hạn số dòng của một bảng. Nếu dữ liệu thật sự lớn như vậy, có "
        "thể nâng giới hạn bằng biến môi trường HOSO_MAX_ROWS."
    )


def test_a_sheet_over_the_column_limit_is_refused(tmp_path):
    path = _workbook(tmp_path, [[*SCORE_HEADER, *(f"Cột {i}" for i in range(limits.MAX_COLUMNS))]])
    assert [f.code for f in _table_errors(path)] == ["limit.columns"]


# --- Text limits the schemas declare -----------------------------------------------------------------
def _models() -> list[type[BaseModel]]:
    seen: dict[type[BaseModel], None] = {}

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in seen:
                seen[annotation] = None
                for info in annotation.model_fields.values():
                    walk(info.annotation)
        for argument in getattr(annotation, "__args__", ()):
            walk(argument)

    for kind in KINDS.values():
        walk(kind.model)
    return list(seen)


def _text_limits() -> list[tuple[str, Any, int]]:
    found = []
    for model in _models():
        for name, info in model.model_fields.items():
            declared = [m.max_length for m in info.metadata if isinstance(m, annotated_types.MaxLen)]
            annotation = str(info.annotation)
            if declared and "list" not in annotation and "str" in annotation:
                found.append((f"{model.__name__}.{name}", info, min(declared)))
    return found


@pytest.mark.parametrize(("field", "info", "limit"), _text_limits(), ids=[f for f, _, _ in _text_limits()])
def test_every_text_limit_a_schema_declares_is_enforced(field, info, limit):
    wrapper = create_model("Wrapper", value=(info.annotation, info))
    loaded = Loaded(data={"value": "a" * (limit + 1)}, file="t.yaml", lines={}, warnings=())
    with pytest.raises(InputError) as caught:
        validate(loaded, wrapper, root="t")
    assert [f.message for f in caught.value.findings] == [
        f"Giá trị quá dài: tối đa {limit} ký tự, hiện có {limit + 1} ký tự."
    ]


def test_a_subject_of_a_thousand_characters_is_refused_at_three_hundred():
    from schemas.common import DocumentInfo

    with pytest.raises(ValueError, match="at most 300 characters"):
        DocumentInfo(date=datetime.date(2020, 1, 1), subject="a" * 1000)
