"""What only the printed pages show (PL1 Phần I khoản 7, Phần II mục 1, 3, 4, 7): a header line
that wraps, a signature block split over two pages or alone on its page, a table row split over
two pages, a page number printed on page 1.

The pages come from a real layout (LibreOffice's, read back from its PDF one layer up, in
:mod:`pipeline.office.pages`): this module only takes plain data – each page's printed lines with
their positions – so the rules stay beside the rest of the check and need no office to be tested.

A component is found on the pages by its words, in reading order, case and spacing ignored (a
``w:caps`` run prints capitals; runs of spaces left for signing print as one gap). A component whose
words are not found is not judged: the layout rules never guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from pipeline.core.errors import Finding
from pipeline.nd30.check.conventions import _quote
from pipeline.nd30.check.locate import _is_caps, _Layout
from pipeline.nd30.check.model import _Document, _Line, _Table


@dataclass(frozen=True)
class PrintedLine:
    """One line as printed: its words, and its box in points from the page's top-left corner."""

    text: str
    top: float
    bottom: float
    left: float
    right: float


@dataclass(frozen=True)
class PrintedPage:
    """One printed page: its size in points and its lines in reading order."""

    width: float
    height: float
    lines: tuple[PrintedLine, ...]


@dataclass(frozen=True)
class _Word:
    text: str
    page: int  # 0-based
    line: PrintedLine


# A page number as printed: the digit alone, or between dashes ("- 1 -").
_PAGE_ONE = re.compile(r"^[\s\-–—]*1[\s\-–—]*$")
_FIGURES = re.compile(r"[\s\-–—\d]+")


