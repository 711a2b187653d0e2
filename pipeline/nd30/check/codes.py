"""The check's finding codes: for each, the one-line rule it checks, the legal source it cites
and whether it only warns. :data:`RULES` is what ``hoso check --rules`` lists."""

from __future__ import annotations

from typing import NamedTuple

from pipeline.core.messages import text
from pipeline.nd30 import spec
from pipeline.nd30.check.conventions import (
    _measure_span,
    _num,
    _size_span,
    _ZERO_PADDED_MONTHS,
    _ZERO_PADDED_WIDTH,
)

_UNDATED_TYPES = ", ".join(t.name.lower() for t in spec.DOCUMENT_TYPES.values() if not t.dated)
_PADDED_MONTHS = ", ".join(str(month) for month in sorted(_ZERO_PADDED_MONTHS))


class _Code(NamedTuple):
    """A finding code: its one-line rule, the legal source it cites, whether it only warns."""

    rule: str
    reference: str | None
    warning: bool = False


_CODES: dict[str, _Code] = {
    "ND30-UNREADABLE": _Code(text("ND30-UNREADABLE/rule"), None),
    "ND30-PAGE-SIZE": _Code(
        text("ND30-PAGE-SIZE/rule", width=_num(spec.PAGE_WIDTH.low), height=_num(spec.PAGE_HEIGHT.low)),
        spec.PAGE_WIDTH.source,
    ),
    "ND30-MARGIN": _Code(
        text(
            "ND30-MARGIN/rule", top=_measure_span(spec.MARGIN_TOP), bottom=_measure_span(spec.MARGIN_BOTTOM),
            left=_measure_span(spec.MARGIN_LEFT), right=_measure_span(spec.MARGIN_RIGHT),
        ),
        spec.MARGIN_TOP.source,
    ),
    "ND30-FONT": _Code(
        text("ND30-FONT/rule", font=spec.FONT_NAME), spec.FONT_SOURCE
    ),
    "ND30-COLOR": _Code(text("ND30-COLOR/rule"), spec.FONT_SOURCE),
    "ND30-NFC": _Code(text("ND30-NFC/rule"), spec.FONT_SOURCE),
    "ND30-NATIONAL-TITLE": _Code(
        text("ND30-NATIONAL-TITLE/rule", title=spec.NATIONAL_TITLE), spec.NATIONAL_TITLE_SOURCE
    ),
    "ND30-NATIONAL-TITLE-SPELLING": _Code(
        text("ND30-NATIONAL-TITLE-SPELLING/rule"), spec.NATIONAL_TITLE_SOURCE, warning=True
    ),
    "ND30-NATIONAL-TITLE-STYLE": _Code(
        text("ND30-NATIONAL-TITLE-STYLE/rule", size=_size_span(spec.NATIONAL_TITLE_STYLE)),
        spec.NATIONAL_TITLE_STYLE.source,
    ),
    "ND30-MOTTO": _Code(
        text("ND30-MOTTO/rule", motto=spec.MOTTO),
        spec.NATIONAL_TITLE_SOURCE,
    ),
    "ND30-MOTTO-STYLE": _Code(
        text("ND30-MOTTO-STYLE/rule", size=_size_span(spec.MOTTO_STYLE)), spec.MOTTO_STYLE.source
    ),
    "ND30-MOTTO-RULE": _Code(text("ND30-MOTTO-RULE/rule"), spec.RULE_RATIO_MOTTO.source),
    "ND30-PARENT-STYLE": _Code(
        text("ND30-PARENT-STYLE/rule", size=_size_span(spec.PARENT_BODY_STYLE)),
        spec.PARENT_BODY_STYLE.source,
    ),
    "ND30-ISSUER-MISSING": _Code(
        text("ND30-ISSUER-MISSING/rule"), spec.ISSUER_STYLE.source
    ),
    "ND30-ISSUER-STYLE": _Code(
        text("ND30-ISSUER-STYLE/rule", size=_size_span(spec.ISSUER_STYLE)), spec.ISSUER_STYLE.source
    ),
    "ND30-ISSUER-RULE": _Code(text("ND30-ISSUER-RULE/rule"), spec.RULE_RATIO_ISSUER.source),
    "ND30-ISSUER-RULE-LENGTH": _Code(
        text("ND30-ISSUER-RULE-LENGTH/rule", allowed=_measure_span(spec.RULE_RATIO_ISSUER)),
        spec.RULE_RATIO_ISSUER.source,
        warning=True,
    ),
    "ND30-NUMBER-MISSING": _Code(text("ND30-NUMBER-MISSING/rule"), spec.NUMBER_SOURCE),
    "ND30-NUMBER-ZERO": _Code(
        text("ND30-NUMBER-ZERO/rule", width=_ZERO_PADDED_WIDTH), spec.NUMBER_SOURCE
    ),
    "ND30-NUMBER-FORMAT": _Code(
        text("ND30-NUMBER-FORMAT/rule"), spec.NUMBER_SOURCE
    ),
    "ND30-NUMBER-STYLE": _Code(
        text("ND30-NUMBER-STYLE/rule", size=_size_span(spec.NUMBER_STYLE)), spec.NUMBER_STYLE.source
    ),
    "ND30-DATE-FORMAT": _Code(
        text("ND30-DATE-FORMAT/rule"),
        spec.DATE_LINE_SOURCE,
    ),
    "ND30-DATE-ZERO": _Code(
        text("ND30-DATE-ZERO/rule", months=_PADDED_MONTHS),
        spec.DATE_LINE_SOURCE,
    ),
    "ND30-DATE-STYLE": _Code(
        text("ND30-DATE-STYLE/rule", size=_size_span(spec.DATE_LINE_STYLE)),
        spec.DATE_LINE_STYLE.source,
    ),
    "ND30-DATE-MISSING": _Code(
        text("ND30-DATE-MISSING/rule", types=_UNDATED_TYPES), spec.DATE_LINE_SOURCE
    ),
    "ND30-TITLE-STYLE": _Code(
        text("ND30-TITLE-STYLE/rule", size=_size_span(spec.DOC_TYPE_STYLE)),
        spec.DOC_TYPE_STYLE.source,
    ),
    "ND30-SUBJECT-STYLE": _Code(
        text("ND30-SUBJECT-STYLE/rule", size=_size_span(spec.SUBJECT_STYLE)), spec.SUBJECT_STYLE.source
    ),
    "ND30-SUBJECT-RULE": _Code(text("ND30-SUBJECT-RULE/rule"), spec.RULE_RATIO_SUBJECT.source),
    "ND30-BASIS-STYLE": _Code(
        text("ND30-BASIS-STYLE/rule", size=_size_span(spec.LEGAL_BASIS_STYLE)),
        spec.LEGAL_BASIS_STYLE.source,
    ),
    "ND30-BASIS-DASH": _Code(
        text("ND30-BASIS-DASH/rule"), spec.LEGAL_BASIS_STYLE.source
    ),
    "ND30-BASIS-PUNCT": _Code(
        text("ND30-BASIS-PUNCT/rule"), spec.LEGAL_BASIS_STYLE.source
    ),
    "ND30-BODY-SIZE": _Code(text("ND30-BODY-SIZE/rule", allowed=_measure_span(spec.BODY_SIZE)), spec.BODY_SIZE.source),
    "ND30-BODY-ALIGN": _Code(text("ND30-BODY-ALIGN/rule"), spec.BODY_SIZE.source),
    "ND30-BODY-INDENT": _Code(
        text("ND30-BODY-INDENT/rule", allowed=_measure_span(spec.FIRST_LINE_INDENT)), spec.FIRST_LINE_INDENT.source
    ),
    "ND30-BODY-SPACING": _Code(
        text("ND30-BODY-SPACING/rule", low=_num(spec.PARAGRAPH_SPACING.low)),
        spec.PARAGRAPH_SPACING.source,
    ),
    "ND30-LINE-SPACING": _Code(
        text("ND30-LINE-SPACING/rule", low=_num(spec.LINE_SPACING.low), high=_num(spec.LINE_SPACING.high)),
        spec.LINE_SPACING.source,
    ),
    "ND30-AUTHORITY-FORMAT": _Code(
        text("ND30-AUTHORITY-FORMAT/rule", authorities=', '.join(spec.SIGNING_AUTHORITIES)),
        spec.SIGNING_AUTHORITY_SOURCE,
    ),
    "ND30-AUTHORITY-STYLE": _Code(
        text("ND30-AUTHORITY-STYLE/rule", size=_size_span(spec.AUTHORITY_STYLE)),
        spec.AUTHORITY_STYLE.source,
    ),
    "ND30-SIGNER-STYLE": _Code(
        text("ND30-SIGNER-STYLE/rule", size=_size_span(spec.SIGNER_NAME_STYLE)),
        spec.SIGNER_NAME_STYLE.source,
    ),
    "ND30-RECIPIENTS-MISSING": _Code(
        text("ND30-RECIPIENTS-MISSING/rule", label=spec.RECIPIENTS_LABEL), spec.RECIPIENTS_LABEL_STYLE.source
    ),
    "ND30-RECIPIENTS-LABEL-STYLE": _Code(
        text(
            "ND30-RECIPIENTS-LABEL-STYLE/rule", label=spec.RECIPIENTS_LABEL,
            size=_size_span(spec.RECIPIENTS_LABEL_STYLE),
        ),
        spec.RECIPIENTS_LABEL_STYLE.source,
    ),
    "ND30-RECIPIENTS-ITEM-STYLE": _Code(
        text("ND30-RECIPIENTS-ITEM-STYLE/rule", size=_size_span(spec.RECIPIENT_ITEM_STYLE)),
        spec.RECIPIENT_ITEM_STYLE.source,
    ),
    "ND30-RECIPIENTS-ITEM-DASH": _Code(text("ND30-RECIPIENTS-ITEM-DASH/rule"), spec.RECIPIENT_ITEM_STYLE.source),
    "ND30-RECIPIENTS-PUNCT": _Code(
        text("ND30-RECIPIENTS-PUNCT/rule"), spec.RECIPIENT_ITEM_STYLE.source
    ),
    "ND30-RECIPIENTS-ARCHIVE": _Code(
        text("ND30-RECIPIENTS-ARCHIVE/rule", archive=spec.ARCHIVE_PREFIX), spec.RECIPIENT_ITEM_STYLE.source
    ),
    "ND30-PAGE-NUMBER-FIRST": _Code(text("ND30-PAGE-NUMBER-FIRST/rule"), spec.PAGE_NUMBER_SOURCE),
    "ND30-PAGE-NUMBER-MISSING": _Code(
        text("ND30-PAGE-NUMBER-MISSING/rule"),
        spec.PAGE_NUMBER_SOURCE,
        warning=True,
    ),
    "ND30-PAGE-NUMBER-POSITION": _Code(
        text("ND30-PAGE-NUMBER-POSITION/rule"), spec.PAGE_NUMBER_SOURCE
    ),
    "ND30-PAGE-NUMBER-STYLE": _Code(
        text("ND30-PAGE-NUMBER-STYLE/rule", allowed=_measure_span(spec.PAGE_NUMBER_SIZE)), spec.PAGE_NUMBER_SIZE.source
    ),
    "ND30-HEADER-WRAP": _Code(
        text("ND30-HEADER-WRAP/rule"),
        spec.NATIONAL_TITLE_SOURCE,
    ),
    # The rules of the printed pages (layout.py): checked only when the document is laid out.
    "ND30-LAYOUT-HEADER-WRAP": _Code(text("ND30-LAYOUT-HEADER-WRAP/rule"), spec.NATIONAL_TITLE_SOURCE),
    "ND30-LAYOUT-SIGNATURE-SPLIT": _Code(
        text("ND30-LAYOUT-SIGNATURE-SPLIT/rule"), spec.SIGNING_AUTHORITY_SOURCE
    ),
    # Not written in NĐ 30: a signature page with no line of the text it signs can be detached and
    # reused, so clerks keep a few lines of the body with it; a warning, citing no article.
    "ND30-LAYOUT-SIGNATURE-ALONE": _Code(text("ND30-LAYOUT-SIGNATURE-ALONE/rule"), None, warning=True),
    # Not written in NĐ 30 either: a row read across a page break is easily misread (a name on one
    # page, its title on the next); a warning, citing no article.
    "ND30-LAYOUT-TABLE-ROW-SPLIT": _Code(text("ND30-LAYOUT-TABLE-ROW-SPLIT/rule"), None, warning=True),
    "ND30-LAYOUT-PAGE-NUMBER-FIRST": _Code(text("ND30-LAYOUT-PAGE-NUMBER-FIRST/rule"), spec.PAGE_NUMBER_SOURCE),
    "ND30-APPENDIX-STYLE": _Code(
        text(
            "ND30-APPENDIX-STYLE/rule", label=spec.APPENDIX_LABEL, label_size=_size_span(spec.APPENDIX_LABEL_STYLE),
            reference_size=_size_span(spec.APPENDIX_REFERENCE_STYLE),
        ),
        spec.APPENDIX_SOURCE,
    ),
}

RULES: dict[str, str] = {code: entry.rule for code, entry in _CODES.items()}
"""Code → the rule it checks, one Vietnamese line each (``hoso check --rules``)."""
