"""Seeded synthetic scans of Vietnamese administrative documents, with exact ground truth.

Used by tests and benchmarks to measure the OCR pipeline on pages whose text is known, and by
``data/generate_samples.py`` to (re)build the committed samples.

Public API (stable):

- ``make_document(seed, *, kind=None, pages=1, degradation=None, dpi=300, doc_id=None,
  seal=False, era="modern", tables=False, typewriter=False) -> SyntheticDocument``: one
  document in memory. ``doc.images`` are the degraded page images (PIL, dpi in
  ``image.info``), ``doc.truths`` the per-page ground truth (``PageTruth``: ``text``,
  ``text_rows``, ``lines`` with block, box and word boxes), ``doc.content`` the metadata
  (``doc.content.metadata()``, NĐ 30 Phụ lục VI tag names).
- ``generate_corpus(out_dir, *, seed=0, count=10, degradations=("clean",),
  formats=("png",), pages=1, kinds=None, docs_per_dossier=None, dpi=300, seal=False,
  eras=("modern",), tables=False, typewriter=False) -> Corpus``: files on disk plus a
  ``<doc_id>.truth.json`` per document.
- ``save_document(doc, folder, formats)``, ``write_image_pdf(images, path)``;
  ``doc.scan_boxes(i)`` / ``doc.scan_transform(i)`` map ground-truth boxes onto scan ``i``.
- Command line: ``python -m digitize.synth OUT --count 40 --degradations random
  --formats pdf,tiff --pages 1-3 --dossier-size 5`` (flags mirror ``generate_corpus``).
- ``Degradation`` (fields ``skew``, ``rotation``, ``noise``, ``speckle``, ``shadow``,
  ``bleed_through``, ``dpi``, ``jpeg_quality``, ``bilevel``, ``color``, ``fade``, ``blur``,
  ``border``, ``holes``, ``fold``, ``perspective``; ``Degradation.random(seed,
  severity=1.0)`` draws a plausible mix) and ``PRESETS`` (``"clean"``, ``"skew"``,
  ``"upside_down"``, ``"sideways"``, ``"speckle"``, ``"shadow"``, ``"noise"``,
  ``"bleed_through"``, ``"lowres"``, ``"jpeg"``, ``"fax"``, ``"photocopy"``, ``"faded"``,
  ``"blur"``, ``"border"``, ``"archive"``, ``"phone"``…, with the raw Tesseract CER each
  gave when tuned); the single defects are pure functions in
  :mod:`digitize.synth.degrade`. ``degradation`` may also be a list, one entry per page.
- Document kinds (``DocumentKind``): quyết định, công văn, kế hoạch, báo cáo, thông báo, tờ
  trình, giấy mời are drawn when ``kind=None``; chỉ thị and nghị quyết (HĐND) only when
  asked for, so every seed keeps the type it always had.
- ``generate_content(seed, *, kind=None, paragraphs=3, era="modern", tables=False)
  -> DocumentContent``
  and ``render_document(content, style=None) -> tuple[RenderedPage, ...]`` for finer
  control.

Reading-order convention of the ground truth (``PageTruth.text``): one line per printed
line, words separated by one space, lines by ``\\n``, in this block order: page number
(continuation pages only), agency block (parent agency, issuing agency), quốc hiệu (two
lines), ``Số:`` line, date line, type title, trích yếu (for a công văn the ``V/v`` lines),
body (top to bottom; a table row by row, cells left to right), ``Nơi nhận`` list, signer
block (authority, position, full name).
Side-by-side blocks are thus read left block first, then right block. Tesseract's default
segmentation usually interleaves such blocks row by row; ``PageTruth.text_rows`` gives that
visual row order. A document's text joins pages with form feeds. The handwritten signature
stroke, the optional red seal (``seal=True``: its ring text is not document text) and the
rules under headings are not in the ground truth; text under the seal is.

Notes for evaluators:

- Text is NFC with full diacritics. Tesseract's ``vie`` model cannot output ``ỵ``/``Ỵ`` (it
  yields ``y``, DOMAIN.md §8): fold both sides before scoring. The generator's word lists
  avoid ``ỵ`` but body text may contain it in future lists.
- Boxes are in pixels of the clean page before skew, rotation and resampling; the applied
  ``Degradation`` is recorded so they can be mapped.
- Determinism: the same seed and arguments give identical content and identical bytes with
  the same font files and Pillow/libjpeg/zlib versions; the ground truth text depends only on
  the seed and the font's metrics.
"""

from __future__ import annotations

from digitize.synth.content import (
    DOCUMENT_TYPES,
    DocumentContent,
    DocumentKind,
    DocumentType,
    Era,
    generate_content,
)
from digitize.synth.corpus import (
    GROUND_TRUTH_SCHEMA,
    READING_ORDER,
    Corpus,
    OutputFormat,
    SyntheticDocument,
    generate_corpus,
    make_document,
    save_document,
    write_image_pdf,
)
from digitize.synth.degrade import PRESETS, Degradation
from digitize.synth.fonts import FontFamily, find_font_family
from digitize.synth.render import (
    Block,
    PageStyle,
    PageTruth,
    RenderedPage,
    TextLine,
    Word,
    render_document,
)

__all__ = [
    "DOCUMENT_TYPES",
    "GROUND_TRUTH_SCHEMA",
    "PRESETS",
    "READING_ORDER",
    "Block",
    "Corpus",
    "Degradation",
    "DocumentContent",
    "DocumentKind",
    "DocumentType",
    "Era",
    "FontFamily",
    "OutputFormat",
    "PageStyle",
    "PageTruth",
    "RenderedPage",
    "SyntheticDocument",
    "TextLine",
    "Word",
    "find_font_family",
    "generate_content",
    "generate_corpus",
    "make_document",
    "render_document",
    "save_document",
    "write_image_pdf",
]
