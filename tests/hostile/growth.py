"""How the time of a piece of work grows with its input, measured so that a shared machine cannot fake it.

Four times the input may cost at most LIMIT times as much: linear is 4, n log n a little more, quadratic 16.
A factor of two (linear 2, quadratic 4) left too little room: caches and the allocator make linear Python
code grow 2.5x to 3.3x per doubling at tens of thousands of nodes, and a test of the layout failed on it.
The two sizes are run in turns, the best of several runs each, so that a busy machine weighs on both alike,
and each run is timed in CPU time (this process's), not wall time: on a machine shared with other work (the
other test worker, other jobs) a run is also timed while it waits for a core, and the longer run waits more
(wall-clock ratios of 9x failed the limit of 8 with the other worker busy; the same work is 4-6x in CPU).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

FACTOR = 4  # the larger input is this many times the smaller
LIMIT = 8.0  # the most the larger may cost, as a multiple of the smaller
CLEAR = 0.75  # a ratio under CLEAR * LIMIT after two rounds is taken as it is
FLOOR = 0.01  # seconds: below this on the larger size a ratio is noise, and the work is bounded anyway


def growth(make: Callable[[int], Callable[[], object]], small: int, repeats: int = 5) -> float:
    """How much longer FACTOR times the input takes; 1.0 when even the larger size is too quick to measure.
    `make(n)` builds the input of size n (untimed) and returns the work to time. Up to `repeats` rounds, but
    it stops after two once the ratio is well under LIMIT: noise only adds time, so a quadratic cost (16x)
    can look linear only if the smaller size was slowed about threefold in both rounds, while work that
    grows as it should is not run three more times for nothing (the scaling tests alone: 72 s -> 44 s)."""
    works = (make(small), make(FACTOR * small))
    best = [float("inf"), float("inf")]
    for round_ in range(repeats):
        for index, work in enumerate(works):
            gc.collect()
            started = time.process_time()
            work()
            best[index] = min(best[index], time.process_time() - started)
        if round_ >= 1 and _ratio(best) < CLEAR * LIMIT:
            break
    return _ratio(best)


def _ratio(best: list[float]) -> float:
    if best[1] < FLOOR:
        return 1.0
    return best[1] / max(best[0], 1e-4)
