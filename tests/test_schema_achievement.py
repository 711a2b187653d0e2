"""The báo cáo thành tích schemas: what a clerk may type, and the exact message when it is wrong."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.stages.load import load
from pipeline.stages.validate import validate
from schemas.achievement import CollectiveAchievement, IndividualAchievement

COLLECTIVE = (
    "kind: achievement_collective\n"  # 1
    "issuer:\n"  # 2
    "  name: Báo Thái Nguyên\n"  # 3
    "  abbreviation: BTN\n"  # 4
    "  place: Thái Nguyên\n"  # 5
    "document:\n"  # 6
    "  number: 45\n"  # 7
    "  date: 2016-12-26\n"  # 8
    "proposed_award: Bằng khen của Chủ tịch UBND tỉnh\n"  # 9
    "year: 2016\n"  # 10
    "characteristics: [Cơ quan của Đảng bộ tỉnh]\n"  # 11
    "functions: [Thông tin và tuyên truyền]\n"  # 12
    "organisation:\n"  # 13
    "  paragraphs: [Lãnh đạo Báo gồm Tổng Biên tập và 02 Phó Tổng Biên tập]\n"  # 14
    "  staff:\n"  # 15
    "    - group: Viên chức\n"  # 16
    "      count: 60\n"  # 17
    "results:\n"  # 18
    "  paragraphs: [Xuất bản đúng kỳ]\n"  # 19
    "  table:\n"  # 20
    "    - name: Số báo phát hành\n"  # 21
    "      planned: 300\n"  # 22
    "      achieved: 312\n"  # 23
    "      unit: số\n"  # 24
    "measures: [Đổi mới nội dung]\n"  # 25
    "policy_compliance: [Chấp hành tốt pháp luật]\n"  # 26
    "party_and_mass_organisations: [Chi bộ trong sạch vững mạnh]\n"  # 27
    "emulation_titles:\n"  # 28
    "  - year: 2014\n"  # 29
    "    title: Tập thể lao động xuất sắc\n"  # 30
    "    decision:\n"  # 31
    "      number: 312/QĐ-UBND\n"  # 32
    "      date: 2015-02-10\n"  # 33
    "      issuer: UBND tỉnh Thái Nguyên\n"  # 34
    "  - year: 2015\n"  # 35
    "    title: Tập thể lao động xuất sắc\n"  # 36
    "    decision:\n"  # 37
    "      number: 287/QĐ-UBND\n"  # 38
    "      date: 2016-02-03\n"  # 39
    "      issuer: UBND tỉnh Thái Nguyên\n"  # 40
    "commendations:\n"  # 41
    "  - year: 2016\n"  # 42
    "    title: Bằng khen của Bộ Thông tin và Truyền thông\n"  # 43
    "    decision:\n"  # 44
    "      number: 1234/QĐ-BTTTT\n"  # 45
    "      date: 2016-10-05\n"  # 46
    "      issuer: Bộ Thông tin và Truyền thông\n"  # 47
    "signer:\n"  # 48
    "  position: Tổng Biên tập\n"  # 49
    "  name: Nguyễn Văn Hải\n"  # 50
)

INDIVIDUAL = (
    "kind: achievement_individual\n"  # 1
    "issuer:\n"  # 2
    "  name: Báo Thái Nguyên\n"  # 3
    "  abbreviation: BTN\n"  # 4
    "  place: Thái Nguyên\n"  # 5
    "document:\n"  # 6
    "  date: 2016-12-26\n"  # 7
    "proposed_award: Chiến sĩ thi đua cơ sở\n"  # 8
    "year: 2016\n"  # 9
    "person:\n"  # 10
    "  full_name: Nguyễn Thị Thu Hà\n"  # 11
    "  date_of_birth: 1985-04-02\n"  # 12
    "  gender: Nữ\n"  # 13
    "  hometown: xã Phú Đình, huyện Định Hóa, tỉnh Thái Nguyên\n"  # 14
    "  residence: thành phố Thái Nguyên\n"  # 15
    "  workplace: Phòng Phóng viên, Báo Thái Nguyên\n"  # 16
    "  position: Phó Trưởng phòng\n"  # 17
    "  qualification: Cử nhân Báo chí\n"  # 18
    "duties: [Phụ trách mảng văn hóa - xã hội]\n"  # 19
    "achievements: [Hoàn thành xuất sắc nhiệm vụ]\n"  # 20
    "emulation_titles:\n"  # 21
    "  - year: 2015\n"  # 22
    "    title: Lao động tiên tiến\n"  # 23
    "    decision:\n"  # 24
    "      number: 98/QĐ-BTN\n"  # 25
    "      date: 2015-12-28\n"  # 26
    "      issuer: Báo Thái Nguyên\n"  # 27
    "signer:\n"  # 28
    "  position: Tổng Biên tập\n"  # 29
    "  name: Nguyễn Văn Hải\n"  # 30
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thanh-tich.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def parse(tmp_path: Path, text: str, model: type = CollectiveAchievement):
    root = model.model_fields["kind"].default
    instance, warnings = validate(load(write(tmp_path, text), root=root), model, root=root)
    assert warnings == []
    return instance


def findings(tmp_path: Path, text: str, model: type = CollectiveAchievement) -> list[tuple]:
    """(code, path, line, message) of every finding, in file order."""
    root = model.model_fields["kind"].default
    with pytest.raises(InputError) as caught:
        validate(load(write(tmp_path, text), root=root), model, root=root)
    return [(f.code, f.path, f.line, f.message) for f in caught.value.findings]


def replaced(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_valid_collective_report(tmp_path):
    report = parse(tmp_path, COLLECTIVE)
    assert report.document.number == 45
    assert report.nominee is None
    assert report.certifier is None
    assert [r.decision.number for r in report.emulation_titles] == ["312/QĐ-UBND", "287/QĐ-UBND"]
    assert report.results.table[0].achieved == 312


def test_valid_individual_report(tmp_path):
    report = parse(tmp_path, INDIVIDUAL, IndividualAchievement)
    assert report.person.date_of_birth == datetime.date(1985, 4, 2)
    assert report.commendations == []
    assert report.document.number is None


@pytest.mark.parametrize(
    "number", ["1234/QĐ-TTg", "05/QĐ-SVHTTDL", "56/2004/QĐ-UBND", "1562/QĐ-CTN", "15/QĐ-KTĐVHXH", "7/QĐ-UBND-VX"]
)
def test_decision_numbers_accepted(tmp_path, number):
    report = parse(tmp_path, replaced(COLLECTIVE, ("312/QĐ-UBND", number)))
    assert report.emulation_titles[0].decision.number == number


@pytest.mark.parametrize(
    "number", ["QĐ-UBND", "312/UBND", "312 / QĐ-UBND", "312/QĐ - UBND", "312/qđ-ubnd", "312/QĐ-", "Số 312/QĐ-UBND"]
)
def test_malformed_decision_number(tmp_path, number):
    assert findings(tmp_path, replaced(COLLECTIVE, ("312/QĐ-UBND", number))) == [
        (
            "schema.achievement.decision_number",
            "achievement_collective.emulation_titles[0].decision.number",
            32,
            f"Số, ký hiệu quyết định «{number}» không đúng dạng «số/QĐ-cơ quan ban hành», không có dấu cách, "
            "ví dụ: 123/QĐ-UBND, 1234/QĐ-TTg.",
        )
    ]


def test_decision_before_the_year_it_rewards(tmp_path):
    text = replaced(COLLECTIVE, ("2015-02-10", "2013-12-30"))
    assert findings(tmp_path, text) == [
        (
            "schema.achievement.decision_before_year",
            "achievement_collective.emulation_titles[0]",
            29,
            "Ngày quyết định (decision.date: 30/12/2013) trước năm khen thưởng (year: 2014): quyết định "
            "công nhận thành tích của năm nào phải ký từ năm đó trở đi.",
        )
    ]


def test_award_year_after_the_report(tmp_path):
    text = replaced(COLLECTIVE, ("  - year: 2016\n", "  - year: 2017\n"), ("2016-10-05", "2017-01-05"))
    # The decision is after the report too, but the year already says so: one finding, not two.
    assert findings(tmp_path, text) == [
        (
            "schema.achievement.future_year",
            "achievement_collective.commendations[0].year",
            42,
            "Năm khen thưởng (year: 2017) sau ngày báo cáo (document.date: 26/12/2016).",
        )
    ]


def test_decision_dated_after_the_report(tmp_path):
    text = replaced(COLLECTIVE, ("2016-10-05", "2016-12-30"))
    assert findings(tmp_path, text) == [
        (
            "schema.achievement.future_decision",
            "achievement_collective.commendations[0].decision.date",
            46,
            "Ngày quyết định (decision.date: 30/12/2016) sau ngày báo cáo (document.date: 26/12/2016).",
        )
    ]


def test_same_title_twice_in_one_year(tmp_path):
    text = replaced(COLLECTIVE, ("  - year: 2015\n", "  - year: 2014\n"))
    assert findings(tmp_path, text) == [
        (
            "schema.achievement.duplicate_title",
            "achievement_collective.emulation_titles[1]",
            35,
            "Danh hiệu «Tập thể lao động xuất sắc» năm 2014 đã ghi ở dòng 1; mỗi danh hiệu chỉ được công nhận "
            "một lần trong một năm.",
        )
    ]


def test_same_commendation_twice_in_one_year_is_allowed(tmp_path):
    # Two Bằng khen in one year (a movement and a sudden achievement) are two awards, not a slip.
    row = COLLECTIVE[COLLECTIVE.index("  - year: 2016\n") : COLLECTIVE.index("signer:\n")]
    text = replaced(COLLECTIVE, (row, row + row.replace("1234/QĐ-BTTTT", "1301/QĐ-BTTTT")))
    assert len(parse(tmp_path, text).commendations) == 2


def test_history_problems_come_with_the_other_errors(tmp_path):
    text = replaced(
        COLLECTIVE,
        ("characteristics: [Cơ quan của Đảng bộ tỉnh]", "characteristics: []"),
        ("  - year: 2015\n", "  - year: 2014\n"),
        ("2016-10-05", "2016-12-31"),
    )
    assert [(code, path, line) for code, path, line, _ in findings(tmp_path, text)] == [
        ("schema.too_short", "achievement_collective.characteristics", 11),
        ("schema.achievement.duplicate_title", "achievement_collective.emulation_titles[1]", 35),
        ("schema.achievement.future_decision", "achievement_collective.commendations[0].decision.date", 46),
    ]


def test_year_must_match_the_report_date(tmp_path):
    text = replaced(COLLECTIVE, ("\nyear: 2016\n", "\nyear: 2014\n"))
    assert findings(tmp_path, text) == [
        (
            "schema.achievement.year_mismatch",
            "achievement_collective.year",
            10,
            "Năm thành tích (year: 2014) không khớp ngày báo cáo (document.date: 26/12/2016): báo cáo "
            "thành tích lập trong năm đó hoặc năm sau.",
        )
    ]


def test_report_written_early_the_next_year(tmp_path):
    text = replaced(COLLECTIVE, ("2016-12-26", "2017-01-15"))
    assert parse(tmp_path, text).year == 2016


def test_results_table_takes_no_share(tmp_path):
    text = replaced(COLLECTIVE, ("      unit: số\n", "      unit: số\n      share: 104\n"))
    assert findings(tmp_path, text) == [
        (
            "schema.unknown_field",
            "achievement_collective.results.table[0].share",
            25,
            "Trường «share» không có trong mẫu dữ liệu. Các trường hợp lệ: name, planned, achieved, unit.",
        )
    ]


@pytest.mark.parametrize("name", ["Nguyễn Thị Thu Hà", "H'Lan Ayŭn", "Lò Văn Páo", "Y-Moan Niê"])
def test_person_names_accepted(tmp_path, name):
    report = parse(tmp_path, replaced(INDIVIDUAL, ("Nguyễn Thị Thu Hà", name)), IndividualAchievement)
    assert report.person.full_name == name


@pytest.mark.parametrize(
    "name", ["NGUYỄN THỊ THU HÀ", "nguyễn thị thu hà", "Ng. Thị Thu Hà", "TS Nguyễn Thị Hà", "Nguyễn Thị thu Hà"]
)
def test_person_name_written_out_in_normal_case(tmp_path, name):
    assert findings(tmp_path, replaced(INDIVIDUAL, ("Nguyễn Thị Thu Hà", name)), IndividualAchievement) == [
        (
            "schema.person.name_form",
            "achievement_individual.person.full_name",
            11,
            f"Họ và tên «{name}» phải ghi đầy đủ, không viết tắt, không ghi học hàm, học vị; viết hoa chữ cái "
            "đầu mỗi tiếng, các chữ khác viết thường (ví dụ: Nguyễn Thị Thu Hà).",
        )
    ]


def test_gender_is_nam_or_nu(tmp_path):
    assert findings(tmp_path, replaced(INDIVIDUAL, ("gender: Nữ", "gender: nữ")), IndividualAchievement) == [
        (
            "schema.choice",
            "achievement_individual.person.gender",
            13,
            "Chỉ được chọn một trong: 'Nam' hoặc 'Nữ', nhưng nhận được «nữ».",
        )
    ]


def test_award_before_birth(tmp_path):
    text = replaced(INDIVIDUAL, ("1985-04-02", "2016-01-02"))
    assert findings(tmp_path, text, IndividualAchievement) == [
        (
            "schema.achievement.before_birth",
            "achievement_individual.emulation_titles[0].year",
            22,
            "Năm khen thưởng (year: 2015) trước năm sinh (person.date_of_birth: 02/01/2016).",
        )
    ]


def test_born_after_the_report(tmp_path):
    text = replaced(INDIVIDUAL, ("1985-04-02", "2016-12-27"))
    assert findings(tmp_path, text, IndividualAchievement) == [
        (
            "schema.achievement.born_after_report",
            "achievement_individual.person.date_of_birth",
            12,
            "Ngày sinh (person.date_of_birth: 27/12/2016) không trước ngày báo cáo (document.date: 26/12/2016).",
        ),
    ]


def test_individual_history_is_checked_like_a_collective(tmp_path):
    text = replaced(INDIVIDUAL, ("2015-12-28", "2016-12-28"))
    assert findings(tmp_path, text, IndividualAchievement) == [
        (
            "schema.achievement.future_decision",
            "achievement_individual.emulation_titles[0].decision.date",
            26,
            "Ngày quyết định (decision.date: 28/12/2016) sau ngày báo cáo (document.date: 26/12/2016).",
        )
    ]
