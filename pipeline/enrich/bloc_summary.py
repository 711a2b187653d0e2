"""Enrich a Báo cáo tổng kết thi đua of a bloc, and check it against the inputs it links.

The ranked score table is computed from the linked self-assessments (:mod:`pipeline.scoring`),
the proposals from the linked vote (:mod:`pipeline.votes`): neither is typed in the summary, so
the summary, the units' reports and the minutes cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from schemas.bloc_summary import BlocSummary, Movement
from schemas.self_assessment import SelfAssessment
from schemas.vote import Vote

from .. import awards, scoring, vnformat, votes
from ..docxpkg import CoreProperties
from ..errors import Finding
from ..nd30 import spec
from .common import core_properties, frame_context, list_lines, point_label
from .self_assessment import points, unit_name
from .vote import result_phrase

TIE_NOTE = "Đồng hạng"
ROOT = "bloc_summary"


def _assessments(linked: Mapping[str, Any]) -> list[SelfAssessment]:
    return [validated.model for validated in linked["self_assessments"]]


def _vote(linked: Mapping[str, Any]) -> Vote:
    return linked["vote"].model


# --- Cross-checks -----------------------------------------------------------------------------------


def crosscheck_bloc_summary(summary: BlocSummary, linked: Mapping[str, Any]) -> list[Finding]:
    """The summary, its units' self-assessments and its vote must speak of the same bloc, year and
    units, and the units must have scored on the same scale, or the ranking means nothing."""
    assessments = _assessments(linked)
    vote = linked["vote"].model if linked.get("vote") is not None else None
    bloc = " ".join(summary.issuer.name)
    findings = _check_assessments(summary, bloc, assessments)
    if vote is not None:
        findings += _check_vote(summary, bloc, vote, [unit_name(a) for a in assessments])
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


def _check_vote(summary: BlocSummary, bloc: str, vote: Vote, units: list[str]) -> list[Finding]:
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
        if title.receiver is not awards.Recipient.COLLECTIVE:
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


# --- The document -----------------------------------------------------------------------------------


def _movements(movements: list[Movement]) -> list[dict[str, Any]]:
    return [
        {"label": point_label(i), "name": m.name, "results": list_lines(m.results)}
        for i, m in enumerate(movements)
    ]


def ranking_rows(assessments: list[SelfAssessment]) -> list[dict[str, str]]:
    """The bloc's score table, best first; tied units share a rank and say so in the note."""
    sheets = {unit_name(a): scoring.score_sheet(a) for a in assessments}
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


def _joined(names: list[str]) -> str:
    return ", ".join(names[:-1]) + f" và {names[-1]}" if len(names) > 1 else names[0]


def proposal_lines(vote: Vote) -> list[str]:
    """One line per title voted on: who passed, with the votes over all members, or why nobody did."""
    result = votes.tally(vote)
    total = result.attendance.total
    lines = []
    for title in result.titles:
        if title.passed:
            names = [f"{c.name} ({result_phrase(c, total)})" for c in title.passed]
            lines.append(f"{title.name}: {_joined(names)}")
        elif not title.undecided:
            lines.append(f"{title.name}: không có ứng viên đạt đủ tỷ lệ phiếu đồng ý")
        if title.note:
            lines.append(title.note.removesuffix("."))
    return list_lines(lines)


def enrich_bloc_summary(summary: BlocSummary, linked: Mapping[str, Any]) -> dict[str, Any]:
    doc_type = spec.DOCUMENT_TYPES["BC"]
    assessments = _assessments(linked)
    vote = _vote(linked)
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
        "unit_count": str(len(assessments)),
        "scale": points(scoring.score_sheet(assessments[0]).max_points),
        "ranking": ranking_rows(assessments),
        "vote_date": vnformat.short_date(vote.start.date()),
        "vote_place": vote.place,
        "proposals": proposal_lines(vote),
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
