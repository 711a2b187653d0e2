"""Eligibility rules of the inputs that propose someone: a báo cáo thành tích (one nominee, one
title) and a unit's nominee list (many nominees, local quotas).

Each input becomes :class:`~pipeline.law.checks.eligibility.Record` values; what a list can count (a
section's members who are Lao động tiên tiến, the list's Chiến sĩ thi đua cơ sở among its Lao
động tiên tiến) is counted here, never typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from schemas.achievement import AwardRecord, CollectiveAchievement, IndividualAchievement
from schemas.nominee_list import CollectiveNominee, IndividualNominee, NomineeList

from pipeline.core import vnformat
from pipeline.core.datapath import Loc
from pipeline.core.errors import Finding
from pipeline.core.messages import text
from pipeline.law.rulebook import Recipient, RuleSet
from pipeline.law.checks import eligibility
from pipeline.law.checks.eligibility import Members, Proposal, Record
from pipeline.law.checks.report import breach, pack_missing, unconfirmed_uses


def _history(*tables: Iterable[AwardRecord]) -> dict[int, frozenset[str]]:
    by_year: dict[int, set[str]] = {}
    for table in tables:
        for row in table:
            by_year.setdefault(row.year, set()).add(row.title)
    return {year: frozenset(titles) for year, titles in by_year.items()}


# --- báo cáo thành tích --------------------------------------------------------------------------------
def _report_record(report: IndividualAchievement | CollectiveAchievement, recipient: Recipient,
                   name: str, members: Members | None) -> Record:
    initiatives = getattr(report, "initiatives", [])
    return Record(
        name=name,
        recipient=recipient,
        year=report.year,
        date=report.document.date,
        loc=(),
        proposals=(Proposal(report.proposed_award, ("proposed_award",)),),
        history=_history(report.emulation_titles, report.commendations),
        ratings=dict(report.ratings),
        initiatives=tuple((i.year or report.year, i.scope) for i in initiatives),
        discipline=tuple(report.discipline),
        pending=tuple(report.pending_cases),
        members=members,
    )


def _form(rules: RuleSet, root: str) -> list[Finding]:
    """A warning when the pack does not confirm the form hoso prints a report in (its headings and
    form number) against the form the decree of the period prescribes."""
    source = rules.achievement_form
    if source is None:
        return []
    return unconfirmed_uses([(text("part.achievement_form"), source)], root, ("document", "date"))


def check_individual_report(report: IndividualAchievement, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    root = "achievement_individual"
    record = _report_record(report, Recipient.INDIVIDUAL, report.person.full_name, None)
    return pack_missing(rules, root, ("document", "date")) or (
        eligibility.check(record, rules, root, outside_catalogue=True) + _form(rules, root)
    )


def check_collective_report(report: CollectiveAchievement, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    root = "achievement_collective"
    name = report.nominee or " ".join(report.issuer.name)
    staff = sum(group.count for group in report.organisation.staff) if report.organisation.staff else None
    record = _report_record(report, Recipient.COLLECTIVE, name, Members(total=staff))
    return pack_missing(rules, root, ("document", "date")) or (
        eligibility.check(record, rules, root, outside_catalogue=True) + _form(rules, root)
    )


# --- a unit's nominee list -----------------------------------------------------------------------------
ROOT = "nominee_list"


def _list_history(titles: Mapping[int, list[str]]) -> dict[int, frozenset[str]]:
    return {year: frozenset(names) for year, names in titles.items()}


def _listed(
    entry: IndividualNominee | CollectiveNominee, recipient: Recipient, loc: Loc, nominees: NomineeList, **own: Any
) -> Record:
    """The record of one entry of the list: what individuals and collectives share, and ``own``."""
    return Record(
        name=entry.name,
        recipient=recipient,
        year=nominees.year,
        date=nominees.document.date,
        loc=loc,
        proposals=tuple(Proposal(t, (*loc, "proposed", j)) for j, t in enumerate(entry.proposed)),
        history=_list_history(entry.titles),
        ratings=dict(entry.ratings),
        discipline=tuple(entry.discipline),
        pending=tuple(entry.pending_cases),
        **own,
    )


def _individual(entry: IndividualNominee, index: int, nominees: NomineeList) -> Record:
    initiatives = tuple((i.year or nominees.year, i.scope) for i in entry.initiatives)
    return _listed(entry, Recipient.INDIVIDUAL, ("individuals", index), nominees, initiatives=initiatives)


def _collective(entry: CollectiveNominee, index: int, nominees: NomineeList, people: list[Record]) -> Record:
    members = [p for p, person in zip(people, nominees.individuals) if person.collective == entry.name]
    titles = {t for p in members for t in p.history.get(nominees.year, frozenset())} | {
        proposal.title for p in members for proposal in p.proposals
    }
    titled = {t: sum(p.holds(t, nominees.year) for p in members) for t in titles}
    counts = Members(entry.members, entry.members_completing, entry.members_disciplined, titled)
    return _listed(entry, Recipient.COLLECTIVE, ("collectives", index), nominees, initiatives=(), members=counts)


def _quotas(people: list[Record], rules: RuleSet) -> list[Finding]:
    """A local pack's cap: the list's proposals of a title against the people holding another."""
    findings = []
    for quota in rules.quotas:
        proposed = sum(any(p.title == quota.title for p in person.proposals) for person in people)
        among = sum(person.holds(quota.among, person.year) for person in people)
        if proposed > quota.share * among:  # exact: 15% of 20 allows 3, a fourth is over
            limit = int(quota.share * among)
            findings.append(breach(
                "rule.quota.exceeded", ROOT, ("individuals",), quota.source,
                proposed=proposed, title=quota.title, share=vnformat.percent_value(quota.share * 100),
                among=quota.among, count=among, limit=limit,
            ))
    return findings


def check_nominee_list(nominees: NomineeList, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    missing = pack_missing(rules, ROOT, ("document", "date"))
    if missing:
        return missing
    people = [_individual(entry, i, nominees) for i, entry in enumerate(nominees.individuals)]
    groups = [_collective(entry, i, nominees, people) for i, entry in enumerate(nominees.collectives)]
    findings = [f for record in people + groups for f in eligibility.check(record, rules, ROOT)]
    return findings + _quotas(people, rules)
