"""Danh sách đề nghị công nhận danh hiệu thi đua of one unit: the input of ``hoso validate`` for the
year-end proposals a unit makes for its own people and its sections (Lao động tiên tiến, Chiến sĩ
thi đua cơ sở, Tập thể lao động tiên tiến …).

It is data for the rules stage, not a document: each nominee carries the record the eligibility
rules read (Luật Thi đua, khen thưởng 2022 and its decrees) – ratings by year, titles and awards already received, initiatives,
discipline, pending cases – and the titles proposed now. What can be counted is counted, never
typed: the share of a section's members who are Lao động tiên tiến comes from the individuals of
the list who name that section, the quota of Chiến sĩ thi đua cơ sở from the list's own proposals.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import InitErrorDetails

from schemas.achievement import IssueInfo, PersonName
from schemas.common import Issuer, Line, Model, custom_error, raise_each
from schemas.record import Disciplines, PendingCases, Ratings, RecognisedInitiative, Year

Proposed = Annotated[
    list[Annotated[Line, Field(max_length=200)]],
    Field(min_length=1, max_length=5, description="Danh hiệu, hình thức khen thưởng đề nghị năm nay."),
]
History = Annotated[
    dict[Year, list[Annotated[Line, Field(max_length=200)]]],
    Field(
        default_factory=dict,
        description="Danh hiệu, hình thức khen thưởng đã được công nhận theo từng năm, ví dụ «2015: [Lao động tiên "
        "tiến, Chiến sĩ thi đua cơ sở]».",
    ),
]


class IndividualNominee(Model):
    """Một cá nhân được đề nghị và hồ sơ của người đó."""

    name: PersonName
    position: Line | None = Field(None, max_length=300, description="Chức vụ, vị trí công tác.")
    collective: Line | None = Field(
        None,
        max_length=300,
        description="Tập thể (phòng, ban, tổ) mà người này là thành viên, đúng như tên trong «collectives»; dùng để "
        "tính tỷ lệ thành viên đạt danh hiệu của tập thể.",
    )
    proposed: Proposed
    titles: History
    ratings: Ratings
    initiatives: list[RecognisedInitiative] = Field(
        default_factory=list, description="Sáng kiến, đề tài đã được công nhận."
    )
    discipline: Disciplines
    pending_cases: PendingCases


class CollectiveNominee(Model):
    """Một tập thể (phòng, ban, tổ) được đề nghị và hồ sơ của tập thể đó."""

    name: Line = Field(max_length=300, description="Tên tập thể, ghi đầy đủ.")
    members: int = Field(ge=1, description="Tổng số thành viên của tập thể trong năm.")
    members_completing: int | None = Field(
        None, ge=0, description="Số thành viên được xếp loại hoàn thành nhiệm vụ trở lên."
    )
    members_disciplined: int | None = Field(
        None, ge=0, description="Số thành viên bị kỷ luật từ hình thức cảnh cáo trở lên trong năm."
    )
    proposed: Proposed
    titles: History
    ratings: Ratings
    discipline: Disciplines
    pending_cases: PendingCases


class NomineeList(Model):
    """Danh sách đề nghị công nhận danh hiệu thi đua, hình thức khen thưởng của một đơn vị trong một năm."""

    kind: Literal["nominee_list"] = Field(
        "nominee_list", description="Loại dữ liệu: nominee_list (danh sách đề nghị của một đơn vị)."
    )
    issuer: Issuer = Field(description="Đơn vị lập danh sách.")
    document: IssueInfo
    year: Year = Field(description="Năm thi đua được đề nghị.")
    individuals: list[IndividualNominee] = Field(default_factory=list, max_length=5000)
    collectives: list[CollectiveNominee] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _consistent(self) -> NomineeList:
        errors: list[InitErrorDetails] = []
        if not self.individuals and not self.collectives:
            errors.append(custom_error((), None, "schema.nominee_list.empty"))
        errors += _repeated("individuals", [n.name for n in self.individuals])
        errors += _repeated("collectives", [c.name for c in self.collectives])
        sizes = Counter(n.collective for n in self.individuals if n.collective)
        for index, collective in enumerate(self.collectives):
            if collective.members_completing is not None and collective.members_completing > collective.members:
                errors.append(custom_error(
                    ("collectives", index, "members_completing"), collective.members_completing,
                    "schema.nominee_list.members_mismatch", completing=collective.members_completing,
                    members=collective.members,
                ))
            if sizes[collective.name] > collective.members:
                errors.append(custom_error(
                    ("collectives", index, "members"), collective.members, "schema.nominee_list.members_mismatch/listed",
                    listed=sizes[collective.name], name=collective.name, members=collective.members,
                ))
        raise_each(type(self).__name__, errors)
        return self


def _repeated(field: str, names: list[str]) -> list[InitErrorDetails]:
    first: dict[str, int] = {}
    errors = []
    for index, name in enumerate(names):
        if name in first:
            errors.append(custom_error(
                (field, index, "name"), name, "schema.nominee_list.repeated", name=name, first=first[name] + 1,
            ))
        else:
            first[name] = index
    return errors
