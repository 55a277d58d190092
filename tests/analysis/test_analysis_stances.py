"""The stances kept map by map where each map is built (so that `positions`, `matrix`, `compare` and
`timeline` never hold whole maps) against the whole model: the same entries in the same order, and the
same output from every command in every format.

The corpora: the hand-worked one, the broken one (every rule's failing examples side by side: duplicate map
ids and positions, errors) and a generated one large enough that the maps are built in worker processes.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis import agreement, compare, lookup, positions, timeline
from argmap.analysis.positions import (
    Ground,
    MapStances,
    StanceEntry,
    StanceHook,
    Stances,
    position_agents,
    stance_entries,
)
from argmap.core import record
from argmap.core.rules import RULES
from argmap.core.rules.example import BASE_FILES
from argmap.interfaces.commands.analysis import TABLE_LIMIT, Format, _show
from argmap.interfaces.commands.base import ColorMode, Common
from argmap.model import corpus as corpus_module
from argmap.model.corpus import discover, load_corpus, load_registries, map_results
from argmap.model.maps import Corpus, Map
from argmap.syntax.yamlsource import Limits

from .conftest import CORPUS, REPO

# The generated corpus is above the number of maps from which they are built in worker processes by default:
# that number (argmap.model.corpus._PARALLEL_THRESHOLD, 400) lowered here to THRESHOLD, so that the commands take
# the same path through the workers on a corpus of 60 maps (each command reads it again, 21 times). Its 56
# agents are still more than the 30 the tables show.
THRESHOLD = 40
GENERATED_MAPS = 60


@pytest.fixture(autouse=True)
def threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_module, "_PARALLEL_THRESHOLD", THRESHOLD)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    directory = tmp_path_factory.mktemp("generated") / "maps"
    generate(str(directory), GENERATED_MAPS, agents=60, questions=20, seed=5)
    return directory


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every rule's failing examples side by side in one directory, each map named by its rule, beside the
    examples' registries: many maps of one id, positions held twice, and errors of every kind."""
    directory = tmp_path_factory.mktemp("broken") / "maps"
    directory.mkdir()
    for code, rule in RULES.items():
        for index, example in enumerate(rule.examples.failing):
            for name, content in example.files().items():
                if name.endswith(".yaml") and name not in BASE_FILES and name != "links.yaml" and isinstance(content, (str, bytes)):
                    (directory / f"{code}-{index}-{name}").write_bytes(content.encode() if isinstance(content, str) else content)
    for name in ("agents.yaml", "questions.yaml"):
        (directory / name).write_text(str(BASE_FILES[name]), encoding="utf-8")
    return directory


@pytest.fixture(params=["hand", "broken", "generated"])
def corpus_dir(request: pytest.FixtureRequest) -> Path:
    return CORPUS if request.param == "hand" else request.getfixturevalue(request.param)


@cache
def whole_model(path: Path) -> Corpus:
    corpus, _, _ = load_corpus([str(path)])
    return corpus


def hooked(path: Path, jobs: int, details: bool = True) -> Stances:
    """The stances as the commands keep them: what StanceHook keeps of each map, through map_results."""
    files = discover([str(path)])
    registries, _ = load_registries(files, Limits())
    kept = [value for value, _ in map_results(files, Limits(), jobs, StanceHook(registries, details))]
    return Stances(registries, [m for m in kept if m is not None])  # type: ignore[misc]


# -- the reference: stance_entries as it was before it was split map by map, written out literally ------


def reference_entries(corpus: Corpus, question: str | None = None, agent: str | None = None,
                      authors_only: bool = False) -> list[StanceEntry]:
    out: list[StanceEntry] = []
    for m in sorted(corpus.maps, key=lambda m: (m.sort_date, m.id)):
        nodes = {c.id: c for c in m.nodes}
        authors = set(m.author_ids)
        seen: set[tuple[str, str]] = set()
        for position in m.positions:
            if position.stance is None or not position.question.id or not position.agent.id:
                continue
            if question is not None and position.question.id != question:
                continue
            for agent_id in position_agents(m, position.agent.id):
                key = (agent_id, position.question.id)
                if key in seen:
                    continue
                seen.add(key)
                if agent is not None and agent_id != agent:
                    continue
                if authors_only and agent_id not in authors:
                    continue
                out.append(StanceEntry(
                    agent=agent_id, agent_name=corpus.agent_name(agent_id), question=position.question.id,
                    stance=position.stance, map=m.id, map_title=m.source.title, date=m.source.date,
                    sort_date=m.sort_date, is_author=agent_id in authors,
                    grounds=[Ground(r.id, nodes[r.id].text) for r in position.grounds if r.id in nodes],
                    quotes=positions._quotes(m, position, agent_id, corpus), note=position.note,
                    path=m.path, line=position.line, basis=position.basis,
                ))
    return out


