"""A corrected copy of a .docx for the NĐ 30 rules that can be fixed without touching what the
document says (``hoso check --fix``): page size and margins (PL1 Phần I khoản 1, 3), the font of
every run (khoản 4), the size, bold and italic of the frame's components (PL1 Phần II, ô 1–9b),
the page number centred at the top of the page from page 2, in its size (Phần I khoản 7), the
zeros of the date line (mục 4.b), the hyphens of the Tiêu ngữ and the line under it (mục 1) and
Unicode dựng sẵn (khoản 4, TCVN 6909:2001).

Everything else is left as it is: the words, their order, tables, images, fields, numbering. The
components are found the way the check finds them (:mod:`.locate`), line by line: a component
sharing its paragraph with others (lines cut by breaks, a header typed with tabs) is fixed alone,
its runs split where it starts and ends, with the same formatting. So a fixed document re-checks
clean on these rules, but for what is left on purpose: a symbol drawn in its own font, a misspelt
Tiêu ngữ or a line of dashes typed under it, a line the check takes for a component that it is not
surely (an agency's name not in capitals, a signer's "name" not starting with a capital). When the
page number moves up, words typed beside it in a footer stay there, but for a label that only
printed it ("Trang", dashes around it). The source is never written to; the caller saves the bytes
returned.
"""
from __future__ import annotations

import copy
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_HEADER_FOOTER
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from pipeline.core.errors import Finding
from pipeline.core.messages import text
from pipeline.nd30 import spec
from pipeline.nd30.check.conventions import _ZERO_PADDED_MONTHS, _ZERO_PADDED_WIDTH
from pipeline.nd30.check.kind import assume, kind_named
from pipeline.nd30.check.locate import _analyse, _COLUMN_GAP, _is_caps, _Layout, _rule_below
from pipeline.nd30.check.model import _Document, _Line, _Para
from pipeline.nd30.check.page import (
    _draws_symbols,
    _field_code,
    _first_page_parts,
    _font_problem,
    _LANDSCAPE_MARGINS,
    _MARGIN_TOLERANCE_MM,
    _longer_than_a_page,
    _MARGINS,
    _PAGE_FIELD,
    _page_number_paras,
    _page_number_style,
    _printed_centred,
    _text_parts,
)
from pipeline.nd30.check.read import _read, _unreadable, open_docx, Unreadable
from pipeline.nd30.check.wordml import _FLD_SIMPLE, _INSTR_TEXT, _measure, _RunProps
from pipeline.nd30.metrics import text_width_pt

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
    if frame == "none":
        return Fixed(_deterministic(document), changes)
    lines = _Lines()
    framed = frame in ("full", "minutes", "letter")
    changes += [*_page_setup(document), *_fonts(model), *(_date_zeros(layout, lines) if framed else ())]
    # A form's Tiêu ngữ is held to the decree's words too (PL1 Phần II mục 1), its place and size are not.
    changes += [*_motto_text(layout, lines)]
    if framed:
        changes += [*_motto_rule(model, layout), *_page_numbers(document, model)]
        # The page numbers are restyled as read again: a header may have been added just above.
        renumbered = _Document(document, label)
        changes += [*_component_styles(layout, frame, lines), *_page_number_styles(renumbered)]
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
            if value is None or not allowed.allows(spec.twips_to_mm(abs(value)), _MARGIN_TOLERANCE_MM):
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


# --- The lines of a paragraph ---

_BREAK, _CARRIAGE, _TAB, _PTAB, _HYPHEN = (qn(f"w:{tag}") for tag in ("br", "cr", "tab", "ptab", "noBreakHyphen"))
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RUN_PROPS = qn("w:rPr")
# What a run is not split around: the parts of a field, drawings and embedded objects.
_WHOLE = frozenset(qn(f"w:{tag}") for tag in ("fldChar", "instrText", "drawing", "pict", "object")) | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
}

_LineRuns = list[tuple[etree._Element, _RunProps]]


