"""Maps the design card's top-level data folders into the package (see pipeline/resources).

Every folder under a data folder, and every folder of the code without an ``__init__.py`` (the
workbench's pages and static files), becomes a data-only subpackage: setuptools copies all of its
files into the wheel and does not warn about folders it would otherwise leave out. Files that
tools or editors leave behind are not data and stay out.
"""

from pathlib import Path

from setuptools import find_packages, setup

DATA = {
    "pipeline.resources.templates_docx": "templates_docx",
    "pipeline.resources.rules": "rules",
    "pipeline.resources.samples": "samples",
}
GENERATED = ["*.pyc", "*.tmp", "~$*", ".~lock.*", ".DS_Store"]


def data_packages() -> list[str]:
    """Each data folder and every folder below it, as a package name."""
    packages = []
    for package, folder in DATA.items():
        packages.append(package)
        for sub in sorted(Path(folder).rglob("*")):
            parts = sub.relative_to(folder).parts
            if sub.is_dir() and "__pycache__" not in parts:
                packages.append(".".join((package, *parts)))
    return packages


def code_data_packages() -> list[str]:
    """The folders of the code packages that hold data, not modules."""
    return [
        ".".join(d.parts)
        for code in ("pipeline", "schemas")
        for d in sorted(Path(code).rglob("*"))
        if d.is_dir() and "__pycache__" not in d.parts and not (d / "__init__.py").exists()
    ]


DATA_PACKAGES = data_packages() + code_data_packages()

setup(
    packages=find_packages(include=["pipeline", "pipeline.*", "schemas", "schemas.*"]) + DATA_PACKAGES,
    package_dir=DATA,
    package_data={
        "pipeline": ["py.typed"],
        "pipeline.web": ["static/*", "templates/*"],
        "schemas": ["py.typed"],
        **{p: ["*"] for p in DATA_PACKAGES},
    },
    exclude_package_data={p: GENERATED for p in DATA_PACKAGES},
)
