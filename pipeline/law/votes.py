"""The result of a bình xét, suy tôn vote: shares, pass or fail, ranks with ties, seats.

Pure functions over counts, exact (integers and :class:`~decimal.Decimal`, never floats):

* the share of a candidate is its "đồng ý" votes over the TOTAL number of members, present or
  not (NĐ 98/2023/NĐ-CP Điều 30 khoản 7), printed with two decimals ("83,33%"); the threshold
  of each title comes from the rule packs (:meth:`pipeline.law.rulebook.RuleSet.threshold_for`);
* a candidate reaches the threshold when ``votes >= share × total`` exactly, so 79,99% fails and
  80,00% passes an 80% threshold;
* candidates that reach it are ranked by votes (equal votes, equal rank: 1, 2, 2, 4) and fill
  the seats in rank order. When candidates tied at the last seat would overflow it, none of them
  is picked: the result is undecided and says so, for the meeting to settle (a new round, or the
  tie-break of its quy chế), never a silent choice by hoso.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from enum import Enum

from schemas.vote import TitleVote, Vote

from pipeline.core import vnformat
from pipeline.core.messages import text
from pipeline.law.rulebook import Recipient, RuleSet, Threshold


class Outcome(str, Enum):
    """What a candidate's votes gave; the value is what the minutes print."""

    PASSED = "đạt"
    BELOW_THRESHOLD = "không đạt"
    OUT_OF_SEATS = "không đạt (hết suất)"
    TIED = "chưa xác định (bằng phiếu ở suất cuối)"


@dataclass(frozen=True)
class CandidateResult:
    name: str
    votes: int
    share: str  # "83,33%", over the total number of members
    rank: int  # among all candidates of the title, by votes; equal votes share a rank
    outcome: Outcome


@dataclass(frozen=True)
class TitleResult:
    name: str
    recipient: Recipient
    seats: int
    threshold: Threshold
    candidates: tuple[CandidateResult, ...]  # in rank order, then in the order typed

    @property
    def passed(self) -> tuple[CandidateResult, ...]:
        return tuple(c for c in self.candidates if c.outcome is Outcome.PASSED)

    @property
    def tied(self) -> tuple[CandidateResult, ...]:
        return tuple(c for c in self.candidates if c.outcome is Outcome.TIED)

    @property
    def undecided(self) -> bool:
        return bool(self.tied)

    @property
    def note(self) -> str | None:
        """The sentence the minutes print when a tie leaves the last seat(s) open."""
        if not self.tied:
            return None
        open_seats = self.seats - len(self.passed)
        first = self.tied[0]
        return text(
            "part.vote.tie", title=self.name, names=_names(self.tied), votes=first.votes, share=first.share,
            seats=open_seats,
        )


@dataclass(frozen=True)
class Attendance:
    total: int
    present: int
    absent: int
    written_opinions: int
    silent_absentees: tuple[str, ...]
    """Absent members who sent no written opinion: the minutes must say so (B5)."""


@dataclass(frozen=True)
class VoteResult:
    attendance: Attendance
    titles: tuple[TitleResult, ...]

    def title(self, name: str) -> TitleResult:
        return next(t for t in self.titles if t.name == name)


def _names(candidates: Sequence[CandidateResult]) -> str:
    return vnformat.joined([f"«{c.name}»" for c in candidates])


def reaches(votes: int, total: int, threshold: Threshold) -> bool:
    """``votes / total >= threshold.share``, exactly."""
    return Decimal(votes) >= threshold.share * total


def votes_needed(total: int, threshold: Threshold) -> int:
    """The fewest "đồng ý" votes that reach ``threshold`` out of ``total`` members (8 of 10 at 80%)."""
    return int((threshold.share * total).to_integral_value(rounding=ROUND_CEILING))


def competition_ranks(votes: Sequence[int]) -> list[int]:
    """Rank of each entry by votes, highest first; equal votes share a rank (1, 2, 2, 4)."""
    ahead = _ahead_and_level(votes)
    return [1 + ahead[mine][0] for mine in votes]


