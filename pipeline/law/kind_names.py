"""The names of the kinds of input, in the order of the emulation year (the order of
:data:`pipeline.law.kinds.KINDS`, which a test keeps equal), without their schemas: ``hoso --help``
lists them without importing the registry and every model behind it."""

from __future__ import annotations

KIND_NAMES: tuple[str, ...] = (
    "plan",
    "registration",
    "self_assessment",
    "bloc_summary",
    "vote",
    "nomination",
    "achievement_collective",
    "achievement_individual",
    "nominee_list",
    "decision",
    "bloc",
    "dossier",
)
