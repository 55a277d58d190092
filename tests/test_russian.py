"""Quotes in the original language (issue 24, section 2): a map in English of an article in Russian or
Belarusian. The quote check reads `ё` as `е` and every form of the apostrophe as one, never reads a Latin
letter as the Cyrillic one it is drawn like (Q005 says which, where), the analyses and the report print
a quote's translation beside it, and an agent's names in several scripts are aliases of one agent."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.analysis import lookup
from argmap.checks import confusables
from argmap.files import textmatch
from argmap.files.textmatch import find, lookalikes, mixed_letters, normalise
from argmap.interfaces.cli import app
from argmap.model.corpus import load_corpus
from argmap.outputs.export.json_export import corpus_from_json, to_json

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "russian"
ARTICLE = DATA / "sources" / "zarechye-library.txt"
runner = CliRunner()

APOSTROPHES = ["'", "\u2019", "\u02bc", "\u02bb", "`", "\u00b4"]
# Russian and Belarusian small letters, without ё (the strategies put it in where they want it)
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюяіў"
# Cyrillic letters and the Latin letters drawn like them
LOOKALIKE_PAIRS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
                   "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
                   "Т": "T", "Х": "X"}

words = st.text(alphabet=CYRILLIC, min_size=2, max_size=9)
sentences = st.lists(words, min_size=2, max_size=8).map(" ".join)


# -- the folds ---------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(sentences, st.data())
def test_yo_and_ye_are_read_alike_on_either_side(text: str, data: st.DataObject) -> None:
    """Any е of the article or the quote may be printed ё (or Ё at a capital): the quote still matches,
    at the same place, and the match covers the article's own letters."""
    places = [i for i, c in enumerate(text) if c == "е"]
    article_yo = data.draw(st.sets(st.sampled_from(places)) if places else st.just(set()))
    quote_yo = data.draw(st.sets(st.sampled_from(places)) if places else st.just(set()))
    article = "".join("ё" if i in article_yo else c for i, c in enumerate(text))
    quote = "".join("ё" if i in quote_yo else c for i, c in enumerate(text))
    whole = f"Начало. {article.capitalize()} конец.\n"
    match = find(quote.capitalize(), normalise(whole))
    assert match is not None
    assert whole[match.start:match.end] == article.capitalize()
    # ... and the decomposed ё (е and a combining diaeresis) too
    decomposed = whole.replace("ё", "е\u0308").replace("Ё", "Е\u0308")
    assert find(quote.capitalize(), normalise(decomposed)) is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=CYRILLIC + "ёїЁЙЎЇ", min_size=2, max_size=9), min_size=2, max_size=8).map(" ".join),
       st.booleans())
def test_a_decomposed_letter_reads_as_the_letter(text: str, article_decomposed: bool) -> None:
    """й, ў, ё, ї saved as a letter and a combining mark (NFD) read as the one letter, on either side, and the
    match covers the article's characters, marks included."""
    import unicodedata

    nfd = unicodedata.normalize("NFD", text)
    article, quote = (nfd, text) if article_decomposed else (text, nfd)
    whole = f"Начало. {article} конец.\n"
    match = find(quote, normalise(whole))
    assert match is not None
    assert unicodedata.normalize("NFC", whole[match.start:match.end]) == unicodedata.normalize("NFC", article)


@settings(max_examples=200, deadline=None)
@given(words, words, st.sampled_from(APOSTROPHES), st.sampled_from(APOSTROPHES))
def test_the_apostrophes_forms_are_read_alike(left: str, right: str, ours: str, theirs: str) -> None:
    article = f"Гэта {left}{theirs}{right} і яшчэ {right}."
    assert find(f"{left}{ours}{right} і яшчэ", normalise(article)) is not None


def test_the_folds_are_one_to_one_so_positions_stay_right() -> None:
    text = "Пётр сказал:\nсям\u02bcя — гэта ўсё.\n"
    found = find("сям'я — гэта усе", normalise(text))
    assert found is None  # ў is not у: only ё and the apostrophe are folded
    found = find("сям'я — гэта ўсе", normalise(text))
    assert found is not None and (found.line, found.column) == (2, 1)
    assert text[found.start:found.end] == "сям\u02bcя — гэта ўсё"


