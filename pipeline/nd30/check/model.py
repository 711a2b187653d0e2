"""The document model: a .docx read once as paragraphs, lines, tables and page parts, each
paragraph and run with its effective formatting."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn
from lxml import etree

from pipeline.core.errors import Finding, Severity
from pipeline.core.messages import code_of, finding
from pipeline.nd30.check.codes import _CODES
from pipeline.nd30.check.wordml import (
    _cell_width,
    _child_val,
    _find,
    _flag,
    _FLD_SIMPLE,
    _MC_FALLBACK,
    _measure,
    _NOT_INLINE,
    _Numbering,
    _P,
    _ParaProps,
    _ppr_layer,
    _R,
    _related_xml,
    _rpr_layer,
    _RunProps,
    _SDT,
    _SDT_CONTENT,
    _side_margins,
    _Styles,
    _TBL,
    _TC,
    _theme_fonts,
    _TOGGLES,
    _TR,
    _TXBX_CONTENT,
)
from pipeline.nd30.metrics import text_width_pt

# A run's text as python-docx's ``CT_R.text`` gives it (each child's own text: a tab "\t", a line
# break "\n" …), with the path compiled once instead of at every run.
_RUN_CONTENT = etree.XPath("w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab", namespaces=nsmap)


class _Run(NamedTuple):
    text: str
    props: _RunProps
    element: etree._Element


@dataclass(eq=False)
class _Line:
    """One visual line of a paragraph (paragraphs split at ``w:br``)."""

    text: str
    segments: list[tuple[str, _RunProps]]
    para: _Para
    path: str
    last: bool
    parts: list[tuple[str, _RunProps]] = field(default_factory=list)  # as typed, blanks included


@dataclass(eq=False)
class _Para:
    element: etree._Element
    path: str
    props: _ParaProps
    runs: list[_Run]
    cell: etree._Element | None
    index: int | None  # position among the body's blocks; None inside tables and page parts
    anchor: etree._Element | None = None  # the body paragraph a text box hangs on (lines drawn near it)
    label: str | None = None  # the bullet list numbering prints before the text ("-", "•")

    @cached_property
    def text(self) -> str:
        return _norm("".join(run.text for run in self.runs))

    @cached_property
    def segments(self) -> list[tuple[str, _RunProps]]:
        return [(run.text, run.props) for run in self.runs if run.text.strip()]

    @cached_property
    def lines(self) -> list[_Line]:
        pieces = self._visual_lines()
        return [
            _line_of(line, self, self.path if len(pieces) == 1 else f"{self.path}, dòng {number}", number == len(pieces))
            for number, line in enumerate(pieces, 1)
        ]

    def columns(self, gap: re.Pattern) -> list[list[_Line]]:
        """Each visual line cut where ``gap`` matches: a header typed with tabs or runs of spaces
        instead of a table gives its left and right parts."""
        pieces = self._visual_lines()
        found = []
        for number, line in enumerate(pieces, 1):
            cut: list[list[tuple[str, _RunProps]]] = [[]]
            for text, props in line:
                for index, part in enumerate(gap.split(text)):
                    if index:
                        cut.append([])
                    cut[-1].append((part, props))
            path = self.path if len(pieces) == 1 else f"{self.path}, dòng {number}"
            found.append([_line_of(part, self, path, number == len(pieces)) for part in cut])
        return found

    def _visual_lines(self) -> list[list[tuple[str, _RunProps]]]:
        pieces: list[list[tuple[str, _RunProps]]] = [[]]
        for run in self.runs:
            for number, piece in enumerate(run.text.split("\n")):
                if number:
                    pieces.append([])
                pieces[-1].append((piece, run.props))
        return pieces


def _line_of(parts: list[tuple[str, _RunProps]], para: _Para, path: str, last: bool) -> _Line:
    segments = [(t, p) for t, p in parts if t.strip()]
    return _Line(_norm("".join(text for text, _ in parts)), segments, para, path, last, parts)


@dataclass(eq=False)
class _Cell:
    paras: list[_Para]

    @cached_property
    def lines(self) -> list[_Line]:
        return [line for para in self.paras for line in para.lines]


@dataclass(eq=False)
class _Table:
    element: etree._Element
    path: str
    cells: list[tuple[int, _Cell]]  # (column number, cell), row by row
    paras: list[_Para]  # every paragraph inside, nested tables included


@dataclass
class _PagePart:
    """A header or footer part, read once however many sections use it; ``shown`` is False when
    every reference to it is switched off (a first-page part without ``titlePg``, an even-page part
    without ``evenAndOddHeaders``): Word keeps such parts but never prints them."""

    is_header: bool
    label: str
    paras: list[_Para]
    shown: bool = False


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a body or cell, looking through content controls."""
    for child in container.iterchildren(_P, _TBL, _SDT):
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        else:
            yield child


