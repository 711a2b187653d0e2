"""Stage: write – atomically: a temporary file in the target folder, then a rename.

A reader (or a rerun after Ctrl-C) sees either the previous file or the complete new one, never
a half-written .docx.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.core.errors import InputError
from pipeline.core.messages import finding


def write_atomic(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def output_folder(path: Path) -> Path:
    """``path`` checked as a folder to write into, before anything is rendered: it, or the nearest
    of its parents that exists, must be a folder (``-o`` naming a file is the user's mistake).
    Nothing is created here: a run that fails writes nothing."""
    existing = next(p for p in (path, *path.parents) if p.exists() or p == p.parent)
    if not existing.is_dir():
        raise InputError([finding("output.not_folder", file=str(existing))])
    return path
