"""Strange but possible input: file names that are not UTF-8, values with a trailing newline, agents
that look alike, and terminal escapes in what `--format github` prints."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from argmap.checks.engine import run
from argmap.core import safetext
from argmap.core.safetext import clean, json_text
from argmap.interfaces.cli import app
from argmap.model.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
BASE_DIR = ROOT / "tests" / "corpus" / "base"
SOURCES = ROOT / "tests" / "corpus" / "sources"
BASE = (BASE_DIR / "ok-base.yaml").read_text(encoding="utf-8")
AGENTS = (BASE_DIR / "agents.yaml").read_text(encoding="utf-8")
QUESTIONS = (BASE_DIR / "questions.yaml").read_text(encoding="utf-8")
# One finding on the map, an info (R010: carol-other never speaks), so the exit code is 0 unless
# something breaks.
INFO_MAP = BASE.replace("agents: [bob-quoted]", "agents: [bob-quoted, carol-other]")
RAW = ["\x1b", "\x07", "\x9b", "\u202e", "\udce9"]


def corpus(directory: Path, map_name: bytes | str = "base.yaml", map_text: str = INFO_MAP) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "agents.yaml").write_text(AGENTS, encoding="utf-8")
    (directory / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    name = map_name if isinstance(map_name, bytes) else os.fsencode(map_name)
    target = os.path.join(os.fsencode(directory), name)
    with open(target, "wb") as stream:
        stream.write(map_text.encode("utf-8"))
    return Path(os.fsdecode(target))


def argmap(*argv: str, cwd: Path) -> tuple[int, bytes, str]:
    """A real process, as a shell runs it: stdout is bytes, written by Python's own stdout under a UTF-8
    locale (surrogateescape), where an undecodable file name used to reach the terminal raw."""
    env = {k: v for k, v in os.environ.items() if k not in ("ARGMAP_DEBUG", "PYTHONIOENCODING", "NO_COLOR")}
    env.update(LC_ALL="C.UTF-8", PYTHONUTF8="1")
    done = subprocess.run([sys.executable, "-m", "argmap", *argv], capture_output=True, cwd=cwd, env=env, timeout=120)
    assert "internal error" not in done.stderr.decode("utf-8", "replace"), done.stderr
    return done.returncode, done.stdout, done.stderr.decode("utf-8")


# -- 1. a file name that is not UTF-8 ----------------------------------------------------------------------


@pytest.fixture
def latin1_name(tmp_path: Path) -> Path:
    """A corpus whose map is named b"caf\\xe9.yaml" (Latin-1 é), as a file copied from an old system."""
    try:
        corpus(tmp_path / "maps", b"caf\xe9.yaml")
    except OSError:  # pragma: no cover - file systems that insist on UTF-8 names (macOS)
        pytest.skip("this file system refuses names that are not UTF-8")
    return tmp_path


SHOWN = "caf\\xe9.yaml"  # how every output shows the name: the byte as \xe9


def test_safetext_shows_an_undecodable_byte_as_its_escape() -> None:
    name = os.fsdecode(b"maps/caf\xe9.yaml")
    assert clean(name) == safetext.path_text(name) == "maps/" + SHOWN
    assert json.loads(json_text(json.dumps(name, ensure_ascii=False))) == "maps/" + SHOWN
    assert safetext.path_uri(name) == "maps/caf%E9.yaml"  # the bytes on disk, as a URI names them
    assert clean("\ud800") == "\\ud800"  # a surrogate that stands for no byte


@pytest.mark.e2e  # Python's own stdout under a UTF-8 locale
@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_check_shows_an_undecodable_file_name_in_every_format(latin1_name: Path, fmt: str) -> None:
    code, out, _ = argmap("check", "maps", "--format", fmt, "--color", "never", cwd=latin1_name)
    assert code == 0
    text = out.decode("utf-8")  # strict: valid UTF-8
    assert not any(raw in text for raw in RAW)
    if fmt in ("text", "github"):
        assert f"maps/{SHOWN}" in text, text
    elif fmt == "json":
        findings = json.loads(text)["findings"]
        assert [f["path"] for f in findings] == [f"maps/{SHOWN}"]
    else:
        results = json.loads(text)["runs"][0]["results"]
        assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == ["maps/caf%E9.yaml"]
    # -o FILE writes the same report, as UTF-8 text
    code, _, err = argmap("check", "maps", "--format", fmt, "-o", "report.out", cwd=latin1_name)
    assert code == 0, err
    written = (latin1_name / "report.out").read_bytes().decode("utf-8")
    assert written == text


@pytest.mark.e2e  # Python's own stdout under a UTF-8 locale
def test_report_export_graph_and_quotes_show_an_undecodable_file_name(latin1_name: Path) -> None:
    cwd = latin1_name
    runs: list[tuple[list[str], str | None]] = [
        (["report", "maps"], None),
        (["export", "maps", "--to", "json"], "json"),
        (["export", "maps", "--to", "aif"], "json"),
        (["export", "maps", "--to", "argdown"], None),
        (["graph", os.fsdecode(b"maps/caf\xe9.yaml")], None),
        (["graph", "maps", "--questions", "-f", "mermaid"], None),
        (["quotes", "maps", "--sources", str(SOURCES), "--format", "json"], "json"),
        (["quotes", "maps", "--sources", str(SOURCES)], None),
    ]
    printed: dict[tuple[str, ...], str] = {}
    for argv, kind in runs:
        code, out, err = argmap(*argv, cwd=cwd)
        assert code == 0, (argv, err)
        text = printed[tuple(argv)] = out.decode("utf-8")
        assert not any(raw in text for raw in RAW), argv
        if kind == "json":
            json.loads(text)
        if argv[0] == "quotes":  # no -o
            continue
        code, _, err = argmap(*argv, "-o", "written.out", cwd=cwd)
        assert code == 0, (argv, err)
        assert (cwd / "written.out").read_bytes().decode("utf-8") == text, argv
    assert f"maps/{SHOWN}" in printed["report", "maps"]  # the check results list the file
    assert [m["path"] for m in json.loads(printed["export", "maps", "--to", "json"])["maps"]] == [f"maps/{SHOWN}"]
    quotes = json.loads(printed["quotes", "maps", "--sources", str(SOURCES), "--format", "json"])["quotes"]
    assert {row["file"] for row in quotes} == {f"maps/{SHOWN}"}


# -- 2. values with a trailing newline are not ids or dates ---------------------------------------------------


def _codes_at(path: Path) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in run([str(path)]).findings if f.severity.value != "info"]


@pytest.mark.parametrize(("field", "before", "after", "code"), [
    ("map id", "id: base-map", 'id: "base-map\\n"', "S006"),
    ("claim id", "id: c1", 'id: "c1\\n"', "S006"),
    ("agent reference", "by: bob-quoted", 'by: "bob-quoted\\n"', "S006"),
    ("date", "date: 2021-09", 'date: "2021-09\\n"', "S005"),
    ("full date", "date: 2021-09", 'date: "2021-09-21\\n"', "S005"),
    ("unknown date", "date: 2021-09", 'date: "unknown\\n"', "S005"),
])
def test_a_trailing_newline_is_not_part_of_an_id_or_a_date(tmp_path: Path, field: str, before: str, after: str,
                                                            code: str) -> None:
    assert before in BASE
    path = corpus(tmp_path, "map.yaml", BASE.replace(before, after, 1))
    line = next(i for i, text in enumerate(BASE.splitlines(), 1) if before in text)
    assert (code, line) in _codes_at(path), field


def test_a_registry_id_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    corpus(tmp_path, "map.yaml", BASE)
    (tmp_path / "questions.yaml").write_text(QUESTIONS.replace("id: q-three", 'id: "q-three\\n"'), encoding="utf-8")
    findings = run([str(tmp_path)]).findings
    assert [(f.code, Path(f.path).name) for f in findings] == [("S006", "questions.yaml")]


def _patterns(schema: Any) -> list[str]:
    if isinstance(schema, dict):
        own = [schema["pattern"]] if isinstance(schema.get("pattern"), str) else []
        return own + [p for v in schema.values() for p in _patterns(v)]
    if isinstance(schema, list):
        return [p for v in schema for p in _patterns(v)]
    return []


PATTERNS = sorted({p for kind in SCHEMAS for p in _patterns(SCHEMAS[kind]) if p != r"\S"})
PROBES = ["base-map", "base-map\n", "\nbase-map", "base-map\n\n", "a", "2021", "2021-09", "2021-09-21", "2021-09\n",
          "unknown", "unknown\n", "Bad_Id", "a--b", ""]


def test_schema_patterns_match_whole_values_in_python() -> None:
    """JSON Schema's `pattern` is a search: each of ours is anchored so that a search is a full match."""
    assert PATTERNS
    for pattern in PATTERNS:
        for probe in PROBES:
            assert bool(re.search(pattern, probe)) == bool(re.fullmatch(pattern, probe)), (pattern, probe)
            if probe.endswith("\n"):
                assert not re.search(pattern, probe), (pattern, probe)


