"""The Phiếu gửi that goes with a pack or a dossier: every document sent, where to find its file.

A phiếu gửi is a type of administrative document of its own (NĐ 30/2020 Điều 7, abbreviation PG,
laid out as PL3 Mẫu 1.4), so the list of a year-end pack or of a hồ sơ đề nghị khen thưởng is a
real NĐ 30 document with the sender's header, a Kính gửi, a table of the documents and a
signature. This module only shapes the list into the template's context; what is listed is
decided by :mod:`pipeline.commands.pack` (a pack) and :mod:`pipeline.law.composition` (a dossier).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from schemas.common import IssuedDocument

from pipeline.core import vnformat
from pipeline.docx.package import CoreProperties
from pipeline.law.enrich.common import core_properties, header_context, kept_cells, signature_context
from pipeline.nd30 import spec
from pipeline.nd30.frame import Layout

PHIEU_GUI = spec.DOCUMENT_TYPES["PG"]
LAYOUT = Layout(PHIEU_GUI)
TEMPLATE = "phieu-gui.docx"


@dataclass(frozen=True)
class Listed:
    """One document of the list: what it is, and the file holding it."""

    file: str
    """Path inside the pack or dossier, with ``/`` separators."""
    title: str
    """The document's name (``Báo cáo tự đánh giá``), or a proof's description."""
    issuer: str | None = None
    date: datetime.date | None = None
    subject: str | None = None
    number: int | None = None
    """Its số, None for a draft or a document that bears none."""
    type_abbr: str | None = None
    issuer_abbr: str = ""


@dataclass(frozen=True)
class ListGroup:
    """Documents listed under one heading (a unit of a pack); ``heading`` None for a flat list."""

    heading: str | None
    items: tuple[Listed, ...]


def describe(item: Listed) -> str:
    """``Báo cáo tự đánh giá số 05/BC-SYT ngày 25/11/2016 của Sở Y tế: Tự đánh giá, chấm điểm …``."""
    text = item.title
    if item.date is not None:
        text = vnformat.citation(item.title, item.number, item.type_abbr, item.issuer_abbr, item.date)
    if item.issuer:
        text += f" của {item.issuer}"
    if item.subject:
        text += f": {item.subject}"
    return text


def enrich_listing(issued: IssuedDocument, intro: str, groups: Sequence[ListGroup]) -> dict[str, Any]:
    """The Phiếu gửi's context: its frame, the opening sentence and the numbered table."""
    number = 0
    table = []
    for group in groups:
        rows = []
        for item in group.items:
            number += 1
            rows.append({"no": str(number), "document": describe(item), "file": item.file})
        table.append({"heading": group.heading or "", "rows": kept_cells(rows, "document")})
    frame = {
        **header_context(PHIEU_GUI, issuer=issued.issuer, document=issued.document,
                         addressees=issued.recipients.addressees),
        **signature_context(issued.signer, issued.recipients),
    }
    closing = f"Tổng số: {vnformat.count_text(number)} văn bản, tài liệu."
    return {"frame": frame, "listing": {"intro": intro, "groups": table, "closing": closing}}


def listing_core(issued: IssuedDocument) -> CoreProperties:
    return core_properties(issued.issuer, issued.document)
