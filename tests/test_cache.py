"""The check cache (.argmap_cache): the same output with and without it, invalidated by whatever a map's
findings depend on, and never trusted blindly (a corrupt or hostile entry is a miss)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from argmap import cache as cache_module

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
from hostile_cases import AGENTS, BASE_MAP, CASES, SOURCE_TEXT, Case, build, cleanup, map_text

from tests.clirun import run_cli
from tests.profiles import scaled


def check(corpus: Path, *args: str, cache: bool = True) -> tuple[int, str]:
    argv = ["check", str(corpus), *args, *([] if cache else ["--no-cache"])]
    # In this process, in the working directory (where the cache goes); an exception is raised here.
    result = run_cli(*argv, cwd=os.getcwd(), debug=True)
    return result.code, result.stdout


def entries(root: Path) -> list[Path]:
    return sorted((root / ".argmap_cache").glob("*/*.json"))


def read_entry(entry: Path) -> dict[str, Any]:
    """An entry's record, its signature line left out."""
    data = entry.read_bytes()
    assert data[cache_module.MAC_HEX:cache_module.MAC_HEX + 1] == b"\n"
    return json.loads(data[cache_module.MAC_HEX + 1:])  # type: ignore[no-any-return]


def write_entry(entry: Path, record: object) -> None:
    """An entry signed with this user's key, as argmap signs them: only its fields are wrong."""
    key = cache_module.user_key()
    assert key is not None
    body = json.dumps(record).encode()
    entry.write_bytes(cache_module._mac(key, str(entry), body) + b"\n" + body)


def same_with_and_without(corpus: Path, *args: str) -> tuple[int, str]:
    """Uncached, then cached cold (writes the entries), then cached warm (reads them): all alike."""
    fresh = check(corpus, *args, cache=False)
    assert check(corpus, *args) == fresh
    assert check(corpus, *args) == fresh
    return fresh


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


LIGHT = [case for case in CASES if not case.heavy]


@pytest.mark.parametrize("case", LIGHT, ids=[case.name for case in LIGHT])
def test_hostile_cases_give_the_same_output_cached(here: Path, case: Case) -> None:
    corpus = here / "corpus"
    sources = build(case, corpus)
    try:
        for fmt in ("text", "json"):
            same_with_and_without(corpus, "--sources", str(sources), "--format", fmt)
        same_with_and_without(corpus)
    finally:
        cleanup(corpus)


