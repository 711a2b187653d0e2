"""Số, ký hiệu (PL1 Phần II mục 3) and địa danh, thời gian (mục 4)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from pipeline.core.errors import Finding
from pipeline.core.messages import text
from pipeline.nd30 import spec
from pipeline.nd30.check.common import _style_finding
from pipeline.nd30.check.conventions import _quote, _ZERO_PADDED_MONTHS, _ZERO_PADDED_WIDTH
from pipeline.nd30.check.locate import _Layout
from pipeline.nd30.check.model import _Document

# --- Số, ký hiệu (PL1 Phần II mục 3) ---

# The number is left blank (spaces, dots, an ellipsis or underscores) until the văn thư registers the
# document at signing (NĐ 30 Điều 15, 16): "Số:      /QĐ-UBND" is right before that.
_BLANK = r"[\s.…_]*"
_NUMBER = re.compile(rf"^Số:\s*(?P<number>\d*|[.…_][.…_\s]*)(?P<gap>\s*)/(?P<symbol>\S+)$")
_NUMBER_DIGITS = re.compile(r"^số\s*:\s*(\d+)", re.IGNORECASE)


def _check_number(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    line = layout.number
    if line is None:
        yield doc.finding("ND30-NUMBER-MISSING", layout.header_path)
        return
    match = _NUMBER.match(line.text)
    if match is None or (match["number"] and match["gap"]):
        yield doc.finding("ND30-NUMBER-FORMAT", line.path, text=_quote(line.text))
    digits = _NUMBER_DIGITS.match(line.text)
    if digits and len(digits[1]) < _ZERO_PADDED_WIDTH:
        yield doc.finding(
            "ND30-NUMBER-ZERO", line.path,
            number=digits[1], text=_quote(line.text), padded=digits[1].zfill(_ZERO_PADDED_WIDTH),
        )
    yield from _style_finding(doc, "ND30-NUMBER-STYLE", line, spec.NUMBER_STYLE)


# --- Địa danh, thời gian (PL1 Phần II mục 4) ---

# The day, and sometimes the month, is left blank until the document is signed and dated:
# "Hà Nội, ngày     tháng 9 năm 2025". Only the parts written are checked.
_DATE = re.compile(
    rf"^(?P<place>[^,]+), ngày\s*(?P<day>\d{{1,2}}|{_BLANK})\s*tháng\s*(?P<month>\d{{1,2}}|{_BLANK})"
    rf"\s*năm\s*(?P<year>\d{{4}}|20[.…_]+|{_BLANK})$"
)


def _check_date(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    line = layout.date
    if line is None:
        yield from _date_missing(doc, layout)
        return
    yield from _style_finding(doc, "ND30-DATE-STYLE", line, spec.DATE_LINE_STYLE)
    match = _DATE.match(line.text)
    if match is None:
        yield doc.finding("ND30-DATE-FORMAT", line.path, text=_quote(line.text))
        return
    day, month = (value if value.isdigit() else None for value in (match["day"], match["month"]))
    if day and month and match["year"].isdigit() and not _is_real_date(match):
        yield doc.finding(
            "ND30-DATE-FORMAT/not_real", line.path,
            text=_quote(line.text), day=match["day"], month=match["month"], year=match["year"],
        )
        return
    problems = _date_zero_problems(day, month)
    if problems:
        yield doc.finding("ND30-DATE-ZERO", line.path, text=_quote(line.text), problems="; ".join(problems))


def _is_real_date(match: re.Match) -> bool:
    try:
        datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return False
    return True


def _date_zero_problems(day: str | None, month: str | None) -> list[str]:
    problems = []
    if day is not None and day != (expected_day := str(int(day)).zfill(_ZERO_PADDED_WIDTH)):
        problems.append(text("part.nd30.day_zero", day=day, expected=expected_day))
    if month is not None:
        expected_month = str(int(month))
        if int(month) in _ZERO_PADDED_MONTHS:
            expected_month = expected_month.zfill(_ZERO_PADDED_WIDTH)
        if month != expected_month:
            problems.append(text("part.nd30.month_zero", month=month, expected=expected_month))
    return problems


def _date_missing(doc: _Document, layout: _Layout) -> Iterator[Finding]:
    # A Biên bản has no date line: time and place are written in its text (PL3 Mẫu 1.9).
    if layout.number is not None and (layout.kind is None or layout.kind.dated):
        yield doc.finding("ND30-DATE-MISSING", layout.header_path)
