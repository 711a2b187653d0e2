"""Cuộc họp bình xét, suy tôn cuối năm của một Khối (Cụm) thi đua hoặc một Hội đồng Thi đua - Khen
thưởng: the input of ``hoso render vote`` (Biên bản họp and Biên bản kiểm phiếu).

The data holds what happened and what was counted: who sat, who was absent and whether they sent
a written opinion, the ballots, the "đồng ý" votes of each candidate. Shares, pass or fail, ranks
and seats are never typed: :mod:`pipeline.law.votes` computes them over the TOTAL number of members
(NĐ 98/2023/NĐ-CP Điều 30 khoản 7), so the minutes, the tờ trình and the decision print the same.

A written opinion of an absent member is not a ballot handed out: ballots are issued to the members
present only, and the minutes record the written opinions beside them (NĐ 98/2023/NĐ-CP Điều 30
khoản 7: absent members give their opinion in writing, recorded in the minutes). The "đồng ý" of
a candidate counts the ballots and the written opinions that agree, so a share over all members
can reach the threshold although somebody was absent.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails

from pipeline.core.messages import schema_error

from schemas.common import (
    DocumentNumber, Issuer, Line, ListItem, LocalTime, Model, Recipients, custom_error, labelled, raise_each,
)

Body = Annotated[
    Literal["bloc", "council"],
    labelled({"bloc": "Khối, Cụm thi đua (suy tôn)", "council": "Hội đồng Thi đua - Khen thưởng"}),
]
RecipientName = Literal["tập thể", "cá nhân"]


def _repeated(names: list[str]) -> list[str]:
    # One count over the list: a 5 000-candidate vote is read in the time of a 500 one times ten.
    return sorted(name for name, count in Counter(names).items() if count > 1)


def _quoted(names: list[str]) -> str:
    return ", ".join(f"«{name}»" for name in names)


def _time(moment: datetime.datetime) -> str:
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


class MinutesInfo(Model):
    """Số và trích yếu của biên bản (biên bản không có dòng địa danh, ngày tháng – Mẫu 1.9, NĐ 30/2020)."""

    number: DocumentNumber | None = Field(
        None, description="Số biên bản. Để trống khi là dự thảo: văn thư ghi số sau khi ký."
    )
    subject: Line = Field(
        max_length=300,
        description="Tên cuộc họp in dưới chữ BIÊN BẢN, ví dụ: Họp bình xét, suy tôn danh hiệu thi đua, "
        "hình thức khen thưởng năm 2016.",
    )


class Person(Model):
    """Một người: họ tên và chức vụ."""

    name: Line = Field(description="Họ và tên, viết đầy đủ.")
    position: Line = Field(description="Chức vụ, đơn vị công tác, ví dụ: Phó Giám đốc Sở Y tế.")


class AbsentMember(Model):
    """Một thành viên vắng mặt."""

    name: Line = Field(description="Tên thành viên (đơn vị hoặc người) vắng mặt.")
    written_opinion: bool = Field(
        description="Đã gửi ý kiến bằng văn bản hay chưa (true/false); ý kiến bằng văn bản được tính như một "
        "phiếu và phải ghi vào biên bản (NĐ 98/2023/NĐ-CP Điều 30 khoản 7).",
    )
    reason: Line | None = Field(None, description="Lý do vắng mặt (nếu có), ví dụ: đi công tác.")


class Members(Model):
    """Thành phần: tổng số thành viên, người có mặt, người vắng mặt."""

    total: int = Field(ge=1, description="Tổng số thành viên của Khối (Hội đồng), kể cả người vắng mặt.")
    present: int | list[Line] = Field(
        description="Thành viên có mặt: danh sách tên (mỗi mục một thành viên), hoặc chỉ số người có mặt."
    )
    absent: list[AbsentMember] = Field(default_factory=list, description="Các thành viên vắng mặt (nếu có).")

    @property
    def present_count(self) -> int:
        return self.present if isinstance(self.present, int) else len(self.present)

    @property
    def written_opinions(self) -> int:
        return sum(member.written_opinion for member in self.absent)

    @model_validator(mode="after")
    def _counts_add_up(self) -> Members:
        if self.present_count + len(self.absent) != self.total:
            raise schema_error(
                "schema.vote.members_mismatch", present=self.present_count, absent=len(self.absent),
                sum=self.present_count + len(self.absent), total=self.total,
            )
        names = ([] if isinstance(self.present, int) else list(self.present)) + [m.name for m in self.absent]
        if _repeated(names):
            raise schema_error("schema.vote.member_repeated", names=_quoted(_repeated(names)))
        return self


class Ballots(Model):
    """Số phiếu: phát ra, thu về, hợp lệ, không hợp lệ."""

    issued: int = Field(
        ge=0,
        description="Số phiếu phát ra cho thành viên có mặt; ý kiến bằng văn bản của thành viên vắng mặt không phải "
        "phiếu phát ra (ghi ở members.absent, hoso ghi riêng vào biên bản).",
    )
    returned: int = Field(ge=0, description="Số phiếu thu về.")
    valid: int = Field(ge=0, description="Số phiếu hợp lệ.")
    invalid: int = Field(ge=0, description="Số phiếu không hợp lệ.")

    @model_validator(mode="after")
    def _counts_add_up(self) -> Ballots:
        if self.returned > self.issued:
            raise schema_error("schema.vote.returned_above_issued", returned=self.returned, issued=self.issued)
        if self.valid + self.invalid != self.returned:
            raise schema_error(
                "schema.vote.ballots_mismatch", valid=self.valid, invalid=self.invalid,
                sum=self.valid + self.invalid, returned=self.returned,
            )
        return self


class Counting(Model):
    """Ban kiểm phiếu, thời gian kiểm phiếu và số phiếu (Biên bản kiểm phiếu)."""

    number: DocumentNumber | None = Field(
        None, description="Số của Biên bản kiểm phiếu. Để trống khi là dự thảo: văn thư ghi số sau khi ký."
    )
    start: LocalTime = Field(description="Giờ bắt đầu kiểm phiếu, dạng YYYY-MM-DD HH:MM.")
    end: LocalTime = Field(description="Giờ kiểm phiếu xong, dạng YYYY-MM-DD HH:MM.")
    head: Person = Field(description="Trưởng ban kiểm phiếu.")
    # The vote-count minutes are signed by the head and each member: two side by side and one
    # centred below is as many as the countersigned tail of the frame holds.
    members: list[Person] = Field(
        min_length=1, max_length=2, description="Các thành viên Ban kiểm phiếu ngoài Trưởng ban (một hoặc hai người)."
    )
    ballots: Ballots

    @model_validator(mode="after")
    def _end_after_start(self) -> Counting:
        if self.end <= self.start:
            raise schema_error("schema.vote.counting_order", end=_time(self.end), start=_time(self.start))
        return self


class Candidate(Model):
    """Một ứng viên và số phiếu «đồng ý» (tỷ lệ do hoso tính trên tổng số thành viên)."""

    name: Line = Field(description="Tên tập thể hoặc họ tên cá nhân, viết đúng như sẽ in trong tờ trình, quyết định.")
    votes: int = Field(ge=0, description="Số phiếu «đồng ý» (kể cả ý kiến đồng ý bằng văn bản).")


class TitleVote(Model):
    """Một danh hiệu thi đua, hình thức khen thưởng được bình xét: số suất và các ứng viên."""

    # Whether the name is in the catalogue, and for whom, depends on the rules in force on the day of
    # the meeting: the rules stage checks it (pipeline.law.checks.titles), not the schema.
    name: Line = Field(description="Tên danh hiệu, hình thức khen thưởng, đúng như trong danh mục của hoso.")
    recipient: RecipientName | None = Field(
        None,
        description="tập thể hoặc cá nhân; chỉ cần ghi khi hình thức khen thưởng dành cho cả hai (ví dụ Bằng khen).",
    )
    seats: int = Field(ge=1, description="Số suất được đề nghị (số tập thể, cá nhân nhiều nhất được chọn).")
    candidates: list[Candidate] = Field(min_length=1, description="Các ứng viên và số phiếu đồng ý của từng người.")

    @model_validator(mode="after")
    def _candidates_once(self) -> TitleVote:
        repeated = _repeated([candidate.name for candidate in self.candidates])
        if repeated:
            raise schema_error("schema.vote.candidate_repeated", name=self.name, names=_quoted(repeated))
        return self


class Vote(Model):
    """Cuộc họp bình xét, suy tôn danh hiệu thi đua, hình thức khen thưởng cuối năm."""

    kind: Literal["vote"] = Field("vote", description="Loại dữ liệu: vote (họp bình xét, suy tôn, có bỏ phiếu).")
    body: Body = Field(
        description="Ai họp: bloc (Khối, Cụm thi đua suy tôn) hoặc council (Hội đồng Thi đua - Khen thưởng); "
        "quyết định ngưỡng tỷ lệ phiếu được áp dụng.",
    )
    issuer: Issuer
    document: MinutesInfo
    recipients: Recipients
    start: LocalTime = Field(description="Thời gian bắt đầu cuộc họp, dạng YYYY-MM-DD HH:MM.")
    end: LocalTime = Field(description="Thời gian kết thúc cuộc họp, dạng YYYY-MM-DD HH:MM.")
    place: Line = Field(description="Địa điểm họp, ví dụ: Sở Văn hóa, Thể thao và Du lịch.")
    # After start: its validator compares the two.
    year: int = Field(ge=2000, le=2100, description="Năm thi đua được bình xét.")
    chair: Person = Field(description="Chủ trì (chủ tọa) cuộc họp.")
    secretary: Person = Field(description="Thư ký (người ghi biên bản).")
    members: Members
    agenda: list[ListItem] = Field(min_length=1, description="Nội dung cuộc họp, theo thứ tự diễn ra.")
    counting: Counting
    titles: list[TitleVote] = Field(min_length=1, description="Các danh hiệu, hình thức khen thưởng được bỏ phiếu.")
    conclusions: list[ListItem] = Field(
        default_factory=list,
        description="Các kết luận khác của cuộc họp (kết quả bình xét do hoso tính từ số phiếu, không ghi ở đây).",
    )

    @field_validator("year")
    @classmethod
    def _year_matches_meeting(cls, year: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if start is not None and start.year not in (year, year + 1):
            raise schema_error("schema.vote.year_mismatch", year=year, start=_time(start))
        return year

    # Field validators, not one model validator: each runs as soon as the fields it compares are
    # valid, so a clerk sees every inconsistency at once, each at its own path, even when another
    # part of the file is wrong too.
    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, end: datetime.datetime, info: ValidationInfo) -> datetime.datetime:
        start = info.data.get("start")
        if start is not None and end <= start:
            raise schema_error("schema.vote.meeting_order", end=_time(end), start=_time(start))
        return end

    @field_validator("counting")
    @classmethod
    def _counted_in_the_meeting_by_its_voters(cls, counting: Counting, info: ValidationInfo) -> Counting:
        errors = []
        start, end, members = info.data.get("start"), info.data.get("end"), info.data.get("members")
        if start is not None and end is not None and (counting.start < start or counting.end > end):
            errors.append(custom_error(
                (), counting, "schema.vote.counting_outside_meeting", counting_start=_time(counting.start),
                counting_end=_time(counting.end), start=_time(start), end=_time(end),
            ))
        if members is not None and counting.ballots.issued > members.present_count:
            errors.append(custom_error(
                ("ballots", "issued"), counting.ballots.issued, "schema.vote.issued_above_voters",
                issued=counting.ballots.issued, present=members.present_count,
            ))
        raise_each(cls.__name__, errors)
        return counting

    @field_validator("titles")
    @classmethod
    def _titles_fit_the_ballots(cls, titles: list[TitleVote], info: ValidationInfo) -> list[TitleVote]:
        errors = []
        repeated = _repeated([title.name for title in titles])
        if repeated:
            errors.append(custom_error((), titles, "schema.vote.title_repeated", names=_quoted(repeated)))
        # What was cast is the valid ballots and the written opinions: unknown while the members
        # are wrong (reported at members), so the votes are compared only once both are valid.
        counting, members = info.data.get("counting"), info.data.get("members")
        if counting is not None and members is not None:
            for i, title in enumerate(titles):
                errors += _ballot_errors(i, title, counting.ballots.valid, members.written_opinions)
        raise_each(cls.__name__, errors)
        return titles


def _ballot_errors(i: int, title: TitleVote, valid: int, written: int) -> list[InitErrorDetails]:
    """The "đồng ý" of a title against what was cast: the valid ballots and the written opinions of
    absent members (each agrees with at most as many candidates as there are seats)."""
    cast = valid + written
    extra = {"written": written} if written else {}
    above = "schema.vote.votes_above_valid/written" if written else "schema.vote.votes_above_valid"
    errors = [
        custom_error(
            (i, "candidates", j, "votes"), candidate.votes, above,
            candidate=candidate.name, i=i, j=j, votes=candidate.votes, valid=valid, **extra,
        )
        for j, candidate in enumerate(title.candidates)
        if candidate.votes > cast
    ]
    chosen = sum(candidate.votes for candidate in title.candidates)
    if chosen > title.seats * cast:
        key = "schema.vote.choices_above_seats/written" if written else "schema.vote.choices_above_seats"
        errors.append(custom_error(
            (i, "seats"), title.seats, key, name=title.name, i=i, chosen=chosen, seats=title.seats, valid=valid,
            **extra,
        ))
    return errors

