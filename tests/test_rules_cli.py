"""--rules and --strict on the command line, and rule findings for machines (hoso validate --format json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core import resources

from tests.samples import SAMPLES
from tests.test_cli import hoso

RULES_DIR = resources.rules()

VOTE = SAMPLES / "bloc-2016" / "bien-ban-hop.yaml"
EXAMPLE = RULES_DIR / "examples" / "khoi-vhxh-thai-nguyen-2016.yaml"
DATA = Path(__file__).parent / "data"


def test_every_sample_validates_without_errors():
    result = hoso("validate", *map(str, sorted(SAMPLES.rglob("*.yaml"))))
    assert result.returncode == 0, result.stderr
    assert "lỗi:" not in result.stderr


def test_json_output_carries_rule_findings_with_their_reference():
    result = hoso("validate", "--format", "json", str(VOTE))
    assert result.returncode == 0
    [report] = json.loads(result.stdout)
    [finding] = report["findings"]
    assert (finding["code"], finding["severity"], finding["path"], finding["line"]) == (
        "rule.unconfirmed", "warning", "vote.titles", 80,
    )
    assert finding["reference"] == "Thực tiễn, không có quy định chung"


def test_a_local_pack_changes_the_threshold_and_says_so():
    result = hoso("validate", "--format", "json", "--rules", str(EXAMPLE), str(VOTE))
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)
    assert [f["message"][:80] for f in report["findings"]] == [
        "Ngưỡng đạt 80,00% tổng số thành viên áp dụng cho «Cờ thi đua của Chính phủ», «Cờ",
        "Ngưỡng đạt 70,00% tổng số thành viên áp dụng cho «Bằng khen của Chủ tịch UBND tỉ",
    ]
    assert report["findings"][1]["reference"] == (
        "Quy chế tổ chức và hoạt động của Khối thi đua các cơ quan Văn hóa - Xã hội (minh họa), Điều 8"
    )


def test_rules_files_stack_in_the_order_given(tmp_path):
    stricter = tmp_path / "khoi-2.yaml"
    stricter.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        .replace("scope: Khối thi đua các cơ quan Văn hóa - Xã hội tỉnh Thái Nguyên", "scope: Cụm thi đua (kiểm thử)")
        .replace("bloc_vote: {percent: 70,", "bloc_vote: {percent: 75,"),
        encoding="utf-8",
    )
    result = hoso("validate", "--format", "json", "--rules", str(EXAMPLE), "--rules", str(stricter), str(VOTE))
    [report] = json.loads(result.stdout)
    assert report["findings"][1]["message"].startswith("Ngưỡng đạt 75,00% tổng số thành viên áp dụng cho «Bằng khen")


def test_a_broken_rules_file_stops_before_any_data(tmp_path):
    broken = tmp_path / "khoi.yaml"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace("{percent: 70,", "{percent: 170,"), encoding="utf-8")
    result = hoso("validate", "--rules", str(broken), str(VOTE))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{broken}:" in result.stderr and "rule_pack.bloc_vote.percent" in result.stderr
    assert result.stderr.strip().endswith("Có 1 lỗi trong tệp quy tắc; không kiểm tra dữ liệu nào.")


@pytest.mark.slow  # three runs of the command line
def test_strict_makes_warnings_errors_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    assert hoso("render", "vote", str(VOTE), "-o", str(out)).returncode == 0
    strict = tmp_path / "strict"
    result = hoso("render", "--strict", "vote", str(VOTE), "-o", str(strict))
    assert result.returncode == 1
    assert "lỗi:" in result.stderr and "[rule.unconfirmed]" in result.stderr
    assert not strict.exists()
    assert hoso("validate", "--strict", str(VOTE)).returncode == 1


def test_every_defect_of_a_nominee_list_on_the_command_line():
    result = hoso("validate", "--rules", str(DATA / "quy-che-tinh-2026.yaml"), str(DATA / "danh-sach-nhieu-loi.yaml"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert sum(line.startswith("lỗi:") for line in lines) == 18
    assert sum(line.startswith("cảnh báo:") for line in lines) == 2
    assert "(Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4) [rule.eligibility.disciplined]" in result.stderr
