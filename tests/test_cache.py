"""The check cache (.argmap_cache): the same output with and without it, invalidated by whatever a map's
findings depend on, and never trusted blindly (a corrupt or hostile entry is a miss)."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from argmap.checks import cache as cache_module

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
from hostile_cases import AGENTS, BASE_MAP, CASES, QUESTIONS, SOURCE_TEXT, Case, build, cleanup, map_text

from tests.clirun import run_cli
from tests.profiles import scaled


def check(corpus: Path, *args: str, cache: bool = True) -> tuple[int, str]:
    argv = ["check", str(corpus), *args, *([] if cache else ["--no-cache"])]
    # In this process, in the working directory (where the cache goes); an exception is raised here.
    result = run_cli(*argv, cwd=os.getcwd(), debug=True)
    return result.code, result.stdout


def entries(root: Path) -> list[Path]:
    """The contexts' index files (a map's record is in its context's index; a worker process's records
    stay in files of their own, `*.json`, until the main process next takes them in)."""
    return sorted((root / ".argmap_cache").glob(f"*/{cache_module.INDEX}"))


def read_index(entry: Path) -> dict[str, Any]:
    """An index, its signature line left out, each map's row as a dict of its fields: with the journal the
    runs since it was written whole left beside it, applied as argmap applies it."""
    data = entry.read_bytes()
    assert data[cache_module.MAC_HEX:cache_module.MAC_HEX + 1] == b"\n"
    base = cache_module._index_value(data[cache_module.MAC_HEX + 1:])
    assert base is not None
    reader = cache_module.MapCache(str(entry.parent), (), cache_module.MAX_ENTRY, cache_module.user_key() or b"")
    index = reader._journaled(base, data[:cache_module.MAC_HEX])
    index["maps"] = {path: dict(zip(ROW, row, strict=True)) for path, row in index["maps"].items()}
    index["checks"] = None if index["checks"] is None else marshal.loads(index["checks"])
    return index


ROW = ["stat", "marked", "article", "summary", "findings", "ref"]  # a row's fields (cache.STAT...)


def write_index(entry: Path, index: dict[str, Any], key: bytes | None = None) -> None:
    """An index signed with this user's key (or `key`), as argmap signs it: only its fields are wrong."""
    key = key or cache_module.user_key()
    assert key is not None
    frozen: dict[str, Any] = {"maps": {path: [row[f] for f in ROW] for path, row in index["maps"].items()},
                              "registries": index["registries"],
                              "corpus": index["corpus"],
                              "checks": None if index["checks"] is None else marshal.dumps(index["checks"])}
    body = marshal.dumps(frozen)
    entry.write_bytes(cache_module._mac(key, str(entry), body) + b"\n" + body)


def forge_records(root: Path, change: Callable[[dict[str, Any]], dict[str, Any]], stale: bool = True) -> None:
    """Every map's whole record (in the records file) changed by `change`, its row's REF made to match, and
    (`stale`) its row's state left out, so that the record, not the row, is what the next check reads."""
    for entry in entries(root):
        index = read_index(entry)
        data = (entry.parent / cache_module.RECORDS).read_bytes()
        out = b""
        for row in index["maps"].values():
            offset, length, _ = row["ref"]
            blob = marshal.dumps(change(marshal.loads(data[offset:offset + length])))
            row["ref"] = [len(out), len(blob), cache_module._ref_digest(blob)]
            row["stat"] = None if stale else row["stat"]
            out += blob
        (entry.parent / cache_module.RECORDS).write_bytes(out)
        write_index(entry, index)


def records(root: Path) -> list[dict[str, Any]]:
    """Every map's record, in every context."""
    return [record for entry in entries(root) for record in read_index(entry)["maps"].values()]


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
    assert len(entries(here)) == 1 and len(records(here)) == 1  # one map (the registries' own records beside it)


