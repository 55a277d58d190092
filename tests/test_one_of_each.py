"""One of each tool (issue 23): one stop-word list, and a corpus's own frequent words found from the corpus."""

from __future__ import annotations

import inspect

from argmap.analysis.links import suggest
from argmap.authoring import sentences, skeleton
from argmap.core import words


def test_one_stop_word_list() -> None:
    for module in (sentences, skeleton, suggest):
        source = inspect.getsource(module)
        assert "from argmap.core.words import STOPWORDS" in source
        assert "STOPWORDS = " not in source
    # no place names, no person: those are a corpus's frequent words, not English function words
    assert not {"belarus", "russia", "putin", "minsk"} & words.STOPWORDS


def test_a_corpus_frequent_words_come_from_its_document_frequency() -> None:
    texts = [f"The harbour tax will fund the {thing} of the harbour." for thing in
             ("dredging", "lighthouse", "ferry", "quay", "cranes", "pilots", "tugboats", "moorings", "warehouses", "fishmarket")]
    frequent = suggest.frequent_words(texts)
    assert {"harbour", "tax", "fund"} <= frequent
    assert "dredg" not in frequent and "ferry" not in frequent


def test_a_small_corpus_has_no_frequent_words() -> None:
    assert suggest.frequent_words(["the harbour tax"] * 3) == frozenset()


def test_one_id_pattern_and_one_slug() -> None:
    from argmap.authoring import skeleton
    from argmap.authoring.importers import builder
    from argmap.core import ids
    from argmap.model import schema

    assert schema.SCHEMAS["map"]["definitions"]["id"]["pattern"] == ids.ID_PATTERN
    assert builder.slug("Dzianis Melyantsou: the merger", "x", 2) == ids.slug("Dzianis Melyantsou", "x") == "dzianis-melyantsou"
    assert ids.slug("Café de la Paix") == "cafe-de-la-paix"
    assert ids.is_id("a-b1") and not ids.is_id("a--b") and not ids.is_id("a\n") and not ids.is_id("a" * 81)
    for module in (schema, skeleton, builder):
        assert "[a-z0-9]+(-[a-z0-9]+)*" not in inspect.getsource(module)


def test_the_named_folds() -> None:
    from argmap.core import folds

    assert folds.words('Russia’s "soft" annexation') == "russia s soft annexation"
    assert folds.letters("Soft-annexation!") == "softannexation"
    assert folds.hyphenated("Ana  Antal") == "ana-antal"
