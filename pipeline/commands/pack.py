"""``hoso pack``: the whole year-end pack of a bloc, one folder per unit, in parallel.

The bloc file (:class:`schemas.bloc.Bloc`) names the bloc's own inputs and each member's inputs.
:func:`plan_pack` turns it into a *plan*: every output file's name is fixed there, from the bloc
file's order and each input's kind (read from its ``kind:`` line), never from what a run finds,
so the names stay the same whether a run fails, is killed or succeeds. The plan is a list of
*groups*, each built by a worker process on its own:

- one group per member unit: **all or nothing**, its documents are rendered in memory before the
  first one is written, so a unit folder never holds half of a unit;
- one group per input of the bloc itself: the bloc summary (which needs every unit) failing does
  not keep back the plan, the minutes or the tờ trình;
- **failure isolation**: a group whose data is wrong (or whose file is missing) is reported with
  every finding and skipped, the other groups are still written, and the run ends with exit
  code 1; what an earlier run wrote for that group is removed, so the pack never mixes documents
  of old data with the new;
- **atomic files**: every file goes through :func:`pipeline.core.files.write_atomic` (temporary name,
  then rename), so a killed run leaves complete files only, plus temporary files that the next
  run deletes before it starts; rerunning finishes the job;
- **deterministic**: every file is byte-identical from run to run, whatever order the workers
  finish in;
- **one preparation per worker**: each worker keeps one :class:`~pipeline.orchestrator.TemplateSet`
  (a template is prepared once per worker, however many units it renders) and collects its
  garbage every :data:`GROUPS_PER_COLLECTION` groups, which keeps memory flat over a
  province-sized run (rendering leaves reference cycles that generational collection reaches
  late: measured: 121 → 221 MB over 1000 renders without, flat with).

The Phiếu gửi listing every document written is built last, from the groups that succeeded.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas.bloc import Bloc

from pipeline.stages.draft import Mode
from pipeline.core.errors import Finding, HosoError, InputError, TemplateError
from pipeline.core.messages import finding
from pipeline.law.composition import listed
from pipeline.law.kinds import KINDS, Document
from pipeline.law.enrich.listing import LAYOUT, TEMPLATE, Listed, ListGroup, enrich_listing, listing_core
from pipeline.stages.load import format_path, load
from pipeline.orchestrator import TemplateSet, Validated, ValidationCache, detect_kind, produce, validate_file
from pipeline.law.rulebook import RuleBook, builtin_book, load_book
from pipeline.core import platform
from pipeline.core.names import inside, numbered, remove_temporaries, slug, width_for
from pipeline.core.resources import InstallError
from pipeline.stages.validate import validate
from pipeline.core.files import output_folder, write_atomic
from pipeline.core.limits import file_problem, read_bounded
from pipeline.stages.link import Roots, data_root, resolve
from pipeline.stages.xlsx import expand_tables

INDEX_NAME = "00-phieu-gui.docx"
BLOC_FOLDER = "khoi"
GROUPS_PER_COLLECTION = 20
"""Groups a worker builds between two full garbage collections."""

_KIND_ORDER = {name: position for position, name in enumerate(KINDS)}
"""Documents of a folder in the order of the emulation year: plan, registration, self-assessment
… decision (the order of :data:`pipeline.law.kinds.KINDS`)."""


@dataclass(frozen=True)
class Planned:
    """One input of a group: its kind and the file name of each of its documents."""

    path: Path
    kind: str
    files: tuple[str, ...]
    """Output name of each document of the kind, in the kind's order."""


@dataclass(frozen=True)
class Group:
    """A unit of work: one member unit, or one input of the bloc itself."""

    order: int
    name: str
    """The unit's name, or the bloc input's file name, for the summary table."""
    folder: str
    heading: str
    """The heading the Phiếu gửi lists the group's documents under (the bloc's inputs share one)."""
    inputs: tuple[Planned, ...]
    problems: tuple[Finding, ...] = ()
    """Errors found while planning (a file that does not exist): the group is not built."""


@dataclass(frozen=True)
class GroupResult:
    order: int
    written: tuple[Listed, ...] = ()
    warnings: tuple[Finding, ...] = ()
    errors: tuple[Finding, ...] = ()
    template_error: bool = False
    """The failure lies in a template or in hoso itself (exit code 2), not in the unit's data."""

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class PackPlan:
    bloc: Bloc
    bloc_file: Path
    bloc_folder: str
    groups: tuple[Group, ...]
    warnings: tuple[Finding, ...]


