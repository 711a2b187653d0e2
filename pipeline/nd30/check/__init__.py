"""NĐ 30/2020 conformance check of a finished .docx (Phụ lục I: thể thức và kỹ thuật trình bày).

:func:`check_document` reads any .docx – one hoso wrote, or one a clerk made in Word or
LibreOffice –, decides what kind of document it is (:mod:`.kind`: a Quyết định, a công văn, a biên
bản … or no NĐ 30 document at all), and returns that kind, one line saying so, and one
:class:`~pipeline.core.errors.Finding` per broken rule of that kind; :func:`check_docx` returns the
findings alone. Every legal value comes from :mod:`pipeline.nd30.spec`; this package only finds
each component and measures it.

Formatting is resolved the way Word does it: document defaults, the table style, the paragraph
style chain (``basedOn``), the numbering level (paragraph properties only), the character style
chain, then direct formatting. Bold, italic and caps are toggle properties (ECMA-376 §17.7.3):
inside one ``basedOn`` chain the nearest value wins, across the table, paragraph and character
style levels each "on" flips the value, and direct formatting sets it outright.

How components are found – a generated frame must keep this shape to be recognised:

* Header block (ô 1–4): the first body table when it is the first non-empty block; its first
  column is the left block, the other columns the right block (a table nested in a cell reads as
  part of that cell). Quốc hiệu and Tiêu ngữ typed as paragraphs right above that table (nothing
  but them and their rule) make one more column of it. Without such a table, the body
  paragraphs before the title (a known type name), or else up to the last Số or date line, or else
  the Quốc hiệu, Tiêu ngữ and rule at the top alone, form a single block, or two columns when its
  lines are cut by a tab or ten spaces or more ("UBND TỈNH<tab>CỘNG HÒA …"). When no Quốc hiệu is
  found there, each text box of the first section is read as one more column.
* Quốc hiệu: the header line equal to ``spec.NATIONAL_TITLE`` after NFC, whitespace collapse and
  upper-casing ("HOÀ" is accepted with a warning). Tiêu ngữ: the header line whose letters are
  those of ``spec.MOTTO`` but for at most two (so a wrong dash or a slip such as "Độc lâp" is still
  recognised, and reported).
* ``Số:`` line: the header line starting ``Số:``. Issuer and parent body: the non-empty lines
  directly above it in its column, skipping empty or rule paragraphs just above it. The trailing
  bold lines are the issuer and the lines above them the parent body; when none is bold, all of
  them are taken as the issuer (so a bold parent body cannot be told from the issuer).
* Date line: the header line ``<địa danh>, ngày …``.
* Title: the first non-empty line after the header, in capitals or equal to a known type name.
  Trích yếu: the following non-empty lines that are centred or bold, up to an empty line, a line
  carrying a rule, a ``Căn cứ``/``Kính gửi`` line or a ``(Kèm theo …)`` line (the rule then goes
  under that line); a last capitalised line naming the issuer, or following a trích yếu in lower
  case, is the enacting authority ("CHÍNH PHỦ"), not the trích yếu.
* Căn cứ: the run of lines starting ``Căn cứ`` (or a misspelt ``Căn cư``) after the trích yếu; a
  ``Kính gửi`` block, a typed rule and capitalised lines (the issuing authority of a Quyết định)
  may come first. A ``Căn cứ …`` sentence ending with ":" opens the text and is not a căn cứ.
* The document ends at its own signature and Nơi nhận: an appendix or form heading (``PHỤ LỤC``,
  ``Mẫu số …``), a ``(Kèm theo …)`` line or a new Quốc hiệu right after them (only short lines
  between) starts the appended part, judged by the appendix rules; the text of a document issued
  with it under a tên loại of its own (a Quy định) is judged as body too.
* Body: body-level paragraphs (outside tables) after that and before the signature block,
  non-empty and not centred.
* Signature block: the last body table holding a ``Nơi nhận:`` line or a signing-authority line
  (``TM.``, ``KT.`` … or a miswritten ``K/T``, ``KT``) that ends the text (fewer than three
  paragraphs of running text after it: a sample signature shown inside the text is not it);
  without such a table, the body paragraphs from the first such line that ends the text, and the
  centred, right-aligned or short capitalised lines just above it. Its parts:
  one per column of its table, a table nested in it giving one part per nested column; each part
  cut in two when one of its lines holds text on both sides of a tab or of ten spaces or more
  ("- Như trên;<tab>CHỦ TỊCH": the left pieces make the Nơi nhận column, the right ones the
  signature's; a dash typed alone before a tab stays with its text). In each part
  of it without ``Nơi nhận:``, the capitalised lines are authority and position and the last
  non-empty line, when neither capitalised nor in brackets ("(Đã ký)", "(Ký, ghi rõ họ tên)"), is
  the signer's name. Whether the block is split over two
  pages is only checked on a real page layout (``pages``, :mod:`.layout`).
* Nơi nhận: the last ``Nơi nhận:`` line and the non-empty lines after it in the same part (or in
  the body), up to a signing-authority line or an empty line not followed by a dashed line. A line
  without a dash after a recipient opened by one and not closed by ";" or "." continues it. The
  label's style is judged on its words, not on a colon typed in another run; the archive line may
  write "Văn thư" out for "VT". A document with "(Kèm theo …)" under its trích yếu has no Nơi nhận
  of its own.
* A line ("đường kẻ") under a component: a bottom border on its paragraph or on an empty
  paragraph under it, a top border on the paragraph under it, its text (or a blank under it)
  underlined, a row of box-drawing strokes ("────") under it, the top border of a narrower cell
  in the table row under its cell, or a horizontal line shape (VML ``v:line`` or straight
  connector, DrawingML ``line`` or ``straightConnector1``; :mod:`.drawn`) drawn below the middle of
  its line and above the middle of the next line of text, wherever the shape is anchored (places
  added up from the paragraphs' sizes and spacing; in a text box: any line shape in the paragraph
  it is anchored in). A line of "-----" (or "----- o0o -----") under it, past empty lines, is a
  typed rule, reported as such. A shape's length is measured like a border's.

* Page number: a ``PAGE`` field (``w:fldSimple`` or ``w:instrText``) in a header part; page 1
  shows the ``first`` header and footer when the first section has ``titlePg``, else the
  ``default`` ones. Header and footer parts Word does not print (a ``first`` one without
  ``titlePg``, an ``even`` one without ``evenAndOddHeaders``) are not checked. A missing number is
  only reported for a document clearly longer than a page (a page break, a second section, or an
  estimated height over 1.25 pages).

A paragraph broken with ``w:br`` gives one line per part.
Findings that repeat over many paragraphs (fonts, colours, body layout) come once per distinct
value and part, quoting the first paragraph and counting the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.errors import Finding
from pipeline.nd30.check.appendix import _check_appendix, _check_form_header
from pipeline.nd30.check.body import _check_body
from pipeline.nd30.check.codes import RULES
from pipeline.nd30.check.common import _Check
from pipeline.nd30.check.header import _check_header_wrap, _check_issuer, _check_motto, _check_national_title
from pipeline.nd30.check.kind import Frame, Kind, KINDS, assume, kind_named
from pipeline.nd30.check.layout import PrintedLine, PrintedPage, check_layout
from pipeline.nd30.check.locate import _analyse, _Layout
from pipeline.nd30.check.model import _Document
from pipeline.nd30.check.number_date import _check_date, _check_number
from pipeline.nd30.check.page import _check_fonts, _check_page_numbers, _check_page_setup, _check_unicode
from pipeline.nd30.check.read import _unreadable, open_docx, Unreadable
from pipeline.nd30.check.signature import _check_recipients, _check_signature
from pipeline.nd30.check.title import _check_basis, _check_subject, _check_title

__all__ = [
    "KINDS", "RULES", "CheckResult", "Kind", "PrintedLine", "PrintedPage", "check_docx", "check_document", "kind_named",
]


@dataclass(frozen=True)
class CheckResult:
    """The check of one document: the kind it was taken for, the one line saying so, its findings.

    ``kind`` is None, and ``notice`` empty, when the file could not be read (its one finding says
    why). A document of no NĐ 30 kind has no findings: ``notice`` says it was not judged.
    """

    kind: Kind | None
    notice: str
    findings: list[Finding]


def check_document(
    source: Path | bytes,
    *,
    name: str | None = None,
    kind: str | None = None,
    pages: Sequence[PrintedPage] | None = None,
) -> CheckResult:
    """Check ``source`` as the kind it is (or as ``kind``, a key of :data:`KINDS`; ``ValueError``
    for another): the kind assumed, and every rule of that kind it breaks. With ``pages``, its real
    layout (:mod:`.layout`), the rules only printed pages can tell are checked too."""
    override = kind_named(kind) if kind is not None else None
    label = name if name is not None else (None if isinstance(source, bytes) else str(source))
    try:
        doc = _Document(open_docx(source, label), label)
    except Unreadable as exc:
        return CheckResult(None, "", exc.findings)
    except Exception:  # noqa: BLE001 – a package python-docx opened may still lack what the model needs
        return CheckResult(None, "", _unreadable(label, "tệp không đúng cấu trúc của văn bản Word").findings)
    layout = _analyse(doc)
    assumed = assume(doc, layout, override.key if override else None)
    layout.kind = assumed.kind
    findings = [
        finding
        for check in _CHECKS[assumed.kind.frame]
        for finding in check(doc, layout)
        if finding.code not in assumed.kind.waived
    ]
    if pages is not None and assumed.kind.frame in _LAID_OUT:
        findings = _with_layout(findings, doc, layout, pages)
    return CheckResult(assumed.kind, assumed.notice, findings)


def _with_layout(findings: list[Finding], doc: _Document, layout: _Layout, pages: Sequence[PrintedPage]) -> list[Finding]:
    """The findings with the layout's: a header line the pages show is no longer judged by its
    estimated width, and a page number already found in page 1's header is not reported twice."""
    printed, settled = check_layout(doc, layout, pages)
    kept = [f for f in findings if not (f.code == "ND30-HEADER-WRAP" and f.path in settled)]
    if any(f.code == "ND30-PAGE-NUMBER-FIRST" for f in findings):
        printed = [f for f in printed if f.code != "ND30-LAYOUT-PAGE-NUMBER-FIRST"]
    return kept + printed


