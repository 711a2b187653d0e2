"""Where a clerk breaks a title that needs more than one line.

A centred bold title (tên loại, trích yếu, the competent authority of a Quyết định, a signature's
quyền hạn and chức vụ) wider than its column is otherwise wrapped by Word wherever the line is
full: "… phong trào thi / đua năm 2016". A clerk breaks it by hand (Shift+Enter) at a phrase
boundary, in lines of about the same width (PL1 Phần II mục 5 sets the trích yếu "ngay dưới tên
loại", centred; where to break is practice). :func:`break_title` does the same: the fewest lines
that fit, never inside a fixed phrase (:data:`FIXED_PHRASES`, a number and the word before it:
"năm 2016", "số 120"), preferring a break after a comma or before a word that opens a phrase
("của", "về", "năm", "cho", "trong", "và" …), then lines as even as possible.

A table cell is wrapped by Word itself: :func:`keep_phrases` joins the words of each fixed phrase
by no-break spaces in the values enrich puts in a cell, so its lines too end between phrases.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence

from pipeline.nd30.metrics import text_width_pt
from pipeline.nd30.spec import mm_to_twips

# Compound words and units of meaning common in thi đua, khen thưởng documents: a line never ends
# inside one [practice; Vietnamese writes a compound word as separate syllables].
FIXED_PHRASES: tuple[str, ...] = (
    "thi đua", "khen thưởng", "nhiệm vụ", "công tác", "Ủy ban nhân dân", "Uỷ ban nhân dân",
    "UBND tỉnh", "UBND huyện", "UBND xã", "Chủ tịch", "Phó Chủ tịch", "tập thể", "cá nhân",
    "danh hiệu", "Lao động tiên tiến", "Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc",
    "Chiến sĩ thi đua", "Bằng khen", "Giấy khen", "Cờ thi đua", "Văn hóa - Xã hội",
    "Phát thanh - Truyền hình", "phong trào", "thành tích", "xuất sắc", "đề nghị", "xác nhận",
    "thủ trưởng", "đơn vị", "phương hướng", "tổng kết", "kết quả", "thực hiện", "tự đánh giá",
    "chấm điểm", "bình xét", "suy tôn", "kiểm phiếu", "hình thức", "chỉ tiêu", "đăng ký",
    "kế hoạch", "báo cáo", "tờ trình", "quyết định", "biên bản", "Chính phủ", "Thủ tướng",
    "Nhà nước", "Hội đồng", "Trưởng ban", "Phó Trưởng ban", "Trưởng phòng", "Giám đốc",
    "Phó Giám đốc", "Thư ký", "Chủ tọa", "cấp tỉnh", "cấp cơ sở", "cấp trình khen thưởng",
    "lao động", "tiên tiến", "cơ quan", "nhân dân", "chính trị", "phụ trách", "truyền thông",
    "thi đua, khen thưởng", "phương hướng, nhiệm vụ", "có thành tích xuất sắc", "văn hóa",
    "thể thao", "du lịch", "Thái Nguyên", "Việt Nam", "năm học", "đồng ý", "tỷ lệ", "tỉ lệ",
    "hoàn thành", "chăm sóc", "sức khỏe", "sức khoẻ", "phát triển", "chuyển đổi số",
    # Words of the names of departments and units that fill the lists of a bloc.
    "giáo dục", "đào tạo", "y tế", "cao đẳng", "xã hội", "thương binh", "quản lý", "di tích",
    "lịch sử", "bảo hiểm", "dân tộc", "tôn giáo", "nội vụ", "tài chính", "đầu tư", "khoa học",
    "công nghệ", "thông tin", "phát thanh", "truyền hình", "tư pháp", "xây dựng", "giao thông",
    "vận tải", "nông nghiệp", "môi trường", "tài nguyên", "công thương",
)

# Words a phrase starts with: a line may well begin with one [practice]; "và" joins two phrases
# of equal rank, the best place of all (with a comma).
_JOINERS = frozenset({"và"})
_OPENERS = frozenset({"của", "về", "năm", "cho", "trong", "tại", "với", "đối", "theo", "nhằm", "gắn", "giai"})
# Words that lead into what follows: a line ending on one leaves it hanging.
_LEADERS = frozenset({"của", "về", "cho", "trong", "và", "tại", "với", "các", "những", "đối", "theo", "năm"})

_QUOTES = "“”\"'()[]"
_STOPS = ",.;:"
# How much a line of the column's width squared weighs against a break that is not at a phrase
# boundary: a phrase break is chosen while its lines differ by less than about a third of the column.
_PLAIN_BREAK_COST = 0.05


@functools.lru_cache(maxsize=16384)
def _spelled(word: str) -> str:
    """``word`` as phrases are matched: without quotes or brackets, in NFC, case-folded; a comma
    inside a phrase ("thi đua, khen thưởng") must be there, one after it may be."""
    return unicodedata.normalize("NFC", word.strip(_QUOTES)).casefold()


def _key(word: str) -> str:
    return _spelled(word).rstrip(_STOPS)


_PHRASE_WORDS = tuple(tuple(_spelled(w) for w in phrase.split()) for phrase in FIXED_PHRASES)
_NUMBER = re.compile(r"^[(“\"]?\d")
# "ngày 16 tháng 01 năm 2017" is read as one date [NĐ 30 PL1 Phần II mục 4].
_DATE = re.compile(r"ngày \S*\d\S* tháng \S*\d\S* năm \d+")


# Phrases by their first word as matched (size, the words between, the last word), so a text is
# scanned once whatever the number of phrases.
_BY_FIRST: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
for _phrase in _PHRASE_WORDS:
    _BY_FIRST.setdefault(_phrase[0], []).append((len(_phrase), _phrase[1:-1], _phrase[-1]))


def _spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of ``words`` read as one: a fixed phrase, a date, and a number
    with the word before it ("năm 2016", "số 120")."""
    spelled = [_spelled(w) for w in words]
    spans = [(i - 1, i + 1) for i in range(1, len(words)) if _NUMBER.match(words[i])]
    for start, word in enumerate(spelled):
        for size, middle, last in _BY_FIRST.get(word, ()):
            end = start + size
            if (end <= len(words) and tuple(spelled[start + 1:end - 1]) == middle
                    and spelled[end - 1].rstrip(_STOPS) == last):
                spans.append((start, end))
        if word == "ngày" and _DATE.match(" ".join(spelled[start:start + 6])):
            spans.append((start, start + 6))
    return spans