def _token(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


class _Words(list[_Word]):
    """The printed words in reading order, indexed by their text (a 500-row list is searched
    once per cell)."""

    def __init__(self, words: list[_Word]):
        super().__init__(words)
        self.at: dict[str, list[int]] = {}
        for index, word in enumerate(words):
            self.at.setdefault(word.text, []).append(index)


def _words(pages: Sequence[PrintedPage]) -> _Words:
    """Every printed word but those of lines of figures alone: a page number printed between the
    two parts of a row or a paragraph would cut them apart (and a lone figure tells nothing)."""
    return _Words([
        _Word(_token(word), number, line)
        for number, page in enumerate(pages)
        for line in page.lines
        if not _FIGURES.fullmatch(line.text)
        for word in line.text.split()
    ])


def _occurrences(words: _Words, text: str) -> Iterator[tuple[_Word, _Word]]:
    """Each place the words of ``text`` are printed one after the other, in reading order: its
    first and last word. The search starts from the rarest word (a row's number, not "Nguyễn").

    Words must follow each other: where the reader interleaves two cells printed level ("Nguyễn
    Văn A, chuyên" beside "Hoàn thành xuất sắc" makes one line), the component is not found, and
    so not judged – a rule that cannot see is silent rather than wrong."""
    wanted = [_token(word) for word in text.split()]
    if not wanted:
        return
    anchor = min(range(len(wanted)), key=lambda i: len(words.at.get(wanted[i], ())))
    for at in words.at.get(wanted[anchor], ()):
        start = at - anchor
        if start >= 0 and start + len(wanted) <= len(words) and all(
            words[start + i].text == token for i, token in enumerate(wanted)
        ):
            yield words[start], words[start + len(wanted) - 1]


def check_layout(doc: _Document, layout: _Layout, pages: Sequence[PrintedPage]) -> tuple[list[Finding], set[str]]:
    """The layout findings, and the paths of the header lines the pages settled (their width
    estimated from font metrics is no longer needed: the real layout told)."""
    words = _words(pages)
    wraps, settled = _header_wraps(doc, layout, words)
    findings = [*wraps, *_signatures(doc, layout, words, pages), *_split_rows(doc, layout, words), *_page_number(doc, pages)]
    return findings, settled


# --- Header lines that wrap (PL1 Phần II mục 1, 3, 4: Quốc hiệu, Tiêu ngữ, số, ngày on one line) ---


def _header_lines(layout: _Layout) -> list[_Line]:
    lines = [layout.national_title, layout.number, layout.date]
    if layout.motto is not None:
        lines.append(layout.motto[0][layout.motto[1]])
    return [line for line in lines if line is not None and line.text.strip()]


def _header_wraps(doc: _Document, layout: _Layout, words: _Words) -> tuple[list[Finding], set[str]]:
    first_page = _Words([word for word in words if word.page == 0])
    findings: list[Finding] = []
    settled: set[str] = set()
    for line in _header_lines(layout):
        found = next(_occurrences(first_page, line.text), None)
        if found is None:
            continue
        settled.add(line.path)
        if _on_several_baselines(*found):
            findings.append(doc.finding("ND30-LAYOUT-HEADER-WRAP", line.path, text=_quote(line.text)))
    return findings, settled


def _on_several_baselines(first: _Word, last: _Word) -> bool:
    # Two printed lines side by side (a wide gap the reader split) are one visual line.
    return last.line.top >= first.line.top + (first.line.bottom - first.line.top) / 2


# --- The signature block on the pages (PL1 Phần II mục 7) ---


def _signatures(
    doc: _Document, layout: _Layout, words: _Words, pages: Sequence[PrintedPage]
) -> Iterator[Finding]:
    for block in layout.signature_blocks:
        found = _block_on_pages(block, words)
        if found is None:
            continue
        (authority, first_word), (signer, last_word) = found
        if last_word.page != first_word.page:
            yield doc.finding(
                "ND30-LAYOUT-SIGNATURE-SPLIT", signer.path, authority=_quote(authority.text),
                text=_quote(signer.text), first=first_word.page + 1, last=last_word.page + 1,
            )
        elif first_word.page > 0 and not _content_above(pages[first_word.page], first_word.line):
            yield doc.finding("ND30-LAYOUT-SIGNATURE-ALONE", authority.path, page=first_word.page + 1)


def _block_on_pages(block: list[_Line], words: _Words) -> tuple[tuple[_Line, _Word], tuple[_Line, _Word]] | None:
    """The block's first line and the signer's name, each with where it is printed: the name's last
    occurrence, and the first line's last occurrence before it (a name may also appear in the body)."""
    lines = [line for line in block if line.text.strip()]
    if len(lines) < 2 or _is_caps(lines[-1]):
        return None
    authority, signer = lines[0], lines[-1]
    names = list(_occurrences(words, signer.text))
    if not names:
        return None
    name_first, name_last = names[-1]
    heads = [first for first, _ in _occurrences(words, authority.text) if _before(first, name_first)]
    if not heads:
        return None
    return (authority, heads[-1]), (signer, name_last)


def _before(word: _Word, other: _Word) -> bool:
    return (word.page, word.line.top) <= (other.page, other.line.top) and word is not other


def _content_above(page: PrintedPage, head: PrintedLine) -> bool:
    """Whether the page prints anything but its number above the signature block's first line: the
    Nơi nhận beside the block starts level with it, so only the body's lines lie above."""
    return any(
        line.bottom <= head.top + 1 and not _FIGURES.fullmatch(line.text) for line in page.lines
    )


# --- A table row split over two pages ---

# A cell is looked for by its text when it has this many words: shorter ones ("1", "Sở Nội vụ")
# recur in a list and cannot tell where their row was printed.
_DISTINCT_WORDS = 4


def _split_rows(doc: _Document, layout: _Layout, words: _Words) -> Iterator[Finding]:
    """A row whose cell begins on one page and ends on the next (a repeated header row prints on
    every page, so its text is not one occurrence and is never judged)."""
    tables = [
        item for item in doc.main_items
        if isinstance(item, _Table) and item is not layout.signature and item.path != layout.header_path
    ]
    cells = [cell for table in tables for _, cell in table.cells if cell.paras and cell.paras[0].cell is not None]
    texts = {id(cell): " ".join(para.text for para in cell.paras if para.text) for cell in cells}
    # A text in several cells ("Lao động tiên tiến" on every row) cannot tell which row printed it.
    repeated = Counter(texts.values())
    reported: set[etree._Element] = set()  # the rows themselves: an id() of a dropped lxml proxy is reused
    for cell in cells:
        text = texts[id(cell)]
        if len(text.split()) < _DISTINCT_WORDS or repeated[text] > 1:
            continue
        row = cell.paras[0].cell.getparent()
        places = list(_occurrences(words, text))
        if row in reported or len(places) != 1:
            continue
        first, last = places[0]
        if last.page == first.page + 1:
            reported.add(row)
            yield doc.finding(
                "ND30-LAYOUT-TABLE-ROW-SPLIT", cell.paras[0].path, text=_quote(text), first=first.page + 1
            )


# --- The page number on page 1 (PL1 Phần I khoản 7: numbered from page 2) ---


def _page_number(doc: _Document, pages: Sequence[PrintedPage]) -> Iterator[Finding]:
    """"1" printed alone above or below everything else on page 1: the page number, however it was
    made (a field in a text box, a typed number, a footer)."""
    if not pages:
        return
    lines = pages[0].lines
    for line in lines:
        if not _PAGE_ONE.match(line.text):
            continue
        # By its middle: the header's line box may overlap the first body line's by a few points.
        middle = (line.top + line.bottom) / 2
        others = [other for other in lines if other is not line]
        above = all(middle < other.top for other in others)
        below = all(middle > other.bottom for other in others)
        if others and (above or below):
            yield doc.finding("ND30-LAYOUT-PAGE-NUMBER-FIRST", "trang 1", number=_quote(line.text.strip()))
            return
