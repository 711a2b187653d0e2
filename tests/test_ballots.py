"""Ballots as the law counts them: ballots go to the members present, an absent member's written
opinion is recorded beside them, the share stays on the total number of members; a council's
minutes speak as a council, not as a bloc that suy tôn its members."""

from __future__ import annotations

from pipeline import api
from tests.docx_facts import open_docx
from tests.samples import SAMPLES

SAMPLE = SAMPLES / "bloc-2016" / "bien-ban-hop.yaml"


def texts(data: bytes) -> str:
    document = open_docx(data)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def rendered(tmp_path, *replacements: tuple[str, str]) -> dict[str, str]:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "bien-ban-hop.yaml"
    path.write_text(text, encoding="utf-8")
    return {d.name: texts(d.data) for d in api.render_documents(path)}


def test_a_written_opinion_is_recorded_beside_the_ballots(tmp_path):
    documents = rendered(tmp_path)
    line = (
        "Số phiếu phát ra: 09; số phiếu thu về: 09; số phiếu hợp lệ: 09; số phiếu không hợp lệ: 0; ý kiến bằng văn "
        "bản của thành viên vắng mặt: 01."
    )
    for text in documents.values():
        assert line in text
        assert "tổng số 10 thành viên, có mặt 09, vắng mặt 01 (01 có ý kiến bằng văn bản)." in text
        # The Đài's 10 "đồng ý" (09 ballots and the written opinion) over all 10 members.
        assert "10/10" in text and "100,00%" in text


def test_a_council_speaks_as_a_council(tmp_path):
    documents = rendered(tmp_path, ("body: bloc", "body: council"))
    minutes, counting = documents["bien-ban-hop.docx"], documents["bien-ban-hop-kiem-phieu.docx"]
    assert "2. Bỏ phiếu kín bình xét danh hiệu thi đua, hình thức khen thưởng" in minutes
    assert "Căn cứ kết quả kiểm phiếu, Hội đồng thống nhất đề nghị khen thưởng:" in minutes
    assert "Ban kiểm phiếu cuộc họp Hội đồng bình xét danh hiệu thi đua, hình thức khen thưởng năm 2016" in counting
    assert "Kiểm phiếu bình xét danh hiệu thi đua, hình thức khen thưởng năm 2016" in counting
    # The subject typed in the data is the clerk's own; everything hoso words itself says no "suy tôn".
    assert "suy tôn" not in counting
    assert [line for line in minutes.splitlines() if "suy tôn" in line] == [
        "Họp bình xét, suy tôn danh hiệu thi đua, hình thức khen thưởng năm 2016",
        "- Bình xét, suy tôn đơn vị dẫn đầu và đề nghị khen thưởng bằng hình thức bỏ phiếu kín.",
    ]


def test_a_bloc_suy_tôn(tmp_path):
    documents = rendered(tmp_path)
    assert "2. Bỏ phiếu kín bình xét, suy tôn" in documents["bien-ban-hop.docx"]
    assert "Căn cứ kết quả kiểm phiếu, cuộc họp thống nhất suy tôn, đề nghị khen thưởng:" in documents["bien-ban-hop.docx"]
