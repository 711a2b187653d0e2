"""Maps the design card's top-level data folders into the package (see pipeline/resources)."""

from setuptools import find_packages, setup

DATA = {
    "pipeline.resources.templates_docx": "templates_docx",
    "pipeline.resources.rules": "rules",
    "pipeline.resources.samples": "samples",
}

setup(
    packages=find_packages(include=["pipeline", "pipeline.*", "schemas", "schemas.*"]) + list(DATA),
    package_dir=DATA,
    package_data={
        "pipeline": ["py.typed"],
        "pipeline.resources.templates_docx": ["*.docx"],
        "pipeline.resources.rules": ["*.yaml", "examples/*.yaml"],
        "pipeline.resources.samples": ["**/*.yaml", "**/*.xlsx", "**/*.pdf", "**/*.md", "*.md"],
    },
)
