"""One set of settings, built once, and a command line that refuses to guess (issues 10 and 11)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argmap.model import config
from argmap.model.config import ConfigError, Settings
from tests.clirun import run_cli as argmap

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"
OK = ROOT / "tests" / "corpus" / "base" / "ok-base.yaml"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the real maps in a repository of its own."""
    shutil.copytree(MAPS, tmp_path / "maps")
    (tmp_path / ".git").mkdir()
    return tmp_path


# -- configuration means what it says --------------------------------------------------------------


@pytest.mark.parametrize(("line", "key", "expected"), [
    ('strict = "no"', "strict", "true or false"),
    ('require-sources = "false"', "require-sources", "true or false"),
    ("strict = 1", "strict", "true or false"),
    ('max-depth = "64"', "max-depth", "a positive integer"),
    ("max-ellipsis-gap = 0", "max-ellipsis-gap", "a positive integer"),
    ("select = 'A006'", "select", "a list of rule codes"),
    ("sources = 3", "sources", "a directory or a list of directories"),
    ("severity = ['A006']", "severity", 'a table of CODE = "level"'),
])
def test_a_value_of_the_wrong_type_is_a_usage_error(corpus: Path, line: str, key: str, expected: str) -> None:
    (corpus / "argmap.toml").write_text(line + "\n")
    result = argmap("check", "maps", cwd=corpus)
    assert result.returncode == 2, result.stderr
    assert f"`{key}` must be {expected}" in result.stderr
    assert "argmap.toml" in result.stderr


def test_the_search_for_a_configuration_stops_at_the_repository_root(tmp_path: Path) -> None:
    """An argmap.toml above the repository that ignores every rule must not make a broken map pass."""
    (tmp_path / "argmap.toml").write_text('ignore = ["Y", "S", "R", "A", "C", "Q"]\n')
    repository = tmp_path / "work"
    (repository / ".git").mkdir(parents=True)
    (repository / "maps").mkdir()
    (repository / "maps" / "broken.yaml").write_text("argmap: 1\nid: [\n")
    result = argmap("check", "maps", cwd=repository)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Y001" in result.stdout
    assert config.find_config(str(repository)) is None
    # Inside the repository, the file is found as before.
    (repository / "argmap.toml").write_text('ignore = ["Y001"]\n')
    found = config.find_config(str(repository / "maps"))
    assert found is not None and found[0] == str(repository / "argmap.toml")


def test_show_settings_names_the_file_in_force_and_every_value(corpus: Path) -> None:
    (corpus / "pyproject.toml").write_text('[tool.argmap]\nstrict = true\nsources = ["texts", "more"]\n'
                                           'max-ellipsis-gap = 120\n')
    (corpus / "texts").mkdir()
    (corpus / "more").mkdir()
    result = argmap("check", "--show-settings", cwd=corpus)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"configuration file: {corpus / 'pyproject.toml'}" in lines
    assert "strict: true" in lines
    assert "max-ellipsis-gap: 120" in lines
    assert f"sources: {corpus / 'texts'}, {corpus / 'more'}" in lines
    isolated = argmap("check", "--show-settings", "--isolated", cwd=corpus).stdout.splitlines()
    assert "configuration file: (none: defaults)" in isolated and "strict: false" in isolated


def test_the_command_line_goes_on_top_of_the_file() -> None:
    base = Settings(ignore=("A006",), severity={}, strict=True, sources=("a",))
    merged = base.updated(ignore=("A007",), strict=None, sources=None, select=None, max_depth=9)
    assert merged.ignore == ("A006", "A007") and merged.strict is True and merged.sources == ("a",)
    assert merged.limits.max_depth == 9 and merged.limits.max_nodes == Settings().max_nodes


