"""Enrich a Báo cáo tự đánh giá, chấm điểm thi đua of one unit: results, the score table, proposals."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from schemas.self_assessment import Adjustment, SelfAssessment

from pipeline.law import scoring
from pipeline.core import vnformat
from pipeline.docx.package import CoreProperties
from pipeline.nd30 import spec
from pipeline.nd30.breaking import keep_phrases
from pipeline.law.rulebook import RuleSet
from pipeline.law.enrich.common import core_properties, frame_context, kept_cells, list_lines
from pipeline.law.enrich.plan import target_value

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# When nothing was planned there is no share: the cell shows a dash rather than staying empty,
# so a reader sees it was not forgotten.
NO_SHARE = "–"


def points(value: Decimal) -> str:
    """``9,5``, ``100``, ``0,25``: points as typed, without trailing zeros (``28.50`` → ``28,5``)."""
    return vnformat.number(value.normalize())


def roman(index: int) -> str:
    """Group labels of a score table: I, II, III … (a bloc's table has a handful of groups)."""
    return _ROMAN[index]


def unit_name(assessment: SelfAssessment) -> str:
    """The unit as the bloc's tables name it: its name on one line."""
    return " ".join(assessment.issuer.name)


def share_text(planned: Decimal, achieved: Decimal) -> str:
    share = scoring.achievement_share(planned, achieved)
    return NO_SHARE if share is None else vnformat.percent_value(share)


def _results(assessment: SelfAssessment) -> list[dict[str, str]]:
    return [
        {
            "no": str(i + 1),
            "name": r.name,
            "planned": target_value(r.planned.normalize(), r.unit),
            "achieved": target_value(r.achieved.normalize(), r.unit),
            "share": share_text(r.planned, r.achieved),
        }
        for i, r in enumerate(assessment.results)
    ]


def _groups(assessment: SelfAssessment, sheet: scoring.ScoreSheet) -> list[dict[str, Any]]:
    return [
        {
            "label": roman(i),
            "name": keep_phrases(group.name),
            "max": points(subtotal.max_points),
            "score": points(subtotal.self_score),
            "criteria": kept_cells([
                {
                    "no": str(j + 1),
                    "name": c.name,
                    "max": points(c.max_points),
                    "score": points(c.self_score),
                    "evidence": c.evidence or "",
                }
                for j, c in enumerate(group.criteria)
            ], "name", "evidence"),
        }
        for i, (group, subtotal) in enumerate(zip(assessment.scoring, sheet.groups))
    ]


def _adjustment(label: str, name: str, total: Decimal, items: list[Adjustment]) -> dict[str, Any]:
    """Bonus or penalty as a group of the score table: its sum, then one row per reason."""
    return {
        "label": label,
        "name": name,
        "score": points(total),
        "rows": kept_cells(
            [{"no": str(i + 1), "reason": a.reason, "score": points(a.points)} for i, a in enumerate(items)], "reason"
        ),
    }


def enrich_self_assessment(assessment: SelfAssessment, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    doc_type = spec.DOCUMENT_TYPES["BC"]
    sheet = scoring.score_sheet(assessment)
    after = len(assessment.scoring)
    body = {
        "unit": unit_name(assessment),
        "bloc": assessment.bloc,
        "year": str(assessment.year),
        "results": kept_cells(_results(assessment), "name"),
        "scale": points(sheet.max_points),
        "groups": _groups(assessment, sheet),
        "self_score": points(sheet.self_score),
        "adjustments": [
            _adjustment(roman(after), "Điểm thưởng", sheet.bonus, assessment.bonus),
            _adjustment(roman(after + 1), "Điểm trừ", sheet.penalty, assessment.penalties),
        ],
        "total": points(sheet.total),
        "strengths": list_lines(assessment.strengths),
        "shortcomings": list_lines(assessment.shortcomings),
        "collective_titles": list_lines(assessment.collective_titles),
        "individuals": kept_cells([
            {"no": str(i + 1), "name": p.name, "position": p.position, "title": p.title}
            for i, p in enumerate(assessment.individual_titles)
        ], "name", "position", "title"),
    }
    frame_ctx = frame_context(
        doc_type, assessment.issuer, assessment.document, assessment.signer, assessment.recipients,
        assessment.legal_bases,
    )
    return {"frame": frame_ctx, "report": body}


def self_assessment_core(assessment: SelfAssessment, linked: Mapping[str, Any]) -> CoreProperties:
    return core_properties(assessment.issuer, assessment.document)
