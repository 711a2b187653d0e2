"""Workspaces: one folder per bloc and year, holding the same YAML and Excel files the command line
reads, so a clerk can switch between the browser and the CLI, copy a workspace or version it.

Every name that comes from a request (a workspace, a document's relative path) is checked with
:mod:`pipeline.core.names` and resolved inside the workbench folder; a name that could leave it is
refused before any file is touched. What the workbench itself makes (previews, earlier versions,
packs) lives in the hidden ``.hoso`` folder of the workspace, which the names can never reach
(a checked name never starts with a dot).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.core import resources
from pipeline.core.messages import text
from pipeline.core.names import component_problem, inside

DATA_SUFFIXES = (".yaml", ".yml", ".json")
STATE_FOLDER = ".hoso"


@dataclass(frozen=True)
class Sample:
    """A sample bloc a workspace can start from: its folder under ``samples/`` and, when its plan
    lies outside that folder, the plan's path under ``samples/`` (copied into :data:`_PLAN_FOLDER`)."""

    folder: str
    plan: tuple[str, ...] = ()


SAMPLES = {
    "bloc-2026": Sample("bloc-2026"),
    "bloc-2016": Sample("bloc-2016", plan=("plan", "ke-hoach-2016.yaml")),
}
"""The samples the start page offers, by the form's value: the year under current law first."""
_PLAN_FOLDER = "ke-hoach"
TEMPLATE_FOLDERS = ("mau", "templates")
"""A workspace's own templates (.docx named as the built-in ones, which they replace), as the
command line's ``--templates``: the first of these folders that holds a .docx."""
_NOT_COPIED = ("hostile",)
"""Sample files that exercise hoso's defences, not part of a bloc's year."""

EMPTY_BLOC = """\
# Tệp khối: kê văn bản của Khối và các tệp của từng đơn vị thành viên (cho lệnh hoso pack).
kind: bloc

issuer:
  name: Khối thi đua
  abbreviation: KTĐ
  place: Hà Nội

document:
  date: {year}-12-31
  subject: Hồ sơ, văn bản thi đua, khen thưởng năm {year} của Khối

signer:
  position: Trưởng khối
  name: Họ và tên

recipients:
  addressees:
    - Ban Thi đua - Khen thưởng

year: {year}

documents: []

members: []
"""


class NotFound(LookupError):
    """A name from a request that is not a workspace or a file of one (or could leave the folder)."""


def data_home() -> Path:
    """Where the workbench keeps its workspaces by default: the user's data folder
    (``%APPDATA%\\hoso`` on Windows, ``$XDG_DATA_HOME/hoso`` or ``~/.local/share/hoso`` elsewhere)."""
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "hoso"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "hoso"


def checked_name(name: str) -> str:
    problem = component_problem(name)
    if problem:
        raise ValueError(problem)
    return name


@dataclass(frozen=True)
class Workspace:
    name: str
    path: Path

    @property
    def state(self) -> Path:
        return self.path / STATE_FOLDER

    @property
    def templates(self) -> Path | None:
        """The workspace's templates folder (:data:`TEMPLATE_FOLDERS`), None when it has none."""
        for name in TEMPLATE_FOLDERS:
            folder = self.path / name
            if folder.is_dir() and any(p.suffix.lower() == ".docx" for p in folder.iterdir()):
                return folder
        return None

    def file(self, relative: str) -> Path:
        """The data file ``relative`` (``tu-danh-gia/01-so-y-te.yaml``) of this workspace; every
        part a plain name, the result inside the workspace and an existing data file."""
        try:
            target = inside(self.path, *relative.split("/"))
        except ValueError:
            raise NotFound(relative) from None
        if target.suffix.lower() not in DATA_SUFFIXES + (".xlsx",) or not target.is_file():
            raise NotFound(relative)
        return target

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.path.resolve()).as_posix()

    def data_files(self, suffixes: tuple[str, ...] = DATA_SUFFIXES) -> list[Path]:
        """Every YAML/JSON file (or file of ``suffixes``) of the workspace, hidden folders left out."""
        found = []
        for folder, dirs, files in os.walk(self.path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.lower().endswith(suffixes) and not name.startswith((".", "~$")):
                    found.append(Path(folder) / name)
        return found


class Workspaces:
    """The workbench folder and its workspaces."""

    def __init__(self, root: Path):
        self.root = root

    def all(self) -> list[Workspace]:
        if not self.root.is_dir():
            return []
        return [Workspace(p.name, p) for p in sorted(self.root.iterdir())
                if p.is_dir() and component_problem(p.name) is None and not p.name.endswith(".tao-moi")]

    def get(self, name: str) -> Workspace:
        try:
            path = inside(self.root, name)
        except ValueError:
            raise NotFound(name) from None
        if not path.is_dir():
            raise NotFound(name)
        return Workspace(name, path)

    def create(self, name: str, *, sample: str | None, year: int) -> Workspace:
        """A new workspace from the sample bloc ``sample`` (a key of :data:`SAMPLES`, its plan
        added) or, for None, with a minimal bloc file of ``year``. Raises ``ValueError`` with a
        Vietnamese message for a bad or taken name, or a sample hoso does not have."""
        chosen = None if sample is None else _sample(sample)
        path = inside(self.root, checked_name(name))
        if path.exists():
            raise ValueError(f"Đã có khu làm việc «{name}»; hãy chọn tên khác.")
        self.root.mkdir(parents=True, exist_ok=True)
        scratch = inside(self.root, f"{name}.tao-moi")
        shutil.rmtree(scratch, ignore_errors=True)
        if chosen is not None:
            _copy_sample(chosen, scratch)
        else:
            scratch.mkdir()
            (scratch / "khoi.yaml").write_text(EMPTY_BLOC.format(year=year), encoding="utf-8")
        # Complete or absent: the workspace appears under its name only once every file is there.
        os.replace(scratch, path)
        return Workspace(name, path)


def _sample(name: str) -> Sample:
    """The sample of a form's value; only the known ones, as the value comes from a request."""
    found = SAMPLES.get(name)
    if found is None:
        raise ValueError(text("web.sample"))
    return found


def _copy_sample(sample: Sample, target: Path) -> None:
    samples = resources.samples()
    shutil.copytree(
        samples / sample.folder, target,
        ignore=lambda folder, names: [n for n in names if n.startswith(_NOT_COPIED) or n == "__pycache__"],
    )
    if sample.plan:
        _bring_plan(samples.joinpath(*sample.plan), "/".join(sample.plan), target)


def _bring_plan(plan: Path, link: str, target: Path) -> None:
    """The sample bloc names its plan in the samples' sibling folder; in a workspace it sits inside."""
    (target / _PLAN_FOLDER).mkdir(exist_ok=True)
    shutil.copyfile(plan, target / _PLAN_FOLDER / plan.name)
    bloc = target / "khoi.yaml"
    content = bloc.read_text(encoding="utf-8")
    bloc.write_text(content.replace(f"../{link}", f"{_PLAN_FOLDER}/{plan.name}"), encoding="utf-8")
