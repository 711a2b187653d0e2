"""Bonus amounts (tiền thưởng): coefficient × base salary in force on the decision date, rounded.

The rules in force on the day the decision is signed (:class:`~pipeline.law.rulebook.RuleSet`) give the
coefficient and the rounding; the base salary is the one in force that day (the decree on commendation in force, cited by each pack's references).
Exact: Decimal and int only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from pipeline.core import vnformat
from pipeline.core.messages import text
from pipeline.law.rulebook import BaseSalary, Coefficient, Recipient, Rounding, RuleSet, Source


class NoBonusRule(LookupError):
    """The packs have no coefficient or base salary for this award on this date."""


@dataclass(frozen=True)
class Bonus:
    title: str
    recipient: Recipient
    coefficient: Coefficient
    base_salary: BaseSalary
    rounding: Rounding
    amount: int

    def unconfirmed(self) -> list[tuple[str, Source]]:
        """What the amount relies on that no text confirms: a description and its source each."""
        parts = [
            (
                text(
                    "part.bonus.coefficient", coefficient=vnformat.number(self.coefficient.value, 1), title=self.title,
                    recipient=self.recipient.value,
                ),
                self.coefficient.source,
            ),
            (
                text(
                    "part.bonus.base_salary", amount=vnformat.money(self.base_salary.amount),
                    start=vnformat.short_date(self.base_salary.start),
                ),
                self.base_salary.source,
            ),
            (text("part.bonus.rounding", rounding=self.rounding.describe()), self.rounding.source),
        ]
        return [(what, source) for what, source in parts if not source.confirmed]


def round_up(amount: Decimal, step: int) -> int:
    """``amount`` rounded up to a multiple of ``step`` đồng (702.000 → 710.000 for 10.000)."""
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING)) * step


def rounded(amount: Decimal, rounding: Rounding) -> int:
    if rounding.step is None:
        return int(amount.to_integral_value(rounding=ROUND_HALF_UP))  # whole đồng
    return round_up(amount, rounding.step)


def bonus(title: str, recipient: Recipient, rules: RuleSet) -> Bonus:
    """The bonus of ``title`` given to a ``recipient`` by a decision signed on ``rules.date``."""
    assert rules.date is not None and rules.national is not None  # the rules stage checks both first
    coefficient = rules.titles[title].coefficients.get(recipient)
    if coefficient is None:
        decree = rules.decree.name if rules.decree else f"bộ quy tắc «{rules.national.name}»"
        raise NoBonusRule(text(
            "part.bonus.no_coefficient", title=title, recipient=recipient.value, decree=decree,
            day=vnformat.short_date(rules.date),
        ))
    base = rules.base_salary
    if base is None:
        raise NoBonusRule(text("part.bonus.no_base_salary", day=vnformat.short_date(rules.date)))
    assert rules.rounding is not None  # every national pack sets one (schemas.rule_pack)
    amount = rounded(coefficient.value * base.amount, rules.rounding)
    return Bonus(title, recipient, coefficient, base, rules.rounding, amount)
