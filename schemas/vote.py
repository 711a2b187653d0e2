"""Cuộc họp bình xét, suy tôn cuối năm của một Khối (Cụm) thi đua hoặc một Hội đồng Thi đua - Khen
thưởng: the input of ``hoso render vote`` (Biên bản họp and Biên bản kiểm phiếu).

The data holds what happened and what was counted: who sat, who was absent and whether they sent
a written opinion, the ballots, the "đồng ý" votes of each candidate. Shares, pass or fail, ranks
and seats are never typed: :mod:`pipeline.law.votes` computes them over the TOTAL number of members
(NĐ 98/2023/NĐ-CP Điều 30 khoản 7), so the minutes, the tờ trình and the decision print the same.

Written opinions of absent members count as ballots: the counting committee receives each one as
a ballot, so ballots issued may reach the members present plus the written opinions, and a share
over all members can reach the threshold although somebody was absent.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from schemas.common import Issuer, Line, ListItem, Model, Recipients, custom_error, raise_each

Body = Literal["bloc", "council"]
RecipientName = Literal["tập thể", "cá nhân"]


def _repeated(names: list[str]) -> list[str]:
    return sorted({name for name in names if names.count(name) > 1})


def _quoted(names: list[str]) -> str:
    return ", ".join(f"«{name}»" for name in names)


def _time(moment: datetime.datetime) -> str:
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


class MinutesInfo(Model):
    """Số và trích yếu của biên bản (biên bản không có dòng địa danh, ngày tháng – Mẫu 1.9, NĐ 30/2020)."""

    number: int | None = Field(
        None, ge=1, description="Số biên bản. Để trống khi là dự thảo: văn thư ghi số sau khi ký."
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
            raise PydanticCustomError(
                "vote.members_mismatch",
                "Số thành viên có mặt (present: {present}) cộng số thành viên vắng mặt (absent: {absent}) là "
                "{sum}, khác tổng số thành viên (total: {total}).",
                {
                    "present": self.present_count,
                    "absent": len(self.absent),
                    "sum": self.present_count + len(self.absent),
                    "total": self.total,
                },
            )
        names = ([] if isinstance(self.present, int) else list(self.present)) + [m.name for m in self.absent]
        if _repeated(names):
            raise PydanticCustomError(
                "vote.member_repeated",
                "Thành viên ghi hơn một lần trong danh sách có mặt (present) và vắng mặt (absent): {names}.",
                {"names": _quoted(_repeated(names))},
            )
        return self


class Ballots(Model):
    """Số phiếu: phát ra, thu về, hợp lệ, không hợp lệ."""

    issued: int = Field(ge=0, description="Số phiếu phát ra (kể cả ý kiến bằng văn bản của thành viên vắng mặt).")
    returned: int = Field(ge=0, description="Số phiếu thu về.")
    valid: int = Field(ge=0, description="Số phiếu hợp lệ.")
    invalid: int = Field(ge=0, description="Số phiếu không hợp lệ.")

    @model_validator(mode="after")
    def _counts_add_up(self) -> Ballots:
        if self.returned > self.issued:
            raise PydanticCustomError(
                "vote.returned_above_issued",
                "Số phiếu thu về (returned: {returned}) lớn hơn số phiếu phát ra (issued: {issued}).",
                {"returned": self.returned, "issued": self.issued},
            )
        if self.valid + self.invalid != self.returned:
            raise PydanticCustomError(
                "vote.ballots_mismatch",
                "Số phiếu hợp lệ (valid: {valid}) cộng số phiếu không hợp lệ (invalid: {invalid}) là {sum}, khác "
                "số phiếu thu về (returned: {returned}).",
                {"valid": self.valid, "invalid": self.invalid, "sum": self.valid + self.invalid,
                 "returned": self.returned},
            )
        return self


class Counting(Model):
    """Ban kiểm phiếu, thời gian kiểm phiếu và số phiếu (Biên bản kiểm phiếu)."""

    number: int | None = Field(
        None, ge=1, description="Số của Biên bản kiểm phiếu. Để trống khi là dự thảo: văn thư ghi số sau khi ký."
    )
    start: datetime.datetime = Field(description="Giờ bắt đầu kiểm phiếu, dạng YYYY-MM-DD HH:MM.")
    end: datetime.datetime = Field(description="Giờ kiểm phiếu xong, dạng YYYY-MM-DD HH:MM.")
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
            raise PydanticCustomError(
                "vote.counting_order",
                "Giờ kiểm phiếu xong (end: {end}) phải sau giờ bắt đầu kiểm phiếu (start: {start}).",
                {"end": _time(self.end), "start": _time(self.start)},
            )
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
            raise PydanticCustomError(
                "vote.candidate_repeated",
                "Ứng viên ghi hơn một lần trong danh hiệu «{name}»: {names}.",
                {"name": self.name, "names": _quoted(repeated)},
            )
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
    start: datetime.datetime = Field(description="Thời gian bắt đầu cuộc họp, dạng YYYY-MM-DD HH:MM.")
    end: datetime.datetime = Field(description="Thời gian kết thúc cuộc họp, dạng YYYY-MM-DD HH:MM.")
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
            raise PydanticCustomError(
                "vote.year_mismatch",
                "Năm thi đua (year: {year}) không khớp thời gian họp (start: {start}): cuộc họp bình xét diễn ra "
                "cuối năm đó hoặc đầu năm sau.",
                {"year": year, "start": _time(start)},
            )
        return year

    # Field validators, not one model validator: each runs as soon as the fields it compares are
    # valid, so a clerk sees every inconsistency at once, each at its own path, even when another
    # part of the file is wrong too.
    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, end: datetime.datetime, info: ValidationInfo) -> datetime.datetime:
        start = info.data.get("start")
        if start is not None and end <= start:
            raise PydanticCustomError(
                "vote.meeting_order",
                "Thời gian kết thúc cuộc họp (end: {end}) phải sau thời gian bắt đầu (start: {start}).",
                {"end": _time(end), "start": _time(start)},
            )
        return end

    @field_validator("counting")
    @classmethod
    def _counted_in_the_meeting_by_its_voters(cls, counting: Counting, info: ValidationInfo) -> Counting:
        errors = []
        start, end, members = info.data.get("start"), info.data.get("end"), info.data.get("members")
        if start is not None and end is not None and (counting.start < start or counting.end > end):
            errors.append(custom_error(
                (), counting, "vote.counting_outside_meeting",
                "Thời gian kiểm phiếu (counting.start: {counting_start}, counting.end: {counting_end}) phải nằm "
                "trong thời gian họp (start: {start}, end: {end}).",
                {"counting_start": _time(counting.start), "counting_end": _time(counting.end),
                 "start": _time(start), "end": _time(end)},
            ))
        if members is not None and counting.ballots.issued > members.present_count + members.written_opinions:
            errors.append(custom_error(
                ("ballots", "issued"), counting.ballots.issued, "vote.issued_above_voters",
                "Số phiếu phát ra (counting.ballots.issued: {issued}) lớn hơn số thành viên có mặt "
                "(members.present: {present}) cộng số ý kiến bằng văn bản (members.absent: {written}).",
                {"issued": counting.ballots.issued, "present": members.present_count,
                 "written": members.written_opinions},
            ))
        raise_each(cls.__name__, errors)
        return counting

    @field_validator("titles")
    @classmethod
    def _titles_fit_the_ballots(cls, titles: list[TitleVote], info: ValidationInfo) -> list[TitleVote]:
        errors = []
        repeated = _repeated([title.name for title in titles])
        if repeated:
            errors.append(custom_error(
                (), titles, "vote.title_repeated",
                "Danh hiệu ghi hơn một lần trong titles: {names}; gộp các ứng viên vào một mục.",
                {"names": _quoted(repeated)},
            ))
        counting = info.data.get("counting")
        if counting is not None:
            for i, title in enumerate(titles):
                errors += _ballot_errors(i, title, counting.ballots.valid)
        raise_each(cls.__name__, errors)
        return titles


def _ballot_errors(i: int, title: TitleVote, valid: int) -> list[InitErrorDetails]:
    errors = [
        custom_error(
            (i, "candidates", j, "votes"), candidate.votes, "vote.votes_above_valid",
            "Số phiếu đồng ý của «{candidate}» (titles[{i}].candidates[{j}].votes: {votes}) lớn hơn số phiếu "
            "hợp lệ (counting.ballots.valid: {valid}).",
            {"candidate": candidate.name, "i": i, "j": j, "votes": candidate.votes, "valid": valid},
        )
        for j, candidate in enumerate(title.candidates)
        if candidate.votes > valid
    ]
    # A ballot agrees with at most as many candidates as there are seats; more makes it invalid.
    chosen = sum(candidate.votes for candidate in title.candidates)
    if chosen > title.seats * valid:
        errors.append(custom_error(
            (i, "seats"), title.seats, "vote.choices_above_seats",
            "Tổng số phiếu đồng ý của các ứng viên «{name}» (titles[{i}]: {chosen}) lớn hơn số suất "
            "(titles[{i}].seats: {seats}) nhân số phiếu hợp lệ (counting.ballots.valid: {valid}): mỗi phiếu "
            "chỉ được đồng ý nhiều nhất {seats} ứng viên.",
            {"name": title.name, "i": i, "chosen": chosen, "seats": title.seats, "valid": valid},
        ))
    return errors

