"""The vote input: every inconsistency is reported at its path, in Vietnamese, naming both fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.stages.load import load
from pipeline.stages.validate import validate
from schemas.vote import Vote

from tests.samples import SAMPLES

SAMPLE = SAMPLES / "bloc-2016" / "bien-ban-hop.yaml"
ABSENT = (
    "  absent:\n    - name: Trường Cao đẳng Y tế Thái Nguyên\n      written_opinion: true\n      reason: đi công tác\n"
)
BALLOTS = "    issued: 9\n    returned: 9\n    valid: 9\n    invalid: 0\n"


def write(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "bien-ban.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, *replacements: tuple[str, str]) -> list[tuple[str, str | None, int | None, str]]:
    path = write(tmp_path, *replacements)
    with pytest.raises(InputError) as caught:
        validate(load(path, root="vote"), Vote, root="vote")
    return [(f.code, f.path, f.line, f.message) for f in caught.value.findings]


def test_the_sample_is_valid():
    vote, warnings = validate(load(SAMPLE, root="vote"), Vote, root="vote")
    assert warnings == []
    assert vote.members.present_count == 9 and vote.members.written_opinions == 1
    assert [t.name for t in vote.titles] == [
        "Cờ thi đua của Chính phủ",
        "Cờ thi đua của UBND tỉnh",
        "Bằng khen của Chủ tịch UBND tỉnh",
    ]


def test_present_may_be_a_count(tmp_path):
    names = SAMPLE.read_text(encoding="utf-8").split("  present:\n", 1)[1].split("  absent:", 1)[0]
    path = write(tmp_path, ("  present:\n" + names, "  present: 9\n"))
    vote, _ = validate(load(path, root="vote"), Vote, root="vote")
    assert vote.members.present_count == 9


def test_present_and_absent_must_add_up_to_total(tmp_path):
    assert problems(tmp_path, ("  total: 10", "  total: 11")) == [(
        "schema.vote.members_mismatch", "vote.members", 39,
        "Số thành viên có mặt (present: 9) cộng số thành viên vắng mặt (absent: 1) là 10, khác tổng số thành viên "
        "(total: 11).",
    )]


def test_a_member_cannot_be_both_present_and_absent(tmp_path):
    found = problems(
        tmp_path,
        ("    - Bảo hiểm xã hội tỉnh\n", "    - Trường Cao đẳng Y tế Thái Nguyên\n"),
    )
    assert found == [(
        "schema.vote.member_repeated", "vote.members", 39,
        "Thành viên ghi hơn một lần trong danh sách có mặt (present) và vắng mặt (absent): «Trường Cao đẳng Y tế "
        "Thái Nguyên».",
    )]


def test_returned_cannot_exceed_issued(tmp_path):
    assert problems(tmp_path, (BALLOTS, "    issued: 8\n    returned: 9\n    valid: 9\n    invalid: 0\n")) == [(
        "schema.vote.returned_above_issued", "vote.counting.ballots", 74,
        "Số phiếu thu về (returned: 9) lớn hơn số phiếu phát ra (issued: 8).",
    )]


def test_valid_and_invalid_must_add_up_to_returned(tmp_path):
    assert problems(tmp_path, (BALLOTS, "    issued: 9\n    returned: 9\n    valid: 8\n    invalid: 0\n")) == [(
        "schema.vote.ballots_mismatch", "vote.counting.ballots", 74,
        "Số phiếu hợp lệ (valid: 8) cộng số phiếu không hợp lệ (invalid: 0) là 8, khác số phiếu thu về "
        "(returned: 9).",
    )]


def test_ballots_go_to_the_members_present_only(tmp_path):
    # A written opinion of an absent member is recorded beside the ballots, never as one handed out.
    assert problems(tmp_path, (BALLOTS, "    issued: 10\n    returned: 9\n    valid: 9\n    invalid: 0\n")) == [(
        "schema.vote.issued_above_voters", "vote.counting.ballots.issued", 75,
        "Số phiếu phát ra (counting.ballots.issued: 10) lớn hơn số thành viên có mặt (members.present: 9): phiếu "
        "chỉ phát cho thành viên có mặt; ý kiến bằng văn bản của thành viên vắng mặt không phải phiếu phát ra, "
        "biên bản ghi riêng.",
    )]


def test_a_ballot_agrees_with_at_most_as_many_candidates_as_seats(tmp_path):
    # 08 + 06 + 03 = 17 "đồng ý" for 01 seat out of 09 valid ballots and 01 written opinion: some
    # ballot agreed with two.
    assert problems(tmp_path, ("    seats: 3", "    seats: 1")) == [(
        "schema.vote.choices_above_seats", "vote.titles[2].seats", 93,
        "Tổng số phiếu đồng ý của các ứng viên «Bằng khen của Chủ tịch UBND tỉnh» (titles[2]: 17) lớn hơn số suất "
        "(titles[2].seats: 1) nhân số phiếu hợp lệ (counting.ballots.valid: 9) cộng số ý kiến bằng văn bản "
        "(members.absent: 1): mỗi phiếu, mỗi ý kiến chỉ được đồng ý nhiều nhất 1 ứng viên.",
    )]
    vote, _ = validate(load(write(tmp_path, ("    seats: 3", "    seats: 2")), root="vote"), Vote, root="vote")
    assert vote.titles[2].seats == 2  # 17 ≤ 2 × 10


def test_votes_cannot_exceed_valid_ballots(tmp_path):
    assert problems(tmp_path, ("        votes: 8\n", "        votes: 11\n")) == [(
        "schema.vote.votes_above_valid", "vote.titles[2].candidates[0].votes", 96,
        "Số phiếu đồng ý của «Ban Quản lý Khu di tích lịch sử ATK Định Hóa» (titles[2].candidates[0].votes: 11) "
        "lớn hơn số phiếu hợp lệ (counting.ballots.valid: 9) cộng số ý kiến bằng văn bản của thành viên vắng mặt "
        "(members.absent: 1).",
    )]


def test_a_candidate_once_per_title(tmp_path):
    assert problems(tmp_path, ("      - name: Sở Y tế\n", "      - name: Báo Thái Nguyên\n")) == [(
        "schema.vote.candidate_repeated", "vote.titles[2]", 91,
        "Ứng viên ghi hơn một lần trong danh hiệu «Bằng khen của Chủ tịch UBND tỉnh»: «Báo Thái Nguyên».",
    )]


def test_a_title_once_per_vote(tmp_path):
    assert problems(tmp_path, ("  - name: Cờ thi đua của Chính phủ", "  - name: Cờ thi đua của UBND tỉnh")) == [(
        "schema.vote.title_repeated", "vote.titles", 80,
        "Danh hiệu ghi hơn một lần trong titles: «Cờ thi đua của UBND tỉnh»; gộp các ứng viên vào một mục.",
    )]


def test_the_year_matches_the_meeting(tmp_path):
    assert problems(tmp_path, ("year: 2016", "year: 2014")) == [(
        "schema.vote.year_mismatch", "vote.year", 27,
        "Năm thi đua (year: 2014) không khớp thời gian họp (start: 08:00 ngày 20/12/2016): cuộc họp bình xét diễn "
        "ra cuối năm đó hoặc đầu năm sau.",
    )]


def test_the_meeting_ends_after_it_starts(tmp_path):
    assert problems(tmp_path, ("end: 2016-12-20 11:30", "end: 2016-12-20 07:30")) == [(
        "schema.vote.meeting_order", "vote.end", 29,
        "Thời gian kết thúc cuộc họp (end: 07:30 ngày 20/12/2016) phải sau thời gian bắt đầu (start: 08:00 ngày "
        "20/12/2016).",
    )]


def test_the_count_happens_during_the_meeting(tmp_path):
    assert problems(tmp_path, ("  end: 2016-12-20 10:30", "  end: 2016-12-20 12:30")) == [(
        "schema.vote.counting_outside_meeting", "vote.counting", 62,
        "Thời gian kiểm phiếu (counting.start: 10:00 ngày 20/12/2016, counting.end: 12:30 ngày 20/12/2016) phải "
        "nằm trong thời gian họp (start: 08:00 ngày 20/12/2016, end: 11:30 ngày 20/12/2016).",
    )]


def test_the_count_ends_after_it_starts(tmp_path):
    assert problems(tmp_path, ("  end: 2016-12-20 10:30", "  end: 2016-12-20 09:30")) == [(
        "schema.vote.counting_order", "vote.counting", 62,
        "Giờ kiểm phiếu xong (end: 09:30 ngày 20/12/2016) phải sau giờ bắt đầu kiểm phiếu (start: 10:00 ngày "
        "20/12/2016).",
    )]


def test_a_share_cannot_be_typed(tmp_path):
    found = problems(tmp_path, ("        votes: 9\n", "        votes: 9\n        share: 90%\n"))
    assert found == [(
        "schema.unknown_field", "vote.titles[1].candidates[0].share", 91,
        "Trường «share» không có trong mẫu dữ liệu. Các trường hợp lệ: name, votes.",
    )]


def test_the_counting_committee_has_at_most_two_members_besides_its_head(tmp_path):
    extra = "    - name: Ma Văn Sơn\n      position: Trưởng ban Ban Dân tộc tỉnh\n"
    found = problems(tmp_path, (extra, extra + "    - name: Vũ Đức Thắng\n      position: Trưởng ban\n"))
    assert found == [(
        "schema.too_long", "vote.counting.members", 69, "Chỉ được tối đa 2 mục, hiện có 3.",
    )]


def test_every_inconsistency_at_once_even_beside_a_broken_member_count(tmp_path):
    found = problems(tmp_path, ("  total: 10", "  total: 11"), (BALLOTS, BALLOTS.replace("valid: 9", "valid: 8")))
    assert [(code, path, line) for code, path, line, _ in found] == [
        ("schema.vote.members_mismatch", "vote.members", 39),
        ("schema.vote.ballots_mismatch", "vote.counting.ballots", 74),
    ]
