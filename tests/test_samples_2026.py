"""The 2026 sample (samples/bloc-2026): a bloc's year under the law in force – Luật Thi đua, khen
thưởng 2022, NĐ 152/2025/NĐ-CP, TT 15/2025/TT-BNV, base salary 2.530.000 đồng from 01/7/2026 (NĐ
161/2026/NĐ-CP), two-tier local government (no district level), the province as it is after 2025.

The figures are read back from the produced .docx, so a change of rule pack, template or sample that
moves them is caught here with the reason, not only as a golden diff."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest

from pipeline import api
from pipeline.law.rulebook import load_book
from pipeline.orchestrator import TemplateSet, produce, validate_file

from tests.docx_facts import facts
from tests.samples import SAMPLES

BLOC = SAMPLES / "bloc-2026"
INPUTS = sorted(BLOC.rglob("*.yaml"))
TEMPLATES = TemplateSet()

# Words of the district level the two-tier reform removed on 01/7/2025 ("thị xã hội" is not one).
DISTRICT = re.compile(r"\b(cấp huyện|huyện|quận|thị xã(?! hội)|thị trấn)\b", re.IGNORECASE)
# Wording of earlier eras: the 2003 law and its 2013 amendment, decrees replaced before 2026, the
# Ban Thi đua - Khen thưởng whose work Sở Nội vụ now does, base salaries before 01/7/2026.
EARLIER = re.compile(
    r"năm 2003|năm 2013|42/2010|91/2017|98/2023|28/2024|01/2024/TT-BNV|Ban Thi đua|1\.210\.000|1\.800\.000|2\.340\.000"
)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.replace("\u00a0", " ")]  # hoso keeps short phrases whole with no-break spaces
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _documents(path: Path) -> list[tuple[str, str]]:
    """(document key, all its texts) of every document the input produces."""
    validated = validate_file(path)
    return [
        (document.key, "\n".join(_strings(facts(produce(document, validated, TEMPLATES.get(document)))["blocks"])))
        for document in validated.kind.documents
    ]


def _text(name: str, key: str = "") -> str:
    return dict(_documents(BLOC / name))[key]


def test_the_bloc_validates_with_only_the_intended_warnings():
    # What the sources do not confirm for 2026, said where it is used: the bloc's pass mark (set by
    # each province's quy chế), NĐ 98/2023's rounding rule, which NĐ 152/2025 may or may not keep
    # (the amounts printed are whole multiples of 10.000 đồng either way), and the form of the
    # achievement reports (one warning naming the four collective reports, one for the individual).
    checked = api.validate_bloc(BLOC)
    assert not checked.failed
    assert sorted((Path(f.file).name, f.code, f.path, f.is_error) for f in checked.findings) == [
        # Merged: the first report reached (the pack order of khoi.yaml) names the others.
        ("02-so-van-hoa-the-thao-va-du-lich.yaml", "rule.unconfirmed", "achievement_collective.document.date", False),
        ("05-nguyen-thi-bich-ngoc.yaml", "rule.unconfirmed", "achievement_individual.document.date", False),
        ("bien-ban-hop.yaml", "rule.unconfirmed", "vote.titles", False),
        ("quyet-dinh.yaml", "rule.unconfirmed", "decision.document.date", False),
    ]
    [collective] = [f for f in checked.findings if f.path == "achievement_collective.document.date"]
    assert sorted(Path(name).name for name in collective.files) == [
        "01-so-y-te.yaml", "02-so-van-hoa-the-thao-va-du-lich.yaml", "03-so-giao-duc-va-dao-tao.yaml",
        "04-truong-cao-dang-y-te-thai-nguyen.yaml",
    ]


FORM_WARNING = "Đề mục và số hiệu mẫu của báo cáo thành tích chưa được xác nhận: "


def test_an_achievement_report_under_nd152_says_its_form_is_unconfirmed():
    [finding] = [
        f for f in validate_file(BLOC / "thanh-tich" / "05-nguyen-thi-bich-ngoc.yaml").warnings
        if f.message.startswith(FORM_WARNING)
    ]
    assert (finding.code, finding.path, finding.reference) == (
        "rule.unconfirmed", "achievement_individual.document.date", "Nghị định 152/2025/NĐ-CP, Phụ lục",
    )
    assert "chỉ biết Mẫu số 05 là báo cáo thành tích của cá nhân" in finding.message
    # The 2016 reports are under a pack that says nothing of forms: no such warning there.
    report_2016 = SAMPLES / "bloc-2016" / "thanh-tich" / "01-dai-phat-thanh-truyen-hinh.yaml"
    assert not [f for f in validate_file(report_2016).warnings if f.message.startswith(FORM_WARNING)]


LOCAL_FORMS = """\
kind: rule_pack
name: Quy chế thi đua, khen thưởng tỉnh (dữ liệu kiểm thử)
level: local
scope: UBND tỉnh Thái Nguyên
effective: {start: 2026-01-01, source: qc, confirmed: false}
references:
  qc:
    text: Quy chế thi đua, khen thưởng tỉnh (dữ liệu kiểm thử)
