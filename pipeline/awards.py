"""The emulation titles and awards hoso knows, with every legal number they carry.

This module is data: the catalogue of titles (danh hiệu thi đua) and awards (hình thức khen
thưởng), the vote thresholds, the bonus coefficients of each decree in turn, the base salary
(mức lương cơ sở) by date and the rounding rule. Each number carries the text it comes from and
a ``confirmed`` flag; a document that uses an unconfirmed number gets a warning finding, so a
clerk checks it against the text in force before signing. Lookups by name and date are the only
code here; everything computed from these numbers lives in :mod:`pipeline.votes` and
:mod:`pipeline.bonus`.

Sources are those of the project's fact sheet (legal-facts.md, sections B5 and B9); a value that
is not in it is marked ``confirmed=False`` and its source says what it relies on.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Mapping, Protocol, TypeVar


class Recipient(str, Enum):
    """Who receives an award: a collective (tập thể) or an individual (cá nhân)."""

    COLLECTIVE = "tập thể"
    INDIVIDUAL = "cá nhân"


class Authority(str, Enum):
    """Who decides an award (thẩm quyền quyết định)."""

    PRIME_MINISTER = "Thủ tướng Chính phủ"
    PROVINCE_CHAIR = "Chủ tịch UBND tỉnh"
    UNIT_HEAD = "Thủ trưởng cơ quan, đơn vị"


@dataclass(frozen=True)
class Threshold:
    """The least share of "đồng ý" votes, over the TOTAL number of members, that passes."""

    share: Decimal
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Award:
    """A title or an award: its exact name, who may receive it, who decides it, the council
    threshold (None where no law sets one)."""

    name: str
    recipients: tuple[Recipient, ...]
    decided_by: Authority
    decided_by_source: str
    council_threshold: Threshold | None


@dataclass(frozen=True)
class Coefficient:
    """Bonus = coefficient × base salary in force on the day the decision is signed."""

    value: Decimal
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Rounding:
    """The bonus is rounded up to a multiple of ``step`` đồng."""

    step: int
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Regime:
    """The decree that sets bonus coefficients from ``start`` until the next regime starts."""

    decree: str
    start: datetime.date
    start_source: str
    start_confirmed: bool
    coefficients: Mapping[tuple[str, Recipient], Coefficient]
    rounding: Rounding


@dataclass(frozen=True)
class BaseSalary:
    """Mức lương cơ sở in force from ``start`` until the next one starts."""

    amount: int
    start: datetime.date
    source: str
    confirmed: bool


# --- Names --------------------------------------------------------------------------------------------
GOVERNMENT_FLAG = "Cờ thi đua của Chính phủ"
PROVINCE_FLAG = "Cờ thi đua của UBND tỉnh"
PM_CERTIFICATE = "Bằng khen của Thủ tướng Chính phủ"
PROVINCE_CERTIFICATE = "Bằng khen của Chủ tịch UBND tỉnh"
NATIONAL_EMULATION_FIGHTER = "Chiến sĩ thi đua toàn quốc"
PROVINCE_EMULATION_FIGHTER = "Chiến sĩ thi đua cấp tỉnh"
BASE_EMULATION_FIGHTER = "Chiến sĩ thi đua cơ sở"
ADVANCED_WORKER = "Lao động tiên tiến"
EXCELLENT_COLLECTIVE = "Tập thể lao động xuất sắc"
ADVANCED_COLLECTIVE = "Tập thể lao động tiên tiến"

# --- Vote thresholds (legal-facts B5) ------------------------------------------------------------------
_VOTE_RULE = ("NĐ 98/2023/NĐ-CP Điều 30 khoản 7 (legal-facts B5, TV/28a584966bb6fbc9); "
              "NĐ 152/2025/NĐ-CP còn giữ quy định này hay không: chưa xác nhận")
NINETY_PERCENT = Threshold(Decimal("0.90"), f"≥ 90% tổng số thành viên Hội đồng – {_VOTE_RULE}", True)
EIGHTY_PERCENT = Threshold(Decimal("0.80"), f"≥ 80% tổng số thành viên Hội đồng – {_VOTE_RULE}", True)

PRACTICE_THRESHOLD = Threshold(
    Decimal("0.80"),
    "thực tiễn, không có quy định chung: tỷ lệ suy tôn của Khối, Cụm thi đua do quy chế của từng tỉnh quy định, "
    "Bằng khen không bắt buộc bỏ phiếu theo tỷ lệ; hoso dùng 80% tổng số thành viên, mức thấp nhất Nghị định đặt "
    "cho Hội đồng (NĐ 98/2023/NĐ-CP Điều 30 khoản 7), để đề nghị không dễ hơn lần bỏ phiếu sau của Hội đồng tỉnh; "
    "nơi có quy chế riêng, đối chiếu tỷ lệ trong biên bản với quy chế đó",
    False,
)
"""The one setting used where no national threshold exists: a bloc's suy tôn, a Bằng khen, the
titles a unit grants without a mandatory vote. A bloc still never passes a title more easily than
the council threshold the law sets for it (see :func:`pipeline.votes.threshold_for`)."""

# --- Who decides (legal-facts B4) ----------------------------------------------------------------------
_BY_PM = "Luật Thi đua, khen thưởng 2022 Điều 78; legal-facts B4 (BN86 Điều 5, TV/e9abad7510ca5b33)"
_BY_PROVINCE = "Luật Thi đua, khen thưởng 2022 Điều 79; legal-facts B4 (BN86 Điều 5)"
_BY_UNIT = "Luật Thi đua, khen thưởng 2022 Điều 80; legal-facts B4 (TV/c365dc62838fd8ab)"

_COLLECTIVE = (Recipient.COLLECTIVE,)
_INDIVIDUAL = (Recipient.INDIVIDUAL,)
_BOTH = (Recipient.COLLECTIVE, Recipient.INDIVIDUAL)

AWARDS: Mapping[str, Award] = MappingProxyType({
    award.name: award
    for award in (
        Award(GOVERNMENT_FLAG, _COLLECTIVE, Authority.PRIME_MINISTER, _BY_PM, EIGHTY_PERCENT),
        Award(PROVINCE_FLAG, _COLLECTIVE, Authority.PROVINCE_CHAIR, _BY_PROVINCE, EIGHTY_PERCENT),
        Award(PM_CERTIFICATE, _BOTH, Authority.PRIME_MINISTER, _BY_PM, None),
        Award(PROVINCE_CERTIFICATE, _BOTH, Authority.PROVINCE_CHAIR, _BY_PROVINCE, None),
        Award(NATIONAL_EMULATION_FIGHTER, _INDIVIDUAL, Authority.PRIME_MINISTER, _BY_PM, NINETY_PERCENT),
        Award(PROVINCE_EMULATION_FIGHTER, _INDIVIDUAL, Authority.PROVINCE_CHAIR, _BY_PROVINCE, NINETY_PERCENT),
        Award(BASE_EMULATION_FIGHTER, _INDIVIDUAL, Authority.UNIT_HEAD, _BY_UNIT, EIGHTY_PERCENT),
        Award(ADVANCED_WORKER, _INDIVIDUAL, Authority.UNIT_HEAD, _BY_UNIT, None),
        Award(EXCELLENT_COLLECTIVE, _COLLECTIVE, Authority.PROVINCE_CHAIR, _BY_PROVINCE, None),
        Award(ADVANCED_COLLECTIVE, _COLLECTIVE, Authority.UNIT_HEAD, _BY_UNIT, None),
    )
})

# --- Bonus coefficients by decree (legal-facts B9) -----------------------------------------------------
_C, _I = Recipient.COLLECTIVE, Recipient.INDIVIDUAL


def _table(values: dict[tuple[str, Recipient], str], source: str, confirmed: bool) -> Mapping[
        tuple[str, Recipient], Coefficient]:
    return MappingProxyType({key: Coefficient(Decimal(value), source, confirmed) for key, value in values.items()})


_TITLE_COEFFICIENTS = {
    (NATIONAL_EMULATION_FIGHTER, _I): "4.5",
    (PROVINCE_EMULATION_FIGHTER, _I): "3.0",
    (BASE_EMULATION_FIGHTER, _I): "1.0",
    (ADVANCED_WORKER, _I): "0.3",
    (EXCELLENT_COLLECTIVE, _C): "1.5",
    (ADVANCED_COLLECTIVE, _C): "0.8",
    (GOVERNMENT_FLAG, _C): "12.0",
    (PROVINCE_FLAG, _C): "8.0",
}

_ROUND_UP_TEXT = "làm tròn lên hàng chục nghìn đồng"

# NĐ 42/2010/NĐ-CP (amended by NĐ 65/2014/NĐ-CP) was in force for the 2016 seed. Its table is not
# in the project's sources, and the values recalled for it disagree (Cờ thi đua of a province
# 8,0 or 15,5 times the base salary), so none is used: a decision of its time says "tiền thưởng
# theo quy định" and leaves the amount for the records office to fill in after checking the text.
REGIMES: tuple[Regime, ...] = (
    Regime(
        decree="Nghị định số 42/2010/NĐ-CP",
        start=datetime.date(2010, 6, 1),
        start_source="NĐ 42/2010/NĐ-CP Điều 79 (hiệu lực) – chưa đối chiếu văn bản",
        start_confirmed=False,
        coefficients=MappingProxyType({}),
        rounding=Rounding(10_000, f"{_ROUND_UP_TEXT} – NĐ 42/2010/NĐ-CP, chưa đối chiếu văn bản", False),
    ),
    # NĐ 91/2017/NĐ-CP replaced NĐ 42/2010; its table is not in the sources and is not recalled
    # with enough certainty to draft with, so a decision signed in its time finds no coefficient.
    Regime(
        decree="Nghị định số 91/2017/NĐ-CP",
        start=datetime.date(2017, 10, 1),
        start_source="NĐ 91/2017/NĐ-CP (hiệu lực) – chưa đối chiếu văn bản",
        start_confirmed=False,
        coefficients=MappingProxyType({}),
        rounding=Rounding(10_000, f"{_ROUND_UP_TEXT} – NĐ 91/2017/NĐ-CP, chưa đối chiếu văn bản", False),
    ),
    Regime(
        decree="Nghị định số 98/2023/NĐ-CP",
        start=datetime.date(2023, 12, 31),
        start_source="NĐ 98/2023/NĐ-CP ngày 31/12/2023 (legal-facts mục 1)",
        start_confirmed=True,
        # Only the titles (Điều 54) are in the sources; its Bằng khen amounts are not.
        coefficients=_table(
            _TITLE_COEFFICIENTS,
            "NĐ 98/2023/NĐ-CP Điều 54 (legal-facts B9: phuongduc.thuathienhue.gov.vn, lsvn.vn)",
            True,
        ),
        rounding=Rounding(10_000, f"{_ROUND_UP_TEXT} – NĐ 98/2023/NĐ-CP (legal-facts B9, phunuvietnam.vn)", True),
    ),
    Regime(
        decree="Nghị định số 152/2025/NĐ-CP",
        start=datetime.date(2025, 7, 1),
        start_source="NĐ 152/2025/NĐ-CP Điều 59 (legal-facts mục 1, TV/0a2c9cdccc620fd0)",
        start_confirmed=True,
        coefficients=_table(
            {
                **_TITLE_COEFFICIENTS,
                (PM_CERTIFICATE, _I): "3.5",
                (PM_CERTIFICATE, _C): "7.0",
                (PROVINCE_CERTIFICATE, _I): "1.5",
                (PROVINCE_CERTIFICATE, _C): "3.0",
            },
            "NĐ 152/2025/NĐ-CP Điều 50, 54 (legal-facts B9: TV/31bd1c84adc55bc9, TV/6609f77a53deded3)",
            True,
        ),
        # Press tables for NĐ 152 print unrounded amounts (702.000); hoso keeps NĐ 98's rule
        # until the article is read.
        rounding=Rounding(
            10_000,
            f"{_ROUND_UP_TEXT} – quy định của NĐ 98/2023/NĐ-CP; NĐ 152/2025/NĐ-CP còn giữ hay không: chưa xác "
            "nhận (legal-facts B9, E)",
            False,
        ),
    ),
)

# --- Base salary (mức lương cơ sở) ---------------------------------------------------------------------
_NOT_IN_SOURCES = "không có trong tài liệu nguồn của dự án, chưa đối chiếu văn bản"
# Every rise since the 2016 seed is listed, confirmed or not: an entry is in force until the next
# one starts, so a gap would silently pay a 2018 bonus on the 2016 base salary.
BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(1_210_000, datetime.date(2016, 5, 1), f"NĐ 47/2016/NĐ-CP Điều 3 – {_NOT_IN_SOURCES}", False),
    BaseSalary(1_300_000, datetime.date(2017, 7, 1), f"NĐ 47/2017/NĐ-CP Điều 3 – {_NOT_IN_SOURCES}", False),
    BaseSalary(1_390_000, datetime.date(2018, 7, 1), f"NĐ 72/2018/NĐ-CP Điều 3 – {_NOT_IN_SOURCES}", False),
    BaseSalary(1_490_000, datetime.date(2019, 7, 1), f"NĐ 38/2019/NĐ-CP Điều 3 – {_NOT_IN_SOURCES}", False),
    BaseSalary(
        1_800_000,
        datetime.date(2023, 7, 1),
        "mức và ngày: legal-facts mục 1; số Nghị định (24/2023/NĐ-CP) chưa đối chiếu",
        True,
    ),
    BaseSalary(2_340_000, datetime.date(2024, 7, 1), "NĐ 73/2024/NĐ-CP Điều 3 khoản 2 (legal-facts B9)", True),
    BaseSalary(2_530_000, datetime.date(2026, 7, 1), "NĐ 161/2026/NĐ-CP Điều 3 (legal-facts mục 1, B9)", True),
)


# --- Lookups --------------------------------------------------------------------------------------------
def find_award(name: str) -> Award | None:
    return AWARDS.get(name)


def closest_award_name(name: str) -> str | None:
    """The catalogue name a mistyped ``name`` most likely meant, if any is close."""
    close = difflib.get_close_matches(name, list(AWARDS), n=1, cutoff=0.6)
    return close[0] if close else None


class _Dated(Protocol):
    @property
    def start(self) -> datetime.date: ...


_DatedT = TypeVar("_DatedT", bound=_Dated)


def _latest(items: tuple[_DatedT, ...], on: datetime.date) -> _DatedT | None:
    """The last of ``items`` (in date order) that has started by ``on``."""
    started = [item for item in items if item.start <= on]
    return started[-1] if started else None


def regime_on(on: datetime.date) -> Regime | None:
    """The decree setting the coefficients on ``on`` (None before the first one we know)."""
    return _latest(REGIMES, on)


def base_salary_on(on: datetime.date) -> BaseSalary | None:
    """The base salary in force on ``on`` (None before the first one we know)."""
    return _latest(BASE_SALARIES, on)