@pytest.mark.skipif(shutil.which("node") is None, reason="node (ECMA-262 regex) is not installed")
def test_schema_patterns_mean_the_same_in_ecma_regex() -> None:
    """What an editor (the yaml-language-server, ECMA-262 regex with the u flag) accepts is what argmap accepts."""
    script = ("const [patterns, probes] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(patterns.map(p => probes.map(v => new RegExp(p, 'u').test(v)))));")
    done = subprocess.run(["node", "-e", script], input=json.dumps([PATTERNS, PROBES]), capture_output=True,
                          text=True, timeout=60, check=True)
    ecma = json.loads(done.stdout)
    python = [[re.search(p, v) is not None for v in PROBES] for p in PATTERNS]
    assert ecma == python


def test_jsonschema_agrees_that_a_trailing_newline_is_not_an_id() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    errors = list(jsonschema.Draft7Validator(SCHEMAS["map"]).iter_errors({"argmap": 1, "id": "base-map\n", "source": {
        "title": "t", "authors": ["ann-author"], "outlet": "o", "date": "2021-09\n"}}))
    assert sorted(e.validator for e in errors) == ["pattern", "pattern"]


# -- 3. agents that cannot be told apart ----------------------------------------------------------------------


def _r011(tmp_path: Path, extra_agents: str) -> list[Any]:
    corpus(tmp_path, "map.yaml", BASE)
    (tmp_path / "agents.yaml").write_text(AGENTS + extra_agents, encoding="utf-8")
    findings = run([str(tmp_path)]).findings
    assert [f.code for f in findings if f.code != "R011"] == []
    return [f for f in findings if f.code == "R011"]


