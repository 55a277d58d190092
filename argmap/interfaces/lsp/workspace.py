"""What the server knows of each corpus: a directory's registries, its other maps' facts and settings.

A corpus is the directory of the document (`argmap check DIR` on it gives the same findings). Parsing
is the cost, so each file is parsed once per change: the registries when one of them changes, and of
every other map only its small summary (facts for the checks across maps, and where it names agents and
questions), kept until the file changes on disk or in the editor. A change to one map then re-checks
that map and runs the cheap checks across maps over the summaries.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cached_property

from argmap.checks import across
from argmap.checks.engine import MapChecks, corpus_checks
from argmap.checks.quotes import Sources
from argmap.core.diagnostics import Finding
from argmap.core.record import field, record
from argmap.interfaces.lsp.text import scalar_end, split_lines
from argmap.model import config
from argmap.model import corpus as corpus_module
from argmap.model import maps as model
from argmap.model.corpus import EXTENSIONS, IGNORED_NAMES, REGISTRY_NAMES, Files, TextOf, discover, read_document
from argmap.syntax.yamlsource import Document, Limits


def kind_of(path: str) -> str | None:
    """map, agents, questions, or None for a file argmap does not read."""
    name = os.path.basename(path)
    if name in REGISTRY_NAMES:
        return REGISTRY_NAMES[name]
    if name.endswith(EXTENSIONS) and name not in IGNORED_NAMES and not name.startswith("."):
        return "map"
    return None


@record(frozen=True)
class Mention:
    """An agent or question id written in a file: 0-based line, start and end characters."""

    kind: str  # "agent" or "question"
    id: str
    path: str
    line: int
    start: int
    end: int


def mentions_in(m: model.Map, lines: list[str]) -> list[Mention]:
    def at(kind: str, ref: model.Ref) -> Mention:
        line = ref.line - 1
        start = ref.column - 1
        text = lines[line] if 0 <= line < len(lines) else ""
        end = scalar_end(text, start)
        if text[start:start + 1] in ("'", '"'):  # point at the id, inside its quotes
            start, end = start + 1, max(start + 1, end - 1)
        return Mention(kind, ref.id, m.path, line, start, end)

    agents = [*m.source.authors, *m.agents, *(c.by for c in m.nodes), *(e.speaker for e in m.evidence),
              *(p.agent for p in m.positions)]
    out = [at("agent", ref) for ref in agents if ref.id and ref.id != model.AUTHOR]
    out.extend(at("question", p.question) for p in m.positions if p.question.id)
    return out


@record
class Summary:
    """What the server keeps of a map it is not checking: a few hundred bytes."""

    facts: across.MapFacts
    mentions: list[Mention]
    agents: frozenset[str]  # every agent the map names, `author` resolved


def summarise(m: model.Map, lines: list[str]) -> Summary:
    mentions = mentions_in(m, lines)
    agents = {x.id for x in mentions if x.kind == "agent"} | set(m.author_ids)
    return Summary(across.facts(m), mentions, frozenset(agents))


def load_text(path: str, text: str | None, kind: str, limits: Limits) -> tuple[Document | None, list[Finding]]:
    """Parse and validate one file, from the editor's text if given, else from the disk: as argmap check reads it."""
    return read_document(path, kind, limits, text, display=path)


@record
class Registries:
    corpus: model.Corpus  # the agents, questions and links, as check loads them
    findings: list[Finding]  # of loading the registry files: syntax, schema, R007

    documents: dict[str, Document | None] = field(default_factory=dict)  # parsed again for navigation, when asked

    @cached_property
    def paths(self) -> set[str]:
        return set(self.corpus.registry_files)

    def document(self, path: str, text_of: TextOf, limits: Limits) -> Document | None:
        """A registry file's document (its positions, for go-to-definition): parsed on first use."""
        if path not in self.documents:
            self.documents[path] = load_text(path, text_of(path), kind_of(path) or "agents", limits)[0]
        return self.documents[path]


def load_registries(files: Files, limits: Limits, text_of: TextOf) -> Registries:
    return Registries(*corpus_module.load_registries(files, limits, text_of, display=lambda path: path))


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


MAX_WALK = 50_000  # directory entries looked at when listing a corpus; a corpus is far smaller
CORPUS_MARKS = (*REGISTRY_NAMES, "argmap.toml")


