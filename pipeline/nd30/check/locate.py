"""Locating the components of the frame (header block, Quốc hiệu, Tiêu ngữ, issuer, Số and date
lines, title, trích yếu, căn cứ, body, signature block, Nơi nhận) in the document model; the rules
are in the package's docstring."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from docx.oxml.ns import qn
from lxml import etree

from pipeline.nd30 import spec
from pipeline.nd30.check.conventions import _LINE_HEIGHT_FACTOR
from pipeline.nd30.check.drawn import Drawn, horizontal_lines, ruled_below
from pipeline.nd30.check.model import _Document, _Line, _Para, _Table
from pipeline.nd30.check.wordml import _LINE_SHAPES, _TC
from pipeline.nd30.metrics import text_width_pt

if TYPE_CHECKING:
    from pipeline.nd30.check.kind import Kind

# "Số:", or the number of a law: "Luật số: 06/2022/QH15", "Pháp lệnh số: …" (NĐ 34/2016, Phụ lục I).
_NUMBER_LINE = re.compile(r"^(?:(?:luật|bộ luật|pháp lệnh)\s+)?số\s*:", re.IGNORECASE)
_DATE_LINE = re.compile(r"^[^,]+,\s*ngày\b", re.IGNORECASE)
_OPENING = re.compile(r"^(?:[-+•·▪–—*]\s*)?(?:Căn cứ|Kính gửi)\b")
# "Căn cứ", and the same word with its tone mark lost ("Căn cư"), still read as a căn cứ.
_BASIS = re.compile(r"^(?P<bullet>[-+•·▪–—*]\s*)?Căn\s+c[ứưú]\b")
_ADDRESSEE = re.compile(r"^Kính gửi\b")
# What may follow the last căn cứ and continue its sentence: "Theo đề nghị …", "Xét …", "Sau khi
# thống nhất với …" (a Thông tư), or the enacting line of a legal normative document ("Quốc hội ban
# hành Luật …", "Bộ trưởng … ban hành Thông tư …"; NĐ 34/2016, Phụ lục I, mẫu 1, 3, 6).
_BASIS_FOLLOWER = re.compile(
    r"^(?:Theo đề nghị|Xét|Sau khi)\b|\bban hành (?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư|Quyết định)\b"
)
# The line under the title of a document issued with another: "(Ban hành kèm theo Quyết định số …)",
# "(Kèm theo …)" (NĐ 30/2020, Phụ lục III, mẫu 1.3; Phụ lục I, Phần III, mục 1).
_ISSUED_WITH = re.compile(r"^\((?:ban hành )?kèm theo\b", re.IGNORECASE)
# The heading of an appendix or of a form ("PHỤ LỤC II", "Mẫu số 01A", "Biểu số 02").
_APPENDIX_HEADING = re.compile(r"^(?:PHỤ LỤC|Phụ lục|MẪU SỐ|Mẫu số|BIỂU MẪU|Biểu mẫu|Biểu số|BIỂU SỐ)\b")
_TYPE_NAMES = {t.name: t for t in (*spec.DOCUMENT_TYPES.values(), spec.REGISTRATION)}
# Every tên loại of NĐ 30 Điều 7 and PL3 Mục I (công văn and thư công have none), with the old
# tone placement some offices keep, longest first so that "BẢN GHI NHỚ" wins over shorter names.
_TYPE_TITLES = tuple(sorted({
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO", "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO", "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG",
    "CÔNG ĐIỆN", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "BẢN THOẢ THUẬN", "GIẤY ỦY QUYỀN", "GIẤY UỶ QUYỀN",
    "GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "PHIẾU GỬI", "PHIẾU CHUYỂN", "PHIẾU BÁO", *_TYPE_NAMES,
    # Legal normative documents (Luật Ban hành văn bản quy phạm pháp luật, Điều 4), whose frame is
    # close to NĐ 30's (NĐ 34/2016, Phụ lục I).
    "LUẬT", "BỘ LUẬT", "PHÁP LỆNH", "NGHỊ ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH",
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
# A rule typed as characters ("-----", "______", "=====", "----- o0o -----") instead of drawn: PL1
# Phần II mục 1, 2, 5 ask for a solid line (đường kẻ ngang, nét liền).
_RULE_RUN = r"[-_–—=.…*\s]*[-_–—=]{3,}[-_–—=.…*\s]*"
_TYPED_RULE = re.compile(rf"^{_RULE_RUN}(?:(?:[oO0]{{3}}|[*•♦§])\s*{_RULE_RUN})?$")
# A line of box-drawing strokes ("────────"): the strokes join, and the page shows a solid line.
_STROKE_RULE = re.compile(r"^[\u2500\u2501\u2015\s]*[\u2500\u2501\u2015]{3,}[\u2500\u2501\u2015\s]*$")
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


def _is_rule_text(text: str) -> bool:
    """A line that is only a rule, typed or of joined strokes: no component's text."""
    return _is_typed_rule(text) or bool(_STROKE_RULE.match(text))


