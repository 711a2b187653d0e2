"""The ``hoso`` command: a thin layer over the Python API; the only place errors become exit codes.

Exit codes: 0 – done; 1 – bad input, or a checked document has findings; 2 – a template or
internal error. A traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .errors import Finding, HosoError
from .kinds import KINDS
from .nd30.check import RULES, check_docx
from .orchestrator import TemplateSet, get_kind, render_file, validate_file

EXIT_OK, EXIT_FINDINGS, EXIT_INTERNAL = 0, 1, 2

app = typer.Typer(
    help="hoso – soạn văn bản thi đua, khen thưởng đúng Nghị định 30/2020/NĐ-CP từ dữ liệu YAML/JSON.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
_state = {"debug": False}


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        label = "[red]lỗi[/red]" if finding.is_error else "[yellow]cảnh báo[/yellow]"
        err.print(f"{label}: {escape(finding.format())}")


def _fail(exc: HosoError) -> NoReturn:
    _print_findings(exc.findings)
    errors = sum(f.is_error for f in exc.findings)
    err.print(f"Có {errors} lỗi; không tạo văn bản nào.")
    raise typer.Exit(exc.exit_code)


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Hiện traceback khi có lỗi nội bộ.")] = False) -> None:
    _state["debug"] = debug


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Các tệp dữ liệu YAML/JSON.")],
    kind: Annotated[Optional[str], typer.Option("--kind", help="Loại dữ liệu, nếu tệp không ghi «kind:».")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="text hoặc json.")] = OutputFormat.text,
) -> None:
    """Kiểm tra dữ liệu, báo mọi lỗi một lần."""
    results: list[dict[str, object]] = []
    failed = False
    for path in paths:
        try:
            findings = validate_file(path, kind).warnings
        except HosoError as exc:
            findings, failed = exc.findings, True
        results.append({"file": str(path), "findings": [f.to_dict() for f in findings]})
        if fmt is OutputFormat.text:
            _print_findings(findings)
            if not any(f.is_error for f in findings):
                out.print(f"{path}: hợp lệ")
    if fmt is OutputFormat.json:
        out.print(json.dumps(results, ensure_ascii=False, indent=2), markup=False)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command()
def render(
    kind: Annotated[str, typer.Argument(help=f"Loại văn bản: {', '.join(KINDS)}.")],
    path: Annotated[Path, typer.Argument(help="Tệp dữ liệu YAML/JSON.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi văn bản.")],
    templates: Annotated[Optional[Path], typer.Option("--templates", help="Thư mục mẫu .docx riêng.")] = None,
) -> None:
    """Tạo các văn bản .docx của một tệp dữ liệu (ví dụ: biên bản họp và biên bản kiểm phiếu)."""
    try:
        written = render_file(kind, path, output, TemplateSet(templates))
    except HosoError as exc:
        _fail(exc)
    _print_findings(written.warnings)
    for target in written.paths:
        out.print(f"Đã tạo {target}", markup=False)


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Các tệp .docx cần kiểm tra.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", help="text hoặc json.")] = OutputFormat.text,
) -> None:
    """Kiểm tra thể thức văn bản .docx theo Phụ lục I, Nghị định 30/2020/NĐ-CP."""
    all_findings = {str(path): check_docx(path) for path in files}
    if fmt is OutputFormat.json:
        payload = [{"file": f, "findings": [x.to_dict() for x in fs]} for f, fs in all_findings.items()]
        out.print(json.dumps(payload, ensure_ascii=False, indent=2), markup=False)
    else:
        for name, findings in all_findings.items():
            _print_findings(findings)
            out.print(f"{name}: {_summary(findings)}")
    # Any finding fails the check, warnings included: a document is either clean or it is not.
    failed = any(all_findings.values())
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _summary(findings: list[Finding]) -> str:
    if not findings:
        return "đạt thể thức NĐ 30, không có phát hiện nào"
    errors = sum(f.is_error for f in findings)
    return f"{errors} lỗi, {len(findings) - errors} cảnh báo"


@app.command()
def rules() -> None:
    """Liệt kê các quy tắc thể thức mà «hoso check» kiểm tra."""
    for code, description in RULES.items():
        out.print(f"{code}\t{description}", markup=False)


@app.command()
def schema(kind: Annotated[str, typer.Argument(help=f"Loại dữ liệu: {', '.join(KINDS)}.")]) -> None:
    """In JSON Schema của một loại dữ liệu (cho trình soạn thảo YAML/JSON)."""
    try:
        model = get_kind(kind).model
    except HosoError as exc:
        _fail(exc)
    out.print(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2), markup=False)


def main() -> None:
    try:
        app()
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 – the last line of defence: no traceback for users
        if _state["debug"]:
            raise
        err.print(f"Lỗi nội bộ của hoso: {exc!r}. Chạy lại với --debug để xem chi tiết.", markup=False)
        sys.exit(EXIT_INTERNAL)