def _plant(parts: list[str], data: st.DataObject) -> tuple[str, int, str]:
    """The words as one text, a place in it of a Cyrillic letter with a Latin look-alike, and that Latin letter."""
    text = " ".join(parts)
    places = [i for i, c in enumerate(text) if c in LOOKALIKE_PAIRS]
    if not places:
        places = [0]
        text = "о" + text[1:]
    at = data.draw(st.sampled_from(places))
    return text, at, LOOKALIKE_PAIRS[text[at]]


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=3, max_size=8), st.data())
def test_a_latin_lookalike_in_the_quote_never_matches_and_is_named(parts: list[str], data: st.DataObject) -> None:
    text, at, latin = _plant(parts, data)
    quote = text[:at] + latin + text[at + 1:]
    article = normalise(f"Вот: {text}.\n")
    assert find(quote, article) is None, "a Latin letter must never be read as a Cyrillic one"
    found = lookalikes(quote, article)
    assert [(x.side, x.char, x.line, x.column, x.other) for x in found] == [("quote", latin, 1, at + 1, text[at])]
    described = found[0].describe()
    assert f"the quote's {latin!r} at column {at + 1} is Latin U+{ord(latin):04X}" in described


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=3, max_size=8), st.data())
def test_a_latin_lookalike_in_the_article_never_matches_and_is_named(parts: list[str], data: st.DataObject) -> None:
    text, at, latin = _plant(parts, data)
    article_text = "Первая строка.\nВот: " + text[:at] + latin + text[at + 1:] + ".\n"
    article = normalise(article_text)
    assert find(text, article) is None
    found = lookalikes(text, article)
    assert [(x.side, x.char, x.line, x.column) for x in found] == [("article", latin, 2, len("Вот: ") + at + 1)]


def test_lookalikes_is_empty_when_reading_them_alike_would_not_help() -> None:
    article = normalise("Политика страны не изменится.")
    assert lookalikes("экономика страны не изменится", article) == []
    assert lookalikes("пoлитика страны не изменилась", article) == []


def test_lookalikes_in_a_cut_quote() -> None:
    article = normalise("Он сказал, что политика страны, как и прежде, не изменится никогда.")
    quote = "что пoлитика страны … не изменится никогда"
    assert find(quote, article) is None
    [found] = lookalikes(quote, article)
    assert (found.side, found.char, found.column, found.word) == ("quote", "o", 6, "пoлитика")


def test_a_cyrillic_letter_in_a_latin_word_is_named_too() -> None:
    article = normalise("Lukash\u0435nko said nothing.")
    [found] = lookalikes("Lukashenko said nothing", article)
    assert (found.side, found.char, found.word_script) == ("article", "\u0435", "Latin")
    assert "is Cyrillic U+0435 inside a Latin word" in found.describe()


def test_mixed_letters_names_the_odd_letter_only() -> None:
    assert mixed_letters("политика и экономика") == []
    assert mixed_letters("IT-страна и Lukashenka") == []  # a Latin word beside a Cyrillic one is no mix
    [found] = mixed_letters("вот пoлитика")
    assert (found.char, found.column, found.word_script) == ("o", 6, "Cyrillic")


def test_the_lookalike_table_is_the_inverse_of_r011s_skeleton() -> None:
    """One idea of which letters look alike: textmatch's Latin-to-Cyrillic table inverts the Cyrillic part of
    confusables' skeleton (each ASCII letter that a Cyrillic letter is read as, back to such a letter)."""
    table = textmatch._LOOKALIKE
    for cyrillic_code, latin in confusables._HOMOGLYPHS.items():
        cyrillic = chr(cyrillic_code)
        if textmatch.script(cyrillic) != "Cyrillic" or not isinstance(latin, str):
            continue
        assert latin in table, f"{latin!r} (read for Cyrillic {cyrillic!r}) has no Cyrillic look-alike in textmatch"
        assert textmatch.script(table[latin]) == "Cyrillic"
        assert confusables._HOMOGLYPHS.get(ord(table[latin])) == latin