class _Lines:
    """The runs printing each line the check reads: a visual line of a paragraph (the paragraph cut
    at its line breaks), or one column of it in a header typed with tabs or runs of spaces. A
    paragraph's runs are split at its breaks once, the first time one of its lines is fixed, and at
    the gaps between columns when a column is fixed."""

    def __init__(self) -> None:
        self._split: dict[etree._Element, list[_LineRuns] | None] = {}

    def runs(self, line: _Line) -> _LineRuns | None:
        """The runs printing ``line``; None when a run printing it and another line also holds a
        field or a drawing, which is not split."""
        para = line.para
        if para.element not in self._split:
            found = _runs_by_line(para)
            self._split[para.element] = found if found is not None and len(found) == len(para.lines) else None
        by_line = self._split[para.element]
        if by_line is None:
            return None
        number = next((n for n, seen in enumerate(para.lines) if (seen.path, seen.text) == (line.path, line.text)), None)
        if number is not None:
            return by_line[number]
        for number, parts in enumerate(para.columns(_COLUMN_GAP)):
            column = next((k for k, part in enumerate(parts) if (part.path, part.text) == (line.path, line.text)), None)
            if column is not None:
                return _column_runs(by_line[number], column)
        return None


def _column_runs(runs: _LineRuns, column: int) -> _LineRuns | None:
    """The runs printing column ``column`` of a visual line, cut where the check cuts it
    (:data:`_COLUMN_GAP`, within each run): a run holding text on both sides of a gap is first
    split at it, in place in ``runs``; None when such a run holds a field or a drawing."""
    position = 0
    while position < len(runs):
        element, props = runs[position]
        shown = _run_text(element)
        cuts = sorted({at for gap in _COLUMN_GAP.finditer(shown) for at in gap.span()} - {0, len(shown)})
        if cuts and any(child.tag in _WHOLE for child in element):
            return None
        pieces = [element, *reversed([_split_at(element, cut) for cut in reversed(cuts)])]
        runs[position : position + 1] = [(piece, props) for piece in pieces]
        position += len(pieces)
    found, current = [], 0
    for element, props in runs:
        shown = _run_text(element)
        gaps = len(_COLUMN_GAP.findall(shown))
        if current == column and not gaps and shown.strip():
            found.append((element, props))
        current += gaps
    return found


def _run_text(run: etree._Element) -> str:
    """The text of a run of one visual line (its closing break left out)."""
    return "".join(map(_shown, run)).rstrip("\n")


def _shown(child: etree._Element) -> str:
    """What one child of a run adds to its text, as python-docx reads it."""
    if child.tag == _TEXT:
        return child.text or ""
    if child.tag in (_TAB, _PTAB):
        return "\t"
    if child.tag == _HYPHEN:
        return "-"
    return "\n" if _is_break(child) else ""


def _split_at(run: etree._Element, offset: int) -> etree._Element:
    """A new run right after ``run`` with its characters from ``offset`` on (a text node cut in two
    when the offset falls inside it); ``run`` keeps the first ones."""
    count = 0
    for child in [child for child in run if child.tag != _RUN_PROPS]:
        shown = _shown(child)
        if count + len(shown) > offset:
            if count < offset:
                tail = copy.deepcopy(child)
                child.text, tail.text = shown[: offset - count], shown[offset - count :]
                for node in (child, tail):
                    node.set(_SPACE, "preserve")
                child.addnext(tail)
                child = tail
            return _split(run, [[], [child, *child.itersiblings()]])[1]
        count += len(shown)
    return _split(run, [[], []])[1]


def _runs_by_line(para: _Para) -> list[_LineRuns] | None:
    """The runs of each visual line of ``para``. A run printing several lines is split at its
    breaks into runs of the same formatting, so that one line can be restyled alone; nothing
    printed changes."""
    lines: list[_LineRuns] = [[]]
    for run in para.runs:
        groups: list[list[etree._Element]] = [[]]
        for child in run.element:
            if child.tag != _RUN_PROPS:
                groups[-1].append(child)
                if _is_break(child):
                    groups.append([])
        filled = [group for group in groups if group]
        if len(filled) > 1 and any(child.tag in _WHOLE for group in filled for child in group):
            return None
        for group, element in zip(filled, _split(run.element, filled)):
            lines[-1].append((element, run.props))
            if _is_break(group[-1]):
                lines.append([])
    return lines


