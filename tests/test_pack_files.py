"""Rule pack files as data: a malformed value, an overlapping range, a title or a text that does not
exist are rejected with the pack's file, line and data path, all at once; local packs stack over the
national one (pipeline.law.rulebook, schemas.rule_pack)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.core import resources
from pipeline.law.rulebook import load_book

RULES_DIR = resources.rules()

ND152 = RULES_DIR / "2025-nd152.yaml"
EXAMPLE = RULES_DIR / "examples" / "khoi-vhxh-thai-nguyen-2016.yaml"

LOCAL = """\
kind: rule_pack
name: Quy chế tỉnh (kiểm thử)
level: local
scope: UBND tỉnh (kiểm thử)
effective:
  start: 2026-01-01
  source: qc
  confirmed: true
references:
  qc:
    text: Quy chế thi đua, khen thưởng tỉnh (kiểm thử)
    article: Điều 7
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def national(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of the NĐ 152/2025 pack with edits."""
    text = ND152.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return write(tmp_path, "pack.yaml", text)


def rejected(*paths: Path) -> list[tuple[str, str | None, int | None, str]]:
    with pytest.raises(InputError) as caught:
        load_book(list(paths))
    return [(f.code, f.path, f.line, f.message) for f in caught.value.findings]


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# --- Malformed values ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "code", "path", "message"),
    [
        (
            "practice_vote: {percent: 80,", "practice_vote: {percent: 180,", "schema.range",
            "rule_pack.practice_vote.percent", "Giá trị phải nhỏ hơn hoặc bằng 100, nhưng nhận được «180».",
        ),
        (
            "practice_vote: {percent: 80,", "practice_vote: {percent: 0,", "schema.range",
            "rule_pack.practice_vote.percent", "Giá trị phải lớn hơn 0, nhưng nhận được «0».",
        ),
        (
            "practice_vote: {percent: 80,", "practice_vote: {percent: 66.667,", "schema.rule_pack.decimals",
            "rule_pack.practice_vote.percent", "Chỉ ghi tối đa 2 chữ số thập phân, nhưng nhận được «66,667».",
        ),
        (
            "tập thể: {value: 12.0,", "tập thể: {value: mười hai,", "schema.type",
            'rule_pack.titles["Cờ thi đua của Chính phủ"].bonus["tập thể"].value',
            "Giá trị phải là số, nhưng nhận được «mười hai».",
        ),
        (
            "tập thể: {value: 12.0, source: nd152-50,", "tập thể: {value: 12.0, source: nd152-5,",
            "schema.rule_pack.unknown_source",
            'rule_pack.titles["Cờ thi đua của Chính phủ"].bonus["tập thể"].source',
            "Không có văn bản nguồn «nd152-5» trong references. Các khóa có: l22-21, l22-22, l22-23, l22-24, l22-27, "
            "l22-5, l22-73, l22-78, l22-79, l22-80, l22-advanced-collective, nd129-59, nd152-4, nd152-50, nd152-54, "
            "nd152-59, nd152-forms, nd98-30-7, nd98-rounding, practice.",
        ),
        (
            "    recipients: [tập thể]\n    decided_by: {value: Thủ tướng Chính phủ",
            "    recipients: [cá nhân]\n    decided_by: {value: Thủ tướng Chính phủ",
            "schema.rule_pack.bonus_recipient", 'rule_pack.titles["Cờ thi đua của Chính phủ"].bonus["tập thể"]',
            "Có hệ số tiền thưởng cho tập thể nhưng danh hiệu không dành cho tập thể (recipients).",
        ),
        (
            "{rule: consecutive_titles, title: Chiến sĩ thi đua cơ sở, years: 3,",
            "{rule: consecutive, title: Chiến sĩ thi đua cơ sở, years: 3,",
            "schema.choice", 'rule_pack.titles["Chiến sĩ thi đua cấp tỉnh"].requirements[0]',
            "Loại «consecutive» (trường 'rule') không hợp lệ; chỉ được chọn một trong: 'rating', 'initiative', "
            "'rating_or_initiative', 'same_year_title', 'consecutive_titles', 'long_record', 'member_share', "
            "'members_complete', 'member_count', 'no_member_discipline'.",
        ),
        (
            "  start: 2025-07-01\n", "  start: 2025-07-01\n  end: 2025-06-30\n", "schema.rule_pack.period_order",
            "rule_pack.effective", "Ngày kết thúc (end: 30/06/2025) trước ngày bắt đầu (start: 01/07/2025).",
        ),
    ],
)
def test_a_malformed_value_is_named_with_file_line_and_path(tmp_path, old, new, code, path, message):
    pack = national(tmp_path, (old, new))
    [(found_code, found_path, line, found_message)] = rejected(pack)
    assert (found_code, found_path, found_message) == (code, path, message)
    assert line is not None


def test_a_national_pack_must_be_complete(tmp_path):
    pack = national(
        tmp_path,
        ("  Cờ thi đua của UBND tỉnh:\n    category: emulation\n", "  Cờ thi đua của UBND tỉnh:\n"),
        ("practice_vote: {percent: 80, source: practice, confirmed: false}\n", ""),
    )
    # In reading order: the one without a line (the field is missing) first.
    assert rejected(pack) == [
        (
            "schema.rule_pack.practice_vote_missing", "rule_pack.practice_vote", None,
            "Bộ quy tắc quốc gia cần tỷ lệ áp dụng khi không có quy định riêng (practice_vote).",
        ),
        (
            "schema.rule_pack.title_incomplete", 'rule_pack.titles["Cờ thi đua của UBND tỉnh"]',
            line_of(pack, "  Cờ thi đua của UBND tỉnh:"),
            "Bộ quy tắc quốc gia: danh hiệu «Cờ thi đua của UBND tỉnh» cần đủ category, recipients và decided_by.",
        ),
    ]


@pytest.mark.parametrize(
    ("extra", "code", "path", "message"),
    [
        (
            "deadlines:\n  - {document: nomination, day: 31, month: 2, source: qc, confirmed: true}\n",
            "schema.rule_pack.deadline_day", "rule_pack.deadlines[0]", "Ngày 31 tháng 2 không có thật.",
        ),
        (
            "quotas:\n  - {title: Chiến sĩ thi đua cơ sở, percent: 15, among: Lao động tiên tiếnn, source: qc, "
            "confirmed: true}\n",
            "pack.unknown_title", "rule_pack.quotas[0].among",
            "Danh hiệu, hình thức khen thưởng «Lao động tiên tiếnn» không có trong bộ quy tắc (kể cả bộ quy tắc quốc "
            "gia cùng thời gian).",
        ),
        (
            "titles:\n  Công dân Thủ đô ưu tú:\n    bonus:\n      cá nhân: {value: 1.0, source: qc, confirmed: true}\n",
            "pack.title_incomplete", 'rule_pack.titles["Công dân Thủ đô ưu tú"]',
            "«Công dân Thủ đô ưu tú» không có trong bộ quy tắc quốc gia của thời gian này: khi thêm danh hiệu mới, ghi "
            "đủ category, recipients và decided_by.",
        ),
        (
            "decree: nd-999-2026\n", "pack.unknown_text", "rule_pack.decree",
            "Không có văn bản «nd-999-2026» trong bảng văn bản pháp luật. Các khóa có: luat-tdkt-2003, luat-tdkt-2013, "
            "luat-tdkt-2022, nd-42-2010, nd-91-2017, nd-98-2023, nd-28-2024, nd-152-2025, tt-01-2024-bnv, "
            "tt-15-2025-bnv, nd-30-2020, tt-01-2011-bnv, nd-73-2024, nd-161-2026.",
        ),
    ],
)
def test_a_local_pack_is_checked_against_the_national_ones(tmp_path, extra, code, path, message):
    pack = write(tmp_path, "tinh.yaml", LOCAL + extra)
    [(found_code, found_path, line, found_message)] = rejected(pack)
    assert (found_code, found_path, found_message) == (code, path, message)
    assert line is not None


def test_a_bad_search_pattern_is_rejected(tmp_path):
    table = (RULES_DIR / "van-ban.yaml").read_text(encoding="utf-8").replace(
        "      - '(?<!\\d)06/2022/QH15'", "      - '(06/2022/QH15'", 1
    )
    folder = tmp_path / "rules"
    folder.mkdir()
    for path in RULES_DIR.glob("*.yaml"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "van-ban.yaml").write_text(table, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_book(directory=folder)
    [finding] = caught.value.findings
    assert (finding.code, finding.path) == ("schema.rule_pack.pattern", "legal_texts.texts.luat-tdkt-2022.patterns[1]")
    assert finding.message == (
        "Mẫu tìm kiếm «(06/2022/QH15» không hợp lệ (biểu thức chính quy): missing ), unterminated subpattern at "
        "position 0."
    )


# --- Overlaps -----------------------------------------------------------------------------------------
def test_an_overlapping_national_pack_is_rejected_with_both_files(tmp_path):
    pack = national(tmp_path, ("  start: 2025-07-01\n", "  start: 2025-06-01\n"))
    findings = rejected(pack)
    line = line_of(pack, "effective:")
    assert findings == [
        (
            "pack.overlap", "rule_pack.effective", line,
            "Thời gian áp dụng (từ 01/06/2025) trùng với bộ quy tắc «Luật Thi đua, khen thưởng 2022; Nghị định "
            f"98/2023/NĐ-CP» (31/12/2023 – 30/06/2025, tệp {RULES_DIR / '2023-nd98.yaml'}): mỗi ngày chỉ được có một "
            "bộ quy tắc quốc gia.",
        ),
        (
            "pack.overlap", "rule_pack.effective", line,
            "Thời gian áp dụng (từ 01/06/2025) trùng với bộ quy tắc «Luật Thi đua, khen thưởng 2022; Nghị định "
            f"152/2025/NĐ-CP» (từ 01/07/2025, tệp {ND152}): mỗi ngày chỉ được có một bộ quy tắc quốc gia.",
        ),
    ]


def test_local_packs_of_one_scope_must_not_overlap_but_different_scopes_stack(tmp_path):
    first = write(tmp_path, "a.yaml", LOCAL)
    second = write(tmp_path, "b.yaml", LOCAL.replace("  start: 2026-01-01", "  start: 2027-01-01"))
    [(code, path, _, message)] = rejected(first, second)
    assert (code, path) == ("pack.overlap", "rule_pack.effective")
    assert message.endswith("mỗi ngày chỉ được có một bộ quy tắc của «UBND tỉnh (kiểm thử)».")
    bloc = write(tmp_path, "c.yaml", LOCAL.replace("scope: UBND tỉnh (kiểm thử)", "scope: Khối thi đua (kiểm thử)"))
    assert len(load_book([first, bloc]).on(date(2026, 3, 1)).local) == 2


def test_a_gap_between_eras_is_allowed_and_filled_by_a_user_pack(tmp_path):
    # Before 01/6/2014 (the 2013 amendment of the law) no pack of rules/ applies; a user may add one.
    pack = national(
        tmp_path,
        ("  start: 2025-07-01\n", "  start: 2010-06-01\n  end: 2014-05-31\n"),
        ("name: Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP", "name: Nghị định 42/2010/NĐ-CP (kiểm thử)"),
    )
    assert load_book().on(date(2012, 1, 1)).national is None
    assert load_book([pack]).on(date(2012, 1, 1)).national.name == "Nghị định 42/2010/NĐ-CP (kiểm thử)"


# --- Overrides ----------------------------------------------------------------------------------------
def test_a_local_pack_overrides_and_adds_values(tmp_path):
    pack = write(tmp_path, "tinh.yaml", LOCAL + (
        "bloc_vote: {percent: 75, source: qc, confirmed: true}\n"
        "titles:\n"
        "  Cờ thi đua của UBND tỉnh:\n"
        "    council_vote: {percent: 85, source: qc, confirmed: true}\n"
        "  Công dân Thủ đô ưu tú:\n"
        "    category: emulation\n"
        "    recipients: [cá nhân]\n"
        "    decided_by: {value: Chủ tịch UBND tỉnh, source: qc, confirmed: true}\n"
        "    bonus:\n"
        "      cá nhân: {value: 2.0, source: qc, confirmed: true}\n"
    ))
    book = load_book([pack])
    before, after = book.on(date(2025, 12, 31)), book.on(date(2026, 1, 1))
    assert before.bloc_threshold is None and after.bloc_threshold.share == Decimal("0.75")
    flag = after.titles["Cờ thi đua của UBND tỉnh"]
    assert flag.council_threshold.share == Decimal("0.85")
    assert flag.council_threshold.source.reference.cite() == "Quy chế thi đua, khen thưởng tỉnh (kiểm thử), Điều 7"
    # What the local pack does not change stays national, with its national source.
    assert flag.coefficients[next(iter(flag.coefficients))].source.reference.cite() == "Nghị định 152/2025/NĐ-CP, Điều 50"
    assert "Công dân Thủ đô ưu tú" in after.titles and "Công dân Thủ đô ưu tú" not in before.titles


def test_the_shipped_example_loads():
    rules = load_book([EXAMPLE]).on(date(2016, 12, 20))
    assert [p.scope for p in rules.local] == ["Khối thi đua các cơ quan Văn hóa - Xã hội tỉnh Thái Nguyên"]
    assert (rules.bloc_threshold.share, rules.quotas[0].share, rules.deadlines[0].for_year(2016)) == (
        Decimal("0.7"), Decimal("0.15"), date(2016, 12, 25),
    )


def test_only_rule_packs_may_be_added(tmp_path):
    table = write(tmp_path, "luong.yaml", (RULES_DIR / "luong-co-so.yaml").read_text(encoding="utf-8"))
    assert rejected(table) == [(
        "pack.kind", None, None, "Tệp --rules phải là một bộ quy tắc («kind: rule_pack»).",
    )]
