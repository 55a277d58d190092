"""Start-up: `argmap --version` answers without building the command line (typer is most of start-up),
and prints what the full command line prints."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from tests.clirun import run_cli


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_the_quick_version_is_the_command_lines(flag: str) -> None:
    quick = run_cli(flag)
    full = CliRunner().invoke(app, [flag])
    assert (quick.code, quick.stdout, quick.stderr) == (full.exit_code, full.stdout, "")


@pytest.mark.e2e
def test_version_imports_neither_typer_nor_yaml() -> None:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "argmap", "--version"], capture_output=True,
                          text=True, timeout=60, check=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert done.stdout == "argmap 0.1.0\n" or done.stdout.startswith("argmap ")
    assert not imported & {"typer", "click", "rich", "yaml"}, sorted(imported & {"typer", "click", "rich", "yaml"})
