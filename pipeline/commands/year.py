"""The checks across a bloc's year (:mod:`pipeline.law.checks.year`), over a bloc folder or a
dossier: every input is validated once (linked inputs through the same cache), then the valid ones
are compared with each other. A bloc's inputs are validated by worker processes, as a pack's
groups are; each comes back as what the comparisons read (names, titles, positions, dates and the
lines of their paths), so the main process holds a bloc of 5 000 units in tens of megabytes, not
its whole models.

A bloc's inputs are those its bloc file names, with the nominee lists and dossiers of its folder
(a bloc file names neither: they produce no document of the pack). What each input links is
checked too, so a dossier brings its tờ trình and reports.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pipeline.commands.pack import Builder, Group, PackOptions, PackPlan, default_jobs, init_worker, sniff_kind, worker
from pipeline.core import platform
from pipeline.core.datapath import Loc
from pipeline.core.errors import Finding, HosoError, Severity, merged
from pipeline.law.checks.year import YearInput, check_year
from pipeline.law.rulebook import RuleBook, RuleSet
from pipeline.orchestrator import Validated, validate_file
from pipeline.stages.link import Roots, data_root, link_paths
from pipeline.stages.load import Loaded, load

_DATA_SUFFIXES = (".yaml", ".yml", ".json")
_UNLISTED_KINDS = ("nominee_list", "dossier")
"""Kinds a bloc file does not list but its folder holds: checked with the year."""


@dataclass(frozen=True)
class YearChecked:
    files: tuple[Path, ...]
    """Every input checked, linked ones included, in the order first reached."""
    own: tuple[Finding, ...]
    """What each input's own validation found (its errors, its and its links' warnings)."""
    year: tuple[Finding, ...]
    """What the year's checks found across the valid inputs."""

    @property
    def findings(self) -> list[Finding]:
        return list(dict.fromkeys([*self.own, *self.year]))

    @property
    def failed(self) -> bool:
        return any(f.is_error for f in self.findings)


def bloc_inputs(plan: PackPlan) -> list[Path]:
    """The inputs a bloc file names, then the nominee lists and dossiers of its folder."""
    listed = [planned.path for group in plan.groups for planned in group.inputs]
    known = {path.resolve() for path in listed} | {plan.bloc_file.resolve()}
    folder = plan.bloc_file.parent
    extra = [
        path for path in sorted(folder.rglob("*"))
        if path.suffix.lower() in _DATA_SUFFIXES and not path.is_symlink() and path.is_file()
        and path.resolve() not in known and _unlisted_kind(path)
    ]
    return listed + extra


def _unlisted_kind(path: Path) -> bool:
    try:
        return sniff_kind(path) in _UNLISTED_KINDS
    except HosoError:
        return False  # not a data file of a known kind: not an input of the year


def check_inputs(
    paths: Iterable[Path], book: RuleBook, options: PackOptions, root: Path, *, jobs: int = 1,
) -> YearChecked:
    """Validate ``paths`` and everything they link, then compare the valid inputs. With ``jobs``
    worker processes the validations run in parallel (when this process may start them by
    forking, :func:`_forking`); each input comes back as only what the year's checks read."""
    options = dataclasses.replace(options, data_root=root)
    labels: dict[Path, str] = {}
    found: list[tuple[Path, _Viewed]] = []
    own: list[Finding] = []
    with _viewer(book, options, jobs) as view:
        pending = list(paths)
        while pending:
            # Level by level, each in the order reached: the order of a queue read one at a time.
            batch = []
            for path in pending:
                if (real := path.resolve()) not in labels:
                    labels[real] = str(path)
                    batch.append(path)
            pending = []
            for path, viewed in zip(batch, view(batch)):
                own += viewed.findings
                if viewed.kind is not None:
                    found.append((path, viewed))
                    pending += [target for targets in viewed.links.values() for target in targets]
    rules: dict[datetime.date | None, RuleSet] = {}
    inputs = []
    for path, v in found:
        if v.day not in rules:
            rules[v.day] = book.on(v.day)  # one rule set per day, not per input
        inputs.append(YearInput(str(path), v.kind or "", v.model, rules[v.day], v.lines, _named(v.links, labels)))
    year = check_year(inputs)
    if options.strict:
        year = [dataclasses.replace(f, severity=Severity.ERROR) for f in year]
    return YearChecked(tuple(Path(label) for label in labels.values()), tuple(merged(own)), tuple(year))


_YEAR_FIELDS = frozenset({
    "issuer", "document", "year", "start", "individual_titles", "collective_titles", "individuals", "person",
    "proposed_award", "nominee", "certifier", "titles", "counting", "achievements",
})
"""The fields of an input the year's checks read (:mod:`pipeline.law.checks.year`): names, titles,
positions, dates, numbers. An input is kept with these only (and the lines of their paths), so
that the checks of a bloc of 5 000 units hold names and dates, not 10 000 whole models."""


@dataclass(frozen=True)
class _Viewed:
    """One input as a worker validated it: its findings and, when valid, what the year's checks read."""

    findings: tuple[Finding, ...]
    kind: str | None = None
    model: Any = None
    """The validated model with the :data:`_YEAR_FIELDS` it has, and only those."""
    day: datetime.date | None = None
    """The day that chose its rules (the rule set itself is made again where the checks run)."""
    lines: Mapping[Loc, int] = dataclasses.field(default_factory=dict)
    links: Mapping[str, tuple[Path, ...]] = dataclasses.field(default_factory=dict)


