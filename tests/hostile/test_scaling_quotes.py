"""The quote check grows linearly with the article, whatever the quote (issue 11).

Each test times two sizes and asserts the growth ratio, never an absolute time: four times the article
may cost at most `growth.LIMIT` times as much (linear is 4, quadratic 16: a factor of four keeps the noise
of a loaded machine, against which the minimum of a few runs is the first defence, far from the verdict). The
backtracking regex these replace took 8.8 s for two cuts on 8 KB and grew with the square of the
article on a quote that misses at its end.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from argmap.files.textmatch import explain, find, nearest, normalise
from tests.hostile.growth import LIMIT, growth

WORDS = "the union state said that belarus russia would never merge economists expect integration of tax codes".split()


def prose(size: int) -> str:
    """Paragraphs of plain words (no randomness: the same text at every run)."""
    out: list[str] = []
    total, k = 0, 0
    while total < size:
        para = " ".join(WORDS[(k * 7 + i * i) % len(WORDS)] for i in range(60)) + ".\n\n"
        k += 1
        out.append(para)
        total += len(para)
    return "".join(out)[:size]


def quote_check(article: str, quote: str) -> Callable[[], object]:
    normalised = normalise(article)

    def run() -> object:
        if find(quote, normalised) is None:
            failure = explain(quote, normalised)
            return nearest(quote, normalised, failure.part) if failure.rule is None else failure
        return None
    return run


def test_many_cuts_that_never_chain() -> None:
    """Every part is everywhere, the chain never completes: one pass per part, no backtracking."""
    quote = "the union … state said … that belarus … russia would … never merge … zzzq qqq"
    for cuts_quote in (quote, "e … e … e … zzzq", "the union … the union … the union … the union"):
        # both sizes above the size from which `nearest` searches windows, not the whole article
        def make(n: int, q: str = cuts_quote) -> Callable[[], object]:
            return quote_check(prose(n), q)
        assert growth(make, 300_000) < LIMIT, cuts_quote


def test_a_quote_that_misses_at_its_end() -> None:
    quote = " ".join(WORDS[:12]) + " zzzq"
    assert growth(lambda n: quote_check(prose(n), quote), 300_000) < LIMIT


def test_periodic_article_and_quote() -> None:
    """Overlapping occurrences everywhere ('a a a a …'): the period skip keeps enumeration linear."""
    assert growth(lambda n: quote_check("a " * (n // 2), "a " * 300 + "b"), 100_000) < LIMIT
    assert growth(lambda n: quote_check("a" * n, "a" * 500), 20_000) < LIMIT
    assert growth(lambda n: quote_check("a-" * (n // 2), "a-" * 100 + "aa"), 40_000) < LIMIT  # tens of ms: noise stays small


def test_normalise_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        text = prose(n)
        return lambda: normalise(text)
    assert growth(make, 500_000) < LIMIT


def _peak(size: int) -> tuple[float, int]:
    """CPU seconds and peak resident memory (KiB) of checking two quotes in a fresh process (CPU time, as
    tests/hostile/growth.py says why: a busy machine makes the longer run wait longer)."""
    code = (
        "import resource, sys, time\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_scaling_quotes import prose, quote_check\n"
        "text = prose(int(sys.argv[1]))\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "started = time.process_time()\n"
        "quote_check(text, 'economists expect integration')()\n"
        "quote_check(text, 'tax codes … zzzq qqq')()\n"
        "print(time.process_time() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base)\n"
    )
    here = __file__.rsplit("/", 1)[0]
    out = subprocess.run([sys.executable, "-c", code, str(size), here], capture_output=True, text=True, check=True)
    seconds, kib = out.stdout.split()
    return float(seconds), int(kib)


def test_a_large_article_costs_a_few_times_its_size() -> None:
    (small_time, small_mem), (large_time, large_mem) = _peak(4_000_000), _peak(8_000_000)
    if large_time / small_time >= 3.0:  # once more, in turns, the best of each: one slow spell is not growth
        again_small, again_large = _peak(4_000_000), _peak(8_000_000)
        small_time, large_time = min(small_time, again_small[0]), min(large_time, again_large[0])
    assert large_time / small_time < 3.0
    # beyond the text itself: a few bytes a character (the regex version held ~90 bytes a character)
    assert large_mem < 4 * 8_000_000 // 1024 and large_mem / max(small_mem, 1) < 3.0
