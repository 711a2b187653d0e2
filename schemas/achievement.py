"""Báo cáo thành tích: the inputs of ``hoso render achievement_collective`` and ``achievement_individual``.

The sections follow the báo cáo thành tích forms as widely reproduced from the decrees before
NĐ 152/2025: a collective reports I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH, II. THÀNH TÍCH
ĐẠT ĐƯỢC, III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG; an individual I. SƠ LƯỢC LÝ LỊCH, II. THÀNH TÍCH
ĐẠT ĐƯỢC, III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG. The NĐ 152/2025 appendix could not be read: its
numbering of these forms (Mẫu số 05 = cá nhân is the only number confirmed) and its exact headings
are UNCONFIRMED, so no form number is printed or validated here.

Both print as a BÁO CÁO whose trích yếu hoso writes ("Thành tích đề nghị tặng Cờ thi đua của Chính
phủ năm 2016"): the NĐ 30 frame has no type "BÁO CÁO THÀNH TÍCH", and the award is data, not a
second subject a clerk could let drift from it.

The award history (mục III) is entered in any order: hoso prints it chronologically (by year,
then decision date), so a clerk appends this year's row at the end of the list. What the order
cannot fix is checked: no year after the report, no decision dated after the report or before the
year it rewards, decision references written "123/QĐ-UBND", no title twice in one year.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails

from pipeline.core.messages import schema_error

from schemas.common import (
    DocumentNumber,
    Issuer,
    Line,
    Model,
    Signer,
    custom_error,
    raise_each,
    reports_achievements_of,
    year_fits_date,
)
from schemas.record import Disciplines, PendingCases, Ratings, RecognisedInitiative
from schemas.self_assessment import TargetResult

# A decision's number and symbol: number, optional year (older normative style "12/2016/QĐ-UBND"),
# then "QĐ" and the issuer's abbreviation groups joined by hyphens, no spaces (NĐ 30/2020, Phụ lục I,
# Phần II, mục 3). Groups start with a capital or a digit; "TTg" keeps its lower-case letters.
_DECISION_NUMBER = re.compile(r"^\d{1,6}(/\d{4})?/QĐ(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$")


def _decision_number(value: str) -> str:
    if not _DECISION_NUMBER.match(value):
        raise schema_error("schema.achievement.decision_number", value=value)
    return value


DecisionNumber = Annotated[str, AfterValidator(_decision_number)]

# Each syllable of a Vietnamese name starts with a capital and continues in lower case; parts joined
# by an apostrophe or a hyphen (H'Hen Niê) are checked one by one.
_NAME_PARTS = re.compile(r"['’-]")


def _person_name(value: str) -> str:
    parts = [part for word in value.split() for part in _NAME_PARTS.split(word)]
    if "." in value or not all(part and part[0].isupper() and part[1:] == part[1:].lower() for part in parts):
        raise schema_error("schema.person.name_form", name=value)
    return value


PersonName = Annotated[Line, Field(max_length=100), AfterValidator(_person_name)]
"""A person's full name as the forms ask for it: written out, in normal case."""


class IssueInfo(Model):
    """Số và ngày của văn bản; trích yếu do hoso viết từ dữ liệu (danh hiệu đề nghị, năm)."""

    number: DocumentNumber | None = Field(
        None,
        description="Số văn bản. Để trống khi là dự thảo: văn thư ghi số sau khi ký (Điều 15 NĐ 30/2020).",
    )
    date: datetime.date = Field(description="Ngày ký văn bản, dạng YYYY-MM-DD.")


class Decision(Model):
    """Quyết định công nhận danh hiệu hoặc khen thưởng."""

    number: DecisionNumber = Field(description="Số, ký hiệu quyết định, ví dụ: 123/QĐ-UBND.")
    date: datetime.date = Field(description="Ngày ký quyết định, dạng YYYY-MM-DD.")
    issuer: Line = Field(max_length=200, description="Cơ quan ban hành quyết định, ví dụ: UBND tỉnh Thái Nguyên.")


class AwardRecord(Model):
    """Một dòng của bảng danh hiệu thi đua hoặc hình thức khen thưởng đã được nhận."""

    year: int = Field(ge=1945, le=2100, description="Năm đạt danh hiệu hoặc được khen thưởng.")
    title: Line = Field(
        max_length=300,
        description="Danh hiệu thi đua hoặc hình thức khen thưởng, ví dụ: Tập thể lao động xuất sắc.",
    )
    decision: Decision

    @model_validator(mode="after")
    def _decided_after_the_year(self) -> AwardRecord:
        # A title for year N is recognised at the end of N or later; a decision from before N
        # cannot reward it, so one of the two was mistyped.
        if self.decision.date.year < self.year:
            raise schema_error(
                "schema.achievement.decision_before_year", decided=self.decision.date.strftime("%d/%m/%Y"),
                year=self.year,
            )
        return self


