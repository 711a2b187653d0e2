"""The workbench's pages and the requests they make: a Starlette application over the Python API.

Pages are rendered on the server (Jinja2, autoescaped: a unit named ``<script>`` shows as text)
and work without JavaScript; ``static/app.js`` only adds focus moves, the live preview and job
progress. Every request that changes a file carries the page's CSRF token (:mod:`.security`);
every name in a URL is checked and resolved inside the workbench folder (:mod:`.workspace`).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
import shutil
import tempfile
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline import api
from pipeline.core.errors import Finding, HosoError
from pipeline.core.files import write_atomic
from pipeline.commands.check import FORMAT_NAMES
from pipeline.core.messages import finding
from pipeline.law.kinds import KINDS
from pipeline.stages.load import load
from pipeline.stages.xlsx import TABLES, read_table
from pipeline.office.convert import INSTALL_HINT
from pipeline.web import forms, pictures, placing, store, year
from pipeline.web.jobs import (
    DOSSIERS, PACK, PACK_ZIP, PREVIEW_DPI, PREVIEWS, Jobs, Previewer, PreviewState, flat_name,
)
from pipeline.web.security import CSRF_FIELD, MAX_FORM, MAX_UPLOAD, Guard, Refused, read_form
from pipeline.web.workspace import NotFound, Workspace, Workspaces

HERE = Path(__file__).parent
_DOWNLOAD_AREAS = (PREVIEWS, PACK, DOSSIERS, PACK_ZIP)
CHECKS = ".kiem-tra"
"""Where the pages of checked uploads go, in the workbench folder (hidden: never a workspace)."""
CHECKS_KEPT = 20
_NEW_FILES = {
    "plan": "ke-hoach.yaml", "registration": "dang-ky.yaml", "self_assessment": "tu-danh-gia.yaml",
    "bloc_summary": "tong-ket.yaml", "vote": "bien-ban-hop.yaml", "nomination": "to-trinh.yaml",
    "achievement_collective": "thanh-tich-tap-the.yaml", "achievement_individual": "thanh-tich-ca-nhan.yaml",
    "nominee_list": "danh-sach-de-nghi.yaml", "decision": "quyet-dinh.yaml", "dossier": "ho-so.yaml",
}


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url"] = lambda text: quote(str(text), safe="/")
    return env


@dataclass
class Workbench:
    """What the app holds between requests."""

    workspaces: Workspaces
    previews: Previewer
    jobs: Jobs
    env: jinja2.Environment

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(template).render(request=request, csrf=request.state.csrf, csrf_field=CSRF_FIELD,
                                                      **context)
        return HTMLResponse(html, status_code=status)

    def workspace(self, name: str) -> Workspace:
        try:
            return self.workspaces.get(name)
        except NotFound:
            raise HTTPException(404, "Không có khu làm việc này.") from None

    def document(self, workspace: Workspace, relative: str) -> Path:
        try:
            return workspace.file(relative)
        except NotFound:
            raise HTTPException(404, "Không có tệp dữ liệu này trong khu làm việc.") from None


def bench(request: Request) -> Workbench:
    return request.app.state.bench  # type: ignore[no-any-return]


# --- Start page ---------------------------------------------------------------------------------------
def emulation_year(today: datetime.date | None = None) -> int:
    """The emulation year a clerk is most likely preparing: the current one from October, when the
    year-end review starts; before that, last year's, whose dossiers are still going up."""
    today = today or datetime.date.today()
    return today.year if today.month >= 10 else today.year - 1


async def index(request: Request) -> Response:
    wb = bench(request)
    return wb.page(request, "index.html", workspaces=wb.workspaces.all(), root=wb.workspaces.root,
                   year=emulation_year(), error=None, name=None, source=None)


EMPTY_SOURCE = "empty"
"""The start form's choice of a workspace with only a bloc file; every other choice names a sample."""


