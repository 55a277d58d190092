"""The start-up rows of bench/run.py alone (no corpora: about a minute), for this checkout, and optionally
for another one taking turns with it (before and after a change, under the same load):

    python bench/startup.py                        # 21 rounds
    python bench/startup.py --rounds 7
    python bench/startup.py --against ../main      # also `argmap check` and `--version` from ../main

Each round runs `python -c "import yaml"`, `argmap --version` and `argmap check` on one small map (the
map bench/run.py makes), each in a fresh process, one after the other; a ratio is the median of the
run-by-run ratios to `import yaml` of the same round, as in bench/run.py. The installed `argmap` script
runs with this checkout (or the other) first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from generate import generate  # noqa: E402
from run import PYTHON, RUNS, argmap_command, measure, ratio  # noqa: E402  (run also unsets PYTHONDONTWRITEBYTECODE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--against", metavar="DIR", help="another checkout of argmap, run in the same rounds")
    args = parser.parse_args()
    checkouts = {"": os.path.dirname(HERE)}
    if args.against:
        checkouts[f" ({args.against})"] = os.path.abspath(args.against)
    work = tempfile.mkdtemp(prefix="argmap-startup-")
    argmap = argmap_command()
    try:
        small = os.path.join(work, "one")
        generate(small, 1, agents=20, questions=10, seed=7)
        commands: dict[str, tuple[str | None, list[str]]] = {"python -c 'import yaml'": (None, [PYTHON, "-c", "import yaml"])}
        for suffix, path in checkouts.items():
            commands[f"argmap --version{suffix}"] = (path, [*argmap, "--version"])
            commands[f"argmap check (1 map){suffix}"] = (path, [*argmap, "check", small])
        saved = os.environ.get("PYTHONPATH")

        def run(path: str | None, argv: list[str], key: str = "") -> None:
            os.environ.pop("PYTHONPATH", None)
            if path:
                os.environ["PYTHONPATH"] = path
            try:
                if key:
                    measure(argv, 1, cwd=work, key=key)
                else:  # untimed: the bytecode written, and the cache, as after an install and a first check
                    subprocess.run(argv, cwd=work, capture_output=True, check=False)
            finally:
                os.environ.pop("PYTHONPATH", None)
                if saved is not None:
                    os.environ["PYTHONPATH"] = saved

        for path, argv in commands.values():
            run(path, argv)
        for _ in range(args.rounds):
            for key, (path, argv) in commands.items():
                run(path, argv, key)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = next(iter(commands))
    print(f"\nargmap start-up: {args.rounds} interleaved rounds; ratios to `python -c \"import yaml\"`: the median of "
          "the run-by-run ratios (range in brackets)\n")
    print("| command | median wall | median CPU | wall ratio | CPU ratio |")
    print("|---|---|---|---|---|")
    for key in commands:
        walls, cpus = zip(*RUNS[key], strict=True)
        print(f"| `{key}` | {statistics.median(walls) * 1000:.0f} ms | {statistics.median(cpus) * 1000:.0f} ms | "
              f"{ratio(key, base)} | {ratio(key, base, 1)} |")


if __name__ == "__main__":
    main()
