"""Scaling: inputs at two sizes, and the growth of time (and where it matters, memory) between them.

Absolute times are never asserted: the machine is shared. Time is compared over four times the input
(`growth.py`: linear grows about 4x, the quadratic algorithms these tests were written against 16x);
memory and output size, which do not wobble, over twice the input (linear 2x, quadratic 4x).
"""

from __future__ import annotations

import functools
import gc
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.agreement import StanceMatrix
from argmap.checks import engine
from argmap.model import corpus
from argmap.model.config import Settings
from argmap.model.maps import Corpus, Map
from tests.hostile.growth import FACTOR, LIMIT, growth, heap_set_aside

GROWTH = 3.0  # the largest memory or size ratio allowed for 2x the input


def peak_memory(work: Callable[[], object]) -> int:
    with heap_set_aside():
        gc.collect()
        tracemalloc.start()
        try:
            work()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def registries(d: Path, agents: int, questions: int, chain: bool = False, exclude_ends: bool = False) -> None:
    d.mkdir(parents=True, exist_ok=True)
    lines = ["argmap: 1", "agents:"] + [f"  - {{id: agent-{i:05d}, name: Agent {i}, kind: person}}"
                                         for i in range(agents)]
    (d / "agents.yaml").write_text("\n".join(lines) + "\n")
    lines = ["argmap: 1", "questions:"]
    for i in range(questions):
        lines.append(f"  - id: q-{i:05d}\n    proposition: Question {i}.")
        if chain and i + 1 < questions:
            lines.append(f"    implies: [q-{i + 1:05d}]")
        if exclude_ends and i == 0:
            lines.append(f"    excludes: [q-{questions - 1:05d}]")
    (d / "questions.yaml").write_text("\n".join(lines) + "\n")


HEAD = ["argmap: 1", "source: {title: T, authors: [agent-00000], outlet: O, date: '2020'}",
        "thesis: {id: thesis, text: The thesis., by: author}"]


def write_map(d: Path, name: str, lines: list[str]) -> None:
    (d / f"{name}.yaml").write_text("\n".join([f"id: {name}", *HEAD, *lines]) + "\n")


def check(d: Path) -> engine.Result:
    return engine.run([str(d)], Settings(jobs=1), keep_model=True)


# -- "did you mean" for unknown references -----------------------------------------------------------------


def unknown_references(d: Path, n: int) -> Path:
    registries(d, 2, 1)
    write_map(d, "unknown-2020-refs", ["claims:"] + [
        f"  - {{id: claim-number-{i:05d}, text: Claim {i}., by: author, supports: [clam-numbr-{i:05d}x]}}"
        for i in range(n)])
    return d


def test_did_you_mean_for_unknown_references_is_near_linear(tmp_path: Path) -> None:
    found = check(unknown_references(tmp_path / "one", 4000)).findings
    r001 = [f for f in found if f.code == "R001"]
    assert len(r001) == 4000
    assert "did you mean 'claim-number-00007'?" in next(f.hint for f in r001 if "00007" in f.message)

    def make(n: int) -> Callable[[], object]:
        d = unknown_references(tmp_path / str(n), n)
        return lambda: check(d)

    ratio = growth(make, 1000, repeats=3)
    assert ratio < LIMIT, f"{FACTOR}x the unknown references took {ratio:.1f}x the time"


# -- an `implies` chain in questions.yaml --------------------------------------------------------------------


def implies_chain(d: Path, n: int) -> Path:
    """q0 implies q1 implies ... q(n-1); q0 excludes q(n-1); one map agrees with q0 and disagrees with the end."""
    registries(d, 2, n, chain=True, exclude_ends=True)
    write_map(d, "unknown-2020-chain", [
        "positions:", "  - {agent: author, question: q-00000, stance: agree, grounds: [thesis]}",
        f"  - {{agent: author, question: q-{n - 1:05d}, stance: disagree, grounds: [thesis]}}"])
    return d


def test_implies_chain_is_followed_to_its_end(tmp_path: Path) -> None:
    found = check(implies_chain(tmp_path, 3000)).findings
    assert [f.message for f in found if f.code == "C007"] == [
        "'q-00000' and 'q-02999' both imply and exclude each other"]
    assert [f.message for f in found if f.code == "C002"] == [
        "agent-00000 agrees that q-00000 but disagrees that q-02999, which it implies"]