def signer_name(docx: Path) -> str | None:
    """The name under the last signature of a .docx, found as the check finds the signature
    block (its last line is the signer's name: NĐ 30/2020, Phụ lục I, Phần II, mục 7); None
    when the file cannot be read or has no signature."""
    try:
        blocks = _analyse(_Document(open_docx(docx, docx.name), docx.name)).signature_blocks
    except Unreadable:
        return None
    return blocks[-1][-1].text if blocks and blocks[-1] else None


def check_docx(source: Path | bytes, *, name: str | None = None, kind: str | None = None) -> list[Finding]:
    """Every NĐ 30 layout rule ``source`` breaks, as findings (an empty list when it conforms)."""
    return check_document(source, name=name, kind=kind).findings


_PAGE_AND_TEXT: tuple[_Check, ...] = (_check_page_setup, _check_fonts, _check_unicode)
_HEADER: tuple[_Check, ...] = (
    _check_header_wrap,
    _check_national_title,
    _check_motto,
    _check_issuer,
    _check_number,
    _check_date,
)
_TAIL: tuple[_Check, ...] = (
    _check_body,
    _check_signature,
    _check_recipients,
    _check_page_numbers,
    _check_appendix,
)
# A công văn has no tên loại, its trích yếu is the "V/v" line under the number (PL1 Phần II mục 5.b),
# and no căn cứ block: a "Căn cứ …;" opening its text is set as the text (PL3 Mẫu 1.5);
# a biên bản is told apart inside the checks (no date line, Nơi nhận optional).
# The frames with a header and a signature block: the ones whose printed pages are checked.
_LAID_OUT: frozenset[Frame] = frozenset({"full", "minutes", "letter"})
_CHECKS: dict[Frame, tuple[_Check, ...]] = {
    "full": (*_PAGE_AND_TEXT, *_HEADER, _check_title, _check_subject, _check_basis, *_TAIL),
    "minutes": (*_PAGE_AND_TEXT, *_HEADER, _check_title, _check_subject, _check_basis, *_TAIL),
    "letter": (*_PAGE_AND_TEXT, *_HEADER, *_TAIL),
    "appendix": (*_PAGE_AND_TEXT, _check_form_header, _check_appendix),
    "none": (),
}
