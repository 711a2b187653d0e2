"""Quyết định khen thưởng of the Chủ tịch UBND tỉnh: the input of ``hoso render decision``.

The recipients are not typed here: they are the nominees of the linked tờ trình for the titles
this authority decides (the Cờ thi đua của UBND tỉnh and the Bằng khen của Chủ tịch UBND tỉnh;
the Cờ thi đua của Chính phủ is for the Prime Minister). The bonus of each is computed from the
catalogue (:mod:`pipeline.awards`): coefficient × base salary in force on the decision date,
rounded as the decree says.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import InputRef, IssuedDocument, LegalBasis, Line, ListItem


class Decision(IssuedDocument):
    """Quyết định tặng danh hiệu thi đua, hình thức khen thưởng của Chủ tịch UBND tỉnh."""

    kind: Literal["decision"] = Field("decision", description="Loại dữ liệu: decision (quyết định khen thưởng).")
    authority: Line = Field(
        description="Thẩm quyền ban hành, in hoa trên dòng «QUYẾT ĐỊNH:», ví dụ: Chủ tịch Ủy ban nhân dân tỉnh Thái "
        "Nguyên.",
    )
    legal_bases: list[LegalBasis] = Field(min_length=1, description="Các căn cứ (không ghi «Căn cứ»).")
    proposed_by: Line = Field(
        description="Người, cơ quan đề nghị, in sau «Theo đề nghị của», ví dụ: Trưởng ban Ban Thi đua - Khen thưởng "
        "tỉnh tại Tờ trình số 25/TTr-BTĐKT ngày 10/01/2017.",
    )
    nomination: InputRef = Field(
        description="Tệp tờ trình đề nghị khen thưởng (đường dẫn tương đối), ví dụ: to-trinh.yaml."
    )
    funding: Line = Field(
        description="Nguồn chi tiền thưởng (Điều 2), ví dụ: Quỹ thi đua, khen thưởng của tỉnh năm 2017.",
    )
    executors: list[ListItem] = Field(
        min_length=1,
        description="Người chịu trách nhiệm thi hành (Điều 3), ví dụ: Chánh Văn phòng UBND tỉnh; hoso tự thêm "
        "«các tập thể, cá nhân có tên tại Điều 1».",
    )
