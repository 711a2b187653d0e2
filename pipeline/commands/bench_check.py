"""``hoso bench``'s figures for ``hoso check``: the time a document takes in a batch without the
page layout and with it (LibreOffice started once, then warm), and what a clerk waits for a fresh
``hoso check`` of one document. Targets: under 0.3 s of CPU a document without layout; start-up
of ``hoso check`` under 0.5 s.

The same figures over any documents, real ones included (a .doc is saved as .docx by a warm
LibreOffice first, timed apart from the check)::

    python -m pipeline.commands.bench_check tests/corpus [MORE FILES OR FOLDERS] [--slowest N]

prints the machine (CPU, load average before and after), the CPU time of reading and checking a
document (median, 95th percentile, slowest, the slowest files), LibreOffice's conversions, and
the start-up of ``hoso check --help`` and of ``hoso check`` on one .docx in a new process (wall
and CPU time, the median of five)."""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.commands.check import READERS, Checker
from pipeline.core import platform as system
from pipeline.nd30.check import check_document
from pipeline.nd30.check.read import convertible_format
from pipeline.office.convert import DOCX_EXPORT, ConversionError, Converter, ToolError, find_office

CHECK_TARGET_S = 0.3
START_TARGET_S = 0.5
DOCUMENT_SUFFIXES = frozenset({".docx", ".doc", ".odt", ".rtf"})
_START_RUNS = 5


@dataclass(frozen=True)
class CheckSpeed:
    documents: int
    plain_s: float
    """Median CPU seconds a document takes in a batch, without layout."""
    plain_max_s: float
    one_file_s: float
    """Wall seconds of ``hoso check`` on one document in a fresh process (the median of five)."""
    layout_first_s: float | None = None
    """The first document with layout: LibreOffice's start included (None without LibreOffice)."""
    layout_s: float | None = None
    """Mean seconds a further document takes with layout, LibreOffice warm."""
    plain_p95_s: float = 0.0
    one_file_cpu_s: float = 0.0

    def lines(self) -> list[str]:
        lines = [
            f"Kiểm tra thể thức ({self.documents} văn bản): CPU trung vị {_num(self.plain_s, 3)} s/văn bản, "
            f"p95 {_num(self.plain_p95_s, 3)} s, chậm nhất {_num(self.plain_max_s, 3)} s "
            f"(mục tiêu ≤ {_num(CHECK_TARGET_S)} s: {_verdict(self.plain_max_s, CHECK_TARGET_S)}); "
            f"«hoso check» một văn bản trong tiến trình mới: {_num(self.one_file_s)} s "
            f"(CPU {_num(self.one_file_cpu_s)} s; mục tiêu ≤ {_num(START_TARGET_S)} s: "
            f"{_verdict(self.one_file_s, START_TARGET_S)})",
        ]
        if self.layout_s is None or self.layout_first_s is None:
            lines.append("  Có dàn trang (--layout): không đo được vì máy không có LibreOffice")
        else:
            lines.append(
                f"  Có dàn trang (--layout): văn bản đầu {_num(self.layout_first_s)} s (gồm khởi động LibreOffice), "
                f"các văn bản sau {_num(self.layout_s)} s/văn bản"
            )
        return lines


def bench_check(paths: Sequence[Path]) -> CheckSpeed:
    """Check ``paths`` (documents ``hoso check`` reads as they are) without then with layout,
    timing each document."""
    with Checker() as checker:
        plain = [_cpu(lambda path=path: checker.check(path)) for path in paths]
    one_file = start_up(["check", str(paths[0])])
    speed = CheckSpeed(len(paths), statistics.median(plain), max(plain), one_file.wall_s,
                       plain_p95_s=percentile(plain, 95), one_file_cpu_s=one_file.cpu_s)
    try:
        find_office()
    except ToolError:
        return speed
    with Checker(layout=True) as checker:
        laid_out = [_timed(lambda path=path: checker.check(path)) for path in paths]
    return CheckSpeed(
        speed.documents, speed.plain_s, speed.plain_max_s, speed.one_file_s, laid_out[0],
        statistics.fmean(laid_out[1:] or laid_out), speed.plain_p95_s, speed.one_file_cpu_s,
    )


# --- Any documents, real ones included ---------------------------------------------------------------
@dataclass(frozen=True)
class DocumentTime:
    path: Path
    cpu_s: float
    """CPU seconds of reading and checking the document (this process; the .docx LibreOffice saved
    for a .doc)."""
    findings: int
    converted_from: str | None = None
    convert_s: float | None = None
    """Wall seconds the warm LibreOffice took to save it as .docx (None for a .docx)."""


@dataclass(frozen=True)
class StartUp:
    arguments: tuple[str, ...]
    wall_s: float
    cpu_s: float
    """Both the median of five runs of ``hoso ARGUMENTS`` in a new process."""


