"""Precision@1 and recall of `argmap links suggest` against the links annotated by hand (tests/links/gold.yaml),
on the five maps with their links.yaml set aside (else the known links would not be suggested), for the
lexical method and, where `argmap[embeddings]` is installed, the sentence-embedding model.

    .venv/bin/python bench/links_suggest.py [--limit N] [--method lexical|model|both]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from argmap.analysis.links import suggest as sg
from argmap.model.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def gold() -> dict[frozenset[str], str]:
    data = yaml.safe_load((ROOT / "tests" / "links" / "gold.yaml").read_text())
    return {frozenset(pair): relation for relation in ("same", "opposes") for pair in data[relation]}


def run(limit: int = 40, method: sg.Method | None = None) -> sg.Measure:
    corpus, _, _ = load_corpus([str(ROOT / "maps")])
    corpus.links = []
    return sg.measure(sg.suggest(corpus, 0, 0.0, method), gold(), limit)


def line(name: str, result: sg.Measure, limit: int, seconds: float) -> str:
    return (f"{name}: precision@1 {result.precision_at_1:.2f} ({result.claims} claims), "
            f"recall@{limit} {result.recall:.2f}, recall of all candidates {result.recall_all:.2f} "
            f"({result.pairs} gold pairs), relation right {result.relation_accuracy:.2f}; {seconds:.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--method", choices=("lexical", "model", "both"), default="both")
    args = parser.parse_args()
    if args.method in ("lexical", "both"):
        start = time.perf_counter()
        print(line("lexical", run(args.limit), args.limit, time.perf_counter() - start))
    if args.method in ("model", "both"):
        from argmap.analysis.links import embed

        start = time.perf_counter()
        try:
            encoder = embed.load()
        except embed.ModelMissing as error:
            print(f"model: not measured: {error} ({embed.INSTALL})")
        else:
            loaded = time.perf_counter()
            result = run(args.limit, embed.ModelMethod(encoder))
            print(line("model", result, args.limit, time.perf_counter() - loaded) + f" (+ {loaded - start:.2f} s to load)")
