"""The names of the header against its column: the cơ quan chủ quản and the cơ quan ban hành are
set in the left column of the header, in capitals, on as many lines as they need (NĐ 30/2020,
Phụ lục I, Phần II, mục 2). hoso breaks them between words; a single word wider than the column
cannot be broken there (a Vietnamese word is never cut), so Word would cut it anywhere and the
document would fail the check. Such a name is refused, at its data path. Likewise a place-and-date
line too wide for the right column even at 13 pt (mục 4)."""

from __future__ import annotations

import datetime

from pydantic import BaseModel

from schemas.common import Issuer

from pipeline.core import vnformat
from pipeline.core.errors import Finding
from pipeline.core.messages import finding
from pipeline.nd30 import frame, spec
from pipeline.nd30.metrics import text_width_pt
from pipeline.stages.load import format_path

REFERENCE = "NĐ 30/2020, Phụ lục I, Phần II, mục 2"
DATE_REFERENCE = "NĐ 30/2020, Phụ lục I, Phần II, mục 4"


def check(model: BaseModel, root: str, *, dated: bool) -> list[Finding]:
    """``dated``: the kind's documents print the place-and-date line (a Biên bản does not)."""
    issuer = getattr(model, "issuer", None)
    if not isinstance(issuer, Issuer):
        return []
    findings = _date_line(model, issuer, root) if dated else []
    for field, style in (("parent_body", spec.PARENT_BODY_STYLE), ("name", spec.ISSUER_STYLE)):
        for line in getattr(issuer, field) or ():
            for word, width in frame.too_wide_words(line, style):
                findings.append(finding(
                    "rule.header.word_too_wide", path=format_path(root, ("issuer", field)), reference=REFERENCE,
                    word=word if len(word) <= 40 else word[:39] + "…", width=_mm(width), room=_mm(frame.HEADER_TEXT_TW),
                ))
    return findings


def _date_line(model: BaseModel, issuer: Issuer, root: str) -> list[Finding]:
    """The place-and-date line stands on one line of the right column (PL1 Phần II mục 4), at
    13 pt when 14 pt is too wide (:func:`pipeline.nd30.frame.date_line_size`)."""
    day = getattr(getattr(model, "document", None), "date", None)
    if not isinstance(day, datetime.date):
        return []
    text = vnformat.date_line(issuer.place, day)
    if frame.date_line_size(text) is not None:
        return []
    smallest = min(spec.DATE_LINE_STYLE.sizes)
    return [finding(
        "rule.header.date_line_too_wide", path=format_path(root, ("issuer", "place")), reference=DATE_REFERENCE,
        text=text, width=_mm(text_width_pt(text, smallest) * 20), room=_mm(frame.RIGHT_TEXT_TW),
    )]


def _mm(twips: float) -> str:
    return f"{spec.twips_to_mm(twips):.1f} mm".replace(".", ",")
