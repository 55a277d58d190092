"""Writing a map: `argmap new`, `argmap quotes --find / --unquoted`, `argmap check --show-unanswered`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from argmap.authoring import find as finder
from argmap.authoring import sentences, skeleton
from argmap.authoring.unanswered import unanswered
from argmap.files import textmatch
from argmap.model.maps import Agent, Corpus
from tests.clirun import run_cli as argmap

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"


def article(text: str, name: str = "a.txt") -> finder.Article:
    return finder.Article(name, name, textmatch.normalise(text))


# -- sentences -----------------------------------------------------------------------------------------

def test_sentences_read_hard_wrapped_text_bylines_and_abbreviations() -> None:
    text = ("Why Fears of a Merger\nNever Come True\n\nBy Jane Doe\nRelations between the two countries continue to\n"
            "baffle observers. Mr. Putin met Mr. Lukashenko in Sochi on Dec. 7. It was a full-\nscale inte-\n"
            "gration plan.\n")
    found = sentences.split(textmatch.normalise(text))
    texts = [s.text for s in found]
    assert "By Jane Doe" in texts
    assert "Relations between the two countries continue to baffle observers." in texts
    assert "Mr. Putin met Mr. Lukashenko in Sochi on Dec. 7." in texts
    # A word broken at a line end is joined again; its hyphen is kept only where the article has one elsewhere.
    assert "It was a full-scale integration plan." in texts or "It was a fullscale integration plan." in texts
    by_text = {s.text: s for s in found}
    assert (by_text["By Jane Doe"].line, by_text["By Jane Doe"].column) == (4, 1)


def test_every_sentence_pastes_as_a_quote(seeds: Path) -> None:
    for path in sorted(seeds.glob("*.txt")):
        a = finder.read_article(path.name, str(path))
        for s in a.sentences:
            assert textmatch.find(s.text, a.text) is not None, (path.name, s.text)


# -- --find --------------------------------------------------------------------------------------------

PARAPHRASES = [
    # (what an author remembers, the article, words of the sentence that must come first)
    ("russia is playing a long game with integration", "003_8f928a1b826eebe1.txt", "playing the long game on integration"),
    ("the Kremlin did not take advantage of its allys weakness", "003_8f928a1b826eebe1.txt", "taken advantage of its ally’s weakness"),
    ("Lukashenka will delay handing over sovereignty as long as he can", "003_8f928a1b826eebe1.txt", "delay any handover of actual sovereignty"),
    ("kremlin plan for soft annexation of belarus", "004_e1c246d16611bd0e.txt", "the Kremlin’s plan for the “soft annexation” of Belarus"),
    ("belarus can benefit from embracing both russian and western cooperation", "000_7931e688e6cc315e.txt",
     "Belarus can benefit from equally embracing both Russian and Western cooperation initiatives"),
    ("no mention of single currency or supranational bodies", "003_8f928a1b826eebe1.txt", "no mention of a single currency"),
]


@pytest.mark.parametrize(("phrase", "name", "words"), PARAPHRASES, ids=[p[0][:30] for p in PARAPHRASES])
def test_find_puts_the_paraphrased_sentence_first(seeds: Path, phrase: str, name: str, words: str) -> None:
    articles = [finder.read_article(n, p) for n, p in finder.text_files([str(seeds)])]
    hits = finder.find(phrase, articles, 5)
    assert hits[0].article == name and words in hits[0].passage, hits[0]
    assert all(hit.verified for hit in hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_find_sees_through_case_punctuation_and_a_missing_word() -> None:
    a = article("Nothing here.\n\nThe Kremlin’s “soft annexation” plan was discussed at length in Sochi.\n\n"
                "Something else entirely, about the weather in Minsk.\n")
    hits = finder.find("the KREMLINS soft annexation plan discussed in sochi", [a], 3)
    assert hits[0].passage == "The Kremlin’s “soft annexation” plan was discussed at length in Sochi."
    assert (hits[0].line, hits[0].column) == (3, 1)
    assert hits[0].score > 80


def test_find_shows_the_clause_of_a_long_sentence() -> None:
    long_sentence = ("In these circumstances, after many months of hard bargaining over prices and loans and the "
                     "structure of the tax regime, which had worried observers in both capitals for years, the two "
                     "governments finally agreed on a roadmap for economic union, although nobody expected it to be "
                     "implemented quickly, and most analysts, both in Minsk and in Moscow, doubted that any of it "
                     "would ever be implemented at all in the coming decade or the next one.")
    hits = finder.find("the governments agreed on a roadmap for economic union", [article(long_sentence)], 1)
    assert "agreed on a roadmap for economic union" in hits[0].passage
    assert len(hits[0].passage) < len(long_sentence)
    assert hits[0].verified


def test_find_is_empty_for_no_words_and_grows_linearly_with_the_article() -> None:
    """The sentences' lines were counted from the article's start, one sentence at a time: 20,000
    sentences on one line took 5.7 s (a bound of 20 s of CPU let it pass)."""
    from tests.hostile.growth import LIMIT, growth

    assert finder.find("...", [article("Some text here.")]) == []

    def make(n: int) -> Callable[[], object]:  # a new article each run: an article keeps its sentences
        text = " ".join(f"Sentence number {i} talks about topic {i % 97} in Minsk." for i in range(n))
        return lambda: finder.find("sentence number 1234 talks about topic", [article(text)], 3)

    hits = make(2_000)()
    assert "1234" in hits[0].passage  # type: ignore[attr-defined]
    assert growth(make, 4_000, repeats=3) < LIMIT  # 16,000 sentences: 12x 4,000 before, 4x now


# -- --unquoted ----------------------------------------------------------------------------------------

def test_unquoted_lists_argument_sentences_no_quote_covers() -> None:
    a = article("The union programs are a compromise between the two sides. Nobody talks about the weather.\n\n"
                "Sovereignty is left out of the union programs entirely, and the compromise shows it.\n\n"
                "Tiny line.\n")
    rows = finder.unquoted(a, ["The programs are a compromise.", "Sovereignty is left out."],
                           ["The union programs are a compromise between the two sides."])
    assert [r.sentence for r in rows] == ["Sovereignty is left out of the union programs entirely, and the compromise shows it."]
    assert rows[0].line == 3 and "sovereignty" in rows[0].words


# -- the skeleton --------------------------------------------------------------------------------------

def test_facts_from_the_text() -> None:
    facts = skeleton.read_facts("러시아\n\nHave Moscow and Minsk Really Made a Breakthrough?\n\nBy Jane Doe\n\n"
                                "The Moscow Times\n\nSep. 21, 2021\n\nOn September 10, 2019 they met.\n")
    assert facts.title and facts.title.value == "Have Moscow and Minsk Really Made a Breakthrough?"
    assert facts.date and (facts.date.value, facts.date.line) == ("2021-09-21", 9)
    assert facts.byline and facts.byline.value == "Jane Doe"
    # A date inside a sentence is an event's; a first paragraph of body text means no title.
    body = "A long first paragraph. " * 20
    facts = skeleton.read_facts(body + "\n\nOn September 10, 2019 they met in Minsk.\n")
    assert facts.title is None and facts.date is None and facts.byline is None
    assert skeleton.read_facts(" date 2021-10-01 Putin and Lukashenka met.").date.value == "2021-10-01"  # type: ignore[union-attr]
    assert skeleton.read_facts("Title Of The Piece\n\n29 February 2021\n").date is None  # not a calendar date
    assert skeleton.read_facts("The date was set for September 12, 2019, in Minsk.").date is None


def test_authors_resolve_by_id_name_alias_and_near_miss() -> None:
    agents = {"dzianis-melyantsou": Agent("dzianis-melyantsou", "Dzianis Melyantsou", ["Denis Melyantsov"]),
              "alesia-rudnik": Agent("alesia-rudnik", "Alesia Rudnik")}
    assert skeleton.resolve_author("dzianis-melyantsou", agents).how == "id"
    assert skeleton.resolve_author("dzianis melyantsou", agents).how == "name"
    assert skeleton.resolve_author("Denis Melyantsov", agents).how == "alias"
    close = skeleton.resolve_author("Alesia Rudnyk", agents)
    assert (close.how, close.id) == ("close", "alesia-rudnik")
    new = skeleton.resolve_author("Zoë O'Brien", agents)
    assert (new.how, new.id, new.registered) == ("new", "zoe-o-brien", False)
    assert skeleton.resolve_author("unknown", agents).how == "unknown"


@pytest.mark.parametrize("text", ["plain words", "yes", "2021", "a: b", "x #y", "-lead", "\"quoted\" 'single'",
                                  "tab\there", "line\nbreak", "esc\x1b[31m", "del\x7f c1\x85", "bidi\u202e",
                                  "back\\slash", "Zoë – “curly”", "emoji \U0001f600", "\ufffe", ""])
def test_scalars_read_back_as_written(text: str) -> None:
    written = skeleton.scalar(text)
    assert yaml.safe_load(f"key: {written}\n") == {"key": text}
    assert "\x1b" not in written and "\u202e" not in written


def test_map_ids_follow_the_corpus_style() -> None:
    author = skeleton.Author("x", "dzianis-melyantsou", None, "new")
    title = "Why Fears of a Russia-Belarus Merger Never Come True"
    assert skeleton.map_id([author], "2021-05", title, []) == "melyantsou-2021-russia-belarus-merger"
    assert skeleton.map_id([], "unknown", None, []) == "unknown-untitled"
    assert skeleton.map_id([], "2019", None, ["unknown-2019-untitled"]) == "unknown-2019-untitled-2"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "maps"
    shutil.copytree(MAPS, target)
    return target


def check_json(directory: Path, seeds: Path) -> dict[str, object]:
    result = argmap("check", str(directory), "--sources", str(seeds), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_new_skeletons_pass_check_with_no_errors(seeds: Path, corpus_copy: Path) -> None:
    for path in sorted(seeds.glob("*.txt")):
        result = argmap("new", str(path), "-o", str(corpus_copy / f"new-{path.stem}.yaml"))
        assert result.returncode == 0, result.stderr
    result = argmap("new", str(seeds / "004_e1c246d16611bd0e.txt"), "--author", "Jane Doe", "--add-agent",
                    "--date", "2019-12", "--outlet", "Some: Outlet #1", "-o", str(corpus_copy / "doe.yaml"))
    assert result.returncode == 0, result.stderr
    report = check_json(corpus_copy, seeds)
    findings = report["findings"]
    assert isinstance(findings, list)
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors == []
    codes = {f["code"] for f in findings if "new-" in f["path"] or "doe" in f["path"]}
    assert codes == {"A006"}  # only the placeholder thesis, which no quote grounds yet
    doe = yaml.safe_load((corpus_copy / "doe.yaml").read_text())
    assert doe["source"]["authors"] == ["jane-doe"] and doe["source"]["outlet"] == "Some: Outlet #1"
    assert doe["source"]["date"] == "2019-12"
    agents = yaml.safe_load((corpus_copy / "agents.yaml").read_text())["agents"]
    assert agents[-1]["id"] == "jane-doe" and len(agents) == len(yaml.safe_load((MAPS / "agents.yaml").read_text())["agents"]) + 1


def test_new_fills_the_source_from_the_text(seeds: Path) -> None:
    result = argmap("new", str(seeds / "003_8f928a1b826eebe1.txt"))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# yaml-language-server: $schema=../schema/map.schema.json\n")
    data = yaml.safe_load(text)
    assert data["id"] == "melyantsou-2021-moscow-breakthrough-integration"
    assert data["source"] == {"title": "Have Moscow and Minsk Really Made a Breakthrough on Integration?",
                              "authors": ["dzianis-melyantsou"], "outlet": "unknown", "date": "2021-09-21",
                              "url": "unknown", "text": "003_8f928a1b826eebe1.txt"}
    assert data["claims"] == [] and data["evidence"] == [] and data["positions"] == []
    questions = yaml.safe_load((MAPS / "questions.yaml").read_text())["questions"]
    for question in questions:  # one commented position per shared question
        assert f"#   question: {question['id']}\n" in text


def test_new_proposes_an_unknown_author_and_never_overwrites(seeds: Path, tmp_path: Path) -> None:
    result = argmap("new", str(seeds / "000_7931e688e6cc315e.txt"), "--author", "Jane Doe")
    assert result.returncode == 0
    assert yaml.safe_load(result.stdout)["source"]["authors"] == "unknown"  # until jane-doe is registered
    assert "- id: jane-doe" in result.stderr and "name: Jane Doe" in result.stderr
    target = tmp_path / "x.yaml"
    target.write_text("mine\n")
    result = argmap("new", str(seeds / "000_7931e688e6cc315e.txt"), "-o", str(target))
    assert result.returncode == 2 and "already exists" in result.stderr
    assert target.read_text() == "mine\n"


@pytest.mark.parametrize("args", [["--date", "21.9.2021"], ["--id", "Bad Id"], ["--title", " "]])
def test_new_usage_errors(seeds: Path, args: list[str]) -> None:
    assert argmap("new", str(seeds / "000_7931e688e6cc315e.txt"), *args).returncode == 2


def test_new_refuses_what_is_not_an_article(tmp_path: Path) -> None:
    assert argmap("new", str(tmp_path / "missing.txt")).returncode == 2
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    result = argmap("new", str(binary))
    assert result.returncode == 2 and "not UTF-8" in result.stderr


def test_new_writes_hostile_text_as_data(tmp_path: Path) -> None:
    text = tmp_path / "evil.txt"
    text.write_text("Evil \x1b]0;title\x07 [bold]Title\u202e Here\n\nBy Eve Evil\n\nBody text of the article.\n")
    result = argmap("new", str(text), "--corpus", str(MAPS))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout + result.stderr and "\u202e" not in result.stdout
    data = yaml.safe_load(result.stdout)
    assert data["source"]["title"] == "Evil \x1b]0;title\x07 [bold]Title\u202e Here"


# -- quotes --find / --unquoted through the command line ---------------------------------------------------

def test_quotes_find_json_and_text(seeds: Path) -> None:
    result = argmap("quotes", "--find", "too much pressure on belarus could backfire", "--sources", str(seeds),
                    "--format", "json", "--top", "3")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"find", "articles", "passages"} and data["articles"] == 5
    assert len(data["passages"]) == 3
    first = data["passages"][0]
    assert set(first) == {"file", "path", "line", "column", "score", "passage", "verified"}
    assert first["file"] == "003_8f928a1b826eebe1.txt" and "could backfire" in first["passage"]
    text = argmap("quotes", "--find", "too much pressure on belarus could backfire", "--sources", str(seeds))
    lines = text.stdout.splitlines()
    assert lines[0].startswith("1. 003_8f928a1b826eebe1.txt:") and "% similar" in lines[0]
    assert lines[1].strip() == first["passage"]
    assert len([line for line in lines if line[:1].isdigit()]) == 5


def test_quotes_find_in_the_articles_of_the_maps_given(seeds: Path) -> None:
    result = argmap("quotes", str(MAPS / "rudnik-2019-independence-integration.yaml"), "--find",
                    "too much pressure on belarus could backfire", "--sources", str(seeds), "--format", "json")
    data = json.loads(result.stdout)
    assert data["articles"] == 1 and {p["file"] for p in data["passages"]} == {"000_7931e688e6cc315e.txt"}


def test_quotes_unquoted(seeds: Path) -> None:
    map_path = MAPS / "melyantsou-2021-union-breakthrough.yaml"
    result = argmap("quotes", "--unquoted", str(map_path), "--sources", str(seeds), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"map", "path", "source", "sentences"}
    assert data["map"] == "melyantsou-2021-union-breakthrough" and 0 < len(data["sentences"]) <= 10
    row = data["sentences"][0]
    assert set(row) == {"line", "column", "score", "words", "sentence"}
    quotes = [e["quote"] for e in yaml.safe_load(map_path.read_text())["evidence"]]
    for row in data["sentences"]:
        assert not any(q in row["sentence"] or row["sentence"] in q for q in quotes)
    text = argmap("quotes", "--unquoted", str(map_path), "--sources", str(seeds), "-n", "2")
    assert text.returncode == 0 and text.stdout.count("003_8f928a1b826eebe1.txt:") == 2


def test_quotes_usage_errors(seeds: Path) -> None:
    assert argmap("quotes", "--find", "x y").returncode == 2  # no --sources
    assert argmap("quotes", "--find", "a b", "--unquoted", "m.yaml", "--sources", str(seeds)).returncode == 2
    assert argmap("quotes", "--find", "...", "--sources", str(seeds)).returncode == 2
    assert argmap("quotes", "--top", "3", "--sources", str(seeds)).returncode == 2


# -- check --show-unanswered -----------------------------------------------------------------------------

def test_unanswered_lists_open_questions_per_map() -> None:
    from argmap.model.corpus import load_corpus

    corpus, _findings, _files = load_corpus([str(MAPS)])
    rows = {row.map: row for row in unanswered(corpus)}
    assert rows["kazakevich-2021-putin-lukashenka-summit"].questions == (
        "single-currency-imminent", "lukashenka-will-cede-sovereignty", "belarus-should-reject-union",
        "integration-threatens-sovereignty", "roadmap-threatens-sovereignty", "union-programs-threaten-sovereignty")
    assert rows["melyantsou-2021-union-breakthrough"].questions[:4] == (
        "russia-seeks-annexation", "russia-seeks-incorporation", "russia-seeks-union-state-absorption",
        "russia-seeks-control-without-annexation")
    assert unanswered(Corpus()) == []


def test_show_unanswered_adds_a_section_and_a_json_object_only_when_asked() -> None:
    plain = argmap("check", "maps")
    shown = argmap("check", "maps", "--show-unanswered")
    assert shown.returncode == plain.returncode == 0
    extra = [line for line in shown.stdout.splitlines() if line not in plain.stdout.splitlines()]
    assert extra[0].startswith("Unanswered questions (")
    assert "    Q16 belarus-should-reject-union (open in 3 of 5 maps): Belarus should refuse a deeper political union with Russia." in extra
    # Without the flag nothing changes; with it, only the section is added.
    assert [line for line in shown.stdout.splitlines() if line not in extra] == plain.stdout.splitlines()
    plain_json = json.loads(argmap("check", "maps", "--format", "json").stdout)
    shown_json = json.loads(argmap("check", "maps", "--format", "json", "--show-unanswered").stdout)
    assert "unanswered" not in plain_json
    opened = shown_json.pop("unanswered")
    assert shown_json == plain_json
    assert opened["maps/kazakevich-2021-putin-lukashenka-summit.yaml"] == {
        "map": "kazakevich-2021-putin-lukashenka-summit",
        "questions": ["single-currency-imminent", "lukashenka-will-cede-sovereignty", "belarus-should-reject-union",
                      "integration-threatens-sovereignty", "roadmap-threatens-sovereignty",
                      "union-programs-threaten-sovereignty"], "answered": 13}
    assert argmap("check", "maps", "--show-unanswered", "--format", "sarif").returncode == 2
