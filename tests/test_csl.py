"""`argmap export --to csl`: the sources as CSL-JSON, valid against the Citation Style Language's own
schema (tests/data/csl, MIT), with what argmap does not know left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from argmap.interfaces.cli import app
from argmap.model.corpus import load_corpus
from argmap.model.maps import Agent
from argmap.outputs.export import csl

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "annotations"
SCHEMA = json.loads((ROOT / "tests" / "data" / "csl" / "csl-data.json").read_text(encoding="utf-8"))


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _valid(items: Any) -> None:
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(items)


def test_the_fixture_and_the_real_corpus_validate() -> None:
    result = run("export", "--to", "csl", str(DATA / "maps"), str(ROOT / "maps"))
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    _valid(items)
    assert len(items) == 6 and len({i["id"] for i in items}) == 6
    first = items[0]
    assert first == {
        "id": "mueller-2024-terrace-tax", "type": "article-newspaper",
        "title": "Café owners split over Zürich’s terrace tax",
        "author": [{"family": "Müller", "given": "Ana"}], "container-title": "Lake Gazette",
        "issued": {"date-parts": [[2024, 5]]}, "URL": "https://example.org/news/terrace-tax",
    }
    sochi = next(i for i in items if i["id"] == "unknown-2019-sochi-integration-roadmap")
    assert sochi == {"id": "unknown-2019-sochi-integration-roadmap", "type": "article",
                     "issued": {"date-parts": [[2019, 12]]}}  # nothing unknown is written


def test_names_types_dates_and_archive() -> None:
    corpus, _, _ = load_corpus([str(DATA / "maps")])
    m = corpus.maps[0]
    corpus.agents["council"] = Agent("council", "City Council of Zürich", kind="organisation")
    corpus.agents["plato"] = Agent("plato", "Plato")
    assert csl.name(corpus, "council") == {"literal": "City Council of Zürich"}
    assert csl.name(corpus, "plato") == {"literal": "Plato"}
    assert csl.name(corpus, "not-registered") == {"literal": "not-registered"}
    assert csl.name(corpus, "juerg-braendli") == {"family": "Brändli", "given": "Jürg"}
    assert [csl.date_parts(d) for d in ("2021", "2021-09", "2021-09-21", "unknown", "2021-13", "21")] == [
        [2021], [2021, 9], [2021, 9, 21], None, None, None]
    vars(m.source)["archived"] = "https://web.archive.org/web/2024/https://example.org/news/terrace-tax"  # the field h-websrc adds
    m.source.text = "report.pdf"
    item = csl.item(corpus, m)
    assert item["type"] == "report"
    assert item["archive_location"].startswith("https://web.archive.org/")
    assert "web.archive.org" in item["note"]
    _valid([item])
    m.source.text, m.source.outlet = "page.txt", "unknown"
    assert csl.item(corpus, m)["type"] == "webpage"


@pytest.mark.parametrize("bad", [{"issued": "2024-05"}, {"author": "Ana Müller"}, {"type": "news"}])
def test_the_schema_would_catch_a_wrong_field(bad: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        _valid([{"id": "x", "type": "article", **bad}])
