""".docx → PDF through a warm LibreOffice, page images, and merged, bookmarked PDFs.

Starting LibreOffice costs about 1 s; converting a short document in a running one about 0.05 s
(measured on the reference machine, see README). So a :class:`Converter` starts one headless
``soffice`` with its own profile directory and keeps it for a whole batch. It is driven by a small
Basic loop installed in that profile (:data:`_OFFICE_LOOP`): hoso drops a job file in a spool
folder, the loop converts it and answers with an ``ok`` or ``err`` file. This needs nothing but
LibreOffice itself: Debian's ``python3-uno`` only imports under the system Python, and unoserver
3.7 paginates repeated table header rows wrongly (it loads without ``Hidden=True``; ../shared/
reference/measurements-2026-11.md §5c). ``soffice --convert-to`` forwarded to a running office
makes that office quit after the first document (measured), so it cannot stay warm.

A conversion that takes longer than ``timeout`` has the office killed (its whole process group)
and is reported; the next document starts a fresh office, so the batch goes on. Closing the
converter (context manager, ``atexit`` or garbage collection) stops the office; if hoso itself is
killed, the loop notices within a second that its owner process is gone and quits.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter

from pipeline.core.errors import Finding, HosoError
from pipeline.nd30 import spec
from pipeline.core.files import write_atomic

INSTALL_HINT = (
    "sudo apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation2 poppler-utils"
)
_FONT_STYLES = ("", ":bold", ":italic", ":bold:italic")

DEFAULT_TIMEOUT = 60.0
"""Seconds one document may take; the longest sample takes 0.05 s, a 600-page list 1.5 s."""
DEFAULT_START_TIMEOUT = 60.0
_POLL = 0.002


class ToolError(HosoError):
    """A program hoso needs for PDFs is missing or does not work (LibreOffice, fonts, poppler)."""

    exit_code = 2


class ConversionError(HosoError):
    """One document could not be converted; the converter is ready for the next one."""

    exit_code = 2


# --- The font guard ------------------------------------------------------------------------------
def check_fonts() -> None:
    """Refuse to convert when Times New Roman would be drawn with a face of other metrics (the
    PDF would break lines and pages where Word does not) or without Vietnamese (marks lost).

    Asks fontconfig, which LibreOffice uses to find a face, for each of the four styles; a face in
    ``spec.METRIC_COMPATIBLE_FONTS`` whose languages include "vi" passes.
    """
    if shutil.which("fc-match") is None:
        raise ToolError([Finding(
            "pdf.fontconfig_missing",
            f"Không tìm thấy lệnh fc-match (fontconfig) để kiểm tra phông chữ. Cài đặt: {INSTALL_HINT}",
        )])
    problems = []
    for style in _FONT_STYLES:
        result = subprocess.run(
            ["fc-match", "-f", "%{family[0]}\t%{lang}", f"{spec.FONT_NAME}{style}"],
            capture_output=True, text=True, check=False,
        )
        family, _, langs = result.stdout.partition("\t")
        if family not in spec.METRIC_COMPATIBLE_FONTS:
            problems.append(f"«{family or 'không có phông nào'}» (khác số đo)")
        elif "vi" not in langs.split("|"):
            problems.append(f"«{family}» (thiếu chữ tiếng Việt)")
    if problems:
        raise ToolError([Finding(
            "pdf.font",
            f"Không tạo PDF: phông {spec.FONT_NAME} đang được thay bằng {', '.join(dict.fromkeys(problems))}, nên "
            "bản PDF sẽ mất dấu hoặc ngắt dòng, ngắt trang khác bản in từ Word. Cài phông Liberation Serif (cùng số "
            "đo với Times New Roman, đủ chữ tiếng Việt): sudo apt-get install fonts-liberation2 – hoặc cài phông "
            "Times New Roman.",
        )])


# --- The office ----------------------------------------------------------------------------------
def find_office() -> list[str]:
    """The command that starts LibreOffice, or a :class:`ToolError` saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return [found]
    raise ToolError([Finding(
        "pdf.no_office",
        f"Không tìm thấy LibreOffice (lệnh soffice) để tạo PDF; các tệp .docx vẫn được tạo. Cài đặt: {INSTALL_HINT}",
    )])