def test_a_warm_check_reads_no_map(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unchanged map is not parsed again (its entry is read instead)."""
    from argmap.model import corpus as corpus_module

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
    assert not parsed  # neither a map nor a registry: their parsed forms are in the index
    (corpus / "second.yaml").write_text(map_text("second-map", stance="disagree"))
    assert check(corpus) == check(corpus, cache=False)
    assert [p for p in parsed if p.endswith("second.yaml")] and not [p for p in parsed if p.endswith("base.yaml")]
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)  # the maps held by their state, unread
    check(corpus)
    (corpus / "second.yaml").write_text(map_text("second-map", stance="agree"))
    parsed.clear()
    changed = check(corpus)
    assert [p for p in parsed if p.endswith("second.yaml")]
    parsed.clear()  # the re-check wrote what it found (the unchanged map held): the next one parses nothing
    assert check(corpus) == changed == check(corpus, cache=False) and not parsed
    assert all(row["ref"] for entry in entries(here) for row in read_index(entry)["maps"].values())


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
    record = records(here)[0]
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


@pytest.mark.parametrize("kind", ["fifo", "over max-file-size", "dangling link"])
def test_a_registry_the_loader_will_not_read_is_not_read_for_the_cache_either(here: Path, kind: str) -> None:
    """The cache's context hashes the registries; a fifo named agents.yaml made that read block forever
    (the loader refuses it unread). Run in a process, with a timeout, so that a hang fails the test."""
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    agents = corpus / "agents.yaml"
    agents.unlink()
    if kind == "fifo":
        os.mkfifo(agents)
    elif kind == "dangling link":
        agents.symlink_to(here / "nowhere.yaml")
    else:
        agents.write_text(AGENTS + "# padding\n" * 200, encoding="utf-8")
    args = ["--max-file-size", "1000"] if kind == "over max-file-size" else []

    def run(*extra: str) -> tuple[int, str]:
        done = subprocess.run([sys.executable, "-m", "argmap", "check", str(corpus), *args, *extra],
                              capture_output=True, text=True, timeout=60, cwd=here)
        return done.returncode, done.stdout

    fresh = run("--no-cache")
    assert fresh[0] == 1, fresh
    assert run() == fresh  # cold: writes the cache
    assert run() == fresh  # warm: reads it


def _forged(record: dict[str, object], where: str, value: object) -> dict[str, object]:
    forged = marshal.loads(marshal.dumps(record))  # a deep copy
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
    forge_records(here, lambda record: _forged(record, where, value))
    assert check(corpus, *args) == fresh


ROW_WRONG = [("summary", "x"), ("summary", [1]), ("summary.0", 5), ("summary.1", True), ("summary.2", 10**30),
             ("summary.3", "1"), ("summary.7", [3]), ("summary.7", "x"), ("findings", "x"), ("findings", [[1, 2]]),
             ("marked", None), ("article", "x"), ("article", {"name": "base.txt", "located": "/etc/passwd", "stat": None})]


@pytest.mark.parametrize(("where", "value"), ROW_WRONG, ids=[f"{w}={v!r}"[:40] for w, v in ROW_WRONG])
def test_a_row_with_wrong_fields_is_a_miss(here: Path, where: str, value: object) -> None:
    """An unchanged map is taken from its row in the index alone: every field of it is checked too."""
    corpus = here / "corpus"
    sources = build(Case("base", {"bad.yaml": map_text("bad-map", stance="agreee")}), corpus)
    args = ("--sources", str(sources))
    fresh = same_with_and_without(corpus, *args)
    for entry in entries(here):
        index = read_index(entry)
        index["maps"] = {path: _forged(row, where, value) for path, row in index["maps"].items()}
        write_index(entry, index)
    assert check(corpus, *args) == fresh


def test_a_finding_with_an_unknown_code_is_refused(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {"bad.yaml": map_text("bad-map", stance="agreee")}), corpus)
    fresh = same_with_and_without(corpus)
    for entry in entries(here):
        index = read_index(entry)
        for row in index["maps"].values():
            for finding in row["findings"]:
                finding[3] = "Z999"
        write_index(entry, index)
    assert check(corpus) == fresh

    def unknown(record: dict[str, Any]) -> dict[str, Any]:
        for finding in record["result"]["findings"]:
            finding[3] = "Z999"
        return record

    forge_records(here, unknown)
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
        read_index(entry)
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
    from argmap.checks.engine import Checked
    from argmap.checks.quote_counts import QuoteCounts

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
    assert len(used) == 1 and (used[0] / cache_module.INDEX).is_file()  # this run's context, with its index
    # the newest KEEP - 1 old ones survive beside it
    assert sorted(c.name for c in old[-(cache_module.KEEP - 1):]) == sorted(set(contexts) - {used[0].name})
    assert not old[0].exists() and (outside / "keep.json").exists() and (base / "notes" / "mine.json").exists()
    assert odd.exists()  # old[-1] is kept anyway; an unexpected file also stops removal:
    stray = old[0].parent / f"{99:032x}"
    stray.mkdir()
    (stray / "user-file.txt").write_text("mine")
    os.utime(stray, ns=(1, 1))
    assert cache_module.prune(str(base), 1) >= 1 and (stray / "user-file.txt").exists()


def test_a_map_that_gains_a_suppression_comment_is_read_for_it(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-check reads for `# argmap:` comments only the maps whose bytes may hold one (the index says so of
    each map as it was checked): a map that gains one, or loses it, is read again."""
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)  # the stat shortcut, with what it remembers
    corpus = here / "corpus"
    build(Case("base", {"bad.yaml": map_text("bad-map", stance="agreee")}), corpus)
    fresh = same_with_and_without(corpus)
    assert "S004" in fresh[1]
    bad = corpus / "bad.yaml"
    text = bad.read_text()
    bad.write_text(text.replace("stance: agreee", "stance: agreee  # argmap: ignore[S004] a label we accept"))
    suppressed = same_with_and_without(corpus)
    assert suppressed[0] == 0 and "S004" not in suppressed[1]
    assert any(record["marked"] for record in records(here)) and not all(record["marked"] for record in records(here))
    bad.write_text(text)
    assert same_with_and_without(corpus) == fresh


