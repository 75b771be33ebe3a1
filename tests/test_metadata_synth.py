"""Extraction against the synthetic generator's ground truth (issue 5, DOMAIN.md §1, §4–§7).

The generator (:mod:`digitize.synth`) prints documents of several types, agencies, page counts
and page styles and knows their Phụ lục VI metadata. Fed the exact page text, in both reading
orders it documents, and the exact word boxes, extraction must recover every field: whatever
it misses here it will miss on every scan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from digitize.metadata.extract import ExtractedMetadata, extract_metadata
from digitize.metadata.layout import WordBox
from digitize.synth import DocumentContent, PageStyle, generate_content, render_document

# Three dozen seeds, plus seeds known to print a year-bearing legal number (25/2019/QĐ-UBND).
SEEDS = (*range(36), 70, 113, 183)
FIELDS = (
    "TypeName",
    "CodeNumber",
    "CodeNotation",
    "IssuedDate",
    "Place",
    "OrganName",
    "Subject",
    "Position",
    "FullName",
    "SignerAuthority",
)


@dataclass(frozen=True, slots=True)
class Sample:
    content: DocumentContent
    text: str
    text_rows: str
    words: tuple[WordBox, ...]
    pages: int


def _samples() -> Iterator[Sample]:
    for seed in SEEDS:
        # 1 to 14 middle paragraphs: one-page and multi-page documents alike.
        content = generate_content(seed, paragraphs=1 + (seed * 7) % 14)
        truths = [
            page.truth for page in render_document(content, PageStyle.from_seed(seed, dpi=100))
        ]
        words = tuple(
            WordBox(
                w.text, w.box[0], w.box[1], w.box[2] - w.box[0], w.box[3] - w.box[1], 95.0, t.number
            )
            for t in truths
            for line in t.lines
            for w in line.words
        )
        yield Sample(
            content,
            "\f".join(t.text for t in truths),
            "\f".join(t.text_rows for t in truths),
            words,
            len(truths),
        )


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    return list(_samples())


def _mismatches(
    found: ExtractedMetadata, content: DocumentContent
) -> dict[str, tuple[object, str]]:
    truth = content.metadata()
    got = {tag: f.value for tag, f in found.fields().items()}
    return {tag: (truth[tag], got[tag]) for tag in FIELDS if (truth[tag] or "") != got[tag]}


def test_the_sample_covers_every_type_and_several_pages(samples: list[Sample]) -> None:
    """The seeds exercise each generated type and multi-page documents."""
    kinds = {s.content.doc_type.kind for s in samples}
    assert len(kinds) == 7
    assert max(s.pages for s in samples) >= 2
    assert any(s.content.year_in_code for s in samples)


@pytest.mark.parametrize("order", ["text", "text_rows", "words"])
def test_every_field_matches_the_ground_truth(samples: list[Sample], order: str) -> None:
    """Block order, row order and word boxes all give the generator's metadata exactly."""
    failures = {}
    for sample in samples:
        if order == "words":
            found = extract_metadata("", sample.words)
        else:
            found = extract_metadata(getattr(sample, order))
        wrong = _mismatches(found, sample.content)
        if wrong:
            failures[sample.content.seed] = wrong
        assert found.number is not None
        assert found.number.text == sample.content.code
    assert not failures, failures


def test_recipients_exclude_the_archive_copy(samples: list[Sample]) -> None:
    """§7: ``Nơi nhận`` ends with ``Lưu: VT, …``, the register copy, not a recipient."""
    for sample in samples:
        found = extract_metadata(sample.text)
        expected = [r.rstrip(";.") for r in sample.content.recipients if not r.startswith("Lưu")]
        assert list(found.recipients) == expected, sample.content.seed


@pytest.mark.tesseract
@pytest.mark.parametrize("seed", [0, 5])
def test_extraction_from_real_ocr_of_a_clean_synthetic_scan(seed: int, tmp_path: Path) -> None:
    """End to end: the engine's Tesseract pass on a clean generated page, then extraction from
    its text and from its hOCR words; type, số/ký hiệu and date come out exactly."""
    from digitize.metadata.layout import words_from_hocr
    from digitize.ocr.engine import get_engine
    from digitize.synth import make_document

    doc = make_document(seed)
    image = tmp_path / "page.png"
    doc.images[0].save(image)
    outputs = get_engine("tesseract").recognize(
        image, tmp_path / "page", dpi=300, lang="vie", timeout=120
    )
    truth = doc.content.metadata()
    for found in (
        extract_metadata(outputs.txt.read_text(encoding="utf-8")),
        extract_metadata("", words_from_hocr(outputs.hocr)),
    ):
        got = {tag: f.value for tag, f in found.fields().items()}
        for tag in ("TypeName", "CodeNumber", "CodeNotation", "IssuedDate"):
            assert got[tag] == truth[tag], (tag, got[tag], truth[tag])
