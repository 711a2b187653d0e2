"""``hoso bench``: how fast hoso renders, against the floor and a naive docxtpl loop, measured in
one run on this machine (not part of ``make test``: speed is measured, never asserted).

1. **Latency** of one document, warm (templates prepared, data validated), for a one-page
   document and for a 500-row list, in the same run on the same template and data:
   - *hoso*: :func:`pipeline.orchestrator.produce` (enrich, render, finalize, zip);
   - *floor*: the precompiled Jinja template of the same document.xml rendered with the same
     context, plus a plain ``zipfile`` write of every part (as measured on the 2-core machine);
   - *docxtpl*: ``DocxTemplate(path)``, ``render``, ``save`` for every document, on a .docx whose
     body is the same framed template.
2. **Packs** of synthetic blocs of N units (each a self-assessment and a registration, plus the
   bloc's plan, vote, tờ trình and a summary ranking all N units), each run in a fresh process
   as ``hoso pack`` runs it, the year's checks across documents included (the median of
   ``repeat`` runs): wall time, documents per second, CPU time of the main process and of the
   workers, peak RSS of the main process and of the largest worker.
3. **Scaling**: time of 1 000 units over 100 (else of the largest bloc over the next), and the
   throughput of 1 000 units (else of the largest bloc) with two worker processes over one, runs
   of each taken in turns: by wall time (what a clerk sees, with the machine's load average
   printed beside it) and by CPU time (what two free cores would give: main CPU + workers' CPU
   / 2, readable while other programs load the machine).
4. **The full path** of a clerk's input, from its YAML files to the written .docx, as ``hoso
   render`` runs it (templates prepared once): a Quyết định khen thưởng whose attached list has 20,
   500 and 5 000 awardees, with the tờ trình and vote it links (load, validation with the linked
   inputs, rules, enrich, render, write), CPU time (``time.process_time``) and wall time per
   document; the share of validation; and what validating it again costs when nothing changed, or
   only the decision did, with a :class:`~pipeline.orchestrator.ValidationCache` (the workbench's
   loop).
5. **Peers** (``peers``): the CPU time per document that a run of the peer benchmark (docxtemplater,
   Carbone, docxtpl on their own decision-like template) recorded, against the full path above.
   The peer benchmark also runs hoso's full path as one of its engines: its ratios from that same
   run are printed too, and are the ones to quote.

Targets (on the 2-core measuring machine): one page ≤ 1.4× the floor, a 500-row list ≤ 2× the
floor, 1 000 units ≤ 10.5× the time of 100, peak RSS ≤ 200 MB, 2 processes ≥ 1.7× one; the full
path of 5 000 rows ≤ 11× that of 500, of 20 rows ≤ docxtemplater's render of its 20-row document,
of 500 rows ≤ Carbone's of its 500-row one; validating again with nothing changed ≤ 5 % of
validating.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.core import platform as system
from pipeline.core.limits import MAX_MATCHES
from pipeline.core import resources
from pipeline.stages.finalize import finalize
from pipeline.nd30.check import check_docx
from pipeline.nd30 import frame, spec
from pipeline.orchestrator import TemplateSet, Validated, ValidationCache, produce, render_file, validate_file
from pipeline.commands.bench_check import bench_check
from pipeline.commands.bench_pdf import bench_pdf, one_page_input
from pipeline.stages.render import render

"""The samples the synthetic inputs are made from (a checkout, as for the templates)."""

TARGETS = {
    "one_page": 1.4, "list_500": 2.0, "scaling": 10.5, "rss_mb": 200.0, "parallel": 1.7, "help_s": 0.5,
    "rows_scaling": 11.0, "vs_docxtemplater_20": 1.0, "vs_carbone_500": 1.0, "unchanged_share": 0.05,
}
FULL_PATH_ROWS = (20, 500, 5000)
PEERS = {20: "docxtemplater", 500: "carbone"}
"""The peer each size of the full path is judged against: the fastest peer at that size."""
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


# --- Machine -----------------------------------------------------------------------------------------
def machine(load_at_start: float | None = None) -> dict[str, Any]:
    """This machine, and how busy it was: the 1-minute load average when the run started and now
    (the run's own processes count in the second)."""
    return {
        "load_average": [load_at_start, system.load_average()[0]],
        "nproc": system.available_cpus(),
        "cpu": system.cpu_model(),
        "memory_gib": round(system.memory_gib(), 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


# --- Synthetic inputs --------------------------------------------------------------------------------
def _seed(relative: str) -> dict[str, Any]:
    return yaml.safe_load((resources.samples() / relative).read_text(encoding="utf-8"))


def _dump(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _unit_name(i: int) -> str:
    return f"Trung tâm Văn hóa thử nghiệm số {i}"


def write_bloc(folder: Path, units: int) -> Path:
    """A bloc of ``units`` synthetic members in ``folder``; returns its bloc file."""
    assessment = _seed("bloc-2016/tu-danh-gia/01-so-van-hoa-the-thao-va-du-lich.yaml")
    registration = _seed("bloc-2016/dang-ky/05-dai-phat-thanh-truyen-hinh.yaml")
    members = []
    for i in range(1, units + 1):
        name = _unit_name(i)
        issuer = {"parent_body": "UBND tỉnh Thái Nguyên", "name": name, "abbreviation": f"TTVH{i}", "place": "Thái Nguyên"}
        a = copy.deepcopy(assessment)
        a.update(issuer=issuer, document={**a["document"], "number": i})
        a.pop("individual_titles", None)
        a["collective_titles"] = ["Tập thể lao động xuất sắc"]
        r = copy.deepcopy(registration)
        r.update(issuer=issuer, document={**r["document"], "number": i})
        _dump(folder / "don-vi" / f"{i:04d}" / "tu-danh-gia.yaml", a)
        _dump(folder / "don-vi" / f"{i:04d}" / "dang-ky.yaml", r)
        members.append({"name": name, "files": [f"don-vi/{i:04d}/dang-ky.yaml", f"don-vi/{i:04d}/tu-danh-gia.yaml"]})
    vote = _seed("bloc-2016/bien-ban-hop.yaml")
    vote["members"] = {"total": units, "present": units}
    vote["counting"]["ballots"] = {"issued": units, "returned": units, "valid": units, "invalid": 0}
    vote["titles"] = [
        {"name": "Cờ thi đua của UBND tỉnh", "seats": 1, "candidates": [{"name": _unit_name(1), "votes": units}]},
    ]
    _dump(folder / "bien-ban-hop.yaml", vote)
    nomination = _seed("bloc-2016/to-trinh.yaml")
    nomination["achievements"] = {_unit_name(1): "Dẫn đầu Khối thi đua năm 2016"}
    _dump(folder / "to-trinh.yaml", nomination)
    summary = _seed("bloc-2016/tong-ket.yaml")
    # A pattern matches at most MAX_MATCHES files: a larger bloc names its units a thousand at a time.
    summary["self_assessments"] = ["don-vi/*/tu-danh-gia.yaml"] if units <= MAX_MATCHES else [
        f"don-vi/{first}*/tu-danh-gia.yaml" for first in sorted({f"{i:04d}"[0] for i in range(1, units + 1)})
    ]
    _dump(folder / "tong-ket.yaml", summary)
    _dump(folder / "ke-hoach.yaml", _seed("plan/ke-hoach-2016.yaml"))
    bloc = _seed("bloc-2016/khoi.yaml")
    bloc["documents"] = ["ke-hoach.yaml", "tong-ket.yaml", "bien-ban-hop.yaml", "to-trinh.yaml"]
    bloc["members"] = members
    return _dump(folder / "khoi.yaml", bloc)


def write_list(folder: Path, rows: int) -> Path:
    """A tờ trình whose nominee list (its appendix) has ``rows`` rows; returns the tờ trình."""
    vote = _seed("bloc-2016/bien-ban-hop.yaml")
    names = [f"Nguyễn Văn Thử {i}" for i in range(1, rows + 1)]
    vote["titles"] = [{
        "name": "Bằng khen của Chủ tịch UBND tỉnh", "recipient": "cá nhân", "seats": rows,
        "candidates": [{"name": name, "votes": 9} for name in names],
    }]
    _dump(folder / "bien-ban-hop.yaml", vote)
    nomination = _seed("bloc-2016/to-trinh.yaml")
    nomination["achievements"] = {
        name: "Hoàn thành xuất sắc nhiệm vụ năm 2016; có sáng kiến được áp dụng trong đơn vị" for name in names
    }
    return _dump(folder / "to-trinh.yaml", nomination)


def write_decision(folder: Path, rows: int) -> Path:
    """A Quyết định khen thưởng whose attached list has ``rows`` awardees, with the tờ trình and the
    vote it links (:func:`write_list`); returns the decision. The peer benchmark's hoso engine
    renders the same input."""
    write_list(folder, rows)
    decision = _seed("bloc-2016/quyet-dinh.yaml")
    decision["nomination"] = "to-trinh.yaml"
    return _dump(folder / "quyet-dinh.yaml", decision)


# --- Latency -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Latency:
    """Milliseconds per document, median of warm runs, all from the same template and data."""

    document: str
    render_ms: float
    """hoso from the render context: render, finalize and zip (what the floor and docxtpl do)."""
    enrich_ms: float
    """hoso computing the render context from the validated input (the floor and docxtpl are
    given it)."""
    floor_ms: float
    docxtpl_ms: float

    @property
    def produce_ms(self) -> float:
        return self.enrich_ms + self.render_ms

    @property
    def vs_floor(self) -> float:
        """Judged with enrich included: computing the values is part of hoso's job, not the floor's."""
        return self.produce_ms / self.floor_ms

    @property
    def vs_docxtpl(self) -> float:
        return self.produce_ms / self.docxtpl_ms


def _median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _floor_zip(parts: dict[str, bytes], document_xml: bytes) -> bytes:
    """Every part deflated into a zip with ``zipfile`` (the floor's "zip write", as measured in
    as measured on the 2-core machine), the rendered document.xml among them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, document_xml if name == "word/document.xml" else data)
    return buffer.getvalue()


def latency(label: str, validated: Validated, templates: TemplateSet, runs: int) -> Latency:
    from docxtpl import DocxTemplate

    document = validated.kind.documents[0]
    template = templates.get(document)
    context = document.enrich(validated.model, validated.linked, validated.rules)
    core = document.core(validated.model, validated.linked)
    with zipfile.ZipFile(io.BytesIO(produce(document, validated, template))) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    # The naive loop gets the same framed body, as a .docx it loads again for every document.
    framed = _floor_zip(parts, template.source.encode("utf-8"))

    def naive() -> bytes:
        doc = DocxTemplate(io.BytesIO(framed))
        doc.render(context, jinja_env=templates.env, autoescape=True)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    return Latency(
        label,
        render_ms=_median_ms(lambda: finalize(template, render(template, context), core), runs),
        enrich_ms=_median_ms(lambda: document.enrich(validated.model, validated.linked, validated.rules), runs),
        floor_ms=_median_ms(lambda: _floor_zip(parts, template.compiled.render(context).encode("utf-8")), runs),
        docxtpl_ms=_median_ms(naive, max(5, runs // 3)),
    )


# --- The full path -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FullPath:
    """One decision from its YAML files to its written .docx: CPU and wall milliseconds per
    document, medians of warm runs (templates prepared, nothing else kept between runs)."""

    rows: int
    cpu_ms: float
    wall_ms: float
    validate_cpu_ms: float
    """Of ``cpu_ms``: loading the decision, its tờ trình and vote, validating them, the rules."""
    unchanged_cpu_ms: float
    """Validating again through a :class:`ValidationCache` with no file changed."""
    edited_cpu_ms: float
    """Validating again through the cache after the decision changed, its linked files not."""

    @property
    def unchanged_share(self) -> float:
        return self.unchanged_cpu_ms / self.validate_cpu_ms


def _median_cpu_wall(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median CPU and wall milliseconds of ``runs`` calls, after one warm-up call."""
    action()
    cpu, wall = [], []
    for _ in range(runs):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        action()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def full_path(decision: Path, rows: int, out_dir: Path, templates: TemplateSet, runs: int) -> FullPath:
    cpu, wall = _median_cpu_wall(lambda: render_file(None, decision, out_dir, templates), runs)
    validate_cpu, _ = _median_cpu_wall(lambda: validate_file(decision), runs)
    cache = ValidationCache()
    unchanged_cpu, _ = _median_cpu_wall(lambda: validate_file(decision, cache=cache), runs)
    text = decision.read_text(encoding="utf-8")
    edits = iter(range(10**9))

    def edited() -> None:
        decision.write_text(f"{text}# lần sửa {next(edits)}\n", encoding="utf-8")  # a save in the editor
        validate_file(decision, cache=cache)

    edited_cpu, _ = _median_cpu_wall(edited, runs)
    decision.write_text(text, encoding="utf-8")
    return FullPath(rows, cpu, wall, validate_cpu, unchanged_cpu, edited_cpu)


def peer_results(folder: Path) -> dict[tuple[str, int], float]:
    """CPU milliseconds per document of every engine and row count of a peer benchmark run:
    ``folder`` is its copy (its ``results/raw``) or that folder itself."""
    raw = folder / "results" / "raw"
    found = {}
    for path in sorted((raw if raw.is_dir() else folder).glob("*.json")):
        engine, _, rows = path.stem.rpartition("_")
        if not rows.isdigit():
            continue  # the escape probe
        with contextlib.suppress(ValueError):  # a run that failed left no JSON
            data = json.loads(path.read_text(encoding="utf-8"))
            if "cpu_ms_per_doc" in data:
                found[(engine, int(rows))] = float(data["cpu_ms_per_doc"])
    return found


# --- Packs -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackRun:
    """One ``hoso pack`` as the command runs it (the plan, the year's checks across documents, the
    groups, the Phiếu gửi), in a fresh process."""

    units: int
    jobs: int
    documents: int
    seconds: float
    main_rss_mb: float
    worker_rss_mb: float
    exit_code: int
    main_cpu_seconds: float = 0.0
    """CPU time of the main process (the plan, the year's comparisons, the Phiếu gửi): serial."""
    worker_cpu_seconds: float = 0.0
    """CPU time of all worker processes together (validation, rules, rendering, writing)."""
    load_average: tuple[float, float] = (0.0, 0.0)
    """The machine's 1-minute load average when the run started and when it ended."""

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def cpu_bound_seconds(self) -> float:
        """The time the run would take with one free core per process: the main process's CPU,
        then the workers' CPU shared evenly by ``jobs`` cores. It leaves out what CPU time cannot
        see (a worker waiting for the last group, the disk), and the other programs of the machine."""
        return self.main_cpu_seconds + self.worker_cpu_seconds / self.jobs


def pack_run(bloc_file: Path, out_dir: Path, units: int, jobs: int, repeat: int = 1) -> PackRun:
    """``hoso pack`` ``repeat`` times, each in a fresh process (so that its peak RSS is its own,
    and nothing is warm from the run before); the run of median time."""
    runs = [_pack_once(bloc_file, out_dir, units, jobs) for _ in range(repeat)]
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


def _pack_once(bloc_file: Path, out_dir: Path, units: int, jobs: int) -> PackRun:
    shutil.rmtree(out_dir, ignore_errors=True)
    start_load = system.load_average()[0]
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.commands.bench", "--child", str(bloc_file), str(out_dir), str(jobs)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench child failed: {result.stderr[-2000:]}")
    return PackRun(units=units, jobs=jobs, load_average=(start_load, system.load_average()[0]), **json.loads(result.stdout))


def parallel_runs(bloc_file: Path, out_dir: Path, units: int, repeat: int) -> list[PackRun]:
    """The same pack with 1 and with 2 worker processes, ``repeat`` times each, taken in turns (1, 2,
    1, 2 …) so that a change in the machine's other load weighs on both alike; the median run of
    each, 1 process first."""
    runs: dict[int, list[PackRun]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            runs[jobs].append(_pack_once(bloc_file, out_dir, units, jobs))
    return [sorted(found, key=lambda run: run.seconds)[len(found) // 2] for found in runs.values()]


def _child(bloc_file: str, out_dir: str, jobs: str) -> None:
    from pipeline.commands.pack import PackOptions, plan_pack, run_pack
    from pipeline.commands.year import check_bloc, with_year
    from pipeline.law.rulebook import builtin_book

    start = time.perf_counter()
    # As ``hoso pack`` runs it (pipeline.api.pack): the year's checks first, then the groups.
    plan = plan_pack(Path(bloc_file))
    plan = with_year(plan, check_bloc(plan, builtin_book(), PackOptions(), jobs=int(jobs)).year)
    report = run_pack(plan, Path(out_dir), jobs=int(jobs))
    seconds = time.perf_counter() - start
    documents = sum(len(r.written) for r in report.results.values()) + (report.index is not None)
    times = os.times()  # the workers are reaped when their pool closes: theirs are the children's times
    print(json.dumps({
        "documents": documents,
        "seconds": seconds,
        "main_rss_mb": system.own_peak_mb(),
        "worker_rss_mb": system.children_peak_mb(),
        "exit_code": report.exit_code,
        "main_cpu_seconds": times.user + times.system,
        "worker_cpu_seconds": times.children_user + times.children_system,
    }))


# --- Header fitting ----------------------------------------------------------------------------------
LONG_ISSUER = (
    "Ban Chỉ đạo thi đua, khen thưởng và Hội đồng thi đua, khen thưởng các cơ quan, đơn vị thuộc Khối "
    "Văn hóa - Xã hội tỉnh Thái Nguyên"
)
"""A 29-word issuer name: fitting one like it into the header once tried every split (141 s)."""


def header_fit_ms(runs: int = 50) -> float:
    """Milliseconds to break :data:`LONG_ISSUER` into header lines (median)."""
    return _median_ms(lambda: frame.fit_header_lines([LONG_ISSUER], spec.ISSUER_STYLE), runs)


# --- Start-up ----------------------------------------------------------------------------------------
def help_startup(runs: int = 5) -> float:
    """Seconds from starting ``hoso --help`` in a fresh process to its exit, the median of ``runs``:
    what a clerk waits before the first word of help (the command imports only what it uses)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- The whole benchmark -----------------------------------------------------------------------------
@dataclass
class BenchReport:
    machine: dict[str, Any]
    latencies: list[Latency]
    packs: list[PackRun]
    parallel: list[PackRun]
    repeat: int = 1
    """Runs of each pack in ``packs`` (the median is kept)."""
    parallel_repeat: int = 1
    """Runs of each of the two packs in ``parallel`` (the median is kept)."""
    checked: dict[int, int] = field(default_factory=dict)
    """Units of a pack → NĐ 30 findings in all of its documents (``--check``)."""
    pdf: list[str] = field(default_factory=list)
    """The PDF measurements (``--pdf``, :mod:`pipeline.commands.bench_pdf`), as report lines."""
    check_speed: list[str] = field(default_factory=list)
    """``hoso check``'s time per document, without and with layout (:mod:`pipeline.commands.bench_check`)."""
    help_s: float | None = None
    """Start-up: seconds ``hoso --help`` takes (:func:`help_startup`)."""
    header_fit_ms: float | None = None
    """Milliseconds to fit a 29-word issuer name into the header (:func:`header_fit_ms`)."""
    full: list[FullPath] = field(default_factory=list)
    peers: dict[tuple[str, int], float] = field(default_factory=dict)
    """CPU ms per document of a peer benchmark run, by engine and rows (:func:`peer_results`)."""

    def scaling_sizes(self) -> tuple[int, int] | None:
        """100 and 1 000 units when both ran (10.0 is linear), else the two largest blocs."""
        sizes = sorted({p.units for p in self.packs})
        if {100, 1000} <= set(sizes):
            return 100, 1000
        return (sizes[-2], sizes[-1]) if len(sizes) >= 2 else None

    def scaling(self) -> float | None:
        sizes = self.scaling_sizes()
        if sizes is None:
            return None
        by_units = {p.units: p for p in self.packs}
        return by_units[sizes[1]].seconds / by_units[sizes[0]].seconds

    def rows_scaling(self) -> float | None:
        """CPU time of the full path at 5 000 rows over 500 (10.0 is linear)."""
        by_rows = {f.rows: f for f in self.full}
        if 500 not in by_rows or 5000 not in by_rows:
            return None
        return by_rows[5000].cpu_ms / by_rows[500].cpu_ms

    def vs_peers(self) -> list[tuple[int, str, float, float, float | None]]:
        """Per size judged against a peer: rows, peer, hoso's full path over the peer's render
        (this run's hoso), and over it the peer run's own hoso engine when it ran one."""
        found = []
        for f in self.full:
            peer = PEERS.get(f.rows)
            theirs = self.peers.get((peer, f.rows)) if peer else None
            if theirs:
                same_run = self.peers.get(("hoso_full", f.rows))
                found.append((f.rows, peer, theirs, f.cpu_ms / theirs, same_run / theirs if same_run else None))
        return found

    def speedup(self) -> float | None:
        """Wall time of the pack with 1 process over that with 2: what a clerk sees, on a machine
        running nothing else."""
        if len(self.parallel) != 2:
            return None
        one, two = self.parallel
        return two.per_second / one.per_second

    def cpu_speedup(self) -> float | None:
        """The same from CPU times (:attr:`PackRun.cpu_bound_seconds`): what two free cores would
        give, read on a machine other programs keep busy, where wall times measure them too."""
        if len(self.parallel) != 2:
            return None
        one, two = self.parallel
        return one.cpu_bound_seconds / two.cpu_bound_seconds

    def peak_rss_mb(self) -> float:
        return max((max(p.main_rss_mb, p.worker_rss_mb) for p in [*self.packs, *self.parallel]), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "machine": self.machine,
            "latency": [
                {**asdict(x), "produce_ms": x.produce_ms, "vs_floor": x.vs_floor, "vs_docxtpl": x.vs_docxtpl}
                for x in self.latencies
            ],
            "packs": [{**asdict(p), "documents_per_second": p.per_second} for p in self.packs],
            "parallel": [{**asdict(p), "documents_per_second": p.per_second} for p in self.parallel],
            "scaling_1000_vs_100": self.scaling(),
            "speedup_2_vs_1": self.speedup(),
            "cpu_speedup_2_vs_1": self.cpu_speedup(),
            "repeat": self.repeat,
            "parallel_repeat": self.parallel_repeat,
            "peak_rss_mb": self.peak_rss_mb(),
            "check_findings": self.checked,
            "pdf": self.pdf,
            "check_speed": self.check_speed,
            "help_seconds": self.help_s,
            "header_fit_ms": self.header_fit_ms,
            "full_path": [{**asdict(f), "unchanged_share": f.unchanged_share} for f in self.full],
            "full_path_5000_vs_500": self.rows_scaling(),
            "peers_cpu_ms": {f"{engine}_{rows}": ms for (engine, rows), ms in self.peers.items()},
            "vs_peers": [
                {"rows": rows, "peer": peer, "peer_cpu_ms": ms, "ratio": ratio, "same_run_ratio": same}
                for rows, peer, ms, ratio, same in self.vs_peers()
            ],
            "targets": TARGETS,
        }


def _mark(ok: bool) -> str:
    return "đạt" if ok else "CHƯA ĐẠT"


def report_lines(report: BenchReport) -> list[str]:
    """The benchmark as a clerk or a developer reads it (Vietnamese, decimal commas)."""
    m = report.machine
    lines = [f"Máy: {m['cpu']}, {m['nproc']} lõi, {m['memory_gib']} GiB RAM, Python {m['python']}, {m['system']}"]
    start, end = m.get("load_average", (None, None))
    if start is not None:
        lines.append(f"Tải của máy (load average 1 phút): {_num(start)} lúc bắt đầu, {_num(end)} lúc kết thúc các phép "
                     "đo (gồm cả chính bản đo này)")
    lines.append("")
    if report.help_s is not None:
        lines += [f"Khởi động «hoso --help»: {_num(report.help_s)} s (trung vị; mục tiêu ≤ {_num(TARGETS['help_s'])} s: "
                  f"{_mark(report.help_s <= TARGETS['help_s'])})", ""]
    if report.header_fit_ms is not None:
        lines += [f"Ngắt dòng tên cơ quan 29 từ ở phần đầu: {_num(report.header_fit_ms)} ms (trung vị)", ""]
    lines.append("Thời gian tạo một văn bản (trung vị, ms; từ cùng dữ liệu đã chuẩn bị, cùng mẫu):")
    for x, target in zip(report.latencies, (TARGETS["one_page"], TARGETS["list_500"])):
        lines += [
            f"  {x.document}: hoso {_num(x.produce_ms)} ms ({_num(x.enrich_ms)} ms tính nội dung + "
            f"{_num(x.render_ms)} ms tạo tệp), floor {_num(x.floor_ms)} ms, docxtpl {_num(x.docxtpl_ms)} ms",
            f"    hoso/floor = {_num(x.vs_floor)} (mục tiêu ≤ {_num(target)}: {_mark(x.vs_floor <= target)}); "
            f"hoso/docxtpl = {_num(x.vs_docxtpl)}",
        ]
    lines += _full_path_lines(report)
    lines += ["", f"Gói hồ sơ (mỗi lần chạy trong một tiến trình mới; các gói đầu: trung vị của {report.repeat} lần):"]
    for p in [*report.packs, *report.parallel]:
        lines.append(
            f"  {p.units} đơn vị, {p.jobs} tiến trình: {p.documents} văn bản trong {_num(p.seconds)} s = "
            f"{_num(p.per_second)} văn bản/s ({_num(p.seconds / p.documents * 1000)} ms/văn bản); RSS lớn nhất "
            f"{_num(p.main_rss_mb)} MB (tiến trình chính), {_num(p.worker_rss_mb)} MB (tiến trình con)"
        )
    scaling = report.scaling()
    sizes = report.scaling_sizes()
    if scaling is not None and sizes is not None:
        lines.append(f"  Thời gian gói {sizes[1]} đơn vị / gói {sizes[0]} đơn vị: {_num(scaling)} (mục tiêu ≤ "
                     f"{_num(TARGETS['scaling'])} khi gấp 10 lần: {_mark(scaling <= TARGETS['scaling'])})")
    lines += _parallel_lines(report)
    rss = report.peak_rss_mb()
    if report.packs:
        lines.append(f"  RSS lớn nhất: {_num(rss)} MB (mục tiêu ≤ {_num(TARGETS['rss_mb'])} MB: {_mark(rss <= TARGETS['rss_mb'])})"
        )
    for units, findings in report.checked.items():
        lines.append(f"  Kiểm tra thể thức NĐ 30 gói {units} đơn vị: {findings} phát hiện")
    if report.pdf:
        lines += ["", "PDF (LibreOffice chạy sẵn):", *(f"  {line}" for line in report.pdf)]
    lines += ["", *report.check_speed] if report.check_speed else []
    return lines


def _parallel_lines(report: BenchReport) -> list[str]:
    speedup, cpu_speedup = report.speedup(), report.cpu_speedup()
    if speedup is None or cpu_speedup is None:
        return []
    one, two = report.parallel
    target = TARGETS["parallel"]
    return [
        f"  2 tiến trình / 1 tiến trình, gói {two.units} đơn vị (trung vị của {report.parallel_repeat} lần mỗi loại, chạy "
        "xen kẽ):",
        f"    theo thời gian thực: {_num(speedup)} lần (mục tiêu ≥ {_num(target)}: {_mark(speedup >= target)}); "
        f"tải của máy {_num(one.load_average[0])} → {_num(one.load_average[1])} khi 1 tiến trình, "
        f"{_num(two.load_average[0])} → {_num(two.load_average[1])} khi 2 tiến trình",
        f"    theo thời gian CPU: {_num(cpu_speedup)} lần (mục tiêu ≥ {_num(target)}: {_mark(cpu_speedup >= target)}); "
        f"CPU tiến trình chính {_num(one.main_cpu_seconds)} s và {_num(two.main_cpu_seconds)} s, các tiến trình con "
        f"{_num(one.worker_cpu_seconds)} s và {_num(two.worker_cpu_seconds)} s: thời gian khi mỗi tiến trình có một "
        "lõi rảnh (CPU chính + CPU con / số tiến trình), không tính lúc chờ nhau",
    ]


def _full_path_lines(report: BenchReport) -> list[str]:
    if not report.full:
        return []
    lines = ["", "Trọn quy trình một quyết định khen thưởng, từ tệp YAML (quyết định, tờ trình, biên bản) đến tệp "
             ".docx đã ghi (trung vị mỗi văn bản; CPU = thời gian xử lý của tiến trình):"]
    for f in report.full:
        lines.append(
            f"  {f.rows} dòng: CPU {_num(f.cpu_ms)} ms (kiểm tra dữ liệu {_num(f.validate_cpu_ms)} ms), "
            f"thời gian thực {_num(f.wall_ms)} ms; kiểm tra lại khi không tệp nào đổi {_num(f.unchanged_cpu_ms)} ms "
            f"({_num(f.unchanged_share * 100)} %, mục tiêu ≤ {_num(TARGETS['unchanged_share'] * 100)} %: "
            f"{_mark(f.unchanged_share <= TARGETS['unchanged_share'])}), khi chỉ quyết định đổi "
            f"{_num(f.edited_cpu_ms)} ms"
        )
    rows_scaling = report.rows_scaling()
    if rows_scaling is not None:
        lines.append(f"  CPU 5 000 dòng / 500 dòng: {_num(rows_scaling)} (mục tiêu ≤ {_num(TARGETS['rows_scaling'])}: "
                     f"{_mark(rows_scaling <= TARGETS['rows_scaling'])})")
    for rows, peer, theirs, ratio, same_run in report.vs_peers():
        target = TARGETS["vs_docxtemplater_20" if peer == "docxtemplater" else "vs_carbone_500"]
        line = (f"  So với {peer} (bộ đo của các thư viện khác, {rows} dòng, {_num(theirs)} ms CPU): hoso trọn quy trình / "
                f"{peer} = {_num(ratio)}")
        if same_run is not None:
            line += f"; đo cùng một lần chạy của bộ đo đó: {_num(same_run)}"
            ratio = same_run
        lines.append(f"{line} (mục tiêu ≤ {_num(target)}: {_mark(ratio <= target)})")
    return lines


def _num(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def run_bench(
    sizes: list[int], *, jobs: int, runs: int = 30, repeat: int = 3, keep: Path | None = None,
    check: bool = False, pdf: bool = False, peers: Path | None = None, parallel_repeat: int | None = None,
    on_step: Callable[[str], None] = lambda text: None,
) -> BenchReport:
    """Every measurement of the module docstring; ``check`` runs the NĐ 30 check over every pack,
    ``pdf`` adds the PDF measurements on the smallest pack, ``peers`` (a peer benchmark's copy,
    after its run) the comparison with its engines; ``parallel_repeat`` runs of each of the 1- and
    2-process packs (default ``repeat``)."""
    load_at_start = system.load_average()[0]
    work = Path(tempfile.mkdtemp(prefix="hoso-bench-")) if keep is None else keep
    try:
        on_step("đo thời gian khởi động hoso --help")
        help_s = help_startup()
        templates = TemplateSet()
        on_step("đo một văn bản một trang")
        work.mkdir(parents=True, exist_ok=True)
        one_page = validate_file(one_page_input(work))
        latencies = [latency("Bản đăng ký thi đua (1 trang)", one_page, templates, runs)]
        on_step("đo danh sách 500 dòng")
        big_list = validate_file(write_list(work / "danh-sach-500", 500))
        latencies.append(latency("Tờ trình kèm danh sách 500 dòng", big_list, templates, max(10, runs // 2)))
        full = []
        for rows in FULL_PATH_ROWS:
            on_step(f"đo trọn quy trình quyết định {rows} dòng")
            decision = write_decision(work / f"quyet-dinh-{rows}", rows)
            # Fewer runs as the input grows, so that each size takes a few seconds.
            full.append(full_path(decision, rows, work / f"ra-{rows}", templates, max(3, runs * 20 // rows)))
        packs = []
        for units in sizes:
            on_step(f"gói {units} đơn vị, {jobs} tiến trình, {repeat} lần")
            bloc = write_bloc(work / f"khoi-{units}", units)
            packs.append(pack_run(bloc, work / f"goi-{units}", units, jobs, repeat))
        parallel = []
        if sizes and jobs >= 2:
            # Throughput is compared on a large bloc, where the fixed costs of a run (reading the rule
            # packs, starting the workers, the Phiếu gửi) weigh little: 1 000 units when measured
            # (larger ones only add minutes), else the largest.
            largest = 1000 if 1000 in sizes else max(sizes)
            bloc = work / f"khoi-{largest}" / "khoi.yaml"
            turns = parallel_repeat or repeat
            on_step(f"gói {largest} đơn vị, 1 rồi 2 tiến trình, {turns} lần")
            parallel = parallel_runs(bloc, work / f"goi-{largest}-song-song", largest, turns)
        report = BenchReport(machine(load_at_start), latencies, packs, parallel, repeat, parallel_repeat or repeat,
                             help_s=help_s, full=full,
                             peers=peer_results(peers) if peers is not None else {}, header_fit_ms=header_fit_ms())
        if check:
            for units in sizes:
                on_step(f"kiểm tra thể thức gói {units} đơn vị")
                report.checked[units] = sum(len(check_docx(p)) for p in (work / f"goi-{units}").rglob("*.docx"))
        if sizes:
            on_step("đo thời gian kiểm tra thể thức, có và không dàn trang")
            report.check_speed = bench_check(sorted((work / f"goi-{min(sizes)}").rglob("*.docx"))).lines()
        if pdf and sizes:
            on_step("đo PDF")
            report.pdf = bench_pdf(sorted((work / f"goi-{min(sizes)}").rglob("*.docx"))).lines()
        return report
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    _child(*sys.argv[2:5])