@dataclass
class PackReport:
    plan: PackPlan
    results: dict[int, GroupResult] = field(default_factory=dict)
    index: Path | None = None

    @property
    def exit_code(self) -> int:
        failed = [r for r in self.results.values() if not r.ok]
        if any(r.template_error for r in failed):
            return TemplateError.exit_code
        return InputError.exit_code if failed or len(self.results) < len(self.plan.groups) else 0

    def warnings(self) -> list[Finding]:
        """Warnings of the plan and of every group, each once (a vote's warning reaches the
        tờ trình, the decision and the summary that link it)."""
        found = [*self.plan.warnings, *(w for r in self.ordered() for w in r.warnings)]
        return list(dict.fromkeys(found))

    def ordered(self) -> list[GroupResult]:
        return [self.results[g.order] for g in self.plan.groups if g.order in self.results]


# --- The plan ---------------------------------------------------------------------------------------
def plan_pack(bloc_file: Path, allowed_roots: Sequence[Path] = ()) -> PackPlan:
    """Read the bloc file and lay out the groups and every file name. A wrong bloc file is an
    :class:`InputError` (nothing can be packed); a missing or unreadable input only marks its
    group. Every file the bloc names stays inside the bloc's data folder or ``allowed_roots``."""
    base = bloc_file.parent
    roots = Roots.around(data_root(bloc_file), allowed_roots)
    loaded, cells = expand_tables(load(bloc_file, root="bloc"), "bloc", base, roots)
    try:
        bloc, warnings = validate(loaded, Bloc, root="bloc")
    except InputError as exc:
        raise InputError(cells.relocate(exc.findings)) from None

    def where(*loc: str | int) -> Finding:
        found = Finding("", "", file=loaded.file, path=format_path("bloc", loc), line=loaded.lines.get(loc))
        return cells.relocate([found])[0]

    width = width_for(len(bloc.members))
    heading = f"Văn bản của {' '.join(bloc.issuer.name)}"
    bloc_folder = numbered(0, width, BLOC_FOLDER)
    groups: list[Group] = []
    inputs: list[tuple[Path, str]] = []
    for j, entry in enumerate(bloc.documents):
        found, problems = _inputs([entry], base, roots, lambda _, j=j: where("documents", j))
        inputs += found
        if problems:
            groups.append(Group(len(groups), f"Văn bản của Khối ({entry})", bloc_folder, heading, (), tuple(problems)))
    # The bloc's inputs share a folder and its numbering, but each is a group of its own.
    for planned in _named(inputs):
        groups.append(Group(len(groups), f"Văn bản của Khối ({planned.path.name})", bloc_folder, heading, (planned,)))
    for i, member in enumerate(bloc.members):
        folder = numbered(i + 1, width, member.folder or slug(member.name, fallback="don-vi"))
        inputs, problems = _inputs(member.files, base, roots, lambda j, i=i: where("members", i, "files", j))
        groups.append(Group(len(groups), member.name, folder, member.name, tuple(_named(inputs)), tuple(problems)))
    fatal = _shared_inputs(groups, loaded.file)
    if fatal:
        raise InputError(fatal)
    return PackPlan(bloc, bloc_file, bloc_folder, tuple(groups), tuple(warnings))


def _inputs(
    entries: list[str], base: Path, roots: Roots, where: Callable[[int], Finding]
) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """Every file the entries name (``*`` patterns in name order) with its kind; a file that is
    missing or declares no known kind is a finding at the entry that names it."""
    found: list[tuple[Path, str]] = []
    problems: list[Finding] = []
    for j, entry in enumerate(entries):
        paths, problem = resolve(entry, base, roots)
        if problem:
            key, params = problem
            # A file that is not there is the pack's own finding; a path leading out is the link's.
            key = {"input.link": "pack.missing_file", "input.link/no_match": "pack.missing_file/no_match"}.get(key, key)
            template = where(j)
            problems.append(finding(key, file=template.file, path=template.path, line=template.line,
                                    cell=template.cell, **params))
        for path in paths:
            try:
                found.append((path, sniff_kind(path)))
            except InputError as exc:
                problems += exc.findings
    return found, problems


_DATA_FILE = "tệp dữ liệu"
_KIND_LINE = re.compile(r"""^(?:kind|\s*"kind")\s*:\s*["']?(\w+)["']?""", re.MULTILINE)


