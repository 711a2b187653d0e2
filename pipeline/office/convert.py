""".docx → PDF through a warm LibreOffice, page images, and merged, bookmarked PDFs.

Starting LibreOffice costs about 1 s; converting a short document in a running one about 0.05 s
(measured on the reference machine, see README). So a :class:`Converter` starts one headless
``soffice`` with its own profile directory and keeps it for a whole batch. It is driven by a small
Basic loop installed in that profile (:data:`_OFFICE_LOOP`): hoso drops a job file in a spool
folder, the loop converts it and answers with an ``ok`` or ``err`` file. This needs nothing but
LibreOffice itself: Debian's ``python3-uno`` only imports under the system Python, and unoserver
3.7 paginates repeated table header rows wrongly (it loads without ``Hidden=True``; ../shared/
measured on the 2-core machine). ``soffice --convert-to`` forwarded to a running office
makes that office quit after the first document (measured), so it cannot stay warm.

A conversion that takes longer than ``timeout`` has the office killed (its whole process group)
and is reported; the next document starts a fresh office, so the batch goes on. Closing the
converter (context manager, ``atexit`` or garbage collection) stops the office; if hoso itself is
killed, the loop notices within a second that its owner process is gone and quits (Linux, which
has ``/proc``; see :mod:`pipeline.core.platform`). Ctrl-C stops a batch at once
(:func:`convert_all`), and a partial PDF a killed run left beside a document is removed when that
document is converted again.
"""

from __future__ import annotations

import contextlib
import glob
import io
import itertools
import os
import shutil
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.errors import Finding, HosoError
from pipeline.core.messages import finding
from pipeline.nd30 import spec
from pipeline.core import platform
from pipeline.core.files import write_atomic
from pipeline.core.names import is_temporary

# pypdf (and xml.sax, which loads urllib and http) are imported where they are used: ``hoso
# check`` converts a .doc through this module and should not wait for them to load.
if TYPE_CHECKING:
    from pypdf import PdfReader

INSTALL_HINT = (
    "sudo apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation2 poppler-utils"
)
_FONT_STYLES = ("", ":bold", ":italic", ":bold:italic")

DEFAULT_TIMEOUT = 60.0
"""Seconds one document may take; the longest sample takes 0.05 s, a 600-page list 1.5 s."""
DEFAULT_START_TIMEOUT = 60.0
PDF_EXPORT = "writer_pdf_Export"
DOCX_EXPORT = "MS Word 2007 XML"
"""LibreOffice's export filters: PDF, and Word 2007–365 (.docx)."""
HTML_IMPORT = "HTML (StarWriter)"
"""LibreOffice's import filter that reads a web page (HTML) as a text document: without it an HTML
page opens in Writer/Web, which saves neither .docx nor a Writer PDF."""
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
        raise ToolError([finding("pdf.fontconfig_missing", install=INSTALL_HINT)])
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
        raise ToolError([finding("pdf.font", font=spec.FONT_NAME, faces=", ".join(dict.fromkeys(problems)))])


