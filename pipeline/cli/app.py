"""The ``hoso`` command: a thin layer over the Python API; the only place errors become exit codes.

Exit codes: 0 – done; 1 – bad input, or a checked document has findings; 2 – a template or
internal error. A traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape

from pipeline.stages.draft import Mode
from pipeline.core.errors import Finding, HosoError
from pipeline.commands.pack import PackOptions, default_jobs, find_bloc_file, plan_pack
from pipeline.cli.progress import run_with_progress, summary_table
from pipeline.commands.bench import report_lines, run_bench
from pipeline.commands.dossier import DossierResult, build_dossier
from pipeline.law.kinds import KINDS
from pipeline.nd30.check import RULES, check_docx
from pipeline.orchestrator import TemplateSet, get_kind, render_file, validate_file
from pipeline.law.rulebook import RuleBook, load_book
from pipeline.office.convert import Converter, ToolError, convert_all, merge_pdfs
from pipeline.commands.preview import DEFAULT_DPI, Preview, preview_inputs, watch

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


RulesOption = Annotated[list[Path], typer.Option(
    "--rules",
    help="Tệp quy tắc của tỉnh, khối, cụm (YAML «kind: rule_pack»), bổ sung hoặc thay giá trị của quy tắc chung; "
    "ghi nhiều lần nếu có nhiều tệp, tệp sau đè tệp trước.",
)]
DraftOption = Annotated[bool, typer.Option(
    "--draft", help="Bản dự thảo: chỗ chưa có dữ liệu in «……», mọi trang có dấu «DỰ THẢO»."
)]
StrictOption = Annotated[bool, typer.Option("--strict", help="Coi mọi cảnh báo là lỗi (không tạo văn bản nếu còn cảnh báo).")]


def _rule_book(paths: list[Path]) -> RuleBook | None:
    """The packs with the ``--rules`` files; a broken rules file stops the command like bad data."""
    if not paths:
        return None
    try:
        return load_book(paths)
    except HosoError as exc:
        _print_findings(exc.findings)
        err.print(f"Có {sum(f.is_error for f in exc.findings)} lỗi trong tệp quy tắc; không kiểm tra dữ liệu nào.")
        raise typer.Exit(exc.exit_code) from None


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Hiện traceback khi có lỗi nội bộ.")] = False) -> None:
    _state["debug"] = debug


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Các tệp dữ liệu YAML/JSON.")],
    kind: Annotated[Optional[str], typer.Option("--kind", help="Loại dữ liệu, nếu tệp không ghi «kind:».")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="text hoặc json.")] = OutputFormat.text,
    rules_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    strict: StrictOption = False,
) -> None:
    """Kiểm tra dữ liệu và các quy tắc thi đua, khen thưởng, báo mọi lỗi một lần."""
    book = _rule_book(rules_files)
    results: list[dict[str, object]] = []
    failed = False
    for path in paths:
        try:
            findings = validate_file(path, kind, rules=book, strict=strict).warnings
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
    draft: DraftOption = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Tạo thêm bản PDF cạnh mỗi tệp .docx (cần LibreOffice).")] = False,
    rules_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    strict: StrictOption = False,
) -> None:
    """Tạo các văn bản .docx của một tệp dữ liệu (ví dụ: biên bản họp và biên bản kiểm phiếu)."""
    book = _rule_book(rules_files)
    try:
        written = render_file(
            kind, path, output, TemplateSet(templates), mode=Mode.DRAFT if draft else Mode.FINAL, rules=book,
            strict=strict,
        )
    except HosoError as exc:
        _fail(exc)
    _print_findings(written.warnings)
    for target in written.paths:
        out.print(f"Đã tạo {target}", markup=False)
    if not written.paths:
        # A bloc file or a nominee list is checked, not printed: say so rather than stay silent.
        out.print(f"Dữ liệu hợp lệ; loại «{kind}» không có văn bản riêng: {get_kind(kind).title}.", markup=False)
    if pdf and not make_pdfs(written.paths):
        raise typer.Exit(EXIT_INTERNAL)


# Starting an office costs about 0,8 s, a one-page PDF 0,035 s once it is warm: a second office only
# pays off for a long batch (measured, README).
_DOCUMENTS_PER_OFFICE = 40


def make_pdfs(paths: list[Path]) -> bool:
    """A PDF beside each .docx with warm LibreOffices (one per core for a long batch); prints what
    was made and what was not. False when a PDF is missing; the .docx files stay either way."""
    workers = min(os.cpu_count() or 1, max(1, len(paths) // _DOCUMENTS_PER_OFFICE))
    try:
        results = convert_all(paths, workers=workers)
    except ToolError as exc:
        _print_findings(exc.findings)
        return False
    for result in results:
        if result.pdf is None:
            _print_findings([result.finding] if result.finding else [])
        else:
            out.print(f"Đã tạo {result.pdf}", markup=False)
    return all(result.pdf is not None for result in results)


@app.command("pdf")
def pdf_command(files: Annotated[list[Path], typer.Argument(help="Các tệp .docx.")]) -> None:
    """Tạo bản PDF cạnh mỗi tệp .docx, dùng một LibreOffice cho cả loạt."""
    raise typer.Exit(EXIT_OK if make_pdfs(files) else EXIT_INTERNAL)


@app.command()
def preview(
    paths: Annotated[list[Path], typer.Argument(help="Các tệp dữ liệu YAML/JSON (loại lấy từ dòng «kind:»).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi bản xem trước.")],
    watch_files: Annotated[bool, typer.Option(
        "--watch", help="Theo dõi: mỗi khi lưu tệp dữ liệu hoặc mẫu, tạo lại bản xem trước (Ctrl-C để dừng)."
    )] = False,
    templates: Annotated[Optional[Path], typer.Option("--templates", help="Thư mục mẫu .docx riêng.")] = None,
    dpi: Annotated[int, typer.Option("--dpi", min=30, max=600, help="Độ phân giải ảnh trang.")] = DEFAULT_DPI,
    rules_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
) -> None:
    """Xem trước bản dự thảo: tạo .docx, PDF và ảnh PNG từng trang của mọi văn bản, in đường dẫn."""
    book = _rule_book(rules_files)
    try:
        with Converter() as converter:
            if not watch_files:
                result = preview_inputs(paths, output, converter, TemplateSet(templates), dpi=dpi, rules=book)
                _print_preview(result)
                raise typer.Exit(EXIT_FINDINGS if result.failed else EXIT_OK)
            converter.start()
            out.print("Đang theo dõi các tệp; lưu tệp để xem lại, Ctrl-C để dừng.", markup=False)
            try:
                watch(paths, output, converter, templates, _print_preview, dpi=dpi, rules=book)
            except KeyboardInterrupt:
                out.print("Đã dừng theo dõi.", markup=False)
    except ToolError as exc:
        _fail_tool(exc)


def _print_preview(result: Preview) -> None:
    _print_findings(result.findings)
    for document in result.documents:
        for made in (document.docx, document.pdf, *document.images):
            if made is not None:
                out.print(f"Đã tạo {made}", markup=False)


def _fail_tool(exc: ToolError) -> NoReturn:
    _print_findings(exc.findings)
    raise typer.Exit(exc.exit_code)


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


@app.command()
def pack(
    bloc: Annotated[Path, typer.Argument(
        help="Thư mục của Khối (có tệp khối «kind: bloc», ví dụ khoi.yaml) hoặc chính tệp khối."
    )],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi gói hồ sơ.")],
    jobs: Annotated[Optional[int], typer.Option(
        "-j", "--jobs", min=1, help="Số tiến trình chạy song song; mặc định bằng số lõi CPU."
    )] = None,
    templates: Annotated[Optional[Path], typer.Option("--templates", help="Thư mục mẫu .docx riêng.")] = None,
    rule_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    strict: StrictOption = False,
    draft: DraftOption = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Tạo thêm bản PDF cạnh mỗi tệp .docx (cần LibreOffice).")] = False,
) -> None:
    """Tạo cả gói hồ sơ thi đua cuối năm của một Khối: mỗi đơn vị một thư mục, kèm Phiếu gửi kê mọi văn bản.

    Đơn vị có dữ liệu sai được báo lỗi và bỏ qua; các đơn vị khác vẫn được tạo (mã thoát 1).
    """
    options = PackOptions(templates, tuple(rule_files), strict, Mode.DRAFT if draft else Mode.FINAL)
    try:
        plan = plan_pack(find_bloc_file(bloc))
        report = run_with_progress(plan, output, jobs=jobs or default_jobs(), options=options, console=err)
    except HosoError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        err.print("Đã dừng. Các tệp đã ghi đều trọn vẹn; chạy lại lệnh để tạo nốt.")
        raise typer.Exit(EXIT_FINDINGS) from None
    _print_findings(report.warnings())
    # A unit's error also stops the bloc summary that links the unit: print it once.
    _print_findings(list(dict.fromkeys(f for result in report.ordered() for f in result.errors)))
    out.print(summary_table(report))
    written = [output / item.file for result in report.ordered() for item in result.written]
    failed = sum(1 for result in report.ordered() if not result.ok)
    if report.index is not None:
        out.print(f"Đã tạo {len(written) + 1} văn bản vào {output}; Phiếu gửi: {report.index}", markup=False)
    if failed:
        err.print(f"{failed} nhóm văn bản có lỗi nên chưa được tạo; sửa dữ liệu rồi chạy lại lệnh.")
    if pdf and written and not make_pdfs([*written, report.index]):
        raise typer.Exit(EXIT_INTERNAL)
    raise typer.Exit(report.exit_code)


@app.command()
def dossier(
    path: Annotated[Path, typer.Argument(help="Tệp hồ sơ (kind: dossier), ví dụ ho-so-co-thi-dua-chinh-phu.yaml.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi hồ sơ.")],
    templates: Annotated[Optional[Path], typer.Option("--templates", help="Thư mục mẫu .docx riêng.")] = None,
    rule_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    strict: StrictOption = False,
    draft: DraftOption = False,
    pdf: Annotated[bool, typer.Option(
        "--pdf", help="Tạo thêm bản PDF cạnh mỗi tệp .docx và một tệp ho-so.pdf gộp cả hồ sơ (cần LibreOffice)."
    )] = False,
) -> None:
    """Lập hồ sơ đề nghị khen thưởng: kiểm tra đủ thành phần theo danh hiệu, xếp văn bản theo thứ tự luật định,
    kèm Phiếu gửi, manifest.json và một tệp .zip."""
    options = PackOptions(templates, tuple(rule_files), strict, Mode.DRAFT if draft else Mode.FINAL)
    try:
        result = build_dossier(path, output, options)
    except HosoError as exc:
        _fail(exc)
    _print_findings(result.warnings)
    out.print(f"Đã tạo hồ sơ gồm {len(result.files)} tệp vào {output}; Phiếu gửi: {result.files[0]}", markup=False)
    out.print(f"Đã tạo {result.manifest}", markup=False)
    out.print(f"Đã tạo {result.archive}", markup=False)
    if pdf and not make_dossier_pdf(result):
        raise typer.Exit(EXIT_INTERNAL)


def make_dossier_pdf(result: DossierResult) -> bool:
    """A PDF beside each .docx, then one PDF of the whole dossier in its order (PDF proofs included),
    a bookmark per document."""
    documents = [p for p in result.files if p.suffix == ".docx"]
    if not make_pdfs(documents):
        return False
    parts = [(p.with_suffix(".pdf") if p.suffix == ".docx" else p, title)
             for p, title in zip(result.files, result.titles) if p.suffix in (".docx", ".pdf")]
    merged = merge_pdfs([p for p, _ in parts], [t for _, t in parts], result.files[0].parent / "ho-so.pdf")
    out.print(f"Đã tạo {merged}", markup=False)
    return True


@app.command()
def bench(
    units: Annotated[str, typer.Option(
        "--units", help="Số đơn vị của các khối thử, cách nhau bằng dấu phẩy."
    )] = "10,100,1000",
    jobs: Annotated[Optional[int], typer.Option(
        "-j", "--jobs", min=1, help="Số tiến trình cho các gói; mặc định bằng số lõi CPU."
    )] = None,
    runs: Annotated[int, typer.Option("--runs", min=3, help="Số lần đo mỗi văn bản.")] = 30,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Số lần chạy mỗi gói (lấy lần trung vị).")] = 3,
    check: Annotated[bool, typer.Option("--check", help="Kiểm tra thể thức NĐ 30 mọi văn bản của các gói.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Đo thêm thời gian tạo PDF (cần LibreOffice).")] = False,
    keep: Annotated[Optional[Path], typer.Option("--keep", help="Giữ dữ liệu thử và các gói trong thư mục này.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="text hoặc json.")] = OutputFormat.text,
) -> None:
    """Đo tốc độ trên máy này: một văn bản, danh sách 500 dòng, các gói 10, 100, 1 000 đơn vị (không thuộc make test)."""
    try:
        sizes = [int(part) for part in units.split(",") if part.strip()]
    except ValueError:
        err.print(f"--units phải là các số cách nhau bằng dấu phẩy, ví dụ 10,100,1000 (nhận được «{units}»).",
                  markup=False)
        raise typer.Exit(EXIT_FINDINGS) from None
    report = run_bench(sizes, jobs=jobs or default_jobs(), runs=runs, repeat=repeat, keep=keep, check=check, pdf=pdf,
                       on_step=lambda step: err.print(f"Đang {step}…", markup=False))
    if fmt is OutputFormat.json:
        out.print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), markup=False)
    else:
        for line in report_lines(report):
            out.print(line, markup=False)


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
