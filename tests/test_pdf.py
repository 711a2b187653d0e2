"""PDF through real LibreOffice: text and marks, pagination, hangs and crashes, the font guard,
page images and merged dossiers. One warm converter serves the session (``converter`` fixture);
the session ends only when no LibreOffice it started is left (``no_office_left_behind``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.stages.draft import Mode
from pipeline.core.errors import Finding
from pipeline.orchestrator import render_file
from pipeline.office.convert import (
    Converter,
    ConversionError,
    ToolError,
    check_fonts,
    convert_all,
    find_office,
    merge_pdfs,
    page_images,
)
from pipeline.commands.bench_pdf import one_page_input

from tests.office import office_processes
from tests.samples import SAMPLES

pytestmark = pytest.mark.slow  # real LibreOffice

FREEZING_OFFICE = Path(__file__).with_name("freezing_office.py")
PLAN = SAMPLES / "plan" / "ke-hoach-2016.yaml"


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The text poppler extracts, NFC, whitespace collapsed."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(unicodedata.normalize("NFC", text).split())


def pages(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


@pytest.fixture(scope="module")
def plan_pdfs(converter: Converter, tmp_path_factory: pytest.TempPathFactory) -> dict[Mode, Path]:
    """The plan sample as final and as draft, each converted once."""
    made = {}
    for mode in Mode:
        out = tmp_path_factory.mktemp(mode.value)
        docx = render_file("plan", PLAN, out, mode=mode).paths[0]
        made[mode] = converter.convert(docx)
    return made


def test_the_pdf_holds_the_vietnamese_text_with_its_marks(plan_pdfs: dict[Mode, Path]) -> None:
    text = pdf_text(plan_pdfs[Mode.FINAL])
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KHỐI THI ĐUA CÁC CƠ QUAN VĂN HÓA - XÃ HỘI",
        "Thái Nguyên, ngày 15 tháng 02 năm 2016",
        "KẾ HOẠCH",
        "Tổ chức phong trào thi đua năm 2016",
        "Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc",
        "Đồng thuận cao, thi đua giỏi, về đích sớm",
        "Nguyễn Văn Minh",
    ):
        assert unicodedata.normalize("NFC", expected) in text


def test_fonts_are_embedded_as_liberation_serif_or_times(plan_pdfs: dict[Mode, Path]) -> None:
    listing = subprocess.run(["pdffonts", str(plan_pdfs[Mode.FINAL])], capture_output=True, text=True, check=True)
    faces = {line.split()[0].split("+")[-1] for line in listing.stdout.splitlines()[2:]}
    assert faces and all(re.match(r"(LiberationSerif|TimesNewRoman|Tinos)", face) for face in faces), faces


def test_a_draft_carries_the_mark_on_every_page_and_a_final_on_none(plan_pdfs: dict[Mode, Path]) -> None:
    draft, final = plan_pdfs[Mode.DRAFT], plan_pdfs[Mode.FINAL]
    assert pages(draft) == pages(final) == 3  # the mark takes no room: same pages as the final
    for page in range(1, 4):
        assert "DỰ THẢO" in pdf_text(draft, page)
        assert "DỰ THẢO" not in pdf_text(final, page)
        # Each page breaks at the same place: the same words on every page, but for the mark and the
        # number the draft leaves blank until signature (pdftotext may order the header differently).
        draft_words = sorted(pdf_text(draft, page).replace("DỰ THẢO", "").replace("/KH-", "01/KH-").split())
        assert draft_words == sorted(pdf_text(final, page).split())


def test_a_short_document_has_one_page(converter: Converter, tmp_path: Path) -> None:
    docx = render_file(None, one_page_input(tmp_path), tmp_path).paths[0]
    assert pages(converter.convert(docx)) == 1


def test_a_long_list_breaks_into_pages_with_its_header_row_repeated(converter: Converter, tmp_path: Path) -> None:
    """80 targets: the table runs over five pages, each starting with the repeated header row,
    and LibreOffice's own ``--convert-to`` paginates the same (unoserver 3.7 did not)."""
    text = PLAN.read_text(encoding="utf-8")
    rows = "".join(
        f'  - name: Chỉ tiêu thi đua số {i} về xây dựng đời sống văn hóa ở khu dân cư\n    value: {i}\n    unit: "%"\n'
        for i in range(1, 81)
    )
    source = tmp_path / "ke-hoach-dai.yaml"
    source.write_text(re.sub(r"targets:\n(?:  - .*\n(?:    .*\n)*)+", lambda _: "targets:\n" + rows, text), encoding="utf-8")
    docx = render_file("plan", source, tmp_path).paths[0]
    pdf = converter.convert(docx)

    assert pages(pdf) == 7
    table_pages = [page for page in range(1, 8) if "Chỉ tiêu thi đua số" in pdf_text(pdf, page)]
    assert table_pages == [2, 3, 4, 5, 6]
    for page in table_pages:  # the header row's last column, once on each page of the table
        assert pdf_text(pdf, page).count("Mức phấn đấu") == 1
    numbers = [int(n) for n in re.findall(r"Chỉ tiêu thi đua số (\d+)", pdf_text(pdf))]
    assert numbers == list(range(1, 81))

    cold = tmp_path / "cold"
    subprocess.run(
        [*find_office(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(cold), str(docx)],
        capture_output=True, check=True, timeout=120,
    )
    assert pages(cold / "ke-hoach-dai.pdf") == 7


def test_the_office_stays_warm_across_documents(converter: Converter, tmp_path: Path) -> None:
    docx = render_file(None, one_page_input(tmp_path), tmp_path).paths[0]
    converter.start()  # a no-op when the office runs already
    starts = converter.starts
    for name in ("a", "b", "Tờ trình số 1 (bản nháp)"):
        assert pages(converter.convert(docx, tmp_path / "pdf" / f"{name}.pdf")) == 1
    assert converter.starts == starts


def test_two_workers_convert_a_batch_side_by_side_in_input_order(tmp_path: Path) -> None:
    one = render_file(None, one_page_input(tmp_path), tmp_path).paths[0]
    plan = render_file("plan", PLAN, tmp_path).paths[0]
    batch = [Path(shutil.copy(source, tmp_path / f"{i}-{source.name}")) for i, source in enumerate([one, plan] * 3)]
    results = convert_all(batch, workers=2)
    assert [r.source for r in results] == batch
    assert [pages(r.pdf) for r in results if r.pdf] == [1, 3, 1, 3, 1, 3]


def test_a_document_libreoffice_cannot_read_is_reported_and_the_others_converted(
    converter: Converter, tmp_path: Path
) -> None:
    good = render_file(None, one_page_input(tmp_path), tmp_path).paths[0]
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    results = converter.convert_many([broken, good])
    assert results[0].pdf is None
    assert results[0].finding is not None and results[0].finding.code == "pdf.failed"
    assert results[0].finding.message.startswith("LibreOffice không chuyển được văn bản này sang PDF (")
    assert results[1].pdf == good.with_suffix(".pdf") and pages(results[1].pdf) == 1
    assert not list(tmp_path.glob(".*.tmp")) and not (tmp_path / "hong.pdf").exists()


def test_a_hung_conversion_is_killed_after_the_timeout_and_the_batch_goes_on(tmp_path: Path) -> None:
    docx = render_file(None, one_page_input(tmp_path), tmp_path).paths[0]
    batch = [shutil.copy(docx, tmp_path / name) for name in ("truoc.docx", "freeze.docx", "sau.docx")]
    batch = [Path(p) for p in batch]
    with Converter(timeout=3, office=[sys.executable, str(FREEZING_OFFICE), *find_office()]) as frozen:
        results = frozen.convert_many(batch)
        assert frozen.starts == 2  # once, and again after the frozen one was killed
        assert len(office_processes(frozen.workdir)) >= 2  # the relay and the second LibreOffice
    assert [r.pdf is not None for r in results] == [True, False, True]
    assert results[1].finding == Finding(
        "pdf.timeout", "Không tạo được PDF: LibreOffice không xong sau 3 giây nên đã bị dừng.", file=str(batch[1])
    )
    assert not (tmp_path / "freeze.pdf").exists()
    assert not office_processes(frozen.workdir)


def test_a_crash_is_reported_at_once_and_the_next_document_gets_a_new_office(tmp_path: Path) -> None:
    docx = render_file(None, one_page_input(tmp_path), tmp_path).paths[0]
    batch = [Path(shutil.copy(docx, tmp_path / name)) for name in ("crash.docx", "sau.docx")]
    with Converter(timeout=60, office=[sys.executable, str(FREEZING_OFFICE), *find_office()]) as crashing:
        results = crashing.convert_many(batch)
        assert crashing.starts == 2
    assert results[0].finding == Finding(
        "pdf.crash", "Không tạo được PDF: LibreOffice dừng đột ngột khi chuyển văn bản này.", file=str(batch[0])
    )
    assert results[1].pdf is not None and pages(results[1].pdf) == 1


def test_a_missing_document_is_reported(converter: Converter, tmp_path: Path) -> None:
    with pytest.raises(ConversionError) as caught:
        converter.convert(tmp_path / "khong-co.docx")
    assert caught.value.findings == [
        Finding("pdf.no_source", "Không tìm thấy tệp .docx để tạo PDF.", file=str(tmp_path / "khong-co.docx"))
    ]


def test_a_libreoffice_that_does_not_run_is_a_clear_message(tmp_path: Path) -> None:
    with Converter(office=[str(tmp_path / "soffice")]) as missing, pytest.raises(ToolError) as caught:
        missing.start()
    assert caught.value.findings == [Finding(
        "pdf.no_office",
        f"Không chạy được LibreOffice «{tmp_path / 'soffice'}» (No such file or directory). Cài đặt: sudo apt-get "
        "install --no-install-recommends libreoffice-writer-nogui fonts-liberation2 poppler-utils",
    )]


def test_closing_stops_the_office_and_removes_its_profile(tmp_path: Path) -> None:
    docx = render_file(None, one_page_input(tmp_path), tmp_path).paths[0]
    converter = Converter()
    converter.convert(docx)
    assert office_processes(converter.workdir)
    converter.close()
    converter.close()  # a second close does nothing
    assert not office_processes(converter.workdir)
    assert not converter.workdir.exists()


# --- The font guard --------------------------------------------------------------------------------
def test_times_new_roman_resolves_to_a_metric_compatible_face_here() -> None:
    check_fonts()


def _fontconfig(tmp_path: Path, font: str, extra: str = "") -> Path:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / Path(font).name).symlink_to(font)
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir>{extra}</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def _font_file(family: str) -> str:
    return subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout


