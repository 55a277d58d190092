"""Hostile and broken inputs, generated into a directory: big and binary cases are never committed.

A case is a small valid corpus (two registries, one map, one article text) plus one hostile file or
change. `build(case, directory)` writes it; `EXPECT` says which finding `argmap check` must report.
`invocations()` says how to run every registered command against such a corpus, so a command added
later is exercised too (known commands by a table, unknown ones by looking at their parameters).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

AGENTS = """\
argmap: 1
agents:
  - id: ann-author
    name: Ann Author
  - id: bob-quoted
    name: Bob Quoted
    aliases: [Robert Quoted]
"""

QUESTIONS = """\
argmap: 1
questions:
  - id: q-one
    proposition: The first question.
    excludes: [q-two]
  - id: q-two
    proposition: The second question.
"""

SOURCE_TEXT = """\
A test article about nothing in particular.

The author writes: “The thesis holds.” And then
some more text follows, with a line break in the middle of a sentence.

Bob, asked about it, said: "Bob says no." He did not explain.
"""


def map_text(map_id: str = "base-map", *, title: str = "A test article", claim_text: str = "First claim.",
             quote: str = '"The thesis holds."', note: str = "", source_text: str = "base.txt",
             extra_claims: str = "", extra_evidence: str = "", stance: str = "agree") -> str:
    """A valid map (every check passes against the base registries and sources), with hooks for damage."""
    note_line = f"    note: {note}\n" if note else ""
    return f"""\
argmap: 1
id: {map_id}
source:
  title: {title}
  authors: [ann-author]
  outlet: unknown
  date: 2021-09
  text: {source_text}
agents: [bob-quoted]
thesis:
  id: thesis
  text: The thesis.
  by: author
claims:
  - id: c1
    text: {claim_text}
    by: author
    supports: [thesis]
{note_line}  - id: c2
    text: Bob's claim.
    by: bob-quoted
    attacks: [thesis]
{extra_claims}evidence:
  - id: e1
    quote: {quote}
    speaker: author
    grounds: [thesis, c1]
  - id: e2
    quote: "Bob says no."
    speaker: bob-quoted
    grounds: [c2]
{extra_evidence}positions:
  - agent: author
    question: q-one
    stance: {stance}
    grounds: [thesis]
  - agent: bob-quoted
    question: q-one
    stance: -1
    grounds: [c2]
