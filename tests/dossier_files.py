"""Copies of the sample dossier (vote → tờ trình → quyết định) with edits, for tests that need a
variant of it: another date, another vote count, a local rule pack."""

from __future__ import annotations

from pathlib import Path

from pipeline.law.rulebook import RuleBook, load_book

from tests.samples import SAMPLES

BLOC = SAMPLES / "bloc-2016"
FILES = ("bien-ban-hop.yaml", "to-trinh.yaml", "quyet-dinh.yaml")

# The same dossier ten years on: the meeting in December 2026, the tờ trình two days later, the
# decision in January 2027, citing the law in force then instead of the 2003 law.
LAWS_2003 = (
    "  - Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003\n"
    "  - Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013\n"
)
LAWS_2026 = (
    "  - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n"
    "  - Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành "
    "một số điều của Luật Thi đua, khen thưởng\n"
)
IN_2026 = {
    "vote": (
        ("start: 2016-12-20 08:00", "start: 2026-12-20 08:00"),
        ("end: 2016-12-20 11:30", "end: 2026-12-20 11:30"),
        ("  start: 2016-12-20 10:00", "  start: 2026-12-20 10:00"),
        ("  end: 2016-12-20 10:30", "  end: 2026-12-20 10:30"),
        ("year: 2016", "year: 2026"),
    ),
    "nomination": (("  date: 2016-12-22", "  date: 2026-12-22"), (LAWS_2003, LAWS_2026)),
    "decision": (("  date: 2017-01-16", "  date: 2027-01-15"), (LAWS_2003, LAWS_2026)),
}


def dossier(tmp_path: Path, **replacements: tuple[tuple[str, str], ...]) -> Path:
    """Copies of the three sample files; ``vote=``, ``nomination=``, ``decision=`` replace text in them."""
    for name, key in zip(FILES, ("vote", "nomination", "decision")):
        text = (BLOC / name).read_text(encoding="utf-8")
        for old, new in replacements.get(key, ()):
            assert old in text, old
            text = text.replace(old, new, 1)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "quyet-dinh.yaml"


def bloc_threshold(tmp_path: Path, percent: int) -> RuleBook:
    """The packs plus a bloc's quy chế (test fixture) that sets its own suy tôn threshold for 2016."""
    path = tmp_path / "quy-che-khoi.yaml"
    path.write_text(
        "kind: rule_pack\n"
        "name: Quy chế Khối thi đua (dữ liệu kiểm thử)\n"
        "level: local\n"
        "scope: Khối thi đua các cơ quan Văn hóa - Xã hội\n"
        "effective: {start: 2016-01-01, end: 2016-12-31, source: qc, confirmed: true}\n"
        "references:\n"
        "  qc: {text: Quy chế tổ chức và hoạt động của Khối (dữ liệu kiểm thử), article: Điều 8}\n"
        f"bloc_vote: {{percent: {percent}, source: qc, confirmed: true}}\n",
        encoding="utf-8",
    )
    return load_book([path])
