"""Terminal comforts (issue 16): `argmap init`, shell completion of values, and quiet and verbose runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.rules import STANCE_OUT_OF_SCALE
from tests.clirun import Result, run_cli
from tests.conftest import failing_map

ROOT = Path(__file__).resolve().parent.parent


# Completion is keyed to the program's name: the installed console script, as a shell runs it.
SCRIPT = Path(sys.executable).parent / "argmap"


def argmap(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """As the installed script runs: completion is keyed to the program's name."""
    return run_cli(*args, cwd=cwd, env={"CI": None, **(env or {})}, script=True)


# -- argmap init -----------------------------------------------------------------------------------


def test_init_starts_a_corpus_that_passes_check(tmp_path: Path) -> None:
    result = argmap("init", str(tmp_path / "new"))
    assert result.returncode == 0, result.stderr
    made = tmp_path / "new"
    for path in ("maps/agents.yaml", "maps/questions.yaml", "maps/ann-2024-bridge.yaml", "schema/map.schema.json",
                 "argmap.toml", ".pre-commit-config.yaml", ".github/workflows/argmap.yml"):
        assert (made / path).is_file(), path
        assert f"wrote   {path}" in result.stdout
    assert (made / "maps" / "agents.yaml").read_text().startswith("# yaml-language-server: $schema=../schema/")
    checked = argmap("check", "maps", cwd=made)  # strict = true in the argmap.toml it wrote
    assert checked.returncode == 0, checked.stdout
    assert "argmap check maps --format github" in (made / ".github" / "workflows" / "argmap.yml").read_text()


def test_init_never_overwrites_and_says_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "agents.yaml").write_text("mine\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    result = argmap("init", str(tmp_path))
    assert result.returncode == 0
    assert (tmp_path / "maps" / "agents.yaml").read_text() == "mine\n"
    assert "skipped maps/agents.yaml (exists)" in result.stdout
    assert not (tmp_path / "argmap.toml").exists()  # the settings go into the existing pyproject.toml
    assert (tmp_path / "pyproject.toml").read_text().startswith('[project]\nname = "x"\n\n[tool.argmap]\n')
    again = argmap("init", str(tmp_path))
    assert "skipped pyproject.toml (it already has [tool.argmap])" in again.stdout
    assert (tmp_path / "pyproject.toml").read_text().count("[tool.argmap]") == 1
    assert argmap("init", str(tmp_path / "pyproject.toml")).returncode == 2


# -- completion ------------------------------------------------------------------------------------


def complete(words: str, cwd: Path = ROOT) -> list[str]:
    """What bash completion offers for the command line `words` (the cursor after its last word)."""
    parts = words.split(" ")
    env = {"_ARGMAP_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = argmap(cwd=cwd, env=env)
    return result.stdout.split()


def test_completion_knows_the_corpus() -> None:
    assert "russia-seeks-annexation" in complete("argmap positions russia-")
    assert all(q.startswith("russia-") for q in complete("argmap positions russia-"))
    assert "dzianis-melyantsou" in complete("argmap timeline dz")
    both = complete("argmap compare ")
    assert "andrei-kazakevich" in both and "melyantsou-2021-merger-fears" in both  # agents and maps
    assert complete("argmap graph --map kaz") == ["kazakevich-2021-putin-lukashenka-summit"]
    assert complete("argmap explain Y00") == [f"Y00{i}" for i in range(1, 10)]
    assert complete("argmap check --format s") == ["sarif"]


def test_completion_outside_a_corpus_offers_nothing_and_never_fails(tmp_path: Path) -> None:
    assert complete("argmap positions ", cwd=tmp_path) == []
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "questions.yaml").write_text("argmap: 1\nquestions: [\n")  # broken
    assert complete("argmap positions ", cwd=tmp_path) == []


def test_show_completion_prints_a_script() -> None:
    # typer finds the shell among the test runner's ancestors unless told which (a runner started by
    # /usr/bin/time, or by a service, has none): this test is about argmap's script, not that search.
    result = argmap("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0 and "_ARGMAP_COMPLETE" in result.stdout


# -- quiet -----------------------------------------------------------------------------------------


def test_quiet_prints_only_findings(tmp_path: Path) -> None:
    path = str(failing_map(STANCE_OUT_OF_SCALE, tmp_path / "example"))
    loud = argmap("check", path)
    quiet = argmap("check", path, "-q")
    assert quiet.returncode == loud.returncode == 1
    assert "S004" in quiet.stdout and "Check failed" in loud.stdout
    assert "Check failed" not in quiet.stdout and "Quotes not checked" not in quiet.stdout
    findings_only = argmap("check", "maps", "-q").stdout.splitlines()
    assert findings_only and all(line.startswith(("maps/", "    hint: ")) for line in findings_only)
    assert argmap("check", "maps", "-q", "-v").returncode == 2  # one or the other


# -- progress --------------------------------------------------------------------------------------


def with_terminal(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    """Run argmap with standard error on a pseudo-terminal (a person's terminal) and the bar's delay at 0:
    (exit status, standard output, what the terminal got)."""
    import pty

    master, slave = pty.openpty()
    full = {k: v for k, v in os.environ.items() if k not in ("CI", "ARGMAP_DEBUG", "NO_COLOR", "FORCE_COLOR")}
    full.update({"ARGMAP_PROGRESS_DELAY": "0", "TERM": "xterm", **(env or {})})
    process = subprocess.run([str(SCRIPT), *args], cwd=ROOT, env=full, stdout=subprocess.PIPE, stderr=slave, timeout=120)
    os.close(slave)
    seen = b""
    try:
        while chunk := os.read(master, 65536):
            seen += chunk
    except OSError:  # the terminal's other end is closed once everything was read
        pass
    os.close(master)
    return process.returncode, process.stdout.decode(), seen


@pytest.mark.e2e  # standard error on a pseudo-terminal
def test_a_terminal_sees_a_progress_bar_and_the_output_is_unchanged() -> None:
    piped = argmap("check", "maps", "--no-cache")
    code, out, terminal = with_terminal("check", "maps", "--no-cache")
    assert code == piped.returncode == 0 and out == piped.stdout
    assert b"checking maps" in terminal and b"5/5" in terminal
    _, matrix_out, terminal = with_terminal("matrix", "maps")
    assert b"reading maps" in terminal and matrix_out == argmap("matrix", "maps").stdout


@pytest.mark.e2e  # standard error on a pseudo-terminal
@pytest.mark.parametrize(("args", "env"), [
    (["check", "maps", "-q"], {}), (["check", "maps", "-f", "json"], {}), (["check", "maps", "-f", "sarif"], {}),
    (["check", "maps"], {"CI": "true"}), (["matrix", "maps", "-f", "json"], {}),
])
def test_no_bar_when_quiet_in_ci_or_for_machines(args: list[str], env: dict[str, str]) -> None:
    _, _, terminal = with_terminal(*args, "--no-cache" if args[0] == "check" else "--color=never", env=env)
    assert b"maps \x1b" not in terminal and b"/5" not in terminal, terminal[:200]


@pytest.mark.e2e  # standard error on a pseudo-terminal
def test_a_quick_run_shows_no_bar() -> None:
    _, _, terminal = with_terminal("check", "maps", "--no-cache", env={"ARGMAP_PROGRESS_DELAY": "30"})
    assert b"/5" not in terminal
