"""Quốc hiệu, Tiêu ngữ, cơ quan ban hành (PL1 Phần II mục 1–2), and the header lines' widths."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _style_finding
from pipeline.nd30.check.conventions import (
    _CAPS_WIDTH_EM,
    _measure_span,
    _mm,
    _num,
    _quote,
    _WRAP_TOLERANCE_TWIPS,
)
from pipeline.nd30.check.locate import _Layout, _rule_below
from pipeline.nd30.check.model import _Document, _Line, _Para
from pipeline.nd30.check.wordml import _RunProps
from pipeline.nd30.metrics import text_width_pt


# --- Quốc hiệu, Tiêu ngữ, cơ quan ban hành (PL1 Phần II mục 1–2) ---


def _check_header_wrap(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    """A header line wider than its column wraps: a Quốc hiệu or a date on two lines (PL1 Phần II
    mục 1, 4). Widths are Times New Roman's own (metrics.py).

    The issuer's name and its parent body may take several lines (mục 2), and so may a công văn's
    "V/v …" (mục 5.b): for those only a word wider than the column, which Word breaks inside the
    word, is reported."""
    whole = [layout.national_title, layout.number, layout.date]
    if layout.motto is not None:
        whole.append(layout.motto[0][layout.motto[1]])
    for line in (line for line in whole if line is not None and line.text):
        yield from _wrap(doc, line, line.segments)
    for line in (line for line in (*layout.parent, *layout.issuer) if line.text):
        words = [(word, props) for text, props in line.segments for word in text.split()]
        widest = max(words, key=lambda item: text_width_pt(item[0], item[1].size, bold=item[1].bold), default=None)
        if widest is not None:
            yield from _wrap(doc, line, [widest], word=widest[0])


def _wrap(
    doc: _Document, line: _Line, segments: list[tuple[str, _RunProps]], *, word: str | None = None
) -> Iterator[Finding]:
    room = doc.content_width(line.para)
    if room is None:
        return
    room -= line.para.props.left + line.para.props.right
    # Runs of spaces or tabs (a number left blank for signing) take about one space: Word's
    # justification and tab stops do not push the line past the column.
    width = sum(
        text_width_pt(re.sub(r"\s+", " ", text), props.size, bold=props.bold) * 20 for text, props in segments
    )
    if width <= room + _WRAP_TOLERANCE_TWIPS:
        return
    if word is None:
        yield doc.finding("ND30-HEADER-WRAP", line.path, text=_quote(line.text), width=_mm(width), room=_mm(room))
    else:
        yield doc.finding(
            "ND30-HEADER-WRAP/word", line.path, word=_quote(word), text=_quote(line.text), width=_mm(width), room=_mm(room)
        )


def _check_national_title(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    line = layout.national_title
    if line is None:
        yield doc.finding("ND30-NATIONAL-TITLE", layout.header_path, expected=spec.NATIONAL_TITLE)
        return
    if line.text.upper() != spec.NATIONAL_TITLE:
        yield doc.finding(
            "ND30-NATIONAL-TITLE-SPELLING", line.path, text=_quote(line.text), expected=spec.NATIONAL_TITLE
        )
    yield from _style_finding(doc, "ND30-NATIONAL-TITLE-STYLE", line, spec.NATIONAL_TITLE_STYLE)


def _check_motto(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    if layout.motto is None:
        yield doc.finding("ND30-MOTTO/missing", layout.header_path, expected=spec.MOTTO)
        return
    lines, index = layout.motto
    line = lines[index]
    if line.text != spec.MOTTO:
        yield doc.finding("ND30-MOTTO", line.path, text=_quote(line.text), expected=spec.MOTTO)
    yield from _style_finding(doc, "ND30-MOTTO-STYLE", line, spec.MOTTO_STYLE)
    rule = _rule_below(lines, index)
    if rule is None:
        yield doc.finding("ND30-MOTTO-RULE", line.path, text=_quote(line.text))
    elif rule.typed is not None:
        yield doc.finding("ND30-MOTTO-RULE/typed", rule.typed.path, rule=_quote(rule.typed.text))


def _check_issuer(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for line in layout.parent:
        yield from _style_finding(doc, "ND30-PARENT-STYLE", line, spec.PARENT_BODY_STYLE)
    if layout.issuer_end is None:
        yield doc.finding("ND30-ISSUER-MISSING", layout.header_path)
        return
    for line in layout.issuer:
        yield from _style_finding(doc, "ND30-ISSUER-STYLE", line, spec.ISSUER_STYLE)
    last = layout.issuer[-1]
    rule = _rule_below(*layout.issuer_end)
    if rule is None:
        yield doc.finding("ND30-ISSUER-RULE", last.path, text=_quote(last.text))
    elif rule.typed is not None:
        yield doc.finding("ND30-ISSUER-RULE/typed", rule.typed.path, rule=_quote(rule.typed.text))
    elif rule.para is not None:
        yield from _issuer_rule_length(doc, rule.para, layout.issuer)


def _issuer_rule_length(doc: _Document, rule: _Para, issuer: list[_Line]) -> Iterator[Finding]:
    """PL1 Phần II mục 2: the line is 1/3 to 1/2 as long as the name.

    The line is as long as the paragraph carrying the border: the width inside its cell (cell
    minus cell margins; outside tables the text area) minus its indents. The name's width is
    estimated as characters × size × ``_CAPS_WIDTH_EM`` (bold capitals, its longest line), and a
    name that wraps is at most as wide as its own paragraph.
    """
    inside = doc.content_width(rule)
    widest = max(issuer, key=lambda line: len(line.text) * _largest_size(line))
    if inside is None or not widest.text:
        return
    name_room = (inside - widest.para.props.left - widest.para.props.right) / 20
    text_pt = min(len(widest.text) * _largest_size(widest) * _CAPS_WIDTH_EM, name_room)
    rule_pt = (inside - rule.props.left - rule.props.right) / 20
    ratio = rule_pt / text_pt if text_pt > 0 else 0.0
    if not spec.RULE_RATIO_ISSUER.allows(ratio):
        yield doc.finding(
            "ND30-ISSUER-RULE-LENGTH", rule.path, length=_mm(rule_pt * 20), ratio=_num(ratio),
            text=_quote(widest.text), text_length=_mm(text_pt * 20), allowed=_measure_span(spec.RULE_RATIO_ISSUER),
        )


def _largest_size(line: _Line) -> float:
    return max((props.size for _, props in line.segments), default=0.0)