# The loop LibreOffice runs (StarBasic, in the profile's Standard library). A job is two lines: the
# .docx URL and the PDF URL. ``Hidden`` is what makes LibreOffice 7.4 paginate repeated table
# headers as ``soffice --convert-to`` does (measurements §5c). It polls every 5 ms while busy and
# every 50 ms after a second idle, and quits when hoso asks (``stop``) or its owner process is gone.
_OFFICE_LOOP = r"""
Sub Serve
    Dim spool As String, owner As String, name As String, idle As Long
    spool = ConvertToURL(Environ("HOSO_SPOOL"))
    owner = Environ("HOSO_OWNER")
    If Not FileExists("/proc/self") Then owner = ""
    Reply(spool, "office", "ready", "")
    Do
        name = Dir(spool & "/*.job")
        If name <> "" Then
            Convert(spool, Left(name, Len(name) - 4))
            idle = 0
        ElseIf FileExists(spool & "/stop") Then
            Exit Do
        ElseIf idle < 200 Then
            idle = idle + 1
            Wait 5
        ElseIf owner <> "" And Not FileExists("/proc/" & owner) Then
            Exit Do
        Else
            Wait 50
        End If
    Loop
    StarDesktop.terminate()
End Sub

Sub Convert(spool As String, job As String)
    Dim source As String, target As String, message As String, n As Integer, doc As Object
    n = FreeFile()
    Open spool & "/" & job & ".job" For Input As #n
    Line Input #n, source
    Line Input #n, target
    Close #n
    Kill spool & "/" & job & ".job"
    On Error GoTo Failed
    Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
    loadArgs(0).Name = "Hidden"
    loadArgs(0).Value = True
    doc = StarDesktop.loadComponentFromURL(source, "_blank", 0, loadArgs())
    Dim storeArgs(0) As New com.sun.star.beans.PropertyValue
    storeArgs(0).Name = "FilterName"
    storeArgs(0).Value = "writer_pdf_Export"
    doc.storeToURL(target, storeArgs())
    doc.close(True)
    Reply(spool, job, "ok", "")
    Exit Sub
Failed:
    message = Error$
    On Error Resume Next
    If Not IsNull(doc) Then doc.close(True)
    Reply(spool, job, "err", message)
End Sub

Sub Reply(spool As String, job As String, state As String, text As String)
    Dim n As Integer
    n = FreeFile()
    Open spool & "/" & job & ".tmp" For Output As #n
    Print #n, text
    Close #n
    Name spool & "/" & job & ".tmp" As spool & "/" & job & "." & state
End Sub
"""

_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_LIBRARIES = (
    _XML + '<library:libraries xmlns:library="http://openoffice.org/2000/library" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"><library:library library:name="Standard" '
    'library:link="false"/></library:libraries>\n'
)
_LIBRARY = (
    _XML + '<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" '
    'library:readonly="false" library:passwordprotected="false">{}</library:library>\n'
)
# ooSetupInstCompleted: LibreOffice takes the profile as set up and does not copy its presets over
# the Basic library. No lock files next to the user's documents (a killed conversion would leave
# one behind), no autosave.
_SETTINGS = (
    ("/org.openoffice.Setup/Office", "ooSetupInstCompleted", "true"),
    ("/org.openoffice.Office.Common/Misc", "UseLocking", "false"),
    ("/org.openoffice.Office.Common/Misc", "UseDocumentOOoLockFile", "false"),
    ("/org.openoffice.Office.Common/Misc", "UseDocumentSystemFileLocking", "false"),
    ("/org.openoffice.Office.Recovery/AutoSave", "Enabled", "false"),
)


