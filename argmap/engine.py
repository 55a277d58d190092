"""`argmap check` as a library call: load the corpus, run every family of checks, apply the settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.checks import consistency, references, structure
from argmap.corpus import gc_paused, load_corpus
from argmap.diagnostics import EXIT_FINDINGS, EXIT_OK, Finding, Severity
from argmap.model import Corpus
from argmap.rules import resolve
from argmap.yamlsource import Limits


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


@dataclass
class Result:
    findings: list[Finding]
    corpus: Corpus
    files: int
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


def _run(paths: list[str], options: Options) -> Result:
    corpus, findings, files = load_corpus(paths, options.limits, options.jobs)
    findings.extend(references.check(corpus))
    for m in corpus.maps:
        findings.extend(structure.check_map(m, options.max_quote_length))
    findings.extend(consistency.check(corpus))
    if options.sources:
        from argmap.checks import quotes  # reads and normalises article texts: only when asked

        findings.extend(quotes.check(corpus, options.sources, options.require_sources))
    count = len(files.maps) + len(files.agents) + len(files.questions)
    return Result(apply_settings(findings, options), corpus, count, options.strict)