def test_a_changed_registry_is_parsed_and_checked_again(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The registries' parsed forms and their own findings (C006, C007, C009, R011) come from the index while
    their bytes are unchanged; a change is read and checked again."""
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    fresh = same_with_and_without(corpus)
    questions = corpus / "questions.yaml"
    questions.write_text(QUESTIONS.replace("excludes: [q-two]", "excludes: [q-three]"))
    changed = same_with_and_without(corpus)
    assert "C006" in changed[1]
    questions.write_text(QUESTIONS.replace("excludes: [q-two]", "implies: [q-two]\n    excludes: [q-two]"))
    assert "C007" in same_with_and_without(corpus)[1]
    questions.write_text(QUESTIONS)
    assert check(corpus) == fresh
    (corpus / "agents.yaml").write_text(AGENTS + "  - id: ann-author-2\n    name: Ann Author\n")
    assert "R011" in same_with_and_without(corpus)[1]


def test_a_changed_links_file_is_read_again(here: Path) -> None:
    import shutil

    corpus = here / "maps"
    shutil.copytree(Path(__file__).resolve().parent.parent / "maps", corpus)
    same_with_and_without(corpus)
    links = corpus / "links.yaml"
    text = links.read_text(encoding="utf-8")
    first = text.index("from: ") + len("from: ")
    links.write_text(text[:first] + "no-such-map#" + text[first:], encoding="utf-8")
    code, out = same_with_and_without(corpus)
    assert code == 1 and "L00" in out


STANCES = ["agree", "disagree", "neutral", "agree", "strongly-disagree", "agree"]


def test_the_checks_across_maps_after_each_kind_of_change(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """C004 is found again only for the agents a changed, added or removed map takes a stance on (the others'
    findings come from the index): after each kind of change, as without the cache."""
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)
    touched: list[object] = []
    original = cache_module.MapCache._changes

    def spy(self: cache_module.MapCache, *args: Any) -> object:
        changes = original(self, *args)
        touched.append(None if changes is None else changes[0])  # the agents whose C004 is found again
        return changes

    monkeypatch.setattr(cache_module.MapCache, "_changes", spy)
    corpus = here / "corpus"
    build(Case("base", {f"m{i}.yaml": map_text(f"map-{i}", stance=s) for i, s in enumerate(STANCES)}), corpus)
    first = same_with_and_without(corpus)
    assert "C004" in first[1]
    assert touched[-1] == set()  # the warm run: nothing changed, nothing found again
    (corpus / "m2.yaml").write_text(map_text("map-2", stance="strongly-agree"))  # a stance
    assert check(corpus) == check(corpus, cache=False)
    assert touched[-1] == {"ann-author", "bob-quoted"}  # the agents of the changed map's stances
    (corpus / "m1.yaml").write_text("# a line more: every position moves down\n" + map_text("map-1", stance="disagree"))
    assert check(corpus) == check(corpus, cache=False)
    (corpus / "m4.yaml").write_text(map_text("map-4", stance="agree", claim_text="Another text."))  # no stance
    assert check(corpus) == check(corpus, cache=False)
    (corpus / "m3.yaml").unlink()  # removed
    assert check(corpus) == check(corpus, cache=False)
    (corpus / "a0.yaml").write_text(map_text("map-a", stance="disagree"))  # added, first in order
    assert check(corpus) == check(corpus, cache=False)
    (corpus / "m5.yaml").write_text("argmap: 1\nid: [broken\n")  # no longer a map
    assert check(corpus) == check(corpus, cache=False)
    (corpus / "m5.yaml").write_text(map_text("map-0", stance="neutral"))  # a map again, with another's id
    assert check(corpus) == check(corpus, cache=False)
    for args in ([str(corpus / "m0.yaml"), str(corpus / "m2.yaml")], [str(corpus / "m2.yaml"), str(corpus / "m0.yaml")]):
        cached, uncached = (run_cli("check", *args, *more, cwd=os.getcwd(), debug=True) for more in ((), ("--no-cache",)))
        assert cached.stdout == uncached.stdout
    assert None in touched and set() in touched


def test_records_a_worker_wrote_are_taken_into_the_index(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {f"m{i}.yaml": map_text(f"map-{i}", stance=s) for i, s in enumerate(STANCES)}), corpus)
    fresh = check(corpus, cache=False)
    if (os.cpu_count() or 1) > 1:
        assert check(corpus, "-j", "2") == fresh  # worker processes: each map's record in a file of its own
        assert list((here / ".argmap_cache").glob("*/*.json"))
    assert check(corpus) == fresh  # here, in the main process: taken into the index as rows
    assert not list((here / ".argmap_cache").glob("*/*.json")) and len(records(here)) == len(STANCES) + 1
    assert check(corpus) == fresh
    # A change checked in worker processes, then undone: the index still holds the map as it was before the
    # change, but the checks across maps last ran on the change; they must not be taken as they are.
    (corpus / "m2.yaml").write_text(map_text("map-2", stance="strongly-agree"))
    assert check(corpus, "-j", "2") == check(corpus, cache=False)
    (corpus / "m2.yaml").write_text(map_text("map-2", stance=STANCES[2]))
    assert check(corpus) == fresh


def test_every_field_of_the_registries_survives_the_cache() -> None:
    from argmap.core.record import fields
    from argmap.model.maps import Agent, Link, Question, Ref

    items = {"agents": Agent("a", "A", ["Alias"], "org", "About.", "agents.yaml", 3, 5),
             "questions": Question("q", "P.", [Ref("x", 1, 2)], [Ref("y", 3, 4)], [Ref("z", 5, 6)], "Note.",
                                   "questions.yaml", 7, 8),
             "links": Link(Ref("m#c", 1, 2), Ref("n#d", 3, 4), Ref("same", 5, 6), "Note.", "links.yaml", 9, 10)}
    for kind, item in items.items():
        assert all(getattr(item, f.name) != f.default for f in fields(item))
        encoded = marshal.loads(marshal.dumps(cache_module._encode_registry(kind, ([item], []))))
        assert cache_module._decode_registry(kind, encoded) == ([item], [])



def test_a_warm_check_reads_each_registry_once(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The context hashes the agents and questions (its directory is named by them): their records in its
    # index are taken by that hash, the files not read and hashed again. A registry changed gives what a
    # cold check gives.
    corpus = here / "corpus"
    build(Case("base", {"second.yaml": map_text("second-map")}), corpus)
    fresh = check(corpus)
    assert check(corpus) == fresh
    hashed: list[str] = []
    read: list[str] = []
    file_digest, read_map = cache_module._file_digest, cache_module.MapCache._read_map

    def digest(path: str, limit: int, digests: dict[str, tuple[str, bool]] | None = None) -> str:
        hashed.append(os.path.basename(path))
        return file_digest(path, limit, digests)

    def read_file(self: cache_module.MapCache, path: str) -> bytes | None:
        read.append(os.path.basename(path))
        return read_map(self, path)

    from argmap.model import suppress

    scanned: list[str] = []
    scan = suppress._read

    def scan_file(path: str) -> str | None:
        scanned.append(os.path.basename(path))
        return scan(path)

    monkeypatch.setattr(cache_module, "_file_digest", digest)
    monkeypatch.setattr(cache_module.MapCache, "_read_map", read_file)
    monkeypatch.setattr(suppress, "_read", scan_file)
    assert check(corpus) == fresh
    assert sorted(hashed) == ["agents.yaml", "questions.yaml"] and not {"agents.yaml", "questions.yaml"} & set(read)
    assert not {"agents.yaml", "questions.yaml"} & set(scanned)  # nor for suppression comments: they hold none
    monkeypatch.undo()
    (corpus / "agents.yaml").write_text(AGENTS + "  - id: someone-else\n    name: Someone Else\n")
    assert check(corpus) == check(corpus, cache=False) == check(corpus)
    # A registry's own suppression comments still count on a warm check (its bytes were scanned for them).
    (corpus / "agents.yaml").write_text(AGENTS + "  - id: ann-author\n    name: Again\n")
    duplicate = check(corpus, cache=False)
    assert "R007" in duplicate[1] and check(corpus) == duplicate == check(corpus)
    (corpus / "agents.yaml").write_text(AGENTS + "  - id: ann-author  # argmap: ignore[R007] kept on purpose\n"
                                        "    name: Again\n")
    suppressed = check(corpus, cache=False)
    assert "R007" not in suppressed[1] and check(corpus) == suppressed == check(corpus)


GOOD_AGENT = ["a", "A", ["Alias"], "org", "About.", "agents.yaml", 3, 5]


@pytest.mark.parametrize("row", [
    *[[*GOOD_AGENT[:i], bad, *GOOD_AGENT[i + 1:]] for i in range(8)
      for bad in (None, True, 1 << 62, b"x", ["x"] if i != 2 else "x", 1.5)],
    [*GOOD_AGENT[:2], ["Alias", 1], *GOOD_AGENT[3:]], [*GOOD_AGENT[:6], -(1 << 62), 5], GOOD_AGENT[:7],
    [*GOOD_AGENT, 0], ("a", "A", [], "org", "", "agents.yaml", 3, 5), "a"], ids=repr)
def test_an_agent_row_of_the_wrong_shape_is_not_decoded(row: object) -> None:
    # Every field of every row tested (column by column): a row the index should not hold is a TypeError,
    # which the cache takes as "no record" (the registry is parsed again).
    assert cache_module._decode_registry("agents", [[GOOD_AGENT, GOOD_AGENT], []])[0] is not None
    with pytest.raises(TypeError):
        cache_module._decode_registry("agents", [[GOOD_AGENT, row], []])

CHANGES = st.lists(st.tuples(st.sampled_from(["stance", "comment", "shift", "remove", "copy", "date", "broken",
                                              "touch"]),
                             st.integers(0, 11), st.integers(0, 9)),
                   min_size=1, max_size=4)


@scaled(0.5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), changes=CHANGES, journal_rows=st.sampled_from([0, 3, cache_module.JOURNAL_ROWS]))
def test_a_recheck_after_changes_to_a_random_corpus_prints_what_a_cold_check_prints(
        tmp_path_factory: pytest.TempPathFactory, seed: int, changes: list[tuple[str, int, int]],
        journal_rows: int) -> None:
    """Generated corpora (bench/generate.py: a few agents and questions, so stances move from map to map and C004
    has much to say), the maps held by their state (no margin), then changes one at a time: each re-check
    prints the findings and the summary a check without the cache prints."""
    bench = str(Path(__file__).resolve().parent.parent / "bench")
    sys.path.insert(0, bench)
    try:
        from generate import generate
    finally:
        sys.path.remove(bench)

    root = tmp_path_factory.mktemp("random")
    old, margin, rows = os.getcwd(), cache_module.STAT_MARGIN_NS, cache_module.JOURNAL_ROWS
    os.chdir(root)
    cache_module.STAT_MARGIN_NS = 0
    cache_module.JOURNAL_ROWS = journal_rows  # the index written whole after every change, now and then, or not
    try:
        corpus = root / "maps"
        files = sorted(generate(str(corpus), 12, agents=4, questions=3, seed=seed))
        check(corpus)
        check(corpus)  # every map held by its row from here on
        for number, (kind, which, value) in enumerate(changes):
            target = Path(files[which])
            text = target.read_text() if target.exists() else None
            if kind == "stance" and text is not None:
                lines = text.splitlines(keepends=True)
                at = [i for i, line in enumerate(lines) if line.strip().startswith("stance:")]
                if at:
                    lines[at[value % len(at)]] = f"    stance: {value % 5 - 2}\n"
                target.write_text("".join(lines))
            elif kind == "comment" and text is not None:
                target.write_text(text + f"# change {number}\n")
            elif kind == "shift" and text is not None:
                target.write_text(f"# change {number}\n" + text)
            elif kind == "remove" and text is not None:
                target.unlink()
            elif kind == "copy" and text is not None:
                (corpus / f"copy-{number}.yaml").write_text(text)  # the same id: R003, and its stances twice
            elif kind == "date" and text is not None:
                target.write_text(re.sub(r"(?m)^  date: .*$", f"  date: {1995 + value}-01-0{1 + value % 9}", text))
            elif kind == "broken":
                target.write_text("argmap: 1\nid: [")
            elif kind == "touch" and text is not None:
                os.utime(target)
            cached, cold = check(corpus), check(corpus, cache=False)
            assert cached == cold, (kind, which, value)
            assert check(corpus) == cold  # and once more, from what that re-check wrote
    finally:
        cache_module.STAT_MARGIN_NS, cache_module.JOURNAL_ROWS = margin, rows
        os.chdir(old)


def test_the_records_file_is_compacted_and_still_read_right(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run appends what it found to the records file; once most of it is no row's, the file is written
    again with only what the index names, and every re-check still prints what a cold check prints."""
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)
    corpus = here / "corpus"
    build(Case("base", {f"m{i}.yaml": map_text(f"map-{i}", stance=s) for i, s in enumerate(STANCES)}), corpus)
    check(corpus)
    [index_file] = entries(here)
    records_file = index_file.parent / cache_module.RECORDS
    for turn, stance in enumerate(STANCES * 2):
        (corpus / f"m{turn % 3}.yaml").write_text(map_text(f"map-{turn % 3}", stance=stance))
        monkeypatch.setattr(cache_module, "COMPACT_SLACK", -(1 << 40) if turn % 4 == 3 else 1 << 20)  # -: at once
        assert check(corpus) == check(corpus, cache=False)
        assert check(corpus) == check(corpus, cache=False)
        if turn % 4 == 3:  # just compacted: only what the index names
            index = read_index(index_file)
            named = sum(row["ref"][1] for row in index["maps"].values())
            named += sum(ref[1] for ref in index["corpus"]["stances"].values())
            named += sum(registry[2][1] for registry in index["registries"].values())
            assert records_file.stat().st_size == named


