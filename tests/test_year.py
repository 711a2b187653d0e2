"""The checks across a bloc's year (pipeline/law/checks/year.py): a copy of the 2016 bloc with one
inconsistency each gives exactly the finding expected, naming both documents and both data
paths with their lines; the sample itself gives none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import api
from pipeline.commands.pack import PackOptions, find_bloc_file, plan_pack
from pipeline.commands.year import check_bloc
from pipeline.core.errors import Severity
from pipeline.law.rulebook import builtin_book
from tests.docx_facts import open_docx
from tests.pack_files import bloc_copy, edit
from tests.samples import SAMPLES
from tests.test_cli import hoso


@pytest.fixture
def bloc(tmp_path) -> Path:
    """A copy of the sample bloc (and the plan it links); the bloc's folder."""
    return bloc_copy(tmp_path)


def year_findings(folder: Path):
    plan = plan_pack(find_bloc_file(folder))
    checked = check_bloc(plan, builtin_book(), PackOptions())
    assert not [f for f in checked.own if f.is_error]
    return list(checked.year)


def only(folder: Path, code: str):
    findings = year_findings(folder)
    assert [f.code for f in findings] == [code], [f.format() for f in findings]
    return findings[0]


def test_the_2016_sample_holds_together(bloc):
    assert year_findings(bloc) == []


def test_one_position_two_names_is_an_error_naming_both_files(bloc):
    edit(bloc / "tu-danh-gia/05-dai-phat-thanh-truyen-hinh-thai-nguyen.yaml",
         "  - name: Hoàng Thị Minh Nguyệt\n", "  - name: Lương Thị Hồng\n")
    found = only(bloc, "link.person_renamed")
    assert found.severity is Severity.ERROR
    assert (found.file, found.line, found.path) == (
        str(bloc / "tu-danh-gia/05-dai-phat-thanh-truyen-hinh-thai-nguyen.yaml"), 104,
        "self_assessment.individual_titles[0].name",
    )
    assert f"{bloc}/thanh-tich/04-hoang-thi-minh-nguyet.yaml:21: achievement_individual.person.full_name" in found.message
    assert "«Lương Thị Hồng» (Trưởng phòng Thời sự)" in found.message
    assert "«Hoàng Thị Minh Nguyệt»" in found.message


def test_one_name_two_positions_is_a_warning(bloc):
    edit(bloc / "de-nghi/05-dai-phat-thanh-truyen-hinh.yaml",
         "    position: Trưởng phòng Thời sự\n", "    position: Phó Giám đốc\n")
    found = only(bloc, "link.person_moved")
    assert found.severity is Severity.WARNING
    assert (found.file, found.path) == (str(bloc / "de-nghi/05-dai-phat-thanh-truyen-hinh.yaml"),
                                        "nominee_list.individuals[0].name")
    assert found.line == 20
    assert f"{bloc}/tu-danh-gia/05-dai-phat-thanh-truyen-hinh-thai-nguyen.yaml:104: " \
           "self_assessment.individual_titles[0].name" in found.message


def test_a_nominee_not_registered_for_the_title_is_a_warning(bloc):
    edit(bloc / "de-nghi/05-dai-phat-thanh-truyen-hinh.yaml", "  - name: Dương Quốc Khánh\n", "  - name: Phạm Thu Hà\n")
    found = only(bloc, "link.unregistered_title")
    assert found.severity is Severity.WARNING
    assert (found.file, found.line, found.path) == (
        str(bloc / "de-nghi/05-dai-phat-thanh-truyen-hinh.yaml"), 54, "nominee_list.individuals[4].name",
    )
    assert f"{bloc}/dang-ky/05-dai-phat-thanh-truyen-hinh.yaml:38: registration.individual_titles[1].names" \
           in found.message


def test_a_unit_voted_on_for_an_award_it_did_not_ask_for_is_a_warning(bloc):
    edit(bloc / "tu-danh-gia/03-so-y-te.yaml", "  - Bằng khen của Chủ tịch UBND tỉnh\n", "")
    found = only(bloc, "link.unrequested_award")
    assert found.severity is Severity.WARNING
    assert (found.file, found.line, found.path) == (
        str(bloc / "bien-ban-hop.yaml"), 99, "vote.titles[2].candidates[2].name",
    )
    assert f"{bloc}/tu-danh-gia/03-so-y-te.yaml:97: self_assessment.collective_titles" in found.message


