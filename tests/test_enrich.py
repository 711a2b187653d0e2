"""The enrich stage: frame values and plan values, pre-formatted."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from pipeline.law.enrich.common import (
    frame_context,
    list_lines,
    point_label,
    recipient_lines,
    sentence_lines,
    signature_lines,
)
from pipeline.law.enrich.plan import target_value
from pipeline.nd30.spec import DOCUMENT_TYPES
from schemas.common import DocumentInfo, Issuer, Recipients, Signer


@pytest.mark.parametrize(
    ("index", "label"), [(0, "a)"), (3, "d)"), (4, "đ)"), (5, "e)"), (6, "g)"), (22, "y)"), (23, "aa)")]
)
def test_point_labels_follow_vietnamese_alphabet(index, label):
    assert point_label(index) == label


def test_list_and_sentence_punctuation():
    assert list_lines(["a", "b", "c"]) == ["- a;", "- b;", "- c."]
    assert list_lines(["một"]) == ["- một."]
    assert sentence_lines(["Luật A", "Nghị định B"], prefix="Căn cứ ") == [
        "Căn cứ Luật A;",
        "Căn cứ Nghị định B.",
    ]


def test_recipients_start_with_nhu_tren_when_addressed_and_end_with_archive():
    addressed = Recipients(addressees=["Chủ tịch UBND tỉnh"], others=["Sở Nội vụ;"], archive="VP")
    assert recipient_lines(addressed) == ["- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, VP."]
    plain = Recipients(others=["- Ban Thi đua - Khen thưởng tỉnh"], archive="VP, 02b")
    assert recipient_lines(plain) == ["- Ban Thi đua - Khen thưởng tỉnh;", "- Lưu: VT, VP, 02b."]


def test_signature_lines_combined_authority():
    signer = Signer(
        authorities=[{"authority": "TM.", "of": "Ủy ban nhân dân"}, {"authority": "KT.", "of": "Chủ tịch"}],
        position="Phó Chủ tịch",
        name="Lê Văn B",
    )
    assert signature_lines(signer) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_acting_signer_needs_no_position():
    signer = Signer(authorities=[{"authority": "Q.", "of": "Giám đốc"}], name="Trần C")
    assert signature_lines(signer) == ["Q. GIÁM ĐỐC"]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("100"), "%", "100%"),
        (Decimal("99.5"), "%", "99,5%"),
        (Decimal("1234567"), "đồng", "1.234.567 đồng"),
        (Decimal("20"), None, "20"),
    ],
)
def test_target_values(value, unit, text):
    assert target_value(value, unit) == text


def test_frame_context_formats_header_and_draft_number():
    issuer = Issuer(
        parent_body="UBND tỉnh Thái Nguyên",
        name="Sở Văn hóa, Thể thao và Du lịch",
        abbreviation="SVHTTDL",
        place="Thái Nguyên",
    )
    document = DocumentInfo(date=datetime.date(2017, 1, 5), subject="Tổ chức phong trào thi đua")
    signer = Signer(position="Giám đốc", name="Nguyễn Văn A")
    ctx = frame_context(
        DOCUMENT_TYPES["TTr"],
        issuer,
        document,
        signer,
        Recipients(addressees=["Chủ tịch UBND tỉnh Thái Nguyên"], archive="VP"),
        ["Luật X"],
    )
    assert ctx["parent_lines"] == ["UBND TỈNH THÁI NGUYÊN"]
    assert ctx["issuer_lines"] == ["SỞ VĂN HÓA,", "THỂ THAO VÀ DU LỊCH"]
    assert ctx["number_line"] == "Số:      /TTr-SVHTTDL"
    assert ctx["date_line"] == "Thái Nguyên, ngày 05 tháng 01 năm 2017"
    assert ctx["addressees"] == ["Chủ tịch UBND tỉnh Thái Nguyên."]
    assert ctx["legal_bases"] == ["Căn cứ Luật X."]
    assert ctx["recipients"] == ["- Như trên;", "- Lưu: VT, VP."]
