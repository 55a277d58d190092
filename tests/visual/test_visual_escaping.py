"""Hostile text in every output format: quotes, <script>, ], -->, backslashes, newlines, [bold red], ANSI.

Each format is read back by a real parser where one is at hand (Graphviz, an XML parser, Python's HTML
parser, JSON, the Argdown CLI, arguebuf) and must hold exactly the nodes and edges the map has: text
that broke out of a label would add, drop or rename some.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.core.safetext import clean
from argmap.model.corpus import load_corpus
from argmap.outputs.export import aif, argdown, json_export
from argmap.outputs.render import diagram, dot, html_report, mermaid, svg

from .conftest import HOSTILE, need_argdown, need_dot, run

SVG = "{http://www.w3.org/2000/svg}"


def _corpus(root: Path):  # type: ignore[no-untyped-def]
    corpus, _, _ = load_corpus([str(root)])
    assert len(corpus.maps) == 1
    return corpus, corpus.maps[0]


def test_dot_holds_hostile_text(hostile_corpus: Path) -> None:
    corpus, m = _corpus(hostile_corpus)
    picture = diagram.map_diagram(corpus, m, max_label=0)
    source = dot.render(picture)
    assert "\x1b" not in source
    assert "&lt;script&gt;" in source  # inside HTML-like labels; tooltips are quoted strings
    for line in source.splitlines():  # every tooltip is one well-formed quoted string
        for value in re.findall(r'tooltip=("(?:[^"\\]|\\.)*")', line):
            assert value.endswith('"')
    program = need_dot()
    done = subprocess.run([program, "-Tsvg"], input=source.encode(), capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    tree = ET.fromstring(done.stdout)
    assert not list(tree.iter(f"{SVG}script"))
    groups = [g for g in tree.iter(f"{SVG}g") if g.get("class") in ("node", "edge")]
    assert sum(1 for g in groups if g.get("class") == "node") == len(picture.nodes)
    assert sum(1 for g in groups if g.get("class") == "edge") == len(picture.edges)
    texts = " ".join(t.text or "" for t in tree.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in texts and "[bold red]" in texts and "\\x1b[31m" in texts


def test_questions_dot_holds_hostile_text(hostile_corpus: Path) -> None:
    corpus, _ = _corpus(hostile_corpus)
    source = dot.render(diagram.questions_diagram(corpus))
    program = need_dot()
    done = subprocess.run([program, "-Tsvg"], input=source.encode(), capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()


_NODE = re.compile(r'^ {4,8}n\d+(?:\["|\(\["|\{\{"|\[/")([^"]*)"(?:\]|\]\)|\}\}|/\])$')
_EDGE = re.compile(r'^ {4}n\d+ (?:-->|--x|-\.->|-->\|"([^"]*)"\|) n\d+$')


def test_mermaid_holds_hostile_text(hostile_corpus: Path) -> None:
    corpus, m = _corpus(hostile_corpus)
    picture = diagram.map_diagram(corpus, m, max_label=0)
    text = mermaid.render(picture)
    lines = text.splitlines()
    assert json.loads(lines[1][len("title: "):]) == picture.title
    nodes = edges = 0
    for line in lines[4:]:
        node, edge = _NODE.match(line), _EDGE.match(line)
        if node:
            nodes += 1
            label = node.group(1)
            assert re.sub(r"<br>|</?small>", "", label).count("<") == 0, label
            assert ">" not in re.sub(r"<br>|</?small>", "", label) and "\\" not in label and "`" not in label
            assert "-->" not in label and "]" not in label and "%%" not in label
        elif edge:
            edges += 1
            assert edge.group(1) is None or re.fullmatch(r"[#;0-9A-Za-z +-]*", edge.group(1))
        else:  # only structure: subgraph, end, classDef, class, linkStyle
            assert re.match(r"^ {4}(subgraph positions \[\"Positions on shared questions\"\]|end|classDef \w+ .*|"
                            r"class [n0-9,]+ \w+|linkStyle \d+ .*)$", line), line
    assert nodes == len(picture.nodes) and edges == len(picture.edges)
    assert "#quot;no#quot;" in text and "#60;script#62;" in text and "#92;" in text


def test_mermaid_entities_decode_to_the_text() -> None:
    sample = 'a "b" <c> ] --> \\ % ; é'
    encoded = mermaid.entity(sample)
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), encoded.replace("#quot;", '"'))
    assert decoded == sample


def test_inline_svg_holds_hostile_text(hostile_corpus: Path) -> None:
    corpus, m = _corpus(hostile_corpus)
    picture = diagram.map_diagram(corpus, m, max_label=0)
    markup = svg.render(picture, prefix='p"><script>')
    tree = ET.fromstring(markup)  # well-formed XML
    assert not list(tree.iter(f"{SVG}script")) and not list(tree.iter("script"))
    for element in tree.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
    titles = [t.text or "" for t in tree.iter(f"{SVG}title")]
    assert any(clean(m.thesis.text, keep_newlines=True).split("\n")[0] in t for t in titles)
    nodes = [g for g in tree.iter(f"{SVG}g") if (g.get("class") or "").startswith("node ")]
    assert len(nodes) == 1 + len(m.claims) + len(m.evidence)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_holds_hostile_text(hostile_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("report", str(hostile_corpus), "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    names = [tag for tag, _ in parser.tags]
    assert "script" not in names and "iframe" not in names and "object" not in names
    assert names.count("a") == len([a for _, a in parser.tags if _ == "a"])
    for tag, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("#", "http://", "https://")), attrs
        if tag in ("img", "link", "script", "source"):
            pytest.fail(f"external resource in the report: {tag} {attrs}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\\x1b[31m" in page
    assert "javascript:alert(1)" in "".join(parser.text)  # shown as text, never as a link
    csp = next(a for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "script-src 'none'" in (csp.get("content") or "") and "default-src 'none'" in (csp.get("content") or "")
    # the inline SVG diagram is well-formed XML inside the page
    start, end = page.index("<svg"), page.index("</svg>") + len("</svg>")
    ET.fromstring(page[start:end])


def test_html_escape_function_covers_the_markup_characters() -> None:
    assert html_report.e('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;"


def test_json_export_holds_hostile_text(hostile_corpus: Path) -> None:
    corpus, m = _corpus(hostile_corpus)
    text = run("export", "--to", "json", str(hostile_corpus)).output
    data = json.loads(text)
    assert data["maps"][0]["thesis"]["text"] == m.thesis.text  # exact, control characters included
    back = json_export.corpus_from_json(data)
    assert back == json_export.without_locations(corpus)


def test_aif_holds_hostile_text(hostile_corpus: Path) -> None:
    corpus, m = _corpus(hostile_corpus)
    data = json.loads(json.dumps(aif.render(corpus)))
    texts = {n["text"] for n in data["nodes"] if n["type"] == "I"}
    assert clean(m.thesis.text, keep_newlines=True) in texts
    assert all("\x1b" not in n["text"] for n in data["nodes"])


def _text_of(statement: dict) -> str:  # type: ignore[type-arg]
    """The text of a statement's definition (its other members are references)."""
    return next(member["text"] for member in statement["members"] if member.get("text")).strip()  # type: ignore[no-any-return]