def forbidden_breaks(words: Sequence[str]) -> set[int]:
    """Positions ``i`` (a break before ``words[i]``) inside a fixed phrase or a date, or before a
    number (which belongs to the word before it: "năm 2016", "số 120")."""
    return {cut for start, end in _spans(words) for cut in range(start + 1, end)}


NO_BREAK_SPACE = "\u00a0"
# Table cells are set in the "hoso Table Text" style of the frame, 13 pt.
TABLE_TEXT_PT = 13.0
# The widest run kept on one line in a table cell: about the text width of the narrowest column
# that holds names or titles (Minh chứng of a self-assessment, 3,7 cm wide, 3,3 cm of text). A run
# wider than its column would be cut inside a word, which is worse than a break inside the phrase.
KEPT_MAX_TW = mm_to_twips(32)
_DASHES = frozenset({"-", "–"})


@functools.lru_cache(maxsize=8192)
def keep_phrases(text: str, max_tw: float = KEPT_MAX_TW) -> str:
    """``text`` with a no-break space at each of its :func:`kept_joints`, so that Word, which wraps
    a table cell itself, never ends a line inside a fixed phrase ("Cờ thi đua của UBND / tỉnh"). A
    text no wider than ``max_tw`` (twips) cannot wrap and is returned as it is. Word prints a
    no-break space as a space. Cached: a list repeats the same titles on every row."""
    words = text.split(" ")
    width = _RunWidth(words)
    if width(0, len(words)) <= max_tw:
        return text
    joints = _joints(words, width, max_tw)
    return "".join((NO_BREAK_SPACE if i in joints else " ") + w if i else w for i, w in enumerate(words))


def kept_joints(words: Sequence[str], max_tw: float = KEPT_MAX_TW) -> set[int]:
    """Positions ``i`` (between ``words[i - 1]`` and ``words[i]``) a table cell never breaks at:
    inside a fixed phrase, a date or a number with its word, in runs no wider than ``max_tw``
    (a longer run stays breakable, the phrases inside it kept). A cell, unlike a title, may break
    after a comma or a spaced dash inside a phrase ("Đài Phát thanh - / Truyền hình"), as a clerk
    does in a narrow column, but not before the dash: a line opening with "- " reads as a list item."""
    return _joints(words, _RunWidth(words), max_tw)


def _joints(words: Sequence[str], width: _RunWidth, max_tw: float) -> set[int]:
    joined: set[int] = set()
    # Longest runs first, so a phrase inside a longer one kept whole is kept with it.
    for start, end in sorted(_parts(words), key=lambda span: (span[0] - span[1], span[0])):
        low, high = start, end
        while low in joined:
            low -= 1
        while high in joined:
            high += 1
        if width(low, high) <= max_tw:
            joined.update(range(start + 1, end))
    return joined


def _parts(words: Sequence[str]) -> list[tuple[int, int]]:
    """The spans of :func:`_spans` cut after a comma or a spaced dash (not before a number, which
    stays with the word before it: "2025 - 2026"), each dash with the word before it, and each range
    of numbers whole."""
    parts = [(i - 1, i + 1) for i in range(1, len(words)) if words[i] in _DASHES]
    # A range of numbers ("năm học 2025 - 2026", "2016 - 2021") is one unit of meaning.
    parts += [(i - 1, i + 2) for i in range(1, len(words) - 1)
              if words[i] in _DASHES and _NUMBER.match(words[i - 1]) and _NUMBER.match(words[i + 1])]
    for start, end in _spans(words):
        cut = start
        for i in range(start + 1, end):
            if (words[i - 1].endswith(",") or words[i - 1] in _DASHES) and not _NUMBER.match(words[i]):
                parts.append((cut, i))
                cut = i
        parts.append((cut, end))
    return [(a, b) for a, b in parts if b - a > 1]


