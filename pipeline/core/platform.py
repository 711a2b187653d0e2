"""What hoso needs from the operating system, in one place, with the fallback of each call.

hoso is developed and tested on Linux. Elsewhere it runs with the fallbacks below (see the
README's section on supported systems); nothing outside this module calls ``/proc``, process
groups, ``prctl``, ``resource`` or file locks directly.

=========================  ==============================  =========================================
Need                       Linux (tested)                  Elsewhere
=========================  ==============================  =========================================
worker processes           ``fork``: workers start in      the platform's default, ``spawn``
(:func:`process_context`)  milliseconds                    (macOS, Windows); ``HOSO_START_METHOD``
                                                           chooses
a worker dies with its     ``prctl(PR_SET_PDEATHSIG)``     a thread that polls the parent process
parent                     and the polling thread          every second
(:func:`die_with_parent`)
is a process alive         ``kill(pid, 0)``                Windows: ``OpenProcess``
stop a program and its     a session of its own, killed    Windows: a process group, ended with
children                   with ``killpg``                 ``taskkill /T``
one run per output folder  ``flock`` on the folder         Windows: ``msvcrt.locking`` on a file in
(:func:`lock_folder`)      (macOS too)                     the folder
CPU and memory figures     ``/proc``, ``resource``         ``os.cpu_count``; "?" and 0 where the
(``hoso bench``)                                           system does not say
=========================  ==============================  =========================================

One more check of ``/proc`` lives in LibreOffice itself: the StarBasic loop of
:mod:`pipeline.office.convert` quits when its owner's ``/proc/<pid>`` is gone. Where there is no
``/proc`` it does not watch, so an office outlives a *killed* hoso (one stopped normally, or by
Ctrl-C, stops its office).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

LINUX = sys.platform.startswith("linux")
WINDOWS = sys.platform == "win32"

START_METHOD_VARIABLE = "HOSO_START_METHOD"


# --- Worker processes ----------------------------------------------------------------------------------
def process_context(method: str | None = None) -> BaseContext:
    """How worker processes start: ``method``, else ``HOSO_START_METHOD``, else ``fork`` on Linux
    (a worker starts in milliseconds with everything imported; measured) and the platform's default
    elsewhere (``fork`` is unsafe on macOS and missing on Windows). Workers get what they need as
    arguments, never by inheritance, so every method works."""
    chosen = method or os.environ.get(START_METHOD_VARIABLE) or ("fork" if LINUX else None)
    return multiprocessing.get_context(chosen)


def available_cpus() -> int:
    """CPUs this process may run on (its affinity on Linux), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


PARENT_POLL_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """Make this (worker) process end when ``parent`` does, however the parent ends (SIGKILL
    included): a worker left behind would keep the output pipes of a wrapper open for minutes.

    Linux: the kernel sends SIGKILL at the parent's death (``PR_SET_PDEATHSIG``). Everywhere: a
    daemon thread checks every second that the parent is still there, and exits if not. A worker
    started through a ``forkserver`` is not the parent's child: only the thread watches then.
    """
    child = os.getppid() == parent
    if LINUX and child:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    if not _runs(parent, child):  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent, child), name="hoso-parent", daemon=True).start()


def _runs(parent: int, child: bool) -> bool:
    if child and not WINDOWS:
        return os.getppid() == parent  # POSIX gives an orphan a new parent at once
    return process_alive(parent)  # Windows keeps a dead parent's id as the parent id


def _watch_parent(parent: int, child: bool) -> None:
    while _runs(parent, child):
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (a zombie counts as running on POSIX)."""
    if WINDOWS:
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _windows_process_alive(pid: int) -> bool:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


# --- Programs hoso starts (LibreOffice) ----------------------------------------------------------------
def own_group() -> dict[str, Any]:
    """``subprocess.Popen`` arguments that start a program in a group of its own, so that
    :func:`kill_group` ends it with every child it started (and a Ctrl-C in the terminal does not
    reach it: hoso stops it itself)."""
    if WINDOWS:
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]
    return {"start_new_session": True}


def kill_group(process: subprocess.Popen[Any]) -> None:
    """Kill a program started with :func:`own_group`, and its children; wait for it."""
    if WINDOWS:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
        if process.poll() is None:
            process.kill()
    else:
        # The group may have exited by itself: nothing is left to kill then.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


# --- One run per output folder -------------------------------------------------------------------------
LOCK_NAME = ".hoso.lock"
"""The lock file of a folder on Windows, which cannot lock a folder itself."""


class FolderBusy(Exception):
    """Another hoso run holds the folder."""


@contextlib.contextmanager
def lock_folder(folder: Path) -> Iterator[None]:
    """Hold the existing ``folder`` for this run: a second run into it raises :class:`FolderBusy`
    at once instead of sweeping away the first one's temporary files. The lock is the operating
    system's, released however the run ends (a kill included). POSIX locks the folder itself
    (``flock``), so nothing is written into it; Windows locks a file in it, :data:`LOCK_NAME`,
    removed at the end of the run (a killed run leaves it, unlocked)."""
    if WINDOWS:
        with _locked_file(folder / LOCK_NAME):
            yield
        return
    import fcntl

    descriptor = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderBusy(str(folder)) from None
        yield
    finally:
        os.close(descriptor)  # releases the lock


@contextlib.contextmanager
def _locked_file(path: Path) -> Iterator[None]:
    import msvcrt

    with open(path, "a+b") as handle:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            raise FolderBusy(str(path.parent)) from None
        try:
            yield
        finally:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    with contextlib.suppress(OSError):  # another run may have it open by now: it stays, empty
        path.unlink()


# --- Figures for ``hoso bench`` ------------------------------------------------------------------------
def cpu_model() -> str:
    """The CPU's name, "?" where the system does not say (only Linux's /proc is read)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "?"


def load_average() -> tuple[float, float, float]:
    """The system's 1-, 5- and 15-minute load averages; zeros where there is none (Windows)."""
    try:
        return os.getloadavg()
    except (AttributeError, OSError):
        return (0.0, 0.0, 0.0)


def memory_gib() -> float:
    """Physical memory in GiB; 0 where the system does not say (Windows)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (AttributeError, ValueError, OSError):
        return 0.0


def own_peak_mb() -> float:
    """This process's peak memory (RSS) since it started, in MB: VmHWM on Linux, because
    ``ru_maxrss`` would also count the process it was started from (Linux keeps it across exec);
    ``ru_maxrss`` elsewhere (bytes on macOS); 0 on Windows."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return _maxrss_mb("RUSAGE_SELF")


def children_peak_mb() -> float:
    """The largest peak memory of this process's finished children, in MB (0 on Windows)."""
    return _maxrss_mb("RUSAGE_CHILDREN")


def _maxrss_mb(who: str) -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(getattr(resource, who)).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024
