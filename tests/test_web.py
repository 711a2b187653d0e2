"""The workbench over HTTP (Starlette's test client): confinement, CSRF, upload limits, escaping,
saving with conflicts and undo, and findings placed at their fields."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pipeline.core import messages, platform, resources
from pipeline.stages.load import load
from pipeline.web import forms, store
from pipeline.web.app import create_app
from pipeline.web.serve import LOCAL_HOSTS, ServeError, serve
from pipeline.web.workspace import Workspace, data_home

WS = "khoi-2016"
VOTE = f"/w/{WS}/doc/bien-ban-hop.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "ban-lam-viec"


@pytest.fixture
def client(root: Path) -> Iterator[TestClient]:
    app = create_app(root, hosts=LOCAL_HOSTS, office=False)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        test_client.get("/")  # the CSRF cookie
        yield test_client


def csrf(client: TestClient) -> str:
    return client.cookies["hoso_csrf"]


def make_sample(client: TestClient) -> None:
    response = client.post("/workspaces", data={"_csrf": csrf(client), "name": WS, "source": "bloc-2016"},
                           follow_redirects=False)
    assert response.status_code == 303, response.text


def form_of(html: str) -> dict[str, str]:
    """The values the data form of a document page posts (as a browser would, without buttons)."""
    form = html.split('id="data-form"', 1)[1].split("</form>", 1)[0]
    values: dict[str, str] = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]*)"', tag)
        if name and 'type="submit"' not in tag:
            value = re.search(r'value="([^"]*)"', tag)
            values[_unescape(name[1])] = _unescape(value[1]) if value else ""
    for name, body in re.findall(r'<textarea [^>]*name="([^"]*)"[^>]*>(.*?)</textarea>', form, re.S):
        values[_unescape(name)] = _unescape(body)
    for name, body in re.findall(r'<select [^>]*name="([^"]*)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        values[_unescape(name)] = _unescape(chosen[1]) if chosen else ""
    return values


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&#39;", "'")
            .replace("&quot;", '"').replace("&amp;", "&"))


# --- Workspaces ---------------------------------------------------------------------------------------
def test_sample_workspace_is_the_sample_bloc_with_its_plan(client: TestClient, root: Path) -> None:
    make_sample(client)
    page = client.get(f"/w/{WS}")
    assert page.status_code == 200
    assert (root / WS / "ke-hoach" / "ke-hoach-2016.yaml").is_file()
    assert "ke-hoach/ke-hoach-2016.yaml" in (root / WS / "khoi.yaml").read_text(encoding="utf-8")
    # The year in its legal order: the plan first, the vote before the tờ trình, the decision after.
    order = [page.text.index(title) for title in ("Kế hoạch", "Báo cáo tự đánh giá", "Báo cáo tổng kết",
                                                  "Biên bản họp bình xét", "Tờ trình", "Quyết định")]
    assert order == sorted(order)
    assert "Sẵn sàng" in page.text and "cảnh báo" in page.text


def test_the_start_page_offers_the_2026_sample_first_and_checked(client: TestClient) -> None:
    page = client.get("/").text
    radios = re.findall(r'<input type="radio" name="source" value="([^"]*)" data-name="([^"]*)"( checked)?>', page)
    assert radios == [("bloc-2026", "khoi-2026", " checked"), ("bloc-2016", "khoi-2016", ""), ("empty", "khoi-moi", "")]
    assert "Dữ liệu mẫu năm 2026 (pháp luật hiện hành): Khối thi đua các cơ quan Văn hóa - Xã hội" in page
    assert 'name="name" required maxlength="80" value="khoi-2026"' in page


def test_the_2026_sample_workspace_is_its_year_under_current_law(client: TestClient, root: Path) -> None:
    response = client.post("/workspaces", data={"_csrf": csrf(client), "name": "khoi-2026", "source": "bloc-2026"},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    sample = resources.samples() / "bloc-2026"
    workspace = root / "khoi-2026"
    assert {p.relative_to(workspace).as_posix() for p in workspace.rglob("*") if p.is_file()} == {
        p.relative_to(sample).as_posix() for p in sample.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }
    assert (workspace / "khoi.yaml").read_bytes() == (sample / "khoi.yaml").read_bytes()
    page = client.get("/w/khoi-2026").text
    rows = re.findall(r'<tr class="state-([a-z]+)">', page)
    assert len(rows) == len(list(sample.rglob("*.yaml"))) and "error" not in rows and "missing" not in rows
    for data in sample.rglob("*.yaml"):
        assert data.relative_to(sample).as_posix() in page
    order = [page.index(title) for title in ("Kế hoạch", "Bản đăng ký thi đua", "Báo cáo tự đánh giá",
                                             "Báo cáo tổng kết", "Biên bản họp bình xét", "Tờ trình", "Quyết định")]
    assert order == sorted(order)


@pytest.mark.parametrize("source", ["bloc-2017", "../bloc-2016", "plan", "excel", "", "Bloc-2026"])
def test_only_a_known_sample_can_start_a_workspace(client: TestClient, root: Path, source: str) -> None:
    response = client.post("/workspaces", data={"_csrf": csrf(client), "name": "khoi", "source": source})
    assert response.status_code == 400
    assert messages.text("web.sample") in response.text
    assert not root.exists() or not any(root.iterdir())


def test_a_refused_form_comes_back_as_the_clerk_filled_it(client: TestClient) -> None:
    response = client.post("/workspaces", data={"_csrf": csrf(client), "name": "../khoi", "source": "bloc-2016"})
    assert response.status_code == 400
    assert 'value="../khoi"' in response.text
    assert '<input type="radio" name="source" value="bloc-2016" data-name="khoi-2016" checked>' in response.text
    assert '<input type="radio" name="source" value="bloc-2026" data-name="khoi-2026">' in response.text


def test_an_empty_workspace_lists_what_is_missing(client: TestClient, root: Path) -> None:
    client.post("/workspaces", data={"_csrf": csrf(client), "name": "trong", "source": "empty", "year": "2025"})
    page = client.get("/w/trong")
    assert page.status_code == 200
    assert page.text.count("Thiếu") >= 5
    assert load(root / "trong" / "khoi.yaml").data["year"] == 2025


@pytest.mark.parametrize("name", ["../thoat", "/tmp/x", "a/b", "..", "CON", ".an"])
def test_a_workspace_name_cannot_leave_the_folder(client: TestClient, root: Path, name: str) -> None:
    response = client.post("/workspaces", data={"_csrf": csrf(client), "name": name, "source": "bloc-2016"})
    assert response.status_code == 400
    assert "Tên" in response.text
    assert [p for p in root.parent.iterdir() if p != root] == []
    assert not root.exists() or not any(root.iterdir())


def test_data_home_is_in_the_users_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_home() == tmp_path / "hoso"


# --- Confinement --------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", [
    f"/w/{WS}/doc/../../../../etc/passwd",
    f"/w/{WS}/doc/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    f"/w/{WS}/doc/..%2f..%2fkhoi-2016%2fkhoi.yaml",
    f"/w/{WS}/doc//etc/passwd",
    f"/w/{WS}/doc/.hoso/lich-su/x.yaml",
    f"/w/{WS}/xlsx/../../secret.xlsx",
    f"/w/{WS}/files/../khoi.yaml",
    f"/w/{WS}/files/xem-truoc/%2e%2e/%2e%2e/khoi.yaml",
    f"/w/{WS}/files//etc/passwd",
    "/w/..%2f..%2fetc/doc/passwd",
    "/w/%2e%2e/doc/passwd",
    "/check/..%2f..%2fetc/passwd",
])
def test_paths_from_requests_stay_inside_the_folder(client: TestClient, root: Path, url: str) -> None:
    make_sample(client)
    (root / "secret.xlsx").write_bytes(b"PK\x03\x04 secret")
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text and "secret" not in response.text


def test_posting_to_a_path_outside_touches_nothing(client: TestClient, root: Path) -> None:
    make_sample(client)
    outside = root.parent / "ngoai.yaml"
    outside.write_text("kind: plan\n", encoding="utf-8")
    response = client.post(f"/w/{WS}/doc/..%2f..%2fngoai.yaml", data={"_csrf": csrf(client), "_raw": "x: 1"})
    assert response.status_code in (400, 404)
    assert outside.read_text(encoding="utf-8") == "kind: plan\n"


# --- CSRF, sizes, types, hosts, access ----------------------------------------------------------------
@pytest.mark.parametrize("url", [
    "/workspaces", VOTE, f"/w/{WS}/pack", f"/w/{WS}/dossier", f"/w/{WS}/new", "/check",
])
def test_a_change_without_the_csrf_token_is_refused(client: TestClient, root: Path, url: str) -> None:
    make_sample(client)
    before = (root / WS / "bien-ban-hop.yaml").read_bytes()
    for data in ({}, {"_csrf": "sai"}):
        response = client.post(url, data={**data, "_raw": "kind: vote\n", "name": "moi", "kind": "plan"},
                               files={"file": ("a.docx", b"PK\x03\x04")})
        assert response.status_code == 403
        assert "CSRF" in response.text
    assert (root / WS / "bien-ban-hop.yaml").read_bytes() == before
    assert not (root / "moi").exists() and not (root / WS / "ke-hoach.yaml").exists()
    assert not (root / WS / ".hoso" / "goi-ho-so").exists()


def test_an_oversized_upload_is_refused(client: TestClient) -> None:
    big = b"PK\x03\x04" + b"0" * (11 * 1024 * 1024)
    response = client.post("/check", data={"_csrf": csrf(client)}, files={"file": ("to.docx", big)})
    assert response.status_code == 413
    assert "10 MB" in response.text


def test_an_upload_of_the_wrong_type_is_refused(client: TestClient) -> None:
    response = client.post("/check", data={"_csrf": csrf(client)}, files={"file": ("ghi-chu.txt", b"hello")})
    assert response.status_code == 415
    plain = client.post("/check", content=b"{}", headers={"content-type": "application/json"})
    assert plain.status_code == 415


def test_a_docx_that_is_not_a_zip_is_reported_not_crashed(client: TestClient) -> None:
    response = client.post("/check", data={"_csrf": csrf(client)}, files={"file": ("hong.docx", b"not a zip")})
    assert response.status_code == 200
    assert "hong.docx" in response.text and "lỗi" in response.text


def test_a_request_for_another_host_name_is_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "evil.example:8000"}).status_code == 400


def test_a_token_is_asked_once(root: Path) -> None:
    app = create_app(root, token="bi-mat", office=False)
    with TestClient(app) as test_client:
        assert test_client.get("/").status_code == 401
        assert test_client.get("/?token=sai").status_code == 401
        assert test_client.get("/?token=bi-mat").status_code == 200  # redirected, the cookie set
        assert test_client.get("/").status_code == 200


def test_serving_beyond_this_computer_needs_a_token(root: Path) -> None:
    with pytest.raises(ServeError, match="mã truy cập"):
        serve(root, host="0.0.0.0", port=8000, token=None, say=print)
    assert not root.exists()


# --- Escaping -----------------------------------------------------------------------------------------
def test_data_is_shown_as_text_never_as_markup(client: TestClient, root: Path) -> None:
    make_sample(client)
    vote = root / WS / "bien-ban-hop.yaml"
    vote.write_text(vote.read_text(encoding="utf-8").replace(
        "place: Sở Văn hóa, Thể thao và Du lịch", 'place: "<script>alert(1)</script>"'), encoding="utf-8")
    bloc = root / WS / "khoi.yaml"
    bloc.write_text(bloc.read_text(encoding="utf-8").replace("- name: Sở Y tế", "- name: <script>alert(2)</script>"),
                    encoding="utf-8")
    for url in (VOTE, f"/w/{WS}"):
        page = client.get(url)
        assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(VOTE).text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in client.get(f"/w/{WS}").text


# --- Saving -------------------------------------------------------------------------------------------
def test_saving_the_form_unchanged_keeps_the_data(client: TestClient, root: Path) -> None:
    make_sample(client)
    before = load(root / WS / "bien-ban-hop.yaml").data
    response = client.post(VOTE, data={**form_of(client.get(VOTE).text), "_action": "save"})
    assert response.status_code == 200
    after = root / WS / "bien-ban-hop.yaml"
    assert load(after).data == before
    assert after.read_text(encoding="utf-8").startswith("# Họp bình xét")  # the file's own comments stay


def test_save_then_undo(client: TestClient, root: Path) -> None:
    make_sample(client)
    path = root / WS / "bien-ban-hop.yaml"
    original = path.read_bytes()
    values = form_of(client.get(VOTE).text)
    values["place"] = "Hội trường Sở Y tế"
    saved = client.post(VOTE, data={**values, "_action": "save"})
    assert "Đã lưu." in saved.text
    assert load(path).data["place"] == "Hội trường Sở Y tế"
    assert "Hoàn tác" in saved.text
    undone = client.post(VOTE, data={**form_of(saved.text), "_action": "undo"})
    assert "Đã hoàn tác" in undone.text
    assert path.read_bytes() == original


def test_choices_show_vietnamese_labels_and_save_their_values(client: TestClient, root: Path) -> None:
    make_sample(client)
    page = client.get(VOTE).text
    assert '<option value="council">Hội đồng Thi đua - Khen thưởng</option>' in page
    assert '<option value="bloc" selected>Khối, Cụm thi đua (suy tôn)</option>' in page
    dossier = client.get(f"/w/{WS}/doc/ho-so-co-thi-dua-chinh-phu.yaml").text
    assert '<option value="TM." selected>TM. (thay mặt)</option>' in dossier  # a choice inside a list
    values = form_of(page)
    values["body"] = "council"
    client.post(VOTE, data={**values, "_action": "save"})
    assert "body: council\n" in (root / WS / "bien-ban-hop.yaml").read_text(encoding="utf-8")


def test_a_save_over_somebody_elses_change_is_refused(client: TestClient, root: Path) -> None:
    make_sample(client)
    path = root / WS / "bien-ban-hop.yaml"
    mine = form_of(client.get(VOTE).text)
    theirs = path.read_text(encoding="utf-8").replace("place: Sở Văn hóa, Thể thao và Du lịch", "place: Phòng họp B")
    path.write_text(theirs, encoding="utf-8")  # another tab, another clerk, a text editor
    mine["place"] = "Phòng họp A"
    response = client.post(VOTE, data={**mine, "_action": "save"})
    assert response.status_code == 409
    assert path.read_text(encoding="utf-8") == theirs
    assert "Phòng họp B" in response.text and "Phòng họp A" in response.text  # both versions shown
    # Keeping mine, knowingly: the conflict page posts the text with the hash it showed.
    digest = re.search(r'name="_hash" value="([0-9a-f]+)"', response.text)[1]
    yours = re.search(r'<textarea id="yours" name="_raw"[^>]*>(.*?)</textarea>', response.text, re.S)[1]
    kept = client.post(VOTE, data={"_csrf": csrf(client), "_hash": digest, "_raw": _unescape(yours)})
    assert kept.status_code == 200
    assert load(path).data["place"] == "Phòng họp A"


def test_list_buttons_add_move_and_remove_without_saving(client: TestClient, root: Path) -> None:
    make_sample(client)
    path = root / WS / "bien-ban-hop.yaml"
    before = path.read_bytes()
    values = form_of(client.get(VOTE).text)
    added = client.post(VOTE, data={**values, "_action": "add:agenda"})
    assert 'id="f-agenda-4"' in added.text and "Chưa lưu" in added.text
    moved = client.post(VOTE, data={**form_of(added.text), "_action": "up:titles[2].candidates[1]"})
    assert re.search(r'id="f-titles-2-candidates-0-name"[^>]*value="Báo Thái Nguyên"', moved.text)
    removed = client.post(VOTE, data={**form_of(moved.text), "_action": "remove:agenda[4]"})
    assert 'id="f-agenda-4"' not in removed.text
    assert path.read_bytes() == before


# --- Findings at their fields -------------------------------------------------------------------------
def test_a_broken_vote_count_is_shown_at_its_field(client: TestClient, root: Path) -> None:
    make_sample(client)
    client.get(f"/w/{WS}")  # every file validated once: what the save changes must be validated again
    values = form_of(client.get(VOTE).text)
    values["titles[1].candidates[0].votes"] = "99"
    page = client.post(VOTE, data={**values, "_action": "save"}, follow_redirects=True)
    field = "f-titles-1-candidates-0-votes"
    assert f'href="#{field}" data-focus="{field}"' in page.text
    assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', page.text)
    assert f'id="{field}-err"' in page.text
    overview = client.get(f"/w/{WS}").text
    assert re.search(r"bien-ban-hop.yaml</code></td>\s*<td><span class=\"badge error\">\d+ lỗi", overview)
    # The tờ trình reads the vote: its state follows the vote's change, though its own file did not change.
    assert re.search(r"to-trinh.yaml</code></td>\s*<td><span class=\"badge error\">\d+ lỗi", overview)


def test_paths_map_to_field_ids() -> None:
    ids = {"f-titles-0-candidates-1-votes", "f-titles-0", "f-members"}
    assert forms.nearest_id(forms.relative_path("vote", "vote.titles[0].candidates[1].votes"), ids) == \
        "f-titles-0-candidates-1-votes"
    assert forms.nearest_id(forms.relative_path("vote", "vote.titles[0].seats"), ids) == "f-titles-0"
    assert forms.nearest_id(forms.relative_path("vote", "vote"), ids) is None


def test_every_sample_survives_the_form_round_trip() -> None:
    from pipeline.law.kinds import KINDS

    for path in sorted(resources.samples().rglob("*.yaml")):
        data = load(path).data
        if data.get("kind") not in KINDS:
            continue
        kind = KINDS[data["kind"]]
        nodes = forms.build_form(kind.name, kind.model, data)
        assert forms.read_form(kind.name, kind.model, _posted(nodes), data) == data, path


def _posted(nodes: list[forms.Node]) -> dict[str, str]:
    values: dict[str, str] = {}
    for node in nodes:
        if node.shape:
            values[node.path + forms.SHAPE] = node.shape
        if node.kind == "object":
            values |= _posted(node.children)
        elif node.kind == "list":
            values[node.path + forms.COUNT] = str(len(node.children))
            values |= _posted(node.children)
        else:
            values[node.path] = node.value
    return values


# --- Excel tables -------------------------------------------------------------------------------------
def test_a_workbook_with_a_wrong_header_is_refused_and_nothing_saved(client: TestClient, root: Path) -> None:
    workspace = root / "excel"
    shutil.copytree(resources.samples() / "excel", workspace)
    url = "/w/excel/doc/bien-ban-hop.yaml"
    page = client.get(url)
    assert "Tải về bang-tinh-2016.xlsx" in page.text
    download = client.get("/w/excel/xlsx/bang-tinh-2016.xlsx")
    assert download.content == (workspace / "bang-tinh-2016.xlsx").read_bytes()

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả bỏ phiếu"
    sheet.append(["Danh hiệu", "Ứng viên", "Số phiếu sai tên"])
    buffer = io.BytesIO()
    book.save(buffer)
    before = (workspace / "bang-tinh-2016.xlsx").read_bytes()
    response = client.post(url.replace("/doc/", "/xlsx/"), data={"_csrf": csrf(client), "key": "titles"},
                           files={"file": ("sua.xlsx", buffer.getvalue())})
    assert response.status_code == 400
    assert "sua.xlsx" in response.text and "Chưa lưu bảng tính" in response.text
    assert (workspace / "bang-tinh-2016.xlsx").read_bytes() == before
    good = client.post(url.replace("/doc/", "/xlsx/"), data={"_csrf": csrf(client), "key": "titles"},
                       files={"file": ("sua.xlsx", before)})
    assert good.status_code == 200 and "Đã lưu." in good.text


def test_store_keeps_a_bounded_history(tmp_path: Path) -> None:
    workspace = Workspace("w", tmp_path)
    (tmp_path / "a.yaml").write_text("kind: plan\n", encoding="utf-8")
    for i in range(store.KEPT + 5):
        store.save_text(workspace, "a.yaml", f"kind: plan\n# {i}\n", store.file_digest(tmp_path / "a.yaml"))
    assert len(store.versions(workspace, "a.yaml")) == store.KEPT


# --- Produce, download, check -------------------------------------------------------------------------
def wait_for(client: TestClient, job_url: str) -> str:
    for _ in range(600):
        state = client.get(job_url + "/status").json()["state"]
        if state != "running":
            return state
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def test_the_pack_is_built_and_downloaded_as_a_zip(client: TestClient, root: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    started_with: list[str | None] = []

    def context(method: str | None = None):  # type: ignore[no-untyped-def]
        started_with.append(method)
        return real_context(method)

    real_context = platform.process_context
    monkeypatch.setattr(platform, "process_context", context)
    make_sample(client)
    started = client.post(f"/w/{WS}/pack", data={"_csrf": csrf(client)}, follow_redirects=False)
    assert started.status_code == 303
    assert wait_for(client, started.headers["location"]) == "done"
    # The server runs threads: its pack workers are spawned, never forked from it.
    assert started_with == ["spawn"]
    page = client.get(started.headers["location"])
    assert "Đã tạo xong." in page.text and "Sở Y tế" in page.text
    with_pdf = client.post(f"/w/{WS}/pack", data={"_csrf": csrf(client), "pdf": "1"}, follow_redirects=False)
    wait_for(client, with_pdf.headers["location"])
    assert "libreoffice-writer-nogui" in client.get(with_pdf.headers["location"]).text  # this app runs without
    archive = client.get(f"/w/{WS}/files/goi-ho-so.zip")
    assert archive.status_code == 200
    with zipfile.ZipFile(io.BytesIO(archive.content)) as pack:
        names = pack.namelist()
    assert "goi-ho-so/00-phieu-gui.docx" in names and len(names) > 20


def test_a_unit_with_wrong_data_is_reported_and_the_others_are_built(client: TestClient, root: Path) -> None:
    make_sample(client)
    unit = root / WS / "tu-danh-gia" / "03-so-y-te.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("kind: self_assessment", "kind: self_assessment\nsai: 1"),
                    encoding="utf-8")
    started = client.post(f"/w/{WS}/pack", data={"_csrf": csrf(client)}, follow_redirects=False)
    assert wait_for(client, started.headers["location"]) == "partial"
    page = client.get(started.headers["location"]).text
    assert re.search(r'<tr class="error"><th scope="row">Sở Y tế</th>', page)
    assert "Tải cả gói (.zip)" in page


def test_the_dossier_is_built_with_its_zip(client: TestClient, root: Path) -> None:
    make_sample(client)
    started = client.post(f"/w/{WS}/dossier", data={"_csrf": csrf(client), "file": "ho-so-co-thi-dua-chinh-phu.yaml"},
                          follow_redirects=False)
    assert wait_for(client, started.headers["location"]) == "done"
    page = client.get(started.headers["location"]).text
    link = re.search(r'href="(/w/[^"]+\.zip)"', page)
    assert link
    with zipfile.ZipFile(io.BytesIO(client.get(link[1]).content)) as dossier:
        assert any(name.endswith("manifest.json") for name in dossier.namelist())


def test_a_dossier_outside_the_workspace_is_refused(client: TestClient) -> None:
    make_sample(client)
    response = client.post(f"/w/{WS}/dossier", data={"_csrf": csrf(client), "file": "../../etc/passwd"})
    assert response.status_code == 404


def test_any_document_can_be_checked(client: TestClient) -> None:
    from pipeline import api

    document = api.render_documents(resources.samples() / "bloc-2016" / "to-trinh.yaml")[0]
    response = client.post("/check", data={"_csrf": csrf(client)}, files={"file": ("to-trinh.docx", document.data)})
    assert response.status_code == 200
    assert "Đạt thể thức NĐ 30" in response.text


def broken_nomination() -> bytes:
    """The sample's tờ trình with a Tiêu ngữ written without spaces (page 1) and a signing authority
    written "T/M" (page 2, where its signer's name is)."""
    from pipeline import api

    document = api.render_documents(resources.samples() / "bloc-2016" / "to-trinh.yaml")[0]
    with zipfile.ZipFile(io.BytesIO(document.data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    body = parts["word/document.xml"].decode("utf-8")
    body = body.replace("Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc").replace("TM. KHỐI", "T/M KHỐI")
    parts["word/document.xml"] = body.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.slow  # real LibreOffice draws the pages
def test_each_finding_is_shown_beside_its_page(root: Path) -> None:
    app = create_app(root, hosts=LOCAL_HOSTS)  # with LibreOffice: the pages are pictured
    with TestClient(app, base_url="http://127.0.0.1") as office_client:
        office_client.get("/")
        response = office_client.post("/check", data={"_csrf": csrf(office_client)},
                                      files={"file": ("to-trinh.docx", broken_nomination())})
        assert "Loại văn bản: Tờ trình" in response.text
        assert "Không hiện được ảnh các trang" not in response.text, response.text.split('class="notice"')[-1][:300]
        pages = response.text.split('class="checked-page"')[1:]
        assert len(pages) == 3
        assert "ND30-MOTTO" in pages[0] and "ND30-AUTHORITY" not in pages[0]
        assert "ND30-AUTHORITY-FORMAT" in pages[1]
        assert "Không có phát hiện nào ở trang này." in pages[2]
        assert office_client.get(re.findall(r'<img src="([^"]+)"', pages[0])[0]).status_code == 200
        # Other formats are laid out and checked too (LibreOffice saves them as .docx first).
        rtf = office_client.post("/check", data={"_csrf": csrf(office_client)},
                                 files={"file": ("cong-van.rtf", rb"{\rtf1\ansi V\'e0 ch\'fa \par}")})
        assert rtf.status_code == 200 and "RTF (.rtf)" in rtf.text and 'id="trang-1"' in rtf.text


def test_the_workspaces_own_templates_are_used_and_named(client: TestClient, root: Path) -> None:
    make_sample(client)
    assert "mẫu có sẵn của hoso (bien-ban-hop.docx)" in client.get(VOTE).text
    own = root / WS / "mau" / "bien-ban-hop.docx"
    own.parent.mkdir()
    with zipfile.ZipFile(resources.templates() / "bien-ban-hop.docx") as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace("Các thành viên có mặt:".encode(),
                                                                    "Thành viên dự họp (mẫu riêng):".encode())
    with zipfile.ZipFile(own, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    page = client.get(VOTE).text
    assert "mẫu riêng của khu làm việc <code>mau/bien-ban-hop.docx</code>" in page
    assert "Biên bản kiểm phiếu – mẫu có sẵn của hoso (bien-ban-kiem-phieu.docx)" in page
    client.post(VOTE, data={**form_of(page), "_action": "save"})  # a save makes the preview again
    for _ in range(300):
        preview = client.get(f"/w/{WS}/preview/bien-ban-hop.yaml").json()
        if preview["ready"] and preview["documents"]:
            break
        time.sleep(0.1)
    made = client.get(preview["documents"][0]["docx"]).content
    assert "Thành viên dự họp (mẫu riêng):".encode() in zipfile.ZipFile(io.BytesIO(made)).read("word/document.xml")


def test_page_pictures_are_pngs_of_the_pixels_drawn() -> None:
    from pipeline.web.pictures import _pngs

    red, white = b"\xff\x00\x00", b"\xff\xff\xff"
    stream = b"P6\n2 1\n255\n" + red + white + b"P6\n1 2\n255\n" + white + red  # two pages, as pdftoppm writes
    first, second = _pngs(stream)
    assert first.startswith(b"\x89PNG\r\n\x1a\n") and first[16:24] == b"\x00\x00\x00\x02\x00\x00\x00\x01"
    idat = second[second.index(b"IDAT") + 4:second.index(b"IEND") - 8]
    assert zlib.decompress(idat) == b"\x00" + white + b"\x00" + red


def test_a_file_that_is_not_data_is_edited_as_text(client: TestClient, root: Path) -> None:
    make_sample(client)
    broken = root / WS / "to-trinh.yaml"
    broken.write_text("kind: nomination\nissuer: [khong dong\n", encoding="utf-8")
    page = client.get(f"/w/{WS}/doc/to-trinh.yaml")
    assert page.status_code == 200 and 'name="_raw"' in page.text and "dòng" in page.text
    digest = re.search(r'name="_hash" value="([0-9a-f]+)"', page.text)[1]
    client.post(f"/w/{WS}/doc/to-trinh.yaml", data={"_csrf": csrf(client), "_hash": digest, "_raw": "kind: plan\n"})
    assert broken.read_text(encoding="utf-8") == "kind: plan\n"


def test_a_huge_data_file_is_not_loaded_into_a_page(client: TestClient, root: Path) -> None:
    make_sample(client)
    huge = root / WS / "to-trinh.yaml"
    huge.write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\nkind: nomination\n")
    page = client.get(f"/w/{WS}/doc/to-trinh.yaml")
    assert "lớn quá" in page.text and 'name="_raw"' not in page.text
    refused = client.post(f"/w/{WS}/doc/to-trinh.yaml", data={"_csrf": csrf(client), "_hash": "", "_raw": ""})
    assert refused.status_code == 400
    assert huge.stat().st_size > 3 * 1024 * 1024


def test_without_libreoffice_the_preview_says_what_to_install(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    empty = tmp_path / "khong-co-gi"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a machine without LibreOffice
    with TestClient(create_app(root, hosts=LOCAL_HOSTS), base_url="http://127.0.0.1") as test_client:
        test_client.get("/")
        make_sample(test_client)
        test_client.get(VOTE)
        for _ in range(300):
            status = test_client.get(f"/w/{WS}/preview/bien-ban-hop.yaml").json()
            if status["complete"]:
                break
            time.sleep(0.05)
        assert status["problem"] == "office"
        docx = test_client.get(status["documents"][0]["docx"])
        assert docx.status_code == 200 and docx.content.startswith(b"PK")
        page = test_client.get(VOTE).text
        assert "libreoffice-writer-nogui" in page and "Tải .docx" in page


def test_a_missing_document_is_started_from_an_empty_form(client: TestClient, root: Path) -> None:
    client.post("/workspaces", data={"_csrf": csrf(client), "name": "trong", "source": "empty", "year": "2025"})
    created = client.post("/w/trong/new", data={"_csrf": csrf(client), "kind": "plan"}, follow_redirects=False)
    assert created.headers["location"] == "/w/trong/doc/ke-hoach.yaml"
    page = client.get(created.headers["location"])
    assert page.status_code == 200
    assert 'type="date"' in page.text and "lỗi" in page.text
    assert (root / "trong" / "ke-hoach.yaml").read_text(encoding="utf-8") == "kind: plan\n"


def test_a_port_in_use_is_named(root: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=f"cổng {port}"):
            serve(root, host="127.0.0.1", port=port, token=None, say=print)


def test_the_year_offered_is_the_one_being_closed() -> None:
    from pipeline.web.app import emulation_year

    assert emulation_year(datetime.date(2026, 12, 7)) == 2026
    assert emulation_year(datetime.date(2026, 10, 1)) == 2026
    assert emulation_year(datetime.date(2027, 2, 15)) == 2026
