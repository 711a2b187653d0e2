"""The nomination dossier across files: vote → tờ trình → quyết định.

Pure functions over validated models and the rules in force: who is proposed (the candidates who
passed, never retyped) and what the decision awards with which bonus. The checks of the dossier
(dates, nominees, bonuses) are the rules stage's (:mod:`pipeline.law.checks.dossier`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.law.bonus import Bonus, NoBonusRule, bonus
from pipeline.law.rulebook import Authority, Recipient, RuleSet
from pipeline.law.votes import CandidateResult, TitleResult, VoteResult

DECIDING_AUTHORITY = Authority.PROVINCE_CHAIR
"""A decision of this kind is the Chủ tịch UBND tỉnh's: it covers the titles that authority decides."""


@dataclass(frozen=True)
class Nominee:
    title: TitleResult
    candidate: CandidateResult


@dataclass(frozen=True)
class Awarded:
    nominee: Nominee
    bonus: Bonus | None
    """None when the packs have no checked coefficient for the decision's date: the decision then says
    "tiền thưởng theo quy định" instead of printing an amount nobody has verified."""


def nominees(result: VoteResult) -> list[Nominee]:
    """The candidates who passed, title by title in the vote's order, each in rank order."""
    return [Nominee(title, candidate) for title in result.titles for candidate in title.passed]


def decided(result: VoteResult, rules: RuleSet) -> list[Nominee]:
    """The nominees of the titles the deciding authority decides under ``rules``."""
    return [n for n in nominees(result) if rules.titles[n.title.name].decided_by.authority is DECIDING_AUTHORITY]


def awarded(result: VoteResult, rules: RuleSet) -> list[Awarded]:
    """The nominees the decision awards, with their bonus on the decision's date (``rules.date``)."""
    chosen = decided(result, rules)
    # Every awardee of a title gets the same bonus: computed once per title, not per awardee.
    bonuses = {key: _known_bonus(*key, rules) for key in dict.fromkeys(_bonus_key(n) for n in chosen)}
    return [Awarded(n, bonuses[_bonus_key(n)]) for n in chosen]


def _bonus_key(nominee: Nominee) -> tuple[str, Recipient]:
    return nominee.title.name, nominee.title.recipient


def _known_bonus(title: str, recipient: Recipient, rules: RuleSet) -> Bonus | None:
    try:
        return bonus(title, recipient, rules)
    except NoBonusRule:
        return None
