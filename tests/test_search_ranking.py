"""Ranking without BM25: metadata matches first, then more matching pages, then the newest."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import records_archive as factory

from digitize.records import build_records, search
from digitize.records.search import META_SCORE

Doc, admin_text = factory.Doc, factory.admin_text


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ranking") / "kho"
    body = "Báo cáo tình hình thực hiện nhiệm vụ."
    factory.make_archive(
        root,
        [
            # The phrase on one page of three.
            Doc("a/once.png", (admin_text(body=body), "Kiểm tra đê điều.", "Phụ lục.")),
            # On two pages.
            Doc("a/twice.png", (admin_text(body="Kiểm tra đê điều."), "Kiểm tra đê điều lần 2.")),
            # In the trích yếu: the metadata.
            Doc("a/meta.png", (admin_text(subject="Về việc kiểm tra đê điều", body=body),)),
            # Once, like the first one, but added later (newer).
            Doc("b/newer.png", (admin_text(body="Kiểm tra đê điều."),)),
        ],
    )
    build_records(root)
    return root


def test_metadata_first_then_more_pages_then_newest(archive: Path) -> None:
    result = search(archive, "kiem tra de dieu")
    order = [h.record.source_path for h in result.hits]
    assert order[:2] == ["a/meta.png", "a/twice.png"]
    # Equal evidence (one matching page each): the one added later comes first.
    assert order[2:] == ["b/newer.png", "a/once.png"]
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] >= META_SCORE > scores[1]
    assert result.hits[1].pages == (1, 2) and scores[1] == pytest.approx(2 / 3)
    assert result.total == 4 and result.total_exact


def test_phrase_and_words_rank_the_same_way_in_both_modes(archive: Path) -> None:
    folded = search(archive, '"kiểm tra đê điều"')
    accents = search(archive, '"kiểm tra đê điều"', mode="accents")
    assert [h.record.doc_id for h in folded.hits] == [h.record.doc_id for h in accents.hits]
    assert [h.score for h in folded.hits] == [h.score for h in accents.hits]


FILTERS = (
    {"dossier": "a"},
    {"dossier": "b"},
    {"doc_type": "QĐ"},
    {"agency": "so noi vu"},
    {"date_from": "2015", "date_to": "2015"},
    {"date_from": "2016"},
)


@pytest.mark.parametrize("filters", FILTERS)
def test_filter_as_a_set_or_tested_page_by_page_gives_the_same_answer(
    archive: Path, filters: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The package exports the function search under the module's name.
    search_module = importlib.import_module("digitize.records.search")
    answers = []
    for share in (0.0, 1.0):  # every filter tested page by page, then every one as a set
        monkeypatch.setattr(search_module, "SET_SHARE", share)
        result = search(archive, "kiem tra", filters)
        answers.append(
            (
                [(h.record.doc_id, h.pages, h.page, h.snippet, h.score) for h in result.hits],
                result.total,
                result.total_exact,
            )
        )
    assert answers[0] == answers[1]
