"""Nội dung (PL1 Phần II mục 6): size, alignment, indent and spacing of the body paragraphs.

Each rule judges what the paragraph prints, not the attribute that produced it: where its first
line starts on the page, whether its alignment can be seen at all, and the space it really has
from the paragraphs around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from docx.oxml.ns import qn

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _grouped, Problem, problem
from pipeline.nd30.check.conventions import _ALIGN_NAMES, _LINE_HEIGHT_FACTOR, _measure_span, _num, _span
from pipeline.nd30.check.locate import _Layout
from pipeline.nd30.check.model import _Document, _Para, _Table
from pipeline.nd30.check.page import _after_tabs, _DEFAULT_TAB_TWIPS, _para_height
from pipeline.nd30.check.wordml import _child_val
from pipeline.nd30.metrics import text_width_pt

# A first line that starts within half a millimetre of the allowed span is where the clerk put
# it: Word shows indents in inches or rounded centimetres (0,39 in = 9,9 mm for "1 cm").
_INDENT_TOLERANCE_MM = 0.5
# A list (its number or dash hanging in front of the text) and the text set under one are set in
# from the margin as a whole; their first line reads as indented once it starts this far in,
# however deep the nesting (Word's own lists put the number 6,35 mm in: 0,25 in).
_NESTED_INDENT_MM = 5.0
# A list item typed by hand: a dash, plus or bullet, or a short number or letter with "." or ")".
_LIST_MARKER = re.compile(r"^(?:[-+•–*]|\(?\w{1,4}[.)])\s")
# Widths are estimated from Times New Roman's metrics; a line counts as fitting only with this
# much room to spare, so that a line the estimate puts just inside may still wrap.
_FIT_MARGIN = 0.95


def _check_body(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    basis = list(dict.fromkeys(line.para for line in layout.basis))
    for rule in _BODY_RULES:
        paras = [*basis, *layout.body] if rule in _BASIS_RULES else layout.body
        yield from _grouped(doc, ((found, para, para.text) for para in paras if (found := rule(doc, para))))


def _body_size(doc: _Document, para: _Para) -> Problem | None:
    wrong = sorted({props.size for _, props in para.segments if not spec.BODY_SIZE.allows(props.size)})
    if wrong:
        sizes = ", ".join(_num(size) for size in wrong)
        return problem("ND30-BODY-SIZE", sizes=sizes, allowed=_measure_span(spec.BODY_SIZE))
    return None


def _body_align(doc: _Document, para: _Para) -> Problem | None:
    align = para.props.align
    if align in ("both", "distribute"):
        return None
    # A paragraph of one line prints the same left-aligned or justified (a justified paragraph's
    # last line is set flush left): there is nothing to see, so nothing to fix.
    if align in ("left", "start") and _fits_one_line(doc, para):
        return None
    return problem("ND30-BODY-ALIGN", align=_ALIGN_NAMES.get(align, align))


def _fits_one_line(doc: _Document, para: _Para) -> bool:
    """Whether the paragraph's text, unbroken, fits on its first line (estimated)."""
    if len(para.lines) != 1:
        return False
    width = doc.content_width(para)
    if width is None:
        return False
    props = para.props
    start = props.left + props.first_line
    if props.numbered:  # a hanging number ends at the left indent, another one is followed by a tab
        start = props.left if props.first_line < 0 else start + _DEFAULT_TAB_TWIPS
    room = (width - props.right - start) / 20
    return _text_width(para) <= room * _FIT_MARGIN


def _text_width(para: _Para) -> float:
    """Points the paragraph's text takes on one line; a tab counts as a default tab stop's width."""
    total = 0.0
    for run in para.runs:
        text = run.text.upper() if run.props.caps else run.text
        pieces = text.split("\t")
        total += sum(text_width_pt(piece, run.props.size, bold=run.props.bold) for piece in pieces)
        total += (len(pieces) - 1) * _DEFAULT_TAB_TWIPS / 20
    return total


def _body_indent(doc: _Document, para: _Para) -> Problem | None:
    """PL1 Phần II mục 6: the first line starts 1–1,27 cm in from the left margin. What counts is
    where it prints: the left indent plus the first-line indent (negative when hanging), list
    numbering's indents included, carried on by tabs typed before the text."""
    props = para.props
    if props.align in ("right", "end"):  # a right-aligned line starts where its text makes it start
        return None
    tabs = _leading_tabs(para)
    start = spec.twips_to_mm(_after_tabs(doc, para, tabs)[0] if tabs else props.left + props.first_line)
    if spec.FIRST_LINE_INDENT.allows(start, _INDENT_TOLERANCE_MM):
        return None
    if tabs and start > spec.FIRST_LINE_INDENT.high and _fits_one_line(doc, para):
        return None  # a line set in place with tabs ("QUYẾT ĐỊNH:" tabbed to the middle), not indented
    if props.left > 0 and start >= _NESTED_INDENT_MM - _INDENT_TOLERANCE_MM and _reads_indented(doc, para):
        return None
    indent = round(start, 1) + 0.0  # no "-0"
    return problem("ND30-BODY-INDENT", indent=_num(indent, 1), allowed=_measure_span(spec.FIRST_LINE_INDENT))