def sniff_kind(path: Path) -> str:
    """The kind ``path`` declares, from its ``kind:`` line; when that line is not plain, the
    load stage reads the file and reports what is wrong with it."""
    # Read no more than the load stage would accept: a device or a huge file goes to load(), which
    # refuses it with its reason.
    try:
        text = "" if file_problem(path, _DATA_FILE) else read_bounded(path, _DATA_FILE).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, InputError):
        text = ""
    match = _KIND_LINE.search(text)
    if match and match.group(1) in KINDS:
        return match.group(1)
    return detect_kind(load(path)).name


def _named(inputs: list[tuple[Path, str]]) -> list[Planned]:
    """Inputs in the order of the emulation year, each with the names of its documents:
    ``01-bao-cao-tu-danh-gia.docx``, the template's name after the order; the input's name is
    added when two documents of a folder share a template (two achievement reports)."""
    ordered = sorted(enumerate(inputs), key=lambda item: (_KIND_ORDER[item[1][1]], item[0]))
    documents = [(path, kind, d) for _, (path, kind) in ordered for d in KINDS[kind].documents]
    stems = Counter(d.template.removesuffix(".docx") for _, _, d in documents)
    width = width_for(len(documents))
    names: dict[Path, list[str]] = {path: [] for _, (path, _) in ordered}
    for index, (path, _, document) in enumerate(documents, start=1):
        stem = document.template.removesuffix(".docx")
        name = stem if stems[stem] == 1 else f"{stem}-{slug(path.stem, fallback='tep')}"
        names[path].append(numbered(index, width, name) + ".docx")
    return [Planned(path, kind, tuple(names[path])) for _, (path, kind) in ordered]


def _shared_inputs(groups: list[Group], bloc_file: str) -> list[Finding]:
    """An input listed twice would be printed in two places: the bloc file is wrong."""
    owner: dict[Path, Group] = {}
    findings = []
    for group in groups:
        for planned in group.inputs:
            first = owner.setdefault(planned.path.resolve(), group)
            if first is not group:
                findings.append(finding(
                    "pack.shared_file", file=bloc_file, name=planned.path, first=first.heading, second=group.heading,
                ))
    return findings


# --- One group, in a worker ------------------------------------------------------------------------
@dataclass(frozen=True)
class PackOptions:
    """What every group of a pack is built with (sent to each worker once)."""

    templates_dir: Path | None = None
    rule_files: tuple[Path, ...] = ()
    """Local rule packs (``--rules``) over the packs of ``rules/``."""
    strict: bool = False
    mode: Mode = Mode.FINAL
    allowed_roots: tuple[Path, ...] = ()
    """Folders outside the bloc's (or dossier's) folder that its data may name files in (``--allow-root``)."""
    data_root: Path | None = None
    """The folder every path named in the data stays inside: the bloc's data folder, set by :func:`run_pack`."""


@dataclass
class Builder:
    """A worker's tools: the rule book and its templates, each prepared once, on first use, and the
    inputs it validated (the vote behind the tờ trình and the summary is validated once)."""

    options: PackOptions
    book: RuleBook
    templates: TemplateSet = field(init=False)
    cache: ValidationCache = field(init=False)

    def __post_init__(self) -> None:
        self.templates = TemplateSet(self.options.templates_dir)
        self.cache = ValidationCache()

    def validate(self, planned: Planned) -> Validated:
        return validate_file(
            planned.path, planned.kind, mode=self.options.mode, rules=self.book, strict=self.options.strict,
            root=self.options.data_root, allowed_roots=self.options.allowed_roots, cache=self.cache,
        )


_worker: Builder | None = None
_worker_groups = 0


def init_worker(options: PackOptions, book: RuleBook, parent: int) -> None:
    """A worker process's start: its :class:`Builder` (:func:`worker`), and its end with ``parent``."""
    global _worker
    # A worker outliving a killed pack would hold the pack's output pipes open for minutes.
    platform.die_with_parent(parent)
    _worker = Builder(options, book)
    # What the worker inherited from the main process lives as long as the worker: keep it out of
    # the collections, which then only walk what the groups leave behind (and do not touch, and
    # so copy, the inherited pages).
    gc.freeze()


def worker() -> Builder:
    """The worker process's builder (set by :func:`init_worker`)."""
    assert _worker is not None  # set by the pool's initializer
    return _worker


