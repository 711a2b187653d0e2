"""The bloc summary schema: the bloc's own text, and links instead of retyped scores and proposals."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import Finding, InputError
from pipeline.stages.load import load
from pipeline.stages.validate import validate
from schemas.bloc_summary import BlocSummary

VALID = (
    "kind: bloc_summary\n"  # 1
    "issuer:\n"  # 2
    "  parent_body: UBND tỉnh Thái Nguyên\n"  # 3
    "  name: [Khối thi đua các cơ quan, Văn hóa - Xã hội]\n"  # 4
    "  abbreviation: KTĐVHXH\n"  # 5
    "  place: Thái Nguyên\n"  # 6
    "document:\n"  # 7
    "  date: 2016-12-20\n"  # 8
    "  subject: Tổng kết công tác thi đua, khen thưởng năm 2016\n"  # 9
    "signer:\n"  # 10
    "  authorities: [{authority: TM., of: Khối thi đua}]\n"  # 11
    "  position: Trưởng khối\n"  # 12
    "  name: Nguyễn Văn Minh\n"  # 13
    "recipients:\n"  # 14
    "  archive: VP\n"  # 15
    "year: 2016\n"  # 16
    "theme: Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc\n"  # 17
    "slogan: Đồng thuận cao, thi đua giỏi, về đích sớm\n"  # 18
    "overview: [Các đơn vị trong Khối tích cực triển khai phong trào thi đua.]\n"  # 19
    "movements:\n"  # 20
    "  regular:\n"  # 21
    "    - name: Phong trào thi đua hoàn thành xuất sắc nhiệm vụ chính trị\n"  # 22
    "      results: [Các chỉ tiêu chủ yếu đều đạt và vượt]\n"  # 23
    "  sector:\n"  # 24
    "    - name: Các phong trào thi đua theo ngành\n"  # 25
    "  special:\n"  # 26
    "    - name: Thi đua chào mừng Đại hội Đảng toàn quốc lần thứ XII\n"  # 27
    "strengths: [Phong trào thi đua gắn với nhiệm vụ chính trị]\n"  # 28
    "shortcomings: [Phương pháp tổ chức chưa đổi mới]\n"  # 29
    "next_year_tasks: [Đổi mới phương pháp tổ chức phong trào thi đua]\n"  # 30
    "self_assessments:\n"  # 31
    "  - tu-danh-gia/*.yaml\n"  # 32
    "vote: bien-ban.yaml\n"  # 33
)
ROOT = "bloc_summary"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tong-ket.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings(tmp_path: Path, text: str) -> list[Finding]:
    with pytest.raises(InputError) as caught:
        validate(load(write(tmp_path, text), root=ROOT), BlocSummary, root=ROOT)
    return caught.value.findings


def only(tmp_path: Path, old: str, new: str) -> tuple[str, str | None, int | None, str]:
    assert old in VALID
    [finding] = findings(tmp_path, VALID.replace(old, new, 1))
    return finding.code, finding.path, finding.line, finding.message


def test_valid_input_holds_links_as_written(tmp_path):
    model, warnings = validate(load(write(tmp_path, VALID), root=ROOT), BlocSummary, root=ROOT)
    assert warnings == []
    assert model.self_assessments == ["tu-danh-gia/*.yaml"]
    assert model.vote == "bien-ban.yaml"
    assert model.movements.regular[0].results == ["Các chỉ tiêu chủ yếu đều đạt và vượt"]
    assert model.movements.sector[0].results == []


def test_each_group_of_movements_is_required(tmp_path):
    assert only(tmp_path, "  special:\n    - name: Thi đua chào mừng Đại hội Đảng toàn quốc lần thứ XII\n", "") == (
        "schema.missing",
        "bloc_summary.movements.special",
        20,
        "Thiếu trường bắt buộc.",
    )


def test_a_link_listed_twice_is_named(tmp_path):
    assert only(
        tmp_path,
        "  - tu-danh-gia/*.yaml\n",
        "  - tu-danh-gia/01.yaml\n  - tu-danh-gia/*.yaml\n  - tu-danh-gia/01.yaml\n  - tu-danh-gia/*.yaml\n",
    ) == (
        "schema.bloc_summary.repeated_link",
        "bloc_summary.self_assessments",
        31,
        "Danh sách báo cáo tự đánh giá ghi hơn một lần: «tu-danh-gia/*.yaml», «tu-danh-gia/01.yaml».",
    )


def test_the_vote_is_one_file_not_a_list(tmp_path):
    assert only(tmp_path, "vote: bien-ban.yaml", "vote: [bien-ban.yaml]") == (
        "schema.type",
        "bloc_summary.vote",
        33,
        "Giá trị phải là chuỗi ký tự, nhưng nhận được một danh sách; nếu cần giữ nguyên số hoặc ngày "
        "tháng, hãy đặt trong dấu nháy.",
    )


def test_at_least_one_self_assessment_is_linked(tmp_path):
    assert only(tmp_path, "self_assessments:\n  - tu-danh-gia/*.yaml\n", "self_assessments: []\n") == (
        "schema.too_short",
        "bloc_summary.self_assessments",
        31,
        "Cần ít nhất 1 mục, hiện có 0.",
    )


def test_ranking_and_proposals_cannot_be_typed(tmp_path):
    code, path, line, message = only(tmp_path, "vote: bien-ban.yaml\n", "vote: bien-ban.yaml\nranking: []\n")
    assert (code, path, line) == ("schema.unknown_field", "bloc_summary.ranking", 34)
    assert message == (
        "Trường «ranking» không có trong mẫu dữ liệu. Các trường hợp lệ: kind, issuer, document, signer, "
        "recipients, legal_bases, year, theme, slogan, overview, movements, strengths, shortcomings, "
        "next_year_tasks, self_assessments, vote."
    )


def test_year_must_match_the_report_date(tmp_path):
    assert only(tmp_path, "year: 2016", "year: 2017") == (
        "schema.bloc_summary.year_mismatch",
        "bloc_summary.year",
        16,
        "Năm thi đua 2017 không khớp ngày báo cáo 20/12/2016: báo cáo tổng kết lập trong năm đó "
        "hoặc quý I năm sau.",
    )
