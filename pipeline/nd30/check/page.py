"""Page setup (PL1 Phần I khoản 1–3), font and colour (khoản 4) and page numbers (khoản 7)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from docx.oxml.ns import qn
from lxml import etree

from pipeline.core import messages
from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _grouped, Problem, problem
from pipeline.nd30.check.conventions import (
    _ALIGN_NAMES,
    _DEFAULT_SIZE_PT,
    _LINE_HEIGHT_FACTOR,
    _measure_span,
    _mm,
    _num,
    _PAGE_TOLERANCE_TWIPS,
)
from pipeline.nd30.check.locate import _Layout
from pipeline.nd30.check.model import _Document, _inline, _norm, _PagePart, _Para, _Table
from pipeline.nd30.check.wordml import (
    _child_val,
    _find,
    _flag,
    _FLD_SIMPLE,
    _INSTR_TEXT,
    _MC_FALLBACK,
    _measure,
    _NS,
    _RunProps,
    _TC,
    _TR,
)
from pipeline.nd30.metrics import text_width_pt

_T, _SYM, _FLD_CHAR = qn("w:t"), qn("w:sym"), qn("w:fldChar")


# --- Page setup (PL1 Phần I khoản 1–3) ---


def _check_page_setup(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for number, sect in enumerate(doc.sections, 1):
        path = "thiết lập trang" if len(doc.sections) == 1 else f"thiết lập trang (section {number})"
        size = sect.find(qn("w:pgSz"))
        width = _measure(size.get(qn("w:w"))) if size is not None else None
        height = _measure(size.get(qn("w:h"))) if size is not None else None
        yield from _page_size(doc, width, height, path)
        yield from _margins(doc, sect.find(qn("w:pgMar")), bool(width and height and width > height), path)


def _page_size(doc: _Document, width: float | None, height: float | None, path: str) -> Iterator[Finding]:
    a4 = {"a4_width": _num(spec.PAGE_WIDTH.low), "a4_height": _num(spec.PAGE_HEIGHT.low)}
    if width is None or height is None:
        yield doc.finding("ND30-PAGE-SIZE/missing", path, **a4)
        return
    tolerance = spec.twips_to_mm(_PAGE_TOLERANCE_TWIPS)
    short, long = sorted((spec.twips_to_mm(width), spec.twips_to_mm(height)))
    # PL1 Phần I khoản 2: landscape (the long side across) is allowed, so compare sorted sides.
    if not (spec.PAGE_WIDTH.allows(short, tolerance) and spec.PAGE_HEIGHT.allows(long, tolerance)):
        yield doc.finding("ND30-PAGE-SIZE", path, width=_num(spec.twips_to_mm(width), 1), height=_mm(height), **a4)


_MARGINS = (
    ("top", "trên", spec.MARGIN_TOP),
    ("bottom", "dưới", spec.MARGIN_BOTTOM),
    ("left", "trái", spec.MARGIN_LEFT),
    ("right", "phải", spec.MARGIN_RIGHT),
)
# Word turns the margins with the page: on a landscape page the binding (left) margin is on top.
_LANDSCAPE_MARGINS = {
    "top": spec.MARGIN_LEFT,
    "right": spec.MARGIN_TOP,
    "bottom": spec.MARGIN_RIGHT,
    "left": spec.MARGIN_BOTTOM,
}


# Half a millimetre either side of a margin is not seen on paper, and is what Word's inch units
# give for the decree's values: 1 in = 25,4 mm for "2,5 cm", 0,79 in = 20,07 mm for "2 cm".
_MARGIN_TOLERANCE_MM = 0.5


def _margin_mm(margins: etree._Element | None, side: str) -> float | None:
    # A negative top or bottom margin only tells Word not to push text below the header.
    twips = _measure(margins.get(qn(f"w:{side}"))) if margins is not None else None
    return spec.twips_to_mm(abs(twips)) if twips is not None else None


def _margins(doc: _Document, margins: etree._Element | None, landscape: bool, path: str) -> Iterator[Finding]:
    mm = {side: _margin_mm(margins, side) for side, _, _ in _MARGINS}
    if landscape and all(
        value is not None and _LANDSCAPE_MARGINS[side].allows(value, _MARGIN_TOLERANCE_MM) for side, value in mm.items()
    ):
        return  # PL1 Phần I khoản 2: a landscape page, margins turned with it
    for side, name, measure in _MARGINS:
        if mm[side] is None:
            yield doc.finding("ND30-MARGIN/missing", path, side=name, allowed=_measure_span(measure))
        elif not measure.allows(mm[side], _MARGIN_TOLERANCE_MM):
            yield doc.finding("ND30-MARGIN", path, side=name, value=_num(mm[side], 1), allowed=_measure_span(measure))


# --- Font and colour (PL1 Phần I khoản 4) ---


def _check_fonts(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for paras in _text_parts(doc):
        yield from _grouped(doc, _run_hits(paras, lambda props: _font_problem(doc, props), skip=_draws_symbols))
        yield from _grouped(doc, _run_hits(paras, _colour_problem))


def _check_unicode(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """PL1 Phần I khoản 4: Unicode per TCVN 6909:2001, whose Vietnamese letters are precomposed
    (dựng sẵn, NFC). Text typed with combining marks (tổ hợp) looks the same but is not found by
    search, sorts wrongly and may print with misplaced marks in other fonts."""
    for paras in _text_parts(doc):
        hits = (
            (problem("ND30-NFC"), para, para.text)
            for para in paras
            if not all(unicodedata.is_normalized("NFC", text) for text, _ in para.segments)
        )
        yield from _grouped(doc, hits)


def _text_parts(doc: _Document) -> Iterator[list[_Para]]:
    """The printed text, part by part: the body with its text boxes, then each header and footer
    Word shows."""
    yield [*doc.body_paras, *(para for box in doc.text_boxes for para in box)]
    for part in doc.page_parts:
        if part.shown:
            yield part.paras


def _run_hits(
    paras: Iterable[_Para],
    find: Callable[[_RunProps], Problem | None],
    skip: Callable[[etree._Element], bool] = lambda run: False,
) -> Iterator[tuple[Problem, _Para, str]]:
    """(problem, paragraph, first offending text) once per distinct problem per paragraph; runs
    ``skip`` accepts are not judged."""
    for para in paras:
        seen: set[Problem] = set()
        for run in para.runs:
            if not run.text.strip() or skip(run.element):
                continue
            found = find(run.props)
            if found and found not in seen:
                seen.add(found)
                yield found, para, _norm(run.text)


def _draws_symbols(run: etree._Element) -> bool:
    """A run drawing symbols, not text: a ``w:sym`` character, or text without a letter or digit
    that holds a symbol (a tick box "☐", a Wingdings glyph kept in the private use area). Its font
    is the symbol's own (Wingdings, Symbol): in Times New Roman the box would not print."""
    shown = "".join(node.text or "" for node in run.iter(_T))
    if any(unicodedata.category(char)[0] in "LN" for char in shown):
        return False
    return run.find(_SYM) is not None or any(unicodedata.category(char) in ("Co", "So") for char in shown)


