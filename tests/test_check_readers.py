"""``hoso check`` on what is not a .docx, or is one built to hurt: a one-line Vietnamese reason,
exit 1, bounded time and memory, never a traceback. Every hostile file is built here. And what
offices send besides .docx (.doc, .odt, .rtf): saved as .docx by LibreOffice, then checked."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from pipeline.commands.check import check_files
from pipeline.core.errors import Severity
from pipeline.nd30.check import check_docx
from pipeline.nd30.check.read import convertible_format, open_docx
from pipeline.orchestrator import render_file

from tests.samples import SAMPLES
from tests.template_builder import template_bytes

MB = 1 << 20
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# hoso check needs about 300 MB of address space; inflating any of the bombs below would need more
# than this, so a run within it that ends with exit 1 shows the bomb was refused, not inflated.
ADDRESS_SPACE = 600 * MB
_LIMITED = (
    "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, ({0}, {0})); "
    "sys.argv = ['hoso', 'check', *sys.argv[1:]]; runpy.run_module('pipeline', run_name='__main__')"
)


def hoso_check(path: Path | str) -> subprocess.CompletedProcess[str]:
    """``hoso check path`` with its address space limited to ADDRESS_SPACE (the timeout only stops
    a hang; it measures nothing)."""
    command = [sys.executable, "-c", _LIMITED.format(ADDRESS_SPACE), str(path)]
    env = {"NO_COLOR": "1", "COLUMNS": "250", "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def zeros_deflated(megabytes: int) -> bytes:
    """Raw deflate data of ``megabytes`` MB of zeros, built from one fully flushed block repeated
    (a block after a full flush refers to nothing before it): a 1 GB run in about 1 MB, at once."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * MB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + compressor.flush(zlib.Z_FINISH)


def zeros_crc(megabytes: int) -> int:
    crc, chunk = 0, b"\0" * MB
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return crc


def zip_with(name: str, deflated: bytes, crc: int, size: int) -> bytes:
    """A frame .docx whose part ``name`` is given already deflated, its directory saying ``size``."""
    with zipfile.ZipFile(io.BytesIO(template_bytes("Một đoạn."))) as base:
        parts = {info.filename: base.read(info) for info in base.infolist()}
    entries = [(n, zlib.compress(d)[2:-4], zlib.crc32(d), len(d)) for n, d in parts.items() if n != name]
    entries.append((name, deflated, crc, size))
    local, central = b"", b""
    for entry_name, data, entry_crc, entry_size in entries:
        encoded = entry_name.encode()
        fields = (20, 0, 8, 0, 33, entry_crc, len(data), entry_size, len(encoded))
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, len(local)) + encoded
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded + data
    count = len(entries)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(local), 0)
    return local + central + end


def stored_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def only_finding(source: bytes | Path, name: str = "x.docx"):
    [finding] = check_docx(source, name=name)
    assert finding.severity is Severity.ERROR and "\n" not in finding.message
    return finding


def test_a_zip_bomb_is_refused_from_its_directory_before_anything_is_inflated(tmp_path: Path):
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(zip_with("word/document.xml", zeros_deflated(1024), zeros_crc(1024), 1024 * MB))
    assert bomb.stat().st_size < 2 * MB
    finding = only_finding(bomb)
    assert finding.code == "limit.zip_part" and "«word/document.xml»" in finding.message
    result = hoso_check(bomb)
    assert result.returncode == 1, result.stderr
    assert "[limit.zip_part]" in result.stderr and "Traceback" not in result.stderr


def test_a_part_compressed_too_well_is_refused():
    source = zip_with("word/document.xml", zeros_deflated(50), zeros_crc(50), 50 * MB)
    assert only_finding(source).code == "limit.zip_part"


def test_a_zip_bomb_whose_directory_lies_is_never_inflated_past_what_it_declares(tmp_path: Path):
    # The directory says 1 000 bytes; the data inflates to 1 GB. ZipFile.read would inflate it all
    # in one call before finding the size wrong.
    bomb = tmp_path / "bom-doi.docx"
    bomb.write_bytes(zip_with("word/document.xml", zeros_deflated(1024), zlib.crc32(b"\0" * 1000), 1000))
    assert only_finding(bomb).code == "ND30-UNREADABLE"
    result = hoso_check(bomb)
    assert result.returncode == 1, result.stderr
    assert "[ND30-UNREADABLE]" in result.stderr and "Traceback" not in result.stderr


