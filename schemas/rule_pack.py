"""Rule packs: the legal numbers and conditions hoso applies, as data (the YAML files of ``rules/``).

Three kinds of file, told apart by their ``kind:`` line like any input:

* ``rule_pack`` – what one legal era (``level: national``) or one province, bloc or council
  (``level: local``) sets for a date range: the titles and awards with who decides them, the
  council vote thresholds, the bonus coefficients, the rounding, the eligibility requirements,
  and for local packs quotas and deadlines;
* ``base_salaries`` – the mức lương cơ sở by effective date;
* ``legal_texts`` – the laws and decrees with the dates they were issued and in force, so that a
  document citing a text that did not exist yet, or no longer applies, is found.

Every value names its ``source`` (a key of the file's ``references``: the text and article it
comes from) and says whether it is ``confirmed`` against that text. An unconfirmed value may be
used, but every document using it gets a warning saying so. Pack files are read by
:mod:`pipeline.law.rulebook` with the same load and validate stages as inputs, so a mistake in a pack is
reported with its file, line and data path.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, Field, model_validator
from pydantic_core import InitErrorDetails

from pipeline.core.messages import schema_error

from schemas.common import Line, Model, custom_error, raise_each
from schemas.record import Rating, Scope

Key = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=60,
        description="Khóa viết thường, không dấu, nối bằng gạch ngang, ví dụ: nd152-50.",
    ),
]
RecipientName = Literal["tập thể", "cá nhân"]
AuthorityName = Literal["Thủ tướng Chính phủ", "Chủ tịch UBND tỉnh", "Thủ trưởng cơ quan, đơn vị"]


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _two_decimals(value: Decimal) -> Decimal:
    if value != value.quantize(Decimal("0.01")):
        raise schema_error("schema.rule_pack.decimals", value=format(value.normalize(), "f").replace(".", ","))
    return value


Percent = Annotated[Decimal, Field(gt=0, le=100), AfterValidator(_two_decimals)]
Coefficient = Annotated[Decimal, Field(gt=0, le=1000), AfterValidator(_two_decimals)]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise schema_error("schema.rule_pack.pattern", pattern=pattern, reason=str(exc)) from None
    return pattern


Pattern = Annotated[Line, AfterValidator(_compiles)]


class Reference(Model):
    """Một văn bản (và điều, khoản) mà các giá trị dẫn tới."""

    text: Line = Field(description="Tên văn bản, ví dụ: Nghị định 152/2025/NĐ-CP.")
    article: Line | None = Field(None, description="Điều, khoản, ví dụ: Điều 50.")
    note: Line | None = Field(None, description="Nguồn đã đối chiếu hoặc điều còn chưa rõ (ghi cho người bảo trì).")


class Sourced(Model):
    """Một giá trị có nguồn: khóa văn bản trong «references» và đã được xác nhận hay chưa."""

    source: Key = Field(description="Khóa của văn bản nguồn trong «references».")
    confirmed: bool = Field(description="Đã đối chiếu với văn bản gốc (true) hay chưa (false).")


class SourcedDate(Sourced):
    """Một ngày có nguồn."""

    date: datetime.date


class Period(Sourced):
    """Thời gian áp dụng: từ ngày, đến ngày (cả hai ngày đều tính); để trống «end» nếu chưa có hạn."""

    start: datetime.date
    end: datetime.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise schema_error("schema.rule_pack.period_order", end=_date(self.end), start=_date(self.start))
        return self


class Share(Sourced):
    """Tỷ lệ phiếu «đồng ý» tối thiểu, tính trên TỔNG SỐ thành viên."""

    percent: Percent


class BonusCoefficient(Sourced):
    """Hệ số tiền thưởng: tiền thưởng = hệ số × mức lương cơ sở."""

    value: Coefficient


class Authority(Sourced):
    """Người có thẩm quyền quyết định."""

    value: AuthorityName


class Rounding(Sourced):
    """Làm tròn tiền thưởng lên bội số của «up_to» đồng; để trống «up_to» nếu không làm tròn."""

    up_to: int | None = Field(None, ge=1, le=1_000_000)


# --- Eligibility requirements -------------------------------------------------------------------------
class _Requirement(Sourced):
    recipient: RecipientName | None = Field(
        None, description="Chỉ áp dụng cho tập thể hoặc chỉ cho cá nhân; để trống: cho cả hai."
    )
    alternative: bool = Field(
        False,
        description="true khi đây chỉ là một trong nhiều căn cứ để đề nghị (các căn cứ khác hoso không kiểm tra "
        "được): thiếu điều kiện chỉ là cảnh báo.",
    )


class RatingRequirement(_Requirement):
    """Xếp loại năm đề nghị từ mức «at_least» trở lên."""

    rule: Literal["rating"]
    at_least: Rating


class InitiativeRequirement(_Requirement):
    """Có sáng kiến (đề tài) được công nhận trong năm đề nghị, phạm vi ảnh hưởng từ «scope» trở lên."""

    rule: Literal["initiative"]
    scope: Scope


class RatingOrInitiativeRequirement(_Requirement):
    """Xếp loại từ «at_least» trở lên, hoặc có sáng kiến được công nhận phạm vi từ «scope» trở lên."""

    rule: Literal["rating_or_initiative"]
    at_least: Rating
    scope: Scope


class SameYearTitleRequirement(_Requirement):
    """Đạt (hoặc được đề nghị cùng lúc) danh hiệu «title» trong cùng năm."""

    rule: Literal["same_year_title"]
    title: Line


class ConsecutiveTitlesRequirement(_Requirement):
    """Đạt danh hiệu «title» «years» năm liên tục, tính đến năm đề nghị."""

    rule: Literal["consecutive_titles"]
    title: Line
    years: int = Field(ge=2, le=10)


class LongRecordRequirement(_Requirement):
    """Đã có một trong các hình thức «prior»; «years» năm liên tục xếp loại từ «at_least» trở lên tính đến năm
    đề nghị; trong thời gian đó đạt «count» lần danh hiệu «title»."""

    rule: Literal["long_record"]
    prior: list[Line] = Field(min_length=1)
    years: int = Field(ge=2, le=20)
    at_least: Rating
    title: Line
    count: int = Field(ge=1, le=20)


class MemberShareRequirement(_Requirement):
    """Tỷ lệ thành viên của tập thể đạt danh hiệu «title» từ (at_least) hoặc trên (more_than) «percent»%."""

    rule: Literal["member_share"]
    title: Line
    percent: Percent
    comparison: Literal["at_least", "more_than"] = "at_least"


class MembersCompleteRequirement(_Requirement):
    """Tỷ lệ thành viên hoàn thành nhiệm vụ trở lên từ «percent»%."""

    rule: Literal["members_complete"]
    percent: Percent


class MemberCountRequirement(_Requirement):
    """Có ít nhất «at_least» thành viên đạt danh hiệu «title»."""

    rule: Literal["member_count"]
    title: Line
    at_least: int = Field(ge=1)


class NoMemberDisciplineRequirement(_Requirement):
    """Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên trong năm."""

    rule: Literal["no_member_discipline"]


Requirement = Annotated[
    Union[
        RatingRequirement,
        InitiativeRequirement,
        RatingOrInitiativeRequirement,
        SameYearTitleRequirement,
        ConsecutiveTitlesRequirement,
        LongRecordRequirement,
        MemberShareRequirement,
        MembersCompleteRequirement,
        MemberCountRequirement,
        NoMemberDisciplineRequirement,
    ],
    Field(discriminator="rule"),
]

COLLECTIVE_ONLY = ("member_share", "members_complete", "member_count", "no_member_discipline")


class TitleRule(Model):
    """Một danh hiệu thi đua hoặc hình thức khen thưởng. Trong bộ quy tắc quốc gia phải có category,
    recipients và decided_by; trong bộ quy tắc địa phương chỉ ghi những gì thay đổi hoặc thêm."""

    category: Literal["emulation", "commendation"] | None = Field(
        None, description="emulation (danh hiệu thi đua) hoặc commendation (hình thức khen thưởng)."
    )
    recipients: list[RecipientName] | None = Field(None, min_length=1, max_length=2)
    decided_by: Authority | None = None
    council_vote: Share | None = Field(
        None, description="Tỷ lệ phiếu đồng ý tối thiểu khi Hội đồng Thi đua - Khen thưởng bỏ phiếu."
    )
    bonus: dict[RecipientName, BonusCoefficient] = Field(default_factory=dict)
    requirements: list[Requirement] = Field(
        default_factory=list, description="Điều kiện, tiêu chuẩn kiểm tra được từ hồ sơ của người được đề nghị."
    )

    @model_validator(mode="after")
    def _consistent(self) -> TitleRule:
        errors: list[InitErrorDetails] = []
        if self.recipients is not None and len(set(self.recipients)) != len(self.recipients):
            errors.append(custom_error(("recipients",), self.recipients, "schema.rule_pack.recipient_repeated"))
        if self.recipients is not None:
            for name in self.bonus:
                if name not in self.recipients:
                    errors.append(custom_error(("bonus", name), name, "schema.rule_pack.bonus_recipient", name=name))
            if "tập thể" not in self.recipients:
                errors += [
                    custom_error(
                        ("requirements", index, "rule"), requirement.rule, "schema.rule_pack.collective_requirement",
                        rule=requirement.rule,
                    )
                    for index, requirement in enumerate(self.requirements)
                    if requirement.rule in COLLECTIVE_ONLY
                ]
        raise_each(type(self).__name__, errors)
        return self

    @property
    def complete(self) -> bool:
        return self.category is not None and self.recipients is not None and self.decided_by is not None


class General(Model):
    """Các nguyên tắc áp dụng cho mọi danh hiệu, hình thức khen thưởng."""

    no_discipline: Sourced | None = Field(
        None, description="Không đề nghị khen thưởng người đang trong thời gian thi hành kỷ luật."
    )
    no_pending_case: Sourced | None = Field(
        None, description="Không đề nghị khi đang bị điều tra, thanh tra, kiểm tra, có đơn thư đang xác minh."
    )
    one_form_per_achievement: Sourced | None = Field(
        None, description="Một thành tích không được khen thưởng nhiều lần, nhiều hình thức."
    )
    written_opinions: Sourced | None = Field(
        None, description="Thành viên vắng mặt phải có ý kiến bằng văn bản, ghi vào biên bản."
    )


class Quota(Sourced):
    """Tỷ lệ tối đa: số người được đề nghị «title» không quá «percent»% số người đạt «among»."""

    title: Line
    percent: Percent
    among: Line


class Deadline(Sourced):
    """Hạn gửi hồ sơ: tờ trình của năm thi đua N lập chậm nhất ngày «day»/«month» của năm N + «year_offset»."""

    document: Literal["nomination"] = Field(description="Loại văn bản có hạn: nomination (tờ trình).")
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    year_offset: int = Field(0, ge=0, le=1)
    titles: list[Line] = Field(
        default_factory=list, description="Chỉ áp dụng cho các danh hiệu này; để trống: mọi danh hiệu."
    )

    @model_validator(mode="after")
    def _real_day(self) -> Deadline:
        try:
            datetime.date(2000, self.month, self.day)  # 2000 is a leap year: 29/02 is allowed
        except ValueError:
            raise schema_error("schema.rule_pack.deadline_day", day=self.day, month=self.month) from None
        return self


def _sourced(value: Any, loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], Sourced]]:
    """Every sourced value under ``value`` with its data path."""
    found: list[tuple[tuple[str | int, ...], Sourced]] = []
    if isinstance(value, Sourced):
        found.append((loc, value))
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found += _sourced(getattr(value, name), (*loc, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _sourced(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _sourced(item, (*loc, index))
    return found


class _Referenced(Model):
    """A file whose values name their sources by key."""

    references: dict[Key, Reference] = Field(description="Các văn bản nguồn, theo khóa.")

    @model_validator(mode="after")
    def _consistent(self) -> _Referenced:
        # One validator for every check of the file, so that all its problems are reported at once.
        raise_each(type(self).__name__, self._problems())
        return self

    def _problems(self) -> list[InitErrorDetails]:
        known = ", ".join(sorted(self.references))
        return [
            custom_error(
                (*loc, "source"), value.source, "schema.rule_pack.unknown_source", source=value.source, known=known,
            )
            for loc, value in _sourced(self, ())
            if value.source not in self.references
        ]


class RulePack(_Referenced):
    """Bộ quy tắc của một thời kỳ (quốc gia) hoặc của một tỉnh, khối, cụm (địa phương)."""

    kind: Literal["rule_pack"]
    name: Line = Field(description="Tên bộ quy tắc, ví dụ: Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP.")
    level: Literal["national", "local"] = Field(
        description="national (quy định chung của một thời kỳ) hoặc local (quy chế của tỉnh, khối, cụm, bổ sung "
        "hoặc thay thế một số giá trị)."
    )
    scope: Line = Field(description="Phạm vi áp dụng, ví dụ: Toàn quốc; Khối thi đua các cơ quan Văn hóa - Xã hội.")
    effective: Period
    decree: Key | None = Field(
        None, description="Khóa (trong tệp văn bản pháp luật) của nghị định quy định mức tiền thưởng thời kỳ này."
    )
    titles: dict[Line, TitleRule] = Field(default_factory=dict)
    practice_vote: Share | None = Field(
        None, description="Tỷ lệ áp dụng khi không có quy định riêng (bắt buộc với bộ quy tắc quốc gia)."
    )
    bloc_vote: Share | None = Field(None, description="Tỷ lệ suy tôn của khối, cụm thi đua.")
    rounding: Rounding | None = None
    general: General = Field(default_factory=General)
    quotas: list[Quota] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    district_level_abolished: SourcedDate | None = Field(
        None,
        description="Ngày không còn cấp huyện (chính quyền địa phương hai cấp): văn bản từ ngày này không được nêu "
        "cơ quan, đơn vị hành chính cấp huyện.",
    )
    achievement_form: Sourced | None = Field(
        None,
        description="Đề mục, số hiệu mẫu hoso in cho báo cáo thành tích, so với mẫu văn bản của thời kỳ: chưa được "
        "xác nhận thì mỗi báo cáo thành tích có một cảnh báo.",
    )

    def _problems(self) -> list[InitErrorDetails]:
        errors = super()._problems()
        if self.level != "national":
            return errors
        errors += [
            custom_error(("titles", name), name, "schema.rule_pack.title_incomplete", name=name)
            for name, title in self.titles.items()
            if not title.complete
        ]
        if self.practice_vote is None:
            errors.append(custom_error(("practice_vote",), None, "schema.rule_pack.practice_vote_missing"))
        if self.rounding is None:
            errors.append(custom_error(("rounding",), None, "schema.rule_pack.rounding_missing"))
        return errors


class BaseSalary(Sourced):
    """Mức lương cơ sở áp dụng từ ngày «start» đến trước mức kế tiếp."""

    start: datetime.date
    amount: int = Field(ge=100_000, le=100_000_000, description="Số đồng một tháng.")


class BaseSalaryTable(_Referenced):
    """Bảng mức lương cơ sở theo ngày áp dụng."""

    kind: Literal["base_salaries"]
    entries: list[BaseSalary] = Field(min_length=1)

    def _problems(self) -> list[InitErrorDetails]:
        return super()._problems() + [
            custom_error(
                ("entries", index, "start"), entry.start.isoformat(), "schema.rule_pack.salary_order",
                start=_date(entry.start), previous=_date(previous.start),
            )
            for index, (previous, entry) in enumerate(zip(self.entries, self.entries[1:]), start=1)
            if entry.start <= previous.start
        ]


class LegalText(Model):
    """Một luật, nghị định, thông tư: ngày ban hành, thời gian có hiệu lực và cách văn bản khác dẫn nó."""

    name: Line = Field(description="Tên để in, ví dụ: Nghị định số 152/2025/NĐ-CP.")
    patterns: list[Pattern] = Field(
        min_length=1,
        description="Các cách viết khi dẫn văn bản (biểu thức chính quy, không phân biệt hoa thường).",
    )
    issued: SourcedDate = Field(description="Ngày ban hành (ngày sớm nhất văn bản có thể được dẫn).")
    in_force_from: SourcedDate = Field(description="Ngày có hiệu lực.")
    in_force_until: SourcedDate | None = Field(None, description="Ngày cuối cùng còn hiệu lực (nếu đã hết).")

    @model_validator(mode="after")
    def _ordered(self) -> LegalText:
        if self.in_force_from.date < self.issued.date:
            raise schema_error(
                "schema.rule_pack.text_order", start=_date(self.in_force_from.date), issued=_date(self.issued.date),
            )
        if self.in_force_until is not None and self.in_force_until.date < self.in_force_from.date:
            raise schema_error(
                "schema.rule_pack.period_order/in_force", end=_date(self.in_force_until.date),
                start=_date(self.in_force_from.date),
            )
        return self


class LegalTextTable(_Referenced):
    """Các văn bản pháp luật và thời gian có hiệu lực (để kiểm tra văn bản dẫn đúng thời kỳ)."""

    kind: Literal["legal_texts"]
    texts: dict[Key, LegalText] = Field(min_length=1)


RULE_FILES: dict[str, type[_Referenced]] = {
    "rule_pack": RulePack,
    "base_salaries": BaseSalaryTable,
    "legal_texts": LegalTextTable,
}