# -- the test article and its map ---------------------------------------------------------------------


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA, tmp_path / "russian")
    monkeypatch.chdir(tmp_path / "russian")
    return tmp_path / "russian"


def check(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", ".", "--sources", "sources", "--require-sources", "--no-cache", *args])
    return result.exit_code, result.output


def test_the_russian_map_passes_strict(work: Path) -> None:
    code, output = check("--strict")
    assert code == 0, output
    assert "6 of 6 quotes verified" in output


def test_the_article_needs_every_fold(work: Path) -> None:
    """The map's quotes are written without ё and with a plain apostrophe where the article has ё, ’ and ʼ:
    if a fold broke, its quote would fail."""
    article = ARTICLE.read_text(encoding="utf-8")
    assert "течёт" in article and "сям\u2019і" in article and "аб\u02bcява" in article
    text = (work / "sokolova-zarechye-library.yaml").read_text(encoding="utf-8")
    assert "крыша течет" in text and "сям'і" in text and "аб'ява" in text
    for variant in ("\u2019", "\u02bc", "\u02bb", "`", "\u00b4"):
        (work / "sokolova-zarechye-library.yaml").write_text(text.replace("сям'і", f"сям{variant}і"), encoding="utf-8")
        assert check("--strict")[0] == 0, variant


def _add_evidence(work: Path, quote: str) -> None:
    path = work / "sokolova-zarechye-library.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\npositions:\n", (
        "  - id: e-compromise\n"
        f"    quote: \"{quote}\"\n"
        "    translation: \"a reasonable compromise\"\n"
        "    speaker: author\n"
        "    grounds: [thesis]\n"
        "\npositions:\n")), encoding="utf-8")


def test_a_quote_of_the_planted_word_in_cyrillic_fails_naming_the_articles_latin_letter(work: Path) -> None:
    _add_evidence(work, "разумным компромиссом")  # all Cyrillic; the article has a Latin o in the word
    code, output = check()
    assert code == 1
    line = next(n for n, text in enumerate(ARTICLE.read_text(encoding="utf-8").splitlines(), 1) if "кoмпромиссом" in text)
    column = ARTICLE.read_text(encoding="utf-8").splitlines()[line - 1].index("кoмпромиссом") + 2
    assert "Q005" in output
    assert (f"the article's 'o' at line {line}, column {column} is Latin U+006F inside a Cyrillic word "
            "('кoмпромиссом'), where the quote has Cyrillic 'о' U+043E") in " ".join(output.split())


def test_a_quote_that_copies_the_planted_letter_is_verbatim_but_warned(work: Path) -> None:
    _add_evidence(work, "разумным кoмпромиссом")
    code, output = check()
    assert code == 0, output
    assert "Q005" in output and "7 of 7 quotes verified" in output
    flat = " ".join(output.split())
    assert "the quote's 'o' at column 11 is Latin U+006F inside a Cyrillic word ('кoмпромиссом')" in flat
    assert check("--strict")[0] == 1


def test_a_latin_letter_typed_in_a_quote_fails_naming_it(work: Path) -> None:
    path = work / "sokolova-zarechye-library.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Две половины", "Две пoловины"), encoding="utf-8")
    code, output = check()
    assert code == 1
    flat = " ".join(output.split())
    assert "Q005" in flat and "the quote's 'o' at column 6 is Latin U+006F inside a Cyrillic word ('пoловины')" in flat
    assert "retype the letter as the article has it ('о', U+043E)" in flat


# -- translations in the analyses, the report and the exports ------------------------------------------


