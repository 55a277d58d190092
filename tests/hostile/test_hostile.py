"""Hostile and broken input through every command: a clear finding, no traceback, nothing written.

The cases are generated (tests/hostile/hostile_cases.py): a 50 MB file or a 200,000-deep nesting is
never committed. Commands are discovered from the CLI, so a command added later is run here too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile_cases import (
    BASE_MAP,
    CASE_IDS,
    CASES,
    HOSTILE_TEXT,
    Case,
    alias_bomb,
    build,
    cleanup,
    command_names,
    fill,
    invocations,
    write_base,
)

from argmap.interfaces.cli import app
from tests.clirun import run_cli

ROOT = Path(__file__).resolve().parents[2]
BY_NAME = {case.name: case for case in CASES}

# Escape sequences the hostile texts carry: none may reach a terminal raw.
RAW_SEQUENCES = ["\x1b[2J", "\x1b]0;", "\x1b[31mred", "\x1b[8m", "\x1b[5m", "\x1b]8;", "\x07", "\x9b", "\u202e", "\x00", "\u2028"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[tuple[Case, Path, Path]]:
    """A case's corpus, built once for the module and shared read-only by every test and command run on it
    (each run checks that nothing in it changed)."""
    case: Case = request.param
    root = tmp_path_factory.mktemp(f"case-{case.name}")
    directory = root / "corpus"
    sources = build(case, directory)
    write_base(root / "clean")  # the other corpus of `compare`, `diff` and the like
    yield case, directory, sources
    cleanup(root)


def snapshot(root: Path) -> dict[str, tuple[int, float] | str]:
    """Every entry under `root` with its size and modification time (symlinks by target; loops are not followed)."""
    out: dict[str, tuple[int, float] | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                out[rel] = "-> " + os.readlink(path)
                continue
            try:
                info = os.lstat(path)
            except OSError:
                continue
            out[rel] = (info.st_size, info.st_mtime) if not os.path.isdir(path) else "dir"
    return out


def invoke(argv: list[str]) -> tuple[int, str]:
    """Run the CLI in-process; any exception but a clean exit fails the test with its traceback."""
    try:
        result = run_cli(*argv, cwd=os.getcwd(), debug=True)
    except Exception:
        import traceback

        pytest.fail(f"argmap {' '.join(map(repr, argv))} raised:\n{traceback.format_exc()}")
    return result.code, result.output


def check_json(directory: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    code, output = invoke(["check", str(directory), "--format", "json", *extra])
    start = output.index("{")
    document, _ = json.JSONDecoder().raw_decode(output[start:])
    return code, document["findings"]


# -- `argmap check` reports each case with the right code and line ---------------------------------------


@pytest.mark.parametrize("built", CASES, ids=CASE_IDS, indirect=True)
def test_check_reports_the_case(built: tuple[Case, Path, Path]) -> None:
    case, directory, sources = built
    extra = [arg.replace("{sources}", str(sources)) for arg in case.check_args]
    started = time.perf_counter()
    code, findings = check_json(directory, *extra)
    elapsed = time.perf_counter() - started
    assert code in case.exit_codes, findings
    assert elapsed < 30, f"{case.name} took {elapsed:.1f}s"
    for finding in findings:
        assert finding["line"] >= 0 and finding["message"], finding  # type: ignore[operator]
    if case.code is None:
        syntax = [f for f in findings if str(f["code"]).startswith("Y") and f["code"] != "Y009"]
        assert not syntax, syntax
        errors = [f for f in findings if f["severity"] == "error"]
        assert not errors, errors
        return
    matching = [f for f in findings if f["code"] == case.code and str(f["path"]).endswith(case.file)]
    assert matching, f"no {case.code} in {case.file}: {findings}"
    if case.line is not None:
        assert case.line in [f["line"] for f in matching], matching
    assert all(f["hint"] for f in matching), matching  # says what to do


def test_crlf_and_bom_give_the_same_lines_as_plain_lf(tmp_path: Path) -> None:
    """A map's line numbers do not depend on its line ends or on a BOM."""
    broken = BASE_MAP.replace("supports: [thesis]", "supports: [nowhere]", 1)
    results = []
    for name, text in (("lf", broken), ("crlf", broken.replace("\n", "\r\n")), ("bom", "\ufeff" + broken)):
        directory = tmp_path / name
        write_base(directory)
        (directory / "base.yaml").write_text(text, encoding="utf-8", newline="")
        _, findings = check_json(directory)
        results.append([(f["code"], f["line"], f["column"]) for f in findings])
    assert results[0] == results[1] == results[2]
    assert "R001" in [code for code, line, _ in results[0] if line == 18]


