"""Tables from Excel workbooks: member lists, score tables, vote tallies, nominee lists.

Clerks keep long tables in Excel. Wherever an input holds one of the tables below, the YAML may
name a workbook instead of typing the rows: ``scoring: cham-diem.xlsx`` reads the sheet of the
table's usual name (``Chấm điểm``), ``scoring: cham-diem.xlsx#Bảng 2`` another sheet; a
workbook with a single sheet is read whatever its name. Row 1 holds the column headers (in any
order, as in :data:`TABLES`); every following non-empty row is one entry. In a table of groups
(criteria in groups, candidates per title), the group's cells may be left empty – or merged –
below its first row.

The rows become the same data the YAML would hold, so the schema checks them exactly as it
checks typed data; only the places change: every finding about a value read from a cell names
the workbook and the cell (``cham-diem.xlsx: Chấm điểm!D7: …``), and a cell of the wrong type
is reported before the schema sees it, with the type the column expects.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from pipeline.core.errors import Finding, InputError
from pipeline.core.messages import finding
from pipeline.core.limits import MAX_COLUMNS, MAX_SHEETS, ROWS, XLSX_BYTES, file_problem, zip_problems
from pipeline.stages.link import Roots, is_file, resolve
from pipeline.stages.load import BIDI, Loaded, Loc, format_path, visible

ColumnType = Literal["text", "integer", "number", "date", "texts"]

_EXPECTED: dict[ColumnType, str] = {
    "text": "chữ",
    "integer": "một số nguyên",
    "number": "một số",
    "date": "một ngày (kiểu ngày của Excel)",
    "texts": "chữ (nhiều mục cách nhau bằng dấu «;» hoặc xuống dòng)",
}
_DECIMAL_COMMA = re.compile(r"^\d+(,\d+)?$")
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_BIDI = re.compile(f"[{BIDI}]")
_WORKBOOK = "sổ tính Excel (.xlsx)"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    type: ColumnType = "text"
    required: bool = True
    carry: bool = False
    """A group's column: an empty (or merged) cell takes the value of the row above."""


@dataclass(frozen=True)
class Row:
    values: dict[str, Any]
    cells: dict[str, str]
    """Column key → ``Sheet!C7``, for every column of the sheet, filled or not."""


Builder = Callable[[list[Row]], tuple[Any, dict[Loc, str]]]
"""Rows → the field's data, and the cell of each data path inside the field."""


@dataclass(frozen=True)
class TableSpec:
    sheet: str
    columns: tuple[Column, ...]
    build: Builder


# --- Builders ---------------------------------------------------------------------------------------
def _records(rows: list[Row]) -> tuple[list[dict[str, Any]], dict[Loc, str]]:
    """One entry per row (a member list); a list cell's items all point at that cell."""
    data: list[dict[str, Any]] = []
    cells: dict[Loc, str] = {}
    for i, row in enumerate(rows):
        data.append(dict(row.values))
        cells[(i,)] = next(iter(row.cells.values()))
        for key, cell in row.cells.items():
            cells[(i, key)] = cell
            value = row.values.get(key)
            if isinstance(value, list):
                cells.update({(i, key, j): cell for j in range(len(value))})
    return data, cells


def _grouped(group: Mapping[str, str], items: str, item: Mapping[str, str] | str) -> Builder:
    """Consecutive rows with the same value in the first ``group`` column form one group; each
    row adds one entry to the group's list ``items``: a mapping of its ``item`` columns, or the
    value of the single column ``item``. ``group`` and ``item`` map column keys to data keys."""
    first = next(iter(group))

    def build(rows: list[Row]) -> tuple[list[dict[str, Any]], dict[Loc, str]]:
        groups: list[dict[str, Any]] = []
        cells: dict[Loc, str] = {}
        previous = object()
        for row in rows:
            if row.values.get(first) != previous or not groups:
                previous = row.values.get(first)
                groups.append({key: row.values[column] for column, key in group.items() if column in row.values})
                groups[-1][items] = []
                g = len(groups) - 1
                cells[(g,)] = cells[(g, items)] = row.cells[first]
                cells.update({(g, key): row.cells[column] for column, key in group.items() if column in row.cells})
            g, n = len(groups) - 1, len(groups[-1][items])
            if isinstance(item, str):
                if item in row.values:
                    groups[-1][items].append(row.values[item])
                cells[(g, items, n)] = row.cells[item]
            else:
                groups[-1][items].append({key: row.values[column] for column, key in item.items() if column in row.values})
                cells[(g, items, n)] = row.cells[next(iter(item))]
                cells.update({(g, items, n, key): row.cells[column] for column, key in item.items() if column in row.cells})
        return groups, cells

    return build


