"""A submission dossier (hồ sơ đề nghị khen thưởng) for one title or award: the input of
``hoso dossier``.

The dossier file names what goes in: the tờ trình (which links the vote, so the minutes and the
vote count come with it, and which carries the list of nominees as its appendix), the
achievement reports of the nominees, and the proofs given as files (a certificate of an
initiative, a copy of an earlier decision). hoso checks the dossier against the composition the
law requires for the title, then writes every document in legal order with a Phiếu gửi listing
them, a manifest and one .zip. The header fields (issuer, document, signer, recipients) are the
Phiếu gửi's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import InputRef, IssuedDocument, Line, Model


class Proof(Model):
    """Một tài liệu kèm theo hồ sơ, nộp dưới dạng tệp (bản chụp, PDF…)."""

    title: Line = Field(
        max_length=500,
        description="Tên tài liệu như in trong Phiếu gửi, ví dụ: Giấy chứng nhận sáng kiến số 03/GCN-HĐKH ngày "
        "28/11/2016 của Hội đồng Khoa học tỉnh.",
    )
    file: InputRef = Field(description="Tệp của tài liệu (PDF, ảnh…), đường dẫn tính từ thư mục của tệp hồ sơ.")
    nominee: Line | None = Field(
        None,
        description="Tập thể, cá nhân được đề nghị mà tài liệu này là của họ, ghi đúng như trong biên bản; để "
        "trống nếu là tài liệu chung của hồ sơ.",
    )
    initiative: bool = Field(
        False,
        description="true nếu là văn bản công nhận sáng kiến, đề tài, giải pháp (hồ sơ Chiến sĩ thi đua phải có).",
    )


class Dossier(IssuedDocument):
    """Hồ sơ đề nghị khen thưởng một danh hiệu, hình thức khen thưởng, kèm Phiếu gửi kê các văn bản."""

    kind: Literal["dossier"] = Field(
        "dossier", description="Loại dữ liệu: dossier (hồ sơ đề nghị khen thưởng, cho lệnh hoso dossier)."
    )
    award: Line = Field(
        max_length=200,
        description="Danh hiệu, hình thức khen thưởng đề nghị, đúng tên trong danh mục, ví dụ: Cờ thi đua của "
        "Chính phủ.",
    )
    nomination: InputRef = Field(description="Tệp tờ trình đề nghị khen thưởng (đường dẫn tương đối).")
    collective_reports: list[InputRef] = Field(
        default_factory=list, description="Các tệp báo cáo thành tích của tập thể được đề nghị."
    )
    individual_reports: list[InputRef] = Field(
        default_factory=list, description="Các tệp báo cáo thành tích của cá nhân được đề nghị."
    )
    proofs: list[Proof] = Field(default_factory=list, description="Tài liệu kèm theo, nộp dưới dạng tệp.")
