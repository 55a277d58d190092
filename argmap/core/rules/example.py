"""The examples of the rules: a failing and a passing example of each, written as edits of one shared base.

An example is a small corpus written as edits of one shared base (a map with a thesis, one claim, one
quote and one position, the two registries and the article text), so the failing and the passing
example of a rule differ by the defect only. Each rule carries its examples (argmap/core/rules/__init__.py);
`argmap explain CODE` prints the edited lines (not the whole base), `argmap rules --format markdown`
writes docs/rules.md from them (argmap.core.rules.docs), and tests/test_rule_examples.py runs every example:
the failing one must produce its rule's finding, the passing one none.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping

from argmap.core.notyping import NamedTuple


class Symlink(NamedTuple):
    """A file that is a symbolic link to `target` (Y008: text cannot describe an unreadable file)."""

    target: str


# What a file holds: text, raw bytes (Y004, Q003: not UTF-8), a link, or None for "no such file".
Content = str | bytes | Symlink | None

MAP = "map.yaml"
ARTICLE = "sources/article.txt"


def block(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# The base map, in sections: an edit replaces a section ("map.yaml:claims") and the reader is shown
# only the sections an example names. A section name the base does not have is appended at the end.
BASE_SECTIONS: dict[str, str] = {
    "head": "argmap: 1\nid: example\n",
    "source": block("""
        source:
          title: A plan for the town
          authors: [ann-author]
          outlet: unknown
          date: 2021-09
          text: article.txt
        """),
    "agents": "",
    "thesis": block("""
        thesis:
          id: thesis
          text: The plan works.
          by: author
        """),
    "claims": block("""
        claims:
          - id: cheap
            text: The plan is cheap.
            by: author
            supports: [thesis]
        """),
    "evidence": block("""
        evidence:
          - id: e-cheap
            quote: "The plan costs little, and it works."
            speaker: author
            grounds: [thesis, cheap]
        """),
    "positions": block("""
        positions:
          - agent: author
            question: plan-works
            stance: agree
            basis: stated
            grounds: [thesis]
        """),
}

BASE_FILES: dict[str, Content] = {
    "agents.yaml": block("""
        argmap: 1
        agents:
          - id: ann-author
            name: Ann Author
          - id: bob-quoted
            name: Bob Quoted
        """),
    "questions.yaml": block("""
        argmap: 1
        questions:
          - id: plan-works
            proposition: The plan works.
            implies: [plan-helps]
          - id: plan-helps
            proposition: The plan helps someone.
          - id: plan-fails
            proposition: The plan fails.
            excludes: [plan-works]
        """),
    ARTICLE: block("""
        Ann Author writes: "The plan costs little, and it works." She adds: "Nobody has a better plan."

        Bob Quoted disagrees: "It will fail, and it will cost us dearly."
        """),
}


def _readable(content: str | bytes) -> str:
    """Text as a reader sees it; bytes that are not UTF-8 as Python shows them (\\xe9 for 0xE9)."""
    return content.decode("utf-8", errors="backslashreplace") if isinstance(content, bytes) else content


class Shown(NamedTuple):
    """A file as a reader sees it in an example: whole, in part, missing, or a symbolic link."""

    file: str
    text: str
    kind: str = "whole"  # whole | excerpt | missing | symlink
    target: str = ""  # of a symbolic link

    @property
    def heading(self) -> str:
        return {"whole": self.file, "excerpt": f"{self.file} (excerpt)", "missing": f"{self.file}: no such file",
                "symlink": f"{self.file}: a symbolic link to {self.target}"}[self.kind]


class Example(NamedTuple):
    """One corpus: the base with `edits` ("FILE" or "FILE:SECTION" -> content); `show` names the
    parts a reader sees (by default the edits), `note` says what the YAML alone cannot, and `at` where a
    failing example's finding is ("FILE:LINE", line 0 for the whole file), which tests/test_rule_examples.py
    checks."""

    edits: Mapping[str, Content]
    show: tuple[str, ...] = ()
    note: str = ""
    at: str = ""

    def files(self) -> dict[str, Content]:
        """Every file of the corpus, by its path relative to the example's root (maps beside the
        registries; the article under sources/)."""
        files: dict[str, Content] = dict(BASE_FILES)
        maps: dict[str, dict[str, str | bytes]] = {MAP: dict(BASE_SECTIONS)}
        for key, content in self.edits.items():
            name, _, section = key.partition(":")
            if section:
                assert isinstance(content, (str, bytes)), key
                maps.setdefault(name, dict(BASE_SECTIONS))[section] = content
            else:
                files[name] = content
                maps.pop(name, None)
        for name, sections in maps.items():
            if name in files:
                continue
            parts = list(sections.values())
            if any(isinstance(part, bytes) for part in parts):  # a section that is not UTF-8 (Y004)
                files[name] = b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in parts)
            else:
                files[name] = "".join(str(p) for p in parts)
        return files

    def shown(self) -> list[Shown]:
        """The files (or parts of files) the reader sees: what the example is about."""
        keys = self.show or tuple(self.edits)
        files = self.files()
        by_file: dict[str, list[str]] = {}
        for key in keys:
            name, _, section = key.partition(":")
            by_file.setdefault(name, [])
            if section:
                by_file[name].append(section)
        out = []
        for name, sections in by_file.items():
            content = files.get(name)
            if sections and name not in self.edits:  # a file replaced whole is shown whole
                if content is None:  # a second map only one of the two examples has
                    continue
                current: dict[str, str | bytes] = dict(BASE_SECTIONS)
                current.update({k.partition(":")[2]: v for k, v in self.edits.items()
                                if k.startswith(name + ":") and isinstance(v, (str, bytes))})
                order = list(current)
                present = sorted((s for s in sections if s in current), key=order.index)
                out.append(Shown(name, "".join(_readable(current[s]) for s in present), "excerpt"))
            elif content is None:
                out.append(Shown(name, "", "missing"))
            elif isinstance(content, Symlink):
                out.append(Shown(name, "", "symlink", content.target))
            else:
                out.append(Shown(name, _readable(content)))
        return out


class Examples(NamedTuple):
    """A rule's examples: the failing and the passing one a reader sees, and `more` failing cases (other
    forms of the defect), which the tests run and the documentation leaves out."""

    fails: Example
    passes: Example
    more: tuple[Example, ...] = ()

    @property
    def failing(self) -> tuple[Example, ...]:
        return (self.fails, *self.more)


def pair(fails: Mapping[str, Content], passes: Mapping[str, Content], show: tuple[str, ...] = (),
         fails_note: str = "", passes_note: str = "", at: str = "", more: tuple[Example, ...] = ()) -> Examples:
    return Examples(Example(fails, show, fails_note, at), Example(passes, show, passes_note), more)


def failing(edits: Mapping[str, Content], at: str, note: str) -> Example:
    """A further failing case of a rule (run by the tests, not shown): the base with `edits`, its finding `at`."""
    return Example(edits, note=note, at=at)


def more(section: str, *items: str) -> str:
    """The base's `section` with more list items (each written as a list item, flush left)."""
    return BASE_SECTIONS[section] + "".join(textwrap.indent(block(item), "  ") for item in items)


