"""Derived values of the year-end scoring: totals, achievement shares, competition ranking, Vietnamese order."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from pipeline.law.scoring import Standing, achievement_share, rank, subtotal, total, vietnamese_sort_key

D = Decimal


def test_subtotal_is_exact_for_half_and_tenth_points():
    assert subtotal([D("0.1"), D("0.2")]) == D("0.3")
    assert subtotal([D("9.5"), D("0.5"), D("0.25"), D("0.75")]) == D("11")
    assert subtotal([]) == D(0)


def test_total_adds_bonus_and_subtracts_penalty():
    assert total([D(29), D("9.5"), D("9.5")], [D("1.5")], [D("0.5")]) == D("49")


def test_penalty_larger_than_bonus_lowers_the_total_below_the_self_scores():
    assert total([D("94.5")], [D("0.5")], [D(1)]) == D("94")


def test_zero_scores_and_no_adjustments_give_zero():
    assert total([D(0), D(0)], [], []) == D(0)


def test_total_is_not_clamped_at_zero():
    assert total([D(1)], [], [D("1.5")]) == D("-0.5")


@pytest.mark.parametrize(
    ("planned", "achieved", "share"),
    [
        (D(95), D("97.5"), D("102.6315789473684210526315789473684210526")),
        (D(2), D(3), D(150)),
        (D(100), D(100), D(100)),
        (D(20), D(0), D(0)),
    ],
)
def test_achievement_share_in_percent(planned, achieved, share):
    assert achievement_share(planned, achieved) == share


def test_no_share_when_nothing_was_planned():
    assert achievement_share(D(0), D(3)) is None


def standings(result: list[Standing]) -> list[tuple[str, str, int, bool]]:
    return [(s.name, str(s.total), s.rank, s.tied) for s in result]


def test_competition_ranking_shares_a_rank_and_skips_the_next():
    totals = {"A": D(98), "B": D(97), "C": D("96.5"), "D": D("96.50"), "E": D(96)}
    assert standings(rank(totals)) == [
        ("A", "98", 1, False),
        ("B", "97", 2, False),
        ("C", "96.5", 3, True),
        ("D", "96.50", 3, True),
        ("E", "96", 5, False),
    ]


def test_all_equal_share_the_first_rank_in_name_order():
    totals = {"Sở Y tế": D(90), "Ban Dân tộc tỉnh": D(90), "Báo Thái Nguyên": D(90)}
    assert standings(rank(totals)) == [
        ("Ban Dân tộc tỉnh", "90", 1, True),
        ("Báo Thái Nguyên", "90", 1, True),
        ("Sở Y tế", "90", 1, True),
    ]


def test_zero_and_negative_totals_rank_last():
    totals = {"A": D(0), "B": D("-0.5"), "C": D("0.25")}
    assert standings(rank(totals)) == [("C", "0.25", 1, False), ("A", "0", 2, False), ("B", "-0.5", 3, False)]


def test_ranking_does_not_depend_on_input_order():
    totals = {"Sở Giáo dục và Đào tạo": D("95.5"), "Sở Y tế": D("95.5"), "Đài Phát thanh": D("98.5"),
              "Bảo hiểm xã hội tỉnh": D(95)}
    expected = rank(totals)
    items = list(totals.items())
    for seed in range(5):
        random.Random(seed).shuffle(items)
        assert rank(dict(items)) == expected
    assert [s.name for s in expected] == ["Đài Phát thanh", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Bảo hiểm xã hội tỉnh"]


def test_no_units_no_standings():
    assert rank({}) == []


def vi_sorted(names: list[str]) -> list[str]:
    return sorted(names, key=vietnamese_sort_key)


def test_vietnamese_letters_follow_the_alphabet_not_code_points():
    # Code-point order would put "Đài" after "Yên" and "Ăn" after "Bé".
    assert vi_sorted(["Yên", "Đài", "Dân", "Em", "Ân", "Ăn", "An", "Bé"]) == [
        "An", "Ăn", "Ân", "Bé", "Dân", "Đài", "Em", "Yên",
    ]
    assert vi_sorted(["Ưng", "Uông", "Ơn", "Ông", "Ong", "Vân"]) == ["Ong", "Ông", "Ơn", "Uông", "Ưng", "Vân"]


def test_tones_count_only_when_letters_are_equal_in_dictionary_order():
    assert vi_sorted(["bạ", "bá", "bã", "bả", "bà", "ba"]) == ["ba", "bà", "bả", "bã", "bá", "bạ"]
    # "bác" < "bạc" by tone, but "bạc" < "bai" by letters: letters decide first.
    assert vi_sorted(["bai", "bạc", "bác"]) == ["bác", "bạc", "bai"]


def test_case_and_decomposed_input_do_not_change_the_order():
    decomposed = "Sở Y tế".replace("ở", "ơ\u0309").replace("ế", "e\u0302\u0301")
    assert vietnamese_sort_key(decomposed)[:2] == vietnamese_sort_key("Sở Y tế")[:2]
    assert vi_sorted(["báo", "BAN", "Bảo"]) == ["BAN", "Bảo", "báo"]


def test_spaces_sort_before_digits_and_digits_before_letters():
    assert vi_sorted(["Khối A", "Khối 2", "Khối", "KhốiA"]) == ["Khối", "Khối 2", "Khối A", "KhốiA"]


def test_different_spellings_never_compare_equal():
    assert vietnamese_sort_key("Sở y tế") != vietnamese_sort_key("Sở Y tế")
