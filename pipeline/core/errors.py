"""Findings and the errors that carry them.

Every problem hoso reports, whatever stage finds it, is a :class:`Finding`: a stable code, a
Vietnamese message, and where it is (the input file and the data path, or the place in a .docx).
Stages collect findings and raise one :class:`HosoError` holding all of them, so a clerk sees
every mistake at once. Only the CLI turns these into exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: what (code, message), where (file, line, path) and why (legal reference)."""

    code: str
    message: str
    file: str | None = None
    path: str | None = None
    line: int | None = None
    severity: Severity = Severity.ERROR
    reference: str | None = None
    cell: str | None = None
    """For data read from an Excel workbook (``file``): the cell, as ``Sheet!C7``."""
    files: tuple[str, ...] = ()
    """Every file the same finding was reached through, when it is more than one (``file`` is the
    first): a warning of an input linked by several others is printed once (:func:`merged`)."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """``file:line: path: message [code]`` – the one-line form printed to users; for a
        workbook ``file: Sheet!C7: path: message [code]``."""
        where = self.file or ""
        if self.files:
            where = ", ".join(self.files)  # the same path in each file; its line differs from file to file
        elif self.line is not None:
            where = f"{where}:{self.line}"
        parts = [p for p in (where, self.cell, self.path) if p]
        text = self.message
        if self.reference:
            text = f"{text} ({self.reference})"
        return ": ".join([*parts, text]) + f" [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "path": self.path,
            "reference": self.reference,
            "cell": self.cell,
            "files": list(self.files),
        }


def merged(findings: list[Finding]) -> list[Finding]:
    """``findings`` with those alike but for the file (same code, severity, message, path,
    reference, cell) given once, naming every file, in the order first found."""
    alike: dict[tuple[object, ...], list[Finding]] = {}
    for finding in findings:
        key = (finding.code, finding.severity, finding.message, finding.path, finding.reference, finding.cell)
        alike.setdefault(key, []).append(finding)
    return [_one(group) for group in alike.values()]


def _one(group: list[Finding]) -> Finding:
    files = tuple(dict.fromkeys(name for f in group for name in (f.files or (f.file,)) if name))
    if len(files) < 2:
        return group[0]
    return replace(group[0], files=files)


class HosoError(Exception):
    """Raised by a stage with every finding it collected (at least one is an error)."""

    exit_code = 1

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        super().__init__("\n".join(f.format() for f in self.findings))


class InputError(HosoError):
    """The user's data is wrong: bad YAML, a schema violation, an unreadable file."""

    exit_code = 1


class TemplateError(HosoError):
    """A template is broken or asks for a value the data does not provide."""

    exit_code = 2


def raise_if_errors(findings: list[Finding], error_cls: type[HosoError] = InputError) -> None:
    """Raise ``error_cls`` with all findings when at least one of them is an error."""
    if any(f.is_error for f in findings):
        raise error_cls(findings)
