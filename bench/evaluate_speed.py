"""Time `argmap evaluate`'s semantics on a random framework of N claims (default 10,000): maps of 20
claims in trees of support with a few attacks, and attack links across maps (some mutual).

    .venv/bin/python bench/evaluate_speed.py [N]
"""

from __future__ import annotations

import random
import sys
import time

from argmap.analysis.links import evaluate as ev


def framework(n: int, seed: int = 1) -> ev.Framework:
    rng = random.Random(seed)
    names = [f"m{i // 20}#c{i % 20}" for i in range(n)]
    attacks = set()
    for i in range(n):
        if rng.random() < 0.15:  # an attack inside the map
            j = (i // 20) * 20 + rng.randrange(20)
            attacks.add((names[i], names[j]))
        if rng.random() < 0.05:  # a link across maps, half of them `opposes`
            j = rng.randrange(n)
            attacks.add((names[i], names[j]))
            if rng.random() < 0.5:
                attacks.add((names[j], names[i]))
    return ev.from_attacks(names, attacks)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    fw = framework(n)
    attacks = sum(len(a) for a in fw.attackers.values())
    start = time.perf_counter()
    labels = ev.grounded(fw)
    middle = time.perf_counter()
    verdict = ev.evaluate(fw)
    end = time.perf_counter()
    undecided = sum(1 for v in labels.values() if v == ev.UNDEC)
    print(f"{n} claims, {attacks} attacks: grounded {middle - start:.3f} s ({undecided} undecided); "
          f"grounded + preferred + stable + chains {end - middle:.3f} s "
          f"({'complete' if verdict.finished else 'preferred/stable past the search budget'})")
