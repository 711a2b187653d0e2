"""Saving a document from the workbench: atomically, keeping earlier versions, and never over a
change somebody else made since the page was opened.

A page carries the SHA-256 of the file as it was read; a save whose file no longer has that hash
is refused (:class:`Conflict`) and nothing is written, so two tabs or a clerk editing the same
file in a text editor never lose each other's work. Each save first copies the current file into
``.hoso/lich-su/`` (the last :data:`KEPT` versions), which the "Hoàn tác" button puts back.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from pipeline.core.files import write_atomic
from pipeline.web.forms import dump_yaml
from pipeline.web.workspace import Workspace

KEPT = 20
"""Earlier versions kept per file."""
HISTORY = "lich-su"


class Conflict(Exception):
    """The file changed on disk since the page showed it."""

    def __init__(self, current: str, yours: str):
        super().__init__("conflict")
        self.current = current
        self.yours = yours


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    return digest(path.read_bytes()) if path.is_file() else ""


def as_yaml(data: dict[str, Any], previous: str) -> str:
    """``data`` as YAML, under the comment lines that head the previous text (the file's own
    explanation for the clerk who opens it in an editor)."""
    head = []
    for line in previous.splitlines():
        if line.startswith("#") or not line.strip():
            head.append(line)
        else:
            break
    while head and not head[-1].strip():
        head.pop()
    body = dump_yaml(data)
    return ("\n".join(head) + "\n" + body) if head else body


def save_text(workspace: Workspace, relative: str, text: str, expected: str) -> None:
    """Write ``text`` to the workspace file ``relative`` if it still has the hash ``expected``,
    keeping the current version first. Raises :class:`Conflict` (nothing written) otherwise."""
    path = workspace.path / relative
    current = path.read_bytes() if path.is_file() else b""
    if digest(current) != expected:
        raise Conflict(current.decode("utf-8", errors="replace"), text)
    if current == text.encode("utf-8"):
        return
    if current:
        _keep(workspace, relative, current)
    write_atomic(path, text.encode("utf-8"))


def save_bytes(workspace: Workspace, relative: str, data: bytes) -> None:
    """Replace a workspace file (an uploaded workbook), keeping the current version first."""
    path = workspace.path / relative
    if path.is_file():
        _keep(workspace, relative, path.read_bytes())
    write_atomic(path, data)


def _folder(workspace: Workspace, relative: str) -> Path:
    return workspace.state / HISTORY / re.sub(r"[^A-Za-z0-9._-]", "_", relative)


def versions(workspace: Workspace, relative: str) -> list[Path]:
    folder = _folder(workspace, relative)
    return sorted(folder.glob("*.bak")) if folder.is_dir() else []


def _keep(workspace: Workspace, relative: str, data: bytes) -> None:
    kept = versions(workspace, relative)
    number = int(kept[-1].stem) + 1 if kept else 1
    write_atomic(_folder(workspace, relative) / f"{number:06d}.bak", data)
    for old in kept[: max(0, len(kept) + 1 - KEPT)]:
        old.unlink(missing_ok=True)


def undo(workspace: Workspace, relative: str, expected: str) -> bool:
    """Put the last kept version back (the same conflict rule as a save); False when there is none."""
    kept = versions(workspace, relative)
    if not kept:
        return False
    path = workspace.path / relative
    current = path.read_bytes() if path.is_file() else b""
    if digest(current) != expected:
        raise Conflict(current.decode("utf-8", errors="replace"), kept[-1].read_text(encoding="utf-8"))
    write_atomic(path, kept[-1].read_bytes())
    kept[-1].unlink()
    return True