AwardHistory = Annotated[
    list[AwardRecord],
    Field(
        default_factory=list,
        max_length=200,
        description="Các dòng của bảng, theo thứ tự bất kỳ: hoso tự sắp xếp theo năm, rồi theo ngày quyết định.",
    ),
]


def _history_errors(records: list[AwardRecord], report_date: datetime.date) -> list[InitErrorDetails]:
    """Rows dated after the report: by their year, else by their decision."""
    errors: list[InitErrorDetails] = []
    reported = report_date.strftime("%d/%m/%Y")
    for index, record in enumerate(records):
        if record.year > report_date.year:
            errors.append(custom_error(
                (index, "year"), record.year, "schema.achievement.future_year", year=record.year, reported=reported,
            ))
        elif record.decision.date > report_date:
            # Only when the year is plausible: a future year already explains a future decision.
            errors.append(custom_error(
                (index, "decision", "date"), record.decision.date.isoformat(), "schema.achievement.future_decision",
                decided=record.decision.date.strftime("%d/%m/%Y"), reported=reported,
            ))
    return errors


def _duplicate_title_errors(records: list[AwardRecord]) -> list[InitErrorDetails]:
    # A danh hiệu thi đua is given once a year; a second row is a copy-paste slip. (Two Bằng khen
    # in one year are two awards, so hình thức khen thưởng are not checked.)
    seen: dict[tuple[int, str], int] = {}
    errors: list[InitErrorDetails] = []
    for index, record in enumerate(records):
        key = (record.year, record.title.casefold())
        if key in seen:
            errors.append(custom_error(
                (index,), record.title, "schema.achievement.duplicate_title", title=record.title, year=record.year,
                first=seen[key] + 1,
            ))
        else:
            seen[key] = index
    return errors


class _Report(Model):
    """What both báo cáo thành tích share: issuer, date, the award proposed and the history."""

    issuer: Issuer = Field(description="Cơ quan, đơn vị lập báo cáo (in ở góc trên bên trái).")
    document: IssueInfo
    proposed_award: Line = Field(
        max_length=200,
        description="Danh hiệu hoặc hình thức khen thưởng đề nghị, ví dụ: Cờ thi đua của Chính phủ. hoso tự viết "
        "trích yếu «Thành tích đề nghị tặng … năm …».",
    )
    year: int = Field(ge=2000, le=2100, description="Năm có thành tích được đề nghị khen thưởng.")
    emulation_titles: AwardHistory
    commendations: AwardHistory
    # The nominee's record the eligibility rules read (pipeline.law.checks.eligibility); not printed.
    ratings: Ratings
    discipline: Disciplines
    pending_cases: PendingCases
    signer: Signer = Field(description="Thủ trưởng đơn vị ký, đóng dấu.")
    certifier: Signer | None = Field(
        None,
        description="Người ký xác nhận của cấp trình khen thưởng; để trống thì hoso chừa chỗ để cấp trên ký.",
    )

    @field_validator("year")
    @classmethod
    def _year_matches_report(cls, year: int, info: ValidationInfo) -> int:
        return year_fits_date(year, info, reports_achievements_of, "schema.achievement.year_mismatch")

    @field_validator("emulation_titles", "commendations")
    @classmethod
    def _history_consistent(cls, records: list[AwardRecord], info: ValidationInfo) -> list[AwardRecord]:
        # A field validator, not a model validator: it runs even when other fields have errors,
        # so a clerk sees the problems of the history in the same pass.
        document = info.data.get("document")
        errors = _history_errors(records, document.date) if document is not None else []
        if info.field_name == "emulation_titles":
            errors += _duplicate_title_errors(records)
        raise_each(cls.__name__, errors)
        return records


# --- Collective ----------------------------------------------------------------------------------
class StaffGroup(Model):
    """Một nhóm nhân sự của đơn vị."""

    group: Line = Field(max_length=200, description="Tên nhóm, ví dụ: Công chức, viên chức; Lao động hợp đồng.")
    count: int = Field(ge=0, description="Số người của nhóm.")


class Organisation(Model):
    """Tổ chức bộ máy: mô tả và, nếu có, số người theo nhóm (hoso tự cộng tổng số)."""

    paragraphs: list[Line] = Field(min_length=1, description="Các đoạn mô tả lãnh đạo, phòng ban, đơn vị trực thuộc.")
    staff: list[StaffGroup] = Field(
        default_factory=list,
        description="Số người theo từng nhóm; không ghi tổng số: hoso tự cộng.",
    )


class Results(Model):
    """1. Kết quả thực hiện nhiệm vụ: các đoạn văn và, nếu có, bảng chỉ tiêu."""

    paragraphs: list[Line] = Field(min_length=1, description="Các đoạn văn về kết quả thực hiện nhiệm vụ.")
    table: list[TargetResult] = Field(
        default_factory=list,
        description="Bảng chỉ tiêu: mức đăng ký và mức đạt được; tỷ lệ hoàn thành do hoso tính (không bắt buộc).",
    )