def test_a_tờ_trình_dated_before_a_report_it_encloses(bloc):
    edit(bloc / "thanh-tich/03-ban-quan-ly-atk-dinh-hoa.yaml", "  date: 2016-12-21\n", "  date: 2016-12-27\n")
    found = only(bloc, "link.dated_before_enclosed")
    assert found.severity is Severity.ERROR
    assert (found.file, found.line, found.path) == (str(bloc / "to-trinh.yaml"), 16, "nomination.document.date")
    assert "ngày 22/12/2016, trước ngày 27/12/2016" in found.message
    assert f"{bloc}/thanh-tich/03-ban-quan-ly-atk-dinh-hoa.yaml:16: achievement_collective.document.date" \
           in found.message


def test_a_dossier_dated_before_what_it_bundles(bloc):
    edit(bloc / "ho-so-co-thi-dua-chinh-phu.yaml", "  date: 2016-12-28\n", "  date: 2016-12-21\n")
    found = only(bloc, "link.dated_before_enclosed")
    assert (found.file, found.path) == (str(bloc / "ho-so-co-thi-dua-chinh-phu.yaml"), "dossier.document.date")
    assert f"{bloc}/to-trinh.yaml:16: nomination.document.date" in found.message


def test_a_dossier_holding_a_certified_report_without_a_number(bloc):
    edit(bloc / "thanh-tich/01-dai-phat-thanh-truyen-hinh.yaml", "  number: 118\n", "")
    found = only(bloc, "link.unnumbered_certified")
    assert found.severity is Severity.ERROR
    assert (found.file, found.path) == (str(bloc / "ho-so-co-thi-dua-chinh-phu.yaml"), "dossier.collective_reports")
    assert f"{bloc}/thanh-tich/01-dai-phat-thanh-truyen-hinh.yaml:" in found.message
    assert "achievement_collective.certifier" in found.message
    assert "Đặng Thị Lan Anh" in found.message


def test_a_vote_counter_from_a_candidate_unit_is_a_warning_citing_an_unconfirmed_practice(bloc):
    edit(bloc / "bien-ban-hop.yaml", "    position: Phó Giám đốc Bảo hiểm xã hội tỉnh\n",
         "    position: Phó Giám đốc Sở Y tế\n")
    found = only(bloc, "link.counter_is_candidate")
    assert found.severity is Severity.WARNING
    assert (found.file, found.path) == (str(bloc / "bien-ban-hop.yaml"), "vote.counting.members[0].name")
    assert f"{bloc}/bien-ban-hop.yaml:99: vote.titles[2].candidates[2].name" in found.message
    assert "chưa được xác nhận" in (found.reference or "")


def test_hoso_validate_takes_the_bloc_folder(bloc):
    clean = hoso("validate", str(bloc))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    edit(bloc / "tu-danh-gia/05-dai-phat-thanh-truyen-hinh-thai-nguyen.yaml",
         "  - name: Hoàng Thị Minh Nguyệt\n", "  - name: Lương Thị Hồng\n")
    broken = hoso("validate", str(bloc))
    assert broken.returncode == 1
    output = broken.stdout + broken.stderr
    assert "[link.person_renamed]" in output
    assert "thanh-tich/04-hoang-thi-minh-nguyet.yaml:21" in output


def test_a_pack_stops_only_the_group_an_error_is_about(bloc, tmp_path):
    edit(bloc / "thanh-tich/03-ban-quan-ly-atk-dinh-hoa.yaml", "  date: 2016-12-21\n", "  date: 2016-12-27\n")
    report = api.pack(bloc, tmp_path / "out", jobs=1)
    failed = [r for r in report.ordered() if not r.ok]
    assert [[f.code for f in r.errors] for r in failed] == [["link.dated_before_enclosed"]]
    assert report.exit_code == 1
    assert not list((tmp_path / "out").rglob("*to-trinh*.docx"))
    assert len(report.ordered()) - len(failed) == len(report.plan.groups) - 1


