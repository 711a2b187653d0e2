"""hoso installed as a user installs it: a wheel built from the project, in a fresh virtual
environment, run from a folder outside the checkout. And a broken install says so: it is an
internal error naming what is missing and how to reinstall, never a finding about the data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.core import resources
from pipeline.core.resources import REINSTALL, InstallError

from tests.samples import ROOT

DATA = {"templates_docx": "templates_docx", "rules": "rules", "samples": "samples"}
"""Each checkout folder and its place under ``pipeline/resources/`` in the wheel."""


# --- A broken install ---------------------------------------------------------------------------------
def _broken_install(root: Path, missing: str) -> str:
    """A resource package like the shipped one whose folder ``missing`` has nothing but its
    ``__init__.py`` (what a build that dropped the data files installs); its import name."""
    package = root / "brokenhoso"
    package.mkdir()
    (package / "__init__.py").touch()
    for name, folder in DATA.items():
        if name == missing:
            (package / name).mkdir()
            (package / name / "__init__.py").touch()
        else:
            shutil.copytree(ROOT / folder, package / name)
    return package.name


def test_a_missing_resource_is_an_install_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(resources, "_PACKAGE", _broken_install(tmp_path, "rules"))
    assert resources.templates().is_dir()
    with pytest.raises(InstallError) as raised:
        resources.rules()
    assert raised.value.resource == "rules"
    assert "«rules»" in str(raised.value) and REINSTALL in str(raised.value)


def test_a_resource_package_that_is_not_installed_is_an_install_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_PACKAGE", "pipeline.not_installed")
    with pytest.raises(InstallError, match="«samples»"):
        resources.samples()


_CLI_ON_BROKEN_INSTALL = """
import sys
sys.path.insert(0, sys.argv[1])
from pipeline.core import resources
resources._PACKAGE = sys.argv[2]
from pipeline.cli.app import main
sys.argv = ["hoso", *sys.argv[3:]]
main()
"""


@pytest.mark.parametrize(("command", "missing"), [("render", "rules"), ("pack", "templates_docx")])
def test_the_cli_reports_a_broken_install_as_an_internal_error(tmp_path: Path, command: str, missing: str) -> None:
    """The rule packs are read before anything else; the templates of a pack are read in its
    worker processes, and a missing one still stops the pack as one internal error, not as a
    failed group."""
    package = _broken_install(tmp_path, missing)
    data = ["plan", str(ROOT / "samples/plan/ke-hoach-2016.yaml")] if command == "render" else [str(ROOT / "samples/bloc-2016")]
    run = subprocess.run(
        [sys.executable, "-c", _CLI_ON_BROKEN_INSTALL, str(tmp_path), package, command, *data, "-o", str(tmp_path / "out")],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 2, output
    assert f"«{missing}»" in output and REINSTALL in output, output
    assert "pack." not in output and "template." not in output, output
    assert not list((tmp_path / "out").rglob("*.docx"))


# --- The wheel ------------------------------------------------------------------------------------------
def _source_copy(destination: Path) -> Path:
    """The checkout as a clean clone has it: what .gitignore names (build/, caches, out/, the
    venv) is left out, so a stale build folder cannot slip files into the wheel."""
    ignored = [
        line.strip().rstrip("/")
        for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(".git", *ignored))
    return destination


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _source_copy(tmp_path_factory.mktemp("wheel") / "source")


@pytest.fixture(scope="module")
def wheel(source: Path) -> Path:
    work = source.parent
    _succeeds(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
              "--wheel-dir", work / "dist", source)
    (built,) = (work / "dist").glob("hoso-*.whl")
    return built


def _succeeds(*args: str | Path) -> None:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"


def _data_files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix() for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


@pytest.mark.slow
def test_the_wheel_carries_every_data_file_and_nothing_generated(source: Path, wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name, folder in DATA.items():
        expected = {f"pipeline/resources/{name}/{f}" for f in _data_files(source / folder)}
        assert expected and expected <= names, sorted(expected - names)
    assert any(n.startswith("pipeline/resources/rules/examples/") for n in names)
    code = {f"{package}/{f}" for package in ("pipeline", "schemas") for f in _data_files(source / package)}
    assert code <= names, sorted(code - names)  # modules, py.typed, the workbench's pages and static files
    assert {"pipeline/py.typed", "schemas/py.typed", "schemas/__init__.py", "pipeline/web/static/app.css"} <= names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    generated = [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".tmp")) or n.startswith(("out/", "tests/", "build/"))]
    assert not generated


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtual environment with the wheel installed (its dependencies from the index);
    the folder of its executables."""
    venv = tmp_path_factory.mktemp("venv")
    _succeeds(sys.executable, "-m", "venv", venv)
    _succeeds(venv / "bin/python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    yield venv / "bin"


def _user_env() -> dict[str, str]:
    """A user's shell: nothing pointing into the checkout or its virtual environment."""
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}


@pytest.mark.slow
def test_the_installed_wheel_renders_packs_checks_and_benchmarks_outside_the_checkout(
    installed: Path, tmp_path: Path
) -> None:
    def run(*args: str | Path) -> str:
        done = subprocess.run(
            [str(a) for a in args], cwd=tmp_path, env=_user_env(), capture_output=True, text=True,
            encoding="utf-8", timeout=600,
        )
        assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
        return done.stdout

    samples = Path(run(installed / "python", "-c", "from pipeline.core import resources; print(resources.samples())").strip())
    assert samples.is_relative_to(installed.parent) and not samples.is_relative_to(ROOT)
    # The whole folder, as a user copies it: the bloc links to ../plan/ke-hoach-2016.yaml.
    shutil.copytree(samples, tmp_path / "samples", ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    shutil.copy(samples / "hoso-root.txt", tmp_path)  # the mark that lets the bloc reach ../plan
    hoso = installed / "hoso"

    run(hoso, "render", "plan", "samples/plan/ke-hoach-2016.yaml", "-o", "out")
    run(hoso, "pack", "samples/bloc-2016", "-o", "pack")
    produced = sorted(p.relative_to(tmp_path) for p in [*tmp_path.glob("out/*.docx"), *tmp_path.glob("pack/**/*.docx")])
    assert any(p.parts[0] == "out" for p in produced) and any(p.parts[0] == "pack" for p in produced)
    run(hoso, "check", *produced)
    run(hoso, "bench", "--units", "10", "--runs", "3", "--repeat", "1")
