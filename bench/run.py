"""How fast argmap is, as ratios to what cannot be avoided. One command, from a fresh clone:

    python bench/run.py            # 100, 1,000 and 10,000 maps (a few minutes)
    python bench/run.py --quick    # 100, 1,000 and 2,000 maps (under a minute)

Generates realistic corpora (bench/generate.py) into a temporary directory, installs argmap from this checkout
into a fresh virtual environment there (`pip install .`, as the README's first command does: an editable
install, or a development environment with many packages and `.pth` files, starts the interpreter up to twice
as slowly and hides argmap's own share of start-up), times each command as a separate process (the median of
a few runs, time.perf_counter) and prints a Markdown table:

- `argmap check` against the parse floor: the same files composed by libyaml (`yaml.compose` with
  CSafeLoader) in one Python process, which is the least any YAML-reading checker must spend;
- start-up: `argmap --version` and `argmap check` on one small map (unchanged, held by the cache; and parsed,
  `--no-cache`) against `python -c "import yaml"`,
  taking turns over many rounds so that the noise of a shared machine falls on all three alike;
- `argmap matrix`, `argmap positions` and `argmap report` on 1,000 agents x 200 questions;
- growth from 1,000 maps to the largest corpus (linear is the ratio of the corpus sizes);
- peak memory (the child's maximum resident set size);
- a re-check with the cache (.argmap_cache) after one map changed, against a check without it (at 1,000
  maps and at the largest corpus).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from generate import generate  # noqa: E402

ROOT = os.path.dirname(HERE)
PYTHON = sys.executable  # replaced in main() by the fresh install's interpreter, unless --python is given
# Time what a user gets: an installed package runs from cached bytecode. Some environments (this one's CI
# among them) set PYTHONDONTWRITEBYTECODE, which would make every timed run recompile argmap from source.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
FLOOR = """
import sys, yaml
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        yaml.compose(handle.read(), Loader=Loader)
"""
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime)
"""


