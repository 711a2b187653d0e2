"""Rules of a bloc's year-end summary against the inputs it links.

The summary, its units' self-assessments and its vote must speak of the same bloc, year and
units, and the units must have scored on the same scale, or the ranking means nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from schemas.bloc_summary import BlocSummary
from schemas.self_assessment import SelfAssessment
from schemas.vote import Vote

from pipeline.law import scoring
from pipeline.core import vnformat
from pipeline.law.enrich.self_assessment import points, unit_name
from pipeline.core.errors import Finding
from pipeline.law.rulebook import Recipient, RuleSet
from pipeline.law.votes import recipient_of

ROOT = "bloc_summary"


def check_bloc_summary(summary: BlocSummary, linked: Mapping[str, Any], rules: RuleSet) -> list[Finding]:
    """The summary against its units' self-assessments and its vote (tallied under the rules of the
    day of the meeting)."""
    assessments = [validated.model for validated in linked["self_assessments"]]
    bloc = " ".join(summary.issuer.name)
    findings = _check_assessments(summary, bloc, assessments)
    vote_input = linked["vote"]
    findings += _check_vote(summary, bloc, vote_input.model, vote_input.rules, [unit_name(a) for a in assessments])
    return findings


def _link_finding(code: str, field: str, message: str) -> Finding:
    return Finding(f"link.{code}", message, path=f"{ROOT}.{field}")


def _check_assessments(summary: BlocSummary, bloc: str, assessments: list[SelfAssessment]) -> list[Finding]:
    findings = []
    for a in assessments:
        if a.year != summary.year:
            findings.append(_link_finding(
                "year_mismatch", "self_assessments",
                f"Báo cáo tự đánh giá của «{unit_name(a)}» là của năm {a.year}, khác năm tổng kết "
                f"(year: {summary.year}).",
            ))
        if a.bloc != bloc:
            findings.append(_link_finding(
                "bloc_mismatch", "self_assessments",
                f"Báo cáo tự đánh giá của «{unit_name(a)}» ghi Khối «{a.bloc}», khác tên Khối ban hành báo cáo "
                f"tổng kết («{bloc}»).",
            ))
    for name, count in Counter(unit_name(a) for a in assessments).items():
        if count > 1:
            findings.append(_link_finding(
                "unit_repeated", "self_assessments",
                f"Có {count} báo cáo tự đánh giá của «{name}»; mỗi đơn vị chỉ được một báo cáo.",
            ))
    findings += _check_scales(assessments)
    return findings


def _check_scales(assessments: list[SelfAssessment]) -> list[Finding]:
    if not assessments:
        return []
    first, *others = assessments
    scale = scoring.score_sheet(first).max_points
    findings = []
    for a in others:
        theirs = scoring.score_sheet(a).max_points
        if theirs != scale:
            findings.append(_link_finding(
                "scale_mismatch", "self_assessments",
                f"Bảng điểm của «{unit_name(a)}» có tổng điểm tối đa {points(theirs)}, khác {points(scale)} của "
                f"«{unit_name(first)}»: các đơn vị phải chấm trên cùng một thang điểm thì mới xếp hạng được.",
            ))
    return findings


def _check_vote(summary: BlocSummary, bloc: str, vote: Vote, vote_rules: RuleSet, units: list[str]) -> list[Finding]:
    findings = []
    if vote.year != summary.year:
        findings.append(_link_finding(
            "year_mismatch", "vote",
            f"Biên bản bình xét là của năm {vote.year}, khác năm tổng kết (year: {summary.year}).",
        ))
    voter = " ".join(vote.issuer.name)
    if voter != bloc:
        findings.append(_link_finding(
            "bloc_mismatch", "vote",
            f"Biên bản bình xét do «{voter}» lập, khác Khối ban hành báo cáo tổng kết («{bloc}»).",
        ))
    if summary.document.date < vote.start.date():
        findings.append(_link_finding(
            "before_vote", "document.date",
            f"Ngày báo cáo tổng kết ({vnformat.short_date(summary.document.date)}) trước ngày họp bình xét "
            f"({vnformat.short_date(vote.start.date())}): báo cáo nêu kết quả suy tôn nên lập từ ngày họp trở đi.",
        ))
    findings += _check_members(vote, units)
    for title in vote.titles:
        if recipient_of(title, vote_rules) is not Recipient.COLLECTIVE:
            continue
        for candidate in title.candidates:
            if candidate.name not in units:
                findings.append(_link_finding(
                    "unknown_candidate", "vote",
                    f"«{candidate.name}» được bỏ phiếu cho «{title.name}» trong biên bản bình xét nhưng không có "
                    "báo cáo tự đánh giá nào của đơn vị này.",
                ))
    return findings


def _check_members(vote: Vote, units: list[str]) -> list[Finding]:
    """Every member of the bloc reports, and only members: the ranking covers the whole bloc."""
    if isinstance(vote.members.present, int):
        if vote.members.total == len(units):
            return []
        return [_link_finding(
            "member_count", "self_assessments",
            f"Biên bản bình xét ghi Khối có {vote.members.total} thành viên, nhưng có {len(units)} báo cáo tự đánh "
            "giá.",
        )]
    members = [*vote.members.present, *(m.name for m in vote.members.absent)]
    missing = [_link_finding(
        "member_missing", "self_assessments",
        f"Thành viên «{name}» của Khối (theo biên bản bình xét) chưa có báo cáo tự đánh giá.",
    ) for name in members if name not in units]
    extra = [_link_finding(
        "not_member", "self_assessments",
        f"«{name}» có báo cáo tự đánh giá nhưng không có tên trong thành phần Khối ở biên bản bình xét.",
    ) for name in units if name not in members]
    return missing + extra
