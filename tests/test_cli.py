"""The ``hoso`` command end to end, as a clerk runs it: real processes, real files."""

from __future__ import annotations

import json
import subprocess
import sys


from tests.samples import SAMPLES
from tests.template_builder import write_template

PLAN = SAMPLES / "plan" / "ke-hoach-2016.yaml"


def hoso(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    env = {"NO_COLOR": "1", "COLUMNS": "200", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


def test_render_then_check_clean(tmp_path):
    result = hoso("render", "plan", str(PLAN), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    produced = tmp_path / "ke-hoach-2016.docx"
    assert result.stdout.strip() == f"Đã tạo {produced}"
    checked = hoso("check", str(produced))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines() == [
        f"{produced}: Loại văn bản: Kế hoạch (theo tên loại “KẾ HOẠCH”).",
        f"{produced}: đạt thể thức NĐ 30, không có phát hiện nào",
    ]


def test_validate_sample_is_clean():
    result = hoso("validate", str(PLAN))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{PLAN}: hợp lệ"


def _broken_plan(tmp_path):
    text = PLAN.read_text(encoding="utf-8")
    text = text.replace("    value: 20\n", "    value: hai mươi\n")  # targets[2].value
    text = text.replace("slogan:", "slogn:")  # unknown field, and slogan now missing
    path = tmp_path / "sai.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_input_reports_every_error_and_writes_nothing(tmp_path):
    bad = _broken_plan(tmp_path)
    out = tmp_path / "out"
    result = hoso("render", "plan", str(bad), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("plan.targets[2].value" in line and "[schema.type]" in line for line in lines)
    assert any("plan.slogan: Thiếu trường bắt buộc. [schema.missing]" in line for line in lines)
    assert any(
        "«slogn»" in line and "«slogan»" in line and "[schema.unknown_field]" in line for line in lines
    )
    assert lines[-1] == "Có 3 lỗi; không tạo văn bản nào."
    assert not out.exists()


def test_validate_json_output_for_machines(tmp_path):
    result = hoso("validate", "--format", "json", str(_broken_plan(tmp_path)))
    assert result.returncode == 1
    [report] = json.loads(result.stdout)
    codes = sorted(f["code"] for f in report["findings"])
    assert codes == ["schema.missing", "schema.type", "schema.unknown_field"]


def test_template_missing_value_exits_2_with_template_and_variable(tmp_path):
    templates = tmp_path / "mau"
    templates.mkdir()
    write_template(templates / "ke-hoach.docx", "Chủ đề: {{ plan.chu_de }}")
    result = hoso("render", "plan", str(PLAN), "-o", str(tmp_path / "out"), "--templates", str(templates))
    assert result.returncode == 2
    assert "ke-hoach.docx: Mẫu dùng biến «chu_de» nhưng dữ liệu không có giá trị này" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_kind(tmp_path):
    result = hoso("render", "ke-hoach", str(PLAN), "-o", str(tmp_path))
    assert result.returncode == 1
    kinds = "plan, registration, self_assessment, bloc_summary, vote, nomination, achievement_collective, " \
        "achievement_individual, nominee_list, decision, bloc, dossier"
    assert f"Không có loại văn bản «ke-hoach». Các loại: {kinds}." in result.stderr


def test_check_reports_a_non_docx(tmp_path):
    fake = tmp_path / "x.docx"
    fake.write_text("không phải docx")
    result = hoso("check", str(fake))
    assert result.returncode == 1
    assert "[ND30-UNREADABLE]" in result.stderr


def test_schema_is_json_schema_with_vietnamese_descriptions():
    result = hoso("schema", "plan")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["theme"]["description"] == "Chủ đề thi đua của năm."
    assert schema["additionalProperties"] is False


def test_a_vote_renders_both_minutes_and_says_so(tmp_path):
    result = hoso("render", "vote", str(SAMPLES / "bloc-2016" / "bien-ban-hop.yaml"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Đã tạo {tmp_path / 'bien-ban-hop.docx'}",
        f"Đã tạo {tmp_path / 'bien-ban-hop-kiem-phieu.docx'}",
    ]
    assert "[rule.unconfirmed]" in result.stderr  # a warning, printed, not blocking


def test_a_broken_link_writes_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    source = (SAMPLES / "bloc-2016" / "to-trinh.yaml").read_text(encoding="utf-8")
    (folder / "to-trinh.yaml").write_text(source, encoding="utf-8")  # its vote file is not there
    result = hoso("render", "nomination", str(folder / "to-trinh.yaml"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert f"Không tìm thấy tệp «bien-ban-hop.yaml» (đường dẫn tính từ thư mục «{folder}»)." in result.stderr
    assert "[input.link]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_rendering_a_kind_without_documents_says_so(tmp_path):
    result = hoso("render", "bloc", str(SAMPLES / "bloc-2016" / "khoi.yaml"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Dữ liệu hợp lệ; loại «bloc» không có văn bản riêng: Khối thi đua và các đơn vị thành viên "
        "(cho lệnh hoso pack)."
    )