def _view(path: Path, builder: Builder) -> _Viewed:
    options = builder.options
    try:
        validated = validate_file(
            path, mode=options.mode, rules=builder.book, strict=options.strict, root=options.data_root,
            allowed_roots=options.allowed_roots, cache=builder.cache,
        )
    except HosoError as exc:
        return _Viewed(tuple(exc.findings))
    kind, model = validated.kind, validated.model
    kept = {name: _shared(getattr(model, name)) for name in _YEAR_FIELDS & set(type(model).model_fields)}
    links = _links(path, validated, Roots.around(options.data_root or data_root(path), options.allowed_roots))
    wanted = _YEAR_FIELDS | set(links)
    lines = {_shared(loc): line for loc, line in load(path, root=kind.name).lines.items() if loc[0] in wanted}
    return _Viewed(tuple(validated.warnings), kind.name, type(model).model_construct(**kept), kind.date(model), lines, links)


def _shared(value: Any) -> Any:
    """``value`` with each of its texts and paths the one object every equal one is in this process
    (a unit's parent body, its titles, the paths of its lines): the results a worker sends in one
    message then hold each once, and so does the main process that keeps them."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: _shared(item) for name, item in value.__dict__.items()})
    if isinstance(value, list):
        return [_shared(item) for item in value]
    if isinstance(value, tuple):
        shared = tuple(_shared(item) for item in value)
        return _TUPLES.setdefault(shared, shared) if all(isinstance(i, (str, int)) for i in shared) else shared
    return value


_TUPLES: dict[tuple[Any, ...], tuple[Any, ...]] = {}
"""The data paths :func:`_shared` has met in this process (as many as distinct paths of the inputs'
lines: the same few hundred in every unit)."""


def _view_in_worker(path: Path) -> _Viewed:
    return _view(path, worker())


@contextlib.contextmanager
def _viewer(book: RuleBook, options: PackOptions, jobs: int) -> Iterator[Callable[[list[Path]], Iterable[_Viewed]]]:
    """A function viewing a batch of inputs, in order: in ``jobs`` worker processes, or here."""
    if jobs < 2 or not _forking():
        builder = Builder(options, book)
        try:
            yield lambda batch: [_view(path, builder) for path in batch]
        finally:
            _TUPLES.clear()  # a worker's go with it; this process may run for long (a server)
        return
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=platform.process_context("fork"),
        initializer=init_worker, initargs=(options, book, os.getpid()),
    ) as pool:
        # Chunks of a few dozen inputs: few messages, and a short wait for the last one.
        yield lambda batch: pool.map(_view_in_worker, batch, chunksize=max(1, len(batch) // (jobs * 32)))


def _forking() -> bool:
    """Whether workers may start here by forking: this process runs one thread (a forked child gets
    a copy of every lock another thread may hold, which can hang it: a server validates in its own
    process), and the platform starts workers so."""
    return threading.active_count() == 1 and platform.process_context().get_start_method() == "fork"


def _links(path: Path, validated: Validated, roots: Roots) -> dict[str, tuple[Path, ...]]:
    """The files each link of a valid input names (its links were resolved when it was validated,
    so no problem is left to report: the file is not read again for lines)."""
    kind = validated.kind
    if not kind.links:
        return {}
    unread = Loaded(data={}, file=str(path), lines={}, warnings=())
    targets, _ = link_paths(kind.links, kind.name, validated.model, unread, path.parent, (), roots)
    return {name: tuple(paths) for name, (paths, _) in targets.items()}


def _named(links: Mapping[str, tuple[Path, ...]], labels: Mapping[Path, str]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(labels.get(p.resolve(), str(p)) for p in paths) for name, paths in links.items()}


def check_bloc(plan: PackPlan, book: RuleBook, options: PackOptions, *, jobs: int | None = None) -> YearChecked:
    """The year's checks over a bloc, with ``jobs`` worker processes (default: one per core)."""
    return check_inputs(bloc_inputs(plan), book, options, data_root(plan.bloc_file), jobs=jobs or default_jobs())


def check_dossier(path: Path, book: RuleBook, options: PackOptions) -> YearChecked:
    return check_inputs([path], book, options, data_root(path))


def with_year(plan: PackPlan, year: Sequence[Finding]) -> PackPlan:
    """The plan with the year's findings: an error stops the group holding the document it is
    about (the others are built); warnings are the plan's. An error about a document the pack
    does not print (a dossier) is for the command that prints it."""
    groups = list(plan.groups)
    warnings = list(plan.warnings)
    for found in year:
        if not found.is_error:
            warnings.append(found)
            continue
        index = _group_of(groups, found.file)
        if index is not None:
            groups[index] = dataclasses.replace(groups[index], problems=(*groups[index].problems, found))
    return dataclasses.replace(plan, groups=tuple(groups), warnings=tuple(warnings))


def _group_of(groups: Sequence[Group], file: str | None) -> int | None:
    if file is None:
        return None
    wanted = Path(file).resolve()
    for index, group in enumerate(groups):
        if any(planned.path.resolve() == wanted for planned in group.inputs):
            return index
    return None