def test_a_recheck_writes_what_changed_to_the_journal_and_the_index_whole_now_and_then(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-check after a change writes only what changed (the journal), not the whole index; past JOURNAL_ROWS,
    and when the maps are others, the index is written whole and the journal goes. Each prints what a cold
    check prints."""
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)
    corpus = here / "corpus"
    build(Case("base", {f"m{i}.yaml": map_text(f"map-{i}", stance=s) for i, s in enumerate(STANCES)}), corpus)
    check(corpus)
    check(corpus)
    [index_file] = entries(here)
    journal = index_file.parent / cache_module.JOURNAL
    written = index_file.read_bytes()
    for turn, stance in enumerate(STANCES):
        (corpus / f"m{turn % 2}.yaml").write_text(map_text(f"map-{turn % 2}", stance=stance))
        assert check(corpus) == check(corpus, cache=False)
        assert index_file.read_bytes() == written and journal.exists()
        assert check(corpus) == check(corpus, cache=False)  # and again, the journal read
    assert {"m0.yaml", "m1.yaml"} <= {Path(p).name for p in read_index(index_file)["maps"]}
    monkeypatch.setattr(cache_module, "JOURNAL_ROWS", 0)
    (corpus / "m2.yaml").write_text(map_text("map-2", stance="strongly-agree"))
    assert check(corpus) == check(corpus, cache=False)
    assert index_file.read_bytes() != written and not journal.exists()
    monkeypatch.setattr(cache_module, "JOURNAL_ROWS", 256)
    written = index_file.read_bytes()
    (corpus / "m1.yaml").unlink()  # the maps are others: the checks across maps' paths with them
    assert check(corpus) == check(corpus, cache=False)
    assert index_file.read_bytes() != written and not journal.exists()


def test_a_journal_applies_only_to_the_index_it_was_written_against(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal names the index it changes by that index's signature: one left from an index since written
    whole, or signed by another key, is not applied (its changes are only misses)."""
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)
    corpus = here / "corpus"
    build(Case("base", {f"m{i}.yaml": map_text(f"map-{i}", stance=s) for i, s in enumerate(STANCES)}), corpus)
    check(corpus)
    check(corpus)
    [index_file] = entries(here)
    journal = index_file.parent / cache_module.JOURNAL
    (corpus / "m0.yaml").write_text(map_text("map-0", stance="strongly-disagree"))
    check(corpus)
    old = journal.read_bytes()
    monkeypatch.setattr(cache_module, "JOURNAL_ROWS", 0)
    (corpus / "m0.yaml").write_text(map_text("map-0", stance="agree"))
    fresh = check(corpus, cache=False)
    assert check(corpus) == fresh and not journal.exists()
    rows = read_index(index_file)["maps"]
    journal.write_bytes(old)  # of the index before: it would bring back the row of the stance now gone
    assert read_index(index_file)["maps"] == rows
    assert check(corpus) == fresh
    body = old[cache_module.MAC_HEX + 1:]
    journal.write_bytes(cache_module._mac(b"k" * cache_module.KEY_BYTES, str(journal), body) + b"\n" + body)
    assert check(corpus) == fresh


