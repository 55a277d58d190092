"""`-o` never destroys anything: not an article read by a worker process, not a device or a fifo, not the
configuration file, and a signal mid-write leaves no temporary file behind (issue 11)."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pytest
from hostile_cases import AGENTS, QUESTIONS, SOURCE_TEXT, command_names, fill, invocations, map_text, write_base
from typer.testing import CliRunner

from argmap.files import output
from argmap.interfaces.cli import app
from tests.clirun import run_cli as argmap

ROOT = Path(__file__).resolve().parents[2]
MAPS = ROOT / "maps"
runner = CliRunner()


def process(*args: str, cwd: Path, stdout: int | TextIO = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """Run the command in its own process, with standard output as the caller gives it."""
    env = {k: v for k, v in os.environ.items() if k != "ARGMAP_DEBUG"}
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, env=env, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=120, check=False)


def temporaries(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.startswith(".argmap-")]


@pytest.fixture
def clean_registry() -> Iterator[None]:
    """The inputs and protected trees are per process: keep each unit test's own."""
    saved = output.saved_state()
    yield
    output.restore_state(saved)


@pytest.fixture
def real_corpus(tmp_path: Path, seeds: Path) -> Path:
    """The real maps and a writable copy of their article texts (S) in a temporary directory."""
    shutil.copytree(MAPS, tmp_path / "maps")
    shutil.copytree(seeds, tmp_path / "S")
    os.chmod(tmp_path / "S", 0o755)  # the shared copy is read-only; a temporary file must be possible
    return tmp_path


