"""The NĐ 30 frame: everything every hoso document shares, written from one source.

A template in ``templates_docx/`` holds only the body of its document. At preparation time
(:mod:`pipeline.stages.template`) the frame wraps that body with

* the head: the borderless two-column header table (cơ quan chủ quản, cơ quan ban hành and its
  rule, ``Số:`` | Quốc hiệu, Tiêu ngữ and its rule, place and date), the document type and subject
  with its rule, the ``Kính gửi:`` block of documents sent upward, and the căn cứ lines;
* the tail: the signature table (Nơi nhận on the left, quyền hạn, chức vụ and name on the right);
* the section properties (A4, margins, page numbers top centre from page 2), the header parts,
  the styles and the settings.

The head and tail are Jinja source reading the ``frame`` namespace of the render context, which
:func:`pipeline.law.enrich.frame_context` fills. Sizes and measures come from :mod:`.spec`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from pipeline.core.vnformat import upper_vi
from pipeline.docx.package import WML_CT, FramePart
from pipeline.nd30 import breaking, spec
from pipeline.nd30.metrics import text_width_pt
from pipeline.nd30.spec import mm_to_twips

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

FRAME_STYLE = "HosoFrame"
TABLE_TEXT_STYLE = "HosoTableText"
TABLE_HEADING_STYLE = "HosoTableHeading"
SIGNATURE_TABLE_CAPTION = "hoso:signature"
HEADER_REL_ID = "rIdHosoHeader"
FIRST_HEADER_REL_ID = "rIdHosoHeaderFirst"


@dataclass(frozen=True)
class Layout:
    """The frame a template is wrapped in: its document type and the shape of its signature.

    ``standard``: Nơi nhận on the left, one signer on the right (PL3 Mẫu 1.4, 1.2).
    ``countersigned``: two signatures side by side, e.g. THƯ KÝ | CHỦ TỌA (PL3 Mẫu 1.9), an odd
    third centred below, Nơi nhận (if any) under them.
    """

    doc_type: spec.DocumentType
    tail: Literal["standard", "countersigned"] = "standard"


def half_points(size_pt: float) -> int:
    return round(size_pt * 2)


# --- Measures of the two frame tables --------------------------------------------------------------
_LEFT_TW = mm_to_twips(spec.HEADER_LEFT_WIDTH.chosen)
_RIGHT_TW = mm_to_twips(spec.HEADER_RIGHT_WIDTH.chosen)
_OUTDENT_TW = mm_to_twips(spec.TABLE_OUTDENT_MM)
_CELL_MARGIN_TW = mm_to_twips(1.9)
_SIGN_LEFT_TW = mm_to_twips(80)
_SIGN_RIGHT_TW = _LEFT_TW + _RIGHT_TW - _SIGN_LEFT_TW
HEADER_DISTANCE_TW = mm_to_twips(10)  # page edge to the header (and footer) text
TEXT_WIDTH_TW = mm_to_twips(
    spec.PAGE_WIDTH.chosen - spec.MARGIN_LEFT.chosen - spec.MARGIN_RIGHT.chosen
)


def rule_indent(text: str, style: spec.TextStyle, ratio: float, width_tw: int) -> int:
    """Left and right indent (twips) that centre a rule ``ratio`` times as long as ``text``.

    The rule is the bottom border of an empty paragraph; narrowing the paragraph by equal indents
    sets its length. A text that wraps is measured at the width it can take, so the rule follows
    the longest line.
    """
    text_tw = min(text_width_pt(text, style.chosen, bold=style.bold) * 20, width_tw)
    return max(0, round((width_tw - text_tw * ratio) / 2))


def issuer_rule_indent(lines: list[str]) -> int:
    longest = max(lines, key=lambda s: text_width_pt(s, spec.ISSUER_STYLE.chosen, bold=True))
    return rule_indent(longest, spec.ISSUER_STYLE, spec.RULE_RATIO_ISSUER.chosen, _cell_text_width(_LEFT_TW))


def subject_lines(subject: str) -> list[str]:
    """The trích yếu in the lines a clerk would break it into (:mod:`pipeline.nd30.breaking`)."""
    style = spec.SUBJECT_STYLE
    return breaking.break_title(subject, TEXT_WIDTH_TW, style.chosen, bold=style.bold)


def subject_rule_indent(lines: list[str]) -> int:
    """The rule under the trích yếu, measured on its longest line."""
    style = spec.SUBJECT_STYLE
    longest = max(lines, key=lambda s: text_width_pt(s, style.chosen, bold=style.bold))
    return rule_indent(longest, style, spec.RULE_RATIO_SUBJECT.chosen, TEXT_WIDTH_TW)


def title_lines(lines: list[str], style: spec.TextStyle, width_tw: int = 0) -> list[str]:
    """Centred bold lines (the competent authority, a signature's title, an appendix title), each
    broken where a clerk would when wider than ``width_tw`` (the text width by default)."""
    return breaking.break_lines(lines, width_tw or TEXT_WIDTH_TW, style.chosen, bold=style.bold)


def _cell_text_width(cell_tw: int) -> int:
    return cell_tw - 2 * _CELL_MARGIN_TW


def fit_header_lines(lines: list[str], style: spec.TextStyle) -> list[str]:
    """The lines of a name in the left header column, each broken so that it fits on one line.

    Word would otherwise wrap "KHỐI THI ĐUA CÁC CƠ QUAN" before its last word and leave "QUAN"
    alone. A line that is too wide is split into the fewest lines that fit (one more if that
    avoids breaking inside a name), preferring the breaks clerks make: after "-" or ",", before
    "và", "các", "tỉnh" …, or before a capitalised word, where a new proper name starts
    ("Truyền hình / Thái Nguyên", not "Truyền / hình"). ``lines`` are as typed; the result is in
    capitals. A clerk's own breaks are kept when they fit.
    """
    return [upper_vi(part) for line in lines for part in _fit(line.split(), style, HEADER_TEXT_TW)]


HEADER_TEXT_TW = _cell_text_width(_LEFT_TW)
"""Room for a line of text in the left header column (cơ quan chủ quản, cơ quan ban hành)."""


RIGHT_TEXT_TW = _cell_text_width(_RIGHT_TW)
SIGNATURE_TEXT_TW = _cell_text_width(_SIGN_RIGHT_TW)
"""Room for a line of the signer's title in the usual tail (right cell)."""
COUNTERSIGNATURE_TEXT_TW = _cell_text_width((_SIGN_LEFT_TW + _SIGN_RIGHT_TW) // 2)
"""Room for a line of a title in a pair of signatures side by side (one half of the table)."""


def date_line_size(text: str) -> float | None:
    """The size the date line is set in: the chosen 14 pt, or 13 pt, the smallest PL1 Phần II mục 4
    allows, when a long place name written in full ("Thành phố Hồ Chí Minh", mục 4.a) would wrap at
    14 pt; None when the line wraps even at 13 pt."""
    style = spec.DATE_LINE_STYLE
    for size in sorted({style.chosen, *style.sizes}, reverse=True):
        if style.allows_size(size) and text_width_pt(text, size) * 20 <= RIGHT_TEXT_TW:
            return size
    return None


def too_wide_words(line: str, style: spec.TextStyle) -> list[tuple[str, float]]:
    """Each word of ``line`` (in capitals) wider than the left header column, with its width in
    twips: no break between words can fit it, and Word would cut it anywhere."""
    widths = ((upper_vi(word), _group_width([word], style)) for word in line.split())
    return [(word, width) for word, width in widths if width > HEADER_TEXT_TW]


# Words a name is usually broken before ("ỦY BAN NHÂN DÂN / TỈNH THÁI NGUYÊN") [practice].
_BREAK_BEFORE = frozenset({"VÀ", "CÁC", "TỈNH", "THÀNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG", "ĐẶC", "CỤM"})


def _fit(words: list[str], style: spec.TextStyle, width_tw: int) -> list[str]:
    """Break ``words`` into lines that fit ``width_tw``, choosing as a clerk would.

    Among the breaks into the fewest lines, or one line more (worth it when it avoids breaking
    inside a name, "TRUYỀN / HÌNH"), the best has the fewest awkward breaks (:func:`_awkward`),
    then the fewest lines, then the narrowest widest line; of equals, the one breaking earliest. Dynamic programming over break positions keeps this polynomial: a line that
    fits holds a bounded number of words, so the work grows with the number of words times the
    number of lines, never with the number of ways to split (exponential).

    A single word wider than the column (no space to break at; Vietnamese is never broken inside a
    syllable) takes a line of its own. The rules stage refuses such a name
    (:mod:`pipeline.law.checks.header`); data built by other means still renders, and the check
    reports the overflow.
    """
    if len(words) < 2 or _group_width(words, style) <= width_tw:
        return [" ".join(words)]
    widths = _line_widths(words, style, width_tw)
    best = [_best_suffixes(words, widths, 1)]
    while best[-1][0] is None:
        best.append(_best_suffixes(words, widths, len(best) + 1, best[-1]))
    fewest = len(best)
    if fewest < len(words):
        best.append(_best_suffixes(words, widths, fewest + 1, best[-1]))
    count = min(
        range(fewest, len(best) + 1), key=lambda k: (best[k - 1][0][0], k, best[k - 1][0][1])
    )
    cuts = _earliest_cuts(words, widths, best[:count])
    return [" ".join(words[a:b]) for a, b in itertools.pairwise((0, *cuts, len(words)))]


_Score = tuple[int, float]  # (awkward breaks, widest line) of the lines from a start to the end
_Widths = list[dict[int, float]]  # for each start, the end and width of each line that may be set


def _group_width(words: list[str], style: spec.TextStyle) -> float:
    return text_width_pt(upper_vi(" ".join(words)), style.chosen, bold=style.bold) * 20


def _line_widths(words: list[str], style: spec.TextStyle, width_tw: int) -> _Widths:
    """For each start ``i``: the end ``j`` of every line ``words[i:j]`` that may be set (it fits, or
    it is one word), with its width. Widths grow with ``j``, so each start stops at the first that
    does not fit."""
    lines: list[dict[int, float]] = []
    for i in range(len(words)):
        ends: dict[int, float] = {}
        for j in range(i + 1, len(words) + 1):
            width = _group_width(words[i:j], style)
            if width > width_tw and j > i + 1:
                break
            ends[j] = width
        lines.append(ends)
    return lines


def _best_suffixes(
    words: list[str], widths: _Widths, count: int, fewer: list[_Score | None] | None = None
) -> list[_Score | None]:
    """For each start ``i``: the best score of ``words[i:]`` set in exactly ``count`` lines, from
    the best scores in ``count - 1`` lines (``fewer``); None where it cannot be done."""
    n = len(words)
    best: list[_Score | None] = []
    for i in range(n):
        scores = []
        for j, width in widths[i].items():
            if count == 1:
                if j == n:
                    scores.append((0, width))
            elif j < n and fewer is not None and fewer[j] is not None:
                awkward, widest = fewer[j]
                scores.append((awkward + _awkward(words, j), max(width, widest)))
        best.append(min(scores, default=None))
    return best


def _earliest_cuts(words: list[str], widths: _Widths, best: list[list[_Score | None]]) -> list[int]:
    """The break positions of the earliest set of lines scoring ``best[-1][0]``; ``best[k - 1]``
    holds the best scores in ``k`` lines."""
    awkward, widest = best[-1][0]  # type: ignore[misc]  # the caller chose a count that can be done
    cuts: list[int] = []
    start = 0
    for lines_left in range(len(best) - 1, 0, -1):
        start = next(
            j for j, width in widths[start].items()
            if j < len(words) and width <= widest and best[lines_left - 1][j] is not None
            and best[lines_left - 1][j][0] == awkward - _awkward(words, j)
            and best[lines_left - 1][j][1] <= widest
        )
        awkward -= _awkward(words, start)
        cuts.append(start)
    return cuts


def _awkward(words: list[str], cut: int) -> int:
    """1 when breaking before ``words[cut]`` is not a break clerks make: after "-" or ",", before
    "và", "các", "tỉnh" …, or before a capitalised word, where a new proper name starts."""
    before, after = words[cut - 1], words[cut]
    return int(not (before.endswith((",", "-")) or after.upper() in _BREAK_BEFORE or after[:1].isupper()))


_MOTTO_RULE_INDENT = rule_indent(
    spec.MOTTO, spec.MOTTO_STYLE, spec.RULE_RATIO_MOTTO.chosen, _cell_text_width(_RIGHT_TW)
)


# --- XML building blocks -----------------------------------------------------------------------------
def _rpr(style: spec.TextStyle | None = None, *, size: float | None = None, bold: bool = False,
         italic: bool = False) -> str:
    if style is not None:
        size, bold, italic = style.chosen, style.bold, style.italic
    parts = ["<w:b/><w:bCs/>" if bold else "", "<w:i/><w:iCs/>" if italic else ""]
    if size is not None:
        parts.append(f'<w:sz w:val="{half_points(size)}"/><w:szCs w:val="{half_points(size)}"/>')
    inner = "".join(parts)
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def _run(expr: str, rpr: str) -> str:
    """A run whose text is the Jinja expression ``expr`` (escaped by autoescape at render)."""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{{{{ {expr} }}}}</w:t></w:r>'


def _para(content: str, rpr: str = "", *, jc: str = "center", style: str = FRAME_STYLE,
          extra_ppr: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/>{extra_ppr}<w:jc w:val="{jc}"/>{rpr}</w:pPr>'
    return f"\n<w:p>{ppr}{content}</w:p>"


def _text_para(expr: str, style: spec.TextStyle, *, jc: str = "center", extra_ppr: str = "") -> str:
    rpr = _rpr(style)
    return _para(_run(expr, rpr), rpr, jc=jc, extra_ppr=extra_ppr)


def _rule_para(indent_expr: str) -> str:
    """An empty, very low paragraph whose bottom border is the solid black rule of NĐ 30."""
    ppr_extra = (
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        '<w:spacing w:before="0" w:after="0" w:line="60" w:lineRule="exact"/>'
        f'<w:ind w:left="{indent_expr}" w:right="{indent_expr}" w:firstLine="0"/>'
    )
    return _para("", '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>', extra_ppr=ppr_extra)


def _empty_para(size: float = 6) -> str:
    return _para("", _rpr(size=size))


def _cell(width_tw: int, content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width_tw}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def _borderless_table(widths: tuple[int, int], *rows: tuple[str, str], caption: str = "",
                      cant_split: bool = False) -> str:
    borders = "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    caption_xml = f'<w:tblCaption w:val="{caption}"/>' if caption else ""
    tbl_pr = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblInd w:w="-{_OUTDENT_TW}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{_CELL_MARGIN_TW}" w:type="dxa"/>'
        f'<w:right w:w="{_CELL_MARGIN_TW}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="1" w:noVBand="1"/>{caption_xml}</w:tblPr>'
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    tr_pr = "<w:trPr><w:cantSplit/></w:trPr>" if cant_split else ""
    body = "".join(f"<w:tr>{tr_pr}{_cell(widths[0], left)}{_cell(widths[1], right)}</w:tr>" for left, right in rows)
    return f"\n<w:tbl>{tbl_pr}{grid}{body}</w:tbl>"


def _for_each(var: str, seq: str, body: str) -> str:
    return f"{{% for {var} in {seq} %}}{body}{{% endfor %}}"


def _if(cond: str, body: str) -> str:
    return f"{{% if {cond} %}}{body}{{% endif %}}"


# --- The head -----------------------------------------------------------------------------------------
def _header_table(doc_type: spec.DocumentType) -> str:
    left = (
        _for_each("line", "frame.parent_lines", _text_para("line", spec.PARENT_BODY_STYLE))
        + _for_each("line", "frame.issuer_lines", _text_para("line", spec.ISSUER_STYLE))
        + _rule_para("{{ frame.issuer_rule_indent }}")
        + _text_para("frame.number_line", spec.NUMBER_STYLE, extra_ppr='<w:spacing w:before="120"/>')
    )
    right = (
        _text_para("frame.national_title", spec.NATIONAL_TITLE_STYLE)
        + _text_para("frame.motto", spec.MOTTO_STYLE)
        + _rule_para(str(_MOTTO_RULE_INDENT))
    )
    if doc_type.dated:
        # The size comes with the text (date_line_size): 13 pt where a long place name needs it.
        size = "{{ frame.date_line_half_points }}"
        rpr = f'<w:rPr><w:i/><w:iCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        right += _para(_run("frame.date_line", rpr), rpr, extra_ppr='<w:spacing w:before="120"/>')
    return _borderless_table((_LEFT_TW, _RIGHT_TW), (left, right))


def _title_block() -> str:
    subject_rpr = _rpr(spec.SUBJECT_STYLE)
    return (
        _empty_para(14)
        + _text_para("frame.type_name", spec.DOC_TYPE_STYLE, extra_ppr='<w:spacing w:before="240"/>')
        + _para(_broken_runs("frame.subject_lines", subject_rpr), subject_rpr)
        + _rule_para("{{ frame.subject_rule_indent }}")
        + _empty_para(6)
    )


def _broken_runs(lines: str, rpr: str) -> str:
    """The runs of one paragraph holding ``lines``, a line break (Shift+Enter) between two: the
    breaks of :func:`pipeline.nd30.breaking.break_title`, which Word keeps when the text is edited."""
    brk = f"<w:r>{rpr}<w:br/></w:r>"
    return _for_each("line", lines, "{% if not loop.first %}" + brk + "{% endif %}" + _run("line", rpr))


def _addressees_block() -> str:
    """``Kính gửi:`` (PL1 Phần II mục 9.a): dashes aligned under the text after the colon."""
    label_rpr = _rpr(spec.ADDRESSEE_STYLE)
    first = (
        '<w:r>' + label_rpr + '<w:t xml:space="preserve">Kính gửi:</w:t></w:r>'
        '<w:r>' + label_rpr + '<w:tab/></w:r>' + _run("line", label_rpr)
    )
    hanging = "{{ frame.addressee_hanging }}"
    ppr = (
        f'<w:tabs><w:tab w:val="left" w:pos="{{{{ frame.addressee_indent }}}}"/></w:tabs>'
        f'<w:ind w:left="{{{{ frame.addressee_indent }}}}" w:hanging="{hanging}"/>'
    )
    rest_ppr = '<w:ind w:left="{{ frame.addressee_indent }}" w:firstLine="0"/>'
    body = (
        "{% if loop.first %}" + _para(first, label_rpr, jc="left", extra_ppr=ppr)
        + "{% else %}" + _para(_run("line", label_rpr), label_rpr, jc="left", extra_ppr=rest_ppr)
        + "{% endif %}"
    )
    return _if("frame.addressees", _for_each("line", "frame.addressees", body) + _empty_para(6))


def _legal_bases_block() -> str:
    # Căn cứ lines are italic body text (PL1 Phần II mục 6.a), justified with the body indent.
    rpr = _rpr(spec.LEGAL_BASIS_STYLE)
    return _for_each("line", "frame.legal_bases", _para(_run("line", rpr), rpr, jc="both", style="Normal"))


def _enacting_authority_block() -> str:
    """The competent authority under the trích yếu of a Quyết định (PL3 Mẫu 1.2)."""
    return _for_each("line", "frame.enacting_lines", _text_para("line", spec.ENACTING_STYLE)) + _empty_para(6)


def _enacting_word_block() -> str:
    """"Theo đề nghị của …" after the căn cứ, then "QUYẾT ĐỊNH:" (PL3 Mẫu 1.2)."""
    rpr = _rpr(spec.LEGAL_BASIS_STYLE)
    proposal = _if("frame.proposal", _para(_run("frame.proposal", rpr), rpr, jc="both", style="Normal"))
    word_rpr = _rpr(spec.ENACTING_STYLE)
    word = _para(
        f'<w:r>{word_rpr}<w:t>{spec.DECISION_ENACTING_WORD}</w:t></w:r>', word_rpr,
        extra_ppr='<w:keepNext/><w:spacing w:before="240" w:after="120"/>',
    )
    return proposal + word


def head_xml(layout: Layout) -> str:
    doc_type = layout.doc_type
    head = _header_table(doc_type) + _title_block()
    if doc_type.enacting:
        head += _enacting_authority_block()
    head += _addressees_block() + _legal_bases_block()
    if doc_type.enacting:
        head += _enacting_word_block()
    return head


# --- The tail -----------------------------------------------------------------------------------------
def _recipients_cell() -> str:
    label = _para(
        '<w:r>' + _rpr(spec.RECIPIENTS_LABEL_STYLE) + f'<w:t>{spec.RECIPIENTS_LABEL}</w:t></w:r>',
        _rpr(spec.RECIPIENTS_LABEL_STYLE), jc="left",
    )
    items = _for_each("line", "frame.recipients", _text_para("line", spec.RECIPIENT_ITEM_STYLE, jc="left"))
    return label + items


def _signature_cell() -> str:
    authority = _for_each("line", "frame.authority_lines", _text_para("line", spec.AUTHORITY_STYLE))
    # Room for the handwritten signature and the seal (ô 7c, ô 8).
    room = "".join(_empty_para(14) for _ in range(4))
    return authority + room + _text_para("frame.signer_name", spec.SIGNER_NAME_STYLE)


def _signature_title(block: str, *, keep: bool = False) -> str:
    extra = "<w:keepNext/>" if keep else ""
    return _for_each("line", f"{block}.lines", _text_para("line", spec.AUTHORITY_STYLE, extra_ppr=extra))


def _signature_name(block: str) -> str:
    """Room to sign (ô 7c, ô 8), then the name, if the form gives one."""
    room = "".join(_empty_para(14) for _ in range(4))
    return room + _if(f"{block}.name", _text_para(f"{block}.name", spec.SIGNER_NAME_STYLE))


def _countersigned_tables() -> str:
    """Titles in one row and names in the next, so the two names stand level however many lines
    each title takes; the title row keeps with the name row, neither splits."""
    half = (_SIGN_LEFT_TW + _SIGN_RIGHT_TW) // 2
    left, right = "frame.signatures[0]", "frame.signatures[1]"
    pair = _borderless_table(
        (half, _SIGN_LEFT_TW + _SIGN_RIGHT_TW - half),
        (_signature_title(left, keep=True), _signature_title(right, keep=True)),
        (_signature_name(left), _signature_name(right)),
        caption=SIGNATURE_TABLE_CAPTION, cant_split=True,
    )
    # A third signature (the certifying level of an award form) is centred under the pair.
    third = "frame.signatures[2]"
    return pair + _if(
        "frame.signatures | length > 2",
        _empty_para(6) + _signature_title(third, keep=True) + _signature_name(third),
    )


def _recipients_below() -> str:
    label_rpr = _rpr(spec.RECIPIENTS_LABEL_STYLE)
    label = _para(
        f'<w:r>{label_rpr}<w:t>{spec.RECIPIENTS_LABEL}</w:t></w:r>', label_rpr, jc="left",
        extra_ppr='<w:keepNext/><w:spacing w:before="240"/>',
    )
    items = _for_each("line", "frame.recipients", _text_para("line", spec.RECIPIENT_ITEM_STYLE, jc="left"))
    return _if("frame.recipients", label + items)


def tail_xml(layout: Layout) -> str:
    """The signature table; its row never splits and finalize keeps the last paragraph with it."""
    spacer = _empty_para(6)
    if layout.tail == "countersigned":
        return spacer + _countersigned_tables() + _recipients_below()
    table = _borderless_table(
        (_SIGN_LEFT_TW, _SIGN_RIGHT_TW), (_recipients_cell(), _signature_cell()),
        caption=SIGNATURE_TABLE_CAPTION, cant_split=True,
    )
    return spacer + table


def appendix_head_xml() -> str:
    """Ends the main text's section (portrait) and opens the appendix: "Phụ lục", its title,
    "(Kèm theo …)" (PL1 Phần III mục 1). The appendix section itself ends with
    :func:`section_xml`, landscape when its table is wide (PL1 Phần I khoản 2)."""
    section_break = f'\n<w:p><w:pPr><w:pStyle w:val="{FRAME_STYLE}"/>{section_xml()}</w:pPr></w:p>'
    label_rpr = _rpr(spec.APPENDIX_LABEL_STYLE)
    label = _para(f'<w:r>{label_rpr}<w:t>{spec.APPENDIX_LABEL}</w:t></w:r>', label_rpr, extra_ppr="<w:keepNext/>")
    title = _for_each(
        "line", "frame.appendix.title_lines", _text_para("line", spec.APPENDIX_TITLE_STYLE, extra_ppr="<w:keepNext/>")
    )
    reference_rpr = _rpr(spec.APPENDIX_REFERENCE_STYLE)
    reference = _para(
        _broken_runs("frame.appendix.reference_lines", reference_rpr), reference_rpr, extra_ppr="<w:keepNext/>"
    )
    spacer = _para("", _rpr(size=6), extra_ppr="<w:keepNext/>")  # the heading stays with what follows
    return section_break + label + title + reference + spacer


def section_xml(*, landscape: bool = False, restart_numbering: bool = False) -> str:
    """Page setup of PL1 Phần I: A4, margins, page number top centre from page 2 (``titlePg``).

    An appendix restarts its page numbers (PL1 Phần III mục 1.đ) and may be landscape (Phần I
    khoản 2); the margins stay as they are, the wide one on the left.
    """
    width, height = mm_to_twips(spec.PAGE_WIDTH.chosen), mm_to_twips(spec.PAGE_HEIGHT.chosen)
    orient = ""
    if landscape:
        width, height, orient = height, width, ' w:orient="landscape"'
    margins = (
        f'<w:pgMar w:top="{mm_to_twips(spec.MARGIN_TOP.chosen)}" '
        f'w:right="{mm_to_twips(spec.MARGIN_RIGHT.chosen)}" '
        f'w:bottom="{mm_to_twips(spec.MARGIN_BOTTOM.chosen)}" '
        f'w:left="{mm_to_twips(spec.MARGIN_LEFT.chosen)}" '
        f'w:header="{HEADER_DISTANCE_TW}" w:footer="{HEADER_DISTANCE_TW}" w:gutter="0"/>'
    )
    numbering = '<w:pgNumType w:start="1"/>' if restart_numbering else ""
    return (
        f'<w:sectPr><w:headerReference w:type="default" r:id="{HEADER_REL_ID}"/>'
        f'<w:headerReference w:type="first" r:id="{FIRST_HEADER_REL_ID}"/>'
        f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/>{margins}{numbering}<w:titlePg/></w:sectPr>'
    )


# --- Parts --------------------------------------------------------------------------------------------
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def page_header_xml(*, draft: bool = False) -> str:
    """Default header: the page number, Arabic, centred in the top margin (PL1 Phần I khoản 7);
    a draft adds its mark."""
    size = half_points(spec.PAGE_NUMBER_SIZE.chosen)
    rpr = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    mark = draft_mark_xml() if draft else ""
    return (
        f'{_XML_DECL}<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{mark}<w:p><w:pPr>'
        f'<w:pStyle w:val="{FRAME_STYLE}"/><w:jc w:val="center"/>{rpr}</w:pPr>'
        f'<w:fldSimple w:instr=" PAGE "><w:r>{rpr}<w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>'
    )


def first_page_header_xml(*, draft: bool = False) -> str:
    """First-page header: empty, so page 1 shows no number (PL1 Phần I khoản 7); a draft's mark."""
    mark = draft_mark_xml() if draft else ""
    return (
        f'{_XML_DECL}<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{mark}<w:p><w:pPr>'
        f'<w:pStyle w:val="{FRAME_STYLE}"/></w:pPr></w:p></w:hdr>'
    )


def draft_mark_xml() -> str:
    """The "DỰ THẢO" box of a draft: a framed paragraph in the top margin, flush with the right
    edge of the text (portrait or landscape), its top at the header distance.

    A frame that does not wrap takes no room in the flow, so the page number stays centred and
    pages break exactly where the final's do (measured with LibreOffice 7.4).
    """
    style = spec.DRAFT_MARK_STYLE
    rpr = _rpr(style)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="8" w:space="2" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right")
    )
    frame_pr = (
        '<w:framePr w:wrap="none" w:vAnchor="page" w:hAnchor="margin" w:xAlign="right" '
        f'w:y="{HEADER_DISTANCE_TW}"/>'
    )
    ppr = f'<w:pPr><w:pStyle w:val="{FRAME_STYLE}"/>{frame_pr}<w:pBdr>{border}</w:pBdr><w:jc w:val="center"/>{rpr}</w:pPr>'
    return f"<w:p>{ppr}<w:r>{rpr}<w:t>{spec.DRAFT_MARK}</w:t></w:r></w:p>"


@dataclass(frozen=True)
class _ParagraphStyle:
    style_id: str
    name: str
    ppr: str
    rpr: str = ""
    based_on: str | None = "Normal"


def _body_ppr() -> str:
    indent = mm_to_twips(spec.FIRST_LINE_INDENT.chosen)
    before = round(spec.PARAGRAPH_SPACING.chosen * 20)
    line = round(spec.LINE_SPACING.chosen * 240)
    return (
        f'<w:spacing w:before="{before}" w:after="0" w:line="{line}" w:lineRule="auto"/>'
        f'<w:ind w:firstLine="{indent}"/><w:jc w:val="both"/>'
    )


_PARAGRAPH_STYLES = (
    _ParagraphStyle("Normal", "Normal", _body_ppr(), based_on=None),
    # Mục "I. MỤC ĐÍCH, YÊU CẦU" and khoản "1. Mục đích" (PL1 table V.6.b): bold, kept with next.
    _ParagraphStyle("Heading1", "heading 1", '<w:keepNext/><w:outlineLvl w:val="0"/>', "<w:b/><w:bCs/>"),
    _ParagraphStyle("Heading2", "heading 2", '<w:keepNext/><w:outlineLvl w:val="1"/>', "<w:b/><w:bCs/>"),
    _ParagraphStyle("Heading3", "heading 3", '<w:keepNext/><w:outlineLvl w:val="2"/>', "<w:i/><w:iCs/>"),
    _ParagraphStyle(
        FRAME_STYLE, "hoso Frame",
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>'
        '<w:jc w:val="center"/>',
    ),
    _ParagraphStyle(
        TABLE_TEXT_STYLE, "hoso Table Text",
        '<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>'
        '<w:jc w:val="left"/>',
        '<w:sz w:val="26"/><w:szCs w:val="26"/>',
    ),
    _ParagraphStyle(
        TABLE_HEADING_STYLE, "hoso Table Heading",
        '<w:keepNext/><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:firstLine="0"/><w:jc w:val="center"/>',
        '<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/>',
    ),
)


def _style_xml(s: _ParagraphStyle) -> str:
    default = ' w:default="1"' if s.style_id == "Normal" else ""
    based = f'<w:basedOn w:val="{s.based_on}"/>' if s.based_on else ""
    rpr = f"<w:rPr>{s.rpr}</w:rPr>" if s.rpr else ""
    return (
        f'<w:style w:type="paragraph"{default} w:styleId="{s.style_id}"><w:name w:val="{s.name}"/>'
        f'{based}<w:qFormat/><w:pPr>{s.ppr}</w:pPr>{rpr}</w:style>'
    )


def styles_xml() -> str:
    """A lean styles part: Times New Roman on all four font slots, black, 14 pt body.

    python-docx's default template carries 788 KB of styles; loading and deflating them costs most
    of a render. These few styles are all the templates and the frame use.
    """
    font = spec.FONT_NAME
    fonts = f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
    size = half_points(spec.BODY_SIZE.chosen)
    defaults = (
        f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:color w:val="000000"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" '
        'w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr>'
        '</w:pPrDefault></w:docDefaults>'
    )
    others = (
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:semiHidden/></w:style>'
    )
    paragraphs = "".join(_style_xml(s) for s in _PARAGRAPH_STYLES)
    return f'{_XML_DECL}<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">{defaults}{paragraphs}{others}</w:styles>'


def settings_xml() -> str:
    # compatibilityMode 15 keeps Word out of "Compatibility Mode"; Vietnamese proofing language.
    # The children keep the order of CT_Settings' sequence (ECMA-376 Part 1): Word reports a part
    # out of its schema's order (themeFontLang before compat) as unreadable content.
    return (
        f'{_XML_DECL}<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
        'w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>'
    )



def frame_parts() -> tuple[FramePart, ...]:
    """The parts the frame writes into every document: styles, settings and the two page headers
    (page number from page 2, PL1 Phần I khoản 5), each with its draft variant where it has one."""
    header_ct = f"{WML_CT}.header+xml"
    return (
        FramePart("word/styles.xml", f"{WML_CT}.styles+xml", "styles", "rIdHosoStyles", styles_xml().encode()),
        FramePart("word/settings.xml", f"{WML_CT}.settings+xml", "settings", "rIdHosoSettings",
                  settings_xml().encode()),
        FramePart("word/header1.xml", header_ct, "header", HEADER_REL_ID, page_header_xml().encode(),
                  page_header_xml(draft=True).encode()),
        FramePart("word/header2.xml", header_ct, "header", FIRST_HEADER_REL_ID, first_page_header_xml().encode(),
                  first_page_header_xml(draft=True).encode()),
    )
