"""Generated inputs for every kind, and the long campaign over them.

Each case is a sample of one kind, mutated a few times (a value replaced by a hostile text, a huge
or negative number, a date with a time zone, a long list, a key removed …), written as YAML or
JSON beside the sample in a copy of the samples (so its links still resolve), then validated and,
when accepted, rendered and checked. The properties:

- nothing but a :class:`~pipeline.core.errors.HosoError` (an input error with its findings) ever
  escapes: never an internal error;
- every accepted input renders, and every document it gives passes ``check_docx`` with zero
  findings.

``tests/test_fuzz.py`` runs a few cases per kind in the suite. The long campaign::

    .venv/bin/python -m tests.fuzz_campaign --cases 5000

prints the cases run, those accepted, the failures (each with its kind, mutations and what went
wrong), the peak memory and the longest case.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from pipeline.core.errors import HosoError
from pipeline.nd30.check import check_docx
from pipeline.orchestrator import TemplateSet, output_name, produce, validate_file
from pipeline.stages.load import load

from tests.samples import SAMPLES

SOURCES = {
    "plan": "plan/ke-hoach-2016.yaml",
    "registration": "bloc-2016/dang-ky/05-dai-phat-thanh-truyen-hinh.yaml",
    "self_assessment": "bloc-2016/tu-danh-gia/03-so-y-te.yaml",
    "bloc_summary": "bloc-2016/tong-ket.yaml",
    "vote": "bloc-2016/bien-ban-hop.yaml",
    "nomination": "bloc-2016/to-trinh.yaml",
    "achievement_collective": "bloc-2016/thanh-tich/01-dai-phat-thanh-truyen-hinh.yaml",
    "achievement_individual": "bloc-2016/thanh-tich/04-hoang-thi-minh-nguyet.yaml",
    "nominee_list": "bloc-2016/de-nghi/05-dai-phat-thanh-truyen-hinh.yaml",
    "decision": "bloc-2016/quyet-dinh.yaml",
    "bloc": "bloc-2016/khoi.yaml",
    "dossier": "bloc-2016/ho-so-co-thi-dua-chinh-phu.yaml",
}
"""One sample per kind: the seed every case of that kind mutates."""

# What clerks paste and attackers type: Word's characters, controls, bidirectional overrides,
# line breaks YAML and JSON read differently, markup, template syntax, one very long word.
HOSTILE = [
    "\u202e000.001", "a\u2066b\u2069", "\u200f", "x\x85y", "x\u2028y", "\x00", "\x07", "\x1b[31m", "\ufffe",
    "a\tb", "a\xa0b", "a\u200bb", "\ufeffa", "<w:p/>", "{{ frame }}", "{% for x in range(10) %}", "&amp;",
    "a\nb", " ", "", "…", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🎉", "ỂỄỆ", "Ủy ban nhân dân " * 40, "M" * 120, "Nghiêng" * 200,
    "Trường" * 5 + "ThànhPhốThái" * 8, "- mục;", "Căn cứ Căn cứ", "../../etc/passwd", "/etc/passwd",
    "tu-danh-gia/*.yaml", "../../**/*.yaml", "GS. Nguyễn Văn A",
]
WORDS = ["Sở", "Văn", "hóa", "Thể", "thao", "Du", "lịch", "Ủy", "ban", "nhân", "dân", "tỉnh", "Thái", "Nguyên",
         "Phòng", "Ban", "Trung", "tâm", "Đài", "Phát", "thanh", "Truyền", "hình", "Hội", "đồng", "Thi", "đua"]


def texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
        st.integers(1, 1200).map(lambda n: ("Thi đua " * n)[:n].strip() or "a"),
    )


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        texts(),
        st.integers(-(10**3), 10**4),
        st.sampled_from([0, -1, 10**15, 10**27, 10**28, 10**40, 2**63]),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([Decimal("1E+30"), Decimal("1E-30"), Decimal("0.005"), Decimal("99.995")]),
        st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
        st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
        st.just(datetime(2016, 12, 20, 8, 0, tzinfo=timezone(timedelta(hours=7)))),
        st.none(),
        st.booleans(),
        st.just([]),
        st.just({}),
    )


def _places(value: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in ``value``, the root excluded."""
    found: list[tuple[Any, ...]] = [loc] if loc else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*loc, index))
    return found


def _parent(data: Any, loc: tuple[Any, ...]) -> Any:
    for key in loc[:-1]:
        data = data[key]
    return data


