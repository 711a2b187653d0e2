"""The ``hoso`` command: a thin layer over the Python API (:mod:`pipeline.api`); the only place
errors become exit codes.

Exit codes: 0 – done; 1 – bad input, or a checked document has findings; 2 – a template or
internal error, or a command typed wrongly (a missing argument, an unknown option). A traceback
is shown only with ``--debug``.

Each command imports the API when it runs: ``hoso --help`` and a mistyped command answer
without loading the models, the templates' engine, the PDF and spreadsheet libraries. The help is
Vietnamese, typer's own words included (:mod:`pipeline.cli.vietnamese`). ``hoso bench`` is the one
command outside the API: a developer's measurement of this machine, not something a program calls.
``hoso check`` calls the check's command module, which the API only forwards to, so that checking
one file starts in a fraction of the time the whole API takes to load.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, TypeVar

import typer
from rich.console import Console
from typer._click.exceptions import UsageError
from rich.markup import escape

from pipeline.cli.vietnamese import OPTIONS_METAVAR, SUBCOMMAND_METAVAR, Command, Group, usage_error
from pipeline.core.resources import InstallError
from pipeline.law.kind_names import KIND_NAMES

if TYPE_CHECKING:
    from pipeline.api import Converted, DossierResult, Finding, HosoError, Preview, RuleBook

EXIT_OK, EXIT_FINDINGS, EXIT_INTERNAL = 0, 1, 2

app = typer.Typer(
    cls=Group,
    help="hoso – soạn văn bản thi đua, khen thưởng đúng Nghị định 30/2020/NĐ-CP từ dữ liệu YAML/JSON.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar=SUBCOMMAND_METAVAR,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
_state = {"debug": False}
_KINDS = ", ".join(KIND_NAMES)
_Function = TypeVar("_Function", bound=Callable[..., Any])


def command(name: str | None = None) -> Callable[[_Function], _Function]:
    """A subcommand, its help and usage in Vietnamese."""
    return app.command(name, cls=Command)


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
TemplatesOption = Annotated[Optional[Path], typer.Option("--templates", help="Thư mục mẫu .docx riêng.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="text hoặc json.")]
AllowRootOption = Annotated[list[Path], typer.Option(
    "--allow-root", metavar="THƯ_MỤC",
    help="Cho phép dữ liệu trỏ tới tệp trong thư mục này, ngoài thư mục dữ liệu của tệp (ghi nhiều lần nếu cần).",
)]


def _rule_book(paths: list[Path]) -> RuleBook | None:
    """The packs with the ``--rules`` files; a broken rules file stops the command like bad data."""
    from pipeline import api

    if not paths:
        return None
    try:
        return api.rule_book(paths)
    except api.HosoError as exc:
        _print_findings(exc.findings)
        err.print(f"Có {sum(f.is_error for f in exc.findings)} lỗi trong tệp quy tắc; không kiểm tra dữ liệu nào.")
        raise typer.Exit(exc.exit_code) from None


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Hiện traceback khi có lỗi nội bộ.")] = False) -> None:
    _state["debug"] = debug


@command()
def validate(
    paths: Annotated[list[Path], typer.Argument(
        metavar="TỆP", help="Các tệp dữ liệu YAML/JSON, hoặc thư mục của một Khối (có tệp «kind: bloc»): kiểm tra "
        "mọi tệp của Khối và đối chiếu các văn bản với nhau.",
    )],
    kind: Annotated[Optional[str], typer.Option("--kind", help="Loại dữ liệu, nếu tệp không ghi «kind:».")] = None,
    fmt: FormatOption = OutputFormat.text,
    rules_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    strict: StrictOption = False,
    allow_roots: AllowRootOption = [],  # noqa: B006 – typer reads the default, never mutates it
) -> None:
    """Kiểm tra dữ liệu và các quy tắc thi đua, khen thưởng, báo mọi lỗi một lần."""
    from pipeline import api

    book = _rule_book(rules_files)
    results: list[dict[str, object]] = []
    failed = False
    shown: set[Finding] = set()
    for path in paths:
        try:
            if path.is_dir():
                findings = api.validate_bloc(path, rules_files=rules_files, strict=strict,
                                             allowed_roots=allow_roots).findings
            else:
                findings = api.validate(path, kind=kind, rules=book, strict=strict, allowed_roots=allow_roots).warnings
        except api.HosoError as exc:
            findings, failed = exc.findings, True
        results.append({"file": str(path), "findings": [f.to_dict() for f in findings]})
        if fmt is OutputFormat.text:
            # A file linked by several of the inputs (the vote behind the tờ trình and the
            # decision) brings the same warnings each time: print them once.
            _print_findings([f for f in findings if f not in shown])
            shown.update(findings)
            if not any(f.is_error for f in findings):
                out.print(f"{path}: hợp lệ")
    if fmt is OutputFormat.json:
        out.print(json.dumps(results, ensure_ascii=False, indent=2), markup=False)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


PdfOption = Annotated[bool, typer.Option("--pdf", help="Tạo thêm bản PDF cạnh mỗi tệp .docx (cần LibreOffice).")]


@command()
def render(
    kind: Annotated[str, typer.Argument(metavar="LOẠI", help=f"Loại văn bản: {_KINDS}.")],
    path: Annotated[Path, typer.Argument(metavar="TỆP", help="Tệp dữ liệu YAML/JSON.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi văn bản.")],
    templates: TemplatesOption = None,
    draft: DraftOption = False,
    pdf: PdfOption = False,
    rules_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    strict: StrictOption = False,
    allow_roots: AllowRootOption = [],  # noqa: B006 – typer reads the default, never mutates it
) -> None:
    """Tạo các văn bản .docx của một tệp dữ liệu (ví dụ: biên bản họp và biên bản kiểm phiếu)."""
    from pipeline import api

    book = _rule_book(rules_files)
    try:
        written = api.render(path, output, kind=kind, templates=templates, draft=draft, rules=book, strict=strict,
                             allowed_roots=allow_roots)
    except api.HosoError as exc:
        _fail(exc)
    _print_findings(written.warnings)
    for target in written.paths:
        out.print(f"Đã tạo {target}", markup=False)
    if not written.paths:
        # A bloc file or a nominee list is checked, not printed: say so rather than stay silent.
        out.print(f"Dữ liệu hợp lệ; loại «{kind}» không có văn bản riêng: {api.kinds()[kind].title}.", markup=False)
    if pdf and not make_pdfs(written.paths):
        raise typer.Exit(EXIT_INTERNAL)


def make_pdfs(paths: list[Path]) -> bool:
    """A PDF beside each .docx; prints what was made and what was not. False when a PDF is
    missing; the .docx files stay either way."""
    from pipeline import api

    try:
        results = api.pdf(paths)
    except api.ToolError as exc:
        _print_findings(exc.findings)
        return False
    except api.Interrupted as stopped:
        _print_pdfs(stopped.done)
        made = sum(1 for result in stopped.done if result.pdf is not None)
        err.print(f"Đã dừng: đã tạo {made}/{len(paths)} bản PDF; chạy lại lệnh để tạo nốt.", markup=False)
        raise typer.Exit(EXIT_FINDINGS) from None
    _print_pdfs(results)
    return all(result.pdf is not None for result in results)


def _print_pdfs(results: list[Converted]) -> None:
    for result in results:
        if result.pdf is None:
            _print_findings([result.finding] if result.finding else [])
        else:
            out.print(f"Đã tạo {result.pdf}", markup=False)


@command("pdf")
def pdf_command(files: Annotated[list[Path], typer.Argument(metavar="TỆP", help="Các tệp .docx.")]) -> None:
    """Tạo bản PDF cạnh mỗi tệp .docx, dùng một LibreOffice cho cả loạt."""
    raise typer.Exit(EXIT_OK if make_pdfs(files) else EXIT_INTERNAL)


@command()
def preview(
    paths: Annotated[list[Path], typer.Argument(
        metavar="TỆP", help="Các tệp dữ liệu YAML/JSON (loại lấy từ dòng «kind:»)."
    )],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi bản xem trước.")],
    watch_files: Annotated[bool, typer.Option(
        "--watch", help="Theo dõi: mỗi khi lưu tệp dữ liệu hoặc mẫu, tạo lại bản xem trước (Ctrl-C để dừng)."
    )] = False,
    templates: TemplatesOption = None,
    # 100 dpi as pipeline.commands.preview.DEFAULT_DPI (a test keeps them equal; importing it here
    # would load the PDF libraries for every command's help).
    dpi: Annotated[int, typer.Option("--dpi", min=30, max=600, help="Độ phân giải ảnh trang.")] = 100,
    rules_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    allow_roots: AllowRootOption = [],  # noqa: B006 – typer reads the default, never mutates it
) -> None:
    """Xem trước bản dự thảo: tạo .docx, PDF và ảnh PNG từng trang của mọi văn bản, in đường dẫn."""
    from pipeline import api

    book = _rule_book(rules_files)
    try:
        with api.Converter() as converter:
            if not watch_files:
                result = api.preview(paths, output, converter, templates=templates, dpi=dpi, rules=book,
                                     allowed_roots=allow_roots)
                _print_preview(result)
                raise typer.Exit(EXIT_FINDINGS if result.failed else EXIT_OK)
            converter.start()
            out.print("Đang theo dõi các tệp; lưu tệp để xem lại, Ctrl-C để dừng.", markup=False)
            try:
                api.watch(paths, output, converter, _print_preview, templates=templates, dpi=dpi, rules=book,
                          allowed_roots=allow_roots)
            except KeyboardInterrupt:
                out.print("Đã dừng theo dõi.", markup=False)
    except api.ToolError as exc:
        _print_findings(exc.findings)
        raise typer.Exit(exc.exit_code) from None


def _print_preview(result: Preview) -> None:
    _print_findings(result.findings)
    for document in result.documents:
        for made in (document.docx, document.pdf, *document.images):
            if made is not None:
                out.print(f"Đã tạo {made}", markup=False)


@command()
def check(
    files: Annotated[list[Path], typer.Argument(metavar="TỆP", help="Các tệp cần kiểm tra: .docx, hoặc .doc, .odt, .rtf (được LibreOffice chuyển sang .docx trước).")],
    fmt: FormatOption = OutputFormat.text,
    kind: Annotated[Optional[str], typer.Option(
        "--kind", help="Kiểm tra theo loại văn bản này thay cho loại hoso tự nhận ra từ tên loại, ví dụ quyet-dinh, "
        "to-trinh, cong-van, bien-ban (ghi sai mã thì hoso liệt kê các mã)."
    )] = None,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Tạo bản đã sửa những lỗi sửa được tự động (khổ giấy, lề, phông và cỡ chữ phần đầu văn bản, số 0 "
        "trong ngày tháng, gạch nối Tiêu ngữ, Unicode NFC) vào tệp -o; tệp gốc giữ nguyên."
    )] = False,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Với --fix: tệp .docx ghi bản đã sửa.")] = None,
    layout: Annotated[bool, typer.Option(
        "--layout", help="Dàn trang văn bản bằng LibreOffice để kiểm tra những gì chỉ thấy trên trang in: khối chữ ký "
        "bị tách trang hoặc đứng riêng một trang, Quốc hiệu, Tiêu ngữ, dòng số, dòng ngày tháng bị xuống dòng, hàng của "
        "bảng bị tách trang, số trang ở trang 1 (thêm khoảng 1 giây khởi động LibreOffice và 0,1 giây mỗi văn bản)."
    )] = False,
) -> None:
    """Kiểm tra thể thức văn bản theo Phụ lục I, Nghị định 30/2020/NĐ-CP (tệp .docx, .doc, .odt, .rtf)."""
    # The check alone, not the whole API (api.check_files only forwards to it): a clerk runs
    # ``hoso check`` on one file after another and should not wait for the models, the templates'
    # engine and the PDF libraries to load each time.
    from pipeline.commands.check import check_files

    if fix:
        _fix(files, output, kind)
    try:
        results = check_files(files, kind=kind, layout=layout)
    except ValueError as exc:  # an unknown --kind: the message lists the known ones
        err.print(str(exc), markup=False)
        raise typer.Exit(EXIT_FINDINGS) from None
    if fmt is OutputFormat.json:
        payload = [{"file": str(r.path), "kind": r.kind, "notice": r.notice or None,
                    "findings": [x.to_dict() for x in r.findings]} for r in results]
        # Only with --layout, so the output without it stays as documented.
        if layout:
            for item, result in zip(payload, results):
                item["layout_notice"] = result.layout_notice or None
        out.print(json.dumps(payload, ensure_ascii=False, indent=2), markup=False)
    else:
        for result in results:
            if result.notice:
                out.print(f"{result.path}: {result.notice}", markup=False)
            _print_findings(result.findings)
            out.print(f"{result.path}: {_summary(result.findings)}", markup=False)
        # Why the layout rules were skipped: once for the batch when LibreOffice is missing.
        for notice in dict.fromkeys(r.layout_notice for r in results if r.layout_notice):
            err.print(notice, markup=False)
    # Any finding fails the check, warnings included: a document is either clean or it is not.
    failed = any(result.findings for result in results)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _fix(files: list[Path], output: Path | None, kind: str | None) -> NoReturn:
    """``hoso check --fix IN -o OUT``: the corrected copy, what changed, what is left to fix by hand."""
    from pipeline import api

    if len(files) != 1 or output is None:
        err.print("--fix sửa một tệp mỗi lần và cần -o TỆP_MỚI: hoso check --fix van-ban.docx -o van-ban-da-sua.docx",
                  markup=False)
        raise typer.Exit(EXIT_INTERNAL)
    try:
        fixed = api.fix(files[0], output, kind=kind)
    except ValueError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(EXIT_FINDINGS) from None
    if fixed.data is None:
        _print_findings(fixed.findings)
        raise typer.Exit(EXIT_FINDINGS)
    for change in fixed.changes:
        out.print(f"Đã sửa: {change}", markup=False)
    if not fixed.changes:
        out.print("Không có gì cần sửa tự động.", markup=False)
    out.print(f"Đã tạo {output}", markup=False)
    left = api.check(output, kind=kind)
    _print_findings(left)
    out.print(f"{output}: {_summary(left)}" + (" (những lỗi này cần sửa bằng tay)" if left else ""), markup=False)
    raise typer.Exit(EXIT_OK)


def _summary(findings: list[Finding]) -> str:
    if not findings:
        return "đạt thể thức NĐ 30, không có phát hiện nào"
    errors = sum(f.is_error for f in findings)
    return f"{errors} lỗi, {len(findings) - errors} cảnh báo"


@command()
def rules() -> None:
    """Liệt kê các quy tắc thể thức mà «hoso check» kiểm tra."""
    from pipeline import api

    for code, description in api.nd30_rules().items():
        out.print(f"{code}\t{description}", markup=False)


@command()
def schema(kind: Annotated[str, typer.Argument(metavar="LOẠI", help=f"Loại dữ liệu: {_KINDS}.")]) -> None:
    """In JSON Schema của một loại dữ liệu (cho trình soạn thảo YAML/JSON)."""
    from pipeline import api

    try:
        found = api.schema(kind)
    except api.HosoError as exc:
        _fail(exc)
    out.print(json.dumps(found, ensure_ascii=False, indent=2), markup=False)


@command()
def pack(
    bloc: Annotated[Path, typer.Argument(
        metavar="KHỐI", help="Thư mục của Khối (có tệp khối «kind: bloc», ví dụ khoi.yaml) hoặc chính tệp khối."
    )],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi gói hồ sơ.")],
    jobs: Annotated[Optional[int], typer.Option(
        "-j", "--jobs", min=1, help="Số tiến trình chạy song song; mặc định bằng số lõi CPU."
    )] = None,
    templates: TemplatesOption = None,
    rule_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    strict: StrictOption = False,
    draft: DraftOption = False,
    pdf: PdfOption = False,
    allow_roots: AllowRootOption = [],  # noqa: B006 – typer reads the default, never mutates it
) -> None:
    """Tạo cả gói hồ sơ thi đua cuối năm của một Khối: mỗi đơn vị một thư mục, kèm Phiếu gửi kê mọi văn bản.

    Đơn vị có dữ liệu sai được báo lỗi và bỏ qua; các đơn vị khác vẫn được tạo (mã thoát 1).
    """
    from pipeline import api
    from pipeline.cli.progress import pack_with_progress, summary_table

    try:
        report = pack_with_progress(bloc, output, console=err, jobs=jobs, templates=templates, rules_files=rule_files,
                                    strict=strict, draft=draft, allowed_roots=allow_roots)
    except api.HosoError as exc:
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


@command()
def dossier(
    path: Annotated[Path, typer.Argument(
        metavar="TỆP", help="Tệp hồ sơ (kind: dossier), ví dụ ho-so-co-thi-dua-chinh-phu.yaml."
    )],
    output: Annotated[Path, typer.Option("-o", "--output", help="Thư mục ghi hồ sơ.")],
    templates: TemplatesOption = None,
    rule_files: RulesOption = [],  # noqa: B006 – typer reads the default, never mutates it
    strict: StrictOption = False,
    draft: DraftOption = False,
    pdf: Annotated[bool, typer.Option(
        "--pdf", help="Tạo thêm bản PDF cạnh mỗi tệp .docx và một tệp ho-so.pdf gộp cả hồ sơ (cần LibreOffice)."
    )] = False,
    allow_roots: AllowRootOption = [],  # noqa: B006 – typer reads the default, never mutates it
) -> None:
    """Lập hồ sơ đề nghị khen thưởng: đủ thành phần theo danh hiệu, văn bản theo thứ tự luật định.

    Kiểm tra hồ sơ có đủ thành phần mà danh hiệu đòi hỏi, xếp văn bản theo thứ tự luật định, kèm Phiếu gửi,
    manifest.json và một tệp .zip.
    """
    from pipeline import api

    try:
        result = api.dossier(path, output, templates=templates, rules_files=rule_files, strict=strict, draft=draft,
                             allowed_roots=allow_roots)
    except api.HosoError as exc:
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
    from pipeline import api

    if not make_pdfs([p for p in result.files if p.suffix == ".docx"]):
        return False
    out.print(f"Đã tạo {api.dossier_pdf(result)}", markup=False)
    return True


@command()
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
    peers: Annotated[Optional[Path], typer.Option(
        "--peers", help="Thư mục của bộ đo so sánh với các thư viện khác (docxtemplater, Carbone, docxtpl) vừa chạy: "
        "in tỷ lệ thời gian CPU của hoso so với chúng."
    )] = None,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Đo tốc độ trên máy này: một văn bản, danh sách 500 dòng, các gói 10, 100, 1 000 đơn vị (không thuộc make test)."""
    from pipeline.commands.bench import report_lines, run_bench
    from pipeline.commands.pack import default_jobs

    try:
        sizes = [int(part) for part in units.split(",") if part.strip()]
    except ValueError:
        err.print(f"--units phải là các số cách nhau bằng dấu phẩy, ví dụ 10,100,1000 (nhận được «{units}»).",
                  markup=False)
        raise typer.Exit(EXIT_FINDINGS) from None
    report = run_bench(sizes, jobs=jobs or default_jobs(), runs=runs, repeat=repeat, keep=keep, check=check, pdf=pdf,
                       peers=peers, on_step=lambda step: err.print(f"Đang {step}…", markup=False))
    if fmt is OutputFormat.json:
        out.print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), markup=False)
    else:
        for line in report_lines(report):
            out.print(line, markup=False)


