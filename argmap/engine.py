"""`argmap check` as a library call: load the corpus, run every family of checks, apply the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from argmap.checks import across, consistency, references, structure
from argmap.corpus import discover, gc_paused, load_registries, map_results
from argmap.diagnostics import EXIT_FINDINGS, EXIT_OK, Finding, Severity
from argmap.model import Corpus, Map
from argmap.rules import resolve
from argmap.yamlsource import Limits

if TYPE_CHECKING:
    from argmap.checks import quotes as quotes_module


@dataclass
class Options:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    sources: str | None = None
    require_sources: bool = False
    strict: bool = False
    limits: Limits = field(default_factory=Limits)
    max_quote_length: int = structure.DEFAULT_MAX_QUOTE
    jobs: int = 0
    keep_model: bool = True  # the maps in result.corpus (the report needs them; `check` does not)


@dataclass
class Result:
    findings: list[Finding]
    corpus: Corpus
    files: int
    maps: int
    strict: bool = False

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def exit_code(self) -> int:
        if self.count(Severity.ERROR) or (self.strict and self.count(Severity.WARNING)):
            return EXIT_FINDINGS
        return EXIT_OK


def _codes(names: list[str]) -> set[str]:
    return {rule.code for name in names for rule in resolve(name)}


def apply_settings(findings: list[Finding], options: Options) -> list[Finding]:
    selected = _codes(options.select) if options.select else None
    ignored = _codes(options.ignore)
    out = []
    for finding in findings:
        if (selected is not None and finding.code not in selected) or finding.code in ignored:
            continue
        regraded = options.severity.get(finding.code)
        out.append(finding.with_severity(regraded) if regraded else finding)
    return sorted(out, key=Finding.sort_key)


def run(paths: list[str], options: Options) -> Result:
    with gc_paused():
        return _run(paths, options)


@dataclass
class MapChecks:
    """Every check that needs one map and the registries, run where the map is built (in a worker
    process for a large corpus). What goes on is the map's facts for the checks across maps, and the
    map itself only if the model is wanted: so memory follows the largest file, not the corpus."""

    registries: Corpus
    max_quote_length: int
    sources: str | None
    require_sources: bool
    keep_model: bool

    @cached_property
    def _relations(self) -> tuple[dict[str, set[str]], set[frozenset[str]]]:
        return consistency.implications(self.registries), consistency.exclusions(self.registries)

    @cached_property
    def _sources(self) -> quotes_module.Sources:
        from argmap.checks import quotes

        return quotes.Sources(self.sources or ".")

    def __call__(self, m: Map) -> tuple[tuple[Map | None, across.MapFacts], list[Finding]]:
        found = list(references.check_map(m, self.registries))
        found.extend(structure.check_map(m, self.max_quote_length))
        found.extend(consistency.check_map(m, self.registries, *self._relations))
        if self.sources:
            from argmap.checks import quotes

            found.extend(quotes.check_map(m, self._sources, self.require_sources))
        return ((m if self.keep_model else None), across.facts(m)), found


def _run(paths: list[str], options: Options) -> Result:
    if options.sources:  # issue 11: the texts are read in workers; `-o` must not write over any of them
        from argmap.output import protect_tree

        protect_tree(options.sources)
    files = discover(paths)
    corpus, findings = load_registries(files, options.limits)
    hook = MapChecks(corpus, options.max_quote_length, options.sources, options.require_sources, options.keep_model)
    ledger = across.Ledger()
    for kept, found in map_results(files, options.limits, options.jobs, hook):
        findings.extend(found)
        if kept is not None:
            m, facts = kept  # type: ignore[misc]
            ledger.add(facts)
            if m is not None:
                corpus.maps.append(m)
    findings.extend(references.check_registries_present(corpus, ledger.first_path))
    findings.extend(consistency.check_registry(corpus))
    findings.extend(ledger.findings)
    findings.extend(ledger.moves())
    count = len(files.maps) + len(files.agents) + len(files.questions)
    return Result(apply_settings(findings, options), corpus, count, ledger.maps, options.strict)