@pytest.mark.parametrize(("case", "extra", "other"), [
    ("Cyrillic A in a name", "  - id: ann-author-2\n    name: \u0410nn Author\n", "ann-author"),
    ("Greek omicron in a name", "  - id: bob-2\n    name: B\u03bfb Quoted\n", "bob-quoted"),
    ("Cyrillic letters in an alias", "  - id: carol-2\n    name: Someone Else\n    aliases: [\u0421\u0430rol Other]\n",
     "carol-other"),
    ("an alias that is another agent's name", "  - id: bob-2\n    name: Robert\n    aliases: [BOB QUOTED]\n", "bob-quoted"),
    ("a fullwidth alias (NFKC)", "  - id: bob-2\n    name: Robert\n    aliases: [\uff22\uff4f\uff42 quoted]\n",
     "bob-quoted"),
    ("an alias that is another agent's id", "  - id: ann-2\n    name: Anna\n    aliases: [Ann-Author]\n", "ann-author"),
    ("a name equal to another agent's alias", "  - id: ann-2\n    name: a. author\n", "ann-author"),
    ("a zero-width space", "  - id: ann-2\n    name: Ann\u200b Author\n", "ann-author"),
])
def test_confusable_agents_are_reported_on_the_second(tmp_path: Path, case: str, extra: str, other: str) -> None:
    found = _r011(tmp_path, extra)
    assert len(found) == 1, (case, found)
    finding = found[0]
    second = extra.split("id: ", 1)[1].split("\n", 1)[0]
    line = (AGENTS + extra).splitlines().index(f"  - id: {second}") + 1
    assert (Path(finding.path).name, finding.line, finding.column) == ("agents.yaml", line, 5), case
    assert finding.severity.value == "warning"
    assert repr(second) in finding.message and repr(other) in finding.message, finding.message
    assert finding.hint