def test_a_face_with_other_metrics_is_refused_before_converting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FONTCONFIG_FILE", str(_fontconfig(tmp_path, _font_file("Liberation Sans"))))
    with Converter() as guarded, pytest.raises(ToolError) as caught:
        guarded.start()
    assert not office_processes(guarded.workdir)
    assert caught.value.findings == [Finding(
        "pdf.font",
        "Không tạo PDF: phông Times New Roman đang được thay bằng «Liberation Sans» (khác số đo), nên bản PDF sẽ "
        "mất dấu hoặc ngắt dòng, ngắt trang khác bản in từ Word. Cài phông Liberation Serif (cùng số đo với Times "
        "New Roman, đủ chữ tiếng Việt): sudo apt-get install fonts-liberation2 – hoặc cài phông Times New Roman.",
    )]


def test_a_face_without_vietnamese_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # fontconfig is told at scan time that the face covers English only, as Liberation 1.x did not
    # cover Vietnamese.
    english_only = (
        '<match target="scan"><edit name="lang" mode="assign"><langset><string>en</string></langset>'
        "</edit></match>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(_fontconfig(tmp_path, _font_file("Liberation Serif"), english_only)))
    with pytest.raises(ToolError) as caught:
        check_fonts()
    assert "«Liberation Serif» (thiếu chữ tiếng Việt)" in caught.value.findings[0].message


# --- Page images and merged PDFs ----------------------------------------------------------------
def test_page_images_one_png_per_page_and_stale_ones_removed(plan_pdfs: dict[Mode, Path], tmp_path: Path) -> None:
    (tmp_path / "ke-hoach-2016-9.png").write_bytes(b"old")
    images = page_images(plan_pdfs[Mode.DRAFT], tmp_path, dpi=30)
    assert [p.name for p in images] == ["ke-hoach-2016-1.png", "ke-hoach-2016-2.png", "ke-hoach-2016-3.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in images)
    assert sorted(tmp_path.iterdir()) == images


def test_merged_pdf_has_every_page_in_order_and_a_bookmark_per_document(
    plan_pdfs: dict[Mode, Path], converter: Converter, tmp_path: Path
) -> None:
    short = converter.convert(render_file(None, one_page_input(tmp_path), tmp_path).paths[0])
    merged = merge_pdfs(
        [plan_pdfs[Mode.FINAL], short], ["Kế hoạch thi đua năm 2016", "Bản đăng ký thi đua"], tmp_path / "ho-so.pdf"
    )
    reader = PdfReader(merged)
    assert len(reader.pages) == 4
    # Top level: one bookmark per document; nested under each, the headings LibreOffice exported.
    documents = [item for item in reader.outline if not isinstance(item, list)]
    assert [(item.title, reader.get_destination_page_number(item)) for item in documents] == [
        ("Kế hoạch thi đua năm 2016", 0),
        ("Bản đăng ký thi đua", 3),
    ]
    assert reader.outline[1][0].title == "I. MỤC ĐÍCH, YÊU CẦU"
    assert "BẢN ĐĂNG KÝ THI ĐUA" in pdf_text(merged, 4)
