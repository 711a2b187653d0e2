"""Derived values of the award forms: báo cáo thành tích and bản đăng ký thi đua.

Pure functions; nothing here formats text (that is :mod:`pipeline.law.enrich.achievement` and
:mod:`pipeline.law.enrich.registration`).

Choices, and why:

* **Award history order**: the form's tables (mục III) read as a chronology, so rows are printed by
  year, then by decision date; rows equal on both keep the order the clerk typed (a stable sort).
  The input may list rows in any order: a clerk copies last year's report and appends this year's
  awards, and rejecting an unsorted list would only make the clerk do by hand what a sort does.
* **Staff total** is the sum of the groups the clerk lists; no total is ever typed.
* **Registered people per title**: the length of the list of names when names are given, else the
  number typed (the schema accepts one or the other, never both).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from schemas.achievement import AwardRecord, StaffGroup
from schemas.registration import IndividualTitle


def chronological(records: Sequence[AwardRecord]) -> list[AwardRecord]:
    """``records`` by year, then decision date; ties keep their input order."""
    return sorted(records, key=lambda record: (record.year, record.decision.date))


def staff_total(groups: Iterable[StaffGroup]) -> int:
    return sum(group.count for group in groups)


def registered_count(entry: IndividualTitle) -> int:
    """How many people are registered for ``entry``'s title."""
    if entry.names:
        return len(entry.names)
    # The schema guarantees a count when there are no names.
    assert entry.count is not None
    return entry.count
