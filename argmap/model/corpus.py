"""Finding the files of a corpus and loading them into the model, each file read once."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import attrgetter

from argmap.core.diagnostics import Finding, Severity
from argmap.core.notyping import Protocol
from argmap.core.record import field, record, replace
from argmap.core.rules import DUPLICATE_REGISTRY_ID, UNREADABLE
from argmap.files.inputs import remember_inputs
from argmap.model import maps as model
from argmap.model import schema
from argmap.model.suppress import may_suppress_text
from argmap.syntax.yamlsource import Document, Limits, load, parse, ready, size_finding

REGISTRY_NAMES = {"agents.yaml": "agents", "agents.yml": "agents",
                  "questions.yaml": "questions", "questions.yml": "questions",
                  "links.yaml": "links", "links.yml": "links"}
EXTENSIONS = (".yaml", ".yml")
# Files in a maps directory that are not maps: tool configuration lives beside maps in some repos.
IGNORED_NAMES = {".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".yamllint.yaml", ".yamllint.yml"}
_PARALLEL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves


class CorpusError(Exception):
    """A usage error about the corpus as a whole (no such path, nothing to read)."""


@record
class Files:
    maps: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # links.yaml: claims joined across maps
    findings: list[Finding] = field(default_factory=list)
    # Some maps were named one by one: a link to a map left out is then no error (checks/links.py).
    partial: bool = False


def display_path(path: str, cwd: str | None = None) -> str:
    """Paths are shown relative to the working directory when they lie under it. Pass `cwd` when
    converting many: os.path.relpath would otherwise ask the system for it on every call."""
    try:
        if cwd is None:
            rel = os.path.relpath(path)
        else:
            rel = os.path.relpath(path if os.path.isabs(path) else os.path.join(cwd, path), cwd)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def _kind(name: str) -> str | None:
    if name in REGISTRY_NAMES:
        return REGISTRY_NAMES[name]
    if name.endswith(EXTENSIONS) and name not in IGNORED_NAMES and not name.startswith("."):
        return "map"
    return None


def _add(files: Files, kind: str, path: str) -> None:
    {"map": files.maps, "agents": files.agents, "questions": files.questions, "links": files.links}[kind].append(path)


_name = attrgetter("name")  # a directory entry's, to sort them by (in C: no frame of Python per entry)


def _walk(root: str, files: Files, seen_dirs: set[str], seen_files: set[str], budget: list[int] | None = None,
          cwd: str | None = None) -> None:
    """`budget`: [entries left to look at] (the language server's walk is bounded; the CLI's is not); `cwd`:
    the working directory, to which the maps' paths are made relative as they are found (display_path)."""
    stack = [root]
    while stack:
        directory = stack.pop()
        if budget is not None and budget[0] <= 0:
            files.findings.append(UNREADABLE.at(
                display_path(root), 0, 0, "stopped listing the directory: too many entries for a corpus",
                "open the maps folder itself (the one with agents.yaml), or run argmap check on it",
                severity=Severity.WARNING))
            return
        real = os.path.realpath(directory)
        if real in seen_dirs:
            files.findings.append(UNREADABLE.at(
                display_path(directory), 0, 0, "directory already visited (symlink loop?); skipped",
                "remove the symlink that points back into the corpus", severity=Severity.WARNING))
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(directory), key=_name)
            if budget is not None:
                budget[0] -= len(entries) + 1
        except OSError as error:
            files.findings.append(UNREADABLE.at(
                display_path(directory), 0, 0, f"cannot list the directory: {error.strerror or error}",
                "check its permissions"))
            continue
        subdirs = []
        # display_path of each file, from its directory's once: the relative path of a file is its directory's
        # joined with its name (a file is never an ancestor of the working directory), or the path as
        # walked when that lies outside it.
        try:
            shown = None if cwd is None else os.path.relpath(
                directory if os.path.isabs(directory) else os.path.join(cwd, directory), cwd)
        except ValueError:
            shown = None
        inside = real if real.endswith(os.sep) else real + os.sep  # os.path.join(real, name), once a file
        # A map's display path is `prefix` + its name (None: the path as walked). A name never starts with "."
        # here, so the joined path starts with ".." exactly when the directory's shown path does.
        prefix = None if shown is None or shown.startswith("..") else "" if shown == "." else shown + os.sep
        maps = files.maps
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(entry.path)
                continue
            kind = REGISTRY_NAMES.get(name)  # _kind, inline: once per file of the corpus
            if kind is None:
                if not name.endswith(EXTENSIONS) or name in IGNORED_NAMES:
                    continue
                kind = "map"
            # The real path of a file is its directory's (known) joined with its name, unless it is a
            # symlink itself: that spares a realpath call (a system call per path component) per file.
            try:
                link = entry.is_symlink()
            except OSError:  # cannot tell: treat it as a link, and resolve it in full
                link = True
            real_file = os.path.realpath(entry.path) if link else inside + name
            if real_file not in seen_files:
                seen_files.add(real_file)
                if kind != "map":
                    _add(files, kind, entry.path)
                else:
                    maps.append(entry.path if prefix is None else prefix + name)
        stack.extend(reversed(subdirs))