def _ahead_and_level(votes: Sequence[int]) -> dict[int, tuple[int, int]]:
    """For each vote count: how many entries have more votes, and how many have exactly as many.
    One sort instead of a comparison of every pair, so a 500-row list stays linear-ish."""
    counts = Counter(votes)
    result, ahead = {}, 0
    for value in sorted(counts, reverse=True):
        result[value] = (ahead, counts[value])
        ahead += counts[value]
    return result


def title_result(
    name: str,
    recipient: Recipient,
    seats: int,
    candidates: Sequence[tuple[str, int]],
    total_members: int,
    threshold: Threshold,
) -> TitleResult:
    """The outcome of every candidate of one title (``candidates``: name and "đồng ý" votes)."""
    ranks = competition_ranks([votes for _, votes in candidates])
    eligible = _ahead_and_level([v for _, v in candidates if reaches(v, total_members, threshold)])
    # At most one share per possible vote count (0 … total members), however long the list.
    shares = {votes: vnformat.percent(votes, total_members) for votes in {v for _, v in candidates}}
    results = []
    for (candidate, votes), rank in zip(candidates, ranks):
        if not reaches(votes, total_members, threshold):
            outcome = Outcome.BELOW_THRESHOLD
        else:
            outcome = _seat_outcome(*eligible[votes], seats)
        results.append(CandidateResult(candidate, votes, shares[votes], rank, outcome))
    # sorted() is stable: equal ranks keep the order the candidates were typed in.
    ordered = tuple(sorted(results, key=lambda r: r.rank))
    return TitleResult(name, recipient, seats, threshold, ordered)


def _seat_outcome(ahead: int, level: int, seats: int) -> Outcome:
    """Seat outcome of a candidate that reached the threshold: ``ahead`` of the candidates that did
    have more votes, ``level`` (itself included) as many."""
    if ahead + level <= seats:
        return Outcome.PASSED
    if ahead < seats:
        return Outcome.TIED  # the tied group straddles the last seat
    return Outcome.OUT_OF_SEATS


def attendance(vote: Vote) -> Attendance:
    members = vote.members
    return Attendance(
        total=members.total,
        present=members.present_count,
        absent=len(members.absent),
        written_opinions=members.written_opinions,
        silent_absentees=tuple(m.name for m in members.absent if not m.written_opinion),
    )


def recipient_of(title: TitleVote, rules: RuleSet) -> Recipient:
    """The recipient kind of a voted title: as typed, or the only one the title allows."""
    if title.recipient:
        return Recipient(title.recipient)
    return rules.titles[title.name].recipients[0]


def _of_title(title: TitleVote, vote: Vote, rules: RuleSet) -> TitleResult:
    return title_result(
        title.name,
        recipient_of(title, rules),
        title.seats,
        [(c.name, c.votes) for c in title.candidates],
        vote.members.total,
        rules.threshold_for(rules.titles[title.name], vote.body),
    )


def tally(vote: Vote, rules: RuleSet) -> VoteResult:
    """Everything the minutes, the tờ trình and the decision derive from one vote, under the rules in
    force on the day of the meeting (the rules stage has checked that every title is known)."""
    key = (id(vote), id(rules))
    held = _TALLIED.get(key)
    if held is not None and held[0] is vote and held[1] is rules:
        return held[2]
    result = VoteResult(attendance(vote), tuple(_of_title(title, vote, rules) for title in vote.titles))
    if len(_TALLIED) >= _TALLIES_KEPT:
        _TALLIED.clear()  # one step, safe when the workbench's threads tally at once
    _TALLIED[key] = (vote, rules, result)
    return result


# The same vote is tallied by the rules stage of every input linking it and by the enrich step of
# every document drawing on it (minutes, tờ trình, decision, summary): the results of up to eight
# votes are kept, and all let go when that is reached. A vote and a rule set are immutable (frozen models and dataclasses), so a
# kept result cannot go stale; the entry holds both, so their ids are not reused while kept.
_TALLIES_KEPT = 8
_TALLIED: dict[tuple[int, int], tuple[Vote, RuleSet, VoteResult]] = {}