@dataclass(frozen=True)
class CorpusSpeed:
    documents: list[DocumentTime]
    start_ups: list[StartUp]
    cpu: str
    load_average: tuple[float, float]
    """The 1-minute load average before and after the run (its own processes count in the second)."""
    office_start_s: float | None = None
    """The first conversion's wall seconds, LibreOffice's start included (None: nothing converted)."""
    office_cpu_s: float | None = None
    """LibreOffice's CPU seconds over the batch, its start included."""
    not_converted: tuple[Path, ...] = ()
    """Documents LibreOffice could not save as .docx (or no LibreOffice): not timed."""

    def lines(self, slowest: int = 5) -> list[str]:
        machine = (f"Máy: {self.cpu}, {system.available_cpus()} CPU; tải trung bình 1 phút "
                   f"{_num(self.load_average[0])} → {_num(self.load_average[1])}")
        return [machine, *self._check_lines(slowest), *self._office_lines(), *(
            f"«hoso {' '.join(start.arguments)}» trong tiến trình mới: {_num(start.wall_s)} s, CPU "
            f"{_num(start.cpu_s)} s (mục tiêu ≤ {_num(START_TARGET_S)} s: {_verdict(start.wall_s, START_TARGET_S)})"
            for start in self.start_ups
        )]

    def _check_lines(self, slowest: int) -> list[str]:
        cpu = [d.cpu_s for d in self.documents]
        if not cpu:
            return ["Đọc và kiểm tra thể thức: không có văn bản nào đo được"]
        return [
            f"Đọc và kiểm tra thể thức ({len(cpu)} văn bản, không dàn trang), CPU mỗi văn bản: trung vị "
            f"{_num(statistics.median(cpu), 3)} s, p95 {_num(percentile(cpu, 95), 3)} s, chậm nhất "
            f"{_num(max(cpu), 3)} s (mục tiêu ≤ {_num(CHECK_TARGET_S)} s: {_verdict(max(cpu), CHECK_TARGET_S)})",
            "  Chậm nhất: " + "; ".join(
                f"{d.path} {_num(d.cpu_s, 3)} s" for d in sorted(self.documents, key=lambda d: -d.cpu_s)[:slowest]
            ),
        ]

    def _office_lines(self) -> list[str]:
        lines = []
        converted = [d.convert_s for d in self.documents if d.convert_s is not None]
        if converted and self.office_start_s is not None:
            warm = converted[1:]
            after = (f", các tệp sau trung vị {_num(statistics.median(warm), 3)} s, chậm nhất {_num(max(warm), 3)} s"
                     if warm else "")
            office_cpu = "" if self.office_cpu_s is None else f"; CPU của LibreOffice cả loạt {_num(self.office_cpu_s)} s"
            lines.append(
                f"  LibreOffice chuyển {len(converted)} tệp sang .docx (không tính vào trên, thời gian thực): tệp đầu "
                f"{_num(self.office_start_s)} s gồm khởi động{after}{office_cpu}"
            )
        if self.not_converted:
            lines.append("  Không chuyển được sang .docx nên không đo: " + ", ".join(map(str, self.not_converted)))
        return lines


def bench_documents(paths: Sequence[Path]) -> CorpusSpeed:
    """Time ``paths`` in one batch as ``hoso check`` runs it, each conversion apart from the check,
    then the start-up of ``hoso check`` (on the first .docx of ``paths``)."""
    load_before = system.load_average()
    children_before = _children_cpu()
    documents: list[DocumentTime] = []
    not_converted: list[Path] = []
    office_start_s = None
    with tempfile.TemporaryDirectory(prefix="hoso-bench-check-") as folder, contextlib.ExitStack() as stack:
        converter: Converter | None = None
        for number, path in enumerate(paths):
            source_format = convertible_format(path)
            if source_format is None:
                documents.append(_time_check(path, path))
                continue
            converted = Path(folder) / f"{number}.docx"
            start = time.perf_counter()
            try:
                converter = converter or stack.enter_context(Converter())
                converter.convert(path, converted, export=DOCX_EXPORT, reader=READERS.get(source_format, ""))
            except (ConversionError, ToolError):
                not_converted.append(path)
                continue
            convert_s = time.perf_counter() - start
            office_start_s = convert_s if office_start_s is None else office_start_s
            documents.append(_time_check(path, converted, source_format, convert_s))
    # The office has exited and been waited for: its CPU time is now this process's children's.
    office_cpu_s = _children_cpu() - children_before if office_start_s is not None else None
    first_docx = next((path for path in paths if convertible_format(path) is None), None)
    start_ups = [start_up(["check", "--help"])]
    if first_docx is not None:
        start_ups.append(start_up(["check", str(first_docx)]))
    return CorpusSpeed(documents, start_ups, system.cpu_model(), (load_before[0], system.load_average()[0]),
                       office_start_s, office_cpu_s, tuple(not_converted))


def _time_check(path: Path, docx: Path, converted_from: str | None = None, convert_s: float | None = None) -> DocumentTime:
    start = time.process_time()
    result = check_document(docx, name=str(path))
    return DocumentTime(path, time.process_time() - start, len(result.findings), converted_from, convert_s)


def start_up(arguments: Sequence[str]) -> StartUp:
    """``hoso ARGUMENTS`` in a new process: wall and CPU seconds, each the median of five runs."""
    walls, cpus = [], []
    for _ in range(_START_RUNS):
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", *arguments], capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - before)
    return StartUp(tuple(arguments), statistics.median(walls), statistics.median(cpus))


def documents_in(paths: Sequence[Path]) -> list[Path]:
    """The documents named, a folder standing for the documents in it and its subfolders (a pack),
    in path order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            found.append(path)
    return found


def percentile(values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value that ``percent`` % of ``values`` do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def _children_cpu() -> float:
    times = os.times()  # the finished children that were waited for (zero on Windows)
    return times.children_user + times.children_system


def _cpu(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _verdict(value: float, target: float) -> str:
    return "đạt" if value <= target else "CHƯA ĐẠT"


def _num(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipeline.commands.bench_check",
                                     description="Thời gian «hoso check» trên các văn bản này.")
    parser.add_argument("paths", nargs="+", type=Path, help="tệp hoặc thư mục văn bản")
    parser.add_argument("--slowest", type=int, default=5, help="số văn bản chậm nhất được nêu tên")
    arguments = parser.parse_args(argv)
    documents = documents_in(arguments.paths)
    if not documents:
        parser.error("không có văn bản nào")
    for line in bench_documents(documents).lines(arguments.slowest):
        print(line)


if __name__ == "__main__":
    main()