def looks_like_corpus(directory: str, root: str | None = None, levels: int = 8) -> bool:
    """Whether `directory` is part of an argmap corpus: it, or a parent up to the workspace `root` (or the
    repository's top, or `levels` up), holds agents.yaml, questions.yaml or argmap.toml. Else a YAML file
    opened there is checked alone: the folder of `/notes.yaml` is the whole disk."""
    current = os.path.abspath(directory)
    top = os.path.abspath(root) if root else None
    for _ in range(levels):
        if any(os.path.isfile(os.path.join(current, name)) for name in CORPUS_MARKS):
            return True
        if current == top or os.path.isdir(os.path.join(current, ".git")):
            return False
        parent = os.path.dirname(current)
        if parent == current:
            return False
        current = parent
    return False


class Folder:
    """One corpus directory: its settings, files, registries and summaries of its maps. `corpus` False: a
    folder that is no corpus, where each file is checked alone (nothing is listed)."""

    def __init__(self, directory: str, corpus: bool | None = True, root: str | None = None) -> None:
        self.directory = directory
        self.decide = corpus is None  # look again at each refresh: agents.yaml may be made meanwhile
        self.root = root
        self.corpus = bool(corpus)
        self.settings = config.Settings()
        self.settings_error = ""
        self.files = Files()
        self._registries: Registries | None = None
        self._checks: MapChecks | None = None
        self._summaries: dict[str, tuple[object, Summary | None]] = {}  # path -> (stamp or "open", summary)
        self.sources = Sources(())
        self.refresh()

    def refresh(self) -> None:
        """Read the settings and list the files again (on open and save): cheap next to parsing."""
        try:
            settings = config.load(self.directory)
            self.settings_error = ""
        except config.ConfigError as error:
            settings, self.settings_error = config.Settings(), str(error)
        if settings != self.settings:
            self.settings = settings
            self.sources = Sources(settings.sources, settings.extract_limits)
            self._checks = None
        if self.decide:
            self.corpus = looks_like_corpus(self.directory, self.root)
        try:
            found = discover([self.directory], max_entries=MAX_WALK) if self.corpus else Files()
        except Exception:  # a corpus that cannot be listed is a corpus of what is open
            found = Files()
        for name in ("maps", "agents", "questions", "links"):
            setattr(found, name, [os.path.abspath(p) for p in getattr(found, name)])
        if (found.agents, found.questions, found.links) != (self.files.agents, self.files.questions, self.files.links):
            self._registries = None
        self.files = found

    def forget_registries(self) -> None:
        self._registries = None
        self._checks = None

    def registries(self, text_of: TextOf) -> Registries:
        if self._registries is None:
            self._registries = load_registries(self.files, self.settings.limits, text_of)
            self._checks = None
        return self._registries

    def checks(self, text_of: TextOf) -> MapChecks:
        registries = self.registries(text_of)
        if self._checks is None:
            self._checks = MapChecks(registries.corpus, self.settings, keep_model=True)
        return self._checks

    def map_paths(self, extra: str | None = None) -> list[str]:
        if extra is not None and extra not in self.files.maps:
            return [*self.files.maps, extra]
        return self.files.maps

    def put(self, path: str, summary: Summary | None) -> None:
        """The summary of a map open in the editor (from its unsaved text)."""
        self._summaries[path] = ("open", summary)

    def closed(self, path: str) -> None:
        self._summaries.pop(path, None)

    def summary(self, path: str, text_of: TextOf) -> Summary | None:
        cached = self._summaries.get(path)
        if cached is not None and cached[0] == "open":
            return cached[1]
        stamp = _stamp(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        document, _ = load_text(path, text_of(path), "map", self.settings.limits)
        summary = None
        if document is not None:
            summary = summarise(model.build_map(document), split_lines(document.text))
        self._summaries[path] = (stamp, summary)
        return summary

    def summaries(self, text_of: TextOf, extra: str | None = None) -> Iterable[tuple[str, Summary | None]]:
        for path in self.map_paths(extra):
            yield path, self.summary(path, text_of)

    def across(self, text_of: TextOf, extra: str | None = None) -> list[Finding]:
        """The findings of the checks of the corpus as a whole (the registries, links.yaml, the checks across
        maps), run by check's own code over the summaries of every map."""
        ledger = across.Ledger(spill_rows=1 << 62)  # a few rows per map: sorting them in memory is fastest
        for _path, summary in self.summaries(text_of, extra):
            if summary is not None:
                ledger.add(summary.facts)
        return corpus_checks(self.registries(text_of).corpus, ledger, self.files.partial)


class Workspace:
    """Every corpus directory the editor has opened a file of."""

    def __init__(self, root: Callable[[], str | None] = lambda: None) -> None:
        self.folders: dict[str, Folder] = {}
        self.root = root  # the editor's workspace folder, once known

    def folder(self, path: str) -> Folder:
        directory = os.path.dirname(path)
        folder = self.folders.get(directory)
        if folder is None:
            folder = self.folders[directory] = Folder(directory, None, self.root())
        return folder
