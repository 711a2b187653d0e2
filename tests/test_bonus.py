"""Bonus amounts: coefficient × base salary on the decision date, rounded (pipeline.bonus)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipeline.awards import Recipient
from pipeline.bonus import NoBonusRule, bonus, round_up

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
    assert bonus(award, recipient, day).amount == amount


def test_confirmed_numbers_give_no_note():
    assert bonus("Chiến sĩ thi đua cơ sở", I, date(2024, 8, 1)).unconfirmed == []
    assert len(bonus("Chiến sĩ thi đua cơ sở", I, date(2025, 8, 1)).unconfirmed) == 1  # NĐ 152 rounding


@pytest.mark.parametrize(
    ("award", "recipient", "day", "message"),
    [
        (
            "Cờ thi đua của UBND tỉnh", C, date(2017, 1, 16),
            "Danh mục của hoso chưa có hệ số tiền thưởng của «Cờ thi đua của UBND tỉnh» (tập thể) theo Nghị định số "
            "42/2010/NĐ-CP (áp dụng tại ngày 16/01/2017).",
        ),
        (
            "Cờ thi đua của UBND tỉnh", C, date(2018, 1, 10),
            "Danh mục của hoso chưa có hệ số tiền thưởng của «Cờ thi đua của UBND tỉnh» (tập thể) theo Nghị định số "
            "91/2017/NĐ-CP (áp dụng tại ngày 10/01/2018).",
        ),
        (
            "Bằng khen của Chủ tịch UBND tỉnh", C, date(2024, 8, 1),
            "Danh mục của hoso chưa có hệ số tiền thưởng của «Bằng khen của Chủ tịch UBND tỉnh» (tập thể) theo Nghị "
            "định số 98/2023/NĐ-CP (áp dụng tại ngày 01/08/2024).",
        ),
        (
            "Cờ thi đua của UBND tỉnh", C, date(2009, 1, 10),
            "Chưa có nghị định quy định mức tiền thưởng nào trong danh mục của hoso tại ngày 10/01/2009.",
        ),
    ],
)
def test_missing_numbers_are_named_not_guessed(award, recipient, day, message):
    with pytest.raises(NoBonusRule) as caught:
        bonus(award, recipient, day)
    assert str(caught.value) == message