def _is_break(child: etree._Element) -> bool:
    """A line break as python-docx reads it (a page or column break starts no new line of text)."""
    return child.tag == _CARRIAGE or (
        child.tag == _BREAK and child.get(qn("w:type"), "textWrapping") == "textWrapping"
    )


def _split(run: etree._Element, groups: list[list[etree._Element]]) -> list[etree._Element]:
    """``run`` keeps the first group of its children; each other group moves to a new run right
    after it, with a copy of its attributes and properties."""
    pieces = [run]
    properties = run.find(_RUN_PROPS)
    for group in groups[1:]:
        piece = OxmlElement("w:r")
        for name, value in run.attrib.items():
            piece.set(name, value)
        if properties is not None:
            piece.append(copy.deepcopy(properties))
        piece.extend(group)
        pieces[-1].addnext(piece)
        pieces.append(piece)
    return pieces


def _line_text_nodes(runs: _LineRuns) -> list[etree._Element]:
    return [node for element, _ in runs for node in element.iter(_TEXT)]


def _replace(nodes: list[etree._Element], start: int, end: int, new: str) -> None:
    """Characters ``start:end`` of the nodes' joined text replaced by ``new``, which goes in the
    node holding ``start``; the other nodes keep their text and formatting."""
    offset, placed = 0, False
    for node in nodes:
        value = node.text or ""
        low, high = (min(max(at - offset, 0), len(value)) for at in (start, end))
        put = not placed and (start < offset + len(value) or start == end <= offset + len(value))
        if put or low < high:
            node.text = value[:low] + (new if put else "") + value[high:]
            placed = placed or put
        offset += len(value)


# --- Date line zeros (PL1 Phần II mục 4.b) and the Tiêu ngữ (mục 1) ---

_DAY = re.compile(r"(ngày\s+)(\d{1,2})\b")
_MONTH = re.compile(r"(tháng\s+)(\d{1,2})\b")


def _date_zeros(layout: _Layout, lines: _Lines) -> Iterator[str]:
    """The day and month of the date line written with the zeros of mục 4.b; only their digits change."""
    runs = lines.runs(layout.date) if layout.date is not None else None
    if runs is None:
        return
    nodes = _line_text_nodes(runs)
    joined = "".join(node.text or "" for node in nodes)
    edits = [
        (match.start(2), match.end(2), wanted)
        for pattern, padded in ((_DAY, _padded_day), (_MONTH, _padded_month))
        for match in pattern.finditer(joined)
        if (wanted := padded(int(match[2]))) != match[2]
    ]
    for start, end, wanted in sorted(edits, reverse=True):
        _replace(nodes, start, end, wanted)
    if edits:
        after = " ".join("".join(node.text or "" for node in nodes).split())
        yield text("fix.nd30.date", before=layout.date.text, after=after)


def _padded_day(day: int) -> str:
    return str(day).zfill(_ZERO_PADDED_WIDTH)


def _padded_month(month: int) -> str:
    return str(month).zfill(_ZERO_PADDED_WIDTH) if month in _ZERO_PADDED_MONTHS else str(month)


def _motto_text(layout: _Layout, lines: _Lines) -> Iterator[str]:
    """The Tiêu ngữ with its hyphens as written in the decree (a hyphen-minus, a space each side),
    when its letters are already those of the motto: only the dashes and spaces between its words
    change, spaces before and after it stay. A misspelt word is left for the clerk to correct."""
    if layout.motto is None:
        return
    line = layout.motto[0][layout.motto[1]]
    runs = lines.runs(line) if _letters(line.text) == _letters(spec.MOTTO) else None
    if runs is None:
        return
    nodes = _line_text_nodes(runs)
    joined = "".join(node.text or "" for node in nodes)
    if joined.strip() == spec.MOTTO:  # as typed: two spaces between words are a defect too
        return
    start = len(joined) - len(joined.lstrip())
    _replace(nodes, start, len(joined.rstrip()), spec.MOTTO)
    yield text("fix.nd30.motto", before=joined.strip(), after=spec.MOTTO)


