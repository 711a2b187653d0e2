"""Page pictures for the live preview, page 1 first.

poppler's ``pdftoppm`` draws the pages; its own PNG writer then takes most of the time (a page at
80 dpi: 0.35 s with ``-png``, 0.05 s drawing alone, measured under load on this 2-core machine), so
the pages are read from it as raw pixels (PPM) and written here as PNG with zlib's fastest level:
0.09 s for page 1, the same picture, a few per cent larger. Page 1 is drawn on its own first – the
page a clerk looks at after a save – and the others after it.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

from pypdf import PdfReader

from pipeline.core.files import write_atomic
from pipeline.core.messages import finding
from pipeline.office.convert import ToolError

_HEADER = re.compile(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s")
_TIMEOUT = 60


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def draw(pdf: Path, first: int, last: int, *, dpi: int) -> list[Path]:
    """``<name>-<n>.png`` beside ``pdf`` for pages ``first`` to ``last``, each written whole."""
    if shutil.which("pdftoppm") is None:
        raise ToolError([finding("pdf.no_poppler")])
    run = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(first), "-l", str(last), str(pdf)],
        capture_output=True, timeout=_TIMEOUT, check=False,
    )
    if run.returncode != 0:
        problem = run.stderr.decode("utf-8", errors="replace").strip()
        raise ToolError([finding("pdf.images", file=str(pdf), problem=problem)])
    return [write_atomic(pdf.parent / f"{pdf.stem}-{first + n}.png", image)
            for n, image in enumerate(_pngs(run.stdout))]


def remove_beyond(pdf: Path, count: int) -> None:
    """Remove the pictures of pages a previous, longer version of the document had."""
    for old in pdf.parent.glob(f"{pdf.stem}-*.png"):
        number = old.stem.rsplit("-", 1)[1]
        if number.isdigit() and int(number) > count:
            old.unlink(missing_ok=True)


def _pngs(stream: bytes) -> list[bytes]:
    """Each page of pdftoppm's output (PPM images one after the other) as a PNG file."""
    images = []
    position = 0
    while (header := _HEADER.match(stream, position)) is not None:
        width, height = int(header[1]), int(header[2])
        start = header.end()
        position = start + width * height * 3
        images.append(_png(width, height, stream[start:position]))
    return images


def _png(width: int, height: int, pixels: bytes) -> bytes:
    """An 8-bit RGB PNG (ISO/IEC 15948): every row unfiltered, deflated at the fastest level."""
    stride = width * 3
    raw = b"".join(b"\0" + pixels[row * stride:(row + 1) * stride] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 1)) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
