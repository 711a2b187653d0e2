"""Work that outlives a request: page previews from the warm LibreOffice, year-end packs and
dossiers. Each runs in a background thread; a page follows it by polling a small JSON status.

One :class:`~pipeline.api.Converter` is started with the app and kept warm (starting LibreOffice
costs about a second, a short document then takes a few hundredths), so a preview follows a save
quickly. Without LibreOffice the previews say what to install and the .docx is still offered.
"""

from __future__ import annotations

import io
import itertools
import shutil
import threading
import time
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import api
from pipeline.core.errors import Finding, HosoError, Severity
from pipeline.core.files import write_atomic
from pipeline.core.messages import finding
from pipeline.office.convert import INSTALL_HINT
from pipeline.web import pictures
from pipeline.web.workspace import Workspace
from pipeline.web.year import VALIDATIONS

PREVIEWS = "xem-truoc"
PACK = "goi-ho-so"
PACK_ZIP = "goi-ho-so.zip"
DOSSIERS = "ho-so"
PREVIEW_DPI = 80
"""An A4 page is 661 × 935 pixels at 80 dpi: readable beside the form, quick to make."""
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
PACK_START_METHOD = "spawn"
"""How the pack's worker processes start here: the server runs threads (requests, previews, jobs),
and a forked child gets a copy of every lock some other thread may hold at that moment, which can
hang it; a spawned worker starts a fresh interpreter (the sample bloc's pack: 0.5–0.7 s forked,
1.9–2.4 s spawned, measured). The command line keeps the platform's default (``fork`` on Linux:
it has no threads)."""


def flat_name(relative: str) -> str:
    """A document's relative path as one folder name inside ``.hoso``."""
    return relative.replace("/", "__")


# --- Previews -----------------------------------------------------------------------------------------
@dataclass
class PreviewState:
    version: int = 0
    """Requests made; the page waits until ``done`` reaches it."""
    done: int = 0
    final: bool = False
    complete: bool = True
    """Every document's pages are made (the first one is shown before the others are)."""
    documents: list[dict[str, object]] = field(default_factory=list)
    """Each document made: title, .docx name, page image names."""
    findings: list[Finding] = field(default_factory=list)
    problem: str = ""
    """Why there is no (fresh) preview: data errors, no LibreOffice."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds of each step of the last complete preview (validate, render, convert, page 1 …)."""


