"""``hoso check --fix IN -o OUT``: a corrected copy of a document for the NĐ 30 rules that are safe
to fix mechanically (:mod:`pipeline.nd30.check.fix`), written whole or not at all; the original is
never written to. A .doc, .odt or .rtf (told by content, as ``hoso check`` tells it) is first saved
as .docx by LibreOffice in a temporary folder; the corrected copy is a .docx."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pipeline.commands.check import FORMAT_NAMES, READERS, conversion_problem
from pipeline.core.errors import Finding
from pipeline.core.files import write_atomic
from pipeline.core.messages import finding
from pipeline.nd30.check.fix import Fixed, fix_docx
from pipeline.nd30.check.read import convertible_format
from pipeline.office.convert import DOCX_EXPORT, Converter


def fix_file(source: Path, target: Path, *, kind: str | None = None) -> Fixed:
    """Fix ``source`` into ``target``; what changed, or the findings saying why nothing was written.
    ``kind`` names the kind of document instead of telling it (``ValueError`` for an unknown one)."""
    if target.resolve() == source.resolve():
        return Fixed(None, findings=[finding("fix.same_file", file=str(source))])
    source_format = convertible_format(source)
    # A web page saved as .doc is not converted: its paper, margins and fonts are those of whatever
    # opens it, not the clerk's, so there is nothing to correct in them; the reader names it and
    # says to save it as .docx first.
    if source_format in (None, "html"):
        fixed = fix_docx(source, kind=kind)
    else:
        with tempfile.TemporaryDirectory(prefix="hoso-fix-") as folder:
            converted = Path(folder) / "van-ban.docx"
            problem = _convert(source, converted, FORMAT_NAMES[source_format], READERS.get(source_format, ""))
            if problem is not None:
                return Fixed(None, findings=[problem])
            fixed = fix_docx(converted.read_bytes(), name=str(source), kind=kind)
    if fixed.data is not None:
        write_atomic(target, fixed.data)
    return fixed


def _convert(source: Path, target: Path, format_name: str, reader: str) -> Finding | None:
    """Save ``source`` as ``target`` (.docx) with a LibreOffice started for it; the finding saying
    why not, if it cannot be."""

    def convert() -> None:
        with Converter() as converter:
            converter.convert(source, target, export=DOCX_EXPORT, reader=reader)

    return conversion_problem(convert, source, format_name)
