"""Enrich and cross-checks of the self-assessment and the bloc summary: the strings they print,
the ranked table, the proposals from the vote, and every inconsistency between the linked files."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from pipeline.law.enrich.bloc_summary import proposal_lines, ranking_rows, unit_score
from pipeline.law.enrich.decision import decision_bases
from pipeline.law.enrich.nomination import minutes_basis
from pipeline.law.enrich.self_assessment import enrich_self_assessment, points, share_text
from pipeline.core.errors import Finding
from pipeline.law.rulebook import builtin_book
from pipeline.law.checks.bloc_summary import check_bloc_summary
from schemas.bloc_summary import BlocSummary
from schemas.self_assessment import SelfAssessment
from schemas.vote import Vote

from tests.dossier_files import bloc_threshold

BLOC = "Khối thi đua các cơ quan Văn hóa - Xã hội"
RULES = builtin_book().on(datetime.date(2016, 12, 20))


def assessment(
    unit: str,
    scores: tuple[str, ...] = ("28", "9.5"),
    *,
    bonus: tuple[str, ...] = (),
    penalties: tuple[str, ...] = (),
    maxima: tuple[str, ...] = ("30", "10"),
    year: int = 2016,
    bloc: str = BLOC,
    planned: str = "95",
) -> SelfAssessment:
    return SelfAssessment.model_validate({
        "issuer": {"parent_body": "UBND tỉnh Thái Nguyên", "name": unit, "abbreviation": "DV", "place": "Thái Nguyên"},
        "document": {"date": f"{year}-11-30", "subject": "Tự đánh giá, chấm điểm thi đua"},
        "signer": {"position": "Giám đốc", "name": "Nguyễn Văn A"},
        "recipients": {"addressees": ["Trưởng khối"], "archive": "VP"},
        "year": year,
        "bloc": bloc,
        "results": [{"name": "Chỉ tiêu", "planned": planned, "achieved": "97.5", "unit": "%"}],
        "scoring": [{"name": "Nhiệm vụ chính trị", "criteria": [
            {"name": f"Tiêu chí {i + 1}", "max_points": m, "self_score": s}
            for i, (m, s) in enumerate(zip(maxima, scores))
        ]}],
        "bonus": [{"points": p, "reason": f"Thưởng {i + 1}"} for i, p in enumerate(bonus)],
        "penalties": [{"points": p, "reason": f"Trừ {i + 1}"} for i, p in enumerate(penalties)],
        "strengths": ["Ưu điểm"],
        "shortcomings": ["Hạn chế"],
        "collective_titles": ["Tập thể lao động xuất sắc"],
    })


def vote(
    members: list[str] | int,
    candidates: list[tuple[str, int]],
    *,
    title: str = "Cờ thi đua của UBND tỉnh",
    seats: int = 1,
    issuer: str = BLOC,
    year: int = 2016,
    day: int = 20,
) -> Vote:
    total = members if isinstance(members, int) else len(members)
    start = datetime.datetime(year, 12, day, 8, 0)
    return Vote.model_validate({
        "body": "bloc",
        "issuer": {"name": issuer, "abbreviation": "KTĐVHXH", "place": "Thái Nguyên"},
        "document": {"subject": "Họp bình xét, suy tôn"},
        "recipients": {"archive": "Hồ sơ"},
        "year": year,
        "start": start,
        "end": start + datetime.timedelta(hours=3),
        "place": "Sở Văn hóa, Thể thao và Du lịch",
        "chair": {"name": "Nguyễn Văn Minh", "position": "Trưởng khối"},
        "secretary": {"name": "Nguyễn Thu Trang", "position": "Chuyên viên"},
        "members": {"total": total, "present": members},
        "agenda": ["Bình xét, suy tôn"],
        "counting": {
            "start": start + datetime.timedelta(hours=1),
            "end": start + datetime.timedelta(hours=2),
            "head": {"name": "Lê Quang Hải", "position": "Giám đốc Sở Y tế"},
            "members": [{"name": "Đỗ Thị Thu", "position": "Tổng Biên tập"}],
            "ballots": {"issued": total, "returned": total, "valid": total, "invalid": 0},
        },
        "titles": [{"name": title, "seats": seats, "candidates": [{"name": n, "votes": v} for n, v in candidates]}],
    })


def summary(year: int = 2016, date: str = "2016-12-20", name: list[str] | None = None) -> BlocSummary:
    return BlocSummary.model_validate({
        "issuer": {"name": name or ["Khối thi đua các cơ quan", "Văn hóa - Xã hội"], "abbreviation": "KTĐVHXH",
                   "place": "Thái Nguyên"},
        "document": {"date": date, "subject": "Tổng kết công tác thi đua, khen thưởng năm 2016"},
        "signer": {"position": "Trưởng khối", "name": "Nguyễn Văn Minh"},
        "recipients": {"archive": "VP"},
        "year": year,
        "theme": "Chủ đề",
        "slogan": "Khẩu hiệu",
        "overview": ["Đánh giá chung."],
        "movements": {"regular": [{"name": "A"}], "sector": [{"name": "B"}], "special": [{"name": "C"}]},
        "strengths": ["Ưu điểm"],
        "shortcomings": ["Hạn chế"],
        "next_year_tasks": ["Nhiệm vụ"],
        "self_assessments": ["tu-danh-gia/*.yaml"],
        "vote": "bien-ban.yaml",
    })


def linked(assessments: list[SelfAssessment], the_vote: Vote) -> dict[str, Any]:
    return {
        "self_assessments": [unit_score(SimpleNamespace(model=a)) for a in assessments],
        "vote": SimpleNamespace(model=the_vote, rules=RULES),
    }


def crosscheck_bloc_summary(summary: BlocSummary, links: dict[str, Any]) -> list[Finding]:
    return check_bloc_summary(summary, links, RULES)


# --- Self-assessment ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "text"), [("28.50", "28,5"), ("100", "100"), ("0.25", "0,25"), ("1E+2", "100")])
def test_points_print_without_trailing_zeros(value, text):
    assert points(Decimal(value)) == text


def test_share_of_a_target_of_zero_is_a_dash():
    assert share_text(Decimal(95), Decimal("97.5")) == "102,63%"
    assert share_text(Decimal(0), Decimal(2)) == "–"


def test_self_assessment_context_sums_groups_and_adjustments():
    report = enrich_self_assessment(
        assessment("Sở Y tế", ("28.5", "9.5"), bonus=("0.5",), penalties=("1", "0.25")), {}, RULES
    )["report"]
    assert report["unit"] == "Sở Y tế"
    assert report["results"] == [
        {"no": "1", "name": "Chỉ tiêu", "planned": "95%", "achieved": "97,5%", "share": "102,63%"}
    ]
    [group] = report["groups"]
    assert (group["label"], group["max"], group["score"]) == ("I", "40", "38")
    assert [(c["no"], c["max"], c["score"], c["evidence"]) for c in group["criteria"]] == [
        ("1", "30", "28,5", ""), ("2", "10", "9,5", ""),
    ]
    assert (report["scale"], report["self_score"], report["total"]) == ("40", "38", "37,25")
    assert report["adjustments"] == [
        {"label": "II", "name": "Điểm thưởng", "score": "0,5", "rows": [
            {"no": "1", "reason": "Thưởng 1", "score": "0,5"},
        ]},
        {"label": "III", "name": "Điểm trừ", "score": "1,25", "rows": [
            {"no": "1", "reason": "Trừ 1", "score": "1"}, {"no": "2", "reason": "Trừ 2", "score": "0,25"},
        ]},
    ]
    assert report["collective_titles"] == ["- Tập thể lao động xuất sắc."]
    assert report["individuals"] == []


# --- Bloc summary: the ranked table and the proposals --------------------------------------------------


def test_ranking_shows_the_tie_and_skips_the_next_rank():
    rows = ranking_rows([unit_score(SimpleNamespace(model=a)) for a in (
        assessment("Sở Y tế", ("28", "9.5"), bonus=("0.5",)),  # 38
        assessment("Báo Thái Nguyên", ("29", "9.5"), penalties=("1",)),  # 37,5
        assessment("Đài Phát thanh", ("30", "10")),  # 40
        assessment("Ban Dân tộc tỉnh", ("28.5", "9.5")),  # 38
    )])
    assert [(r["no"], r["unit"], r["total"], r["rank"], r["note"]) for r in rows] == [
        ("1", "Đài Phát thanh", "40", "1", ""),
        ("2", "Ban Dân tộc tỉnh", "38", "2", "Đồng hạng"),
        ("3", "Sở Y tế", "38", "2", "Đồng hạng"),
        ("4", "Báo Thái Nguyên", "37,5", "4", ""),
    ]
    assert (rows[2]["self_score"], rows[2]["bonus"], rows[2]["penalty"]) == ("37,5", "0,5", "0")


def test_proposals_print_votes_over_all_members():
    units = [f"Đơn vị {i}" for i in range(1, 11)]
    assert proposal_lines(vote(units, [("Đơn vị 1", 9), ("Đơn vị 2", 1)]), RULES) == [
        "- Cờ thi đua của UBND tỉnh: Đơn vị 1 (09/10 phiếu đồng ý, tỷ lệ 90,00%)."
    ]


def test_proposals_say_when_nobody_reached_the_threshold():
    assert proposal_lines(vote(10, [("Đơn vị 1", 7)]), RULES) == [
        "- Cờ thi đua của UBND tỉnh: không có ứng viên đạt đủ tỷ lệ phiếu đồng ý."
    ]


def test_proposals_carry_the_note_of_an_undecided_tie(tmp_path):
    # A tie for one seat fits in 10 ballots only below 50%: a bloc's own threshold of 40%.
    rules = bloc_threshold(tmp_path, 40).on(datetime.date(2016, 12, 20))
    title = "Bằng khen của Chủ tịch UBND tỉnh"
    [line] = proposal_lines(vote(10, [("Đơn vị 1", 5), ("Đơn vị 2", 5)], title=title), rules)
    assert line == (
        "- Kết quả danh hiệu «Bằng khen của Chủ tịch UBND tỉnh» chưa xác định: «Đơn vị 1» và «Đơn vị 2» cùng có 5 "
        "phiếu đồng ý (50,00%) cho 1 suất còn lại; cuộc họp cần bỏ phiếu lại hoặc quyết định theo quy chế trước khi "
        "lập tờ trình."
    )


# --- Bloc summary: cross-checks -----------------------------------------------------------------------


def finding(code: str, path: str, message: str) -> Finding:
    return Finding(code, message, path=path)


def test_consistent_inputs_give_no_finding():
    units = [assessment("Sở Y tế"), assessment("Báo Thái Nguyên")]
    the_vote = vote(["Sở Y tế", "Báo Thái Nguyên"], [("Sở Y tế", 2)])
    assert crosscheck_bloc_summary(summary(), linked(units, the_vote)) == []


def test_each_self_assessment_must_be_of_the_year_and_the_bloc():
    units = [assessment("Sở Y tế", year=2015), assessment("Báo Thái Nguyên", bloc="Cụm thi đua số 2")]
    the_vote = vote(["Sở Y tế", "Báo Thái Nguyên"], [("Sở Y tế", 2)])
    assert crosscheck_bloc_summary(summary(), linked(units, the_vote)) == [
        finding(
            "link.year_mismatch", "bloc_summary.self_assessments",
            "Báo cáo tự đánh giá của «Sở Y tế» là của năm 2015, khác năm tổng kết (year: 2016).",
        ),
        finding(
            "link.bloc_mismatch", "bloc_summary.self_assessments",
            "Báo cáo tự đánh giá của «Báo Thái Nguyên» ghi Khối «Cụm thi đua số 2», khác tên Khối ban hành báo cáo "
            "tổng kết («Khối thi đua các cơ quan Văn hóa - Xã hội»).",
        ),
    ]


def test_one_report_per_unit_on_one_scale():
    units = [assessment("Sở Y tế"), assessment("Sở Y tế"), assessment("Báo Thái Nguyên", maxima=("30", "20"))]
    the_vote = vote(["Sở Y tế", "Báo Thái Nguyên"], [("Sở Y tế", 2)])
    assert crosscheck_bloc_summary(summary(), linked(units, the_vote)) == [
        finding(
            "link.unit_repeated", "bloc_summary.self_assessments",
            "Có 2 báo cáo tự đánh giá của «Sở Y tế»; mỗi đơn vị chỉ được một báo cáo.",
        ),
        finding(
            "link.scale_mismatch", "bloc_summary.self_assessments",
            "Bảng điểm của «Báo Thái Nguyên» có tổng điểm tối đa 50, khác 40 của «Sở Y tế»: các đơn vị phải chấm "
            "trên cùng một thang điểm thì mới xếp hạng được.",
        ),
    ]


def test_the_vote_must_be_of_the_bloc_and_year_and_not_after_the_report():
    units = [assessment("Sở Y tế")]
    the_vote = vote(["Sở Y tế"], [("Sở Y tế", 1)], issuer="Cụm thi đua số 2", year=2015, day=21)
    assert crosscheck_bloc_summary(summary(date="2016-02-01"), linked(units, the_vote)) == [
        finding(
            "link.year_mismatch", "bloc_summary.vote",
            "Biên bản bình xét là của năm 2015, khác năm tổng kết (year: 2016).",
        ),
        finding(
            "link.bloc_mismatch", "bloc_summary.vote",
            "Biên bản bình xét do «Cụm thi đua số 2» lập, khác Khối ban hành báo cáo tổng kết "
            "(«Khối thi đua các cơ quan Văn hóa - Xã hội»).",
        ),
    ]
    late = vote(["Sở Y tế"], [("Sở Y tế", 1)], day=21)
    assert crosscheck_bloc_summary(summary(), linked(units, late)) == [
        finding(
            "link.before_vote", "bloc_summary.document.date",
            "Ngày báo cáo tổng kết (20/12/2016) trước ngày họp bình xét (21/12/2016): báo cáo nêu kết quả suy tôn "
            "nên lập từ ngày họp trở đi.",
        ),
    ]


def test_members_and_candidates_must_match_the_reporting_units():
    units = [assessment("Sở Y tế"), assessment("Báo Thái Nguyên")]
    the_vote = vote(["Sở Y tế", "Ban Dân tộc tỉnh"], [("Ban Dân tộc", 2)])
    assert crosscheck_bloc_summary(summary(), linked(units, the_vote)) == [
        finding(
            "link.member_missing", "bloc_summary.self_assessments",
            "Thành viên «Ban Dân tộc tỉnh» của Khối (theo biên bản bình xét) chưa có báo cáo tự đánh giá.",
        ),
        finding(
            "link.not_member", "bloc_summary.self_assessments",
            "«Báo Thái Nguyên» có báo cáo tự đánh giá nhưng không có tên trong thành phần Khối ở biên bản bình xét.",
        ),
        finding(
            "link.unknown_candidate", "bloc_summary.vote",
            "«Ban Dân tộc» được bỏ phiếu cho «Cờ thi đua của UBND tỉnh» trong biên bản bình xét nhưng không có báo "
            "cáo tự đánh giá nào của đơn vị này.",
        ),
    ]


def test_a_vote_with_only_a_head_count_checks_the_count():
    units = [assessment("Sở Y tế")]
    assert crosscheck_bloc_summary(summary(), linked(units, vote(3, [("Sở Y tế", 3)]))) == [
        finding(
            "link.member_count", "bloc_summary.self_assessments",
            "Biên bản bình xét ghi Khối có 3 thành viên, nhưng có 1 báo cáo tự đánh giá.",
        ),
    ]


def test_minutes_basis_cites_number_and_date() -> None:
    draft = vote(["A", "B"], [("Đơn vị A", 2)])
    numbered = draft.model_copy(update={"document": draft.document.model_copy(update={"number": 13})})
    assert minutes_basis(numbered) == (
        f"Biên bản số 13/BB-KTĐVHXH ngày 20/12/2016 của {BLOC} về việc họp bình xét, suy tôn"
    )


def test_minutes_basis_of_a_draft_has_no_number() -> None:
    draft = vote(["A", "B"], [("Đơn vị A", 2)])
    assert minutes_basis(draft) == f"Biên bản ngày 20/12/2016 của {BLOC} về việc họp bình xét, suy tôn"


def test_decision_bases_add_the_decree_it_applies_once() -> None:
    law = "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003"
    decree = "Nghị định số 42/2010/NĐ-CP của Chính phủ"
    assert decision_bases(SimpleNamespace(legal_bases=[law]), RULES) == [law, decree]
    assert decision_bases(SimpleNamespace(legal_bases=[law, decree]), RULES) == [law, decree]
