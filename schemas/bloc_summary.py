"""Báo cáo tổng kết công tác thi đua, khen thưởng năm of a whole bloc: the input of
``hoso render bloc_summary``.

The bloc writes what it did (movements, strengths, shortcomings, next year's tasks); what its
members scored and whom it proposed for which title are not typed again: the report links the
members' self-assessment files and the year-end vote file, and hoso reads them (the ranked score
table is computed from the self-assessments, the proposals come from the vote).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from pipeline.core.messages import schema_error

from schemas.common import InputRef, IssuedDocument, Line, ListItem, Model, reports_on, year_fits_date


class Movement(Model):
    """Một phong trào (đợt) thi đua đã tổ chức trong năm và kết quả của nó."""

    name: Line = Field(description="Tên phong trào, đợt thi đua.")
    results: list[ListItem] = Field(default_factory=list, description="Kết quả nổi bật (nếu có), mỗi mục một ý.")


class Movements(Model):
    """Các phong trào thi đua trong năm, theo ba nhóm."""

    regular: list[Movement] = Field(min_length=1, description="Phong trào thi đua thường xuyên.")
    sector: list[Movement] = Field(min_length=1, description="Phong trào thi đua theo ngành, lĩnh vực.")
    special: list[Movement] = Field(min_length=1, description="Thi đua đột xuất, chuyên đề.")


class BlocSummary(IssuedDocument):
    """Báo cáo tổng kết công tác thi đua, khen thưởng năm của Khối (Cụm) thi đua."""

    kind: Literal["bloc_summary"] = Field(
        "bloc_summary", description="Loại dữ liệu: bloc_summary (báo cáo tổng kết thi đua của Khối)."
    )
    year: int = Field(ge=2000, le=2100, description="Năm thi đua được tổng kết.")
    theme: Line = Field(description="Chủ đề thi đua của năm.")
    slogan: Line = Field(description="Khẩu hiệu thi đua.")
    overview: list[Line] = Field(
        min_length=1, description="Đánh giá chung về việc triển khai phong trào, mỗi mục một đoạn."
    )
    movements: Movements
    strengths: list[ListItem] = Field(min_length=1, description="Ưu điểm.")
    shortcomings: list[ListItem] = Field(min_length=1, description="Tồn tại, hạn chế.")
    next_year_tasks: list[ListItem] = Field(min_length=1, description="Phương hướng, nhiệm vụ năm sau.")
    self_assessments: list[InputRef] = Field(
        min_length=1,
        description="Các tệp báo cáo tự đánh giá của đơn vị thành viên: đường dẫn tương đối so với tệp này, "
        "được dùng mẫu như tu-danh-gia/*.yaml.",
    )
    vote: InputRef = Field(description="Tệp biên bản họp bình xét, suy tôn cuối năm (đường dẫn tương đối).")

    @field_validator("year")
    @classmethod
    def _year_matches_report(cls, year: int, info: ValidationInfo) -> int:
        return year_fits_date(year, info, reports_on, "schema.bloc_summary.year_mismatch")

    @field_validator("self_assessments")
    @classmethod
    def _no_repeated_link(cls, links: list[str]) -> list[str]:
        repeated = sorted({link for link in links if links.count(link) > 1})
        if repeated:
            raise schema_error(
                "schema.bloc_summary.repeated_link", links=", ".join(f"«{link}»" for link in repeated),
            )
        return links
