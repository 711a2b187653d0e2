"""A corrected copy of a .docx for the NĐ 30 rules that can be fixed without touching what the
document says (``hoso check --fix``): page size and margins (PL1 Phần I khoản 1, 3), the font of
every run (khoản 4), the size, bold and italic of the frame's components (PL1 Phần II, ô 1–9b),
the zeros of the date line (mục 4.b), the hyphens of the Tiêu ngữ (mục 1) and Unicode dựng sẵn
(khoản 4, TCVN 6909:2001).

Everything else is left as it is: the words, their order, tables, images, fields, numbering. The
components are found the way the check finds them (:mod:`.locate`), so a fixed document re-checks
clean on these rules. The source is never written to; the caller saves the bytes returned.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from pipeline.core.errors import Finding
from pipeline.core.messages import text
from pipeline.nd30 import spec
from pipeline.nd30.check.conventions import _ZERO_PADDED_MONTHS, _ZERO_PADDED_WIDTH
from pipeline.nd30.check.kind import assume, kind_named
from pipeline.nd30.check.locate import _analyse, _is_caps, _Layout
from pipeline.nd30.check.model import _Document, _Line
from pipeline.nd30.check.page import _font_problem, _LANDSCAPE_MARGINS, _MARGINS, _text_parts
from pipeline.nd30.check.read import _read, _unreadable, open_docx, Unreadable
from pipeline.nd30.check.wordml import _measure, _RunProps

_TEXT = qn("w:t")
_RFONTS = qn("w:rFonts")
_LATIN_SLOTS = ("ascii", "hAnsi")


@dataclass
class Fixed:
    """The corrected .docx (None when the source could not be read) and what was changed, one
    Vietnamese line each; ``findings`` says why a source could not be read."""

    data: bytes | None
    changes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def fix_docx(source: Path | bytes, *, name: str | None = None, kind: str | None = None) -> Fixed:
    """The corrected copy of ``source`` (taken for ``kind`` when given, see :func:`..check_document`)
    and the list of what was changed; the findings of :func:`open_docx` when it cannot be read."""
    label = name if name is not None else (None if isinstance(source, bytes) else str(source))
    override = kind_named(kind).key if kind is not None else None
    try:
        data = _read(source, label)
        open_docx(data, label)  # within the limits, and a Word document
        document = docx.Document(io.BytesIO(data))  # whole, images included: they are saved back
    except Unreadable as exc:
        return Fixed(None, findings=exc.findings)
    except Exception:  # noqa: BLE001 – a package that passed the reader may still lack a part python-docx needs
        return Fixed(None, findings=_unreadable(label, "tệp không đúng cấu trúc của văn bản Word").findings)
    changes = list(_nfc(document))
    model = _Document(document, label)
    layout = _analyse(model)
    # Only what the check of this kind judges is fixed: nothing in a document of no NĐ 30 kind.
    frame = assume(model, layout, override).kind.frame
    if frame != "none":
        changes += [*_page_setup(document), *_fonts(model)]
    if frame in ("full", "minutes", "letter"):
        changes += [*_date_zeros(layout), *_motto_text(layout), *_component_styles(layout, frame)]
    return Fixed(_deterministic(document), changes)


def _deterministic(document) -> bytes:
    """The saved package with fixed zip timestamps: the same input gives the same bytes."""
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0)), source.read(entry),
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


_TEXT_PARTS = re.compile(r"^/word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")


def _xml_parts(document) -> Iterator[etree._Element]:
    """The main document, its headers and footers, footnotes and the like: every part holding text."""
    for part in document.part.package.iter_parts():
        if _TEXT_PARTS.match(str(part.partname)) and hasattr(part, "element"):
            yield part.element


# --- Unicode dựng sẵn (PL1 Phần I khoản 4) ---


def _nfc(document) -> Iterator[str]:
    """Every text precomposed; the model is read after this, so components are found in NFC."""
    changed = 0
    for root in _xml_parts(document):
        for node in root.iter(_TEXT):
            if node.text and not unicodedata.is_normalized("NFC", node.text):
                node.text = unicodedata.normalize("NFC", node.text)
                changed += 1
    if changed:
        yield text("fix.nd30.nfc", count=changed)


# --- Page size and margins (PL1 Phần I khoản 1–3) ---

_A4 = (spec.mm_to_twips(spec.PAGE_WIDTH.chosen), spec.mm_to_twips(spec.PAGE_HEIGHT.chosen))


def _page_setup(document) -> Iterator[str]:
    sections = document.element.body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr")
    for number, sect in enumerate(sections, 1):
        where = {} if len(sections) == 1 else {"number": number}
        size_key, margin_key = (
            ("fix.nd30.page_size/section", "fix.nd30.margin/section") if where else ("fix.nd30.page_size", "fix.nd30.margin")
        )
        size = _child(sect, "w:pgSz")
        width, height = (_measure(size.get(qn(f"w:{side}"))) for side in ("w", "h"))
        landscape = bool(width and height and width > height)
        wanted = tuple(reversed(_A4)) if landscape else _A4
        if (width, height) != wanted and not _is_a4(width, height):
            size.set(qn("w:w"), str(wanted[0]))
            size.set(qn("w:h"), str(wanted[1]))
            yield text(size_key, **where)
        margins = _child(sect, "w:pgMar")
        for side, name, measure in _MARGINS:
            allowed = _LANDSCAPE_MARGINS[side] if landscape else measure
            value = _measure(margins.get(qn(f"w:{side}")))
            if value is None or not allowed.allows(spec.twips_to_mm(abs(value))):
                margins.set(qn(f"w:{side}"), str(spec.mm_to_twips(allowed.chosen)))
                yield text(margin_key, side=name, value=f"{allowed.chosen:g}", **where)


def _is_a4(width: float | None, height: float | None) -> bool:
    if width is None or height is None:
        return False
    short, long = sorted((spec.twips_to_mm(width), spec.twips_to_mm(height)))
    return spec.PAGE_WIDTH.allows(short, 0.4) and spec.PAGE_HEIGHT.allows(long, 0.4)


# The children of w:sectPr that follow w:pgSz, in the schema's order (ECMA-376 §17.6.17): a new
# element goes before the first of them present, as Word requires.
_AFTER_PAGE_SIZE = tuple(qn(f"w:{tag}") for tag in (
    "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
))


def _child(sect: etree._Element, tag: str) -> etree._Element:
    found = sect.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        following = _AFTER_PAGE_SIZE[_AFTER_PAGE_SIZE.index(qn(tag)) + 1 :] if tag == "w:pgMar" else _AFTER_PAGE_SIZE
        successor = next((child for child in sect if child.tag in following), None)
        if successor is not None:
            successor.addprevious(found)
        else:
            sect.append(found)
        if tag == "w:pgMar":
            for side in ("header", "footer", "gutter"):
                found.set(qn(f"w:{side}"), "0" if side == "gutter" else "720")
    return found


# --- Font (PL1 Phần I khoản 4) ---


def _fonts(model: _Document) -> Iterator[str]:
    """Times New Roman set on each run the check finds in another font (directly on the run, so
    styles other runs share are left alone); a run drawing a symbol keeps its font."""
    changed = 0
    for paras in _text_parts(model):
        for para in paras:
            for run in para.runs:
                if run.text.strip() and _font_problem(model, run.props) and not _draws_symbols(run.element):
                    _set_times(run.element, run.props)
                    changed += 1
    if changed:
        yield text("fix.nd30.font", font=spec.FONT_NAME, count=changed)


def _set_times(run: etree._Element, props: _RunProps) -> None:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    rfonts = rpr.find(_RFONTS)
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, rfonts)
    slots = [*_LATIN_SLOTS, *(("eastAsia",) if props.hint == "eastAsia" else ()), *(("cs",) if props.complex else ())]
    for slot in slots:
        rfonts.attrib.pop(qn(f"w:{'cstheme' if slot == 'cs' else slot + 'Theme'}"), None)
        rfonts.set(qn(f"w:{slot}"), spec.FONT_NAME)


def _draws_symbols(run: etree._Element) -> bool:
    """A run showing a symbol (a tick, a box) in Wingdings or Symbol: its glyph is the font's own,
    a change of font would change what is printed."""
    shown = "".join(node.text or "" for node in run.iter(_TEXT))
    return run.find(qn("w:sym")) is not None or any("\ue000" <= char <= "\uf8ff" for char in shown)


# --- Date line zeros (PL1 Phần II mục 4.b) and the Tiêu ngữ (mục 1) ---

_DAY = re.compile(r"(ngày\s+)(\d{1,2})\b")
_MONTH = re.compile(r"(tháng\s+)(\d{1,2})\b")


def _date_zeros(layout: _Layout) -> Iterator[str]:
    line = layout.date
    if line is None or not _whole_paragraph(line):
        return
    before = line.para.text
    for node in line.para.element.iter(_TEXT):
        if node.text:
            node.text = _MONTH.sub(_padded_month, _DAY.sub(_padded_day, node.text))
    after = _norm_text(line.para.element)
    if after != before:
        yield text("fix.nd30.date", before=before, after=after)


def _padded_day(match: re.Match) -> str:
    return match[1] + str(int(match[2])).zfill(_ZERO_PADDED_WIDTH)


def _padded_month(match: re.Match) -> str:
    month = int(match[2])
    return match[1] + (str(month).zfill(_ZERO_PADDED_WIDTH) if month in _ZERO_PADDED_MONTHS else str(month))


def _motto_text(layout: _Layout) -> Iterator[str]:
    """The Tiêu ngữ with its hyphens as written in the decree (a hyphen-minus, a space each side):
    its words are already those of the motto (that is how it was found), so only the dashes and
    spaces between them change."""
    if layout.motto is None:
        return
    line = layout.motto[0][layout.motto[1]]
    if line.text == spec.MOTTO or not _whole_paragraph(line):
        return
    nodes = [node for node in line.para.element.iter(_TEXT) if node.text]
    nodes[0].text = spec.MOTTO
    for node in nodes[1:]:
        node.text = ""
    yield text("fix.nd30.motto", before=line.text, after=spec.MOTTO)


def _whole_paragraph(line: _Line) -> bool:
    """Only a component alone in its paragraph is rewritten (not one part of a tabbed line)."""
    return len(line.para.lines) == 1 and line.text == line.para.text


def _norm_text(paragraph: etree._Element) -> str:
    return " ".join("".join(node.text or "" for node in paragraph.iter(_TEXT)).split())


# --- Size, bold and italic of the frame's components (PL1 Phần II; ô 1–9b) ---


def _components(layout: _Layout) -> Iterable[tuple[str, list[_Line], spec.TextStyle]]:
    motto = [layout.motto[0][layout.motto[1]]] if layout.motto else []
    label, *items = layout.recipients or [None]
    signatures = [line for block in layout.signature_blocks for line in block]
    return (
        ("Quốc hiệu", [layout.national_title] if layout.national_title else [], spec.NATIONAL_TITLE_STYLE),
        ("Tiêu ngữ", motto, spec.MOTTO_STYLE),
        ("tên cơ quan chủ quản", layout.parent, spec.PARENT_BODY_STYLE),
        ("tên cơ quan ban hành", layout.issuer, spec.ISSUER_STYLE),
        ("số, ký hiệu", [layout.number] if layout.number else [], spec.NUMBER_STYLE),
        ("địa danh, ngày tháng", [layout.date] if layout.date else [], spec.DATE_LINE_STYLE),
        ("tên loại", [layout.title] if layout.title else [], spec.DOC_TYPE_STYLE),
        ("trích yếu", layout.subject, spec.SUBJECT_STYLE),
        ("căn cứ", layout.basis, spec.LEGAL_BASIS_STYLE),
        ("Nơi nhận", [label] if label else [], spec.RECIPIENTS_LABEL_STYLE),
        ("các nơi nhận", items, spec.RECIPIENT_ITEM_STYLE),
        ("quyền hạn, chức vụ người ký", [line for line in signatures if _is_caps(line)], spec.AUTHORITY_STYLE),
        ("họ tên người ký", [block[-1] for block in layout.signature_blocks if not _is_caps(block[-1])],
         spec.SIGNER_NAME_STYLE),
    )


# A công văn has no tên loại, and its trích yếu is the "V/v" line (PL1 Phần II mục 5.b).
_CENTRED = ("tên loại", "trích yếu")


def _component_styles(layout: _Layout, frame: str) -> Iterator[str]:
    for name, lines, style in _components(layout):
        if frame == "letter" and name in _CENTRED:
            continue
        fixed = [
            line for line in lines
            if line is not None and _whole_paragraph(line) and _restyle(line, style, centred=name in _CENTRED)
        ]
        if fixed:
            yield text("fix.nd30.style", component=name, count=len(fixed))


def _restyle(line: _Line, style: spec.TextStyle, *, centred: bool) -> bool:
    """Set the size, bold and italic of every run of ``line``'s paragraph that departs from ``style``
    (and centre it when it must be)."""
    changed = False
    if centred and line.para.props.align != "center":
        Paragraph(line.para.element, None).alignment = WD_ALIGN_PARAGRAPH.CENTER
        changed = True
    for run in line.para.runs:
        if not run.text.strip():
            continue
        font = Run(run.element, None).font
        if not style.allows_size(run.props.size):
            font.size = Pt(style.chosen)
            changed = True
        if run.props.bold != style.bold:
            font.bold = style.bold
            changed = True
        if run.props.italic != style.italic:
            font.italic = style.italic
            changed = True
    return changed
