"""The pipeline, start to end: load → validate (with linked inputs) → rules → enrich → render →
finalize → write.

Each stage is a function of its inputs only. The one thing kept between documents is the set of
prepared templates, and it is an explicit object the caller creates once per batch.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from pipeline.stages.draft import Mode, fill_blanks, unnumbered
from pipeline.core import resources
from pipeline.core.errors import Finding, InputError, Severity, merged
from pipeline.core.messages import finding
from pipeline.stages.finalize import finalize
from pipeline.law.kinds import KINDS, Document, Kind, Linked
from pipeline.stages.link import Roots, data_root, link_paths
from pipeline.stages.load import Loc, Loaded, format_path, load, load_data
from pipeline.law.rulebook import RuleBook, RuleSet, builtin_book
from pipeline.stages.render import render
from pipeline.law.checks import run as run_rules
from pipeline.stages.template import PreparedTemplate, make_environment, prepare_template
from pipeline.stages.validate import validate
from pipeline.core.files import output_folder, write_atomic
from pipeline.stages.xlsx import TABLES, expand_tables



@dataclass
class TemplateSet:
    """Templates prepared once per batch; a user folder overrides the built-in templates by name."""

    directory: Path | None = None
    env: jinja2.Environment = field(default_factory=make_environment, repr=False)
    _prepared: dict[str, PreparedTemplate] = field(default_factory=dict, repr=False)

    def get(self, document: Document) -> PreparedTemplate:
        if document.template not in self._prepared:
            path = self.path_for(document)
            self._prepared[document.template] = prepare_template(path, document.layout, self.env)
        return self._prepared[document.template]

    def path_for(self, document: Document) -> Path:
        if self.directory is not None and (self.directory / document.template).is_file():
            return self.directory / document.template
        return resources.templates() / document.template


@dataclass(frozen=True)
class Validated:
    kind: Kind
    model: BaseModel
    linked: Linked
    warnings: list[Finding]
    """Warnings of this input and of every input it links to."""
    mode: Mode = Mode.FINAL
    """A draft may leave texts blank (``……``, :mod:`pipeline.stages.draft`); its documents are marked."""
    rules: RuleSet = field(default_factory=lambda: builtin_book().on(None))
    """The rules in force on the input's date (its kind's ``date``), as the rules stage applied them;
    enrich computes with the same (thresholds, authorities, bonuses)."""


@dataclass(frozen=True)
class Written:
    paths: list[Path]
    warnings: list[Finding]


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        known = ", ".join(KINDS)
        raise InputError([finding("input.unknown_kind", kind=name, kinds=known)]) from None


def detect_kind(loaded: Loaded) -> Kind:
    """The kind an input declares with its top-level ``kind:`` key."""
    name = loaded.data.get("kind")
    if not isinstance(name, str):
        raise InputError([finding("input.kind_missing", file=loaded.file, kinds=", ".join(KINDS))])
    return get_kind(name)


@dataclass(frozen=True)
class _Run:
    """What holds for every file of one validation: the mode, the rule packs, strictness."""

    mode: Mode
    book: RuleBook
    strict: bool
    roots: Roots
    """The folders that paths named in the data must stay inside (:mod:`pipeline.stages.link`)."""
    cache: ValidationCache | None = None
    """Inputs validated earlier and unchanged since; not part of what a result depends on (a field
    that is must be added to :meth:`key` too)."""

    def key(self, path: Path, kind_name: str | None) -> tuple[object, ...]:
        """Everything a validation's result depends on besides the files it reads. The rule book
        counts by identity: a cache entry holds it, so that its id is not reused while cached."""
        return (path.resolve(), kind_name, self.mode, id(self.book), self.strict, self.roots)


def validate_file(
    path: Path,
    kind_name: str | None = None,
    *,
    mode: Mode = Mode.FINAL,
    rules: RuleBook | None = None,
    strict: bool = False,
    root: Path | None = None,
    allowed_roots: Sequence[Path] = (),
    cache: ValidationCache | None = None,
) -> Validated:
    """Load and validate one input and the inputs it links to, then apply the rules in force on its
    date (``rules``: the packs with any local ones, :func:`pipeline.law.rulebook.load_book`; default the
    packs of ``rules/``). The kind comes from the caller or from the file itself. Every problem of
    every file is raised at once; ``strict`` makes every warning an error. In draft mode a text
    still missing, here or in a linked input, becomes a blank and a warning.

    Every path named in the data (links, workbooks) must stay inside ``root`` (default: the input's
    data folder, :func:`pipeline.stages.link.data_root`; a pack gives its bloc's) or one of
    ``allowed_roots`` (``--allow-root``). A ``cache`` (:class:`ValidationCache`) kept by the caller
    serves every input, linked ones included, validated earlier through it and unchanged since."""
    roots = Roots.around(root or data_root(path), allowed_roots)
    return _validate(path, kind_name, (), _Run(mode, rules or builtin_book(), strict, roots, cache))


DATA_LABEL = "<dữ liệu>"
"""How findings name data given in memory when the caller gives no name."""


def validate_data(
    data: Mapping[str, Any],
    kind_name: str | None = None,
    *,
    name: str = DATA_LABEL,
    base: Path | None = None,
    mode: Mode = Mode.FINAL,
    rules: RuleBook | None = None,
    strict: bool = False,
    allowed_roots: Sequence[Path] = (),
    cache: ValidationCache | None = None,
) -> Validated:
    """Validate data a program already holds (a web form, a database row) as :func:`validate_file`
    validates a file: strings cleaned as the load stage cleans them, the same stages, every problem
    at once. Findings name ``name`` and a data path (no line). Linked inputs and workbooks are
    paths relative to ``base`` (default: the current folder) and stay inside it or ``allowed_roots``.
    A ``cache`` serves the linked inputs as for :func:`validate_file` (the data itself, not a file,
    is validated every time)."""
    run = _Run(mode, rules or builtin_book(), strict, Roots.around(base or Path.cwd(), allowed_roots), cache)
    kind = get_kind(kind_name) if kind_name else detect_kind(load_data(data, file=name))
    return _checked(kind, load_data(data, file=name, root=kind.name), base or Path.cwd(), (), run)


def _strict(finding: Finding) -> Finding:
    return dataclasses.replace(finding, severity=Severity.ERROR)


def _validate(path: Path, kind_name: str | None, chain: tuple[Path, ...], run: _Run) -> Validated:
    if run.cache is None:
        return _validate_read(path, kind_name, chain, run)
    return run.cache.through(run.key(path, kind_name), run.book, path, lambda: _validate_read(path, kind_name, chain, run))


def _validate_read(path: Path, kind_name: str | None, chain: tuple[Path, ...], run: _Run) -> Validated:
    if kind_name:
        kind = get_kind(kind_name)
        loaded = load(path, root=kind.name)
    else:
        loaded = load(path)
        kind = detect_kind(loaded)
        if loaded.warnings:
            loaded = load(path, root=kind.name)  # again, so cleaned-text warnings carry the kind's path
    if run.cache is not None:
        run.cache.record(*(_File.of(workbook) for workbook in _workbooks(kind, loaded, path.parent)))
    return _checked(kind, loaded, path.parent, chain + (path.resolve(),), run)


def _checked(kind: Kind, loaded: Loaded, folder: Path, chain: tuple[Path, ...], run: _Run) -> Validated:
    """Validate loaded data, its linked inputs (``folder`` is where their paths start; ``chain``
    the inputs already being validated above this one, to refuse loops) and its rules."""
    # Tables the input gives as Excel workbooks become data here; findings about them name cells.
    loaded, cells = expand_tables(loaded, kind.name, folder, run.roots)
    blanks: list[Finding] = []
    if run.mode is Mode.DRAFT:
        loaded, blanks = fill_blanks(loaded, kind.model, kind.name)
    try:
        model, warnings = validate(loaded, kind.model, root=kind.name)
    except InputError as exc:
        raise InputError(cells.relocate(exc.findings)) from None
    warnings = sorted(cells.relocate(warnings + blanks), key=lambda f: (f.line or 0, f.path or ""))
    if run.mode is Mode.DRAFT:
        model = unnumbered(model)
    linked, findings = _validate_links(kind, model, loaded, folder, chain, run)
    warnings += findings
    rules = run.book.on(kind.date(model))
    found = run_rules(kind, model, linked, rules, links_valid=not any(f.is_error for f in findings))
    if found:
        lines = _lines(kind.name, loaded.lines, {f.path for f in found if not f.file and f.path})
        warnings += cells.relocate(_located(f, loaded.file, lines) for f in found)
    if run.strict:
        warnings = [_strict(f) for f in warnings]
    if any(f.is_error for f in warnings):
        # Every finding at once, warnings with the errors: a clerk fixes the file in one pass.
        raise InputError(warnings)
    return Validated(kind, model, linked, warnings, run.mode, rules)


def _lines(root: str, lines: Mapping[Loc, int], targets: set[str]) -> dict[str, int]:
    """The line of each data path :func:`_located` may look up for findings at ``targets``: those
    paths and the paths enclosing them. A path encloses another only if its text begins the other's,
    so a branch whose path begins no target is skipped whole (a list of 5 000 rows has tens of
    thousands of paths, nearly all of them far from any finding)."""
    paths: dict[Loc, str | None] = {(): root}
    found: dict[str, int] = {}
    for loc, line in lines.items():
        if loc[:-1] not in paths:
            text = format_path(root, loc)
        elif (parent := paths[loc[:-1]]) is not None:
            text = format_path(parent, loc[-1:])  # format_path adds segment after segment
        else:
            paths[loc] = None  # under a skipped branch
            continue
        if any(target.startswith(text) for target in targets):
            paths[loc] = text
            found[text] = line
        else:
            paths[loc] = None
    return found


_LAST_SEGMENT = re.compile(r"(\.[^.\[]+|\[[^\]]*\])$")


def _located(finding: Finding, file: str, lines: dict[str, int]) -> Finding:
    """A rule's finding names a data path of this input: add its file and the line of that path, or
    of the nearest enclosing one (a name typed as one string is read as a list of one line)."""
    if finding.file:
        return finding
    path = finding.path or ""
    while path and path not in lines:
        trimmed = _LAST_SEGMENT.sub("", path)
        path = trimmed if trimmed != path else ""
    return dataclasses.replace(finding, file=file, line=lines.get(path))


def _validate_links(
    kind: Kind, model: BaseModel, loaded: Loaded, folder: Path, chain: tuple[Path, ...], run: _Run
) -> tuple[dict[str, object], list[Finding]]:
    """Validate every linked input; collect the findings of all of them before failing."""
    targets, findings = link_paths(kind.links, kind.name, model, loaded, folder, chain, run.roots)
    if run.cache is not None and _names_patterns(kind, model):
        run.cache.record(_Links.of(kind, model, folder, run.roots, targets))
    linked: dict[str, object] = {}
    for field_name, (paths, many) in targets.items():
        digest = kind.digests.get(field_name, _whole)
        models = []
        for target in paths:
            try:
                result = _validate(target, kind.links[field_name], chain, run)
            except InputError as exc:
                findings += exc.findings
                continue
            findings += result.warnings
            models.append(digest(result))
        linked[field_name] = models if many else (models[0] if models else None)
    # An input linked by several others (a vote behind both the tờ trình and the dossier) brings
    # its warnings along each way: print each once, naming the files.
    return linked, merged(findings)


def _whole(validated: Validated) -> Validated:
    return validated


def produce(document: Document, validated: Validated, template: PreparedTemplate) -> bytes:
    """The .docx bytes of one document of a validated input."""
    context = document.enrich(validated.model, validated.linked, validated.rules)
    core = document.core(validated.model, validated.linked)
    return finalize(template, render(template, context), core, draft=validated.mode is Mode.DRAFT)


def output_name(path: Path, document: Document) -> str:
    """``<input name>.docx`` for the main document, ``<input name>-<key>.docx`` for the others."""
    return f"{path.stem}-{document.key}.docx" if document.key else f"{path.stem}.docx"


def render_file(
    kind_name: str | None,
    path: Path,
    out_dir: Path,
    templates: TemplateSet | None = None,
    *,
    mode: Mode = Mode.FINAL,
    rules: RuleBook | None = None,
    strict: bool = False,
    allowed_roots: Sequence[Path] = (),
    cache: ValidationCache | None = None,
) -> Written:
    """Render every document of one input into ``out_dir``; nothing is written unless every
    document rendered. The kind comes from the caller or from the file's ``kind:``; ``rules``,
    ``strict``, ``allowed_roots`` and ``cache`` as for :func:`validate_file`."""
    output_folder(out_dir)
    validated = validate_file(
        path, kind_name, mode=mode, rules=rules, strict=strict, allowed_roots=allowed_roots, cache=cache
    )
    templates = templates or TemplateSet()
    rendered = [
        (out_dir / output_name(path, document), produce(document, validated, templates.get(document)))
        for document in validated.kind.documents
    ]
    return Written([write_atomic(target, data) for target, data in rendered], validated.warnings)


# --- Validation cache ------------------------------------------------------------------------------
# The workbench validates on every save and a pack's inputs link the same files (the vote behind
# the tờ trình, the decision and the summary): a file is validated once while it is unchanged.
#
# "Unchanged" is decided without reading the file when its status says so for certain: the same
# size, modification time, change time, inode and device. An editor or a copy can keep a file's
# size and modification time (``touch -d``), but any write or ``touch`` sets its change time to
# the present, which no program can set back. Two cases where the status cannot vouch for the
# bytes, and the bytes (their hash) decide instead:
# - a file changed within its file system's time granularity of the moment it was read: a second
#   write in the same clock tick would leave every time stamp as it was (the file systems' clocks
#   tick every 1–10 ms, FAT's modification time every 2 s; see :func:`_settled`);
# - a system without a change time (Windows' ``st_ctime`` is the creation time).
# What this trusts: the times a file system stamps. On a network share stamped by a server whose
# clock runs behind this machine's by more than the window, two writes of one size within one of
# the server's clock ticks could go unseen; a share whose times are whole seconds is hashed for 2 s.


_FINE_WINDOW_NS = 100_000_000
"""How long after a file's last change its time stamps are trusted, on a file system that keeps
fractions of a second: ten times the coarsest clock tick of Linux file systems (10 ms)."""
_COARSE_WINDOW_NS = 2_000_000_000
"""The same for time stamps in whole seconds (FAT keeps modification times to 2 s)."""
_HAS_CHANGE_TIME = os.name != "nt"


def _settled(status: tuple[int, ...], now_ns: int) -> bool:
    """Whether any write after ``now_ns`` must change the file's status: its last change is older
    than the file system's time granularity, and the system keeps a change time."""
    newest = max(status[1], status[2])
    window = _COARSE_WINDOW_NS if newest % 1_000_000_000 == 0 else _FINE_WINDOW_NS
    return _HAS_CHANGE_TIME and newest + window < now_ns


def _status(stat: os.stat_result) -> tuple[int, ...]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


@dataclass(frozen=True)
class Fingerprint:
    status: tuple[int, ...]
    """Size, modification and change times, inode and device."""
    digest: bytes | None
    """BLAKE2b of the bytes while the status cannot vouch for them (:func:`_settled`), else ``None``."""


def fingerprint(path: Path, *, hashed: bool = False) -> Fingerprint | None:
    """The file's status, with the hash of its bytes when the status cannot vouch for them (or
    ``hashed``); ``None`` when it cannot be read."""
    now = time.time_ns()  # before reading: a write after it must show in the status
    try:
        stat = os.stat(path)
        if not hashed and _settled(_status(stat), now):
            return Fingerprint(_status(stat), None)
        with path.open("rb") as stream:
            stat = os.fstat(stream.fileno())
            data = stream.read()
    except OSError:
        return None
    return Fingerprint(_status(stat), hashlib.blake2b(data, digest_size=16).digest())


@dataclass
class _File:
    """A file a validation read, as it was before it was read (so a change made while validating
    is seen as a change next time)."""

    path: Path
    fingerprint: Fingerprint | None

    @classmethod
    def of(cls, path: Path) -> _File:
        return cls(path, fingerprint(path))

    def holds(self) -> bool:
        """Whether the file is as it was: a changed status is a change; the same status holds for
        certain once settled, else when the bytes hash as they did."""
        recorded = self.fingerprint
        if recorded is None:
            return False
        if recorded.digest is None:
            try:
                return _status(os.stat(self.path)) == recorded.status
            except OSError:
                return False
        now = time.time_ns()
        if fingerprint(self.path, hashed=True) != recorded:
            return False
        if _settled(recorded.status, now):
            # The same bytes, and any write from now on shows in the status: no more hashing.
            self.fingerprint = Fingerprint(recorded.status, None)
        return True


@dataclass(frozen=True)
class _Links:
    """The files an input's links named when it was validated: a pattern (``don-vi/*/…``) names
    another set of files once one is added or removed, though no file read has changed."""

    kind: Kind
    model: BaseModel
    folder: Path
    roots: Roots
    targets: tuple[tuple[Path, ...], ...]

    @classmethod
    def of(cls, kind: Kind, model: BaseModel, folder: Path, roots: Roots, targets: dict[str, Any]) -> _Links:
        return cls(kind, model, folder, roots, tuple(tuple(paths) for paths, _ in targets.values()))

    def holds(self) -> bool:
        unread = Loaded(data={}, file="", lines={}, warnings=())
        targets, problems = link_paths(self.kind.links, self.kind.name, self.model, unread, self.folder, (), self.roots)
        return not problems and tuple(tuple(paths) for paths, _ in targets.values()) == self.targets


def _names_patterns(kind: Kind, model: BaseModel) -> bool:
    """Whether a link of ``model`` names its files by a pattern (``don-vi/*/…``), which names
    another set once a file is added or removed. A link naming one file needs no check of its own:
    the file's status changes if it is removed, replaced, or made a symbolic link to another file."""
    for name in kind.links:
        value = getattr(model, name)
        entries = value if isinstance(value, (list, tuple)) else [value]
        if any("*" in str(entry) for entry in entries if entry is not None):
            return True
    return False


def _workbooks(kind: Kind, loaded: Loaded, folder: Path) -> list[Path]:
    """The Excel workbooks ``loaded`` takes tables from (as :func:`pipeline.stages.xlsx.expand_tables`
    reads them)."""
    names = (loaded.data.get(key) for name, key in TABLES if name == kind.name)
    books = (name.partition("#")[0] for name in names if isinstance(name, str))
    return [folder / book for book in books if book.lower().endswith(".xlsx")]


@dataclass(frozen=True)
class _Entry:
    validated: Validated
    book: RuleBook
    reads: tuple[_File | _Links, ...]
    """Everything the validation read, linked inputs included: all must hold for a reuse."""


@dataclass(eq=False)
class ValidationCache:
    """Inputs validated through it, reused while everything they were validated from is unchanged:
    the file, the workbooks it takes tables from, the files its links name and theirs in turn. A
    file that failed is never kept; the least recently used entries go beyond ``capacity``.

    An explicit object, kept by whoever validates many times in one process (a pack's worker, the
    workbench), and passed to :func:`validate_file`; one thread at a time (a server keeps one per
    thread, or a lock around it)."""

    capacity: int = 128
    hits: int = 0
    misses: int = 0
    _entries: OrderedDict[tuple[object, ...], _Entry] = field(default_factory=OrderedDict, init=False, repr=False)
    _reads: list[_File | _Links] = field(default_factory=list, init=False, repr=False)
    """What the validations under way have read so far, outermost first."""

    def __len__(self) -> int:
        return len(self._entries)

    def record(self, *reads: _File | _Links) -> None:
        self._reads.extend(reads)

    def through(self, key: tuple[object, ...], book: RuleBook, path: Path, compute: Callable[[], Validated]) -> Validated:
        """The cached result for ``key`` if everything it read holds, else ``compute()`` kept."""
        entry = self._entries.get(key)
        if entry is not None and entry.book is book and all(read.holds() for read in entry.reads):
            self._entries.move_to_end(key)
            self.hits += 1
            if self._reads:  # an input being validated around this one read them too
                self._reads.extend(entry.reads)
            return entry.validated
        self._entries.pop(key, None)
        self.misses += 1
        start = len(self._reads)
        self._reads.append(_File.of(path))
        try:
            validated = compute()
        except BaseException:
            del self._reads[start:]
            raise
        self._entries[key] = _Entry(validated, book, tuple(self._reads[start:]))
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
        if start == 0:
            self._reads.clear()
        return validated
