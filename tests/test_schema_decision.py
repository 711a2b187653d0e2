"""The decision input and its link to the tờ trình: what the Chủ tịch UBND tỉnh decides, and the bonus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.law.awards import awarded
from pipeline.core.errors import InputError
from pipeline.orchestrator import Validated, validate_file
from pipeline.law.votes import tally

from tests.dossier_files import BLOC, IN_2026, dossier

def errors(path: Path) -> list[tuple[str, str | None, str]]:
    with pytest.raises(InputError) as caught:
        validate_file(path)
    return [(f.code, f.path, f.message) for f in caught.value.findings if f.is_error]


def granted(validated: Validated):
    vote = validated.linked["nomination"].linked["vote"]
    return awarded(tally(vote.model, vote.rules), validated.rules)


def test_the_province_decides_its_flag_and_certificate_not_the_government_flag():
    validated = validate_file(BLOC / "quyet-dinh.yaml")
    assert [(a.nominee.title.name, a.nominee.candidate.name, a.bonus) for a in granted(validated)] == [
        ("Cờ thi đua của UBND tỉnh", "Sở Văn hóa, Thể thao và Du lịch", None),
        ("Bằng khen của Chủ tịch UBND tỉnh", "Ban Quản lý Khu di tích lịch sử ATK Định Hóa", None),
    ]


def test_a_2017_decision_refers_to_the_decree_instead_of_printing_unverified_amounts():
    warnings = validate_file(BLOC / "quyet-dinh.yaml").warnings
    unknown = [(f.path, f.message, f.is_error) for f in warnings if f.code == "rule.bonus.unknown"]
    assert unknown == [
        (
            "decision.document.date",
            "Danh mục của hoso chưa có hệ số tiền thưởng của «Cờ thi đua của UBND tỉnh» (tập thể) theo Nghị định số "
            "42/2010/NĐ-CP (áp dụng tại ngày 16/01/2017). Quyết định ghi «kèm theo tiền thưởng theo quy định», "
            "không ghi số tiền; văn thư bổ sung số tiền sau khi đối chiếu văn bản.",
            False,
        ),
        (
            "decision.document.date",
            "Danh mục của hoso chưa có hệ số tiền thưởng của «Bằng khen của Chủ tịch UBND tỉnh» (tập thể) theo Nghị "
            "định số 42/2010/NĐ-CP (áp dụng tại ngày 16/01/2017). Quyết định ghi «kèm theo tiền thưởng theo quy "
            "định», không ghi số tiền; văn thư bổ sung số tiền sau khi đối chiếu văn bản.",
            False,
        ),
    ]
    # No amount, so no coefficient or base salary to warn about; who decides is unconfirmed for 2016.
    assert [f.message for f in warnings if f.code == "rule.unconfirmed" and f.file.endswith("quyet-dinh.yaml")] == [
        "Thẩm quyền quyết định «Cờ thi đua của Chính phủ» (Thủ tướng Chính phủ), «Cờ thi đua của UBND tỉnh» (Chủ "
        "tịch UBND tỉnh), «Bằng khen của Chủ tịch UBND tỉnh» (Chủ tịch UBND tỉnh) chưa được xác nhận: không có "
        "trong tài liệu nguồn; hoso dùng cùng quy định như Luật Thi đua, khen thưởng 2022 – chưa đối chiếu văn bản.",
    ]


def test_a_decision_signed_under_nd152_uses_its_table(tmp_path):
    validated = validate_file(dossier(tmp_path, **IN_2026))
    assert validated.rules.date == date(2027, 1, 15)
    assert [a.bonus.amount for a in granted(validated)] == [20_240_000, 7_590_000]
    assert [
        (f.message, f.reference) for f in validated.warnings
        if f.code == "rule.unconfirmed" and f.path == "decision.document.date"
    ] == [(
        "Quy tắc làm tròn lên bội số của 10.000 đồng tiền thưởng chưa được xác nhận: làm tròn lên hàng chục nghìn "
        "đồng; Nghị định 152/2025/NĐ-CP còn giữ hay không chưa được xác nhận.",
        "Nghị định 98/2023/NĐ-CP",
    )]


def test_a_decision_dated_before_the_tờ_trình(tmp_path):
    path = dossier(tmp_path, decision=(("  date: 2017-01-16", "  date: 2016-12-21"),))
    assert errors(path) == [(
        "link.decision_before_nomination", "decision.document.date",
        "Ngày quyết định (21/12/2016) trước ngày tờ trình (22/12/2016).",
    )]


def test_nothing_for_the_province_to_decide(tmp_path):
    # Only the Cờ thi đua của Chính phủ passes: that is the Prime Minister's to decide.
    vote = (("        votes: 9\n", "        votes: 7\n"), ("        votes: 8\n", "        votes: 7\n"))
    text = (BLOC / "to-trinh.yaml").read_text(encoding="utf-8")
    achievements = text.split("achievements:\n", 1)[1].split("\n\n", 1)[0]
    only_the_flag = "  Đài Phát thanh - Truyền hình Thái Nguyên: Dẫn đầu Khối thi đua năm 2016"
    path = dossier(tmp_path, vote=vote, nomination=((achievements, only_the_flag),))
    assert errors(path) == [(
        "link.nothing_to_decide", "decision.nomination",
        "Tờ trình không đề nghị danh hiệu, hình thức khen thưởng nào thuộc thẩm quyền Chủ tịch UBND tỉnh.",
    )]


def test_a_decision_cites_its_legal_bases(tmp_path):
    text = (BLOC / "quyet-dinh.yaml").read_text(encoding="utf-8")
    bases = text.split("legal_bases:\n", 1)[1].split("\n\n", 1)[0] + "\n"
    path = dossier(tmp_path, decision=(("legal_bases:\n" + bases, "legal_bases: []\n"),))
    assert errors(path) == [("schema.too_short", "decision.legal_bases", "Cần ít nhất 1 mục, hiện có 0.")]