def _write_profile(profile: Path) -> None:
    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    (basic / "script.xlc").write_text(_LIBRARIES, encoding="utf-8")
    (basic / "dialog.xlc").write_text(_LIBRARIES, encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(
        _LIBRARY.format('<library:element library:name="Hoso"/>'), encoding="utf-8"
    )
    (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(""), encoding="utf-8")
    (basic / "Standard" / "Hoso.xba").write_text(
        _XML + '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Hoso" '
        f'script:language="StarBasic">{escape(_OFFICE_LOOP)}</script:module>\n',
        encoding="utf-8",
    )
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in _SETTINGS
    )
    (profile / "user" / "registrymodifications.xcu").write_text(
        _XML + '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{items}</oor:items>\n",
        encoding="utf-8",
    )


WORKDIR_PREFIX = "hoso-office-"
"""Each converter's folder (profile and spool) in the temporary directory is named
``hoso-office-<pid of its owner>-…``."""


def _sweep_workdirs() -> None:
    """Remove the folders of converters whose process was killed before it could clean up (its
    office has quit by then: the loop watches the owner)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*-*"):
        owner = folder.name.removeprefix(WORKDIR_PREFIX).split("-", 1)[0]
        if owner.isdigit() and not Path(f"/proc/{owner}").exists() and Path("/proc/self").exists():
            shutil.rmtree(folder, ignore_errors=True)


class _Office:
    """One running LibreOffice with the loop, in its own process group."""

    def __init__(self, command: Sequence[str], workdir: Path, start_timeout: float):
        self.spool = workdir / "spool"
        shutil.rmtree(self.spool, ignore_errors=True)  # jobs a killed office left behind
        self.spool.mkdir(parents=True)
        profile = workdir / "profile"
        if not profile.exists():
            _write_profile(profile)
        env = {**os.environ, "HOSO_SPOOL": str(self.spool), "HOSO_OWNER": str(os.getpid())}
        args = [
            *command, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--nologo", "--norestore", "--nodefault", "--nolockcheck", "macro:///Standard.Hoso.Serve",
        ]
        try:
            self.process = subprocess.Popen(
                args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
            )
        except OSError as exc:
            raise ToolError([Finding(
                "pdf.no_office",
                f"Không chạy được LibreOffice «{' '.join(command)}» ({exc.strerror}). Cài đặt: {INSTALL_HINT}",
            )]) from None
        if self._wait_for("office", start_timeout) is None:
            code = self.process.poll()
            self.kill()
            why = f"dừng với mã {code}" if code is not None else f"không sẵn sàng sau {start_timeout:g} giây"
            raise ToolError([Finding(
                "pdf.office_start", f"LibreOffice {why} khi khởi động, nên không tạo được PDF. Cài đặt lại: {INSTALL_HINT}",
            )])

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def convert(self, job: str, source: Path, target: Path, timeout: float) -> tuple[str, str] | None:
        """``("ok" | "err", message)``, or None when the office died or did not answer in time."""
        pending = self.spool / f"{job}.new"
        pending.write_text(f"{source.resolve().as_uri()}\n{target.resolve().as_uri()}\n", encoding="ascii")
        os.replace(pending, self.spool / f"{job}.job")
        return self._wait_for(job, timeout)

    def _wait_for(self, job: str, timeout: float) -> tuple[str, str] | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for state in ("ok", "err", "ready"):
                answer = self.spool / f"{job}.{state}"
                if answer.exists():
                    text = answer.read_text(encoding="utf-8", errors="replace").strip()
                    answer.unlink()
                    return state, text
            if not self.alive:
                return None
            time.sleep(_POLL)
        return None

    def stop(self, grace: float = 10.0) -> None:
        """Ask the loop to quit, then make sure nothing of the process group is left."""
        if self.alive:
            (self.spool / "stop").touch()
            # A loop that does not stop within the grace period is killed below.
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(grace)
        self.kill()

    def kill(self) -> None:
        # The group may have exited by itself: nothing is left to kill then.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@dataclass(frozen=True)
class Converted:
    """The outcome for one document of a batch: the PDF, or the finding saying why not."""

    source: Path
    pdf: Path | None
    finding: Finding | None = None


class Converter:
    """A warm LibreOffice for a batch: ``with Converter() as c: c.convert(docx)``.

    One office, one document at a time (LibreOffice serialises calls anyway); for parallel work
    use one converter per worker (:func:`convert_all`). ``office`` is the command that starts
    LibreOffice (default: ``soffice`` on the PATH); the converter adds its own arguments.
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        start_timeout: float = DEFAULT_START_TIMEOUT,
        office: Sequence[str] | None = None,
    ):
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._command = list(office) if office else find_office()
        _sweep_workdirs()
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}-"))
        """The converter's folder: the office's profile and the spool; removed on close."""
        self._office: _Office | None = None
        self._jobs = itertools.count(1)
        self._lock = threading.Lock()
        self._fonts_checked = False
        # What the finalizer needs, without a reference to the converter itself: it stops the
        # office on close(), on garbage collection, and at interpreter exit (weakref.finalize's
        # atexit hook) for a converter nobody closed.
        self._state: list[object] = [None, self.workdir]
        self._finalizer = weakref.finalize(self, _shutdown, self._state)
        self.starts = 0
        """How many times an office was started (1 for a healthy batch)."""

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the office now rather than at the first conversion (for an interactive preview)."""
        with self._lock:
            self._ensure_office()

    def convert(self, docx: Path, pdf: Path | None = None) -> Path:
        """Convert ``docx`` to ``pdf`` (default: beside it, ``.pdf``); the PDF appears complete or
        not at all. Raises :class:`ConversionError` for this document only."""
        target = pdf or docx.with_suffix(".pdf")
        if not docx.is_file():
            raise ConversionError([Finding("pdf.no_source", "Không tìm thấy tệp .docx để tạo PDF.", file=str(docx))])
        target.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            office = self._ensure_office()
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            os.close(fd)
            partial = Path(name)
            try:
                answer = office.convert(f"{next(self._jobs)}", docx, partial, self.timeout)
                if answer is None:
                    if office.alive:
                        why = f"LibreOffice không xong sau {self.timeout:g} giây nên đã bị dừng"
                        code = "pdf.timeout"
                    else:
                        why, code = "LibreOffice dừng đột ngột khi chuyển văn bản này", "pdf.crash"
                    self._set_office(None)
                    raise ConversionError([Finding(code, f"Không tạo được PDF: {why}.", file=str(docx))])
                state, message = answer
                if state != "ok" or partial.stat().st_size == 0:
                    detail = " ".join(message.split()) or "không rõ lý do"
                    raise ConversionError([Finding(
                        "pdf.failed", f"LibreOffice không chuyển được văn bản này sang PDF ({detail}).", file=str(docx),
                    )])
                os.chmod(partial, 0o644)  # mkstemp makes it private; a PDF is read like its .docx
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
        return target

    def convert_many(self, paths: Iterable[Path]) -> list[Converted]:
        """Convert each document; one that fails is reported and the others are still converted."""
        results = []
        for path in paths:
            try:
                results.append(Converted(path, self.convert(path)))
            except ConversionError as exc:
                results.append(Converted(path, None, exc.findings[0]))
        return results

    def close(self) -> None:
        """Stop the office and remove its profile; safe to call twice."""
        with self._lock:
            self._finalizer()

    def _ensure_office(self) -> _Office:
        if self._office is not None and self._office.alive:
            return self._office
        if not self._fonts_checked:
            check_fonts()
            self._fonts_checked = True
        self._set_office(None)
        if not self._finalizer.alive:
            raise RuntimeError("the converter is closed")
        self._set_office(_Office(self._command, self.workdir, self.start_timeout))
        self.starts += 1
        assert self._office is not None
        return self._office

    def _set_office(self, office: _Office | None) -> None:
        if self._office is not None and office is None:
            self._office.kill()
        self._office = office
        self._state[0] = office


def _shutdown(state: list[object]) -> None:
    office, workdir = state
    if isinstance(office, _Office):
        office.stop()
    state[0] = None
    shutil.rmtree(workdir, ignore_errors=True)  # type: ignore[arg-type]


def convert_all(paths: Sequence[Path], *, workers: int = 1, timeout: float = DEFAULT_TIMEOUT) -> list[Converted]:
    """Convert many documents with ``workers`` warm offices side by side, results in input order."""
    workers = max(1, min(workers, len(paths)))

    def run(share: Sequence[Path]) -> list[Converted]:
        with Converter(timeout=timeout) as converter:
            return converter.convert_many(share)

    with ThreadPoolExecutor(workers) as pool:
        shares = list(pool.map(run, [paths[i::workers] for i in range(workers)]))
    # Worker i converted documents i, i + workers, …: deal the results back into input order.
    results: list[Converted] = [None] * len(paths)  # type: ignore[list-item]
    for i, share in enumerate(shares):
        results[i::workers] = share
    return results


# --- Page images and merged dossiers -------------------------------------------------------------
def page_images(pdf: Path, out_dir: Path | None = None, *, dpi: int = 100) -> list[Path]:
    """PNG images of every page, ``<name>-1.png`` … beside the PDF (or in ``out_dir``), made by
    poppler's ``pdftoppm``; images of pages a previous, longer version had are removed."""
    if shutil.which("pdftoppm") is None:
        raise ToolError([Finding(
            "pdf.no_poppler",
            "Không tìm thấy lệnh pdftoppm để tạo ảnh các trang. Cài đặt: sudo apt-get install poppler-utils",
        )])
    out_dir = out_dir or pdf.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    count = len(PdfReader(pdf).pages)
    # Page 1 on its own, beside the rest: a clerk watching a preview looks at it first, and it is
    # ready in about half the time all pages take (0.12 s a page at 100 dpi, measured).
    ranges = [(1, 1), (2, count)] if count > 1 else [(1, 1)]
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".hoso-pages-") as scratch:
        runs = [
            subprocess.Popen(
                ["pdftoppm", "-png", "-r", str(dpi), "-f", str(first), "-l", str(last), str(pdf),
                 str(Path(scratch) / f"p{first}")],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )
            for first, last in ranges
        ]
        images: list[Path] = []
        try:
            for (first, _), run in zip(ranges, runs):  # page 1 is moved into place first
                problem = run.communicate()[1].strip()
                if run.returncode != 0:
                    raise ToolError([Finding(
                        "pdf.images", f"pdftoppm không tạo được ảnh trang: {problem}", file=str(pdf),
                    )])
                # pdftoppm pads page numbers to the width of the last one (p2-02.png); hoso does not.
                for image in sorted(Path(scratch).glob(f"p{first}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
                    target = out_dir / f"{pdf.stem}-{len(images) + 1}.png"
                    os.replace(image, target)
                    images.append(target)
        finally:
            for run in runs:
                if run.poll() is None:
                    run.kill()
                    run.wait()
    for stale in out_dir.glob(f"{pdf.stem}-*.png"):
        suffix = stale.stem.removeprefix(f"{pdf.stem}-")
        if suffix.isdigit() and int(suffix) > len(images):
            stale.unlink()
    return images


def merge_pdfs(paths: Sequence[Path], titles: Sequence[str], out: Path) -> Path:
    """One PDF of ``paths`` in order, with a bookmark (outline entry) per document titled by
    ``titles``; written atomically."""
    if len(paths) != len(titles):
        raise ValueError(f"{len(paths)} PDFs but {len(titles)} titles")
    writer = PdfWriter()
    for path, title in zip(paths, titles):
        writer.append(str(path), outline_item=title)
    writer.page_mode = "/UseOutlines"  # open with the bookmarks shown
    buffer = io.BytesIO()
    writer.write(buffer)
    return write_atomic(out, buffer.getvalue())
