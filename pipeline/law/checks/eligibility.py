"""Eligibility from a nominee's record (Luật Thi đua, khen thưởng 2022 and its decrees; each requirement cites its article in the packs): the requirements a title carries in the
packs, and the rules for every title (no proposal under discipline or investigation, one form for
one achievement).

Every input that proposes someone (a báo cáo thành tích, a unit's nominee list) is turned into
:class:`Record` values: what the rules read, whatever the input's shape. A requirement that is
not met is a finding at the path of the proposal, with the article it comes from; one whose data
is missing says what is missing (a warning: hoso does not guess); one resting on an unconfirmed
or an alternative ground is a warning that says so.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from schemas import rule_pack as spec
from schemas.record import Discipline, Rating, Scope, at_least, reaches_scope

from pipeline.core import vnformat
from pipeline.core.errors import Finding
from pipeline.core.messages import text
from pipeline.stages.load import Loc
from pipeline.law.rulebook import Recipient, Requirement, RuleSet, Title
from pipeline.law.checks.report import breach, error, quoted, warning
from pipeline.law.checks.titles import as_warning, unknown_title


@dataclass(frozen=True)
class Members:
    """What is known of a collective's members in the proposal year; None where it is not."""

    total: int | None
    completing: int | None = None
    disciplined: int | None = None
    titled: Mapping[str, int] | None = None
    """How many members hold each title in the year (counted from a list, never typed)."""


@dataclass(frozen=True)
class Proposal:
    title: str
    loc: Loc


@dataclass(frozen=True)
class Record:
    """One nominee as the rules read it."""

    name: str
    recipient: Recipient
    year: int
    date: datetime.date
    loc: Loc
    proposals: tuple[Proposal, ...]
    history: Mapping[int, frozenset[str]]
    ratings: Mapping[int, Rating]
    initiatives: tuple[tuple[int, Scope], ...]  # (year recognised, scope)
    discipline: tuple[Discipline, ...] = ()
    pending: tuple[str, ...] = ()
    members: Members | None = None

    def holds(self, title: str, year: int) -> bool:
        """Received ``title`` for ``year``, or proposed for it now."""
        proposed = year == self.year and any(p.title == title for p in self.proposals)
        return proposed or title in self.history.get(year, frozenset())


@dataclass(frozen=True)
class _Outcome:
    """A requirement's verdict: met (both None), not met (``failure``) or not checkable (``missing``)."""

    failure: str | None = None
    missing: str | None = None


def _percent(part: int, whole: int) -> str:
    return vnformat.percent(part, whole)


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


# --- One check per requirement kind -------------------------------------------------------------------
def _rating(record: Record, req: spec.RatingRequirement) -> _Outcome:
    rating = record.ratings.get(record.year)
    if rating is None:
        return _Outcome(missing=f"chưa ghi xếp loại năm {record.year} (ratings)")
    if not at_least(rating, req.at_least):
        return _Outcome(f"xếp loại năm {record.year} là «{rating}», chưa đạt «{req.at_least}» trở lên")
    return _Outcome()


def _has_initiative(record: Record, scope: Scope) -> bool:
    return any(year == record.year and reaches_scope(s, scope) for year, s in record.initiatives)


def _initiative(record: Record, req: spec.InitiativeRequirement) -> _Outcome:
    if _has_initiative(record, req.scope):
        return _Outcome()
    return _Outcome(f"không có sáng kiến, đề tài được công nhận năm {record.year} với phạm vi ảnh hưởng từ "
                    f"{req.scope} trở lên")


def _rating_or_initiative(record: Record, req: spec.RatingOrInitiativeRequirement) -> _Outcome:
    if _has_initiative(record, req.scope):
        return _Outcome()
    rating = record.ratings.get(record.year)
    if rating is None:
        return _Outcome(missing=f"chưa ghi xếp loại năm {record.year} (ratings) và không có sáng kiến được công nhận")
    if at_least(rating, req.at_least):
        return _Outcome()
    return _Outcome(f"năm {record.year} xếp loại «{rating}», không phải «{req.at_least}», và không có sáng kiến, "
                    f"đề tài được công nhận (phạm vi từ {req.scope} trở lên)")


def _same_year_title(record: Record, req: spec.SameYearTitleRequirement) -> _Outcome:
    if record.holds(req.title, record.year):
        return _Outcome()
    return _Outcome(f"chưa đạt, cũng không được đề nghị «{req.title}» năm {record.year}")


