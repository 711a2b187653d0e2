"""hoso's processes under signals, with real processes: pack's workers die with a killed pack,
Ctrl-C stops ``hoso pdf`` at once, a killed ``hoso pdf`` leaves nothing the next run does not
remove, two runs never share an output folder, and ``hoso pack`` works with spawned workers.

Every wait is bounded by a timeout (a hang fails the test); nothing asserts a duration."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.commands.bench import write_bloc
from pipeline.commands.pack import plan_pack, run_pack
from pipeline.core import platform
from pipeline.core.errors import InputError
from pipeline.core.names import is_temporary
from pipeline.office.convert import WORKDIR_PREFIX
from pipeline.orchestrator import render_file

from tests.office import office_processes
from tests.pack_files import files_under, hoso
from tests.samples import SAMPLES

PLAN = SAMPLES / "plan" / "ke-hoach-2016.yaml"
FREEZING_OFFICE = Path(__file__).with_name("freezing_office.py")
WAIT = 120
"""Seconds any one wait may take before the test fails as hung."""


def _env(**extra: str) -> dict[str, str]:
    env = {"NO_COLOR": "1", "COLUMNS": "250", "PATH": "/usr/bin:/bin", **extra}
    if "TMPDIR" in os.environ:
        env["TMPDIR"] = os.environ["TMPDIR"]
    return env


def _start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env or _env(),
    )


def _wait_for(condition, process: subprocess.Popen[str]) -> None:
    """Until ``condition()`` holds; fails if the process ends first or the wait hangs."""
    for _ in range(WAIT * 200):
        if condition():
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)
    pytest.fail("waited too long")


# --- pack's workers die with it ----------------------------------------------------------------------
@pytest.mark.slow  # a 40-unit pack, killed
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_pack_ends_its_workers_and_closes_its_output(tmp_path, sig):
    bloc = write_bloc(tmp_path / "khoi", 40)
    out = tmp_path / "goi"
    process = _start("pack", str(bloc), "-o", str(out), "-j", "2")
    _wait_for(lambda: any(out.rglob("*.docx")), process)
    process.send_signal(sig)  # the main process only, as a supervisor would
    # The workers share its stdout and stderr: the pipes reach their end only when they are gone.
    process.communicate(timeout=WAIT)
    assert process.returncode == -sig


def test_a_worker_whose_system_has_no_death_signal_still_ends_with_its_parent(tmp_path):
    """The portable fallback: a thread that watches the parent (here without prctl)."""
    child = textwrap.dedent("""
        import os, time
        from pipeline.core import platform
        platform.LINUX = False  # as on macOS or Windows: only the watching thread is left
        platform.die_with_parent(os.getppid())
        print("ready", flush=True)
        time.sleep(600)
    """)
    parent = textwrap.dedent(f"""
        import subprocess, sys, time
        subprocess.Popen([sys.executable, "-c", {child!r}])
        time.sleep(600)
    """)
    process = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "ready\n"
    process.kill()
    assert process.communicate(timeout=WAIT)[0] == ""  # the child is gone: its stdout closed


# --- hoso pdf: Ctrl-C and kills -----------------------------------------------------------------------
@pytest.fixture
def freezing_soffice(tmp_path: Path) -> Path:
    """A folder whose ``soffice`` is the real one behind a relay that freezes on documents named
    ``freeze`` (tests/freezing_office.py), to put first on the PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FREEZING_OFFICE}" /usr/bin/soffice "$@"\n')
    script.chmod(0o755)
    return folder


def _documents(folder: Path, *names: str) -> list[Path]:
    folder.mkdir()
    made = render_file("plan", PLAN, folder).paths[0]
    paths = []
    for name in names:
        paths.append(folder / f"{name}.docx")
        paths[-1].write_bytes(made.read_bytes())
    made.unlink()
    return paths


def _partials(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_temporary(p)]


def _offices_of(pid: int) -> set[int]:
    return office_processes(Path(tempfile.gettempdir()) / f"{WORKDIR_PREFIX}{pid}-")


@pytest.mark.slow  # real LibreOffice
def test_ctrl_c_stops_hoso_pdf_at_once_and_says_what_was_made(tmp_path, freezing_soffice):
    first, frozen, last = _documents(tmp_path / "vb", "a-dau", "b-freeze", "c-cuoi")
    process = _start("pdf", str(first), str(frozen), str(last), env=_env(PATH=f"{freezing_soffice}:/usr/bin:/bin"))
    _wait_for(lambda: first.with_suffix(".pdf").exists() and _partials(first.parent), process)
    process.send_signal(signal.SIGINT)  # Ctrl-C; the conversion under way would hang for a minute
    stdout, stderr = process.communicate(timeout=WAIT)
    assert process.returncode == 1
    assert stdout.splitlines() == [f"Đã tạo {first.with_suffix('.pdf')}"]
    assert stderr.splitlines()[-1] == "Đã dừng: đã tạo 1/3 bản PDF; chạy lại lệnh để tạo nốt."
    assert not frozen.with_suffix(".pdf").exists() and not last.with_suffix(".pdf").exists()
    assert not _partials(first.parent)
    assert not _offices_of(process.pid)


