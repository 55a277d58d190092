"""growth() itself, on a scripted clock: what it measures again, and when it stops."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.hostile import growth as growth_module
from tests.hostile.growth import CLEAR, CONFIRM, FACTOR, LIMIT, growth

Make = Callable[[int], Callable[[], None]]


def scripted(monkeypatch: pytest.MonkeyPatch, small: list[float], large: list[float]) -> tuple[Make, list[int]]:
    """Each run of a size takes the next of its scripted CPU seconds; the sizes run are listed in order."""
    now = [0.0]
    runs: list[int] = []
    times: dict[int, Iterator[float]] = {1: iter(small), FACTOR: iter(large)}
    monkeypatch.setattr(growth_module.time, "process_time", lambda: now[0])

    def make(n: int) -> Callable[[], None]:
        def work() -> None:
            runs.append(n)
            now[0] += next(times[n])

        return work

    return make, runs


def test_a_clear_ratio_is_taken_after_one_round(monkeypatch: pytest.MonkeyPatch) -> None:
    make, runs = scripted(monkeypatch, [1.0] * 9, [4.0] * 9)
    assert growth(make, 1) == 4.0
    assert runs == [1, FACTOR, 1]


def test_a_ratio_over_the_limit_is_measured_in_three_rounds_whatever_repeats_asks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the larger run slowed in two rounds, then as fast as it is: linear work must not fail
    make, runs = scripted(monkeypatch, [1.0] * 9, [LIMIT + 1, LIMIT + 1, 5.0])
    assert growth(make, 1, repeats=2) == 5.0
    assert runs.count(FACTOR) == CONFIRM


def test_a_ratio_near_the_limit_stops_at_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    near = CLEAR * LIMIT + 0.5  # not clear, but within the limit: repeats=2 asks for no third round
    make, runs = scripted(monkeypatch, [1.0] * 9, [near] * 9)
    assert growth(make, 1, repeats=2) == near
    assert runs.count(FACTOR) == 2


@pytest.mark.parametrize("repeats", [1, 2, 3, 5])
def test_work_that_grows_too_fast_fails_however_often_it_is_measured(monkeypatch: pytest.MonkeyPatch, repeats: int) -> None:
    make, runs = scripted(monkeypatch, [1.0] * 9, [16.0] * 9)  # quadratic: 4x the input, 16x the time
    assert growth(make, 1, repeats=repeats) > LIMIT
    assert runs.count(FACTOR) == max(repeats, CONFIRM)
