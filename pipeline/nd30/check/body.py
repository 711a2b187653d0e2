"""Nội dung (PL1 Phần II mục 6): size, alignment, indent and spacing of the body paragraphs."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pipeline.core.errors import Finding
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _grouped, Problem, problem
from pipeline.nd30.check.conventions import _ALIGN_NAMES, _LINE_HEIGHT_FACTOR, _measure_span, _num, _span
from pipeline.nd30.check.locate import _Layout
from pipeline.nd30.check.model import _Document, _Para


def _check_body(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    for rule in _BODY_RULES:
        yield from _grouped(doc, ((found, para, para.text) for para in layout.body if (found := rule(para))))


def _body_size(para: _Para) -> Problem | None:
    wrong = sorted({props.size for _, props in para.segments if not spec.BODY_SIZE.allows(props.size)})
    if wrong:
        sizes = ", ".join(_num(size) for size in wrong)
        return problem("ND30-BODY-SIZE", sizes=sizes, allowed=_measure_span(spec.BODY_SIZE))
    return None


def _body_align(para: _Para) -> Problem | None:
    if para.props.align in ("both", "distribute"):
        return None
    return problem("ND30-BODY-ALIGN", align=_ALIGN_NAMES.get(para.props.align, para.props.align))


def _body_indent(para: _Para) -> Problem | None:
    indent = spec.twips_to_mm(para.props.first_line)
    if spec.FIRST_LINE_INDENT.allows(indent):
        return None
    return problem("ND30-BODY-INDENT", indent=_num(indent, 1), allowed=_measure_span(spec.FIRST_LINE_INDENT))


def _body_spacing(para: _Para) -> Problem | None:
    props = para.props
    # contextualSpacing drops the space between paragraphs of the same style altogether.
    total = 0.0 if props.contextual else (props.before + props.after) / 20
    if spec.PARAGRAPH_SPACING.allows(total):
        return None
    key = "ND30-BODY-SPACING/contextual" if props.contextual else "ND30-BODY-SPACING"
    return problem(key, total=_num(total), low=_num(spec.PARAGRAPH_SPACING.low))


def _line_spacing(para: _Para) -> Problem | None:
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


_BODY_RULES: tuple[Callable[[_Para], Problem | None], ...] = (
    _body_size, _body_align, _body_indent, _body_spacing, _line_spacing,
)
