"""`argmap check` as a library call: load the corpus, run every family of checks, apply the settings."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, partial

from argmap.checks import across, consistency, references, structure
from argmap.checks.checked import Checked as Checked
from argmap.checks.checked import Held, StaleCache
from argmap.checks.quote_counts import QuoteCounts, count_unchecked
from argmap.core.diagnostics import EXIT_FINDINGS, EXIT_OK, Finding, Severity
from argmap.core.record import field, record
from argmap.core.rules import resolve
from argmap.model import suppress
from argmap.model.config import Settings
from argmap.model.corpus import Progress, gc_paused, reading
from argmap.model.maps import Corpus, Map

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.checks import quotes as quotes_module
    from argmap.checks.cache import MapCache


@record
class Result:
    findings: list[Finding]
    corpus: Corpus
    files: int
    maps: int
    strict: bool = False
    quotes: QuoteCounts | None = None  # how many quotes were verified, failed, or went unchecked
    sources: tuple[str, ...] = ()  # the article directories searched (none: quotes were not checked)
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)  # accepted where they live, with the reason

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def exit_code(self) -> int:
        if self.count(Severity.ERROR) or (self.strict and self.count(Severity.WARNING)):
            return EXIT_FINDINGS
        return EXIT_OK


def _codes(names: list[str]) -> set[str]:
    return {rule.code for name in names for rule in resolve(name)}


def in_force(settings: Settings) -> Callable[[str], bool]:
    """Whether a rule's findings are reported under `settings` (--select, --ignore)."""
    selected = _codes(list(settings.select)) if settings.select else None
    ignored = _codes(list(settings.ignore))
    return lambda code: (selected is None or code in selected) and code not in ignored


def apply_settings(findings: list[Finding], settings: Settings) -> list[Finding]:
    reported = in_force(settings)
    out = []
    for finding in findings:
        if not reported(finding.code):
            continue
        regraded = settings.severity.get(finding.code)
        out.append(finding.with_severity(regraded) if regraded else finding)
    return sorted(out, key=Finding.sort_key)


def run(paths: list[str], settings: Settings | None = None, keep_model: bool = False, cache: bool = False,
        progress: Progress | None = None) -> Result:
    """Check the corpus at `paths` with `settings`; `keep_model` keeps every map in `result.corpus`
    (the report draws them; `check` keeps none, so its memory follows the largest file). `cache`: take
    each unchanged map's result from `.argmap_cache` in the working directory (not with `keep_model`)."""
    with gc_paused():  # the whole check, not only the reading: many objects, no cycles (see gc_paused)
        return _run(paths, settings or Settings(), keep_model, cache, progress)


def _run(paths: list[str], settings: Settings, keep_model: bool, cache: bool, progress: Progress | None) -> Result:
    if settings.sources:  # the texts are read in workers: `-o` must refuse them here, in the main process
        from argmap.files.output import protect_tree

        for directory in settings.sources:
            protect_tree(directory)
    hook_for = partial(MapChecks, settings=settings, keep_model=keep_model)
    counts = QuoteCounts()
    opened: list[MapCache | None] = []
    cache_for = partial(_open_cache, settings, opened) if cache and not keep_model else None
    with reading(paths, settings.limits, settings.jobs, hook_for, cache_for, progress) as read:
        corpus, findings, files = read.registries, read.findings, read.files
        used = opened[0] if opened else None
        held = used.ledger() if used is not None else None
        ledger = held or across.Ledger()
        for kept, found in read.results:
            findings.extend(found)
            if kept is None:
                continue
            if type(kept) is Held:  # unchanged: its facts stay in the cache's stored form
                assert held is not None
                held.hold(kept)
                continue
            checked: Checked = kept  # type: ignore[assignment]
            ledger.add(checked.facts)
            counts.merge(checked.quotes)
            if checked.map is not None:
                corpus.maps.append(checked.map)
    if used is not None:
        counts.merge(used.held_quotes())
    try:
        findings.extend(corpus_checks(corpus, ledger, files.partial, used))
    except StaleCache:
        # Something the cache held could not be read when it was needed: the check again, from the maps.
        assert used is not None
        used.discard()
        return _run(paths, settings, keep_model, cache, progress)
    count = len(files.maps) + len(files.agents) + len(files.questions) + len(files.links)
    # The maps' texts were read (in the workers) already: only those that may hold a comment are read again.
    unmarked = read.unmarked | used.unmarked() if used is not None else read.unmarked
    outcome = suppress.apply(findings, [*files.maps, *files.agents, *files.questions, *files.links],
                             settings.per_file_ignores, in_force(settings), unmarked)
    if used is not None:
        used.save()
    return Result(apply_settings(outcome.findings, settings), corpus, count, ledger.maps, settings.strict, counts,
                  settings.sources, outcome.suppressed)


def corpus_checks(corpus: Corpus, ledger: across.Ledger, partial: bool = False,
                  cache: MapCache | None = None) -> list[Finding]:
    """The checks of the corpus as a whole, once every map's facts are in `ledger`: the registries (R008,
    consistency, refinements), links.yaml (L001-L005) and the checks across maps. `check` and the
    language server both run these, on the same facts. `cache`: where the registries' own findings may
    come from, while the registries are unchanged."""
    found = list(references.check_registries_present(corpus, ledger.first_path))

    def registry() -> list[Finding]:
        from argmap.checks import refinements  # (here: a re-check has these findings from the cache)

        return [*consistency.check_registry(corpus), *refinements.check_registry(corpus)]

    found.extend(cache.registry_checks(registry) if cache is not None else registry())
    if corpus.links:  # (no links.yaml, no findings of it: nor its module to import)
        from argmap.checks import links

        found.extend(links.check_links(corpus.links, ledger.claims, ledger.attacks, partial))
    found.extend(ledger.findings)
    found.extend(ledger.moves())
    return found


def _open_cache(settings: Settings, opened: list[MapCache | None], registries: list[str]) -> MapCache | None:
    from argmap.checks.cache import open_cache

    opened.append(open_cache(settings, registries))
    return opened[-1]


@record
class MapChecks:
    """Every check that needs one map and the registries, run where the map is built (in a worker
    process for a large corpus). What goes on is the map's facts for the checks across maps, and the
    map itself only if the model is wanted: so memory follows the largest file, not the corpus."""

    registries: Corpus
    settings: Settings
    keep_model: bool

    @cached_property
    def _relations(self) -> tuple[consistency.Implications, set[frozenset[str]]]:
        return consistency.implications(self.registries), consistency.exclusions(self.registries)

    @cached_property
    def _sources(self) -> quotes_module.Sources:
        from argmap.checks import quotes

        return quotes.Sources(self.settings.sources, self.settings.extract_limits)

    def __call__(self, m: Map) -> tuple[Checked, list[Finding]]:
        found = list(references.check_map(m, self.registries))
        found.extend(structure.check_map(m, self.settings.max_quote_length))
        found.extend(consistency.check_map(m, self.registries, *self._relations))
        counts = QuoteCounts()
        if self.settings.sources:
            from argmap.checks import quotes

            found.extend(quotes.check_map(m, self._sources, self.settings.require_sources, counts,
                                          self.settings.max_ellipsis_gap))
        else:
            count_unchecked(m, counts)
        return Checked(m if self.keep_model else None, across.facts(m), counts, m.source.text), found
