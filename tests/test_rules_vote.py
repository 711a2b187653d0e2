"""The rules of a vote (pipeline.law.checks.vote): titles of the catalogue in force, thresholds from the
packs, exact boundaries, ties, absent members without a written opinion."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.orchestrator import validate_file
from pipeline.law.rulebook import RuleBook

from tests.dossier_files import bloc_threshold
from tests.samples import SAMPLES

SAMPLE = SAMPLES / "bloc-2016" / "bien-ban-hop.yaml"


def write(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "bien-ban.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path, rules: RuleBook | None = None) -> list[tuple[str, str | None, int | None, str]]:
    with pytest.raises(InputError) as caught:
        validate_file(path, rules=rules)
    return [(f.code, f.path, f.line, f.message) for f in caught.value.findings]


def test_an_unknown_title_suggests_the_closest_name(tmp_path):
    assert errors(write(tmp_path, ("  - name: Cờ thi đua của UBND tỉnh", "  - name: Cờ thi đua UBND tỉnh"))) == [(
        "rule.title.unknown", "vote.titles[1].name", 86,
        "Danh hiệu, hình thức khen thưởng «Cờ thi đua UBND tỉnh» không có trong danh mục của hoso; có phải ý bạn "
        "là «Cờ thi đua của UBND tỉnh»?",
    )]


def test_a_title_far_from_every_name_lists_the_catalogue(tmp_path):
    [(code, path, line, message)] = errors(
        write(tmp_path, ("  - name: Cờ thi đua của UBND tỉnh", "  - name: Huân chương Lao động hạng Ba"))
    )
    assert (code, path, line) == ("rule.title.unknown", "vote.titles[1].name", 86)
    assert message.startswith(
        "Danh hiệu, hình thức khen thưởng «Huân chương Lao động hạng Ba» không có trong danh mục của hoso. Danh mục "
        "gồm: «Cờ thi đua của Chính phủ», «Cờ thi đua của UBND tỉnh», "
    )


def test_a_certificate_needs_its_recipient_kind(tmp_path):
    assert errors(write(tmp_path, ("    recipient: tập thể\n", ""))) == [(
        "rule.title.recipient_missing", "vote.titles[2]", 91,
        "«Bằng khen của Chủ tịch UBND tỉnh» dành cho cả tập thể và cá nhân: ghi recipient là «tập thể» hoặc "
        "«cá nhân».",
    )]


def test_a_flag_is_not_for_individuals(tmp_path):
    path = write(
        tmp_path,
        ("  - name: Cờ thi đua của UBND tỉnh\n", "  - name: Cờ thi đua của UBND tỉnh\n    recipient: cá nhân\n"),
    )
    assert errors(path) == [(
        "rule.title.recipient_not_allowed", "vote.titles[1]", 86,
        "«Cờ thi đua của UBND tỉnh» chỉ dành cho tập thể, không dành cho cá nhân.",
    )]


# --- Thresholds, exact at the boundary -----------------------------------------------------------------
ABSENT = (
    "  absent:\n    - name: Trường Cao đẳng Y tế Thái Nguyên\n      written_opinion: true\n      reason: đi công tác\n"
)
IN_2024 = (
    ("start: 2016-12-20 08:00", "start: 2024-12-20 08:00"),
    ("end: 2016-12-20 11:30", "end: 2024-12-20 11:30"),
    ("  start: 2016-12-20 10:00", "  start: 2024-12-20 10:00"),
    ("  end: 2016-12-20 10:30", "  end: 2024-12-20 10:30"),
    ("year: 2016", "year: 2024"),
)


def council_of_ten_thousand(tmp_path: Path, votes: int) -> Path:
    """The province's council in 2024 (NĐ 98/2023: 80% of ALL members for a Cờ thi đua), 10 000
    members, the Cờ thi đua của UBND tỉnh candidate with ``votes``."""
    present = SAMPLE.read_text(encoding="utf-8").split("  present:\n", 1)[1].split("  absent:", 1)[0]
    return write(
        tmp_path, *IN_2024,
        ("body: bloc", "body: council"),
        ("  total: 10", "  total: 10000"),
        ("  present:\n" + present + ABSENT, "  present: 10000\n"),
        ("    issued: 9\n    returned: 9\n    valid: 9", "    issued: 10000\n    returned: 10000\n    valid: 10000"),
        ("        votes: 9\n", f"        votes: {votes}\n"),
    )


@pytest.mark.parametrize(("votes", "share", "outcome"), [(7999, "79,99%", "Không đạt"), (8000, "80,00%", "Đạt")])
def test_the_council_threshold_is_exact_over_all_members(tmp_path, votes, share, outcome):
    validated = validate_file(council_of_ten_thousand(tmp_path, votes))
    # NĐ 98/2023's 80% is confirmed (legal-facts B5); only the Bằng khen, which no text gives a threshold,
    # uses the unconfirmed practice setting.
    [practice] = validated.warnings
    assert practice.code == "rule.unconfirmed"
    assert practice.message.startswith(
        "Ngưỡng đạt 80,00% tổng số thành viên áp dụng cho «Bằng khen của Chủ tịch UBND tỉnh» chưa được xác nhận"
    )
    [minutes, _] = validated.kind.documents
    context = minutes.enrich(validated.model, validated.linked, validated.rules)
    [row] = context["vote"]["titles"][1]["rows"]
    assert (row["share"], row["outcome"]) == (share, outcome)
    assert context["vote"]["titles"][1]["detail"] == (
        "01 suất; đạt khi được từ 80,00% tổng số thành viên đồng ý (8.000/10.000 phiếu) trở lên"
    )
    # Counts of a thousand and more take the thousands dot; a council's minutes speak as a council.
    assert context["vote"]["attendance"] == "tổng số 10.000 thành viên, có mặt 10.000, vắng mặt 0."
    assert context["vote"]["ballots"].startswith("Số phiếu phát ra: 10.000; số phiếu thu về: 10.000;")
    assert context["vote"]["ballot_heading"] == "Bỏ phiếu kín bình xét danh hiệu thi đua, hình thức khen thưởng"
    assert context["vote"]["outcome_intro"] == "Căn cứ kết quả kiểm phiếu, Hội đồng thống nhất đề nghị khen thưởng:"
    assert not [v for v in context["vote"].values() if isinstance(v, str) and "suy tôn" in v]


@pytest.mark.parametrize(
    ("day", "pack", "confirmed"),
    [
        ("2025-06-30", "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP", True),
        ("2025-07-01", "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP", False),
    ],
)
def test_the_meeting_day_chooses_the_threshold_and_says_if_it_is_unconfirmed(tmp_path, day, pack, confirmed):
    year = day[:4]
    path = write(
        tmp_path,
        ("start: 2016-12-20 08:00", f"start: {day} 08:00"),
        ("end: 2016-12-20 11:30", f"end: {day} 11:30"),
        ("  start: 2016-12-20 10:00", f"  start: {day} 10:00"),
        ("  end: 2016-12-20 10:30", f"  end: {day} 10:30"),
        ("year: 2016", f"year: {year}"),
        ("body: bloc", "body: council"),
    )
    validated = validate_file(path)
    assert validated.rules.national.name == pack
    flags = [f for f in validated.warnings if f.code == "rule.unconfirmed" and "«Cờ thi đua của UBND tỉnh»" in f.message]
    assert bool(flags) is not confirmed
    if flags:
        assert flags[0].message.startswith(
            "Ngưỡng đạt 80,00% tổng số thành viên áp dụng cho «Cờ thi đua của Chính phủ», «Cờ thi đua của UBND tỉnh» "
            "chưa được xác nhận: Nghị định 152/2025/NĐ-CP còn giữ quy định này "
        )
        assert flags[0].reference == "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"


def test_a_bloc_uses_its_own_threshold_but_never_below_the_council(tmp_path):
    # The bloc's quy chế says 50%: the Bằng khen (no legal threshold) passes at 50%, the flags keep 80%.
    path = write(tmp_path, ("        votes: 6\n", "        votes: 5\n"), ("        votes: 3\n", "        votes: 2\n"))
    validated = validate_file(path, rules=bloc_threshold(tmp_path, 50))
    [minutes, _] = validated.kind.documents
    titles = minutes.enrich(validated.model, validated.linked, validated.rules)["vote"]["titles"]
    assert [t["detail"] for t in titles] == [
        "01 suất; đạt khi được từ 80,00% tổng số thành viên đồng ý (08/10 phiếu) trở lên",
        "01 suất; đạt khi được từ 80,00% tổng số thành viên đồng ý (08/10 phiếu) trở lên",
        "03 suất; đạt khi được từ 50,00% tổng số thành viên đồng ý (05/10 phiếu) trở lên",
    ]
    assert [r["outcome"] for r in titles[2]["rows"]] == ["Đạt", "Đạt", "Không đạt"]


# --- Absent members -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("replacements", "reference", "unconfirmed"),
    [
        ((), "Nghị định 42/2010/NĐ-CP", True),
        (IN_2024, "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7", False),
    ],
)
def test_an_absent_member_without_a_written_opinion_is_flagged(tmp_path, replacements, reference, unconfirmed):
    path = write(
        tmp_path, *replacements,
        ("written_opinion: true", "written_opinion: false"),
        ("        votes: 10\n", "        votes: 9\n"),
    )
    found = [f for f in validate_file(path).warnings if "vắng mặt" in f.message]
    assert [(f.code, f.path, f.severity.value, f.reference) for f in found][0] == (
        "rule.vote.absent_without_opinion", "vote.members.absent[0]", "warning", reference,
    )
    assert found[0].message == (
        "Thành viên vắng mặt «Trường Cao đẳng Y tế Thái Nguyên» không có ý kiến bằng văn bản: thành viên vắng mặt cần "
        "gửi ý kiến bằng văn bản để ghi vào biên bản; phiếu của thành viên này không được tính, tỷ lệ vẫn tính trên "
        "tổng số thành viên."
    )
    assert (len(found) == 2) is unconfirmed  # the 2016 rule also says it is not confirmed


def test_no_pack_for_the_meeting_day_is_an_error(tmp_path):
    path = write(
        tmp_path,
        ("start: 2016-12-20 08:00", "start: 2013-12-20 08:00"),
        ("end: 2016-12-20 11:30", "end: 2013-12-20 11:30"),
        ("  start: 2016-12-20 10:00", "  start: 2013-12-20 10:00"),
        ("  end: 2016-12-20 10:30", "  end: 2013-12-20 10:30"),
        ("year: 2016", "year: 2013"),
    )
    assert errors(path) == [(
        "rule.pack_missing", "vote.start", 28,
        "Không có bộ quy tắc quốc gia nào áp dụng cho ngày 20/12/2013. Các bộ quy tắc có: «Luật Thi đua, khen thưởng "
        "2003 (sửa đổi, bổ sung năm 2013); Nghị định 42/2010/NĐ-CP» (01/06/2014 – 30/09/2017); «Luật Thi đua, khen "
        "thưởng 2003 (sửa đổi, bổ sung năm 2013); Nghị định 91/2017/NĐ-CP» (01/10/2017 – 30/12/2023); «Luật Thi đua, "
        "khen thưởng 2022; Nghị định 98/2023/NĐ-CP» (31/12/2023 – 30/06/2025); «Luật Thi đua, khen thưởng 2022; Nghị "
        "định 152/2025/NĐ-CP» (từ 01/07/2025). Thêm bộ quy tắc của thời kỳ này bằng --rules TỆP.",
    )]