def build_group(group: Group, out_dir: Path, builder: Builder) -> GroupResult:
    """Validate every input of ``group``, render all its documents, then write them; on any
    error write nothing and return the findings."""
    if group.problems:
        return GroupResult(group.order, errors=group.problems)
    validated: list[tuple[Planned, Validated]] = []
    errors: list[Finding] = []
    warnings: list[Finding] = []
    for planned in group.inputs:
        try:
            result = builder.validate(planned)
        except HosoError as exc:
            errors += [f for f in exc.findings if f.is_error]
            warnings += [f for f in exc.findings if not f.is_error]
            continue
        warnings += result.warnings
        validated.append((planned, result))
    if errors:
        return GroupResult(group.order, warnings=tuple(warnings), errors=tuple(errors))
    try:
        rendered = [
            (name, produce(document, v, builder.templates.get(document)), _listed(group, name, document, v))
            for planned, v in validated
            for name, document in zip(planned.files, v.kind.documents)
        ]
    except TemplateError as exc:
        return GroupResult(group.order, warnings=tuple(warnings), errors=tuple(exc.findings), template_error=True)
    for name, data, _ in rendered:
        write_atomic(inside(out_dir, group.folder, name), data)
    return GroupResult(group.order, tuple(item for _, _, item in rendered), tuple(warnings))


def _listed(group: Group, name: str, document: Document, validated: Validated) -> Listed:
    return listed(f"{group.folder}/{name}", document, validated)


def _build_in_worker(group: Group, out_dir: Path) -> GroupResult:
    global _worker_groups
    try:
        return build_group(group, out_dir, worker())
    except InstallError:
        raise  # hoso itself is broken, not this group's data: the whole pack stops and says so
    except Exception as exc:  # noqa: BLE001 – one unit's unexpected failure must not stop the others
        return GroupResult(group.order, errors=(finding("pack.internal", error=exc),), template_error=True)
    finally:
        _worker_groups += 1
        if _worker_groups % GROUPS_PER_COLLECTION == 0:
            gc.collect()


# --- The whole pack ---------------------------------------------------------------------------------
def default_jobs() -> int:
    return platform.available_cpus()


def run_pack(
    plan: PackPlan,
    out_dir: Path,
    *,
    jobs: int,
    options: PackOptions = PackOptions(),
    on_start: Callable[[int], None] = lambda total: None,
    on_result: Callable[[Group, GroupResult], None] = lambda group, result: None,
    start_method: str | None = None,
) -> PackReport:
    """Build every group with ``jobs`` worker processes, then the Phiếu gửi.

    ``on_start`` is called with the number of groups once every worker is running (a progress
    bar may start its thread then: the workers are forked at the first submission, from this
    process while it has no other thread), ``on_result`` as each group finishes, in the order
    they finish. ``start_method`` is how the workers start (:func:`pipeline.core.platform.process_context`).

    One run at a time writes into ``out_dir``: a second one is refused (its start-up sweep would
    delete the temporary files of the first).
    """
    # The rule packs are read here, once: a wrong local pack is reported before any worker starts
    # (and before the output folder is made), and the workers are given the book instead of each
    # parsing the packs again (measured: reading it in each worker, or here while they run, made
    # two workers slower). Forked workers inherit it; spawned ones unpickle it (75 KB, 5 ms).
    book = load_book(options.rule_files) if options.rule_files else builtin_book()
    output_folder(out_dir).mkdir(parents=True, exist_ok=True)
    try:
        with platform.lock_folder(out_dir):
            return _run_pack(plan, out_dir, jobs, options, book, on_start, on_result, start_method)
    except platform.FolderBusy:
        raise InputError([finding("output.busy", folder=out_dir)]) from None


