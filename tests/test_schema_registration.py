"""The bản đăng ký thi đua schema: what a unit may type, and the exact message when it is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.stages.load import load
from pipeline.stages.validate import validate
from schemas.registration import Registration

VALID = (
    "kind: registration\n"  # 1
    "issuer:\n"  # 2
    "  name: Sở Y tế\n"  # 3
    "  abbreviation: SYT\n"  # 4
    "  place: Thái Nguyên\n"  # 5
    "document:\n"  # 6
    "  number: 12\n"  # 7
    "  date: 2016-03-10\n"  # 8
    "recipients:\n"  # 9
    "  addressees: [Trưởng khối thi đua các cơ quan Văn hóa - Xã hội]\n"  # 10
    "  archive: VP\n"  # 11
    "year: 2016\n"  # 12
    "plan_reference: Kế hoạch số 01/KH-KTĐVHXH ngày 15/02/2016 của Khối thi đua\n"  # 13
    "collective_titles:\n"  # 14
    "  - Tập thể lao động xuất sắc\n"  # 15
    "  - Cờ thi đua của UBND tỉnh\n"  # 16
    "individual_titles:\n"  # 17
    "  - title: Lao động tiên tiến\n"  # 18
    "    count: 310\n"  # 19
    "  - title: Chiến sĩ thi đua cơ sở\n"  # 20
    "    names:\n"  # 21
    "      - Lê Quang Hải\n"  # 22
    "      - Phạm Thị Mai\n"  # 23
    "targets:\n"  # 24
    "  - name: Xã đạt Bộ tiêu chí quốc gia về y tế xã\n"  # 25
    "    value: 85\n"  # 26
    '    unit: "%"\n'  # 27
    "commitments:\n"  # 28
    "  - Thực hiện nghiêm giao ước thi đua của Khối\n"  # 29
    "signer:\n"  # 30
    "  position: Giám đốc\n"  # 31
    "  name: Lê Quang Hải\n"  # 32
)
ROOT = "registration"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dang-ky.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def parse(tmp_path: Path, text: str) -> Registration:
    model, warnings = validate(load(write(tmp_path, text), root=ROOT), Registration, root=ROOT)
    assert warnings == []
    return model


def findings(tmp_path: Path, text: str) -> list[tuple]:
    with pytest.raises(InputError) as caught:
        validate(load(write(tmp_path, text), root=ROOT), Registration, root=ROOT)
    return [(f.code, f.path, f.line, f.message) for f in caught.value.findings]


def replaced(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


def test_valid_registration(tmp_path):
    registration = parse(tmp_path, VALID)
    assert [entry.count for entry in registration.individual_titles] == [310, None]
    assert registration.individual_titles[1].names == ["Lê Quang Hải", "Phạm Thị Mai"]
    assert registration.collective_titles == ["Tập thể lao động xuất sắc", "Cờ thi đua của UBND tỉnh"]


def test_names_and_count_together(tmp_path):
    text = replaced("    names:\n", "    count: 2\n    names:\n")
    assert findings(tmp_path, text) == [
        (
            "schema.registration.count_and_names",
            "registration.individual_titles[1]",
            20,
            "Danh hiệu «Chiến sĩ thi đua cơ sở»: ghi danh sách họ tên (names) hoặc số người (count), không ghi "
            "cả hai; khi có danh sách, hoso tự đếm số người.",
        )
    ]


def test_neither_names_nor_count(tmp_path):
    text = replaced("    count: 310\n", "")
    assert findings(tmp_path, text) == [
        (
            "schema.registration.count_missing",
            "registration.individual_titles[0]",
            18,
            "Danh hiệu «Lao động tiên tiến»: cần danh sách họ tên (names) hoặc số người (count).",
        )
    ]


def test_count_is_at_least_one(tmp_path):
    assert findings(tmp_path, replaced("count: 310", "count: 0")) == [
        (
            "schema.range",
            "registration.individual_titles[0].count",
            19,
            "Giá trị phải lớn hơn hoặc bằng 1, nhưng nhận được «0».",
        )
    ]


def test_names_are_written_out(tmp_path):
    assert findings(tmp_path, replaced("      - Phạm Thị Mai\n", "      - PHẠM THỊ MAI\n")) == [
        (
            "schema.person.name_form",
            "registration.individual_titles[1].names[1]",
            23,
            "Họ và tên «PHẠM THỊ MAI» phải ghi đầy đủ, không viết tắt, không ghi học hàm, học vị; viết hoa chữ cái "
            "đầu mỗi tiếng, các chữ khác viết thường (ví dụ: Nguyễn Thị Thu Hà).",
        )
    ]


def test_individual_title_registered_twice(tmp_path):
    text = replaced("  - title: Chiến sĩ thi đua cơ sở\n", "  - title: lao động tiên tiến\n")
    assert findings(tmp_path, text) == [
        (
            "schema.registration.duplicate_title",
            "registration.individual_titles[1]",
            20,
            "Danh hiệu «lao động tiên tiến» đã đăng ký ở mục 1; gộp hai mục làm một.",
        )
    ]


def test_collective_title_registered_twice(tmp_path):
    # The list punctuation a clerk copies along is dropped first, so "…xuất sắc;" is the same title.
    text = replaced("  - Cờ thi đua của UBND tỉnh\n", "  - Tập thể lao động xuất sắc;\n")
    assert findings(tmp_path, text) == [
        (
            "schema.registration.duplicate_title",
            "registration.collective_titles[1]",
            16,
            "Danh hiệu «Tập thể lao động xuất sắc» đã đăng ký ở mục 1; gộp hai mục làm một.",
        )
    ]


def test_year_must_match_the_date(tmp_path):
    assert findings(tmp_path, replaced("year: 2016", "year: 2018")) == [
        (
            "schema.registration.year_mismatch",
            "registration.year",
            12,
            "Năm thi đua (year: 2018) không khớp ngày ký (document.date: 10/03/2016): bản đăng ký lập trong "
            "năm đó hoặc cuối năm trước.",
        )
    ]


def test_registered_late_in_the_previous_year(tmp_path):
    assert parse(tmp_path, replaced("2016-03-10", "2015-12-28")).year == 2016


@pytest.mark.parametrize(
    ("field", "line"),
    [("collective_titles", 14), ("individual_titles", 17), ("targets", 24), ("commitments", 28)],
)
def test_lists_that_cannot_be_empty(tmp_path, field, line):
    start = VALID.index(f"{field}:\n")
    end = start + len(f"{field}:\n")
    while VALID[end:].startswith(" "):
        end = VALID.index("\n", end) + 1
    text = VALID[:start] + f"{field}: []\n" + VALID[end:]
    assert findings(tmp_path, text) == [
        ("schema.too_short", f"registration.{field}", line, "Cần ít nhất 1 mục, hiện có 0.")
    ]
