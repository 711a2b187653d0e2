"""Where the shipped data is: templates, rule packs, samples.

Found with :mod:`importlib.resources`, never relative to a checkout, so an ordinary install (a
wheel) works like an editable one. A missing folder means a broken install, not bad data: it is
an :class:`InstallError` naming the resource and the command that repairs it.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

_PACKAGE = "pipeline.resources"
_MARKERS = frozenset({"__init__.py", "__pycache__"})
REINSTALL = "pip install --force-reinstall hoso"


class InstallError(RuntimeError):
    """A resource that every install carries is missing: hoso itself is broken, not the data."""

    def __init__(self, resource: str):
        super().__init__(
            f"Bản cài đặt hoso bị thiếu «{resource}». Cài lại hoso: {REINSTALL} "
            "(hoặc «make» trong thư mục mã nguồn)."
        )
        self.resource = resource

    def __reduce__(self) -> tuple[type[InstallError], tuple[str]]:
        # Raised in a pack worker and re-raised in the main process: rebuilt from the resource.
        return InstallError, (self.resource,)


def folder(name: str) -> Path:
    """The shipped folder ``name`` (``templates_docx``, ``rules`` or ``samples``) as a real path.

    hoso is installed as files (a wheel or an editable checkout), never zipped, so the resource
    is a directory on disk; anything else is a broken install."""
    try:
        root = importlib.resources.files(f"{_PACKAGE}.{name}")
    except ModuleNotFoundError:
        raise InstallError(name) from None
    path = Path(str(root))
    if not _holds_data(path):
        raise InstallError(name)
    return path


def _holds_data(path: Path) -> bool:
    """A folder with more than its package marker: a build that dropped the data files still
    installs the ``__init__.py``, and an empty rules folder would read as the user's mistake."""
    return path.is_dir() and any(p.name not in _MARKERS for p in path.iterdir())



def templates() -> Path:
    return folder("templates_docx")


def rules() -> Path:
    return folder("rules")


def samples() -> Path:
    return folder("samples")