def _argdown_json(binary: str, source: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    (tmp_path / "in.argdown").write_text(source, encoding="utf-8")
    done = subprocess.run([binary, "json", str(tmp_path / "in.argdown"), str(tmp_path / "out")],
                          capture_output=True, timeout=120, check=False)
    log = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 0, log
    assert "error" not in log.lower(), log
    return json.loads((tmp_path / "out" / "in.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_argdown_escape_reads_back_exactly(tmp_path: Path) -> None:
    binary = need_argdown()
    samples = [HOSTILE, "e.g. U.S. 1:2 :smile: .x. a_b_c *x* **y** __z__ <!-- c --> http://x.org/a_b",
               "#(tag text) @<arg> [[x]] {a: 1} } { \\", "(1) ends with a dot.", "- starts with a dash"]
    source = "\n\n".join(f"[s{i}]: {argdown.escape(s)} {argdown.data({'raw': s})}" for i, s in enumerate(samples)) + "\n"
    result = _argdown_json(binary, source, tmp_path)
    assert not result["relations"] and not result["arguments"]
    for i, sample in enumerate(samples):
        statement = result["statements"][f"s{i}"]
        text = _text_of(statement)
        assert text == " ".join(clean(sample, keep_newlines=True).split()), (sample, text)
        assert statement["data"]["raw"] == sample


def test_argdown_export_of_hostile_corpus_parses_with_the_same_structure(hostile_corpus: Path, tmp_path: Path) -> None:
    binary = need_argdown()
    corpus, m = _corpus(hostile_corpus)
    result = _argdown_json(binary, argdown.render(corpus), tmp_path)
    assert len(result["statements"]) == len(corpus.questions) + 1 + len(m.claims) + len(m.evidence)
    assert len(result["arguments"]) == len(m.positions)
    thesis = result["statements"]["eve-2024-hostile/thesis"]
    assert _text_of(thesis) == " ".join(clean(m.thesis.text, keep_newlines=True).split())
    assert thesis["data"]["author"] == corpus.agent_name("eve-evil")
