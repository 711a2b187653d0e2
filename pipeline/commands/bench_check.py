"""``hoso bench``'s figures for ``hoso check``: the time a document takes in a batch without the
page layout and with it (LibreOffice started once, then warm), and what a clerk waits for a fresh
``hoso check`` of one document. Targets: under 0.3 s a document without layout; start-up
(``hoso --help``, measured with the rest of the benchmark) under 0.5 s."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.commands.check import Checker
from pipeline.office.convert import ToolError, find_office

CHECK_TARGET_S = 0.3


@dataclass(frozen=True)
class CheckSpeed:
    documents: int
    plain_s: float
    """Mean seconds a document takes in a batch, without layout."""
    plain_max_s: float
    one_file_s: float
    """Wall seconds of ``hoso check`` on one document in a fresh process (the median of three)."""
    layout_first_s: float | None = None
    """The first document with layout: LibreOffice's start included (None without LibreOffice)."""
    layout_s: float | None = None
    """Mean seconds a further document takes with layout, LibreOffice warm."""

    def lines(self) -> list[str]:
        ok = "đạt" if self.plain_s <= CHECK_TARGET_S else "CHƯA ĐẠT"
        lines = [
            f"Kiểm tra thể thức ({self.documents} văn bản): {_num(self.plain_s)} s/văn bản, chậm nhất "
            f"{_num(self.plain_max_s)} s (mục tiêu ≤ {_num(CHECK_TARGET_S)} s: {ok}); «hoso check» một văn bản "
            f"trong tiến trình mới: {_num(self.one_file_s)} s",
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
    """Check ``paths`` without then with layout, timing each document."""
    with Checker() as checker:
        plain = [_timed(lambda path=path: checker.check(path)) for path in paths]
    one_file = statistics.median(
        _timed(lambda: subprocess.run([sys.executable, "-m", "pipeline", "check", str(paths[0])], capture_output=True))
        for _ in range(3)
    )
    speed = CheckSpeed(len(paths), statistics.fmean(plain), max(plain), one_file)
    try:
        find_office()
    except ToolError:
        return speed
    with Checker(layout=True) as checker:
        laid_out = [_timed(lambda path=path: checker.check(path)) for path in paths]
    return CheckSpeed(
        speed.documents, speed.plain_s, speed.plain_max_s, speed.one_file_s, laid_out[0],
        statistics.fmean(laid_out[1:] or laid_out),
    )


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _num(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")
