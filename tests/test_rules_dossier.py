"""Rules of the tờ trình and the decision (pipeline.law.checks.dossier): the bonus of the decision's date
(coefficient × base salary in force, rounded as the pack says, in figures and words), the deadline
of a local pack, and --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.orchestrator import TemplateSet, produce, validate_file
from pipeline.law.rulebook import load_book

from tests.dossier_files import IN_2026, LAWS_2003, LAWS_2026, dossier
from tests.test_consistency import appendix_table, read, texts

DATA = Path(__file__).parent / "data"


def in_2025(decided: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """The dossier of a meeting on 20/6/2025 (NĐ 98/2023 in force), the decision signed on ``decided``."""
    return {
        "vote": (
            ("start: 2016-12-20 08:00", "start: 2025-06-20 08:00"),
            ("end: 2016-12-20 11:30", "end: 2025-06-20 11:30"),
            ("  start: 2016-12-20 10:00", "  start: 2025-06-20 10:00"),
            ("  end: 2016-12-20 10:30", "  end: 2025-06-20 10:30"),
            ("year: 2016", "year: 2024"),
        ),
        "nomination": (("  date: 2016-12-22", "  date: 2025-06-25"), (LAWS_2003, "  - Luật Thi đua, khen thưởng ngày "
                                                                               "15 tháng 6 năm 2022\n")),
        "decision": (("  date: 2017-01-16", f"  date: {decided}"), (LAWS_2003, "  - Luật Thi đua, khen thưởng ngày 15 "
                                                                            "tháng 6 năm 2022\n")),
    }


def decision_text(tmp_path: Path, **replacements) -> tuple[list[str], list[list[str]]]:
    validated = validate_file(dossier(tmp_path, **replacements))
    [document] = validated.kind.documents
    blocks = read(produce(document, validated, TemplateSet().get(document)))
    return texts(blocks), appendix_table(blocks, "Tập thể, cá nhân")


@pytest.mark.parametrize(
    ("decided", "amounts", "total", "words"),
    [
        ("2026-06-30", ["18.720.000", "7.020.000"], "25.740.000", "Hai mươi lăm triệu bảy trăm bốn mươi nghìn đồng"),
        ("2026-07-01", ["20.240.000", "7.590.000"], "27.830.000", "Hai mươi bảy triệu tám trăm ba mươi nghìn đồng"),
    ],
)
def test_the_base_salary_is_the_one_in_force_on_the_decision_date(tmp_path, decided, amounts, total, words):
    # 8,0 and 3,0 × 2.340.000 đồng until 30/6/2026, × 2.530.000 đồng from 01/7/2026 (legal-facts B9).
    replacements = dict(IN_2026)
    replacements["vote"] = tuple((old, new.replace("2026-12-20", "2026-06-20")) for old, new in IN_2026["vote"])
    replacements["nomination"] = (("  date: 2016-12-22", "  date: 2026-06-22"), (LAWS_2003, LAWS_2026))
    replacements["decision"] = (("  date: 2017-01-16", f"  date: {decided}"), (LAWS_2003, LAWS_2026))
    lines, rows = decision_text(tmp_path, **replacements)
    assert [row[3] for row in rows[1:-1]] == amounts
    assert rows[-1] == ["Tổng cộng", total]
    assert next(t for t in lines if t.startswith("Điều 2.")) == (
        f"Điều 2. Tổng số tiền thưởng là {total} đồng (bằng chữ: {words}), chi từ Quỹ thi đua, khen thưởng của tỉnh."
    )


def test_under_nd98_a_certificate_without_a_known_coefficient_leaves_every_amount_to_the_records_office(tmp_path):
    validated = validate_file(dossier(tmp_path, **in_2025("2025-06-30")))
    assert [f.message for f in validated.warnings if f.code == "rule.bonus.unknown"] == [
        "Danh mục của hoso chưa có hệ số tiền thưởng của «Bằng khen của Chủ tịch UBND tỉnh» (tập thể) theo Nghị định "
        "số 98/2023/NĐ-CP (áp dụng tại ngày 30/06/2025). Quyết định ghi «kèm theo tiền thưởng theo quy định», không "
        "ghi số tiền; văn thư bổ sung số tiền sau khi đối chiếu văn bản.",
    ]
    lines, rows = decision_text(tmp_path, **in_2025("2025-06-30"))
    assert [row[3] for row in rows[1:]] == ["Theo quy định", "Theo quy định"]  # and no total row
    assert next(t for t in lines if t.startswith("Điều 1.")).endswith(
        "kèm theo tiền thưởng theo quy định tại Nghị định số 98/2023/NĐ-CP."
    )


def test_from_1_july_2025_the_nd152_table_gives_every_amount(tmp_path):
    lines, rows = decision_text(tmp_path, **in_2025("2025-07-01"))
    assert [row[3] for row in rows[1:-1]] == ["18.720.000", "7.020.000"]  # NĐ 152/2025 Điều 50, 54
    validated = validate_file(dossier(tmp_path, **in_2025("2025-07-01")))
    assert [f.reference for f in validated.warnings if f.path == "decision.document.date"] == [
        "Nghị định 98/2023/NĐ-CP",  # the rounding NĐ 152 may or may not keep (legal-facts E)
    ]


@pytest.mark.parametrize(("day", "late"), [("2026-12-10", False), ("2026-12-11", True)])
def test_a_local_deadline_for_the_tờ_trình(tmp_path, day, late):
    replacements = dict(IN_2026)
    replacements["nomination"] = (("  date: 2016-12-22", f"  date: {day}"), (LAWS_2003, LAWS_2026))
    replacements["vote"] = tuple((old, new.replace("2026-12-20", "2026-12-05")) for old, new in IN_2026["vote"])
    dossier(tmp_path, **replacements)
    validated = validate_file(tmp_path / "to-trinh.yaml", rules=load_book([DATA / "quy-che-tinh-2026.yaml"]))
    found = [f for f in validated.warnings if f.code == "rule.deadline.late"]
    assert bool(found) is late
    if late:
        assert found[0].message == (
            "Tờ trình ngày 11/12/2026 quá hạn gửi hồ sơ năm 2026 (10/12/2026) theo bộ quy tắc «Quy chế thi đua, khen "
            "thưởng tỉnh (dữ liệu kiểm thử)»."
        )
        assert found[0].reference == "Quy chế thi đua, khen thưởng tỉnh (dữ liệu kiểm thử), Điều 9"


def test_a_deadline_for_other_titles_does_not_apply(tmp_path):
    pack = tmp_path / "quy-che.yaml"
    pack.write_text(
        (DATA / "quy-che-tinh-2026.yaml").read_text(encoding="utf-8").replace(
            "{document: nomination, day: 10, month: 12,", "{document: nomination, titles: [Lao động tiên tiến], day: 10, "
            "month: 12,"
        ),
        encoding="utf-8",
    )
    replacements = dict(IN_2026)  # the tờ trình of 22/12/2026 proposes flags and a Bằng khen only
    dossier(tmp_path, **replacements)
    validated = validate_file(tmp_path / "to-trinh.yaml", rules=load_book([pack]))
    assert [f for f in validated.warnings if f.code == "rule.deadline.late"] == []
    late = validate_file(tmp_path / "to-trinh.yaml", rules=load_book([DATA / "quy-che-tinh-2026.yaml"]))
    assert [f.code for f in late.warnings if f.code == "rule.deadline.late"] == ["rule.deadline.late"]


def test_strict_turns_every_warning_into_an_error(tmp_path):
    path = dossier(tmp_path)
    assert validate_file(path).warnings  # unconfirmed numbers of 2016
    with pytest.raises(InputError) as caught:
        validate_file(path, strict=True)
    assert caught.value.findings and all(f.is_error for f in caught.value.findings)
    # The vote's unconfirmed threshold is now an error; the rules of the files that link to it do not run
    # against a linked file that failed (they would repeat its errors in other words).
    assert {(f.code, Path(f.file).name) for f in caught.value.findings} == {("rule.unconfirmed", "bien-ban-hop.yaml")}
