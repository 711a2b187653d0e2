"""How fast the workbench answers on this machine: page times and the preview after a save.

``python -m pipeline.web.bench`` starts the workbench on a free local port over a scratch folder
with the sample workspace, then times, over real HTTP: the start page, the year at a glance (first
and again), the vote minutes' page, and from a save of the vote to its preview (the first
document's page images, then every document's). Not part of the tests: speed is measured, never
asserted.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from pipeline.core import platform

WORKSPACE = "mau"
_STEPS = {"validate": "kiểm tra dữ liệu", "render": "tạo .docx", "convert": "LibreOffice ra PDF",
          "page 1": "ảnh trang 1", "other pages": "ảnh các trang khác", "other documents": "các văn bản khác"}
VOTE = "bien-ban-hop.yaml"


@dataclass(frozen=True)
class WebBench:
    pages: dict[str, float]
    """Median seconds per page (the first visit of the year page separately)."""
    preview_first: float
    """Seconds from posting a save to the first document's page images."""
    preview_all: float
    office: bool
    steps: dict[str, float]
    """Median seconds of each step of a preview in the server (validate, render, convert, page 1 …)."""
    load: tuple[float, float, float]
    """The machine's load average (1, 5, 15 minutes) when the measures ended."""


def run_web_bench(runs: int = 5) -> WebBench:
    import uvicorn

    from pipeline.web.app import create_app

    with tempfile.TemporaryDirectory(prefix="hoso-web-bench-") as scratch:
        port = _free_port()
        app = create_app(Path(scratch))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            client = _Client(f"http://127.0.0.1:{port}")
            client.wait()
            return _measure(client, app, runs)
        finally:
            server.should_exit = True
            thread.join(timeout=60)


def _measure(client: _Client, app: object, runs: int) -> WebBench:
    client.get("/")
    start = time.perf_counter()
    client.post("/workspaces", {"name": WORKSPACE, "source": "bloc-2016"})  # then the year page, as a browser
    pages = {"Tạo khu làm việc mẫu và mở năm thi đua lần đầu (kiểm tra cả năm)": time.perf_counter() - start}
    for name, url in (("Trang đầu", "/"), ("Năm thi đua trong một trang", f"/w/{WORKSPACE}"),
                      ("Trang biên bản họp (biểu mẫu, lỗi)", f"/w/{WORKSPACE}/doc/{VOTE}"),
                      ("Trạng thái xem trước", f"/w/{WORKSPACE}/preview/{VOTE}")):
        pages[name] = statistics.median(client.timed(url) for _ in range(runs))
    status = f"/w/{WORKSPACE}/preview/{VOTE}"
    _until(client, status, "complete")
    office = bool(json.loads(client.get(status))["documents"][0]["images"])
    firsts, alls = [], []
    steps: dict[str, list[float]] = {}
    bench = app.state.bench  # type: ignore[attr-defined]
    for run in range(runs):
        page = client.get(f"/w/{WORKSPACE}/doc/{VOTE}")
        digest = re.search(r'name="_hash" value="([0-9a-f]+)"', page)
        assert digest is not None
        place = f"Phòng họp số {run + 1}"
        root = Path(app.state.bench.workspaces.root)  # type: ignore[attr-defined]
        text = (root / WORKSPACE / VOTE).read_text(encoding="utf-8")
        text = re.sub(r"(?m)^place: .*$", f"place: {place}", text)
        start = time.perf_counter()
        client.post(f"/w/{WORKSPACE}/doc/{VOTE}", {"_hash": digest[1], "_raw": text, "_action": "save"})
        firsts.append(_until(client, status, "ready") - start)
        alls.append(_until(client, status, "complete") - start)
        for step, seconds in bench.previews.state(bench.workspaces.get(WORKSPACE), VOTE).timings.items():
            steps.setdefault(step, []).append(seconds)
    # The vote changed: the files that read it (tờ trình, summary, decision, dossier) are checked again.
    pages["Năm thi đua ngay sau khi lưu biên bản họp"] = client.timed(f"/w/{WORKSPACE}")
    return WebBench(pages, statistics.median(firsts), statistics.median(alls), office,
                    {step: statistics.median(seconds) for step, seconds in steps.items()}, platform.load_average())


def _until(client: _Client, url: str, key: str) -> float:
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        if json.loads(client.get(url))[key]:
            return time.perf_counter()
        time.sleep(0.02)
    raise TimeoutError(url)


class _Client:
    """A browser's part: cookies (the CSRF token) and form posts."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def wait(self) -> None:
        for _ in range(300):
            try:
                self.get("/")
                return
            except OSError:
                time.sleep(0.05)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=120) as response:
            return response.read().decode("utf-8")

    def timed(self, path: str) -> float:
        start = time.perf_counter()
        self.get(path)
        return time.perf_counter() - start

    def post(self, path: str, fields: dict[str, str]) -> str:
        token = next(c.value for c in self.jar if c.name == "hoso_csrf")
        body = urllib.parse.urlencode({**fields, "_csrf": token}).encode()
        with self.opener.open(self.base + path, data=body, timeout=120) as response:
            return response.read().decode("utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def report_lines(result: WebBench) -> list[str]:
    lines = [f"{name}: {seconds * 1000:.0f} ms" for name, seconds in result.pages.items()]
    if result.office:
        lines.append(f"Từ lúc lưu đến ảnh trang 1 của văn bản đầu: {result.preview_first:.2f} s; "
                     f"mọi văn bản: {result.preview_all:.2f} s")
        lines.append("Các bước trong máy chủ (trung vị): " + ", ".join(
            f"{_STEPS.get(step, step)} {seconds * 1000:.0f} ms" for step, seconds in result.steps.items()))
    else:
        lines.append("Không có LibreOffice: không đo thời gian xem trước.")
    lines.append("Tải trung bình của máy (1, 5, 15 phút): " + ", ".join(f"{x:.2f}" for x in result.load))
    return lines


if __name__ == "__main__":
    for line in report_lines(run_web_bench(int(sys.argv[1]) if len(sys.argv) > 1 else 5)):
        print(line)