def test_positions_compare_and_brief_print_the_translation(work: Path) -> None:
    shown = "“Две половины одного дела лучше, чем два пустых здания” (translation: Two halves of one job are better"
    for args in (["positions", "zarechye-library-should-move", "."], ["compare", "petr-lyovkin", "ales-maroz", "."]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert shown in " ".join(result.output.split())
    data = json.loads(runner.invoke(app, ["positions", "zarechye-library-should-move", ".", "-f", "json"]).output)
    quotes = _quote_objects(data)
    assert any(q.get("translation") == "Two halves of one job are better than two empty buildings" for q in quotes)
    markdown = runner.invoke(app, ["positions", "zarechye-library-should-move", ".", "-f", "markdown"]).output
    assert "(translation: Two halves of one job are better than two empty buildings)" in markdown


def _quote_objects(data: object) -> list[dict[str, object]]:
    """Every quote object ({"evidence", "quote", ...}) anywhere in an analysis's JSON."""
    if isinstance(data, dict):
        found = [data] if "quote" in data and "evidence" in data else []
        return found + [q for value in data.values() for q in _quote_objects(value)]
    if isinstance(data, list):
        return [q for value in data for q in _quote_objects(value)]
    return []


def test_the_report_shows_quote_and_translation_escaped(work: Path) -> None:
    path = work / "sokolova-zarechye-library.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'translation: "Two halves of one job are better than two empty buildings"',
        'translation: "Two halves <script>alert(1)</script> & more"'), encoding="utf-8")
    result = runner.invoke(app, ["report", ".", "-o", "report.html"])
    assert result.exit_code == 0, result.output
    html = (work / "report.html").read_text(encoding="utf-8")
    assert "“Две половины одного дела лучше, чем два пустых здания”" in html
    assert "(translation: Two halves &lt;script&gt;alert(1)&lt;/script&gt; &amp; more)" in html
    assert "<script>alert(1)" not in html
    assert "(translation: The library is a second home for every family)" in html


def test_the_exports_carry_translation_and_language(work: Path) -> None:
    corpus = load_corpus(["."])[0]
    data = to_json(corpus)
    [m] = data["maps"]
    assert m["source"]["language"] == "ru"
    assert {e["id"]: e["translation"] for e in m["evidence"]}["e-home"] == "The library is a second home for every family"
    back = corpus_from_json(json.loads(json.dumps(data)))
    assert [e.translation for e in back.maps[0].evidence] == [e.translation for e in corpus.maps[0].evidence]
    assert back.maps[0].source.language == "ru"
    result = runner.invoke(app, ["export", ".", "--to", "csv", "-o", "tables"])
    assert result.exit_code == 0, result.output
    with open(work / "tables" / "evidence.csv", encoding="utf-8", newline="") as handle:
        rows = {row["evidence"]: row for row in csv.DictReader(handle)}
    assert rows["e-notice"]["translation"] == "Our notice about the collection of signatures hangs on the doors"
    assert rows["e-notice"]["quote"] == "Наша аб'ява пра збор подпісаў вісіць на дзвярах"
    with open(work / "tables" / "maps.csv", encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["language"] == "ru"


def test_a_bad_language_tag_is_a_schema_finding(work: Path) -> None:
    path = work / "sokolova-zarechye-library.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: ru", "language: \"русский язык\""), encoding="utf-8")
    code, output = check()
    assert code == 1 and "S008" in output


# -- agents: names in several scripts are aliases of one agent ------------------------------------------


def test_names_in_several_scripts_are_one_agent_and_r011_stays_silent(work: Path) -> None:
    code, output = check("--strict")
    assert code == 0 and "R011" not in output
    corpus = load_corpus(["."])[0]
    assert list(confusables.check_agents(corpus)) == []
    for name in ("Лукашенко", "Lukashenka", "Lukashenko", "Лукашэнка", "лукашенко", "Аляксандр Лукашэнка"):
        assert lookup.agent(corpus, name) == "alyaksandr-lukashenka", name
    for name in ("Пётр Лёвкин", "Петр Левкин", "Пётр Левкин", "Pyotr Lyovkin"):
        assert lookup.agent(corpus, name) == "petr-lyovkin", name


