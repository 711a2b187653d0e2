"""Vietnamese administrative formatting: dates, document numbers, numbers and amounts in words.

Everything here follows Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần II (the technical presentation
of administrative documents) or, where the decree is silent, the formal written style used on
official papers and invoices.

Choices, and why:

* **Date line** (mục 4.b): days 1–9 and months 1–2 take a leading zero, other days and months
  do not ("ngày 05 tháng 3 năm 2026", "ngày 10 tháng 02 năm 2016"). Built by hand, not with
  babel, whose ``MM`` pattern pads every month.
* **Document number** (mục 3): numbers below 10 take a leading zero ("05"). A draft is numbered
  only after signature (Điều 15), so its ``Số:`` line keeps the blank clerks fill in by hand.
* **Numbers** use babel's ``vi`` locale ("1.234.567,5"). Rounding is ``ROUND_HALF_UP`` done with
  :class:`~decimal.Decimal` before babel sees the value, because babel rounds half-even and
  floats cannot hold shares such as 79,985 exactly. Percentages always show the requested number
  of decimals ("100,00%") so the columns of a vote table line up and compare digit by digit.
* **Money** is "1.500.000 đồng": babel's currency format would give "₫" after a no-break space,
  which official papers do not use.
* **Amounts in words** use our own speller (num2words' ``vi`` is wrong for 1010, 10^15 and
  negatives; vietnam-number is GPL and misspells "lẻ"). Its rules:

  - groups of three digits with the scale words "nghìn", "triệu", "tỷ"; above a tỷ the count of
    tỷ is itself spelled, so 10^12 is "một nghìn tỷ", 10^15 "một triệu tỷ", 10^18 "một tỷ tỷ".
    We write "nghìn" (not the southern "ngàn") and "tỷ" (not "tỉ"), the spellings of
    legal texts and the State Treasury;
  - a group after the leading one whose hundreds digit is 0 says "không trăm" (1005 →
    "một nghìn không trăm lẻ năm"); an all-zero group is skipped (1000001 → "một triệu không
    trăm lẻ một");
  - "lẻ" (or the northern formal "linh", option ``odd``) joins a hundreds word and a lone unit
    (101 → "một trăm lẻ một"); after it units are read plainly ("lẻ một", "lẻ năm", "lẻ bốn");
  - "mười" for 10–19, "mươi" for 20–90; unit 1 after "mươi" is "mốt" (21), after "mười" it is
    "một" (11); unit 5 after "mười"/"mươi" is "lăm"; unit 4 after "mươi" is "bốn" by default,
    "tư" (24 → "hai mươi tư", the common spoken and southern form) with ``four="tư"``; 14 is
    always "mười bốn";
  - 0 is "không", negatives take "âm"; only ``int`` is accepted, since amounts in đồng have no
    decimals and a float or bool reaching here is a bug upstream.
* **Upper case**: ``str.upper`` maps every Vietnamese letter (đ → Đ included); we NFC-normalise
  before and after so text typed in decomposed form still matches the precomposed glyphs of
  the document fonts and string comparisons in the checker.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Sequence
from contextlib import AbstractContextManager
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from babel.numbers import format_decimal

# NĐ 30/2020, Phụ lục I, Phần II: the one statement of the zero-padding rule, read by the NĐ 30
# frame and check through pipeline.nd30.spec.
ZERO_PADDED_WIDTH = 2
"""PL1 Phần II mục 4.b: days 1–9 are written with a leading zero; mục 3 (its example
"Số: 05/BNV-VP"): document numbers below 10 likewise."""
ZERO_PADDED_MONTHS = frozenset({1, 2})
"""PL1 Phần II mục 4.b: only months 1 and 2 take a leading zero ("tháng 01", "tháng 02", "tháng 3")."""

LOCALE = "vi"
# The blank a clerk leaves on a draft's number line, to write the number in after signature.
DRAFT_NUMBER_BLANK = " " * 6
CURRENCY_UNIT = "đồng"

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_ODD_WORDS = ("lẻ", "linh")
_FOUR_WORDS = ("bốn", "tư")
_BILLION = 10**9


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form Word and our comparisons expect."""
    return unicodedata.normalize("NFC", text)


def upper_vi(text: str) -> str:
    """Vietnamese upper case for headings, always NFC ("hòa" → "HÒA", "đặc khu" → "ĐẶC KHU")."""
    return nfc(nfc(text).upper())


def date_phrase(d: datetime.date) -> str:
    """``ngày 05 tháng 01 năm 2017``: zero only for days 1–9 and months 1–2 (PL I, II.4.b)."""
    # NĐ 30 pads only months 1 and 2 (so "tháng 1" cannot be extended to "tháng 11"/"12").
    month = _padded(d.month) if d.month in ZERO_PADDED_MONTHS else str(d.month)
    return f"ngày {_padded(d.day)} tháng {month} năm {d.year}"


