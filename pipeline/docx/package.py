"""The .docx package (an OPC zip): what hoso keeps from a template, and a deterministic writer.

The frame owns the styles, settings, page headers and document properties of every output, so
of a template's package hoso keeps only what its body may point at (numbering, images, footnotes,
hyperlinks). The writer fixes entry order, timestamps and permissions so the same input gives
byte-identical files.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape


CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

DOCUMENT = "word/document.xml"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# Parts of a template body may reference; everything else is rebuilt by the frame.
_KEPT_REL_TYPES = {
    f"{_REL_BASE}/numbering",
    f"{_REL_BASE}/image",
    f"{_REL_BASE}/hyperlink",
    f"{_REL_BASE}/footnotes",
    f"{_REL_BASE}/endnotes",
}

_DEFAULT_TYPES = {
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "emf": "image/x-emf",
    "wmf": "image/x-wmf",
}


@dataclass(frozen=True)
class TemplatePackage:
    """A template .docx split into its body source and the parts its body may need."""

    document_xml: str
    kept_parts: dict[str, bytes]
    kept_rels: tuple[tuple[str, str, str, str | None], ...]  # (id, type, target, targetMode)
    content_types: dict[str, str]  # part name -> content type, for kept parts


def read_template(data: bytes) -> TemplatePackage:
    """Split a template .docx. Raises ``zipfile.BadZipFile`` or ``KeyError`` when it is no .docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        document_xml = zf.read(DOCUMENT).decode("utf-8")
        rels_xml = _read_optional(zf, "word/_rels/document.xml.rels")
        overrides = _content_type_overrides(zf.read("[Content_Types].xml").decode("utf-8"))
        kept_rels, kept_parts = [], {}
        for rel_id, rel_type, target, mode in _parse_rels(rels_xml):
            if rel_type not in _KEPT_REL_TYPES:
                continue
            kept_rels.append((rel_id, rel_type, target, mode))
            if mode == "External":
                continue
            name = posixpath.normpath(posixpath.join("word", target))
            kept_parts[name] = zf.read(name)
            part_rels = posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels")
            if part_rels in zf.namelist():
                kept_parts[part_rels] = zf.read(part_rels)
                for _, _, sub_target, sub_mode in _parse_rels(zf.read(part_rels).decode("utf-8")):
                    if sub_mode != "External":
                        sub = posixpath.normpath(posixpath.join(posixpath.dirname(name), sub_target))
                        kept_parts[sub] = zf.read(sub)
    types = {name: overrides[name] for name in kept_parts if name in overrides}
    return TemplatePackage(document_xml, kept_parts, tuple(kept_rels), types)


def _read_optional(zf: zipfile.ZipFile, name: str) -> str:
    return zf.read(name).decode("utf-8") if name in zf.namelist() else ""


