"""Paths named in data: linked inputs, workbooks, proofs and a bloc's files, kept inside the data's
folder and checked before they are read.

A tờ trình links the vote whose passing candidates it proposes; a bloc summary links the units'
self-assessments. Paths are relative to the folder of the file that names them; in a list, a
pattern with ``*`` stands for every matching file, in name order. A link that leads nowhere, or
back to a file already on the chain, is an input error at the data path that names it.

Data may come from someone else (a colleague's dossier, a file sent to the workbench), so a path
in it may only name a file inside the *roots*: the data folder of the input the user gave (for a
pack or a dossier, of the bloc or dossier file), plus the folders the user allows explicitly
(``--allow-root``). The data folder is the input's own folder, or the nearest folder above it
holding a :data:`ROOT_MARKER` file: a clerk who keeps a year's work as sibling folders (the plan
in one, the bloc in another, linked with ``../``) marks their common folder once. An absolute
path, a ``..`` leading out or a symbolic link pointing out is refused at its data path; a pattern
is expanded inside the roots only, and stops at a bounded number of matches and of files looked
at.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from pydantic import BaseModel

from pipeline.core.errors import Finding
from pipeline.core.limits import MAX_MATCHES, MAX_SCANNED
from pipeline.core.messages import finding
from pipeline.stages.load import Loaded, format_path

Targets = dict[str, tuple[list[Path], bool]]
"""Per link field: the files it names, and whether the field is a list."""

Problem = tuple[str, dict[str, object]]
"""A catalogue key and the values of its message."""

_WILDCARDS = frozenset("*?[")
ROOT_MARKER = "hoso-root.txt"
"""A file (its content does not matter) marking the folder that holds it as a data folder: data
anywhere below it may name any file below it."""


def data_root(path: Path) -> Path:
    """The data folder of the input ``path``: the nearest folder from its own upwards that holds
    :data:`ROOT_MARKER`, else its own folder."""
    folder = path.resolve().parent
    marked = next((f for f in (folder, *folder.parents) if (f / ROOT_MARKER).is_file()), None)
    return marked or folder


@dataclass(frozen=True)
class Roots:
    """The folders that paths named in data must stay inside; the first is the data's own."""

    folders: tuple[Path, ...]

    @classmethod
    def around(cls, folder: Path, allowed: Iterable[Path] = ()) -> Roots:
        """``folder`` (the data's) and the folders the user allows, resolved once."""
        return cls(tuple(dict.fromkeys(Path(p).resolve() for p in (folder, *allowed))))

    @property
    def shown(self) -> Path:
        return self.folders[0]

    def holds(self, path: Path) -> bool:
        """Whether ``path``, once every symbolic link is followed, lies inside a root."""
        real = path.resolve()
        return any(real.is_relative_to(folder) for folder in self.folders)


def link_paths(
    fields: Iterable[str],
    root: str,
    model: BaseModel,
    loaded: Loaded,
    base: Path,
    chain: tuple[Path, ...],
    roots: Roots | None = None,
) -> tuple[Targets, list[Finding]]:
    """The files named by the link ``fields`` of ``model`` (an input of kind ``root``); paths
    start at ``base`` and stay inside ``roots`` (default: ``base`` itself)."""
    roots = roots or Roots.around(base)
    targets: Targets = {}
    findings: list[Finding] = []
    for field_name in fields:
        value = getattr(model, field_name)
        many = isinstance(value, (list, tuple))
        entries = list(value) if many else ([] if value is None else [value])
        paths: list[Path] = []
        for index, entry in enumerate(entries):
            loc = (field_name, index) if many else (field_name,)
            found, problem = resolve(entry, base, roots)
            if problem is None:
                found, problem = _without_loops(found, chain)
            if problem:
                key, params = problem
                findings.append(finding(
                    key, file=loaded.file, path=format_path(root, loc), line=loaded.lines.get(loc), **params,
                ))
            paths.extend(found)
        targets[field_name] = (paths, many)
    return targets, findings


def _without_loops(found: list[Path], chain: tuple[Path, ...]) -> tuple[list[Path], Problem | None]:
    looping = [p for p in found if p.resolve() in chain]
    if looping:
        return [p for p in found if p not in looping], ("input.link/loop", {"name": looping[0].name})
    return found, None


