"""Start-up: `argmap --version` answers without building the command line (typer is most of start-up),
and prints what the full command line prints; `argmap check` on one map, as editors and hooks run it,
imports neither typer nor what one map does not need (tests/test_quick_check.py: it reads its command line
as typer does)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.interfaces.cli import app
from tests.clirun import ROOT, run_cli

MAP = str(ROOT / "tests" / "corpus" / "base" / "ok-base.yaml")
# None of these is needed to check one map in text (or JSON) at a pipe: the command line's library and the
# terminal's, the worker processes of a large corpus, the quote check's machinery without --sources, and
# the other formats' reporters, and OpenSSL's hashes (the cache's blake2 is its own module); nor dataclasses
# (and the inspect, ast, dis and tokenize it imports: argmap's data classes are argmap.core.record's), typing
# (annotations are strings, argmap.core.notyping has the rest), the rules' examples and textwrap, and
# tomllib without a configuration file (the repository's own pyproject.toml has no [tool.argmap]); nor the
# library's facade (argmap.interfaces.api: the command runs the engine itself).
NOT_FOR_ONE_MAP = {"typer", "click", "rich", "multiprocessing", "concurrent", "_hashlib", "hashlib", "hmac", "argmap.files.sources", "argmap.checks.quotes",
                   "argmap.outputs.reporters.sarif", "argmap.outputs.reporters.github", "argmap.interfaces.cli", "argmap.interfaces.commands.base",
                   "argmap.interfaces.api", "dataclasses", "inspect", "ast", "dis", "tokenize", "typing", "argmap.core.rules.example", "textwrap", "tomllib"}


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


# The console script's run of ARGS, and the modules it leaves imported (`-X importtime` does not list a
# module imported by importlib.import_module, as the reporters and the commands are).
_RUN = ("import sys; from argmap.interfaces.entry import execute; status = execute(sys.argv[1:]); "
        "sys.stderr.write('\\n'.join(['MODULES', *sys.modules])); sys.exit(status)")


def _imported(*args: str, cwd: Path = ROOT, bare: bool = False) -> set[str]:
    """The modules `argmap ARGS` imports (run in `cwd`). `bare`: without the site module, so without what
    the .pth files of site-packages import first (an editable install's imports importlib, warnings and
    fnmatch), site-packages itself still on the path."""
    where = [str(ROOT), *([path for path in sys.path if path.endswith("site-packages")] if bare else []),
             os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(where)}
    done = subprocess.run([sys.executable, *(["-S"] if bare else []), "-c", _RUN, *args], capture_output=True,
                          text=True, timeout=60, check=False, cwd=cwd, env=env)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return set(done.stderr.rpartition("MODULES\n")[2].splitlines())


# Nor these, which a .pth file may have imported before argmap runs (so looked for in a `bare` run): importlib
# (and the warnings it imports) is for the commands typer runs, fnmatch for per-file-ignores, errno for a
# broken pipe.
NOT_IMPORTED_BY_A_CHECK = {"importlib", "warnings", "fnmatch", "errno"}


@pytest.mark.e2e
@pytest.mark.parametrize("args", [[MAP], ["--format", "json", MAP], ["--no-cache", "--strict", "-q", MAP]], ids=" ".join)
def test_check_on_one_map_imports_only_what_it_needs(args: list[str]) -> None:
    imported = _imported("check", *args)
    assert "argmap.checks.engine" in imported  # it did check the map
    assert not {name for name in imported if name in NOT_FOR_ONE_MAP or name.split(".")[0] in NOT_FOR_ONE_MAP}
    bare = _imported("check", *args, bare=True)
    assert "argmap.checks.engine" in bare
    assert not bare & NOT_IMPORTED_BY_A_CHECK, sorted(bare & NOT_IMPORTED_BY_A_CHECK)


@pytest.mark.e2e
def test_a_recheck_after_a_change_imports_nothing_a_check_of_one_map_does_not(tmp_path: Path) -> None:
    # The index written through atomicfile's guard (not `signal`'s enums, nor `threading`) and the changed
    # map decoded by files.bounded.utf8_text (not the utf-8-sig codec): nothing more to import than for one map.
    shutil.copytree(ROOT / "tests" / "corpus" / "base", tmp_path / "maps")
    unchanged = _imported("check", "maps", cwd=tmp_path)
    with open(tmp_path / "maps" / "ok-base.yaml", "a", encoding="utf-8") as handle:
        handle.write("# changed\n")
    changed = _imported("check", "maps", cwd=tmp_path)
    assert (tmp_path / ".argmap_cache").is_dir()  # it did use the cache
    assert "argmap.checks.cache" in changed
    assert not {"signal", "threading", "encodings.utf_8_sig"} & changed, sorted(changed - unchanged)
    with open(tmp_path / "maps" / "ok-base.yaml", "a", encoding="utf-8") as handle:
        handle.write("# changed again\n")
    bare = _imported("check", "maps", cwd=tmp_path, bare=True)
    assert "argmap.checks.cache" in bare
    # nor unicodedata: the registries are unchanged, their findings (R011's folded names) the cache's; nor the
    # modules of those findings (C009, R011), nor those of links.yaml's, which this corpus has none of; nor
    # the writer of -o, which only notes what was read (argmap.files.inputs)
    held = {*NOT_IMPORTED_BY_A_CHECK, "unicodedata", "argmap.checks.refinements", "argmap.checks.confusables",
            "argmap.checks.links", "argmap.core.clusters", "argmap.files.output"}
    assert not bare & held, sorted(bare & held)


@pytest.mark.e2e
def test_check_help_still_builds_the_command_line() -> None:
    assert "typer" in _imported("check", "--help")


@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
def test_execute_leaves_the_collector_as_it_found_it(enabled: bool) -> None:
    # In-process callers (the tests, the language server) keep their collector; only `main` turns it off.
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert run_cli("check", "--no-cache", MAP).code == 0
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize(("argv", "collector"), [(["check", MAP], False), (["--version"], True), (["matrix", MAP], True)],
                         ids=["check", "version", "other"])
def test_main_turns_the_collector_off_for_check_only(argv: list[str], collector: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import os

    from argmap.interfaces import entry

    seen: list[bool] = []

    def leave(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(sys, "argv", ["argmap", *argv])
    def execute(args: list[str]) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(entry, "execute", execute)
    monkeypatch.setattr(os, "_exit", leave)
    was = gc.isenabled()
    gc.enable()
    try:
        with pytest.raises(SystemExit):
            entry.main()
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [collector]


@pytest.mark.e2e
def test_pyyaml_is_imported_by_the_first_parse_not_by_the_modules() -> None:
    # A check whose maps and registries all come from the cache parses nothing: what it imports to read maps
    # must not import PyYAML (a fifth of start-up) before a parse.
    code = ("import sys; import argmap.checks.engine, argmap.model.corpus, argmap.syntax.yamlsource as y; "
            "before = 'yaml' in sys.modules; doc, found = y.parse('argmap: 1\\nid: x\\n', 'x.yaml', y.Limits()); "
            "print(before, 'yaml' in sys.modules, doc.data, found)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True, env=env)
    assert done.stdout.split(" ", 2) == ["False", "True", "{'argmap': 1, 'id': 'x'} []\n"]


@pytest.mark.e2e
def test_a_check_that_passes_imports_nothing_to_show_the_maps_text() -> None:
    # argmap.core.safetext escapes text from the maps in findings: a map that passes shows none.
    assert "argmap.core.safetext" not in _imported("check", MAP)


@pytest.mark.e2e
def test_a_warm_check_that_parses_nothing_imports_no_yaml(tmp_path: Path) -> None:
    # Every map and registry held by the cache: nothing to parse, so PyYAML (a fifth of start-up) is not
    # imported, not even for the cache's context (which knows PyYAML by its installed files). A change is parsed.
    shutil.copytree(ROOT / "tests" / "corpus" / "base", tmp_path / "maps")
    _imported("check", "maps", cwd=tmp_path)
    warm = _imported("check", "maps", cwd=tmp_path)
    assert "argmap.checks.cache" in warm and "yaml" not in warm, sorted(name for name in warm if "yaml" in name)
    with open(tmp_path / "maps" / "ok-base.yaml", "a", encoding="utf-8") as handle:
        handle.write("# changed\n")
    assert "yaml" in _imported("check", "maps", cwd=tmp_path)
