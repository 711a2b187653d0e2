"""Each finding of a checked document placed by the page it concerns, so that the check page shows
it beside that page's picture.

The check speaks of the document's parts (the header, the signature, a paragraph's text), the
pictures are the printed pages: a finding is placed on page 1 when it is about the header block
(Quốc hiệu, tên cơ quan, số, ngày tháng, tên loại, trích yếu: NĐ 30/2020, Phụ lục I, Phần II,
mục 1–5, always on the first page), on the page where the text it quotes is printed otherwise,
and, for the signature and Nơi nhận (mục 7–9, which stand together), on the page where the
signer's name is printed. A finding about the whole file (page size, fonts) or whose text cannot
be found is listed apart, saying so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from pipeline.core.errors import Finding
from pipeline.nd30.check import signer_name

FIRST_PAGE = (
    "ND30-NATIONAL-TITLE", "ND30-MOTTO", "ND30-PARENT", "ND30-ISSUER", "ND30-NUMBER", "ND30-DATE", "ND30-TITLE",
    "ND30-SUBJECT", "ND30-HEADER-WRAP", "ND30-LAYOUT-HEADER-WRAP", "ND30-PAGE-NUMBER-FIRST",
    "ND30-LAYOUT-PAGE-NUMBER-FIRST",
)
"""Codes about the header block and the first page itself."""
SIGNATURE = ("ND30-AUTHORITY", "ND30-SIGNER", "ND30-RECIPIENTS", "ND30-LAYOUT-SIGNATURE")
"""Codes about the signature and the Nơi nhận beside it."""
_QUOTED = re.compile(r"“([^”]{3,})”")
_SEARCHED = 40
"""Characters of a quoted text searched for: a long paragraph may run onto the next page."""


@dataclass
class Placed:
    """The findings of each page (``pages[0]``: page 1) and those no page could be found for."""

    pages: list[list[Finding]]
    unplaced: list[Finding] = field(default_factory=list)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, squeezed for searching (an empty list when unreadable)."""
    try:
        return [_squeezed(page.extract_text() or "") for page in PdfReader(pdf).pages]
    except (PyPdfError, OSError, ValueError):
        return []


def place(findings: list[Finding], texts: list[str], signer: str | None) -> Placed:
    """Each finding by its page, among the pages whose squeezed ``texts`` are given; ``signer``:
    the signer's name as the document writes it (None when it was not found)."""
    placed = Placed([[] for _ in texts])
    signer_page = _page_of(_squeezed(signer), texts) if signer else None
    for found in findings:
        page = _page(found, texts, signer_page)
        if page is None:
            placed.unplaced.append(found)
        else:
            placed.pages[page].append(found)
    return placed


def _page(found: Finding, texts: list[str], signer_page: int | None) -> int | None:
    if not texts:
        return None
    if found.code.startswith(FIRST_PAGE):
        return 0
    for quoted in _QUOTED.findall(found.message):
        page = _page_of(_squeezed(quoted), texts)
        if page is not None:
            return page
    return signer_page if found.code.startswith(SIGNATURE) else None


def _page_of(needle: str, texts: list[str]) -> int | None:
    needle = needle[:_SEARCHED]
    if not needle:
        return None
    return next((number for number, text in enumerate(texts) if needle in text), None)


def _squeezed(text: str) -> str:
    """Text compared without spaces or case: a PDF breaks lines (and drops spaces) where the
    document has none."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).casefold()