def test_the_message_names_the_look_alike_characters(tmp_path: Path) -> None:
    (finding,) = _r011(tmp_path, "  - id: ann-author-2\n    name: \u0410nn Author\n")
    assert "U+0410 CYRILLIC CAPITAL LETTER A" in finding.message, finding.message
    (finding,) = _r011(tmp_path, "  - id: bob-2\n    name: Robert\n    aliases: [BOB QUOTED]\n")
    assert "same spelling" in finding.message, finding.message


def test_distinct_agents_and_an_agent_s_own_spellings_are_not_confusable(tmp_path: Path) -> None:
    extra = ("  - id: anna-author\n    name: Anna Author\n"  # one letter more: a different person
             "  - id: boris-quoted\n    name: Boris Quoted\n    aliases: [Борис Quoted, boris quoted]\n"  # own spellings
             "  - id: ivan\n    name: Иван\n")  # Cyrillic letters that look like no Latin name here
    assert _r011(tmp_path, extra) == []


def test_one_finding_per_pair_of_agents(tmp_path: Path) -> None:
    extra = "  - id: bob-2\n    name: B\u03bfb Quoted\n    aliases: [Bob Quoted, BOB-QUOTED]\n"
    assert len(_r011(tmp_path, extra)) == 1


# -- 4. `--format github` escapes what a terminal would run -------------------------------------------------

HOSTILE_NAME = "x\x1b]8;;file:evil\x07link\x1b]8;;\x07 \x1b]52;c;ZXZpbA==\x07 \u202eod, 100%.yaml"
HOSTILE_KEY = "\\e]8;;https://evil.example/\\alink\\e]8;;\\a \\e]52;c;ZXZpbA==\\a \\u202e \\e[2J 50% ::x\\nline"


def test_github_format_escapes_file_names_and_map_text(tmp_path: Path) -> None:
    corpus(tmp_path, HOSTILE_NAME, BASE.replace("  stance: -1", f'  stance: -1\n    "{HOSTILE_KEY}": 1'))
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--format", "github"])
    assert result.exit_code == 1, result.output
    output = result.stdout
    for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert raw not in output, (raw, output)
    lines = output.splitlines()
    assert len(lines) == 2 and lines[0].startswith("::error file="), output  # one annotation, one summary
    head, _, data = lines[0][2:].partition("::")
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))

    def unescape(value: str) -> str:
        return value.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")

    assert unescape(props["file"]) == clean(str(tmp_path / HOSTILE_NAME))
    assert "\\x1b]8;;file:evil\\x07link" in unescape(props["file"])
    message, _, hint = unescape(data).partition("\n")  # GitHub's %0A: the line between message and hint
    assert message.startswith("S003 unknown key `\\x1b]8;;https://evil.example/\\x07link"), message
    assert "\\x1b]52;c;ZXZpbA==\\x07 \\u202e \\x1b[2J 50% ::x\\nline` in positions[1]" in message, message
    assert hint and "\n" not in hint
