"""Bản đăng ký thi đua: the input of ``hoso render registration``.

A member unit answers the bloc's plan (the blocs' practice: at the start of the year each unit registers
the titles it aims for and signs the covenant) and sends its registration to the bloc head. It
lists the titles the unit registers for itself, the individuals per title, the targets and the
commitments. Per title a clerk gives either the names (hoso counts them) or, when the names are not
known yet, only the number of people: never both, since a count next to its list is a total typed
by hand that can disagree with it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails

from pipeline.core.messages import schema_error

from schemas.achievement import IssueInfo, PersonName
from schemas.common import (
    Issuer,
    Line,
    ListItem,
    Model,
    Recipients,
    Signer,
    custom_error,
    planned_for,
    raise_each,
    year_fits_date,
)
from schemas.plan import Target


class IndividualTitle(Model):
    """Một danh hiệu đăng ký cho cá nhân: danh sách họ tên hoặc số người."""

    title: Line = Field(max_length=200, description="Danh hiệu, ví dụ: Lao động tiên tiến, Chiến sĩ thi đua cơ sở.")
    names: list[PersonName] = Field(
        default_factory=list,
        max_length=2000,
        description="Họ và tên từng người đăng ký; hoso tự đếm số người. Bỏ trống nếu chỉ ghi số người (count).",
    )
    count: int | None = Field(
        None, ge=1, description="Số người đăng ký, chỉ ghi khi chưa có danh sách họ tên (names)."
    )

    @model_validator(mode="after")
    def _names_or_count(self) -> IndividualTitle:
        if self.names and self.count is not None:
            raise schema_error("schema.registration.count_and_names", title=self.title)
        if not self.names and self.count is None:
            raise schema_error("schema.registration.count_missing", title=self.title)
        return self


class Registration(Model):
    """Bản đăng ký thi đua năm của một đơn vị thành viên, gửi đơn vị Trưởng khối."""

    kind: Literal["registration"] = Field(
        "registration", description="Loại dữ liệu: registration (bản đăng ký thi đua)."
    )
    issuer: Issuer = Field(description="Đơn vị đăng ký.")
    document: IssueInfo
    recipients: Recipients = Field(description="Kính gửi (đơn vị Trưởng khối) và nơi nhận.")
    year: int = Field(ge=2000, le=2100, description="Năm thi đua.")
    plan_reference: Line = Field(
        max_length=400,
        description="Kế hoạch được thực hiện, ghi như trong văn bản, ví dụ: Kế hoạch số 01/KH-KTĐVHXH ngày "
        "15/02/2016 của Khối thi đua các cơ quan Văn hóa - Xã hội.",
    )
    collective_titles: list[ListItem] = Field(
        min_length=1, description="Danh hiệu thi đua, hình thức khen thưởng đơn vị đăng ký cho tập thể."
    )
    individual_titles: list[IndividualTitle] = Field(
        min_length=1, description="Danh hiệu đăng ký cho cá nhân, mỗi danh hiệu một mục."
    )
    targets: list[Target] = Field(min_length=1, description="Các chỉ tiêu thi đua đơn vị đăng ký phấn đấu đạt.")
    commitments: list[ListItem] = Field(min_length=1, description="Nội dung cam kết thi đua.")
    signer: Signer = Field(description="Thủ trưởng đơn vị ký.")

    @field_validator("year")
    @classmethod
    def _year_matches_issue(cls, year: int, info: ValidationInfo) -> int:
        return year_fits_date(year, info, planned_for, "schema.registration.year_mismatch")

    @field_validator("collective_titles")
    @classmethod
    def _collective_titles_once(cls, titles: list[str]) -> list[str]:
        raise_each(cls.__name__, _repeated(titles))
        return titles

    @field_validator("individual_titles")
    @classmethod
    def _individual_titles_once(cls, entries: list[IndividualTitle]) -> list[IndividualTitle]:
        raise_each(cls.__name__, _repeated([entry.title for entry in entries]))
        return entries


def _repeated(titles: list[str]) -> list[InitErrorDetails]:
    """A title registered twice in one list: the second entry would double its count."""
    first: dict[str, int] = {}
    errors: list[InitErrorDetails] = []
    for index, title in enumerate(titles):
        key = title.casefold()
        if key in first:
            errors.append(custom_error(
                (index,), title, "schema.registration.duplicate_title", title=title, first=first[key] + 1,
            ))
        else:
            first[key] = index
    return errors
