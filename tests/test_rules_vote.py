"""The rules of a vote (pipeline.rules.vote): titles of the catalogue in force, thresholds from the
packs, exact boundaries, ties, absent members without a written opinion."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.orchestrator import validate_file
from pipeline.packs import RuleBook

from .dossier_files import bloc_threshold
from .samples import SAMPLES

SAMPLE = SAMPLES / "bloc-2016" / "bien-ban-hop.yaml"


def write(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "bien-ban.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path, rules: RuleBook | None = None) -> list[tuple[str, str | None, int | None, str]]:
    with pytest.raises(InputError) as caught:
        validate_file(path, rules=rules)
    return [(f.code, f.path, f.line, f.message) for f in caught.value.findings]


def test_an_unknown_title_suggests_the_closest_name(tmp_path):
    assert errors(write(tmp_path, ("  - name: Cờ thi đua của UBND tỉnh", "  - name: Cờ thi đua UBND tỉnh"))) == [(
        "rule.title.unknown", "vote.titles[1].name", 86,
        "Danh hiệu, hình thức khen thưởng «Cờ thi đua UBND tỉnh» không có trong danh mục của hoso; có phải ý bạn "
        "là «Cờ thi đua của UBND tỉnh»?",
    )]


def test_a_title_far_from_every_name_lists_the_catalogue(tmp_path):
    [(code, path, line, message)] = errors(
        write(tmp_path, ("  - name: Cờ thi đua của UBND tỉnh", "  - name: Huân chương Lao động hạng Ba"))
    )
    assert (code, path, line) == ("rule.title.unknown", "vote.titles[1].name", 86)
    assert message.startswith(
        "Danh hiệu, hình thức khen thưởng «Huân chương Lao động hạng Ba» không có trong danh mục của hoso. Danh mục "
        "gồm: «Cờ thi đua của Chính phủ», «Cờ thi đua của UBND tỉnh», "
    )


def test_a_certificate_needs_its_recipient_kind(tmp_path):
    assert errors(write(tmp_path, ("    recipient: tập thể\n", ""))) == [(
        "rule.title.recipient_missing", "vote.titles[2]", 91,
        "«Bằng khen của Chủ tịch UBND tỉnh» dành cho cả tập thể và cá nhân: ghi recipient là «tập thể» hoặc "
        "«cá nhân».",
    )]


def test_a_flag_is_not_for_individuals(tmp_path):
    path = write(
        tmp_path,
        ("  - name: Cờ thi đua của UBND tỉnh\n", "  - name: Cờ thi đua của UBND tỉnh\n    recipient: cá nhân\n"),
    )
    assert errors(path) == [(
        "rule.title.recipient_not_allowed", "vote.titles[1]", 86,
        "«Cờ thi đua của UBND tỉnh» chỉ dành cho tập thể, không dành cho cá nhân.",
    )]