def _font_problem(doc: _Document, props: _RunProps) -> Problem | None:
    # ascii and hAnsi carry Vietnamese text and must be Times New Roman. Word draws a run in the
    # eastAsia font only for East-Asian characters or under w:hint="eastAsia", and in the cs font
    # only when the run is marked complex-script or right-to-left (ECMA-376 §17.3.2.26): a font
    # named there otherwise (often inherited from docDefaults) never touches Vietnamese text.
    for slot in ("ascii", "hAnsi"):
        value = props.fonts.get(slot)
        font = _resolve_font(doc, value)
        if font is None or not _is_times(font):
            return problem("ND30-FONT", font=_describe_font(value, font), expected=spec.FONT_NAME)
    used = (("eastAsia",) if props.hint == "eastAsia" else ()) + (("cs",) if props.complex else ())
    for slot in used:
        kind, font = props.fonts.get(slot, ("theme", ""))
        if kind == "name" and not _is_times(font):
            return problem("ND30-FONT/slot", font=font, slot=slot, expected=spec.FONT_NAME)
    return None


def _resolve_font(doc: _Document, value: tuple[str, str] | None) -> str | None:
    if value is None:
        return None
    kind, name = value
    return (doc.theme_fonts.get(name) or None) if kind == "theme" else name


def _describe_font(value: tuple[str, str] | None, font: str | None) -> str:
    if value is None:
        return messages.text("part.nd30.font_undeclared")
    if value[0] == "theme":
        return messages.text("part.nd30.font_theme", theme=value[1], font=font or "?")
    return f"“{font}”"


