"""The layout states the architecture: every import points down the layers (DEVELOPERS.md).

A module may import modules of its own layer and of the layers below it, never above. Imports
made only for type checking count too: a type from an upper layer is a dependency all the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. A module belongs to the first (longest) prefix it matches.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("pipeline.core",)),
    ("schemas", ("schemas",)),
    ("docx", ("pipeline.docx",)),
    ("nd30", ("pipeline.nd30",)),
    ("office", ("pipeline.office",)),
    ("stages", ("pipeline.stages",)),
    ("law", ("pipeline.law",)),
    ("orchestrator", ("pipeline.orchestrator",)),
    ("commands", ("pipeline.commands",)),
    ("api", ("pipeline.api", "pipeline")),
    ("interfaces", ("pipeline.cli", "pipeline.web", "pipeline.__main__")),
]


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank >= 0, f"{module} belongs to no layer: add it to LAYERS in {Path(__file__).name}"
    return rank


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted([*ROOT.glob("pipeline/**/*.py"), *ROOT.glob("schemas/**/*.py")]):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(name: str, path: Path) -> list[tuple[int, str]]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    result = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            result += [(node.lineno, target)]
        elif isinstance(node, ast.Import):
            result += [(node.lineno, alias.name) for alias in node.names]
    return [(line, t) for line, t in result if t.split(".")[0] in ("pipeline", "schemas")]


def test_every_import_points_down() -> None:
    wrong = []
    for name, path in modules().items():
        own = layer_of(name)
        for line, target in imported(name, path):
            if layer_of(target) > own:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {LAYERS[own][0]} imports "
                             f"{target} ({LAYERS[layer_of(target)][0]})")
    assert not wrong, "\n".join(wrong)


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer_of(name)
