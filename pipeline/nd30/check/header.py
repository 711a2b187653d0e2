"""Quốc hiệu, Tiêu ngữ, cơ quan ban hành (PL1 Phần II mục 1–2), and the header lines' widths."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _style_finding
from pipeline.nd30.check.conventions import (
    _measure_span,
    _mm,
    _num,
    _quote,
    _WRAP_TOLERANCE_TWIPS,
)
from pipeline.nd30.check.locate import _Layout, _Rule, _rule_below
from pipeline.nd30.check.model import _Document, _Line
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
    typed = _typed(line)
    if typed != spec.MOTTO:
        yield doc.finding("ND30-MOTTO", line.path, text=_quote(typed), expected=spec.MOTTO)
    yield from _style_finding(doc, "ND30-MOTTO-STYLE", line, spec.MOTTO_STYLE)
    rule = _rule_below(lines, index, doc)
    if rule is None:
        yield doc.finding("ND30-MOTTO-RULE", line.path, text=_quote(line.text))
    elif rule.typed is not None:
        yield doc.finding("ND30-MOTTO-RULE/typed", rule.typed.path, rule=_quote(rule.typed.text))


# Spaces that print as one: a no-break space is still a space between two words of the Tiêu ngữ.
_SPACES = re.compile(r"[\u00a0\u2007\u202f]")


def _typed(line: _Line) -> str:
    """The line as typed, between its first and last printed character: two spaces where the clerk
    typed two ("Tự  do"), which the line's text reads as one."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", "".join(text for text, _ in line.parts))).strip()


def _check_issuer(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for line in layout.parent:
        yield from _style_finding(doc, "ND30-PARENT-STYLE", line, spec.PARENT_BODY_STYLE)
    if layout.issuer_end is None:
        yield doc.finding("ND30-ISSUER-MISSING", layout.header_path)
        return
    for line in layout.issuer:
        yield from _style_finding(doc, "ND30-ISSUER-STYLE", line, spec.ISSUER_STYLE)
    last = layout.issuer[-1]
    rule = _rule_below(*layout.issuer_end, doc)
    if rule is None:
        yield doc.finding("ND30-ISSUER-RULE", last.path, text=_quote(last.text))
    elif rule.typed is not None:
        yield doc.finding("ND30-ISSUER-RULE/typed", rule.typed.path, rule=_quote(rule.typed.text))
    else:
        yield from _issuer_rule_length(doc, rule, layout.issuer)


def _issuer_rule_length(doc: _Document, rule: _Rule, issuer: list[_Line]) -> Iterator[Finding]:
    """PL1 Phần II mục 2: the line is 1/3 to 1/2 as long as the name.

    A line drawn as a shape is as long as its drawing says; a border is as long as the paragraph
    carrying it: the width inside its cell (cell minus cell margins; outside tables the text area)
    minus its indents. The name's width is that of its widest line in Times New Roman
    (metrics.py), and a name that wraps is at most as wide as its own paragraph.
    """
    length, path = _rule_length(doc, rule)
    widest = max(issuer, key=_printed_width)
    name_room = doc.content_width(widest.para)
    if length is None or name_room is None or not widest.text:
        return
    name_room -= widest.para.props.left + widest.para.props.right
    text_pt = min(_printed_width(widest), name_room / 20)
    ratio = length / 20 / text_pt if text_pt > 0 else 0.0
    if not spec.RULE_RATIO_ISSUER.allows(ratio):
        yield doc.finding(
            "ND30-ISSUER-RULE-LENGTH", path or issuer[-1].path, length=_mm(length), ratio=_num(ratio),
            text=_quote(widest.text), text_length=_mm(text_pt * 20), allowed=_measure_span(spec.RULE_RATIO_ISSUER),
        )


def _rule_length(doc: _Document, rule: _Rule) -> tuple[float | None, str | None]:
    """Twips the rule is long, and where it is (the bordered paragraph; a shape hangs on the
    issuer's own lines)."""
    if rule.para is None:
        return rule.width, None
    inside = doc.content_width(rule.para)
    if inside is None:
        return None, None
    return inside - rule.para.props.left - rule.para.props.right, rule.para.path


def _printed_width(line: _Line) -> float:
    """Points the line's text takes, the blanks typed before and after it left out."""
    parts = [[text, props] for text, props in line.parts if text]
    if parts:
        parts[0][0], parts[-1][0] = parts[0][0].lstrip(), parts[-1][0].rstrip()
    return sum(text_width_pt(text, props.size, bold=props.bold) for text, props in parts)