def test_dev_zero_is_refused_without_being_read():
    result = hoso_check("/dev/zero")
    assert result.returncode == 1, result.stderr
    assert "«/dev/zero» không phải một tệp thông thường" in result.stderr
    assert "[limit.not_regular]" in result.stderr and "Traceback" not in result.stderr


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HOSO_MAX_DOCX_MB", "1")
    big = tmp_path / "lon.docx"
    with big.open("wb") as handle:  # sparse: nothing to read, only its size is known
        handle.truncate(2 * MB)
    finding = only_finding(big)
    assert finding.code == "limit.file_size" and "HOSO_MAX_DOCX_MB" in finding.message
    assert only_finding(b"PK" + b"\0" * (2 * MB)).code == "limit.file_size"


def test_xml_over_its_limit_is_refused_while_inflating(monkeypatch):
    monkeypatch.setenv("HOSO_MAX_DOCX_XML_MB", "1")
    document = b'<?xml version="1.0"?><w:document xmlns:w="urn:x">' + b" " * (2 * MB) + b"</w:document>"
    with zipfile.ZipFile(io.BytesIO(template_bytes("x"))) as base:
        members = {name: base.read(name) for name in base.namelist()}
    finding = only_finding(stored_zip({**members, "word/document.xml": document}))
    assert finding.code == "limit.file_size" and "HOSO_MAX_DOCX_XML_MB" in finding.message


def test_too_many_zip_parts_are_refused():
    parts = {f"word/media/image{n}.png": b"" for n in range(2001)}
    assert only_finding(stored_zip(parts)).code == "limit.zip_parts"


