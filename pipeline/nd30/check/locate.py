"""Locating the components of the frame (header block, Quốc hiệu, Tiêu ngữ, issuer, Số and date
lines, title, trích yếu, căn cứ, body, signature block, Nơi nhận) in the document model; the rules
are in the package's docstring."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from pipeline.nd30 import spec
from pipeline.nd30.check.model import _Document, _Line, _Para, _Table
from pipeline.nd30.check.wordml import _LINE_SHAPES

if TYPE_CHECKING:
    from pipeline.nd30.check.kind import Kind

_NUMBER_LINE = re.compile(r"^số\s*:", re.IGNORECASE)
_DATE_LINE = re.compile(r"^[^,]+,\s*ngày\b", re.IGNORECASE)
_OPENING = re.compile(r"^(?:[-+•·▪–—*]\s*)?(?:Căn cứ|Kính gửi)\b")
_BASIS = re.compile(r"^(?P<bullet>[-+•·▪–—*]\s*)?Căn cứ\b")
_ADDRESSEE = re.compile(r"^Kính gửi\b")
_BASIS_FOLLOWER = re.compile(r"^(?:Theo đề nghị|Xét)\b")
_TYPE_NAMES = {t.name: t for t in (*spec.DOCUMENT_TYPES.values(), spec.REGISTRATION)}
# Every tên loại of NĐ 30 Điều 7 and PL3 Mục I (công văn and thư công have none), with the old
# tone placement some offices keep, longest first so that "BẢN GHI NHỚ" wins over shorter names.
_TYPE_TITLES = tuple(sorted({
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO", "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO", "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG",
    "CÔNG ĐIỆN", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "BẢN THOẢ THUẬN", "GIẤY ỦY QUYỀN", "GIẤY UỶ QUYỀN",
    "GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "PHIẾU GỬI", "PHIẾU CHUYỂN", "PHIẾU BÁO", *_TYPE_NAMES,
}, key=len, reverse=True))


def _type_name(text: str) -> str | None:
    """The tên loại a title line is or starts with ("BIÊN BẢN HỌP …" → "BIÊN BẢN"), if any."""
    upper = text.upper()
    return next((name for name in _TYPE_TITLES if upper == name or upper.startswith(name + " ")), None)
# Titles that sign a document side by side instead of a signing authority (PL3 Mẫu 1.9: THƯ KÝ,
# CHỦ TỌA; vote counts and award forms: TRƯỞNG BAN KIỂM PHIẾU, NGƯỜI BÁO CÁO THÀNH TÍCH, THỦ TRƯỞNG
# ĐƠN VỊ, XÁC NHẬN CỦA …).
_COUNTERSIGN_TITLE = re.compile(
    r"^(?:THƯ KÝ|CHỦ TỌA|CHỦ TOẠ|CHỦ TRÌ|TRƯỞNG BAN|CÁC THÀNH VIÊN|THÀNH VIÊN|NGƯỜI BÁO CÁO|NGƯỜI LẬP|"
    r"THỦ TRƯỞNG|XÁC NHẬN)\b"
)
_SIDE_ALIGNMENTS = frozenset({"center", "right", "end"})
# A rule typed as characters ("-----", "______", "=====") instead of drawn: PL1 Phần II mục 1, 2, 5
# ask for a solid line (đường kẻ ngang, nét liền).
_TYPED_RULE = re.compile(r"^[-_–—=.…*\s]*[-_–—=]{3,}[-_–—=.…*\s]*$")
# The trích yếu of a công văn, under its number (PL1 Phần II mục 5.b).
_LETTER_SUBJECT = re.compile(r"^(?:V/v|V/V|Về việc)\b")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(f"([OoUu])([AaEeYy])([{_TONE_MARKS}])")


def _authority_pattern(abbreviation: str) -> str:
    """A pattern for one abbreviation that also matches the forms clerks write for it: "K/T",
    "KT/", "KT" without its dot."""
    return "/?".join(re.escape(letter) for letter in abbreviation.rstrip("."))


_AUTHORITY = re.compile(
    r"^(?P<prefix>%s)(?=[./\s])"
    % "|".join(sorted((_authority_pattern(a) for a in spec.SIGNING_AUTHORITIES), key=len, reverse=True))
)


def _modern_tone(text: str) -> str:
    """Move old-style tone marks ("HOÀ") to the modern place ("HÒA")."""
    return unicodedata.normalize("NFC", _OLD_TONE.sub(r"\1\3\2", unicodedata.normalize("NFD", text)))


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _is_caps(line: _Line) -> bool:
    has_letters = any(ch.isalpha() for ch in line.text)
    return has_letters and (line.text == line.text.upper() or all(p.caps for _, p in line.segments))


def _is_bold(line: _Line) -> bool:
    return bool(line.segments) and all(p.bold for _, p in line.segments)


def _is_label(line: _Line) -> bool:
    return line.text.casefold().replace(" :", ":").startswith(spec.RECIPIENTS_LABEL.casefold())


def _is_typed_rule(text: str) -> bool:
    return bool(_TYPED_RULE.match(text))


def _is_national_title(line: _Line) -> bool:
    return _modern_tone(line.text.upper()) == spec.NATIONAL_TITLE


def _is_motto(line: _Line) -> bool:
    return _letters(line.text) == _letters(spec.MOTTO)


@dataclass
class _Layout:
    """Where each component of the frame was found (None or empty when it was not)."""

    header_path: str
    header: list[list[_Line]]
    national_title: _Line | None
    motto: tuple[list[_Line], int] | None
    number: _Line | None
    date: _Line | None
    issuer: list[_Line]
    issuer_end: tuple[list[_Line], int] | None
    parent: list[_Line]
    title: _Line | None
    subject: list[_Line]
    subject_end: tuple[list[_Line], int] | None
    basis: list[_Line]
    after_basis: _Line | None
    body: list[_Para]
    signature: _Table | None
    signature_blocks: list[list[_Line]]
    recipients: list[_Line]
    letter_subject: _Line | None  # a công văn's "V/v …" (PL1 Phần II mục 5.b)
    kind: Kind | None = None  # what the document was taken for (kind.assume), set once found


def _analyse(doc: _Document) -> _Layout:
    items = doc.main_items
    header, header_end, header_table = _header(items)
    if _find_line(header, _is_national_title) is None:
        # A header drawn in text boxes (one box per block, or one for all): read them as columns.
        header = header + [[line for para in box for line in para.lines] for box in doc.text_boxes]
    national_title = _find_line(header, _is_national_title)
    motto = _find_spot(header, _is_motto)
    number_spot = _find_spot(header, lambda line: bool(_NUMBER_LINE.match(line.text)))
    date = _find_line(header, lambda line: bool(_DATE_LINE.match(line.text)))
    issuer, parent, issuer_end = _issuer(header, number_spot)
    front = [line for item in _leading_paras(items, header_end) for line in item.lines]
    opening = _front(front)
    body_start = opening.end.para.index + 1 if opening.end else header_end
    signature, signature_index = _signature_table(items, body_start)
    if signature is None:
        signature_index = _signature_start(items, body_start)
    body = [
        item
        for item in items[body_start:signature_index]
        if isinstance(item, _Para) and item.text and item.props.align != "center" and not _is_typed_rule(item.text)
    ]
    parts = _signature_parts(items, signature, signature_index)
    recipients = _recipients([*parts, [line for para in _paras(items) for line in para.lines]])
    return _Layout(
        header_path=header_table.path if header_table else "phần đầu văn bản",
        header=header,
        national_title=national_title,
        motto=motto,
        number=number_spot[0][number_spot[1]] if number_spot else None,
        date=date,
        issuer=issuer,
        issuer_end=issuer_end,
        parent=parent,
        title=opening.title,
        subject=opening.subject,
        subject_end=opening.subject_end,
        basis=opening.basis,
        after_basis=opening.after_basis,
        body=body,
        signature=signature,
        signature_blocks=_signature_blocks(parts, recipients),
        recipients=recipients,
        letter_subject=_find_line([*header, _first_filled(front)], _is_letter_subject),
    )


def _first_filled(lines: list[_Line]) -> list[_Line]:
    return next(([line] for line in lines if line.text), [])


def _is_letter_subject(line: _Line) -> bool:
    return bool(_LETTER_SUBJECT.match(line.text))


def _header(items: list[_Para | _Table]) -> tuple[list[list[_Line]], int, _Table | None]:
    """The header block's columns of lines, the index of the first block after it, its table."""
    first = next((i for i, item in enumerate(items) if isinstance(item, _Table) or item.text), None)
    if first is None:
        return [], len(items), None
    if isinstance(items[first], _Table):
        return _table_columns(items[first]), first + 1, items[first]
    paras = list(_leading_paras(items, first))
    end = _paragraph_header_end(paras)
    after = first + len(paras)
    if not end and after < len(items) and any(_is_national_title(line) for para in paras for line in para.lines):
        # Quốc hiệu and Tiêu ngữ typed as centred paragraphs above a table holding the issuer, the
        # number and the date: the paragraphs are one more column of that table's header.
        lines = [line for para in paras for line in para.lines]
        return [*_table_columns(items[after]), lines], after + 1, items[after]
    return _typed_columns(paras[:end]), first + end, None


