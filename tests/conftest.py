from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.rules.example import write
from argmap.rules.rule import Rule
from tests import profiles

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"

profiles.load()  # HYPOTHESIS_PROFILE: quick (the default), thorough or fuzz

# Tests see real errors instead of the CLI's last-resort "internal error" message.
os.environ.setdefault("ARGMAP_DEBUG", "1")
# The size of whoever runs the tests never changes what a test reads (pytest-xdist's workers are given
# COLUMNS=80 and LINES=24, and plain tables follow COLUMNS): a test that wants a width sets it.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)


def _separate_stderr() -> None:
    """click before 8.2 (which the lowest typer allowed brings) mixes stderr into stdout in its test runner
    unless told not to; the tests read the two apart, and `output` as both, on every version."""
    import inspect

    import typer.testing

    if "mix_stderr" not in inspect.signature(typer.testing.CliRunner.__init__).parameters:
        return
    original = typer.testing.CliRunner.__init__

    def init(self: typer.testing.CliRunner, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("mix_stderr", False)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    typer.testing.CliRunner.__init__ = init  # type: ignore[method-assign]

    import click.testing  # only where typer still uses the separate click package

    def output(self: click.testing.Result) -> str:
        """Standard output and then standard error, as click 8.2 and later give `output`."""
        return self.stdout + (self.stderr if self.stderr_bytes is not None else "")

    click.testing.Result.output = property(output)  # type: ignore[assignment,method-assign]


_separate_stderr()


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """`seeds`, for fixtures that live longer than a test."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return SEEDS


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


def scaling(nodeid: str) -> bool:
    """The scaling tests (tests/hostile/test_scaling*.py) time two sizes of the same work against each other."""
    return nodeid.split("::", 1)[0].rsplit("/", 1)[-1].startswith("test_scaling")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """pytest-xdist's load scheduling, except that the scaling tests are one unit: one worker runs them
    all, one after another, never two at once. (xdist's own `xdist_group` marker does this on pytest 8,
    but not on pytest 9.2, whose node ids it can no longer rename.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return "scaling" if scaling(nodeid) else nodeid

    return Scheduling(config, log)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI (.ci/run sets ARGMAP_REQUIRE_EXTERNAL=1) every tool is installed, so a skip is a failure."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("ARGMAP_REQUIRE_EXTERNAL") and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where it must run: {report.longrepr}"


def failing_map(rule: Rule, directory: Path) -> Path:
    """The map of `rule`'s failing example (the one docs/rules.md shows), written under `directory` beside the
    registries (directory/maps) and the article (directory/sources)."""
    maps, _ = write(rule.examples.fails, str(directory))
    return Path(maps) / "map.yaml"