def _is_national_title(line: _Line) -> bool:
    return _modern_tone(line.text.upper()) == spec.NATIONAL_TITLE


_MOTTO_LETTERS = _letters(spec.MOTTO)
# A Tiêu ngữ typed with a slip ("Độc lâp", "Tự đo") is still the Tiêu ngữ, reported as misspelt:
# at most this many letters differ.
_MOTTO_SLIPS = 2


def _is_motto(line: _Line) -> bool:
    letters = _letters(line.text)
    return abs(len(letters) - len(_MOTTO_LETTERS)) <= _MOTTO_SLIPS and _distance(letters, _MOTTO_LETTERS) <= _MOTTO_SLIPS


def _distance(first: str, second: str) -> int:
    """Levenshtein distance: letters inserted, deleted or replaced to turn one into the other."""
    row = list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(second, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (char != other))
    return row[-1]


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
    # What follows the document's own signature and Nơi nhận in its first section: appended forms
    # and appendices (PL1 Phần III mục 1), judged by the appendix rules only.
    appendix: list[_Para | _Table] = field(default_factory=list)


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
    opening = _without_enacting_authority(_front(front), issuer)
    body_start = opening.end.para.index + 1 if opening.end else header_end
    items, appendix = _split_appendix(items, body_start)
    signature, signature_index = _signature_table(items, body_start)
    if signature is None:
        signature_index = _signature_start(items, body_start)
    attached = [*_attached_text(appendix), *_attached_text(doc.appendix_items)]
    body = [item for item in [*items[body_start:signature_index], *attached] if _is_body(item)]
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
        appendix=appendix,
    )


def _is_body(item: _Para | _Table) -> bool:
    return isinstance(item, _Para) and bool(item.text) and item.props.align != "center" and not _is_typed_rule(item.text)


def _attached_text(appendix: list[_Para | _Table]) -> list[_Para | _Table]:
    """The paragraphs of a text issued with the document under a tên loại of its own (a Quy định, a
    Quy chế …: NĐ 30/2020, Phụ lục III, mẫu 1.3): text like the document's, judged as its body;
    a form or an appendix table is not."""
    first = next((item for item in appendix if isinstance(item, _Para) and item.text), None)
    if first is None or not _is_caps(first.lines[0]) or not _type_name(first.text):
        return []
    start = appendix.index(first) + 1
    return _split_appendix(appendix, start)[0][start:]  # up to its own signature: forms may follow


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
    lines = [line for para in paras for line in para.lines]
    if not end and after < len(items) and _header_above_table(lines, items[after]):
        # Quốc hiệu and Tiêu ngữ typed as centred paragraphs right above a table holding the issuer,
        # the number and the date: the paragraphs are one more column of that table's header.
        return [*_table_columns(items[after]), lines], after + 1, items[after]
    end = end or _national_lines_end(paras)
    return _typed_columns(paras[:end]), first + end, None


def _header_above_table(lines: list[_Line], table: _Para | _Table) -> bool:
    """Whether ``lines``, typed above ``table``, are the top of a header the table goes on with:
    they hold a Quốc hiệu and besides it only the Tiêu ngữ, rules and lines in capitals (an issuer
    typed above), and the table holds a Số line, a date line or a line in capitals. A table after a
    title's "(Ban hành kèm theo …)", a Kính gửi or a sentence (a form's fields) is not the header's."""
    filled = [line for line in lines if line.text]
    if not any(_is_national_title(line) for line in filled):
        return False
    if not all(_is_national_line(line) or _is_caps(line) for line in filled):
        return False
    cells = [line for _, cell in table.cells for line in cell.lines] if isinstance(table, _Table) else []
    return any(_NUMBER_LINE.match(line.text) or _DATE_LINE.match(line.text) or _is_caps(line) for line in cells)


