"""The catalogue of titles, thresholds, coefficients and base salaries (pipeline.awards)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipeline import awards
from pipeline.awards import Authority, Recipient

C, I = Recipient.COLLECTIVE, Recipient.INDIVIDUAL


def test_council_thresholds_are_those_of_the_decree():
    # legal-facts B5: 90% for Chiến sĩ thi đua cấp tỉnh and toàn quốc, 80% for Cờ thi đua and
    # Chiến sĩ thi đua cơ sở, both over the TOTAL number of council members.
    shares = {
        name: award.council_threshold.share if award.council_threshold else None
        for name, award in awards.AWARDS.items()
    }
    assert shares == {
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
    assert all(a.council_threshold.confirmed for a in awards.AWARDS.values() if a.council_threshold)


def test_the_practice_threshold_is_one_named_unconfirmed_setting():
    setting = awards.PRACTICE_THRESHOLD
    assert setting.share == Decimal("0.80")
    assert setting.confirmed is False
    assert setting.source.startswith("thực tiễn, không có quy định chung")


def test_who_decides_and_who_receives():
    assert awards.AWARDS["Cờ thi đua của Chính phủ"].decided_by is Authority.PRIME_MINISTER
    assert awards.AWARDS["Cờ thi đua của UBND tỉnh"].decided_by is Authority.PROVINCE_CHAIR
    assert awards.AWARDS["Bằng khen của Chủ tịch UBND tỉnh"].decided_by is Authority.PROVINCE_CHAIR
    assert awards.AWARDS["Bằng khen của Chủ tịch UBND tỉnh"].recipients == (C, I)
    assert awards.AWARDS["Lao động tiên tiến"].recipients == (I,)
    assert awards.AWARDS["Tập thể lao động tiên tiến"].recipients == (C,)


def test_nd152_coefficients_are_the_table_of_legal_facts_b9():
    regime = awards.regime_on(date(2025, 7, 1))
    assert regime.decree == "Nghị định số 152/2025/NĐ-CP"
    assert {key: c.value for key, c in regime.coefficients.items()} == {
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
    assert all(c.confirmed for c in regime.coefficients.values())
    # Whether NĐ 152 keeps NĐ 98's rounding is open (legal-facts E).
    assert (regime.rounding.step, regime.rounding.confirmed) == (10_000, False)


def test_nd98_has_the_same_title_coefficients_and_no_certificate_amounts():
    nd98, nd152 = awards.regime_on(date(2025, 6, 30)), awards.regime_on(date(2025, 7, 1))
    assert nd98.decree == "Nghị định số 98/2023/NĐ-CP"
    titles = {key: c.value for key, c in nd152.coefficients.items() if "Bằng khen" not in key[0]}
    assert {key: c.value for key, c in nd98.coefficients.items()} == titles
    assert (nd98.rounding.step, nd98.rounding.confirmed) == (10_000, True)


def test_the_2016_seed_era_has_no_coefficient_to_draft_with():
    # Its table is not in our sources and the values recalled for it disagree: none is used.
    regime = awards.regime_on(date(2017, 1, 16))
    assert regime.decree == "Nghị định số 42/2010/NĐ-CP"
    assert regime.coefficients == {}
    assert regime.rounding.confirmed is False
    assert regime.start_confirmed is False


def test_nd91_era_has_no_coefficient_to_draft_with():
    assert awards.regime_on(date(2017, 10, 1)).coefficients == {}
    assert awards.regime_on(date(2023, 12, 30)).decree == "Nghị định số 91/2017/NĐ-CP"


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
    salary = awards.base_salary_on(day)
    assert (salary.amount, salary.confirmed) == (amount, confirmed)


def test_nothing_is_in_force_before_the_first_entry():
    assert awards.base_salary_on(date(2016, 4, 30)) is None
    assert awards.regime_on(date(2010, 5, 31)) is None


def test_tables_are_in_date_order_so_the_latest_started_entry_applies():
    for table in (awards.REGIMES, awards.BASE_SALARIES):
        starts = [entry.start for entry in table]
        assert starts == sorted(set(starts))


def test_every_coefficient_names_a_catalogue_award_and_an_allowed_recipient():
    for regime in awards.REGIMES:
        for name, recipient in regime.coefficients:
            assert recipient in awards.AWARDS[name].recipients, (regime.decree, name, recipient)


def test_every_number_says_where_it_comes_from():
    sources = [a.decided_by_source for a in awards.AWARDS.values()]
    sources += [c.source for r in awards.REGIMES for c in r.coefficients.values()]
    sources += [r.rounding.source for r in awards.REGIMES] + [r.start_source for r in awards.REGIMES]
    sources += [s.source for s in awards.BASE_SALARIES]
    assert all(source.strip() for source in sources)


def test_a_mistyped_name_finds_its_closest_catalogue_name():
    assert awards.find_award("Cờ thi đua của UBND tỉnh") is awards.AWARDS["Cờ thi đua của UBND tỉnh"]
    assert awards.find_award("Cờ thi đua UBND tỉnh") is None
    assert awards.closest_award_name("Cờ thi đua UBND tỉnh") == "Cờ thi đua của UBND tỉnh"
    assert awards.closest_award_name("Huy chương") is None
