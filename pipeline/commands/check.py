"""``hoso check`` on what offices really send: a .docx is checked as it is; a .doc, .odt or .rtf, or
a web page saved as .doc, is first saved as .docx by the warm LibreOffice converter, then checked
under its own name.

The format is told by the content, not the name (clerks rename files). One LibreOffice serves a
whole batch and starts only when a file needs it, so checking .docx files never waits for it. The
conversion belongs here, above both the check (pipeline.nd30) and the converter (pipeline.office).

With ``layout=True`` each file is also laid out once – saved as PDF by the same LibreOffice, its
pages read back by :mod:`pipeline.office.pages` – and the rules only printed pages can tell are
checked. It is asked for, not the default: LibreOffice takes about a second to start and 0.07 s a
document (``hoso bench``), over three times a document's check without it, and a clerk checking
one file at a time mostly needs the rules of the file itself. Without LibreOffice the layout rules
are skipped with one notice, never guessed.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from pipeline.core.errors import Finding
from pipeline.core.limits import DOCX_BYTES
from pipeline.core.messages import finding, text
from pipeline.nd30 import spec
from pipeline.nd30.check import CheckResult, check_document
from pipeline.nd30.check.read import convertible_format
from pipeline.nd30.check import PrintedPage
from pipeline.office.convert import DOCX_EXPORT, HTML_IMPORT, INSTALL_HINT, ConversionError, Converter, ToolError
from pipeline.office.pages import read_pages

FORMAT_NAMES = {
    "doc": "Word 97–2003 (.doc)", "odt": "OpenDocument (.odt)", "rtf": "RTF (.rtf)", "html": "trang web (HTML)",
}
READERS = {"html": HTML_IMPORT}
"""The import filter LibreOffice must be told for a format it would otherwise open in another way
(a web page in Writer/Web, which saves neither .docx nor a Writer PDF)."""
# Why a conversion failed, from the converter's finding code (its own texts speak of PDFs).
_FAILURES = {
    "pdf.timeout": "LibreOffice không xong trong thời gian cho phép",
    "pdf.crash": "LibreOffice dừng đột ngột",
}
_FAILURE = "tệp có thể bị hỏng hoặc có đặt mật khẩu"


@dataclass(frozen=True)
class Checked:
    """The check of one file: its findings, the kind of document it was taken for and the line
    saying so (empty when it could not be read), the format LibreOffice converted it from (None
    for a .docx checked as it is), and, when the layout was asked for but could not be made, why
    its rules were skipped (the same line for every file when LibreOffice is missing)."""

    path: Path
    findings: list[Finding]
    converted_from: str | None = None
    kind: str | None = None
    notice: str = ""
    layout_notice: str = ""


class Checker:
    """Checks files one by one: ``with Checker() as checker: checker.check(path)``. A LibreOffice
    is started at the first file that needs one (every file with ``layout=True``), and stopped on
    close."""

    def __init__(self, *, layout: bool = False) -> None:
        self._converter: Converter | None = None
        self.layout = layout
        self._no_layout = ""  # why no file can be laid out (no LibreOffice, no pdftotext), once known

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, path: Path, *, kind: str | None = None) -> Checked:
        """``kind``: a key of :data:`pipeline.nd30.check.KINDS` to check the file as, instead of
        telling its kind from its tên loại (``ValueError`` for an unknown key)."""
        source_format = convertible_format(path)
        with tempfile.TemporaryDirectory(prefix="hoso-check-") as folder:
            reader = READERS.get(source_format or "", "")
            pages, layout_notice = self._pages(path, Path(folder) / "van-ban.pdf", reader) if self.layout else (None, "")
            if source_format is None:
                result = check_document(path, kind=kind, pages=pages)
                return _checked(path, result, None, layout_notice)
            converted = Path(folder) / "van-ban.docx"
            problem = self._convert(path, converted, FORMAT_NAMES[source_format], reader)
            if problem:
                return Checked(path, [problem], source_format)
            if source_format == "html":
                _web_page_fonts(converted)
            result = check_document(converted, name=str(path), kind=kind, pages=pages)
            checked = _checked(path, result, source_format, layout_notice)
            return _without_page_setup(checked) if source_format == "html" and not _sets_page(path) else checked

    def close(self) -> None:
        if self._converter is not None:
            self._converter.close()
            self._converter = None

    def _pages(self, source: Path, pdf: Path, reader: str) -> tuple[list[PrintedPage] | None, str]:
        """The printed pages of ``source`` (laid out from the file itself, whatever its format), or
        None and why not. A missing LibreOffice or pdftotext is found once for the whole batch."""
        if self._no_layout:
            return None, self._no_layout
        try:
            if self._converter is None:
                self._converter = Converter()
            return read_pages(self._converter.convert(source, pdf, reader=reader)), ""
        except ToolError as exc:
            if exc.findings[0].code == "pdf.no_office":
                self._no_layout = text("layout.no_office", install=INSTALL_HINT)
            else:
                self._no_layout = exc.findings[0].message
            return None, self._no_layout
        except ConversionError as exc:
            return None, text("layout.failed", reason=_FAILURES.get(exc.findings[0].code, _FAILURE))

    def _convert(self, source: Path, target: Path, format_name: str, reader: str) -> Finding | None:
        """Save ``source`` as ``target`` (.docx); the finding saying why not, if it cannot be."""

        def convert() -> None:
            if self._converter is None:
                self._converter = Converter()
            self._converter.convert(source, target, export=DOCX_EXPORT, reader=reader)

        return conversion_problem(convert, source, format_name)


def conversion_problem(convert: Callable[[], object], source: Path, format_name: str) -> Finding | None:
    """Run ``convert``, which saves ``source`` as .docx with LibreOffice; the finding saying why it
    could not, in the clerk's words (the converter's own texts speak of PDFs)."""
    file = str(source)
    try:
        convert()
    except ToolError as exc:
        if exc.findings[0].code == "pdf.no_office":
            return finding("conversion.no_office", file=file, format=format_name, install=INSTALL_HINT)
        return finding("conversion.no_office/failed", file=file, format=format_name, reason=exc.findings[0].message)
    except ConversionError as exc:
        reason = _FAILURES.get(exc.findings[0].code, _FAILURE)
        return finding("conversion.failed", file=file, format=format_name, reason=reason)
    return None


# A web page prints on the paper and margins of whoever opens it unless it sets its own (a CSS
# @page rule, which Word writes when it saves a document as a web page): LibreOffice's defaults for
# the page are not the document's, and are not checked.
_PAGE_SETUP = frozenset({"ND30-PAGE-SIZE", "ND30-MARGIN"})


def _sets_page(path: Path) -> bool:
    try:
        with path.open("rb") as page:
            return b"@page" in page.read(DOCX_BYTES.value())
    except OSError:
        return False


def _web_page_fonts(docx: Path) -> None:
    """Give the styles of a converted web page the face Word gives them. A page that names no font
    shows in Times New Roman in Word, headings (<h1>…<h6>) included; LibreOffice sets its headings
    in the first installed face of its own default list, or in the face it draws Times New Roman
    with when that is missing: Liberation Serif, Tinos. A style naming one of those comes from
    LibreOffice, not from the page: web pages name Times New Roman or another face, not its stand-ins."""
    with zipfile.ZipFile(docx) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(docx, "w") as target:
        for info, data in entries:
            target.writestr(info, _times_in_styles(data) if info.filename == _STYLES_PART else data)


_STYLES_PART = "word/styles.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _times_in_styles(data: bytes) -> bytes:
    styles = etree.fromstring(data, _XML_PARSER)
    for fonts in styles.iterfind(f"{_W}style/{_W}rPr/{_W}rFonts"):
        for slot in ("ascii", "hAnsi"):
            if fonts.get(f"{_W}{slot}") in spec.METRIC_COMPATIBLE_FONTS:
                fonts.set(f"{_W}{slot}", spec.FONT_NAME)
    return etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_page_setup(checked: Checked) -> Checked:
    findings = [f for f in checked.findings if f.code not in _PAGE_SETUP]
    notice = " ".join(part for part in (checked.notice, text("conversion.web_page")) if part)
    return replace(checked, findings=findings, notice=notice)


def _checked(path: Path, result: CheckResult, converted_from: str | None, layout_notice: str) -> Checked:
    key = result.kind.key if result.kind is not None else None
    # A file that could not be read was not laid out either: its one finding says why.
    notice = layout_notice if result.kind is not None else ""
    return Checked(path, result.findings, converted_from, key, result.notice, notice)


def check_files(paths: Iterable[Path], *, kind: str | None = None, layout: bool = False) -> list[Checked]:
    """Check every file, converting those that need it (and laying out each one, with ``layout``)
    with one LibreOffice for them all."""
    with Checker(layout=layout) as checker:
        return [checker.check(path, kind=kind) for path in paths]
