"""Blocks every document shares: issuer, document metadata, signer, recipients, legal bases.

Field names are English (see the glossary); descriptions are Vietnamese, because they are what a
clerk sees in an editor that reads the exported JSON Schema. Every model forbids unknown fields,
so a misspelt key is named instead of silently ignored.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
import re
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import InitErrorDetails, PydanticKnownError

from pipeline.core.messages import schema_error


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _single_line(value: str) -> str:
    if "\n" in value:
        raise schema_error("schema.text.newline")
    return value


def _local_time(moment: datetime.datetime) -> datetime.datetime:
    # Times are written as the minutes print them, in local time: one with an offset could not be
    # compared with the others of the file (nor printed as the clerk wrote it).
    if moment.tzinfo is not None:
        raise schema_error("schema.time.timezone")
    return moment


LocalTime = Annotated[datetime.datetime, AfterValidator(_local_time)]
"""A day and time, without a time zone."""

QUANTITY_DIGITS = 15
QUANTITY_DECIMALS = 4


def _sensible_quantity(value: Decimal) -> Decimal:
    # A target or a result is a count, a percentage or an amount of money: fifteen digits hold
    # a budget in đồng; more (1E+30) or a long fraction (1E-1000000, a million digits when
    # printed) is a typing mistake.
    if value.adjusted() >= QUANTITY_DIGITS:
        raise schema_error("schema.number.too_large", limit=QUANTITY_DIGITS)
    if -int(value.as_tuple().exponent) > QUANTITY_DECIMALS and value != round(value, QUANTITY_DECIMALS):
        raise schema_error("schema.number.too_precise", limit=QUANTITY_DECIMALS)
    return value


Quantity = Annotated[Decimal, Field(ge=0), AfterValidator(_sensible_quantity)]
"""A non-negative number a clerk types: at most 15 digits before the decimal comma and 4 after."""

LINE_MAX = 1000
"""The longest line or paragraph a field takes when it declares no limit of its own."""


def _within_line_max(value: str) -> str:
    if len(value) > LINE_MAX:
        raise PydanticKnownError("string_too_long", {"max_length": LINE_MAX})
    return value


def _line_max_in_schema(schema: dict[str, object]) -> None:
    schema.setdefault("maxLength", LINE_MAX)


# The default limit is a validator, not ``Field(max_length=…)``: pydantic applies a type's own
# constraints after those of the field using it, so a field's ``max_length=300`` would be replaced
# by the type's 1000 and never enforced. A field's own limit lands on the string itself.
Line = Annotated[
    str,
    Field(min_length=1, json_schema_extra=_line_max_in_schema),
    AfterValidator(_single_line),
    AfterValidator(_within_line_max),
]
"""One line or paragraph of text, already NFC-normalised and stripped by the load stage."""

_LIST_PUNCTUATION = re.compile(r"^\s*[-–+•]\s*|\s*[;.]\s*$")


def _strip_list_punctuation(value: object) -> object:
    # hoso writes the dash before and the ";"/"." after each list item (PL1 Phần II mục 9.b);
    # a clerk copying from an old document brings them along, so they are removed, not doubled.
    return _LIST_PUNCTUATION.sub("", value) if isinstance(value, str) else value


ListItem = Annotated[Line, BeforeValidator(_strip_list_punctuation)]


def _as_lines(value: object) -> object:
    return [value] if isinstance(value, str) else value


def _has_letter(line: str) -> str:
    # A body's name is printed in capitals in the header (PL1 Phần II mục 2): a line of digits or
    # symbols only («2016-12-20») cannot be, and is no name.
    if not any(ch.isalpha() for ch in line):
        raise schema_error("schema.text.no_letter")
    return line


TextLines = Annotated[
    list[Annotated[Line, AfterValidator(_has_letter)]],
    BeforeValidator(_as_lines),
    Field(min_length=1, max_length=4),
]
"""A name printed on one or more lines: a string, or a list when the clerk chooses the breaks."""

Abbreviation = Annotated[
    str,
    Field(
        pattern=r"^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$",
        max_length=30,
        description="Chữ viết tắt in hoa, không dấu cách, ví dụ: UBND, SVHTTDL, KTĐVHXH.",
    ),
]


PLACE_MAX = 25

DocumentNumber = Annotated[int, Field(ge=1, le=999_999)]
"""A document's number: numbering starts again from 01 every year (NĐ 30/2020, Điều 15); no body
issues a million documents in one, and a longer number would not fit the header."""


class Issuer(Model):
    """Cơ quan ban hành văn bản (ô số 2 và 3 của Phụ lục I, NĐ 30/2020)."""

    parent_body: TextLines | None = Field(
        None,
        description="Tên cơ quan, tổ chức chủ quản trực tiếp (nếu có), ví dụ: UBND tỉnh Thái Nguyên. "
        "hoso tự viết in hoa.",
    )
    name: TextLines = Field(
        description="Tên cơ quan, tổ chức ban hành văn bản, viết bình thường; hoso tự viết in hoa ở phần đầu. "
        "Một chuỗi, hoặc danh sách các dòng nếu muốn tự ngắt dòng.",
    )
    abbreviation: Abbreviation = Field(description="Chữ viết tắt tên cơ quan ban hành, dùng trong ký hiệu văn bản.")
    # The date line («Thái Nguyên, ngày … tháng … năm …») stands on one line of the header's right
    # column (PL1 Phần II mục 4): the longest place names («Thành phố Hồ Chí Minh») fit, a phrase
    # does not.
    place: Line = Field(max_length=PLACE_MAX, description="Địa danh ghi trên dòng ngày tháng, ví dụ: Thái Nguyên.")


class DocumentInfo(Model):
    """Số, ngày ban hành và trích yếu của văn bản."""

    number: DocumentNumber | None = Field(
        None,
        description="Số văn bản. Để trống khi là dự thảo: văn thư ghi số sau khi ký (Điều 15 NĐ 30/2020).",
    )
    date: datetime.date = Field(description="Ngày ban hành, dạng YYYY-MM-DD.")
    subject: Line = Field(max_length=300, description="Trích yếu nội dung văn bản.")


CHOICE_LABELS = "x-labels"
"""Key, in a choice's JSON Schema, of the Vietnamese label shown for each value (value → label):
forms and editors show the labels, the data keeps the values."""


def labelled(labels: dict[str, str]) -> FieldInfo:
    """Field metadata giving a choice's values their Vietnamese labels, for ``Annotated[Literal[…], …]``."""
    return Field(json_schema_extra={CHOICE_LABELS: labels})


