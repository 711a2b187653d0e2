"""One dossier, four documents, the same facts: the minutes, the vote-count minutes, the tờ trình
with its list, and the decision with its list are rendered from the samples and read back; every
name, title, count and percentage must be identical wherever it is printed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from docx.oxml.ns import qn

from pipeline.nd30.check import check_docx
from pipeline.orchestrator import TemplateSet, produce, validate_file

from tests.docx_facts import open_docx
from tests.dossier_files import IN_2026, bloc_threshold, dossier
from tests.samples import SAMPLES

BLOC = SAMPLES / "bloc-2016"
BALLOT_HEADER = ["STT", "Tập thể, cá nhân", "Số phiếu đồng ý", "Tỷ lệ trên tổng số thành viên", "Kết quả"]

# What the sample data says, written out by hand: the documents must agree with it and each other.
RESULTS = [
    ("Cờ thi đua của Chính phủ", "Đài Phát thanh - Truyền hình Thái Nguyên", "10/10", "100,00%", "Đạt"),
    ("Cờ thi đua của UBND tỉnh", "Sở Văn hóa, Thể thao và Du lịch", "09/10", "90,00%", "Đạt"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "Ban Quản lý Khu di tích lịch sử ATK Định Hóa", "08/10", "80,00%", "Đạt"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "Báo Thái Nguyên", "06/10", "60,00%", "Không đạt"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "Sở Y tế", "03/10", "30,00%", "Không đạt"),
]
PASSED = [r for r in RESULTS if r[4] == "Đạt"]
PROVINCE_TITLES = ("Cờ thi đua của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh")


@dataclass
class Block:
    kind: str  # "p" or "table"
    text: str = ""
    keep_next: bool = False
    rows: list[list[str]] | None = None
    element: Any = None


def read(data: bytes) -> list[Block]:
    document = open_docx(data)
    blocks = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            keep = element.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
            blocks.append(Block("p", text, keep))
        elif element.tag == qn("w:tbl"):
            # A cell joins the words of its fixed phrases by no-break spaces (so Word never wraps
            # inside one); printed, and to a reader, they are spaces.
            rows = [
                ["\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
                 .replace("\u00a0", " ") for tc in tr.iter(qn("w:tc"))]
                for tr in element.iter(qn("w:tr"))
            ]
            blocks.append(Block("table", rows=rows, element=element))
    return blocks


def render(name: str) -> dict[str, bytes]:
    validated = validate_file(BLOC / name)
    templates = TemplateSet()
    return {doc.key: produce(doc, validated, templates.get(doc)) for doc in validated.kind.documents}


@pytest.fixture(scope="module")
def docs() -> dict[str, bytes]:
    vote = render("bien-ban-hop.yaml")
    return {
        "minutes": vote[""],
        "counting": vote["kiem-phieu"],
        "nomination": render("to-trinh.yaml")[""],
        "decision": render("quyet-dinh.yaml")[""],
    }


@pytest.fixture(scope="module")
def blocks(docs) -> dict[str, list[Block]]:
    return {name: read(data) for name, data in docs.items()}


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind == "p"]


def ballot_tables(blocks: list[Block]) -> list[tuple[str, str]]:
    """(title, name, votes, share, outcome) rows of every ballot table, the title from its lead-in."""
    rows = []
    for before, block in zip(blocks, blocks[1:]):
        if block.kind == "table" and block.rows[0] == BALLOT_HEADER:
            title = re.match(r"^[a-zđ]+\) (.+?): ", before.text).group(1)
            rows += [(title, name, votes, share, outcome) for _, name, votes, share, outcome in block.rows[1:]]
    return rows


def appendix_table(blocks: list[Block], header_start: str) -> list[list[str]]:
    [table] = [b for b in blocks if b.kind == "table" and b.rows[0][0] == "STT" and b.rows[0][1] == header_start]
    return table.rows


def test_every_output_passes_the_nd30_check(docs):
    for name, data in docs.items():
        assert [f.format() for f in check_docx(data, name=name)] == [], name


def test_both_minutes_print_the_same_ballot_tables(blocks):
    assert ballot_tables(blocks["minutes"]) == RESULTS
    assert ballot_tables(blocks["counting"]) == RESULTS


def test_both_minutes_print_the_same_counts(blocks):
    attendance = "tổng số 10 thành viên, có mặt 09, vắng mặt 01 (01 có ý kiến bằng văn bản)."
    # 09 ballots for the members present; the absent member's written opinion is recorded beside them.
    ballots = (
        "Số phiếu phát ra: 09; số phiếu thu về: 09; số phiếu hợp lệ: 09; số phiếu không hợp lệ: 0; ý kiến bằng văn "
        "bản của thành viên vắng mặt: 01."
    )
    assert f"Thành phần tham dự: {attendance}" in texts(blocks["minutes"])
    assert f"Thành phần: {attendance}" in texts(blocks["counting"])
    assert ballots in texts(blocks["minutes"]) and ballots in texts(blocks["counting"])


def test_the_minutes_conclude_with_exactly_the_candidates_that_passed(blocks):
    lines = [t for t in texts(blocks["minutes"]) if t.startswith("- ") and "phiếu đồng ý" in t]
    assert lines == [
        f"- {title}: {name} ({votes} phiếu đồng ý, tỷ lệ {share}){';' if i < len(PASSED) - 1 else '.'}"
        for i, (title, name, votes, share, _) in enumerate(PASSED)
    ]


def test_the_nominee_list_is_the_passed_candidates_with_the_same_figures(blocks):
    rows = appendix_table(blocks["nomination"], "Tập thể, cá nhân")[1:]
    assert [(title, name, result) for _, name, title, result, _ in rows] == [
        (title, name, f"{votes} phiếu đồng ý, tỷ lệ {share}") for title, name, votes, share, _ in PASSED
    ]
    assert [no for no, *_ in rows] == ["1", "2", "3"]


def test_the_tờ_trình_counts_per_title_equal_the_rows_of_its_list(blocks):
    rows = appendix_table(blocks["nomination"], "Tập thể, cá nhân")[1:]
    headings = [re.match(r"^\d+\. (.+): (\d+) tập thể$", t) for t in texts(blocks["nomination"])]
    counted = {m.group(1): int(m.group(2)) for m in headings if m}
    assert counted == {title: sum(1 for row in rows if row[2] == title) for title in dict.fromkeys(r[2] for r in rows)}
    requests = [t for t in texts(blocks["nomination"]) if " cho " in t and t.startswith("- ")]
    assert requests == [
        "- Xem xét, trình Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho 01 tập thể;",
        "- Tặng Cờ thi đua của UBND tỉnh cho 01 tập thể;",
        "- Tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể.",
    ]


def test_the_tờ_trình_body_repeats_the_list(blocks):
    body = [t for t in texts(blocks["nomination"]) if t.startswith("- ") and "phiếu đồng ý" in t]
    assert body == [f"- {name}: {votes} phiếu đồng ý, tỷ lệ {share}." for _, name, votes, share, _ in PASSED]


def test_the_decision_awards_the_nominees_within_its_authority(blocks):
    rows = appendix_table(blocks["decision"], "Tập thể, cá nhân")
    awarded = [(title, name) for _, name, title, _ in rows[1:]]  # amounts "theo quy định": no total row
    nominated = [(row[2], row[1]) for row in appendix_table(blocks["nomination"], "Tập thể, cá nhân")[1:]]
    assert awarded == [pair for pair in nominated if pair[0] in PROVINCE_TITLES]
    assert awarded == [(title, name) for title, name, *_ in PASSED if title in PROVINCE_TITLES]
    article1 = next(t for t in texts(blocks["decision"]) if t.startswith("Điều 1."))
    for title in PROVINCE_TITLES:
        count = sum(1 for t, _ in awarded if t == title)
        assert f"{title} cho {count:02d} tập thể" in article1
    assert "Cờ thi đua của Chính phủ" not in article1


def test_a_2017_decision_leaves_the_unverified_amounts_to_the_records_office(blocks):
    rows = appendix_table(blocks["decision"], "Tập thể, cá nhân")
    # No "Tổng cộng" row: there is nothing to add up.
    assert [row[3] for row in rows[1:]] == ["Theo quy định", "Theo quy định"]
    article1 = next(t for t in texts(blocks["decision"]) if t.startswith("Điều 1."))
    assert article1.endswith("kèm theo tiền thưởng theo quy định tại Nghị định số 42/2010/NĐ-CP.")
    article2 = next(t for t in texts(blocks["decision"]) if t.startswith("Điều 2."))
    assert article2 == "Điều 2. Tiền thưởng chi từ Quỹ thi đua, khen thưởng của tỉnh."


def test_a_decision_under_the_current_decree_totals_its_amounts(tmp_path):
    validated = validate_file(dossier(tmp_path, **IN_2026))
    [document] = validated.kind.documents
    decision = read(produce(document, validated, TemplateSet().get(document)))
    rows = appendix_table(decision, "Tập thể, cá nhân")
    # NĐ 152/2025: 8,0 and 3,0 × 2.530.000 đồng (legal-facts B9).
    assert [row[3] for row in rows[1:-1]] == ["20.240.000", "7.590.000"]
    assert rows[-1] == ["Tổng cộng", "27.830.000"]
    article2 = next(t for t in texts(decision) if t.startswith("Điều 2."))
    assert article2 == (
        "Điều 2. Tổng số tiền thưởng là 27.830.000 đồng (bằng chữ: Hai mươi bảy triệu tám trăm ba mươi nghìn "
        "đồng), chi từ Quỹ thi đua, khen thưởng của tỉnh."
    )


@pytest.mark.parametrize("name", ["minutes", "counting", "nomination", "decision"])
def test_lists_repeat_their_header_never_split_a_row_and_keep_their_lead_in(blocks, name):
    doc = blocks[name]
    tables = [i for i, b in enumerate(doc) if b.kind == "table" and b.rows[0][0] == "STT"]
    assert tables
    for index in tables:
        rows = doc[index].element.findall(qn("w:tr"))
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
        # The paragraph that introduces the table (its lead-in, or the appendix heading) keeps with it.
        lead_in = next(b for b in reversed(doc[:index]) if b.kind == "table" or b.text)
        assert lead_in.kind == "p" and lead_in.keep_next, lead_in.text


def test_the_minutes_print_an_undecided_tie_and_an_absentee_without_opinion(tmp_path):
    text = (BLOC / "bien-ban-hop.yaml").read_text(encoding="utf-8")
    present = text.split("  present:\n", 1)[1].split("  absent:", 1)[0]
    for old, new in (
        ("  present:\n" + present, "  present: 9\n"),
        ("written_opinion: true", "written_opinion: false"),
        ("        votes: 10\n", "        votes: 9\n"),
        # One seat, 09 valid ballots: a tie needs a bloc threshold of 40% at most (see the nomination tests).
        ("    seats: 3", "    seats: 1"),
        ("        votes: 8\n", "        votes: 4\n"),
        ("        votes: 6\n", "        votes: 4\n"),
        ("        votes: 3\n", "        votes: 1\n"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "bien-ban-hop.yaml"
    path.write_text(text, encoding="utf-8")
    validated = validate_file(path, rules=bloc_threshold(tmp_path, 40))
    [minutes, counting] = [produce(d, validated, TemplateSet().get(d)) for d in validated.kind.documents]
    lines = texts(read(minutes))
    assert "Thành phần tham dự: tổng số 10 thành viên, có mặt 09, vắng mặt 01 (0 có ý kiến bằng văn bản)." in lines
    assert "Các thành viên có mặt:" not in lines
    assert (
        "Thành viên vắng mặt không gửi ý kiến bằng văn bản, không được tính phiếu: Trường Cao đẳng Y tế Thái Nguyên."
    ) in lines
    note = (
        "Kết quả danh hiệu «Bằng khen của Chủ tịch UBND tỉnh» chưa xác định: «Ban Quản lý Khu di tích lịch sử ATK "
        "Định Hóa» và «Báo Thái Nguyên» cùng có 4 phiếu đồng ý (40,00%) cho 1 suất còn lại; cuộc họp cần bỏ phiếu "
        "lại hoặc quyết định theo quy chế trước khi lập tờ trình."
    )
    assert note in lines and note in texts(read(counting))
    assert "- Bằng khen của Chủ tịch UBND tỉnh: suất còn lại chưa xác định do bằng phiếu." in lines
    for data in (minutes, counting):
        assert [f.format() for f in check_docx(data, name=path.name)] == []