def _registries_above(start: str, files: Files) -> None:
    """Registries are found by name: in the checked directories, else in their parents."""
    directory = os.path.abspath(start)
    for _ in range(8):
        found = False
        for name, kind in REGISTRY_NAMES.items():
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                _add(files, kind, display_path(candidate))
                found = True
        if found or os.path.isdir(os.path.join(directory, ".git")):
            return
        parent = os.path.dirname(directory)
        if parent == directory:
            return
        directory = parent


def discover(paths: list[str], max_entries: int | None = None) -> Files:
    """The maps and registries of `paths`; `max_entries`: stop walking after looking at that many
    directory entries (a warning says so), for a caller that cannot know what a path holds."""
    files = Files()
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    budget = None if max_entries is None else [max_entries]
    cwd = os.getcwd()
    for path in paths:
        if os.path.isdir(path):
            _walk(path, files, seen_dirs, seen_files, budget, cwd)
        elif os.path.exists(path) or os.path.islink(path):
            files.partial = True
            real = os.path.realpath(path)
            if real not in seen_files:
                seen_files.add(real)
                kind = _kind(os.path.basename(path)) or "map"
                _add(files, kind, display_path(path, cwd) if kind == "map" else path)
        else:
            raise CorpusError(f"no such file or directory: {path}")
    if not files.agents or not files.questions or not files.links:
        extra = Files()
        for path in paths:
            _registries_above(path if os.path.isdir(path) else os.path.dirname(path) or ".", extra)
        known = {os.path.realpath(p) for p in files.agents + files.questions + files.links}
        for kind in ("agents", "questions", "links"):
            if not getattr(files, kind):
                for p in getattr(extra, kind):
                    if os.path.realpath(p) not in known:
                        known.add(os.path.realpath(p))
                        getattr(files, kind).append(p)
    return files


# Runs on each map where it is built, and says what to keep of it: the map itself, or less.
MapHook = Callable[[model.Map], tuple[object, list[Finding]]]


# The editor's unsaved text of a file, or None to read the disk (the language server's view of a corpus).
TextOf = Callable[[str], "str | None"]