async def create_workspace(request: Request) -> Response:
    wb = bench(request)
    form = await read_form(request)
    name = str(form.get("name", "")).strip()
    source = str(form.get("source", ""))
    try:
        year_text = str(form.get("year", "")).strip()
        workspace = wb.workspaces.create(name, sample=None if source == EMPTY_SOURCE else source,
                                         year=int(year_text) if year_text.isdigit() else emulation_year())
    except ValueError as exc:
        # The form comes back as the clerk filled it, so a refused name is not resent with another sample.
        return wb.page(request, "index.html", status=400, workspaces=wb.workspaces.all(), root=wb.workspaces.root,
                       year=emulation_year(), error=str(exc), name=name,
                       source=source)
    return RedirectResponse(f"/w/{quote(workspace.name)}", status_code=303)


# --- The year at a glance -----------------------------------------------------------------------------
async def workspace_page(request: Request) -> Response:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    entries = await run_in_threadpool(year.overview, workspace)
    dossiers = [e.relative for e in entries if e.kind == "dossier" and e.relative]
    return wb.page(request, "workspace.html", ws=workspace, entries=entries, kinds=KINDS, dossiers=dossiers,
                   jobs=wb.jobs.latest(workspace), new_files=_NEW_FILES)


async def new_document(request: Request) -> Response:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    form = await read_form(request)
    kind = str(form.get("kind", ""))
    if kind not in _NEW_FILES:
        raise HTTPException(400, "Loại văn bản không hợp lệ.")
    target = workspace.path / _NEW_FILES[kind]
    if not target.exists():
        write_atomic(target, f"kind: {kind}\n".encode())
    return RedirectResponse(f"/w/{quote(workspace.name)}/doc/{quote(_NEW_FILES[kind])}", status_code=303)


# --- A document ---------------------------------------------------------------------------------------
@dataclass
class Opened:
    path: Path
    text: str
    digest: str
    kind: str | None
    data: dict[str, Any] | None
    problems: list[Finding]
    """Why the form cannot be shown (the file cannot be read as data): the page shows the text."""
    editable: bool = True
    """False for a file too large to edit in a page: it is shown with its problem only."""