def _is_national_line(line: _Line) -> bool:
    return _is_national_title(line) or _is_motto(line) or _is_rule_text(line.text)


def _national_lines_end(paras: list[_Para]) -> int:
    """After the Quốc hiệu, the Tiêu ngữ and their rule at the top, when nothing else of a header
    (issuer, Số, date) is typed around them (a citizen's form under a Quốc hiệu alone)."""
    end = 0
    for number, para in enumerate(paras):
        filled = [line for line in para.lines if line.text]
        if filled and not all(_is_national_line(line) for line in filled):
            break
        if filled:
            end = number + 1
    return end


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
        if line.text and not _is_national_line(line):
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
    if title and position == subject_start:
        position = _plain_subject_end(front, position)
    subject = [line for line in front[subject_start:position] if line.text]
    subject_end = (front, front.index(subject[-1])) if subject else None
    consumed = subject[-1] if subject else title
    position, consumed = _skip_addressees(front, position, consumed)
    basis_start = position
    while basis_start < len(front) and _before_basis(front[basis_start]):
        basis_start += 1
    basis: list[_Line] = []
    while basis_start < len(front) and (not front[basis_start].text or _is_basis(front[basis_start])):
        if front[basis_start].text:
            basis.append(front[basis_start])
        basis_start += 1
    after_basis = front[basis_start] if basis and basis_start < len(front) else None
    return _Front(title, subject, subject_end, basis, after_basis, basis[-1] if basis else consumed)


def _is_subject(line: _Line) -> bool:
    centred_or_bold = line.para.props.align == "center" or _is_bold(line)
    return (
        bool(line.text)
        and not _OPENING.match(line.text)
        and not _ISSUED_WITH.match(line.text)
        and not _is_typed_rule(line.text)
        and centred_or_bold
    )


def _plain_subject_end(front: list[_Line], start: int) -> int:
    """Where a trích yếu typed like running text ends (neither centred nor bold, as in a draft):
    it is known by the rule under it (PL1 Phần II mục 5.a), up to ``_SUBJECT_LINES`` lines between
    the title and a typed rule or a paragraph border. ``start`` when there is no such block."""
    filled = 0
    for index in range(start, len(front)):
        line = front[index]
        if not line.text:
            continue
        if _is_rule_text(line.text):
            return index if filled else start
        if filled == _SUBJECT_LINES or _OPENING.match(line.text) or _ISSUED_WITH.match(line.text) or _is_caps(line):
            return start
        filled += 1
        if line.last and line.para.props.border:
            return index + 1
    return start


def _before_basis(line: _Line) -> bool:
    """What may stand between the trích yếu and the căn cứ: empty lines, the rule under the trích yếu
    (typed, too) and the capitalised issuing authority of a Quyết định."""
    return not line.text or _is_caps(line) or _is_rule_text(line.text)


def _is_basis(line: _Line) -> bool:
    """A căn cứ line; one ending with ":" is the first sentence of the text ("Căn cứ vào kế hoạch …,
    Phòng … thông báo như sau:"), not a căn cứ (each ends with ";" or "."; PL1 Phần II mục 6.a)."""
    return bool(_BASIS.match(line.text)) and not line.text.rstrip().endswith(":")


def _skip_addressees(front: list[_Line], position: int, consumed: _Line | None) -> tuple[int, _Line | None]:
    """Skip a "Kính gửi:" block (its line and the "- …" lines under it, the dash typed or printed by
    a Word bullet list)."""
    index = position
    while index < len(front) and not front[index].text:
        index += 1
    if index == len(front) or not _ADDRESSEE.match(front[index].text):
        return position, consumed
    consumed = front[index]
    index += 1
    while index < len(front) and (not front[index].text or front[index].text.startswith("-") or front[index].para.label):
        consumed = front[index] if front[index].text else consumed
        index += 1
    return index, consumed


