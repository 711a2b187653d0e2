"""Rules of the dossier sent up and of the decision that comes back.

The tờ trình proposes exactly the candidates who passed in its linked vote (tallied under the
rules of the day of the meeting), after the meeting, and before the deadline a local pack sets.
The decision awards what its authority decides under the rules of the day it is signed, with the
bonus of that day; every unconfirmed number it prints is named.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.decision import Decision
from schemas.nomination import Nomination

from pipeline.core import vnformat
from pipeline.law.bonus import NoBonusRule, bonus
from pipeline.law.awards import DECIDING_AUTHORITY, decided, nominees
from pipeline.core.errors import Finding
from pipeline.core.messages import text
from pipeline.law.rulebook import RuleSet, Source
from pipeline.law.votes import VoteResult, tally
from pipeline.law.checks.report import error, pack_missing, quoted, unconfirmed_uses, warning
from pipeline.law.checks.titles import unknown_title


def _known_here(result: VoteResult, rules: RuleSet, root: str) -> list[Finding]:
    """Titles that passed at the meeting must exist under the rules of this later document."""
    return [
        unknown_title(title.name, rules, root, ("vote" if root == "nomination" else "nomination",))
        for title in result.titles
        if title.passed and rules.title(title.name) is None
    ]


def _authority_uses(result: VoteResult, rules: RuleSet) -> list[tuple[str, Source]]:
    """Who decides each proposed title, one entry per source (the wording and the decision rely on it)."""
    by_source: dict[Source, list[str]] = {}
    for title in result.titles:
        if title.passed:
            decider = rules.titles[title.name].decided_by
            by_source.setdefault(decider.source, []).append(f"«{title.name}» ({decider.authority.value})")
    return [(text("part.authority", titles=", ".join(names)), source) for source, names in by_source.items()]


# --- nomination -------------------------------------------------------------------------------------
def check_nomination(nomination: Nomination, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    """The tờ trình against its vote: a decided result, a summary for exactly the nominees, on time."""
    root = "nomination"
    vote_input = linked["vote"]
    vote = vote_input.model
    result = tally(vote, vote_input.rules)
    findings = pack_missing(rules, root, ("document", "date")) or _known_here(result, rules, root)
    if findings:
        return findings
    if nomination.document.date < vote.start.date():
        findings.append(error(
            "link.nomination_before_vote", root, ("document", "date"),
            day=vnformat.short_date(nomination.document.date), meeting=vnformat.short_date(vote.start.date()),
        ))
    undecided = [title for title in result.titles if title.undecided]
    findings += [error("link.tie_undecided", root, ("vote",), note=title.note) for title in undecided]
    names = [n.candidate.name for n in nominees(result)]
    if not names and not undecided:
        findings.append(error("link.no_nominee", root, ("vote",)))
    # A tied candidate may still be proposed once the tie is settled: its summary is not an error.
    allowed = {*names, *(c.name for title in undecided for c in title.tied)}
    findings += [
        error("link.unknown_nominee", root, ("achievements", name), name=name, names=quoted(names))
        for name in nomination.achievements
        if name not in allowed
    ]
    missing = [name for name in names if name not in nomination.achievements]
    if missing:
        findings.append(error("link.achievement_missing", root, ("achievements",), names=quoted(missing)))
    findings += _deadlines(nomination, vote.year, result, rules)
    findings += unconfirmed_uses(_authority_uses(result, rules), root, ("vote",))
    return findings


def _deadlines(nomination: Nomination, year: int, result: VoteResult, rules: RuleSet) -> list[Finding]:
    """A local pack's deadline for the tờ trình of the emulation year, for the titles it proposes."""
    proposed = {title.name for title in result.titles if title.passed}
    findings = []
    for deadline in rules.deadlines:
        if deadline.document != "nomination" or (deadline.titles and not proposed & set(deadline.titles)):
            continue
        due = deadline.for_year(year)
        if nomination.document.date > due:
            findings.append(warning(
                "rule.deadline.late", "nomination", ("document", "date"), deadline.source,
                day=vnformat.short_date(nomination.document.date), year=year, due=vnformat.short_date(due),
                pack=deadline.source.origin,
            ))
    return findings


# --- decision ---------------------------------------------------------------------------------------
def check_decision(decision: Decision, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    """The decision against its tờ trình: something to decide, a known bonus for each award."""
    root = "decision"
    nomination_input = linked["nomination"]
    nomination: Nomination = nomination_input.model
    vote_input = nomination_input.linked["vote"]
    result = tally(vote_input.model, vote_input.rules)
    findings = pack_missing(rules, root, ("document", "date")) or _known_here(result, rules, root)
    if findings:
        return findings
    on = decision.document.date
    if on < nomination.document.date:
        findings.append(error(
            "link.decision_before_nomination", root, ("document", "date"),
            day=vnformat.short_date(on), nomination=vnformat.short_date(nomination.document.date),
        ))
    chosen = decided(result, rules)
    if not chosen:
        findings.append(error("link.nothing_to_decide", root, ("nomination",), authority=DECIDING_AUTHORITY.value))
    # One finding per distinct problem, however many nominees share it.
    problems: dict[str, None] = {}
    uses = _authority_uses(result, rules)
    # The bonus depends on the title and recipient only: asked once per title, not per awardee.
    for name, recipient in dict.fromkeys((n.title.name, n.title.recipient) for n in chosen):
        try:
            uses += bonus(name, recipient, rules).unconfirmed()
        except NoBonusRule as exc:
            problems[str(exc)] = None
    findings += [
        warning("rule.bonus.unknown", root, ("document", "date"), problem=problem)
        for problem in problems
    ]
    findings += unconfirmed_uses(uses, root, ("document", "date"))
    return findings