# -- limits: defaults, raised on the command line and in configuration -----------------------------------


def _codes(findings: list[dict[str, object]]) -> set[str]:
    return {str(f["code"]) for f in findings}


def test_limits_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "corpus"
    write_base(directory)
    (directory / "deep.yaml").write_text("argmap: 1\nid: deep\nnotes: " + "[" * 100 + "]" * 100 + "\n")
    (directory / "bomb.yaml").write_text(alias_bomb(levels=4))  # 9**4 values: small enough to build
    (directory / "big.yaml").write_text("argmap: 1\nid: big\nnotes: " + "x" * 200_000 + "\n")

    _, findings = check_json(directory)
    assert {(f["path"].rsplit("/", 1)[-1], f["code"]) for f in findings if f["code"] == "Y007"} == {  # type: ignore[union-attr]
        ("deep.yaml", "Y007")}
    _, findings = check_json(directory, "--max-depth", "200", "--max-nodes", "1000", "--max-file-size", "100000")
    y007 = sorted(str(f["path"]).rsplit("/", 1)[-1] for f in findings if f["code"] == "Y007")
    assert y007 == ["big.yaml", "bomb.yaml"]

    (tmp_path / "argmap.toml").write_text("max-depth = 200\nmax-nodes = 1000\nmax-file-size = 100000\n")
    monkeypatch.chdir(tmp_path)
    _, findings = check_json(directory)
    y007 = sorted(str(f["path"]).rsplit("/", 1)[-1] for f in findings if f["code"] == "Y007")
    assert y007 == ["big.yaml", "bomb.yaml"]


def test_nesting_beyond_the_c_stack_is_never_composed(tmp_path: Path) -> None:
    """Even with --max-depth raised, libyaml never sees 200,000 levels (its composer would crash)."""
    directory = tmp_path / "corpus"
    write_base(directory)
    (directory / "deep.yaml").write_text("[" * 200_000 + "]" * 200_000)
    (directory / "dashes.yaml").write_text("- " * 50_000 + "x\n")
    started = time.perf_counter()
    _, findings = check_json(directory, "--max-depth", "1000000")
    assert time.perf_counter() - started < 10
    deep = [f for f in findings if f["code"] == "Y007"]
    # argmap's own ceiling is 2,000 levels; newer libyaml builds stop at 1,000 themselves.
    assert len(deep) == 2 and all(re.search(r"deeper than (1000|2000) levels", str(f["message"]))
                                  and "argmap reads at most" in str(f["hint"]) for f in deep), deep