class CollectiveAchievement(_Report):
    """Báo cáo thành tích của tập thể (số hiệu mẫu và đề mục theo phụ lục NĐ 152/2025 chưa được đối chiếu)."""

    kind: Literal["achievement_collective"] = Field(
        "achievement_collective", description="Loại dữ liệu: achievement_collective (báo cáo thành tích của tập thể)."
    )
    nominee: Line | None = Field(
        None,
        max_length=300,
        description="Tên tập thể đề nghị khen thưởng, ghi đầy đủ, không viết tắt; để trống khi chính là cơ quan "
        "lập báo cáo.",
    )
    characteristics: list[Line] = Field(
        min_length=1,
        description="I.1. Đặc điểm, tình hình: trụ sở, quá trình thành lập và phát triển, điều kiện hoạt động.",
    )
    functions: list[Line] = Field(min_length=1, description="I.2. Chức năng, nhiệm vụ được giao.")
    organisation: Organisation = Field(description="I.3. Tổ chức bộ máy.")
    results: Results = Field(description="II.1. Kết quả thực hiện nhiệm vụ so với kế hoạch.")
    measures: list[Line] = Field(
        min_length=1,
        description="II.2. Biện pháp, nguyên nhân đạt được thành tích; các phong trào thi đua đã áp dụng.",
    )
    policy_compliance: list[Line] = Field(
        min_length=1,
        description="II.3. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước.",
    )
    party_and_mass_organisations: list[Line] = Field(
        min_length=1, description="II.4. Hoạt động của tổ chức đảng, đoàn thể."
    )


# --- Individual ----------------------------------------------------------------------------------
class Person(Model):
    """I. Sơ lược lý lịch của cá nhân."""

    full_name: PersonName = Field(description="Họ và tên, ghi đầy đủ bằng chữ thường, không viết tắt.")
    date_of_birth: datetime.date = Field(description="Ngày sinh, dạng YYYY-MM-DD.")
    gender: Literal["Nam", "Nữ"] = Field(description="Giới tính: Nam hoặc Nữ.")
    hometown: Line = Field(max_length=200, description="Quê quán.")
    residence: Line = Field(max_length=200, description="Trú quán (nơi ở hiện nay).")
    workplace: Line = Field(max_length=300, description="Đơn vị công tác.")
    position: Line = Field(max_length=300, description="Chức vụ (Đảng, chính quyền, đoàn thể).")
    qualification: Line = Field(max_length=300, description="Trình độ chuyên môn, nghiệp vụ.")
    academic_titles: Line | None = Field(
        None, max_length=300, description="Học hàm, học vị, danh hiệu, giải thưởng (nếu có)."
    )


class IndividualAchievement(_Report):
    """Báo cáo thành tích của cá nhân (Mẫu số 05 NĐ 152/2025 theo nguồn thứ cấp; đề mục chưa được đối chiếu)."""

    kind: Literal["achievement_individual"] = Field(
        "achievement_individual", description="Loại dữ liệu: achievement_individual (báo cáo thành tích của cá nhân)."
    )
    person: Person
    duties: list[Line] = Field(min_length=1, description="II.1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận.")
    achievements: list[Line] = Field(min_length=1, description="II.2. Thành tích đạt được.")
    initiatives: list[RecognisedInitiative] = Field(
        default_factory=list, description="Sáng kiến, giải pháp, đề tài đã được công nhận (in trong mục II.2)."
    )

    @field_validator("person")
    @classmethod
    def _born_before_report(cls, person: Person, info: ValidationInfo) -> Person:
        document = info.data.get("document")
        if document is not None and person.date_of_birth >= document.date:
            raise_each(cls.__name__, [custom_error(
                ("date_of_birth",), person.date_of_birth.isoformat(), "schema.achievement.born_after_report",
                born=person.date_of_birth.strftime("%d/%m/%Y"), reported=document.date.strftime("%d/%m/%Y"),
            )])
        return person

    @model_validator(mode="after")
    def _awards_after_birth(self) -> IndividualAchievement:
        # The history is declared before the person, so only the whole model sees both.
        born = self.person.date_of_birth
        raise_each(type(self).__name__, [
            *_before_birth_errors("emulation_titles", self.emulation_titles, born),
            *_before_birth_errors("commendations", self.commendations, born),
        ])
        return self


def _before_birth_errors(field: str, records: list[AwardRecord], born: datetime.date) -> list[InitErrorDetails]:
    return [
        custom_error(
            (field, index, "year"), record.year, "schema.achievement.before_birth", year=record.year,
            born=born.strftime("%d/%m/%Y"),
        )
        for index, record in enumerate(records)
        if record.year < born.year
    ]