# --- The office ----------------------------------------------------------------------------------
def find_office() -> list[str]:
    """The command that starts LibreOffice, or a :class:`ToolError` saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return [found]
    raise ToolError([finding("pdf.no_office", install=INSTALL_HINT)])


# The loop LibreOffice runs (StarBasic, in the profile's Standard library). A job is four lines:
# the source URL, the target URL, the export filter (PDF_EXPORT, or DOCX_EXPORT to read a .doc)
# and the import filter (empty: LibreOffice tells the format itself; HTML_IMPORT for a web page).
# ``Hidden`` is what makes LibreOffice 7.4 paginate repeated table headers as ``soffice --convert-to``
# does (measurements §5c). It polls every 5 ms while busy and every 50 ms after a second idle, and
# quits when hoso asks (``stop``) or its owner process is gone.
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
    Dim source As String, target As String, filter As String, reader As String, message As String
    Dim n As Integer, doc As Object
    n = FreeFile()
    Open spool & "/" & job & ".job" For Input As #n
    Line Input #n, source
    Line Input #n, target
    Line Input #n, filter
    Line Input #n, reader
    Close #n
    Kill spool & "/" & job & ".job"
    On Error GoTo Failed
    doc = StarDesktop.loadComponentFromURL(source, "_blank", 0, LoadArgs(reader))
    Dim storeArgs(0) As New com.sun.star.beans.PropertyValue
    storeArgs(0).Name = "FilterName"
    storeArgs(0).Value = filter
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

Function LoadArgs(reader As String)
    Dim hidden As New com.sun.star.beans.PropertyValue, named As New com.sun.star.beans.PropertyValue
    hidden.Name = "Hidden"
    hidden.Value = True
    named.Name = "FilterName"
    named.Value = reader
    If reader = "" Then
        LoadArgs = Array(hidden)
    Else
        LoadArgs = Array(hidden, named)
    End If
End Function

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
# one behind), no autosave. Text that names no font (a web page) is set in Times New Roman, as Word
# sets it; every Word, OpenDocument and RTF file names its own default font.
_SETTINGS = (
    ("/org.openoffice.Setup/Office", "ooSetupInstCompleted", "true"),
    ("/org.openoffice.Office.Common/Misc", "UseLocking", "false"),
    ("/org.openoffice.Office.Common/Misc", "UseDocumentOOoLockFile", "false"),
    ("/org.openoffice.Office.Common/Misc", "UseDocumentSystemFileLocking", "false"),
    ("/org.openoffice.Office.Recovery/AutoSave", "Enabled", "false"),
    ("/org.openoffice.Office.Writer/DefaultFont", "Standard", spec.FONT_NAME),
    ("/org.openoffice.Office.Writer/DefaultFont", "Heading", spec.FONT_NAME),
    ("/org.openoffice.Office.Writer/DefaultFont", "List", spec.FONT_NAME),
    ("/org.openoffice.Office.Writer/DefaultFont", "Caption", spec.FONT_NAME),
    ("/org.openoffice.Office.Writer/DefaultFont", "Index", spec.FONT_NAME),
)


def _write_profile(profile: Path) -> None:
    from xml.sax.saxutils import escape

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
        if owner.isdigit() and not platform.process_alive(int(owner)):
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
                stderr=subprocess.DEVNULL, **platform.own_group(),
            )
        except OSError as exc:
            raise ToolError([finding(
                "pdf.no_office/failed", command=" ".join(command), reason=exc.strerror, install=INSTALL_HINT,
            )]) from None
        if self._wait_for("office", start_timeout) is None:
            code = self.process.poll()
            self.kill()
            raise ToolError([
                finding("pdf.office_start", status=code, install=INSTALL_HINT) if code is not None
                else finding("pdf.office_start/not_ready", seconds=start_timeout, install=INSTALL_HINT)
            ])

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def convert(
        self, job: str, source: Path, target: Path, timeout: float, export: str = PDF_EXPORT, reader: str = ""
    ) -> tuple[str, str] | None:
        """``("ok" | "err", message)``, or None when the office died or did not answer in time."""
        pending = self.spool / f"{job}.new"
        urls = f"{source.resolve().as_uri()}\n{target.resolve().as_uri()}\n"
        pending.write_text(f"{urls}{export}\n{reader}\n", encoding="ascii")
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
        platform.kill_group(self.process)


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
        self._aborted = False
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

    def convert(self, docx: Path, pdf: Path | None = None, *, export: str = PDF_EXPORT, reader: str = "") -> Path:
        """Convert ``docx`` to ``pdf`` (default: beside it, ``.pdf``); the PDF appears complete or
        not at all. Raises :class:`ConversionError` for this document only. With ``export=DOCX_EXPORT``
        the source is any document LibreOffice reads (.doc, .odt, .rtf) and the target a .docx;
        ``reader`` names the import filter when LibreOffice must not guess it (``HTML_IMPORT``)."""
        target = pdf or docx.with_suffix(".pdf")
        if not docx.is_file():
            raise ConversionError([finding("pdf.no_source", file=str(docx))])
        target.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            office = self._ensure_office()
            _remove_partials(target)
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            os.close(fd)
            partial = Path(name)
            try:
                answer = office.convert(f"{next(self._jobs)}", docx, partial, self.timeout, export, reader)
                if answer is None:
                    failure = (
                        finding("pdf.timeout", file=str(docx), seconds=self.timeout) if office.alive
                        else finding("pdf.crash", file=str(docx))
                    )
                    self._set_office(None)
                    raise ConversionError([failure])
                state, message = answer
                if state != "ok" or partial.stat().st_size == 0:
                    detail = " ".join(message.split()) or "không rõ lý do"
                    raise ConversionError([finding("pdf.failed", file=str(docx), detail=detail)])
                os.chmod(partial, 0o644)  # mkstemp makes it private; a PDF is read like its .docx
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
        return target

    def convert_many(self, paths: Iterable[Path], stop: threading.Event | None = None) -> list[Converted]:
        """Convert each document; one that fails is reported and the others are still converted.
        Once ``stop`` is set no document is started, and the one it interrupted is not reported."""
        results = []
        for path in paths:
            if stop is not None and stop.is_set():
                break
            try:
                results.append(Converted(path, self.convert(path)))
            except ConversionError as exc:
                if stop is not None and stop.is_set():
                    break
                results.append(Converted(path, None, exc.findings[0]))
        return results

    def abort(self) -> None:
        """Kill the office now, from any thread: the conversion under way fails at once (Ctrl-C).
        An office starting meanwhile is killed as soon as it is up (:meth:`_ensure_office`)."""
        self._aborted = True
        office = self._office
        if office is not None:
            office.kill()

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
        if self._aborted:  # abort() came while the office started, and found none to kill
            self._office.kill()
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


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped :func:`convert_all`; ``done`` holds the documents finished before it, in
    input order (converted, or reported as failed)."""

    def __init__(self, done: list[Converted]):
        super().__init__()
        self.done = done


