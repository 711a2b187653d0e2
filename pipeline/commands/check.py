"""``hoso check`` on what offices really send: a .docx is checked as it is; a .doc, .odt or .rtf is
first saved as .docx by the warm LibreOffice converter, then checked under its own name.

The format is told by the content, not the name (clerks rename files). One LibreOffice serves a
whole batch and starts only when a file needs it, so checking .docx files never waits for it. The
conversion belongs here, above both the check (pipeline.nd30) and the converter (pipeline.office).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.errors import Finding
from pipeline.core.messages import finding
from pipeline.nd30.check import check_docx
from pipeline.nd30.check.read import convertible_format
from pipeline.office.convert import DOCX_EXPORT, INSTALL_HINT, ConversionError, Converter, ToolError

FORMAT_NAMES = {"doc": "Word 97–2003 (.doc)", "odt": "OpenDocument (.odt)", "rtf": "RTF (.rtf)"}
# Why a conversion failed, from the converter's finding code (its own texts speak of PDFs).
_FAILURES = {
    "pdf.timeout": "LibreOffice không xong trong thời gian cho phép",
    "pdf.crash": "LibreOffice dừng đột ngột",
}
_FAILURE = "tệp có thể bị hỏng hoặc có đặt mật khẩu"


@dataclass(frozen=True)
class Checked:
    """The check of one file: its findings, and the format LibreOffice converted it from (None for
    a .docx checked as it is)."""

    path: Path
    findings: list[Finding]
    converted_from: str | None = None


class Checker:
    """Checks files one by one: ``with Checker() as checker: checker.check(path)``. A LibreOffice
    is started at the first file that needs one, and stopped on close."""

    def __init__(self) -> None:
        self._converter: Converter | None = None

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, path: Path) -> Checked:
        source_format = convertible_format(path)
        if source_format is None:
            return Checked(path, check_docx(path))
        with tempfile.TemporaryDirectory(prefix="hoso-check-") as folder:
            converted = Path(folder) / "van-ban.docx"
            problem = self._convert(path, converted, FORMAT_NAMES[source_format])
            findings = [problem] if problem else check_docx(converted, name=str(path))
        return Checked(path, findings, source_format)

    def close(self) -> None:
        if self._converter is not None:
            self._converter.close()
            self._converter = None

    def _convert(self, source: Path, target: Path, format_name: str) -> Finding | None:
        """Save ``source`` as ``target`` (.docx); the finding saying why not, if it cannot be."""
        file = str(source)
        try:
            if self._converter is None:
                self._converter = Converter()
            self._converter.convert(source, target, export=DOCX_EXPORT)
        except ToolError as exc:
            if exc.findings[0].code == "pdf.no_office":
                return finding("conversion.no_office", file=file, format=format_name, install=INSTALL_HINT)
            reason = exc.findings[0].message
            return finding("conversion.no_office/failed", file=file, format=format_name, reason=reason)
        except ConversionError as exc:
            reason = _FAILURES.get(exc.findings[0].code, _FAILURE)
            return finding("conversion.failed", file=file, format=format_name, reason=reason)
        return None


def check_files(paths: Iterable[Path]) -> list[Checked]:
    """Check every file, converting those that need it with one LibreOffice for them all."""
    with Checker() as checker:
        return [checker.check(path) for path in paths]
