"""Lines drawn as shapes in a paragraph (the rules under the Quốc hiệu, the issuer and the trích
yếu that offices draw instead of a paragraph border, PL1 Phần II mục 1, 2, 5): where each one
is, below the top of the paragraph it hangs on, and how long it is.

Word saves a shape as DrawingML (``wp:anchor`` or ``wp:inline``), and since Word 2010 with a VML
copy for older readers (``mc:AlternateContent``: the DrawingML in ``mc:Choice``, the VML in
``mc:Fallback``); older files have VML only (``v:line``, or a ``v:shape`` of the straight-connector
type). Each shape is read once: the VML copy is skipped when a DrawingML one is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from pipeline.nd30.check.wordml import _MC_FALLBACK, _TC, _TR, _TXBX_CONTENT, _grid_span, _measure

_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"
_EMU_PER_TWIP = 635
_LINE_GEOMETRIES = frozenset({"line", "straightConnector1"})
_VML_CONNECTOR = "#_x0000_t32"
# Offsets Word measures from the paragraph the shape hangs on (ECMA-376 §20.4.3.5 ST_RelFromV;
# VML's default, "text", is the paragraph too); a shape placed on the page or its margins cannot
# be told to lie under one line or another without laying the page out.
_FROM_PARAGRAPH = frozenset({"paragraph", "line", "text", ""})
# A line is horizontal when its height is at most a tenth of its length (a rule drawn by hand
# is rarely quite level).
_LEVEL = 0.1
_ROTATED = (5400000, 16200000)  # 90° and 270°, in 60 000ths of a degree


@dataclass(frozen=True)
class Drawn:
    """A horizontal line drawn in a paragraph: ``top`` in twips below the top of that paragraph
    (None when it is placed on the page or a margin), ``width`` its length in twips (None when
    it cannot be read)."""

    top: float | None
    width: float | None


def horizontal_lines(paragraph: etree._Element) -> list[Drawn]:
    """The horizontal lines drawn in ``paragraph`` itself (not in a text box it holds)."""
    found: list[Drawn] = []
    for element in paragraph.iter(f"{{{_WP}}}anchor", f"{{{_WP}}}inline", f"{{{_V}}}line", f"{{{_V}}}shape"):
        if not _own(element, paragraph):
            continue
        if element.tag.startswith(f"{{{_WP}}}"):
            drawn = _drawingml(element)
        elif element.tag == f"{{{_V}}}line":
            drawn = _vml_line(element)
        else:
            drawn = _vml_connector(element)
        if drawn is not None:
            found.append(drawn)
    return found


def _own(element: etree._Element, paragraph: etree._Element) -> bool:
    """Whether ``element`` belongs to ``paragraph`` and is the copy to read: not inside a text box
    (whose own paragraphs hold it), not the VML fallback of a DrawingML shape."""
    for ancestor in element.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in (_TXBX_CONTENT, _MC_FALLBACK):
            return False
    return False


def _drawingml(anchor: etree._Element) -> Drawn | None:
    geometry = anchor.find(f".//{{{_A}}}prstGeom")
    if geometry is None or geometry.get("prst") not in _LINE_GEOMETRIES:
        return None
    if _group(anchor):
        return Drawn(None, None)  # a line inside a group: its place is in the group's coordinates
    extent = anchor.find(f"{{{_WP}}}extent")
    width = _emu(extent.get("cx")) if extent is not None else None
    height = _emu(extent.get("cy")) if extent is not None else None
    transform = anchor.find(f".//{{{_A}}}xfrm")
    if transform is not None and _integer(transform.get("rot")) in _ROTATED:
        width, height = height, width
    if width is None or height is None or height > _LEVEL * width:
        return None
    return Drawn(_drawingml_top(anchor), width)


def _group(anchor: etree._Element) -> bool:
    return anchor.find(".//{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}wgp") is not None


def _drawingml_top(anchor: etree._Element) -> float | None:
    if anchor.tag == f"{{{_WP}}}inline":
        return 0.0
    position = anchor.find(f"{{{_WP}}}positionV")
    if position is None or position.get("relativeFrom") not in _FROM_PARAGRAPH:
        return None
    offset = position.find(f"{{{_WP}}}posOffset")
    return _emu(offset.text) if offset is not None else 0.0  # an aligned shape (wp:align): at the top


def _emu(value: str | None) -> float | None:
    number = _integer(value)
    return None if number is None else number / _EMU_PER_TWIP


def _integer(value: str | None) -> int | None:
    """An integer attribute; None when it is missing or malformed (a damaged file is read, not
    refused, and a shape it cannot measure is no line)."""
    try:
        return int(value or "")
    except ValueError:
        return None


def _vml_line(line: etree._Element) -> Drawn | None:
    start, end = _point(line.get("from", "0,0")), _point(line.get("to", "0,0"))
    if start is None or end is None:
        return None
    width, height = abs(end[0] - start[0]), abs(end[1] - start[1])
    if height > _LEVEL * width:
        return None
    style = _style(line)
    top = _vml_top(style)
    return Drawn(None if top is None else top + min(start[1], end[1]), width)


def _vml_connector(shape: etree._Element) -> Drawn | None:
    if shape.get("type") != _VML_CONNECTOR:
        return None
    style = _style(shape)
    width, height = _vml_measure(style.get("width", "")), _vml_measure(style.get("height", "0")) or 0.0
    if width is None or height > _LEVEL * width:
        return None
    return Drawn(_vml_top(style), width)


def _style(shape: etree._Element) -> dict[str, str]:
    pairs = (item.split(":", 1) for item in (shape.get("style") or "").split(";") if ":" in item)
    return {key.strip(): value.strip() for key, value in pairs}


def _vml_top(style: dict[str, str]) -> float | None:
    if style.get("mso-position-vertical-relative", "") not in _FROM_PARAGRAPH:
        return None
    return _vml_measure(style.get("margin-top", "0")) or 0.0


_PIXELS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:px)?\s*$")
_TWIPS_PER_PIXEL = 15  # VML's default unit, the CSS pixel: 3/4 pt


def _vml_measure(value: str) -> float | None:
    """Twips from a VML length: a CSS length ("12pt", "2mm"), or pixels when it has no unit."""
    pixels = _PIXELS.match(value)
    return float(pixels[1]) * _TWIPS_PER_PIXEL if pixels else _measure(value)


def _point(value: str) -> tuple[float, float] | None:
    """A VML point "x,y"."""
    parts = [_vml_measure(part) for part in value.split(",")]
    if len(parts) != 2 or parts[0] is None or parts[1] is None:
        return None
    return parts[0], parts[1]


_NO_BORDER = frozenset({"nil", "none"})


def ruled_below(cell: etree._Element) -> bool:
    """Whether a cell of the next table row, narrower than ``cell`` and under it, has a top border:
    a rule drawn to a length as a cell border (a narrow cell under the issuer or the Tiêu ngữ). A
    border as wide as the cell is the table's grid, not a rule under one line."""
    row = cell.getparent()
    below = row.getnext() if row is not None else None
    while below is not None and below.tag != _TR:
        below = below.getnext()
    if below is None:
        return False
    start, end = _grid_range(cell)
    return any(
        start <= first and last <= end and (first, last) != (start, end) and _border(other, "top")
        for other in below.iterchildren(_TC)
        for first, last in [_grid_range(other)]
    )


def _grid_range(cell: etree._Element) -> tuple[int, int]:
    """The grid columns ``cell`` spans (first, last), counted from the row's start."""
    row = cell.getparent()
    before = row.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}") if row is not None else None
    start = (_integer(before.get(qn("w:val"))) or 0) if before is not None else 0
    for other in row.iterchildren(_TC) if row is not None else ():
        span = _grid_span(other)
        if other is cell:
            return start, start + span - 1
        start += span
    return start, start


def _border(cell: etree._Element, side: str) -> bool:
    border = cell.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn(f'w:{side}')}")
    return border is not None and border.get(qn("w:val")) not in _NO_BORDER