def _letters(line: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFC", line) if char.isalpha())


# --- Size, bold and italic of the frame's components (PL1 Phần II; ô 1–9b) ---


def _components(layout: _Layout) -> Iterable[tuple[str, list[_Line], spec.TextStyle]]:
    """Each component with its lines. A name of an agency or a signing authority not in capitals,
    or a signer's "name" not starting with a capital (a "(Ký, ghi rõ họ tên)" of a form), is not
    surely that component: restyling it could change a line that is something else, so it is left."""
    motto = [layout.motto[0][layout.motto[1]]] if layout.motto else []
    label, *items = layout.recipients or [None]
    signatures = [line for block in layout.signature_blocks for line in block]
    return (
        ("Quốc hiệu", [layout.national_title] if layout.national_title else [], spec.NATIONAL_TITLE_STYLE),
        ("Tiêu ngữ", motto, spec.MOTTO_STYLE),
        ("tên cơ quan chủ quản", [line for line in layout.parent if _is_caps(line)], spec.PARENT_BODY_STYLE),
        ("tên cơ quan ban hành", [line for line in layout.issuer if _is_caps(line)], spec.ISSUER_STYLE),
        ("số, ký hiệu", [layout.number] if layout.number else [], spec.NUMBER_STYLE),
        ("địa danh, ngày tháng", [layout.date] if layout.date else [], spec.DATE_LINE_STYLE),
        ("tên loại", [layout.title] if layout.title else [], spec.DOC_TYPE_STYLE),
        ("trích yếu", layout.subject, spec.SUBJECT_STYLE),
        ("căn cứ", layout.basis, spec.LEGAL_BASIS_STYLE),
        ("Nơi nhận", [label] if label else [], spec.RECIPIENTS_LABEL_STYLE),
        ("các nơi nhận", items, spec.RECIPIENT_ITEM_STYLE),
        ("quyền hạn, chức vụ người ký", [line for line in signatures if _is_caps(line)], spec.AUTHORITY_STYLE),
        ("họ tên người ký", [block[-1] for block in layout.signature_blocks
                             if block and not _is_caps(block[-1]) and block[-1].text[:1].isupper()],
         spec.SIGNER_NAME_STYLE),
    )


# A công văn has no tên loại, and its trích yếu is the "V/v" line (PL1 Phần II mục 5.b).
_CENTRED = ("tên loại", "trích yếu")


def _component_styles(layout: _Layout, frame: str, split: _Lines) -> Iterator[str]:
    components = [(name, lines, style) for name, lines, style in _components(layout)
                  if not (frame == "letter" and name in _CENTRED)]
    centred = {(line.path, line.text) for name, lines, _ in components if name in _CENTRED for line in lines}
    for name, lines, style in components:
        fixed = [
            line for line in lines
            if line is not None and _restyle(split.runs(line), line, style,
                                             centre=name in _CENTRED and _only_of(line.para, centred))
        ]
        if fixed:
            yield text("fix.nd30.style", component=name, count=len(fixed))


def _only_of(para: _Para, lines: set[tuple[str, str]]) -> bool:
    """Whether every non-empty line of ``para`` is one of ``lines``: centring a paragraph moves all of them."""
    return all((line.path, line.text) in lines for line in para.lines if line.text)


def _restyle(runs: _LineRuns | None, line: _Line, style: spec.TextStyle, *, centre: bool) -> bool:
    """Set the size, bold and italic of every run of ``line`` (``runs``) that departs from
    ``style`` (and centre its paragraph when it must be)."""
    if runs is None:
        return False
    changed = False
    if centre and line.para.props.align != "center":
        Paragraph(line.para.element, None).alignment = WD_ALIGN_PARAGRAPH.CENTER
        changed = True
    for element, props in runs:
        if not "".join(node.text or "" for node in element.iter(_TEXT)).strip():
            continue
        font = Run(element, None).font
        if not style.allows_size(props.size):
            font.size = Pt(style.chosen)
            changed = True
        if props.bold != style.bold:
            font.bold = style.bold
            changed = True
        if props.italic != style.italic:
            font.italic = style.italic
            changed = True
    return changed


# --- The page number's size and centring (PL1 Phần I khoản 7) ---

_PAGE_NUMBER = "số trang"


def _page_number_styles(model: _Document) -> Iterator[str]:
    """A page number at the top of the page set to the size of khoản 7 and centred, where the
    check finds it otherwise (:func:`_page_numbers` has put it there and off page 1)."""
    fixed = [
        para
        for part in model.page_parts if part.shown and part.is_header
        for para in _page_number_paras(part)
        if any(_page_number_style(model, para)) and _restyle_page_number(model, para)
    ]
    if fixed:
        yield text("fix.nd30.style", component=_PAGE_NUMBER, count=len(fixed))


def _restyle_page_number(model: _Document, para: _Para) -> bool:
    changed = False
    for run in para.runs:
        shown = run.text.strip() or run.element.find(_INSTR_TEXT) is not None
        if shown and not spec.PAGE_NUMBER_SIZE.allows(run.props.size):
            Run(run.element, None).font.size = Pt(spec.PAGE_NUMBER_SIZE.chosen)
            changed = True
    if not _printed_centred(model, para):
        Paragraph(para.element, None).alignment = WD_ALIGN_PARAGRAPH.CENTER
        changed = True
    return changed


# --- The line under the Tiêu ngữ (PL1 Phần II mục 1) ---

# The rule as the frame draws it: the bottom border of an empty, very low paragraph under the
# Tiêu ngữ, narrowed by its indents to the motto's length (RULE_RATIO_MOTTO).
_RULE_PARA = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:pPr>'
    '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
    '<w:spacing w:before="0" w:after="0" w:line="60" w:lineRule="exact"/>'
    '<w:ind w:left="{left}" w:right="{right}" w:firstLine="0"/>'
    '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>'
)


