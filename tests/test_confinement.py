"""Paths named in data stay inside the data's folder: a received dossier cannot copy /etc/passwd
into its .zip, a link pattern cannot scan the disk, a bloc cannot pack files from elsewhere."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from pipeline.commands.dossier import build_dossier
from pipeline.commands.pack import PackOptions, plan_pack
from pipeline.core.errors import InputError
from pipeline.orchestrator import validate_file
from pipeline.stages.link import ROOT_MARKER, Roots, data_root, resolve

from tests.pack_files import edit, hoso
from tests.samples import SAMPLES

DOSSIER = "ho-so-co-thi-dua-chinh-phu.yaml"
PROOF = "minh-chung/qd-288-qd-ubnd-2016.pdf"


@pytest.fixture
def bloc(tmp_path: Path) -> Path:
    """The sample bloc alone in a folder (no data-folder mark above it)."""
    folder = tmp_path / "work" / "bloc"
    shutil.copytree(SAMPLES / "bloc-2016", folder)
    return folder


def _codes(exc: pytest.ExceptionInfo[InputError]) -> list[tuple[str, str | None]]:
    return [(f.code, f.path) for f in exc.value.findings if f.is_error]


# --- Dossier proofs ---------------------------------------------------------------------------------
def test_a_proof_outside_the_dossier_folder_is_refused_and_nothing_is_written(bloc: Path, tmp_path: Path) -> None:
    edit(bloc / DOSSIER, PROOF, "/etc/passwd")
    out = tmp_path / "out"
    with pytest.raises(InputError) as exc:
        build_dossier(bloc / DOSSIER, out)
    [found] = [f for f in exc.value.findings if f.is_error]
    assert (found.code, found.path, found.line) == ("input.outside", "dossier.proofs[0].file", 44)
    assert found.message == (
        f"Đường dẫn «/etc/passwd» là đường dẫn tuyệt đối; hãy ghi đường dẫn tương đối, tính từ thư mục của tệp "
        f"này, nằm trong thư mục dữ liệu «{bloc.resolve()}» (khi chạy lệnh, tùy chọn --allow-root cho phép thêm "
        "một thư mục)."
    )
    assert not out.exists()


def test_a_proof_reached_by_dots_is_refused(bloc: Path, tmp_path: Path) -> None:
    (tmp_path / "work" / "secret.txt").write_text("riêng tư", encoding="utf-8")
    edit(bloc / DOSSIER, PROOF, "../secret.txt")
    with pytest.raises(InputError) as exc:
        build_dossier(bloc / DOSSIER, tmp_path / "out")
    assert _codes(exc) == [("input.outside", "dossier.proofs[0].file")]
    assert "dẫn ra ngoài thư mục dữ liệu" in exc.value.findings[-1].message


def test_a_proof_that_is_a_symlink_pointing_out_is_refused(bloc: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("riêng tư", encoding="utf-8")
    (bloc / PROOF).unlink()
    os.symlink(secret, bloc / PROOF)
    with pytest.raises(InputError) as exc:
        build_dossier(bloc / DOSSIER, tmp_path / "out")
    assert _codes(exc) == [("input.outside", "dossier.proofs[0].file")]
    assert "liên kết tắt (symlink)" in exc.value.findings[-1].message


def test_a_folder_the_user_allows_may_hold_proofs(bloc: Path, tmp_path: Path) -> None:
    shared = tmp_path / "chung"
    shared.mkdir()
    shutil.move(bloc / PROOF, shared / "qd-288.pdf")
    edit(bloc / DOSSIER, PROOF, str(shared / "qd-288.pdf"))
    result = build_dossier(bloc / DOSSIER, tmp_path / "out", PackOptions(allowed_roots=(shared,)))
    with zipfile.ZipFile(result.archive) as archive:
        assert any(name.endswith(".pdf") for name in archive.namelist())


# --- Links and patterns -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "pattern", ["/tmp/*.yaml", "../../**/*.yaml", "tu-danh-gia/../../*.yaml", "tu-danh-gia/*/../../../*.yaml"]
)
def test_a_link_pattern_leading_out_is_refused_at_its_path(bloc: Path, pattern: str) -> None:
    edit(bloc / "tong-ket.yaml", "  - tu-danh-gia/*.yaml", f"  - {pattern}")
    with pytest.raises(InputError) as exc:
        validate_file(bloc / "tong-ket.yaml")
    assert ("input.outside", "bloc_summary.self_assessments[0]") in _codes(exc)


def test_a_link_leading_out_by_dots_is_refused(bloc: Path, tmp_path: Path) -> None:
    shutil.copy(bloc / "bien-ban-hop.yaml", tmp_path / "work" / "bien-ban-hop.yaml")
    edit(bloc / "to-trinh.yaml", "vote: bien-ban-hop.yaml", "vote: ../bien-ban-hop.yaml")
    with pytest.raises(InputError) as exc:
        validate_file(bloc / "to-trinh.yaml")
    assert ("input.outside", "nomination.vote") in _codes(exc)


def test_a_mark_above_makes_its_folder_the_data_folder(bloc: Path, tmp_path: Path) -> None:
    shutil.copy(bloc / "bien-ban-hop.yaml", tmp_path / "work" / "bien-ban-hop.yaml")
    edit(bloc / "to-trinh.yaml", "vote: bien-ban-hop.yaml", "vote: ../bien-ban-hop.yaml")
    (tmp_path / "work" / ROOT_MARKER).write_text("", encoding="utf-8")
    assert data_root(bloc / "to-trinh.yaml") == (tmp_path / "work").resolve()
    assert validate_file(bloc / "to-trinh.yaml").linked["vote"] is not None


def test_a_pattern_stops_at_the_limit_of_matches(bloc: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.stages.link.MAX_MATCHES", 3)
    found, problem = resolve("tu-danh-gia/*.yaml", bloc, Roots.around(bloc))
    assert found == [] and problem == ("limit.matches", {"entry": "tu-danh-gia/*.yaml", "limit": 3})


def test_a_pattern_stops_at_the_limit_of_files_looked_at(bloc: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.stages.link.MAX_SCANNED", 5)
    found, problem = resolve("**/*.yaml", bloc, Roots.around(bloc))
    assert found == [] and problem == ("limit.scanned", {"entry": "**/*.yaml", "limit": 5})


def test_a_pattern_matches_inside_the_data_folder_only(bloc: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.yaml").write_text("kind: plan\n", encoding="utf-8")
    os.symlink(outside, bloc / "tu-danh-gia" / "lien-ket")
    found, problem = resolve("tu-danh-gia/**/*.yaml", bloc, Roots.around(bloc))
    assert problem is None and len(found) == 10
    assert all(p.resolve().is_relative_to(bloc.resolve()) for p in found)


# --- Workbooks and bloc files -----------------------------------------------------------------------
def test_a_workbook_outside_the_data_folder_is_refused(bloc: Path) -> None:
    edit(bloc / "khoi.yaml", "  - ../plan/ke-hoach-2016.yaml\n", "")
    text = (bloc / "khoi.yaml").read_text(encoding="utf-8")
    (bloc / "khoi.yaml").write_text(text[: text.index("members:")] + "members: /tmp/thanh-vien.xlsx\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        plan_pack(bloc / "khoi.yaml")
    assert _codes(exc) == [("input.outside", "bloc.members")]


def test_a_bloc_file_naming_files_elsewhere_marks_its_group(bloc: Path) -> None:
    # Without a mark above, the sample's ../plan link leads out of the bloc's folder.
    plan = plan_pack(bloc / "khoi.yaml")
    [problem] = [f for g in plan.groups for f in g.problems]
    assert (problem.code, problem.path) == ("input.outside", "bloc.documents[0]")


def test_the_samples_are_one_data_folder() -> None:
    assert data_root(SAMPLES / "bloc-2016" / "khoi.yaml") == SAMPLES.resolve()
    plan = plan_pack(SAMPLES / "bloc-2016" / "khoi.yaml")
    assert not [f for g in plan.groups for f in g.problems]


def test_output_naming_a_file_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    taken = tmp_path / "ket-qua"
    taken.write_text("", encoding="utf-8")
    result = hoso("render", "plan", str(SAMPLES / "plan" / "ke-hoach-2016.yaml"), "-o", str(taken))
    assert result.returncode == 1, result.stderr
    assert "là một tệp, không phải thư mục" in result.stdout + result.stderr


def test_the_command_line_names_the_folders_it_allows(bloc: Path, tmp_path: Path) -> None:
    shared = tmp_path / "chung"
    shared.mkdir()
    shutil.move(bloc / PROOF, shared / "qd-288.pdf")
    edit(bloc / DOSSIER, PROOF, str(shared / "qd-288.pdf"))
    refused = hoso("dossier", str(bloc / DOSSIER), "-o", str(tmp_path / "out"))
    assert refused.returncode == 1 and "[input.outside]" in refused.stdout + refused.stderr
    allowed = hoso("dossier", str(bloc / DOSSIER), "-o", str(tmp_path / "out"), "--allow-root", str(shared))
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
