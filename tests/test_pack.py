"""``hoso pack``: the year-end pack of a bloc, end to end with real processes and files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline.commands.pack import PackOptions, plan_pack, run_pack
from pipeline.commands.bench import write_bloc
from pipeline.nd30.check import check_docx
from pipeline.core.names import is_temporary

from tests.pack_files import bloc_copy, edit, files_under, hoso
from tests.samples import SAMPLES

SEED_PACK = [
    "00-khoi/01-ke-hoach.docx",
    "00-khoi/02-bao-cao-tong-ket-khoi.docx",
    "00-khoi/03-bien-ban-hop.docx",
    "00-khoi/04-bien-ban-kiem-phieu.docx",
    "00-khoi/05-to-trinh.docx",
    "00-khoi/06-quyet-dinh.docx",
    "01-so-van-hoa-the-thao-va-du-lich/01-bao-cao-tu-danh-gia.docx",
    "01-so-van-hoa-the-thao-va-du-lich/02-bao-cao-thanh-tich-tap-the.docx",
    "02-so-giao-duc-va-dao-tao/01-bao-cao-tu-danh-gia.docx",
    "03-so-y-te/01-bao-cao-tu-danh-gia.docx",
    "04-so-lao-dong-thuong-binh-va-xa-hoi/01-bao-cao-tu-danh-gia.docx",
    "05-dai-ptth-thai-nguyen/01-dang-ky-thi-dua.docx",
    "05-dai-ptth-thai-nguyen/02-bao-cao-tu-danh-gia.docx",
    "05-dai-ptth-thai-nguyen/03-bao-cao-thanh-tich-tap-the.docx",
    "05-dai-ptth-thai-nguyen/04-bao-cao-thanh-tich-ca-nhan.docx",
    "06-bao-thai-nguyen/01-bao-cao-tu-danh-gia.docx",
    "07-ban-quan-ly-khu-di-tich-lich-su-atk-dinh-hoa/01-bao-cao-tu-danh-gia.docx",
    "07-ban-quan-ly-khu-di-tich-lich-su-atk-dinh-hoa/02-bao-cao-thanh-tich-tap-the.docx",
    "08-ban-dan-toc-tinh/01-bao-cao-tu-danh-gia.docx",
    "09-bao-hiem-xa-hoi-tinh/01-bao-cao-tu-danh-gia.docx",
    "10-truong-cao-dang-y-te-thai-nguyen/01-bao-cao-tu-danh-gia.docx",
]


def listed_files(index: Path) -> list[str]:
    """The «Tệp» column of the Phiếu gửi: every file it lists, in order."""
    table = next(t for t in docx.Document(str(index)).tables if t.rows[0].cells[0].text == "STT")
    return [row.cells[2].text for row in table.rows[1:] if row.cells[0].text.isdigit()]


def test_the_seed_bloc_gives_a_complete_clean_pack_listed_by_its_phieu_gui(tmp_path):
    out = tmp_path / "goi"
    result = hoso("pack", str(SAMPLES / "bloc-2016"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert files_under(out) == sorted(["00-phieu-gui.docx", *SEED_PACK])
    assert {str(p): [f.format() for f in check_docx(p)] for p in out.rglob("*.docx")} == {
        str(p): [] for p in out.rglob("*.docx")
    }
    assert listed_files(out / "00-phieu-gui.docx") == SEED_PACK
    lines = result.stdout.splitlines()
    assert lines[0] == "Kết quả tạo gói hồ sơ"
    assert any("│ Đài Phát thanh - Truyền hình Thái Nguyên" in line and "│       4 │ xong" in line for line in lines)
    assert lines[-1] == f"Đã tạo 22 văn bản vào {out}; Phiếu gửi: {out / '00-phieu-gui.docx'}"
    assert "[rule.unconfirmed]" in result.stderr  # warnings are shown, once each
    assert result.stderr.count("vote.titles: Ngưỡng đạt") == 1


@pytest.mark.slow  # two packs of the sample bloc
def test_a_bad_unit_is_reported_and_skipped_the_rest_is_written_and_a_rerun_finishes(tmp_path):
    bloc = bloc_copy(tmp_path)
    out = tmp_path / "goi"
    assert hoso("pack", str(bloc), "-o", str(out)).returncode == 0
    unit = bloc / "tu-danh-gia" / "03-so-y-te.yaml"
    edit(unit, "self_score: 28.5", "self_score: chín")

    result = hoso("pack", str(bloc), "-o", str(out))

    assert result.returncode == 1
    error = (
        f"lỗi: {unit}:51: self_assessment.scoring[0].criteria[0].self_score: Giá trị phải là số, nhưng nhận "
        "được «chín». [schema.type]"
    )
    errors = [line for line in result.stderr.splitlines() if line.startswith("lỗi:")]
    assert errors == [error]  # once, though the bloc summary that links the unit fails on it too
    assert result.stderr.splitlines()[-1] == "2 nhóm văn bản có lỗi nên chưa được tạo; sửa dữ liệu rồi chạy lại lệnh."
    # The unit and the summary ranking it are left out (and their files from the first run removed).
    skipped = {"03-so-y-te/01-bao-cao-tu-danh-gia.docx", "00-khoi/02-bao-cao-tong-ket-khoi.docx"}
    expected = [name for name in SEED_PACK if name not in skipped]
    assert files_under(out) == sorted(["00-phieu-gui.docx", *expected])
    assert listed_files(out / "00-phieu-gui.docx") == expected
    row = next(line for line in result.stdout.splitlines() if line.startswith("│ Sở Y tế "))
    assert "│       0 │ lỗi (1)    │ tu-danh-gia/03-so-y-te.yaml:51: self_assessment.scoring[0]" in row

    edit(unit, "self_score: chín", "self_score: 28.5")
    rerun = hoso("pack", str(bloc), "-o", str(out))
    assert rerun.returncode == 0, rerun.stderr
    assert files_under(out) == sorted(["00-phieu-gui.docx", *SEED_PACK])


def test_a_missing_file_of_a_unit_is_named_and_only_that_unit_is_skipped(tmp_path):
    bloc = bloc_copy(tmp_path)
    (bloc / "tu-danh-gia" / "08-ban-dan-toc-tinh.yaml").unlink()
    out = tmp_path / "goi"
    result = hoso("pack", str(bloc / "khoi.yaml"), "-o", str(out))
    assert result.returncode == 1
    assert (
        f"lỗi: {bloc / 'khoi.yaml'}:69: bloc.members[7].files[0]: Không tìm thấy tệp "
        f"«tu-danh-gia/08-ban-dan-toc-tinh.yaml» (đường dẫn tính từ thư mục «{bloc}»). [pack.missing_file]"
    ) in result.stderr.splitlines()
    assert not (out / "08-ban-dan-toc-tinh").exists()
    assert (out / "09-bao-hiem-xa-hoi-tinh" / "01-bao-cao-tu-danh-gia.docx").is_file()


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        ("../../thoat-ra", "Tên «../../thoat-ra» là một đường dẫn, không phải một tên thư mục; chỉ được ghi một "
                           "tên, không có «/», «\\» hay «..»."),
        ("/etc", "Tên «/etc» là một đường dẫn, không phải một tên thư mục; chỉ được ghi một tên, không có «/», "
                 "«\\» hay «..»."),
        ('"C:\\\\Windows"', "Tên «C:\\Windows» là một đường dẫn, không phải một tên thư mục; chỉ được ghi một "
                            "tên, không có «/», «\\» hay «..»."),
        ("CON", "Tên «CON» là tên thiết bị dành riêng của Windows; hãy chọn tên khác."),
        ("aux.docx", "Tên «aux.docx» là tên thiết bị dành riêng của Windows; hãy chọn tên khác."),
        ("thu-muc.", "Tên «thu-muc.» chỉ được gồm chữ cái không dấu, chữ số, dấu «-», «_», «.», bắt đầu bằng chữ "
                     "hoặc số và không kết thúc bằng dấu chấm."),
        ("Đài", "Tên «Đài» chỉ được gồm chữ cái không dấu, chữ số, dấu «-», «_», «.», bắt đầu bằng chữ hoặc số và "
                "không kết thúc bằng dấu chấm."),
    ],
    ids=["parent", "absolute", "drive", "device", "device-with-extension", "trailing-dot", "not-ascii"],
)
def test_a_hostile_folder_name_is_refused_and_nothing_is_written(tmp_path, folder, message):
    bloc = bloc_copy(tmp_path)
    khoi = bloc / "khoi.yaml"
    edit(khoi, "folder: dai-ptth-thai-nguyen", f"folder: {folder}")
    before = files_under(tmp_path)
    result = hoso("pack", str(bloc), "-o", str(tmp_path / "goi"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"lỗi: {khoi}:56: bloc.members[4].folder: {message} [schema.bloc.unsafe_folder]",
        "Có 1 lỗi; không tạo văn bản nào.",
    ]
    assert files_under(tmp_path) == before


def test_a_control_character_in_a_folder_name_is_refused_by_the_load_stage(tmp_path):
    bloc = bloc_copy(tmp_path)
    edit(bloc / "khoi.yaml", "folder: dai-ptth-thai-nguyen", 'folder: "dai\\x07ptth"')
    result = hoso("pack", str(bloc), "-o", str(tmp_path / "goi"))
    assert result.returncode == 1
    assert "bloc.members[4].folder: Ký tự điều khiển U+0007 không được phép" in result.stderr
    assert not (tmp_path / "goi").exists()


def test_unit_names_become_ascii_folders_inside_the_output_whatever_they_hold(tmp_path):
    bloc = bloc_copy(tmp_path)
    edit(bloc / "khoi.yaml", "name: Sở Y tế", "name: ../../Sở Y tế/..\\CON")
    edit(bloc / "khoi.yaml", "name: Ban Dân tộc tỉnh", "name: «»")
    plan = plan_pack(bloc / "khoi.yaml")
    folders = [g.folder for g in plan.groups if g.inputs and g.folder != plan.bloc_folder]
    assert folders[2] == "03-so-y-te-con"
    assert folders[7] == "08-don-vi"


@pytest.mark.slow  # two packs of the sample bloc
def test_two_runs_give_byte_identical_packs(tmp_path):
    plan = plan_pack(SAMPLES / "bloc-2016" / "khoi.yaml")
    first, second = tmp_path / "a", tmp_path / "b"
    run_pack(plan, first, jobs=2)
    run_pack(plan, second, jobs=1, options=PackOptions())
    assert files_under(first) == files_under(second)
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files_under(first))


def _complete(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None and "word/document.xml" in archive.namelist()


@pytest.mark.slow  # kills a pack in the middle and runs it again
def test_a_killed_run_leaves_only_complete_files_and_a_rerun_finishes_the_job(tmp_path):
    bloc = write_bloc(tmp_path / "khoi", 60)
    out = tmp_path / "goi"
    command = [sys.executable, "-m", "pipeline", "pack", str(bloc), "-o", str(out), "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(out.rglob("*.docx")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)  # the command and its workers, as a power cut would
    process.wait()
    assert not (out / "00-phieu-gui.docx").exists()  # killed before the end
    left = [p for p in out.rglob("*") if p.is_file()]
    assert all(_complete(p) for p in left if not is_temporary(p))

    rerun = hoso("pack", str(bloc), "-o", str(out), "-j", "2")
    assert rerun.returncode == 0, rerun.stderr
    assert not [p for p in out.rglob("*") if is_temporary(p)]
    clean = tmp_path / "sach"
    assert hoso("pack", str(bloc), "-o", str(clean)).returncode == 0
    assert files_under(out) == files_under(clean)
    assert all((out / name).read_bytes() == (clean / name).read_bytes() for name in files_under(clean))


def test_a_folder_without_a_bloc_file_says_what_to_add(tmp_path):
    result = hoso("pack", str(tmp_path), "-o", str(tmp_path / "goi"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"lỗi: {tmp_path}: Thư mục «{tmp_path}» không có tệp khối (tệp dữ liệu ghi «kind: bloc», ví dụ "
        "khoi.yaml) kê các đơn vị thành viên và tệp của từng đơn vị. [pack.bloc_file]",
        "Có 1 lỗi; không tạo văn bản nào.",
    ]


@pytest.mark.slow  # two packs of the sample bloc
def test_local_rule_packs_apply_to_every_unit_and_a_broken_one_stops_the_pack_before_any_file(tmp_path):
    local = SAMPLES.parent / "rules" / "examples" / "khoi-vhxh-thai-nguyen-2016.yaml"
    with_rules = hoso("pack", str(SAMPLES / "bloc-2016"), "-o", str(tmp_path / "goi"), "--rules", str(local))
    assert with_rules.returncode == 0, with_rules.stderr
    broken = tmp_path / "quy-tac.yaml"
    broken.write_text("kind: rule_pack\n", encoding="utf-8")
    result = hoso("pack", str(SAMPLES / "bloc-2016"), "-o", str(tmp_path / "goi-2"), "--rules", str(broken))
    assert result.returncode == 1
    assert f"lỗi: {broken}: rule_pack.scope: Thiếu trường bắt buộc. [schema.missing]" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1].endswith("lỗi; không tạo văn bản nào.")
    assert not (tmp_path / "goi-2").exists()