def _motto_rule(model: _Document, layout: _Layout) -> Iterator[str]:
    """A solid line drawn under a Tiêu ngữ that has none, when the motto is the last line of its own
    paragraph (a line sharing its paragraph with the lines under it, or in a text box, is left)."""
    if layout.motto is None or _rule_below(*layout.motto, model) is not None:
        return
    line = layout.motto[0][layout.motto[1]]
    para = line.para
    room = model.content_width(para)
    own = para.lines and para.lines[-1] is line
    if not own or para.anchor is not None or room is None:
        return
    inside = room - para.props.left - para.props.right
    text_tw = sum(text_width_pt(part.strip(), props.size, bold=props.bold) * 20
                  for part, props in line.segments if part.strip())
    length = min(inside, text_tw * spec.RULE_RATIO_MOTTO.chosen)
    if model.centred(line):
        left = para.props.left + (inside - length) / 2
    elif para.props.align in ("right", "end"):
        left = para.props.left + inside - length
    else:
        left = para.props.left
    right = room - left - length
    para.element.addnext(etree.fromstring(_RULE_PARA.format(left=round(left), right=round(right))))
    yield text("fix.nd30.motto_rule")


# --- Page numbers top centre from page 2 (PL1 Phần I khoản 7) ---

_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARAGRAPH = qn("w:p")
_FIELD_CHAR = qn("w:fldChar")
_FIELD_PARTS = frozenset({_RUN_PROPS, _FIELD_CHAR, _INSTR_TEXT})
_SIZE = round(spec.PAGE_NUMBER_SIZE.chosen * 2)
# The page number as the frame writes it (frame.page_header_xml), in Times New Roman and with no
# indent of its own, so that a document's Normal style cannot move or restyle it.
_PAGE_NUMBER_PARA = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:pPr>'
    '<w:spacing w:before="0" w:after="0"/><w:ind w:left="0" w:right="0" w:firstLine="0"/>'
    f'<w:jc w:val="center"/><w:rPr><w:sz w:val="{_SIZE}"/><w:szCs w:val="{_SIZE}"/></w:rPr></w:pPr>'
    '<w:fldSimple w:instr=" PAGE "><w:r><w:rPr>'
    f'<w:rFonts w:ascii="{spec.FONT_NAME}" w:hAnsi="{spec.FONT_NAME}" w:cs="{spec.FONT_NAME}"/>'
    f'<w:sz w:val="{_SIZE}"/><w:szCs w:val="{_SIZE}"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p>'
)