def test_a_truncated_docx_is_named_as_damaged(tmp_path: Path):
    whole = template_bytes("Một đoạn.")
    truncated = tmp_path / "cat-do.docx"
    truncated.write_bytes(whole[: len(whole) // 2])
    assert only_finding(truncated).message.endswith("tệp bị hỏng hoặc không trọn vẹn (có thể chưa tải xong).")
    result = hoso_check(truncated)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_a_part_compressed_as_word_never_does_is_refused_before_inflating(tmp_path: Path):
    # An unknown method would make zipfile fail while inflating; bzip2 stands for all of them.
    source = zipfile.ZipFile(io.BytesIO(template_bytes("Một đoạn.")))
    foreign = tmp_path / "la.docx"
    with zipfile.ZipFile(foreign, "w") as target:
        for info in source.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename == "word/document.xml" else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, source.read(info), compress_type=method)
    assert only_finding(foreign).message.endswith(
        "tệp nén theo cách Word không dùng: có thể tệp bị hỏng hoặc không phải văn bản Word."
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (OLE + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"), "văn bản Word có đặt mật khẩu"),
        (OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le"), "văn bản Word 97–2003 (.doc)"),
        (OLE + b"\0" * 504, "tệp Office 97–2003 không phải văn bản Word"),
        (b"{\\rtf1\\ansi Xin chao}", "tệp định dạng RTF"),
        (b"%PDF-1.7\n", "tệp PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "tệp ảnh (PNG)"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 32, "tệp ảnh (JPEG)"),
        (b"", "tệp rỗng"),
        (b"Xin chao", "tệp không phải văn bản Word (.docx)"),
        (b"\xef\xbb\xbf<html><body><p>Xin chao</p></body></html>", "trang web (HTML)"),
        (stored_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "văn bản OpenDocument (.odt)"),
        (stored_zip({"ghi-chu.txt": b"x"}), "tệp nén (.zip) nhưng không phải văn bản Word"),
    ],
    ids=["encrypted", "doc", "ole", "rtf", "pdf", "png", "jpeg", "empty", "text", "html", "odt", "zip"],
)
def test_another_format_is_named_in_one_line(content: bytes, reason: str, tmp_path: Path):
    path = tmp_path / "van-ban.docx"
    path.write_bytes(content)
    finding = only_finding(path)
    assert finding.code == "ND30-UNREADABLE"
    assert finding.message.startswith(f"Không đọc được tệp như một văn bản Word (.docx): {reason}")


def test_an_encrypted_zip_part_is_named(tmp_path: Path):
    source = bytearray(template_bytes("x"))
    # Set the "encrypted" flag of every entry, in the local headers and in the directory.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := source.find(signature, start)) >= 0:
            source[start + offset] |= 1
            start += 4
    assert only_finding(bytes(source)).message.endswith("tệp có đặt mật khẩu; hãy bỏ mật khẩu rồi lưu lại.")


def _with_document(document: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(template_bytes("x"))) as base:
        members = {name: base.read(name) for name in base.namelist()}
    return stored_zip({**members, "word/document.xml": document.encode()})


def _document(doctype: str, text: str) -> str:
    return (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{doctype}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )


def test_a_billion_laughs_is_not_expanded(tmp_path: Path):
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    path = tmp_path / "cuoi.docx"
    path.write_bytes(_with_document(_document(f'<!ENTITY l0 "ha">{laughs}', "&l9;")))
    assert only_finding(path).code == "ND30-UNREADABLE"
    result = hoso_check(path)
    assert result.returncode == 1, result.stderr
    assert "[ND30-UNREADABLE]" in result.stderr and "Traceback" not in result.stderr


def test_an_external_entity_is_not_read(tmp_path: Path):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("BÍ MẬT")
    source = _with_document(_document(f'<!ENTITY x SYSTEM "{secret.as_uri()}">', "Văn bản &x;"))
    assert [p.text for p in open_docx(source, "x.docx").paragraphs] == ["Văn bản "]


# --- .doc, .odt and .rtf: saved as .docx by LibreOffice, then checked (pipeline/commands/check.py) ---

EXPORTS = {"doc": "MS Word 97", "odt": "writer8", "rtf": "Rich Text Format"}


@pytest.fixture(scope="module")
def office_documents(tmp_path_factory: pytest.TempPathFactory, converter) -> dict[str, Path]:
    """A sample plan rendered by hoso, saved by LibreOffice as .doc, .odt and .rtf."""
    folder = tmp_path_factory.mktemp("office-documents")
    [rendered] = render_file(None, SAMPLES / "plan" / "ke-hoach-2016.yaml", folder).paths
    return {
        suffix: converter.convert(rendered, folder / f"ke-hoach.{suffix}", export=export)
        for suffix, export in EXPORTS.items()
    }


@pytest.mark.slow  # real LibreOffice
def test_doc_odt_and_rtf_are_converted_then_checked_under_their_own_names(office_documents, tmp_path: Path):
    renamed = tmp_path / "thuc-ra-la-doc.docx"  # a .doc renamed: told by its content
    renamed.write_bytes(office_documents["doc"].read_bytes())
    paths = [*office_documents.values(), renamed]
    results = check_files(paths)
    assert [(r.path, r.converted_from) for r in results] == list(zip(paths, ["doc", "odt", "rtf", "doc"]))
    for result in results:
        codes = {f.code for f in result.findings}
        # The frame was read (found, not reported missing), every finding under the file's own name.
        assert not codes & {"ND30-UNREADABLE", "ND30-NATIONAL-TITLE", "ND30-MOTTO", "ND30-NUMBER-MISSING"}
        assert {f.file for f in result.findings} <= {str(result.path)}


def test_a_docx_is_checked_as_it_is(tmp_path: Path):
    path = tmp_path / "van-ban.docx"
    path.write_bytes(template_bytes("Một đoạn."))
    [result] = check_files([path])
    assert result.converted_from is None and result.findings == check_docx(path)


@pytest.mark.slow  # real LibreOffice
def test_a_damaged_doc_is_named_in_one_line(tmp_path: Path):
    damaged = tmp_path / "hong.doc"
    damaged.write_bytes(OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\xff" * 4096)
    [result] = check_files([damaged])
    [finding] = result.findings
    assert finding.code == "conversion.failed" and "\n" not in finding.message
    assert finding.message.startswith("LibreOffice không chuyển được tệp Word 97–2003 (.doc) này sang .docx")


@pytest.mark.slow  # real LibreOffice
def test_without_libreoffice_a_doc_gets_one_line_saying_what_to_do(office_documents, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    [result] = check_files([office_documents["odt"]])
    [finding] = result.findings
    assert finding.code == "conversion.no_office" and "Hãy lưu lại tệp dạng .docx" in finding.message


# --- Web pages saved as .doc: told by their content, saved as .docx by LibreOffice, then checked ---

# A Quyết định as a document-management system exports it (quyet-dinh-khen-thuong-html.doc of the
# corpus): an HTML fragment, no <html>, no page, no font, the header in a table.
WEB_DECISION = """
        <figure class="table"><table><tbody><tr><td><strong>ỦY BAN NHÂN DÂN</strong></td>
        <td><p style="text-align:center;"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p></td></tr>
        <tr><td><strong>TỈNH QUẢNG BÌNH</strong></td>
        <td><p style="text-align:center;"><strong>Độc lập - Tự do - Hạnh phúc</strong></p></td></tr>
        <tr><td>Số: 25/QĐ-UBND</td><td><p style="text-align:right;"><i>Quảng Bình, ngày 22 tháng 9 năm 2022</i></p>
        </td></tr></tbody></table></figure><h2 style="text-align:center;"><strong>QUYẾT ĐỊNH</strong></h2>
        <p>Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;</p>
        """


@pytest.mark.parametrize(
    "head",
    [
        "\ufeff<html xmlns:v=\"urn:schemas-microsoft-com:vml\">\n<head><meta name=ProgId content=Word.Document>".encode(),
        WEB_DECISION.encode(),
        "<!DOCTYPE html><html><body>Xin chào</body></html>".encode("utf-16"),
        b"<!-- exported -->\n<TABLE border=1><TR><TD>x</TD></TR></TABLE>",
    ],
    ids=["word-web-page", "fragment", "utf-16", "comment-then-table"],
)
def test_a_web_page_under_any_name_is_told_by_its_content(head: bytes, tmp_path: Path):
    path = tmp_path / "van-ban.doc"
    path.write_bytes(head)
    assert convertible_format(path) == "html"


@pytest.mark.parametrize(
    "content",
    [b"Xin chao <html>", b'<?xml version="1.0"?><w:wordDocument/>', b"< html"],
    ids=["text", "xml", "not-a-tag"],
)
def test_what_only_mentions_html_is_not_a_web_page(content: bytes, tmp_path: Path):
    path = tmp_path / "van-ban.doc"
    path.write_bytes(content)
    assert convertible_format(path) is None


@pytest.mark.slow  # real LibreOffice
def test_a_web_page_saved_as_doc_is_converted_then_checked(tmp_path: Path):
    page = tmp_path / "quyet-dinh.doc"
    page.write_text(WEB_DECISION, encoding="utf-8")
    [result] = check_files([page])
    codes = {f.code for f in result.findings}
    assert result.converted_from == "html" and result.kind == "quyet-dinh"
    assert not codes & {"ND30-UNREADABLE", "ND30-NATIONAL-TITLE", "ND30-MOTTO", "ND30-NUMBER-MISSING"}
    # No font named: the text is set in Times New Roman, as Word shows such a page (LibreOffice still
    # sets the <h2> heading in a serif face of its own). No page set: its margins are not the
    # document's, and the notice says they were not checked.
    assert all("“QUYẾT ĐỊNH”" in f.message for f in result.findings if f.code == "ND30-FONT")
    assert not codes & {"ND30-MARGIN", "ND30-PAGE-SIZE"}
    assert "khổ giấy và lề trang không được kiểm tra" in result.notice
    assert "ND30-MOTTO-RULE" in codes  # nothing is drawn under the Tiêu ngữ


@pytest.mark.slow  # real LibreOffice
def test_a_web_page_that_sets_its_page_has_its_margins_checked(tmp_path: Path):
    page = tmp_path / "quyet-dinh.htm"
    style = "<style>@page Section1 {size:21.0cm 29.7cm; margin:1.0cm 1.0cm 1.0cm 1.0cm;} div.Section1 {page:Section1;}</style>"
    page.write_text(f"<html><head>{style}</head><body><div class=Section1>{WEB_DECISION}</div></body></html>")
    [result] = check_files([page])
    assert result.converted_from == "html"
    assert "ND30-MARGIN" in {f.code for f in result.findings}
