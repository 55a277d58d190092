"""`argmap new` on the common header styles (issue 21): a policy brief (title in capitals, a lower-case
byline, the date inside a series line), a news story ("By JANE DOE", "Sep. 21, 2021") and a note with
labelled fields ("Author: ...", an ISO date); and a warning for each field the text does not give.

The articles are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from argmap.authoring import skeleton
from argmap.interfaces.cli import app
from argmap.model.maps import Corpus

BRIEF = """EUISS
BRIEF
THE RIVER COMPACT: WHAT NEIGHBOURS OWE EACH OTHER
by Élise Marchand
EUISS Brief 15, 15 Jul 2020
Two neighbouring states signed a compact on shared water last spring, and neither has yet kept it in full.
"""

NEWS = """Harbour Town Votes to Keep Its Old Ferry

By JANE DOE

Sep. 21, 2021

The council of a small harbour town voted on Monday to keep its old ferry running for another decade.
"""

NOTE = """Why Community Gardens Outlast Their Founders
Author: Tomás de la Vega and Priya Nair
Date: 2022-03-04

Community gardens tend to survive the people who start them. This note argues that shared tools keep them going.
"""

NOTHING = ("The ferry ran late again today, as it has every day this month, and nobody on the pier seemed surprised "
           "by it any more; the regulars had brought coffee and folding chairs and settled in for the wait.\n")


@pytest.mark.parametrize(("text", "title", "shown", "date", "names"), [
    (BRIEF, "The River Compact: What Neighbours Owe Each Other", "THE RIVER COMPACT: WHAT NEIGHBOURS OWE EACH OTHER",
     "2020-07-15", ["Élise Marchand"]),
    (NEWS, "Harbour Town Votes to Keep Its Old Ferry", "Harbour Town Votes to Keep Its Old Ferry", "2021-09-21",
     ["Jane Doe"]),
    (NOTE, "Why Community Gardens Outlast Their Founders", "Why Community Gardens Outlast Their Founders",
     "2022-03-04", ["Tomás de la Vega", "Priya Nair"]),
])
def test_the_three_header_styles(text: str, title: str, shown: str, date: str, names: list[str]) -> None:
    facts = skeleton.read_facts(text)
    assert facts.title and (facts.title.value, facts.title.shown) == (title, shown)
    assert facts.date and facts.date.value == date
    assert facts.byline and skeleton.byline_names(facts.byline) == names
    assert skeleton.missing(facts) == []
    built = skeleton.build(text, "a.txt", Corpus(), [])
    assert built.id != "unknown-untitled" and not built.id.startswith("unknown")
    assert built.id.split("-")[1] == date[:4]


def test_date_inside_a_header_line_but_not_inside_a_sentence() -> None:
    assert skeleton.read_facts("Policy Paper | 3 May 2021\n\nA Title For The Paper\n").date.value == "2021-05-03"  # type: ignore[union-attr]
    # The same date in a sentence of the body, or in a header sentence, is an event's.
    assert skeleton.read_facts(NOTHING + "The ferry first sailed on 3 May 2021 from the old pier.\n").date is None
    assert skeleton.read_facts("A Title For The Paper\n\nIt sailed on 3 May 2021.\n").date is None


def test_bylines_in_any_case_but_not_a_sentence_that_starts_with_by() -> None:
    for line, name in (("by jane doe", None), ("BY JANE DOE", "Jane Doe"), ("By Jane Doe.", "Jane Doe"),
                       ("Written by Jane Doe", "Jane Doe"), ("Authors: Jane Doe, Ann Lee", "Jane Doe and Ann Lee"),
                       ("by the end of the year", None), ("By Ludwig van Beethoven", "Ludwig van Beethoven")):
        found = skeleton.read_facts(f"A Title For The Paper\n\n{line}\n\nBody.\n").byline
        assert (found.value if found else None) == name, line


def test_title_case_of_a_title_in_capitals() -> None:
    assert skeleton.title_case("THE EU AND ITS NEIGHBOURS: A NEW PAGE") == "The Eu and Its Neighbours: A New Page"
    assert skeleton.title_case("WHY FEARS OF A RUSSIA-BELARUS MERGER") == "Why Fears of a Russia-Belarus Merger"


def test_new_warns_for_each_field_it_did_not_find(tmp_path: Path) -> None:
    runner = CliRunner()
    nothing = tmp_path / "nothing.txt"
    nothing.write_text(NOTHING, encoding="utf-8")
    result = runner.invoke(app, ["new", str(nothing), "--corpus", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for field in ("title", "date", "author"):
        assert f"warning: no {field} found in nothing.txt" in result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["source"]["title"] == "unknown" and data["source"]["date"] == "unknown"
    assert "# not found in the text" in result.stdout
    # Given on the command line, a field is not warned about; found in the text, neither.
    result = runner.invoke(app, ["new", str(nothing), "--corpus", str(tmp_path), "--title", "T", "--date", "2020"])
    assert "no title found" not in result.stderr and "no date found" not in result.stderr
    assert "no author found" in result.stderr
    brief = tmp_path / "brief.txt"
    brief.write_text(BRIEF, encoding="utf-8")
    result = runner.invoke(app, ["new", str(brief), "--corpus", str(tmp_path)])
    assert result.exit_code == 0 and "warning: no " not in result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["id"] == "marchand-2020-river-compact-neighbours"
    assert data["source"]["date"] == "2020-07-15"
    assert "in capitals there" in result.stdout
