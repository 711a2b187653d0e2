"""Advance widths of Times New Roman, to size the rules NĐ 30 draws under header texts.

Widths are in 1/1000 em, read from Liberation Serif 2.1 (fonts-liberation2), which is metric-compatible
with Times New Roman by design. A precomposed Vietnamese letter is as wide as its base letter in these
fonts (checked for every vowel with tone marks), so the table holds base letters only and
:func:`text_width_pt` strips the combining marks first.
"""

from __future__ import annotations

import functools
import unicodedata

_CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ĐđƠơƯưĂăÂâÊêÔô–“”‘’…'
_REGULAR = dict(zip(_CHARS, (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667,
    722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
    722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
    500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
    444, 480, 200, 480, 541, 722, 500, 722, 529, 776, 542, 722, 444, 722, 444, 611, 444, 722,
    500, 500, 444, 444, 333, 333, 1000,
)))
_BOLD = dict(zip(_CHARS, (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722,
    722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
    722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
    556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500,
    444, 394, 220, 394, 520, 722, 556, 778, 554, 796, 600, 722, 500, 722, 500, 667, 444, 778,
    500, 500, 500, 500, 333, 333, 1000,
)))

# Letters whose modifier is part of the base glyph, not a combining mark to strip (ơ, ư, ă, â, ê, ô).
_KEEP_MARKS = {"\u031b", "\u0306", "\u0302"}
_DEFAULT_WIDTH = 500


def _base_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c in _KEEP_MARKS)
    return unicodedata.normalize("NFC", kept)


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of ``text`` set on one line in Times New Roman at ``size_pt``, in points."""
    words = text.split(" ")
    units = sum(_word_units(word, bold) for word in words) + (len(words) - 1) * _REGULAR[" "]
    return units * size_pt / 1000


@functools.lru_cache(maxsize=8192)
def _word_units(word: str, bold: bool) -> int:
    """Width of one word in 1/1000 em. Cached: fitting a header measures the same words many times,
    and the space has the same width in both faces, so a line's width is the sum of its words'."""
    table = _BOLD if bold else _REGULAR
    return sum(table.get(c, _DEFAULT_WIDTH) for c in _base_letters(word))