def _table_columns(table: _Table) -> list[list[_Line]]:
    """A header table's first column, and its other columns as one."""
    left = [line for column, cell in table.cells if column == 1 for line in cell.lines]
    right = [line for column, cell in table.cells if column > 1 for line in cell.lines]
    return [left, right] if right else [left]


# A tab, or ten spaces or more, between two parts of a typed header line; not the blank left for
# the number or the day ("Số:      /QĐ-UBND", "ngày      tháng 9 năm 2025").
_COLUMN_GAP = re.compile(r"(?:\s*\t\s*|\s{10,})(?![\s/.…_]|tháng|năm)")


def _typed_columns(paras: list[_Para]) -> list[list[_Line]]:
    """A header typed as paragraphs: one column, or two when its lines are cut by tabs or runs of
    spaces ("UBND TỈNH<tab>CỘNG HÒA …"); the parts after the first cut make the right column."""
    lines = [pieces for para in paras for pieces in para.columns(_COLUMN_GAP)]
    if not any(len([piece for piece in pieces if piece.text]) > 1 for pieces in lines):
        return [[line for para in paras for line in para.lines]]
    left: list[_Line] = []
    right: list[_Line] = []
    for pieces in lines:
        filled = [piece for piece in pieces if piece.text]
        if not filled:  # an empty line (often carrying a rule) belongs to both columns
            left.append(pieces[0])
            right.append(pieces[0])
        elif pieces[0].text:
            left.append(pieces[0])
            right.extend(filled[1:])
        else:  # typed after a gap ("<tab>Độc lập - Tự do - Hạnh phúc"): the right column
            right.extend(filled)
    return [left, right]


