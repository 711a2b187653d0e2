"""The checks across a bloc's year (:mod:`pipeline.law.checks.year`), over a bloc folder or a
dossier: every input is validated once (linked inputs through the same cache), then the valid ones
are compared with each other.

A bloc's inputs are those its bloc file names, with the nominee lists and dossiers of its folder
(a bloc file names neither: they produce no document of the pack). What each input links is
checked too, so a dossier brings its tờ trình and reports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.commands.pack import Group, PackOptions, PackPlan, sniff_kind
from pipeline.core.errors import Finding, HosoError, Severity, merged
from pipeline.law.checks.year import YearInput, check_year
from pipeline.law.rulebook import RuleBook
from pipeline.orchestrator import Validated, ValidationCache, validate_file
from pipeline.stages.link import Roots, data_root, link_paths
from pipeline.stages.load import load

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
    known = {path.resolve() for path in listed}
    folder = plan.bloc_file.parent
    extra = [
        path for path in sorted(folder.rglob("*"))
        if path.suffix.lower() in _DATA_SUFFIXES and not path.is_symlink() and path.is_file()
        and path.resolve() not in known and path.resolve() != plan.bloc_file.resolve() and _unlisted_kind(path)
    ]
    return listed + extra


def _unlisted_kind(path: Path) -> bool:
    try:
        return sniff_kind(path) in _UNLISTED_KINDS
    except HosoError:
        return False  # not a data file of a known kind: not an input of the year


def check_inputs(paths: Iterable[Path], book: RuleBook, options: PackOptions, root: Path) -> YearChecked:
    """Validate ``paths`` and everything they link, then compare the valid inputs."""
    cache = ValidationCache()
    roots = Roots.around(root, options.allowed_roots)
    queue = list(paths)
    labels: dict[Path, str] = {}
    found: list[tuple[Path, Validated, dict[str, list[Path]]]] = []
    own: list[Finding] = []
    while queue:
        path = queue.pop(0)
        if path.resolve() in labels:
            continue
        labels[path.resolve()] = str(path)
        try:
            validated = validate_file(
                path, mode=options.mode, rules=book, strict=options.strict, root=root,
                allowed_roots=options.allowed_roots, cache=cache,
            )
        except HosoError as exc:
            own += exc.findings
            continue
        own += validated.warnings
        links = _links(path, validated, roots)
        queue += [target for targets in links.values() for target in targets]
        found.append((path, validated, links))
    inputs = [_year_input(path, validated, links, labels) for path, validated, links in found]
    year = check_year(inputs)
    if options.strict:
        year = [dataclasses.replace(f, severity=Severity.ERROR) for f in year]
    return YearChecked(tuple(Path(label) for label in labels.values()), tuple(merged(own)), tuple(year))


def _links(path: Path, validated: Validated, roots: Roots) -> dict[str, list[Path]]:
    """The files each link of a valid input names (its links were resolved when it was validated)."""
    kind = validated.kind
    if not kind.links:
        return {}
    loaded = load(path, root=kind.name)
    targets, _ = link_paths(kind.links, kind.name, validated.model, loaded, path.parent, (), roots)
    return {name: list(paths) for name, (paths, _) in targets.items()}


def _year_input(path: Path, validated: Validated, links: dict[str, list[Path]], labels: dict[Path, str]) -> YearInput:
    lines = load(path, root=validated.kind.name).lines
    named = {name: tuple(labels.get(p.resolve(), str(p)) for p in paths) for name, paths in links.items()}
    return YearInput(str(path), validated.kind.name, validated.model, validated.rules, lines, named)


def check_bloc(plan: PackPlan, book: RuleBook, options: PackOptions) -> YearChecked:
    return check_inputs(bloc_inputs(plan), book, options, data_root(plan.bloc_file))


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