def _padded(n: int) -> str:
    return str(n).zfill(ZERO_PADDED_WIDTH)


def date_line(place: str, d: datetime.date) -> str:
    """The place-and-date line: ``Thái Nguyên, ngày 05 tháng 01 năm 2017``."""
    place = nfc(place).strip()
    if not place:
        raise ValueError("date line needs a place name")
    return f"{place}, {date_phrase(d)}"


def joined(parts: Sequence[str]) -> str:
    """``a, b và c``: a list in a Vietnamese sentence."""
    if not parts:
        raise ValueError("nothing to join")
    return ", ".join(parts[:-1]) + f" và {parts[-1]}" if len(parts) > 1 else parts[0]


def clock(moment: datetime.datetime) -> str:
    """``08 giờ 00 phút, ngày 20 tháng 12 năm 2016``: a time in the minutes (PL3 Mẫu 1.9)."""
    return f"{moment:%H} giờ {moment:%M} phút, {date_phrase(moment.date())}"


def count_text(n: int) -> str:
    """A count as official papers write it: 1–9 with a leading zero ("09 thành viên", like the
    days of PL1 Phần II mục 4.b) [practice], others plain ("10", "0"), thousands grouped with a
    dot as every number of a Vietnamese text ("10.000 thành viên")."""
    n = _require_int(n, "count")
    return _padded(n) if 0 < n < 10 else f"{n:,}".replace(",", ".")


def short_date(d: datetime.date) -> str:
    """``05/01/2017``: the dd/mm/yyyy form used inside body text and tables."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _require_int(value: object, name: str) -> int:
    # bool is an int subclass; True as a count or amount is always a data error.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


def document_number(n: int) -> str:
    """Document number with a leading zero below 10: 5 → ``05``, 148 → ``148`` (PL I, II.3)."""
    if _require_int(n, "document number") < 1:
        raise ValueError(f"document number must be at least 1, got {n}")
    return _padded(n)


def _check_abbr(abbr: str, name: str) -> str:
    # Abbreviations never contain spaces; one here means the data was mistyped, and NĐ 30
    # writes the number line without spaces around "/" and "-".
    if not abbr or any(ch.isspace() for ch in abbr):
        raise ValueError(f"{name} must be non-empty and without spaces: {abbr!r}")
    return nfc(abbr)


def number_line(number: int | None, type_abbr: str | None, issuer_abbr: str) -> str:
    """The ``Số:`` line: ``Số: 12/KH-UBND``; a draft (None) gets ``Số:      /KH-UBND``.

    A công văn has no type abbreviation (``type_abbr=None``): ``Số: 05/UBND-VX``.
    """
    suffix = _check_abbr(issuer_abbr, "issuer abbreviation")
    if type_abbr is not None:
        suffix = f"{_check_abbr(type_abbr, 'type abbreviation')}-{suffix}"
    if number is None:
        return f"Số:{DRAFT_NUMBER_BLANK}/{suffix}"
    return f"Số: {document_number(number)}/{suffix}"


def citation(
    type_name: str, number: int | None, type_abbr: str | None, issuer_abbr: str, d: datetime.date
) -> str:
    """How one document cites another: ``Biên bản số 13/BB-KTĐVHXH ngày 20/12/2016``, its số and
    ký hiệu as its own number line writes them (PL I, II.3); an unnumbered document (a draft) is
    cited by its date alone, ``Biên bản ngày 20/12/2016``, never with a made-up number."""
    if number is None:
        return f"{type_name} ngày {short_date(d)}"
    reference = number_line(number, type_abbr, issuer_abbr).removeprefix("Số: ")
    return f"{type_name} số {reference} ngày {short_date(d)}"


def _require_number(value: object) -> int | Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot format {value}")
        return value
    return _require_int(value, "value")


def _fixed(value: Decimal, decimals: int) -> str:
    """``value`` rounded half-up to exactly ``decimals`` places, in the vi locale."""
    if decimals < 0:
        raise ValueError(f"decimals must not be negative, got {decimals}")
    with _exact(value, decimals):
        rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        # A tiny negative value rounds to -0; a minus sign in front of zero would only confuse.
        if rounded.is_zero():
            rounded = rounded.copy_abs()
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(rounded, format=pattern, locale=LOCALE)


def _exact(value: int | Decimal, decimals: int = 0) -> AbstractContextManager[Context]:
    """A decimal context holding every digit of ``value`` and ``decimals`` more: the default 28
    digits make formatting a number of 10^28 or more fail instead of printing it."""
    number = Decimal(value)
    whole = max(number.adjusted() + 1, 1) if number else 1
    fraction = max(decimals, 3, -int(number.as_tuple().exponent))  # babel shows at least 3 if asked
    return localcontext(prec=max(28, whole + fraction + 2))


def number(value: int | Decimal, decimals: int | None = None) -> str:
    """``1234567`` → ``1.234.567``; with ``decimals`` the value is rounded half-up to that many."""
    value = _require_number(value)
    if decimals is None:
        # Show the value exactly as given; babel's default would cut to three decimals.
        with _exact(value):
            return format_decimal(value, locale=LOCALE, decimal_quantization=False)
    return _fixed(Decimal(value), decimals)


def percent_value(value: Decimal, decimals: int = 2) -> str:
    """An already-computed share in percent units: ``Decimal("79.985")`` → ``79,99%``."""
    if not isinstance(value, Decimal):
        raise TypeError(f"percentage must be a Decimal, got {type(value).__name__}")
    return _fixed(_require_number(value), decimals) + "%"


def percent(numerator: int, denominator: int, decimals: int = 2) -> str:
    """``numerator / denominator`` as a percentage, half-up, fixed decimals: 2/3 → ``66,67%``."""
    _require_int(numerator, "numerator")
    if _require_int(denominator, "denominator") <= 0:
        raise ValueError(f"denominator must be positive, got {denominator}")
    if numerator < 0:
        raise ValueError(f"numerator must not be negative, got {numerator}")
    scaled = numerator * 100
    with localcontext() as ctx:
        # The division rounds once to ctx.prec digits. With this many digits its error is
        # smaller than the distance of any such fraction from a half-way point, so the
        # half-up quantize in _fixed decides alone (the default 28 digits could round twice).
        ctx.prec = len(str(scaled)) + len(str(denominator)) + max(decimals, 0) + 2
        return percent_value(Decimal(scaled) / Decimal(denominator), decimals)


def money(amount: int) -> str:
    """``1500000`` → ``1.500.000 đồng``."""
    amount = _require_int(amount, "amount")
    with _exact(amount):
        return f"{format_decimal(amount, locale=LOCALE)} {CURRENCY_UNIT}"


def _group_words(group: int, *, full: bool, odd: str, four: str) -> list[str]:
    """Words for 0 < group < 1000; ``full`` spells "không trăm" for a non-leading group."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words = [_DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0:
        if units:
            words += [odd, _DIGITS[units]] if words else [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: four, 5: "lăm"}.get(units, _DIGITS[units]))
    return words