def test_a_settings_file_with_an_unknown_key_names_the_known_ones(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("stirct = true\n")
    with pytest.raises(ConfigError, match=r"unknown setting.*stirct.*known: select"):
        config.load(str(tmp_path), str(tmp_path / "argmap.toml"))


def test_report_applies_the_configuration(corpus: Path) -> None:
    """`argmap report` once ignored [tool.argmap]: an ignored rule still showed in its check section."""
    (corpus / "argmap.toml").write_text('ignore = ["C004"]\n')
    page = argmap("report", cwd=corpus)
    assert page.returncode == 0, page.stderr
    assert "C004" not in page.stdout
    (corpus / "argmap.toml").unlink()
    assert "C004" in argmap("report", cwd=corpus).stdout


# -- sources ---------------------------------------------------------------------------------------


def test_require_sources_without_sources_is_a_usage_error() -> None:
    result = argmap("check", "maps", "--require-sources")
    assert result.returncode == 2
    assert "--require-sources needs the article texts" in result.stderr


def test_a_sources_directory_that_does_not_exist_says_what_it_should_hold() -> None:
    result = argmap("check", "maps", "--sources", "no-such-texts")
    assert result.returncode == 2
    assert "no such directory: no-such-texts" in result.stderr
    assert "article texts" in result.stderr and "leave --sources off" in result.stderr


# -- the corpus is taken one way, and never guessed ------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["positions"], ["matrix"], ["timeline", "x"], ["compare", "a", "b"],
                                     ["report"], ["export", "--to", "json"], ["graph", "--questions"]])
def test_without_a_maps_directory_every_command_says_so(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "stray.yaml").write_text("argmap: 1\nid: stray\n")  # never scanned as a fallback
    result = argmap(*command, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no maps/ directory" in result.stderr


@pytest.mark.parametrize("command", [["positions", "russia-seeks-annexation"], ["matrix"],
                                     ["timeline", "alyaksandr-lukashenka"], ["compare", "alyaksandr-lukashenka", "dzianis-melyantsou"]])
def test_every_analysis_takes_its_corpus_as_paths(tmp_path: Path, command: list[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(MAPS, elsewhere)
    by_path = argmap(*command, str(elsewhere), "--format", "json", cwd=tmp_path)
    default = argmap(*command, "--format", "json")
    assert by_path.returncode == 0, by_path.stderr
    assert json.loads(by_path.stdout) == json.loads(default.stdout)


def test_positions_with_a_path_first_shows_every_question(corpus: Path) -> None:
    result = argmap("positions", "maps", "--format", "json", cwd=corpus)
    assert result.returncode == 0, result.stderr
    assert len({item["question"] for item in json.loads(result.stdout)["questions"]}) > 1


def test_a_word_that_is_both_a_question_and_a_path_is_refused(corpus: Path) -> None:
    (corpus / "russia-seeks-annexation").mkdir()
    result = argmap("positions", "russia-seeks-annexation", "maps", cwd=corpus)
    assert result.returncode == 2
    assert "'russia-seeks-annexation' is both a question and a path" in result.stderr
    assert argmap("positions", "russia-seeks-annexation", cwd=ROOT).returncode == 0


# -- messages --------------------------------------------------------------------------------------


def test_a_misspelled_stance_label_gets_did_you_mean(tmp_path: Path) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    target = tmp_path / "maps" / "melyantsou-2021-union-breakthrough.yaml"
    text = target.read_text()
    assert "stance: disagree" in text
    target.write_text(text.replace("stance: disagree", "stance: disagre", 1))
    result = argmap("check", str(tmp_path / "maps"), "-f", "json")
    s004 = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "S004"]
    assert len(s004) == 1 and s004[0]["hint"].startswith("did you mean `disagree`?")


def test_an_unknown_agent_is_told_to_add_it_before_any_near_miss(tmp_path: Path) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    target = tmp_path / "maps" / "melyantsou-2021-union-breakthrough.yaml"
    text = target.read_text()
    target.write_text(text.replace("alyaksandr-lukashenka", "alyaksandr-lukashenk"))
    findings = json.loads(argmap("check", str(tmp_path / "maps"), "-f", "json").stdout)["findings"]
    r005 = [f for f in findings if f["code"] == "R005"]
    assert r005 and all(f["hint"] == "add the agent to agents.yaml (did you mean 'alyaksandr-lukashenka'?)" for f in r005)


def test_verbose_names_the_configuration_in_force(corpus: Path) -> None:
    (corpus / "argmap.toml").write_text("strict = true\n")
    result = argmap("check", "maps", "-v", cwd=corpus)
    assert f"argmap: configuration: {corpus / 'argmap.toml'}" in result.stderr
    assert "read and checked 8 files in" in result.stderr  # maps/links.yaml is one
    assert "argmap: configuration: none (defaults)" in argmap("check", "maps", "-v", "--isolated", cwd=corpus).stderr
