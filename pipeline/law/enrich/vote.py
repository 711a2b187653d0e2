"""Enrich a vote: the Biên bản họp bình xét, suy tôn (PL3 Mẫu 1.9) and the Biên bản kiểm phiếu.

Every share and result line is written here once (:func:`votes_text`, :func:`candidate_rows`,
:func:`result_phrase`) and reused by the tờ trình and the decision, so
the same candidate reads the same in every document of the dossier.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.common import DocumentInfo
from schemas.vote import Person, Vote

from pipeline.core import vnformat
from pipeline.docx.package import CoreProperties
from pipeline.nd30 import spec
from pipeline.law.rulebook import RuleSet
from pipeline.law.votes import Attendance, CandidateResult, TitleResult, VoteResult, tally, votes_needed
from pipeline.law.enrich.common import (
    SignatureBlock,
    core_properties,
    countersignature_context,
    header_context,
    kept_cells,
    list_lines,
    point_label,
)

BB = spec.DOCUMENT_TYPES["BB"]


def meeting_words(vote: Vote) -> str:
    """What the meeting did: a bloc "bình xét, suy tôn" among its members, the word of the blocs'
    quy chế for choosing whom it proposes; a council (Hội đồng Thi đua - Khen thưởng) "bình xét"
    the proposals it receives and suy tôn no one."""
    return "bình xét, suy tôn" if vote.body == "bloc" else "bình xét"


def _wording(vote: Vote) -> dict[str, str]:
    """The sentences of the minutes that differ between a bloc and a council."""
    if vote.body == "bloc":
        return {
            "ballot_heading": "Bỏ phiếu kín bình xét, suy tôn",
            "outcome_intro": "Căn cứ kết quả kiểm phiếu, cuộc họp thống nhất suy tôn, đề nghị khen thưởng:",
            "meeting": "cuộc họp bình xét, suy tôn danh hiệu thi đua, hình thức khen thưởng",
        }
    return {
        "ballot_heading": "Bỏ phiếu kín bình xét danh hiệu thi đua, hình thức khen thưởng",
        "outcome_intro": "Căn cứ kết quả kiểm phiếu, Hội đồng thống nhất đề nghị khen thưởng:",
        "meeting": "cuộc họp Hội đồng bình xét danh hiệu thi đua, hình thức khen thưởng",
    }


def person(p: Person) -> str:
    return f"{p.name}, {p.position}"


def votes_text(votes: int, total: int) -> str:
    """``08/10``: "đồng ý" votes over the total number of members."""
    return f"{vnformat.count_text(votes)}/{vnformat.count_text(total)}"


def result_phrase(candidate: CandidateResult, total: int) -> str:
    """``08/10 phiếu đồng ý, tỷ lệ 80,00%``: the same words in the minutes, the tờ trình and its list."""
    return f"{votes_text(candidate.votes, total)} phiếu đồng ý, tỷ lệ {candidate.share}"


def threshold_phrase(title: TitleResult, total: int) -> str:
    share = vnformat.percent_value(title.threshold.share * 100)
    needed = votes_needed(total, title.threshold)
    return f"đạt khi được từ {share} tổng số thành viên đồng ý ({votes_text(needed, total)} phiếu) trở lên"


def candidate_rows(title: TitleResult, total: int) -> list[dict[str, str]]:
    return [
        {
            "no": str(i + 1),
            "name": c.name,
            "votes": votes_text(c.votes, total),
            "share": c.share,
            "outcome": vnformat.upper_vi(c.outcome.value[0]) + c.outcome.value[1:],
        }
        for i, c in enumerate(title.candidates)
    ]


def title_blocks(result: VoteResult) -> list[dict[str, Any]]:
    """One block per title: heading, seats and threshold, the ballot table rows, the tie note."""
    total = result.attendance.total
    return [
        {
            "label": point_label(i),
            "name": title.name,
            "detail": f"{vnformat.count_text(title.seats)} suất; {threshold_phrase(title, total)}",
            "rows": kept_cells(candidate_rows(title, total), "name"),
            "note": title.note or "",
        }
        for i, title in enumerate(result.titles)
    ]


def outcome_items(result: VoteResult) -> list[str]:
    """Who each title goes to, as the conclusion of the minutes states it."""
    items = []
    for title in result.titles:
        names = [f"{c.name} ({result_phrase(c, result.attendance.total)})" for c in title.passed]
        if title.undecided:
            names.append("suất còn lại chưa xác định do bằng phiếu")
        items.append(f"{title.name}: {', '.join(names) if names else 'không có ứng viên đạt'}")
    return items


def attendance_line(attendance: Attendance) -> str:
    """``tổng số 10 thành viên, có mặt 09, vắng mặt 01 (01 có ý kiến bằng văn bản).``"""
    absent = f"vắng mặt {vnformat.count_text(attendance.absent)}"
    if attendance.absent:
        absent += f" ({vnformat.count_text(attendance.written_opinions)} có ý kiến bằng văn bản)"
    return f"tổng số {vnformat.count_text(attendance.total)} thành viên, có mặt {vnformat.count_text(attendance.present)}, {absent}."


def ballots_line(vote: Vote) -> str:
    """``Số phiếu phát ra: 09; … số phiếu không hợp lệ: 0; ý kiến bằng văn bản của thành viên vắng
    mặt: 01.`` Ballots go to the members present; an absent member's written opinion is recorded
    beside them, not as a ballot handed out (NĐ 98/2023/NĐ-CP Điều 30 khoản 7)."""
    b = vote.counting.ballots
    line = (
        f"Số phiếu phát ra: {vnformat.count_text(b.issued)}; số phiếu thu về: {vnformat.count_text(b.returned)}; số phiếu hợp lệ: "
        f"{vnformat.count_text(b.valid)}; số phiếu không hợp lệ: {vnformat.count_text(b.invalid)}"
    )
    written = vote.members.written_opinions
    if written:
        line += f"; ý kiến bằng văn bản của thành viên vắng mặt: {vnformat.count_text(written)}"
    return line + "."


def absent_items(vote: Vote) -> list[str]:
    items = []
    for member in vote.members.absent:
        reason = f" ({member.reason})" if member.reason else ""
        opinion = "có ý kiến bằng văn bản" if member.written_opinion else "không có ý kiến bằng văn bản"
        items.append(f"{member.name}{reason}: {opinion}")
    return items


def silent_note(attendance: Attendance) -> str:
    """The flag the minutes print when an absent member sent no written opinion (NĐ 98/2023/NĐ-CP, Điều 30)."""
    if not attendance.silent_absentees:
        return ""
    names = ", ".join(attendance.silent_absentees)
    return f"Thành viên vắng mặt không gửi ý kiến bằng văn bản, không được tính phiếu: {names}."


def minutes_document(vote: Vote) -> DocumentInfo:
    """The minutes' number and subject; the date is the meeting's (a biên bản prints no date line)."""
    return DocumentInfo(number=vote.document.number, date=vote.start.date(), subject=vote.document.subject)


def counting_document(vote: Vote) -> DocumentInfo:
    subject = f"Kiểm phiếu {meeting_words(vote)} danh hiệu thi đua, hình thức khen thưởng năm {vote.year}"
    return DocumentInfo(number=vote.counting.number, date=vote.counting.start.date(), subject=subject)


def _common(vote: Vote, result: VoteResult) -> dict[str, Any]:
    return {
        "issuer_name": " ".join(vote.issuer.name),
        "year": str(vote.year),
        "place": vote.place,
        "attendance": attendance_line(result.attendance),
        "ballots": ballots_line(vote),
        "titles": title_blocks(result),
        **_wording(vote),
    }


def enrich_minutes(vote: Vote, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    result = tally(vote, rules)
    names = [] if isinstance(vote.members.present, int) else list(vote.members.present)
    body = {
        **_common(vote, result),
        "start": vnformat.clock(vote.start),
        "end": vnformat.clock(vote.end),
        "present": list_lines(names),
        "absent": list_lines(absent_items(vote)),
        "silent_note": silent_note(result.attendance),
        "chair": person(vote.chair),
        "secretary": person(vote.secretary),
        "agenda": list_lines(vote.agenda),
        "committee": list_lines(committee_items(vote)),
        "outcomes": list_lines(outcome_items(result)),
        "conclusions": list_lines(vote.conclusions),
    }
    frame = {
        **header_context(BB, vote.issuer, minutes_document(vote)),
        **countersignature_context(
            [SignatureBlock(["Thư ký"], vote.secretary.name), SignatureBlock(["Chủ tọa"], vote.chair.name)],
            vote.recipients,
        ),
    }
    return {"frame": frame, "vote": body}


def committee_items(vote: Vote) -> list[str]:
    committee = vote.counting
    return [f"{person(committee.head)} – Trưởng ban"] + [f"{person(m)} – thành viên" for m in committee.members]


def enrich_counting(vote: Vote, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    result = tally(vote, rules)
    counting = vote.counting
    body = {
        **_common(vote, result),
        "start": vnformat.clock(counting.start),
        "end": vnformat.clock(counting.end),
        "committee": list_lines(committee_items(vote)),
    }
    # Two members side by side, the head on the right; a second member centred below.
    first, *others = counting.members
    blocks = [SignatureBlock(["Thành viên"], first.name), SignatureBlock(["Trưởng ban kiểm phiếu"], counting.head.name)]
    blocks += [SignatureBlock(["Thành viên"], member.name) for member in others]
    frame = {
        **header_context(BB, vote.issuer, counting_document(vote)),
        **countersignature_context(blocks, vote.recipients),
    }
    return {"frame": frame, "counting": body}


def minutes_core(vote: Vote, linked: Mapping[str, Any]) -> CoreProperties:
    return core_properties(vote.issuer, minutes_document(vote))


def counting_core(vote: Vote, linked: Mapping[str, Any]) -> CoreProperties:
    return core_properties(vote.issuer, counting_document(vote))