# The signing authorities of NĐ 30/2020, Phụ lục I, Phần II, mục 7.a, written exactly so.
Authority = Annotated[
    Literal["TM.", "KT.", "Q.", "TL.", "TUQ."],
    labelled({"TM.": "TM. (thay mặt)", "KT.": "KT. (ký thay)", "Q.": "Q. (quyền)", "TL.": "TL. (thừa lệnh)",
              "TUQ.": "TUQ. (thừa ủy quyền)"}),
]


class SigningAuthority(Model):
    """Một dòng quyền hạn ký: TM. (thay mặt), KT. (ký thay), Q. (quyền), TL. (thừa lệnh), TUQ. (thừa ủy quyền)."""

    authority: Authority = Field(description="Quyền hạn ký, viết đúng: TM., KT., Q., TL., TUQ.")
    of: Line = Field(description="Tập thể hoặc chức vụ được thay mặt, ký thay…, ví dụ: Ủy ban nhân dân, Giám đốc.")


_ACADEMIC_PREFIX = re.compile(r"^(GS|PGS|TS|TSKH|ThS|Th\.S|BS|KS|CN|NGND|NGƯT)\b\.?", re.IGNORECASE)


def _no_academic_title(name: str) -> str:
    # PL1 Phần II mục 7.c: no học hàm, học vị before the signer's name.
    if _ACADEMIC_PREFIX.match(name):
        raise schema_error("schema.signer.academic_title")
    return name


class Signer(Model):
    """Người ký: quyền hạn, chức vụ và họ tên (ô số 7)."""

    authorities: list[SigningAuthority] = Field(
        default_factory=list,
        max_length=2,
        description="Các dòng quyền hạn ký theo thứ tự in, ví dụ: [TM. Ủy ban nhân dân, KT. Chủ tịch].",
    )
    position: Line | None = Field(None, description="Chức vụ của người ký, ví dụ: Phó Chủ tịch.")
    name: Annotated[Line, AfterValidator(_no_academic_title)] = Field(description="Họ và tên người ký.")

    @model_validator(mode="after")
    def _position_needed(self) -> Signer:
        acting = bool(self.authorities) and self.authorities[-1].authority == "Q."
        if self.position is None and not acting:
            raise schema_error("schema.signer.position_missing")
        return self