def open_document(path: Path) -> Opened:
    if path.stat().st_size > MAX_FORM:
        problem = finding("web.too_large", limit=MAX_FORM // (1024 * 1024))
        return Opened(path, "", store.file_digest(path), None, None, [problem], editable=False)
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    try:
        data = load(path).data
    except HosoError as exc:
        return Opened(path, text, store.digest(raw), None, None, exc.findings)
    kind = data.get("kind")
    if kind not in KINDS:
        problem = finding("web.kind")
        return Opened(path, text, store.digest(raw), None, None, [problem])
    return Opened(path, text, store.digest(raw), kind, data, [])


def _located(
    workspace: Workspace, path: Path, kind: str, findings: list[Finding], ids: set[str]
) -> list[dict[str, Any]]:
    """Each finding with the control it is about (its id), or the other file it is in."""
    shown = []
    for found in findings:
        item: dict[str, Any] = {"f": found, "target": None, "other": None}
        file = Path(found.file) if found.file else None
        if file is None or file.resolve() == path.resolve() or (found.cell and file.suffix == ".xlsx"):
            item["target"] = forms.nearest_id(forms.relative_path(kind, found.path), ids)
        elif file.resolve().is_relative_to(workspace.path.resolve()):
            item["other"] = workspace.relative(file)
        shown.append(item)
    return shown


def _workbooks(kind: str, data: dict[str, Any]) -> list[dict[str, str]]:
    """The tables of this document kept in Excel workbooks: field, file, sheet."""
    found = []
    for (table_kind, key), spec in TABLES.items():
        reference = data.get(key)
        if table_kind == kind and isinstance(reference, str) and ".xlsx" in reference.lower():
            name, _, sheet = reference.partition("#")
            found.append({"key": key, "file": name, "sheet": sheet or spec.sheet})
    return found


def document_page(
    request: Request, workspace: Workspace, relative: str, *, data: dict[str, Any] | None = None,
    digest: str | None = None, notice: str = "", status: int = 200, errors: list[Finding] | None = None,
) -> Response:
    wb = bench(request)
    opened = open_document(wb.document(workspace, relative))
    checked = year.check(workspace, relative)
    state = wb.previews.state(workspace, relative)
    common = dict(
        ws=workspace, relative=relative, opened=opened, checked=checked, notice=notice, preview=state,
        shown=preview_payload(workspace, relative, state), office=wb.previews.office_problem, office_hint=INSTALL_HINT,
        history=bool(store.versions(workspace, relative)), upload_errors=errors or [], digest=digest or opened.digest,
    )
    if opened.kind is None:
        return wb.page(request, "raw.html", status=status, **common)
    kind = opened.kind
    shown = data if data is not None else opened.data or {}
    nodes = forms.build_form(kind, KINDS[kind].model, shown)
    ids = forms.all_ids(nodes)
    located = _located(workspace, opened.path, kind, checked.findings, ids)
    at_field: dict[str, list[Finding]] = {}
    for item in located:
        if item["target"]:
            at_field.setdefault(item["target"], []).append(item["f"])
    return wb.page(request, "document.html", status=status, kind=KINDS[kind], nodes=nodes, located=located,
                   at_field=at_field, workbooks=_workbooks(kind, shown), count=forms.COUNT, shape=forms.SHAPE,
                   templates=_templates_used(workspace, kind), **common)


def _templates_used(workspace: Workspace, kind: str) -> list[dict[str, Any]]:
    """Which template each document of ``kind`` is made from: the workspace's own (its ``mau/``
    folder, as the command line's ``--templates``) or hoso's."""
    templates = api.TemplateSet(workspace.templates)
    used = []
    for document in KINDS[kind].documents:
        path = templates.path_for(document)
        own = workspace.templates is not None and path.parent == workspace.templates
        used.append({"title": document.title, "own": own, "file": workspace.relative(path) if own else path.name})
    return used


async def show_document(request: Request) -> Response:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    relative = request.path_params["path"]
    wb.document(workspace, relative)
    if wb.previews.state(workspace, relative).version == 0:
        wb.previews.request(workspace, relative)
    notice = {"saved": "Đã lưu.", "undone": "Đã hoàn tác: tệp trở lại bản trước lần lưu cuối."}.get(
        request.query_params.get("ok", ""), "")
    return await run_in_threadpool(document_page, request, workspace, relative, notice=notice)


async def post_document(request: Request) -> Response:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    relative = request.path_params["path"]
    path = wb.document(workspace, relative)
    form = await read_form(request)
    action = str(form.get("_action", "save"))
    expected = str(form.get("_hash", ""))
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    opened = open_document(path)
    if not opened.editable:
        raise HTTPException(400, opened.problems[0].message)
    if action == "final":
        wb.previews.request(workspace, relative, final=True)
        return _back(workspace, relative, "")
    try:
        if action == "undo":
            if not store.undo(workspace, relative, expected):
                return await run_in_threadpool(document_page, request, workspace, relative,
                                               notice="Không còn bản trước để hoàn tác.")
            wb.previews.request(workspace, relative)
            return _back(workspace, relative, "undone")
        if "_raw" in fields:
            text = fields["_raw"].replace("\r\n", "\n")
        else:
            if opened.kind is None or opened.data is None:
                raise HTTPException(400, "Tệp này chỉ sửa được dưới dạng văn bản.")
            data = forms.read_form(opened.kind, KINDS[opened.kind].model, fields, opened.data)
            if action != "save":
                data = forms.apply_action(opened.kind, KINDS[opened.kind].model, data, action)
                return await run_in_threadpool(document_page, request, workspace, relative, data=data, digest=expected,
                                               notice="Chưa lưu: bấm «Lưu» để ghi các thay đổi vào tệp.")
            text = store.as_yaml(data, opened.text)
        store.save_text(workspace, relative, text, expected)
    except store.Conflict as exc:
        return wb.page(request, "conflict.html", status=409, ws=workspace, relative=relative, theirs=exc.current,
                       yours=exc.yours, digest=store.digest(exc.current.encode("utf-8")))
    wb.previews.request(workspace, relative)
    return _back(workspace, relative, "saved")


def _stamp(path: Path) -> int:
    """A page image's modification time: its URL changes when the picture does (no stale cache)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _back(workspace: Workspace, relative: str, ok: str) -> Response:
    query = f"?ok={ok}" if ok else ""
    return RedirectResponse(f"/w/{quote(workspace.name)}/doc/{quote(relative)}{query}", status_code=303)


async def preview_status(request: Request) -> Response:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    relative = request.path_params["path"]
    wb.document(workspace, relative)
    return JSONResponse(preview_payload(workspace, relative, wb.previews.state(workspace, relative)))


def preview_payload(workspace: Workspace, relative: str, state: PreviewState) -> dict[str, Any]:
    """Where a document's preview stands and the addresses of its .docx files and page images."""
    base = f"/w/{quote(workspace.name)}/files/{PREVIEWS}/{quote(flat_name(relative))}/"
    folder = workspace.state / PREVIEWS / flat_name(relative)
    return {
        "version": state.version, "done": state.done, "ready": state.done >= state.version,
        "complete": state.complete and state.done >= state.version,
        "final": state.final, "problem": state.problem, "findings": [f.message for f in state.findings],
        "documents": [
            {"title": d["title"], "docx": base + quote(str(d["docx"])),
             "images": [f"{base}{quote(str(i))}?v={_stamp(folder / str(i))}" for i in d["images"]]}  # type: ignore
            for d in state.documents
        ],
    }


# --- Excel tables -------------------------------------------------------------------------------------
async def download_workbook(request: Request) -> Response:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    path = wb.document(workspace, request.path_params["path"])
    if path.suffix.lower() != ".xlsx":
        raise HTTPException(404, "Không có bảng tính này.")
    return FileResponse(path, filename=path.name)


async def upload_workbook(request: Request) -> Response:
    """Replace a document's workbook: read with the same reader as the CLI first, nothing saved
    when it cannot be read or a sheet's header is wrong."""
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    relative = request.path_params["path"]
    opened = open_document(wb.document(workspace, relative))
    form = await read_form(request, limit=MAX_UPLOAD, upload=True)
    upload = form.get("file")
    key = str(form.get("key", ""))
    tables = {w["key"]: w for w in _workbooks(opened.kind or "", opened.data or {})}
    if key not in tables or not isinstance(upload, UploadFile):
        raise HTTPException(400, "Thiếu tệp bảng tính hoặc bảng không hợp lệ.")
    content = await upload.read()
    if not (upload.filename or "").lower().endswith(".xlsx") or not content.startswith(b"PK\x03\x04"):
        raise Refused(415, "Tệp gửi lên không phải bảng tính Excel (.xlsx).")
    table = tables[key]
    target = wb.document(workspace, str(Path(relative).parent / table["file"]).removeprefix("./"))
    errors = await run_in_threadpool(_read_workbook, content, upload.filename or target.name, table,
                                     (opened.kind or "", key))
    if errors:
        return await run_in_threadpool(document_page, request, workspace, relative, status=400, errors=errors,
                                       notice="Chưa lưu bảng tính: sửa các lỗi dưới đây rồi tải lên lại.")
    store.save_bytes(workspace, workspace.relative(target), content)
    wb.previews.request(workspace, relative)
    return _back(workspace, relative, "saved")


def _read_workbook(content: bytes, name: str, table: dict[str, str], spec_key: tuple[str, str]) -> list[Finding]:
    with tempfile.TemporaryDirectory(prefix="hoso-upload-") as scratch:
        path = Path(scratch) / "tai-len.xlsx"
        path.write_bytes(content)
        where = Finding("", "", file=name)
        try:
            read_table(path, table["sheet"], TABLES[spec_key], where)
        except HosoError as exc:
            return [_renamed(f, str(path), name) for f in exc.findings]
    return []


def _renamed(found: Finding, temporary: str, name: str) -> Finding:
    """A finding about the scratch copy of an upload, naming the file the clerk sent instead."""
    return dataclasses.replace(found, message=found.message.replace(temporary, name), file=name)


# --- Produce and download -----------------------------------------------------------------------------
async def start_pack(request: Request) -> Response:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    form = await read_form(request)
    job = wb.jobs.start_pack(workspace, pdf=form.get("pdf") == "1")
    return RedirectResponse(f"/w/{quote(workspace.name)}/jobs/{job.id}", status_code=303)


async def start_dossier(request: Request) -> Response:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    form = await read_form(request)
    relative = str(form.get("file", ""))
    wb.document(workspace, relative)
    job = wb.jobs.start_dossier(workspace, relative)
    return RedirectResponse(f"/w/{quote(workspace.name)}/jobs/{job.id}", status_code=303)


def _job(request: Request) -> tuple[Workbench, Workspace, Any]:
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    job = wb.jobs.get(request.path_params["job"])
    if job is None or job.workspace.path != workspace.path:
        raise HTTPException(404, "Không có việc này.")
    return wb, workspace, job


async def job_page(request: Request) -> Response:
    wb, workspace, job = _job(request)
    return wb.page(request, "job.html", ws=workspace, job=job)


async def job_status(request: Request) -> Response:
    _, workspace, job = _job(request)
    return JSONResponse({"state": job.state, "done": job.done, "total": job.total, "last": job.last})


async def download(request: Request) -> Response:
    """A file the workbench made (preview, pack, dossier), confined to the workspace's ``.hoso``."""
    wb = bench(request)
    workspace = wb.workspace(request.path_params["ws"])
    relative = request.path_params["path"]
    parts = relative.split("/")
    if parts[0] not in _DOWNLOAD_AREAS or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        raise HTTPException(404, "Không có tệp này.")
    target = workspace.state.joinpath(*parts)
    if not target.resolve().is_relative_to(workspace.state.resolve()) or not target.is_file():
        raise HTTPException(404, "Không có tệp này.")
    return FileResponse(target, filename=target.name)


# --- Check any document -------------------------------------------------------------------------------
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


async def check_page(request: Request) -> Response:
    return bench(request).page(request, "check.html", result=None)


CHECKED_TYPES = {".docx": (b"PK\x03\x04",), ".odt": (b"PK\x03\x04",), ".doc": (b"\xd0\xcf\x11\xe0",),
                 ".rtf": (b"{\\rtf",)}
"""The documents a clerk may upload for the check, and how each one's content begins."""


async def check_upload(request: Request) -> Response:
    wb = bench(request)
    form = await read_form(request, limit=MAX_UPLOAD, upload=True)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "Chưa chọn tệp văn bản.")
    content = await upload.read()
    name = Path(upload.filename or "van-ban.docx").name
    suffix = Path(name).suffix.lower()
    if suffix not in CHECKED_TYPES:
        raise Refused(415, "Chỉ kiểm tra được văn bản Word (.docx, .doc), OpenDocument (.odt) hoặc RTF (.rtf).")
    digest = hashlib.sha256(content).hexdigest()
    source = write_atomic(_check_folder(wb, digest) / f"van-ban{suffix}", content)
    checked = (await run_in_threadpool(api.check_files, [source]))[0]
    findings = [_renamed(f, str(source), name) for f in checked.findings]
    readable = content.startswith(CHECKED_TYPES[suffix]) and checked.kind is not None
    pages, texts, no_pages = await _check_pages(wb, source) if readable else ([], [], "")
    signer = await run_in_threadpool(placing.signer_name, source) if pages and suffix == ".docx" else None
    placed = placing.place(findings, texts, signer) if pages else None
    return wb.page(request, "check.html", result={
        "name": name, "findings": findings, "notice": checked.notice, "digest": digest,
        "converted": FORMAT_NAMES.get(checked.converted_from or ""), "pages": pages, "placed": placed,
        "no_pages": no_pages,
    })


