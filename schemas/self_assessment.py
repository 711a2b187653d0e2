"""Báo cáo tự đánh giá, chấm điểm thi đua of one member unit: the input of ``hoso render self_assessment``.

The unit reports its results against the targets of the bloc's plan, scores itself on the bloc's
scoring table and proposes titles. Every total, subtotal and achievement share is computed
(:mod:`pipeline.law.scoring`); the data holds only what the unit decides: each self-score, each bonus
or penalty with its reason.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from pipeline.core.messages import schema_error

from schemas.common import IssuedDocument, Line, ListItem, Model, Quantity, Recipients, reports_on, year_fits_date

_DECIMAL_COMMA = re.compile(r"^\s*(\d+),(\d+)\s*$")
# Scoring tables go down to quarter points; a third decimal is a typing slip, not a score.
_POINT_DECIMALS = 2


def _accept_decimal_comma(value: object) -> object:
    # Clerks write points the Vietnamese way ("0,5"); YAML reads that as text, not as a number.
    if isinstance(value, str) and (match := _DECIMAL_COMMA.match(value)):
        return f"{match[1]}.{match[2]}"
    return value


def shown(points: Decimal) -> str:
    """Points as a clerk writes them in a message: ``10,5``, ``100`` (not ``1E+2``)."""
    return format(points.normalize(), "f").replace(".", ",")


def _at_most_two_decimals(points: Decimal) -> Decimal:
    if points != points.quantize(Decimal(1).scaleb(-_POINT_DECIMALS)):
        raise schema_error("schema.self_assessment.points_decimals", points=shown(points))
    return points


Points = Annotated[
    Decimal, BeforeValidator(_accept_decimal_comma), Field(le=1000), AfterValidator(_at_most_two_decimals)
]
"""A number of points: ``0.5`` or ``"0,5"``, at most two decimals, at most 1000 (no scoring table
comes near it; the bound keeps a typing slip such as 9500 for 95,00 from ranking first)."""


class TargetResult(Model):
    """Kết quả thực hiện một chỉ tiêu thi đua: mức đăng ký và mức đạt được (tỷ lệ hoàn thành do hoso tính)."""

    name: Line = Field(description="Tên chỉ tiêu, như trong kế hoạch hoặc bản đăng ký thi đua.")
    planned: Quantity = Field(description="Mức phấn đấu đã đăng ký (số).")
    achieved: Quantity = Field(description="Mức đạt được (số, cùng đơn vị tính với mức phấn đấu).")
    unit: Line | None = Field(
        None, max_length=40, description="Đơn vị tính chung của hai mức, ví dụ: %, sáng kiến, lượt người."
    )


class Criterion(Model):
    """Một tiêu chí của bảng chấm điểm: điểm tối đa, điểm tự chấm và minh chứng."""

    name: Line = Field(description="Nội dung tiêu chí.")
    max_points: Points = Field(gt=0, description="Điểm tối đa của tiêu chí theo bảng điểm của Khối.")
    self_score: Points = Field(ge=0, description="Điểm đơn vị tự chấm, không quá điểm tối đa.")
    evidence: Line | None = Field(None, description="Minh chứng, căn cứ chấm điểm (văn bản, số liệu).")

    @model_validator(mode="after")
    def _score_within_max(self) -> Criterion:
        if self.self_score > self.max_points:
            raise schema_error(
                "schema.self_assessment.score_above_max", score=shown(self.self_score),
                max_points=shown(self.max_points), name=self.name,
            )
        return self


class CriteriaGroup(Model):
    """Một nhóm tiêu chí (một phần của bảng chấm điểm); điểm cộng của nhóm do hoso tính."""

    name: Line = Field(description="Tên nhóm tiêu chí, ví dụ: Thực hiện nhiệm vụ chính trị được giao.")
    criteria: list[Criterion] = Field(min_length=1, description="Các tiêu chí của nhóm.")


class Adjustment(Model):
    """Một khoản điểm thưởng hoặc điểm trừ, kèm lý do."""

    points: Points = Field(gt=0, description="Số điểm (dương; hoso tự cộng hoặc trừ theo mục).")
    reason: Line = Field(description="Lý do, ví dụ: Được tặng Bằng khen của Chủ tịch UBND tỉnh về thành tích đột xuất.")


class IndividualProposal(Model):
    """Một cá nhân đơn vị đề nghị khen thưởng."""

    name: Line = Field(description="Họ và tên, viết đầy đủ.")
    position: Line = Field(description="Chức vụ, đơn vị công tác.")
    title: Line = Field(description="Danh hiệu thi đua hoặc hình thức khen thưởng đề nghị.")


class SelfAssessment(IssuedDocument):
    """Báo cáo tự đánh giá, chấm điểm thi đua năm của một đơn vị thành viên Khối (Cụm) thi đua."""

    kind: Literal["self_assessment"] = Field(
        "self_assessment", description="Loại dữ liệu: self_assessment (báo cáo tự đánh giá, chấm điểm thi đua)."
    )
    year: int = Field(ge=2000, le=2100, description="Năm thi đua được đánh giá.")
    bloc: Line = Field(description="Tên Khối (Cụm) thi đua, ví dụ: Khối thi đua các cơ quan Văn hóa - Xã hội.")
    results: list[TargetResult] = Field(min_length=1, description="Kết quả thực hiện các chỉ tiêu thi đua.")
    scoring: list[CriteriaGroup] = Field(
        min_length=1, max_length=10, description="Bảng tự chấm điểm: các nhóm tiêu chí (đánh số I, II, III …)."
    )
    bonus: list[Adjustment] = Field(default_factory=list, description="Các khoản điểm thưởng (nếu có).")
    penalties: list[Adjustment] = Field(default_factory=list, description="Các khoản điểm trừ (nếu có).")
    strengths: list[ListItem] = Field(min_length=1, description="Ưu điểm.")
    shortcomings: list[ListItem] = Field(min_length=1, description="Tồn tại, hạn chế.")
    collective_titles: list[ListItem] = Field(
        min_length=1, description="Danh hiệu thi đua, hình thức khen thưởng đơn vị đề nghị cho tập thể đơn vị."
    )
    individual_titles: list[IndividualProposal] = Field(
        default_factory=list, description="Các cá nhân đơn vị đề nghị khen thưởng (nếu có)."
    )

    @field_validator("recipients")
    @classmethod
    def _addressed_to_bloc_head(cls, recipients: Recipients) -> Recipients:
        # A báo cáo sent up has "Kính gửi:" (NĐ 30/2020, Phụ lục I, Phần II, mục 9.a).
        if not recipients.addressees:
            raise schema_error("schema.self_assessment.addressee_missing")
        return recipients

    @field_validator("year")
    @classmethod
    def _year_matches_report(cls, year: int, info: ValidationInfo) -> int:
        return year_fits_date(year, info, reports_on, "schema.self_assessment.year_mismatch")

