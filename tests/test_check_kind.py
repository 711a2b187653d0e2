"""`hoso check` decides what a document is before judging it, says so, and applies that kind's rules."""

from __future__ import annotations

import pytest
from docx.shared import Pt

from pipeline.nd30.check import KINDS, check_document, check_docx

from tests.nd30_fixtures import TEXTS, a4_document, citizen_form_docx, cong_van_docx, conforming_docx, line_after, to_bytes


@pytest.mark.parametrize(
    ("title", "kind", "notice"),
    [
        ("QUYẾT ĐỊNH", "quyet-dinh", "Loại văn bản: Quyết định (theo tên loại “QUYẾT ĐỊNH”)."),
        ("TỜ TRÌNH", "to-trinh", "Loại văn bản: Tờ trình (theo tên loại “TỜ TRÌNH”)."),
        ("KẾ HOẠCH", "ke-hoach", "Loại văn bản: Kế hoạch (theo tên loại “KẾ HOẠCH”)."),
        ("BÁO CÁO", "bao-cao", "Loại văn bản: Báo cáo (theo tên loại “BÁO CÁO”)."),
        ("THÔNG BÁO", "thong-bao", "Loại văn bản: Thông báo (theo tên loại “THÔNG BÁO”)."),
        ("GIẤY MỜI", "giay-moi", "Loại văn bản: Giấy mời (theo tên loại “GIẤY MỜI”)."),
        ("CHỈ THỊ", "khac", "Loại văn bản: Chỉ thị (theo tên loại “CHỈ THỊ”)."),
    ],
)
def test_the_kind_is_told_by_the_ten_loai(title, kind, notice):
    result = check_document(conforming_docx(title=title))
    assert (result.kind.key, result.notice, result.findings) == (kind, notice, [])


def test_a_cong_van_is_told_by_its_v_v_line_and_has_no_ten_loai_rules():
    result = check_document(cong_van_docx())
    assert result.kind.key == "cong-van"
    assert result.notice == "Loại văn bản: Công văn (có dòng trích yếu “V/v …” dưới số, ký hiệu)."
    assert result.findings == []


def test_a_bien_ban_needs_no_date_line_and_may_end_without_noi_nhan():
    data = conforming_docx(
        title="BIÊN BẢN",
        subject="Họp Hội đồng Thi đua - Khen thưởng tỉnh năm 2024",
        number="Số: 03/BB-HĐTĐKT",
        date=None,
        recipients=None,
        authority=["THƯ KÝ"],
        signer="Trần Thị Lan",
    )
    result = check_document(data)
    assert (result.kind.key, result.findings) == ("bien-ban", [])


def test_a_ke_hoach_without_date_line_is_still_reported():
    assert [f.code for f in check_docx(conforming_docx(date=None))] == ["ND30-DATE-MISSING"]


def _speech() -> bytes:
    document = a4_document()
    for text in ("BÀI PHÁT BIỂU", "của Chủ tịch UBND tỉnh tại Hội nghị tổng kết công tác thi đua năm 2024",
                 "Kính thưa các đồng chí đại biểu!", "Hôm nay, tỉnh ta tổ chức Hội nghị tổng kết…"):
        document.add_paragraph(text).runs[0].font.size = Pt(12)
    return to_bytes(document)


def test_a_document_of_no_nd30_kind_gets_one_notice_and_no_findings():
    result = check_document(_speech())
    assert result.kind.key == "khong"
    assert result.notice.startswith("Văn bản không theo thể thức Nghị định 30/2020")
    assert result.findings == []


def _statistical_form() -> bytes:
    document = a4_document()
    document.add_paragraph("Biểu số 02")
    document.add_paragraph("TỔNG HỢP KẾT QUẢ BÌNH XÉT THI ĐUA NĂM 2024")
    table = document.add_table(rows=3, cols=4, style="Table Grid")
    table.rows[0].cells[0].text = "STT"
    return to_bytes(document)


def test_an_appendix_or_form_is_checked_for_page_and_fonts_only():
    result = check_document(_statistical_form())
    assert result.kind.key == "phu-luc"
    assert result.findings == []


def test_the_kind_can_be_named_instead():
    result = check_document(conforming_docx(date=None), kind="bien-ban")
    assert result.kind.key == "bien-ban"
    assert result.notice == "Loại văn bản: Biên bản (theo lựa chọn của người dùng)."
    assert result.findings == []
    assert check_document(_speech(), kind="ke-hoach").findings  # judged as a Kế hoạch, it fails