def _holds_signature(lines: Iterable[_Line]) -> bool:
    return any(
        _is_label(line) or _AUTHORITY.match(line.text) or _COUNTERSIGN_TITLE.match(line.text) for line in lines
    )


def _signature_table(items: list[_Para | _Table], start: int) -> tuple[_Table | None, int]:
    """The last table holding a signature or Nơi nhận that ends the text (a sample signature shown
    inside the text, as a Thông tư on thể thức does, is followed by more of it)."""
    for index in reversed(range(start, len(items))):
        item = items[index]
        if isinstance(item, _Table) and _holds_signature(_item_lines(item)) and _ends_text(items[index + 1 :]):
            return item, index
    return None, len(items)


def _signature_start(items: list[_Para | _Table], start: int) -> int:
    """Without a signature table: the first paragraph with "Nơi nhận:" or a signing authority
    that ends the text, moved up over the centred or right-aligned lines just above it (a
    position and name typed without an authority prefix)."""
    found = next(
        (
            i
            for i in range(start, len(items))
            if isinstance(items[i], _Para) and _holds_signature(items[i].lines) and _ends_text(items[i + 1 :])
        ),
        len(items),
    )
    for index in reversed(range(start, found)):
        item = items[index]
        if not isinstance(item, _Para) or (item.text and not _placed_aside(item)):
            break
        if item.text:
            found = index
    return found


# A position typed above the signature without an authority prefix ("CHỦ TỊCH", "GIÁM ĐỐC SỞ"): short.
_POSITION_LENGTH = 60


def _placed_aside(para: _Para) -> bool:
    """A signature line: centred or right-aligned, or a short capitalised position pushed to the right
    with tabs or spaces (its alignment stays "left")."""
    if para.props.align in _SIDE_ALIGNMENTS:
        return True
    return (
        len(para.text) <= _POSITION_LENGTH
        and not para.text.endswith(":")
        and all(_is_caps(line) for line in para.lines if line.text)
    )


# Running text: a paragraph of the body, long and neither centred nor right-aligned, that no
# signature or Nơi nhận line is (those are short, capitalised, aligned aside or start with "-").
_RUNNING_TEXT = 80
# A signature ends the text when fewer running paragraphs than this follow it (a closing note may).
_TEXT_AFTER_SIGNATURE = 3


def _is_running_text(item: _Para | _Table) -> bool:
    return (
        isinstance(item, _Para)
        and len(item.text) > _RUNNING_TEXT
        and item.props.align not in _SIDE_ALIGNMENTS
        and not item.text.startswith(("-", "+", "•"))
        and not _holds_signature(item.lines)
    )


def _ends_text(rest: list[_Para | _Table]) -> bool:
    return sum(1 for item in rest if _is_running_text(item)) < _TEXT_AFTER_SIGNATURE


def _item_lines(item: _Para | _Table) -> list[_Line]:
    return item.lines if isinstance(item, _Para) else [line for _, cell in item.cells for line in cell.lines]


def _split_appendix(
    items: list[_Para | _Table], start: int
) -> tuple[list[_Para | _Table], list[_Para | _Table]]:
    """The document up to its own signature and Nơi nhận, and the appendices, forms and texts issued
    with it after them. One opens with its heading ("PHỤ LỤC", "Mẫu số 01"), a tên loại ("QUY
    ĐỊNH"), an "(Kèm theo …)" line under its title or a Quốc hiệu of its own, right after a
    signature or Nơi nhận (only short or empty lines between): inside the text, after a sample
    signature, the same words are part of the document."""
    signed: int | None = None  # the index of the last signature or Nơi nhận, while only short lines follow
    for index in range(start, len(items)):
        item = items[index]
        if signed is not None and _opens_appendix(item):
            first = _title_above(items, signed, index) if _ISSUED_WITH.match(_first_text(item)) else index
            return items[:first], items[first:]
        if _holds_signature(_item_lines(item)):
            signed = index
        elif isinstance(item, _Table) or _is_running_text(item):
            signed = None
    return items, []


# A trích yếu takes at most this many lines (paragraphs) under its title.
_SUBJECT_LINES = 3


