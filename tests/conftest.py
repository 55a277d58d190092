from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from argmap.core.rules.example import write
from argmap.core.rules.rule import Rule
from tests import clirun, profiles

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"

profiles.load()  # HYPOTHESIS_PROFILE: quick (the default), thorough or fuzz
clirun.keep_built_commands()  # the CLI's commands built once a process, not on every call in process

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


def pytest_configure(config: pytest.Config) -> None:
    """Under PYTHONDONTWRITEBYTECODE (CI images set it), every Python process a test starts (`python -m
    argmap`, a language server, a web page's or a PDF's reader: about 160 in the suite) compiled argmap's
    modules again. Those processes keep what they compile in one directory of this run's instead, removed
    at the end, so that nothing is written beside the sources. Not the test processes themselves: under
    a prefix of its own, Python compiles every installed package again too (PyTorch took 20 s)."""
    if not sys.dont_write_bytecode:
        return
    if not hasattr(config, "workerinput"):
        prefix = tempfile.mkdtemp(prefix="argmap-tests-pycache-")
        os.environ["ARGMAP_TESTS_PYCACHE"] = prefix  # the workers started after this read it
        config.add_cleanup(lambda: shutil.rmtree(prefix, ignore_errors=True))
        if config.getoption("numprocesses", None):
            return  # this process starts the workers: they must not inherit the prefix
    os.environ["PYTHONPYCACHEPREFIX"] = os.environ["ARGMAP_TESTS_PYCACHE"]
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection made (every test module, argmap, hypothesis, rich: about 160,000 objects) is kept for
    the whole run, so the cyclic collector leaves it out of its walks from here on (gc.freeze). Each of its
    full collections walked all of it, over 2,000 tests: the suite took 302-308 s of CPU with this, 346-347 s
    without (two runs each way, in turns)."""
    import gc

    gc.freeze()


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


# Files whose tests go to one worker together: they share what costs most to make (the release's git
# repository, the embedding model loaded, a language server), made once and not once on each worker.
TOGETHER = ("tests/test_release.py", "tests/test_links_model.py", "tests/lsp/test_diagnostics.py",
            "tests/lsp/test_features.py", "tests/lsp/test_robustness.py", "tests/lsp/test_websources_hover.py")

# The slowest units, started first (largest first, as measured by --durations), so that no worker is left
# running one of them alone at the end while the other waits. A test missing here only costs time.
FIRST = ("scaling", "tests/test_release.py", "tests/test_links_model.py",
         "tests/analysis/test_analysis_stances.py::test_every_command_prints_what_the_whole_model_gives[generated",
         "tests/test_across.py::test_a_large_corpus_spills", "tests/lsp/test_robustness.py",
         "tests/analysis/test_analysis_stances.py::test_hooked_entries_equal_the_whole_models[generated",
         "tests/lsp/test_diagnostics.py", "tests/test_authoring.py::test_find_is_empty",
         "tests/test_cache.py::test_random_edit_sequences", "tests/visual/", "tests/hostile/test_hostile.py::test_end",
         "tests/test_plot.py::test_png")


def unit(nodeid: str) -> str:
    """The unit of work pytest-xdist hands to a worker: a test, or a group of tests that go together."""
    if scaling(nodeid):
        return "scaling"
    path = nodeid.split("::", 1)[0]
    return path if path in TOGETHER else nodeid


def rank(unit: str) -> int:
    return next((i for i, prefix in enumerate(FIRST) if unit.startswith(prefix)), len(FIRST))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (addopts): one worker more than the CPUs this process may use. Many tests wait on a child
    (a language server, pip, pre-commit, Chromium, Neovim, a command run as a process) while the CPU is
    free; on 2 cores the suite took 191-197 s with 2 workers, 168 s with 3 and 184 s with 4."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cpus + 1


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """pytest-xdist's load scheduling, except that the scaling tests are one unit (one worker runs them
    all, one after another, never two at once), the files of TOGETHER are one unit each, and the units of
    FIRST are handed out first. (xdist's own `xdist_group` marker does the grouping on pytest 8, but not
    on pytest 9.2, whose node ids it can no longer rename.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):  # type: ignore[misc]
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid)

        def _assign_work_unit(self, node: object) -> None:
            if not self.ordered:  # the queue is complete by the first assignment; sorted stably, once
                self.ordered = True
                queue = sorted(self.workqueue.items(), key=lambda item: rank(item[0]))
                self.workqueue.clear()
                self.workqueue.update(queue)
            super()._assign_work_unit(node)

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
