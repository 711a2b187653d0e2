"""Validation of a .docx against the ECMA-376 transitional schemas, as Word reads it.

Word refuses or "repairs" a document whose parts break the schema (an element out of its
sequence's order, an unknown attribute), where LibreOffice reads on silently; so every document
hoso produces is validated here. The schemas are those of python-docx's ``ref/xsd`` in
``../shared/ooxml-xsd/`` beside the checkout (see its README).

Before validating, Markup Compatibility (ECMA-376 Part 3) is processed as a consumer that knows
only these schemas does: elements and attributes of the namespaces a part declares
``mc:Ignorable`` are dropped, and ``mc:AlternateContent`` is replaced by its ``mc:Fallback``.

Each XML part is validated against the schema of its root's namespace: WordprocessingML (document,
styles, settings, numbering, headers, footers, font table, web settings…), DrawingML (the theme),
the extended properties, and the package's content types and relationships. Core properties are
not: their schema needs the Dublin Core schemas, which are not there. A part in any other
namespace is reported, so nothing is left unvalidated unnoticed.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent.parent.parent / "shared" / "ooxml-xsd"

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
# Root namespace → the schema file that declares it (relative to SCHEMAS).
SCHEMA_FILES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-xsd/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-xsd/opc-relationships.xsd",
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@functools.cache
def schema() -> etree.XMLSchema:
    """One schema importing all of SCHEMA_FILES, compiled once per test session."""
    assert SCHEMAS.is_dir(), f"the ECMA-376 schemas are expected in {SCHEMAS} (shared/ beside the checkout)"
    imports = "".join(
        f'<xsd:import namespace="{namespace}" schemaLocation="{(SCHEMAS / name).as_uri()}"/>'
        for namespace, name in SCHEMA_FILES.items()
    )
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    return etree.XMLSchema(etree.parse(io.StringIO(wrapper), base_url=SCHEMAS.as_uri() + "/"))


def problems(docx: bytes | Path) -> list[str]:
    """Every schema violation of the package, as "part:line: message" (empty when valid)."""
    found = []
    with zipfile.ZipFile(io.BytesIO(docx) if isinstance(docx, bytes) else docx) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                found += _part_problems(name, package.read(name))
    return found


def _part_problems(name: str, data: bytes) -> list[str]:
    root = etree.fromstring(data, _PARSER)
    namespace = etree.QName(root).namespace
    if namespace == CORE_PROPERTIES:
        return []
    if namespace not in SCHEMA_FILES:
        return [f"{name}: no schema for the namespace {namespace}"]
    processed = process_markup_compatibility(root)
    validator = schema()
    if validator.validate(processed):
        return []
    return [f"{name}:{error.line}: {error.message}" for error in validator.error_log]


def process_markup_compatibility(root: etree._Element) -> etree._Element:
    """A copy of ``root`` as a consumer of these schemas sees it (ECMA-376 Part 3 §10)."""
    root = etree.fromstring(etree.tostring(root), _PARSER)
    _process(root, frozenset())
    return root


def _process(element: etree._Element, ignorable: frozenset[str]) -> None:
    ignorable = ignorable | _ignorable(element)
    for attribute in list(element.attrib):
        if etree.QName(attribute).namespace in ignorable | {MC}:
            del element.attrib[attribute]
    for child in list(element):
        if not isinstance(child.tag, str):
            continue
        namespace = etree.QName(child).namespace
        if namespace == MC and etree.QName(child).localname == "AlternateContent":
            _replace(child, child.find(f"{{{MC}}}Fallback"))
        elif namespace in ignorable:
            element.remove(child)
    for child in element:
        if isinstance(child.tag, str):
            _process(child, ignorable)


def _ignorable(element: etree._Element) -> frozenset[str]:
    prefixes = (element.get(f"{{{MC}}}Ignorable") or "").split()
    return frozenset(element.nsmap[prefix] for prefix in prefixes if prefix in element.nsmap)


def _replace(element: etree._Element, fallback: etree._Element | None) -> None:
    """Put the children of ``fallback`` (none when there is none) in place of ``element``."""
    parent = element.getparent()
    position = parent.index(element)
    parent.remove(element)
    for offset, child in enumerate(list(fallback) if fallback is not None else []):
        parent.insert(position + offset, child)