def _below_billion_words(n: int, *, leading: bool, odd: str, four: str) -> list[str]:
    """Words for 0 < n < 10^9; ``leading`` is False when a higher part was already spoken."""
    words: list[str] = []
    for group, scale in ((n // 10**6, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if group:
            full = bool(words) or not leading
            words += _group_words(group, full=full, odd=odd, four=four)
            if scale:
                words.append(scale)
    return words


def _words(n: int, *, leading: bool, odd: str, four: str) -> list[str]:
    """Words for n > 0; above a tỷ the count of tỷ is spelled recursively ("một nghìn tỷ")."""
    if n < _BILLION:
        return _below_billion_words(n, leading=leading, odd=odd, four=four)
    billions, rest = divmod(n, _BILLION)
    words = _words(billions, leading=leading, odd=odd, four=four) + ["tỷ"]
    if rest:
        words += _below_billion_words(rest, leading=False, odd=odd, four=four)
    return words


def number_in_words(n: int, odd: str = "lẻ", *, four: str = "bốn") -> str:
    """Spell an integer in Vietnamese, lower case: 1010 → ``một nghìn không trăm mười``."""
    n = _require_int(n, "n")
    if odd not in _ODD_WORDS:
        raise ValueError(f"odd must be one of {_ODD_WORDS}, got {odd!r}")
    if four not in _FOUR_WORDS:
        raise ValueError(f"four must be one of {_FOUR_WORDS}, got {four!r}")
    if n == 0:
        return _DIGITS[0]
    words = _words(abs(n), leading=True, odd=odd, four=four)
    return " ".join(["âm", *words] if n < 0 else words)


def amount_in_words(
    n: int,
    *,
    unit: str = CURRENCY_UNIT,
    capitalize: bool = True,
    odd: str = "lẻ",
    four: str = "bốn",
) -> str:
    """An amount as written on official papers: 1500000 → ``Một triệu năm trăm nghìn đồng``."""
    text = number_in_words(n, odd, four=four)
    if unit:
        text = f"{text} {nfc(unit)}"
    if capitalize:
        # Our words are NFC, so the first letter is one code point ("â" → "Â").
        text = upper_vi(text[0]) + text[1:]
    return text
