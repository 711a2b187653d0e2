"""Linked inputs: the paths an input names in its link fields, checked before they are read.

A tờ trình links the vote whose passing candidates it proposes; a bloc summary links the units'
self-assessments. Paths are relative to the folder of the file that names them; in a list, a
pattern with ``*`` stands for every matching file, in name order. A link that leads nowhere, or
back to a file already on the chain, is an input error at the data path that names it.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Iterable

from pydantic import BaseModel

from pipeline.core.errors import Finding
from pipeline.stages.load import Loaded, format_path

Targets = dict[str, tuple[list[Path], bool]]
"""Per link field: the files it names, and whether the field is a list."""


def link_paths(
    fields: Iterable[str], root: str, model: BaseModel, loaded: Loaded, base: Path, chain: tuple[Path, ...]
) -> tuple[Targets, list[Finding]]:
    """The files named by the link ``fields`` of ``model`` (an input of kind ``root``)."""
    targets: Targets = {}
    findings: list[Finding] = []
    for field_name in fields:
        value = getattr(model, field_name)
        many = isinstance(value, (list, tuple))
        entries = list(value) if many else ([] if value is None else [value])
        paths: list[Path] = []
        for index, entry in enumerate(entries):
            loc = (field_name, index) if many else (field_name,)
            found, problem = _resolve(entry, base, chain)
            if problem:
                findings.append(_finding(problem, loaded, root, loc))
            paths.extend(found)
        targets[field_name] = (paths, many)
    return targets, findings


def _resolve(entry: str, base: Path, chain: tuple[Path, ...]) -> tuple[list[Path], str | None]:
    if "*" in entry:
        found = sorted(p for p in base.glob(entry) if p.is_file())
        if not found:
            return [], f"Không có tệp nào khớp mẫu «{entry}» trong thư mục «{base}»."
    else:
        target = base / entry
        if not target.is_file():
            return [], f"Không tìm thấy tệp «{entry}» (đường dẫn tính từ thư mục «{base}»)."
        found = [target]
    looping = [p for p in found if p.resolve() in chain]
    if looping:
        return [p for p in found if p not in looping], f"Tệp «{looping[0].name}» liên kết vòng trở lại chính nó."
    return found, None


def _finding(message: str, loaded: Loaded, root: str, loc: tuple[str | int, ...]) -> Finding:
    return Finding("input.link", message, file=loaded.file, path=format_path(root, loc), line=loaded.lines.get(loc))