def _leading_paras(items: list[_Para | _Table], start: int) -> Iterator[_Para]:
    """Body paragraphs from ``start`` up to the next table."""
    for item in items[start:]:
        if isinstance(item, _Table):
            return
        yield item


def _paragraph_header_end(paras: list[_Para]) -> int:
    """Without a header table the header ends at the title, or after the last Số or date line."""
    for number, para in enumerate(paras):
        if any(_is_caps(line) and _type_name(line.text) for line in para.lines):
            return number
    marks = [
        number
        for number, para in enumerate(paras)
        if any(_NUMBER_LINE.match(line.text) or _DATE_LINE.match(line.text) for line in para.lines)
    ]
    return marks[-1] + 1 if marks else 0


def _find_spot(
    columns: list[list[_Line]], predicate: Callable[[_Line], bool]
) -> tuple[list[_Line], int] | None:
    for lines in columns:
        for index, line in enumerate(lines):
            if predicate(line):
                return lines, index
    return None


def _find_line(columns: list[list[_Line]], predicate: Callable[[_Line], bool]) -> _Line | None:
    spot = _find_spot(columns, predicate)
    return spot[0][spot[1]] if spot else None


def _issuer(
    columns: list[list[_Line]], number_spot: tuple[list[_Line], int] | None
) -> tuple[list[_Line], list[_Line], tuple[list[_Line], int] | None]:
    """(issuer lines, parent body lines, spot of the last issuer line)."""
    if number_spot:
        lines, stop = number_spot
        block = _line_run(lines, reversed(range(stop)))[::-1]
    else:  # no Số line: the first lines of the left column
        lines = columns[0] if columns else []
        block = _line_run(lines, range(len(lines)))
    split = len(block)
    while split and _is_bold(lines[block[split - 1]]):
        split -= 1
    if split == len(block):  # nothing bold: every line is taken as the issuer
        split = 0
    issuer = [lines[i] for i in block[split:]]
    return issuer, [lines[i] for i in block[:split]], (lines, block[-1]) if block else None


