"""Issue 21, "What the new surfaces let through": each attack found there, made again; each must stay closed.

Data loss (fix, tidy exports), false passes (language server URIs, the cache, suppressions, the quick
fix), crashes and memory (framework files, nested JSON, links.yaml, message lengths, closed streams),
hangs (evaluate, import, the language server's walk) and the smaller points. In process wherever the
point is not about the process itself.
"""

from __future__ import annotations

import io
import json
import marshal
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import pytest

from argmap.checks import cache as cache_module
from argmap.files.output import OutputError, replace_file
from tests.clirun import run_cli

sys.path.insert(0, str(Path(__file__).parent))
from growth import LIMIT, growth
from hostile_cases import BASE_MAP, SOURCE_TEXT, Case, build, map_text

ROOT = Path(__file__).resolve().parents[2]


def invoke(*args: str) -> tuple[int, str, str]:
    result = run_cli(*args, cwd=os.getcwd(), debug=True)  # an exception is raised here
    return result.code, result.stdout, result.stderr


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))  # this test's own cache key
    return tmp_path


# -- data loss ------------------------------------------------------------------------------------------


def test_fix_refuses_a_map_saved_while_it_ran(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit saved between fix's read and its write is kept, fix says so, and counts nothing."""
    from argmap.checks import fix as fixing

    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    target = corpus / "base.yaml"
    target.write_text(BASE_MAP.replace("stance: agree", "stance: agre"))
    original = fixing.fix_file

    def slow_fix(*args: object, **kwargs: object) -> fixing.FileFix:
        outcome = original(*args, **kwargs)  # type: ignore[arg-type]
        with open(target, "a", encoding="utf-8") as handle:  # the editor saves meanwhile
            handle.write("# saved while fix ran\n")
        return outcome

    monkeypatch.setattr(fixing, "fix_file", slow_fix)
    code, out, err = invoke("fix", str(corpus))
    assert target.read_text().endswith("# saved while fix ran\n") and "stance: agre\n" in target.read_text()
    assert "changed since it was read" in err and "Fixed 0 in 0 files; 1 file not written" in err
    assert code == 1 and "-> 'agree'" not in out


def test_the_rename_is_refused_when_the_file_changed_after_the_check(tmp_path: Path) -> None:
    target = tmp_path / "m.yaml"
    target.write_bytes(b"edited by someone else\n")
    with pytest.raises(OutputError, match="changed since it was read"):
        replace_file(str(target), b"fixed\n", expected=b"what fix read\n")
    assert target.read_bytes() == b"edited by someone else\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]  # no temporary file left


def test_fix_leaves_a_read_only_map_and_counts_only_what_it_wrote(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    target = corpus / "base.yaml"
    broken = BASE_MAP.replace("stance: agree", "stance: agre")
    target.write_text(broken)
    target.chmod(0o444)
    try:
        code, out, err = invoke("fix", str(corpus))
    finally:
        target.chmod(0o644)
    assert target.read_text() == broken
    assert "read-only" in err and "Fixed 0 in 0 files" in err and code == 1 and not out


def test_fix_keeps_an_anchor_or_a_tag_on_a_plain_value(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    for written in ("stance: &s agre", "stance: !!str agre"):
        text = BASE_MAP.replace("stance: agree", written)
        (corpus / "base.yaml").write_text(text)
        _, out, err = invoke("fix", str(corpus))
        assert (corpus / "base.yaml").read_text() == text, written  # left as it was: the edit would drop it
        assert "not where the parser says" in err and "-> 'agree'" not in out


def _tables(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_csv_export_never_follows_a_link_planted_in_the_folder(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    out = here / "out"
    assert invoke("export", str(corpus), "--to", "csv", "-o", str(out))[0] == 0
    before = _tables(out)
    outside = here / "precious.txt"
    outside.write_text("keep me\n")
    (out / "claims.csv").unlink()
    (out / "claims.csv").symlink_to(outside)
    code, _, err = invoke("export", str(corpus), "--to", "csv", "-o", str(out))
    assert code == 2 and "symbolic link" in err
    assert outside.read_text() == "keep me\n" and (out / "claims.csv").is_symlink()
    assert {k: v for k, v in _tables(out).items() if k != "claims.csv"} == {
        k: v for k, v in before.items() if k != "claims.csv"}


def test_a_refusal_or_failure_part_way_leaves_no_partial_export(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    out = here / "out"
    out.mkdir()
    (out / "positions.csv").mkdir()  # one table is in the way: nothing may be written, before it or after
    code, _, err = invoke("export", str(corpus), "--to", "csv", "-o", str(out))
    assert code == 2 and "not a regular file" in err
    assert [p.name for p in out.iterdir()] == ["positions.csv"]

    def fails(stream: TextIO) -> None:
        raise OSError(28, "No space left on device")

    from argmap.files.output import write_folder

    fresh = here / "fresh"
    with pytest.raises(OutputError, match="No space left"):
        write_folder(str(fresh), [("a.csv", lambda s: s.write("a\n")), ("b.csv", fails)])
    assert not fresh.exists() and [p.name for p in here.iterdir() if p.name.startswith(".argmap-")] == []
    existing = here / "existing"
    existing.mkdir()
    (existing / "a.csv").write_text("old\n")
    with pytest.raises(OutputError):
        write_folder(str(existing), [("a.csv", lambda s: s.write("new\n")), ("b.csv", fails)])
    assert _tables(existing) == {"a.csv": b"old\n"}


# -- false passes ---------------------------------------------------------------------------------------


def _server(root: Path):  # type: ignore[no-untyped-def]
    from lsprotocol import types
    from pygls.workspace import Workspace

    from argmap.interfaces.lsp.server import build as build_server

    server = build_server()
    server.protocol._workspace = Workspace(root.as_uri(), types.TextDocumentSyncKind.Incremental)
    return server


def _open(server, uri: str, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    from lsprotocol import types

    server.workspace.put_text_document(types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text))
    analysis = server.analysis(uri)
    assert analysis is not None, uri
    return [f.code for f in analysis.findings if f.code != "C010"]  # the base map records no basis


def test_the_language_server_checks_documents_with_escaped_and_odd_uris(here: Path) -> None:
    pytest.importorskip("pygls")
    corpus = here / "maps with space é"
    build(Case("base", {}), corpus)
    server = _server(here)
    target = corpus / "base.yaml"
    escaped = target.as_uri()
    assert "%20" in escaped and "%C3%A9" in escaped
    assert _open(server, escaped, BASE_MAP.replace("stance: agree", "stance: agre")) == ["S004"]
    for odd in (escaped.replace("/base.yaml", "/./base.yaml"), escaped.replace("file:///", "file:////")):
        assert "R003" not in _open(server, odd, BASE_MAP), odd  # not counted twice against itself


def test_a_lone_yaml_file_is_checked_alone_and_the_walk_is_bounded(here: Path) -> None:
    pytest.importorskip("pygls")
    from argmap.interfaces.lsp.workspace import Workspace, looks_like_corpus
    from argmap.model.corpus import discover

    loose = here / "notes"
    (loose / "deep").mkdir(parents=True)
    (loose / "deep" / "other.yaml").write_text("a: 1\n")
    assert not looks_like_corpus(str(loose), str(here))
    folder = Workspace(lambda: str(here)).folder(str(loose / "notes.yaml"))
    assert folder.files.maps == []  # nothing around it is listed, let alone the disk under it
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    assert Workspace(lambda: str(here)).folder(str(corpus / "base.yaml")).files.maps
    many = here / "many"
    many.mkdir()
    for i in range(30):
        (many / f"m{i}.yaml").write_text("a: 1\n")
        (many / f"d{i}").mkdir()
    found = discover([str(many)], max_entries=10)
    assert len(found.maps) <= 30 and any("stopped listing" in f.message for f in found.findings)


def _signed_entries(root: Path) -> list[Path]:
    return sorted((root / ".argmap_cache").glob(f"*/{cache_module.INDEX}"))


def test_a_planted_cache_entry_is_not_trusted(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry signed by another key (committed, planted, another user's) is a miss: the broken map fails."""
    corpus = here / "corpus"
    build(Case("base", {"bad.yaml": map_text("bad-map", stance="agreee")}), corpus)
    fresh = invoke("check", str(corpus), "--no-cache")
    assert fresh[0] == 1 and "S004" in fresh[1]
    monkeypatch.setenv("XDG_CACHE_HOME", str(here / "attacker"))
    assert invoke("check", str(corpus))[:2] == fresh[:2]
    attacker = cache_module.user_key()
    assert attacker is not None
    for entry in _signed_entries(here):  # the attacker's entries now say "no findings"
        index = marshal.loads(entry.read_bytes()[cache_module.MAC_HEX + 1:])
        records = (entry.parent / cache_module.RECORDS).read_bytes()
        for row in index["maps"].values():  # the rows, and the whole records they name
            offset, length, _ = row[cache_module.REF]
            record = marshal.loads(records[offset:offset + length])
            record["result"]["findings"] = row[cache_module.FINDINGS] = []
            blob = marshal.dumps(record)
            row[cache_module.REF] = [len(records), len(blob), cache_module._ref_digest(blob)]
            records += blob
        (entry.parent / cache_module.RECORDS).write_bytes(records)
        data = marshal.dumps(index)
        entry.write_bytes(cache_module._mac(attacker, str(entry), data) + b"\n" + data)
    assert invoke("check", str(corpus))[0] == 0  # the attacker's own key accepts them, as it should
    monkeypatch.setenv("XDG_CACHE_HOME", str(here / "victim"))
    assert invoke("check", str(corpus))[:2] == fresh[:2]


def test_a_key_file_others_can_read_or_replace_disables_the_cache(here: Path) -> None:
    assert cache_module.user_key() is not None
    key = Path(cache_module.key_path())
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key.chmod(0o644)
    assert cache_module.user_key() is None
    key.chmod(0o600)
    key.write_bytes(b"short")
    assert cache_module.user_key() is None


def test_an_article_edited_in_place_with_its_mtime_restored_is_checked_again(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "STAT_MARGIN_NS", 0)  # the ctime alone must tell
    corpus = here / "corpus"
    sources = build(Case("base", {}), corpus)
    args = ("check", str(corpus), "--sources", str(sources))
    assert invoke(*args)[0] == 0
    article = sources / "base.txt"
    before = article.stat()
    edited = SOURCE_TEXT.replace("The thesis holds.", "The thesis fails.")
    assert len(edited) == len(SOURCE_TEXT)
    with open(article, "r+", encoding="utf-8") as handle:  # in place: same inode, same size
        handle.write(edited)
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert article.stat().st_mtime_ns == before.st_mtime_ns and article.stat().st_size == before.st_size
    code, out, _ = invoke(*args)
    assert code == 1 and "Q001" in out


def test_an_article_changed_just_before_the_check_is_never_trusted_by_its_state(here: Path) -> None:
    fresh = here / "a.txt"
    fresh.write_text("x")
    assert cache_module._article_state(str(fresh)) == cache_module.RACY
    old = here / "b.txt"
    old.write_text("x")
    os.utime(old, (time.time() - 10, time.time() - 10))
    # the ctime cannot be set back: only a real wait would make it old; what matters is that it is compared
    state = cache_module._article_state(str(old))
    assert state == cache_module.RACY or (isinstance(state, list) and old.stat().st_ctime_ns in state)


@pytest.mark.parametrize(("name", "content", "code"), [
    ("syntax.yaml", "# argmap: ignore-file[ALL] nothing to see\nargmap: 1\nid: [unclosed\n", "Y001"),
    ("empty.yaml", "# argmap: ignore-file[ALL] nothing to see\n", "Y003"),
    ("latin1.yaml", b"# argmap: ignore-file[ALL] nothing to see\nid: caf\xe9\n", "Y004"),
])
def test_ignore_file_all_cannot_hide_a_file_that_was_not_read(here: Path, name: str, content: str | bytes,
                                                              code: str) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    path = corpus / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    for fmt in ("text", "github"):
        status, out, _ = invoke("check", str(corpus), "-f", fmt, "--no-cache")
        assert status == 1 and code in out, (fmt, out)
    status, out, _ = invoke("check", str(corpus), "--no-cache", "--select", code)
    assert status == 1


def test_ignore_of_a_read_error_by_name_is_itself_an_error(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    (corpus / "broken.yaml").write_text("# argmap: ignore-file[Y001] it is fine\nid: [x\n")
    _, out, _ = invoke("check", str(corpus), "--no-cache")
    assert "Y001" in out and "X002" in out and "cannot suppress Y001" in out


def test_the_summary_says_what_was_suppressed(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    (corpus / "base.yaml").write_text("# argmap: ignore-file[S004] a stance label we accept here\n"
                                      + BASE_MAP.replace("stance: agree", "stance: agreee"))
    for fmt in ("text", "github"):
        status, out, _ = invoke("check", str(corpus), "-f", fmt, "--no-cache")
        assert status == 0 and "1 suppressed (--show-suppressed lists them)" in out, (fmt, out)


@pytest.mark.parametrize("reason", ["REASON", "reason", "TODO", "...", "FIXME."])
def test_a_placeholder_is_no_reason(reason: str) -> None:
    from argmap.model.suppress import scan

    _, problems = scan("m.yaml", f"id: x  # argmap: ignore[S004] {reason}\n")
    assert [p.code for p in problems] == ["X001"]


def test_the_suppression_quick_fix_never_lands_inside_a_string(here: Path) -> None:
    pytest.importorskip("pygls")
    import yaml

    from argmap.interfaces.lsp import actions
    from argmap.interfaces.lsp.diagnostics import analyse
    from argmap.interfaces.lsp.workspace import Folder

    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    text = BASE_MAP.replace('quote: "The thesis holds."', 'quote: "The thesis\n      holds, it is said."')
    assert text != BASE_MAP
    path = str(corpus / "base.yaml")
    analysis = analyse(path, "map", text, Folder(str(corpus)), lambda p: None)
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if 'quote: "The thesis' in line)
    assert actions.suppression(analysis, "Q001", start + 1) is None  # inside the string: no place for it
    fix = actions.suppression(analysis, "Q001", start)
    assert fix is not None and fix.span.char == 0 and fix.text.strip().startswith("# argmap: ignore[Q001] REASON")
    new = "\n".join([*lines[:start], fix.text.rstrip("\n"), *lines[start:]])
    assert yaml.safe_load(new) == yaml.safe_load(text)  # the quote is unchanged
    from argmap.model.suppress import scan

    found, problems = scan(path, new)
    assert found and found[0].line == start + 1 and found[0].alone  # covers the quote's line below it
    assert [p.code for p in problems] == ["X001"]  # REASON still has to be written


# -- crashes and memory ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "said"), [
    ("p af 99999999999\n", "at most 1,000,000"),
    ("p af \u00b2\n", "digits 0-9"),
    ("p af \u0663\n", "digits 0-9"),
    ("p af 2\n1 \u00b2\n", "two arguments"),
])
def test_an_iccma_header_is_never_trusted(here: Path, content: str, said: str) -> None:
    path = here / "f.af"
    path.write_text(content)
    started = time.perf_counter()
    code, _, err = invoke("evaluate", "--framework", str(path), "--framework-format", "iccma")
    assert code == 2 and said in err and time.perf_counter() - started < 5


@pytest.mark.parametrize("fmt", ["aif", "argdown"])
def test_deeply_nested_json_is_refused_before_parsing(here: Path, fmt: str) -> None:
    path = here / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    code, _, err = invoke("import", fmt, str(path), "-o", str(here / "out"))
    assert code == 2 and "nested deeper than" in err and not (here / "out").exists()


def test_links_write_with_links_yaml_a_directory_is_a_usage_error(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {"second.yaml": map_text("second-map", claim_text="First claim.")}), corpus)
    (corpus / "links.yaml").mkdir()
    code, _, err = invoke("links", "suggest", str(corpus), "--write")
    assert code == 2 and "links.yaml" in err and "internal error" not in err


def test_links_write_keeps_crlf_and_is_whole(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {"second.yaml": map_text("second-map", claim_text="First claim.")}), corpus)
    links = corpus / "links.yaml"
    links.write_bytes(b"argmap: 1\r\nlinks:\r\n")
    code, _, _ = invoke("links", "suggest", str(corpus), "--write", "--min-score", "0")
    data = links.read_bytes()
    if data != b"argmap: 1\r\nlinks:\r\n":  # something was suggested and appended
        assert code == 0 and b"\n" not in data.replace(b"\r\n", b"")
    assert [p.name for p in corpus.iterdir() if p.name.startswith(".argmap-")] == []


def test_a_huge_content_length_is_read_in_chunks_and_skipped() -> None:
    pytest.importorskip("pygls")
    from argmap.interfaces.lsp.server import MAX_MESSAGE, BoundedInput

    class Stream:
        def __init__(self) -> None:
            self.data = io.BytesIO(b"x" * 3_000_000)

        def read(self, n: int) -> bytes:
            assert n <= BoundedInput.CHUNK, n  # never one read of what a header claims
            return self.data.read(n)

        def readline(self, limit: int = -1) -> bytes:
            assert 0 < limit <= 64 * 1024
            return self.data.readline(limit)

    bounded = BoundedInput(Stream())
    assert bounded.read(999_999_999_999) == b""  # past the limit: drained to the end, the client is gone
    assert 999_999_999_999 > MAX_MESSAGE
    again = BoundedInput(Stream())
    assert again.read(2_500_000) == b"x" * 2_500_000
    assert len(again.readline()) == 64 * 1024  # a header line without end is read a bounded piece at a time


def test_check_with_its_output_closed_is_no_internal_error(tmp_path: Path) -> None:
    """Process-level: the shell's `>&-` leaves Python without sys.stdout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARGMAP_DEBUG": ""}
    done = subprocess.run(f"'{sys.executable}' -m argmap check '{ROOT / 'maps'}' >&-", shell=True, cwd=tmp_path,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    assert done.returncode in (0, 1) and "internal error" not in done.stderr and "Traceback" not in done.stderr


# -- hangs ----------------------------------------------------------------------------------------------


def _pairs(n: int):  # type: ignore[no-untyped-def]
    from argmap.analysis.links import evaluate as ev

    names = [str(i) for i in range(n)]
    attacks = [(str(i), str(i ^ 1)) for i in range(n)]
    return ev.from_attacks(names, attacks)


def test_evaluate_splits_mutual_attack_pairs_into_parts(here: Path) -> None:
    from argmap.analysis.links import evaluate as ev

    started = time.perf_counter()
    verdict = ev.evaluate(_pairs(4000))
    assert time.perf_counter() - started < 10
    assert verdict.finished and verdict.counts["preferred"] == 2 ** 2000 == verdict.counts["stable"]
    assert verdict.credulous["preferred"] == set(verdict.framework.argument_of)
    assert set(verdict.labels["preferred"].values()) == {ev.UNDEC}
    path = here / "pairs.af"
    path.write_text("p af 4000\n" + "".join(f"{i} {((i - 1) ^ 1) + 1}\n" for i in range(1, 4001)))
    code, out, _ = invoke("evaluate", "--framework", str(path))
    assert code == 0 and "about 10^602 extensions" in out


@pytest.mark.parametrize(("budget", "named"), [
    ({"seconds": 0.0}, "0 s"), ({"held": 1000}, "1,000 arguments held"), ({"steps": 500, "per_argument": 0}, "500 labelling steps")])
def test_the_search_stops_at_each_budget_and_says_which(budget: dict[str, float], named: str) -> None:
    from argmap.analysis.links import evaluate as ev
    from argmap.outputs.analysis.links_render import summary_line

    n = 3000  # one long cycle both ways: one part, and a search without end in sight
    framework = ev.from_attacks([str(i) for i in range(n)],
                                [(str(i), str((i + 1) % n)) for i in range(n)] + [(str((i + 1) % n), str(i)) for i in range(n)])
    started = time.perf_counter()
    verdict = ev.evaluate(framework, ev.Budget(**budget))  # type: ignore[arg-type]
    assert time.perf_counter() - started < 10
    assert not verdict.finished and named in verdict.stopped and named in summary_line(verdict)


def test_import_grows_linearly() -> None:
    from argmap.authoring.importers import aif
    from argmap.authoring.importers.builder import Ids, build_map

    def make(n: int):  # type: ignore[no-untyped-def]
        nodes = [{"nodeID": f"i{i}", "type": "I", "text": "the same words"} for i in range(n)]
        edges = []
        for i in range(n - 1):
            nodes.append({"nodeID": f"r{i}", "type": "RA" if i % 3 else "CA"})
            edges += [{"fromID": f"i{i + 1}", "toID": f"r{i}"}, {"fromID": f"r{i}", "toID": f"i{i}"}]
        data = {"nodes": nodes, "edges": edges}

        def work() -> None:
            draft = aif.read("x.json", data)
            build_map(draft, draft.maps[0], Ids())
        return work

    assert growth(make, 1000, repeats=2) <= LIMIT  # 1,000 nodes: tens of ms, where 500 took 8-16 ms


def test_import_is_written_whole_or_not_at_all(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    source = here / "g.json"
    source.write_text(json.dumps({"nodes": [{"nodeID": "1", "type": "I", "text": "A claim."}], "edges": []}))
    calls = []
    real = yaml.dump

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(yaml, "dump", full_disk)
    code, _, err = invoke("import", "aif", str(source), "-o", str(here / "out"))
    assert code == 2 and "No space left" in err and not (here / "out").exists()
    monkeypatch.setattr(yaml, "dump", real)
    assert invoke("import", "aif", str(source), "-o", str(here / "out"))[0] == 0  # a re-run is not refused


def test_an_argdown_cli_failure_says_what_it_printed(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = here / "argdown"
    fake.write_text("#!/bin/sh\necho 'Error: unexpected token at line 3' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ARGMAP_ARGDOWN", str(fake))
    source = here / "a.argdown"
    source.write_text("[a]: b\n")
    code, _, err = invoke("import", "argdown", str(source), "-o", str(here / "out"))
    assert code == 2 and "status 1" in err and "unexpected token at line 3" in err
    fake.write_text("#!/bin/sh\nexit 1\n")
    code, _, err = invoke("import", "argdown", str(source), "-o", str(here / "out"))
    assert code == 2 and "printed nothing" in err


# -- smaller --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [" =1+1", "\n=1+1", "\uff1d1+1", "\u200b=1+1", "\ufe62cmd", "\t=1", "@SUM(A1)"])
def test_excel_safe_guards_every_formula_start(text: str) -> None:
    from argmap.outputs.export.csv_export import cell

    assert cell(text, "text", excel_safe=True) == "'" + text
    assert cell(text, "text") == text


def test_install_completion_leaves_bashrc_alone_once_installed(tmp_path: Path) -> None:
    """Process-level: typer decides from the real process's argv and home."""
    (tmp_path / ".bashrc").write_text("alias ll='ls -l'\n")
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "argmap", "--install-completion", "bash"]
    subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)
    once = (tmp_path / ".bashrc").read_text()
    assert "source '" in once
    subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)
    assert (tmp_path / ".bashrc").read_text() == once


# -- what held, and must keep holding (those not held by a test elsewhere) --------------------------------


def test_the_cache_survives_a_full_disk(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = here / "corpus"
    build(Case("base", {"bad.yaml": map_text("bad-map", stance="agreee")}), corpus)
    fresh = invoke("check", str(corpus), "--no-cache")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)  # what the cache renames its entries with
    assert invoke("check", str(corpus))[:2] == fresh[:2]
    assert not list((here / ".argmap_cache").glob("*/*.tmp"))


def test_sqlite_export_refuses_an_input(here: Path) -> None:
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    before = (corpus / "base.yaml").read_bytes()
    code, _, err = invoke("export", str(corpus), "--to", "sqlite", "-o", str(corpus / "base.yaml"))
    assert code == 2 and "input" in err and (corpus / "base.yaml").read_bytes() == before


def test_parquet_export_never_follows_a_link_planted_in_the_folder(here: Path) -> None:
    pytest.importorskip("pyarrow")
    corpus = here / "corpus"
    build(Case("base", {}), corpus)
    out = here / "out"
    out.mkdir()
    outside = here / "precious.txt"
    outside.write_text("keep me\n")
    (out / "maps.parquet").symlink_to(outside)
    code, _, err = invoke("export", str(corpus), "--to", "parquet", "-o", str(out))
    assert code == 2 and "symbolic link" in err and outside.read_text() == "keep me\n"
    assert [p.name for p in out.iterdir()] == ["maps.parquet"]


def test_a_folder_becomes_a_corpus_once_it_looks_like_one(here: Path) -> None:
    pytest.importorskip("pygls")
    from argmap.interfaces.lsp.workspace import Workspace

    folder = Workspace(lambda: str(here)).folder(str(here / "m.yaml"))
    (here / "other.yaml").write_text("a: 1\n")
    assert not folder.corpus and folder.files.maps == []
    (here / "agents.yaml").write_text("argmap: 1\nagents: []\n")
    folder.refresh()
    assert folder.corpus and folder.files.maps