def test_an_unknown_kind_is_refused_with_the_list_of_kinds():
    with pytest.raises(ValueError) as caught:
        check_docx(conforming_docx(), kind="cong-dien")
    assert str(caught.value).startswith("Không có loại văn bản «cong-dien». Các loại: quyet-dinh, to-trinh")
    assert set(KINDS) >= {"quyet-dinh", "cong-van", "bien-ban", "giay-moi", "phu-luc", "khong"}


def test_a_frame_without_a_known_ten_loai_is_checked_as_a_general_document():
    result = check_document(conforming_docx(title="BẢN CAM KẾT"))
    assert result.kind.key == "khac"
    assert result.notice == "Loại văn bản: chưa nhận ra tên loại; kiểm tra theo thể thức chung của văn bản hành chính."


def test_an_unreadable_file_has_no_kind():
    result = check_document(b"not a docx", name="x.docx")
    assert (result.kind, result.notice, [f.code for f in result.findings]) == (None, "", ["ND30-UNREADABLE"])


@pytest.mark.parametrize(("title", "kind"), [("THÔNG TƯ", "thong-tu"), ("NGHỊ ĐỊNH", "nghi-dinh")])
def test_legal_normative_kinds_are_told_by_their_ten_loai(title, kind):
    result = check_document(conforming_docx(title=title))
    assert (result.kind.key, result.findings) == (kind, [])


def test_a_luat_is_numbered_luat_so_and_has_no_noi_nhan():
    # Luật 06/2022/QH15 (tests/corpus): "Luật số:" was not read as its number, and Nơi nhận was asked.
    data = conforming_docx(title="LUẬT", number="Luật số: 06/2022/QH15", recipients=None,
                           issuer=["QUỐC HỘI"], authority=["CHỦ TỊCH QUỐC HỘI"])
    result = check_document(data)
    assert (result.kind.key, result.findings) == ("luat", [])


def test_a_quy_dinh_issued_with_a_quyet_dinh_has_no_number_nor_noi_nhan_of_its_own():
    # Quy định kèm Quyết định 09/2010/QĐ-UBND Cần Thơ: its "(Ban hành kèm theo …)" line is not the
    # trích yếu, and the line under it is the rule.
    def issued_with(document) -> None:
        line_after(document, TEXTS["subject"], "(Ban hành kèm theo Quyết định số 09/2010/QĐ-UBND ngày 21 tháng 01 "
                   "năm 2010 của Ủy ban nhân dân thành phố)", italic=True)

    result = check_document(conforming_docx(issued_with, title="QUY ĐỊNH", number=None, date=None, recipients=None))
    assert (result.kind.key, result.findings) == ("quy-dinh", [])


def test_a_citizen_s_form_under_a_quoc_hieu_gets_one_notice_not_the_frame_s_findings():
    # Tờ khai đăng ký khai sinh (tests/corpus) gave 16 false findings judged as a document.
    result = check_document(citizen_form_docx())
    assert result.kind.key == "phu-luc"
    assert result.notice.startswith("Loại văn bản: Phụ lục hoặc biểu mẫu (biểu mẫu hoặc bảng thống kê")
    assert result.findings == []


def test_a_form_s_misspelt_tieu_ngu_is_still_reported():
    findings = check_document(citizen_form_docx(motto="Độc lập- Tự do- Hạnh phúc")).findings
    assert [f.code for f in findings] == ["ND30-MOTTO"]


def test_a_statistical_table_under_an_issuer_and_quoc_hieu_is_a_form():
    # Bảng tổng hợp phân loại cán bộ (tests/corpus): a header, a title and a table of numbered rows;
    # no number, no signature, no Nơi nhận were reported.
    def table_instead_of_text(document) -> None:
        signature = document.tables[-1]._tbl
        signature.getparent().remove(signature)
        table = document.add_table(rows=3, cols=4, style="Table Grid")
        for cell, text in zip(table.rows[0].cells, ("STT", "Đơn vị", "Biên chế", "Hoàn thành tốt")):
            cell.text = text

    data = conforming_docx(table_instead_of_text, title="BẢNG TỔNG HỢP KẾT QUẢ", number=None, basis=[], body=[],
                           recipients=None)
    result = check_document(data)
    assert (result.kind.key, result.findings) == ("phu-luc", [])