@pytest.mark.parametrize("text", ["[" * 50 + "]" * 50, "argmap: 1\nid: x\n"])
def test_the_parsers_own_nesting_limit_is_the_nesting_finding(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whichever parser stops deep nesting, the finding is Y007 at its position (PyYAML 6.0.3+ wheels
    bundle a libyaml that refuses nesting past 1000 levels with a scanner error; older ones do not)."""
    import yaml

    from argmap.syntax import yamlsource

    class Refusing(yamlsource._Loader):  # type: ignore[misc,valid-type]
        """The parser as such a libyaml is, whether argmap reads its events or its composed nodes."""

        def get_event(self) -> None:
            mark = yaml.Mark("<unicode string>", 12, 0, 12, None, None)
            raise yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth", mark)

        get_single_node = get_event

    monkeypatch.setattr(yamlsource, "_Loader", Refusing)
    document, findings = yamlsource.parse(text, "deep.yaml", yamlsource.Limits())
    assert document is None
    assert [(f.code, f.line, f.column) for f in findings] == [("Y007", 1, 13)]
    assert findings[0].message == "nesting deeper than 64 levels"
    document, findings = yamlsource.parse(text, "deep.yaml", yamlsource.Limits(max_depth=5000))
    assert findings[0].message == "nesting deeper than 1000 levels" and "argmap reads at most 1000" in findings[0].hint


# -- every command, every (light) case: exit 0, 1 or 2, no exception, no raw escapes, nothing written ----

ALL_COMMANDS = command_names()
EVERY_COMMAND_CASES = [case for case in CASES if not case.heavy]


def _first_invocations() -> list[tuple[str, list[str]]]:
    seen: set[str] = set()
    out = []
    for name, argv in invocations(ALL_COMMANDS):
        if name not in seen:
            seen.add(name)
            out.append((name, argv))
    return out


FIRST = _first_invocations()


def _run_everywhere(case: Case, directory: Path, sources: Path, argv: list[str], tmp_path: Path) -> tuple[int, str]:
    """`argv` on the case's shared corpus (in `directory`, with `clean` beside it), its output file in
    `tmp_path`: nothing may be written but that file."""
    shared = directory.parent
    base = shared / "clean"
    hostile = [directory / name for name in case.files if (directory / name).is_file()
               and not (directory / name).is_fifo()]
    file = hostile[0] if hostile else directory / "base.yaml"
    out = tmp_path / "out" / "result.out"
    out.parent.mkdir(exist_ok=True)
    for old in out.parent.iterdir():
        old.unlink()
    before, before_shared = snapshot(tmp_path), snapshot(shared)
    started = time.perf_counter()
    code, output = invoke(fill(argv, directory, sources, file, out, base))
    assert time.perf_counter() - started < 30
    after = snapshot(tmp_path)
    written = {k for k in set(after) - set(before)} | {k for k in before if k in after and before[k] != after[k]}
    allowed = {os.path.relpath(out, tmp_path)}
    assert written <= allowed, f"wrote {sorted(written - allowed)}"
    assert snapshot(shared) == before_shared, "changed the corpus"
    assert not (directory / "pwned").exists() and not Path("pwned").exists()
    assert code in (0, 1, 2), output
    assert "Traceback" not in output
    return code, output


def each_command(invocations: list[tuple[str, list[str]]], run: Callable[[str, list[str]], None]) -> None:
    """`run` for each command in turn; every failure is collected and reported with the command it was."""
    failures = []
    for command, argv in invocations:
        try:
            run(command, argv)
        except AssertionError as error:
            failures.append(f"argmap {' '.join(argv)}\n    {str(error)[:1500]}")
    assert not failures, f"{len(failures)} of {len(invocations)} commands failed:\n" + "\n".join(failures)


@pytest.mark.parametrize("built", EVERY_COMMAND_CASES, ids=[c.name for c in EVERY_COMMAND_CASES], indirect=True)
def test_every_command_survives(built: tuple[Case, Path, Path], tmp_path: Path) -> None:
    case, directory, sources = built

    def run(command: str, argv: list[str]) -> None:
        _code, output = _run_everywhere(case, directory, sources, argv, tmp_path)
        if "--color" not in argv:
            assert "\x1b" not in output
        for sequence in RAW_SEQUENCES:
            assert sequence not in output, (sequence, output[:2000])

    each_command(FIRST, run)


MARKUP = BY_NAME["markup-and-escapes"]
ALL_INVOCATIONS = invocations(ALL_COMMANDS)


@pytest.mark.parametrize("built", [MARKUP], ids=[MARKUP.name], indirect=True)
def test_markup_and_escapes_print_literally(built: tuple[Case, Path, Path], tmp_path: Path) -> None:
    """Rich markup shows as written; escape sequences and control characters are shown escaped."""
    case, directory, sources = built

    def run(command: str, argv: list[str]) -> None:
        _code, output = _run_everywhere(case, directory, sources, argv, tmp_path)
        for sequence in RAW_SEQUENCES:
            assert sequence not in output, (sequence, output[:3000])
        if "--color" not in argv:
            assert "\x1b" not in output, output[:3000]
        if "--output" not in argv and "-o" not in argv:
            out = tmp_path / "out" / "result.out"
            assert not out.exists()
        for path in (tmp_path / "out").glob("*"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for sequence in ("\x1b[2J", "\x1b]0;", "\x07", "\x00"):
                assert sequence not in text, (path, sequence)

    each_command(ALL_INVOCATIONS, run)


def test_markup_shows_literally_in_text_and_github(tmp_path: Path) -> None:
    directory = tmp_path / "corpus"
    write_base(directory)
    (directory / "ids.yaml").write_text(BASE_MAP.replace("id: base-map", 'id: "[bold red]x\\e[31m"'))
    for fmt in ("text", "github"):
        code, output = invoke(["check", str(directory), "--format", fmt])
        assert code == 1
        assert "[bold red]x\\x1b[31m" in output, output
        assert "\x1b" not in output
    code, output = invoke(["check", str(directory), "--color", "always"])
    assert "[bold red]x\\x1b[31m" in output and "\x1b[31m'" not in output, output


def test_hostile_text_is_shown_not_run(tmp_path: Path) -> None:
    """The hostile text of a claim, when a command shows it, appears escaped (e.g. \\x1b[2J) and with its markup."""
    case = MARKUP
    directory = tmp_path / "corpus"
    build(case, directory)
    shown = []
    for name, argv in ALL_INVOCATIONS:
        if "{out}" in " ".join(argv):
            continue
        _code, output = invoke(fill(argv, directory, tmp_path, directory / "markup.yaml", tmp_path / "x", directory))
        if "RED[/bold red]" in output:
            shown.append(name)
            assert "\\x1b[2J" in output or "\\u001b[2J" in output or "\\\\e[2J" in output, (name, output[:2000])
    assert HOSTILE_TEXT.startswith("[bold red]RED[/bold red]")


# -- writing files: atomic, only what was asked, never over an input -------------------------------------


def _output_invocations() -> list[tuple[str, list[str]]]:
    import typer.main

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]  # built once: 50 ms each
    out = []
    for name, argv in invocations(ALL_COMMANDS):
        if "eve-evil" in argv:  # an agent of the markup case only
            continue
        if name == "import":  # -o is a new directory of YAML files, never a file: tests/test_import.py guards it
            continue
        if "{out}" in argv:
            out.append((name, argv))
            continue
        params = commands[name].params
        if any("--output" in getattr(p, "opts", []) for p in params):
            out.append((name, [*argv, "--output", "{out}"]))
    return out


OUTPUTS = _output_invocations()


@pytest.mark.parametrize(("command", "argv"), OUTPUTS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(OUTPUTS)])
def test_output_never_overwrites_an_input(tmp_path: Path, command: str, argv: list[str]) -> None:
    directory = tmp_path / "corpus"
    sources = write_base(directory)
    for target in (directory / "base.yaml", directory / "agents.yaml"):
        original = target.read_bytes()
        before = snapshot(tmp_path)
        code, output = invoke(fill(argv, directory, sources, directory / "base.yaml", target, directory))
        assert code == 2, (command, output)
        assert "input" in output, output
        assert target.read_bytes() == original
        assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("command", "argv"), OUTPUTS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(OUTPUTS)])
def test_output_writes_only_the_requested_file(tmp_path: Path, command: str, argv: list[str]) -> None:
    directory = tmp_path / "corpus"
    sources = write_base(directory)
    out = tmp_path / "out" / "report.out"
    out.parent.mkdir()
    before = snapshot(tmp_path)
    code, output = invoke(fill(argv, directory, sources, directory / "base.yaml", out, directory))
    assert code in (0, 1), output
    after = snapshot(tmp_path)
    assert set(after) - set(before) == {"out/report.out"}
    assert out.stat().st_size > 0
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".argmap-")]  # no temporary left behind


def test_output_into_a_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    directory = tmp_path / "corpus"
    write_base(directory)
    code, output = invoke(["check", str(directory), "-o", str(tmp_path / "no" / "such" / "dir" / "x.json")])
    assert code == 2 and "does not exist" in output


# -- real processes: no traceback ever reaches the user ---------------------------------------------------

END_TO_END = ["alias-bomb", "deep-flow", "fifty-megabytes", "binary", "fifo", "markup-and-escapes", "lone-surrogate",
              "python-object", "symlink-loop"]


@pytest.mark.e2e
@pytest.mark.parametrize("name", END_TO_END)
def test_end_to_end_subprocess(tmp_path: Path, name: str) -> None:
    case = BY_NAME[name]
    directory = tmp_path / "corpus"
    sources = build(case, directory)
    env = {k: v for k, v in os.environ.items() if k != "ARGMAP_DEBUG"}
    commands = [["check", str(directory), "--sources", str(sources)]]
    if not case.heavy:
        commands += [["positions", str(directory)]] if "positions" in ALL_COMMANDS else []
        commands += [["matrix", str(directory)]] if "matrix" in ALL_COMMANDS else []
    try:
        for argv in commands:
            result = subprocess.run([sys.executable, "-m", "argmap", *argv], capture_output=True, text=True,
                                    errors="replace", env=env, cwd=tmp_path, timeout=120)
            assert result.returncode in (0, 1, 2), result.stderr
            assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
            assert "\x1b" not in result.stdout
            if argv[0] == "check" and case.code:
                assert f" {case.code} " in result.stdout, result.stdout[-2000:]
    finally:
        cleanup(tmp_path)


def test_version_and_help_are_clean() -> None:
    for argv in (["--version"], ["--help"], *([name, "--help"] for name in ALL_COMMANDS)):
        code, output = invoke(argv)
        assert code == 0, (argv, output)