def _check_folder(wb: Workbench, digest: str) -> Path:
    """Where an upload and its pages are kept; the last :data:`CHECKS_KEPT` uploads are."""
    checks = wb.workspaces.root / CHECKS
    folder = checks / digest
    if checks.is_dir():
        earlier = sorted((p for p in checks.iterdir() if p.is_dir() and p != folder), key=lambda p: p.stat().st_mtime)
        for old in earlier[: max(0, len(earlier) + 1 - CHECKS_KEPT)]:
            shutil.rmtree(old, ignore_errors=True)
    return folder


async def _check_pages(wb: Workbench, source: Path) -> tuple[list[str], list[str], str]:
    """Page images of an uploaded document and the text of each page, laid out by the warm office
    whatever the format; or none, and why (no LibreOffice, a conversion that failed)."""

    def convert(converter: api.Converter | None) -> tuple[list[str], list[str], str]:
        if converter is None:
            return [], [], wb.previews.office_problem or ""
        try:
            pdf = converter.convert(source)
            pictures.remove_beyond(pdf, 0)
            drawn = pictures.draw(pdf, 1, pictures.page_count(pdf), dpi=PREVIEW_DPI)
            return [p.name for p in drawn], placing.page_texts(pdf), ""
        except HosoError as exc:
            return [], [], " ".join(f.message for f in exc.findings)

    return await run_in_threadpool(lambda: wb.previews.submit(convert).result(timeout=120))


