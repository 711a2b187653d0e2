"""``hoso dossier``: a complete submission dossier – documents in legal order, Phiếu gửi,
manifest and .zip – or a clear error naming the missing piece."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile

import docx
import pytest

from pipeline.nd30.check import check_docx
from pipeline.orchestrator import validate_file

from tests.pack_files import bloc_copy, edit, files_under, hoso
from tests.samples import SAMPLES

DOSSIER = SAMPLES / "bloc-2016" / "ho-so-co-thi-dua-chinh-phu.yaml"
FILES = [
    "00-phieu-gui.docx",
    "01-to-trinh.docx",
    "02-bao-cao-thanh-tich-dai-phat-thanh-truyen-hinh-thai-nguyen.docx",
    "03-bien-ban-hop.docx",
    "04-bien-ban-kiem-phieu.docx",
    "05-minh-chung-qd-288-qd-ubnd-2016.pdf",
]
SOURCES = [
    "ho-so-co-thi-dua-chinh-phu.yaml",
    "to-trinh.yaml",
    "thanh-tich/01-dai-phat-thanh-truyen-hinh.yaml",
    "bien-ban-hop.yaml",
    "bien-ban-hop.yaml",
    "minh-chung/qd-288-qd-ubnd-2016.pdf",
]
ARCHIVE = "ho-so-co-thi-dua-chinh-phu.zip"


def test_the_sample_dossier_is_complete_in_legal_order_with_manifest_and_zip(tmp_path):
    out = tmp_path / "ho-so"
    result = hoso("dossier", str(DOSSIER), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Đã tạo hồ sơ gồm 6 tệp vào {out}; Phiếu gửi: {out / '00-phieu-gui.docx'}",
        f"Đã tạo {out / 'manifest.json'}",
        f"Đã tạo {out / ARCHIVE}",
    ]
    assert files_under(out) == sorted([*FILES, "manifest.json", ARCHIVE])
    assert {name: [f.format() for f in check_docx(out / name)] for name in FILES if name.endswith(".docx")} == {
        name: [] for name in FILES if name.endswith(".docx")
    }
    listing = next(t for t in docx.Document(str(out / FILES[0])).tables if t.rows[0].cells[0].text == "STT")
    assert [row.cells[2].text for row in listing.rows[1:]] == FILES[1:]
    # Fixed phrases of a cell are joined by no-break spaces, which Word prints as spaces.
    assert listing.rows[1].cells[1].text.replace("\u00a0", " ").endswith("(kèm theo Danh sách đề nghị khen thưởng)")

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["award"] == "Cờ thi đua của Chính phủ"
    assert [(f["file"], f["source"]) for f in manifest["files"]] == list(zip(FILES, SOURCES))
    for entry in manifest["files"]:
        data = (out / entry["file"]).read_bytes()
        assert (entry["sha256"], entry["size"]) == (hashlib.sha256(data).hexdigest(), len(data))

    with zipfile.ZipFile(out / ARCHIVE) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [f"ho-so-co-thi-dua-chinh-phu/{n}" for n in [*FILES, "manifest.json"]]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert all(archive.read(i) == (out / i.filename.split("/", 1)[1]).read_bytes() for i in infos)


@pytest.mark.slow  # two dossiers
def test_two_runs_give_byte_identical_dossiers(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert hoso("dossier", str(DOSSIER), "-o", str(first)).returncode == 0
    assert hoso("dossier", str(DOSSIER), "-o", str(second)).returncode == 0
    assert files_under(first) == files_under(second)
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in files_under(first))


def test_a_missing_achievement_report_is_an_error_naming_it_and_nothing_is_written(tmp_path):
    dossier = bloc_copy(tmp_path) / DOSSIER.name
    edit(dossier, "collective_reports:\n  - thanh-tich/01-dai-phat-thanh-truyen-hinh.yaml\n", "")
    result = hoso("dossier", str(dossier), "-o", str(tmp_path / "ho-so"))
    assert result.returncode == 1
    assert (
        f"lỗi: {dossier}: dossier.collective_reports: Hồ sơ đề nghị tặng «Cờ thi đua của Chính phủ» thiếu Báo cáo "
        "thành tích của «Đài Phát thanh - Truyền hình Thái Nguyên». (Nghị định 98/2023/NĐ-CP, Điều 33; Quyết định "
        "311/QĐ-BNV năm 2025) [dossier.report_missing]"
    ) in result.stderr.splitlines()
    assert not (tmp_path / "ho-so").exists()


def test_the_government_flag_needs_the_report_certified_by_the_submitting_level(tmp_path):
    bloc = bloc_copy(tmp_path)
    report = bloc / "thanh-tich" / "01-dai-phat-thanh-truyen-hinh.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text[: text.index("certifier:")], encoding="utf-8")
    result = hoso("dossier", str(bloc / DOSSIER.name), "-o", str(tmp_path / "ho-so"))
    assert result.returncode == 1
    assert (
        "dossier.collective_reports[0]: Báo cáo thành tích của «Đài Phát thanh - Truyền hình Thái Nguyên» phải có xác "
        "nhận của cấp trình khen thưởng (certifier) khi đề nghị tặng «Cờ thi đua của Chính phủ»."
    ) in result.stderr


def _emulation_fighter_dossier(tmp_path):
    """The sample, with Hoàng Thị Minh Nguyệt voted Chiến sĩ thi đua cấp tỉnh and a dossier for her."""
    bloc = bloc_copy(tmp_path)
    edit(bloc / "bien-ban-hop.yaml", "  - name: Bằng khen của Chủ tịch UBND tỉnh\n", (
        "  - name: Chiến sĩ thi đua cấp tỉnh\n    seats: 1\n    candidates:\n"
        "      - name: Hoàng Thị Minh Nguyệt\n        votes: 10\n  - name: Bằng khen của Chủ tịch UBND tỉnh\n"
    ))
    edit(bloc / "to-trinh.yaml", "achievements:\n", (
        "achievements:\n  Hoàng Thị Minh Nguyệt: Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở; có sáng kiến "
        "được áp dụng trong phạm vi toàn tỉnh\n"
    ))
    dossier = bloc / "ho-so-cstd.yaml"
    text = DOSSIER.read_text(encoding="utf-8")
    text = text.replace("award: Cờ thi đua của Chính phủ", "award: Chiến sĩ thi đua cấp tỉnh")
    text = text.replace("collective_reports:\n  - thanh-tich/01-dai-phat-thanh-truyen-hinh.yaml",
                        "individual_reports:\n  - thanh-tich/04-hoang-thi-minh-nguyet.yaml")
    dossier.write_text(text[: text.index("proofs:")], encoding="utf-8")
    return dossier


def test_an_emulation_fighter_dossier_needs_the_recognition_of_an_initiative(tmp_path):
    dossier = _emulation_fighter_dossier(tmp_path)
    result = hoso("dossier", str(dossier), "-o", str(tmp_path / "ho-so"))
    assert result.returncode == 1
    assert (
        f"lỗi: {dossier}: dossier.proofs: Hồ sơ đề nghị tặng «Chiến sĩ thi đua cấp tỉnh» thiếu văn bản công nhận "
        "sáng kiến, đề tài của «Hoàng Thị Minh Nguyệt» (thêm vào proofs một tài liệu có initiative: true và nominee "
        "là người này)."
    ) in result.stderr

    (dossier.parent / "minh-chung" / "gcn-03.pdf").write_bytes(
        (SAMPLES / "bloc-2016" / "minh-chung" / "qd-288-qd-ubnd-2016.pdf").read_bytes()
    )
    with dossier.open("a", encoding="utf-8") as handle:
        handle.write(
            "proofs:\n  - title: Giấy chứng nhận sáng kiến số 03/GCN-HĐKH ngày 28/11/2016 của Hội đồng Khoa học tỉnh\n"
            "    file: minh-chung/gcn-03.pdf\n    nominee: Hoàng Thị Minh Nguyệt\n    initiative: true\n"
        )
    complete = hoso("dossier", str(dossier), "-o", str(tmp_path / "ho-so"))
    assert complete.returncode == 0, complete.stderr
    assert "05-minh-chung-gcn-03.pdf" in files_under(tmp_path / "ho-so")


def test_a_missing_proof_file_is_named_with_its_line(tmp_path):
    bloc = bloc_copy(tmp_path)
    (bloc / "minh-chung" / "qd-288-qd-ubnd-2016.pdf").unlink()
    result = hoso("dossier", str(bloc / DOSSIER.name), "-o", str(tmp_path / "ho-so"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        f"lỗi: {bloc / DOSSIER.name}:44: dossier.proofs[0].file: Không tìm thấy tệp «minh-chung/qd-288-qd-ubnd-2016.pdf» "
        "của tài liệu «Bản sao Quyết định số 288/QĐ-UBND ngày 03/02/2016 của UBND tỉnh Thái Nguyên tặng Cờ thi đua của "
        f"UBND tỉnh năm 2015» (đường dẫn tính từ thư mục «{bloc}»). [dossier.proof_missing]",
        "Có 1 lỗi; không tạo văn bản nào.",
    ]
    assert not (tmp_path / "ho-so").exists()


def test_a_title_without_a_known_composition_is_refused(tmp_path):
    dossier = bloc_copy(tmp_path) / DOSSIER.name
    edit(dossier, "award: Cờ thi đua của Chính phủ", "award: Bằng khen của Chủ tịch UBND tỉnh")
    result = hoso("dossier", str(dossier), "-o", str(tmp_path / "ho-so"))
    assert result.returncode == 1
    assert "hoso chưa có thành phần hồ sơ đề nghị tặng «Bằng khen của Chủ tịch UBND tỉnh»" in result.stderr
    assert "[dossier.composition_unknown]" in result.stderr


def test_another_kind_of_input_is_not_a_dossier():
    result = hoso("dossier", str(SAMPLES / "bloc-2016" / "to-trinh.yaml"), "-o", "/nonexistent/never")
    assert result.returncode == 1
    assert (
        "to-trinh.yaml: Tệp này là dữ liệu loại «nomination», không phải hồ sơ đề nghị khen thưởng (cần «kind: "
        "dossier»). [dossier.not_dossier]"
    ) in result.stderr


@pytest.mark.slow  # real LibreOffice
def test_with_pdf_the_dossier_also_gets_one_bookmarked_pdf_in_its_order(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "ho-so"
    result = hoso("dossier", str(DOSSIER), "-o", str(out), "--pdf", timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"Đã tạo {out / 'ho-so.pdf'}"
    merged = PdfReader(str(out / "ho-so.pdf"))
    parts = [out / (name.removesuffix(".docx") + ".pdf" if name.endswith(".docx") else name) for name in FILES]
    assert len(merged.pages) == sum(len(PdfReader(str(p)).pages) for p in parts)
    assert [item.title for item in merged.outline if not isinstance(item, list)] == [
        "Phiếu gửi hồ sơ đề nghị khen thưởng",
        "Tờ trình",
        "Báo cáo thành tích",
        "Biên bản họp bình xét, suy tôn",
        "Biên bản kiểm phiếu",
        "Bản sao Quyết định số 288/QĐ-UBND ngày 03/02/2016 của UBND tỉnh Thái Nguyên tặng Cờ thi đua của UBND tỉnh "
        "năm 2015",
    ]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in manifest["files"]] == FILES  # the PDFs are beside, not in the signed set


@pytest.mark.parametrize(
    ("day", "unconfirmed"),
    [
        ("2023-12-31", True),  # the day before Luật Thi đua, khen thưởng 2022 came into force
        ("2024-01-01", False),
        ("2026-01-05", False),  # the Prime Minister's row is the law's own, not bounded by NĐ 98
    ],
)
def test_a_composition_is_confirmed_from_the_law_in_force(tmp_path, day, unconfirmed):
    folder = tmp_path / "bloc"
    shutil.copytree(SAMPLES / "bloc-2016", folder)
    dossier_file = folder / "ho-so-co-thi-dua-chinh-phu.yaml"
    text = dossier_file.read_text(encoding="utf-8").replace("  date: 2016-12-28", f"  date: {day}", 1)
    dossier_file.write_text(text, encoding="utf-8")
    codes = {f.code for f in validate_file(dossier_file).warnings}
    assert ("dossier.composition_unconfirmed" in codes) is unconfirmed