def convert_all(paths: Sequence[Path], *, workers: int = 1, timeout: float = DEFAULT_TIMEOUT) -> list[Converted]:
    """Convert many documents with ``workers`` warm offices side by side, results in input order.

    Ctrl-C stops the batch at once: no document is started any more, the offices are killed (the
    conversions under way leave nothing), and :class:`Interrupted` carries what was done.
    """
    workers = max(1, min(workers, len(paths)))
    stop = threading.Event()
    converters: list[Converter] = []

    def run(share: Sequence[Path]) -> list[Converted]:
        with Converter(timeout=timeout) as converter:
            converters.append(converter)
            return converter.convert_many(share, stop)

    pool = ThreadPoolExecutor(workers)
    futures = [pool.submit(run, paths[i::workers]) for i in range(workers)]
    try:
        shares = [future.result() for future in futures]
    except KeyboardInterrupt:
        stop.set()
        for converter in converters:
            converter.abort()
        pool.shutdown(wait=True)
        done = [future.result() if future.exception() is None else [] for future in futures]
        raise Interrupted(_in_input_order(done, len(paths), workers)) from None
    finally:
        pool.shutdown(wait=True)
    return _in_input_order(shares, len(paths), workers)


def _in_input_order(shares: list[list[Converted]], count: int, workers: int) -> list[Converted]:
    """Worker i converted documents i, i + workers, …: deal the results back into input order
    (a share cut short by Ctrl-C leaves gaps, dropped)."""
    results: list[Converted | None] = [None] * count
    for i, share in enumerate(shares):
        for j, converted in enumerate(share):
            results[i + j * workers] = converted
    return [converted for converted in results if converted is not None]


def _remove_partials(target: Path) -> None:
    """Delete the hidden temporary files a killed conversion to ``target`` left beside the user's
    documents (the names :meth:`Converter.convert` gives them)."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        if is_temporary(stale):
            stale.unlink(missing_ok=True)


# --- Page images and merged dossiers -------------------------------------------------------------
def page_images(pdf: Path, out_dir: Path | None = None, *, dpi: int = 100) -> list[Path]:
    """PNG images of every page, ``<name>-1.png`` … beside the PDF (or in ``out_dir``), made by
    poppler's ``pdftoppm``; images of pages a previous, longer version had are removed."""
    if shutil.which("pdftoppm") is None:
        raise ToolError([finding("pdf.no_poppler")])
    from pypdf import PdfReader

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
                    raise ToolError([finding("pdf.images", file=str(pdf), problem=problem)])
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


def merge_pdfs(paths: Sequence[Path], titles: Sequence[str], out: Path, *, title: str = "") -> Path:
    """One PDF of ``paths`` in order, with a bookmark (outline entry) per document titled by
    ``titles``, one under it for each of its appendices ("Phụ lục: DANH SÁCH …"), and ``title``
    as the document title readers show; written atomically."""
    if len(paths) != len(titles):
        raise ValueError(f"{len(paths)} PDFs but {len(titles)} titles")
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for path, name in zip(paths, titles):
        reader = PdfReader(str(path))
        start = len(writer.pages)
        writer.append(reader, outline_item=name)
        document = writer.get_outline_root()["/Last"]  # the bookmark append just added
        for page, heading in _appendix_pages(reader):
            writer.add_outline_item(title=heading, page_number=start + page, parent=document)
    writer.page_mode = "/UseOutlines"  # open with the bookmarks shown
    if title:
        writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return write_atomic(out, buffer.getvalue())


_APPENDIX_LABEL_LINES = 3  # the label opens the page, after the page number at most


def _appendix_pages(reader: PdfReader) -> list[tuple[int, str]]:
    """The pages where an appendix starts (its "Phụ lục" label at the top, PL1 Phần III mục 1),
    each with its bookmark: the label and the appendix title's first line."""
    found = []
    for number, page in enumerate(reader.pages):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        for index, line in enumerate(lines[:_APPENDIX_LABEL_LINES]):
            if line == spec.APPENDIX_LABEL:
                following = lines[index + 1:index + 2]
                found.append((number, ": ".join([line, *following])))
                break
    return found