@pytest.mark.slow  # real LibreOffice
def test_a_killed_hoso_pdf_leaves_a_temporary_file_the_next_run_removes(tmp_path, freezing_soffice):
    (frozen,) = _documents(tmp_path / "vb", "b-freeze")
    process = _start("pdf", str(frozen), env=_env(PATH=f"{freezing_soffice}:/usr/bin:/bin"))
    _wait_for(lambda: _partials(frozen.parent), process)
    process.kill()
    process.communicate(timeout=WAIT)
    for pid in _offices_of(process.pid):  # the frozen relay cannot notice it is orphaned
        os.kill(pid, signal.SIGKILL)
    assert _partials(frozen.parent)  # what the kill left beside the user's document

    rerun = hoso("pdf", str(frozen))  # the real LibreOffice
    assert rerun.returncode == 0, rerun.stderr
    assert frozen.with_suffix(".pdf").exists()
    assert not _partials(frozen.parent)


# --- one run per output folder ------------------------------------------------------------------------
def test_a_second_run_into_a_busy_output_folder_is_refused_and_told_why(tmp_path):
    out = tmp_path / "goi"
    out.mkdir()
    bloc = write_bloc(tmp_path / "khoi", 2)
    with platform.lock_folder(out):  # a first run, still writing
        second = hoso("pack", str(bloc), "-o", str(out))
    assert second.returncode == 1
    assert f"Một lần chạy hoso khác đang ghi vào thư mục «{out}»" in second.stderr
    assert not files_under(out)
    again = hoso("pack", str(bloc), "-o", str(out))
    assert again.returncode == 0, again.stderr


def test_the_lock_is_held_once_released_at_the_end_and_writes_nothing(tmp_path):
    with platform.lock_folder(tmp_path):
        with pytest.raises(platform.FolderBusy), platform.lock_folder(tmp_path):
            pass
        assert not list(tmp_path.iterdir())
    with platform.lock_folder(tmp_path):
        pass


def test_a_killed_holder_leaves_the_folder_free(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\nfrom pipeline.core import platform\n"
         f"with platform.lock_folder(Path({str(tmp_path)!r})):\n    print('held', flush=True)\n    time.sleep(600)"],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline() == "held\n"
    with pytest.raises(platform.FolderBusy), platform.lock_folder(tmp_path):
        pass
    holder.kill()
    holder.communicate(timeout=WAIT)
    with platform.lock_folder(tmp_path):
        pass


def test_run_pack_says_the_folder_is_busy(tmp_path):
    plan = plan_pack(write_bloc(tmp_path / "khoi", 1))
    (tmp_path / "goi").mkdir()
    with platform.lock_folder(tmp_path / "goi"), pytest.raises(InputError) as caught:
        run_pack(plan, tmp_path / "goi", jobs=1)
    assert [f.code for f in caught.value.findings] == ["output.busy"]


# --- the start method ---------------------------------------------------------------------------------
@pytest.mark.slow  # spawned workers import hoso afresh
def test_pack_with_spawned_workers_writes_what_forked_workers_write(tmp_path):
    plan = plan_pack(write_bloc(tmp_path / "khoi", 3))
    forked = run_pack(plan, tmp_path / "fork", jobs=2, start_method="fork")
    spawned = run_pack(plan, tmp_path / "spawn", jobs=2, start_method="spawn")
    assert forked.exit_code == spawned.exit_code == 0
    assert files_under(tmp_path / "fork") == files_under(tmp_path / "spawn")
    for name in files_under(tmp_path / "fork"):
        assert (tmp_path / "fork" / name).read_bytes() == (tmp_path / "spawn" / name).read_bytes()


@pytest.mark.slow  # spawned workers import hoso afresh
def test_hoso_pack_runs_with_the_start_method_of_macos_and_windows(tmp_path):
    bloc = write_bloc(tmp_path / "khoi", 2)
    process = _start("pack", str(bloc), "-o", str(tmp_path / "goi"), "-j", "2",
                     env=_env(**{platform.START_METHOD_VARIABLE: "spawn"}))
    stdout, stderr = process.communicate(timeout=WAIT)
    assert process.returncode == 0, stderr
    assert (tmp_path / "goi" / "00-phieu-gui.docx").exists()