def claims(*items: str) -> str:
    return more("claims", *items)


def positions(*items: str) -> str:
    return more("positions", *items)


def evidence(*items: str) -> str:
    return more("evidence", *items)


def position(question: str, stance: str, grounds: str, agent: str = "author") -> str:
    """An item of `positions`, stated by `agent`, resting on `grounds` (ids, comma-separated)."""
    return f"- agent: {agent}\n  question: {question}\n  stance: {stance}\n  basis: stated\n  grounds: [{grounds}]\n"


def said(evidence_id: str, quote: str, grounds: str, speaker: str = "author") -> str:
    """An item of `evidence`: `quote` spoken by `speaker`, grounding `grounds` (ids, comma-separated)."""
    return f'- id: {evidence_id}\n  quote: "{quote}"\n  speaker: {speaker}\n  grounds: [{grounds}]\n'


def links(*links: str) -> str:
    """links.yaml holding `links`, each written "FROM TO RELATION"."""
    lines = ["argmap: 1", "links:"]
    for link in links:
        source, target, relation = link.split()
        lines += [f"  - from: {source}", f"    to: {target}", f"    relation: {relation}"]
    return "\n".join(lines) + "\n"


def grounds(*ids: str) -> str:
    """The base evidence grounding `ids`."""
    return BASE_SECTIONS["evidence"].replace("grounds: [thesis, cheap]", f"grounds: [{', '.join(ids)}]")


# Pieces several examples share: a second map, and Bob Quoted, who speaks in the article.
OTHER = {"other.yaml:head": "argmap: 1\nid: other\n"}
BOB_AGENTS = "agents: [bob-quoted]\n"
BOB_CLAIMS = claims("""
      - id: fails
        text: The plan will fail.
        by: bob-quoted
        attacks: [thesis]
    """)
BOB_EVIDENCE = evidence(said("e-fails", "It will fail, and it will cost us dearly.", "fails", speaker="bob-quoted"))
QUICK = """
    - id: quick
      text: The plan is quick.
      by: author
      supports: [{}]
    """


def write(example: Example, root: str) -> tuple[str, str]:
    """Write `example` under `root`: the maps and registries in root/maps, the article texts in
    root/sources. Returns (maps directory, sources directory)."""
    maps, sources = os.path.join(root, "maps"), os.path.join(root, "sources")
    os.makedirs(maps, exist_ok=True)
    os.makedirs(sources, exist_ok=True)
    for name, content in example.files().items():
        if content is None:
            continue
        path = os.path.join(root, name) if name.startswith("sources/") else os.path.join(maps, name)
        if isinstance(content, Symlink):
            os.symlink(content.target, path)
        elif isinstance(content, bytes):
            with open(path, "wb") as handle:
                handle.write(content)
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
    return maps, sources