def test_a_dossier_with_an_inconsistency_writes_nothing(bloc, tmp_path):
    edit(bloc / "thanh-tich/01-dai-phat-thanh-truyen-hinh.yaml", "  number: 118\n", "")
    with pytest.raises(api.InputError) as caught:
        api.dossier(bloc / "ho-so-co-thi-dua-chinh-phu.yaml", tmp_path / "out")
    assert [f.code for f in caught.value.findings] == ["link.unnumbered_certified"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- Every year from 2016 to 2026 has its rules -------------------------------------------------------
ND42 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013); Nghị định 42/2010/NĐ-CP"
ND91 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2013); Nghị định 91/2017/NĐ-CP"
ND98 = "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP"
ND152 = "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP"


def vote_on(tmp_path: Path, day: str) -> Path:
    """The sample vote, held on ``day`` for the emulation year of that day."""
    text = (SAMPLES / "bloc-2016" / "bien-ban-hop.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("start: 2016-12-20 08:00", f"start: {day} 08:00"),
        ("end: 2016-12-20 11:30", f"end: {day} 11:30"),
        ("  start: 2016-12-20 10:00", f"  start: {day} 10:00"),
        ("  end: 2016-12-20 10:30", f"  end: {day} 10:30"),
        ("year: 2016", f"year: {day[:4]}"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"bien-ban-{day}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("day", "pack"), [
    ("2016-12-20", ND42), ("2017-09-30", ND42), ("2017-10-01", ND91), ("2017-12-20", ND91), ("2018-12-20", ND91),
    ("2019-12-20", ND91), ("2020-12-20", ND91), ("2021-12-20", ND91), ("2022-12-20", ND91), ("2023-12-20", ND91),
    ("2023-12-30", ND91), ("2023-12-31", ND98), ("2024-12-20", ND98), ("2025-06-30", ND98), ("2025-12-20", ND152),
    ("2026-12-20", ND152),
])
def test_a_document_of_every_year_validates_against_the_pack_of_its_day(tmp_path, day, pack):
    validated = api.validate(vote_on(tmp_path, day))
    assert validated.rules.national is not None and validated.rules.national.name == pack
    assert not [f for f in validated.warnings if f.code == "rule.pack_missing"]


def test_the_nd91_era_prints_no_unconfirmed_number(tmp_path):
    """No value of NĐ 91/2017 is confirmed: a council's thresholds say so, and no bonus is a number."""
    path = vote_on(tmp_path, "2019-12-20")
    edit(path, "body: bloc", "body: council")
    validated = api.validate(path)
    assert all(not title.coefficients for title in validated.rules.titles.values())
    [threshold] = [f for f in validated.warnings if f.code == "rule.unconfirmed" and "Cờ thi đua" in f.message]
    assert threshold.reference == "Nghị định 91/2017/NĐ-CP"
    assert "«Cờ thi đua của Chính phủ», «Cờ thi đua của UBND tỉnh»" in threshold.message


def test_a_decision_of_the_nd91_era_names_no_unconfirmed_amount(bloc):
    """Moved to 2019–2020, the sample's vote, tờ trình and decision fall under NĐ 91/2017: the
    decision grants the bonus «theo quy định» of that decree and prints no amount."""
    for name in ("bien-ban-hop.yaml", "to-trinh.yaml"):
        path = bloc / name
        text = path.read_text(encoding="utf-8").replace("2016-12-2", "2019-12-2").replace("năm 2016", "năm 2019")
        path.write_text(text.replace("\nyear: 2016\n", "\nyear: 2019\n"), encoding="utf-8")
    edit(bloc / "to-trinh.yaml", "ngày 15/02/2016", "ngày 15/02/2019")
    edit(bloc / "quyet-dinh.yaml", "  date: 2017-01-16\n", "  date: 2020-01-16\n")
    [document] = api.render_documents(bloc / "quyet-dinh.yaml")
    text = "\n".join(p.text for p in open_docx(document.data).paragraphs)
    assert "kèm theo tiền thưởng theo quy định tại Nghị định số 91/2017/NĐ-CP" in text
    assert not re.search(r"\d{1,3}(\.\d{3})+ đồng", text)
