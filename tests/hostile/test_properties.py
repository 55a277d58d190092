"""Property tests: broken and mutated maps never crash argmap.

Whatever the bytes, the library returns findings (each with a known rule code, a line >= 0 and a message)
and the CLI ends with exit 0, 1 or 2. The nastiest inputs found are kept in tests/hostile/fuzz/ and
run on every test run. Set HYPOTHESIS_PROFILE=fuzz for a long search (and save what it finds there);
the profiles are in tests/profiles.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest
from hostile_cases import AGENTS, BASE_MAP, QUESTIONS, SOURCE_TEXT
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from argmap.checks.engine import run
from argmap.core.rules import RULES
from argmap.model.config import Settings
from argmap.model.corpus import load_one
from argmap.syntax import yamlsource
from argmap.syntax.yamlsource import Limits, parse
from tests.clirun import run_cli
from tests.profiles import scaled

FUZZ = Path(__file__).resolve().parent / "fuzz"

# The module's corpus fixture is rewritten by each example, on purpose.
FIXTURES = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
SMALL = Limits(max_file_size=200_000, max_depth=64, max_nodes=50_000)

YAML_SPECIALS = ["\t", ":", ": ", "- ", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!", "!!python/object:os.system ",
                 "|", ">", "'", '"', "%", "@", "`", "?", "---\n", "...\n", "\n", "  ", "<<: ", "\\", "\x00", "\x1b[2J",
                 "\ufeff", "\r\n", "\u2028", "\x85", "~", "null", "1e999", "-.inf", "0x" + "f" * 50, "9" * 5000,
                 "&x [*x]", "!!binary ", "!!set ", "!!omap ", "\ud800", "[bold red]"]


def check_findings(findings: list, where: str) -> None:  # type: ignore[type-arg]
    for finding in findings:
        assert finding.code in RULES, (where, finding)
        assert finding.line >= 0 and finding.column >= 0, (where, finding)
        assert finding.message.strip(), (where, finding)


def library_run(directory: Path, sources: Path | None = None) -> None:
    result = run([str(directory)], Settings(max_file_size=SMALL.max_file_size, max_depth=SMALL.max_depth, max_nodes=SMALL.max_nodes,
                                           sources=(str(sources),) if sources else (), jobs=1))
    check_findings(result.findings, str(directory))
    assert result.exit_code in (0, 1)


def parse_one(text: str) -> None:
    _document, findings = parse(text, "fuzz.yaml", SMALL)
    check_findings(findings, text[:200])


def cli_run(directory: Path) -> None:
    for argv in (["check", str(directory)], ["check", str(directory), "--format", "github"]):
        result = run_cli(*argv, cwd=os.getcwd(), debug=True)  # an exception is raised here
        assert result.exit_code in (0, 1, 2)
        assert "\x1b" not in result.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    directory = tmp_path_factory.mktemp("fuzzcorpus")
    (directory / "agents.yaml").write_text(AGENTS)
    (directory / "questions.yaml").write_text(QUESTIONS)
    sources = tmp_path_factory.mktemp("fuzzsources")
    (sources / "base.txt").write_text(SOURCE_TEXT)
    return directory, sources


def _write(directory: Path, data: bytes) -> Path:
    target = directory / "map.yaml"
    target.write_bytes(data)
    return target


# -- mutations of a valid map ------------------------------------------------------------------------------

LINES = BASE_MAP.splitlines(keepends=True)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "flip", "insert", "truncate", "indent",
                                     "bytes", "replace-value", "special"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "flip" and line:
            k = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:k] + draw(st.characters(codec="utf-8")) + line[k + 1:]
        elif kind == "insert":
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.text(min_size=1, max_size=8)) + line[k:]
        elif kind == "truncate":
            lines = [*lines[:i], line[:draw(st.integers(0, len(line)))]]
        elif kind == "indent":
            delta = draw(st.integers(-4, 6))
            lines[i] = (" " * delta + line) if delta > 0 else line[min(-delta, len(line) - len(line.lstrip(" "))):]
        elif kind == "replace-value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = key + ": " + draw(st.sampled_from([*YAML_SPECIALS, "[]", "{}", "", "-3", "2.5", "yes"])) + "\n"
        elif kind == "special":
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(YAML_SPECIALS)) + line[k:]
    text = "".join(lines)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):  # now and then, raw bytes too
        k = draw(st.integers(0, len(data)))
        data = data[:k] + draw(st.binary(min_size=1, max_size=6)) + data[k:]
    return data


@scaled(4, suppress_health_check=FIXTURES)
@given(data=mutated())
def test_mutated_maps_never_crash(corpus: tuple[Path, Path], data: bytes) -> None:
    directory, sources = corpus
    _write(directory, data)
    library_run(directory, sources)


@scaled(4 / 6, suppress_health_check=FIXTURES)
@given(data=mutated())
def test_mutated_maps_through_the_cli(corpus: tuple[Path, Path], data: bytes) -> None:
    directory, _ = corpus
    _write(directory, data)
    cli_run(directory)


# -- YAML-ish texts from nothing ------------------------------------------------------------------------------

yaml_token = st.one_of(st.sampled_from(YAML_SPECIALS), st.sampled_from(
    ["argmap", "id", "source", "claims", "evidence", "positions", "thesis", "text", "by", "supports", "attacks",
     "grounds", "stance", "agent", "question", "authors", "date", "title", "quote", "speaker", "thesis", "author",
     "q-one", "c1", "e1", "2021-09", "unknown", "1", "-2", "agree"]), st.text(max_size=6))
yamlish = st.lists(yaml_token, max_size=60).map("".join)


@scaled(4, suppress_health_check=FIXTURES)
@given(text=yamlish)
def test_yamlish_text_parses_or_reports(text: str) -> None:
    parse_one(text)


@scaled(2, suppress_health_check=FIXTURES)
@given(text=yamlish)
def test_yamlish_maps_through_the_engine(corpus: tuple[Path, Path], text: str) -> None:
    directory, sources = corpus
    _write(directory, text.encode("utf-8", "surrogatepass"))
    library_run(directory, sources)


@scaled(2, suppress_health_check=FIXTURES)
@given(data=st.binary(max_size=400))
def test_random_bytes(corpus: tuple[Path, Path], data: bytes) -> None:
    directory, _ = corpus
    path = _write(directory, data)
    _, findings = load_one(str(path), "map", SMALL)
    check_findings(findings, repr(data[:80]))


@scaled(4 / 3, suppress_health_check=FIXTURES)
@given(registry=st.sampled_from(["agents.yaml", "questions.yaml"]), data=mutated())
def test_mutated_registries(tmp_path_factory: pytest.TempPathFactory, registry: str, data: bytes) -> None:
    directory = tmp_path_factory.mktemp("registry")
    (directory / "agents.yaml").write_text(AGENTS)
    (directory / "questions.yaml").write_text(QUESTIONS)
    (directory / "base.yaml").write_text(BASE_MAP)
    original = (AGENTS if registry == "agents.yaml" else QUESTIONS).encode()
    # Graft the mutation's damage onto the registry: same length prefix of the registry, rest of the mutant.
    cut = min(len(original), len(data)) // 2
    (directory / registry).write_bytes(original[:cut] + data[cut:])
    library_run(directory)


# -- the two ways of reading YAML agree -----------------------------------------------------------------------


def read_both_ways(text: str) -> None:
    """A plain document is read from libyaml's events, anything else through its composer: whichever way a
    text goes, the value, the positions (in order) and the findings are what the composing path gives."""
    fast = parse(text, "same.yaml", SMALL)
    with mock.patch.object(yamlsource, "_plain_document", lambda _text, _limits: None):
        composed = parse(text, "same.yaml", SMALL)
    assert fast[1] == composed[1], text[:200]
    if composed[0] is None:
        assert fast[0] is None
        return
    assert fast[0] is not None, text[:200]
    for mine, theirs in ((fast[0].pos, composed[0].pos), (fast[0].keypos, composed[0].keypos)):
        assert list(mine.items()) == list(theirs.items()), text[:200]
    assert repr(fast[0].data) == repr(composed[0].data), text[:200]  # repr: nan is nan


@scaled(4, suppress_health_check=FIXTURES)
@given(data=mutated())
def test_mutated_maps_read_alike_both_ways(data: bytes) -> None:
    read_both_ways(data.decode("utf-8", "replace"))


@scaled(4, suppress_health_check=FIXTURES)
@given(text=yamlish)
def test_yamlish_texts_read_alike_both_ways(text: str) -> None:
    read_both_ways(text)


def test_the_maps_read_alike_both_ways() -> None:
    """The example maps and the fuzz corpus, and that a plain map is read from the events."""
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in FUZZ_FILES]
    texts += [BASE_MAP, AGENTS, QUESTIONS, "", "# nothing\n", "a", "- 1\n- [x, {y: ~}]\n", "=: 1\n", "a: =\n",
              "k: ! x\n", "a: 1\n---\nb: 2\n", "a: 1\na: 2\n", "? [a]\n: 1\n", "a: &x 1\nb: *x\n"]
    for text in texts:
        read_both_ways(text)
    assert yamlsource._plain_document(BASE_MAP, SMALL) is not None


def nodes_counted(text: str) -> int:
    """The nodes `_excess` counts (scalars, aliases, collection starts), to the end or to the first error."""
    import yaml

    count = 0
    try:
        for event in yaml.parse(text, Loader=yamlsource._Loader):
            count += isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent))
    except (yaml.YAMLError, UnicodeError):
        pass
    return count


NULLS_AND_NESTING = ["?\n" * 50, "? \n: \n" * 20, "a:\n" * 50, "-\n" * 50, "- - - - -\n", "[" * 40 + "]" * 40,
                     "{" * 30 + "}" * 30, "{a, b, c, : d}\n", "[a: b, c: , : ]\n", "a\n---\nb\n---\n---\n",
                     "? [a]\n: 1\n", "a: &x [1, 2]\nb: *x\nc: !!str\n", "!!null\n", "[,]\n", "--- |\n  a\n"]


@pytest.mark.parametrize("text", NULLS_AND_NESTING)
def test_the_node_bound_bounds_nulls_and_nesting(text: str) -> None:
    """`_node_bound` spares a large plain map the counting pass of `_excess`: it must never be below the
    count, or a text of too many nodes would be composed. Nulls take no character: a length bound fails."""
    assert nodes_counted(text) <= yamlsource._node_bound(text, 0)


@scaled(4, suppress_health_check=FIXTURES)
@given(text=yamlish)
def test_the_node_bound_bounds_the_nodes_of_any_text(text: str) -> None:
    assert nodes_counted(text) <= yamlsource._node_bound(text, 0), text[:200]


@scaled(2, suppress_health_check=FIXTURES)
@given(data=mutated())
def test_the_node_bound_bounds_the_nodes_of_a_mutated_map(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    assert nodes_counted(text) <= yamlsource._node_bound(text, 0), text[:200]


def test_the_node_bound_bounds_the_nodes_of_the_fuzz_corpus() -> None:
    for path in FUZZ_FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert nodes_counted(text) <= yamlsource._node_bound(text, 0), path.name


def test_a_large_plain_map_skips_the_counting_pass_and_too_many_nodes_still_take_it() -> None:
    claims = "".join(f"  - id: c{i}\n    text: Claim {i}.\n    by: author\n    supports:\n      - thesis\n"
                     for i in range(2_000))  # block style: flow brackets would ask for the depth pass
    text = "argmap: 1\nid: m\nclaims:\n" + claims
    assert (yamlsource._node_bound(text, 0), nodes_counted(text)) == (24_008, 20_007)
    limits = Limits(max_nodes=50_000)  # over 60,000 characters: its length alone would not tell
    with mock.patch.object(yamlsource, "_excess", side_effect=AssertionError("counted")):
        document, findings = parse(text, "m.yaml", limits)
    assert document is not None and not findings
    document, findings = parse(text, "m.yaml", Limits(max_nodes=10_000))
    assert document is None and [f.code for f in findings] == ["Y007"]
    assert "more than 10,000 nodes" in findings[0].message
    document, findings = parse("?\n" * 60, "nulls.yaml", Limits(max_nodes=100))  # 120 nodes in 120 characters
    assert document is None and [f.code for f in findings] == ["Y007"]


# -- the fuzz corpus: the nastiest cases found, kept as regression inputs ------------------------------------

FUZZ_FILES = sorted(p for p in FUZZ.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


def test_fuzz_corpus_is_there() -> None:
    assert len(FUZZ_FILES) >= 10


@pytest.mark.parametrize("path", FUZZ_FILES, ids=[p.name for p in FUZZ_FILES])
def test_fuzz_corpus_regressions(corpus: tuple[Path, Path], path: Path) -> None:
    """Each saved case runs through the library and the CLI; its first line may name the code it expects."""
    directory, sources = corpus
    data = path.read_bytes()
    _write(directory, data)
    library_run(directory, sources)
    cli_run(directory)
    first = data.split(b"\n", 1)[0]
    if first.startswith(b"# expect: "):
        code = first.split()[2].decode()
        result = run([str(directory)], Settings(jobs=1))
        assert code in {f.code for f in result.findings}, [f"{f.code} {f.message}" for f in result.findings]