class Previewer:
    """Previews of documents, one at a time, through one warm converter."""

    def __init__(self, *, office: bool = True) -> None:
        self._use_office = office
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="hoso-preview")
        self._converter: api.Converter | None = None
        self.office_problem: str | None = None
        self._states: dict[tuple[Path, str], PreviewState] = {}
        self._lock = threading.Lock()
        self._templates: dict[Path, tuple[object, api.TemplateSet]] = {}

    def warm(self) -> Future[None]:
        return self._pool.submit(self._office)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._converter is not None:
            self._converter.close()

    def _office(self) -> api.Converter | None:
        if self._converter is None and self.office_problem is None and self._use_office:
            try:
                converter = api.Converter()
                converter.start()
                self._converter = converter
            except HosoError as exc:
                self.office_problem = " ".join(f.message for f in exc.findings)
        return self._converter

    def state(self, workspace: Workspace, relative: str) -> PreviewState:
        with self._lock:
            return self._states.setdefault((workspace.path, relative), PreviewState())

    def request(self, workspace: Workspace, relative: str, *, final: bool = False) -> int:
        state = self.state(workspace, relative)
        with self._lock:
            state.version += 1
            version = state.version
        self._pool.submit(self._run, workspace, relative, final, version)
        return version

    def submit(self, work, *args):  # type: ignore[no-untyped-def]
        """Run ``work(converter, *args)`` in the preview thread (conversions are serialised)."""
        return self._pool.submit(lambda: work(self._office(), *args))

    def pdfs(self, paths: list[Path]) -> list[api.Converted] | None:
        """A PDF beside each .docx with the warm office (waits for it); None without LibreOffice."""

        def convert(converter: api.Converter | None) -> list[api.Converted] | None:
            return converter.convert_many(paths) if converter is not None else None

        return self.submit(convert).result()  # type: ignore[no-any-return]

    def _template_set(self, workspace: Workspace) -> api.TemplateSet:
        """The workspace's templates, each prepared once and again only when its folder changes
        (preparing the vote's two templates took 0.2 s, rendering with them prepared 0.02 s; measured)."""
        folder = workspace.templates
        stamp = (folder, template_stamp(folder))
        kept = self._templates.get(workspace.path)
        if kept is None or kept[0] != stamp:
            kept = (stamp, api.TemplateSet(folder))
            self._templates[workspace.path] = kept
        return kept[1]

    def _run(self, workspace: Workspace, relative: str, final: bool, version: int) -> None:
        state = self.state(workspace, relative)
        if version < state.version:
            return  # a newer save is queued: only the latest one is worth showing
        try:
            self._make(workspace, relative, final, version, state)
        except Exception as exc:  # noqa: BLE001 – the page must learn that this preview ended
            state.findings, state.problem, state.complete = [finding("web.internal", problem=repr(exc))], "errors", True
            state.done = version

    def _make(self, workspace: Workspace, relative: str, final: bool, version: int, state: PreviewState) -> None:
        folder = workspace.state / PREVIEWS / flat_name(relative)
        clock = _Clock()
        try:
            validated = VALIDATIONS.validate(workspace.path / relative, draft=not final)
            clock.lap("validate")
            documents = api.render_documents(validated, name=relative, templates=self._template_set(workspace))
            clock.lap("render")
        except HosoError as exc:
            state.findings, state.problem, state.complete = exc.findings, "errors", True
            state.done = version
            return
        converter = self._office()
        made = [{"title": d.title, "docx": write_atomic(folder / d.name, d.data).name, "images": []} for d in documents]
        state.complete = False
        state.final, state.findings = final, []
        state.problem = "" if converter is not None else "office"
        for position, document in enumerate(made):
            if converter is not None:
                try:
                    self._pictures(converter, folder, made, position, state, version, clock)
                except HosoError as exc:
                    state.findings = exc.findings
            # The first document is shown as soon as its page 1 exists (the page a clerk looks at
            # first); the others follow, the earlier pictures of them kept meanwhile.
            state.documents = made[: position + 1] + state.documents[position + 1:]
            state.done = version
        state.documents = made
        state.complete = True
        state.timings = clock.laps

    def _pictures(self, converter: api.Converter, folder: Path, made: list[dict[str, object]], position: int,
                  state: PreviewState, version: int, clock: _Clock) -> None:
        """The pages of one document. The first document's page 1 is drawn and shown on its own
        first, beside the earlier pictures of its other pages, which are drawn after it."""
        document = made[position]
        pdf = converter.convert(folder / str(document["docx"]))
        count = pictures.page_count(pdf)
        names = [f"{pdf.stem}-{n}.png" for n in range(1, count + 1)]
        rest = 1
        if position == 0:
            clock.lap("convert")
            pictures.draw(pdf, 1, 1, dpi=PREVIEW_DPI)
            clock.lap("page 1")
            document["images"] = [names[0], *(n for n in names[1:] if (folder / n).is_file())]
            state.documents = [document, *state.documents[1:]]
            state.done = version
            rest = 2
        if rest <= count:
            pictures.draw(pdf, rest, count, dpi=PREVIEW_DPI)
        clock.lap("other pages" if position == 0 else "other documents")
        pictures.remove_beyond(pdf, count)
        document["images"] = names


class _Clock:
    """Seconds spent in each step of a preview (``python -m pipeline.web.bench`` reports them)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.laps[step] = self.laps.get(step, 0.0) + now - self._last
        self._last = now


def template_stamp(folder: Path | None) -> tuple[tuple[str, int, int], ...]:
    """What tells that a templates folder changed: each .docx's name, time and size."""
    if folder is None:
        return ()
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() == ".docx":
            info = path.stat()
            found.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(found)


# --- Packs and dossiers -------------------------------------------------------------------------------
@dataclass
class Job:
    id: str
    workspace: Workspace
    title: str
    state: str = "running"
    """running, done (everything made), partial (some groups failed), failed (nothing made)."""
    done: int = 0
    total: int = 0
    last: str = ""
    rows: list[dict[str, object]] = field(default_factory=list)
    """Summary rows: name, documents written, ok, first error – as the CLI's summary table."""
    findings: list[Finding] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    """What it made: the path relative to the workspace's ``.hoso`` folder and the name shown, the
    .zip first."""
    previews: Previewer | None = field(default=None, repr=False)