def _mapping(key: str, value: str) -> Builder:
    """Two columns as ``{key: value}`` (a summary per nominee)."""

    def build(rows: list[Row]) -> tuple[dict[str, Any], dict[Loc, str]]:
        data: dict[str, Any] = {}
        cells: dict[Loc, str] = {}
        for row in rows:
            if key in row.values:
                data[row.values[key]] = row.values.get(value)
                cells[(row.values[key],)] = row.cells[value]
        return data, cells

    return build


TABLES: Mapping[tuple[str, str], TableSpec] = {
    ("bloc", "members"): TableSpec(
        "Thành viên",
        (
            Column("Tên đơn vị", "name"),
            Column("Thư mục", "folder", required=False),
            Column("Tệp dữ liệu", "files", "texts"),
        ),
        _records,
    ),
    ("self_assessment", "scoring"): TableSpec(
        "Chấm điểm",
        (
            Column("Nhóm tiêu chí", "group", carry=True),
            Column("Tiêu chí", "criterion"),
            Column("Điểm tối đa", "max_points", "number"),
            Column("Điểm tự chấm", "self_score", "number"),
            Column("Minh chứng", "evidence", required=False),
        ),
        _grouped(
            {"group": "name"}, "criteria",
            {"criterion": "name", "max_points": "max_points", "self_score": "self_score", "evidence": "evidence"},
        ),
    ),
    ("vote", "titles"): TableSpec(
        "Kết quả bỏ phiếu",
        (
            Column("Danh hiệu", "title", carry=True),
            Column("Đối tượng", "recipient", required=False, carry=True),
            Column("Số suất", "seats", "integer", carry=True),
            Column("Ứng viên", "candidate"),
            Column("Số phiếu đồng ý", "votes", "integer"),
        ),
        _grouped(
            {"title": "name", "recipient": "recipient", "seats": "seats"}, "candidates",
            {"candidate": "name", "votes": "votes"},
        ),
    ),
    ("registration", "individual_titles"): TableSpec(
        "Đăng ký cá nhân",
        (Column("Danh hiệu", "title", carry=True), Column("Họ và tên", "name")),
        _grouped({"title": "title"}, "names", "name"),
    ),
    ("nomination", "achievements"): TableSpec(
        "Tóm tắt thành tích",
        (Column("Tập thể, cá nhân", "name"), Column("Tóm tắt thành tích", "summary")),
        _mapping("name", "summary"),
    ),
}
"""The tables that may come from a workbook: (kind, field) → sheet, columns and shape."""


