"""Reading WordprocessingML properties: on/off values, measures, the run and paragraph
properties of each level of the style hierarchy, styles, numbering, theme fonts and cell widths."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn as _clark_name
from lxml import etree

from pipeline.nd30 import spec
from pipeline.nd30.check.conventions import _DEFAULT_SIZE_PT

# A tag's Clark name ("{namespace}local") is asked for at every property of every run and
# paragraph: each tag is worked out once.
qn = functools.cache(_clark_name)

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_VAL = qn("w:val")
_P, _R, _TBL, _TR, _TC = qn("w:p"), qn("w:r"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_FLD_SIMPLE, _INSTR_TEXT = qn("w:fldSimple"), qn("w:instrText")
_TXBX_CONTENT = qn("w:txbxContent")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Inside a paragraph: deleted text is not shown; sdtPr/pPr/rPr hold no visible runs.
_NOT_INLINE = frozenset(qn(t) for t in ("w:pPr", "w:del", "w:moveFrom", "w:sdtPr"))
_TOGGLES = {qn("w:b"): "bold", qn("w:i"): "italic", qn("w:caps"): "caps"}
_FONT_SLOTS = (
    ("ascii", "asciiTheme"),
    ("hAnsi", "hAnsiTheme"),
    ("eastAsia", "eastAsiaTheme"),
    ("cs", "cstheme"),
)
_OFF = frozenset({"0", "false", "off", "none"})
_AUTO_SPACING_TWIPS = 280.0
_SIDES = {"left": "left", "start": "left", "right": "right", "end": "right"}  # start/end: newer files
_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_TWIPS_PER_UNIT = {
    "mm": spec.TWIPS_PER_MM,
    "cm": 10 * spec.TWIPS_PER_MM,
    "in": 1440,
    "pt": 20,
    "pc": 240,
    "pi": 240,
}
_LINE_SHAPES = etree.XPath(
    ".//v:line | .//v:shape[@type='#_x0000_t32'] | .//a:prstGeom[@prst='line' or @prst='straightConnector1']",
    namespaces=_NS,
)
# Parts python-docx leaves as bytes (the theme) are parsed as it parses the others: entities left
# unresolved, nothing fetched from the network.
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_LEVEL = etree.XPath("w:lvl[@w:ilvl=$ilvl]", namespaces=_NS)
_LEVEL_OVERRIDE = etree.XPath("w:lvlOverride[@w:ilvl=$ilvl]/w:lvl", namespaces=_NS)


def _is_on(element: etree._Element) -> bool:
    """An on/off property: present without ``w:val``, or with a value other than 0/false/off."""
    return (element.get(_VAL) or "true").lower() not in _OFF


def _measure(value: str | None, plain_factor: float = 1.0) -> float | None:
    """Twips from a measure attribute: plain numbers times ``plain_factor`` (10 for half-points),
    or a universal measure such as ``12pt`` or ``2cm``."""
    match = _MEASURE.match(value or "")
    if match is None:
        return None
    number, unit = float(match[1]), match[2]
    return number * _TWIPS_PER_UNIT[unit] if unit else number * plain_factor


def _child_val(parent: etree._Element | None, tag: str) -> str | None:
    child = parent.find(qn(tag)) if parent is not None else None
    return child.get(_VAL) if child is not None else None


def _rpr_layer(rpr: etree._Element | None) -> dict[str, object]:
    """The run properties one level of the hierarchy sets, by name."""
    layer: dict[str, object] = {}
    for child in rpr.iterchildren(tag=etree.Element) if rpr is not None else ():
        if child.tag in _TOGGLES:
            layer[_TOGGLES[child.tag]] = _is_on(child)
        elif child.tag == qn("w:sz") and (twips := _measure(child.get(_VAL), 10)) is not None:
            layer["size"] = twips / 20
        elif child.tag == qn("w:color"):
            layer["color"] = (child.get(_VAL), child.get(qn("w:themeColor")))
        elif child.tag == qn("w:rFonts"):
            layer.update(_font_slots(child))
        elif child.tag in (qn("w:rtl"), qn("w:cs")):
            layer["complex"] = _is_on(child)
    return layer


def _font_slots(rfonts: etree._Element) -> dict[str, tuple[str, str]]:
    """Each font slot as ("theme", slot name) or ("name", font); a theme attribute beats a name."""
    slots = {}
    for slot, theme_attribute in _FONT_SLOTS:
        if theme := rfonts.get(qn(f"w:{theme_attribute}")):
            slots[f"font.{slot}"] = ("theme", theme)
        elif font := rfonts.get(qn(f"w:{slot}")):
            slots[f"font.{slot}"] = ("name", font)
    if hint := rfonts.get(qn("w:hint")):
        slots["font.hint"] = hint
    return slots


def _ppr_layer(ppr: etree._Element | None) -> dict[str, object]:
    """The paragraph properties one level of the hierarchy sets, by name (twips for lengths)."""
    layer: dict[str, object] = {}
    for child in ppr.iterchildren(tag=etree.Element) if ppr is not None else ():
        reader = _PPR_READERS.get(child.tag)
        if reader is not None:
            reader(child, layer)
    return layer


def _read_attributes(element: etree._Element, layer: dict, names: dict[str, str]) -> None:
    for attribute, key in names.items():
        if (twips := _measure(element.get(qn(f"w:{attribute}")))) is not None:
            layer[key] = twips


def _read_indent(element: etree._Element, layer: dict) -> None:
    _read_attributes(element, layer, _SIDES)
    # firstLine and hanging share one slot: a hanging indent is a negative first line.
    if (hanging := _measure(element.get(qn("w:hanging")))) is not None:
        layer["first"] = -hanging
    elif (first := _measure(element.get(qn("w:firstLine")))) is not None:
        layer["first"] = first


def _read_spacing(element: etree._Element, layer: dict) -> None:
    _read_attributes(element, layer, {"before": "before", "after": "after", "line": "line"})
    # Automatic spacing (HTML-style, ECMA-376 §17.3.1.33) replaces the value beside it: Word sets
    # 14 pt there.
    for side in ("before", "after"):
        flag = element.get(qn(f"w:{side}Autospacing"))
        if flag is not None and flag.lower() not in _OFF:
            layer[side] = _AUTO_SPACING_TWIPS
    if rule := element.get(qn("w:lineRule")):
        layer["line_rule"] = rule


def _read_borders(element: etree._Element, layer: dict) -> None:
    bottom = element.find(qn("w:bottom"))
    if bottom is not None:
        layer["border"] = bottom.get(_VAL) not in ("nil", "none")


def _read_numbering(element: etree._Element, layer: dict) -> None:
    if (num_id := _child_val(element, "w:numId")) is not None:
        layer["num_id"] = num_id
    if (level := _child_val(element, "w:ilvl")) is not None:
        layer["ilvl"] = level


def _flag_reader(key: str) -> Callable[[etree._Element, dict], None]:
    def read(element: etree._Element, layer: dict) -> None:
        layer[key] = _is_on(element)

    return read


_PPR_READERS: dict[str, Callable[[etree._Element, dict], None]] = {
    qn("w:jc"): lambda element, layer: layer.__setitem__("align", element.get(_VAL)),
    qn("w:ind"): _read_indent,
    qn("w:spacing"): _read_spacing,
    qn("w:keepNext"): _flag_reader("keep_next"),
    qn("w:contextualSpacing"): _flag_reader("contextual"),
    qn("w:pBdr"): _read_borders,
    qn("w:numPr"): _read_numbering,
}


@dataclass(frozen=True)
class _RunProps:
    """Effective character formatting of one run."""

    bold: bool
    italic: bool
    caps: bool
    size: float
    fonts: dict[str, tuple[str, str]]
    color: tuple[str | None, str | None]
    hint: str | None = None  # w:hint: "eastAsia" makes Word draw shared characters in that slot's font
    complex: bool = False  # w:rtl or w:cs: the run is drawn in the complex-script (cs) slot's font

    @classmethod
    def of(cls, layer: dict[str, object]) -> _RunProps:
        fonts = {slot: layer[f"font.{slot}"] for slot, _ in _FONT_SLOTS if f"font.{slot}" in layer}
        return cls(
            bool(layer.get("bold")),
            bool(layer.get("italic")),
            bool(layer.get("caps")),
            float(layer.get("size", _DEFAULT_SIZE_PT)),
            fonts,
            layer.get("color", (None, None)),
            layer.get("font.hint"),
            bool(layer.get("complex")),
        )


@dataclass(frozen=True)
class _ParaProps:
    """Effective paragraph formatting; lengths in twips, ``line`` in 240ths of a line when auto."""

    align: str
    first_line: float
    left: float
    right: float
    before: float
    after: float
    line: float
    line_rule: str
    keep_next: bool
    contextual: bool
    border: bool
    numbered: bool
    list_level: tuple[str, str] | None = None  # (numId, ilvl) of a numbered paragraph

    @classmethod
    def of(cls, layer: dict[str, object]) -> _ParaProps:
        return cls(
            str(layer.get("align", "left")),
            layer.get("first", 0.0),
            layer.get("left", 0.0),
            layer.get("right", 0.0),
            layer.get("before", 0.0),
            layer.get("after", 0.0),
            layer.get("line", 240.0),
            str(layer.get("line_rule", "auto")),
            bool(layer.get("keep_next")),
            bool(layer.get("contextual")),
            bool(layer.get("border")),
            layer.get("num_id") not in (None, "0"),
            (str(layer["num_id"]), str(layer.get("ilvl", "0"))) if layer.get("num_id") not in (None, "0") else None,
        )


class _Styles:
    """The style definitions of one document, each resolved through its ``basedOn`` chain once."""

    def __init__(self, styles: etree._Element):
        self._styles = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
        self._defaults = {
            s.get(qn("w:type")): style_id
            for style_id, s in self._styles.items()
            if (s.get(qn("w:default")) or "0").lower() not in _OFF
        }
        defaults = styles.find(qn("w:docDefaults"))
        self.ppr = _ppr_layer(_find(defaults, "w:pPrDefault", "w:pPr"))
        self.rpr = _rpr_layer(_find(defaults, "w:rPrDefault", "w:rPr"))
        self._resolved: dict[str, tuple[dict, dict]] = {}

    def known(self, style_id: str | None, kind: str) -> str | None:
        """``style_id`` when defined, else the default style of ``kind`` (Word's fallback)."""
        return style_id if style_id in self._styles else self._defaults.get(kind)

    def table_cell_margins(self, style_id: str | None) -> dict[str, float]:
        """Cell margins a table style sets, through its chain."""
        margins: dict[str, float] = {}
        for style in reversed(self.chain(style_id)):
            margins.update(_side_margins(_find(style, "w:tblPr", "w:tblCellMar")))
        return margins

    def resolve(self, style_id: str | None) -> tuple[dict, dict]:
        """(paragraph, run) properties of a style with its ancestors; the nearest value wins."""
        if style_id is None:
            return {}, {}
        if style_id not in self._resolved:
            ppr: dict = {}
            rpr: dict = {}
            for style in reversed(self.chain(style_id)):
                ppr.update(_ppr_layer(style.find(qn("w:pPr"))))
                rpr.update(_rpr_layer(style.find(qn("w:rPr"))))
            self._resolved[style_id] = (ppr, rpr)
        return self._resolved[style_id]

    def chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        while style_id in self._styles and self._styles[style_id] not in chain:
            chain.append(self._styles[style_id])
            style_id = _child_val(chain[-1], "w:basedOn")
        return chain


def _find(element: etree._Element | None, *tags: str) -> etree._Element | None:
    for tag in tags:
        element = element.find(qn(tag)) if element is not None else None
    return element


class _Numbering:
    """Numbering levels: their paragraph properties (list indents override the paragraph style)
    and the label they print in front of the text."""

    def __init__(self, numbering: etree._Element | None):
        self._nums: dict[str, tuple[etree._Element, etree._Element | None]] = {}
        if numbering is not None:
            abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.iterchildren(qn("w:abstractNum"))}
            for num in numbering.iterchildren(qn("w:num")):
                self._nums[num.get(qn("w:numId"))] = (num, abstract.get(_child_val(num, "w:abstractNumId")))
        self._levels: dict[tuple[str, str], etree._Element | None] = {}
        self._cache: dict[tuple[str, str], dict] = {}

    def _level(self, num_id: str, level: str) -> etree._Element | None:
        key = (num_id, level)
        if key not in self._levels:
            num, abstract = self._nums.get(num_id, (None, None))
            found = (_LEVEL_OVERRIDE(num, ilvl=level) if num is not None else []) or (
                _LEVEL(abstract, ilvl=level) if abstract is not None else []
            )
            self._levels[key] = found[0] if found else None
        return self._levels[key]

    def ppr(self, num_id: str, level: str) -> dict:
        key = (num_id, level)
        if key not in self._cache:
            found = self._level(num_id, level)
            self._cache[key] = _ppr_layer(found.find(qn("w:pPr"))) if found is not None else {}
        return self._cache[key]

    def label(self, num_id: str, level: str) -> str | None:
        """The text a bullet level prints before the paragraph ("-", "•" …), a symbol-font bullet
        read as the glyph it shows; None for a counted number ("%1.") or a level printing nothing."""
        found = self._level(num_id, level)
        if found is None:
            return None
        text, fmt = _child_val(found, "w:lvlText") or "", _child_val(found, "w:numFmt")
        if fmt == "none" or ("%" in text and fmt != "bullet"):
            return None
        label = "".join(_symbol_glyph(char) for char in text).strip()
        return label or None


