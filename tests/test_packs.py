"""The rule packs of rules/: titles, thresholds, coefficients, base salaries, chosen by date (pipeline.law.rulebook)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipeline.law.rulebook import Authority, Recipient, builtin_book

C, I = Recipient.COLLECTIVE, Recipient.INDIVIDUAL
BOOK = builtin_book()


def on(day: date):
    return BOOK.on(day)


@pytest.mark.parametrize(
    ("day", "pack"),
    [
        (date(2014, 5, 31), None),
        (date(2014, 6, 1), "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013); Nghị định 42/2010/NĐ-CP"),
        (date(2017, 9, 30), "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013); Nghị định 42/2010/NĐ-CP"),
        (date(2017, 10, 1), "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013); Nghị định 91/2017/NĐ-CP"),
        (date(2023, 12, 30), "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013); Nghị định 91/2017/NĐ-CP"),
        (date(2023, 12, 31), "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP"),
        (date(2025, 6, 30), "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP"),
        (date(2025, 7, 1), "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP"),
        (date(2030, 1, 1), "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP"),
    ],
)
def test_the_pack_in_force_is_chosen_by_date(day, pack):
    national = on(day).national
    assert (national.name if national else None) == pack


def test_council_thresholds_are_those_of_the_decree():
    # legal-facts B5: 90% for Chiến sĩ thi đua cấp tỉnh and toàn quốc, 80% for Cờ thi đua and
    # Chiến sĩ thi đua cơ sở, both over the TOTAL number of council members.
    expected = {
        "Cờ thi đua của Chính phủ": Decimal("0.80"),
        "Cờ thi đua của UBND tỉnh": Decimal("0.80"),
        "Bằng khen của Thủ tướng Chính phủ": None,
        "Bằng khen của Chủ tịch UBND tỉnh": None,
        "Chiến sĩ thi đua toàn quốc": Decimal("0.90"),
        "Chiến sĩ thi đua cấp tỉnh": Decimal("0.90"),
        "Chiến sĩ thi đua cơ sở": Decimal("0.80"),
        "Lao động tiên tiến": None,
        "Tập thể lao động xuất sắc": None,
        "Tập thể lao động tiên tiến": None,
    }
    for day in (date(2016, 12, 20), date(2024, 12, 20), date(2026, 12, 20)):
        titles = on(day).titles
        assert {n: t.council_threshold.share if t.council_threshold else None for n, t in titles.items()} == expected
    # Confirmed for NĐ 98/2023 only: whether NĐ 152/2025 keeps them is open (legal-facts E), NĐ 42/2010's
    # rule is not in the sources.
    confirmed = {day.year: {t.council_threshold.confirmed for t in on(day).titles.values() if t.council_threshold}
                 for day in (date(2016, 12, 20), date(2024, 12, 20), date(2026, 12, 20))}
    assert confirmed == {2016: {False}, 2024: {True}, 2026: {False}}


def test_the_practice_threshold_is_one_named_unconfirmed_setting():
    for day in (date(2016, 12, 20), date(2024, 12, 20), date(2026, 12, 20)):
        setting = on(day).practice_threshold
        assert (setting.share, setting.confirmed) == (Decimal("0.80"), False)
        assert setting.source.reference.cite() == "Thực tiễn, không có quy định chung"


def test_who_decides_and_who_receives():
    titles = on(date(2026, 1, 1)).titles
    assert titles["Cờ thi đua của Chính phủ"].decided_by.authority is Authority.PRIME_MINISTER
    assert titles["Cờ thi đua của UBND tỉnh"].decided_by.authority is Authority.PROVINCE_CHAIR
    assert titles["Bằng khen của Chủ tịch UBND tỉnh"].decided_by.authority is Authority.PROVINCE_CHAIR
    assert titles["Bằng khen của Chủ tịch UBND tỉnh"].recipients == (C, I)
    assert titles["Lao động tiên tiến"].recipients == (I,)
    assert titles["Tập thể lao động tiên tiến"].recipients == (C,)
    assert titles["Cờ thi đua của UBND tỉnh"].decided_by.source.reference.cite() == (
        "Luật Thi đua, khen thưởng 2022, Điều 79"
    )


def coefficients(day: date) -> dict[tuple[str, Recipient], Decimal]:
    return {(name, r): c.value for name, t in on(day).titles.items() for r, c in t.coefficients.items()}


def test_nd152_coefficients_are_the_table_of_legal_facts_b9():
    assert coefficients(date(2025, 7, 1)) == {
        ("Chiến sĩ thi đua toàn quốc", I): Decimal("4.5"),
        ("Chiến sĩ thi đua cấp tỉnh", I): Decimal("3.0"),
        ("Chiến sĩ thi đua cơ sở", I): Decimal("1.0"),
        ("Lao động tiên tiến", I): Decimal("0.3"),
        ("Tập thể lao động xuất sắc", C): Decimal("1.5"),
        ("Tập thể lao động tiên tiến", C): Decimal("0.8"),
        ("Cờ thi đua của Chính phủ", C): Decimal("12.0"),
        ("Cờ thi đua của UBND tỉnh", C): Decimal("8.0"),
        ("Bằng khen của Thủ tướng Chính phủ", I): Decimal("3.5"),
        ("Bằng khen của Thủ tướng Chính phủ", C): Decimal("7.0"),
        ("Bằng khen của Chủ tịch UBND tỉnh", I): Decimal("1.5"),
        ("Bằng khen của Chủ tịch UBND tỉnh", C): Decimal("3.0"),
    }
    rules = on(date(2025, 7, 1))
    assert all(c.source.confirmed for t in rules.titles.values() for c in t.coefficients.values())
    # Whether NĐ 152 keeps NĐ 98's rounding is open (legal-facts E).
    assert (rules.rounding.step, rules.rounding.source.confirmed) == (10_000, False)


def test_nd98_has_the_same_title_coefficients_and_no_certificate_amounts():
    titles = {key: value for key, value in coefficients(date(2025, 7, 1)).items() if "Bằng khen" not in key[0]}
    assert coefficients(date(2025, 6, 30)) == titles
    rounding = on(date(2025, 6, 30)).rounding
    assert (rounding.step, rounding.source.confirmed) == (10_000, True)


def test_the_2016_seed_era_has_no_coefficient_to_draft_with():
    # Its table is not in our sources and the values recalled for it disagree: none is used.
    rules = on(date(2017, 1, 16))
    assert coefficients(date(2017, 1, 16)) == {}
    assert rules.decree.name == "Nghị định số 42/2010/NĐ-CP"
    assert rules.rounding.source.confirmed is False


@pytest.mark.parametrize(
    ("day", "amount", "confirmed"),
    [
        (date(2016, 5, 1), 1_210_000, False),
        (date(2017, 6, 30), 1_210_000, False),
        (date(2017, 7, 1), 1_300_000, False),
        (date(2023, 6, 30), 1_490_000, False),
        (date(2023, 7, 1), 1_800_000, True),
        (date(2024, 6, 30), 1_800_000, True),
        (date(2024, 7, 1), 2_340_000, True),
        (date(2026, 6, 30), 2_340_000, True),
        (date(2026, 7, 1), 2_530_000, True),
    ],
)
def test_base_salary_in_force_on_a_date(day, amount, confirmed):
    salary = on(day).base_salary
    assert (salary.amount, salary.source.confirmed) == (amount, confirmed)


def test_nothing_is_in_force_before_the_first_entry():
    assert on(date(2016, 4, 30)).base_salary is None
    assert on(date(2010, 5, 31)).national is None


def test_every_coefficient_names_an_allowed_recipient():
    for national in BOOK.national:
        for title in on(national.info.start).titles.values():
            assert set(title.coefficients) <= set(title.recipients), title.name


def test_a_mistyped_name_finds_its_closest_catalogue_name():
    rules = on(date(2016, 12, 20))
    assert rules.title("Cờ thi đua của UBND tỉnh").name == "Cờ thi đua của UBND tỉnh"
    assert rules.title("Cờ thi đua UBND tỉnh") is None
    assert rules.closest_title("Cờ thi đua UBND tỉnh") == "Cờ thi đua của UBND tỉnh"
    assert rules.closest_title("Huy chương") is None


def test_the_end_of_the_district_level_is_known_in_every_era():
    # A 2016 document is read as of 2016, but the date itself is a fact of the packs (legal-facts mục 1).
    for day in (date(2016, 12, 20), date(2026, 1, 1)):
        abolished = on(day).district_level_abolished
        assert (abolished.date, abolished.source.confirmed) == (date(2025, 7, 1), True)
