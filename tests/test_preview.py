"""``hoso preview``, ``render --draft --pdf`` and ``hoso pdf`` as a clerk runs them, and the watch
loop behind ``preview --watch`` (on the session's warm converter)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.orchestrator import TemplateSet
from pipeline.law.rulebook import builtin_book
from pipeline.office.convert import Converter
from pipeline.commands.preview import Preview, preview_inputs, watch

from tests.samples import SAMPLES

pytestmark = pytest.mark.slow  # real LibreOffice

PLAN = SAMPLES / "plan" / "ke-hoach-2016.yaml"
VOTE = SAMPLES / "bloc-2016" / "bien-ban-hop.yaml"
INSTALL = "sudo apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation2 poppler-utils"


def hoso(*args: str, path: str = os.environ["PATH"]) -> subprocess.CompletedProcess[str]:
    # TMPDIR: the session's folder, where its converters live (conftest.no_office_left_behind).
    env = {"NO_COLOR": "1", "COLUMNS": "200", "PATH": path, "TMPDIR": os.environ["TMPDIR"]}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_preview_writes_the_draft_as_docx_pdf_and_page_images_and_prints_them(tmp_path: Path) -> None:
    result = hoso("preview", str(PLAN), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    made = [tmp_path / name for name in (
        "ke-hoach-2016.docx", "ke-hoach-2016.pdf", "ke-hoach-2016-1.png", "ke-hoach-2016-2.png", "ke-hoach-2016-3.png",
    )]
    assert result.stdout.splitlines() == [f"Đã tạo {path}" for path in made]
    assert all(path.is_file() for path in made)
    with zipfile.ZipFile(made[0]) as package:
        assert "DỰ THẢO" in package.read("word/header2.xml").decode("utf-8")
    assert made[2].read_bytes().startswith(b"\x89PNG")


def test_preview_reports_a_bad_input_and_previews_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "sai.yaml"
    bad.write_text(PLAN.read_text(encoding="utf-8").replace("  date: 2016-02-15\n", ""), encoding="utf-8")
    result = hoso("preview", str(bad), str(PLAN), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"lỗi: {bad}:14: plan.document.date: Thiếu trường bắt buộc. [schema.missing]"]
    assert f"Đã tạo {tmp_path / 'out' / 'ke-hoach-2016.pdf'}" in result.stdout.splitlines()


def test_render_draft_and_pdf_put_a_pdf_beside_each_document(tmp_path: Path) -> None:
    result = hoso("render", "vote", str(VOTE), "-o", str(tmp_path), "--draft", "--pdf")
    assert result.returncode == 0, result.stderr
    names = ["bien-ban-hop.docx", "bien-ban-hop-kiem-phieu.docx", "bien-ban-hop.pdf", "bien-ban-hop-kiem-phieu.pdf"]
    assert result.stdout.splitlines() == [f"Đã tạo {tmp_path / name}" for name in names]
    for pdf in names[2:]:
        assert all("DỰ THẢO" in page.extract_text() for page in PdfReader(tmp_path / pdf).pages)


def test_without_libreoffice_the_docx_is_written_and_the_message_says_what_to_install(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = hoso("render", "plan", str(PLAN), "-o", str(tmp_path), "--pdf", path=str(empty))
    assert result.returncode == 2
    assert result.stdout.splitlines() == [f"Đã tạo {tmp_path / 'ke-hoach-2016.docx'}"]
    assert result.stderr.splitlines() == [
        "lỗi: Không tìm thấy LibreOffice (lệnh soffice) để tạo PDF; các tệp .docx vẫn được tạo. Cài đặt: "
        f"{INSTALL} [pdf.no_office]"
    ]
    assert not (tmp_path / "ke-hoach-2016.pdf").exists()


def test_hoso_pdf_converts_existing_documents_and_reports_the_broken_one(tmp_path: Path) -> None:
    good = tmp_path / "ke-hoach.docx"
    hoso("render", "plan", str(PLAN), "-o", str(tmp_path))
    (tmp_path / "ke-hoach-2016.docx").rename(good)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = hoso("pdf", str(broken), str(good))
    assert result.returncode == 2
    assert result.stdout.splitlines() == [f"Đã tạo {tmp_path / 'ke-hoach.pdf'}"]
    assert result.stderr.startswith(f"lỗi: {broken}: LibreOffice không chuyển được văn bản này sang PDF (")


def test_watch_previews_again_when_the_data_is_saved(converter: Converter, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    source = data / PLAN.name
    shutil.copy(PLAN, source)
    out = tmp_path / "out"
    rounds: list[Preview] = []
    done = threading.Semaphore(0)

    def report(preview: Preview) -> None:
        rounds.append(preview)
        done.release()

    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=([source], out, converter, None, report), kwargs={"stop": stop})
    watcher.start()
    try:
        assert done.acquire(timeout=60)
        first = (out / "ke-hoach-2016-1.png").stat().st_mtime_ns
        text = source.read_text(encoding="utf-8")
        subject = "subject: Tổ chức phong trào thi đua năm 2016"
        source.write_text(text.replace(subject, f"{subject} (sửa lần 1)"), encoding="utf-8")
        assert done.acquire(timeout=60)
    finally:
        stop.set()
        watcher.join()
    assert len(rounds) == 2 and not rounds[1].failed
    assert (out / "ke-hoach-2016-1.png").stat().st_mtime_ns != first
    assert rounds[1].documents[0].pdf is not None
    assert "(sửa lần 1)" in " ".join(PdfReader(rounds[1].documents[0].pdf).pages[0].extract_text().split())


def test_preview_inputs_reuses_the_warm_converter(converter: Converter, tmp_path: Path) -> None:
    converter.start()
    starts = converter.starts
    result = preview_inputs([PLAN, VOTE], tmp_path, converter, TemplateSet(), rules=builtin_book())
    assert not result.failed
    assert [d.docx.name for d in result.documents] == [
        "ke-hoach-2016.docx", "bien-ban-hop.docx", "bien-ban-hop-kiem-phieu.docx",
    ]
    assert converter.starts == starts  # the office stayed up


def test_preview_watch_from_the_command_line_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    source = tmp_path / "data" / PLAN.name
    source.parent.mkdir()
    shutil.copy(PLAN, source)
    page_one = f"Đã tạo {tmp_path / 'out' / 'ke-hoach-2016-1.png'}"
    env = {"NO_COLOR": "1", "COLUMNS": "200", "PATH": os.environ["PATH"], "TMPDIR": os.environ["TMPDIR"]}
    watching = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "preview", str(source), "-o", str(tmp_path / "out"), "--watch"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(line.rstrip("\n") for line in watching.stdout))
    reader.start()
    try:
        _wait_until(lambda: page_one in lines)
        source.write_text(source.read_text(encoding="utf-8").replace("Nguyễn Văn Minh", "Trần Văn Minh"), encoding="utf-8")
        _wait_until(lambda: lines.count(page_one) == 2)
    finally:
        watching.send_signal(signal.SIGINT)
        watching.wait(timeout=60)
        reader.join()
    assert watching.returncode == 0, watching.stderr.read()
    assert lines[0] == "Đang theo dõi các tệp; lưu tệp để xem lại, Ctrl-C để dừng."
    assert lines[-1] == "Đã dừng theo dõi."


def _wait_until(condition: Callable[[], bool], limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "nothing happened within a minute"
        time.sleep(0.02)
