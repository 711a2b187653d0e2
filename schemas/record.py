"""A nominee's record: what the eligibility rules of the rules stage read (Luật Thi đua, khen thưởng 2022 and its decrees).

The record is what a unit knows of a person or a collective when it proposes them: the yearly
rating (xếp loại mức độ hoàn thành nhiệm vụ), the titles and awards already received, the
initiatives recognised, and any discipline or pending case. hoso never infers a fact that is not
here: a rule that needs a missing fact says what is missing instead of guessing.

The same blocks are used by the báo cáo thành tích (:mod:`schemas.achievement`) and by a unit's
list of proposals (:mod:`schemas.nominee_list`).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from pipeline.core.messages import schema_error

from schemas.common import Line, Model

Rating = Literal[
    "hoàn thành xuất sắc nhiệm vụ",
    "hoàn thành tốt nhiệm vụ",
    "hoàn thành nhiệm vụ",
    "không hoàn thành nhiệm vụ",
]
"""The four levels of the yearly rating of officials and of units, best first."""

RATINGS: tuple[Rating, ...] = (
    "hoàn thành xuất sắc nhiệm vụ",
    "hoàn thành tốt nhiệm vụ",
    "hoàn thành nhiệm vụ",
    "không hoàn thành nhiệm vụ",
)


def at_least(rating: Rating, floor: Rating) -> bool:
    """``rating`` is ``floor`` or better ("hoàn thành tốt nhiệm vụ trở lên")."""
    return RATINGS.index(rating) <= RATINGS.index(floor)


Scope = Literal["cơ sở", "tỉnh", "toàn quốc"]
"""How far an initiative's effect is recognised: in the unit, in the ministry or province, nation-wide."""

SCOPES: tuple[Scope, ...] = ("cơ sở", "tỉnh", "toàn quốc")


def reaches_scope(scope: Scope, floor: Scope) -> bool:
    return SCOPES.index(scope) >= SCOPES.index(floor)


DisciplineLevel = Literal["khiển trách", "cảnh cáo", "hạ bậc lương", "giáng chức", "cách chức", "buộc thôi việc"]

Year = Annotated[int, Field(ge=1945, le=2100)]


class Discipline(Model):
    """Một lần bị kỷ luật: hình thức và thời gian thi hành."""

    level: DisciplineLevel = Field(description="Hình thức kỷ luật, ví dụ: khiển trách, cảnh cáo.")
    start: datetime.date = Field(description="Ngày quyết định kỷ luật có hiệu lực, dạng YYYY-MM-DD.")
    end: datetime.date = Field(description="Ngày hết thời hạn thi hành kỷ luật, dạng YYYY-MM-DD.")
    decision: Line | None = Field(None, max_length=300, description="Số, ngày quyết định kỷ luật (nếu có).")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Discipline:
        if self.end < self.start:
            raise schema_error(
                "schema.record.discipline_order", end=self.end.strftime("%d/%m/%Y"),
                start=self.start.strftime("%d/%m/%Y"),
            )
        return self


class RecognisedInitiative(Model):
    """Một sáng kiến, giải pháp, đề tài đã được công nhận."""

    title: Line = Field(max_length=500, description="Tên sáng kiến, giải pháp, đề tài.")
    year: Year | None = Field(None, description="Năm được công nhận; để trống: năm được đề nghị khen thưởng.")
    scope: Scope = Field(
        "cơ sở",
        description="Phạm vi ảnh hưởng được công nhận: cơ sở (trong đơn vị), tỉnh (toàn tỉnh, toàn bộ, ngành) "
        "hoặc toàn quốc.",
    )
    recognition: Line | None = Field(
        None,
        max_length=300,
        description="Văn bản công nhận, ví dụ: Quyết định số 15/QĐ-ĐPTTH ngày 10/11/2016 của Giám đốc Đài.",
    )


Ratings = Annotated[
    dict[Year, Rating],
    Field(
        default_factory=dict,
        description="Xếp loại mức độ hoàn thành nhiệm vụ theo từng năm, ví dụ «2016: hoàn thành xuất sắc nhiệm vụ».",
    ),
]
Disciplines = Annotated[
    list[Discipline],
    Field(default_factory=list, description="Các lần bị kỷ luật (nếu có), kể cả đã hết thời hạn."),
]
PendingCases = Annotated[
    list[Line],
    Field(
        default_factory=list,
        description="Việc đang bị điều tra, thanh tra, kiểm tra, xem xét kỷ luật hoặc đơn thư khiếu nại, tố cáo "
        "đang được xác minh (nếu có), mỗi việc một dòng.",
    ),
]
