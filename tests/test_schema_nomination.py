"""The tờ trình input and its link to the vote: nominees come from the vote, never retyped."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.law.awards import nominees
from pipeline.core.errors import InputError
from pipeline.orchestrator import validate_file
from pipeline.law.rulebook import RuleBook
from pipeline.law.votes import tally

from tests.dossier_files import bloc_threshold
from tests.samples import SAMPLES

BLOC = SAMPLES / "bloc-2016"
# A tie for the last seat needs more "đồng ý" than the ballots allow at 80% (each ballot agrees with
# at most as many candidates as there are seats), so the tie tests use a bloc's own 40% threshold
# and one seat for the Bằng khen: 05 and 05 of 10.
TIE = (
    ("    seats: 3", "    seats: 1"),
    ("        votes: 8\n", "        votes: 5\n"),
    ("        votes: 6\n", "        votes: 5\n"),
    ("        votes: 3\n", "        votes: 0\n"),
)


def dossier(tmp_path: Path, vote: tuple[tuple[str, str], ...] = (), nomination: tuple[tuple[str, str], ...] = ()):
    """Copies of the sample vote and tờ trình with ``(old, new)`` replacements; the tờ trình's path."""
    for name, replacements in (("bien-ban-hop.yaml", vote), ("to-trinh.yaml", nomination)):
        text = (BLOC / name).read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new, 1)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "to-trinh.yaml"


def errors(path: Path, rules: RuleBook | None = None) -> list[tuple[str, str | None, str]]:
    with pytest.raises(InputError) as caught:
        validate_file(path, rules=rules)
    return [(f.code, f.path, f.message) for f in caught.value.findings if f.is_error]


def test_the_sample_takes_its_nominees_from_the_vote():
    validated = validate_file(BLOC / "to-trinh.yaml")
    vote = validated.linked["vote"]
    assert [(n.title.name, n.candidate.name) for n in nominees(tally(vote.model, vote.rules))] == [
        ("Cờ thi đua của Chính phủ", "Đài Phát thanh - Truyền hình Thái Nguyên"),
        ("Cờ thi đua của UBND tỉnh", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "Ban Quản lý Khu di tích lịch sử ATK Định Hóa"),
    ]
    assert [(f.code, f.path) for f in validated.warnings] == [
        ("rule.unconfirmed", "vote.titles"),  # the practice threshold of a bloc's suy tôn
        ("rule.unconfirmed", "nomination.vote"),  # who decides under the 2003 law
    ]


def test_a_summary_for_someone_who_did_not_pass_lists_the_nominees(tmp_path):
    path = dossier(tmp_path, nomination=(("  Sở Văn hóa, Thể thao và Du lịch:", "  Báo Thái Nguyên:"),))
    assert errors(path) == [
        (
            "link.unknown_nominee", 'nomination.achievements["Báo Thái Nguyên"]',
            "«Báo Thái Nguyên» không phải người được đề nghị theo biên bản bình xét. Những người được đề nghị: "
            "«Đài Phát thanh - Truyền hình Thái Nguyên», «Sở Văn hóa, Thể thao và Du lịch», «Ban Quản lý Khu di "
            "tích lịch sử ATK Định Hóa».",
        ),
        (
            "link.achievement_missing", "nomination.achievements",
            "Thiếu tóm tắt thành tích của: «Sở Văn hóa, Thể thao và Du lịch».",
        ),
    ]


def test_a_name_must_match_exactly(tmp_path):
    path = dossier(tmp_path, nomination=(("  Sở Văn hóa, Thể thao và Du lịch:", "  Sở Văn hóa, Thể thao, Du lịch:"),))
    assert [code for code, _, _ in errors(path)] == ["link.unknown_nominee", "link.achievement_missing"]


def test_an_undecided_tie_stops_the_nomination(tmp_path):
    path = dossier(tmp_path, vote=TIE)
    assert errors(path, bloc_threshold(tmp_path, 40)) == [(
        "link.tie_undecided", "nomination.vote",
        "Kết quả danh hiệu «Bằng khen của Chủ tịch UBND tỉnh» chưa xác định: «Ban Quản lý Khu di tích lịch sử ATK "
        "Định Hóa» và «Báo Thái Nguyên» cùng có 5 phiếu đồng ý (50,00%) cho 1 suất còn lại; cuộc họp cần bỏ phiếu "
        "lại hoặc quyết định theo quy chế trước khi lập tờ trình.",
    )]


def test_the_tie_is_a_warning_on_the_vote_itself(tmp_path):
    dossier(tmp_path, vote=TIE)
    warnings = validate_file(tmp_path / "bien-ban-hop.yaml", rules=bloc_threshold(tmp_path, 40)).warnings
    assert [(f.code, f.path, f.reference) for f in warnings] == [
        # The flags keep the council's 80%, higher than the bloc's own 40% (NĐ 42/2010: unconfirmed).
        ("rule.unconfirmed", "vote.titles", "Nghị định 42/2010/NĐ-CP"),
        ("rule.vote.tie_undecided", "vote.titles[2]", None),
    ]


def test_a_nomination_dated_before_the_meeting(tmp_path):
    path = dossier(tmp_path, nomination=(("  date: 2016-12-22", "  date: 2016-12-19"),))
    assert errors(path) == [(
        "link.nomination_before_vote", "nomination.document.date",
        "Ngày tờ trình (19/12/2016) trước ngày họp bình xét (20/12/2016).",
    )]


def test_nobody_passed(tmp_path):
    vote = (("        votes: 10\n", "        votes: 7\n"), ("        votes: 9\n", "        votes: 7\n"),
            ("        votes: 8\n", "        votes: 7\n"))
    assert errors(dossier(tmp_path, vote=vote))[0] == (
        "link.no_nominee", "nomination.vote",
        "Không có ứng viên nào đạt trong biên bản bình xét: không có ai để đề nghị.",
    )


def test_a_tờ_trình_is_addressed(tmp_path):
    path = dossier(tmp_path, nomination=(
        ("  addressees:\n    - Chủ tịch UBND tỉnh Thái Nguyên\n    - Ban Thi đua - Khen thưởng tỉnh\n", ""),
    ))
    assert errors(path) == [(
        "schema.nomination.addressee_missing", "nomination.recipients",
        "Tờ trình gửi cấp trên: cần ghi người có thẩm quyền ở «addressees» (dòng «Kính gửi»), ví dụ: Chủ tịch UBND "
        "tỉnh Thái Nguyên.",
    )]


def test_a_broken_vote_is_reported_with_the_nomination(tmp_path):
    path = dossier(tmp_path, vote=(("  total: 10", "  total: 11"),))
    assert [(code, where) for code, where, _ in errors(path)] == [("schema.vote.members_mismatch", "vote.members")]