# Word stores a Symbol or Wingdings bullet as a private-use character (U+F0xx, the font's own code
# plus F000): those of its bullet gallery read as the glyph they print, any other as a bullet.
_SYMBOL_GLYPHS = {
    "\uf02d": "-",  # Symbol: minus, printed as a dash
    "\uf0b7": "•",  # Symbol: bullet
    "\uf0a7": "▪",  # Wingdings: small square
    "\uf0d8": "➢",  # Wingdings: arrowhead
    "\uf076": "❖",  # Wingdings: diamond of four
    "\uf0fc": "✓",  # Wingdings: check mark
}


def _symbol_glyph(char: str) -> str:
    if "\uf000" <= char <= "\uf0ff":
        return _SYMBOL_GLYPHS.get(char, "•")
    return char


def _related_xml(part, reltype: str) -> etree._Element | None:
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    return related.element if hasattr(related, "element") else etree.fromstring(related.blob, _XML_PARSER)


def _theme_fonts(part) -> dict[str, str]:
    """Theme font slot (``minorHAnsi`` …) → typeface, from the theme part's font scheme."""
    theme = _related_xml(part, RT.THEME)
    fonts: dict[str, str] = {}
    for group in ("major", "minor"):
        scheme = theme.find(f".//a:fontScheme/a:{group}Font", _NS) if theme is not None else None
        for script, slots in (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
            face = scheme.find(f"a:{script}", _NS) if scheme is not None else None
            for slot in slots:
                fonts[group + slot] = face.get("typeface", "") if face is not None else ""
    return fonts


def _cell_width(tc: etree._Element) -> float | None:
    """Twips of a cell: its ``tcW`` in twips, else the grid columns it spans (as LibreOffice does)."""
    width = _find(tc, "w:tcPr", "w:tcW")
    if width is not None and width.get(qn("w:type"), "dxa") == "dxa" and _measure(width.get(qn("w:w"))):
        return _measure(width.get(qn("w:w")))
    table = next(tc.iterancestors(_TBL))
    grid = [_measure(col.get(qn("w:w"))) or 0 for col in table.iterfind("w:tblGrid/w:gridCol", _NS)]
    start = sum(_grid_span(cell) for cell in tc.itersiblings(_TC, preceding=True))
    return sum(grid[start : start + _grid_span(tc)]) or None


def _grid_span(tc: etree._Element) -> int:
    return int(_measure(_child_val(_find(tc, "w:tcPr"), "w:gridSpan")) or 1)


def _side_margins(margins: etree._Element | None) -> dict[str, float]:
    """Left and right widths of a ``tblCellMar`` or ``tcMar`` element, in twips."""
    found = {}
    for child in margins.iterchildren(tag=etree.Element) if margins is not None else ():
        side = _SIDES.get(etree.QName(child).localname)
        if side and (twips := _measure(child.get(qn("w:w")))) is not None:
            found[side] = twips
    return found


def _flag(element: etree._Element | None) -> bool:
    return element is not None and _is_on(element)
