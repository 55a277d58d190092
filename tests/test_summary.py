"""A pass says what it checked: how many quotes were verified, and that none were without --sources."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.clirun import run_cli as argmap

ROOT = Path(__file__).resolve().parent.parent


def test_the_text_summary_says_how_many_quotes_were_verified(seeds: Path) -> None:
    result = argmap("check", "maps", "--sources", str(seeds))
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.endswith("quotes verified in 5 articles.")
    verified, _, rest = last.partition(" of ")
    assert verified == rest.split(" ", 1)[0], last  # all of them


def test_without_sources_the_summary_says_the_quotes_were_not_checked() -> None:
    result = argmap("check", "maps")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("Quotes not checked: ")
    assert "give --sources DIR" in result.stdout.splitlines()[-1]


def test_json_and_sarif_carry_the_quote_counts(seeds: Path) -> None:
    checked = json.loads(argmap("check", "maps", "--sources", str(seeds), "-f", "json").stdout)["summary"]["quotes"]
    assert set(checked) == {"total", "verified", "failed", "unchecked", "articles", "checked"}
    assert all(isinstance(checked[k], int) and not isinstance(checked[k], bool)
               for k in ("total", "verified", "failed", "unchecked"))
    assert checked["total"] == checked["verified"] > 100 and checked["failed"] == checked["unchecked"] == 0
    assert checked["articles"] == 5 and checked["checked"] is True
    unchecked = json.loads(argmap("check", "maps", "-f", "json").stdout)["summary"]["quotes"]
    assert unchecked["unchecked"] == unchecked["total"] == checked["total"] and unchecked["verified"] == 0
    assert unchecked["checked"] is False
    sarif = json.loads(argmap("check", "maps", "--sources", str(seeds), "-f", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["quotes"] == checked


def test_a_failed_and_an_unchecked_quote_are_counted(tmp_path: Path, seeds: Path) -> None:
    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    texts = tmp_path / "texts"
    texts.mkdir()
    names = sorted(p.name for p in seeds.glob("*.txt"))
    for name in names[1:]:  # the first article is missing: its map's quotes go unchecked
        shutil.copy(seeds / name, texts / name)
    target = next(p for p in (tmp_path / "maps").glob("*.yaml") if names[2] in p.read_text())
    text = target.read_text()
    quote_line = next(line for line in text.splitlines() if "quote:" in line)
    target.write_text(text.replace(quote_line, quote_line.replace("quote: \"", "quote: \"Zebras say ", 1), 1))
    result = argmap("check", str(tmp_path / "maps"), "--sources", str(texts), "-f", "json")
    quotes = json.loads(result.stdout)["summary"]["quotes"]
    assert quotes["failed"] == 1 and quotes["unchecked"] > 0 and quotes["articles"] == 4
    assert quotes["verified"] + quotes["failed"] + quotes["unchecked"] == quotes["total"]
    text_out = argmap("check", str(tmp_path / "maps"), "--sources", str(texts)).stdout.splitlines()[-1]
    assert "; 1 not found; " in text_out and "unchecked (no article text)." in text_out
    required = argmap("check", str(tmp_path / "maps"), "--sources", str(texts), "--require-sources", "-f", "json")
    assert required.returncode == 1
    q002 = [f for f in json.loads(required.stdout)["findings"] if f["code"] == "Q002"]
    assert q002 and all(f["severity"] == "error" for f in q002)


def test_sources_is_a_search_path_first_match_wins(tmp_path: Path, seeds: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    names = sorted(p.name for p in seeds.glob("*.txt"))
    for name in names[:2]:
        shutil.copy(seeds / name, first / name)
    for name in names:
        (second / name).write_text("An unrelated text.\n" if name in names[:2] else (seeds / name).read_text())
    result = argmap("check", "maps", "--sources", str(first), "--sources", str(second), "-f", "json")
    quotes = json.loads(result.stdout)["summary"]["quotes"]
    assert result.returncode == 0 and quotes["verified"] == quotes["total"] and quotes["articles"] == 5
    # The same, from the configuration's list.
    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    (tmp_path / "argmap.toml").write_text('sources = ["first", "second"]\nrequire-sources = true\n')
    result = argmap("check", "maps", "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["summary"]["quotes"]["verified"] == quotes["total"]
    # In the other order, the unrelated copies win and the quotes of those two articles fail.
    result = argmap("check", "maps", "--sources", str(second), "--sources", str(first), "-f", "json")
    assert json.loads(result.stdout)["summary"]["quotes"]["failed"] > 0


def test_the_reports_check_section_says_how_many_quotes_were_verified(seeds: Path) -> None:
    checked = argmap("report", "maps", "--sources", str(seeds))
    assert checked.returncode == 0, checked.stderr
    assert '<p id="quote-check">' in checked.stdout and "quotes verified in 5 articles." in checked.stdout
    unchecked = argmap("report", "maps").stdout
    assert '<p id="quote-check">Quotes not checked: ' in unchecked
