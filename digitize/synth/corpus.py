"""Whole synthetic documents: content → clean pages → degraded scans → files + ground truth.

Ground truth file ``<doc_id>.truth.json`` (schema ``congso.synth.ground-truth/1``):

- ``metadata``: NĐ 30 Phụ lục VI tags (``TypeName``, ``CodeNumber``, ``CodeNotation``,
  ``IssuedDate`` ISO, ``OrganName``, ``Subject``, ``Position``, ``FullName``,
  ``PageAmount``…) plus printed forms (``Code``, ``OrganNamePrinted``…); ``recipients``.
- ``pages[i]``: ``text`` (reading order of :mod:`digitize.synth`), ``text_rows`` (visual
  rows), ``lines`` (``text``, ``block``, ``box``, ``words``; boxes in clean-page pixels),
  ``degradation`` of that page, ``scan_size``, ``scan_dpi`` and ``scan_transform`` (3×3,
  clean-page pixels → scan pixels, homogeneous).
- ``degradation`` (of every page, or of page 1 when pages differ), ``seal``, ``font``,
  ``generator`` (library versions the bytes depend on), ``files`` (path, format, pages).
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import math
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
import PIL
from PIL import Image, features

from digitize.synth.content import (
    MAX_PARAGRAPHS,
    DocumentContent,
    DocumentKind,
    Era,
    generate_content,
)
from digitize.synth.degrade import Degradation
from digitize.synth.fonts import MONO_FAMILIES, PREFERRED_FAMILIES, find_font_family
from digitize.synth.render import PageStyle, PageTruth, RenderedPage, count_pages, render_document

__all__ = [
    "GROUND_TRUTH_SCHEMA",
    "READING_ORDER",
    "Corpus",
    "OutputFormat",
    "SyntheticDocument",
    "dump_ground_truth",
    "generate_corpus",
    "generator_environment",
    "make_document",
    "save_document",
    "write_image_pdf",
]

log = logging.getLogger(__name__)

GROUND_TRUTH_SCHEMA = "congso.synth.ground-truth/1"
READING_ORDER = (
    "page_number (continuation pages), agency, national_title, number, date, type_title, "
    "subject, body, recipients, signer"
)
_DEFAULT_JPEG_QUALITY = 85


class OutputFormat(StrEnum):
    """File formats a synthetic document can be written in."""

    PNG = "png"  # one file per page
    JPEG = "jpeg"  # one file per page
    TIFF = "tiff"  # one multi-page file
    PDF = "pdf"  # one image-only ("scanned") PDF, one image per page


@dataclass(frozen=True, slots=True, eq=False)
class SyntheticDocument:
    """A generated document: what is printed, and how each page was scanned.

    Attributes:
        doc_id: a file-name-safe identifier.
        seed: the seed everything was derived from.
        content: the printed content and its metadata.
        degradation: the defects applied to every page (to the first page when pages
            differ, see ``page_degradations``).
        clean: the clean pages with ground truth (coordinates of the clean page).
        images: the degraded page images, one per clean page.
        page_degradations: the defects of each page when they differ from page to page;
            empty when every page got ``degradation``.
        style: the typography the pages were drawn with.
    """

    doc_id: str
    seed: int
    content: DocumentContent
    degradation: Degradation
    clean: tuple[RenderedPage, ...]
    images: tuple[Image.Image, ...]
    page_degradations: tuple[Degradation, ...] = ()
    style: PageStyle | None = None

    def __post_init__(self) -> None:
        if len(self.images) != len(self.clean):
            raise ValueError("one degraded image per clean page")
        if self.page_degradations and len(self.page_degradations) != len(self.clean):
            raise ValueError("one degradation per page, or none")

    def degradation_of(self, index: int) -> Degradation:
        """The defects applied to page ``index`` (0-based)."""
        return self.page_degradations[index] if self.page_degradations else self.degradation

    @property
    def truths(self) -> tuple[PageTruth, ...]:
        """Ground truth per page."""
        return tuple(page.truth for page in self.clean)

    @property
    def text(self) -> str:
        """The document's text: pages in order separated by form feeds."""
        return "\f".join(t.text for t in self.truths)

    def scan_transform(self, index: int) -> np.ndarray[Any, Any]:
        """3×3 matrix from clean-page pixels to pixels of scan ``index`` (0-based), in
        homogeneous coordinates (projective when the page was photographed at a slant)."""
        page = self.clean[index].truth
        matrix, size = self.degradation_of(index).geometry(
            (page.width, page.height), page.dpi, _page_seed(self.seed, index)
        )
        if size != self.images[index].size:  # pragma: no cover - a bug, not an input error
            raise AssertionError(f"geometry predicts {size}, scan is {self.images[index].size}")
        return matrix

    def scan_boxes(self, index: int) -> list[tuple[str, tuple[int, int, int, int]]]:
        """Every word of page ``index`` with its box on the scan (bounding box of the turned
        corners; skewed words get a slightly larger box)."""
        matrix = self.scan_transform(index)
        boxes = []
        for line in self.clean[index].truth.lines:
            for word in line.words:
                x0, y0, x1, y1 = word.box
                corners = np.array([[x0, x1, x1, x0], [y0, y0, y1, y1], [1, 1, 1, 1]])
                xs, ys, ws = matrix @ corners
                xs, ys = xs / ws, ys / ws
                box = (
                    math.floor(xs.min()),
                    math.floor(ys.min()),
                    math.ceil(xs.max()),
                    math.ceil(ys.max()),
                )
                boxes.append((word.text, box))
        return boxes

    def ground_truth(self, files: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
        """The JSON ground truth written next to the scans."""
        typewriter = self.style is not None and self.style.typewriter
        family = find_font_family(MONO_FAMILIES if typewriter else PREFERRED_FAMILIES)
        return {
            "schema": GROUND_TRUTH_SCHEMA,
            "doc_id": self.doc_id,
            "seed": self.seed,
            "kind": str(self.content.doc_type.kind),
            "metadata": {**self.content.metadata(), "PageAmount": len(self.clean)},
            "recipients": list(self.content.recipients),
            "reading_order": READING_ORDER,
            "font": {
                "family": family.name,
                "typewriter": typewriter,
                "files": [p.name for p in (family.regular, family.bold, family.italic)],
            },
            "generator": generator_environment(),
            "degradation": self.degradation.to_json(),
            "seal": any(page.color_image is not None for page in self.clean),
            "geometry_note": (
                "boxes are pixels of the clean page at its dpi, before skew, border, "
                "resampling and rotation; scan_transform maps (x, y, 1) onto the scan"
            ),
            "pages": [
                {
                    **t.to_json(),
                    "degradation": self.degradation_of(i).to_json(),
                    "scan_size": list(self.images[i].size),
                    "scan_dpi": round(float(self.images[i].info.get("dpi", (t.dpi, t.dpi))[0])),
                    "scan_transform": [
                        [round(float(v), 9) for v in row] for row in self.scan_transform(i)
                    ],
                }
                for i, t in enumerate(self.truths)
            ],
            "files": list(files),
        }


def generator_environment() -> dict[str, str | None]:
    """Versions the pixels depend on: same seed and these versions give the same bytes."""
    return {
        "pillow": PIL.__version__,
        "freetype": features.version("freetype2"),
        "libjpeg": features.version("jpg"),
        "zlib": features.version("zlib"),
        "libtiff": features.version("libtiff"),
        "numpy": np.__version__,
    }


def _derive(seed: int, *salt: int) -> int:
    """An independent 63-bit seed for a sub-stream."""
    state = np.random.SeedSequence([seed & 0xFFFFFFFFFFFFFFFF, *salt]).generate_state(2)
    return int((int(state[0]) << 31) ^ int(state[1])) & 0x7FFFFFFFFFFFFFFF


def _page_seed(seed: int, index: int) -> int:
    """Seed of the defects of page ``index`` of the document drawn from ``seed``."""
    return _derive(seed, 4, index)


def _content_for_pages(
    seed: int,
    *,
    kind: DocumentKind | str | None,
    pages: int,
    style: PageStyle,
    era: Era | str,
    tables: bool,
) -> DocumentContent:
    """Content whose body fills exactly ``pages`` pages (fewest paragraphs, plus a few)."""
    rng = random.Random(_derive(seed, 1))

    def content(paragraphs: int) -> DocumentContent:
        return generate_content(seed, kind=kind, paragraphs=paragraphs, era=era, tables=tables)

    def n_pages(paragraphs: int) -> int:
        return count_pages(content(paragraphs), style)

    if pages == 1:
        paragraphs = rng.randint(2, 4)
        while paragraphs > 1 and n_pages(paragraphs) > 1:
            paragraphs -= 1
        return content(paragraphs)
    # exponential then binary search: laying out 160 paragraphs to learn the ceiling would
    # cost more than the whole search
    lo, hi = 1, min(MAX_PARAGRAPHS, 6 * pages)
    while n_pages(hi) < pages:
        if hi == MAX_PARAGRAPHS:
            raise ValueError(f"cannot fill {pages} pages; at most {n_pages(hi)} with this style")
        lo, hi = hi + 1, min(MAX_PARAGRAPHS, 2 * hi)
    while lo < hi:
        mid = (lo + hi) // 2
        if n_pages(mid) >= pages:
            hi = mid
        else:
            lo = mid + 1
    extra = rng.randint(0, 2)
    while extra and (lo + extra > MAX_PARAGRAPHS or n_pages(lo + extra) != pages):
        extra -= 1
    if n_pages(lo + extra) != pages:
        raise ValueError(f"no paragraph count fills exactly {pages} pages")  # pragma: no cover
    return content(lo + extra)


def make_document(
    seed: int,
    *,
    kind: DocumentKind | str | None = None,
    pages: int = 1,
    degradation: Degradation
    | str
    | dict[str, Any]
    | Sequence[Degradation | str | dict[str, Any]]
    | None = None,
    dpi: int = 300,
    doc_id: str | None = None,
    seal: bool = False,
    era: Era | str = Era.MODERN,
    tables: bool = False,
    typewriter: bool = False,
) -> SyntheticDocument:
    """Generate one document in memory: content, clean pages, degraded page images.

    Args:
        seed: determines everything; equal arguments give identical pages.
        kind: document type (``DocumentKind`` or its value); drawn from the seed if ``None``.
        pages: number of pages (1–20); exact, except that a type whose fixed text does not
            fit on one page (a long Nghị quyết at a large type size) gets two.
        degradation: a ``Degradation``, a preset name from ``PRESETS``, ``"random"`` (or
            ``"random:<severity>"``: a seeded mix, see ``Degradation.random``), a dict of
            its fields, or ``None`` for a clean scan; or a list or tuple of these, one per
            page, cycled (a dossier scanned with one page upside down).
        dpi: drawing resolution; ``degradation.dpi`` may resample it afterwards.
        doc_id: identifier used for file names; defaults to ``synth-<seed>``.
        seal: stamp the agency's red seal over the signature (DOMAIN.md §7); it overlaps
            the signer's position and name, which stay in the ground truth.
        era: ``"modern"`` (2012–2024) or ``"legacy"`` (1995–2004 conventions, see ``Era``).
        tables: give a Báo cáo a ruled results table (see ``generate_content``).
        typewriter: type the document on a typewriter (monospaced, 12 pt, ragged right,
            uneven strikes; see ``PageStyle``), as archives hold from before computers.
    """
    if pages < 1:
        raise ValueError("a document has at least one page")
    style = dataclasses.replace(PageStyle.from_seed(_derive(seed, 2), dpi=dpi), seal=seal)
    if typewriter:
        style = dataclasses.replace(style, typewriter=True, body_pt=12.0, line_spacing=1.4)
    content = _content_for_pages(seed, kind=kind, pages=pages, style=style, era=era, tables=tables)
    clean = render_document(content, style)
    if degradation is None or isinstance(degradation, Degradation | str | dict):
        specs = (Degradation.resolve(degradation, seed=_derive(seed, 5)),) * len(clean)
    else:
        if not degradation:
            raise ValueError("an empty list of degradations; give None for a clean scan")
        specs = tuple(
            Degradation.resolve(degradation[i % len(degradation)], seed=_derive(seed, 5, i))
            for i in range(len(clean))
        )
    back: RenderedPage | None = None
    if any(spec.bleed_through for spec in specs):
        other = generate_content(_derive(seed, 3), paragraphs=4)
        back = render_document(other, style)[0]
    images = tuple(
        spec.apply(
            page.color_image if spec.color and page.color_image is not None else page.image,
            _page_seed(seed, index),
            back=None if back is None else back.image,
        )
        for index, (page, spec) in enumerate(zip(clean, specs, strict=True))
    )
    return SyntheticDocument(
        doc_id=doc_id or f"synth-{seed}",
        seed=seed,
        content=content,
        degradation=specs[0],
        clean=clean,
        images=images,
        page_degradations=specs if len(set(specs)) > 1 else (),
        style=style,
    )


def write_image_pdf(
    images: Sequence[Image.Image], path: Path, *, jpeg_quality: int = _DEFAULT_JPEG_QUALITY
) -> None:
    """An image-only PDF, as a scanner makes: one page per image, sized from its dpi.

    Bilevel images are stored losslessly (Flate, 1 bit), grayscale and colour as JPEG
    (DCTDecode) at ``jpeg_quality``, as scanners do. The file is byte-for-byte reproducible.
    """
    pdf = pikepdf.Pdf.new()
    for image in images:
        dpi = float(image.info.get("dpi", (300, 300))[0])
        width_pt = image.width * 72 / dpi
        height_pt = image.height * 72 / dpi
        if image.mode == "1":
            data = zlib.compress(image.tobytes(), 9)
            colorspace, bits, filt = pikepdf.Name.DeviceGray, 1, pikepdf.Name.FlateDecode
        else:
            rgb_or_gray = image if image.mode in ("L", "RGB") else image.convert("RGB")
            buffer = io.BytesIO()
            # save() leaves encoder settings on the image object; work on a copy so that a
            # later multi-page TIFF save of the same images does not inherit them
            rgb_or_gray.copy().save(buffer, format="JPEG", quality=jpeg_quality)
            data = buffer.getvalue()
            colorspace = (
                pikepdf.Name.DeviceGray if rgb_or_gray.mode == "L" else pikepdf.Name.DeviceRGB
            )
            bits, filt = 8, pikepdf.Name.DCTDecode
        xobject = pikepdf.Stream(pdf, data)
        xobject.Type = pikepdf.Name.XObject
        xobject.Subtype = pikepdf.Name.Image
        xobject.Width = image.width
        xobject.Height = image.height
        xobject.ColorSpace = colorspace
        xobject.BitsPerComponent = bits
        xobject.Filter = filt
        page = pdf.add_blank_page(page_size=(width_pt, height_pt))
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobject))
        page.Contents = pikepdf.Stream(
            pdf, f"q {width_pt:.4f} 0 0 {height_pt:.4f} 0 0 cm /Im0 Do Q".encode()
        )
    pdf.save(path, deterministic_id=True)