achievement_form: {source: qc, confirmed: true}
"""


def test_a_local_pack_that_confirms_the_form_silences_the_warning(tmp_path):
    pack = tmp_path / "quy-che.yaml"
    pack.write_text(LOCAL_FORMS, encoding="utf-8")
    report = BLOC / "thanh-tich" / "01-so-y-te.yaml"
    assert [f for f in validate_file(report).warnings if f.message.startswith(FORM_WARNING)]
    warnings = validate_file(report, rules=load_book([pack])).warnings
    assert not [f for f in warnings if f.message.startswith(FORM_WARNING)]


def test_the_decision_is_under_nd152_with_the_2026_base_salary():
    rules = validate_file(BLOC / "quyet-dinh.yaml").rules
    assert rules.date == datetime.date(2026, 12, 28)
    assert rules.decree is not None and rules.decree.name == "Nghị định số 152/2025/NĐ-CP"
    assert rules.base_salary is not None
    assert (rules.base_salary.amount, rules.base_salary.start) == (2_530_000, datetime.date(2026, 7, 1))
    assert rules.base_salary.source.confirmed


def test_the_decision_prints_the_bonuses_of_the_2025_pack():
    text = _text("quyet-dinh.yaml")
    assert "Thái Nguyên, ngày 28 tháng 12 năm 2026" in text
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ" in text
    assert "Theo đề nghị của Giám đốc Sở Nội vụ." in text
    # NĐ 152/2025 Điều 50, 54: Cờ thi đua của UBND tỉnh 8,0; Bằng khen (tập thể) 3,0 × 2.530.000.
    assert "được thưởng 20.240.000 đồng (8,0 lần mức lương cơ sở 2.530.000 đồng)" in text
    assert "được thưởng 7.590.000 đồng (3,0 lần mức lương cơ sở 2.530.000 đồng)" in text
    assert (
        "Tổng số tiền thưởng là 35.420.000 đồng (bằng chữ: Ba mươi lăm triệu bốn trăm hai mươi nghìn đồng)"
        in text
    )
    # Cờ thi đua của Chính phủ is the Prime Minister's to decide: proposed, not in the decision.
    assert "Cờ thi đua của Chính phủ" not in text


def test_the_tờ_trình_proposes_the_vote_s_nominees_to_the_province():
    text = _text("to-trinh.yaml")
    assert "Kính gửi:" in text and "Sở Nội vụ tỉnh Thái Nguyên" in text
    assert "Căn cứ Biên bản số 08/BB-KTĐVHXH ngày 15/12/2026" in text
    for line in (
        "Sở Y tế: 06/06 phiếu đồng ý, tỷ lệ 100,00%",
        "Sở Văn hóa, Thể thao và Du lịch: 05/06 phiếu đồng ý, tỷ lệ 83,33%",
        "Trường Cao đẳng Y tế Thái Nguyên: 05/06 phiếu đồng ý, tỷ lệ 83,33%",
    ):
        assert line in text


def test_the_minutes_count_the_absent_member_s_written_opinion():
    text = _text("bien-ban-hop.yaml", "kiem-phieu")
    assert "tổng số 06 thành viên, có mặt 05, vắng mặt 01 (01 có ý kiến bằng văn bản)" in text
    assert "Số phiếu phát ra: 05; số phiếu thu về: 05; số phiếu hợp lệ: 05" in text


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.relative_to(BLOC).as_posix())
def test_no_district_level_and_no_wording_of_earlier_eras(path):
    for key, text in _documents(path):
        assert DISTRICT.findall(text) == [], (path.name, key)
        assert EARLIER.findall(text) == [], (path.name, key)
        assert "2026" in text or not text, (path.name, key)
