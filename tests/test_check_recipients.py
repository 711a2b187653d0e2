"""`hoso check` on the Nơi nhận and the signature block as offices really type them (NĐ 30/2020,
Phụ lục I, Phần II, mục 7 and 9.b): typed on the same lines with tabs instead of a table, a
recipient broken onto a second line, a colon typed in another run, "Văn thư" written out, a block
laid out in a table nested in another, an empty line inside the list, a bracketed note under the
signature, a document issued with a decision. Each case is a real corpus document or rebuilds
one, and the findings that must stay are checked beside the false alarms that must go."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Pt, Twips

from pipeline.nd30.check import check_docx

from tests.nd30_fixtures import TEXTS, _drop_placeholder, _line, build, conforming_docx, to_bytes

CORPUS = Path(__file__).resolve().parent / "corpus"

# A run: its text, size in points, bold, italic.
Run = tuple[str, float, bool, bool]


def _codes(data: bytes | Path) -> list[str]:
    return [finding.code for finding in check_docx(data)]


def _messages(data: bytes | Path) -> list[str]:
    return [finding.format() for finding in check_docx(data)]


def _typed_docx(rows: list[list[Run]]) -> bytes:
    """The conforming Kế hoạch with its signature table replaced by paragraphs typed as the Chỉ thị
    of UBND tỉnh Bình Dương types them: justified, a centre tab stop at 12 cm, and on each line the
    Nơi nhận part, a tab, the signature part ("- Bộ Khoa học và Công nghệ;<tab>KT. CHỦ TỊCH")."""
    document = build(TEXTS)
    table = document.tables[-1]._tbl
    table.getparent().remove(table)
    for runs in rows:
        paragraph = document.add_paragraph()
        layout = paragraph.paragraph_format
        layout.first_line_indent, layout.space_before, layout.line_spacing = Pt(0), Pt(0), 1.0
        layout.tab_stops.add_tab_stop(Twips(6840), WD_TAB_ALIGNMENT.CENTER)
        for text, size, bold, italic in runs:
            run = paragraph.add_run(text)
            run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return to_bytes(document)


def _item(text: str) -> Run:
    return (text, 11, False, False)


def _authority(text: str) -> Run:
    return (text, 14, True, False)


LABEL: Run = ("Nơi nhận:", 12, True, True)
TAB: Run = ("\t", 11, False, False)
BINH_DUONG = [
    [LABEL, TAB, _authority("TM. ỦY BAN NHÂN DÂN")],
    [_item("- Bộ Khoa học và Công nghệ;"), TAB, _authority("KT. CHỦ TỊCH")],
    [_item("- Cục Kiểm tra VB QPPL (Bộ Tư pháp);"), TAB, _authority("PHÓ CHỦ TỊCH")],
    [_item("- Thường trực Tỉnh ủy;"), TAB],
    [_item("- CT, PCT UBND tỉnh;"), TAB, ("(Đã ký)", 13, False, False)],
    [_item("- UBND các huyện, thị xã;"), TAB, _authority("Nguyễn Văn Hiệp")],
    [_item("- Lưu: VT, TH.")],
]


# --- Nơi nhận and signature typed on the same lines, cut by tabs ---------------------------------


def test_recipients_and_signature_typed_on_the_same_lines_are_read_as_two_columns():
    # chi-thi-ubnd-binh-duong.doc: 9 false alarms came from reading "- Như trên;<tab>CHỦ TỊCH" as
    # one recipient (its size, its bold, its last character).
    assert _messages(_typed_docx(BINH_DUONG)) == []


def test_the_signature_column_of_typed_lines_is_still_checked():
    rows = [list(row) for row in BINH_DUONG]
    rows[1][2] = _authority("KT.CHỦ TỊCH")  # as the Chỉ thị prints it
    rows[5][2] = ("Nguyễn Văn Hiệp", 14, False, False)
    findings = check_docx(_typed_docx(rows))
    assert [(f.code, f.path) for f in findings] == [
        ("ND30-AUTHORITY-FORMAT", "đoạn 10"),
        ("ND30-SIGNER-STYLE", "đoạn 14"),
    ]
    assert "sau “KT.” phải có dấu cách" in findings[0].message


def test_the_recipients_column_of_typed_lines_is_still_checked():
    rows = [list(row) for row in BINH_DUONG]
    rows[2][0] = ("- Cục Kiểm tra VB QPPL (Bộ Tư pháp)", 12, False, False)
    rows[6] = [_item("- Lưu VT.")]
    findings = check_docx(_typed_docx(rows))
    assert [(f.code, f.path) for f in findings] == [
        ("ND30-RECIPIENTS-ITEM-STYLE", "đoạn 11"),
        ("ND30-RECIPIENTS-PUNCT", "đoạn 11"),
        ("ND30-RECIPIENTS-ARCHIVE", "đoạn 15"),
    ]
    assert "“- Cục Kiểm tra VB QPPL (Bộ Tư pháp)”" in findings[1].message


def test_a_dash_typed_before_a_tab_belongs_to_its_recipient():
    # "-<tab>Bộ Khoa học và Công nghệ;<tab>KT. CHỦ TỊCH": the first cut is not between two columns.
    rows = [list(row) for row in BINH_DUONG]
    rows[1] = [_item("-"), TAB, _item("Bộ Khoa học và Công nghệ;"), TAB, _authority("KT. CHỦ TỊCH")]
    rows[3] = [_item("-"), TAB, _item("Thường trực Tỉnh ủy")]
    findings = check_docx(_typed_docx(rows))
    assert [(f.code, f.path) for f in findings] == [("ND30-RECIPIENTS-PUNCT", "đoạn 12")]
    assert "“- Thường trực Tỉnh ủy”" in findings[0].message


def test_a_title_and_a_name_pushed_right_with_tabs_and_spaces():
    # quyet-dinh-snv-quang-binh.doc: "Nơi nhận: " then six tabs and spaces before "TRƯỞNG PHÒNG";
    # the name alone on a later line after 81 spaces.
    rows = [
        [LABEL, (" ", 12, True, False), ("\t" * 6, 14, True, False), (" " * 6 + "TRƯỞNG PHÒNG" + " " * 40, 14, True, False)],
        [_item("- Lãnh đạo Sở (để b/c);     ")],
        [_item("- Lưu: VT, TĐKT.")],
        [(" " * 40, 14, False, False)],
        [(" " * 81, 14, False, False), ("Hồ Quyết Thắng", 14, True, False), (" " * 41, 14, False, False)],
    ]
    assert _messages(_typed_docx(rows)) == []
    rows[4][1] = ("Hồ Quyết Thắng", 12, True, False)
    assert _codes(_typed_docx(rows)) == ["ND30-SIGNER-STYLE"]


# --- A recipient broken onto a second line ---------------------------------------------------------


def test_a_recipient_broken_onto_a_second_line_is_one_recipient():
    # huong-dan-hdtdkt-hung-yen.docx: "- Các cơ quan, đơn vị, địa phương thuộc" / "khối thi đua của
    # tỉnh;" is one recipient; its archive line "- Lưu: Ban TĐKT." has no VT, a true finding.
    findings = check_docx(CORPUS / "huong-dan-hdtdkt-hung-yen.docx")
    recipients = [f for f in findings if f.code.startswith("ND30-RECIPIENTS")]
    assert [f.code for f in recipients] == ["ND30-RECIPIENTS-ARCHIVE"]


def test_a_recipient_over_three_lines_ending_with_commas():
    # quyet-dinh-ttg-93-2007.doc: "- VPCP: BTCN, các PCN, Website CP," / "BĐH 112, …," / "các Vụ,
    # Cục, đơn vị trực thuộc, Công báo;"
    recipients = [
        "- Sở Nội vụ;", "- VPCP: BTCN, các PCN, Website CP,", "BĐH 112, Người phát ngôn của TTgCP,",
        "các Vụ, Cục, đơn vị trực thuộc, Công báo;", "- Lưu: VT, CCHC.",
    ]
    assert _messages(_with_recipients(recipients)) == []


def test_a_continued_recipient_that_never_closes_is_reported_once_with_its_whole_text():
    recipients = ["- Sở Nội vụ;", "- Các cơ quan, đơn vị thuộc", "khối thi đua của tỉnh", "- Lưu: VT, VP."]
    [finding] = check_docx(_with_recipients(recipients))
    assert finding.code == "ND30-RECIPIENTS-PUNCT"
    assert "“- Các cơ quan, đơn vị thuộc khối thi đua của tỉnh”" in finding.message
    assert finding.path.endswith("ô (1,1), đoạn 4")


def test_lines_typed_without_dashes_are_each_still_reported():
    # Only a recipient opened by a dash runs on: two undashed, unclosed lines stay two recipients.
    findings = check_docx(_with_recipients(["Sở Nội vụ", "Lưu: VT, VP."]))
    assert [(f.code, f.path.rpartition(", ")[2]) for f in findings] == [
        ("ND30-RECIPIENTS-ITEM-DASH", "đoạn 2"), ("ND30-RECIPIENTS-PUNCT", "đoạn 2"),
        ("ND30-RECIPIENTS-ITEM-DASH", "đoạn 3"), ("ND30-RECIPIENTS-ARCHIVE", "đoạn 3"),
    ]


# --- "Nơi nhận:" with its colon in another run; "Văn thư" written out ------------------------------


def _label_runs(*runs: Run):
    def mutate(document) -> None:
        label = next(p for p in document.tables[-1].rows[0].cells[0].paragraphs if p.text == "Nơi nhận:")
        for run in list(label.runs):
            run._r.getparent().remove(run._r)
        for text, size, bold, italic in runs:
            run = label.add_run(text)
            run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return mutate


def test_the_label_is_judged_by_its_words_not_by_the_colon_typed_in_another_run():
    # cong-van-cdgd-172.doc and quyet-dinh-ubnd-can-tho-09.doc: "Nơi nhận" bold italic, ":" italic.
    assert _messages(conforming_docx(_label_runs(("Nơi nhận", 12, True, True), (": ", 12, False, True)))) == []
    words_not_bold = _label_runs(("Nơi nhận", 12, False, True), (":", 12, True, True))
    assert _codes(conforming_docx(words_not_bold)) == ["ND30-RECIPIENTS-LABEL-STYLE"]


def test_the_archive_line_may_write_van_thu_out():
    # nghi-dinh-86-2011.doc: "- Lưu: Văn thư, KNTN (5b)"; quyet-dinh-ttg-93-2007.doc: "- Lưu: Văn thư,
    # CCHC (5b)." ("VT" abbreviates Văn thư).
    assert _messages(_with_recipients(["- Sở Nội vụ;", "- Lưu: Văn thư, KNTN (5b)."])) == []
    # quyet-dinh-ubnd-can-tho-09.doc: "- Lưu Văn thư" has no colon (and no final "."): still reported.
    codes = _codes(_with_recipients(["- Sở Nội vụ;", "- Lưu Văn thư"]))
    assert codes == ["ND30-RECIPIENTS-PUNCT", "ND30-RECIPIENTS-ARCHIVE"]


def _with_recipients(recipients: list[str]) -> bytes:
    return to_bytes(build({**TEXTS, "recipients": recipients}))


# --- Nơi nhận and signature in a table nested in another --------------------------------------------


def _nested_docx(position: str = "GIÁM ĐỐC", name_bold: bool = True) -> bytes:
    """The conforming Kế hoạch whose Nơi nhận and signature sit in a two-column table nested in a
    one-cell table, the director signing without an authority prefix."""
    document = build({**TEXTS, "recipients": None, "authority": [], "signer": ""})
    table = document.tables[-1]._tbl
    outer = document.add_table(rows=1, cols=1)
    table.addprevious(outer._tbl)
    table.getparent().remove(table)
    left, right = outer.rows[0].cells[0].add_table(rows=1, cols=2).rows[0].cells
    _line(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in ("- Sở Nội vụ;", "- Lưu: VT, VP."):
        _line(left, text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, position, 14, bold=True)
    _line(right, "", 14)
    _line(right, "Nguyễn Văn A", 14, bold=name_bold)
    for cell in (left, right, outer.rows[0].cells[0]):
        _drop_placeholder(cell)
    return to_bytes(document)


def test_recipients_and_signature_in_a_nested_table_are_read_as_its_columns():
    # Read as one column, the position and the name became two more recipients (5 false findings).
    assert _messages(_nested_docx()) == []


def test_the_signature_in_a_nested_table_is_still_checked():
    findings = check_docx(_nested_docx(name_bold=False))
    assert [(f.code, f.path) for f in findings] == [("ND30-SIGNER-STYLE", "bảng 2, ô (1,1), bảng 1, ô (1,2), đoạn 3")]


# --- An empty line inside the list; a note in brackets under the signature ---------------------------


def test_an_empty_line_left_above_the_archive_line_does_not_end_the_list():
    def spaced(document) -> None:
        archive = next(p for p in document.tables[-1].rows[0].cells[0].paragraphs if p.text.startswith("- Lưu"))
        archive._p.addprevious(_line(document.tables[-1].rows[0].cells[0], "", 11)._p)

    assert _messages(conforming_docx(spaced)) == []


def test_a_bracketed_note_at_the_foot_of_a_signature_is_not_taken_for_the_signer_name():
    # The blank of a form to be signed, as the forms appended to thong-tu-bng-03-2018-tdkt.doc and
    # thong-tu-ttcp-01-2010.doc end their signatures: "(Ký tên, đóng dấu, ghi rõ họ tên)" in italic.
    def unsigned(document) -> None:
        name = document.tables[-1].rows[0].cells[1].paragraphs[-1]
        name.runs[0].text, name.runs[0].bold, name.runs[0].italic = "(Ký tên, đóng dấu, ghi rõ họ tên)", False, True

    assert _messages(conforming_docx(unsigned)) == []


# --- A document issued with a decision -------------------------------------------------------------


def _issued_with(document) -> None:
    subject = next(p for p in document.paragraphs if p.text == TEXTS["subject"])
    note = _line(document, "(Kèm theo Quyết định số 15/QĐ-UBND ngày 05 tháng 01 năm 2017)", 14, italic=True)
    subject._p.addnext(note._p)


def test_a_document_issued_with_a_decision_has_no_recipients_of_its_own():
    # ke-hoach-khao-sat-phu-tho.doc: a Kế hoạch "(Kèm theo Quyết định số …)" ends with its
    # signatures; the Nơi nhận is the decision's (NĐ 30/2020, Phụ lục III, mẫu 1.3).
    assert _messages(conforming_docx(_issued_with, recipients=None)) == []
    assert "ND30-RECIPIENTS-MISSING" in _codes(conforming_docx(recipients=None))
