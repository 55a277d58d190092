"""How long the language server takes from a change to its diagnostics. One command, from a fresh clone:

    python bench/lsp.py                 # the largest real map in maps/, and one map of a 1,000-map corpus

Times, in the server's own process, what a didChange costs once the debounce has passed: the check of
the changed map from its unsaved text, the checks across maps over the other maps' cached summaries,
and the conversion to LSP diagnostics (not the JSON-RPC round trip, under a millisecond). "Cold" is the
first change (every other map parsed once); "warm" the median of the changes after it.
Needs the `lsp` extra (pygls).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, ROOT)
from generate import generate  # noqa: E402

from argmap.interfaces.lsp.diagnostics import analyse, diagnostics  # noqa: E402
from argmap.interfaces.lsp.text import Codec  # noqa: E402
from argmap.interfaces.lsp.workspace import Workspace, kind_of  # noqa: E402


def measure(path: str, rounds: int) -> tuple[float, float, int]:
    """Cold and warm (median) milliseconds from a change of `path` to its diagnostics, and how many."""
    text = open(path, encoding="utf-8").read()
    corpora = Workspace()
    folder = corpora.folder(path)
    kind = kind_of(path) or "map"
    times = []
    count = 0
    for index in range(rounds + 1):
        changed = text + f"\n# edit {index}\n"  # a new text each time, as typing makes
        start = time.perf_counter()
        analysis = analyse(path, kind, changed, folder, lambda _path: None)
        count = len(diagnostics(analysis, Codec()))
        times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times[1:]), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--maps", type=int, default=1000, help="maps in the generated corpus")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--sources", default=os.path.join(os.path.dirname(ROOT), "shared", "seeds"),
                        help="article texts for the real maps' quote check (skipped if absent)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        real = os.path.join(directory, "real")
        shutil.copytree(os.path.join(ROOT, "maps"), real)
        if os.path.isdir(args.sources):
            with open(os.path.join(directory, "pyproject.toml"), "w", encoding="utf-8") as handle:
                handle.write(f'[tool.argmap]\nsources = ["{os.path.abspath(args.sources)}"]\n')
        largest = max((p for p in os.listdir(real) if kind_of(p) == "map"), key=lambda p: os.path.getsize(os.path.join(real, p)))
        quotes = "quotes checked" if os.path.isdir(args.sources) else "no quote check"
        rows.append((f"largest real map ({largest}, {os.path.getsize(os.path.join(real, largest)):,} bytes, {quotes})",
                     *measure(os.path.join(real, largest), args.rounds)))
        generated = os.path.join(directory, "generated")
        os.makedirs(generated)
        paths = generate(generated, args.maps)
        one = sorted(p for p in paths if kind_of(p) == "map")[len(paths) // 2]
        rows.append((f"one map of a {args.maps:,}-map generated corpus", *measure(one, args.rounds)))
    print("| change to diagnostics | cold (ms) | warm, median (ms) | diagnostics |")
    print("|---|---:|---:|---:|")
    for name, cold, warm, count in rows:
        print(f"| {name} | {cold:.1f} | {warm:.1f} | {count} |")


if __name__ == "__main__":
    main()
