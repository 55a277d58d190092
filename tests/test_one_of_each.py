"""One of each tool (issue 23): one stop-word list, and a corpus's own frequent words found from the corpus."""

from __future__ import annotations

import inspect

from argmap import words
from argmap.authoring import sentences, skeleton
from argmap.links import suggest


def test_one_stop_word_list() -> None:
    for module in (sentences, skeleton, suggest):
        source = inspect.getsource(module)
        assert "from argmap.words import STOPWORDS" in source
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