async def check_image(request: Request) -> Response:
    wb = bench(request)
    digest, name = request.path_params["digest"], request.path_params["name"]
    if not _DIGEST.match(digest) or not re.fullmatch(r"van-ban-\d+\.png", name):
        raise HTTPException(404, "Không có ảnh này.")
    target = wb.workspaces.root / CHECKS / digest / name
    if not target.is_file():
        raise HTTPException(404, "Không có ảnh này.")
    return FileResponse(target)


# --- Errors -------------------------------------------------------------------------------------------
async def refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return _error(request, exc.status, exc.message)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(request, exc.status_code, exc.detail)


def _error(request: Request, status: int, message: str) -> Response:
    wb = bench(request)
    if not hasattr(request.state, "csrf"):
        return Response(message, status_code=status, media_type="text/plain; charset=utf-8")
    return wb.page(request, "error.html", status=status, status_code=status, message=message)


# --- The app ------------------------------------------------------------------------------------------
def create_app(folder: Path, *, token: str | None = None, hosts: tuple[str, ...] | None = None,
               office: bool = True) -> Starlette:
    """The workbench over the workspaces in ``folder``. ``token``: the access token every browser
    must give once (required when listening beyond this computer); ``hosts``: the Host names
    accepted (None: any); ``office``: use LibreOffice for page images (without it, previews offer
    the .docx only)."""
    previews = Previewer(office=office)
    workbench = Workbench(Workspaces(folder), previews, Jobs(previews), environment())

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        workbench.previews.warm()
        yield
        workbench.jobs.close()
        workbench.previews.close()

    ws = "/w/{ws}"
    routes = [
        Route("/", index),
        Route("/workspaces", create_workspace, methods=["POST"]),
        Route(ws, workspace_page),
        Route(ws + "/new", new_document, methods=["POST"]),
        Route(ws + "/doc/{path:path}", show_document),
        Route(ws + "/doc/{path:path}", post_document, methods=["POST"]),
        Route(ws + "/preview/{path:path}", preview_status),
        Route(ws + "/xlsx/{path:path}", download_workbook),
        Route(ws + "/xlsx/{path:path}", upload_workbook, methods=["POST"]),
        Route(ws + "/pack", start_pack, methods=["POST"]),
        Route(ws + "/dossier", start_dossier, methods=["POST"]),
        Route(ws + "/jobs/{job}", job_page),
        Route(ws + "/jobs/{job}/status", job_status),
        Route(ws + "/files/{path:path}", download),
        Route("/check", check_page),
        Route("/check", check_upload, methods=["POST"]),
        Route("/check/{digest}/{name}", check_image),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={Refused: refused, HTTPException: http_error})
    app.state.bench = workbench
    app.add_middleware(Guard, token=token, hosts=hosts)
    return app
