"""The Phiếu gửi's rows cite each document by số, ký hiệu and date (pipeline.law.enrich.listing)."""

from __future__ import annotations

import datetime

from pipeline.law.enrich.listing import Listed, describe

BLOC = "Khối thi đua các cơ quan Văn hóa - Xã hội"
DAY = datetime.date(2016, 12, 22)


def test_a_numbered_document_is_cited_by_number_and_date() -> None:
    item = Listed("to-trinh.docx", "Tờ trình", BLOC, DAY, "Đề nghị khen thưởng", 15, "TTr", "KTĐVHXH")
    assert describe(item) == f"Tờ trình số 15/TTr-KTĐVHXH ngày 22/12/2016 của {BLOC}: Đề nghị khen thưởng"


def test_a_draft_is_cited_by_its_date_alone() -> None:
    item = Listed("to-trinh.docx", "Tờ trình", BLOC, DAY, "Đề nghị khen thưởng", None, "TTr", "KTĐVHXH")
    assert describe(item) == f"Tờ trình ngày 22/12/2016 của {BLOC}: Đề nghị khen thưởng"


def test_a_proof_keeps_its_description() -> None:
    assert describe(Listed("minh-chung/bang-khen.pdf", "Bằng khen của Thủ tướng Chính phủ")) == (
        "Bằng khen của Thủ tướng Chính phủ"
    )