def _title_above(items: list[_Para | _Table], signed: int, index: int) -> int:
    """Where a text opening with "(Kèm theo …)" at ``index`` starts: at the capitalised title typed
    right above it, over its trích yếu ("DANH SÁCH CÁ NHÂN …"; "QUY CHẾ", "Tổ chức và hoạt động …");
    the signer's name above that stays with the signature."""

    def typed(above: int, caps: bool) -> bool:
        item = items[above]
        return above > signed and isinstance(item, _Para) and bool(item.text) and _is_caps(item.lines[0]) == caps

    top = index
    while top > index - _SUBJECT_LINES and typed(top - 1, caps=False):
        top -= 1
    title = top
    while typed(title - 1, caps=True):
        title -= 1
    return title if title < top else index


def _first_text(item: _Para | _Table) -> str:
    return next((line.text for line in _item_lines(item) if line.text), "")


def _opens_appendix(item: _Para | _Table) -> bool:
    lines = [line for line in _item_lines(item) if line.text]
    if not lines:
        return False
    first = lines[0]
    heading = bool(_APPENDIX_HEADING.match(first.text)) and (
        _is_caps(first) or _is_bold(first) or first.para.props.align in _SIDE_ALIGNMENTS
    )
    titled = isinstance(item, _Para) and _is_caps(first) and _type_name(first.text) is not None
    return heading or titled or bool(_ISSUED_WITH.match(first.text)) or any(_is_national_title(line) for line in lines)


def _without_enacting_authority(opening: _Front, issuer: list[_Line]) -> _Front:
    """The opening without the enacting authority's line that a Nghị định or a Quyết định puts
    under its trích yếu ("CHÍNH PHỦ", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"; NĐ 34/2016, Phụ lục I,
    mẫu 3; NĐ 30/2020, Phụ lục III, mẫu 1.3): a capitalised line that names the issuer, or that
    follows a trích yếu in lower case (which never turns capitals), is no part of the trích yếu."""
    name = _letters(" ".join(line.text for line in issuer))
    subject = list(opening.subject)
    while len(subject) > 1 and _is_caps(subject[-1]) and (
        not _is_caps(subject[-2]) or (name and _names_issuer(subject[-1].text, name))
    ):
        subject.pop()
    if len(subject) == len(opening.subject):
        return opening
    lines, index = opening.subject_end
    return opening._replace(subject=subject, subject_end=(lines, index - (len(opening.subject) - len(subject))))


# The head of an issuing body, named before it on the enacting line ("BỘ TRƯỞNG BỘ NỘI VỤ").
_HEAD = re.compile(r"^(?:BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|CHÁNH|TRƯỞNG BAN|"
                   r"HIỆU TRƯỞNG|VIỆN TRƯỞNG|THỐNG ĐỐC|TỔNG THANH TRA|TỔNG KIỂM TOÁN)\b")


def _names_issuer(text: str, name: str) -> bool:
    letters = _letters(text)
    return letters == name or (letters.endswith(name) and bool(_HEAD.match(text.upper())))


def _paras(items: Iterable[_Para | _Table]) -> list[_Para]:
    return [item for item in items if isinstance(item, _Para)]


# The mark that opens a list item ("- Như trên;"), whatever dash or bullet the clerk typed.
_BULLET = re.compile(r"^[-+•·▪–—*]")


def _signature_parts(items: list[_Para | _Table], signature: _Table | None, start: int) -> list[list[_Line]]:
    """The signature block's parts: one per column of its table (side-by-side signatures may put
    titles and names in separate rows), a nested table's columns each one part, or the paragraphs
    from ``start``; each part cut in two when its lines are typed as two columns."""
    if signature is not None:
        columns: dict[tuple[int, ...], list[_Para]] = {}
        for column, cell in signature.cells:
            for para in cell.paras:
                columns.setdefault((column, *_nested_columns(para, signature)), []).append(para)
        groups = list(columns.values())
    else:
        groups = [_paras(items[start:])]
    return [part for paras in groups for part in _side_by_side(paras) if part]


