"""The workbench in a real browser: Debian's Chromium, driven by Playwright, against ``hoso serve``
started as a real server — the scenario of a new user, from the start page to the pack's .zip.

Screenshots of each page are saved in the test's folder and copied to ``/tmp/hoso-screens/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from pipeline.nd30.check import check_docx
from tests.test_web import broken_nomination

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENS = Path("/tmp/hoso-screens")
FIELD = "f-titles-1-candidates-0-votes"
"""Votes of the one candidate for the provincial emulation flag (9 of 10 members in the sample)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", str(tmp_path / "ban-lam-viec"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def shoot(page: Page, folder: Path, name: str, *, full: bool = True) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    SCREENS.mkdir(exist_ok=True)
    shutil.copyfile(path, SCREENS / path.name)


def test_a_new_user_goes_from_the_sample_to_the_pack(server: str, tmp_path: Path) -> None:
    shots = tmp_path / "screens"
    shots.mkdir()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True,
                                          locale="vi-VN")
            page = context.new_page()
            run_scenario(page, server, shots, tmp_path)
        finally:
            browser.close()


def run_scenario(page: Page, server: str, shots: Path, tmp_path: Path) -> None:
    # Open the app: no workspace yet, the start page offers the sample.
    page.goto(server)
    expect(page.get_by_role("heading", name="Khu làm việc", exact=True)).to_be_visible()
    expect(page.get_by_text("Chưa có khu làm việc nào")).to_be_visible()
    shoot(page, shots, "01-trang-dau")

    # The form as it comes: the 2026 sample under current law, its year at a glance without an error.
    expect(page.get_by_label("Dữ liệu mẫu năm 2026", exact=False)).to_be_checked()
    page.get_by_role("button", name="Tạo khu làm việc").click()
    expect(page.get_by_role("heading", name="Năm thi đua trong một trang: khoi-2026")).to_be_visible()
    expect(page.locator("table.year tbody tr")).to_have_count(19)
    expect(page.locator("table.year .badge.error, table.year .badge.missing")).to_have_count(0)
    shoot(page, shots, "01b-nam-thi-dua-2026")
    page.get_by_role("link", name="Khu làm việc", exact=True).first.click()

    # Create a workspace from the 2016 sample: the suggested name follows the choice until the
    # clerk types one; the year at a glance.
    page.get_by_label("Dữ liệu mẫu năm 2016", exact=False).check()
    expect(page.get_by_label("Tên khu làm việc")).to_have_value("khoi-2016")
    page.get_by_label("Tên khu làm việc").fill("khoi-vhxh-2016")
    page.get_by_label("Khu làm việc trống (chỉ có tệp khối)").check()
    expect(page.get_by_label("Tên khu làm việc")).to_have_value("khoi-vhxh-2016")
    page.get_by_label("Dữ liệu mẫu năm 2016", exact=False).check()
    page.get_by_role("button", name="Tạo khu làm việc").click()
    expect(page.get_by_role("heading", name="Năm thi đua trong một trang: khoi-vhxh-2016")).to_be_visible()
    expect(page.locator("table.year tbody tr")).to_have_count(23)
    expect(page.locator("table.year .badge.ready").first).to_be_visible()
    shoot(page, shots, "02-nam-thi-dua")

    # Open the vote minutes; its preview appears beside the form.
    page.get_by_role("link", name="Biên bản họp bình xét, suy tôn; Biên bản kiểm phiếu").click()
    expect(page.locator("#preview img").first).to_be_visible(timeout=60_000)
    shoot(page, shots, "03-bien-ban-hop", full=False)

    # Every control has a label (the form is generated: check it as a screen reader would).
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(el => el.labels.length === 0).map(el => el.id || el.name)""")
    assert unlabelled == []

    # Break a vote count: the finding appears, and clicking it moves the focus to the field.
    votes = page.locator(f"#{FIELD}")
    votes.fill("99")
    page.get_by_role("button", name="Lưu").first.click()
    expect(page.get_by_role("status").first).to_have_text("Đã lưu.")
    finding = page.locator(f'.findings a[data-focus="{FIELD}"]')
    expect(finding).to_contain_text("99")
    expect(page.locator(f"#{FIELD}-err")).to_be_visible()
    expect(page.locator("#preview .preview-state")).to_contain_text("dữ liệu còn lỗi", timeout=30_000)
    page.evaluate("window.scrollTo(0, 0)")
    finding.click()
    expect(votes).to_be_focused()
    shoot(page, shots, "04-loi-tai-o-du-lieu", full=False)

    # Fix it: no finding left at the field, and the preview is made again from the fixed data.
    before = page.locator("#preview img").first.get_attribute("src") or ""
    votes.fill("9")
    page.get_by_role("button", name="Lưu").first.click()
    saved = time.monotonic()
    expect(page.locator(f'.findings a[data-focus="{FIELD}"]')).to_have_count(0)
    expect(page.locator("#preview .preview-state")).to_contain_text("Bản dự thảo", timeout=30_000)
    expect(page.locator("#preview img").first).not_to_have_attribute("src", before, timeout=30_000)
    print(f"preview refreshed {time.monotonic() - saved:.2f} s after the save")
    page.evaluate("document.getElementById('preview').scrollIntoView()")
    shoot(page, shots, "05-xem-truoc-sau-khi-sua", full=False)

    # Adding an item to a list brings the clerk to the new item, ready to type (nothing saved yet).
    page.locator('button[value="add:agenda"]').click()
    expect(page.locator("#f-agenda-4")).to_be_focused()
    expect(page.get_by_text("Chưa lưu")).to_be_visible()

    # Build the pack, follow its progress, download the .zip.
    page.get_by_role("link", name="khoi-vhxh-2016").click()
    page.get_by_label("kèm bản PDF", exact=False).check()
    page.get_by_role("button", name="Tạo gói hồ sơ cuối năm").click()
    expect(page.get_by_text("Đã tạo xong.")).to_be_visible(timeout=120_000)
    expect(page.locator("table.summary tr.error")).to_have_count(0)
    shoot(page, shots, "06-goi-ho-so")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải cả gói (.zip)").click()
    archive = tmp_path / "goi.zip"
    download.value.save_as(archive)

    # The dossier: its zip, every document's PDF and the whole dossier as one PDF.
    page.get_by_role("link", name="khoi-vhxh-2016").click()
    page.get_by_role("button", name="Lập hồ sơ đề nghị khen thưởng: ho-so-co-thi-dua-chinh-phu.yaml").click()
    expect(page.get_by_text("Đã tạo xong.")).to_be_visible(timeout=120_000)
    expect(page.get_by_role("link", name="Tải cả hồ sơ (.zip)")).to_be_visible()
    expect(page.get_by_role("link", name="ho-so.pdf", exact=True)).to_be_visible()
    shoot(page, shots, "07-ho-so-de-nghi")

    # Every document of the pack passes the NĐ 30 check.
    unpacked = tmp_path / "goi"
    with zipfile.ZipFile(archive) as pack:
        pack.extractall(unpacked)
    documents = sorted(unpacked.rglob("*.docx"))
    assert len(documents) > 20
    assert sorted(unpacked.rglob("*.pdf")) == [d.with_suffix(".pdf") for d in documents]
    assert {d.name: check_docx(d) for d in documents} == {d.name: [] for d in documents}

    # Check a document someone sent: each finding beside the page it is on.
    sent = tmp_path / "to-trinh-gui-den.docx"
    sent.write_bytes(broken_nomination())
    page.get_by_role("link", name="Kiểm tra văn bản").first.click()
    page.get_by_label("Văn bản cần kiểm tra").set_input_files(str(sent))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_text("Loại văn bản: Tờ trình")).to_be_visible(timeout=60_000)
    expect(page.locator("#trang-1 .findings")).to_contain_text("Tiêu ngữ")
    expect(page.locator("#trang-2 .findings")).to_contain_text("T/M")
    page.evaluate("document.getElementById('r-h').scrollIntoView()")
    shoot(page, shots, "08-kiem-tra-van-ban", full=False)
