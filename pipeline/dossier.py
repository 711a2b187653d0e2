"""The nomination dossier across files: vote → tờ trình → quyết định.

Pure functions over validated models: who is proposed (the candidates who passed, never
retyped), what the decision awards with which bonus, and the cross-file checks the orchestrator
runs once every linked file is valid (``Kind.crosscheck``). A check returns findings: errors
stop the documents, warnings (an unconfirmed legal number, an undecided tie) are printed and let
them through.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schemas.decision import Decision
from schemas.nomination import Nomination
from schemas.vote import Vote

from . import awards, vnformat
from .bonus import Bonus, NoBonusRule, bonus
from .errors import Finding, Severity
from .load import format_path
from .votes import CandidateResult, TitleResult, VoteResult, tally

DECIDING_AUTHORITY = awards.Authority.PROVINCE_CHAIR
"""A decision of this kind is the Chủ tịch UBND tỉnh's: it covers the titles that authority decides."""


@dataclass(frozen=True)
class Nominee:
    title: TitleResult
    candidate: CandidateResult


@dataclass(frozen=True)
class Awarded:
    nominee: Nominee
    bonus: Bonus | None
    """None when hoso has no checked coefficient for the decision's date: the decision then says
    "tiền thưởng theo quy định" instead of printing an amount nobody has verified."""


def nominees(result: VoteResult) -> list[Nominee]:
    """The candidates who passed, title by title in the vote's order, each in rank order."""
    return [Nominee(title, candidate) for title in result.titles for candidate in title.passed]


def awarded(result: VoteResult, on: datetime.date) -> list[Awarded]:
    """The nominees of the titles the deciding authority decides, with their bonus on ``on``."""
    decided = [n for n in nominees(result) if awards.AWARDS[n.title.name].decided_by is DECIDING_AUTHORITY]
    return [Awarded(n, _known_bonus(n, on)) for n in decided]


def _known_bonus(nominee: Nominee, on: datetime.date) -> Bonus | None:
    try:
        return bonus(nominee.title.name, nominee.title.recipient, on)
    except NoBonusRule:
        return None


def _error(code: str, message: str, root: str, *loc: str | int) -> Finding:
    return Finding(code, message, path=format_path(root, loc))


def _warning(code: str, message: str, root: str, *loc: str | int) -> Finding:
    return Finding(code, message, path=format_path(root, loc), severity=Severity.WARNING)


def _quoted(names: list[str]) -> str:
    return ", ".join(f"«{name}»" for name in names)


# --- vote -------------------------------------------------------------------------------------------
def check_vote(vote: Vote, linked: Mapping[str, Any]) -> list[Finding]:
    """Warnings the minutes deserve: an unconfirmed threshold, a tie that leaves a seat open."""
    result = tally(vote)
    unconfirmed: dict[awards.Threshold, list[str]] = {}
    for title in result.titles:
        if not title.threshold.confirmed:
            unconfirmed.setdefault(title.threshold, []).append(title.name)
    findings = [
        _warning(
            "link.threshold_unconfirmed",
            f"Ngưỡng đạt {vnformat.percent_value(threshold.share * 100)} tổng số thành viên áp dụng cho "
            f"{_quoted(names)} chưa được xác nhận: {threshold.source}.",
            "vote", "titles",
        )
        for threshold, names in unconfirmed.items()
    ]
    findings += [
        _warning("link.tie_undecided", title.note, "vote", "titles", index)
        for index, title in enumerate(result.titles)
        if title.note
    ]
    return findings


# --- nomination -------------------------------------------------------------------------------------
def check_nomination(nomination: Nomination, linked: Mapping[str, Any]) -> list[Finding]:
    """The tờ trình against its vote: a decided result, a summary for exactly the nominees."""
    vote_input = linked.get("vote")
    if vote_input is None:  # the vote's own errors are already reported
        return []
    vote: Vote = vote_input.model
    result = tally(vote)
    findings = []
    if nomination.document.date < vote.start.date():
        findings.append(_error(
            "link.nomination_before_vote",
            f"Ngày tờ trình ({vnformat.short_date(nomination.document.date)}) trước ngày họp bình xét "
            f"({vnformat.short_date(vote.start.date())}).",
            "nomination", "document", "date",
        ))
    undecided = [title for title in result.titles if title.undecided]
    for title in undecided:
        findings.append(_error("link.tie_undecided", title.note or "", "nomination", "vote"))
    names = [n.candidate.name for n in nominees(result)]
    if not names and not undecided:
        findings.append(_error(
            "link.no_nominee", "Không có ứng viên nào đạt trong biên bản bình xét: không có ai để đề nghị.",
            "nomination", "vote",
        ))
    # A tied candidate may still be proposed once the tie is settled: its summary is not an error.
    allowed = names + [c.name for title in undecided for c in title.tied]
    for name in nomination.achievements:
        if name not in allowed:
            findings.append(_error(
                "link.unknown_nominee",
                f"«{name}» không phải người được đề nghị theo biên bản bình xét. Những người được đề nghị: "
                f"{_quoted(names)}.",
                "nomination", "achievements", name,
            ))
    missing = [name for name in names if name not in nomination.achievements]
    if missing:
        findings.append(_error(
            "link.achievement_missing",
            f"Thiếu tóm tắt thành tích của: {_quoted(missing)}.",
            "nomination", "achievements",
        ))
    return findings


# --- decision ---------------------------------------------------------------------------------------
def check_decision(decision: Decision, linked: Mapping[str, Any]) -> list[Finding]:
    """The decision against its tờ trình: something to decide, a known bonus for each award."""
    nomination_input = linked.get("nomination")
    if nomination_input is None or nomination_input.linked.get("vote") is None:
        return []
    nomination: Nomination = nomination_input.model
    result = tally(nomination_input.linked["vote"].model)
    on = decision.document.date
    findings = []
    if on < nomination.document.date:
        findings.append(_error(
            "link.decision_before_nomination",
            f"Ngày quyết định ({vnformat.short_date(on)}) trước ngày tờ trình "
            f"({vnformat.short_date(nomination.document.date)}).",
            "decision", "document", "date",
        ))
    decided = [n for n in nominees(result) if awards.AWARDS[n.title.name].decided_by is DECIDING_AUTHORITY]
    if not decided:
        findings.append(_error(
            "link.nothing_to_decide",
            f"Tờ trình không đề nghị danh hiệu, hình thức khen thưởng nào thuộc thẩm quyền "
            f"{DECIDING_AUTHORITY.value}.",
            "decision", "nomination",
        ))
    # One finding per distinct problem, however many nominees share it.
    problems: dict[str, None] = {}
    notes: dict[str, None] = {}
    for nominee in decided:
        try:
            notes.update(dict.fromkeys(bonus(nominee.title.name, nominee.title.recipient, on).unconfirmed))
        except NoBonusRule as exc:
            problems[str(exc)] = None
    findings += [
        _warning(
            "link.bonus_unknown",
            f"{problem} Quyết định ghi «kèm theo tiền thưởng theo quy định», không ghi số tiền; văn thư bổ sung "
            "số tiền sau khi đối chiếu văn bản.",
            "decision", "document", "date",
        )
        for problem in problems
    ]
    findings += [
        _warning("link.bonus_unconfirmed", f"Tiền thưởng dùng {note}.", "decision", "document", "date")
        for note in notes
    ]
    return findings
