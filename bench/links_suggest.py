"""Precision@1 and recall of `argmap links suggest` against the links annotated by hand (tests/links/gold.yaml),
on the five maps with their links.yaml set aside (else the known links would not be suggested).

    .venv/bin/python bench/links_suggest.py [--limit N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from argmap.corpus import load_corpus
from argmap.links import suggest as sg

ROOT = Path(__file__).resolve().parent.parent


def gold() -> dict[frozenset[str], str]:
    data = yaml.safe_load((ROOT / "tests" / "links" / "gold.yaml").read_text())
    return {frozenset(pair): relation for relation in ("same", "opposes") for pair in data[relation]}


def run(limit: int = 40) -> sg.Measure:
    corpus, _, _ = load_corpus([str(ROOT / "maps")])
    corpus.links = []
    return sg.measure(sg.suggest(corpus, 0, 0.0), gold(), limit)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    start = time.perf_counter()
    result = run(args.limit)
    print(f"lexical: precision@1 {result.precision_at_1:.2f} ({result.claims} claims), "
          f"recall@{args.limit} {result.recall:.2f}, recall of all candidates {result.recall_all:.2f} "
          f"({result.pairs} gold pairs), relation right {result.relation_accuracy:.2f}; "
          f"{time.perf_counter() - start:.2f} s")