def read_document(path: str, kind: str, limits: Limits, text: str | None = None,
                  display: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Read (or take the `text` given), parse and validate one file: how `check`, the cache and the language
    server all read a file. `display`: the path findings name (by default as the user wrote it)."""
    display = display_path(path) if display is None else display
    if text is None:
        document, findings = load(path, display, limits)
    else:
        too_large = size_finding(text, display, limits)
        if too_large is not None:
            return None, [too_large]
        document, findings = parse(text, display, limits)
    if document is None:
        return None, findings
    problems = schema.validate(document, kind)
    findings.extend(problems)
    if problems and problems[0].code == "Y005":
        return None, findings
    return document, findings


def load_one(path: str, kind: str, limits: Limits, hook: MapHook | None = None,
             text: str | None = None, display: str | None = None,
             unmarked: list[str] | None = None) -> tuple[object | None, list[Finding]]:
    """Read, parse, validate and build one file (and run `hook` on a map). Runs in a worker for large corpora.
    `text`: the file's text, already read (by the cache, which hashed it; by the editor, unsaved).
    `unmarked`: told `path` when its text holds no suppression comment (then the suppressions need not read it)."""
    document, findings = read_document(path, kind, limits, text, display)
    if document is None:
        return None, findings
    if unmarked is not None and not may_suppress_text(document.text):
        unmarked.append(path)
    if kind == "map":
        built = model.build_map(document)
        del document  # the text and positions are done with: only the model goes on
        if hook is None:
            return built, findings
        checked, more = hook(built)
        return checked, findings + more
    if kind == "agents":
        return model.build_agents(document), findings
    if kind == "links":
        return model.build_links(document), findings
    return model.build_questions(document), findings


class MapCache(Protocol):
    """Where a map's result may come from instead of being computed (argmap.checks.cache.MapCache)."""

    def run(self, path: str, compute: Callable[[str | None], tuple[object | None, list[Finding]]]
            ) -> tuple[object | None, list[Finding]]: ...

    def likely_misses(self, paths: list[str], enough: int) -> int: ...

    def take(self, path: str) -> tuple[object | None, list[Finding], bool] | None: ...

    def for_worker(self) -> MapCache: ...

    def registry(self, path: str, kind: str, compute: Callable[[str | None], tuple[object | None, list[Finding]]]
                 ) -> tuple[object | None, list[Finding]]: ...


@record(frozen=True)
class _MapTask:
    limits: Limits
    hook: MapHook | None
    cache: MapCache | None = None

    def __call__(self, path: str) -> tuple[object | None, list[Finding], bool]:
        """The map's result, and whether its text is known to hold no suppression comment (the workers have
        read it: the main process need not read every file again for the suppressions)."""
        # `path` is as findings show it already (discover made it so): display=path spares working it out again.
        if self.cache is not None:  # looked up before the map is parsed, in the worker that would parse it
            return (*self.cache.run(path, lambda text: load_one(path, "map", self.limits, self.hook, text, path)),
                    False)  # the cache keeps its own account of that (MapCache.unmarked)
        unmarked: list[str] = []
        value, findings = load_one(path, "map", self.limits, self.hook, display=path, unmarked=unmarked)
        return value, findings, bool(unmarked)


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a corpus is built: loading makes millions of objects and
    no cycles, and each full collection would walk every object kept so far (quadratic in the corpus;
    half the time of a check). Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@record
class Reading:
    """A corpus being read: its files, the registries (read first), their findings, and each map's result
    (what the hook kept of it, with its findings) as it comes."""

    files: Files
    registries: model.Corpus
    findings: list[Finding]
    results: Iterator[tuple[object | None, list[Finding]]]
    # The maps whose text, as read for the results so far, holds no suppression comment.
    unmarked: set[str] = field(default_factory=set)


# Told (maps done, maps in all) after each map: a progress bar on a terminal.
Progress = Callable[[int, int], None]


def _counted(results: Iterator[tuple[object | None, list[Finding]]], total: int,
             progress: Progress) -> Iterator[tuple[object | None, list[Finding]]]:
    for done, result in enumerate(results, 1):
        progress(done, total)
        yield result


@contextmanager
def reading(paths: list[str], limits: Limits, jobs: int = 0,
            hook_for: Callable[[model.Corpus], MapHook] | None = None,
            cache_for: Callable[[list[str]], MapCache | None] | None = None,
            progress: Progress | None = None) -> Iterator[Reading]:
    """The one way every command reads a corpus: discover the files, load the registries, then build the
    maps (in worker processes for a large corpus), running on each the hook made for these registries.
    `cache_for` opens the cache for these registry files (its results hold only for them)."""
    with gc_paused():
        files = discover(paths)
        cache = cache_for(files.agents + files.questions) if cache_for else None
        registries, findings = load_registries(files, limits, cache=cache)
        hook = hook_for(registries) if hook_for else None
        unmarked: set[str] = set()
        results = map_results(files, limits, jobs, hook, cache, unmarked)
        if progress is not None:
            results = _counted(results, len(files.maps), progress)
        yield Reading(files, registries, findings, results, unmarked)


def load_corpus(paths: list[str], limits: Limits | None = None, jobs: int = 0,
                progress: Progress | None = None) -> tuple[model.Corpus, list[Finding], Files]:
    """Discover and load every file under `paths`, every map whole. `jobs` 0 means: decide by the corpus size."""
    with reading(paths, limits or Limits(), jobs, progress=progress) as read:
        for value, found in read.results:
            read.findings.extend(found)
            if value is not None:
                read.registries.maps.append(value)  # type: ignore[arg-type]
        return read.registries, read.findings, read.files


def load_registries(files: Files, limits: Limits, text_of: TextOf | None = None,
                    display: Callable[[str], str] | None = None,
                    cache: MapCache | None = None) -> tuple[model.Corpus, list[Finding]]:
    """The agents and questions registries and the links: small, and needed before any map can be checked.
    `text_of`: the editor's unsaved texts; `display`: the path findings name (the language server's are absolute);
    `cache`: where each file's parsed form may come from, while its bytes are unchanged."""
    remember_inputs(files.maps + files.agents + files.questions + files.links)
    findings = list(files.findings)
    corpus = model.Corpus(registry_files=files.agents + files.questions + files.links)

    def one(path: str, kind: str) -> tuple[object | None, list[Finding]]:
        if cache is not None and text_of is None and display is None:
            return cache.registry(path, kind, lambda text: load_one(path, kind, limits, text=text))
        text = text_of(path) if text_of is not None else None
        return load_one(path, kind, limits, text=text, display=display(path) if display else None)

    for kind in ("agents", "questions"):
        for path in getattr(files, kind):
            value, found = one(path, kind)
            findings.extend(found)
            if value is not None:
                _register(getattr(corpus, kind), value, findings)  # type: ignore[arg-type]
    for path in files.links:  # links have no ids of their own: their checks wait for the maps (checks/links.py)
        value, found = one(path, "links")
        findings.extend(found)
        if value is not None:
            corpus.links.extend(value)  # type: ignore[arg-type]
    return corpus, findings


def map_results(files: Files, limits: Limits, jobs: int = 0, hook: MapHook | None = None,
                cache: MapCache | None = None, unmarked: set[str] | None = None
                ) -> Iterator[tuple[object | None, list[Finding]]]:
    """Each map built (or what `hook` keeps of it) with its findings, in the order of `files.maps`. For a
    large corpus the maps are built in worker processes, so that a file's text and positions never
    travel or stay; results are handed on as they come, not gathered first. `unmarked` is told each map
    whose text holds no suppression comment."""
    for path, (value, findings, clean) in zip(files.maps, _map_results(files, limits, jobs, hook, cache), strict=True):
        if clean and unmarked is not None:
            unmarked.add(path)
        yield value, findings


def _map_results(files: Files, limits: Limits, jobs: int, hook: MapHook | None,
                 cache: MapCache | None) -> Iterator[tuple[object | None, list[Finding], bool]]:
    task = _MapTask(limits, hook, cache)
    cpus = os.cpu_count() or 1
    if jobs > cpus:
        # more processes than cores only add start-up and memory (`-j 1000` started 1,000 of them)
        _say_capped(jobs, cpus)
        jobs = cpus
    # A whole map sent back from a worker costs more to pickle and unpickle than to build here: `report`
    # on 3,000 maps took 18.8 s with two workers and 3.8 s with none. Workers pay where they keep little.
    whole_maps = hook is None or bool(getattr(hook, "keep_model", False))
    workers = jobs or (min(cpus, 4) if len(files.maps) >= _PARALLEL_THRESHOLD and not whole_maps else 1)
    if not jobs and workers > 1 and cache is not None and \
            cache.likely_misses(files.maps, _PARALLEL_THRESHOLD) < _PARALLEL_THRESHOLD:
        workers = 1  # a result read from the cache is cheaper here than sent back from a worker
    elif workers == 1 and cache is not None:
        cache.likely_misses(files.maps, len(files.maps) + 1)  # every map's state, for take
    if workers > 1 and len(files.maps) > 1:
        from concurrent.futures import ProcessPoolExecutor

        ready()  # PyYAML imported once, here, not in each worker (forked workers inherit it)

        # The task (with the registries the hook holds) goes to each worker once, as it starts: inherited
        # where workers are forked, pickled once per worker elsewhere; never again with each chunk of paths.
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(task,)) as pool:
            yield from pool.map(_in_worker, files.maps, chunksize=max(1, min(64, len(files.maps) // (workers * 8))))
    else:
        take = None if cache is None else cache.take
        for path in files.maps:
            # An unchanged map's result from its index row, in one call (a re-check's thousand maps are this).
            held = None if take is None else take(path)
            yield task(path) if held is None else held


_worker_task: _MapTask | None = None  # in a worker process: what it does with each path


def _start_worker(task: _MapTask) -> None:
    global _worker_task
    # A forked worker inherits the main process's cache as it is: it must act as a worker's (its records go
    # to files of their own, which the main process takes into the index), or they would be lost with it.
    _worker_task = task if task.cache is None else replace(task, cache=task.cache.for_worker())


def _in_worker(path: str) -> tuple[object | None, list[Finding], bool]:
    assert _worker_task is not None  # set by _start_worker, before any path comes
    return _worker_task(path)


_capped_said = False


def _say_capped(jobs: int, cpus: int) -> None:
    """Once a process: the workers asked for were cut to the CPU count."""
    import sys

    global _capped_said
    if not _capped_said:
        _capped_said = True
        sys.stderr.write(f"argmap: -j {jobs}: using {cpus} worker{'s' if cpus != 1 else ''}, one per CPU\n")


def _register(registry: dict, items: list, findings: list[Finding]) -> None:  # type: ignore[type-arg]
    for item in items:
        if not item.id:
            continue
        if item.id in registry:
            first = registry[item.id]
            findings.append(DUPLICATE_REGISTRY_ID.at(
                item.path, item.line, item.column,
                f"{item.id!r} is already defined at {first.path}:{first.line}",
                "keep one definition; merge the aliases into it"))
            continue
        registry[item.id] = item