def user_install(work: str) -> str:
    """The interpreter of a fresh virtual environment in `work` with argmap installed from this checkout
    (not editable) and nothing else: what a user who followed the README runs."""
    env_dir = os.path.join(work, "venv")
    python = os.path.join(env_dir, "Scripts" if os.name == "nt" else "bin", "python")
    started = time.perf_counter()
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", env_dir], check=True)
        subprocess.run([*pip, ROOT], check=True)
    else:  # kept from an earlier run (--keep): this checkout's code, as it is now
        subprocess.run([*pip, "--no-deps", "--force-reinstall", ROOT], check=True)
    print(f"installed argmap into {env_dir} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return python


def argmap_command() -> list[str]:
    script = os.path.join(os.path.dirname(PYTHON), "argmap")
    return [script] if os.path.exists(script) else [PYTHON, "-m", "argmap"]


TIMEOUT = 180  # seconds for one run; a command slower than that is reported as such
# Every run's (wall, CPU) seconds by key, in order: the spread of a ratio is that of its run-by-run ratios.
RUNS: dict[str, list[tuple[float, float]]] = {}


def measure(argv: list[str], repeat: int, cwd: str | None = None, key: str = "") -> tuple[float, int, int]:
    """Median wall time (s), peak RSS (KiB) and exit code of `argv`, each run in a fresh process; each
    run's wall and CPU time (user + system, the child's) are kept in RUNS[key].
    A run over TIMEOUT gives (inf, 0, -1)."""
    times, peaks, code = [], [], 0
    for _ in range(repeat):
        try:
            out = subprocess.run([PYTHON, "-c", MEASURE, *argv], capture_output=True, text=True, cwd=cwd, check=True,
                                 timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return float("inf"), 0, -1
        elapsed, peak, code_text, cpu = out.stdout.split()
        times.append(float(elapsed))
        peaks.append(int(peak))
        code = int(code_text)
        RUNS.setdefault(key, []).append((float(elapsed), float(cpu)))
        if float(elapsed) > 30:  # slow enough that one run says it
            break
    return statistics.median(times), max(peaks), code


def ratio(a: str, b: str, which: int = 0) -> str:
    """The median of the run-by-run ratios of RUNS[a] to RUNS[b] (wall: which=0, CPU: 1), with their
    range: '2.05x (1.80-2.31)'. Start-up runs take turns, so there each ratio is of neighbouring runs."""
    pairs = [x[which] / y[which] for x, y in zip(RUNS.get(a, []), RUNS.get(b, []), strict=False) if y[which] > 0]
    if not pairs:
        return "n/a"
    return f"{statistics.median(pairs):.2f}x ({min(pairs):.2f}-{max(pairs):.2f})"


def yaml_files(directory: str) -> list[str]:
    found = []
    for root, _dirs, files in os.walk(directory):
        found += [os.path.join(root, f) for f in files if f.endswith(".yaml")]
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller corpora and fewer runs")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    parser.add_argument("--python", metavar="PATH", help=(
        "time the argmap installed for this interpreter instead of a fresh install of this checkout"))
    args = parser.parse_args()
    sizes = [100, 1000, 2000] if args.quick else [100, 1000, 10_000]
    repeat_small, repeat_big = (3, 1) if args.quick else (5, 3)
    startup_rounds = 7 if args.quick else 21
    work = args.keep or tempfile.mkdtemp(prefix="argmap-bench-")
    global PYTHON
    PYTHON = args.python or user_install(work)
    argmap = argmap_command()
    rows: list[tuple[str, str, str, str]] = []
    results: dict[str, tuple[float, int, int]] = {}
    try:
        corpora = {}
        for n in sizes:
            directory = os.path.join(work, f"maps-{n}")
            if not os.path.isdir(directory):
                started = time.perf_counter()
                generate(directory, n, agents=1000, questions=200, seed=n)
                print(f"generated {n:,} maps in {time.perf_counter() - started:.1f}s", file=sys.stderr)
            corpora[n] = directory
        small = os.path.join(work, "one")
        if not os.path.isdir(small):
            generate(small, 1, agents=20, questions=10, seed=7)

        def timed(key: str, argv: list[str], repeat: int) -> tuple[float, int, int]:
            results[key] = measure(argv, repeat, cwd=work, key=key)
            print(f"{key}: {results[key][0]:.3f}s {results[key][1] / 1024:.0f} MiB exit {results[key][2]}",
                  file=sys.stderr)
            return results[key]

        # One untimed run first, so that the bytecode cache is written as it would be by an install.
        subprocess.run([*argmap, "check", small], capture_output=True)
        # Start-up is a few tens of ms, where the noise of a shared machine is as large as the differences:
        # the three commands take turns, round after round, so that a slow spell weighs on all of them.
        # `check` on one map twice: as on a save that changed nothing (the cache holds the map: nothing is parsed,
        # PyYAML is not even imported), and with the map parsed (--no-cache: as on a save that changed it).
        startup = {"python -c 'import yaml'": [PYTHON, "-c", "import yaml"], "argmap --version": [*argmap, "--version"],
                   "argmap check (1 map)": [*argmap, "check", small],
                   "argmap check --no-cache (1 map)": [*argmap, "check", "--no-cache", small]}
        rounds: dict[str, list[tuple[float, int, int]]] = {key: [] for key in startup}
        for _ in range(startup_rounds):
            for key, argv in startup.items():
                rounds[key].append(measure(argv, 1, cwd=work, key=key))
        for key, runs in rounds.items():
            results[key] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2])
            print(f"{key}: {results[key][0]:.3f}s exit {results[key][2]}", file=sys.stderr)
        base, version, one, parsed = (results[key] for key in startup)
        yaml_key, version_key, one_key, parsed_key = startup
        for label, mine, key in (("`argmap --version`", version, version_key),
                                 ("`argmap check` on one small map, unchanged (cache)", one, one_key),
                                 ("`argmap check --no-cache` on one small map (parsed)", parsed, parsed_key)):
            rows.append((f"start-up: {label}", f"{mine[0] * 1000:.0f} ms",
                         f"{base[0] * 1000:.0f} ms (`python -c \"import yaml\"`)", ratio(key, yaml_key)))
            rows.append((f"start-up CPU: {label}", "", "the same, CPU (user + system)", ratio(key, yaml_key, 1)))

        for n in sizes:
            repeat = repeat_big if n >= 5000 else repeat_small
            files = yaml_files(corpora[n])
            # In turns (floor, check, floor, check...): each ratio is of neighbouring runs.
            floors, checks = [], []
            for _ in range(repeat):
                floors.append(timed(f"floor {n}", [PYTHON, "-c", FLOOR, *files], 1))
                checks.append(timed(f"check {n}", [*argmap, "check", "--no-cache", corpora[n]], 1))
            floor, check = ((statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2])
                            for runs in (floors, checks))
            results[f"check {n}"] = check
            rows.append((f"`argmap check`, {n:,} maps", f"{check[0]:.2f} s", f"{floor[0]:.2f} s (libyaml parse floor)",
                         ratio(f"check {n}", f"floor {n}")))
            rows.append((f"`argmap check`, {n:,} maps, CPU", "", "the same, CPU (user + system, workers included)",
                         ratio(f"check {n}", f"floor {n}", 1)))

        # The cache: one cold check writes every entry, a second takes in what its worker processes wrote,
        # then one map changes before each timed re-check (at 1,000 maps and at the largest corpus). Each
        # re-check is paired with a check without the cache just before it, as the start-up runs take turns:
        # the machine's speed drifts over a run of the bench, and a ratio of runs minutes apart would carry it.
        big = sizes[-1]
        for n in (1000, big):
            for _ in range(2):
                subprocess.run([*argmap, "check", corpora[n]], cwd=work, capture_output=True)
            changed = yaml_files(corpora[n])
            colds, times = [], []
            for r in range(repeat_big if n >= 5000 else repeat_small):
                colds.append(timed(f"cold {n}", [*argmap, "check", "--no-cache", corpora[n]], 1))
                with open(changed[r * 7 % len(changed)], "a", encoding="utf-8") as handle:
                    handle.write(f"# changed {r}\n")
                times.append(timed(f"re-check {n}", [*argmap, "check", corpora[n]], 1))
            recheck, cold = (statistics.median(t[0] for t in runs) for runs in (times, colds))
            rows.append((f"re-check after one change, {n:,} maps (cache)", f"{recheck:.2f} s",
                         f"{cold:.2f} s (`argmap check --no-cache`, run just before each)",
                         ratio(f"re-check {n}", f"cold {n}")))
            rows.append((f"re-check after one change, {n:,} maps, CPU", "", "the same, CPU (user + system)",
                         ratio(f"re-check {n}", f"cold {n}", 1)))

        commands = {}
        help_text = subprocess.run([*argmap, "--help"], capture_output=True, text=True).stdout
        for name, argv in (("matrix", ["matrix", "{dir}"]), ("positions", ["positions", "{dir}"]),
                           ("report", ["report", "{dir}", "-o", "-"])):
            if f"  {name} " not in help_text:
                rows.append((f"`argmap {name}`", "n/a", "", "command not there yet"))
                continue
            commands[name] = argv
            for n in (1000, sizes[-1]):
                repeat = repeat_big if n >= 5000 else repeat_small
                filled = [a.replace("{dir}", corpora[n]) for a in argv]
                if n > 1000 and results[f"{name} 1000"][0] > 30:  # too slow to grow: say so instead
                    results[f"{name} {n}"] = (float("inf"), 0, -1)
                    continue
                timed(f"{name} {n}", [*argmap, *filled], 1 if n > 1000 else repeat)
            t = results[f"{name} 1000"]
            rows.append((f"`argmap {name}`, 1,000 agents x 200 questions (1,000 maps)", f"{t[0]:.2f} s",
                         f"{results['check 1000'][0]:.2f} s (`argmap check`)", f"{t[0] / results['check 1000'][0]:.2f}x"))

        factor = big / 1000
        for name in ["check", *commands]:
            a, b = results[f"{name} 1000"], results[f"{name} {big}"]
            if b[0] == float("inf"):
                rows.append((f"growth of `argmap {name}`, 1,000 -> {big:,} maps", "not measured",
                             f"{factor:.0f}x maps (linear)", f"over {TIMEOUT} s, or 1,000 maps took over 30 s"))
                continue
            rows.append((f"growth of `argmap {name}`, 1,000 -> {big:,} maps", f"{b[0] / a[0]:.2f}x time",
                         f"{factor:.0f}x maps (linear)", f"{(b[0] / a[0]) / factor:.2f} of linear"))
        biggest = max(os.path.getsize(f) for f in yaml_files(corpora[big]))
        for name in ["check", *commands]:
            a, b = results[f"{name} 1000"], results[f"{name} {big}"]
            if b[0] == float("inf"):
                continue
            rows.append((f"peak memory of `argmap {name}`, 1,000 -> {big:,} maps",
                         f"{a[1] / 1024:.0f} -> {b[1] / 1024:.0f} MiB", f"largest file {biggest / 1024:.0f} KiB",
                         f"{b[1] / a[1]:.2f}x for {factor:.0f}x maps"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    cpus = os.cpu_count()
    print(f"\nargmap bench ({'quick' if args.quick else 'full'}): Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, {cpus} CPU{'s' if cpus != 1 else ''}; median of "
          f"{repeat_small} runs ({repeat_big} for 10,000 maps), start-up of {startup_rounds} interleaved rounds; "
          f"{'the argmap of ' + args.python if args.python else 'argmap installed from this checkout into a fresh venv'}\n")
    print("Ratios: the median of the run-by-run ratios, with their range in brackets (a wide range: a noisy machine).\n")
    print("| measure | argmap | baseline | ratio |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