def _run_pack(
    plan: PackPlan,
    out_dir: Path,
    jobs: int,
    options: PackOptions,
    book: RuleBook,
    on_start: Callable[[int], None],
    on_result: Callable[[Group, GroupResult], None],
    start_method: str | None,
) -> PackReport:
    options = dataclasses.replace(options, data_root=data_root(plan.bloc_file))
    report = PackReport(plan)
    remove_temporaries(out_dir)
    by_order = {g.order: g for g in plan.groups}
    # The heaviest groups first (the bloc summary validates every unit's self-assessment), so
    # that they run beside the units instead of after them.
    queue = sorted(plan.groups, key=lambda g: (g.folder != plan.bloc_folder, g.order))
    # Workers get everything as arguments, so any start method works: fork on Linux (workers start
    # in milliseconds with everything imported), spawn elsewhere, where a script using this API
    # needs the usual ``if __name__ == "__main__":`` guard (spawn re-imports it).
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=platform.process_context(start_method),
        initializer=init_worker, initargs=(options, book, os.getpid()),
    ) as pool:
        try:
            futures = [pool.submit(_build_in_worker, group, out_dir) for group in queue]
            on_start(len(plan.groups))
            for future in as_completed(futures):
                result = _outcome(future)
                report.results[result.order] = result
                if not result.ok:
                    _remove_outputs(out_dir, by_order[result.order], shared=plan.bloc_folder)
                on_result(by_order[result.order], result)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    report.index = write_index(plan, report, out_dir, TemplateSet(options.templates_dir), book, options.mode)
    return report


def _remove_outputs(out_dir: Path, group: Group, *, shared: str) -> None:
    """Delete what an earlier run wrote for a group that failed now, so that the pack never
    mixes documents of old data with the new (the names are the plan's, so nothing else goes).
    A unit's folder left empty goes too; the ``shared`` folder of the bloc's inputs stays, as
    other workers may be writing into it."""
    folder = inside(out_dir, group.folder)
    for planned in group.inputs:
        for name in planned.files:
            (folder / name).unlink(missing_ok=True)
    if group.folder != shared and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _outcome(future: Future[GroupResult]) -> GroupResult:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise TemplateError([finding("pack.worker_died", error=exc)]) from exc


# --- The Phiếu gửi ----------------------------------------------------------------------------------
def write_index(
    plan: PackPlan, report: PackReport, out_dir: Path, templates: TemplateSet, book: RuleBook, mode: Mode = Mode.FINAL
) -> Path | None:
    """The Phiếu gửi of the documents written in this run (by folder, in the plan's order); none
    when nothing was written."""
    headings: dict[str, list[Listed]] = {}
    units: set[str] = set()
    for group in plan.groups:
        result = report.results.get(group.order)
        if result is not None and result.written:
            headings.setdefault(group.heading, []).extend(result.written)
            if group.folder != plan.bloc_folder:
                units.add(group.folder)
    if not headings:
        inside(out_dir, INDEX_NAME).unlink(missing_ok=True)  # an earlier run's list would be wrong now
        return None
    groups = [ListGroup(heading, tuple(items)) for heading, items in headings.items()]
    linked = {"groups": groups, "units": len(units)}
    listed = Validated(KINDS["bloc"], plan.bloc, linked, [], mode, book.on(plan.bloc.document.date))
    data = produce(INDEX_DOCUMENT, listed, templates.get(INDEX_DOCUMENT))
    return write_atomic(inside(out_dir, INDEX_NAME), data)


def _enrich_index(bloc: Bloc, linked: Mapping[str, Any], rules: object) -> dict[str, Any]:
    bloc_name = " ".join(bloc.issuer.name)
    intro = (
        f"{bloc_name} gửi kèm theo hồ sơ, văn bản thi đua, khen thưởng năm {bloc.year} của Khối và của "
        f"{linked['units']} đơn vị thành viên, gồm:"
    )
    return enrich_listing(bloc, intro, linked["groups"])


def _index_core(bloc: Bloc, linked: object) -> object:
    return listing_core(bloc)


INDEX_DOCUMENT = Document("", "Phiếu gửi hồ sơ, văn bản của Khối", LAYOUT, TEMPLATE, _enrich_index, _index_core)
"""The pack's list; not a document of the ``bloc`` kind, because only a pack knows what it holds."""


def find_bloc_file(path: Path) -> Path:
    """The bloc file itself, or the one file of the folder ``path`` that declares ``kind: bloc``."""
    if path.is_file():
        return path
    if not path.is_dir():
        raise InputError([finding("pack.not_found", name=path)])
    found = []
    for candidate in sorted(path.iterdir()):
        if candidate.suffix.lower() in (".yaml", ".yml", ".json") and candidate.is_file():
            match = _KIND_LINE.search(candidate.read_text(encoding="utf-8", errors="replace"))
            if match and match.group(1) == "bloc":
                found.append(candidate)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError([finding("pack.bloc_file", file=str(path), folder=path)])
    names = ", ".join(f"«{p.name}»" for p in found)
    raise InputError([finding("pack.bloc_file/several", file=str(path), folder=path, names=names)])
