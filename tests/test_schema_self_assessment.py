"""The self-assessment schema: what a unit may type, and the exact message when it types it wrong."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.core.errors import Finding, InputError
from pipeline.stages.load import load
from pipeline.stages.validate import validate
from schemas.self_assessment import SelfAssessment, shown

VALID = (
    "kind: self_assessment\n"  # 1
    "issuer:\n"  # 2
    "  parent_body: UBND tỉnh Thái Nguyên\n"  # 3
    "  name: Sở Y tế\n"  # 4
    "  abbreviation: SYT\n"  # 5
    "  place: Thái Nguyên\n"  # 6
    "document:\n"  # 7
    "  date: 2016-11-29\n"  # 8
    "  subject: Tự đánh giá, chấm điểm thi đua năm 2016\n"  # 9
    "signer:\n"  # 10
    "  position: Giám đốc\n"  # 11
    "  name: Lê Quang Hải\n"  # 12
    "recipients:\n"  # 13
    "  addressees: [Trưởng khối thi đua các cơ quan Văn hóa - Xã hội]\n"  # 14
    "  archive: VP\n"  # 15
    "year: 2016\n"  # 16
    "bloc: Khối thi đua các cơ quan Văn hóa - Xã hội\n"  # 17
    "results:\n"  # 18
    "  - name: Xã đạt Bộ tiêu chí quốc gia về y tế xã\n"  # 19
    "    planned: 85\n"  # 20
    "    achieved: 87.2\n"  # 21
    '    unit: "%"\n'  # 22
    "scoring:\n"  # 23
    "  - name: Thực hiện nhiệm vụ chính trị\n"  # 24
    "    criteria:\n"  # 25
    "      - name: Hoàn thành chỉ tiêu chuyên môn\n"  # 26
    "        max_points: 30\n"  # 27
    "        self_score: 28.5\n"  # 28
    "      - name: Cải cách hành chính\n"  # 29
    "        max_points: 10\n"  # 30
    '        self_score: "9,5"\n'  # 31
    "        evidence: Kết quả chấm điểm chỉ số cải cách hành chính\n"  # 32
    "bonus:\n"  # 33
    '  - points: "0,5"\n'  # 34
    "    reason: Làm tốt công tác phòng, chống dịch bệnh\n"  # 35
    "strengths: [Đoàn kết, tích cực thi đua]\n"  # 36
    "shortcomings: [Nhân rộng điển hình còn chậm]\n"  # 37
    "collective_titles: [Tập thể lao động xuất sắc]\n"  # 38
    "individual_titles:\n"  # 39
    "  - name: Phạm Văn Dũng\n"  # 40
    "    position: Phó Giám đốc Sở\n"  # 41
    "    title: Bằng khen của Chủ tịch UBND tỉnh\n"  # 42
)
ROOT = "self_assessment"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tu-danh-gia.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def parse(tmp_path: Path, text: str) -> SelfAssessment:
    model, warnings = validate(load(write(tmp_path, text), root=ROOT), SelfAssessment, root=ROOT)
    assert warnings == []
    return model


def findings(tmp_path: Path, text: str) -> list[Finding]:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        validate(load(path, root=ROOT), SelfAssessment, root=ROOT)
    return caught.value.findings


def only(tmp_path: Path, old: str, new: str) -> tuple[str, str | None, int | None, str]:
    assert old in VALID
    [finding] = findings(tmp_path, VALID.replace(old, new, 1))
    return finding.code, finding.path, finding.line, finding.message


def test_valid_input_keeps_points_exact_and_reads_decimal_commas(tmp_path):
    model = parse(tmp_path, VALID)
    criteria = model.scoring[0].criteria
    assert [c.self_score for c in criteria] == [Decimal("28.5"), Decimal("9.5")]
    assert model.bonus[0].points == Decimal("0.5")
    assert model.penalties == []
    assert model.results[0].achieved == Decimal("87.2")
    assert model.individual_titles[0].title == "Bằng khen của Chủ tịch UBND tỉnh"


def test_self_score_above_max_names_both_and_the_criterion(tmp_path):
    assert only(tmp_path, '"9,5"', '"10,5"') == (
        "schema.self_assessment.score_above_max",
        "self_assessment.scoring[0].criteria[1]",
        29,
        "Điểm tự chấm (10,5) lớn hơn điểm tối đa (10) của tiêu chí «Cải cách hành chính».",
    )


def test_self_score_equal_to_max_is_accepted(tmp_path):
    assert parse(tmp_path, VALID.replace("self_score: 28.5", "self_score: 30")).scoring[0].criteria[0].self_score == 30


def test_more_than_two_decimals_is_a_typing_slip(tmp_path):
    assert only(tmp_path, "self_score: 28.5", "self_score: 28.125") == (
        "schema.self_assessment.points_decimals",
        "self_assessment.scoring[0].criteria[0].self_score",
        28,
        "Điểm chỉ ghi tối đa 2 chữ số thập phân (ví dụ 0,25), nhưng nhận được «28,125».",
    )


def test_trailing_zeros_are_not_extra_decimals(tmp_path):
    assert parse(tmp_path, VALID.replace("28.5", '"28.500"')).scoring[0].criteria[0].self_score == Decimal("28.5")


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "message"),
    [
        (
            "self_score: 28.5",
            "self_score: -1",
            "self_assessment.scoring[0].criteria[0].self_score",
            28,
            "Giá trị phải lớn hơn hoặc bằng 0, nhưng nhận được «-1».",
        ),
        (
            "max_points: 10",
            "max_points: 0",
            "self_assessment.scoring[0].criteria[1].max_points",
            30,
            "Giá trị phải lớn hơn 0, nhưng nhận được «0».",
        ),
        (
            '"0,5"',
            "0",
            "self_assessment.bonus[0].points",
            34,
            "Giá trị phải lớn hơn 0, nhưng nhận được «0».",
        ),
        (
            "max_points: 30",
            "max_points: 3000",
            "self_assessment.scoring[0].criteria[0].max_points",
            27,
            "Giá trị phải nhỏ hơn hoặc bằng 1000, nhưng nhận được «3000».",
        ),
    ],
)
def test_point_ranges(tmp_path, old, new, path, line, message):
    assert only(tmp_path, old, new) == ("schema.range", path, line, message)


def test_a_decimal_comma_with_thousands_is_not_a_number(tmp_path):
    assert only(tmp_path, '"9,5"', '"1.009,5"') == (
        "schema.type",
        "self_assessment.scoring[0].criteria[1].self_score",
        31,
        "Giá trị phải là số, nhưng nhận được «1.009,5».",
    )


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "field", "valid"),
    [
        # Subtotals, totals and achievement shares are computed: there is no field to type them in.
        (
            "    criteria:\n",
            "    subtotal: 38\n    criteria:\n",
            "self_assessment.scoring[0].subtotal",
            25,
            "subtotal",
            "name, criteria",
        ),
        (
            '    unit: "%"\n',
            '    unit: "%"\n    share: 102.59\n',
            "self_assessment.results[0].share",
            23,
            "share",
            "name, planned, achieved, unit",
        ),
    ],
)
def test_computed_values_cannot_be_typed(tmp_path, old, new, path, line, field, valid):
    assert only(tmp_path, old, new) == (
        "schema.unknown_field",
        path,
        line,
        f"Trường «{field}» không có trong mẫu dữ liệu. Các trường hợp lệ: {valid}.",
    )


def test_a_typed_total_is_refused(tmp_path):
    assert only(tmp_path, "year: 2016\n", "year: 2016\ntotal: 95.5\n") == (
        "schema.unknown_field",
        "self_assessment.total",
        17,
        "Trường «total» không có trong mẫu dữ liệu. Các trường hợp lệ: kind, issuer, document, signer, "
        "recipients, legal_bases, year, bloc, results, scoring, bonus, penalties, strengths, shortcomings, "
        "collective_titles, individual_titles.",
    )


def test_year_must_match_the_report_date(tmp_path):
    assert only(tmp_path, "year: 2016", "year: 2015") == (
        "schema.self_assessment.year_mismatch",
        "self_assessment.year",
        16,
        "Năm thi đua 2015 không khớp ngày báo cáo 29/11/2016: báo cáo tự đánh giá lập trong năm đó "
        "hoặc quý I năm sau.",
    )


@pytest.mark.parametrize(("issued", "accepted"), [("2017-03-31", True), ("2017-04-01", False), ("2015-12-31", False)])
def test_a_report_may_come_in_the_first_quarter_of_the_next_year(tmp_path, issued, accepted):
    text = VALID.replace("2016-11-29", issued)
    if accepted:
        assert parse(tmp_path, text).year == 2016
    else:
        assert [f.code for f in findings(tmp_path, text)] == ["schema.self_assessment.year_mismatch"]


def test_report_to_the_bloc_head_needs_an_addressee(tmp_path):
    assert only(
        tmp_path, "  addressees: [Trưởng khối thi đua các cơ quan Văn hóa - Xã hội]\n", "  others: [Sở Nội vụ]\n"
    ) == (
        "schema.self_assessment.addressee_missing",
        "self_assessment.recipients",
        13,
        "Báo cáo gửi Trưởng khối: cần ghi nơi nhận chính ở «addressees» (dòng «Kính gửi»).",
    )


def test_a_group_needs_a_criterion_and_a_unit_proposes_a_collective_title(tmp_path):
    text = VALID.replace("collective_titles: [Tập thể lao động xuất sắc]", "collective_titles: []")
    text = text.replace(text[text.index("    criteria:\n"): text.index("bonus:\n")], "    criteria: []\n")
    assert [(f.code, f.path, f.line) for f in findings(tmp_path, text)] == [
        ("schema.too_short", "self_assessment.scoring[0].criteria", 25),
        ("schema.too_short", "self_assessment.collective_titles", 31),
    ]


def test_individual_proposal_needs_name_position_and_title(tmp_path):
    assert only(tmp_path, "    position: Phó Giám đốc Sở\n", "") == (
        "schema.missing",
        "self_assessment.individual_titles[0].position",
        40,
        "Thiếu trường bắt buộc.",
    )


@pytest.mark.parametrize(("points", "text"), [("100", "100"), ("10.50", "10,5"), ("0.25", "0,25"), ("0", "0")])
def test_points_are_shown_the_vietnamese_way(points, text):
    assert shown(Decimal(points)) == text
