"""Era wording (pipeline.law.checks.era): a document cites only texts that exist and, as căn cứ, are in
force on its date; from 01/7/2025 it names no district-level body. Found, never rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.orchestrator import validate_file

from tests.samples import SAMPLES

PLAN = SAMPLES / "plan" / "ke-hoach-2016.yaml"
LAWS_2003 = (
    "  - Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003\n"
    "  - Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013\n"
)


def plan(tmp_path: Path, day: str, *replacements: tuple[str, str]) -> Path:
    """The sample plan dated ``day`` (its year too), with more edits."""
    text = PLAN.read_text(encoding="utf-8")
    year = day[:4]
    for old, new in (
        ("  date: 2016-02-15", f"  date: {day}"),
        ("year: 2016", f"year: {year}"),
        ("registration_deadline: 2016-03-15", f"registration_deadline: {day}"),
        *replacements,
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings(path: Path) -> list[tuple[str, str | None, str]]:
    try:
        found = validate_file(path).warnings
    except InputError as exc:
        found = exc.findings
    return [(f.code, f.path, f.severity.value) for f in found if f.code.startswith("rule.era")]


def bases(*lines: str) -> tuple[str, str]:
    return LAWS_2003, "".join(f"  - {line}\n" for line in lines)


def test_the_samples_cite_the_texts_of_their_time():
    for sample in sorted(SAMPLES.rglob("*.yaml")):
        assert [f for f in validate_file(sample).warnings if f.code.startswith("rule.era")] == [], sample


def test_a_2016_document_cannot_cite_the_texts_of_later_years(tmp_path):
    path = plan(
        tmp_path, "2016-02-15",
        bases("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023"),
        ("    details:\n      - Tổ chức học tập", "    details:\n      - Thực hiện Nghị định 152/2025/NĐ-CP, tổ chức học tập"),
    )
    with pytest.raises(InputError) as caught:
        validate_file(path)
    era = [f for f in caught.value.findings if f.code.startswith("rule.era")]
    assert [(f.code, f.path, f.severity.value, f.reference) for f in era] == [
        ("rule.era.text_not_issued", "plan.legal_bases[0]", "error", "Luật Thi đua, khen thưởng 2022"),
        ("rule.era.text_not_issued", "plan.legal_bases[1]", "error", "Nghị định 98/2023/NĐ-CP"),
        ("rule.era.text_not_issued", "plan.contents[0].details[0]", "error", "Nghị định 152/2025/NĐ-CP, Điều 59"),
    ]
    assert era[0].message == (
        "Dẫn Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022, văn bản ban hành ngày 15/06/2022, trong nội dung ngày "
        "15/02/2016: khi đó văn bản này chưa có."
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2025-06-30", []), ("2025-07-01", [("rule.era.text_expired", "plan.legal_bases[1]", "error")])],
)
def test_nd98_is_a_basis_until_30_june_2025(tmp_path, day, expected):
    path = plan(tmp_path, day, bases("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Nghị định số 98/2023/NĐ-CP"))
    assert findings(path) == expected


def test_a_basis_no_longer_in_force_says_since_when_and_why(tmp_path):
    path = plan(tmp_path, "2025-07-01", bases("Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"))
    with pytest.raises(InputError) as caught:
        validate_file(path)
    [finding] = [f for f in caught.value.findings if f.code.startswith("rule.era")]
    assert finding.message == (
        "Căn cứ Nghị định số 98/2023/NĐ-CP đã hết hiệu lực từ ngày 01/07/2025, trước ngày 01/07/2025 của văn bản: dẫn "
        "văn bản đang có hiệu lực."
    )
    assert finding.reference == "Nghị định 152/2025/NĐ-CP, Điều 59"


def test_mentioning_a_repealed_text_in_the_body_is_only_a_warning(tmp_path):
    path = plan(
        tmp_path, "2025-07-01",
        bases("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"),
        ("    details:\n      - Tổ chức học tập", "    details:\n      - Tổng kết việc thực hiện NĐ 98/2023, tổ chức học tập"),
    )
    assert findings(path) == [("rule.era.text_expired_mentioned", "plan.contents[0].details[0]", "warning")]


def test_a_2023_basis_not_yet_in_force_is_a_warning(tmp_path):
    # The 2022 law was issued on 15/6/2022 and took effect on 01/01/2024.
    path = plan(tmp_path, "2023-02-15", bases("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"))
    assert findings(path) == [("rule.era.text_not_in_force", "plan.legal_bases[0]", "warning")]


def test_the_2003_law_is_not_a_basis_in_2026(tmp_path):
    path = plan(tmp_path, "2026-02-15")
    assert findings(path) == [
        ("rule.era.text_expired", "plan.legal_bases[0]", "error"),
        ("rule.era.text_expired", "plan.legal_bases[1]", "error"),
    ]


DISTRICT = ("    - Ban Thi đua - Khen thưởng tỉnh\n", "    - Ban Thi đua - Khen thưởng tỉnh\n    - UBND huyện Phú Bình\n")
STORY = ("    details:\n      - Tổ chức học tập", "    details:\n      - Phối hợp với các xã của thị xã Phổ Yên, tổ chức học tập")
LAWS_2022 = bases("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-06-30", []),
        (
            "2025-07-01",
            [
                ("rule.era.district", "plan.recipients.others[1]", "error"),
                ("rule.era.district", "plan.contents[0].details[0]", "warning"),
            ],
        ),
    ],
)
def test_no_district_level_from_1_july_2025(tmp_path, day, expected):
    assert findings(plan(tmp_path, day, LAWS_2022, DISTRICT, STORY)) == expected


def test_a_district_body_is_named_with_the_reform_and_its_text(tmp_path):
    with pytest.raises(InputError) as caught:
        validate_file(plan(tmp_path, "2026-01-15", LAWS_2022, DISTRICT))
    [finding] = caught.value.findings
    assert finding.message == (
        "«huyện»: cấp huyện không còn từ ngày 01/07/2025 (chính quyền địa phương hai cấp), nhưng «UBND huyện Phú Bình» "
        "vẫn nêu; ghi cơ quan, đơn vị hiện nay."
    )
    assert finding.reference == "Nghị định 129/2025/NĐ-CP, Điều 59"


def test_history_speaks_of_its_own_time(tmp_path):
    # A 2026 report may list a 2019 Giấy khen of a UBND huyện: the record is dated, the finding is not due.
    text = (SAMPLES / "bloc-2016" / "thanh-tich" / "04-hoang-thi-minh-nguyet.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("document:\n  date: 2016-12-22", "document:\n  date: 2026-12-26"),
        ("year: 2016\n\nperson", "year: 2026\n\nperson"),
        ("    year: 2016\n    scope", "    year: 2026\n    scope"),
        ("  - year: 2014\n    title: Chiến sĩ thi đua cơ sở", "  - year: 2024\n    title: Chiến sĩ thi đua cơ sở"),
        ("      number: 112/QĐ-ĐPTTH\n      date: 2014-12-24", "      number: 112/QĐ-ĐPTTH\n      date: 2024-12-24"),
        ("  - year: 2015\n    title: Chiến sĩ thi đua cơ sở", "  - year: 2025\n    title: Chiến sĩ thi đua cơ sở"),
        ("      number: 121/QĐ-ĐPTTH\n      date: 2015-12-23", "      number: 121/QĐ-ĐPTTH\n      date: 2025-12-23"),
        ("  - year: 2016\n    title: Chiến sĩ thi đua cơ sở", "  - year: 2026\n    title: Chiến sĩ thi đua cơ sở"),
        ("      number: 127/QĐ-ĐPTTH\n      date: 2016-12-22", "      number: 127/QĐ-ĐPTTH\n      date: 2026-12-22"),
        ("  - year: 2015\n    title: Bằng khen của Chủ tịch UBND tỉnh\n    decision:\n      number: 1904/QĐ-UBND\n"
         "      date: 2015-08-19\n      issuer: UBND tỉnh Thái Nguyên",
         "  - year: 2019\n    title: Giấy khen của Chủ tịch UBND huyện Định Hóa\n    decision:\n      number: 1904/QĐ-UBND\n"
         "      date: 2019-08-19\n      issuer: UBND huyện Định Hóa"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "bao-cao.yaml"
    path.write_text(text, encoding="utf-8")
    # The hometown, written with its old district, is today's text: a warning; the 2019 award is history.
    assert findings(path) == [("rule.era.district", "achievement_individual.person.hometown", "warning")]