_REL_RE = re.compile(r"<Relationship\s([^>]*?)/?>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')


def _parse_rels(xml: str) -> list[tuple[str, str, str, str | None]]:
    rels = []
    for m in _REL_RE.finditer(xml):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        rels.append((attrs["Id"], attrs["Type"], attrs["Target"], attrs.get("TargetMode")))
    return rels


def _content_type_overrides(xml: str) -> dict[str, str]:
    found = re.findall(r'<Override\s+PartName="/([^"]+)"\s+ContentType="([^"]+)"', xml)
    return dict(found)


@dataclass(frozen=True)
class CoreProperties:
    """docProps/core.xml, from the data only: no clock, no user name leaks into the file."""

    title: str
    creator: str
    created: date


def _core_xml(props: CoreProperties) -> str:
    stamp = f"{props.created.isoformat()}T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(props.title)}</dc:title><dc:creator>{escape(props.creator)}</dc:creator>"
        f'<cp:lastModifiedBy>hoso</cp:lastModifiedBy><dc:language>vi-VN</dc:language>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )


@dataclass(frozen=True)
class FramePart:
    """A part the caller builds for every document (styles, settings, page headers), with what the
    package needs to declare it. The package layer knows nothing of what is inside: the NĐ 30 frame
    (:func:`pipeline.nd30.frame.frame_parts`) supplies these."""

    name: str
    """Part name inside the package, e.g. ``word/styles.xml``."""
    content_type: str
    rel_type: str
    """Last segment of the relationship type (``styles``, ``settings``, ``header``)."""
    rel_id: str
    xml: bytes
    draft_xml: bytes | None = None
    """The part's bytes in a draft, where it differs (the page headers carry the DỰ THẢO mark)."""


def static_parts(template: TemplatePackage, frame: Sequence[FramePart]) -> dict[str, bytes]:
    """Every part except the document body and core properties: the same for each render."""
    rels = [
        f'<Relationship Id="{part.rel_id}" Type="{_REL_BASE}/{part.rel_type}" Target="{part.name[5:]}"/>'
        for part in frame
    ]
    for rel_id, rel_type, target, mode in template.kept_rels:
        mode_attr = f' TargetMode="{mode}"' if mode else ""
        rels.append(f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{escape(target, {chr(34): "&quot;"})}"{mode_attr}/>')
    parts: dict[str, bytes] = {
        "_rels/.rels": _package_rels_xml().encode("utf-8"),
        "word/_rels/document.xml.rels": _rels_xml(rels).encode("utf-8"),
        "[Content_Types].xml": _content_types_xml(template, frame).encode("utf-8"),
    }
    for part in frame:
        parts[part.name] = part.xml
    parts.update(template.kept_parts)
    return parts


def _rels_xml(rels: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL_NS}">{"".join(rels)}</Relationships>'
    )


def _package_rels_xml() -> str:
    return _rels_xml([
        f'<Relationship Id="rId1" Type="{_REL_BASE}/officeDocument" Target="word/document.xml"/>',
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
        'metadata/core-properties" Target="docProps/core.xml"/>',
    ])


def _content_types_xml(template: TemplatePackage, frame: Sequence[FramePart]) -> str:
    extensions = {"rels", "xml"} | {
        name.rsplit(".", 1)[-1].lower() for name in template.kept_parts if "." in name
    }
    defaults = "".join(
        f'<Default Extension="{ext}" ContentType="{_DEFAULT_TYPES[ext]}"/>'
        for ext in sorted(extensions) if ext in _DEFAULT_TYPES
    )
    overrides = {
        DOCUMENT: f"{WML_CT}.document.main+xml",
        "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        **{part.name: part.content_type for part in frame},
        **template.content_types,
    }
    override_xml = "".join(
        f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct in sorted(overrides.items())
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="{CT_NS}">{defaults}{override_xml}</Types>'
    )


# --- The writer -----------------------------------------------------------------------------------------
# A .docx is written with the same bytes ``zipfile`` gives for these settings (deflate level 6, no
# data descriptor, Unix permissions 0644, the 1980-01-01 epoch), but by hand: the parts that are
# the same for every document of a template are deflated once, when the template is prepared
# (:class:`PackedParts`), and only the document body and the core properties are deflated per
# document. Deflating the frame's styles and headers again for every document was most of the
# cost of a one-page document (measured with ``hoso bench``).
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # zipfile's DEFAULT_VERSION and DEFLATED_VERSION
_UNIX = 3
_DOS_DATE = (_ZIP_EPOCH[0] - 1980) << 9 | _ZIP_EPOCH[1] << 5 | _ZIP_EPOCH[2]
_DOS_TIME = _ZIP_EPOCH[3] << 11 | _ZIP_EPOCH[4] << 5 | _ZIP_EPOCH[5] // 2
_PERMISSIONS = 0o644 << 16


@dataclass(frozen=True)
class Deflated:
    """One part, deflated and ready to be written into a zip."""

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, data: bytes | Sequence[bytes]) -> Deflated:
    """``data`` deflated; given as pieces, it is the pieces one after the other (zlib's output does
    not depend on how its input is cut)."""
    pieces = [data] if isinstance(data, bytes) else data
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    crc, size, out = 0, 0, []
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        size += len(piece)
        out.append(compressor.compress(piece))
    out.append(compressor.flush())
    return Deflated(name, crc, size, b"".join(out))


def _assemble(parts: list[Deflated]) -> bytes:
    """The zip of ``parts`` in this order."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for part in parts:
        name = part.name.encode("ascii")
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, 0, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
                             part.crc, len(part.data), part.size, len(name), 0)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, 0, zipfile.ZIP_DEFLATED,
                                     _DOS_TIME, _DOS_DATE, part.crc, len(part.data), part.size, len(name),
                                     0, 0, 0, 0, _PERMISSIONS, offset) + name)
        chunks += (header, name, part.data)
        offset += len(header) + len(name) + len(part.data)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), offset, 0)
    return b"".join(chunks) + directory + end


@dataclass(frozen=True)
class PackedParts:
    """The static parts of a template, deflated once when it is prepared, and the parts that
    differ in a draft (a draft differs from the final only in its header parts)."""

    parts: dict[str, Deflated]
    draft: dict[str, Deflated]

    @classmethod
    def of(cls, static: dict[str, bytes], frame: Sequence[FramePart] = ()) -> PackedParts:
        return cls(
            {name: deflate(name, data) for name, data in static.items()},
            {part.name: deflate(part.name, part.draft_xml) for part in frame if part.draft_xml is not None},
        )


def build_zip(
    static: dict[str, bytes] | PackedParts,
    document_xml: bytes | Sequence[bytes],
    core: CoreProperties,
    *,
    draft: bool = False,
) -> bytes:
    """The .docx bytes: ``[Content_Types].xml`` first, then parts in name order, fixed metadata.
    ``document_xml`` may be given in pieces (:func:`pipeline.stages.finalize.keep_text_with_signature`)."""
    packed = static if isinstance(static, PackedParts) else PackedParts.of(static)
    parts = dict(packed.parts)
    if draft:
        parts.update(packed.draft)
    parts[DOCUMENT] = deflate(DOCUMENT, document_xml)
    parts["docProps/core.xml"] = deflate("docProps/core.xml", _core_xml(core).encode("utf-8"))
    order = ["[Content_Types].xml"] + sorted(name for name in parts if name != "[Content_Types].xml")
    return _assemble([parts[name] for name in order])