def _save_image(image: Image.Image, path: Path, fmt: OutputFormat, quality: int) -> None:
    dpi = image.info.get("dpi", (300, 300))
    image = image.copy()  # see write_image_pdf: save() mutates the image object
    if fmt is OutputFormat.PNG:
        image.save(path, format="PNG", dpi=dpi, compress_level=6)
    else:
        image = image.convert("L") if image.mode == "1" else image
        image.save(path, format="JPEG", dpi=dpi, quality=quality, optimize=True)


def save_document(
    doc: SyntheticDocument, folder: Path, formats: Sequence[OutputFormat | str] = ("png",)
) -> list[dict[str, Any]]:
    """Write ``doc``'s scans in every format and its ground truth JSON into ``folder``.

    Names: ``<doc_id>.png`` (``<doc_id>-p01.png``… when several pages; JPEG likewise),
    ``<doc_id>.tif`` (multi-page), ``<doc_id>.pdf``, ``<doc_id>.truth.json``.
    Returns the file entries recorded in the ground truth: path relative to ``folder``,
    format, and the document's page numbers each file holds.
    """
    folder.mkdir(parents=True, exist_ok=True)
    quality = doc.degradation.jpeg_quality or _DEFAULT_JPEG_QUALITY
    entries: list[dict[str, Any]] = []
    images = doc.images
    for fmt in (OutputFormat(f) for f in formats):
        if fmt in (OutputFormat.PNG, OutputFormat.JPEG):
            ext = "png" if fmt is OutputFormat.PNG else "jpg"
            for number, image in enumerate(images, 1):
                name = (
                    f"{doc.doc_id}.{ext}"
                    if len(images) == 1
                    else f"{doc.doc_id}-p{number:02d}.{ext}"
                )
                _save_image(image, folder / name, fmt, quality)
                entries.append({"path": name, "format": str(fmt), "pages": [number]})
        elif fmt is OutputFormat.TIFF:
            name = f"{doc.doc_id}.tif"
            first, *rest = (image.copy() for image in images)
            compression = "group4" if first.mode == "1" else "tiff_lzw"
            first.save(
                folder / name,
                format="TIFF",
                save_all=True,
                append_images=rest,
                compression=compression,
                dpi=first.info.get("dpi", (300, 300)),
            )
            entries.append(
                {"path": name, "format": str(fmt), "pages": list(range(1, len(images) + 1))}
            )
        else:
            name = f"{doc.doc_id}.pdf"
            write_image_pdf(images, folder / name, jpeg_quality=quality)
            entries.append(
                {"path": name, "format": str(fmt), "pages": list(range(1, len(images) + 1))}
            )
    truth = dump_ground_truth(doc.ground_truth(entries))
    (folder / f"{doc.doc_id}.truth.json").write_text(truth, encoding="utf-8")
    return entries


