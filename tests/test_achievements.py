"""Derived values and render context of the award forms (báo cáo thành tích, bản đăng ký thi đua)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from pipeline.law.achievements import chronological, registered_count, staff_total
from pipeline.law.enrich import achievement
from pipeline.law.enrich import registration
from pipeline.law.rulebook import builtin_book
from schemas.achievement import (
    AwardRecord,
    CollectiveAchievement,
    IndividualAchievement,
    Organisation,
    StaffGroup,
)
from schemas.registration import IndividualTitle, Registration
from schemas.self_assessment import TargetResult

RULES = builtin_book().on(datetime.date(2016, 12, 26))

ISSUER = {"parent_body": "UBND tỉnh Thái Nguyên", "name": ["Đài Phát thanh -", "Truyền hình Thái Nguyên"],
          "abbreviation": "ĐPTTH", "place": "Thái Nguyên"}
SIGNER = {"position": "Giám đốc", "name": "Hoàng Văn Tuấn"}


def record(year: int, decided: str, title: str = "Tập thể lao động xuất sắc", number: str = "1/QĐ-UBND") -> AwardRecord:
    return AwardRecord(year=year, title=title, decision={
        "number": number, "date": decided, "issuer": "UBND tỉnh Thái Nguyên"})


def collective(**changes) -> CollectiveAchievement:
    data = {
        "issuer": ISSUER, "document": {"number": 118, "date": "2016-12-26"},
        "proposed_award": "Cờ thi đua của Chính phủ", "year": 2016,
        "characteristics": ["Đặc điểm"], "functions": ["Chức năng"],
        "organisation": {"paragraphs": ["Bộ máy"]}, "results": {"paragraphs": ["Kết quả"]},
        "measures": ["Biện pháp"], "policy_compliance": ["Chấp hành"], "party_and_mass_organisations": ["Đoàn thể"],
        "signer": SIGNER, **changes,
    }
    return CollectiveAchievement.model_validate(data)


def individual(**changes) -> IndividualAchievement:
    data = {
        "issuer": ISSUER, "document": {"date": "2016-12-26"},
        "proposed_award": "Chiến sĩ thi đua cấp tỉnh", "year": 2016,
        "person": {"full_name": "Hoàng Thị Minh Nguyệt", "date_of_birth": "1978-09-04", "gender": "Nữ",
                   "hometown": "xã Phú Đình", "residence": "phường Phan Đình Phùng",
                   "workplace": "Phòng Thời sự", "position": "Trưởng phòng", "qualification": "Cử nhân Báo chí"},
        "duties": ["Phụ trách Phòng"], "achievements": ["Hoàn thành xuất sắc nhiệm vụ"],
        "signer": SIGNER, **changes,
    }
    return IndividualAchievement.model_validate(data)


# --- Derived values ---------------------------------------------------------------------------------
def test_history_by_year_then_decision_date_ties_in_input_order():
    rows = [
        record(2015, "2016-02-03", number="288/QĐ-UBND"),
        record(2013, "2014-02-12"),
        record(2015, "2016-01-20", number="95/QĐ-SVHTTDL"),
        record(2015, "2016-02-03", number="287/QĐ-UBND"),
    ]
    assert [r.decision.number for r in chronological(rows)] == [
        "1/QĐ-UBND", "95/QĐ-SVHTTDL", "288/QĐ-UBND", "287/QĐ-UBND"
    ]


def test_staff_total_adds_the_groups():
    assert staff_total([StaffGroup(group="Viên chức", count=182), StaffGroup(group="Hợp đồng", count=64)]) == 246
    assert staff_total([]) == 0


def test_registered_count_from_names_or_typed():
    assert registered_count(IndividualTitle(title="Lao động tiên tiến", count=226)) == 226
    assert registered_count(IndividualTitle(title="Chiến sĩ thi đua cơ sở", names=["Lê Văn An", "Ma Thị Hoa"])) == 2


# --- Báo cáo thành tích -----------------------------------------------------------------------------
def test_decision_cell_names_number_date_and_issuer():
    assert achievement.decision_text(record(2013, "2014-02-05", number="245/QĐ-UBND")) == (
        "Quyết định số 245/QĐ-UBND ngày 05/02/2014 của UBND tỉnh Thái Nguyên"
    )


@pytest.mark.parametrize(
    ("value", "shown"), [(Decimal("300000"), "300.000"), (Decimal("97.50"), "97,5"), (Decimal("100.0"), "100")]
)
def test_figures_drop_trailing_zeros(value, shown):
    assert achievement.figure(value) == shown


def test_result_rows_compute_the_share():
    rows = achievement.result_rows([
        TargetResult(name="Cán bộ hoàn thành tốt nhiệm vụ", planned=95, achieved=100, unit="%"),
        TargetResult(name="Vụ vi phạm", planned=0, achieved=0),
    ])
    assert rows == [
        {"no": "1", "name": "Cán bộ hoàn thành tốt nhiệm vụ", "unit": "%", "planned": "95", "achieved": "100",
         "share": "105,26%"},
        {"no": "2", "name": "Vụ vi phạm", "unit": "", "planned": "0", "achieved": "0", "share": "–"},
    ]


def test_staff_line_only_when_groups_are_given():
    assert achievement.staff_line(Organisation(paragraphs=["Bộ máy"])) == ""
    organisation = Organisation(paragraphs=["Bộ máy"], staff=[
        {"group": "Viên chức", "count": 1182}, {"group": "Lao động hợp đồng", "count": 64}])
    assert achievement.staff_line(organisation) == (
        "Tổng số người làm việc: 1.246 người (Viên chức: 1.182 người; Lao động hợp đồng: 64 người)."
    )


def test_collective_context():
    report = collective(
        emulation_titles=[record(2015, "2016-02-03"), record(2014, "2015-02-10")],
        certifier={"authorities": [{"authority": "TM.", "of": "Ủy ban nhân dân"}], "position": "Chủ tịch",
                   "name": "Đặng Thị Lan Anh"},
    )
    context = achievement.enrich_collective(report, {}, RULES)
    body, frame = context["report"], context["frame"]
    assert body["nominee"] == "Đài Phát thanh - Truyền hình Thái Nguyên"
    assert [row["year"] for row in body["emulation_titles"]] == ["2014", "2015"]
    assert body["commendations"] == [] and body["no_record"] == "Không có."
    assert frame["type_name"] == "BÁO CÁO"
    assert frame["subject"] == "Thành tích đề nghị tặng Cờ thi đua của Chính phủ năm 2016"
    assert frame["number_line"] == "Số: 118/BC-ĐPTTH"
    assert frame["signatures"] == [
        {"lines": ["XÁC NHẬN CỦA", "CẤP TRÌNH KHEN THƯỞNG", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
         "name": "Đặng Thị Lan Anh"},
        {"lines": ["GIÁM ĐỐC"], "name": "Hoàng Văn Tuấn"},
    ]
    assert frame["recipients"] == []


def test_named_nominee_and_blank_certification():
    context = achievement.enrich_collective(collective(nominee="Phòng Thời sự"), {}, RULES)
    assert context["report"]["nominee"] == "Phòng Thời sự"
    assert context["frame"]["signatures"][0] == {"lines": ["XÁC NHẬN CỦA", "CẤP TRÌNH KHEN THƯỞNG"], "name": ""}


def test_individual_context():
    report = individual(initiatives=[{"title": "Giải pháp A", "recognition": "Quyết định số 87/QĐ-ĐPTTH"},
                                     {"title": "Giải pháp B"}])
    context = achievement.enrich_individual(report, {}, RULES)
    body = context["report"]
    assert body["profile"] == [
        "- Họ và tên: Hoàng Thị Minh Nguyệt;",
        "- Sinh ngày, tháng, năm: 04/09/1978; giới tính: Nữ;",
        "- Quê quán: xã Phú Đình;",
        "- Trú quán: phường Phan Đình Phùng;",
        "- Đơn vị công tác: Phòng Thời sự;",
        "- Chức vụ (Đảng, chính quyền, đoàn thể): Trưởng phòng;",
        "- Trình độ chuyên môn, nghiệp vụ: Cử nhân Báo chí.",
    ]
    assert body["initiatives"] == ["- Giải pháp A (Quyết định số 87/QĐ-ĐPTTH);", "- Giải pháp B."]
    assert context["frame"]["number_line"] == "Số:      /BC-ĐPTTH"
    assert context["frame"]["signatures"] == [
        {"lines": ["THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ", "GIÁM ĐỐC"], "name": "Hoàng Văn Tuấn"},
        {"lines": ["NGƯỜI BÁO CÁO THÀNH TÍCH"], "name": "Hoàng Thị Minh Nguyệt"},
        # The third is centred under the pair, across the text width: one line.
        {"lines": ["XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"], "name": ""},
    ]


def test_profile_prints_academic_titles_when_given():
    person = individual().person.model_copy(update={"academic_titles": "Thạc sĩ Báo chí"})
    lines = achievement.profile_lines(individual(person=person.model_dump()))
    assert lines[-2:] == [
        "- Trình độ chuyên môn, nghiệp vụ: Cử nhân Báo chí;",
        "- Học hàm, học vị, danh hiệu, giải thưởng: Thạc sĩ Báo chí.",
    ]


def test_core_properties_carry_the_subject():
    core = achievement.core(individual(), {})
    assert (core.title, core.created) == (
        "Thành tích đề nghị tặng Chiến sĩ thi đua cấp tỉnh năm 2016", datetime.date(2016, 12, 26))


# --- Bản đăng ký thi đua ----------------------------------------------------------------------------
def test_registration_context():
    model = Registration.model_validate({
        "issuer": ISSUER, "document": {"number": 21, "date": "2016-03-08"},
        "recipients": {"addressees": ["Trưởng khối thi đua các cơ quan Văn hóa - Xã hội"], "archive": "VP"},
        "year": 2016, "plan_reference": "Kế hoạch số 01/KH-KTĐVHXH ngày 15/02/2016",
        "collective_titles": ["Tập thể lao động xuất sắc"],
        "individual_titles": [{"title": "Lao động tiên tiến", "count": 1226},
                              {"title": "Chiến sĩ thi đua cơ sở", "names": ["Lê Văn An", "Ma Thị Hoa"]}],
        "targets": [{"name": "Thời lượng phát sóng", "value": 18, "unit": "giờ/ngày"}],
        "commitments": ["Thực hiện nghiêm giao ước"], "signer": SIGNER,
    })
    context = registration.enrich_registration(model, {}, RULES)
    body, frame = context["registration"], context["frame"]
    assert body["individual_titles"] == [
        "- Lao động tiên tiến: 1.226 người;",
        "- Chiến sĩ thi đua cơ sở: 2 người, gồm: Lê Văn An, Ma Thị Hoa.",
    ]
    assert body["targets"] == [{"no": "1", "name": "Thời lượng phát sóng", "value": "18 giờ/ngày"}]
    assert (frame["type_name"], frame["subject"], frame["number_line"]) == (
        "BẢN ĐĂNG KÝ THI ĐUA", "Danh hiệu và chỉ tiêu thi đua năm 2016", "Số: 21/ĐPTTH")
    assert frame["recipients"] == ["- Như trên;", "- Lưu: VT, VP."]
    assert registration.core(model, {}).title == "Danh hiệu và chỉ tiêu thi đua năm 2016"
