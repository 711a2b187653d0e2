"""hoso: validated data → Vietnamese administrative documents (.docx) that follow NĐ 30/2020/NĐ-CP.

The Python API is :mod:`pipeline.api`; its names are also reachable from here (``pipeline.render``),
imported on first use so that ``import pipeline.core`` or ``hoso --help`` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    api = importlib.import_module("pipeline.api")
    if name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
