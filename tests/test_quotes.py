"""The quote check: typographic noise is seen through, a changed character is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.checks.quotes import Sources, check, locate
from argmap.files.textmatch import find, nearest, normalise
from argmap.interfaces.cli import app
from argmap.model.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

ARTICLE = (
    "Minsk \u2018rejects\u2019 the \u201cdeep integration\u201d plan \u2014 for now.\n"
    "The president said\u00a0that sovereignty is \u201csacred\u201d and that the\n"
    "union will never be a merger. Economists expect inte-\n"
    "gration of tax codes, and Belarus-\n"
    "Russia trade grew.\u00a0 Critics call it \u201csoft annexation\u2026\u201d.\n"
    "The last multi-vector line.\n"
)


def found(quote: str) -> bool:
    return find(quote, normalise(ARTICLE)) is not None


@pytest.mark.parametrize("quote", [
    "Minsk 'rejects' the \"deep integration\" plan",          # straight for curly quotes
    "Minsk \u2018rejects\u2019 the \u201cdeep integration\u201d plan",  # exactly as printed
    "plan - for now.",                                        # hyphen for an em dash
    "plan -- for now.",
    "plan \u2013 for now.",                                   # en dash
    "The president said that sovereignty",                    # plain space for a no-break space
    "sovereignty is \"sacred\" and that the union will never be a merger.",  # line break inside a sentence
    "Economists expect integration of tax codes",             # a word hyphenated across a line end
    "Economists expect inte-gration of tax codes",
    "Belarus-Russia trade grew.",                             # a real hyphen at a line end
    "The president said \u2026 the union will never be a merger.",  # ellipsis for an omitted part
    "The president said [...] the union will never be a merger.",
    "The president said [\u2026] the union will never be a merger.",
    "The president said ... the union will never be a merger.",
    "\u2026sovereignty is \u201csacred\u201d",                # leading ellipsis
    "Critics call it \u201csoft annexation\u2026\u201d.",     # an ellipsis printed in the article itself
    "trade grew. Critics",                                    # several spaces collapse
])
def test_quirks_are_seen_through(quote: str) -> None:
    assert found(quote)


@pytest.mark.parametrize("quote", [
    "Minsk 'accepts' the \"deep integration\" plan",          # a changed word
    "Minsk 'rejects' the \"deep intgration\" plan",           # one letter dropped
    "minsk 'rejects'",                                        # case matters
    "the union will never be a merger \u2026 The president said",  # parts out of order
    "Economists expect integrationof tax codes",               # a space lost
    "The last multivector line.",                              # a real hyphen dropped
])
def test_real_differences_are_not(quote: str) -> None:
    assert not found(quote)


def test_location_of_a_match() -> None:
    article = normalise(ARTICLE)
    match = find("union will never be a merger", article)
    assert match is not None
    assert (match.line, match.column) == (3, 1)
    assert ARTICLE[match.start:match.end] == "union will never be a merger"


def test_near_miss_shows_the_passage() -> None:
    near = nearest("sovereignty is \"scared\" and that", normalise(ARTICLE))
    assert near is not None
    assert near.passage.startswith("sovereignty is \u201csacred\u201d")
    assert near.line == 2 and 80 < near.score < 100


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_normalise_never_fails_and_offsets_are_monotonic(text: str) -> None:
    result = normalise(text)
    offsets = [result.original_offset(i) for i in range(len(result.text) + 1)]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(text) for o in offsets)


@given(st.text(min_size=1, max_size=60))
def test_any_substring_of_an_article_is_found(text: str) -> None:
    """A quote copied straight from the text always matches, whatever characters it holds."""
    article = "Lead-in words. " + text + " Trailing words."
    quote = text.strip()
    if not quote or "\u2026" in quote or "..." in quote or "[" in quote:
        return
    if not any(c.isalnum() for c in quote):  # no word at all (a soft hyphen, a comma): not a quote to promise
        return
    assert find(quote, normalise(article)) is not None


def _tiny_corpus(tmp_path: Path, source_name: str, quote: str) -> Path:
    base = ROOT / "tests" / "corpus" / "base"
    for name in ("agents.yaml", "questions.yaml"):
        shutil.copy(base / name, tmp_path / name)
    text = (base / "ok-base.yaml").read_text().replace("text: base.txt", f"text: {source_name}")
    text = text.replace('quote: "Bob says no."', f"quote: {quote!r}")
    (tmp_path / "map.yaml").write_text(text)
    return tmp_path


def test_missing_source_is_info_or_error(tmp_path: Path) -> None:
    corpus = _tiny_corpus(tmp_path / "maps", "absent.txt", "Bob says no.") if (tmp_path / "maps").mkdir() is None else None
    sources = tmp_path / "sources"
    sources.mkdir()
    assert corpus is not None
    relaxed = runner.invoke(app, ["check", str(corpus), "--sources", str(sources)])
    assert relaxed.exit_code == 0 and "Q002 [info]" in relaxed.output
    strict = runner.invoke(app, ["check", str(corpus), "--sources", str(sources), "--require-sources"])
    assert strict.exit_code == 1 and "Q002 [error]" in strict.output


def test_source_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    corpus = _tiny_corpus(tmp_path / "maps", "latin.txt", "Bob says no.")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "latin.txt").write_bytes("Bob says no. Caf\xe9.".encode("latin-1"))
    result = runner.invoke(app, ["check", str(corpus), "--sources", str(tmp_path / "src")])
    assert result.exit_code == 1 and "Q003" in result.output


def test_quote_with_quirks_passes_through_cli(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    corpus = _tiny_corpus(tmp_path / "maps", "bob.txt", "Bob said … when asked, “never”.")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "bob.txt").write_text("The thesis holds.\nBob said, and said again when asked, \"never\".\n")
    result = runner.invoke(app, ["check", str(corpus), "--sources", str(tmp_path / "src"), "--strict"])
    assert result.exit_code == 0, result.output
    located = runner.invoke(app, ["quotes", str(corpus), "--sources", str(tmp_path / "src")])
    assert "bob.txt line 2, column 1, offset 18" in located.output


# -- the real maps against the real articles ---------------------------------------------------------


def test_real_maps_pass_the_full_check(seeds: Path, in_root: Path) -> None:
    result = runner.invoke(app, ["check", "maps", "--sources", str(seeds), "--require-sources", "--strict"])
    assert result.exit_code == 0, result.output


def _mutate(quote: str) -> str:
    """Change one letter near the middle of the quote."""
    middle = len(quote) // 2
    for index in sorted(range(len(quote)), key=lambda i: abs(i - middle)):
        if quote[index].isalpha() and quote[index].isascii():
            replacement = "x" if quote[index].lower() != "x" else "q"
            return quote[:index] + replacement + quote[index + 1:]
    raise AssertionError(f"no letter to change in {quote!r}")


def test_every_real_quote_breaks_on_one_changed_character(seeds: Path, in_root: Path) -> None:
    corpus, _, _ = load_corpus(["maps"])
    assert sum(len(m.evidence) for m in corpus.maps) >= 50
    sources = Sources(str(seeds))
    for m in corpus.maps:
        assert all(loc.match for loc in locate(m, sources)), m.id
        for item in m.evidence:
            original = item.quote
            item.quote = _mutate(original)
            try:
                single = type(corpus)(maps=[type(m)(**{**m.__dict__, "evidence": [item]})])
                (finding,) = list(check(single, str(seeds)))
            finally:
                item.quote = original
            assert finding.code == "Q001" and finding.path == m.path and finding.line == item.quote_line
            assert "closest passage" in finding.hint


def test_cli_names_file_line_and_passage_of_a_broken_quote(seeds: Path, tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    shutil.copytree(ROOT / "maps", maps)
    target = maps / "melyantsou-2021-union-breakthrough.yaml"
    lines = target.read_text().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.lstrip().startswith("quote:"))
    lines[number] = _mutate(lines[number].rstrip("\n")) + "\n"
    target.write_text("".join(lines))
    result = runner.invoke(app, ["check", str(maps), "--sources", str(seeds), "--require-sources", "--strict"])
    assert result.exit_code == 1
    assert f"melyantsou-2021-union-breakthrough.yaml:{number + 1}:" in result.output
    assert "Q001" in result.output and "closest passage" in result.output
