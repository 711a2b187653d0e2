"""Reading the .docx to check, bounded: whatever a clerk (or anyone) hands over is measured before
it is read, and what is not a Word document is named in one line instead of failing inside the
reader.

Before anything is inflated: the file must be a regular one (not ``/dev/zero`` or a pipe) within
the size limit, its first bytes must be those of a zip (an OLE file is a .doc or a .docx with a
password, and other formats are recognised to be named), and its zip directory must promise no
part, nor a whole, over the limits of :mod:`pipeline.core.limits`. Only the XML parts are then
inflated, a chunk at a time and never past the size the directory declares nor the XML limit (in
case the directory lies); images and other media are not read at all, the check never looks at
them. python-docx reads the XML with entities left unresolved (no "billion laughs").
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

import docx
from docx.document import Document
from lxml import etree

from pipeline.core.errors import Finding
from pipeline.core.limits import DOCX_BYTES, DOCX_XML_BYTES, file_problem, inflate, megabytes, zip_problems
from pipeline.core.messages import finding

_LABEL = "văn bản Word (.docx) cần kiểm tra"

# The first bytes of the formats a clerk may hand over instead of a .docx, and what to tell them.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: .doc, .xls, an encrypted .docx
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "tệp định dạng RTF; hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx"),
    (b"%PDF", "tệp PDF; hãy kiểm tra bản .docx của văn bản"),
    (b"\x89PNG", "tệp ảnh (PNG); hãy kiểm tra bản .docx của văn bản"),
    (b"\xff\xd8\xff", "tệp ảnh (JPEG); hãy kiểm tra bản .docx của văn bản"),
    (b"GIF8", "tệp ảnh (GIF); hãy kiểm tra bản .docx của văn bản"),
    (b"II*\x00", "tệp ảnh (TIFF); hãy kiểm tra bản .docx của văn bản"),
    (b"MM\x00*", "tệp ảnh (TIFF); hãy kiểm tra bản .docx của văn bản"),
    (b"BM", "tệp ảnh (BMP); hãy kiểm tra bản .docx của văn bản"),
)
# Names of the streams that tell OLE files apart, as their directory stores them (UTF-16LE).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ODF_MIMETYPE = b"application/vnd.oasis.opendocument"
_ODF_TEXT = _ODF_MIMETYPE + b".text"
_SNIFF = 128
# A web page saved under a Word name: Word's "Web Page" (.htm saved as .doc, with its
# ``ProgId Word.Document``), or the HTML a document-management system exports as ".doc". Word and
# LibreOffice open both as documents. Told by its first tag, after a byte-order mark, blanks and
# comments; a page exported as a fragment may start with a table or a paragraph.
_HTML_SNIFF = 4096
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|style|table|p|div|figure|h[1-6])[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
_XML_SUFFIXES = (".xml", ".rels")


class Unreadable(Exception):
    """The source cannot be checked; ``findings`` say why, in one line each."""

    def __init__(self, findings: list[Finding]):
        super().__init__(findings)
        self.findings = findings


def open_docx(source: Path | bytes, label: str | None) -> Document:
    """The python-docx document of ``source``, read within the limits; :class:`Unreadable` if it
    cannot be."""
    data = _read(source, label)
    _refuse_other_formats(data, label)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problems = zip_problems(archive, label or "")
            if problems:
                raise Unreadable(problems)
            _refuse_odf(archive, label)
            parts = _xml_parts(archive, label)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise _unreadable(label, "tệp bị hỏng hoặc không trọn vẹn (có thể chưa tải xong)") from None
    except RuntimeError:  # zipfile: a part is encrypted
        raise _unreadable(label, "tệp có đặt mật khẩu; hãy bỏ mật khẩu rồi lưu lại") from None
    if "[Content_Types].xml" not in parts:
        raise _unreadable(label, "tệp nén (.zip) nhưng không phải văn bản Word")
    return _document(parts, label)


def convertible_format(path: Path) -> str | None:
    """``"doc"``, ``"odt"``, ``"rtf"`` or ``"html"`` when ``path`` holds a document LibreOffice can
    save as .docx for the check (told by its content, not its name: clerks rename files); None
    otherwise, and for a file over the limits or unreadable, which :func:`open_docx` then names."""
    if file_problem(path, _LABEL, DOCX_BYTES) is not None:
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
            if head.startswith(_OLE):
                head += handle.read(DOCX_BYTES.value())
            elif not head.startswith((b"PK", b"{\\rtf")):
                head += handle.read(_HTML_SNIFF - _SNIFF)
    except OSError:
        return None
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if is_html(head):
        return "html"
    if head.startswith(b"PK") and head[30:38] == b"mimetype" and head[38:].startswith(_ODF_TEXT):
        return "odt"  # ODF stores its mimetype first, uncompressed (ODF 1.2 Part 3 §3.3)
    if head.startswith(_OLE) and _WORD_STREAM in head and _ENCRYPTED_STREAM not in head:
        return "doc"
    return None


def is_html(head: bytes) -> bool:
    """Whether ``head``, the first bytes of a file, start a web page (any of the encodings Word
    saves one in: UTF-8 or a single-byte code page, UTF-16 with its byte-order mark)."""
    if head.startswith(_UTF16_MARKS):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    return bool(_HTML_START.match(text))


def _read(source: Path | bytes, label: str | None) -> bytes:
    if isinstance(source, bytes):
        if len(source) > DOCX_BYTES.value():
            raise Unreadable([_too_large(label, megabytes(len(source)))])
        return source
    problem = file_problem(source, _LABEL, DOCX_BYTES)
    if problem is not None:
        raise Unreadable([problem])
    limit = DOCX_BYTES.value()
    try:
        with source.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise _unreadable(label, "không tìm thấy tệp") from None
    except IsADirectoryError:
        raise _unreadable(label, "đây là một thư mục") from None
    except OSError as exc:
        raise _unreadable(label, f"lỗi hệ thống: {exc.strerror}") from None
    if len(data) > limit:  # the file grew after it was measured
        raise Unreadable([_too_large(label, f"hơn {megabytes(limit)}")])
    return data


def _too_large(label: str | None, size: str) -> Finding:
    return finding(
        "limit.file_size", file=label, size=size, label=_LABEL, limit=megabytes(DOCX_BYTES.value()),
        variable=DOCX_BYTES.variable,
    )


def _refuse_other_formats(data: bytes, label: str | None) -> None:
    if not data:
        raise _unreadable(label, "tệp rỗng")
    if data.startswith(_OLE):
        raise _unreadable(label, _ole_reason(data))
    for signature, reason in _SIGNATURES:
        if data.startswith(signature):
            raise _unreadable(label, reason)
    if is_html(data[:_HTML_SNIFF]):
        raise _unreadable(label, "trang web (HTML); hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx")
    if not data.startswith(b"PK"):
        raise _unreadable(label, "tệp không phải văn bản Word (.docx)")


def _ole_reason(data: bytes) -> str:
    if _ENCRYPTED_STREAM in data:
        return "văn bản Word có đặt mật khẩu (được mã hóa); hãy bỏ mật khẩu rồi lưu lại"
    if _WORD_STREAM in data:
        return "văn bản Word 97–2003 (.doc); hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx"
    return "tệp Office 97–2003 không phải văn bản Word"


def _refuse_odf(archive: zipfile.ZipFile, label: str | None) -> None:
    try:
        info = archive.getinfo("mimetype")
    except KeyError:
        return
    mimetype = inflate(archive, info, 100) or b""
    if mimetype.startswith(_ODF_MIMETYPE):
        reason = "văn bản OpenDocument (.odt); hãy mở bằng LibreOffice hoặc Word và lưu lại dạng .docx"
        raise _unreadable(label, reason)


# The two methods of ECMA-376 Part 2 (OPC), annex C: a part stored or deflated. Any other is refused
# before inflating (zipfile cannot inflate some, and a clerk's Word never writes them).
_WORD_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def _xml_parts(archive: zipfile.ZipFile, label: str | None) -> dict[str, bytes]:
    """Every part by name: the XML ones inflated, within the XML limit; the others (images,
    fonts, embedded files) left empty, as the check never reads them."""
    budget = DOCX_XML_BYTES.value()
    parts = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        if not info.filename.lower().endswith(_XML_SUFFIXES):
            parts[info.filename] = b""
            continue
        if info.compress_type not in _WORD_COMPRESSIONS:
            raise _unreadable(label, "tệp nén theo cách Word không dùng: có thể tệp bị hỏng hoặc không phải văn bản Word")
        data = inflate(archive, info, budget)
        if data is None:
            raise Unreadable([_too_much_xml(label)])
        budget -= len(data)
        parts[info.filename] = data
    return parts


def _too_much_xml(label: str | None) -> Finding:
    limit = DOCX_XML_BYTES.value()
    return finding(
        "limit.file_size", file=label, size=f"hơn {megabytes(limit)} XML", label="phần XML của " + _LABEL,
        limit=megabytes(limit), variable=DOCX_XML_BYTES.variable,
    )


def _document(parts: dict[str, bytes], label: str | None) -> Document:
    """python-docx's document of ``parts``, given as a zip that stores them uncompressed: python-docx
    reads a part with ``ZipFile.read``, which is safe on parts whose sizes are already known."""
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    try:
        return docx.Document(io.BytesIO(stored.getvalue()))
    except ValueError:  # python-docx: the main part is not a WordprocessingML document
        reason = "tệp Office nhưng không phải văn bản Word (có thể là Excel hoặc PowerPoint)"
        raise _unreadable(label, reason) from None
    except etree.XMLSyntaxError:
        raise _unreadable(label, "một phần XML của tệp bị hỏng") from None
    except Exception:  # noqa: BLE001 – a broken package fails inside python-docx in many ways
        raise _unreadable(label, "tệp bị hỏng hoặc không đúng cấu trúc của văn bản Word") from None


def _unreadable(label: str | None, reason: str) -> Unreadable:
    return Unreadable([finding("ND30-UNREADABLE", file=label, reason=reason)])
