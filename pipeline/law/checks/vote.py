"""Rules of a bình xét, suy tôn vote (NĐ 98/2023/NĐ-CP, Điều 30, and the bloc's own quy chế).

The arithmetic of the counts (present + absent = total, ballots, votes ≤ valid ballots, choices ≤
seats) is the schema's (:mod:`schemas.vote`). Here: every title is in the catalogue of the day of
the meeting and named for the right recipient; the thresholds come from the packs (and say so
when no text confirms them); a tie that leaves a seat open and an absent member without a written
opinion are flagged. Pass or fail itself is a result, not a finding: :mod:`pipeline.law.votes`
computes it over the TOTAL number of members, exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.vote import Vote

from pipeline.core.errors import Finding
from pipeline.core.messages import text
from pipeline.law.rulebook import RuleSet, Threshold
from pipeline.law.votes import tally
from pipeline.law.checks.report import pack_missing, quoted, unconfirmed, warning
from pipeline.law.checks.titles import recipient_findings, unknown_title

ROOT = "vote"


def title_findings(vote: Vote, rules: RuleSet) -> list[Finding]:
    """Each voted title known on the day of the meeting, for the recipient it is given to."""
    findings = []
    for index, voted in enumerate(vote.titles):
        title = rules.title(voted.name)
        if title is None:
            findings.append(unknown_title(voted.name, rules, ROOT, ("titles", index, "name")))
        else:
            findings += recipient_findings(title, voted.recipient, ROOT, ("titles", index))
    return findings


def check_vote(vote: Vote, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    findings = pack_missing(rules, ROOT, ("start",)) or title_findings(vote, rules)
    if findings:
        return findings
    result = tally(vote, rules)
    # One warning per unconfirmed threshold, naming every title that uses it.
    unconfirmed_thresholds: dict[Threshold, list[str]] = {}
    for title in result.titles:
        if not title.threshold.confirmed:
            unconfirmed_thresholds.setdefault(title.threshold, []).append(title.name)
    findings += [
        unconfirmed(
            text("part.threshold", percent=threshold.percent, titles=quoted(names)),
            threshold.source, ROOT, ("titles",),
        )
        for threshold, names in unconfirmed_thresholds.items()
    ]
    findings += [
        warning("rule.vote.tie_undecided", ROOT, ("titles", index), note=title.note)
        for index, title in enumerate(result.titles)
        if title.note
    ]
    findings += _silent_absentees(vote, rules)
    return findings


def _silent_absentees(vote: Vote, rules: RuleSet) -> list[Finding]:
    """An absent member's opinion is to be given in writing and recorded in the minutes (B5); one
    who gave none is named, so that the minutes say it rather than hide it."""
    rule = rules.general.written_opinions
    findings = [
        warning("rule.vote.absent_without_opinion", ROOT, ("members", "absent", index), rule, name=member.name)
        for index, member in enumerate(vote.members.absent)
        if not member.written_opinion
    ]
    if findings and rule is not None and not rule.confirmed:
        findings.append(unconfirmed(text("part.written_opinions"), rule, ROOT, ("members", "absent")))
    return findings
