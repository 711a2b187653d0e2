"""Enrich a Tờ trình đề nghị khen thưởng (PL3 Mẫu 1.4 with Kính gửi) and its nominee list
(a landscape appendix): the nominees and their results come from the linked vote."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.nomination import Nomination
from schemas.vote import Vote

from pipeline.core import vnformat
from pipeline.docx.package import CoreProperties
from pipeline.law.awards import nominees
from pipeline.nd30 import spec
from pipeline.law.rulebook import Authority, RuleSet
from pipeline.law.votes import TitleResult, VoteResult, tally
from pipeline.law.enrich.common import (
    appendix_context,
    attached_reference,
    core_properties,
    header_context,
    kept_cells,
    list_lines,
    signature_context,
)
from pipeline.law.enrich.vote import meeting_words, result_phrase

TTR = spec.DOCUMENT_TYPES["TTr"]
BB = spec.DOCUMENT_TYPES["BB"]


def minutes_basis(vote: Vote) -> str:
    """The căn cứ naming the minutes by số, ký hiệu and date (the meeting's, as minutes carry no
    date line – PL3 Mẫu 1.9): ``Biên bản số 13/BB-KTĐVHXH ngày 20/12/2016 của Khối … về việc họp …``."""
    subject = vote.document.subject
    cited = vnformat.citation("Biên bản", vote.document.number, BB.abbreviation, vote.issuer.abbreviation,
                              vote.start.date())
    return f"{cited} của {' '.join(vote.issuer.name)} về việc {subject[0].lower()}{subject[1:]}"


def meeting_sentence(vote: Vote, result: VoteResult) -> str:
    a = result.attendance
    absent = ""
    if a.written_opinions:
        absent += f", {vnformat.count_text(a.written_opinions)} thành viên vắng mặt có ý kiến bằng văn bản"
    if a.silent_absentees:
        absent += f", {vnformat.count_text(len(a.silent_absentees))} thành viên vắng mặt không có ý kiến bằng văn bản"
    return (
        f"Ngày {vnformat.short_date(vote.start.date())}, {' '.join(vote.issuer.name)} đã họp {meeting_words(vote)} "
        f"với {vnformat.count_text(a.present)}/{vnformat.count_text(a.total)} thành viên có mặt{absent}. Kết quả bỏ phiếu kín, tỷ lệ "
        f"tính trên tổng số {vnformat.count_text(a.total)} thành viên, như sau:"
    )


def nominee_count(title: TitleResult) -> str:
    """``01 tập thể``: how many a title proposes; the list's rows for the title are as many."""
    return f"{vnformat.count_text(len(title.passed))} {title.recipient.value}"


def request_item(title: TitleResult, rules: RuleSet) -> str:
    """What the tờ trình asks the Chủ tịch UBND tỉnh: to award, or to propose to the Prime Minister
    (who decides: the rules in force on the tờ trình's date)."""
    decider = rules.titles[title.name].decided_by.authority
    verb = "Xem xét, trình Thủ tướng Chính phủ tặng" if decider is Authority.PRIME_MINISTER else "Tặng"
    return f"{verb} {title.name} cho {nominee_count(title)}"


def enrich_nomination(nomination: Nomination, linked: Mapping[str, Any], rules: RuleSet) -> dict[str, Any]:
    vote_input = linked["vote"]
    vote: Vote = vote_input.model
    result = tally(vote, vote_input.rules)
    total = result.attendance.total
    proposed = [title for title in result.titles if title.passed]
    issuer_name = " ".join(nomination.issuer.name)
    body = {
        "overview": list(nomination.overview),
        "meeting": meeting_sentence(vote, result),
        "titles": [
            {
                "label": f"{i + 1}.",
                "heading": f"{title.name}: {nominee_count(title)}",
                "lines": list_lines([f"{c.name}: {result_phrase(c, total)}" for c in title.passed]),
            }
            for i, title in enumerate(proposed)
        ],
        "issuer_name": issuer_name,
        "requests": list_lines([request_item(title, rules) for title in proposed]),
        "attachments": list_lines(nomination.attachments),
        "addressee": nomination.recipients.addressees[0],
        "rows": kept_cells([
            {
                "no": str(i + 1),
                "name": n.candidate.name,
                "title": n.title.name,
                "votes": result_phrase(n.candidate, total),
                "achievement": nomination.achievements[n.candidate.name],
            }
            for i, n in enumerate(nominees(result))
        ], "name", "title", "votes", "achievement"),
    }
    bases = [*nomination.legal_bases, minutes_basis(vote)]
    doc = nomination.document
    frame = {
        **header_context(TTR, nomination.issuer, doc, bases, nomination.recipients.addressees),
        **signature_context(nomination.signer, nomination.recipients),
        **appendix_context(
            [f"Danh sách đề nghị khen thưởng năm {vote.year}"],
            attached_reference(TTR, nomination.issuer, doc, of=issuer_name),
        ),
    }
    return {"frame": frame, "nomination": body}


def nomination_core(nomination: Nomination, linked: Mapping[str, Any]) -> CoreProperties:
    return core_properties(nomination.issuer, nomination.document)