@command()
def serve(
    folder: Annotated[Optional[Path], typer.Argument(
        metavar="THƯ_MỤC", help="Thư mục chứa các khu làm việc; mặc định là thư mục dữ liệu của người dùng."
    )] = None,
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe; mặc định chỉ máy này.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Cổng.")] = 8000,
    token: Annotated[Optional[str], typer.Option(
        "--token", envvar="HOSO_TOKEN", help="Mã truy cập, bắt buộc khi mở cho máy khác (--host khác 127.0.0.1)."
    )] = None,
) -> None:
    """Mở bàn làm việc trên trình duyệt: sửa dữ liệu, xem lỗi, xem trước, tạo gói hồ sơ."""
    from pipeline.web.serve import ServeError, serve as run

    try:
        run(folder, host=host, port=port, token=token, say=lambda text: out.print(text, markup=False))
    except ServeError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(EXIT_FINDINGS) from None


def main() -> None:
    try:
        code = typer.main.get_command(app).main(standalone_mode=False)
    except UsageError as exc:
        usage_error(exc)
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("Đã hủy.", markup=False)
        sys.exit(EXIT_FINDINGS)
    except (KeyboardInterrupt, SystemExit):
        raise
    except InstallError as exc:  # hoso itself is broken, not the data: the message names the repair
        err.print(f"Lỗi nội bộ của hoso: {exc}", markup=False)
        sys.exit(EXIT_INTERNAL)
    except Exception as exc:  # noqa: BLE001 – the last line of defence: no traceback for users
        if _state["debug"]:
            raise
        err.print(f"Lỗi nội bộ của hoso: {exc!r}. Chạy lại với --debug để xem chi tiết.", markup=False)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
