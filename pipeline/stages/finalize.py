"""Stage: finalize – what a template cannot express, applied to the rendered body, then packaged.

The signature block must never start a page alone (clerks' practice under NĐ 30): its table
row does not split, and the last paragraph of the text is kept with it. Which paragraph is last
is only known after loops and conditions ran, so it is set here, on the rendered XML.

The edit is made on the XML text, not on a parsed tree: the signature table is written by the
frame (its caption marks it), so finding it and the paragraphs before it needs no parser, and
parsing and re-serialising a 500-row list cost more than rendering it (measured with
``hoso bench``: 12 ms of lxml for 3 ms of Jinja).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.docx.package import CoreProperties, build_zip
from pipeline.nd30.frame import SIGNATURE_TABLE_CAPTION
from pipeline.stages.template import PreparedTemplate

_CAPTION = f'<w:tblCaption w:val="{SIGNATURE_TABLE_CAPTION}"/>'.encode()
_TABLE_START = b"<w:tbl>"
_EMPTY_PARAGRAPH = re.compile(rb"<w:p(?:\s[^>]*)?/>")
_TEXT = re.compile(rb">([^<]+)<")
_PPR = re.compile(rb"<w:pPr(?:\s[^>]*)?(/?)>")
_PSTYLE = re.compile(rb"<w:pStyle\b[^>]*/>")
_KEEP_NEXT = re.compile(rb"<w:keepNext\b[^>]*/>")


def finalize(template: PreparedTemplate, document_xml: bytes, core: CoreProperties, *, draft: bool = False) -> bytes:
    """Return the finished .docx bytes; a draft's pages carry the "DỰ THẢO" mark."""
    body = keep_small_tables_together(document_xml)
    return build_zip(template.parts, keep_text_with_signature(body), core, draft=draft)


SMALL_TABLE_ROWS = 6
"""A table of at most this many rows (its heading row included) is set on one page [practice: a
clerk does not leave two rows of a list alone at the foot of a page]."""
_ROW = re.compile(rb"<w:tr[\s>]")
_PARAGRAPH = re.compile(rb"<w:p(?:\s[^>]*)?>.*?</w:p>|<w:p(?:\s[^>]*)?/>", re.S)


def keep_small_tables_together(xml: bytes) -> bytes:
    """``xml`` with every paragraph of each small table but those of its last row kept with the
    next, so that Word and LibreOffice move the whole table to the next page rather than split it
    (rows themselves never split: the templates mark them ``cantSplit``). A long list breaks as it
    must, its heading row repeated. Rows are counted after the loops ran, hence here."""
    pieces: list[bytes] = []
    position = 0
    start = xml.find(_TABLE_START)
    while start >= 0:
        end = xml.find(b"</w:tbl>", start)
        rows = [m.start() for m in _ROW.finditer(xml, start, end)]
        if 1 < len(rows) <= SMALL_TABLE_ROWS and xml.find(_CAPTION, start, rows[0]) < 0:
            kept = _PARAGRAPH.sub(lambda m: _with_keep_next(m.group(0)), xml[rows[0]:rows[-1]])
            pieces += (xml[position:rows[0]], kept)
            position = rows[-1]
        start = xml.find(_TABLE_START, end)
    if not pieces:
        return xml
    pieces.append(xml[position:])
    return b"".join(pieces)


def keep_text_with_signature(xml: bytes) -> list[bytes]:
    """``xml`` with every paragraph from the last one with text down to each signature table
    (empty spacers included) kept with the next, as pieces to be written one after the other
    (joining them would copy a long list's whole XML once more)."""
    edits: list[tuple[int, int, bytes]] = []
    caption = xml.find(_CAPTION)
    while caption >= 0:
        edits += _kept_with(xml, xml.rfind(_TABLE_START, 0, caption))
        caption = xml.find(_CAPTION, caption + 1)
    pieces = []
    position = 0
    for start, stop, replacement in sorted(edits):
        pieces += (xml[position:start], replacement)
        position = stop
    pieces.append(xml[position:])
    return pieces


