"""Copies of the sample dossier (vote → tờ trình → quyết định) with edits, for tests that need a
variant of it: another date, another vote count."""

from __future__ import annotations

from pathlib import Path

from .samples import SAMPLES

BLOC = SAMPLES / "bloc-2016"
FILES = ("bien-ban-hop.yaml", "to-trinh.yaml", "quyet-dinh.yaml")


def dossier(tmp_path: Path, **replacements: tuple[tuple[str, str], ...]) -> Path:
    """Copies of the three sample files; ``vote=``, ``nomination=``, ``decision=`` replace text in them."""
    for name, key in zip(FILES, ("vote", "nomination", "decision")):
        text = (BLOC / name).read_text(encoding="utf-8")
        for old, new in replacements.get(key, ()):
            assert old in text, old
            text = text.replace(old, new, 1)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "quyet-dinh.yaml"
