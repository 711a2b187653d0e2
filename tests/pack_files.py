"""Running ``hoso`` as a clerk does, and copies of the sample bloc to break, for the pack tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.samples import SAMPLES


def hoso(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = {"NO_COLOR": "1", "COLUMNS": "250", "PATH": "/usr/bin:/bin"}
    if "TMPDIR" in os.environ:  # the session's folder, where its LibreOffice profiles go (conftest)
        env["TMPDIR"] = os.environ["TMPDIR"]
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def bloc_copy(tmp_path: Path) -> Path:
    """The sample bloc folder (and the plan it links, with the mark that lets it) copied under
    ``tmp_path``; returns the folder."""
    shutil.copytree(SAMPLES / "bloc-2016", tmp_path / "bloc-2016")
    shutil.copytree(SAMPLES / "plan", tmp_path / "plan")
    shutil.copy(SAMPLES / "hoso-root.txt", tmp_path)
    return tmp_path / "bloc-2016"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
