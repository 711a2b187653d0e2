"""Tờ trình đề nghị khen thưởng of a bloc (or a council's agency) to the Chủ tịch UBND tỉnh: the
input of ``hoso render nomination``.

The nominees are not typed here: they are the candidates who passed in the linked vote, per
title, in the order of the vote's result. The tờ trình adds what the vote does not know: a short
achievement summary per nominee, keyed by the nominee's exact name, and the attachments. The
minutes of the meeting are cited among the legal bases from the vote itself.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from pipeline.core.messages import schema_error

from schemas.common import InputRef, IssuedDocument, LegalBasis, Line, ListItem, Recipients


class Nomination(IssuedDocument):
    """Tờ trình đề nghị khen thưởng các tập thể, cá nhân đã được bình xét, suy tôn."""

    kind: Literal["nomination"] = Field(
        "nomination", description="Loại dữ liệu: nomination (tờ trình đề nghị khen thưởng)."
    )
    legal_bases: list[LegalBasis] = Field(
        default_factory=list,
        description="Các căn cứ (không ghi «Căn cứ»); biên bản họp bình xét do hoso tự thêm từ tệp biên bản.",
    )
    vote: InputRef = Field(
        description="Tệp biên bản họp bình xét, suy tôn (đường dẫn tương đối), ví dụ: bien-ban-hop.yaml."
    )
    overview: list[Line] = Field(
        min_length=1, description="Tóm tắt kết quả phong trào thi đua của năm, mỗi mục một đoạn văn."
    )
    achievements: dict[Line, Line] = Field(
        description="Tóm tắt thành tích của từng tập thể, cá nhân được đề nghị: «tên đúng như trong biên bản: "
        "tóm tắt»; mỗi người được đề nghị cần đúng một mục.",
    )
    attachments: list[ListItem] = Field(
        min_length=1,
        description="Hồ sơ kèm theo, ví dụ: Biên bản họp bình xét, suy tôn; Báo cáo thành tích của các tập thể.",
    )

    @field_validator("recipients")
    @classmethod
    def _addressed(cls, recipients: Recipients) -> Recipients:
        # A tờ trình sent up has "Kính gửi:" (NĐ 30/2020, Phụ lục I, Phần II, mục 9.a).
        if not recipients.addressees:
            raise schema_error("schema.nomination.addressee_missing")
        return recipients
