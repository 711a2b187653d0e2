"""The PDF part of ``hoso bench``: what a warm converter costs per document, and how long a clerk
waits between saving an edit and seeing page 1 of the preview.

Targets (on the reference machine): ≤ 0.15 s per one-page document in a batch with the warm
converter, and ≤ 1.5 s from a saved edit to the PNG of page 1 with ``hoso preview --watch``.

The fair comparison for a batch is one ``soffice --convert-to pdf`` call over all its documents
(measured too, start-up included): per document it costs about what the warm converter does. The
warm converter's gain is for one document at a time (preview, the workbench), where a ``soffice``
call per document pays the office's start-up each time.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.core import resources
from pipeline.orchestrator import render_file
from pipeline.office.convert import Converter, find_office
from pipeline.commands.preview import watch

ONE_PAGE_SOURCE = ("bloc-2016", "dang-ky", "05-dai-phat-thanh-truyen-hinh.yaml")
PREVIEW_SOURCE = ("plan", "ke-hoach-2016.yaml")
_SUBJECT = "subject: Tổ chức phong trào thi đua năm 2016"


@dataclass(frozen=True)
class PdfBench:
    start: float
    """Seconds to start the office (once per batch and worker)."""
    one_page: float
    """Median seconds per one-page document, warm."""
    per_document: float
    """Mean seconds per document over the given documents, warm."""
    batch_call: float
    """Mean seconds per document of one ``soffice --convert-to pdf`` call over the same documents,
    its start-up (with a fresh profile, as the warm converter's) included."""
    documents: int
    preview: float
    """Median seconds from saving an edited input to its new page-1 image (``preview --watch``)."""

    def lines(self) -> list[str]:
        return [
            f"Khởi động LibreOffice: {self.start:.2f} s (một lần cho cả loạt)",
            f"PDF văn bản một trang (converter đã chạy sẵn): {self.one_page:.3f} s/văn bản (mục tiêu ≤ 0,15 s)",
            f"PDF {self.documents} văn bản mẫu: {self.per_document:.3f} s/văn bản; cùng các văn bản trong một lệnh "
            f"soffice --convert-to (kể cả khởi động): {self.batch_call:.3f} s/văn bản",
            f"Xem trước: từ lúc lưu tệp tới ảnh trang 1: {self.preview:.2f} s (mục tiêu ≤ 1,5 s)",
        ]


def one_page_input(folder: Path) -> Path:
    """A registration short enough for one page (the sample unit's, with one item per list)."""
    data = yaml.safe_load(resources.samples().joinpath(*ONE_PAGE_SOURCE).read_text(encoding="utf-8"))
    data["collective_titles"] = data["collective_titles"][:1]
    data["individual_titles"] = [data["individual_titles"][0]]
    data["targets"] = data["targets"][:1]
    data["commitments"] = data["commitments"][:1]
    path = folder / "dang-ky-mot-trang.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def bench_pdf(documents: Sequence[Path], *, repeat: int = 30, edits: int = 5) -> PdfBench:
    """Measure on this machine: start, a one-page document ``repeat`` times, every document of
    ``documents`` (.docx) once, and ``edits`` saved edits under ``preview --watch``."""
    with tempfile.TemporaryDirectory(prefix="hoso-bench-pdf-") as scratch:
        folder = Path(scratch)
        one_page = render_file(None, one_page_input(folder), folder / "docx").paths[0]
        with Converter() as converter:
            began = time.perf_counter()
            converter.start()
            start = time.perf_counter() - began
            converter.convert(one_page)  # the first document also loads Writer's libraries
            times = []
            for _ in range(repeat):
                began = time.perf_counter()
                converter.convert(one_page)
                times.append(time.perf_counter() - began)
            began = time.perf_counter()
            for document in documents:
                converter.convert(document, folder / "pdf" / f"{document.stem}.pdf")
            per_document = (time.perf_counter() - began) / max(1, len(documents))
            preview = _preview_latency(converter, folder / "preview", edits)
        batch_call = _one_soffice_call(documents, folder / "batch")
    return PdfBench(
        start, statistics.median(times), per_document, batch_call, len(documents), statistics.median(preview)
    )


def _one_soffice_call(documents: Sequence[Path], folder: Path) -> float:
    """Seconds per document of converting ``documents`` with one ``soffice --convert-to pdf`` call."""
    began = time.perf_counter()
    subprocess.run(
        [*find_office(), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, documents)],
        capture_output=True, check=True, timeout=60 + 10 * len(documents),
    )
    return (time.perf_counter() - began) / max(1, len(documents))


def _preview_latency(converter: Converter, folder: Path, edits: int) -> list[float]:
    """Run ``watch`` on a copy of the plan sample, save ``edits`` edits, time each until the
    image of page 1 is replaced."""
    source = folder / "data" / PREVIEW_SOURCE[-1]
    source.parent.mkdir(parents=True)
    text = resources.samples().joinpath(*PREVIEW_SOURCE).read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    out = folder / "out"
    page_one = out / f"{source.stem}-1.png"
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch, args=([source], out, converter, None, lambda _: None), kwargs={"stop": stop}
    )
    watcher.start()
    latencies = []
    try:
        _wait_for_new(page_one, 0)
        for edit in range(1, edits + 1):
            time.sleep(0.5)  # the clerk reads, then edits the subject and saves
            before = page_one.stat().st_mtime_ns
            began = time.perf_counter()
            edited = text.replace(_SUBJECT, f"{_SUBJECT} (lần sửa {edit})")
            source.write_text(edited, encoding="utf-8")
            _wait_for_new(page_one, before)
            latencies.append(time.perf_counter() - began)
    finally:
        stop.set()
        watcher.join()
    return latencies


def _wait_for_new(image: Path, before: int, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if image.exists() and image.stat().st_mtime_ns != before:
            return
        time.sleep(0.002)
    raise TimeoutError(f"{image} was not made again within {limit:g} s")