def _nested_columns(para: _Para, table: _Table) -> list[int]:
    """The column of each table nested in ``table`` that holds ``para``, outermost first; a nested
    table of one column (a frame around a block) adds none."""
    columns: list[int] = []
    cell = para.cell
    while cell is not None and cell.getparent().getparent() is not table.element:
        row = list(cell.getparent().iterchildren(_TC))
        if len(row) > 1:
            columns.append(row.index(cell) + 1)
        cell = next(cell.iterancestors(_TC), None)
    return columns[::-1]


def _side_by_side(paras: list[_Para]) -> list[list[_Line]]:
    """The lines of ``paras``, as one column, or as two when some line holds text on both sides of a
    tab run or a long run of spaces ("Nơi nhận:<tab><tab>TM. ỦY BAN NHÂN DÂN", "- Như trên;<tab>
    CHỦ TỊCH"): what comes before the first cut is the Nơi nhận column, the rest the signature's.
    A line typed only after a gap belongs to the signature, unless it is a Nơi nhận line indented."""
    rows = [_row(pieces) for para in paras for pieces in para.columns(_COLUMN_GAP)]
    if not any(len(filled) > 1 for filled, _ in rows):
        return [[line for para in paras for line in para.lines]]
    left: list[_Line] = []
    right: list[_Line] = []
    for filled, first in rows:
        if not filled:  # an empty line ends a Nơi nhận list and spaces a signature: both columns
            left.append(first)
            right.append(first)
        elif first.text or _is_label(filled[0]) or _BULLET.match(filled[0].text):
            left.append(filled[0])
            right.extend(filled[1:])
        else:
            right.extend(filled)
    return [left, right]


def _row(pieces: list[_Line]) -> tuple[list[_Line], _Line]:
    """The pieces of one cut line that hold text, and its first piece (empty when the line starts
    after a gap). A dash typed alone before a tab ("-<tab>Như trên;") is joined to its text: one
    recipient, not two columns."""
    filled = [piece for piece in pieces if piece.text]
    if len(filled) > 1 and _BULLET.fullmatch(filled[0].text):
        dash, text = filled[:2]
        joined = _Line(f"{dash.text} {text.text}", dash.segments + text.segments, dash.para, dash.path, dash.last)
        filled = [joined, *filled[2:]]
    return filled, pieces[0]


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
    """The lines under "Nơi nhận:", up to a signing authority, or an empty line not followed by
    one more dashed recipient (an empty line left above "- Lưu: VT, …" does not end the list)."""
    items: list[_Line] = []
    for index, line in enumerate(lines):
        if _AUTHORITY.match(line.text) or (items and not line.text and not _dashed_next(lines, index)):
            break
        if line.text:
            items.append(line)
    return items


def _dashed_next(lines: list[_Line], index: int) -> bool:
    following = next((line for line in lines[index + 1 :] if line.text), None)
    return following is not None and bool(following.para.label or _BULLET.match(following.text))


class _Rule(NamedTuple):
    para: _Para | None  # the paragraph carrying the border; None for a line drawn otherwise
    typed: _Line | None = None  # a line of "-----" typed in place of the rule
    width: float | None = None  # twips: the length of a line shape, when its drawing gives it


def _rule_below(lines: list[_Line], index: int, doc: _Document | None = None) -> _Rule | None:
    """The line under ``lines[index]``, however the office drew it: a bottom border on its
    paragraph or on an empty one under it, a top border on the paragraph under it, its text
    underlined (or a blank underlined under it), a line of box-drawing strokes, the top border of
    a narrower cell under its cell, a line shape drawn between it and the next line of text; or a
    line of "-----" typed instead. With ``doc``, lines that wrap in their column are laid out on
    as many lines as they take."""
    line = lines[index]
    if line.last and line.para.props.border:
        return _Rule(line.para)
    end = next((i for i in range(index + 1, len(lines)) if lines[i].text), len(lines))
    gap, after = lines[index + 1 : end], lines[end] if end < len(lines) else None
    bordered = next((empty.para for empty in gap if empty.para.props.border), None)
    if bordered is not None:
        return _Rule(bordered)
    below = (gap or [after])[0]
    if (line.last and below is not None and below.para is not line.para and _top_border(below.para)) or any(
        _underlined(near.para) for near in (line, *gap)
    ):
        return _Rule(None)
    if after is not None and _is_typed_rule(after.text):
        return _Rule(None, after)
    if after is not None and _STROKE_RULE.match(after.text):
        return _Rule(None)
    cell = line.para.cell
    if cell is not None and line is _last_text(cell, lines) and ruled_below(cell):
        return _Rule(None)
    if line.para.anchor is not None:  # a text box: lines are drawn beside it, in its anchor
        return _Rule(None) if _LINE_SHAPES(line.para.anchor) else None
    drawn = _drawn_between(lines, index, end, doc)
    return _Rule(None, width=drawn.width) if drawn is not None else None


