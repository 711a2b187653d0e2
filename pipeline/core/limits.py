"""How much hoso reads: every input is measured against these limits before it is read.

hoso takes files from clerks and, through the workbench, from other people: a file may be huge, a
device (``/dev/zero``), a pipe, or a small zip that inflates to gigabytes. Each reader asks this
module first and refuses what is over a limit with a Vietnamese finding naming the file, the limit
and how to raise it, so no input can make hoso run for minutes or fill the memory.

========================  =========  =========================  ===========================================
Limit                     Default    Raised with                Why this size
========================  =========  =========================  ===========================================
data file (YAML, JSON)    5 MB       ``HOSO_MAX_INPUT_MB``      a 5 000-person nominee list with its history
                                                                is 2 MB; a 1 000-unit bloc file 0,13 MB
items of one list or      10 000     ``HOSO_MAX_ROWS``          twice the longest list a schema admits
mapping; rows of a sheet                                        (5 000 nominees)
nesting depth             20         (fixed)                    the deepest schema nests 6 levels
Excel workbook (.xlsx)    20 MB      ``HOSO_MAX_XLSX_MB``       a 10 000-row table is under 1 MB
sheets of a workbook      100        (fixed)                    a table is one sheet
columns of a sheet        100        (fixed)                    the widest table has 5 columns
parts of a zip            2 000      (fixed)                    a workbook has tens of parts
inflated size of a part   100 MB     (fixed)                    a 10 000-row sheet inflates to about 5 MB
inflated size of a zip    300 MB     (fixed)
compression ratio         200 : 1    (fixed, parts over 1 MB)   spreadsheet XML compresses 5–30 times
.docx to check            100 MB     ``HOSO_MAX_DOCX_MB``       a report with photos of its certificates;
                                                                only its XML is inflated (the next limit)
XML of a .docx to check   20 MB      ``HOSO_MAX_DOCX_XML_MB``   a 300-page report is about 10 MB of XML,
                                                                checked in about 8 s with 0,4 GB of memory
files matched by a        2 000      (fixed)                    a bloc links one file per unit
pattern (``*``)
files a pattern may scan  20 000     (fixed)
========================  =========  =========================  ===========================================

A limit marked "fixed" only ever stops a malformed or hostile file; a user who meets one is told
to contact the administrator. The three that real data can reach are read from the environment
on every call, so a one-off large run needs no code change.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.errors import Finding, InputError
from pipeline.core.messages import finding

MB = 1024 * 1024

MAX_DEPTH = 20
MAX_SHEETS = 100
MAX_COLUMNS = 100
MAX_ZIP_PARTS = 2000
MAX_PART_BYTES = 100 * MB
MAX_ZIP_BYTES = 300 * MB
MAX_RATIO = 200
RATIO_FLOOR = 1 * MB
"""Parts smaller than this inflate to too little to matter, whatever their ratio."""
MAX_MATCHES = 2000
MAX_SCANNED = 20_000


@dataclass(frozen=True)
class Setting:
    """A limit real data may reach: its default and the environment variable that raises it."""

    variable: str
    default: int
    unit: int = 1

    def value(self) -> int:
        """The limit in force, from the environment when set (a positive whole number)."""
        raw = os.environ.get(self.variable, "").strip()
        if not raw:
            return self.default * self.unit
        if not raw.isdigit() or int(raw) == 0:
            raise InputError([finding("limit.setting", variable=self.variable, value=raw)])
        return int(raw) * self.unit


INPUT_BYTES = Setting("HOSO_MAX_INPUT_MB", 5, MB)
XLSX_BYTES = Setting("HOSO_MAX_XLSX_MB", 20, MB)
DOCX_BYTES = Setting("HOSO_MAX_DOCX_MB", 100, MB)
DOCX_XML_BYTES = Setting("HOSO_MAX_DOCX_XML_MB", 20, MB)
ROWS = Setting("HOSO_MAX_ROWS", 10_000)


def megabytes(size: int) -> str:
    """``size`` bytes as a clerk reads it: ``10 MB``, ``0,5 MB``."""
    return f"{size / MB:.1f}".removesuffix(".0").replace(".", ",") + " MB"


def file_problem(path: Path, label: str, setting: Setting = INPUT_BYTES) -> Finding | None:
    """Why ``path`` cannot be read as a ``label`` without reading it: not a regular file (a
    device such as ``/dev/zero``, a pipe) or larger than the limit; None if it can, or if it is
    missing or a folder (the reader names those in its own words)."""
    file = str(path)
    try:
        info = path.stat()
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return finding("limit.not_regular", file=file, label=label)
    limit = setting.value()
    if info.st_size > limit:
        return finding(
            "limit.file_size", file=file, size=megabytes(info.st_size), label=label, limit=megabytes(limit),
            variable=setting.variable,
        )
    return None


def read_bounded(path: Path, label: str, setting: Setting = INPUT_BYTES) -> bytes:
    """The bytes of ``path``, read no further than the limit: a file that grew after it was
    measured is refused, never read to its end."""
    limit = setting.value()
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError([finding(
            "limit.file_size", file=str(path), size=f"hơn {megabytes(limit)}", label=label,
            limit=megabytes(limit), variable=setting.variable,
        )])
    return data


def zip_problems(archive: zipfile.ZipFile, file: str) -> list[Finding]:
    """What makes a zip (a workbook, a .docx) too big to open, from its directory alone: too many
    parts, a part or the whole inflating past the limits, a part compressed suspiciously well.
    Nothing is inflated to find out."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_PARTS:
        return [finding("limit.zip_parts", file=file, count=len(infos), limit=MAX_ZIP_PARTS)]
    findings = []
    for info in infos:
        part = info.filename[:80]
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES:
            findings.append(finding(
                "limit.zip_part", file=file, part=part, size=megabytes(info.file_size), limit=megabytes(MAX_PART_BYTES),
            ))
        elif info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            findings.append(finding(
                "limit.zip_part/ratio", file=file, part=part, ratio=f"{ratio:.0f}", limit=MAX_RATIO,
            ))
    total = sum(info.file_size for info in infos)
    if not findings and total > MAX_ZIP_BYTES:
        findings.append(finding("limit.zip_size", file=file, size=megabytes(total), limit=megabytes(MAX_ZIP_BYTES)))
    return findings


_CHUNK = 64 * 1024


def inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The bytes of one zip part, inflated a chunk at a time and never past ``limit`` nor the size
    its directory entry declares: None when it holds more.

    ``ZipFile.read`` inflates a part in one call of up to 1 GB whatever the directory says, so a
    directory that lies about a part (a «zip bomb» passing :func:`zip_problems`) would cost that
    memory before the size is found wrong; read in chunks, it costs one chunk.
    """
    allowed = min(info.file_size, limit)
    pieces, size = [], 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            size += len(chunk)
            if size > allowed:
                return None
            pieces.append(chunk)
    return b"".join(pieces)