def _line_run(lines: list[_Line], order: Iterable[int]) -> list[int]:
    """Indexes of the first run of non-empty lines met in ``order`` (leading empty lines and the
    Quốc hiệu and Tiêu ngữ of a one-column header skipped)."""
    run: list[int] = []
    for index in order:
        line = lines[index]
        if line.text and not (_is_national_title(line) or _is_motto(line) or _is_typed_rule(line.text)):
            run.append(index)
        elif run:
            break
    return run


class _Front(NamedTuple):
    title: _Line | None
    subject: list[_Line]
    subject_end: tuple[list[_Line], int] | None
    basis: list[_Line]
    after_basis: _Line | None
    end: _Line | None  # the last line the title, trích yếu, Kính gửi and căn cứ take up


def _front(front: list[_Line]) -> _Front:
    """Title, trích yếu and căn cứ in the lines after the header."""
    position = next((i for i, line in enumerate(front) if line.text), len(front))
    title = None
    if position < len(front) and (_is_caps(front[position]) or _type_name(front[position].text)):
        title = front[position]
        position += 1
    subject_start = position
    while title and position < len(front) and _is_subject(front[position]):
        position += 1
        if front[position - 1].last and front[position - 1].para.props.border:
            break
    subject = front[subject_start:position]
    subject_end = (front, position - 1) if subject else None
    consumed = subject[-1] if subject else title
    position, consumed = _skip_addressees(front, position, consumed)
    basis_start = position
    while basis_start < len(front) and (not front[basis_start].text or _is_caps(front[basis_start])):
        basis_start += 1
    basis: list[_Line] = []
    while basis_start < len(front) and (not front[basis_start].text or _BASIS.match(front[basis_start].text)):
        if front[basis_start].text:
            basis.append(front[basis_start])
        basis_start += 1
    after_basis = front[basis_start] if basis and basis_start < len(front) else None
    return _Front(title, subject, subject_end, basis, after_basis, basis[-1] if basis else consumed)


def _is_subject(line: _Line) -> bool:
    centred_or_bold = line.para.props.align == "center" or _is_bold(line)
    return bool(line.text) and not _OPENING.match(line.text) and not _is_typed_rule(line.text) and centred_or_bold


def _skip_addressees(front: list[_Line], position: int, consumed: _Line | None) -> tuple[int, _Line | None]:
    """Skip a "Kính gửi:" block (its line and the "- …" lines under it)."""
    index = position
    while index < len(front) and not front[index].text:
        index += 1
    if index == len(front) or not _ADDRESSEE.match(front[index].text):
        return position, consumed
    consumed = front[index]
    index += 1
    while index < len(front) and (not front[index].text or front[index].text.startswith("-")):
        consumed = front[index] if front[index].text else consumed
        index += 1
    return index, consumed