def _page_numbers(document, model: _Document) -> Iterator[str]:
    """Where the check finds the page number missing, in a footer or on page 1: the PAGE field taken
    out of the footers (the words typed around it stay), page 1 given its own header and footer
    (``titlePg``) holding what it printed before but the number, and the number put centred at
    the top of the other pages. A one-page document is not asked for one, as in the check."""
    shown = [part for part in model.page_parts if part.shown]
    missing = not any(_page_number_paras(part) for part in shown) and _longer_than_a_page(model)
    footers = [part for part in shown if not part.is_header and _page_number_paras(part)]
    first = any(_page_number_paras(part) for part in _first_page_parts(model))
    if not (missing or footers or first):
        return
    for part in document.part.package.iter_parts():
        if isinstance(part, FooterPart) and _has_page_field(part.element):
            _drop_page_fields(part.element)
    sections = document.element.body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr")
    _blank_first_page(document.part, sections[0])
    kinds = ("default", "even") if model.even_pages else ("default",)
    for number, sect in enumerate(sections):
        for kind in kinds:
            _number_pages(document.part, sect, kind, create=number == 0)
    yield text("fix.nd30.page_number/moved" if footers else "fix.nd30.page_number")


def _has_page_field(root: etree._Element) -> bool:
    return any(_PAGE_FIELD.search(_field_code(p)) for p in root.iter(_PARAGRAPH))


def _drop_page_fields(root: etree._Element) -> None:
    """The PAGE fields of a header or footer taken out; a paragraph that held nothing else goes too,
    but the part keeps one paragraph (ECMA-376 §17.10.3 asks for a block)."""
    for para in [p for p in root.iter(_PARAGRAPH) if _PAGE_FIELD.search(_field_code(p))]:
        for simple in [f for f in para.iter(_FLD_SIMPLE) if _PAGE_FIELD.search(f.get(qn("w:instr"), ""))]:
            simple.getparent().remove(simple)
        _drop_complex_page_fields(para)
        if _NUMBER_LABEL.fullmatch("".join(node.text or "" for node in para.iter(_TEXT))):
            _drop_text_runs(para)  # "Trang " printed the number with it: it goes with the number
        empty = not "".join(node.text or "" for node in para.iter(_TEXT)).strip() and not any(
            child.tag in _WHOLE for run in para.iter(qn("w:r")) for child in run
        )
        if empty and len(root.findall(_PARAGRAPH)) > 1 and para.getparent() is root:
            root.remove(para)


# What may be typed around a page number and means nothing without it: "Trang 2", "- 2 -", "Page 2".
_NUMBER_LABEL = re.compile(r"[\s\-–—.:]*(?:trang|page)?[\s\-–—.:]*", re.IGNORECASE)


def _drop_text_runs(para: etree._Element) -> None:
    for run in [r for r in para.iter(qn("w:r")) if r.find(_TEXT) is not None]:
        run.getparent().remove(run)