def selections(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """Every way the analyses select entries: all, by question, by agent, authors only."""
    yield {}
    yield {"authors_only": True}
    entries = reference_entries(corpus)
    for q in dict.fromkeys([*corpus.questions, *(e.question for e in entries)]):
        yield {"question": q}
    for a in sorted({e.agent for e in entries})[:10]:
        yield {"agent": a}


# -- entries ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2], ids=["in-process", "workers"])
def test_hooked_entries_equal_the_whole_models(corpus_dir: Path, jobs: int) -> None:
    corpus = whole_model(corpus_dir)
    stances = hooked(corpus_dir, jobs)
    assert all(isinstance(m, MapStances) for m in stances.maps)  # no whole map came back
    assert [(m.id, m.title) for m in stances.maps] == [(m.id, m.source.title) for m in corpus.maps]
    assert any(e.quotes for e in stances.entries()) and any(e.grounds for e in stances.entries())
    for selection in selections(corpus):
        expected = reference_entries(corpus, **selection)
        assert stances.entries(**selection) == expected, selection
        assert stance_entries(corpus, **selection) == expected, selection


def test_without_details_only_grounds_quotes_and_notes_are_left_out(corpus_dir: Path) -> None:
    bare = hooked(corpus_dir, jobs=2, details=False)
    expected = [record.replace(e, grounds=[], quotes=[], note="") for e in reference_entries(whole_model(corpus_dir))]
    assert bare.entries() == expected


def test_the_hook_runs_in_the_workers_and_keeps_no_map(generated: Path) -> None:
    """Each map's stances come back from another process, in the order of the files."""
    files = discover([str(generated)])
    registries, _ = load_registries(files, Limits())
    pids = [value[1] for value, _ in map_results(files, Limits(), 2, _PidHook(StanceHook(registries)))]  # type: ignore[index]
    assert len(pids) == len(files.maps) >= corpus_module._PARALLEL_THRESHOLD
    assert os.getpid() not in pids


@dataclasses.dataclass(frozen=True)
class _PidHook:
    hook: StanceHook

    def __call__(self, m: Map) -> tuple[tuple[MapStances, int], list[Any]]:
        kept, found = self.hook(m)
        return (kept, os.getpid()), found


# -- every command, every format: the CLI against the analyses run on the whole model ------------------

CASES = {
    "hand": [("positions",), ("positions", "q-alpha"), ("matrix",), ("matrix", "--authors-only", "--all"),
             ("compare", "alice-archer", "Bobby"), ("compare", "alice-2020-first", "carol-cole"),
             ("compare", "alice-2020-first", "bob-2020-reply"), ("timeline", "Alice Archer"),
             ("timeline", "author@unknown-2021-anon")],
    "broken": [("positions",), ("matrix", "--all"), ("compare", "example", "bob-quoted"), ("timeline", "bob-quoted")],
    # --all is the hand corpus's: here it would only time rich drawing the 60 agents' table (1 s a run)
    "generated": [("positions",), ("positions", "question-0003"), ("matrix",), ("matrix", "--authors-only"),
                  ("compare", "agent-00001", "agent-00002"), ("compare", "author-2001-map-00001", "agent-00003"),
                  ("timeline", "agent-00004")],
}


def expected_output(corpus: Corpus, args: tuple[str, ...], output_format: str, tmp_path: Path) -> str:
    """What the command printed when it loaded the whole model: the analyses run on it, rendered as it renders."""
    command, *rest = args
    names = [a for a in rest if not a.startswith("--")]
    options: dict[str, Any] = {}
    if command == "positions":
        qid = lookup.question(corpus, names[0]) if names else None
        shown: tuple[Any, ...] = (positions.positions(corpus, qid),)
        options["single"] = qid is not None
    elif command == "matrix":
        table = agreement.stance_matrix(corpus, "--authors-only" in rest)
        shown = (table, agreement.agreements(table), agreement.divisiveness(table), corpus)
        # most divisive among the authors apart, unless only the authors are read (issue 20)
        among = None if "--authors-only" in rest else agreement.divisiveness(corpus, authors_only=True)
        options["table_options"] = {"limit": None if "--all" in rest else TABLE_LIMIT, "among_authors": among}
        options["among_authors"] = among
        options["limit"] = None if "--all" in rest else TABLE_LIMIT  # JSON: the agreement of the agents shown
    elif command == "compare":
        sides = []
        for name in names:
            kind, ident = lookup.agent_or_map(corpus, name)
            sides.append(compare.agent_side(corpus, ident) if kind == "agent" else compare.map_side(corpus, ident))
        shown = (compare.compare(corpus, sides[0], sides[1]),)
    else:
        shown = (timeline.timeline(corpus, lookup.agent(corpus, names[0])),)
    out = tmp_path / f"expected.{output_format}"
    _show(command, shown, Common(Format(output_format), str(out), ColorMode.never, None, False), **options)
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
@pytest.mark.parametrize("name", list(CASES))
def test_every_command_prints_what_the_whole_model_gives(run, name, output_format, tmp_path, request):  # type: ignore[no-untyped-def]
    path = CORPUS if name == "hand" else request.getfixturevalue(name)
    corpus = whole_model(path)
    for args in CASES[name]:
        where = [str(path)]
        got = run(*args, *where, "--format", output_format).stdout
        assert got == expected_output(corpus, args, output_format, tmp_path), args
        assert got.strip(), args