def test_r011_still_fires_between_two_agents_when_one_takes_anothers_alias(work: Path) -> None:
    path = work / "agents.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: lukashenko\n    name: Lukashenk\u043e\n", encoding="utf-8")
    _, output = check()
    assert "R011" in output and "'lukashenko'" in output


def test_the_quotes_command_says_which_letter(work: Path) -> None:
    path = work / "sokolova-zarechye-library.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Две половины", "Две пoловины"), encoding="utf-8")
    result = runner.invoke(app, ["quotes", ".", "--sources", "sources"])
    assert ("e-halves -> zarechye-library.txt NOT FOUND (Q005: the quote's 'o' at column 6 is Latin U+006F inside a "
            "Cyrillic word ('пoловины'), where the article has Cyrillic 'о' U+043E)") in result.output
    rows = json.loads(runner.invoke(app, ["quotes", ".", "--sources", "sources", "-f", "json"]).output)["quotes"]
    assert [r["evidence"] for r in rows if r["lookalikes"]] == ["e-halves"]


def test_naming_lookalikes_stays_bounded_on_a_hostile_article() -> None:
    """Long words, and a quote whose every letter is a Latin look-alike of one of them."""
    import time

    article = normalise(("о" * 600 + " ") * 500)
    quote = "o" * 600
    started = time.monotonic()
    found = lookalikes(quote, article)
    assert len(found) == 600 and all(x.side == "quote" and x.other == "о" for x in found)
    assert len(found[0].word) <= 81
    assert time.monotonic() - started < 10


def test_fix_retypes_a_latin_letter_of_the_quote_but_never_copies_one_from_the_article(work: Path) -> None:
    path = work / "sokolova-zarechye-library.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Две половины", "Две пoловины"), encoding="utf-8")
    _add_evidence(work, "назвал план мэра «разумным компромиссом»")
    result = runner.invoke(app, ["fix", ".", "--sources", "sources", "--diff"])
    assert '+    quote: "Две половины одного дела' in result.output
    assert "кoмпромиссом" not in result.output.replace("-    quote", "")
    assert "1 fix in 1 file" in result.output


def test_brief_and_compare_carry_the_translation_of_a_cruxs_quotes(work: Path) -> None:
    """Two maps and a link between their claims: the crux's and the clash's quotes keep their translations."""
    text = (work / "sokolova-zarechye-library.yaml").read_text(encoding="utf-8")
    (work / "second.yaml").write_text(text.replace("id: sokolova-zarechye-library\n", "id: sokolova-zarechye-library-2\n")
                                      .replace("date: 2024-11", "date: 2024-12"), encoding="utf-8")
    (work / "links.yaml").write_text("argmap: 1\nlinks:\n  - from: sokolova-zarechye-library#merge-is-better\n"
                                     "    to: sokolova-zarechye-library-2#library-is-home\n    relation: attacks\n",
                                     encoding="utf-8")
    brief = json.loads(runner.invoke(app, ["brief", "zarechye-library-should-move", ".", "-f", "json"]).output)
    [crux] = brief["cruxes"]
    assert crux["from"]["quote"]["translation"] == "Two halves of one job are better than two empty buildings"
    assert crux["to"]["quote"]["translation"] == "The library is a second home for every family"
    markdown = runner.invoke(app, ["brief", "zarechye-library-should-move", ".", "-f", "markdown"]).output
    assert "(translation: The library is a second home for every family)" in markdown
    compared = runner.invoke(app, ["compare", "sokolova-zarechye-library", "sokolova-zarechye-library-2", "."]).output
    assert ("“Бібліятэка — гэта другі дом для кожнай сям'і” (translation: The library is a second home for every "
            "family) [e-home]") in " ".join(compared.split())
    data = json.loads(runner.invoke(app, ["compare", "sokolova-zarechye-library", "sokolova-zarechye-library-2", ".",
                                          "-f", "json"]).output)
    assert "The library is a second home for every family" in {q.get("translation") for q in _quote_objects(data)}