def _consecutive(record: Record, req: spec.ConsecutiveTitlesRequirement) -> _Outcome:
    years = list(range(record.year - req.years + 1, record.year + 1))
    missing = [y for y in years if not record.holds(req.title, y)]
    if not missing:
        return _Outcome()
    return _Outcome(f"chưa đạt «{req.title}» {req.years} năm liên tục ({_years(years)}): thiếu năm {_years(missing)}")


def _long_record(record: Record, req: spec.LongRecordRequirement) -> _Outcome:
    years = list(range(record.year - req.years + 1, record.year + 1))
    unmet = []
    if not any(p in titles for titles in record.history.values() for p in req.prior):
        unmet.append(f"chưa có {' hoặc '.join(f'«{p}»' for p in req.prior)}")
    unrated = [y for y in years if y not in record.ratings]
    low = [y for y in years if y in record.ratings and not at_least(record.ratings[y], req.at_least)]
    if low:
        unmet.append(f"năm {_years(low)} xếp loại dưới «{req.at_least}»")
    held = sum(record.holds(req.title, y) for y in years)
    if held < req.count:
        unmet.append(f"đạt «{req.title}» {held} lần trong {req.years} năm, cần {req.count} lần")
    if unmet:
        return _Outcome("; ".join(unmet) + f" (các năm {years[0]}–{years[-1]})")
    if unrated:
        return _Outcome(missing=f"chưa ghi xếp loại năm {_years(unrated)} (ratings)")
    return _Outcome()


def _member_share(record: Record, req: spec.MemberShareRequirement) -> _Outcome:
    members = record.members
    if members is None or members.total is None or members.titled is None:
        return _Outcome(missing=f"chưa có số thành viên và số thành viên đạt «{req.title}»")
    part, whole = members.titled.get(req.title, 0), members.total
    exact = Decimal(part * 100)
    met = exact >= req.percent * whole if req.comparison == "at_least" else exact > req.percent * whole
    if met:
        return _Outcome()
    bound = "từ" if req.comparison == "at_least" else "trên"
    share = vnformat.percent_value(req.percent)
    return _Outcome(f"{part}/{whole} thành viên ({_percent(part, whole)}) đạt «{req.title}», cần {bound} {share}")


def _members_complete(record: Record, req: spec.MembersCompleteRequirement) -> _Outcome:
    members = record.members
    if members is None or members.total is None or members.completing is None:
        return _Outcome(missing="chưa có số thành viên hoàn thành nhiệm vụ (members_completing)")
    if Decimal(members.completing * 100) >= req.percent * members.total:
        return _Outcome()
    return _Outcome(f"{members.completing}/{members.total} thành viên ({_percent(members.completing, members.total)}) "
                    f"hoàn thành nhiệm vụ trở lên, cần từ {vnformat.percent_value(req.percent)}")


def _member_count(record: Record, req: spec.MemberCountRequirement) -> _Outcome:
    members = record.members
    if members is None or members.titled is None:
        return _Outcome(missing=f"chưa có số thành viên đạt «{req.title}»")
    count = members.titled.get(req.title, 0)
    if count >= req.at_least:
        return _Outcome()
    return _Outcome(f"có {count} thành viên đạt «{req.title}», cần ít nhất {req.at_least}")


def _no_member_discipline(record: Record, req: spec.NoMemberDisciplineRequirement) -> _Outcome:
    members = record.members
    if members is None or members.disciplined is None:
        return _Outcome(missing="chưa có số thành viên bị kỷ luật từ cảnh cáo trở lên (members_disciplined)")
    if members.disciplined == 0:
        return _Outcome()
    return _Outcome(f"có {members.disciplined} thành viên bị kỷ luật từ cảnh cáo trở lên trong năm {record.year}")