def _drop_complex_page_fields(para: etree._Element) -> None:
    """The runs of each PAGE field written as fldChar begin … separate … end, with its result."""
    field: list[etree._Element] = []
    depth = 0
    for run in list(para.iter(qn("w:r"))):
        chars = [child.get(qn("w:fldCharType")) for child in run.iter(_FIELD_CHAR)]
        if "begin" in chars and depth == 0:
            field = []
        depth += chars.count("begin")
        if depth:
            field.append(run)
        depth -= chars.count("end")
        if depth == 0 and field and "end" in chars:
            code = " ".join(node.text or "" for item in field for node in item.iter(_INSTR_TEXT))
            plain = all(child.tag in _FIELD_PARTS or child.tag == _TEXT for item in field for child in item)
            if _PAGE_FIELD.search(code) and plain:
                for item in field:
                    item.getparent().remove(item)
            field = []


_KINDS = {"default": "PRIMARY", "first": "FIRST_PAGE", "even": "EVEN_PAGE"}


def _reference(sect: etree._Element, is_header: bool, kind: str) -> etree._Element | None:
    tag = "w:headerReference" if is_header else "w:footerReference"
    return next((ref for ref in sect.iterchildren(qn(tag)) if ref.get(qn("w:type"), "default") == kind), None)


def _new_part(document_part, sect: etree._Element, is_header: bool, kind: str, source=None):
    """A new header or footer part for ``kind`` in ``sect`` (replacing the one it pointed at),
    holding a copy of ``source``'s content with its page numbers taken out, or one empty paragraph."""
    part, rid = document_part.add_header_part() if is_header else document_part.add_footer_part()
    if source is not None:
        root = part.element
        for child in list(root):
            root.remove(child)
        for child in source.element:
            root.append(copy.deepcopy(child))
        _relink(source, part)
        _drop_page_fields(root)
    ref = _reference(sect, is_header, kind)
    if ref is not None:
        ref.set(qn("r:id"), rid)
    elif is_header:
        sect.add_headerReference(getattr(WD_HEADER_FOOTER, _KINDS[kind]), rid)
    else:
        sect.add_footerReference(getattr(WD_HEADER_FOOTER, _KINDS[kind]), rid)
    return part


def _relink(source, part) -> None:
    """Pictures and links of a copied header point at the copy's own relationships."""
    for node in part.element.iter():
        for name, value in list(node.attrib.items()):
            if name.startswith(f"{{{_R_NS}}}") and value in source.rels:
                rel = source.rels[value]
                target = rel.target_ref if rel.is_external else rel.target_part
                node.set(name, part.relate_to(target, rel.reltype, is_external=rel.is_external))


def _part_of(document_part, ref: etree._Element | None):
    return document_part.related_parts.get(ref.get(qn("r:id"))) if ref is not None else None


def _blank_first_page(document_part, sect: etree._Element) -> None:
    """Page 1 without its number: with ``titlePg`` set, its own header and footer holding what the
    page printed before (the default ones, or the first-page ones already shown) less the PAGE field."""
    shown_first = sect.titlePg_val
    for is_header in (True, False):
        default = _part_of(document_part, _reference(sect, is_header, "default"))
        first = _part_of(document_part, _reference(sect, is_header, "first"))
        printed = first if shown_first else default
        if printed is None:
            if is_header and not shown_first:
                _new_part(document_part, sect, True, "first")
            continue
        if printed is not first or _has_page_field(printed.element):
            _new_part(document_part, sect, is_header, "first", printed)
    sect.titlePg_val = True


def _number_pages(document_part, sect: etree._Element, kind: str, *, create: bool) -> None:
    """The header of ``kind`` holding a centred page number at its top; a section without one of its
    own prints its predecessor's, and only the first is given a new one (``create``)."""
    part = _part_of(document_part, _reference(sect, True, kind))
    if part is None and create:
        part = _new_part(document_part, sect, True, kind)
        for child in list(part.element):
            part.element.remove(child)
    if part is not None and not _has_page_field(part.element):
        part.element.insert(0, etree.fromstring(_PAGE_NUMBER_PARA))