# A face of the family named as a font of its own ("Times New Roman Bold", as some converters and
# old templates write it) prints Times New Roman in that face.
_FACES = re.compile(r"(?:\s+(?:regular|bold|italic|oblique))*", re.IGNORECASE)


def _is_times(font: str) -> bool:
    name = font.strip()
    family = spec.FONT_NAME.casefold()
    return name.casefold().startswith(family) and _FACES.fullmatch(name[len(family):]) is not None


def _colour_problem(props: _RunProps) -> Problem | None:
    value, theme = props.color
    if theme and theme not in ("text1", "dark1"):
        return problem("ND30-COLOR/theme", theme=theme)
    if value and value.lower() not in ("000000", "auto"):
        return problem("ND30-COLOR", color=value.upper())
    return None


# --- Số trang (PL1 Phần I khoản 7) ---

_PAGE_FIELD = re.compile(r"\bPAGE\b", re.IGNORECASE)  # field codes are case-insensitive


def _check_page_numbers(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    shown = [part for part in doc.page_parts if part.shown]
    for part in _first_page_parts(doc):
        if _page_number_paras(part):
            key = "ND30-PAGE-NUMBER-FIRST" if part.is_header else "ND30-PAGE-NUMBER-FIRST/footer"
            yield doc.finding(key, part.label)
    headers = [part for part in shown if part.is_header]
    # A one-page document needs no page number (PL1 Phần I khoản 7 numbers from page 2): without a
    # layout its length is estimated, and the number is only asked for when it is clearly longer.
    # A number in the footer is there, in the wrong place: POSITION says so, once.
    if not any(_page_number_paras(part) for part in shown) and _longer_than_a_page(doc):
        yield doc.finding("ND30-PAGE-NUMBER-MISSING", "đầu trang (header)")
    for part in shown:
        if not part.is_header and _page_number_paras(part):
            yield doc.finding("ND30-PAGE-NUMBER-POSITION", part.label, part=part.label)
    for part in headers:
        for para in _page_number_paras(part):
            yield from _page_number_style(doc, para)


def _first_page_parts(doc: _Document) -> list[_PagePart]:
    """The header and footer printed on page 1: "first" when the first section has titlePg (an
    absent one prints nothing), else "default"."""
    if not doc.sections:
        return []
    kind = "first" if _flag(doc.sections[0].find(qn("w:titlePg"))) else "default"
    return [part for is_header in (True, False) if (part := doc.page_refs.get((1, is_header, kind)))]


# A document is "clearly" longer than a page when its estimated height passes this many pages:
# the estimate ignores kerning, widows and table borders, and errs by up to a fifth either way.
_CLEARLY_LONGER_PAGES = 1.25
_PAGE_BREAK = etree.XPath(
    ".//w:br[@w:type='page'] | .//w:lastRenderedPageBreak | .//w:pageBreakBefore[not(@w:val='0' or @w:val='false')]",
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)


def _longer_than_a_page(doc: _Document) -> bool:
    """A page break (typed, or left by Word's last layout), a second section, or an estimated height
    clearly past one page's text area."""
    if len(doc.sections) > 1 or any(_PAGE_BREAK(item.element) for item in doc.main_items):
        return True
    sect = doc.sections[0] if doc.sections else None
    size, margins = (sect.find(qn(tag)) if sect is not None else None for tag in ("w:pgSz", "w:pgMar"))
    if size is None or margins is None:
        return False
    text_height = (_measure(size.get(qn("w:h"))) or 0) - sum(
        abs(_measure(margins.get(qn(f"w:{side}"))) or 0) for side in ("top", "bottom")
    )
    used = sum(_item_height(doc, item) for item in doc.main_items)
    return text_height > 0 and used * 20 > text_height * _CLEARLY_LONGER_PAGES


def _item_height(doc: _Document, item: _Para | _Table) -> float:
    """Points a body paragraph or table takes; a table row is as tall as its tallest cell."""
    if isinstance(item, _Para):
        return _para_height(doc, item)
    cells: dict[etree._Element, float] = {}
    for para in item.paras:
        cells[para.cell] = cells.get(para.cell, 0.0) + _para_height(doc, para)
    return sum(
        max((cells.get(tc, 0.0) for tc in row.iterchildren(_TC)), default=0.0)
        for row in item.element.iterchildren(_TR)
    )


def _para_height(doc: _Document, para: _Para) -> float:
    props = para.props
    size = max((p.size for _, p in para.segments), default=_DEFAULT_SIZE_PT)
    room = (doc.content_width(para) or 0) - props.left - props.right - max(props.first_line, 0)
    width = sum(text_width_pt(text, p.size, bold=p.bold) * 20 for text, p in para.segments)
    lines = max(len(para.lines), math.ceil(width / room) if room > 0 else 1)
    if props.line_rule == "auto":
        line = size * _LINE_HEIGHT_FACTOR * props.line / 240
    else:
        line = max(props.line / 20, size * _LINE_HEIGHT_FACTOR if props.line_rule == "atLeast" else 0)
    return lines * line + (props.before + props.after) / 20


def _page_number_paras(part: _PagePart) -> list[_Para]:
    """The paragraphs of ``part`` holding a PAGE field; a text box saved twice (DrawingML with its
    VML copy in ``mc:Fallback``) is read once."""
    return [
        para for para in part.paras
        if _PAGE_FIELD.search(_field_code(para.element))
        and not any(ancestor.tag == _MC_FALLBACK for ancestor in para.element.iterancestors())
    ]


def _field_code(paragraph: etree._Element) -> str:
    codes = []
    for element in _inline(paragraph):
        if element.tag == _FLD_SIMPLE:
            codes.append(element.get(qn("w:instr"), ""))
        else:
            codes.extend(t.text or "" for t in element.iterchildren(_INSTR_TEXT))
    return " ".join(codes)


def _page_number_style(doc: _Document, para: _Para) -> Iterator[Finding]:
    shown = [
        run.props.size for run in para.runs if run.text.strip() or run.element.find(_INSTR_TEXT) is not None
    ]
    problems = []
    wrong = sorted({size for size in shown if not spec.PAGE_NUMBER_SIZE.allows(size)})
    if wrong:
        sizes = ", ".join(_num(size) for size in wrong)
        problems.append(messages.text("part.nd30.size", sizes=sizes, allowed=_measure_span(spec.PAGE_NUMBER_SIZE)))
    if not _printed_centred(doc, para):
        problems.append(messages.text("part.nd30.align", align=_ALIGN_NAMES.get(para.props.align, para.props.align)))
    if problems:
        yield doc.finding("ND30-PAGE-NUMBER-STYLE", para.path, problems="; ".join(problems))


# A page number this close to the middle of the line reads as centred (PL1 Phần I khoản 7: "canh
# giữa"): Word's Header style puts its centre tab at 82,55 mm (3,25 in), the middle of a Letter
# page's line, 0–3 mm off the middle of an A4 page's line under NĐ 30's margins.
_CENTRE_TOLERANCE_MM = 5.0
_EMU_PER_MM = 36000
_DEFAULT_TAB_TWIPS = 720.0  # Word's default tab stops: every half inch
_WP_NS = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
_WP_ANCHOR = f"{{{_WP_NS['wp']}}}anchor"
_VML_CENTRED = re.compile(r"mso-position-horizontal\s*:\s*center", re.IGNORECASE)
_VML_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([\d.]+\s*(?:pt|in|cm|mm)?)", re.IGNORECASE)


def _printed_centred(doc: _Document, para: _Para) -> bool:
    """Whether the page number prints in the middle of the line: a centred paragraph, a narrow
    frame or text box centred on the page or margins, or a tab to a centre stop at the middle."""
    if para.props.align == "center":
        return True
    width = _centred_box_mm(para.element)
    if width is not None and width / 2 <= _CENTRE_TOLERANCE_MM:
        return True
    return _centred_by_tab(doc, para)


def _centred_box_mm(paragraph: etree._Element) -> float | None:
    """The width in mm of the frame (``w:framePr``) or text box holding ``paragraph`` when it is
    centred horizontally (0 for a frame sized to its text), else None."""
    frame = _find(paragraph, "w:pPr", "w:framePr")
    if frame is not None and frame.get(qn("w:xAlign")) == "center":
        return spec.twips_to_mm(_measure(frame.get(qn("w:w"))) or 0)
    for ancestor in paragraph.iterancestors():
        if ancestor.tag == _WP_ANCHOR:
            align = ancestor.find("wp:positionH/wp:align", _WP_NS)
            extent = ancestor.find("wp:extent", _WP_NS)
            width = _measure(extent.get("cx")) if extent is not None else None
            if align is None or (align.text or "").strip() != "center" or width is None:
                return None
            return width / _EMU_PER_MM
        style = ancestor.get("style") or ""
        if _VML_CENTRED.search(style):
            found = _VML_WIDTH.search(style)
            width = _measure(found[1].replace(" ", "")) if found else None
            return spec.twips_to_mm(width) if width is not None else None
    return None


def _centred_by_tab(doc: _Document, para: _Para) -> bool:
    """A left-aligned paragraph whose number follows only tabs, the last of them reaching a
    centre tab stop at the middle of the line (the Header style's own stops, or the paragraph's)."""
    tabs = _tabs_before_field(para)
    width = doc.content_width(para)
    if not tabs or width is None or para.props.align not in ("left", "start", "both", "distribute"):
        return False
    position, kind = _after_tabs(doc, para, tabs)
    return kind == "center" and abs(spec.twips_to_mm(position - width / 2)) <= _CENTRE_TOLERANCE_MM


def _after_tabs(doc: _Document, para: _Para, count: int) -> tuple[float, str]:
    """Where ``count`` tabs typed at the start of the paragraph's first line take the text (twips
    from the left margin), and the kind of the stop reached: the custom stops, a hanging indent's
    own stop at the left indent, then Word's default stops every half inch."""
    props = para.props
    stops = _tab_stops(doc, para.element)
    if props.first_line < 0:
        stops = sorted([*stops, (props.left, "left")])
    position, kind = props.left + props.first_line, "left"
    for _ in range(count):
        following = [(pos, val) for pos, val in stops if pos > position + 1]
        default = (position // _DEFAULT_TAB_TWIPS + 1) * _DEFAULT_TAB_TWIPS
        position, kind = following[0] if following else (default, "left")
    return position, kind


def _tabs_before_field(para: _Para) -> int:
    """How many tabs come before the page number, when only tabs and spaces do (else 0)."""
    before = []
    for run in para.runs:
        if run.element.getparent().tag == _FLD_SIMPLE or run.element.find(_FLD_CHAR) is not None:
            break
        before.append(run.text)
    text = "".join(before)
    return text.count("\t") if not text.replace("\t", "").strip() else 0


def _tab_stops(doc: _Document, paragraph: etree._Element) -> list[tuple[float, str]]:
    """The custom tab stops of a paragraph, by position: its style's, through the ``basedOn`` chain,
    then its own; a "clear" stop removes an inherited one (ECMA-376 §17.3.1.37)."""
    ppr = paragraph.find(qn("w:pPr"))
    style = doc.styles.known(_child_val(ppr, "w:pStyle"), "paragraph")
    stops: dict[float, str] = {}
    for level in [*(s.find(qn("w:pPr")) for s in reversed(doc.styles.chain(style))), ppr]:
        for tab in level.iterfind("w:tabs/w:tab", _NS) if level is not None else ():
            position, kind = _measure(tab.get(qn("w:pos"))), tab.get(qn("w:val"), "left")
            if position is None:
                continue
            if kind == "clear":
                stops.pop(position, None)
            elif kind != "bar":  # a bar tab draws a line, the text does not stop there
                stops[position] = kind
    return sorted(stops.items())
