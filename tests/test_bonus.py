"""Bonus amounts: coefficient × base salary on the decision date, rounded (pipeline.law.bonus)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipeline.law.bonus import NoBonusRule, bonus, round_up
from pipeline.law.rulebook import Recipient, builtin_book, load_book

C, I = Recipient.COLLECTIVE, Recipient.INDIVIDUAL


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [(Decimal("702000"), 710_000), (Decimal("710000"), 710_000), (Decimal("710000.1"), 720_000), (Decimal(0), 0)],
)
def test_round_up_to_ten_thousand(amount, rounded):
    assert round_up(amount, 10_000) == rounded


@pytest.mark.parametrize(
    ("award", "recipient", "day", "amount"),
    [
        # legal-facts B9, raw → rounded up to 10.000 đồng.
        ("Lao động tiên tiến", I, date(2025, 8, 1), 710_000),  # 0,3 × 2.340.000 = 702.000
        ("Lao động tiên tiến", I, date(2026, 7, 1), 760_000),  # 0,3 × 2.530.000 = 759.000
        ("Tập thể lao động tiên tiến", C, date(2025, 8, 1), 1_880_000),  # 1.872.000
        ("Cờ thi đua của UBND tỉnh", C, date(2026, 7, 1), 20_240_000),
        ("Bằng khen của Thủ tướng Chính phủ", I, date(2026, 8, 1), 8_860_000),  # 8.855.000
        ("Chiến sĩ thi đua cơ sở", I, date(2024, 8, 1), 2_340_000),  # NĐ 98/2023
    ],
)
def test_amounts(award, recipient, day, amount):
    assert bonus(award, recipient, builtin_book().on(day)).amount == amount


def test_confirmed_numbers_give_no_note():
    assert bonus("Chiến sĩ thi đua cơ sở", I, builtin_book().on(date(2024, 8, 1))).unconfirmed() == []
    [(what, source)] = bonus("Chiến sĩ thi đua cơ sở", I, builtin_book().on(date(2025, 8, 1))).unconfirmed()
    assert what == "Quy tắc làm tròn lên bội số của 10.000 đồng tiền thưởng"  # NĐ 152 keeps NĐ 98's? (E)
    assert source.reference.cite() == "Nghị định 98/2023/NĐ-CP"


@pytest.mark.parametrize(
    ("award", "recipient", "day", "message"),
    [
        (
            "Cờ thi đua của UBND tỉnh", C, date(2017, 1, 16),
            "Danh mục của hoso chưa có hệ số tiền thưởng của «Cờ thi đua của UBND tỉnh» (tập thể) theo Nghị định số "
            "42/2010/NĐ-CP (áp dụng tại ngày 16/01/2017).",
        ),
        (
            "Bằng khen của Chủ tịch UBND tỉnh", C, date(2024, 8, 1),
            "Danh mục của hoso chưa có hệ số tiền thưởng của «Bằng khen của Chủ tịch UBND tỉnh» (tập thể) theo Nghị "
            "định số 98/2023/NĐ-CP (áp dụng tại ngày 01/08/2024).",
        ),
    ],
)
def test_missing_numbers_are_named_not_guessed(award, recipient, day, message):
    with pytest.raises(NoBonusRule) as caught:
        bonus(award, recipient, builtin_book().on(day))
    assert str(caught.value) == message


LOCAL_COEFFICIENT = """\
kind: rule_pack
name: Quy chế thi đua, khen thưởng tỉnh (minh họa)
level: local
scope: UBND tỉnh Thái Nguyên
effective: {start: 2015-01-01, end: 2016-12-31, source: qc, confirmed: false}
references:
  qc:
    text: Quy chế thi đua, khen thưởng tỉnh (minh họa)
titles:
  Cờ thi đua của UBND tỉnh:
    bonus:
      tập thể: {value: 8.0, source: qc, confirmed: false}
"""


def test_a_date_before_the_first_base_salary_is_named(tmp_path):
    # The 2016 era has no coefficient of its own; a local pack gives one, but no base salary is known
    # before 01/5/2016.
    local = tmp_path / "tinh.yaml"
    local.write_text(LOCAL_COEFFICIENT, encoding="utf-8")
    rules = load_book([local]).on(date(2016, 4, 30))
    with pytest.raises(NoBonusRule) as caught:
        bonus("Cờ thi đua của UBND tỉnh", C, rules)
    assert str(caught.value) == "Bảng mức lương cơ sở của hoso chưa có mức áp dụng tại ngày 30/04/2016."
    assert bonus("Cờ thi đua của UBND tỉnh", C, load_book([local]).on(date(2016, 5, 1))).amount == 9_680_000
