"""Stage 2: schema errors – all at once, in file order, in Vietnamese, with stable codes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from pipeline.core.errors import Finding, InputError, Severity
from pipeline.stages.load import load
from pipeline.stages.validate import validate


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=20)
    value: Decimal
    unit: Literal["người", "tập thể"] = "người"

    @model_validator(mode="after")
    def _not_negative(self) -> Target:
        if self.value < 0:
            raise PydanticCustomError(
                "target.negative",
                "Chỉ tiêu «{name}» không được âm.",
                {"name": self.name},
            )
        return self


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["document"]
    number: str


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["link"]
    url: str


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    kind: Literal["ke_hoach", "bao_cao"]
    issued: date
    deadline: date
    targets: list[Target] = Field(min_length=1)
    attachments: list[Annotated[Document | Link, Field(discriminator="kind")]] = []

    @field_validator("title")
    @classmethod
    def _not_all_caps(cls, title: str) -> str:
        if title.isupper():
            raise ValueError("Trích yếu không được viết hoa toàn bộ.")
        return title

    @model_validator(mode="after")
    def _deadline_after_issue(self) -> Plan:
        if self.deadline < self.issued:
            raise PydanticCustomError(
                "plan.deadline_order",
                "Hạn hoàn thành {deadline} phải sau ngày ban hành {issued}.",
                {"deadline": f"{self.deadline:%d/%m/%Y}", "issued": f"{self.issued:%d/%m/%Y}"},
            )
        return self


VALID = (
    "title: Kế hoạch thi đua năm 2016\n"  # 1
    "kind: ke_hoach\n"  # 2
    "issued: 2016-01-05\n"  # 3
    "deadline: 2016-12-31\n"  # 4
    "targets:\n"  # 5
    "  - name: Lao động tiên tiến\n"  # 6
    "    value: 10\n"  # 7
)


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def findings_of(path: Path, model: type[BaseModel] = Plan) -> list[Finding]:
    with pytest.raises(InputError) as caught:
        validate(load(path, root="plan"), model, root="plan")
    return caught.value.findings


def test_valid_data_returns_the_model_and_load_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("thi đua", "thi\x0bđua"))
    plan, warnings = validate(load(path, root="plan"), Plan, root="plan")
    assert plan.title == "Kế hoạch thi đua năm 2016"
    assert plan.targets[0].value == Decimal(10)
    assert plan.issued == date(2016, 1, 5)
    assert warnings == [
        Finding(
            "load.cleaned_char",
            "Đã thay ký tự ngắt dòng của Word (\\x0b) bằng dấu cách.",
            file=str(path),
            path="plan.title",
            line=1,
            severity=Severity.WARNING,
        )
    ]


def test_every_error_at_once_in_file_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        (
            "title: Kế hoạch thi đua\n"  # 1
            "kind: ke_hoach\n"  # 2
            "issued: 2016-01-05\n"  # 3
            "targets:\n"  # 4
            "  - value: 10\n"  # 5  name missing
            "  - name: B\n"  # 6
            "    value: 20\n"  # 7
            "    unti: người\n"  # 8  unknown field
            "  - name: C\n"  # 9
            "    value: mười\n"  # 10 not a number
        ),
    )
    assert findings_of(path) == [
        Finding("schema.missing", "Thiếu trường bắt buộc.", file=str(path), path="plan.deadline"),
        Finding(
            "schema.missing",
            "Thiếu trường bắt buộc.",
            file=str(path),
            path="plan.targets[0].name",
            line=5,
        ),
        Finding(
            "schema.unknown_field",
            "Trường «unti» không có trong mẫu dữ liệu; có phải ý bạn là «unit»?",
            file=str(path),
            path="plan.targets[1].unti",
            line=8,
        ),
        Finding(
            "schema.type",
            "Giá trị phải là số, nhưng nhận được «mười».",
            file=str(path),
            path="plan.targets[2].value",
            line=10,
        ),
    ]


def test_unknown_top_level_field_suggests_the_model_field(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("targets:", "tagets:"))
    assert [(f.code, f.path, f.line, f.message) for f in findings_of(path)] == [
        ("schema.missing", "plan.targets", None, "Thiếu trường bắt buộc."),
        (
            "schema.unknown_field",
            "plan.tagets",
            5,
            "Trường «tagets» không có trong mẫu dữ liệu; có phải ý bạn là «targets»?",
        ),
    ]


def test_unknown_field_without_close_match_lists_valid_fields(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + "    xyz: 1\n")
    [finding] = findings_of(path)
    assert (finding.path, finding.line) == ("plan.targets[0].xyz", 8)
    assert finding.message == (
        "Trường «xyz» không có trong mẫu dữ liệu. Các trường hợp lệ: name, value, unit."
    )


def test_custom_error_keeps_its_code_and_message(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("2016-12-31", "2015-12-31"))
    assert findings_of(path) == [
        Finding(
            "schema.plan.deadline_order",
            "Hạn hoàn thành 31/12/2015 phải sau ngày ban hành 05/01/2016.",
            file=str(path),
            path="plan",
        )
    ]


def test_nested_custom_error_points_at_the_list_item(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + "  - name: Chiến sĩ thi đua\n    value: -1\n")
    assert findings_of(path) == [
        Finding(
            "schema.target.negative",
            "Chỉ tiêu «Chiến sĩ thi đua» không được âm.",
            file=str(path),
            path="plan.targets[1]",
            line=8,
        )
    ]


def test_value_error_loses_pydantic_prefix(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("Kế hoạch thi đua năm 2016", "KẾ HOẠCH"))
    assert findings_of(path) == [
        Finding(
            "schema.value",
            "Trích yếu không được viết hoa toàn bộ.",
            file=str(path),
            path="plan.title",
            line=1,
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "code", "message"),
    [
        (
            "kind: ke_hoach",
            "kind: quyet_dinh",
            "plan.kind",
            2,
            "schema.choice",
            "Chỉ được chọn một trong: 'ke_hoach' hoặc 'bao_cao', nhưng nhận được «quyet_dinh».",
        ),
        (
            "2016-01-05",
            "05/01/2016",
            "plan.issued",
            3,
            "schema.type",
            "Giá trị phải là một ngày có thật, viết theo dạng năm-tháng-ngày (ví dụ 2020-03-05), "
            "nhưng nhận được «05/01/2016».",
        ),
        (
            "2016-01-05",
            "2016-02-30",
            "plan.issued",
            3,
            "schema.type",
            "Giá trị phải là một ngày có thật, viết theo dạng năm-tháng-ngày (ví dụ 2020-03-05), "
            "nhưng nhận được «2016-02-30».",
        ),
        (
            "Kế hoạch thi đua năm 2016",
            "2016",
            "plan.title",
            1,
            "schema.type",
            "Giá trị phải là chuỗi ký tự, nhưng nhận được «2016»; nếu cần giữ nguyên số hoặc ngày "
            "tháng, hãy đặt trong dấu nháy.",
        ),
        (
            "name: Lao động tiên tiến",
            "name: Lao động tiên tiến cấp cơ sở",
            "plan.targets[0].name",
            6,
            "schema.too_long",
            "Giá trị quá dài: tối đa 20 ký tự, hiện có 28 ký tự.",
        ),
        (
            "targets:\n  - name: Lao động tiên tiến\n    value: 10\n",
            "targets: []\n",
            "plan.targets",
            5,
            "schema.too_short",
            "Cần ít nhất 1 mục, hiện có 0.",
        ),
        (
            "targets:\n  - name: Lao động tiên tiến\n    value: 10\n",
            "targets: Lao động\n",
            "plan.targets",
            5,
            "schema.type",
            "Giá trị phải là một danh sách (mỗi mục một dòng bắt đầu bằng «- »), nhưng nhận được «Lao động».",
        ),
        (
            "    value: 10",
            "    value: 10\n    unit: cá nhân",
            "plan.targets[0].unit",
            8,
            "schema.choice",
            "Chỉ được chọn một trong: 'người' hoặc 'tập thể', nhưng nhận được «cá nhân».",
        ),
    ],
)
def test_single_error_messages(
    tmp_path: Path,
    old: str,
    new: str,
    path: str,
    line: int,
    code: str,
    message: str,
) -> None:
    assert old in VALID
    data_file = write(tmp_path, VALID.replace(old, new))
    assert findings_of(data_file) == [Finding(code, message, file=str(data_file), path=path, line=line)]


def test_long_values_are_shortened(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("value: 10", "value: " + "một trăm " * 20))
    [finding] = findings_of(path)
    shown = ("một trăm " * 20)[:59] + "…"
    assert finding.message == f"Giá trị phải là số, nhưng nhận được «{shown}»."


def test_tagged_union_segment_is_not_in_the_path(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        VALID
        + (
            "attachments:\n"  # 8
            "  - kind: link\n"  # 9
            "    url: https://example.vn\n"  # 10
            "  - kind: document\n"  # 11
            "    numbr: 12/KH-UBND\n"  # 12
            "  - kind: video\n"  # 13
        ),
    )
    assert [(f.code, f.path, f.line, f.message) for f in findings_of(path)] == [
        ("schema.missing", "plan.attachments[1].number", 11, "Thiếu trường bắt buộc."),
        (
            "schema.unknown_field",
            "plan.attachments[1].numbr",
            12,
            "Trường «numbr» không có trong mẫu dữ liệu; có phải ý bạn là «number»?",
        ),
        (
            "schema.choice",
            "plan.attachments[2]",
            13,
            "Loại «video» (trường 'kind') không hợp lệ; chỉ được chọn một trong: 'document', 'link'.",
        ),
    ]


def test_load_warnings_are_merged_into_the_error_in_line_order(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("2016-12-31", "2016-31-12") + "    unit: tập\xa0thể\n")
    assert [(f.line, f.code, f.severity) for f in findings_of(path)] == [
        (4, "schema.type", Severity.ERROR),
        (8, "load.cleaned_char", Severity.WARNING),
    ]


def test_json_input_has_paths_without_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        (
            '{"title": "Kế hoạch", "kind": "ke_hoach", "issued": "2016-01-05", "deadline": "2016-12-31",'
            ' "targets": [{"name": "A", "value": "x"}], "extra": 1}'
        ),
        name="plan.json",
    )
    assert findings_of(path) == [
        Finding(
            "schema.unknown_field",
            "Trường «extra» không có trong mẫu dữ liệu. Các trường hợp lệ: title, kind, issued, "
            "deadline, targets, attachments.",
            file=str(path),
            path="plan.extra",
        ),
        Finding(
            "schema.type",
            "Giá trị phải là số, nhưng nhận được «x».",
            file=str(path),
            path="plan.targets[0].value",
        ),
    ]


def test_empty_root_gives_bare_paths(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("value: 10", "value: x"))
    with pytest.raises(InputError) as caught:
        validate(load(path), Plan, root="")
    assert [f.path for f in caught.value.findings] == ["targets[0].value"]


def test_findings_follow_the_file_not_the_model(tmp_path: Path) -> None:
    # The model declares title first; the clerk wrote it last.
    path = write(
        tmp_path,
        (
            "targets:\n"
            "  - name: A\n"
            "    value: x\n"
            "kind: ke_hoach\n"
            "issued: 2016-01-05\n"
            "deadline: 2016-12-31\n"
            "title: KẾ HOẠCH\n"
        ),
    )
    assert [(f.line, f.path) for f in findings_of(path)] == [
        (3, "plan.targets[0].value"),
        (7, "plan.title"),
    ]


class Email(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str


class Phone(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phone: str


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    contact: Email | Phone


def test_smart_union_reports_once_per_distinct_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "contact: 0912 345 678\n")
    assert findings_of(path, Contact) == [
        Finding(
            "schema.type",
            "Giá trị phải là một bảng «tên trường: giá trị», nhưng nhận được «0912 345 678».",
            file=str(path),
            path="plan.contact",
            line=1,
        )
    ]


def test_smart_union_suggestions_come_from_its_members(tmp_path: Path) -> None:
    path = write(tmp_path, "contact:\n  emial: a@b.vn\n")
    messages = {f.message for f in findings_of(path, Contact) if f.code == "schema.unknown_field"}
    assert messages == {
        "Trường «emial» không có trong mẫu dữ liệu; có phải ý bạn là «email»?",
        "Trường «emial» không có trong mẫu dữ liệu. Các trường hợp lệ: phone.",
    }