# Each check takes the requirement model of its own ``rule`` (the discriminator picks it).
_CHECKS: dict[str, Callable[[Record, Any], _Outcome]] = {
    "rating": _rating,
    "initiative": _initiative,
    "rating_or_initiative": _rating_or_initiative,
    "same_year_title": _same_year_title,
    "consecutive_titles": _consecutive,
    "long_record": _long_record,
    "member_share": _member_share,
    "members_complete": _members_complete,
    "member_count": _member_count,
    "no_member_discipline": _no_member_discipline,
}
# The finding code of each check not met.
_BREACHES: dict[str, str] = {
    "rating": "rule.eligibility.rating",
    "initiative": "rule.eligibility.initiative",
    "rating_or_initiative": "rule.eligibility.rating_or_initiative",
    "same_year_title": "rule.eligibility.same_year_title",
    "consecutive_titles": "rule.eligibility.consecutive_titles",
    "long_record": "rule.eligibility.long_record",
    "member_share": "rule.eligibility.member_share",
    "members_complete": "rule.eligibility.members_complete",
    "member_count": "rule.eligibility.member_count",
    "no_member_discipline": "rule.eligibility.no_member_discipline",
}


# --- A nominee ----------------------------------------------------------------------------------------
def _requirement(record: Record, title: Title, requirement: Requirement, root: str, loc: Loc) -> list[Finding]:
    spec_ = requirement.spec
    if spec_.recipient is not None and Recipient(spec_.recipient) is not record.recipient:
        return []
    outcome = _CHECKS[spec_.rule](record, spec_)
    who = text("part.eligibility.who", name=record.name, title=title.name, year=record.year)
    if outcome.missing:
        return [warning(
            "rule.eligibility.missing_data", root, loc, requirement.source, who=who, missing=outcome.missing,
        )]
    if outcome.failure:
        return [breach(
            _BREACHES[spec_.rule], root, loc, requirement.source,
            alternative=spec_.alternative, who=who, failure=outcome.failure,
        )]
    return []


def _general(record: Record, titles: list[Title], rules: RuleSet, root: str) -> list[Finding]:
    """The rules of every title, once per nominee."""
    findings = []
    start, end = datetime.date(record.year, 1, 1), datetime.date(record.year, 12, 31)
    source = rules.general.no_discipline
    if source is not None:
        for index, d in enumerate(record.discipline):
            loc = (*record.loc, "discipline", index)
            period = f"{d.level}, từ {vnformat.short_date(d.start)} đến {vnformat.short_date(d.end)}"
            if d.start <= record.date <= d.end:
                findings.append(breach(
                    "rule.eligibility.disciplined", root, loc, source, name=record.name, period=period,
                ))
            elif d.start <= end and d.end >= start:
                findings.append(warning(
                    "rule.eligibility.disciplined_in_year", root, loc, source,
                    name=record.name, year=record.year, period=period,
                ))
    source = rules.general.no_pending_case
    if source is not None:
        findings += [
            breach(
                "rule.eligibility.pending_case", root, (*record.loc, "pending_cases", index), source,
                name=record.name, case=case,
            )
            for index, case in enumerate(record.pending)
        ]
    source = rules.general.one_form_per_achievement
    forms = [t.name for t in titles if t.category == "commendation"]
    if source is not None and len(forms) > 1:
        findings.append(breach(
            "rule.eligibility.several_forms", root, record.loc, source,
            name=record.name, year=record.year, forms=quoted(forms),
        ))
    return findings


def check(record: Record, rules: RuleSet, root: str, *, outside_catalogue: bool = False) -> list[Finding]:
    """Every rule for one nominee. ``outside_catalogue``: the input may propose a form the packs do not
    know (a Huân chương in a báo cáo thành tích), reported as a warning instead of an error."""
    findings: list[Finding] = []
    known: list[Title] = []
    for proposal in record.proposals:
        title = rules.title(proposal.title)
        if title is None:
            unknown = unknown_title(proposal.title, rules, root, proposal.loc)
            findings.append(as_warning(unknown) if outside_catalogue else unknown)
            continue
        if record.recipient not in title.recipients:
            findings.append(error(
                "rule.title.recipient_not_allowed/named", root, proposal.loc,
                title=title.name, allowed=title.recipients[0].value, recipient=record.recipient.value, name=record.name,
            ))
            continue
        known.append(title)
        source = rules.general.one_form_per_achievement
        if source is not None and title.name in record.history.get(record.year, frozenset()):
            findings.append(breach(
                "rule.eligibility.already_awarded", root, proposal.loc, source,
                name=record.name, title=title.name, year=record.year,
            ))
        for requirement in title.requirements:
            findings += _requirement(record, title, requirement, root, proposal.loc)
    return findings + _general(record, known, rules, root)