def dump_ground_truth(truth: dict[str, Any]) -> str:
    """JSON text of a ground truth: indented, but one printed line per JSON line.

    Word boxes make fully indented JSON ten times longer and unreadable in a diff.
    """
    pages = truth.get("pages", [])
    skeleton = {
        **truth,
        "pages": [{**page, "lines": f"\0lines{i}\0"} for i, page in enumerate(pages)],
    }
    text = json.dumps(skeleton, ensure_ascii=False, indent=1)
    for i, page in enumerate(pages):
        compact = ",\n".join(
            json.dumps(line, ensure_ascii=False, separators=(",", ":")) for line in page["lines"]
        )
        placeholder = json.dumps(f"\0lines{i}\0")
        text = text.replace(placeholder, f"[\n{compact}\n]" if compact else "[]")
    return text + "\n"


@dataclass(frozen=True, slots=True)
class Corpus:
    """What :func:`generate_corpus` wrote.

    Attributes:
        root: the output folder.
        documents: ``(relative folder, doc_id, ground truth file)`` per document, in order.
    """

    root: Path
    documents: tuple[tuple[str, str, Path], ...]


def generate_corpus(
    out_dir: Path | str,
    *,
    seed: int = 0,
    count: int = 10,
    degradations: Sequence[Degradation | str | dict[str, Any]] = ("clean",),
    formats: Sequence[OutputFormat | str] = ("png",),
    pages: int | tuple[int, int] = 1,
    kinds: Sequence[DocumentKind | str] | None = None,
    docs_per_dossier: int | None = None,
    dpi: int = 300,
    seal: bool = False,
    eras: Sequence[Era | str] = (Era.MODERN,),
    tables: bool = False,
    typewriter: bool = False,
) -> Corpus:
    """Write ``count`` synthetic documents with ground truth into ``out_dir``.

    Document ``i`` gets ``degradations[i % len(degradations)]``, ``eras[i % len(eras)]``
    and, when given, ``kinds[i % len(kinds)]``; it is written in every one of ``formats``.
    ``pages`` is a page count or an inclusive ``(min, max)`` range drawn per document. With
    ``docs_per_dossier``, documents go into sub-folders ``hoso-01/``, ``hoso-02/``… (one
    dossier per folder, as archives are scanned). Same arguments, same bytes.
    """
    if count < 0:
        raise ValueError("count cannot be negative")
    if not degradations:
        raise ValueError('give at least one degradation ("clean" for none)')
    root = Path(out_dir)
    rng = random.Random(_derive(seed, 0))
    written = []
    for i in range(count):
        n_pages = pages if isinstance(pages, int) else rng.randint(*pages)
        doc_seed = _derive(seed, 100, i)
        doc_id = f"vb-{seed}-{i + 1:04d}"
        doc = make_document(
            doc_seed,
            kind=None if not kinds else kinds[i % len(kinds)],
            pages=n_pages,
            degradation=degradations[i % len(degradations)],
            dpi=dpi,
            doc_id=doc_id,
            seal=seal,
            era=eras[i % len(eras)],
            tables=tables,
            typewriter=typewriter,
        )
        rel = f"hoso-{i // docs_per_dossier + 1:02d}" if docs_per_dossier else "."
        folder = root / rel
        save_document(doc, folder, formats)
        written.append((rel, doc_id, folder / f"{doc_id}.truth.json"))
        log.info("wrote synthetic document %s (%d page(s))", doc_id, n_pages)
    return Corpus(root, tuple(written))
