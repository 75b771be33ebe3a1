"""Regenerate the committed sample scans in ``data/samples`` and their manifest ``data/README.md``.

    python data/generate_samples.py [--out data/samples] [--seed 7]

Every sample is a synthetic Vietnamese administrative document drawn by ``digitize.synth``
with a ``<doc_id>.truth.json`` ground truth beside it; each sub-folder is one dossier (hồ sơ),
as archives are scanned. The same seed gives the same files (same fonts and library versions).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from digitize.synth import Degradation, make_document, save_document

log = logging.getLogger("generate_samples")

HERE = Path(__file__).resolve().parent
LICENCE = "CC0-1.0 (synthetic, made by this project)"


@dataclass(frozen=True, slots=True)
class Sample:
    """One committed sample: a dossier folder holding one document."""

    folder: str
    kind: str
    pages: int
    degradation: Degradation | tuple[Degradation, ...]
    formats: tuple[str, ...]
    what: str
    seal: bool = False
    era: str = "modern"
    typewriter: bool = False


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "01-clean-png",
        "cong_van",
        1,
        Degradation(),
        ("png",),
        "clean 300 dpi grayscale scan of a công văn",
    ),
    Sample(
        "02-skew-jpeg",
        "quyet_dinh",
        1,
        Degradation(skew=7.0, color=True, jpeg_quality=40),
        ("jpeg",),
        "colour JPEG with the red seal, page laid 7° counter-clockwise",
        seal=True,
    ),
    Sample(
        "03-upside-down-tiff",
        "ke_hoach",
        2,
        Degradation(rotation=180, bilevel=True),
        ("tiff",),
        "2-page bilevel TIFF (G4) scanned upside down",
    ),
    Sample(
        "04-sideways-tiff",
        "thong_bao",
        1,
        Degradation(rotation=90, bilevel=True),
        ("tiff",),
        "bilevel TIFF (G4) scanned sideways, turned 90° counter-clockwise",
    ),
    Sample(
        "05-speckle-tiff",
        "giay_moi",
        1,
        Degradation(speckle=0.002, bilevel=True),
        ("tiff",),
        "bilevel TIFF with dust specks as large as tone marks",
    ),
    Sample(
        "06-shadow-jpeg",
        "bao_cao",
        1,
        Degradation(shadow=0.7, jpeg_quality=40),
        ("jpeg",),
        "grayscale JPEG with a dark shadow along one edge",
    ),
    Sample(
        "07-scanned-pdf",
        "quyet_dinh",
        3,
        (
            Degradation(skew=-1.0, bilevel=True),
            Degradation(rotation=180, bilevel=True),
            Degradation(bilevel=True),
        ),
        ("pdf",),
        "3-page image-only PDF, bilevel 300 dpi: page 1 slightly skewed, page 2 upside down",
    ),
    Sample(
        "08-lowres-150dpi-png",
        "to_trinh",
        1,
        Degradation(dpi=150),
        ("png",),
        "150 dpi grayscale scan (below NĐ 30's 200 dpi: to be flagged)",
    ),
    Sample(
        "09-bleed-through-jpeg",
        "cong_van",
        1,
        Degradation(bleed_through=0.3, color=True, jpeg_quality=40),
        ("jpeg",),
        "colour JPEG of thin paper with the red seal: the back page shows through, mirrored",
        seal=True,
    ),
    Sample(
        "10-legacy-typewriter-tiff",
        "quyet_dinh",
        1,
        Degradation(fade=0.35, skew=1.2, bilevel=True, speckle=0.0002),
        ("tiff",),
        "faded bilevel TIFF of a typewritten 1995–2004 decision (QĐ-UB or QĐ.UB, "
        "rule-breaking date line)",
        era="legacy",
        typewriter=True,
    ),
)


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def generate(out: Path, seed: int) -> list[tuple[Path, str]]:
    """Write every sample under ``out`` (emptied first); returns ``(file, what)`` pairs."""
    if out.exists():
        shutil.rmtree(out)
    described: list[tuple[Path, str]] = []
    for index, sample in enumerate(SAMPLES, 1):
        doc = make_document(
            seed * 1000 + index,
            kind=sample.kind,
            pages=sample.pages,
            degradation=sample.degradation,
            doc_id=f"vb-{index:02d}",
            seal=sample.seal,
            era=sample.era,
            typewriter=sample.typewriter,
        )
        folder = out / sample.folder
        entries = save_document(doc, folder, sample.formats)
        for entry in entries:
            described.append((folder / entry["path"], sample.what))
        described.append(
            (
                folder / f"{doc.doc_id}.truth.json",
                f"ground truth of {doc.doc_id}: text per page, line/word boxes, metadata",
            )
        )
        log.info("%s: %s", sample.folder, ", ".join(e["path"] for e in entries))
    return described


def manifest(out: Path, described: list[tuple[Path, str]], seed: int) -> str:
    """The README text: what each committed file is, where it comes from, size and sha256."""
    rel_out = out.relative_to(HERE.parent) if out.is_relative_to(HERE.parent) else out
    lines = [
        "# Sample data",
        "",
        "Small synthetic scans of Vietnamese administrative documents, committed so that the "
        "demo and the tests run without generating anything. Each sub-folder of "
        f"`{rel_out}/` is one dossier (hồ sơ) holding one document and its ground truth "
        "(`*.truth.json`: text of every page in reading order, line and word boxes, "
        "NĐ 30 metadata, the degradation applied). The reading-order convention is "
        "documented in `digitize/synth/__init__.py`.",
        "",
        "Using the ground truth: `pages[i].text` is the page's text in the documented "
        "reading order (agency block, quốc hiệu, Số, date, title, trích yếu, body, Nơi nhận, "
        "signer), `pages[i].text_rows` the same lines in visual row order (the way Tesseract "
        "reads the side-by-side header); score OCR against whichever order the engine "
        "follows, on NFC text with ỵ folded to y (Tesseract `vie` cannot output ỵ). "
        "`pages[i].scan_transform` maps the clean-page boxes of `lines`/`words` onto the "
        "scan; `metadata` uses NĐ 30 Phụ lục VI tags (TypeName, CodeNumber, CodeNotation, "
        "IssuedDate as ISO, OrganName, Subject, Position, FullName).",
        "",
        f"Regenerate them (and this file) with `python data/generate_samples.py --seed {seed}`; "
        "the same seed gives the same bytes with the same fonts and library versions. Do not "
        "edit this file by hand: `tests/test_synth.py` checks every size and checksum below. "
        "Other tests and the archivist notebooks open these folders by name "
        "(`tests/test_engine_samples.py`, `tests/test_notebooks_headless.py`): keep the names "
        "when changing the list in `data/generate_samples.py`.",
        "",
        f"Source: generated by `data/generate_samples.py` with seed {seed}, text and layout "
        "by `digitize.synth`, drawn with the system's Liberation Serif (SIL Open Font "
        "Licence; documents made with a font are not bound by its licence). "
        f"Licence of every file: {LICENCE}. All names, numbers and dates are invented.",
        "",
        "| File | What | Source | Licence | Size (bytes) | SHA-256 |",
        "|---|---|---|---|---:|---|",
    ]
    total = 0
    for path, what in described:
        size = path.stat().st_size
        total += size
        rel = path.relative_to(out).as_posix()
        lines.append(
            f"| `{rel}` | {what} | generate_samples.py, seed {seed} | CC0-1.0 | {size} | "
            f"`{sha256(path)}` |"
        )
    lines += ["", f"Total: {len(described)} files, {total} bytes.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, regenerate the samples and the manifest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "samples", help="output folder")
    parser.add_argument("--seed", type=int, default=7, help="seed of every sample")
    parser.add_argument(
        "--readme",
        type=Path,
        default=None,
        help="manifest to write (default: data/README.md when --out is data/samples)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = args.out.resolve()
    described = generate(out, args.seed)
    readme = args.readme
    if readme is None and out == (HERE / "samples").resolve():
        readme = HERE / "README.md"
    if readme is not None:
        readme.write_text(manifest(out, described, args.seed), encoding="utf-8")
        log.info("manifest: %s", readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
