"""Derived values of the year-end scoring: subtotals, totals, achievement shares, the bloc ranking.

Pure functions on :class:`~decimal.Decimal` (points such as 0,5 or 0,25 must add up exactly; a
float would make 0,1 + 0,2 differ from 0,3 and break a tie that is real).

Choices, and why:

* **Total** = Σ self-scores + Σ bonus − Σ penalty. Nothing is clamped: a penalty larger than the
  bonus lowers the total below the sum of the self-scores, and the bloc sees exactly that.
* **Ranking** is competition ranking ("1", "2", "3", "3", "5"): equal totals share the best rank
  and the next rank skips as many places as were shared, so a unit's rank always says how many
  units scored strictly higher.
* **Order of tied units** is alphabetical by name in Vietnamese order, so the table does not
  depend on the order of the input files. The key (:func:`vietnamese_sort_key`) follows the
  Vietnamese alphabet as CLDR's ``vi`` collation does: ``a ă â b c d đ e ê (f) g h i (j) k l m
  n o ô ơ p q r s t u ư v (w) x y (z)``; tones count only between names whose letters are equal,
  in dictionary order: no mark, huyền, hỏi, ngã, sắc, nặng; case is ignored; digraphs (ch, ng,
  nh, th, tr …) compare letter by letter, as in CLDR (printed dictionaries give them their own
  sections, which no one expects of a table of unit names). Spaces and punctuation sort before
  digits, digits before letters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext

from schemas.self_assessment import SelfAssessment

# --- Totals -----------------------------------------------------------------------------------------


def subtotal(points: Iterable[Decimal]) -> Decimal:
    """Σ points; an empty sum is ``Decimal(0)`` (a unit with no bonus line has 0 bonus points)."""
    return sum(points, Decimal(0))


def total(self_scores: Iterable[Decimal], bonus: Iterable[Decimal], penalty: Iterable[Decimal]) -> Decimal:
    """Σ self-scores + Σ bonus − Σ penalty."""
    return subtotal(self_scores) + subtotal(bonus) - subtotal(penalty)


def achievement_share(planned: Decimal, achieved: Decimal) -> Decimal | None:
    """``achieved`` over ``planned`` in percent (97,5 of 95 → 102,63…); ``None`` when nothing was
    planned (a target of 0, such as "0 vụ vi phạm", has no share to speak of)."""
    if planned <= 0:
        return None
    with localcontext() as ctx:
        # Enough digits that the later half-up rounding to 2 decimals is the only rounding.
        ctx.prec = 40
        return achieved * 100 / planned


@dataclass(frozen=True)
class GroupScore:
    """A group of criteria: the sum of its maximum points and of the unit's self-scores."""

    name: str
    max_points: Decimal
    self_score: Decimal


@dataclass(frozen=True)
class ScoreSheet:
    """Every sum of one unit's scoring table."""

    groups: tuple[GroupScore, ...]
    max_points: Decimal  # the scale of the table (Σ maximum points), 100 in most blocs
    self_score: Decimal  # Σ self-scores, before bonus and penalty
    bonus: Decimal
    penalty: Decimal
    total: Decimal


def score_sheet(assessment: SelfAssessment) -> ScoreSheet:
    groups = tuple(
        GroupScore(
            name=group.name,
            max_points=subtotal(c.max_points for c in group.criteria),
            self_score=subtotal(c.self_score for c in group.criteria),
        )
        for group in assessment.scoring
    )
    self_scores = [g.self_score for g in groups]
    bonus = [b.points for b in assessment.bonus]
    penalty = [p.points for p in assessment.penalties]
    return ScoreSheet(
        groups=groups,
        max_points=subtotal(g.max_points for g in groups),
        self_score=subtotal(self_scores),
        bonus=subtotal(bonus),
        penalty=subtotal(penalty),
        total=total(self_scores, bonus, penalty),
    )


# --- Ranking ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """One unit's place in the bloc: its total, its competition rank, and whether it shares it."""

    name: str
    total: Decimal
    rank: int
    tied: bool


def rank(totals: Mapping[str, Decimal]) -> list[Standing]:
    """Units by total, highest first, with competition ranks; tied units in Vietnamese name order."""
    ordered = sorted(totals.items(), key=lambda item: (-item[1], vietnamese_sort_key(item[0])))
    values = list(totals.values())
    return [
        Standing(
            name=name,
            total=score,
            rank=1 + sum(1 for other in values if other > score),
            tied=values.count(score) > 1,
        )
        for name, score in ordered
    ]


# --- Vietnamese order -------------------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_INDEX = {letter: i for i, letter in enumerate(_ALPHABET)}
# Combining marks that make a letter of its own (ă â ê ô ơ ư) rather than a tone.
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")
# Tones in dictionary order: huyền, hỏi, ngã, sắc, nặng (no mark is 0).
_TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_PUNCTUATION, _DIGIT, _LETTER, _OTHER = range(4)


def vietnamese_sort_key(name: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """A sort key putting names in Vietnamese alphabetical order (see the module notes)."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for base, marks in _graphemes(name.lower()):
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        letters.append(_primary(letter))
        tones.append(next((_TONE_ORDER[m] for m in marks if m in _TONE_ORDER), 0))
    # The name itself last: two different spellings never compare equal, so the order is total.
    return tuple(letters), tuple(tones), unicodedata.normalize("NFC", name)


def _graphemes(text: str) -> list[tuple[str, list[str]]]:
    """Base characters of ``text`` (decomposed) each with the combining marks that follow it."""
    result: list[tuple[str, list[str]]] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and result:
            result[-1][1].append(char)
        else:
            result.append((char, []))
    return result


def _primary(letter: str) -> tuple[int, int]:
    if letter in _LETTER_INDEX:
        return _LETTER, _LETTER_INDEX[letter]
    if letter.isdigit():
        return _DIGIT, ord(letter)
    if letter.isalpha():
        return _OTHER, ord(letter)
    return _PUNCTUATION, ord(letter)
