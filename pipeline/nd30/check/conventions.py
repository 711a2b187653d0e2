"""Conventions of the check that are not legal values: measuring tolerances, and how
numbers, measures and quotations are written in its Vietnamese messages."""

from __future__ import annotations

from pipeline.nd30 import spec

_ZERO_PADDED_WIDTH = spec.ZERO_PADDED_WIDTH
_ZERO_PADDED_MONTHS = spec.ZERO_PADDED_MONTHS

# --- Measuring conventions of this check (not legal values). --------------------------------------
_PAGE_TOLERANCE_TWIPS = 20  # Word and LibreOffice round A4 to slightly different twips.
_WRAP_TOLERANCE_TWIPS = 10  # half a point: rounding of widths, not a real overflow
_DEFAULT_SIZE_PT = 10.0  # Word's size when no level of the hierarchy sets w:sz.
_LINE_HEIGHT_FACTOR = 1.2  # Single spacing is about 1.2 × the font size (typographic line height).
_QUOTE_CHARS = 50


def _num(value: float, decimals: int = 2) -> str:
    """A number written the Vietnamese way: decimal comma, no trailing zeros."""
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".").replace(".", ",")


def _mm(twips: float) -> str:
    return f"{_num(spec.twips_to_mm(twips), 1)} mm"


def _span(low: float, high: float, unit: str) -> str:
    return f"{_num(low)} {unit}" if low == high else f"{_num(low)}–{_num(high)} {unit}"


_UNIT_NAMES = {"lines": "dòng", "ratio": "lần"}  # spec.py's units, as a Vietnamese reader says them


def _measure_span(measure: spec.Measure) -> str:
    return _span(measure.low, measure.high, _UNIT_NAMES.get(measure.unit, measure.unit))


def _size_span(style: spec.TextStyle) -> str:
    return _span(*style.sizes, "pt")


def _quote(text: str) -> str:
    if len(text) > _QUOTE_CHARS:
        text = text[: _QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{text}”"


# How a paragraph's alignment (w:jc) is named in messages.
_ALIGN_NAMES = {
    "left": "trái",
    "start": "trái",
    "right": "phải",
    "end": "phải",
    "center": "giữa",
    "both": "đều hai bên",
    "distribute": "đều hai bên",
}