def _inline(element: etree._Element) -> Iterator[etree._Element]:
    """Runs and simple fields of a paragraph; not deleted text, not paragraphs of text boxes
    (those sit inside runs, which are not entered)."""
    for child in element.iterchildren(tag=etree.Element):
        if child.tag == _R:
            yield child
        elif child.tag not in _NOT_INLINE:
            if child.tag == _FLD_SIMPLE:
                yield child
            yield from _inline(child)


class _Document:
    """One opened .docx: its style caches, its body as paragraphs and tables, its page parts."""

    def __init__(self, document, label: str | None):
        self.label = label
        self.styles = _Styles(document.styles.element)
        self.numbering = _Numbering(_related_xml(document.part, RT.NUMBERING))
        self.theme_fonts = _theme_fonts(document.part)
        self.sections = document.element.body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr")
        self._run_bases: dict[tuple, dict] = {}
        self._para_bases: dict[tuple, dict] = {}
        self.items = self._body(document.element.body)
        # The frame (header, text, signature, Nơi nhận) is in the first section; later sections
        # are appendices (PL1 Phần III mục 1), checked for their heading, fonts and page setup.
        breaks = [
            i for i, item in enumerate(self.items)
            if isinstance(item, _Para) and item.element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        ]
        self.main_items = self.items[: breaks[0] + 1] if breaks else self.items
        self.appendix_items = self.items[len(self.main_items):]
        self.text_boxes = self._text_boxes(self.main_items)
        settings = document.settings.element
        self.even_pages = _flag(settings.find(qn("w:evenAndOddHeaders")))
        self.page_parts, self.page_refs = self._page_parts(document.part)

    def finding(self, key: str, path: str | None, /, **params: object) -> Finding:
        """The finding ``key`` (see :mod:`pipeline.core.messages`) at ``path``, with the severity and
        legal reference of its code."""
        entry = _CODES[code_of(key)]
        severity = Severity.WARNING if entry.warning else Severity.ERROR
        return finding(key, file=self.label, path=path, severity=severity, reference=entry.reference, **params)

    @property
    def body_paras(self) -> Iterator[_Para]:
        """Every paragraph of the body, those in tables included, in document order."""
        for item in self.items:
            yield from item.paras if isinstance(item, _Table) else (item,)

    # --- effective properties ---

    def para_props(self, element: etree._Element, table_style: str | None) -> tuple[str | None, _ParaProps]:
        ppr = element.find(qn("w:pPr"))
        style = self.styles.known(_child_val(ppr, "w:pStyle"), "paragraph")
        key = (table_style, style)
        if key not in self._para_bases:
            layers = (self.styles.ppr, self.styles.resolve(table_style)[0], self.styles.resolve(style)[0])
            self._para_bases[key] = {k: v for layer in layers for k, v in layer.items()}
        base = self._para_bases[key]
        direct = _ppr_layer(ppr)
        num_id = direct.get("num_id", base.get("num_id"))
        level = direct.get("ilvl", base.get("ilvl", "0"))
        numbering = self.numbering.ppr(num_id, level) if num_id not in (None, "0") else {}
        return style, _ParaProps.of({**base, **numbering, **direct})

    def run_props(self, run: etree._Element, table_style: str | None, para_style: str | None) -> _RunProps:
        rpr = run.find(qn("w:rPr"))
        char_style = _child_val(rpr, "w:rStyle")
        key = (table_style, para_style, char_style)
        if key not in self._run_bases:
            self._run_bases[key] = self._run_base(key)
        return _RunProps.of({**self._run_bases[key], **_rpr_layer(rpr)})

    def _run_base(self, style_ids: tuple[str | None, ...]) -> dict:
        levels = [self.styles.resolve(style_id)[1] for style_id in style_ids]
        base = dict(self.styles.rpr)
        for level in levels:
            base.update((k, v) for k, v in level.items() if k not in _TOGGLES.values())
        for toggle in _TOGGLES.values():
            set_by = [level[toggle] for level in levels if toggle in level]
            if set_by:  # ECMA-376 §17.7.3: each style level that turns a toggle on flips it
                base[toggle] = sum(set_by) % 2 == 1
        return base

    def content_width(self, para: _Para) -> float | None:
        """Twips a paragraph can fill before its own indents: inside its cell, else the text area."""
        if para.cell is not None:
            return self._cell_content_width(para.cell)
        sect = self.sections[0] if self.sections else None
        size, margins = _find(sect, "w:pgSz"), _find(sect, "w:pgMar")
        if size is None or margins is None:
            return None
        page = _measure(size.get(qn("w:w"))) or 0
        return page - sum(_measure(margins.get(qn(f"w:{side}"))) or 0 for side in ("left", "right"))

    def centred(self, line: _Line) -> bool:
        """Whether ``line`` prints centred in its column: centre-aligned, or pushed to the middle
        by spaces, tabs or an indent typed before it (as many offices centre a title): its
        middle within ``_CENTRE_TOLERANCE`` of the column's (the cell, else the text area) middle.
        Widths are Times New Roman's own (metrics.py); tabs stop every 1,27 cm."""
        props = line.para.props
        if props.align == "center":
            return True
        room = self.content_width(line.para)
        if props.align not in _LEFT_ALIGNMENTS or room is None or not line.text:
            return False
        start = props.left + (props.first_line if line.para.lines[0] is line else 0.0)
        typed = [(text, run) for text, run in line.parts if text]
        while typed and not typed[0][0].strip():
            start = _after_blank(start, *typed.pop(0))
        if typed:
            text, run = typed[0]
            start = _after_blank(start, text[: len(text) - len(text.lstrip())], run)
            typed[0] = (text.lstrip(), run)
            typed[-1] = (typed[-1][0].rstrip(), typed[-1][1])
        width = sum(text_width_pt(text, run.size, bold=run.bold) * 20 for text, run in typed)
        left, right = start, room - start - width
        return right >= 0 and abs(left - right) / 2 <= _CENTRE_TOLERANCE * room

    def _cell_content_width(self, tc: etree._Element) -> float | None:
        width = _cell_width(tc)
        table = next(tc.iterancestors(_TBL), None)
        if width is None or table is None:
            return None
        table_props = table.find(qn("w:tblPr"))
        margins = self.styles.table_cell_margins(
            self.styles.known(_child_val(table_props, "w:tblStyle"), "table")
        )
        margins.update(_side_margins(_find(table_props, "w:tblCellMar")))
        margins.update(_side_margins(_find(tc, "w:tcPr", "w:tcMar")))
        return width - margins.get("left", 0) - margins.get("right", 0)

    # --- building the model ---

    def _para(self, element, path: str, cell, table_style: str | None, index: int | None = None) -> _Para:
        style, props = self.para_props(element, table_style)
        runs = [
            _Run("".join(str(e) for e in _RUN_CONTENT(run)), self.run_props(run, table_style, style), run)
            for run in _inline(element)
            if run.tag == _R
        ]
        label = self.numbering.label(*props.list_level) if props.list_level else None
        return _Para(element, path, props, runs, cell, index, label=label)

    def _body(self, body: etree._Element) -> list[_Para | _Table]:
        items: list[_Para | _Table] = []
        counts = {_P: 0, _TBL: 0}
        for element in _blocks(body):
            counts[element.tag] += 1
            if element.tag == _P:
                items.append(self._para(element, f"đoạn {counts[_P]}", None, None, len(items)))
            else:
                items.append(self._table(element, f"bảng {counts[_TBL]}"))
        return items

    def _table(self, element: etree._Element, path: str) -> _Table:
        style = self.styles.known(_child_val(element.find(qn("w:tblPr")), "w:tblStyle"), "table")
        table = _Table(element, path, [], [])
        for row_number, row in enumerate(element.iterchildren(_TR), 1):
            for column, tc in enumerate(row.iterchildren(_TC), 1):
                where = f"{path}, ô ({row_number},{column})"
                cell = _Cell([])
                counts = {_P: 0, _TBL: 0}
                for block in _blocks(tc):
                    counts[block.tag] += 1
                    if block.tag == _P:
                        cell.paras.append(self._para(block, f"{where}, đoạn {counts[_P]}", tc, style))
                        table.paras.append(cell.paras[-1])
                    else:  # a nested table's lines read as the cell's own, in order (headers and
                        # signatures are often laid out in one)
                        nested = self._table(block, f"{where}, bảng {counts[_TBL]}").paras
                        cell.paras.extend(nested)
                        table.paras.extend(nested)
                table.cells.append((column, cell))
        return table

    def _text_boxes(self, items: list[_Para | _Table]) -> list[list[_Para]]:
        """The paragraphs of each text box in ``items``, in document order. A DrawingML text box
        saved with its VML copy (``mc:AlternateContent``) is read once, from the DrawingML choice."""
        boxes: list[list[_Para]] = []
        for item in items:
            for content in item.element.iter(_TXBX_CONTENT):
                if any(ancestor.tag == _MC_FALLBACK for ancestor in content.iterancestors()):
                    continue
                anchor = next(content.iterancestors(_P), None)
                label = f"hộp văn bản {len(boxes) + 1}"
                paras: list[_Para] = []
                for block in _blocks(content):
                    if block.tag == _P:
                        paras.append(self._para(block, f"{label}, đoạn {len(paras) + 1}", None, None))
                        paras[-1].anchor = anchor
                    else:
                        paras.extend(self._table(block, f"{label}, bảng").paras)
                boxes.append(paras)
        return boxes

    def _page_parts(self, part) -> tuple[list[_PagePart], dict[tuple[int, bool, str], _PagePart]]:
        parts: dict[str, _PagePart] = {}
        refs: dict[tuple[int, bool, str], _PagePart] = {}
        for number, sect in enumerate(self.sections, 1):
            for ref in sect.iterchildren(qn("w:headerReference"), qn("w:footerReference")):
                related = part.related_parts.get(ref.get(qn("r:id")))
                if related is None:
                    continue
                is_header, kind = ref.tag == qn("w:headerReference"), ref.get(qn("w:type"), "default")
                if str(related.partname) not in parts:
                    label = _page_part_label(is_header, kind, number if len(self.sections) > 1 else None)
                    paras = [
                        self._para(p, f"{label}, đoạn {n}", None, None)
                        for n, p in enumerate(related.element.iter(_P), 1)
                    ]
                    parts[str(related.partname)] = _PagePart(is_header, label, paras)
                refs[(number, is_header, kind)] = parts[str(related.partname)]
                parts[str(related.partname)].shown |= self._shown(sect, kind)
        return list(parts.values()), refs

    def _shown(self, sect: etree._Element, kind: str) -> bool:
        """Whether Word prints a header or footer of ``kind`` in section ``sect`` (ECMA-376 §17.10.6,
        §17.15.1.35): "first" needs the section's ``titlePg``, "even" the document's
        ``evenAndOddHeaders``."""
        if kind == "first":
            return _flag(sect.find(qn("w:titlePg")))
        if kind == "even":
            return self.even_pages
        return True


_LEFT_ALIGNMENTS = frozenset({"left", "start", "both", "justify", "distribute"})
# How far from the column's middle a line's middle may be and still read as centred: a twentieth
# of the column (about 8 mm on an A4 text area; spaces typed to centre a line rarely land closer).
_CENTRE_TOLERANCE = 0.05
_DEFAULT_TAB_TWIPS = 720  # Word's default tab stops: every 0,5 inch


def _after_blank(start: float, blank: str, run: _RunProps) -> float:
    """Where the text starts after ``blank`` (spaces and tabs) typed from ``start`` (twips)."""
    for char in blank:
        if char == "\t":
            start = (start // _DEFAULT_TAB_TWIPS + 1) * _DEFAULT_TAB_TWIPS
        else:
            start += text_width_pt(" ", run.size, bold=run.bold) * 20
    return start


def _page_part_label(is_header: bool, kind: str, section: int | None) -> str:
    label = "đầu trang (header)" if is_header else "chân trang (footer)"
    label += {"first": " trang đầu", "even": " trang chẵn"}.get(kind, "")
    return f"{label}, section {section}" if section else label
