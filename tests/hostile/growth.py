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
from collections.abc import Callable, Iterator
from contextlib import contextmanager

FACTOR = 4  # the larger input is this many times the smaller
LIMIT = 8.0  # the most the larger may cost, as a multiple of the smaller
CLEAR = 0.75  # a ratio under CLEAR * LIMIT after the first round is taken as it is
CONFIRM = 3  # rounds a ratio over LIMIT is measured in before it fails, whatever `repeats` asks for
FLOOR = 0.01  # seconds: below this on the larger size a ratio is noise, and the work is bounded anyway


def growth(make: Callable[[int], Callable[[], object]], small: int, repeats: int = 5) -> float:
    """How much longer FACTOR times the input takes; 1.0 when even the larger size is too quick to measure.
    `make(n)` builds the input of size n (untimed) and returns the work to time.

    The first round runs the smaller size, the larger, and the smaller again; it stops there if the ratio
    is well under LIMIT (CLEAR), else up to `repeats` rounds of both follow, and at least CONFIRM before a
    ratio over LIMIT is returned (with three workers on two cores the AIF import's larger run was slowed in
    both of two rounds, and its 4.8x read as over 8). Noise only adds time, so a cost
    that grows too fast (16x) can look linear (under 6x) only if the smaller size was slowed over 2.5x in
    both of its runs, while the larger needs no second run: a slow one only raises the ratio, and a high
    ratio is measured again. The larger size runs once where two rounds ran it twice: the five files with
    growth tests took 26-29 s of CPU in one process, against 30-32 s with two full rounds."""
    with heap_set_aside():
        return _growth(make, small, repeats)


def _growth(make: Callable[[int], Callable[[], object]], small: int, repeats: int) -> float:
    works = (make(small), make(FACTOR * small))
    best = [float("inf"), float("inf")]

    def run(index: int) -> None:
        gc.collect()
        started = time.process_time()
        works[index]()
        best[index] = min(best[index], time.process_time() - started)

    for index in (0, 1, 0):
        run(index)
    for done in range(1, max(repeats, CONFIRM)):
        ratio = _ratio(best)
        if ratio < CLEAR * LIMIT or (done >= repeats and ratio <= LIMIT):
            break
        run(0)
        run(1)
    return _ratio(best)


@contextmanager
def heap_set_aside() -> Iterator[None]:
    """The objects alive now left out of the cyclic collector's walks until the block ends (gc.freeze), so
    that the collection before each timed run, and any during it, walk only what the work made. A test
    worker that has loaded PyTorch holds over 400,000 objects: each full collection took 0.2-0.5 s there,
    more than most of the runs it came before."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _ratio(best: list[float]) -> float:
    if best[1] < FLOOR:
        return 1.0
    return best[1] / max(best[0], 1e-4)
