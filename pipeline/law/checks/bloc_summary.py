"""Rules of a bloc's year-end summary against the inputs it links.

The summary, its units' self-assessments and its vote must speak of the same bloc, year and
units, and the units must have scored on the same scale, or the ranking means nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from schemas.bloc_summary import BlocSummary
from schemas.vote import Vote

from pipeline.core import vnformat
from pipeline.law.enrich.bloc_summary import UnitScore
from pipeline.law.enrich.self_assessment import points
from pipeline.core.errors import Finding
from pipeline.core.messages import finding
from pipeline.law.rulebook import Recipient, RuleSet
from pipeline.law.votes import recipient_of

ROOT = "bloc_summary"


def check_bloc_summary(summary: BlocSummary, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    """The summary against its units' self-assessments and its vote (tallied under the rules of the
    day of the meeting)."""
    units: list[UnitScore] = linked["self_assessments"]
    bloc = " ".join(summary.issuer.name)
    findings = _check_assessments(summary, bloc, units)
    vote_input = linked["vote"]
    findings += _check_vote(summary, bloc, vote_input.model, vote_input.rules, [unit.name for unit in units])
    return findings


def _link_finding(key: str, field: str, /, **params: object) -> Finding:
    return finding(key, path=f"{ROOT}.{field}", **params)


def _check_assessments(summary: BlocSummary, bloc: str, units: list[UnitScore]) -> list[Finding]:
    findings = []
    for unit in units:
        if unit.year != summary.year:
            findings.append(_link_finding(
                "link.year_mismatch", "self_assessments", unit=unit.name, year=unit.year, summary_year=summary.year,
            ))
        if unit.bloc != bloc:
            findings.append(_link_finding(
                "link.bloc_mismatch", "self_assessments", unit=unit.name, bloc=unit.bloc, summary_bloc=bloc,
            ))
    for name, count in Counter(unit.name for unit in units).items():
        if count > 1:
            findings.append(_link_finding("link.unit_repeated", "self_assessments", count=count, unit=name))
    findings += _check_scales(units)
    return findings


def _check_scales(units: list[UnitScore]) -> list[Finding]:
    if not units:
        return []
    first, *others = units
    scale = first.sheet.max_points
    findings = []
    for unit in others:
        theirs = unit.sheet.max_points
        if theirs != scale:
            findings.append(_link_finding(
                "link.scale_mismatch", "self_assessments",
                unit=unit.name, points=points(theirs), first_points=points(scale), first=first.name,
            ))
    return findings


def _check_vote(summary: BlocSummary, bloc: str, vote: Vote, vote_rules: RuleSet, units: list[str]) -> list[Finding]:
    findings = []
    if vote.year != summary.year:
        findings.append(_link_finding("link.year_mismatch/vote", "vote", year=vote.year, summary_year=summary.year))
    voter = " ".join(vote.issuer.name)
    if voter != bloc:
        findings.append(_link_finding("link.bloc_mismatch/vote", "vote", voter=voter, summary_bloc=bloc))
    if summary.document.date < vote.start.date():
        findings.append(_link_finding(
            "link.before_vote", "document.date",
            day=vnformat.short_date(summary.document.date), meeting=vnformat.short_date(vote.start.date()),
        ))
    findings += _check_members(vote, units)
    for title in vote.titles:
        if recipient_of(title, vote_rules) is not Recipient.COLLECTIVE:
            continue
        for candidate in title.candidates:
            if candidate.name not in units:
                findings.append(_link_finding("link.unknown_candidate", "vote", name=candidate.name, title=title.name))
    return findings


def _check_members(vote: Vote, units: list[str]) -> list[Finding]:
    """Every member of the bloc reports, and only members: the ranking covers the whole bloc."""
    if isinstance(vote.members.present, int):
        if vote.members.total == len(units):
            return []
        return [_link_finding("link.member_count", "self_assessments", total=vote.members.total, count=len(units))]
    members = [*vote.members.present, *(m.name for m in vote.members.absent)]
    missing = [
        _link_finding("link.member_missing", "self_assessments", name=name) for name in members if name not in units
    ]
    extra = [_link_finding("link.not_member", "self_assessments", name=name) for name in units if name not in members]
    return missing + extra