def _leading_tabs(para: _Para) -> int:
    """Tabs typed before the paragraph's text (an indent made with the Tab key prints as one)."""
    typed = "".join(run.text for run in para.runs)
    return typed[: len(typed) - len(typed.lstrip(" \t"))].count("\t")


def _reads_indented(doc: _Document, para: _Para) -> bool:
    """A paragraph set in from the margin as a block: a list item (its number or dash hanging in
    front of the text, or typed: "- ", "+ ", "a) ", "2. "), a paragraph whose first line starts
    further in than the rest, or a single line under a heading (seen only against the margin). A
    longer block of running text whose lines all start at the same place has no first-line indent."""
    first = spec.twips_to_mm(para.props.first_line)
    return abs(first) > _INDENT_TOLERANCE_MM or bool(_LIST_MARKER.match(para.text)) or _fits_one_line(doc, para)


def _body_spacing(doc: _Document, para: _Para) -> Problem | None:
    """PL1 Phần II mục 6: at least 6 pt between paragraphs. A paragraph without space of its own
    is still spaced when the paragraphs on both sides give it that space (the one above's space
    after, the one below's space before, or an empty line between)."""
    props = para.props
    # contextualSpacing drops the space between paragraphs of the same style altogether.
    total = 0.0 if props.contextual else (props.before + props.after) / 20
    if spec.PARAGRAPH_SPACING.allows(total) or _spaced_by_neighbours(doc, para):
        return None
    key = "ND30-BODY-SPACING/contextual" if props.contextual else "ND30-BODY-SPACING"
    return problem(key, total=_num(total), low=_num(spec.PARAGRAPH_SPACING.low))


def _spaced_by_neighbours(doc: _Document, para: _Para) -> bool:
    if para.index is None:
        return False
    items = doc.items
    above = items[para.index - 1] if para.index > 0 else None
    below = items[para.index + 1] if para.index + 1 < len(items) else None
    return _gap_points(doc, above, para) >= spec.PARAGRAPH_SPACING.low - 0.05 and (
        _gap_points(doc, para, below) >= spec.PARAGRAPH_SPACING.low - 0.05
    )


def _gap_points(doc: _Document, upper: _Para | _Table | None, lower: _Para | _Table | None) -> float:
    """Points printed between two neighbouring blocks: the upper one's space after plus the lower
    one's space before (ECMA-376 §17.3.1.33), each dropped under contextualSpacing when both share
    a style (§17.3.1.9); an empty paragraph is a blank line. A table or the end of the body is not
    judged (infinite)."""
    if not isinstance(upper, _Para) or not isinstance(lower, _Para):
        return float("inf")
    for blank in (upper, lower):
        if not blank.text:
            return _para_height(doc, blank)
    same_style = _style_of(doc, upper) == _style_of(doc, lower)
    after = 0.0 if same_style and upper.props.contextual else upper.props.after
    before = 0.0 if same_style and lower.props.contextual else lower.props.before
    return (after + before) / 20


def _style_of(doc: _Document, para: _Para) -> str | None:
    return doc.styles.known(_child_val(para.element.find(qn("w:pPr")), "w:pStyle"), "paragraph")


def _line_spacing(doc: _Document, para: _Para) -> Problem | None:
    props = para.props
    if props.line_rule == "auto":
        lines = props.line / 240
        if spec.LINE_SPACING.allows(lines):
            return None
        return problem("ND30-LINE-SPACING", lines=_num(lines), allowed=_measure_span(spec.LINE_SPACING))
    size = max((p.size for _, p in para.segments), default=0.0)
    height = props.line / 20
    # A fixed height between size × low and size × high × 1.2 (single spacing ≈ 1.2 × size);
    # "at least" never sets lines closer than single, so only its upper bound matters.
    low = size * spec.LINE_SPACING.low if props.line_rule == "exact" else 0.0
    high = size * spec.LINE_SPACING.high * _LINE_HEIGHT_FACTOR
    if low - 0.05 <= height <= high + 0.05:
        return None
    key = "ND30-LINE-SPACING/exact" if props.line_rule == "exact" else "ND30-LINE-SPACING/at_least"
    return problem(key, height=_num(height), size=_num(size), allowed=_span(low, high, "pt"))


_BODY_RULES: tuple[Callable[[_Document, _Para], Problem | None], ...] = (
    _body_size, _body_align, _body_indent, _body_spacing, _line_spacing,
)
# Căn cứ lines open the nội dung (PL1 Phần II mục 6.a): justified and spaced like the rest of it.
# Their size and italics are the căn cứ rule's (title.py); their first line is set as the clerk
# chose (templates indent them or not).
_BASIS_RULES = frozenset({_body_align, _body_spacing, _line_spacing})
