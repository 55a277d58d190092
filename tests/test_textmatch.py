"""The quote matcher's rules (issues 10 and 11): an ellipsis never manufactures a quote."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.checks.quotes import QuoteCounts, Sources, check, check_map, count_unchecked
from argmap.files import textmatch
from argmap.files.textmatch import DEFAULT_MAX_GAP, explain, find, nearest, normalise
from argmap.interfaces.cli import app
from argmap.model.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

ARTICLE = (
    "Russia is no longer ready to subsidise the Belarusian economy, officials in Moscow said.\n"
    "The talks went on for hours.\n"
    "\n"
    "In Minsk, Belarus answered that the union state is a partnership of equals.\n"
)


def reason(quote: str, article: str = ARTICLE, max_gap: int = DEFAULT_MAX_GAP) -> str:
    normalised = normalise(article)
    assert find(quote, normalised, max_gap) is None
    return explain(quote, normalised, max_gap).message


@pytest.mark.parametrize(("quote", "why"), [
    ("Russia ... Belarus", "fragment 'Russia' has fewer than two words"),
    ("Russia is … Belarus", "fragment 'Belarus' has fewer than two words"),
    ("ussia is no longer ready to subsid", "found only inside words: 'ussia is no longer ready to subsid' stands in "
                                           "\"Russia is no longer ready to subsidise\""),
    ("the talks went on", None),  # capitals: not in the article (the check gives the capitals hint)
    ("The talks went on … Belarus answered that", "the parts span a paragraph break"),
    ("Belarus answered … Russia is no", "the parts are not in this order in the article (or they overlap)"),
    ("no longer ready … no longer ready", "the parts are not in this order in the article (or they overlap)"),
])
def test_an_ellipsis_does_not_manufacture_a_quote(quote: str, why: str | None) -> None:
    message = reason(quote)
    if why is not None:
        assert message == why
    else:
        assert "not in the article" in message


def test_the_gap_is_bounded() -> None:
    article = "The first words stand here, " + "filler words " * 40 + "and the last words stand there."
    quote = "The first words … the last words"
    assert find(quote, normalise(article)) is None
    assert reason(quote, article) == f"the parts are found only more than {DEFAULT_MAX_GAP} characters apart"
    assert find(quote, normalise(article), max_gap=1000) is not None


@pytest.mark.parametrize("quote", [
    "Russia is no longer ready … the Belarusian economy",
    "officials in Moscow … for hours",  # a single line break is not a paragraph break
    "Russia is no longer ready [...] the Belarusian economy, officials",
    "officials in Moscow said. The talks went on",  # no ellipsis: a line break is a space
    "for hours. In Minsk",                          # no ellipsis: a quote may run over a paragraph break
    "… the union state is a partnership …",
    "Russia is no longer ready to subsidise",
])
def test_honest_cuts_still_match(quote: str) -> None:
    assert find(quote, normalise(ARTICLE)) is not None


def test_a_later_occurrence_can_be_the_one_that_chains() -> None:
    """Greedy earliest would take the first 'alpha beta', from which 'gamma delta' is out of reach."""
    article = "alpha beta one. " + "x " * 200 + "alpha beta two. " + "y " * 100 + "gamma delta."
    match = find("alpha beta … gamma delta", normalise(article))
    assert match is not None and article[match.start:].startswith("alpha beta two")


def test_word_boundaries_and_line_hyphens() -> None:
    article = normalise("The inte-\ngration of tax codes and multi-vector policy.\n")
    assert find("integration of tax", article) is not None
    assert find("inte-gration of tax", article) is not None
    assert find("gration of tax", article) is None  # inside the word broken at the line end
    assert find("vector policy", article) is not None  # after a real hyphen: a word boundary
    assert find("multivector policy", article) is None


def test_suspended_hyphens_and_folded_lines() -> None:
    article = normalise("Both pro- and anti-Russian voices, Belarus-\nRussia trade.")
    assert find("Both pro- and anti-Russian voices", article) is not None
    assert find("Belarus- Russia trade", article) is not None  # a folded YAML line after the hyphen


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_offsets_are_monotonic_and_in_range(text: str) -> None:
    result = normalise(text)
    offsets = [result.original_offset(i) for i in range(len(result.text) + 1)]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(text) for o in offsets)


@given(st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "-", "\n", "\n\n", "…"]), max_size=30),
       st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "…"]), min_size=1, max_size=8))
def test_a_match_obeys_every_rule(article_words: list[str], quote_words: list[str]) -> None:
    """Whatever is found: every fragment on word boundaries, in order, within one paragraph and the gap."""
    article = " ".join(article_words)
    quote = " ".join(quote_words)
    normalised = normalise(article)
    match = find(quote, normalised, max_gap=20)
    if match is None or not textmatch.has_ellipsis(quote):
        return
    found = article[match.start:match.end]
    assert not (match.start and article[match.start - 1].isalnum() and found[:1].isalnum())
    assert not (match.end < len(article) and article[match.end].isalnum() and found[-1:].isalnum())


def test_capitals_hint_and_whole_word_passage(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    corpus = _tiny_corpus(tmp_path / "maps", "bob.txt", "the talks went on for hours.")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "bob.txt").write_text("The thesis holds.\n" + ARTICLE)
    (finding,) = _quote_findings(corpus, tmp_path / "src")
    assert "only in capitals" in finding.message
    assert finding.hint == 'the article has: "The talks went on for hours."'


def test_nearest_passage_is_whole_words_and_says_what_differs() -> None:
    near = nearest("no longer willing to subsidise", normalise(ARTICLE))
    assert near is not None
    assert "no longer ready to subsidise" in near.passage
    assert all(f" {word.strip(',.')} " in f" {ARTICLE} ".replace(",", " ").replace(".", " ")
               for word in near.passage.split())  # whole words only
    assert "'willing' where the article has 'ready'" in near.differs


def test_nearest_passage_is_bounded_on_a_large_article() -> None:
    article = normalise(("filler text of the article. " * 40_000) + ARTICLE)
    near = nearest("Belarus answered that the union state is a partnership of unequals", article)
    assert near is not None and near.passage.startswith("Belarus answered") and near.line == 4


# -- sources: a search path, did you mean, counts ----------------------------------------------------


def _tiny_corpus(maps: Path, source_name: str, quote: str) -> Path:
    base = ROOT / "tests" / "corpus" / "base"
    for name in ("agents.yaml", "questions.yaml"):
        shutil.copy(base / name, maps / name)
    text = (base / "ok-base.yaml").read_text().replace("text: base.txt", f"text: {source_name}")
    text = text.replace('quote: "Bob says no."', f"quote: {quote!r}")
    (maps / "map.yaml").write_text(text)
    return maps


def _quote_findings(maps: Path, *directories: Path, counts: QuoteCounts | None = None) -> list:  # type: ignore[type-arg]
    corpus, _, _ = load_corpus([str(maps)])
    return list(check(corpus, [str(d) for d in directories], True, counts))


def test_sources_is_a_search_path(tmp_path: Path) -> None:
    maps, first, second = tmp_path / "maps", tmp_path / "a", tmp_path / "b"
    for d in (maps, first, second):
        d.mkdir()
    _tiny_corpus(maps, "bob.txt", "Bob says no.")
    (second / "bob.txt").write_text("The thesis holds. Bob says no.\n")
    assert _quote_findings(maps, first, second) == []
    (first / "bob.txt").write_text("The thesis holds. Bob says yes.\n")  # the first directory wins
    (finding,) = _quote_findings(maps, first, second)
    assert finding.code == "Q001"
    assert Sources(str(first)).directories == [str(first)]  # one directory, as before


def test_missing_article_names_the_directories_and_the_nearest_file(tmp_path: Path) -> None:
    maps, first, second = tmp_path / "maps", tmp_path / "a", tmp_path / "b"
    for d in (maps, first, second):
        d.mkdir()
    _tiny_corpus(maps, "bob-artcle.txt", "Bob says no.")
    (second / "bob-article.txt").write_text("The thesis holds. Bob says no.\n")
    (finding,) = _quote_findings(maps, first, second)
    assert finding.code == "Q002"
    assert str(first) in finding.message and str(second) in finding.message
    assert finding.hint == "did you mean 'bob-article.txt'?"


def test_counts(tmp_path: Path) -> None:
    maps, src = tmp_path / "maps", tmp_path / "src"
    maps.mkdir()
    src.mkdir()
    _tiny_corpus(maps, "bob.txt", "Bob says no.")
    corpus, _, _ = load_corpus([str(maps)])
    (m,) = corpus.maps
    quotes = sum(1 for item in m.evidence if item.quote.strip())
    missing = QuoteCounts()
    list(check_map(m, Sources(str(src)), False, missing))
    assert (missing.total, missing.unchecked, missing.verified, missing.failed) == (quotes, quotes, 0, 0)
    (src / "bob.txt").write_text("The thesis holds. Bob says no.\n")
    counts = QuoteCounts()
    list(check_map(m, Sources(str(src)), False, counts))
    assert counts.total == quotes and counts.verified + counts.failed == quotes and counts.verified >= 1
    assert counts.articles == {str((src / "bob.txt").resolve())}
    none = QuoteCounts()
    count_unchecked(m, none)
    assert (none.total, none.unchecked) == (quotes, quotes)
    merged = pickle.loads(pickle.dumps(counts))
    merged.merge(none)
    assert (merged.total, merged.unchecked, merged.articles) == (2 * quotes, quotes, counts.articles)


def test_real_quotes_are_counted(seeds: Path, in_root: Path) -> None:
    corpus, _, _ = load_corpus(["maps"])
    counts = QuoteCounts()
    assert list(check(corpus, [str(seeds)], True, counts)) == []
    assert counts.total == counts.verified == sum(1 for m in corpus.maps for e in m.evidence if e.quote.strip())
    assert len(counts.articles) == len(corpus.maps)


def test_cli_reports_the_rule_broken(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    corpus = _tiny_corpus(tmp_path / "maps", "bob.txt", "Russia … Belarus")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "bob.txt").write_text(ARTICLE)
    result = runner.invoke(app, ["check", str(corpus), "--sources", str(tmp_path / "src")])
    assert result.exit_code == 1
    assert "fragment 'Russia' has fewer than two words" in result.output


@given(st.text(alphabet="ab \n\r-\u2026\u0301", max_size=80), st.lists(st.integers(0, 90), max_size=40))
def test_positions_are_the_counted_lines_and_columns_before_and_after_the_index(original: str, asked: list[int]) -> None:
    """Past textmatch._COUNTED positions an article indexes its line ends: the answers do not change."""
    article = normalise(original)
    for index in asked * 2:  # twice: past _COUNTED (16) for most lists
        offset = article.original_offset(index)
        expected = original.count("\n", 0, offset) + 1, offset - (original.rfind("\n", 0, offset) + 1) + 1
        assert article.position(index) == expected
