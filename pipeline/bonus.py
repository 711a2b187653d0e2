"""Bonus amounts (tiền thưởng): coefficient × base salary in force on the decision date, rounded.

The decree in force on the day the decision is signed gives the coefficient and the rounding;
the base salary is the one in force that day (legal-facts B9). Exact: Decimal and int only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from . import awards, vnformat


class NoBonusRule(LookupError):
    """The catalogue has no coefficient or base salary for this award on this date."""


@dataclass(frozen=True)
class Bonus:
    award: str
    recipient: awards.Recipient
    regime: awards.Regime
    coefficient: awards.Coefficient
    base_salary: awards.BaseSalary
    amount: int

    @property
    def unconfirmed(self) -> list[str]:
        """Vietnamese notes on every unconfirmed number the amount relies on."""
        notes = []
        if not self.coefficient.confirmed:
            notes.append(
                f"hệ số {vnformat.number(self.coefficient.value, 1)} của «{self.award}» ({self.recipient.value}) "
                f"chưa được xác nhận: {self.coefficient.source}"
            )
        if not self.base_salary.confirmed:
            notes.append(
                f"mức lương cơ sở {vnformat.money(self.base_salary.amount)} chưa được xác nhận: "
                f"{self.base_salary.source}"
            )
        if not self.regime.rounding.confirmed:
            notes.append(f"quy tắc làm tròn chưa được xác nhận: {self.regime.rounding.source}")
        return notes


def round_up(amount: Decimal, step: int) -> int:
    """``amount`` rounded up to a multiple of ``step`` đồng (702.000 → 710.000 for 10.000)."""
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING)) * step


def bonus(award: str, recipient: awards.Recipient, on: datetime.date) -> Bonus:
    """The bonus of ``award`` given to a ``recipient`` by a decision signed ``on``."""
    day = vnformat.short_date(on)
    regime = awards.regime_on(on)
    if regime is None:
        raise NoBonusRule(f"Chưa có nghị định quy định mức tiền thưởng nào trong danh mục của hoso tại ngày {day}.")
    coefficient = regime.coefficients.get((award, recipient))
    if coefficient is None:
        raise NoBonusRule(
            f"Danh mục của hoso chưa có hệ số tiền thưởng của «{award}» ({recipient.value}) theo {regime.decree} "
            f"(áp dụng tại ngày {day})."
        )
    base = awards.base_salary_on(on)
    if base is None:
        raise NoBonusRule(f"Danh mục của hoso chưa có mức lương cơ sở áp dụng tại ngày {day}.")
    amount = round_up(coefficient.value * base.amount, regime.rounding.step)
    return Bonus(award, recipient, regime, coefficient, base, amount)