"""


BASE_MAP = map_text()


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise ValueError(needle)


# -- the hostile files ---------------------------------------------------------------------------------


def alias_bomb(levels: int = 10, width: int = 9) -> str:
    """'Billion laughs': each level an anchored list of `width` aliases of the one before."""
    lines = ["argmap: 1", "id: bomb", 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        items = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{items}]")
    return "\n".join(lines) + "\n"


BOMB = alias_bomb()
DEEP_INDENT = "argmap: 1\nid: deep\nnotes:\n" + "".join("  " * (i + 1) + "-\n" for i in range(3000))
TEN_THOUSAND = map_text("ten-thousand-claims", extra_claims="".join(
    f"  - id: claim-{i}\n    text: Claim number {i} of many.\n    by: author\n    supports: [c1]\n"
    for i in range(10_000)
), extra_evidence="".join(
    f'  - id: ev-{i}\n    quote: "The thesis holds."\n    speaker: author\n    grounds: [claim-{i}]\n'
    for i in range(10_000)
))
HOSTILE_TEXT = "[bold red]RED[/bold red] [link=file:///etc/passwd]x[/link] \\e[2J\\e]0;pwned\\a \\x9b31m \\u202etxet \\u2028next"
MARKUP_MAP = map_text(
    "markup-map",
    title='"[bold red]Title[/] \\e[31mred\\e[0m"',
    claim_text=f'"{HOSTILE_TEXT}"',
    note='"\\e[8mhidden\\e[0m [blink]x[/blink] \\x07 \\x00 \\x7f"',
)
MARKUP_AGENTS = AGENTS + '  - id: eve-evil\n    name: "[bold red]Eve[/] \\e[2J\\e[31mEvil\\a"\n'
MARKUP_QUESTIONS = QUESTIONS + '  - id: q-evil\n    proposition: "[bold]Is \\e[5mthis\\e[0m safe?[/bold] \\u202e"\n'
MARKUP_MAP_EVE = map_text("eve-map", extra_claims=(
    '  - id: eve-claim\n    text: "[red]Eve says[/red] \\e[2K"\n    by: eve-evil\n    supports: [thesis]\n'
)).replace("agents: [bob-quoted]", "agents: [bob-quoted, eve-evil]") + (
    "  - agent: eve-evil\n    question: q-evil\n    stance: 2\n    grounds: [eve-claim]\n"
    '    note: "\\e]8;;http://evil.invalid\\e\\\\link\\e]8;;\\e\\\\ [italic]x[/italic]"\n'
)


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes | Callable[[Path], None]]  # relative path -> content or a writer
    code: str | None = None  # the finding `argmap check` must report (None: no Y00x finding at all)
    file: str = ""  # the file it is in
    line: int | None = None  # its line, when there is one (0: the whole file)
    exit_codes: tuple[int, ...] = (0, 1)
    heavy: bool = False  # big or slow: only `check` runs it (plus one subprocess run)
    check_args: tuple[str, ...] = ()
    replace_registries: dict[str, str] = field(default_factory=dict)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dangling(path: Path) -> None:
    os.symlink("no-such-target.yaml", path)


def _loop(path: Path) -> None:
    path.mkdir()
    os.symlink("..", path / "back-up")
    os.symlink(".", path / "self")


def _dir_named_yaml(path: Path) -> None:
    path.mkdir()


def _big(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("argmap: 1\nid: big\nnotes: |\n")
            row = "  " + "x" * 97 + "\n"
            handle.write(row * (size // len(row) + 1))

    return write


def _huge_numbers() -> str:
    return (BASE_MAP.replace("argmap: 1", "argmap: " + "9" * 5000)
            .replace("date: 2021-09", "date: 99999999999999999999999999")
            .replace("stance: agree", "stance: 1e999999"))


CRLF = map_text("crlf-map", claim_text="Lines end in CR LF.").replace("\n", "\r\n")
BOM = "\ufeff" + map_text("bom-map")
TABS = BASE_MAP.replace("    text: First claim.", "\ttext: First claim.")
DUPLICATE = BASE_MAP.replace("  outlet: unknown\n", "  outlet: unknown\n  outlet: again\n")
INVALID_UTF8 = BASE_MAP.encode().replace(b"First claim.", b"First \xff\xfe claim.")
PYTHON_TAG = BASE_MAP.replace("    text: First claim.", '    text: !!python/object/apply:os.system ["echo pwned > pwned"]')
PYTHON_NAME = BASE_MAP.replace("  outlet: unknown", "  outlet: !!python/name:os.system")
CUSTOM_TAG = BASE_MAP.replace("  outlet: unknown", "  outlet: !include /etc/passwd")
ESCAPE_SOURCE = map_text("escape-source", source_text="../../../../etc/passwd")
ABSOLUTE_SOURCE = map_text("absolute-source", source_text="/etc/passwd")
ESCAPE_ID = map_text("../../escape").replace("id: ../../escape", 'id: "../../../tmp/escape"')

CASES: list[Case] = [
    Case("alias-bomb", {"bomb.yaml": BOMB}, "Y007", "bomb.yaml", line_of(BOMB, "l6:")),
    Case("deep-flow", {"deep.yaml": "[" * 200_000 + "]" * 200_000}, "Y007", "deep.yaml", 1),
    Case("deep-braces", {"deep.yaml": "argmap: 1\nid: " + "{a: " * 100_000 + "}" * 100_000 + "\n"},
         "Y007", "deep.yaml", 2),
    Case("deep-dashes", {"deep.yaml": "- " * 50_000 + "x\n"}, "Y007", "deep.yaml", 1),
    Case("deep-indent", {"deep.yaml": DEEP_INDENT}, "Y007", "deep.yaml", 67),
    Case("fifty-megabytes", {"big.yaml": _big(50_000_000)}, "Y007", "big.yaml", 0, heavy=True),
    Case("binary", {"binary.yaml": bytes(range(256)) * 64}, "Y004", "binary.yaml", 2),
    Case("png-named-yaml", {"image.yaml": b"\x89PNG\r\n\x1a\n" + bytes(200)}, "Y004", "image.yaml", 1),
    Case("invalid-utf8", {"bad.yaml": INVALID_UTF8}, "Y004", "bad.yaml", line_of(BASE_MAP, "First claim.")),
    Case("utf16", {"utf16.yaml": BASE_MAP.encode("utf-16")}, "Y004", "utf16.yaml", 1),
    Case("bom", {"bom.yaml": BOM}, None),
    Case("crlf", {"crlf.yaml": CRLF}, None),
    Case("cr-only", {"cr.yaml": map_text("cr-map").replace("\n", "\r")}, None),
    Case("tabs", {"tabs.yaml": TABS}, "Y001", "tabs.yaml", line_of(TABS, "\ttext")),
    Case("python-object", {"tag.yaml": PYTHON_TAG}, "Y006", "tag.yaml", line_of(PYTHON_TAG, "python/object")),
    Case("python-name", {"tag.yaml": PYTHON_NAME}, "Y006", "tag.yaml", line_of(PYTHON_NAME, "python/name")),
    Case("custom-tag", {"tag.yaml": CUSTOM_TAG}, "Y006", "tag.yaml", line_of(CUSTOM_TAG, "!include")),
    Case("binary-tag", {"tag.yaml": BASE_MAP.replace("  outlet: unknown", "  outlet: !!binary aGVsbG8=")},
         "Y006", "tag.yaml", 6),
    Case("huge-numbers", {"numbers.yaml": _huge_numbers()}, "S007", "numbers.yaml", 1),
    Case("huge-stance", {"numbers.yaml": _huge_numbers()}, "S004", "numbers.yaml",
         line_of(_huge_numbers(), "1e999999")),
    Case("nan-stance", {"nan.yaml": map_text("nan-map", stance=".nan")}, "S004", "nan.yaml",
         line_of(map_text(stance=".nan"), ".nan")),
    Case("duplicate-keys", {"dup.yaml": DUPLICATE}, "Y002", "dup.yaml", line_of(DUPLICATE, "outlet: again")),
    Case("ten-thousand-claims", {"many.yaml": TEN_THOUSAND}, None, heavy=True),
    Case("symlink-loop", {"loop": _loop}, "Y008", "loop/back-up", 0),
    Case("dangling-symlink", {"gone.yaml": _dangling}, "Y008", "gone.yaml", 0),
    Case("fifo", {"fifo.yaml": _fifo}, "Y008", "fifo.yaml", 0),
    Case("directory-named-yaml", {"folder.yaml": _dir_named_yaml}, None),
    Case("source-escapes", {"escape.yaml": ESCAPE_SOURCE}, "Q004", "escape.yaml",
         line_of(ESCAPE_SOURCE, "etc/passwd"), check_args=("--sources", "{sources}")),
    Case("source-absolute", {"absolute.yaml": ABSOLUTE_SOURCE}, "Q004", "absolute.yaml",
         line_of(ABSOLUTE_SOURCE, "etc/passwd"), check_args=("--sources", "{sources}")),
    Case("id-escapes", {"escape-id.yaml": ESCAPE_ID}, "S006", "escape-id.yaml", 2),
    Case("markup-and-escapes", {"markup.yaml": MARKUP_MAP, "eve.yaml": MARKUP_MAP_EVE}, None,
         replace_registries={"agents.yaml": MARKUP_AGENTS, "questions.yaml": MARKUP_QUESTIONS}),
    Case("markup-in-ids", {"ids.yaml": map_text('"[bold red]x\\e[31m"')}, "S006", "ids.yaml", 2),
    Case("control-characters-raw", {"ctrl.yaml": BASE_MAP.replace("First claim.", "First \x1b[31m\x07 claim.")},
         "Y001", "ctrl.yaml", line_of(BASE_MAP, "First claim.")),
    Case("nul-bytes", {"nul.yaml": BASE_MAP.replace("First claim.", "First\x00claim.")}, "Y001", "nul.yaml",
         line_of(BASE_MAP, "First claim.")),
    Case("lone-surrogate", {"sur.yaml": BASE_MAP.replace("First claim.", '"First \\ud800 claim."')},
         "Y001", "sur.yaml", line_of(BASE_MAP, "First claim.")),
    Case("empty", {"empty.yaml": ""}, "Y003", "empty.yaml", 0),
    Case("only-comments", {"comments.yaml": "# nothing\n# here\n"}, "Y003", "comments.yaml", 0),
    Case("two-documents", {"two.yaml": BASE_MAP + "---\n" + BASE_MAP}, "Y005", "two.yaml"),
    Case("top-level-list", {"list.yaml": "- a\n- b\n"}, "Y005", "list.yaml", 1),
    Case("top-level-scalar", {"scalar.yaml": "just text\n"}, "Y005", "scalar.yaml", 1),
    Case("complex-key", {"key.yaml": "argmap: 1\n? [a, b]\n: c\n"}, "Y005", "key.yaml", 2),
    Case("unclosed-quote", {"quote.yaml": BASE_MAP.replace('"Bob says no."', '"Bob says no.')}, "Y001",
         "quote.yaml"),
    Case("long-line", {"long.yaml": map_text("long-line", claim_text="word " * 200_000)}, None),
    Case("wrong-types-everywhere", {"types.yaml": "argmap: 1\nid: [1]\nsource: 3\nthesis: []\nclaims: {a: b}\n"
                                    "evidence: 7\npositions: [1, [2], {agent: {x: y}, stance: [], grounds: 5}]\n"},
         "S002", "types.yaml", 2),
    Case("merge-keys", {"merge.yaml": "argmap: 1\nid: merge\nbase: &b {title: t}\nsource:\n  <<: *b\n"}, "S003",
         "merge.yaml"),
    Case("registry-garbage", {}, "Y005", "agents.yaml", 1,
         replace_registries={"agents.yaml": "- not\n- a\n- registry\n"}),
    Case("registry-control-characters", {}, "Y001", "questions.yaml", 1,
         replace_registries={"questions.yaml": "\x00\x01\x02"}),
]

if os.geteuid() != 0:  # root reads any file whatever its mode: the dangling symlink and fifo cover root
    def _unreadable(path: Path) -> None:
        path.write_text(BASE_MAP.replace("base-map", "unreadable-map"))
        path.chmod(0)

    CASES.append(Case("chmod-000", {"secret.yaml": _unreadable}, "Y008", "secret.yaml", 0))

CASE_IDS = [case.name for case in CASES]


def write_base(directory: Path) -> Path:
    """The valid base corpus in `directory`; returns the sources directory (beside it, not inside)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "agents.yaml").write_text(AGENTS, encoding="utf-8")
    (directory / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    (directory / "base.yaml").write_text(BASE_MAP, encoding="utf-8")
    sources = directory.parent / f"{directory.name}-sources"
    sources.mkdir(exist_ok=True)
    (sources / "base.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return sources


def build(case: Case, directory: Path) -> Path:
    """Write the base corpus and the case's files into `directory`; returns the sources directory."""
    sources = write_base(directory)
    for name, content in case.replace_registries.items():
        (directory / name).write_text(content, encoding="utf-8", newline="")
    for name, content in case.files.items():
        target = directory / name
        if callable(content):
            content(target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")
    return sources


def cleanup(directory: Path) -> None:
    """Remove a built case, modes and symlink loops included."""
    for root, dirs, files in os.walk(directory):
        for name in dirs + files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                try:
                    os.chmod(path, 0o700)
                except OSError:
                    pass
    shutil.rmtree(directory, ignore_errors=True)


# -- the commands ---------------------------------------------------------------------------------------


def command_names() -> list[str]:
    """Every command registered on the CLI (those that land later included)."""
    import typer.main

    from argmap.interfaces.cli import app

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def _params(name: str) -> list[object]:
    import typer.main

    from argmap.interfaces.cli import app

    return list(typer.main.get_command(app).commands[name].params)  # type: ignore[attr-defined]


# How each known command is run against a corpus DIR (with a map FILE in it, the sources dir SRC, and
# OUT, a path for written output that does not exist yet). Unknown commands are run by their parameters.
KNOWN: dict[str, list[list[str]]] = {
    "check": [["check", "{dir}"], ["check", "{dir}", "--format", "github"], ["check", "{dir}", "--format", "json"],
              ["check", "{dir}", "--format", "sarif"], ["check", "{dir}", "--sources", "{src}", "--color", "always"]],
    "rules": [["rules"], ["rules", "--format", "json"]],
    "explain": [["explain", "Y007"], ["explain", "\x1b[31m[bold]Y00"]],
    "schema": [["schema", "map"], ["schema", "\x1b]0;x\x07"]],
    "quotes": [["quotes", "{dir}", "--sources", "{src}"], ["quotes", "{dir}", "--sources", "{src}", "--format", "json"]],
    "positions": [["positions", "{dir}"], ["positions", "q-one", "{dir}", "--format", "markdown"],
                  ["positions", "{dir}", "--format", "json"]],
    "matrix": [["matrix", "{dir}"], ["matrix", "{dir}", "--format", "markdown"], ["matrix", "{dir}", "--color", "always"]],
    "compare": [["compare", "ann-author", "bob-quoted", "{dir}"],
                ["compare", "ann-author", "eve-evil", "{dir}", "--format", "markdown"]],
    "timeline": [["timeline", "ann-author", "{dir}"], ["timeline", "eve-evil", "{dir}"]],
    "diff": [["diff", "{base}", "{dir}"], ["diff", "{base}", "{dir}", "--format", "json"]],
    "diff-driver": [["diff-driver", "base.yaml", "{base}/base.yaml", "0" * 40, "100644", "{file}", "1" * 40, "100644"]],
    "graph": [["graph", "{file}"], ["graph", "{file}", "--format", "mermaid"], ["graph", "{dir}", "--questions"]],
    "brief": [["brief", "{dir}"], ["brief", "q-one", "{dir}", "--format", "markdown"], ["brief", "q-one", "{dir}", "--color", "always"],
              ["brief", "{dir}", "--all", "--format", "json"]],
    "evaluate": [["evaluate", "{dir}"], ["evaluate", "{dir}", "--format", "json"], ["evaluate", "{dir}", "--format", "markdown"]],
    "report": [["report", "{dir}", "--sources", "{src}", "-o", "{out}"], ["report", "{dir}"]],
    "export": [["export", "{dir}", "--to", "json", "-o", "{out}"], ["export", "{dir}", "--to", "argdown"],
               ["export", "{dir}", "--to", "aif"]],
    "new": [["new", "{file}", "--corpus", "{dir}"]],
    "fix": [["fix", "{dir}", "--sources", "{src}", "--diff"]],  # --diff: the corpus is shared by the commands
    "lsp": [["lsp", "--help"]],  # a server on standard input: tests/lsp drives it with hostile documents
    "init": [["init", "--help"]],  # reads no input: it writes its own templates (tests/test_terminal.py)
    "reliability": [["reliability", "{dir}", "{dir}"], ["reliability", "{dir}", "{dir}", "--sources", "{src}", "--format", "json"],
                    ["reliability", "{dir}", "{dir}", "--sources", "{src}", "--format", "markdown"]],
    "plot": [["plot", "distribution", "{dir}"], ["plot", "agreement", "{dir}"], ["plot", "timeline", "ann-author", "{dir}"],
             ["plot", "timeline", "eve-evil", "{dir}"]],
}


def generic_invocations(name: str) -> list[list[str]]:
    """A guess for a command the table does not know: the corpus where it takes paths, an id elsewhere."""
    argv = [name]
    for param in _params(name):
        kind = type(param).__name__
        opts = getattr(param, "opts", [])
        pname = getattr(param, "name", "")
        if kind.endswith("Argument"):  # typer's own classes are TyperArgument and TyperOption
            if pname in ("paths", "path", "corpus", "files", "maps", "directory"):
                argv.append("{dir}")
            elif getattr(param, "required", False):
                argv.append("{file}" if "file" in pname or "map" in pname else "ann-author")
        elif kind.endswith("Option") and "--corpus" in opts:
            argv += ["--corpus", "{dir}"]
        elif kind.endswith("Option") and "--output" in opts:
            argv += ["--output", "{out}"]
    return [argv]


def invocations(names: list[str] | None = None) -> list[tuple[str, list[str]]]:
    """(command, argv template) for every registered command."""
    out = []
    for name in names or command_names():
        for argv in KNOWN.get(name) or generic_invocations(name):
            out.append((name, argv))
    return out


def fill(argv: list[str], directory: Path, sources: Path, file: Path, out: Path, base: Path) -> list[str]:
    values = {"{dir}": str(directory), "{src}": str(sources), "{file}": str(file), "{out}": str(out), "{base}": str(base)}
    filled = []
    for arg in argv:
        for key, value in values.items():
            arg = arg.replace(key, value)
        filled.append(arg)
    return filled