class Jobs:
    """Packs and dossiers, one at a time (each uses every core already); dossier PDFs are made by
    the previews' warm office."""

    def __init__(self, previews: Previewer) -> None:
        self.previews = previews
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="hoso-job")
        self._jobs: dict[str, Job] = {}
        self._ids = itertools.count(1)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def latest(self, workspace: Workspace) -> list[Job]:
        return [job for job in self._jobs.values() if job.workspace.path == workspace.path][-5:][::-1]

    def start_pack(self, workspace: Workspace, *, pdf: bool = False) -> Job:
        job = Job(str(next(self._ids)), workspace, "Gói hồ sơ cuối năm", previews=self.previews)
        self._jobs[job.id] = job
        self._pool.submit(_guarded, job, _pack, pdf)
        return job

    def start_dossier(self, workspace: Workspace, relative: str) -> Job:
        job = Job(str(next(self._ids)), workspace, f"Hồ sơ đề nghị khen thưởng ({relative})", previews=self.previews)
        self._jobs[job.id] = job
        self._pool.submit(_guarded, job, _dossier, relative)
        return job


def _guarded(job: Job, work, *args) -> None:  # type: ignore[no-untyped-def]
    try:
        work(job, *args)
    except HosoError as exc:
        job.findings, job.state = exc.findings, "failed"
    except Exception as exc:  # noqa: BLE001 – shown on the page; the app goes on serving
        job.findings = [finding("web.internal", problem=repr(exc))]
        job.state = "failed"


def _pack(job: Job, pdf: bool) -> None:
    out = job.workspace.state / PACK
    shutil.rmtree(out, ignore_errors=True)  # a fresh pack: nothing of an earlier year's data stays

    def progress(step: api.PackProgress) -> None:
        job.done, job.total = step.done, step.total
        job.last = step.group or ""

    report = api.pack(job.workspace.path, out, templates=job.workspace.templates, on_progress=progress,
                      start_method=PACK_START_METHOD)
    for group in report.plan.groups:
        result = report.results.get(group.order)
        errors = list(result.errors) if result else []
        job.rows.append({
            "name": group.name, "documents": len(result.written) if result else 0,
            "ok": bool(result and result.ok), "error": errors[0].message if errors else "",
        })
        job.findings += [f for f in errors if f not in job.findings]
    job.findings = report.warnings() + job.findings
    if pdf:
        _pdfs(job, sorted(out.rglob("*.docx")))
    files = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    write_atomic(job.workspace.state / PACK_ZIP, _zip(out, files))
    job.files = [(PACK_ZIP, "Tải cả gói (.zip)")] + [
        (f"{PACK}/{p.relative_to(out).as_posix()}", p.relative_to(out).as_posix()) for p in files
    ]
    job.state = "done" if report.exit_code == 0 else ("partial" if files else "failed")


def _pdfs(job: Job, documents: list[Path]) -> list[Path | None] | None:
    """A PDF beside each document, by the previews' warm office (a document that fails is reported,
    the others go on); None, and a finding saying what to install, without LibreOffice."""
    assert job.previews is not None  # packs and dossiers are started with the previews' office
    converted = job.previews.pdfs(documents)
    if converted is None:
        job.findings.append(finding("web.no_pdf", hint=INSTALL_HINT, severity=Severity.WARNING))
        return None
    job.findings += [c.finding for c in converted if c.finding is not None]
    return [c.pdf for c in converted]


def _zip(root: Path, files: list[Path]) -> bytes:
    """The pack as one .zip: files in name order, fixed timestamps, so a rerun gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{root.name}/{path.relative_to(root).as_posix()}", date_time=_ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _dossier(job: Job, relative: str) -> None:
    out = job.workspace.state / DOSSIERS / flat_name(relative)
    shutil.rmtree(out, ignore_errors=True)
    result = api.dossier(job.workspace.path / relative, out, templates=job.workspace.templates)
    job.findings = list(result.warnings)
    made = [result.archive, *result.files, result.manifest]
    pdfs = _pdfs(job, [p for p in result.files if p.suffix == ".docx"])
    if pdfs is not None:
        if all(p is not None for p in pdfs):
            # The whole dossier as one PDF in its order, a bookmark per document, as `hoso dossier --pdf`.
            made.insert(1, api.dossier_pdf(result))
        made += [p for p in pdfs if p is not None]
    job.files = [(p.relative_to(job.workspace.state).as_posix(), p.name) for p in made]
    job.files[0] = (job.files[0][0], "Tải cả hồ sơ (.zip)")
    job.done = job.total = 1
    job.state = "done"
