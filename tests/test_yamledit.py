"""The one YAML editor (issue 23): edits as ranges of the text, every other character kept, and hostile
texts (tabs, CRLF, a byte order mark, flow style, comments, anchors, several documents, no final line end)
refused with EditError or edited correctly, never a traceback nor lost data."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.syntax import yamledit
from argmap.syntax.yamledit import Edit, EditError, Source
from argmap.syntax.yamlsource import Limits, parse
from tests.profiles import scaled


def data(text: str) -> object:
    doc, _ = parse(text, "t", Limits())
    assert doc is not None, text
    return doc.data


def link(source: str) -> Callable[[str, str], str]:
    return lambda dash, inner: yamledit.mapping_item(dash, inner, [f"from: {source}", "to: b#c", "relation: same"])


# -- ranges, offsets, line ends --------------------------------------------------------------------


def test_apply_makes_every_edit_and_refuses_overlaps() -> None:
    assert yamledit.apply("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A"), Edit(2, 2, "x"), Edit(2, 2, "y")]) == "AbxycdEf"
    with pytest.raises(ValueError):
        yamledit.apply("abcdef", [Edit(0, 3, ""), Edit(2, 4, "")])
    with pytest.raises(ValueError):
        yamledit.apply("abc", [Edit(2, 9, "")])


@pytest.mark.parametrize("text", ["a\nb\n", "a\r\nb\r\n", "a\rb", "\ufeffa: b\n", "", "no end"])
def test_position_and_offset_agree(text: str) -> None:
    for at in range(len(text) + 1):
        if text[at - 1:at + 1] == "\r\n":
            continue  # between the two characters of one line end: no position of its own
        assert yamledit.offset(text, *yamledit.position(text, at)) == at


@given(st.text(alphabet=st.sampled_from("ab \t\r\n\u2028é😀"), max_size=40), st.data())
@scaled(1)
def test_offsets_round_trip(text: str, draw: st.DataObject) -> None:
    at = draw.draw(st.integers(0, len(text)))
    if text[at - 1:at + 1] != "\r\n" or at == 0:
        assert yamledit.offset(text, *yamledit.position(text, at)) == at


# -- a scalar in its own style -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "new", "expected"), [
    ("k: agree\n", "disagree", "k: disagree\n"),
    ("k: 'agree'\n", "it's", "k: 'it''s'\n"),
    ('k: "agree"\n', 'say "x"', 'k: "say \\"x\\""\n'),
    ("\ufeffk: agree  # a comment\r\n", "disagree", "\ufeffk: disagree  # a comment\r\n"),
    ("k: agree", "disagree", "k: disagree"),
    ("a: {k: agree, b: 1}\n", "disagree", "a: {k: disagree, b: 1}\n"),
])
def test_a_scalar_is_rewritten_in_its_own_style(text: str, new: str, expected: str) -> None:
    source = Source(text)
    path = ("a", "k") if text.startswith("a:") else ("k",)
    edit = source.replace_scalar(path, False, "agree", new)
    assert yamledit.apply(text, [edit]) == expected


@pytest.mark.parametrize(("text", "path", "new", "why"), [
    ("a: &x agree\nb: *x\n", ("a",), "disagree", "alias"),
    ("a: !!str agree\n", ("a",), "disagree", "tag or anchor"),
    ("a: [agree, b]\n", ("a", 0), "x, y", "plain style"),  # a comma would split the flow list
    ("a: |\n  agree\n", ("a",), "x", "spans lines"),
    ("a: agree\n", ("a",), "two\nlines", "plain style"),
    ("a: agree\n", ("a",), "yes", "plain style"),  # would read back as a boolean
])
def test_a_scalar_that_cannot_be_rewritten_safely_is_refused(text: str, path: tuple[str | int, ...], new: str,
                                                              why: str) -> None:
    with pytest.raises(EditError, match=why):
        Source(text).replace_scalar(path, False, "agree", new)


@given(st.text(max_size=30), st.sampled_from(["", "'", '"']), st.text(max_size=30))
@scaled(2)
def test_a_rewritten_scalar_reads_back_as_the_new_text_and_nothing_else_moves(old: str, style: str, new: str) -> None:
    written = yamledit.scalar(old, style) if style else yamledit.quoted(old)
    if written is None:
        return
    text = f"# head\nfirst: 1\nkey: {written}  # why\nlast: [x, y]\n"
    try:
        source = Source(text)
    except EditError:
        return
    if source.data.get("key") != old:
        return
    try:
        edit = source.replace_scalar(("key",), False, old, new)
    except EditError:
        return
    after = yamledit.apply(text, [edit])
    assert yamledit.same(data(after), {"first": 1, "key": new, "last": ["x", "y"]})
    assert after.startswith("# head\nfirst: 1\nkey: ") and after.endswith("  # why\nlast: [x, y]\n")


@given(st.text(max_size=60))
@scaled(1)
def test_quoted_reads_back_as_any_text(value: str) -> None:
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return  # lone surrogates are no text a file can hold
    assert data(f"k: {yamledit.quoted(value)}\n") == {"k": value}


def test_a_whole_value_is_replaced_without_its_line_end() -> None:
    text = "a:\n  quote: |\n    two\n    lines\nb: 1\n"
    edit = Source(text).replace_value(("a", "quote"), '"one"')
    assert yamledit.apply(text, [edit]) == 'a:\n  quote: "one"\nb: 1\n'


# -- items added to a list ---------------------------------------------------------------------------


LINKS = "argmap: 1\nlinks:\n  - from: a#b\n    to: c#d\n    relation: same\n"


@pytest.mark.parametrize("text", [
    LINKS, LINKS.rstrip("\n"), LINKS.replace("\n", "\r\n"), "\ufeff" + LINKS, LINKS + "# the end\n\n",
    LINKS.replace("  - from", "- from").replace("    to", "  to").replace("    rel", "  rel"),
    LINKS.replace("- from: a#b", "-   from: a#b").replace("    to", "      to").replace("    rel", "      rel"),
])
def test_items_are_appended_at_the_end_in_the_lists_own_indentation(text: str) -> None:
    edit = Source(text).append("links", [link("x#y"), link("z#w")], at_end=True)
    after = yamledit.apply(text, [edit])
    assert after.startswith(text)
    links = data(after)["links"]  # type: ignore[index]
    assert [item["from"] for item in links] == ["a#b", "x#y", "z#w"]
    if "\r\n" in text:
        assert "\n" not in after.replace("\r\n", "")


@pytest.mark.parametrize(("text", "why"), [
    ("argmap: 1\nlinks: [{from: a#b, to: c#d, relation: same}]\n", "not a block list"),
    ("argmap: 1\nlinks: []\n", "not a block list"),
    ("links:\n  - from: a#b\nargmap: 1\n", "would not read"),  # not the last block
    ("{argmap: 1, links: []}\n", "not a block mapping"),
    ("- a\n- b\n", "not a block mapping"),
    ("links:\n  - a\n---\nlinks:\n  - b\n", "more than one YAML document"),
    ("links:\n\t- a\n", "does not parse"),
    ("", "does not parse"),
])
def test_a_list_that_cannot_take_items_at_the_end_is_refused(text: str, why: str) -> None:
    with pytest.raises(EditError, match=why):
        Source(text).append("links", [link("x#y")], at_end=True)


EVIDENCE = "id: m\nevidence:\n  - id: e1\n    quote: One.\n\n  - id: e2\n    quote: Two.\n# trailing comment\nother: 1\n"


@pytest.mark.parametrize(("text", "expected"), [
    (EVIDENCE, "id: m\nevidence:\n  - id: e1\n    quote: One.\n\n  - id: e2\n    quote: Two.\n\n"
               "  - from: x#y\n    to: b#c\n    relation: same\n# trailing comment\nother: 1\n"),
    ("id: m\nevidence: []  # none yet\nother: 1\n",
     "id: m\nevidence: # none yet\n  - from: x#y\n    to: b#c\n    relation: same\nother: 1\n"),
    ("id: m\nevidence:\nother: 1\n", "id: m\nevidence:\n  - from: x#y\n    to: b#c\n    relation: same\nother: 1\n"),
    ("id: m", "id: m\n\nevidence:\n  - from: x#y\n    to: b#c\n    relation: same\n"),
])
def test_items_go_after_the_lists_last_item(text: str, expected: str) -> None:
    edit = Source(text).append("evidence", [link("x#y")])
    assert yamledit.apply(text, [edit]) == expected


_WORDS = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=12)


@st.composite
def registries(draw: st.DrawFn) -> tuple[str, int]:
    """A links.yaml as people write them: any indentation, comments, blank lines, quoting, line ends."""
    dash = " " * draw(st.integers(0, 3))
    gap = " " * draw(st.integers(1, 3))
    inner = dash + " " + gap
    items = draw(st.lists(st.tuples(_WORDS, st.booleans(), st.booleans()), min_size=1, max_size=4))
    lines = [draw(st.sampled_from(["", "# links\n", "# yaml-language-server: $schema=x\n"])) + "argmap: 1", "links:"]
    for value, blank, comment in items:
        lines += [""] * blank + [f"{dash}-{gap}from: {yamledit.quoted(value)}" + ("  # c" if comment else ""),
                                 f"{inner}relation: same"]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    text = ending.join(lines) + draw(st.sampled_from(["", ending, ending + "# end" + ending, ending * 2]))
    return draw(st.sampled_from(["", "\ufeff"])) + text, len(items)


@given(registries(), st.integers(1, 3), st.booleans())
@scaled(2)
def test_appended_items_read_back_after_the_old_ones(case: tuple[str, int], count: int, at_end: bool) -> None:
    text, old = case
    source = Source(text)
    edit = source.append("links", [link(f"n{i}#x") for i in range(count)], at_end=at_end)
    after = yamledit.apply(text, [edit])
    links = data(after)["links"]  # type: ignore[index]
    assert links[:old] == source.data["links"] and [item["from"] for item in links[old:]] == [f"n{i}#x" for i in range(count)]
    if at_end:
        assert after.startswith(text)
    assert yamledit.apply(after, [Edit(edit.start, edit.start + len(edit.text), "")]) == text  # nothing else moved


@given(st.lists(st.sampled_from([*"ab:- #\t\r\n[]{}&*!|>'\"\ufeff%@`,?", "---\n", "links:\n  - x\n", "\n  - "]),
                max_size=40).map("".join))
@scaled(3)
def test_any_text_is_edited_or_refused_never_a_traceback(text: str) -> None:
    try:
        source = Source(text)
    except EditError:
        return
    for at_end in (True, False):
        try:
            edit = source.append("links", [link("x#y")], at_end=at_end)
        except EditError:
            continue
        after = yamledit.apply(text, [edit])
        links = data(after)["links"]  # type: ignore[index]
        assert links[-1] == {"from": "x#y", "to": "b#c", "relation": "same"}
    for path, found in source._scalar_nodes().items():
        if found is None or not isinstance(found[0].value, str):
            continue
        try:
            edit = source.replace_scalar(path[0], path[1], found[0].value, "new-word")
        except EditError:
            continue
        value: object = data(yamledit.apply(text, [edit]))
        for part in path[0] if not path[1] else ():
            value = value[part]  # type: ignore[index]
        assert path[1] or value == "new-word"


# -- one editor, one atomic writer -----------------------------------------------------------------------


def test_every_in_place_edit_goes_through_the_editor_and_every_file_through_one_writer() -> None:
    from argmap.authoring import agents_file
    from argmap.authoring.importers import hypothesis
    from argmap.checks import fix
    from argmap.files import cachefiles, output
    from argmap.interfaces.commands import links
    from argmap.interfaces.lsp import actions

    for module in (fix, hypothesis, actions, agents_file, links):
        source = inspect.getsource(module)
        assert "yamledit" in source
        assert "yaml.compose(" not in source and "start_mark.index" not in source and "end_mark.index" not in source
    for module in (cachefiles, output, agents_file):
        assert "os.replace(" not in inspect.getsource(module).replace("os.replace(os.path.join(guard.temp", "")
    assert "atomicfile.write(" in inspect.getsource(cachefiles) and "atomicfile.write(" in inspect.getsource(output)


# -- the quick fixes are the editor's edits ----------------------------------------------------------------


def _analysis(tmp_path: object, agents: bytes) -> tuple[object, str]:
    import os
    import shutil
    from pathlib import Path

    pytest.importorskip("pygls")
    from argmap.interfaces.lsp.diagnostics import analyse
    from argmap.interfaces.lsp.workspace import Folder

    corpus = Path(str(tmp_path)) / "maps"
    shutil.copytree(Path(__file__).parent / "brief" / "corpus", corpus)
    (corpus / "agents.yaml").write_bytes(agents)
    path = str(corpus / "ben-2021-programs.yaml")
    text = Path(path).read_text(encoding="utf-8")
    return analyse(path, "map", text, Folder(os.path.abspath(corpus)), lambda _p: None), str(corpus / "agents.yaml")


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_the_add_agent_quick_fix_is_an_edit_at_the_end_in_the_files_line_ends(tmp_path: object, ending: str) -> None:
    from argmap.interfaces.lsp import actions

    agents = f"\ufeffargmap: 1{ending}agents:{ending}  - id: ana-antal{ending}    name: Ana Antal".encode()
    analysis, path = _analysis(tmp_path, agents)
    fix = actions.add_agent(analysis, "agent 'jane-roe' is not in the agents registry", lambda _p: None)  # type: ignore[arg-type]
    assert fix is not None and fix.path == path
    text = agents.decode("utf-8-sig")
    assert (fix.span.line, fix.span.char) == (fix.span.end_line, fix.span.end_char) == (3, len("    name: Ana Antal"))
    assert fix.text == f"{ending}  - id: jane-roe{ending}    name: Jane Roe{ending}"
    assert data(text + fix.text) == {"argmap": 1, "agents": [{"id": "ana-antal", "name": "Ana Antal"},
                                                             {"id": "jane-roe", "name": "Jane Roe"}]}


def test_no_add_agent_quick_fix_where_the_list_is_not_the_last_block(tmp_path: object) -> None:
    from argmap.interfaces.lsp import actions

    analysis, _ = _analysis(tmp_path, b"agents:\n  - id: ana-antal\n    name: Ana Antal\nargmap: 1\n")
    assert actions.add_agent(analysis, "agent 'jane-roe' is not in the agents registry", lambda _p: None) is None  # type: ignore[arg-type]


def test_a_fix_is_an_edit_as_lsp_ranges_it() -> None:
    from argmap.interfaces.lsp import actions

    text = "a: 1\r\nb: \u00e9t\u00e9\r\n"
    at = text.index("t\u00e9")
    fix = actions.Fix.of("t", "p", text, Edit(at, at + 2, "x"))
    assert (fix.span.line, fix.span.char, fix.span.end_line, fix.span.end_char, fix.text) == (1, 4, 1, 6, "x")


def test_links_suggest_write_keeps_a_crlf_links_yaml_with_a_bom_and_no_final_line_end(tmp_path: object) -> None:
    import shutil
    from pathlib import Path

    from typer.testing import CliRunner

    from argmap.interfaces.cli import app

    corpus = Path(str(tmp_path)) / "maps"
    shutil.copytree(Path(__file__).parent / "brief" / "corpus", corpus)
    before = b"\xef\xbb\xbf" + (corpus / "links.yaml").read_bytes().rstrip(b"\n").replace(b"\n", b"\r\n")
    (corpus / "links.yaml").write_bytes(before)
    result = CliRunner().invoke(app, ["links", "suggest", str(corpus), "-n", "2", "--write"])
    assert result.exit_code == 0, result.output
    after = (corpus / "links.yaml").read_bytes()
    assert after.startswith(before) and after.count(b"# suggested") == 2
    assert b"\n" not in after.replace(b"\r\n", b"") and after.endswith(b"\r\n")
    old, new = data(before.decode("utf-8-sig")), data(after.decode("utf-8-sig"))
    assert new["links"][:len(old["links"])] == old["links"] and len(new["links"]) == len(old["links"]) + 2  # type: ignore[index]
