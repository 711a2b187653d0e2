"""The Python API of hoso: what the ``hoso`` command does, for a program (a script, a web
workbench, a database export). The command is a thin layer over these functions; examples are in
``docs/api.md``.

Inputs are a path to a YAML/JSON data file, or a mapping a program already holds (a web form, a
database row): the same stages check both, and a finding about a mapping names its data path
(``plan.targets[2].value``) under the label ``name`` instead of a file and a line.

Every problem is a :class:`Finding`; a call that cannot complete raises one :class:`HosoError`
(or a subclass) carrying every finding in ``.findings``, so a program shows them all at once:

- :class:`InputError` – the data is wrong (exit code 1 in the command);
- :class:`TemplateError` – a template is broken (2);
- :class:`ToolError` – LibreOffice or poppler is missing or unusable (2);
- :class:`ConversionError` – one document could not be converted to PDF (2).

Warnings never raise: they are on the result (``Validated.warnings``, ``Written.warnings`` …).
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from pipeline.commands.check import Checked
from pipeline.commands.check import check_files as _check_files
from pipeline.commands.dossier import DossierResult, build_dossier
from pipeline.commands.pack import Group, GroupResult, PackOptions, PackReport, default_jobs, find_bloc_file, plan_pack, run_pack
from pipeline.commands.preview import DEFAULT_DPI, Preview, preview_inputs
from pipeline.commands.year import YearChecked, check_bloc, check_dossier, with_year
from pipeline.commands.preview import watch as _watch
from pipeline.core import resources
from pipeline.core.errors import Finding, HosoError, InputError, Severity, TemplateError
from pipeline.core.files import output_folder, write_atomic
from pipeline.law.kinds import KINDS
from pipeline.law.rulebook import RuleBook, RuleSet, builtin_book, load_book
from pipeline.commands.fix import fix_file
from pipeline.nd30.check import KINDS as CHECK_KINDS
from pipeline.nd30.check import RULES, check_docx
from pipeline.nd30.check.fix import Fixed
from pipeline.office.convert import (
    ConversionError, Converted, Converter, Interrupted, ToolError, convert_all, merge_pdfs,
)
from pipeline.orchestrator import (
    DATA_LABEL,
    TemplateSet,
    Validated,
    ValidationCache,
    Written,
    get_kind,
    output_name,
    produce,
    validate_data,
    validate_file,
)
from pipeline.stages.draft import Mode

__all__ = [
    "Checked",
    "ConversionError",
    "Converted",
    "Converter",
    "Interrupted",
    "DossierResult",
    "Fixed",
    "Finding",
    "HosoError",
    "InputError",
    "KindInfo",
    "PackProgress",
    "PackReport",
    "Preview",
    "RenderedDocument",
    "RuleBook",
    "RuleSet",
    "Severity",
    "TemplateError",
    "TemplateSet",
    "ToolError",
    "YearChecked",
    "Validated",
    "ValidationCache",
    "Written",
    "check",
    "check_files",
    "check_kinds",
    "fix",
    "dossier",
    "dossier_pdf",
    "kinds",
    "merge_pdfs",
    "nd30_rules",
    "pack",
    "pdf",
    "preview",
    "render",
    "render_documents",
    "rule_book",
    "samples",
    "schema",
    "validate",
    "validate_bloc",
    "watch",
]

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[PathLike, Mapping[str, Any]]
"""A data file, or the data itself (a mapping, as a YAML file would give it)."""
Templates = Union[PathLike, TemplateSet, None]
"""A folder of the user's templates (overriding the built-in ones by name), or a
:class:`TemplateSet` kept between calls so that each template is prepared once."""


# --- Validate and render -----------------------------------------------------------------------------
def validate(
    source: Source,
    *,
    kind: str | None = None,
    draft: bool = False,
    rules: RuleBook | None = None,
    strict: bool = False,
    base: PathLike | None = None,
    name: str | None = None,
    allowed_roots: Sequence[PathLike] = (),
    cache: ValidationCache | None = None,
) -> Validated:
    """Check one input and every input it links to, then the rules in force on its date.

    ``kind`` is needed only when the data has no ``kind:`` key. ``draft`` lets texts still missing
    become blanks (with a warning). ``rules``: the rule book to apply (:func:`rule_book`; default
    the built-in packs). ``strict`` makes every warning an error. For a mapping, ``base`` is the
    folder its links and workbooks are relative to (default: the current folder) and ``name``
    labels its findings (default ``<dữ liệu>``). Paths named in the data (links, workbooks) must
    stay inside the input's folder (``base``) or one of ``allowed_roots``. A ``cache``
    (:class:`ValidationCache`, kept by the caller between calls) serves every file validated
    through it earlier and unchanged since, linked inputs included. Raises :class:`InputError`
    with every finding."""
    mode = Mode.DRAFT if draft else Mode.FINAL
    roots = [Path(r) for r in allowed_roots]
    if isinstance(source, Mapping):
        return validate_data(source, kind, name=name or DATA_LABEL, base=_folder(base), mode=mode, rules=rules,
                             strict=strict, allowed_roots=roots, cache=cache)
    return validate_file(Path(source), kind, mode=mode, rules=rules, strict=strict, allowed_roots=roots, cache=cache)


@dataclass(frozen=True)
class RenderedDocument:
    """One document made in memory: its file name, what it is, its .docx bytes."""

    name: str
    """``ke-hoach-2016.docx``: the name :func:`render` writes it under."""
    title: str
    """``Kế hoạch``, ``Biên bản kiểm phiếu`` …"""
    data: bytes


def render_documents(
    source: Source | Validated,
    *,
    kind: str | None = None,
    templates: Templates = None,
    draft: bool = False,
    rules: RuleBook | None = None,
    strict: bool = False,
    base: PathLike | None = None,
    name: str | None = None,
    allowed_roots: Sequence[PathLike] = (),
    cache: ValidationCache | None = None,
) -> list[RenderedDocument]:
    """Every document of one input, in memory (a preview, an upload); nothing is written.

    ``source`` may also be the result of :func:`validate` (its warnings are there), which is then
    not checked again. Documents are named after the data file, or after ``name`` for a mapping or
    a validated input (default: the kind's name). Other arguments as for :func:`validate`."""
    validated, named_after = _validated(source, kind, draft, rules, strict, base, name, allowed_roots, cache)
    return _documents(validated, named_after, templates)


def render(
    source: Source | Validated,
    out_dir: PathLike,
    *,
    kind: str | None = None,
    templates: Templates = None,
    draft: bool = False,
    rules: RuleBook | None = None,
    strict: bool = False,
    base: PathLike | None = None,
    name: str | None = None,
    allowed_roots: Sequence[PathLike] = (),
    cache: ValidationCache | None = None,
) -> Written:
    """Write every document of one input into ``out_dir``: all of them, or none when one fails.
    The bytes are those of :func:`render_documents`; arguments as there. A kind without documents
    of its own (a bloc file, a nominee list) is only checked: ``Written.paths`` is empty."""
    folder = output_folder(Path(out_dir))
    validated, named_after = _validated(source, kind, draft, rules, strict, base, name, allowed_roots, cache)
    documents = _documents(validated, named_after, templates)
    return Written([write_atomic(folder / d.name, d.data) for d in documents], validated.warnings)


def _validated(
    source: Source | Validated, kind: str | None, draft: bool, rules: RuleBook | None, strict: bool,
    base: PathLike | None, name: str | None, allowed_roots: Sequence[PathLike], cache: ValidationCache | None,
) -> tuple[Validated, Path]:
    """The validated input and what its documents are named after (the stem of that name)."""
    if isinstance(source, Validated):
        return source, Path(name or source.kind.name)
    validated = validate(source, kind=kind, draft=draft, rules=rules, strict=strict, base=base, name=name,
                         allowed_roots=allowed_roots, cache=cache)
    if isinstance(source, Mapping):
        return validated, Path(name or validated.kind.name)
    return validated, Path(source)


def _documents(validated: Validated, named_after: Path, templates: Templates) -> list[RenderedDocument]:
    prepared = _template_set(templates)
    return [
        RenderedDocument(output_name(named_after, document), document.title,
                         produce(document, validated, prepared.get(document)))
        for document in validated.kind.documents
    ]


def _template_set(templates: Templates) -> TemplateSet:
    return templates if isinstance(templates, TemplateSet) else TemplateSet(_folder(templates))


def _folder(path: PathLike | None) -> Path | None:
    return Path(path) if path is not None else None


# --- Packs and dossiers ------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackProgress:
    """Where a pack stands: reported once when every worker runs (``done`` 0), then as each group
    (a unit, or one input of the bloc itself) is finished, in the order they finish."""

    done: int
    total: int
    group: str | None = None
    """The unit's name (or the bloc input's) just finished; None for the first report."""
    ok: bool = True
    """False when that group had errors and was not written."""


def pack(
    bloc: PathLike,
    out_dir: PathLike,
    *,
    jobs: int | None = None,
    templates: PathLike | None = None,
    rules_files: Sequence[PathLike] = (),
    strict: bool = False,
    draft: bool = False,
    allowed_roots: Sequence[PathLike] = (),
    on_progress: Callable[[PackProgress], None] | None = None,
    start_method: str | None = None,
) -> PackReport:
    """The year-end pack of a bloc: a folder per unit and the Phiếu gửi listing every document.

    ``bloc`` is the bloc file (``kind: bloc``) or its folder. A unit whose data is wrong is
    reported in the result and skipped; the others are written (``PackReport.exit_code`` is then
    1). ``jobs`` worker processes (default: one per core); ``rules_files``: local rule packs over
    the built-in ones; files the data names stay inside the bloc's folder or ``allowed_roots``.
    ``start_method`` is how the workers start (``"spawn"``, ``"fork"`` …; default: the platform's,
    see ``HOSO_START_METHOD``): a program that runs threads (a web server) passes ``"spawn"``,
    because forking a process that has threads may copy a lock some thread holds.
    Raises :class:`InputError` when the bloc file itself is wrong."""
    options = _options(templates, rules_files, strict, draft, allowed_roots)
    plan = plan_pack(find_bloc_file(Path(bloc)), options.allowed_roots)
    # The year's checks across documents: an error stops the group of the document it is about.
    plan = with_year(plan, check_bloc(plan, _book(options), options, jobs=jobs).year)
    report = on_progress or (lambda progress: None)
    finished = 0

    def started(total: int) -> None:
        report(PackProgress(0, total))

    def done(group: Group, result: GroupResult) -> None:
        nonlocal finished
        finished += 1
        report(PackProgress(finished, len(plan.groups), group.name, result.ok))

    return run_pack(plan, Path(out_dir), jobs=jobs or default_jobs(), options=options, on_start=started,
                    on_result=done, start_method=start_method)


def dossier(
    path: PathLike,
    out_dir: PathLike,
    *,
    templates: PathLike | None = None,
    rules_files: Sequence[PathLike] = (),
    strict: bool = False,
    draft: bool = False,
    allowed_roots: Sequence[PathLike] = (),
) -> DossierResult:
    """A hồ sơ đề nghị khen thưởng from a dossier file (``kind: dossier``): its documents in the
    legal order, the Phiếu gửi, ``manifest.json`` and one .zip, written into ``out_dir``; nothing
    is written when a required piece is missing. Other arguments as for :func:`pack`."""
    options = _options(templates, rules_files, strict, draft, allowed_roots)
    year = check_dossier(Path(path), _book(options), options).year
    if any(f.is_error for f in year):
        raise InputError(list(year))
    result = build_dossier(Path(path), Path(out_dir), options)
    return dataclasses.replace(result, warnings=list(dict.fromkeys([*result.warnings, *year])))


def validate_bloc(
    folder: PathLike,
    *,
    rules_files: Sequence[PathLike] = (),
    strict: bool = False,
    draft: bool = False,
    allowed_roots: Sequence[PathLike] = (),
) -> YearChecked:
    """Check a whole bloc: every input its bloc file names (``folder``: the bloc file or its
    folder), the nominee lists and dossiers of its folder, what they link, then the checks across
    documents of the year (one person under one name and one position everywhere, proposals the
    registration supports, dates in order, dossiers without certified drafts, a vote-count
    committee apart from the candidates). Every finding is on the result (``findings``); raises
    :class:`InputError` with all of them when one is an error. Other arguments as for :func:`pack`."""
    options = _options(None, rules_files, strict, draft, allowed_roots)
    plan = plan_pack(find_bloc_file(Path(folder)), options.allowed_roots)
    checked = check_bloc(plan, _book(options), options)
    checked = dataclasses.replace(checked, own=(*plan.warnings, *checked.own))
    if checked.failed:
        raise InputError(checked.findings)
    return checked


def _book(options: PackOptions) -> RuleBook:
    return load_book(options.rule_files) if options.rule_files else builtin_book()


def _options(
    templates: PathLike | None, rules_files: Sequence[PathLike], strict: bool, draft: bool,
    allowed_roots: Sequence[PathLike],
) -> PackOptions:
    return PackOptions(
        templates_dir=_folder(templates), rule_files=tuple(Path(f) for f in rules_files), strict=strict,
        mode=Mode.DRAFT if draft else Mode.FINAL, allowed_roots=tuple(Path(r) for r in allowed_roots),
    )


# --- PDF and previews ---------------------------------------------------------------------------------
# Starting an office costs about 0,8 s, a one-page PDF 0,035 s once it is warm: a second office only
# pays off for a long batch (measured, README).
_DOCUMENTS_PER_OFFICE = 40


def pdf(paths: Sequence[PathLike], *, workers: int | None = None) -> list[Converted]:
    """A PDF beside each .docx, with warm LibreOffices (default: one, or one per core for a long
    batch). A document that fails is reported in its :class:`Converted` and the others go on;
    :class:`ToolError` when LibreOffice cannot run at all; :class:`Interrupted` (a
    ``KeyboardInterrupt``) carries what was done when Ctrl-C stops the batch. For many calls,
    keep a :class:`Converter` open instead."""
    documents = [Path(p) for p in paths]
    if workers is None:
        workers = min(os.cpu_count() or 1, max(1, len(documents) // _DOCUMENTS_PER_OFFICE))
    return convert_all(documents, workers=workers)


def dossier_pdf(result: DossierResult) -> Path:
    """``ho-so.pdf``: the whole dossier in its order, a bookmark per document, from the PDF of each
    .docx (made by :func:`pdf` beforehand) and the PDF proofs."""
    parts = [(p.with_suffix(".pdf") if p.suffix == ".docx" else p, title)
             for p, title in zip(result.files, result.titles) if p.suffix in (".docx", ".pdf")]
    return merge_pdfs(
        [p for p, _ in parts], [t for _, t in parts], result.files[0].parent / "ho-so.pdf", title=result.subject
    )


def preview(
    paths: Sequence[PathLike],
    out_dir: PathLike,
    converter: Converter,
    *,
    templates: Templates = None,
    dpi: int = DEFAULT_DPI,
    rules: RuleBook | None = None,
    allowed_roots: Sequence[PathLike] = (),
) -> Preview:
    """The draft of every document of each input, as .docx, PDF and PNG page images in
    ``out_dir``; an input with errors is reported in the result, the others go on. Paths named in
    the data stay inside each input's folder or ``allowed_roots``, as for :func:`validate`."""
    return preview_inputs([Path(p) for p in paths], Path(out_dir), converter, _template_set(templates), dpi=dpi,
                          rules=rules, allowed_roots=[Path(r) for r in allowed_roots])


def watch(
    paths: Sequence[PathLike],
    out_dir: PathLike,
    converter: Converter,
    on_preview: Callable[[Preview], None],
    *,
    templates: PathLike | None = None,
    dpi: int = DEFAULT_DPI,
    rules: RuleBook | None = None,
    stop: threading.Event | None = None,
    allowed_roots: Sequence[PathLike] = (),
) -> None:
    """:func:`preview` now, then again whenever a data file or a template is saved, until ``stop``
    is set (or the process is interrupted); each round is handed to ``on_preview``."""
    _watch([Path(p) for p in paths], Path(out_dir), converter, _folder(templates), on_preview, dpi=dpi,
           rules=rules, stop=stop, allowed_roots=[Path(r) for r in allowed_roots])


# --- The NĐ 30 check, the rules, the kinds -----------------------------------------------------------
def check(source: PathLike | bytes, *, name: str | None = None, kind: str | None = None) -> list[Finding]:
    """What in a document (a path, or the bytes of a .docx labelled ``name``) breaks the
    presentation rules of Nghị định 30/2020/NĐ-CP, Phụ lục I; an empty list for a clean document.
    A .doc, .odt or .rtf file is first saved as .docx by LibreOffice. The kind of document (a
    Quyết định, a Công văn, a Biên bản …) is told from its tên loại, or given as ``kind``, a key of
    :func:`check_kinds`; only that kind's rules apply."""
    if isinstance(source, bytes):
        return check_docx(source, name=name, kind=kind)
    return check_files([source], kind=kind)[0].findings


def check_files(paths: Sequence[PathLike], *, kind: str | None = None, layout: bool = False) -> list[Checked]:
    """:func:`check` for many files, with one LibreOffice for those that need converting; each
    result says which kind the document was taken for and which format it was converted from.
    With ``layout``, each document is also laid out by LibreOffice and the rules only printed pages
    show are checked (a signature split over two pages, a header line that wraps, a table row split,
    a page number on page 1); without LibreOffice they are skipped and ``Checked.layout_notice`` says why."""
    return _check_files([Path(p) for p in paths], kind=kind, layout=layout)


def check_kinds() -> dict[str, str]:
    """The kinds of document the check tells apart: key → Vietnamese name."""
    return {key: kind.name for key, kind in CHECK_KINDS.items()}


def fix(source: PathLike, target: PathLike, *, kind: str | None = None) -> Fixed:
    """Write into ``target`` a copy of the .docx ``source`` corrected for the NĐ 30 rules that are
    safe to fix mechanically (page, fonts and sizes of the frame, date zeros, Tiêu ngữ dashes,
    Unicode NFC); the text is otherwise untouched and ``source`` is never written to.
    ``Fixed.changes`` lists what changed; ``Fixed.findings`` says why nothing was written."""
    return fix_file(Path(source), Path(target), kind=kind)


def nd30_rules() -> dict[str, str]:
    """The presentation rules :func:`check` applies: finding code → what it checks."""
    return dict(RULES)


def rule_book(extra_files: Sequence[PathLike] = ()) -> RuleBook:
    """The rule packs: the built-in ones, with local packs (a province's or a bloc's quy chế)
    stacked over them in order. ``.on(date)`` gives the rules in force on a day. Raises
    :class:`InputError` when a pack is wrong."""
    return load_book([Path(f) for f in extra_files]) if extra_files else builtin_book()


@dataclass(frozen=True)
class KindInfo:
    """A kind of input: its name (the ``kind:`` key), what it is, the documents it produces."""

    name: str
    title: str
    documents: tuple[str, ...]
    """The title of each document, in order; empty for data checked only (a bloc file)."""

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of its data (for an editor's completion and checks)."""
        return schema(self.name)


def kinds() -> dict[str, KindInfo]:
    """Every kind of input, in the order of the emulation year."""
    return {
        name: KindInfo(name, kind.title, tuple(document.title for document in kind.documents))
        for name, kind in KINDS.items()
    }


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind's data; :class:`InputError` for an unknown kind."""
    return get_kind(kind).model.model_json_schema()


def samples() -> Path:
    """The folder of sample data shipped with hoso (read it, or copy it to try changes)."""
    return resources.samples()