class _RunWidth:
    """Width in twips of ``words[start:end]`` set on one line of a table cell."""

    def __init__(self, words: Sequence[str]):
        self._space = text_width_pt(" ", TABLE_TEXT_PT) * 20
        self._ends = list(itertools.accumulate(map(_cell_word_tw, words), initial=0.0))

    def __call__(self, start: int, end: int) -> float:
        return self._ends[end] - self._ends[start] + self._space * (end - start - 1)


@functools.lru_cache(maxsize=16384)
def _cell_word_tw(word: str) -> float:
    return text_width_pt(word, TABLE_TEXT_PT) * 20


def breaks_inside_phrase(first: str, second: str) -> bool:
    """Whether ending a line with ``first`` and starting the next with ``second`` splits a fixed
    phrase or a number from its word (for checking lines already set)."""
    words = first.split()
    return len(words) in forbidden_breaks([*words, *second.split()])


def _quality(words: Sequence[str], cut: int) -> float:
    """0 for the breaks clerks make first (after a comma, before "và"), 0.6 before another word
    opening a phrase ("của", "năm" …), 2 for one that leaves a line hanging on "của", "các" …, or
    splits a run of capitalised words (a proper name, "Sở / Văn hóa") in mixed-case text; 1 otherwise."""
    before, after = words[cut - 1], words[cut]
    if before.endswith((",", ";", ":")) or _key(after) in _JOINERS:
        return 0
    if _key(after) in _OPENERS:
        return 0.6
    mixed = any(w != w.upper() for w in words)
    if _key(before) in _LEADERS or (mixed and before[:1].isupper() and after[:1].isupper()):
        return 2
    return 1


def break_title(text: str, width_tw: float, size_pt: float, *, bold: bool = True) -> list[str]:
    """``text`` in the fewest lines no wider than ``width_tw`` (twips), broken as a clerk would.

    Dynamic programming over break positions: the cost of a set of lines is first the number of
    breaks inside a fixed phrase (only when nothing else fits), then the sum of the squared line
    widths (for a given total, least when the lines are even) plus a cost per break that is not at a
    phrase boundary. One line more is taken when it avoids a break inside a fixed phrase.
    """
    return list(_broken(text, width_tw, size_pt, bold))


# A pack repeats the same few titles (the bloc's name, "TM. ỦY BAN NHÂN DÂN", a subject) in every
# document: each distinct one is broken once per process. Bounded, and keyed on the exact text.
@functools.lru_cache(maxsize=4096)
def _broken(text: str, width_tw: float, size_pt: float, bold: bool) -> tuple[str, ...]:
    words = text.split()
    widths = [text_width_pt(w, size_pt, bold=bold) * 20 for w in words]
    space = text_width_pt(" ", size_pt, bold=bold) * 20
    if len(words) < 2 or sum(widths) + space * (len(words) - 1) <= width_tw:
        return (" ".join(words),)
    forbidden = forbidden_breaks(words)
    n = len(words)

    def line_width(i: int, j: int) -> float:
        return sum(widths[i:j]) + space * (j - i - 1)

    def cut_cost(j: int) -> tuple[int, float]:
        return (int(j in forbidden), _PLAIN_BREAK_COST * _quality(words, j))

    # best[m][j]: cost and previous cut of words[:j] set in m lines.
    best: list[dict[int, tuple[tuple[int, float], int]]] = [{0: ((0, 0.0), -1)}]
    results: list[tuple[tuple[int, float], int, list[int]]] = []
    while len(best) <= n and (not results or len(best) <= results[0][1] + 1):
        layer: dict[int, tuple[tuple[int, float], int]] = {}
        for i, ((bad, cost), _) in best[-1].items():
            for j in range(i + 1, n + 1):
                width = line_width(i, j)
                if width > width_tw and j > i + 1:
                    break
                extra_bad, extra = cut_cost(j) if j < n else (0, 0.0)
                candidate = (bad + extra_bad, cost + (width / width_tw) ** 2 + extra)
                if j not in layer or candidate < layer[j][0]:
                    layer[j] = (candidate, i)
        best.append(layer)
        if n in layer:
            results.append((layer[n][0], len(best) - 1, _cuts(best, n)))
    chosen = min(results, key=lambda r: (r[0][0], r[1], r[0][1]))
    bounds = [0, *chosen[2], n]
    return tuple(" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:]))


def _cuts(best: list[dict[int, tuple[tuple[int, float], int]]], end: int) -> list[int]:
    cuts: list[int] = []
    for layer in reversed(best[1:]):
        end = layer[end][1]
        if end > 0:
            cuts.append(end)
    return cuts[::-1]


def break_lines(lines: Sequence[str], width_tw: float, size_pt: float, *, bold: bool = True) -> list[str]:
    """Each of ``lines`` (a clerk's own breaks, kept) broken by :func:`break_title` where too wide."""
    return [part for line in lines for part in break_title(line, width_tw, size_pt, bold=bold)]
