"""The year at a glance: every document of a workspace in the order of the emulation year, each
with its state (missing, N errors, N warnings, ready), found by validating each file exactly as
``hoso validate`` does.

Validation results are kept per file until any data file of the workspace changes (a linked
input's change can break the file that links it), so a page shows in milliseconds once warm.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import api
from pipeline.commands.pack import find_bloc_file, sniff_kind
from pipeline.core.errors import Finding, HosoError
from pipeline.law.kinds import KINDS
from pipeline.stages.load import load
from pipeline.web.workspace import DATA_SUFFIXES, Workspace

_COMMAND_NOTE = re.compile(r"\s*\(cho lệnh [^)]*\)$")
_OWN_TITLE = ("dossier",)
"""Kinds named by what they are rather than by their one document (a dossier, not its Phiếu gửi)."""
_ORDER = {name: position for position, name in enumerate(KINDS)}
EXPECTED = ("plan", "self_assessment", "bloc_summary", "vote", "nomination", "decision", "dossier")
"""Kinds a bloc's year needs at least one file of: shown as missing until there is one."""


@dataclass(frozen=True)
class Checked:
    findings: list[Finding]
    kind: str | None

    @property
    def errors(self) -> int:
        return sum(f.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def state(self) -> str:
        if self.errors:
            return "error"
        return "warning" if self.warnings else "ready"


@dataclass(frozen=True)
class Entry:
    relative: str | None
    """The file, relative to the workspace; None for a document still missing."""
    kind: str
    unit: str | None
    checked: Checked | None

    @property
    def titles(self) -> list[str]:
        kind = KINDS[self.kind]
        if self.kind in _OWN_TITLE or not kind.documents:
            return [_COMMAND_NOTE.sub("", kind.title)]
        return [d.title for d in kind.documents]


Stamps = dict[str, tuple[int, int]]


@dataclass
class Validations:
    """Validation results of one workspace, each kept with the stamps of what it depends on."""

    results: dict[str, tuple[object, Checked]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_CACHE: dict[Path, Validations] = {}
_CACHE_LOCK = threading.Lock()


@dataclass
class SharedValidations:
    """The workbench's one validation cache for the process: the year's page, a file's findings and
    its previews validate through it, so an input linked by the file saved (the vote behind a tờ
    trình, every unit's self-assessment behind the summary) is read again only once it changed.
    The findings kept per file above answer first while no file of the workspace changed; this
    answers after a save, for everything the save did not touch. One thread at a time: the request
    threads and the preview thread take turns."""

    cache: api.ValidationCache = field(default_factory=lambda: api.ValidationCache(capacity=1024))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def validate(self, path: Path, *, kind: str | None = None, draft: bool = False) -> api.Validated:
        with self.lock:
            return api.validate(path, kind=kind, draft=draft, cache=self.cache)


VALIDATIONS = SharedValidations()


def stamps(workspace: Workspace) -> Stamps:
    """Modification time and size of every data file and workbook of the workspace."""
    found = {}
    for path in workspace.data_files(suffixes=DATA_SUFFIXES + (".xlsx",)):
        stat = path.stat()
        found[path.relative_to(workspace.path).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


def _depends(relative: str, kind: str | None, now: Stamps) -> object:
    """What a file's findings depend on: itself and the workbooks for a kind that links no other
    input (a vote, a self-assessment); every file of the workspace for one that does (a tờ trình
    reads its vote, a summary every unit's self-assessment)."""
    if kind in KINDS and not KINDS[kind].links:
        return (now.get(relative), tuple(sorted((k, v) for k, v in now.items() if k.endswith(".xlsx"))))
    return tuple(sorted(now.items()))


def check(workspace: Workspace, relative: str, now: Stamps | None = None) -> Checked:
    """The findings of one file of the workspace (warnings when valid, every finding when not);
    ``now``: the workspace's :func:`stamps`, when the caller has them already. Kept until a file
    it depends on changes, so that a save revalidates only what it can affect."""
    with _CACHE_LOCK:
        cache = _CACHE.setdefault(workspace.path.resolve(), Validations())
    now = now if now is not None else stamps(workspace)
    with cache.lock:
        kept = cache.results.get(relative)
        if kept is not None and kept[0] == _depends(relative, kept[1].kind, now):
            return kept[1]
        checked = _check(workspace.path / relative)
        cache.results[relative] = (_depends(relative, checked.kind, now), checked)
        return checked


def _check(path: Path) -> Checked:
    try:
        kind = sniff_kind(path)
    except HosoError as exc:
        return Checked(exc.findings, None)
    try:
        return Checked(VALIDATIONS.validate(path, kind=kind).warnings, kind)
    except HosoError as exc:
        return Checked(exc.findings, kind)


def overview(workspace: Workspace) -> list[Entry]:
    """Every data file of the workspace in the year's order (a unit's files under its name, in the
    bloc file's order), then the kinds still missing."""
    units = _units(workspace)
    now = stamps(workspace)
    entries = []
    for path in workspace.data_files():
        relative = path.relative_to(workspace.path).as_posix()
        checked = check(workspace, relative, now)
        kind = checked.kind or "bloc"
        entries.append(Entry(relative, kind, units.get(relative, (None, 0))[0], checked))
    present = {e.kind for e in entries if e.checked and e.checked.kind}
    entries += [Entry(None, kind, None, None) for kind in EXPECTED if kind not in present]

    def order(entry: Entry) -> tuple[int, int, str]:
        unit_order = units.get(entry.relative or "", (None, 0))[1]
        return (_ORDER[entry.kind], unit_order, entry.relative or "~")

    return sorted(entries, key=order)


def _units(workspace: Workspace) -> dict[str, tuple[str, int]]:
    """Member files named by the bloc file → (unit name, the unit's place in the bloc)."""
    try:
        bloc_file = find_bloc_file(workspace.path)
        data = load(bloc_file).data
    except HosoError:
        return {}
    found: dict[str, tuple[str, int]] = {}
    members = data.get("members")
    for position, member in enumerate(members if isinstance(members, list) else [], start=1):
        if not isinstance(member, dict) or not isinstance(member.get("files"), list):
            continue
        for name in member["files"]:
            if isinstance(name, str):
                target = (bloc_file.parent / name).resolve()
                if target.is_relative_to(workspace.path.resolve()):
                    found[workspace.relative(target)] = (str(member.get("name", "")), position)
    return found