def test_the_cache_directory_is_ignored_by_git_and_no_cache_writes_nothing(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    check(corpus, cache=False)
    assert not (here / ".argmap_cache").exists()
    check(corpus)
    assert (here / ".argmap_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(entries(here)) == 1  # one map; registries are not cached (their content keys the rest)


def test_a_warm_check_reads_no_map(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged map is not parsed again (its entry is read instead)."""
    from argmap import corpus as corpus_module

    corpus = here / "corpus"
    build(Case("base", {"second.yaml": map_text("second-map")}), corpus)
    fresh = check(corpus)
    parsed: list[str] = []
    original = corpus_module.parse

    def spy(text: str, display: str, limits: object) -> object:
        parsed.append(display)
        return original(text, display, limits)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_module, "parse", spy)
    assert check(corpus) == fresh
    assert not [p for p in parsed if p.endswith(("base.yaml", "second.yaml"))]
    (corpus / "second.yaml").write_text(map_text("second-map", stance="disagree"))
    assert check(corpus) == check(corpus, cache=False)
    assert [p for p in parsed if p.endswith("second.yaml")] and not [p for p in parsed if p.endswith("base.yaml")]


def test_registries_sources_and_settings_invalidate(here: Path) -> None:
    corpus = here / "corpus"
    sources = build(Case("base", {}), corpus)
    args = ("--sources", str(sources))
    first = same_with_and_without(corpus, *args)
    assert first[0] == 0
    # A registry without bob: his references become findings.
    (corpus / "agents.yaml").write_text(AGENTS.split("  - id: bob-quoted")[0])
    assert same_with_and_without(corpus, *args)[0] == 1
    (corpus / "agents.yaml").write_text(AGENTS)
    assert check(corpus, *args) == first
    # The article changes: the quote is no longer in it.
    (sources / "base.txt").write_text(SOURCE_TEXT.replace("The thesis holds.", "The thesis fails."))
    changed = same_with_and_without(corpus, *args)
    assert "Q001" in changed[1]
    # The article disappears, then another directory has it.
    (sources / "base.txt").unlink()
    assert "Q002" in same_with_and_without(corpus, *args)[1]
    other = here / "other"
    other.mkdir()
    (other / "base.txt").write_text(SOURCE_TEXT)
    assert same_with_and_without(corpus, "--sources", str(other)) == first
    # A setting that per-map checks use.
    (corpus / "long.yaml").write_text(map_text("long-map", quote='"' + "word " * 60 + '"'))
    assert same_with_and_without(corpus, "--sources", str(other)) != same_with_and_without(
        corpus, "--sources", str(other), "--max-file-size", "100")


def test_the_stat_shortcut_sees_a_changed_file(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the "racily clean" margin at zero, entries record the file's state; a write changes it."""
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    first = same_with_and_without(corpus)
    record = read_entry(entries(here)[0])
    assert record["stat"] is not None
    (corpus / "base.yaml").write_text(BASE_MAP.replace("stance: agree", "stance: agreee"))
    assert "S004" in same_with_and_without(corpus)[1]
    (corpus / "base.yaml").write_text(BASE_MAP)
    assert check(corpus) == first


HOSTILE_ENTRIES: list[bytes | str] = [
    b"", b"\x00\xff garbage", b"{", b"[]", b"null", b'{"content": 5}', b"[" * 100_000 + b"]" * 100_000,
    "fifo", "dir", "zero-link", "huge",
]


@pytest.mark.parametrize("damage", range(len(HOSTILE_ENTRIES)))
def test_a_corrupt_entry_is_a_miss(here: Path, damage: int) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    fresh = same_with_and_without(corpus)
    entry = entries(here)[0]
    entry.unlink()
    kind = HOSTILE_ENTRIES[damage]
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "dir":
        entry.mkdir()
    elif kind == "zero-link":
        entry.symlink_to("/dev/zero")
    elif kind == "huge":
        with open(entry, "wb") as handle:
            handle.truncate(cache_module.MAX_ENTRY + 10)
    else:
        assert isinstance(kind, bytes)
        entry.write_bytes(kind)
    assert check(corpus) == fresh
    assert check(corpus) == fresh


def _forged(record: dict[str, object], where: str, value: object) -> dict[str, object]:
    forged = json.loads(json.dumps(record))
    target = forged
    *path, last = where.split(".")
    for part in path:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return forged  # type: ignore[no-any-return]


WRONG = [
    ("result.findings", "x"), ("result.findings", [[1, 2]]), ("result.kept", 3), ("result.kept.facts", [1]),
    ("result.kept.facts.1", 7), ("result.kept.facts.2", True), ("result.kept.facts.2", 10**30),
    ("result.kept.facts.5", [["a", "q", "1", 1, 1]]), ("result.kept.facts.5", [["a", "q", 1, 1, 1e9]]),
    ("result.kept.facts.6", [3]), ("result.kept.facts.7", [["a"]]), ("result.kept.facts.7", [["a", 1]]),
    ("result.kept.quotes", [1, 2]), ("result.kept.quotes.4", [3]), ("result.kept.article", None),
    ("article", {"name": "base.txt", "located": "/etc/passwd", "stat": None}), ("article", "x"),
]


@pytest.mark.parametrize(("where", "value"), WRONG, ids=[f"{w}={v!r}"[:40] for w, v in WRONG])
def test_an_entry_with_wrong_fields_is_a_miss(here: Path, where: str, value: object) -> None:
    """Every field is checked for the type argmap writes: the map is checked afresh instead."""
    corpus = here / "corpus"
    sources = build(Case("base", {"bad.yaml": map_text("bad-map", stance="agreee")}), corpus)
    args = ("--sources", str(sources))
    fresh = same_with_and_without(corpus, *args)
    for entry in entries(here):
        record = read_entry(entry)
        write_entry(entry, _forged(record, where, value))
    assert check(corpus, *args) == fresh


def test_a_finding_with_an_unknown_code_is_refused(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {"bad.yaml": map_text("bad-map", stance="agreee")}), corpus)
    fresh = same_with_and_without(corpus)
    for entry in entries(here):
        record = read_entry(entry)
        for finding in record["result"]["findings"]:
            finding[3] = "Z999"
        write_entry(entry, record)
    assert check(corpus) == fresh


def test_a_symlinked_cache_directory_is_not_used(here: Path) -> None:
    elsewhere = here / "elsewhere"
    elsewhere.mkdir()
    (here / ".argmap_cache").symlink_to(elsewhere)
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    same_with_and_without(corpus)
    assert not list(elsewhere.iterdir())


def test_an_unwritable_cache_still_checks(here: Path) -> None:
    (here / ".argmap_cache").write_text("not a directory")
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    same_with_and_without(corpus)


@pytest.mark.e2e  # processes at once
def test_concurrent_checks_agree(here: Path) -> None:
    """Runs at once over one cache: each sees whole entries (old or new), and all print the same."""
    corpus = here / "corpus"
    build(Case("base", {f"m{i}.yaml": map_text(f"map-{i}", stance="agreee" if i % 3 else "agree")
                        for i in range(60)}), corpus)
    fresh = check(corpus, cache=False)
    command = [sys.executable, "-m", "argmap", "check", str(corpus)]
    processes = [subprocess.Popen(command, cwd=here, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [(p.wait(), p.communicate()[0]) for p in processes]
    again = subprocess.run(command, cwd=here, stdout=subprocess.PIPE, text=True)
    expected = subprocess.run([*command, "--no-cache"], cwd=here, stdout=subprocess.PIPE, text=True)
    assert expected.returncode == fresh[0]
    assert all(out == (expected.returncode, expected.stdout) for out in outputs)
    assert (again.returncode, again.stdout) == (expected.returncode, expected.stdout)
    for entry in entries(here):
        read_entry(entry)
    assert not list((here / ".argmap_cache").glob("*/*.tmp"))


EDITS = st.lists(st.tuples(st.sampled_from(["stance", "quote", "id", "remove", "add", "agents", "article",
                                            "garbage", "touch"]),
                           st.integers(0, 3), st.sampled_from(["agree", "agreee", "-1", "7", "neutral"])),
                 min_size=1, max_size=6)


@scaled(0.5, suppress_health_check=[HealthCheck.function_scoped_fixture])  # each example runs check several times
@given(edits=EDITS)
def test_random_edit_sequences_give_the_same_output_cached(tmp_path_factory: pytest.TempPathFactory,
                                                           edits: list[tuple[str, int, str]]) -> None:
    root = tmp_path_factory.mktemp("edits")
    old = os.getcwd()
    os.chdir(root)
    try:
        corpus = root / "corpus"
        sources = build(Case("base", {f"m{i}.yaml": map_text(f"map-{i}") for i in range(4)}), corpus)
        args = ("--sources", str(sources))
        check(corpus, *args)
        for kind, index, value in edits:
            target = corpus / f"m{index}.yaml"
            if kind == "stance":
                target.write_text(map_text(f"map-{index}", stance=value))
            elif kind == "quote":
                target.write_text(map_text(f"map-{index}", quote=f'"The thesis {value}."'))
            elif kind == "id":
                target.write_text(map_text(f"map-{value.strip('-')}"))
            elif kind == "remove" and target.exists():
                target.unlink()
            elif kind == "add":
                target.write_text(map_text(f"map-{index}"))
            elif kind == "agents":
                (corpus / "agents.yaml").write_text(AGENTS + f"  - id: extra-{value.strip('-')}\n    name: X\n")
            elif kind == "article":
                (sources / "base.txt").write_text(SOURCE_TEXT.replace("holds", value))
            elif kind == "garbage":
                target.write_text("argmap: 1\nid: [" + value)
            elif kind == "touch" and target.exists():
                os.utime(target)
            assert check(corpus, *args) == check(corpus, *args, cache=False), (kind, index, value)
    finally:
        os.chdir(old)
        cleanup(root)


def test_the_real_maps_with_their_links_give_the_same_output_cached(here: Path, seeds: Path) -> None:
    """The links check reads each map's claims and attacks from its facts: a cached run must carry them
    (they were once left out of the entry, and every link became L001 on the second run)."""
    import shutil

    shutil.copytree(Path(__file__).resolve().parent.parent / "maps", here / "maps")
    assert (here / "maps" / "links.yaml").is_file()
    for args in ((), ("--sources", str(seeds))):
        code, out = same_with_and_without(here / "maps", *args)
        assert code == 0 and "L001" not in out, out


def test_every_field_of_a_maps_facts_survives_the_cache() -> None:
    from argmap.checks.across import MapFacts
    from argmap.checks.quote_counts import QuoteCounts
    from argmap.engine import Checked

    facts = MapFacts("m", "maps/m.yaml", 3, 1, "2021", (("a", "q", 1, 9, 5),), ("thesis", "c1"), (("c1", "thesis"),))
    assert all(getattr(facts, name) != default for name, default in MapFacts._field_defaults.items())
    checked = Checked(None, facts, QuoteCounts(2, 1, 1, 0, {"x.txt"}), "x.txt")
    encoded = json.loads(json.dumps(cache_module._encode_result((checked, []))))
    decoded, _ = cache_module._decode_result(encoded)
    assert decoded == checked


def test_a_warm_check_still_knows_the_claims_links_name(here: Path) -> None:
    """links.yaml is checked against every map's claim ids and attacks: a cached map must keep them (a warm
    check of maps/ once reported every link's claim as missing, L001)."""
    import shutil

    corpus = here / "maps"
    shutil.copytree(Path(__file__).resolve().parent.parent / "maps", corpus)
    code, out = same_with_and_without(corpus)
    assert code == 0 and "L001" not in out


def test_old_contexts_are_pruned_and_nothing_else_is_touched(here: Path) -> None:
    """Each registry edit starts a context: without pruning, a corpus edited on every save filled the disk."""
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    base = here / ".argmap_cache"
    base.mkdir()
    old = []
    for i in range(cache_module.KEEP + 4):
        context = base / f"{i:032x}"
        context.mkdir()
        (context / "entry.json").write_text("{}")
        (context / "x.json.1.ab.tmp").write_text("")
        os.utime(context, ns=(10**18 + i * 10**9, 10**18 + i * 10**9))
        old.append(context)
    outside = here / "outside"
    outside.mkdir()
    (outside / "keep.json").write_text("{}")
    (base / ("f" * 32)).symlink_to(outside, target_is_directory=True)  # a planted link is never followed
    (base / "notes").mkdir()  # not a name argmap gives: left alone
    (base / "notes" / "mine.json").write_text("{}")
    odd = old[-1] / "user-file.txt"  # an unexpected file keeps its directory
    odd.write_text("mine")
    assert check(corpus)[0] == 0
    contexts = sorted(p.name for p in base.iterdir() if p.is_dir() and not p.is_symlink() and len(p.name) == 32)
    used = [p for p in base.iterdir() if p.is_dir() and not p.is_symlink() and p.name not in {c.name for c in old}
            and p.name != "notes"]
    assert len(used) == 1 and list(used[0].glob("*.json"))  # this run's context, with its entries
    # the newest KEEP - 1 old ones survive beside it
    assert sorted(c.name for c in old[-(cache_module.KEEP - 1):]) == sorted(set(contexts) - {used[0].name})
    assert not old[0].exists() and (outside / "keep.json").exists() and (base / "notes" / "mine.json").exists()
    assert odd.exists()  # old[-1] is kept anyway; an unexpected file also stops removal:
    stray = old[0].parent / f"{99:032x}"
    stray.mkdir()
    (stray / "user-file.txt").write_text("mine")
    os.utime(stray, ns=(1, 1))
    assert cache_module.prune(str(base), 1) >= 1 and (stray / "user-file.txt").exists()
