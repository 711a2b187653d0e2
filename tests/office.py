"""LibreOffice processes the converters of this test session started, seen through /proc."""

from __future__ import annotations

from pathlib import Path

from pipeline.office.convert import WORKDIR_PREFIX


def office_processes(workdir: Path | None = None) -> set[int]:
    """Live (not zombie) processes whose command line names a converter's folder (``workdir``, or
    any)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue  # gone while we looked
        needle = str(workdir) if workdir else WORKDIR_PREFIX
        if needle.encode() in cmdline and state != "Z":
            found.add(int(entry.name))
    return found
