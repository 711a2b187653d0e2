"""Generated inputs of every kind never crash hoso, and whatever it accepts renders conformant.

A few cases per kind, always the same ones (derandomized), so the suite stays short and steady;
``python -m tests.fuzz_campaign --cases 5000`` runs the long campaign (README, developers'
section). The corpus below keeps every case a campaign once found, as a plain test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.errors import HosoError
from pipeline.orchestrator import TemplateSet, validate_file
from pipeline.stages.load import load

from tests.fuzz_campaign import SOURCES, Case, cases, run_case, workspace
from tests.samples import SAMPLES

TEMPLATES = TemplateSet()


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    copy = workspace()
    yield copy
    shutil.rmtree(copy.parent, ignore_errors=True)


@pytest.mark.parametrize("kind", list(SOURCES))
@settings(max_examples=8, deadline=timedelta(seconds=60), derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_generated_input_is_refused_with_findings_or_renders_conformant(folder: Path, kind: str, data) -> None:
    case = data.draw(cases(kind))
    outcome = run_case(case, folder, TEMPLATES)
    assert outcome.failure is None, f"{case.kind} {case.suffix}: {' | '.join(case.mutations)}\n{outcome.failure}"


# --- The corpus: cases campaigns found -------------------------------------------------------------
def _case(kind: str, change: Callable[[dict[str, Any]], object], suffix: str = ".yaml") -> Case:
    data = load(SAMPLES / SOURCES[kind]).data
    change(data)
    return Case(kind, data, suffix, [])


def _set(*loc: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for key in loc[:-1]:
            data = data[key]
        data[loc[-1]] = value

    return change


def _codes(case: Case, folder: Path) -> list[str]:
    with pytest.raises(HosoError) as caught:
        validate_file(case.write(folder))
    return [f.code for f in caught.value.findings if f.is_error]


AWARE = datetime(2016, 12, 20, 8, 0, tzinfo=timezone(timedelta(hours=7)))


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("loc", [("start",), ("counting", "start")])
def test_a_time_with_a_time_zone_is_refused(folder: Path, suffix: str, loc: tuple[str, ...]) -> None:
    case = _case("vote", _set(*loc, value=AWARE), suffix)
    assert _codes(case, folder) == ["schema.time.timezone"]


@pytest.mark.parametrize("value", [10**27, 10**28, 10**40])
def test_a_huge_target_is_refused(folder: Path, value: int) -> None:
    case = _case("plan", lambda data: data["targets"][0].update(value=value))
    assert _codes(case, folder) == ["schema.number.too_large"]


def test_a_huge_result_is_refused(folder: Path) -> None:
    case = _case("self_assessment", lambda data: data["results"][0].update(achieved=10**30))
    assert _codes(case, folder) == ["schema.number.too_large"]


def test_an_issuer_name_of_digits_only_is_refused(folder: Path) -> None:
    case = _case("decision", _set("issuer", "name", value="2043-02-23"), ".json")
    assert _codes(case, folder) == ["schema.text.no_letter"]


def test_a_link_whose_name_the_system_refuses_is_a_missing_file(folder: Path) -> None:
    case = _case("nomination", _set("vote", value=" ".join(["bien-ban-hop.yaml"] * 15)))
    assert _codes(case, folder) == ["input.link"]


@pytest.mark.parametrize(
    ("loc", "value"),
    [
        (("issuer", "name"), "Sở " + "M" * 60),
        (("issuer", "name"), "Sở " + "Nghiêng" * 40),
        (("issuer", "place"), "Thành phố Hồ Chí Minh"),
        (("issuer", "place"), "W" * 25),
    ],
    ids=["word-of-60-M", "word-of-40-nghieng", "place-ho-chi-minh", "place-of-25-W"],
)
def test_a_header_text_wider_than_its_column_is_refused_or_fitted(folder: Path, loc: tuple[str, ...], value: str) -> None:
    # Header fitting (pipeline/nd30/frame.py) once raised StopIteration on a word wider than the
    # column; today the document overflows it (ND30-HEADER-WRAP), and so does the date line of a
    # real city. Either a finding at the data path or a conforming header will do.
    case = _case("decision", _set(*loc, value=value))
    assert run_case(case, folder, TEMPLATES).failure is None