def small_corpus(directory: Path, count: int) -> Path:
    """`count` small valid maps quoting one article, the registries, and the sources directory S."""
    maps = directory / "maps"
    maps.mkdir(parents=True)
    (maps / "agents.yaml").write_text(AGENTS, encoding="utf-8")
    (maps / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    for i in range(count):
        (maps / f"m{i:04d}.yaml").write_text(map_text(f"map-{i:04d}"), encoding="utf-8")
    sources = directory / "S"
    sources.mkdir()
    (sources / "base.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return sources


# -- an article read in a worker process is never overwritten ---------------------------------------------


def test_article_is_not_overwritten_with_two_workers(real_corpus: Path) -> None:
    article = sorted((real_corpus / "S").glob("000_*.txt"))[0]
    before = article.read_bytes()
    result = argmap("check", "maps", "--sources", "S", "-j", "2", "-o", f"S/{article.name}", cwd=real_corpus)
    assert result.returncode == 2, result.stderr
    assert "refusing to overwrite an input file" in result.stderr and "sources directory" in result.stderr
    assert article.read_bytes() == before
    assert temporaries(real_corpus / "S") == []


def test_article_is_not_overwritten_when_workers_start_by_default(tmp_path: Path) -> None:
    """400 maps: the default job count starts worker processes (on more than one core) for check; report,
    which keeps whole maps, builds them in process (the protection is taken before either reads)."""
    sources = small_corpus(tmp_path, 400)
    article = sources / "base.txt"
    started = time.monotonic()
    for command in ("check", "report"):
        result = argmap(command, "maps", "--sources", "S", "-o", "S/base.txt", cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "refusing to overwrite an input file" in result.stderr
        assert article.read_text(encoding="utf-8") == SOURCE_TEXT
    assert time.monotonic() - started < 30  # about 4 s on two busy cores
    # a new file in the sources directory is not an input of the run: it may be written
    result = argmap("check", "maps", "--sources", "S", "-o", "S/report.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "passed" in (sources / "report.txt").read_text(encoding="utf-8")


def test_a_symlink_to_an_article_is_refused(real_corpus: Path) -> None:
    article = sorted((real_corpus / "S").glob("001_*.txt"))[0]
    before = article.read_bytes()
    (real_corpus / "link.txt").symlink_to(article)
    result = argmap("check", "maps", "--sources", "S", "-j", "2", "-o", "link.txt", cwd=real_corpus)
    assert result.returncode == 2 and "refusing to overwrite an input file" in result.stderr, result.stderr
    assert article.read_bytes() == before and (real_corpus / "link.txt").is_symlink()


# -- only a regular file or a new path; `-` is standard output ------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _null_device(path: Path) -> None:
    """A node like /dev/null (character device 1,3): what `-o /dev/null` replaced when run as root."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")


def _directory(path: Path) -> None:
    path.mkdir()


SPECIAL: dict[str, tuple[Callable[[Path], None], Callable[[int], bool]]] = {
    "fifo": (_fifo, stat.S_ISFIFO),
    "character-device": (_null_device, stat.S_ISCHR),
    "directory": (_directory, stat.S_ISDIR),
}


@pytest.mark.parametrize("kind", list(SPECIAL))
@pytest.mark.parametrize("command", [["check", "maps"], ["report", "maps"], ["export", "maps", "--to", "json"],
                                     ["positions", "maps"]], ids=lambda c: c[0])
def test_a_special_file_is_refused_and_kept(tmp_path: Path, kind: str, command: list[str]) -> None:
    make, is_kind = SPECIAL[kind]
    shutil.copytree(MAPS, tmp_path / "maps")
    node = tmp_path / "node"
    make(node)
    result = argmap(*command, "-o", "node", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr and ".argmap-" not in result.stderr, result.stderr
    assert is_kind(os.lstat(node).st_mode)
    assert temporaries(tmp_path) == []


def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link").symlink_to(tmp_path / "fifo")
    result = argmap("check", "maps", "-o", "link", cwd=tmp_path)
    assert result.returncode == 2 and "not a regular file" in result.stderr, result.stderr
    assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode) and (tmp_path / "link").is_symlink()


def test_dev_null_is_refused() -> None:
    """Asked of the check alone, not through a write: as root a regression would replace the machine's
    /dev/null (test_a_special_file_is_refused_and_kept writes at a device node of its own)."""
    with pytest.raises(output.OutputError, match="not a regular file"):
        output.check_target("/dev/null")


def _with_output(argv: list[str], target: str) -> list[str]:
    """`argv` writing to `target`: its own -o/--output replaced, or one added."""
    out = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("-o", "--output"):
            skip = True
            continue
        out.append(arg)
    return [*out, "-o", target]


def _output_commands() -> list[tuple[str, list[str]]]:
    import typer.main

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    chosen: dict[str, list[str]] = {}
    for name, argv in invocations(command_names()):
        if name == "import":  # -o is a new directory of YAML files, which standard output cannot be
            continue
        if name in chosen or "eve-evil" in argv or "\x1b" in "".join(argv):
            continue
        if any("--output" in getattr(p, "opts", []) for p in commands[name].params):
            chosen[name] = argv
    return sorted(chosen.items())


@pytest.mark.parametrize(("command", "argv"), _output_commands(), ids=[name for name, _ in _output_commands()])
def test_dash_is_standard_output_for_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   command: str, argv: list[str]) -> None:
    directory = tmp_path / "corpus"
    sources = write_base(directory)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    filled = fill(_with_output(argv, "-"), directory, sources, directory / "base.yaml", tmp_path / "x", directory)
    result = runner.invoke(app, filled)
    assert result.exit_code in (0, 1), (command, result.output)
    assert result.stdout.strip(), command
    # no file named `-` (check's cache, .argmap_cache, is the one directory a run may add here)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".argmap_cache") == before


@pytest.mark.e2e  # standard output a file the shell opened
def test_dash_and_dev_stdout_through_the_cli(tmp_path: Path) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    for target in ("-", "/dev/stdout"):
        result = argmap("check", "maps", "--format", "json", "-o", target, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.lstrip().startswith("{") and result.stderr == ""
        assert not (tmp_path / "-").exists()
    # standard output sent to a file by the shell: the report goes into it, through the open descriptor
    with open(tmp_path / "shell.txt", "w", encoding="utf-8") as stream:
        result = process("check", "maps", "-o", "/dev/stdout", cwd=tmp_path, stdout=stream)
    assert result.returncode == 0, result.stderr
    assert "passed" in (tmp_path / "shell.txt").read_text(encoding="utf-8")
    assert temporaries(tmp_path) == []


@pytest.mark.e2e  # the process's own descriptors
def test_dev_stderr_and_descriptors_are_refused(tmp_path: Path) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    for target in ("/dev/stderr", "/dev/fd/2", "/dev/stdin"):
        result = process("check", "maps", "-o", target, cwd=tmp_path)
        assert result.returncode == 2 and "not a regular file" in result.stderr, (target, result.stderr)
        assert ".argmap-" not in result.stderr


# -- the configuration file is never overwritten ---------------------------------------------------------

PYPROJECT = '[project]\nname = "corpus"\n\n[tool.argmap]\nstrict = false\n'


@pytest.mark.parametrize("setup", ["pyproject", "argmap-toml", "explicit", "pyproject-without-argmap"])
def test_the_configuration_file_is_not_overwritten(tmp_path: Path, setup: str) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    args: list[str] = []
    if setup == "pyproject":
        config, text = tmp_path / "pyproject.toml", PYPROJECT
    elif setup == "argmap-toml":
        config, text = tmp_path / "argmap.toml", "strict = false\n"
    elif setup == "explicit":
        config, text = tmp_path / "my.toml", "strict = false\n"
        args = ["--config", "my.toml"]
    else:  # read while looking for the configuration, and not in force: still nobody's report
        config, text = tmp_path / "pyproject.toml", '[project]\nname = "corpus"\n'
    config.write_text(text, encoding="utf-8")
    for command in (["check", "maps", *args], ["report", "maps"], ["export", "maps", "--to", "json"]):
        if args and command[0] != "check":
            continue
        result = argmap(*command, "-o", config.name, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "refusing to overwrite" in result.stderr and "configuration" in result.stderr, result.stderr
        assert config.read_text(encoding="utf-8") == text
    assert argmap("check", "maps", *args, cwd=tmp_path).returncode == 0


# -- a signal during the write leaves nothing behind -----------------------------------------------------

WRITER = """\
import sys, time
from argmap.files.output import write_output

def write(stream):
    stream.write("x" * 2_000_000)
    stream.flush()
    sys.stdout.write("writing\\n")
    sys.stdout.flush()
    time.sleep(60)

write_output(sys.argv[1], write)
"""


@pytest.mark.parametrize(("signum", "statuses"), [(signal.SIGTERM, (-signal.SIGTERM, 143)),
                                                   (signal.SIGINT, (-signal.SIGINT, 130))],
                         ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_a_signal_mid_write_leaves_no_temporary(tmp_path: Path, signum: int, statuses: tuple[int, int],
                                                existing: bool) -> None:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    if existing:
        target.write_text("the old report\n", encoding="utf-8")
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script), str(target)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline() == "writing\n"
    assert len(temporaries(target.parent)) == 1  # mid-write: the temporary file is there
    process.send_signal(signum)
    _, errors = process.communicate(timeout=30)
    assert process.returncode in statuses, (process.returncode, errors)
    assert temporaries(target.parent) == []
    if existing:
        assert target.read_text(encoding="utf-8") == "the old report\n"
    else:
        assert not target.exists()


def test_handlers_are_restored_after_the_write(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    output.write_output(str(tmp_path / "a.txt"), lambda stream: stream.write("a"))
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


def test_a_write_from_another_thread_sets_no_handlers(tmp_path: Path) -> None:
    # Only the main thread may set signal handlers: elsewhere (the language server's threads) the write
    # goes ahead unguarded, and the handlers stay as they were.
    import threading

    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    failed: list[BaseException] = []

    def write() -> None:
        try:
            output.write_output(str(tmp_path / "t.txt"), lambda stream: stream.write("t"))
        except BaseException as error:  # whatever it is, the test reports it
            failed.append(error)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join(30)
    assert failed == [] and (tmp_path / "t.txt").read_text(encoding="utf-8") == "t"
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
    assert temporaries(tmp_path) == []


# -- messages: never the temporary file; the directory that does not exist ------------------------------


def test_a_failing_rename_does_not_name_the_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(source: str, target: str) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), source, target)

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(output.OutputError) as raised:
        output.write_output(str(tmp_path / "r.txt"), lambda stream: stream.write("r"))
    assert ".argmap-" not in str(raised.value) and "r.txt" in str(raised.value)
    assert temporaries(tmp_path) == []


def test_a_failing_write_does_not_name_the_temporary(tmp_path: Path) -> None:
    def write(stream: TextIO) -> None:
        stream.write("partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), getattr(stream, "name", "?"))

    with pytest.raises(output.OutputError) as raised:
        output.write_output(str(tmp_path / "r.txt"), write)
    assert ".argmap-" not in str(raised.value) and "No space left" in str(raised.value)
    assert temporaries(tmp_path) == [] and not (tmp_path / "r.txt").exists()


def test_a_missing_directory_is_named(tmp_path: Path) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    result = argmap("check", "maps", "-o", "no/such/r.txt", cwd=tmp_path)
    assert result.returncode == 2 and "directory does not exist: no/such" in result.stderr, result.stderr
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    result = argmap("check", "maps", "-o", "plain/r.txt", cwd=tmp_path)
    assert result.returncode == 2 and "not a directory: plain" in result.stderr, result.stderr
    assert (tmp_path / "plain").read_text(encoding="utf-8") == "x"


def test_a_symlink_is_followed_to_a_regular_file(tmp_path: Path) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    (tmp_path / "real.txt").write_text("old\n", encoding="utf-8")
    os.chmod(tmp_path / "real.txt", 0o640)
    (tmp_path / "link.txt").symlink_to("real.txt")
    (tmp_path / "dangling.txt").symlink_to("new.txt")
    for target in ("link.txt", "dangling.txt"):
        result = argmap("check", "maps", "-o", target, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / target).is_symlink()
    assert "passed" in (tmp_path / "real.txt").read_text(encoding="utf-8")
    assert "passed" in (tmp_path / "new.txt").read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(tmp_path / "real.txt").st_mode) == 0o640  # the file keeps its mode
    assert temporaries(tmp_path) == []


# -- output.py itself ------------------------------------------------------------------------------------


def test_is_stdout() -> None:
    assert output.is_stdout("-") and output.is_stdout("/dev/stdout") and output.is_stdout("/dev/fd/1")
    assert not output.is_stdout("--") and not output.is_stdout("out.txt") and not output.is_stdout("/dev/stderr")


@pytest.mark.usefixtures("clean_registry")
def test_protect_tree_refuses_existing_files_only(tmp_path: Path) -> None:
    tree = tmp_path / "texts"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "a.txt").write_text("article", encoding="utf-8")
    output.protect_tree(str(tree))
    with pytest.raises(output.OutputError, match="sources directory"):
        output.write_output(str(tree / "sub" / "a.txt"), lambda stream: stream.write("x"))
    assert (tree / "sub" / "a.txt").read_text(encoding="utf-8") == "article"
    output.write_output(str(tree / "new.txt"), lambda stream: stream.write("x"))
    assert (tree / "new.txt").read_text(encoding="utf-8") == "x"
    # beside the tree, a name that starts the same is not in it
    (tmp_path / "texts-old.txt").write_text("y", encoding="utf-8")
    output.write_output(str(tmp_path / "texts-old.txt"), lambda stream: stream.write("z"))


@pytest.mark.usefixtures("clean_registry")
def test_remembered_inputs_and_configuration_names(tmp_path: Path) -> None:
    read = tmp_path / "in.yaml"
    read.write_text("in", encoding="utf-8")
    output.remember_inputs([str(read)])
    with pytest.raises(output.OutputError, match="input file"):
        output.write_output(str(read), lambda stream: stream.write("x"))
    for name in ("pyproject.toml", "argmap.toml"):
        (tmp_path / name).write_text("[tool]\n", encoding="utf-8")
        with pytest.raises(output.OutputError, match="configuration"):
            output.write_output(str(tmp_path / name), lambda stream: stream.write("x"))
    assert read.read_text(encoding="utf-8") == "in"


def test_write_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    output.write_output("-", lambda stream: stream.write("to stdout\n"))
    assert capsys.readouterr().out == "to stdout\n"
