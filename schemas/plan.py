"""Kế hoạch tổ chức phong trào thi đua: the input of ``hoso render plan``."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from pipeline.core.messages import schema_error

from schemas.common import IssuedDocument, Line, ListItem, Model, Quantity, planned_for, year_fits_date


class EmulationContent(Model):
    """Một nội dung thi đua."""

    title: Line = Field(description="Tên nội dung thi đua.")
    details: list[ListItem] = Field(default_factory=list, description="Các việc cụ thể của nội dung này.")


class Target(Model):
    """Một chỉ tiêu thi đua: tên, mức phấn đấu và đơn vị tính."""

    name: Line = Field(description="Tên chỉ tiêu, ví dụ: Tỷ lệ cán bộ, công chức hoàn thành tốt nhiệm vụ trở lên.")
    value: Quantity = Field(description="Mức phấn đấu (số).")
    unit: Line | None = Field(None, max_length=40, description="Đơn vị tính, ví dụ: %, đơn vị, lượt người.")


class Responsibility(Model):
    """Trách nhiệm của một đơn vị khi tổ chức thực hiện."""

    unit: Line = Field(description="Đơn vị, ví dụ: Trưởng khối; Các đơn vị thành viên.")
    tasks: list[ListItem] = Field(min_length=1, description="Các nhiệm vụ được giao.")


class Milestone(Model):
    """Một mốc tiến độ."""

    deadline: datetime.date = Field(description="Thời hạn, dạng YYYY-MM-DD.")
    task: Line = Field(description="Việc phải xong.")
    owner: Line = Field(description="Đơn vị thực hiện.")


class ReportingDeadline(Model):
    """Một kỳ báo cáo."""

    report: Line = Field(description="Tên báo cáo, ví dụ: Báo cáo sơ kết 6 tháng.")
    deadline: datetime.date = Field(description="Hạn gửi, dạng YYYY-MM-DD.")
    recipient: Line = Field(description="Nơi nhận báo cáo.")


class Plan(IssuedDocument):
    """Kế hoạch tổ chức phong trào thi đua của một khối, cụm hoặc cơ quan."""

    kind: Literal["plan"] = Field("plan", description="Loại dữ liệu: plan (kế hoạch).")
    year: int = Field(ge=2000, le=2100, description="Năm thi đua.")
    theme: Line = Field(description="Chủ đề thi đua của năm.")
    slogan: Line = Field(description="Khẩu hiệu thi đua.")
    purposes: list[ListItem] = Field(min_length=1, description="Mục đích.")
    requirements: list[ListItem] = Field(min_length=1, description="Yêu cầu.")
    contents: list[EmulationContent] = Field(min_length=1, description="Nội dung thi đua.")
    targets: list[Target] = Field(min_length=1, description="Chỉ tiêu thi đua.")
    titles: list[ListItem] = Field(min_length=1, description="Danh hiệu thi đua, hình thức khen thưởng phấn đấu đạt được.")
    registration_deadline: datetime.date = Field(description="Hạn gửi bản đăng ký thi đua.")
    registration_recipient: Line = Field(description="Nơi nhận bản đăng ký thi đua.")
    responsibilities: list[Responsibility] = Field(min_length=1, description="Trách nhiệm tổ chức thực hiện.")
    timeline: list[Milestone] = Field(min_length=1, description="Tiến độ thực hiện.")
    reporting: list[ReportingDeadline] = Field(min_length=1, description="Chế độ báo cáo.")

    @field_validator("year")
    @classmethod
    def _year_matches_issue(cls, year: int, info: ValidationInfo) -> int:
        return year_fits_date(year, info, planned_for, "schema.plan.year_mismatch")

    @field_validator("registration_deadline")
    @classmethod
    def _deadline_after_issue(cls, deadline: datetime.date, info: ValidationInfo) -> datetime.date:
        document = info.data.get("document")
        if document is not None and deadline < document.date:
            raise schema_error(
                "schema.plan.deadline_before_issue", deadline=deadline.strftime("%d/%m/%Y"),
                issued=document.date.strftime("%d/%m/%Y"),
            )
        return deadline
