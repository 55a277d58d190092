"""What the commands share that needs no typer: usage errors and messages, colour, the settings built
once, the corpus loaded one way, and output written one way. `argmap.interfaces.commands.base` (the typer app and the
options every command spells the same way) re-exports it for the command modules; the quick path of
`argmap check` (argmap.interfaces.commands.checking) uses it without importing typer at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from enum import Enum

from argmap.core.diagnostics import EXIT_USAGE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn, TextIO, TypeVar

    from argmap.analysis.positions import Stances
    from argmap.core.diagnostics import Finding
    from argmap.model.config import Settings
    from argmap.model.corpus import Progress
    from argmap.model.maps import Corpus

    T = TypeVar("T")

DEFAULT_CORPUS = "maps"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def usage_error(message: str) -> NoReturn:
    from argmap.core.safetext import clean

    sys.stderr.write(f"argmap: error: {clean(message)}\n")
    sys.stderr.flush()  # before the exit unwinds: a test runner's captured stream is read without a flush
    raise SystemExit(EXIT_USAGE)  # as typer's Exit ends: this status, no other output


def say(message: str) -> None:
    """A line for the person at the terminal, on standard error, apart from the output."""
    from argmap.core.safetext import clean

    sys.stderr.write(f"argmap: {clean(message)}\n")
    sys.stderr.flush()


def warn(message: str) -> None:
    from argmap.core.safetext import clean

    sys.stderr.write(f"argmap: warning: {clean(message)}\n")
    sys.stderr.flush()


def use_color(mode: ColorMode, stream: object = None) -> bool:
    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"


def count_option(count: str) -> str:
    """The --count given, if it names one of positions.COUNTS."""
    from argmap.analysis.positions import COUNTS

    if count not in COUNTS:
        usage_error(f"--count {count!r}: give {' or '.join(COUNTS)}")
    return count


def corpus_paths(paths: list[str] | None) -> list[str]:
    """The paths given, else maps/ in the working directory: never a guess at some other directory."""
    if paths:
        return paths
    if os.path.isdir(DEFAULT_CORPUS):
        return [DEFAULT_CORPUS]
    usage_error(f"no {DEFAULT_CORPUS}/ directory in {os.getcwd()}: give the maps' directory or files as PATH")


def settings(config: str | None = None, isolated: bool = False, **overrides: Any) -> Settings:
    """The settings of this run, built once: the configuration file's, with the command line's on top.
    A bad configuration, or a sources directory that does not exist, is a usage error."""
    from argmap.model import config as config_mod

    try:
        built = config_mod.load(".", config, isolated).updated(**overrides)
    except config_mod.ConfigError as error:
        usage_error(str(error))
    for directory in built.sources:
        if not os.path.isdir(directory):
            usage_error(f"--sources: no such directory: {directory}. It should hold the article texts that the "
                        "maps quote (kept outside the repository); leave --sources off to skip the quote check")
    return built


PROGRESS_DELAY = 1.0  # seconds: a run quicker than this shows no bar at all


@contextmanager
def progress_bar(label: str, enabled: bool = True) -> Iterator[Progress | None]:
    """A callback that draws a progress bar on standard error, or None: only at a terminal, never in CI
    (`CI` set), never when the caller says not (--quiet, or a format made for machines), and only once a
    run has taken PROGRESS_DELAY seconds, so that quick runs print exactly what they always did."""
    if not enabled or os.environ.get("CI") or os.environ.get("TERM") == "dumb" or not sys.stderr.isatty():
        yield None
        return
    import time

    delay = float(os.environ.get("ARGMAP_PROGRESS_DELAY", PROGRESS_DELAY))  # tests set 0
    started = time.monotonic()
    shown: list[Any] = []  # the rich Progress and its task, once drawn

    def advance(done: int, total: int) -> None:
        if not shown:
            if time.monotonic() - started < delay or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                           console=Console(stderr=True), transient=True)
            bar.start()
            shown.extend([bar, bar.add_task(label, total=total)])
        shown[0].update(shown[1], completed=done)

    try:
        yield advance
    finally:
        if shown:
            shown[0].stop()


@contextmanager
def corpus_errors() -> Iterator[None]:
    """A path that does not exist, raised while the corpus loads, as a usage error."""
    from argmap.model.corpus import CorpusError

    try:
        yield
    except CorpusError as error:
        usage_error(str(error))


def _loaded(targets: list[str], has_maps: bool, findings: list[Finding], allow_empty: bool = False) -> None:
    """No map (unless allowed) is a usage error; errors in the maps are worth a warning."""
    from argmap.core.diagnostics import Severity

    if not has_maps and not allow_empty:
        usage_error(f"no maps found in {', '.join(targets)}")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if errors:
        from argmap.core.words import plural

        warn(f"the maps have {plural(errors, 'error')}; results may be incomplete (run `argmap check`)")


def load_corpus(paths: list[str] | None, run: Settings, allow_empty: bool = False, progress: bool = True) -> Corpus:
    """The corpus at `paths` (default maps/), every map whole; with a progress bar at a terminal unless
    `progress` is false."""
    from argmap.model.corpus import load_corpus as load

    targets = corpus_paths(paths)
    with corpus_errors(), progress_bar("reading maps", progress) as advance:
        corpus, findings, _ = load(targets, run.limits, run.jobs, advance)
    _loaded(targets, bool(corpus.maps), findings, allow_empty)
    return corpus


def load_version(spec: str, corpus_path: str, run: Settings, stack: ExitStack, allow_empty: bool = False,
                 progress: bool = True) -> Corpus:
    """`spec` as it is if it is a file or directory, else the maps at `corpus_path` in the git revision
    `spec` of the repository here, checked out until `stack` closes."""
    from argmap.analysis import gitrev

    if not os.path.exists(spec):
        try:  # a blob over the configured max-file-size is not read
            spec = stack.enter_context(gitrev.checkout(spec, corpus_path, run.max_file_size))
        except gitrev.RevisionError as error:
            usage_error(str(error))
    return load_corpus([spec], run, allow_empty, progress)


def load_stances(paths: list[str] | None, run: Settings, details: bool, progress: bool = True) -> Stances:
    """Of each map of the corpus only its stances (with their grounds, quotes and notes if `details`),
    taken where the map is built (in worker processes for a large corpus): no whole map is ever held."""
    from argmap.analysis.positions import StanceHook, Stances
    from argmap.model.corpus import reading

    targets = corpus_paths(paths)
    with corpus_errors(), progress_bar("reading maps", progress) as advance, \
            reading(targets, run.limits, run.jobs, lambda r: StanceHook(r, details), progress=advance) as read:
        stances = Stances(read.registries, [])
        findings = read.findings
        for kept, found in read.results:
            findings.extend(found)
            if kept is not None:
                stances.maps.append(kept)  # type: ignore[arg-type]
    _loaded(targets, bool(stances.maps), findings)
    return stances


def emit(output: str | None, write: Callable[[TextIO], object], protect: Corpus | None = None) -> None:
    """`write` to standard output, or atomically to the file `output` (refused over an input)."""
    if not output:  # (the writer of files not imported for standard output: `check` on every save)
        write(sys.stdout)
        sys.stdout.flush()
        return
    from argmap.files.output import OutputError, is_stdout, write_output

    if is_stdout(output):
        write(sys.stdout)
        sys.stdout.flush()
        return
    try:
        write_output(output, write, protect=protect)
    except (OutputError, OSError) as error:
        usage_error(str(error))


def lookup(find: Callable[[], T]) -> T:
    """A name from the command line resolved in the corpus, or a usage error with "did you mean"."""
    from argmap.analysis.lookup import UnknownName

    try:
        return find()
    except UnknownName as error:
        usage_error(str(error))


def guarded(action: Callable[[], object]) -> None:
    """Run `action` (the command line); no traceback ever reaches the user."""
    try:
        action()
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as error:
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        from argmap.core.safetext import clean

        sys.stderr.write(f"argmap: internal error: {clean(type(error).__name__)}: {clean(str(error))}\n"
                         "Please report this with the input that caused it (ARGMAP_DEBUG=1 shows details).\n")
        sys.exit(EXIT_USAGE)