def test_implies_chain_is_near_linear_in_time_and_memory(tmp_path: Path) -> None:
    def make(n: int) -> Callable[[], object]:
        d = implies_chain(tmp_path / str(n), n)
        return lambda: check(d)

    # 2,000 -> 8,000: 4.2x alone, 3.5-6.2x with three at once on two cores. A question costs more as the
    # chain grows from 1,000 to 2,000 (37 -> 48 us of CPU, flat after), so 1,000 -> 4,000 measured 5.3-7.1x
    # with two at once, and over 8 once in the suite.
    ratio = growth(make, 2000, repeats=3)
    assert ratio < LIMIT, f"{FACTOR}x the chain took {ratio:.1f}x the time"
    small, large = implies_chain(tmp_path / "s", 2000), implies_chain(tmp_path / "l", 4000)
    memory = peak_memory(lambda: check(large)) / peak_memory(lambda: check(small))
    assert memory < GROWTH, f"2x the chain took {memory:.1f}x the memory"


# -- -j N ------------------------------------------------------------------------------------------------------


def test_jobs_are_capped_at_the_cpu_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    import concurrent.futures

    registries(tmp_path, 1, 1)
    for i in range(3):
        write_map(tmp_path, f"unknown-2020-m{i}", [])
    asked: list[int] = []

    class Counting(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: Any) -> None:
            asked.append(max_workers)
            super().__init__(max_workers=max_workers, **options)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(corpus, "_capped_said", False, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for _ in range(2):
        result = engine.run([str(tmp_path)], Settings(jobs=1000))
        assert result.maps == 3
    assert asked == [2, 2]
    assert capsys.readouterr().err.count("-j 1000: using 2 workers, one per CPU") == 1


# -- the report's diagram of a deep support chain ----------------------------------------------------------


def support_chain(d: Path, n: int) -> Path:
    registries(d, 1, 1)
    write_map(d, "unknown-2020-deep", ["claims:"] + [
        f"  - {{id: c{i}, text: Claim {i}., by: author, supports: [{'thesis' if i == 0 else f'c{i - 1}'}]}}"
        for i in range(n)] + ["evidence:"] + [
        f"  - {{id: e{i}, quote: Quote {i}., speaker: author, grounds: [c{i}]}}" for i in range(0, n, 2)])
    return d


def test_diagram_layout_of_a_deep_chain_is_near_linear(tmp_path: Path) -> None:
    from argmap.outputs.render import diagram, svg

    @functools.cache  # the 8000 chain is checked once, for the picture and for growth()
    def make(n: int) -> Callable[[], str]:
        corpus = check(support_chain(tmp_path / str(n), n)).corpus
        (m,) = corpus.maps

        def draw(corpus: Corpus = corpus, m: Map = m) -> str:
            return svg.render(diagram.map_diagram(corpus, m))
        return draw

    picture = make(8000)()
    assert picture.count('class="node claim"') == 8000 and picture.count('class="node evidence"') == 4000
    ratio = growth(make, 2000)
    assert ratio < LIMIT, f"{FACTOR}x the chain took {ratio:.1f}x the time to lay out"


# -- `matrix --format json` with many agents ------------------------------------------------------------------


class Counting:
    """A stream that only counts what is written to it."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def stance_table(agents: int, shared: bool) -> StanceMatrix:
    """`agents` agents each answering one question: all the same one (`shared`), or each its own."""
    from argmap.analysis import agreement
    from argmap.analysis.positions import StanceEntry

    names = [f"agent-{i:05d}" for i in range(agents)]
    questions = ["q"] if shared else [f"q{i}" for i in range(agents)]
    cells = {(a, q): StanceEntry(agent=a, agent_name=a, question=q, stance=(i % 5) - 2, map="m", map_title="",
                                 date="2021", sort_date="2021", is_author=True)
             for i, (a, q) in enumerate(zip(names, questions * agents if shared else questions, strict=True))}
    return agreement.StanceMatrix(names, questions, cells)


def matrix_json(table: StanceMatrix) -> int:
    from argmap.analysis import agreement
    from argmap.outputs.analysis import render_json
    out = Counting()
    render_json.matrix(table, agreement.agreements(table), agreement.divisiveness(table), Corpus(), out)  # type: ignore[arg-type]  # a counting stream
    return out.size


def test_matrix_json_memory_follows_one_row_not_every_pair() -> None:
    """One question answered by every agent: every pair shares it, so the output is quadratic, but what is
    held is not (the pairs were all held: 4,000 agents took 5.3 GB)."""
    small, large = stance_table(160, shared=True), stance_table(320, shared=True)
    sizes: list[int] = []  # each run's output, from the runs that measure the memory
    ratio = peak_memory(lambda: sizes.append(matrix_json(large))) / peak_memory(lambda: sizes.append(matrix_json(small)))
    assert sizes[0] > 3.5 * sizes[1]  # the pairs are all there
    assert ratio < GROWTH, f"2x the agents took {ratio:.1f}x the memory"


def test_matrix_json_lists_only_the_pairs_that_share_a_question() -> None:
    """Agents that share no question have no agreement: listing every such pair made the file quadratic."""
    small, large = matrix_json(stance_table(1000, shared=False)), matrix_json(stance_table(2000, shared=False))
    assert large / small < GROWTH


# -- the report of one question answered by many agents -------------------------------------------------------


def many_agents(d: Path, n: int) -> Path:
    registries(d, n, 1)
    write_map(d, "unknown-2020-many", [
        "agents: [" + ", ".join(f"agent-{i:05d}" for i in range(1, n)) + "]", "positions:"] + [
        f"  - {{agent: {'author' if i == 0 else f'agent-{i:05d}'}, question: q-00000, stance: {(i % 5) - 2}, "
        "grounds: [thesis]}" for i in range(n)])
    return d


def test_report_tables_are_capped_and_say_so(tmp_path: Path) -> None:
    from argmap.outputs.render import html_report

    @functools.cache  # the 2000 agents are checked once, for the pages and for growth()
    def make(n: int) -> Callable[[], str]:
        result = check(many_agents(tmp_path / str(n), n))

        def page(result: engine.Result = result) -> str:
            return html_report.render(result.corpus, result.findings, result.files)
        return page

    small, large = make(1000)(), make(2000)()
    assert "Showing 30 of 2000 agents" in large and "argmap report --all" in large
    assert large.count('<th scope="row" class="agent">') == 60  # 30 in the heat map, 30 in the agreement table
    assert len(large) / len(small) < GROWTH, "2x the agents made the report grow more than linearly"
    ratio = growth(make, 500, repeats=3)
    assert ratio < LIMIT, f"{FACTOR}x the agents took {ratio:.1f}x the time"


def test_report_all_shows_every_agent(tmp_path: Path) -> None:
    from argmap.outputs.render import html_report

    result = check(many_agents(tmp_path, 40))
    page = html_report.render(result.corpus, result.findings, result.files, limit=None)
    assert page.count('<th scope="row" class="agent">') == 80 and "Showing" not in page


# -- the report of many maps: capped sections, and time near linear in maps and questions -------------------


def many_maps(d: Path, n: int) -> Path:
    """n maps, each by its own agent, each answering 10 of n // 10 questions."""
    questions = max(10, n // 10)
    registries(d, n, questions)
    for i in range(n):
        asked = [(i + k * 7) % questions for k in range(10)]
        (d / f"unknown-2020-m{i:05d}.yaml").write_text("\n".join([
            f"id: unknown-2020-m{i:05d}", "argmap: 1",
            f"source: {{title: Map {i}, authors: [agent-{i:05d}], outlet: O, date: '2020'}}",
            "thesis: {id: thesis, text: The thesis., by: author}", "positions:"] + [
            f"  - {{agent: author, question: q-{q:05d}, stance: {(i + q) % 5 - 2}, grounds: [thesis]}}"
            for q in dict.fromkeys(asked)]) + "\n")
    return d


def test_report_of_many_maps_is_capped_and_near_linear(tmp_path: Path) -> None:
    """10,000 maps made a 280 MB page in 247 s: every map drawn, every stance listed under its question, and
    the distribution counted question by question over every stance (quadratic)."""
    from argmap.outputs.render import html_report

    @functools.cache  # each size checked once: the pages below and growth() share it
    def checked(n: int) -> engine.Result:
        return check(many_maps(tmp_path / str(n), n))

    def make(n: int) -> Callable[[], str]:
        result = checked(n)

        def page(result: engine.Result = result) -> str:
            return html_report.render(result.corpus, result.findings, result.files)
        return page

    page = make(200)()
    assert f"Showing the first {html_report.MAP_LIMIT} of 200 maps by date" in page
    assert page.count('<section class="map"') == html_report.MAP_LIMIT
    assert "more agent(s), not among the 30" in page and "argmap positions q-00000" in page
    every = html_report.render(checked(200).corpus, checked(200).findings, checked(200).files, limit=None)
    assert every.count('<section class="map"') == 200 and "more agent(s)" not in every
    ratio = growth(make, 200, repeats=3)
    assert ratio < LIMIT, f"{FACTOR}x the maps and questions took {ratio:.1f}x the time"


def test_report_findings_are_capped_and_say_so() -> None:
    from argmap.core.diagnostics import Finding, Severity
    from argmap.outputs.render import html_report

    findings = [Finding(f"m{i}.yaml", 1, 1, "A006", Severity.INFO, f"finding {i}") for i in range(html_report.FINDING_LIMIT + 7)]
    page = html_report.render(Corpus(), findings, 1)
    assert f"Showing the first {html_report.FINDING_LIMIT} of {html_report.FINDING_LIMIT + 7} findings" in page
    assert page.count("<tr><td><code>m") == html_report.FINDING_LIMIT
    assert html_report.render(Corpus(), findings, 1, limit=None).count("<tr><td><code>m") == len(findings)


def one_question_each(n: int) -> Callable[[], object]:
    """n maps, each by its own agent on its own question: the analyses that went question by question
    over every stance (the report's distribution, `positions`) were quadratic here."""
    from argmap.analysis.positions import MapStances, StanceEntry, Stances, positions
    from argmap.outputs.plot import charts

    maps = [MapStances(f"m{i}", "", "2020", [StanceEntry(
        agent=f"a{i}", agent_name=f"A {i}", question=f"q{i}", stance=i % 5 - 2, map=f"m{i}", map_title="",
        date="2020", sort_date="2020", is_author=True)], [f"a{i}"], "2020") for i in range(n)]
    stances = Stances(Corpus(), maps)

    def work() -> object:
        # The algorithm's growth, without the cyclic collector's walks of the heap, which grow it by half
        # again at these sizes whatever the algorithm (4.4x against 7.3x for 4x the stances).
        with corpus.gc_paused():
            return charts.distribution(stances), positions(stances)
    return work


def test_distribution_and_positions_are_near_linear_in_questions_and_stances() -> None:
    ratio = growth(one_question_each, 2000, repeats=3)
    assert ratio < LIMIT, f"{FACTOR}x the questions and stances took {ratio:.1f}x the time"


def test_whole_maps_are_built_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers pay where they send back little (check's findings, the analyses' stances); a whole map
    costs more to pickle than to build (`report` on 10,000 maps: 247 s with workers, 23 s without)."""
    import concurrent.futures

    registries(tmp_path, 1, 1)
    for i in range(corpus._PARALLEL_THRESHOLD):
        write_map(tmp_path, f"unknown-2020-m{i:04d}", [])
    started: list[int] = []

    class Counting(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: Any) -> None:
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **options)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert len(engine.run([str(tmp_path)], Settings(), keep_model=True).corpus.maps) == corpus._PARALLEL_THRESHOLD
    assert len(corpus.load_corpus([str(tmp_path)])[0].maps) == corpus._PARALLEL_THRESHOLD
    assert started == []
    assert engine.run([str(tmp_path)], Settings()).maps == corpus._PARALLEL_THRESHOLD
    assert started == [2]  # check keeps little of each map: workers


# -- check's work on a map, against the parse floor --------------------------------------------------------

# What a map may cost check (read, parse, validate, build, the checks of one map: a worker's work) in
# multiples of libyaml composing its text (bench/run.py's parse floor), in CPU time: 2.3 when this was
# written, 3.1 before a map was read from libyaml's events, the schema compiled by type and each read sized
# to its file (a read of max-file-size bytes allocated 20 MB per file).
FLOOR_MULTIPLE = 3.0


def test_a_maps_check_costs_a_few_parses(tmp_path: Path) -> None:
    import random
    import sys
    import time

    import yaml

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate import generate  # type: ignore[import-not-found]

    from argmap.syntax.yamlsource import Limits, _Loader

    paths = [os.path.relpath(p) for p in generate(str(tmp_path), 150, agents=200, questions=50, seed=22)]
    registries, _, _ = corpus.load_corpus([str(tmp_path / "agents.yaml"), str(tmp_path / "questions.yaml")])
    hook = engine.MapChecks(registries, Settings(), keep_model=False)
    limits = Limits()
    random.Random(22).shuffle(paths)

    def floor() -> None:
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                yaml.compose(handle.read(), Loader=_Loader)

    def check() -> None:
        for path in paths:
            corpus.load_one(path, "map", limits, hook, display=path)

    best = {floor: float("inf"), check: float("inf")}
    with heap_set_aside():
        for _ in range(5):  # in turns, the best of each: a busy machine weighs on both alike
            for work in best:
                gc.collect()
                started = time.process_time()
                work()
                best[work] = min(best[work], time.process_time() - started)
    multiple = best[check] / best[floor]
    assert multiple < FLOOR_MULTIPLE, f"a map's check took {multiple:.2f}x the parse floor"
