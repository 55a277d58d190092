"""argmap as a library: check a corpus, load it, and read its analyses as plain data.

    import argmap
    result = argmap.check("maps", sources=["../shared/seeds"])       # as `argmap check`
    corpus = argmap.load("maps")                                      # the model: maps, agents, questions
    rows = argmap.tables(corpus)["positions"]                         # dicts, ready for pandas
    argmap.positions(corpus, "russia-seeks-annexation")               # as `argmap positions`

Every function takes a path (or a list of paths) or an already loaded corpus. Settings are keyword
arguments named as in `[tool.argmap]` (with underscores: `max_ellipsis_gap`); no configuration file is
read unless `config` names one (`config="pyproject.toml"`), so a script means what it says wherever it
runs. The command line is one client of these functions (`argmap check` calls `check`). Importing
argmap loads none of this until a function is called, so `import argmap` stays as light as the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from argmap.analysis.agreement import PairAgreement, StanceMatrix
    from argmap.analysis.brief import Brief
    from argmap.analysis.compare import Comparison
    from argmap.analysis.positions import QuestionPositions, Stances
    from argmap.analysis.timeline import Timeline
    from argmap.checks.engine import Result
    from argmap.model.config import Settings
    from argmap.model.corpus import Progress
    from argmap.model.maps import Corpus

__all__ = ["agreement", "brief", "check", "compare", "load", "matrix", "positions", "settings", "tables", "timeline"]

def _paths(paths: str | Sequence[str]) -> list[str]:
    return [paths] if isinstance(paths, str) else list(paths)


def settings(config: str | None = None, **values: Any) -> Settings:
    """Settings as `[tool.argmap]` names them, on top of the file `config` (none by default). Lists may
    be given as lists or tuples; a wrong name or type raises `argmap.model.config.ConfigError`."""
    from argmap.model import config as config_mod

    base = config_mod.load(".", config) if config else config_mod.Settings()
    known = {f.replace("-", "_") for f in config_mod.KEYS}
    unknown = sorted(set(values) - known)
    if unknown:
        raise config_mod.ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    given = {key: tuple(value) if isinstance(value, list) else value for key, value in values.items()}
    return base.updated(**given)


def check(paths: str | Sequence[str] = "maps", *, config: str | None = None, keep_model: bool = False,
          cache: bool = False, progress: Progress | None = None, run: Settings | None = None, **values: Any) -> Result:
    """Check maps as `argmap check` does: `result.findings`, `result.exit_code`, `result.quotes`.
    `run` is settings already built (the command line passes its own); else `config` and `values`."""
    from argmap.checks import engine

    chosen = run if run is not None else settings(config, **values)
    return engine.run(_paths(paths), chosen, keep_model=keep_model, cache=cache, progress=progress)


def load(paths: str | Sequence[str] = "maps", **values: Any) -> Corpus:
    """The corpus with every map whole (`corpus.maps`, `corpus.agents`, `corpus.questions`), read with
    the safety limits of `values` (max_file_size, max_depth, max_nodes)."""
    from argmap.model.corpus import load_corpus

    chosen = settings(**values)
    corpus, _findings, _files = load_corpus(_paths(paths), chosen.limits, chosen.jobs)
    return corpus


def _stances(source: str | Sequence[str] | Corpus | Stances, basis: Sequence[str] = ()) -> Stances:
    """The stances of `source`, only those resting on one of `basis` when given (stated, reported, act,
    inferred: each position's `basis`, as `--basis` keeps them)."""
    from argmap.analysis.positions import Stances, as_stances
    from argmap.core.stance import BASES
    from argmap.model.maps import Corpus

    unknown = [b for b in basis if b not in BASES]
    if unknown:
        raise ValueError(f"not a basis: {', '.join(map(repr, unknown))}; use {', '.join(BASES)}")
    stances = source if isinstance(source, Stances) else as_stances(source if isinstance(source, Corpus) else load(source))
    return stances.restricted(stances.population, stances.as_of, tuple(b for b in BASES if b in basis)) if basis \
        else stances


def positions(source: str | Sequence[str] | Corpus | Stances, question: str | None = None, count: str = "agents",
              by: str = "", periods: Sequence[tuple[str, str, str]] = (), *,
              basis: Sequence[str] = ()) -> list[QuestionPositions]:
    """Each question (or one) with every agent's stances on it, as `argmap positions` shows them; `count`
    "stances" tallies every stance, `by` "year" (or "period", with `periods`) adds the tally per period;
    each entry's `.basis` says how its stance is known, and `basis` keeps only the stances known so."""
    from argmap.analysis import positions as analysis

    return analysis.positions(_stances(source, basis), question, count, by, tuple(periods))


def brief(source: str | Sequence[str] | Corpus, question: str, by: str = "",
          periods: Sequence[tuple[str, str, str]] = ()) -> Brief:
    """One question as `argmap brief QUESTION` answers it (`.answer`, `.periods`, `.cruxes`, ...)."""
    from argmap.analysis import brief as analysis
    from argmap.analysis import lookup
    from argmap.model.maps import Corpus

    corpus = source if isinstance(source, Corpus) else load(source)
    return analysis.brief(corpus, lookup.question(corpus, question), by, tuple(periods))


def matrix(source: str | Sequence[str] | Corpus | Stances, *, basis: Sequence[str] = ()) -> StanceMatrix:
    """The agent × question table of latest stances (`.stance(agent, question)`); `basis` as in positions."""
    from argmap.analysis.agreement import stance_matrix

    return stance_matrix(_stances(source, basis))


def agreement(source: str | Sequence[str] | Corpus | Stances) -> list[PairAgreement]:
    """Every pair of agents sharing a question, with its agreement (0..100) and the questions shared."""
    from argmap.analysis.agreement import agreements

    return list(agreements(matrix(source)).sharing())


def compare(source: str | Sequence[str] | Corpus | Stances, a: str, b: str, *,
            basis: Sequence[str] = ()) -> Comparison:
    """Two agents (or maps) side by side, as `argmap compare A B`; `basis` as in positions."""
    from argmap.analysis import compare as analysis
    from argmap.analysis import lookup

    stances = _stances(source, basis)
    sides = []
    for name in (a, b):
        kind, ident = lookup.agent_or_map(stances, name)
        sides.append(analysis.agent_side(stances, ident) if kind == "agent" else analysis.map_side(stances, ident))
    return analysis.compare(stances.registries, sides[0], sides[1])


def timeline(source: str | Sequence[str] | Corpus | Stances, agent: str) -> Timeline:
    """One agent's stances in date order, every change marked, as `argmap timeline AGENT`."""
    from argmap.analysis import lookup
    from argmap.analysis import timeline as analysis

    stances = _stances(source)
    return analysis.timeline(stances, lookup.agent(stances, agent))


def tables(source: str | Sequence[str] | Corpus, sources: Sequence[str] = ()) -> dict[str, list[dict[str, Any]]]:
    """The tidy tables of `argmap export --to csv` (maps, agents, questions, claims, evidence, relations,
    positions, agreement) as lists of dicts, one per row: `pandas.DataFrame(argmap.tables(c)["positions"])`."""
    from argmap.model.maps import Corpus
    from argmap.outputs.export.tables import BY_NAME, build

    corpus = source if isinstance(source, Corpus) else load(source)
    built = build(corpus, tuple(sources))
    return {name: [dict(zip(BY_NAME[name].names, row, strict=True)) for row in rows] for name, rows in built.rows.items()}
