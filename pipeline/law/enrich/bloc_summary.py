"""Enrich a Báo cáo tổng kết thi đua of a bloc (its checks are the rules stage's:
:mod:`pipeline.law.checks.bloc_summary`).

The ranked score table is computed from the linked self-assessments (:mod:`pipeline.law.scoring`),
the proposals from the linked vote (:mod:`pipeline.law.votes`): neither is typed in the summary, so
the summary, the units' reports and the minutes cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schemas.bloc_summary import BlocSummary, Movement
from schemas.self_assessment import SelfAssessment
from schemas.vote import Vote

from pipeline.law import scoring
from pipeline.core import vnformat
from pipeline.law import votes
from pipeline.docx.package import CoreProperties
from pipeline.nd30 import spec
from pipeline.law.rulebook import RuleSet
from pipeline.law.enrich.common import core_properties, frame_context, kept_cells, list_lines, point_label
from pipeline.law.enrich.self_assessment import points, unit_name
from pipeline.law.enrich.vote import result_phrase

TIE_NOTE = "Đồng hạng"


def _movements(movements: list[Movement]) -> list[dict[str, Any]]:
    """The movements to print, lettered a), b) …. Where some movement of the kind has results, one
    without would print as a bare heading and is left out; where none has, the names are the
    report (the campaigns held) and all print."""
    reported = [m for m in movements if m.results] or movements
    return [
        {"label": point_label(i), "name": m.name, "results": list_lines(m.results)}
        for i, m in enumerate(reported)
    ]


@dataclass(frozen=True)
class UnitScore:
    """What a bloc summary keeps of a unit's self-assessment: who, which year and bloc, and the sums
    of its score table. A summary links every unit of its bloc, thousands in a province-wide pack,
    where whole inputs would hold hundreds of megabytes (:attr:`pipeline.law.kinds.Kind.digests`)."""

    name: str
    year: int
    bloc: str
    sheet: scoring.ScoreSheet


def unit_score(validated: Any) -> UnitScore:
    """The :class:`UnitScore` of a validated self-assessment."""
    assessment: SelfAssessment = validated.model
    return UnitScore(unit_name(assessment), assessment.year, assessment.bloc, scoring.score_sheet(assessment))


def ranking_rows(units: list[UnitScore]) -> list[dict[str, str]]:
    """The bloc's score table, best first; tied units share a rank and say so in the note."""
    sheets = {unit.name: unit.sheet for unit in units}
    standings = scoring.rank({name: sheet.total for name, sheet in sheets.items()})
    return [
        {
            "no": str(i + 1),
            "unit": s.name,
            "self_score": points(sheets[s.name].self_score),
            "bonus": points(sheets[s.name].bonus),
            "penalty": points(sheets[s.name].penalty),
            "total": points(s.total),
            "rank": str(s.rank),
            "note": TIE_NOTE if s.tied else "",
        }
        for i, s in enumerate(standings)
    ]


def proposal_lines(vote: Vote, rules: RuleSet) -> list[str]:
    """One line per title voted on: who passed, with the votes over all members, or why nobody did
    (``rules``: those of the day of the meeting)."""
    result = votes.tally(vote, rules)
    total = result.attendance.total
    lines = []
    for title in result.titles:
        if title.passed:
            names = [f"{c.name} ({result_phrase(c, total)})" for c in title.passed]
            lines.append(f"{title.name}: {vnformat.joined(names)}")
        elif not title.undecided:
            lines.append(f"{title.name}: không có ứng viên đạt đủ tỷ lệ phiếu đồng ý")
        if title.note:
            lines.append(title.note.removesuffix("."))
    return list_lines(lines)


def enrich_bloc_summary(summary: BlocSummary, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    doc_type = spec.DOCUMENT_TYPES["BC"]
    units: list[UnitScore] = linked["self_assessments"]
    vote_input = linked["vote"]
    vote: Vote = vote_input.model
    body = {
        "bloc": " ".join(summary.issuer.name),
        "year": str(summary.year),
        "next_year": str(summary.year + 1),
        "theme": summary.theme,
        "slogan": summary.slogan,
        "overview": list(summary.overview),
        "regular": _movements(summary.movements.regular),
        "sector": _movements(summary.movements.sector),
        "special": _movements(summary.movements.special),
        "unit_count": str(len(units)),
        "scale": points(units[0].sheet.max_points),
        "ranking": kept_cells(ranking_rows(units), "unit"),
        "vote_date": vnformat.short_date(vote.start.date()),
        "vote_place": vote.place,
        "proposals": proposal_lines(vote, vote_input.rules),
        "strengths": list_lines(summary.strengths),
        "shortcomings": list_lines(summary.shortcomings),
        "next_year_tasks": list_lines(summary.next_year_tasks),
    }
    frame_ctx = frame_context(
        doc_type, summary.issuer, summary.document, summary.signer, summary.recipients, summary.legal_bases
    )
    return {"frame": frame_ctx, "summary": body}


def bloc_summary_core(summary: BlocSummary, linked: Mapping[str, Any]) -> CoreProperties:
    return core_properties(summary.issuer, summary.document)