def resolve(entry: str, base: Path, roots: Roots, *, patterns: bool = True) -> tuple[list[Path], Problem | None]:
    """The files ``entry`` names from ``base`` (with ``patterns``, an entry holding ``*`` is a
    pattern: every match, in name order), or the problem that stops it: outside the roots,
    missing, no match, too many matches."""
    outside = _outside(entry, base, roots)
    if outside:
        return [], outside
    if not patterns or "*" not in entry:
        target = base / entry
        if not is_file(target):
            return [], ("input.link", {"entry": entry, "folder": base})
        if not roots.holds(target):
            return [], ("input.outside/symlink", {"entry": entry, "root": roots.shown})
        return [target], None
    try:
        found = sorted(set(_expand(base, PurePosixPath(entry.replace("\\", "/")).parts, roots)))
    except _TooMany as exc:
        return [], (exc.key, {"entry": entry, "limit": exc.limit})
    if not found:
        return [], ("input.link/no_match", {"entry": entry, "folder": base})
    return found, None


def is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a name the system refuses (too long) names no file."""
    try:
        return path.is_file()
    except OSError:
        return False


def _outside(entry: str, base: Path, roots: Roots) -> Problem | None:
    """Whether ``entry`` leads out of the roots as written (absolute, or ``..`` past the top),
    before any file is looked at. Symbolic links are judged on the files found."""
    if PurePosixPath(entry).is_absolute() or PureWindowsPath(entry).anchor:
        absolute = Path(entry)
        if absolute.is_absolute() and roots.holds(Path(os.path.normpath(absolute))):
            return None
        return ("input.outside/absolute", {"entry": entry, "root": roots.shown})
    parts = PurePosixPath(entry.replace("\\", "/")).parts
    first = _first_wildcard(parts)
    prefix = parts[:first]
    if ".." in parts[first:]:
        return ("input.outside", {"entry": entry, "root": roots.shown})
    lexical = Path(os.path.normpath(base.resolve().joinpath(*prefix))) if prefix else base.resolve()
    if not any(lexical.is_relative_to(folder) for folder in roots.folders):
        return ("input.outside", {"entry": entry, "root": roots.shown})
    return None


def _first_wildcard(parts: tuple[str, ...]) -> int:
    return next((i for i, part in enumerate(parts) if _WILDCARDS.intersection(part)), len(parts))


class _TooMany(Exception):
    def __init__(self, key: str, limit: int):
        super().__init__(key)
        self.key, self.limit = key, limit


def _expand(base: Path, parts: tuple[str, ...], roots: Roots) -> Iterator[Path]:
    """The files under ``base`` matching ``parts`` (``*``, ``?``, ``[…]`` within a name, ``**``
    for any number of folders), never entering a folder outside the roots; raises
    :class:`_TooMany` past :data:`MAX_MATCHES` matches or :data:`MAX_SCANNED` entries read."""
    scanned = matched = 0
    pending: list[tuple[Path, int]] = [(base, 0)]
    seen: set[tuple[Path, int]] = set()
    while pending:
        folder, index = pending.pop()
        if index == len(parts) or (folder, index) in seen:
            continue  # a final ``**`` names folders, never a file
        seen.add((folder, index))
        part = parts[index]
        last = index == len(parts) - 1
        if not _WILDCARDS.intersection(part) and part != "**":
            candidates = [folder / part]
        else:
            if part == "**":
                pending.append((folder, index + 1))  # zero folders
            candidates = []
            try:
                with os.scandir(folder) as listing:
                    for item in listing:
                        scanned += 1
                        if scanned > MAX_SCANNED:
                            raise _TooMany("limit.scanned", MAX_SCANNED)
                        candidates.append(folder / item.name)
            except OSError:
                continue
        for candidate in candidates:
            if part == "**":
                if candidate.is_dir() and not candidate.is_symlink() and roots.holds(candidate):
                    pending.append((candidate, index))
                continue
            if part not in (".", "..") and not fnmatch.fnmatchcase(candidate.name, part):
                continue
            if last:
                if candidate.is_file() and roots.holds(candidate):
                    matched += 1
                    if matched > MAX_MATCHES:
                        raise _TooMany("limit.matches", MAX_MATCHES)
                    yield candidate
            elif candidate.is_dir() and roots.holds(candidate):
                pending.append((candidate, index + 1))
