"""A bloc (Khối, Cụm thi đua) and its members: the input of ``hoso pack``.

The bloc file declares what the year-end pack holds: the bloc's own inputs (plan, summary,
vote, tờ trình, decision) and, per member unit, that unit's inputs (registration,
self-assessment, achievement reports). Each input is an ordinary hoso data file whose kind it
declares itself; ``hoso pack`` renders them all, a folder per unit, and sends them with a Phiếu
gửi listing every document. The member list can be typed here or kept in an Excel workbook.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator

from pipeline.core.messages import schema_error

from schemas.common import InputRef, IssuedDocument, Line, Model


def _plain_folder_name(value: str) -> str:
    # Imported here: the schemas do not depend on the pipeline at import time.
    from pipeline.core.names import component_problem

    problem = component_problem(value)
    if problem:
        raise schema_error("schema.bloc.unsafe_folder", problem=problem)
    return value


FOLDER_MAX = 70
"""The longest folder name a member may choose: the pack puts the member's order in front of it
(``05-``, more digits in a larger bloc) and the whole must stay a name the output folder accepts
(:func:`pipeline.core.names.component_problem`, 80 characters)."""

FolderName = Annotated[str, Field(max_length=FOLDER_MAX), AfterValidator(_plain_folder_name)]


class Member(Model):
    """Một đơn vị thành viên của Khối và các tệp dữ liệu của đơn vị đó."""

    name: Line = Field(max_length=300, description="Tên đơn vị thành viên, ghi đầy đủ, không viết tắt.")
    folder: FolderName | None = Field(
        None,
        description="Tên thư mục của đơn vị trong gói hồ sơ (chữ không dấu, chữ số, dấu «-»), ví dụ: dai-ptth; "
        "để trống thì hoso tự đặt theo tên đơn vị. hoso thêm số thứ tự ở đầu.",
    )
    files: list[InputRef] = Field(
        min_length=1,
        description="Các tệp dữ liệu của đơn vị (đăng ký thi đua, tự đánh giá, báo cáo thành tích…), đường dẫn "
        "tính từ thư mục của tệp khối; được dùng mẫu *.",
    )


class Bloc(IssuedDocument):
    """Khối (Cụm) thi đua: văn bản của Khối, các đơn vị thành viên và tệp dữ liệu của từng đơn vị.

    Phần đầu (issuer, document, signer, recipients) là của Phiếu gửi kèm gói hồ sơ.
    """

    kind: Literal["bloc"] = Field("bloc", description="Loại dữ liệu: bloc (khối thi đua, cho lệnh hoso pack).")
    year: int = Field(ge=2000, le=2100, description="Năm thi đua của gói hồ sơ.")
    documents: list[InputRef] = Field(
        default_factory=list,
        description="Các tệp dữ liệu văn bản của Khối (kế hoạch, báo cáo tổng kết, biên bản, tờ trình, quyết "
        "định), đường dẫn tính từ thư mục của tệp này; hoso tự xếp theo thứ tự trong năm.",
    )
    members: list[Member] = Field(
        min_length=1,
        description="Các đơn vị thành viên theo thứ tự in; hoặc tên tệp Excel (.xlsx) có trang «Thành viên» "
        "với các cột Tên đơn vị, Thư mục, Tệp dữ liệu.",
    )

    @field_validator("members")
    @classmethod
    def _distinct(cls, members: list[Member]) -> list[Member]:
        for attribute, label in (("name", "Tên đơn vị"), ("folder", "Thư mục")):
            values = [getattr(m, attribute) for m in members if getattr(m, attribute) is not None]
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise schema_error(
                    "schema.bloc.repeated_member", label=label, names=", ".join(f"«{name}»" for name in repeated),
                )
        return members
