"""``hoso dossier``: a hồ sơ đề nghị khen thưởng as files – the documents in legal order, the Phiếu
gửi listing them, ``manifest.json`` and one .zip to send.

The dossier input is validated with everything it links (tờ trình, vote, reports) and checked
against the composition its title requires (:mod:`pipeline.law.composition`); a missing piece stops
it before a file is written. Then every file is rendered or read in memory, and written with
:func:`pipeline.core.files.write_atomic`; the manifest (name, SHA-256, size and the input it came
from, for each file) and the .zip (fixed entry order, timestamps and permissions) are built from
those bytes, so two runs give byte-identical files.

Output, in ``OUT``::

    00-phieu-gui.docx  01-to-trinh.docx  02-bao-cao-thanh-tich-….docx  03-bien-ban-hop.docx
    04-bien-ban-kiem-phieu.docx  05-minh-chung-….pdf  manifest.json  <dossier name>.zip
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from schemas.dossier import Dossier

from pipeline.law import composition
from pipeline.commands.pack import PackOptions
from pipeline.core.errors import Finding, InputError
from pipeline.core.messages import finding
from pipeline.stages.load import format_path, load
from pipeline.orchestrator import TemplateSet, produce, validate_file
from pipeline.law.rulebook import builtin_book, load_book
from pipeline.core import platform
from pipeline.core.names import inside, remove_temporaries, slug
from pipeline.core.files import output_folder, write_atomic
from pipeline.stages.link import Roots, data_root, resolve

INDEX_NAME = "00-phieu-gui.docx"
MANIFEST_NAME = "manifest.json"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_ALREADY_COMPRESSED = (".docx", ".pdf", ".zip", ".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class DossierFile:
    name: str
    data: bytes
    source: str
    """The input it comes from, relative to the dossier file's folder."""
    title: str
    """The bookmark of a merged PDF: what the Phiếu gửi calls it."""


@dataclass(frozen=True)
class DossierResult:
    files: list[Path]
    """The dossier's own files in order, the Phiếu gửi first."""
    manifest: Path
    archive: Path
    warnings: list[Finding]
    titles: list[str]
    subject: str
    """The dossier's trích yếu: the title of its merged PDF."""


def build_dossier(path: Path, out_dir: Path, options: PackOptions = PackOptions()) -> DossierResult:
    """Check the dossier, then write its files, manifest and .zip into ``out_dir``."""
    book = load_book(options.rule_files) if options.rule_files else builtin_book()
    output_folder(out_dir)
    roots = Roots.around(data_root(path), options.allowed_roots)
    validated = validate_file(
        path, mode=options.mode, rules=book, strict=options.strict, allowed_roots=options.allowed_roots,
    )
    if validated.kind.name != "dossier":
        raise InputError([finding("dossier.not_dossier", file=str(path), kind=validated.kind.name)])
    dossier: Dossier = validated.model  # type: ignore[assignment]
    entries = composition.entries(dossier, validated.linked)
    proofs = _proof_files(path, dossier, roots)
    templates = TemplateSet(options.templates_dir)
    index = validated.kind.documents[0]
    files = [DossierFile(INDEX_NAME, produce(index, validated, templates.get(index)), path.name, index.title)]
    for entry in entries:
        if entry.document is not None:
            data = produce(entry.document, entry.validated, templates.get(entry.document))
        else:
            assert entry.proof is not None  # an entry is a document or a proof
            data = proofs[entry.proof].read_bytes()
        files.append(DossierFile(entry.name, data, entry.source, entry.listed.title))
    manifest = _manifest(path, dossier, files)
    folder = slug(path.stem, fallback="ho-so")
    archive = _archive(folder, files, manifest)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        # One run at a time: a second one's sweep would delete the first one's temporary files.
        with platform.lock_folder(out_dir):
            remove_temporaries(out_dir)
            written = [write_atomic(inside(out_dir, f.name), f.data) for f in files]
            manifest_path = write_atomic(inside(out_dir, MANIFEST_NAME), manifest)
            archive_path = write_atomic(inside(out_dir, f"{folder}.zip"), archive)
    except platform.FolderBusy:
        raise InputError([finding("output.busy", folder=out_dir)]) from None
    return DossierResult(written, manifest_path, archive_path, validated.warnings, [f.title for f in files],
                         dossier.document.subject)


def _proof_files(path: Path, dossier: Dossier, roots: Roots) -> list[Path]:
    """The file of every proof, each inside the dossier's data folder (a dossier received from
    someone else must not copy ``/etc/passwd`` or a private key into the .zip); or nothing is
    written and every missing or outside file is reported."""
    files: list[Path] = []
    problems: list[tuple[int, str, dict[str, object]]] = []
    for i, proof in enumerate(dossier.proofs):
        found, problem = resolve(proof.file, path.parent, roots, patterns=False)
        if problem is None:
            files += found
        elif problem[0] == "input.link":
            problems.append((i, "dossier.proof_missing", {"name": proof.file, "title": proof.title, "folder": path.parent}))
        else:
            problems.append((i, *problem))
    if not problems:
        return files
    lines = load(path, root="dossier").lines
    raise InputError([
        finding(
            key, file=str(path), path=format_path("dossier", ("proofs", i, "file")), line=lines.get(("proofs", i, "file")),
            **params,
        )
        for i, key, params in problems
    ])


def _manifest(path: Path, dossier: Dossier, files: list[DossierFile]) -> bytes:
    content = {
        "generator": f"hoso {version('hoso')}",
        "dossier": path.name,
        "award": dossier.award,
        "files": [
            {"file": f.name, "sha256": hashlib.sha256(f.data).hexdigest(), "size": len(f.data), "source": f.source}
            for f in files
        ],
    }
    return (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _archive(folder: str, files: list[DossierFile], manifest: bytes) -> bytes:
    """The .zip of the dossier: one folder, the files in dossier order, then the manifest; fixed
    timestamps and permissions. Documents that are zips already are stored, not compressed again."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [*((f.name, f.data) for f in files), (MANIFEST_NAME, manifest)]:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=_ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            stored = name.lower().endswith(_ALREADY_COMPRESSED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=None if stored else 6)
    return buffer.getvalue()