def _kept_with(xml: bytes, signature: int) -> list[tuple[int, int, bytes]]:
    """The edits keeping the text before the signature table at ``signature`` with it: the
    paragraphs up to the last one with text or, when the text ends with a table (an achievement
    report's list of awards), the paragraphs of that table's last row, so that the row moves to
    the signature's page rather than leave the signature alone on it."""
    edits = []
    end = signature
    for start, stop in _paragraphs_before(xml, signature):
        paragraph = xml[start:stop]
        edits.append((start, stop, _with_keep_next(paragraph)))
        if b"".join(_TEXT.findall(paragraph)).strip():
            return edits
        end = start
    end = _skip_space(xml, end)
    if xml.endswith(b"</w:tbl>", 0, end):
        row = _last_row(xml, end)
        edits += [(m.start(), m.end(), _with_keep_next(m.group(0))) for m in _PARAGRAPH.finditer(xml, row, end)]
    return edits


def _last_row(xml: bytes, table_end: int) -> int:
    """Where the last ``<w:tr>`` before ``table_end`` opens (``<w:trPr>`` is not a row)."""
    row = xml.rfind(b"<w:tr", 0, table_end)
    while not _ROW.match(xml, row):
        row = xml.rfind(b"<w:tr", 0, row)
    return row


def _paragraphs_before(xml: bytes, end: int) -> Iterator[tuple[int, int]]:
    """The body-level paragraphs right before ``end``, nearest first, up to the first element
    that is not a paragraph (a nested paragraph, as in a text box, stays inside its own)."""
    stop = _skip_space(xml, end)
    while True:
        if xml.endswith(b"</w:p>", 0, stop):
            start = _opening(xml, stop - len(b"</w:p>"))
        else:
            start = xml.rfind(b"<w:p", 0, stop)
            if not (xml.endswith(b"/>", 0, stop) and start >= 0 and _EMPTY_PARAGRAPH.fullmatch(xml, start, stop)):
                return
        yield start, stop
        stop = _skip_space(xml, start)


def _skip_space(xml: bytes, position: int) -> int:
    while position > 0 and xml[position - 1] in b" \t\r\n":
        position -= 1
    return position


def _opening(xml: bytes, close: int) -> int:
    """Where the paragraph whose ``</w:p>`` is at ``close`` opens, nested paragraphs skipped;
    the search runs backwards, so it costs the paragraph's length, not the document's."""
    depth = 0
    position = close
    while True:
        closing = xml.rfind(b"</w:p>", 0, position)
        opening = xml.rfind(b"<w:p", 0, position)
        while opening >= 0 and xml[opening + 4:opening + 5] not in (b" ", b">", b"/"):
            opening = xml.rfind(b"<w:p", 0, opening)  # <w:pPr>, <w:pStyle …: not a paragraph
        if opening < 0:
            raise ValueError("unbalanced paragraphs in the rendered document")
        if closing > opening:
            depth += 1
            position = closing
            continue
        position = opening
        if _EMPTY_PARAGRAPH.match(xml, opening):
            continue
        if depth == 0:
            return opening
        depth -= 1


def _with_keep_next(paragraph: bytes) -> bytes:
    """The paragraph with ``<w:keepNext/>`` in its properties (after the style, as the schema
    orders them), replacing any keepNext that switched it off."""
    if paragraph.endswith(b"/>") and not paragraph.endswith(b"</w:p>"):
        return paragraph[:-2] + b"><w:pPr><w:keepNext/></w:pPr></w:p>"
    open_end = paragraph.index(b">") + 1
    ppr = _PPR.match(paragraph, open_end)
    if ppr is None:
        return paragraph[:open_end] + b"<w:pPr><w:keepNext/></w:pPr>" + paragraph[open_end:]
    if ppr.group(1):  # <w:pPr/>
        return paragraph[:ppr.start()] + b"<w:pPr><w:keepNext/></w:pPr>" + paragraph[ppr.end():]
    close = paragraph.index(b"</w:pPr>", ppr.end())
    props = paragraph[ppr.end():close]
    if _KEEP_NEXT.search(props):
        props = _KEEP_NEXT.sub(b"<w:keepNext/>", props, count=1)
    else:
        style = _PSTYLE.match(props)
        at = style.end() if style else 0
        props = props[:at] + b"<w:keepNext/>" + props[at:]
    return paragraph[:ppr.end()] + props + paragraph[close:]
