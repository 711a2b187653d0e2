"""Vote results: shares over the total, exact thresholds, ranks with ties, seats (pipeline.law.votes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from datetime import date

from pipeline.stages.load import load
from pipeline.law.rulebook import Recipient, builtin_book
from pipeline.stages.validate import validate
from pipeline.law.votes import Outcome, competition_ranks, reaches, tally, title_result, votes_needed
from schemas.vote import Vote

from tests.samples import SAMPLES

# The thresholds of NĐ 98/2023/NĐ-CP, confirmed in the sources (legal-facts B5).
ND98 = builtin_book().on(date(2024, 12, 20))
EIGHTY = ND98.titles["Cờ thi đua của UBND tỉnh"].council_threshold
NINETY = ND98.titles["Chiến sĩ thi đua cấp tỉnh"].council_threshold
RULES_2016 = builtin_book().on(date(2016, 12, 20))
C = Recipient.COLLECTIVE


def outcomes(seats, votes, total=10, threshold=EIGHTY):
    candidates = [(f"Đơn vị {chr(ord('A') + i)}", v) for i, v in enumerate(votes)]
    result = title_result("Cờ thi đua của UBND tỉnh", C, seats, candidates, total, threshold)
    return [(c.name, c.votes, c.share, c.rank, c.outcome) for c in result.candidates], result


@pytest.mark.parametrize(
    ("votes", "ranks"),
    [([10, 8, 8, 5], [1, 2, 2, 4]), ([7, 7, 7], [1, 1, 1]), ([0, 3], [2, 1]), ([5], [1])],
)
def test_competition_ranks(votes, ranks):
    assert competition_ranks(votes) == ranks


@pytest.mark.parametrize(
    ("votes", "total", "share", "passes"),
    [
        (7999, 10000, "79,99%", False),
        (8000, 10000, "80,00%", True),
        (7, 10, "70,00%", False),
        (8, 10, "80,00%", True),
        (7, 9, "77,78%", False),
        (8, 9, "88,89%", True),
        (0, 10, "0,00%", False),
        (10, 10, "100,00%", True),
    ],
)
def test_boundary_shares_at_eighty_percent(votes, total, share, passes):
    [(_, _, printed, _, outcome)], _ = outcomes(1, [votes], total)
    assert printed == share
    assert reaches(votes, total, EIGHTY) is passes
    assert (outcome is Outcome.PASSED) is passes


def test_ninety_percent_threshold():
    ninety = NINETY
    assert reaches(9, 10, ninety) and not reaches(8, 10, ninety)
    assert not reaches(17, 19, ninety)  # 89,47%
    assert reaches(18, 20, ninety)


@pytest.mark.parametrize(
    ("total", "threshold", "needed"),
    [(10, EIGHTY, 8), (9, EIGHTY, 8), (10, NINETY, 9), (11, NINETY, 10)],
)
def test_votes_needed(total, threshold, needed):
    assert votes_needed(total, threshold) == needed


def test_one_seat_two_candidates_with_equal_votes_is_undecided():
    rows, result = outcomes(1, [9, 9])
    assert rows == [
        ("Đơn vị A", 9, "90,00%", 1, Outcome.TIED),
        ("Đơn vị B", 9, "90,00%", 1, Outcome.TIED),
    ]
    assert result.passed == () and result.undecided
    assert result.note == (
        "Kết quả danh hiệu «Cờ thi đua của UBND tỉnh» chưa xác định: «Đơn vị A» và «Đơn vị B» cùng có 9 phiếu "
        "đồng ý (90,00%) cho 1 suất còn lại; cuộc họp cần bỏ phiếu lại hoặc quyết định theo quy chế trước khi "
        "lập tờ trình."
    )


def test_a_tie_after_a_clear_winner_leaves_only_the_last_seat_open():
    rows, result = outcomes(2, [8, 10, 9, 9])
    assert rows == [
        ("Đơn vị B", 10, "100,00%", 1, Outcome.PASSED),
        ("Đơn vị C", 9, "90,00%", 2, Outcome.TIED),
        ("Đơn vị D", 9, "90,00%", 2, Outcome.TIED),
        ("Đơn vị A", 8, "80,00%", 4, Outcome.OUT_OF_SEATS),
    ]
    assert [c.name for c in result.passed] == ["Đơn vị B"]
    assert "«Đơn vị C» và «Đơn vị D» cùng có 9 phiếu đồng ý (90,00%) cho 1 suất còn lại" in result.note


def test_a_tie_that_fits_the_seats_is_decided():
    rows, result = outcomes(2, [9, 9, 8])
    assert [r[4] for r in rows] == [Outcome.PASSED, Outcome.PASSED, Outcome.OUT_OF_SEATS]
    assert result.note is None and not result.undecided


def test_a_tie_below_the_threshold_is_simply_a_fail():
    rows, result = outcomes(1, [10, 7, 7])
    assert [r[4] for r in rows] == [Outcome.PASSED, Outcome.BELOW_THRESHOLD, Outcome.BELOW_THRESHOLD]
    assert result.note is None


def test_only_candidates_that_reach_the_threshold_take_seats():
    # Three seats, but only one candidate reaches 80%: the other seats stay empty.
    rows, result = outcomes(3, [8, 7, 6])
    assert [r[4] for r in rows] == [Outcome.PASSED, Outcome.BELOW_THRESHOLD, Outcome.BELOW_THRESHOLD]
    assert len(result.passed) == 1


def test_zero_votes_everywhere_passes_nobody():
    rows, result = outcomes(1, [0, 0])
    assert rows == [
        ("Đơn vị A", 0, "0,00%", 1, Outcome.BELOW_THRESHOLD),
        ("Đơn vị B", 0, "0,00%", 1, Outcome.BELOW_THRESHOLD),
    ]
    assert result.passed == () and not result.undecided


def test_threshold_for_council_and_bloc():
    flag = ND98.titles["Cờ thi đua của UBND tỉnh"]
    certificate = ND98.titles["Bằng khen của Chủ tịch UBND tỉnh"]
    fighter = ND98.titles["Chiến sĩ thi đua cấp tỉnh"]
    assert ND98.threshold_for(flag, "council") is EIGHTY
    assert ND98.threshold_for(certificate, "council") is ND98.practice_threshold
    assert ND98.threshold_for(flag, "bloc") is ND98.practice_threshold
    # A bloc never passes a title more easily than the council that votes next.
    assert ND98.threshold_for(fighter, "bloc") is NINETY


# --- Whole votes ------------------------------------------------------------------------------------
SAMPLE = SAMPLES / "bloc-2016" / "bien-ban-hop.yaml"


def sample_vote(tmp_path: Path, *replacements: tuple[str, str]) -> Vote:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "vote.yaml"
    path.write_text(text, encoding="utf-8")
    model, _ = validate(load(path, root="vote"), Vote, root="vote")
    return model


def test_the_sample_vote(tmp_path):
    result = tally(sample_vote(tmp_path), RULES_2016)
    assert result.attendance.total == 10 and result.attendance.present == 9
    assert result.attendance.written_opinions == 1 and result.attendance.silent_absentees == ()
    summary = [(t.name, [(c.name, c.share, c.outcome) for c in t.candidates]) for t in result.titles]
    assert summary == [
        ("Cờ thi đua của Chính phủ", [("Đài Phát thanh - Truyền hình Thái Nguyên", "100,00%", Outcome.PASSED)]),
        ("Cờ thi đua của UBND tỉnh", [("Sở Văn hóa, Thể thao và Du lịch", "90,00%", Outcome.PASSED)]),
        (
            "Bằng khen của Chủ tịch UBND tỉnh",
            [
                ("Ban Quản lý Khu di tích lịch sử ATK Định Hóa", "80,00%", Outcome.PASSED),
                ("Báo Thái Nguyên", "60,00%", Outcome.BELOW_THRESHOLD),
                ("Sở Y tế", "30,00%", Outcome.BELOW_THRESHOLD),
            ],
        ),
    ]
    assert all(t.threshold is RULES_2016.practice_threshold for t in result.titles)


def test_share_is_over_all_members_not_those_present(tmp_path):
    # 8 "đồng ý" of 9 present would be 88,89%; over the 10 members it is 80,00%.
    result = tally(sample_vote(tmp_path), RULES_2016)
    atk = result.title("Bằng khen của Chủ tịch UBND tỉnh").candidates[0]
    assert (atk.votes, atk.share) == (8, "80,00%")


def test_everyone_present(tmp_path):
    vote = sample_vote(
        tmp_path,
        ("    - Bảo hiểm xã hội tỉnh\n  absent:\n    - name: Trường Cao đẳng Y tế Thái Nguyên\n"
         "      written_opinion: true\n      reason: đi công tác\n",
         "    - Bảo hiểm xã hội tỉnh\n    - Trường Cao đẳng Y tế Thái Nguyên\n"),
        ("    issued: 9\n    returned: 9\n    valid: 9", "    issued: 10\n    returned: 10\n    valid: 10"),
    )
    attendance = tally(vote, RULES_2016).attendance
    assert (attendance.present, attendance.absent, attendance.written_opinions) == (10, 0, 0)


def test_absent_without_written_opinion_is_flagged(tmp_path):
    vote = sample_vote(
        tmp_path,
        ("written_opinion: true", "written_opinion: false"),
        ("        votes: 10\n", "        votes: 9\n"),
    )
    attendance = tally(vote, RULES_2016).attendance
    assert attendance.silent_absentees == ("Trường Cao đẳng Y tế Thái Nguyên",)
    assert attendance.written_opinions == 0


def test_a_council_vote_applies_the_decree_threshold(tmp_path):
    result = tally(sample_vote(tmp_path, ("body: bloc", "body: council")), RULES_2016)
    assert result.title("Cờ thi đua của UBND tỉnh").threshold is RULES_2016.titles["Cờ thi đua của UBND tỉnh"].council_threshold
    assert result.title("Bằng khen của Chủ tịch UBND tỉnh").threshold is RULES_2016.practice_threshold