@pytest.mark.parametrize("damage", [b"", b"\x00" * 64, None])
def test_a_lost_records_file_is_only_slower(here: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes | None) -> None:
    """The index holds the unchanged maps, but what the checks across maps then need of them (their stances)
    is gone from the records file: the check runs again without the index, and prints what a cold check
    prints; the next re-check has it all again."""
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)
    corpus = here / "corpus"
    build(Case("base", {f"m{i}.yaml": map_text(f"map-{i}", stance=s) for i, s in enumerate(STANCES)}), corpus)
    check(corpus)
    check(corpus)
    records_file = entries(here)[0].parent / cache_module.RECORDS
    if damage is None:
        records_file.unlink()
    else:
        records_file.write_bytes(damage)
    discarded: list[object] = []
    original = cache_module.MapCache.discard
    monkeypatch.setattr(cache_module.MapCache, "discard", lambda self: discarded.append(original(self)))
    (corpus / "m2.yaml").write_text(map_text("map-2", stance="strongly-agree"))
    assert check(corpus) == check(corpus, cache=False)
    assert discarded and records_file.stat().st_size > 64
    (corpus / "m4.yaml").write_text(map_text("map-4", stance="strongly-disagree"))
    assert check(corpus) == check(corpus, cache=False)


@pytest.mark.parametrize("package", ["rapidfuzz", "trafilatura", "pdfminer", "yaml", "json", "argmap", "no_such_package_here"])
def test_the_context_finds_a_package_as_importlib_does(package: str) -> None:
    # Without importing importlib.util (which the console script's check otherwise imports for this alone).
    import importlib.util

    expected = importlib.util.find_spec(package)
    found = cache_module._find_spec(package)
    assert (found and (found.name, found.origin)) == (expected and (expected.name, expected.origin))