def _last_text(cell: etree._Element, lines: list[_Line]) -> _Line | None:
    return next((line for line in reversed(lines) if line.para.cell is cell and line.text), None)


def _top_border(para: _Para) -> bool:
    top = para.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
    return top is not None and top.get(qn("w:val")) not in ("nil", "none")


def _underlined(para: _Para) -> bool:
    """Every run of ``para`` that prints something underlined: a line under its text, or under a
    run of spaces or tabs typed to draw one."""
    runs = [run for run in para.runs if run.text]
    return bool(runs) and all(_underline(run.element) for run in runs)


def _underline(run: etree._Element) -> bool:
    value = run.find(f"{qn('w:rPr')}/{qn('w:u')}")
    return value is not None and value.get(qn("w:val"), "single") not in ("none", "0", "false")


# A shape counts as the line under a text line when it is drawn below the middle of that line and
# above the middle of the next line of text; without a next line, within this many lines under it.
_BELOW_LAST_LINES = 2.0


def _drawn_between(lines: list[_Line], index: int, end: int, doc: _Document | None) -> Drawn | None:
    """The horizontal line shape drawn under ``lines[index]`` and above ``lines[end]``, if any.
    Each line's place is its paragraphs' heights added up down the column (single spacing 1.2 ×
    the size, spacing before and after, a line that wraps counted as the lines it takes); a
    shape's place is its anchor paragraph's top plus its offset. A shape placed on the page or a
    margin counts when it hangs on the line's paragraph or an empty one under it."""
    tops, para_tops = _line_tops(lines, doc)
    line = lines[index]
    single = _line_height(line)
    low = tops[index] + single * _wraps(line, doc) - single / 2
    if end < len(lines):
        high = tops[end] + _line_height(lines[end]) / 2
    else:
        high = low + single * (0.5 + _BELOW_LAST_LINES)
    near = {id(item.para) for item in lines[index:end]}
    for para, top in para_tops:
        for drawn in horizontal_lines(para.element):
            if (id(para) in near) if drawn.top is None else low <= top + drawn.top <= high:
                return drawn
    return None


def _line_tops(lines: list[_Line], doc: _Document | None) -> tuple[list[float], list[tuple[_Para, float]]]:
    """Twips from the top of the column to the top of each line, and to the top of each paragraph."""
    tops: list[float] = []
    para_tops: list[tuple[_Para, float]] = []
    y = 0.0
    for line in lines:
        if not para_tops or para_tops[-1][0] is not line.para:
            if para_tops:
                y += para_tops[-1][0].props.after
            para_tops.append((line.para, y))
            y += line.para.props.before
        tops.append(y)
        y += _line_height(line) * _wraps(line, doc)
    return tops, para_tops


def _wraps(line: _Line, doc: _Document | None) -> int:
    """How many lines ``line`` takes in its column (Times New Roman's widths, metrics.py)."""
    room = doc.content_width(line.para) if doc is not None else None
    if room is None:
        return 1
    room -= line.para.props.left + line.para.props.right
    width = sum(text_width_pt(text, props.size, bold=props.bold) * 20 for text, props in line.segments)
    return max(1, math.ceil(width / room)) if room > 0 else 1


def _line_height(line: _Line) -> float:
    props = line.para.props
    size = max((p.size for _, p in line.segments), default=0.0) or max(
        (run.props.size for run in line.para.runs), default=spec.BODY_SIZE.chosen
    )
    single = size * _LINE_HEIGHT_FACTOR * 20
    if props.line_rule == "auto":
        return single * props.line / 240
    return max(props.line, single) if props.line_rule == "atLeast" else props.line
