"""Tests for pipeline.core.vnformat; every expected string is written out by hand from the rules."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

import pytest

from pipeline.core.vnformat import (
    amount_in_words,
    citation,
    clock,
    count_text,
    joined,
    date_line,
    date_phrase,
    document_number,
    money,
    nfc,
    number,
    number_in_words,
    number_line,
    percent,
    percent_value,
    short_date,
    upper_vi,
)

# --- amounts in words --------------------------------------------------------------------------

AMOUNTS = [
    (0, "bốn", "Không đồng"),
    (5, "bốn", "Năm đồng"),
    (10, "bốn", "Mười đồng"),
    (11, "bốn", "Mười một đồng"),
    (14, "bốn", "Mười bốn đồng"),
    (14, "tư", "Mười bốn đồng"),
    (15, "bốn", "Mười lăm đồng"),
    (20, "bốn", "Hai mươi đồng"),
    (21, "bốn", "Hai mươi mốt đồng"),
    (24, "bốn", "Hai mươi bốn đồng"),
    (24, "tư", "Hai mươi tư đồng"),
    (25, "bốn", "Hai mươi lăm đồng"),
    (44, "bốn", "Bốn mươi bốn đồng"),
    (55, "bốn", "Năm mươi lăm đồng"),
    (100, "bốn", "Một trăm đồng"),
    (101, "bốn", "Một trăm lẻ một đồng"),
    (104, "tư", "Một trăm lẻ bốn đồng"),
    (105, "bốn", "Một trăm lẻ năm đồng"),
    (110, "bốn", "Một trăm mười đồng"),
    (115, "bốn", "Một trăm mười lăm đồng"),
    (121, "bốn", "Một trăm hai mươi mốt đồng"),
    (1_000, "bốn", "Một nghìn đồng"),
    (1_001, "bốn", "Một nghìn không trăm lẻ một đồng"),
    (1_005, "bốn", "Một nghìn không trăm lẻ năm đồng"),
    (1_010, "bốn", "Một nghìn không trăm mười đồng"),
    (1_015, "bốn", "Một nghìn không trăm mười lăm đồng"),
    (1_100, "bốn", "Một nghìn một trăm đồng"),
    (10_500, "bốn", "Mười nghìn năm trăm đồng"),
    (15_000, "bốn", "Mười lăm nghìn đồng"),
    (21_000, "bốn", "Hai mươi mốt nghìn đồng"),
    (100_000, "bốn", "Một trăm nghìn đồng"),
    (101_000, "bốn", "Một trăm lẻ một nghìn đồng"),
    (1_000_000, "bốn", "Một triệu đồng"),
    (1_000_001, "bốn", "Một triệu không trăm lẻ một đồng"),
    (1_001_000, "bốn", "Một triệu không trăm lẻ một nghìn đồng"),
    (1_500_000, "bốn", "Một triệu năm trăm nghìn đồng"),
    (
        1_234_567,
        "bốn",
        "Một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy đồng",
    ),
    (
        1_234_567,
        "tư",
        "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng",
    ),
    (2_530_000, "bốn", "Hai triệu năm trăm ba mươi nghìn đồng"),
    (11_385_000, "bốn", "Mười một triệu ba trăm tám mươi lăm nghìn đồng"),
    (21_000_000, "bốn", "Hai mươi mốt triệu đồng"),
    (
        999_999_999,
        "bốn",
        "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn" " chín trăm chín mươi chín đồng",
    ),
    (1_000_000_000, "bốn", "Một tỷ đồng"),
    (1_000_005_000, "bốn", "Một tỷ không trăm lẻ năm nghìn đồng"),
    (1_000_000_000_000, "bốn", "Một nghìn tỷ đồng"),
    (1_000_000_000_001, "bốn", "Một nghìn tỷ không trăm lẻ một đồng"),
    (1_001_000_000_000, "bốn", "Một nghìn không trăm lẻ một tỷ đồng"),
    (10**15, "bốn", "Một triệu tỷ đồng"),
    (10**18, "bốn", "Một tỷ tỷ đồng"),
    (-5, "bốn", "Âm năm đồng"),
    (-21, "bốn", "Âm hai mươi mốt đồng"),
]


@pytest.mark.parametrize(("n", "four", "expected"), AMOUNTS)
def test_amount_in_words(n: int, four: str, expected: str) -> None:
    assert amount_in_words(n, four=four) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (101, "Một trăm linh một đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
        (1_000_001, "Một triệu không trăm linh một đồng"),
        (101_000, "Một trăm linh một nghìn đồng"),
    ],
)
def test_amount_in_words_linh(n: int, expected: str) -> None:
    assert amount_in_words(n, odd="linh") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "không"),
        (1_010, "một nghìn không trăm mười"),
        (-1_001, "âm một nghìn không trăm lẻ một"),
        (10**21, "một nghìn tỷ tỷ"),
    ],
)
def test_number_in_words_is_lower_case_without_unit(n: int, expected: str) -> None:
    assert number_in_words(n) == expected


def test_number_in_words_takes_linh_positionally() -> None:
    assert number_in_words(2_008, "linh") == "hai nghìn không trăm linh tám"


def test_amount_in_words_unit_and_capitalisation_options() -> None:
    assert amount_in_words(25, capitalize=False) == "hai mươi lăm đồng"
    assert amount_in_words(25, unit="") == "Hai mươi lăm"
    assert amount_in_words(8, unit="người", capitalize=False) == "tám người"


@pytest.mark.parametrize("bad", [1.0, True, Decimal("5"), "5", None])
def test_amount_in_words_rejects_non_int(bad: object) -> None:
    with pytest.raises(TypeError):
        amount_in_words(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("options", [{"odd": "linh "}, {"odd": "lẽ"}, {"four": "tu"}])
def test_amount_in_words_rejects_unknown_variants(options: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        amount_in_words(24, **options)


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2017, 1, 5), "ngày 05 tháng 01 năm 2017"),
        (datetime.date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (datetime.date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (datetime.date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (datetime.date(2016, 2, 10), "ngày 10 tháng 02 năm 2016"),
        (datetime.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (datetime.date(2026, 3, 10), "ngày 10 tháng 3 năm 2026"),
        (datetime.date(2026, 9, 30), "ngày 30 tháng 9 năm 2026"),
        (datetime.date(2026, 10, 1), "ngày 01 tháng 10 năm 2026"),
        (datetime.date(2026, 11, 25), "ngày 25 tháng 11 năm 2026"),
        (datetime.date(2026, 12, 9), "ngày 09 tháng 12 năm 2026"),
        (datetime.date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    ],
)
def test_date_phrase(d: datetime.date, expected: str) -> None:
    assert date_phrase(d) == expected


def test_date_line() -> None:
    assert date_line("Thái Nguyên", datetime.date(2017, 1, 5)) == ("Thái Nguyên, ngày 05 tháng 01 năm 2017")


def test_date_line_normalises_place_to_nfc() -> None:
    place = unicodedata.normalize("NFD", "Hà Nội")
    line = date_line(place, datetime.date(2026, 3, 5))
    assert line == "Hà Nội, ngày 05 tháng 3 năm 2026"
    assert unicodedata.is_normalized("NFC", line)


def test_date_line_needs_a_place() -> None:
    with pytest.raises(ValueError):
        date_line("  ", datetime.date(2026, 3, 5))


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2017, 1, 5), "05/01/2017"),
        (datetime.date(2026, 3, 9), "09/03/2026"),
        (datetime.date(2026, 11, 25), "25/11/2026"),
        (datetime.date(2026, 12, 1), "01/12/2026"),
    ],
)
def test_short_date(d: datetime.date, expected: str) -> None:
    assert short_date(d) == expected


# --- document numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (12, "12"), (148, "148")]
)
def test_document_number(n: int, expected: str) -> None:
    assert document_number(n) == expected


@pytest.mark.parametrize(("bad", "error"), [(0, ValueError), (-3, ValueError), (True, TypeError)])
def test_document_number_rejects(bad: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        document_number(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("number_", "type_abbr", "issuer", "expected"),
    [
        (12, "KH", "UBND", "Số: 12/KH-UBND"),
        (5, "QĐ", "UBND", "Số: 05/QĐ-UBND"),
        (148, "TTr", "SNV", "Số: 148/TTr-SNV"),
        (None, "KH", "UBND", "Số:      /KH-UBND"),
        (5, None, "UBND-VX", "Số: 05/UBND-VX"),
        (None, None, "UBND-VX", "Số:      /UBND-VX"),
    ],
)
def test_number_line(number_: int | None, type_abbr: str | None, issuer: str, expected: str) -> None:
    assert number_line(number_, type_abbr, issuer) == expected


@pytest.mark.parametrize(
    ("type_name", "number_", "type_abbr", "issuer", "expected"),
    [
        ("Biên bản", 13, "BB", "KTĐVHXH", "Biên bản số 13/BB-KTĐVHXH ngày 20/12/2016"),
        ("Tờ trình", 5, "TTr", "SNV", "Tờ trình số 05/TTr-SNV ngày 20/12/2016"),
        ("Công văn", 7, None, "UBND-VX", "Công văn số 07/UBND-VX ngày 20/12/2016"),
        ("Biên bản", None, "BB", "KTĐVHXH", "Biên bản ngày 20/12/2016"),
    ],
)
def test_citation(type_name: str, number_: int | None, type_abbr: str | None, issuer: str, expected: str) -> None:
    assert citation(type_name, number_, type_abbr, issuer, datetime.date(2016, 12, 20)) == expected


def test_draft_number_line_leaves_six_spaces() -> None:
    assert number_line(None, "KH", "UBND") == "Số:" + " " * 6 + "/KH-UBND"


@pytest.mark.parametrize(
    ("type_abbr", "issuer"), [("KH", ""), ("KH ", "UBND"), ("KH", "UBND VX"), ("", "UBND")]
)
def test_number_line_rejects_blank_or_spaced_abbreviations(type_abbr: str, issuer: str) -> None:
    with pytest.raises(ValueError):
        number_line(1, type_abbr, issuer)


# --- numbers, percentages, money ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1_234_567, None, "1.234.567"),
        (0, None, "0"),
        (-1_234, None, "-1.234"),
        (999, None, "999"),
        (Decimal("1234567.5"), None, "1.234.567,5"),
        (Decimal("1.2345"), None, "1,2345"),
        (Decimal("1234567.5"), 2, "1.234.567,50"),
        (1_234, 2, "1.234,00"),
        (Decimal("1.005"), 2, "1,01"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("0.5"), 0, "1"),
        (Decimal("-0.001"), 2, "0,00"),
    ],
)
def test_number(value: int | Decimal, decimals: int | None, expected: str) -> None:
    assert number(value, decimals) == expected


@pytest.mark.parametrize(
    ("bad", "error"), [(1.5, TypeError), (False, TypeError), (Decimal("NaN"), ValueError)]
)
def test_number_rejects(bad: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        number(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("numerator", "denominator", "decimals", "expected"),
    [
        (1, 8, 2, "12,50%"),
        (1, 8, 0, "13%"),
        (2, 3, 2, "66,67%"),
        (2, 3, 0, "67%"),
        (1, 3, 1, "33,3%"),
        (1, 6, 2, "16,67%"),
        (5, 6, 2, "83,33%"),
        (1, 1, 2, "100,00%"),
        (0, 5, 2, "0,00%"),
        (3, 2, 2, "150,00%"),
        (1, 400, 1, "0,3%"),
        (7_999, 10_000, 2, "79,99%"),
        (79_985, 100_000, 2, "79,99%"),
        (79_995, 100_000, 2, "80,00%"),
        (79_994, 100_000, 2, "79,99%"),
        # 0.5 - 10^-29 percent: 28-digit division would round up to 0.5 and then to 1%.
        (5 * 10**28 - 1, 10**31, 0, "0%"),
    ],
)
def test_percent(numerator: int, denominator: int, decimals: int, expected: str) -> None:
    assert percent(numerator, denominator, decimals) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "decimals", "error"),
    [
        (1, 0, 2, ValueError),
        (0, 0, 2, ValueError),
        (1, -2, 2, ValueError),
        (-1, 2, 2, ValueError),
        (1, 2, -1, ValueError),
        (1.0, 2, 2, TypeError),
        (1, True, 2, TypeError),
    ],
)
def test_percent_rejects(
    numerator: object, denominator: object, decimals: int, error: type[Exception]
) -> None:
    with pytest.raises(error):
        percent(numerator, denominator, decimals)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("79.985"), 2, "79,99%"),
        (Decimal("12.5"), 0, "13%"),
        (Decimal("100"), 2, "100,00%"),
        (Decimal("-0.001"), 2, "0,00%"),
        (Decimal("1234.5"), 1, "1.234,5%"),
    ],
)
def test_percent_value(value: Decimal, decimals: int, expected: str) -> None:
    assert percent_value(value, decimals) == expected


def test_percent_value_rejects_float() -> None:
    with pytest.raises(TypeError):
        percent_value(79.985)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(1_500_000, "1.500.000 đồng"), (1_000, "1.000 đồng"), (999, "999 đồng"), (0, "0 đồng")],
)
def test_money(amount: int, expected: str) -> None:
    assert money(amount) == expected


@pytest.mark.parametrize("bad", [Decimal("1500000"), 1.5, True])
def test_money_rejects_non_int(bad: object) -> None:
    with pytest.raises(TypeError):
        money(bad)  # type: ignore[arg-type]


# --- Unicode -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ủy ban nhân dân", "ỦY BAN NHÂN DÂN"),
        ("hòa", "HÒA"),
        ("đặc khu", "ĐẶC KHU"),
        ("Sở Nội vụ tỉnh Thái Nguyên", "SỞ NỘI VỤ TỈNH THÁI NGUYÊN"),
    ],
)
def test_upper_vi(text: str, expected: str) -> None:
    assert upper_vi(text) == expected


def test_upper_vi_turns_nfd_input_into_nfc_output() -> None:
    decomposed = unicodedata.normalize("NFD", "cộng hòa xã hội chủ nghĩa việt nam")
    assert not unicodedata.is_normalized("NFC", decomposed)  # the input really is decomposed
    result = upper_vi(decomposed)
    assert result == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert unicodedata.is_normalized("NFC", result)


def test_nfc_composes() -> None:
    decomposed = unicodedata.normalize("NFD", "ệ")
    assert len(decomposed) == 3
    assert nfc(decomposed) == "ệ"
    assert len(nfc(decomposed)) == 1


@pytest.mark.parametrize(("n", "text"), [(0, "0"), (1, "01"), (9, "09"), (10, "10"), (148, "148"), (1000, "1.000"), (10000, "10.000")])
def test_counts_take_a_leading_zero_below_ten(n, text):
    assert count_text(n) == text


def test_clock_in_minutes():
    assert clock(datetime.datetime(2016, 12, 20, 8, 0)) == "08 giờ 00 phút, ngày 20 tháng 12 năm 2016"


@pytest.mark.parametrize(
    ("parts", "text"), [(["a"], "a"), (["a", "b"], "a và b"), (["a", "b", "c"], "a, b và c")]
)
def test_a_list_in_a_sentence(parts, text):
    assert joined(parts) == text