def _holds_signature(lines: Iterable[_Line]) -> bool:
    return any(
        _is_label(line) or _AUTHORITY.match(line.text) or _COUNTERSIGN_TITLE.match(line.text) for line in lines
    )


def _signature_table(items: list[_Para | _Table], start: int) -> tuple[_Table | None, int]:
    for index in reversed(range(start, len(items))):
        item = items[index]
        if isinstance(item, _Table) and _holds_signature(
            line for _, cell in item.cells for line in cell.lines
        ):
            return item, index
    return None, len(items)


def _signature_start(items: list[_Para | _Table], start: int) -> int:
    """Without a signature table: the first paragraph with "Nơi nhận:" or a signing authority,
    moved up over the centred or right-aligned lines just above it (a position and name typed
    without an authority prefix)."""
    found = next(
        (
            i
            for i in range(start, len(items))
            if isinstance(items[i], _Para) and _holds_signature(items[i].lines)
        ),
        len(items),
    )
    for index in reversed(range(start, found)):
        item = items[index]
        if not isinstance(item, _Para) or (item.text and item.props.align not in _SIDE_ALIGNMENTS):
            break
        if item.text:
            found = index
    return found


def _paras(items: Iterable[_Para | _Table]) -> list[_Para]:
    return [item for item in items if isinstance(item, _Para)]


def _signature_parts(items: list[_Para | _Table], signature: _Table | None, start: int) -> list[list[_Line]]:
    """The signature block's parts: its table's cells, or one part of the paragraphs from ``start``."""
    if signature is not None:
        # One part per column: side-by-side signatures may put titles and names in separate rows.
        columns: dict[int, list[_Line]] = {}
        for column, cell in signature.cells:
            columns.setdefault(column, []).extend(cell.lines)
        return list(columns.values())
    tail = [line for para in _paras(items[start:]) for line in para.lines]
    return [tail] if tail else []


def _signature_blocks(parts: list[list[_Line]], recipients: list[_Line]) -> list[list[_Line]]:
    """The parts that hold a signature: without the Nơi nhận lines, with a capitalised line."""
    taken = {id(line) for line in recipients}
    blocks = [[line for line in part if id(line) not in taken and line.text] for part in parts]
    return [block for block in blocks if any(_is_caps(line) for line in block)]


def _recipients(containers: list[list[_Line]]) -> list[_Line]:
    """The "Nơi nhận:" line and its items, from the first container that has one (the signature
    block's parts first, then the whole body)."""
    for lines in containers:
        labels = [index for index, line in enumerate(lines) if _is_label(line)]
        if labels:
            return [lines[labels[-1]], *_recipient_items(lines[labels[-1] + 1 :])]
    return []


def _recipient_items(lines: list[_Line]) -> list[_Line]:
    items: list[_Line] = []
    for line in lines:
        if _AUTHORITY.match(line.text) or (items and not line.text):
            break
        if line.text:
            items.append(line)
    return items


class _Rule(NamedTuple):
    para: _Para | None  # the paragraph carrying the border; None for a drawn line shape
    typed: _Line | None = None  # a line of "-----" typed in place of the rule


def _rule_below(lines: list[_Line], index: int) -> _Rule | None:
    line = lines[index]
    if line.last and line.para.props.border:
        return _Rule(line.para)
    after = lines[index + 1] if index + 1 < len(lines) else None
    if after is not None and not after.text and after.para.props.border:
        return _Rule(after.para)
    if after is not None and _is_typed_rule(after.text):
        return _Rule(None, after)
    if line.para.anchor is not None:  # a text box: lines are drawn beside it, in its anchor
        scopes = [line.para.anchor]
    elif line.para.cell is not None:
        scopes = [line.para.cell]
    else:
        scopes = [near.para.element for near in (line, after) if near is not None]
    return _Rule(None) if any(_LINE_SHAPES(scope) for scope in scopes) else None