# --- Reading a sheet --------------------------------------------------------------------------------
@dataclass
class CellMap:
    """Where the values of one input read from workbooks are: data path (as printed) →
    (workbook, cell)."""

    file: str
    """The input (YAML or JSON) that names the workbooks."""
    places: dict[str, tuple[str, str]] = field(default_factory=dict)

    def relocate(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` with every one about a value of this input read from a workbook pointing at
        its cell (the nearest known cell when the finding is about a group or a whole row)."""
        return [self._relocated(item) for item in findings]

    def _relocated(self, item: Finding) -> Finding:
        if item.file not in (None, self.file):
            return item  # a linked input's finding: its paths are its own
        path = item.path or ""
        while path:
            if path in self.places:
                file, cell = self.places[path]
                return dataclasses.replace(item, file=file, cell=cell, line=None)
            path = _parent(path)
        return item


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def expand_tables(loaded: Loaded, root: str, base: Path, roots: Roots | None = None) -> tuple[Loaded, CellMap]:
    """``loaded`` with every table given as a workbook name replaced by the workbook's rows; a
    workbook's path stays inside ``roots`` (default: ``base``, see :mod:`pipeline.stages.link`).

    Raises :class:`InputError` with every problem of every workbook (missing, unreadable, wrong
    header, a cell of the wrong type) at once.
    """
    cells = CellMap(loaded.file)
    data = dict(loaded.data)
    findings: list[Finding] = []
    for (kind, key), spec in TABLES.items():
        reference = data.get(key)
        if kind != root or not isinstance(reference, str):
            continue
        name, _, sheet = reference.partition("#")
        if not name.lower().endswith(".xlsx"):
            continue
        where = Finding("", "", file=loaded.file, path=format_path(root, (key,)), line=loaded.lines.get((key,)))
        _, problem = resolve(name, base, roots or Roots.around(base))
        if problem and problem[0].startswith("input.outside"):
            findings.append(finding(problem[0], file=where.file, path=where.path, line=where.line, **problem[1]))
            continue
        try:
            rows, shown, chosen = read_table(base / name, sheet or None, spec, where)
        except InputError as exc:
            findings += exc.findings
            continue
        data[key], places = spec.build(rows)
        cells.places[format_path(root, (key,))] = (shown, chosen)
        cells.places.update({format_path(root, (key, *loc)): (shown, cell) for loc, cell in places.items()})
    if findings:
        raise InputError(findings)
    return dataclasses.replace(loaded, data=data), cells


def read_table(path: Path, sheet: str | None, spec: TableSpec, where: Finding) -> tuple[list[Row], str, str]:
    """The non-empty rows under the header row of ``sheet`` (or of the table's usual sheet, or of
    the only sheet); ``where`` locates the YAML field that names the workbook. Also returns the
    workbook's name as findings show it and the sheet read."""
    shown = str(path)
    if not is_file(path):
        raise InputError([finding(
            "xlsx.not_found", file=where.file, path=where.path, line=where.line, name=path.name, folder=path.parent,
        )])
    _refuse_oversized(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise InputError([finding("xlsx.unreadable", file=shown)]) from None
    try:
        names = workbook.sheetnames
        if len(names) > MAX_SHEETS:
            raise InputError([finding("limit.sheets", file=shown, count=len(names), limit=MAX_SHEETS)])
        chosen = sheet or (spec.sheet if spec.sheet in names or len(names) != 1 else names[0])
        if chosen not in names:
            listed = ", ".join(f"«{n}»" for n in names)
            raise InputError([finding("xlsx.sheet_missing", file=shown, sheet=chosen, sheets=listed)])
        table = _bounded_rows(workbook[chosen], chosen, shown)
    finally:
        workbook.close()
    rows, findings = _rows(table, chosen, spec, shown)
    if findings:
        raise InputError(findings)
    return rows, shown, chosen


def _refuse_oversized(path: Path) -> None:
    """Before openpyxl reads anything: the file is a regular one within the size limit, and its zip
    directory promises no part, nor a whole, too large to inflate (a «zip bomb»)."""
    problem = file_problem(path, _WORKBOOK, XLSX_BYTES)
    if problem:
        raise InputError([problem])
    try:
        with zipfile.ZipFile(path) as archive:
            findings = zip_problems(archive, str(path))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError([finding("xlsx.unreadable", file=str(path))]) from None
    if findings:
        raise InputError(findings)


def _bounded_rows(sheet: Any, name: str, shown: str) -> list[tuple[Any, ...]]:
    """The sheet's rows as value tuples, refused once past the row or column limit (the sheet's
    declared size is checked first: openpyxl pads every row to it)."""
    limit = ROWS.value() + 1  # the header row
    columns = sheet.max_column or 0
    if columns > MAX_COLUMNS:
        raise InputError([finding("limit.columns", file=shown, sheet=name, count=columns, limit=MAX_COLUMNS)])
    if (sheet.max_row or 0) > limit:
        raise InputError([finding("limit.rows", file=shown, sheet=name, limit=limit - 1, variable=ROWS.variable)])
    table = []
    for values in sheet.iter_rows(values_only=True, max_col=columns or MAX_COLUMNS):
        table.append(tuple(values))
        if len(table) > limit:
            raise InputError([finding("limit.rows", file=shown, sheet=name, limit=limit - 1, variable=ROWS.variable)])
    return table


def _header_key(text: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).rstrip(" :*").casefold()


def _rows(table: list[tuple[Any, ...]], sheet: str, spec: TableSpec, shown: str) -> tuple[list[Row], list[Finding]]:
    findings: list[Finding] = []

    def error(key: str, cell: str, /, **params: object) -> None:
        findings.append(finding(key, file=shown, cell=f"{sheet}!{cell}", **params))

    header = table[0] if table else ()
    by_header = {_header_key(c.header): c for c in spec.columns}
    positions: dict[str, int] = {}
    for index, text in enumerate(header):
        if text is None or not str(text).strip():
            continue
        column = by_header.get(_header_key(text))
        ref = f"{get_column_letter(index + 1)}1"
        if column is None:
            known = ", ".join(f"«{c.header}»" for c in spec.columns)
            error("xlsx.header", ref, header=visible(str(text)), table=spec.sheet, columns=known)
        elif column.key in positions:
            error("xlsx.header/repeated", ref, header=column.header)
        else:
            positions[column.key] = index
    for column in spec.columns:
        if column.required and column.key not in positions:
            error("xlsx.header/missing", "A1", header=column.header, sheet=sheet)
    if findings:
        return [], findings
    rows: list[Row] = []
    carried: dict[str, Any] = {}
    for number, values in enumerate(table[1:], start=2):
        if all(_blank(v) for v in values):
            continue
        row_values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for column in spec.columns:
            if column.key not in positions:
                continue
            index = positions[column.key]
            ref = f"{get_column_letter(index + 1)}{number}"
            cells[column.key] = f"{sheet}!{ref}"
            raw = values[index] if index < len(values) else None
            if _blank(raw) and column.carry and column.key in carried:
                row_values[column.key] = carried[column.key]
                continue
            if _blank(raw):
                if column.required:
                    error("xlsx.missing", ref, header=column.header, expected=_EXPECTED[column.type])
                continue
            value, problem = _convert(raw, column.type)
            if problem:
                error("xlsx.type", ref, header=column.header, expected=_EXPECTED[column.type], problem=problem)
                continue
            row_values[column.key] = value
            if column.carry:
                carried[column.key] = value
        rows.append(Row(row_values, cells))
    return rows, findings


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _convert(raw: object, kind: ColumnType) -> tuple[Any, str | None]:
    """The cell's value as the column's type, or (None, what the cell holds) when it is not one."""
    if isinstance(raw, bool):
        return None, f"giá trị đúng/sai «{'TRUE' if raw else 'FALSE'}»"
    if kind == "integer":
        if isinstance(raw, int) or (isinstance(raw, float) and raw.is_integer()):
            return int(raw), None
        if isinstance(raw, str) and raw.strip().isdigit():
            return int(raw.strip()), None
        return None, _shown(raw)
    if kind == "number":
        if isinstance(raw, (int, float)):
            return Decimal(str(raw)), None
        # Excel set to another language keeps "9,5" as text: the Vietnamese decimal comma.
        if isinstance(raw, str) and _DECIMAL_COMMA.match(raw.strip()):
            return Decimal(raw.strip().replace(",", ".")), None
        return None, _shown(raw)
    if kind == "date":
        if isinstance(raw, datetime.datetime):
            return raw.date(), None
        if isinstance(raw, datetime.date):
            return raw, None
        return None, _shown(raw)
    if isinstance(raw, (datetime.date, datetime.time)):
        return None, _shown(raw)
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\t", " ")).strip()
    if _FORBIDDEN.search(text.replace("\n", " ") if kind == "texts" else text):
        return None, "ký tự điều khiển (sẽ làm hỏng tệp .docx)"
    if _BIDI.search(text):
        return None, "ký tự điều khiển hướng chữ (làm văn bản hiện ra khác với nội dung thật)"
    if kind == "texts":
        return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()], None
    if "\n" in text:
        return None, "nhiều dòng (chỉ được một dòng)"
    return text, None


def _shown(raw: object) -> str:
    if isinstance(raw, str):
        text = raw.strip()
        return f"chữ «{visible(text if len(text) <= 60 else text[:59] + '…')}»"
    if isinstance(raw, datetime.datetime):
        return f"ngày giờ «{raw.strftime('%d/%m/%Y %H:%M')}»"
    if isinstance(raw, datetime.date):
        return f"ngày «{raw.strftime('%d/%m/%Y')}»"
    if isinstance(raw, datetime.time):
        return f"giờ «{raw.strftime('%H:%M')}»"
    return f"số «{raw}»"
