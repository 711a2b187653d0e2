"""Shared pytest options and fixtures."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator

import pytest

from pipeline.office.convert import Converter

from tests.office import office_processes


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.json from the current output instead of comparing (make golden)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session", autouse=True)
def no_office_left_behind(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every LibreOffice started during this session is gone when the session ends.

    Converters keep their profile in the temporary directory, which for this session (and the
    ``hoso`` processes the tests start, through TMPDIR) is a folder of its own: so the offices of
    this session are told apart from those of another session running at the same time. Autouse
    and session-wide, so it is set up first and torn down last, after the shared converter.
    """
    folder = tmp_path_factory.mktemp("offices")
    saved = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir, os.environ["TMPDIR"] = str(folder), str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved[0]
        if saved[1] is None:
            del os.environ["TMPDIR"]
        else:
            os.environ["TMPDIR"] = saved[1]
    deadline = time.monotonic() + 5
    while (left := office_processes(folder)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"LibreOffice processes survived the test session: {sorted(left)}"


@pytest.fixture(scope="session")
def converter() -> Iterator[Converter]:
    """One warm LibreOffice shared by the PDF tests."""
    with Converter() as shared:
        yield shared
