"""``hoso check --fix IN -o OUT``: a corrected copy of a .docx for the NĐ 30 rules that are safe to
fix mechanically (:mod:`pipeline.nd30.check.fix`), written whole or not at all; the original is
never written to."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.files import write_atomic
from pipeline.core.messages import finding
from pipeline.nd30.check.fix import Fixed, fix_docx


def fix_file(source: Path, target: Path, *, kind: str | None = None) -> Fixed:
    """Fix ``source`` into ``target``; what changed, or the findings saying why nothing was written.
    ``kind`` names the kind of document instead of telling it (``ValueError`` for an unknown one)."""
    if target.resolve() == source.resolve():
        return Fixed(None, findings=[finding("fix.same_file", file=str(source))])
    fixed = fix_docx(source, kind=kind)
    if fixed.data is not None:
        write_atomic(target, fixed.data)
    return fixed
