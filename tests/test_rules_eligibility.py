"""Eligibility from the record (pipeline.law.checks.eligibility, pipeline.law.checks.nominees): each rule on
both sides of its boundary, a list with every defect reported at once, the samples clean."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.core.errors import InputError, Severity
from pipeline.orchestrator import validate_file
from pipeline.law.rulebook import Recipient, builtin_book, load_book
from pipeline.law.checks import eligibility
from pipeline.law.checks.eligibility import Members, Proposal, Record
from pipeline.law.checks.nominees import check_nominee_list
from schemas.nominee_list import NomineeList
from schemas.record import Discipline

from tests.samples import SAMPLES

DATA = Path(__file__).parent / "data"
RULES_2026 = builtin_book().on(date(2026, 12, 15))
RULES_2016 = builtin_book().on(date(2016, 12, 15))
HTXS, HTT, HT = "hoàn thành xuất sắc nhiệm vụ", "hoàn thành tốt nhiệm vụ", "hoàn thành nhiệm vụ"


def record(*titles: str, year: int = 2026, recipient: Recipient = Recipient.INDIVIDUAL, **fields) -> Record:
    values = {
        "name": "Nguyễn Văn An", "recipient": recipient, "year": year, "date": date(year, 12, 15), "loc": (),
        "proposals": tuple(Proposal(t, ("proposed", i)) for i, t in enumerate(titles)),
        "history": {}, "ratings": {year: HTXS}, "initiatives": (),
    }
    values.update(fields)
    return Record(**values)


def found(rec: Record, rules=RULES_2026) -> list[tuple[str, str]]:
    return [(f.code, f.severity.value) for f in eligibility.check(rec, rules, "nominee_list")]


# --- Individual titles --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rating", "expected"),
    [(HTXS, []), (HTT, []), (HT, [("rule.eligibility.rating", "error")])],
)
def test_lao_dong_tien_tien_needs_hoan_thanh_tot_or_better(rating, expected):
    assert found(record("Lao động tiên tiến", ratings={2026: rating})) == expected


def test_a_missing_rating_is_said_not_guessed():
    [finding] = eligibility.check(record("Lao động tiên tiến", ratings={}), RULES_2026, "nominee_list")
    assert (finding.code, finding.severity, finding.path, finding.reference) == (
        "rule.eligibility.missing_data", Severity.WARNING, "nominee_list.proposed[0]",
        "Luật Thi đua, khen thưởng 2022, Điều 24",
    )
    assert finding.message == (
        "«Nguyễn Văn An» được đề nghị «Lao động tiên tiến» năm 2026: chưa kiểm tra được điều kiện vì chưa ghi xếp loại "
        "năm 2026 (ratings)."
    )


@pytest.mark.parametrize(
    ("titles", "rating", "initiatives", "expected"),
    [
        (("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"), HTXS, (), []),
        (("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"), HTT, ((2026, "cơ sở"),), []),
        (("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"), HTT, ((2025, "tỉnh"),),
         [("rule.eligibility.rating_or_initiative", "error")]),
        (("Chiến sĩ thi đua cơ sở",), HTXS, (), [("rule.eligibility.same_year_title", "error")]),
    ],
)
def test_chien_si_thi_dua_co_so_needs_lao_dong_tien_tien_and_excellence_or_an_initiative(
    titles, rating, initiatives, expected
):
    assert found(record(*titles, ratings={2026: rating}, initiatives=initiatives)) == expected


def test_before_2022_an_initiative_was_required_but_the_rule_is_unconfirmed():
    # Luật 2003: sáng kiến bắt buộc (legal-facts B3), not checked against the text: a warning, not an error.
    findings = eligibility.check(
        record("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", year=2016), RULES_2016, "nominee_list"
    )
    assert [(f.code, f.severity) for f in findings] == [("rule.eligibility.initiative", Severity.WARNING)]
    assert findings[0].message.endswith(
        "(Quy định này chưa được xác nhận: trước Luật 2022, danh hiệu «Chiến sĩ thi đua cơ sở» bắt buộc có sáng kiến "
        "(Luật 2022 Điều 23 bỏ yêu cầu này) – chưa đối chiếu văn bản.)"
    )


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ((2024, 2025, 2026), []),
        ((2023, 2025, 2026), [("rule.eligibility.consecutive_titles", "error")]),
        ((2025, 2026), [("rule.eligibility.consecutive_titles", "error")]),
    ],
)
def test_chien_si_thi_dua_cap_tinh_needs_three_consecutive_years(years, expected):
    history = {y: frozenset({"Chiến sĩ thi đua cơ sở"}) for y in years}
    rec = record("Chiến sĩ thi đua cấp tỉnh", history=history, initiatives=((2026, "tỉnh"),))
    assert found(rec) == expected


def test_the_missing_year_is_named():
    history = {y: frozenset({"Chiến sĩ thi đua cơ sở"}) for y in (2023, 2025, 2026)}
    [finding] = eligibility.check(
        record("Chiến sĩ thi đua cấp tỉnh", history=history, initiatives=((2026, "toàn quốc"),)), RULES_2026, "x"
    )
    assert finding.message == (
        "«Nguyễn Văn An» được đề nghị «Chiến sĩ thi đua cấp tỉnh» năm 2026 nhưng chưa đạt «Chiến sĩ thi đua cơ sở» 3 "
        "năm liên tục (2024, 2025, 2026): thiếu năm 2024."
    )
    assert finding.reference == "Luật Thi đua, khen thưởng 2022, Điều 22"


@pytest.mark.parametrize(
    ("scope", "expected"),
    [("tỉnh", []), ("toàn quốc", []), ("cơ sở", [("rule.eligibility.initiative", "error")])],
)
def test_chien_si_thi_dua_cap_tinh_needs_an_initiative_of_province_scope(scope, expected):
    history = {y: frozenset({"Chiến sĩ thi đua cơ sở"}) for y in (2024, 2025, 2026)}
    assert found(record("Chiến sĩ thi đua cấp tỉnh", history=history, initiatives=((2026, scope),))) == expected


PM = "Bằng khen của Thủ tướng Chính phủ"


@pytest.mark.parametrize(
    ("prior", "first_rated", "fighters", "expected"),
    [
        (True, 2022, (2022, 2024, 2026), []),
        (False, 2022, (2022, 2024, 2026), [("rule.eligibility.long_record", "warning")]),
        (True, 2023, (2022, 2024, 2026), [("rule.eligibility.missing_data", "warning")]),
        (True, 2022, (2024, 2026), [("rule.eligibility.long_record", "warning")]),
    ],
)
def test_the_prime_minister_s_certificate_on_a_long_record_is_one_ground_among_three(
    prior, first_rated, fighters, expected
):
    # Luật 2022 Điều 73 khoản 1 điểm b: a province's Bằng khen, 05 years ≥ hoàn thành tốt, 03 CSTĐ cơ sở.
    history = {y: frozenset({"Chiến sĩ thi đua cơ sở"}) for y in fighters}
    if prior:
        history[2020] = frozenset({"Bằng khen của Chủ tịch UBND tỉnh"})
    ratings = {y: HTT for y in range(first_rated, 2027)}
    assert found(record(PM, history=history, ratings=ratings)) == expected


# --- Collectives --------------------------------------------------------------------------------------
def collective(title: str, year: int = 2026, rating: str = HTXS, **members) -> Record:
    return record(title, year=year, recipient=Recipient.COLLECTIVE, name="Tổ Văn phòng", ratings={year: rating},
                  members=Members(**members))


@pytest.mark.parametrize(
    ("advanced", "expected"),
    [(7, []), (6, [("rule.eligibility.member_share", "error")])],
)
def test_tap_the_lao_dong_tien_tien_needs_seventy_percent_of_members(advanced, expected):
    rec = collective("Tập thể lao động tiên tiến", total=10, disciplined=0, titled={"Lao động tiên tiến": advanced})
    assert found(rec) == expected


@pytest.mark.parametrize(("advanced", "expected"), [(6, []), (5, ["rule.eligibility.member_share"])])
def test_before_2024_more_than_half_was_enough(advanced, expected):
    rec = collective("Tập thể lao động tiên tiến", year=2016, total=10, titled={"Lao động tiên tiến": advanced})
    assert [f.code for f in eligibility.check(rec, RULES_2016, "x")] == expected


@pytest.mark.parametrize(
    ("completing", "fighters", "expected"),
    [
        (10, 1, []),
        (9, 1, [("rule.eligibility.members_complete", "error")]),
        (10, 0, [("rule.eligibility.member_count", "error")]),
    ],
)
def test_tap_the_lao_dong_xuat_sac(completing, fighters, expected):
    rec = collective(
        "Tập thể lao động xuất sắc", total=10, completing=completing,
        titled={"Lao động tiên tiến": 8, "Chiến sĩ thi đua cơ sở": fighters},
    )
    assert found(rec) == expected


def test_a_collective_with_a_disciplined_member():
    rec = collective("Tập thể lao động tiên tiến", total=10, disciplined=1, titled={"Lao động tiên tiến": 8})
    [finding] = eligibility.check(rec, RULES_2026, "nominee_list")
    assert finding.message == (
        "«Tổ Văn phòng» được đề nghị «Tập thể lao động tiên tiến» năm 2026 nhưng có 1 thành viên bị kỷ luật từ cảnh cáo "
        "trở lên trong năm 2026."
    )


# --- Every title: discipline, pending cases, one form for one achievement -------------------------------
@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2026, 12, 15), [("rule.eligibility.disciplined", "error")]),
        (date(2026, 12, 14), [("rule.eligibility.disciplined_in_year", "warning")]),
        (date(2025, 12, 31), []),
    ],
)
def test_no_proposal_while_under_discipline(end, expected):
    punished = Discipline(level="khiển trách", start=date(2025, 12, 1), end=end)
    assert found(record("Lao động tiên tiến", discipline=(punished,))) == expected


def test_not_the_same_achievement_twice():
    assert found(record("Lao động tiên tiến", history={2026: frozenset({"Lao động tiên tiến"})})) == [
        ("rule.eligibility.already_awarded", "error"),
    ]
    assert found(record("Lao động tiên tiến", history={2025: frozenset({"Lao động tiên tiến"})})) == []


# --- Quotas (a local pack) ------------------------------------------------------------------------------
def nominee_list(fighters: int, workers: int) -> NomineeList:
    people = [
        {"name": f"Nguyễn Văn {name}", "proposed": ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"][: 2 if i < fighters else 1],
         "ratings": {2026: HTXS}}
        for i, name in enumerate(["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nam",
                                  "Oanh", "Phong", "Quang", "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến", "Hải"][:workers])
    ]
    return NomineeList.model_validate({
        "issuer": {"name": "Trường Trung học cơ sở Úc Kỳ", "abbreviation": "THCSUK", "place": "Thái Nguyên"},
        "document": {"date": "2026-12-15"}, "year": 2026, "individuals": people,
    })


@pytest.mark.parametrize(("fighters", "expected"), [(3, []), (4, ["rule.quota.exceeded"])])
def test_a_local_quota_is_exact(fighters, expected):
    rules = load_book([DATA / "quy-che-tinh-2026.yaml"]).on(date(2026, 12, 15))
    findings = check_nominee_list(nominee_list(fighters, 20), {}, rules)
    assert [f.code for f in findings] == expected  # 15% of 20 Lao động tiên tiến: 3 may be proposed


def test_without_a_local_pack_there_is_no_quota():
    assert check_nominee_list(nominee_list(4, 20), {}, RULES_2026) == []


# --- Whole files -----------------------------------------------------------------------------------------
def test_a_list_with_every_defect_gets_every_finding_at_once():
    with pytest.raises(InputError) as caught:
        validate_file(DATA / "danh-sach-nhieu-loi.yaml", rules=load_book([DATA / "quy-che-tinh-2026.yaml"]))
    assert [(f.code, f.path, f.line, f.severity.value) for f in caught.value.findings] == [
        ("rule.era.district", "nominee_list.issuer.parent_body[0]", 6, "error"),
        ("rule.eligibility.same_year_title", "nominee_list.individuals[0].proposed[0]", 19, "error"),
        ("rule.eligibility.rating_or_initiative", "nominee_list.individuals[0].proposed[0]", 19, "error"),
        ("rule.eligibility.rating", "nominee_list.individuals[1].proposed[0]", 23, "error"),
        ("rule.eligibility.consecutive_titles", "nominee_list.individuals[2].proposed[0]", 26, "error"),
        ("rule.eligibility.initiative", "nominee_list.individuals[2].proposed[0]", 26, "error"),
        ("rule.eligibility.disciplined", "nominee_list.individuals[3].discipline[0]", 39, "error"),
        ("rule.eligibility.pending_case", "nominee_list.individuals[4].pending_cases[0]", 46, "error"),
        ("rule.eligibility.already_awarded", "nominee_list.individuals[5].proposed[0]", 49, "error"),
        ("rule.eligibility.long_record", "nominee_list.individuals[6].proposed[1]", 54, "warning"),
        ("rule.eligibility.several_forms", "nominee_list.individuals[6]", 53, "error"),
        ("rule.eligibility.missing_data", "nominee_list.individuals[8].proposed[0]", 61, "warning"),
        ("rule.title.unknown", "nominee_list.individuals[9].proposed[0]", 63, "error"),
        ("rule.eligibility.rating", "nominee_list.collectives[0].proposed[0]", 71, "error"),
        ("rule.eligibility.members_complete", "nominee_list.collectives[0].proposed[0]", 71, "error"),
        ("rule.eligibility.member_share", "nominee_list.collectives[0].proposed[0]", 71, "error"),
        ("rule.eligibility.member_share", "nominee_list.collectives[1].proposed[0]", 77, "error"),
        ("rule.title.recipient_not_allowed", "nominee_list.collectives[1].proposed[1]", 77, "error"),
        ("rule.eligibility.no_member_discipline", "nominee_list.collectives[2].proposed[0]", 83, "error"),
        ("rule.quota.exceeded", "nominee_list.individuals", 16, "error"),
    ]
    references = {f.code: f.reference for f in caught.value.findings}
    assert references["rule.eligibility.disciplined"] == "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"
    assert references["rule.eligibility.several_forms"] == "Luật Thi đua, khen thưởng 2022, Điều 5"
    assert references["rule.quota.exceeded"] == "Quy chế thi đua, khen thưởng tỉnh (dữ liệu kiểm thử), Điều 9"


def test_the_samples_propose_eligible_people():
    for path in (SAMPLES / "bloc-2016" / "de-nghi").glob("*.yaml"):
        assert validate_file(path).warnings == []
    assert validate_file(SAMPLES / "bloc-2016" / "thanh-tich" / "04-hoang-thi-minh-nguyet.yaml").warnings == []


def test_a_report_proposing_a_form_outside_the_catalogue_is_not_blocked(tmp_path):
    text = (SAMPLES / "bloc-2016" / "thanh-tich" / "04-hoang-thi-minh-nguyet.yaml").read_text(encoding="utf-8")
    path = tmp_path / "bao-cao.yaml"
    path.write_text(text.replace("proposed_award: Chiến sĩ thi đua cấp tỉnh", "proposed_award: Huân chương Lao động "
                                 "hạng Ba"), encoding="utf-8")
    [finding] = validate_file(path).warnings
    assert (finding.code, finding.severity) == ("rule.title.unknown", Severity.WARNING)
    assert finding.message.endswith("hoso không kiểm tra được điều kiện của hình thức này.")


def test_a_report_whose_initiative_lacks_the_scope(tmp_path):
    text = (SAMPLES / "bloc-2016" / "thanh-tich" / "04-hoang-thi-minh-nguyet.yaml").read_text(encoding="utf-8")
    path = tmp_path / "bao-cao.yaml"
    path.write_text(text.replace("    scope: tỉnh\n", ""), encoding="utf-8")
    [finding] = validate_file(path).warnings  # 2016: the rule is not confirmed, so a warning
    assert (finding.code, finding.path, finding.severity) == (
        "rule.eligibility.initiative", "achievement_individual.proposed_award", Severity.WARNING,
    )
