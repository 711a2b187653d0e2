"""The printed pages of a PDF as plain data for the check's layout rules
(:mod:`pipeline.nd30.check.layout`): each page's size and its lines with their boxes, read by
poppler's ``pdftotext -bbox-layout`` (the same poppler that makes page images).

pdftotext groups words into lines the way a reader does – one column of a two-column header is
one line, the other column another – which is what telling a wrapped Quốc hiệu from its
neighbour needs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from lxml import etree

from pipeline.core.messages import finding
from pipeline.nd30.check import PrintedLine, PrintedPage
from pipeline.office.convert import ToolError

_XHTML = "{http://www.w3.org/1999/xhtml}"
# A laid-out document of a few pages reads in about 0.01 s; a stuck pdftotext must not hang a batch.
_TIMEOUT = 60.0


def read_pages(pdf: Path) -> list[PrintedPage]:
    """Every page of ``pdf`` with its printed lines in reading order. :class:`ToolError` when
    pdftotext is missing or cannot read the file."""
    if shutil.which("pdftotext") is None:
        raise ToolError([finding("layout.no_poppler")])
    try:
        run = subprocess.run(
            ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True, timeout=_TIMEOUT, check=False,
        )
    except subprocess.TimeoutExpired:
        raise ToolError([finding("layout.unreadable", problem=f"quá {_TIMEOUT:.0f} giây")]) from None
    if run.returncode != 0:
        problem = run.stderr.decode("utf-8", "replace").strip() or f"mã thoát {run.returncode}"
        raise ToolError([finding("layout.unreadable", problem=problem)])
    return pages_of(run.stdout)


def pages_of(bbox_xhtml: bytes) -> list[PrintedPage]:
    """The pages of ``pdftotext -bbox-layout`` output."""
    root = etree.fromstring(bbox_xhtml, etree.XMLParser(resolve_entities=False, no_network=True))
    return [
        PrintedPage(float(page.get("width", 0)), float(page.get("height", 0)), tuple(_lines(page)))
        for page in root.iter(f"{_XHTML}page")
    ]


def _lines(page: etree._Element) -> list[PrintedLine]:
    lines = []
    for line in page.iter(f"{_XHTML}line"):
        text = " ".join(word.text or "" for word in line.iter(f"{_XHTML}word")).strip()
        if text:
            lines.append(PrintedLine(
                text, float(line.get("yMin", 0)), float(line.get("yMax", 0)),
                float(line.get("xMin", 0)), float(line.get("xMax", 0)),
            ))
    return lines