class Recipients(Model):
    """Nơi nhận (ô số 9b) và, với văn bản gửi cấp trên, Kính gửi (ô số 9a)."""

    addressees: list[ListItem] = Field(
        default_factory=list,
        description="Cơ quan, người có thẩm quyền giải quyết (Kính gửi); chỉ dùng cho tờ trình, báo cáo gửi cấp trên.",
    )
    others: list[ListItem] = Field(
        default_factory=list,
        description="Nơi nhận khác, mỗi mục một cơ quan; hoso tự thêm dấu gạch đầu dòng và dấu chấm phẩy.",
    )
    archive: ListItem = Field(
        description="Đơn vị soạn thảo và số bản lưu, in sau «Lưu: VT,», ví dụ: VP hoặc VP, 02b.",
    )


def _strip_basis_prefix(value: object) -> object:
    value = _strip_list_punctuation(value)
    # hoso writes "Căn cứ" itself (PL1 Phần II mục 6.a); accept it typed in the data too.
    return re.sub(r"^Căn cứ\s+", "", value) if isinstance(value, str) else value


LegalBasis = Annotated[Line, BeforeValidator(_strip_basis_prefix)]
"""A legal basis cited after "Căn cứ"; a Luật is cited by name and date, without its number."""


class IssuedDocument(Model):
    """What every document issued by one body carries: the issuer, number, date and trích yếu, the
    signer, the recipients and the legal bases (the NĐ 30 frame around its text)."""

    kind: str = Field(description="Loại dữ liệu; mỗi loại văn bản đặt lại trường này.")  # first, as in the files
    issuer: Issuer
    document: DocumentInfo
    signer: Signer
    recipients: Recipients
    legal_bases: list[LegalBasis] = Field(default_factory=list, description="Các căn cứ (không ghi «Căn cứ»).")


def custom_error(loc: tuple[str | int, ...], value: object, key: str, /, **params: object) -> InitErrorDetails:
    """One error of a list check (``key`` and its values as for :func:`schema_error`), at ``loc``
    relative to the field or model that raises it (see :func:`raise_each`)."""
    return InitErrorDetails(type=schema_error(key, **params), loc=loc, input=value)


def raise_each(title: str, errors: list[InitErrorDetails]) -> None:
    # A ValidationError raised inside a validator keeps each error's own loc (under the field being
    # validated), so every faulty row is named with its path and line, all at once, instead of one
    # message on the whole list.
    if errors:
        raise ValidationError.from_exception_data(title, errors)


def planned_for(year: int, issued: datetime.date) -> bool:
    """A plan or a registration for ``year`` is issued within that year or at the end of the one
    before."""
    return issued.year in (year - 1, year)


def reports_on(year: int, issued: datetime.date) -> bool:
    """Whether a year-end report on ``year`` may be dated ``issued``: within that year, or in the
    first quarter of the next, when late reports and the bloc's summary still come in."""
    return issued.year == year or (issued.year == year + 1 and issued.month <= 3)


def reports_achievements_of(year: int, issued: datetime.date) -> bool:
    """An achievement report on ``year`` is written within that year or in the next."""
    return issued.year in (year, year + 1)


def year_fits_date(year: int, info: ValidationInfo, fits: Callable[[int, datetime.date], bool], key: str) -> int:
    """The emulation ``year`` against the document's date, for a ``year`` field validator; the
    message of ``key`` uses ``{year}`` and ``{issued}``."""
    document = info.data.get("document")
    if document is not None and not fits(year, document.date):
        raise schema_error(key, year=year, issued=document.date.strftime("%d/%m/%Y"))
    return year


InputRef = Annotated[
    Line,
    Field(
        max_length=300,
        description="Đường dẫn tới một tệp dữ liệu khác, tính từ thư mục của tệp này, ví dụ: "
        "bien-ban-hop.yaml. Trong danh sách, được dùng mẫu * (ví dụ: tu-danh-gia/*.yaml).",
    ),
]
"""A link to another input file, resolved by the validate stage (:mod:`pipeline.stages.link`)."""