@st.composite
def mutation(draw: st.DrawFn, data: dict[str, Any]) -> str:
    """Change ``data`` in place once; returns what was done, for the report."""
    loc = draw(st.sampled_from(_places(data)))
    parent, key = _parent(data, loc), loc[-1]
    value = parent[key]
    operation = draw(st.sampled_from(["set", "set", "set", "delete", "repeat", "grow", "text"]))
    if operation == "delete" and loc != ("kind",):
        del parent[key]
    elif operation == "repeat" and isinstance(value, list) and value:
        parent[key] = value + [value[-1]] * draw(st.integers(1, 60))
    elif operation == "grow" and isinstance(value, str):
        parent[key] = (value + " ") * draw(st.integers(2, 40))
    elif operation == "text" or (operation in ("repeat", "grow") and not isinstance(value, list)):
        parent[key] = draw(texts())
    elif loc != ("kind",):
        parent[key] = draw(scalars())
    return f"{operation} {'.'.join(map(str, loc))} = {_short(parent.get(key) if isinstance(parent, dict) else None)}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


@st.composite
def cases(draw: st.DrawFn, kind: str) -> Case:
    data = load(SAMPLES / SOURCES[kind]).data
    done = [draw(mutation(data)) for _ in range(draw(st.integers(1, 3)))]
    return Case(kind, data, draw(st.sampled_from([".yaml", ".json"])), done)


@dataclass
class Case:
    kind: str
    data: dict[str, Any]
    suffix: str
    mutations: list[str]

    def write(self, workspace: Path) -> Path:
        source = workspace / SOURCES[self.kind]
        path = source.with_name(f"fuzz-{source.stem}{self.suffix}")
        data = _plain(self.data)
        if self.suffix == ".json":
            text = json.dumps(data, ensure_ascii=False, default=str)
        else:
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
        path.write_text(text, encoding="utf-8")
        return path


class _Dumper(yaml.SafeDumper):
    """Every value written out in full: hoso refuses YAML aliases, which a repeated item would be."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _plain(value: Any) -> Any:
    """``value`` with decimals as the numbers a clerk types (YAML has no decimal type)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass
class Outcome:
    accepted: bool
    failure: str | None = None
    """What broke a property: an exception other than HosoError, or a document failing the check."""


def workspace() -> Path:
    """A copy of the samples the cases are written into (beside the sample they mutate)."""
    folder = Path(tempfile.mkdtemp(prefix="hoso-fuzz-"))
    shutil.copytree(SAMPLES, folder / "samples", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return folder / "samples"


def run_case(case: Case, folder: Path, templates: TemplateSet) -> Outcome:
    """Validate the case and, once accepted, render and check every document."""
    path = case.write(folder)
    try:
        try:
            validated = validate_file(path)
        except HosoError:
            return Outcome(accepted=False)
        for document in validated.kind.documents:
            data = produce(document, validated, templates.get(document))
            findings = check_docx(data, name=output_name(path, document))
            if findings:
                shown = "; ".join(f.format() for f in findings[:3])
                return Outcome(True, f"{output_name(path, document)} không qua kiểm tra NĐ 30: {shown}")
        return Outcome(accepted=True)
    except Exception as exc:  # noqa: BLE001 – what the campaign looks for
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(True, f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})")


@dataclass
class Figures:
    cases: int = 0
    accepted: int = 0
    failures: list[tuple[Case, str]] = field(default_factory=list)
    longest: float = 0.0
    per_kind: Counter[str] = field(default_factory=Counter)


def campaign(total: int, seed: int) -> Figures:
    from hypothesis import HealthCheck, given, seed as fixed_seed, settings

    folder = workspace()
    templates = TemplateSet()
    figures = Figures()
    kinds = list(SOURCES)

    @fixed_seed(seed)
    @settings(max_examples=max(1, total // len(kinds)), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one_kind(kind: str, data: st.DataObject) -> None:
        case = data.draw(cases(kind))
        started = time.perf_counter()
        outcome = run_case(case, folder, templates)
        figures.longest = max(figures.longest, time.perf_counter() - started)
        figures.cases += 1
        figures.per_kind[kind] += 1
        figures.accepted += outcome.accepted
        if outcome.failure:
            figures.failures.append((case, outcome.failure))

    try:
        for kind in kinds:
            one_kind(kind)
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chạy dài kiểm thử bằng dữ liệu sinh ngẫu nhiên cho mọi loại dữ liệu.")
    parser.add_argument("--cases", type=int, default=1200, help="Tổng số trường hợp (chia đều cho các loại).")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    figures = campaign(args.cases, args.seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cases: {figures.cases}  accepted: {figures.accepted}  failures: {len(figures.failures)}")
    print(f"peak memory: {peak:.0f} MB  longest case: {figures.longest:.2f} s  total: {time.perf_counter() - started:.0f} s")
    print("per kind: " + ", ".join(f"{k} {n}" for k, n in figures.per_kind.items()))
    for case, failure in figures.failures:
        print(f"- {case.kind} ({case.suffix}): {' | '.join(case.mutations)}\n    {failure}")
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main())
