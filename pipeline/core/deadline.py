"""A time limit for Python code hoso runs but does not control (a user's template).

``with time_limit(seconds): …`` raises :class:`Overtime` in the calling thread once ``seconds``
have passed. A signal (``SIGALRM``) would only work in the main thread of a POSIX process; a
template renders in pack's worker processes, in the PDF threads and, in the workbench, in
request threads. So one watchdog thread per process raises the exception in the late thread with
CPython's ``PyThreadState_SetAsyncExc``, which works in any thread on every system. The exception
arrives between two Python instructions: a template's loops are Python code, and the work a single
instruction can do (a string repeated, a filter's width) is bounded by the sandbox itself
(:mod:`pipeline.stages.sandbox`).
"""

from __future__ import annotations

import ctypes
import itertools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

class Overtime(BaseException):
    """The time limit of the work running in this thread has passed. A ``BaseException``, so that
    no ``except Exception`` between the watchdog and :func:`time_limit` can swallow it."""


@dataclass
class _Timed:
    thread: int
    deadline: float
    fired: bool = False


class _Watchdog:
    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.timed: dict[int, _Timed] = {}
        self.thread: threading.Thread | None = None
        self.tokens = itertools.count()
        self.wake_at: float | None = None
        """When the watchdog wakes next; None while it waits for work."""

    def add(self, seconds: float) -> int:
        token = next(self.tokens)
        deadline = time.monotonic() + seconds
        with self.cond:
            self.timed[token] = _Timed(threading.get_ident(), deadline)
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="hoso-deadline", daemon=True)
                self.thread.start()
            # Woken only when it would otherwise sleep past this deadline: waking it for every
            # render would cost each a switch of the interpreter lock (about 4 ms, measured).
            if self.wake_at is None or deadline < self.wake_at:
                self.cond.notify()
        return token

    def remove(self, token: int) -> None:
        with self.cond:
            timed = self.timed.pop(token, None)
            if timed is not None and timed.fired:
                _raise_in(timed.thread, None)  # clears an Overtime not delivered yet (no-op otherwise)

    def _run(self) -> None:
        with self.cond:
            while True:
                now = time.monotonic()
                for timed in self.timed.values():
                    # Fired once only: a second, pending Overtime could escape remove()'s clean-up.
                    if not timed.fired and now >= timed.deadline:
                        timed.fired = True
                        _raise_in(timed.thread, Overtime)
                pending = [timed.deadline for timed in self.timed.values() if not timed.fired]
                self.wake_at = min(pending, default=None)
                self.cond.wait(None if self.wake_at is None else self.wake_at - now)


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exception) if exception is not None else None
    )


_watchdog = _Watchdog()


def _forget_in_child() -> None:
    """A forked child has no watchdog thread, and nothing of its parent to time."""
    global _watchdog
    _watchdog = _Watchdog()


if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork
    os.register_at_fork(after_in_child=_forget_in_child)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Overtime` in this thread if the body runs longer than ``seconds``."""
    watchdog = _watchdog
    token = watchdog.add(seconds)
    try:
        yield
    finally:
        # The Overtime may arrive while this clean-up runs: do it until it is done, so that the
        # watchdog never outlives the body (it would raise into unrelated code).
        while True:
            try:
                watchdog.remove(token)
                break
            except Overtime:
                continue
