"""Every rule explained by example: for each code, a failing and a passing example.

An example is a small corpus written as edits of one shared base (a map with a thesis, one claim, one
quote and one position, the two registries and the article text), so the failing and the passing
example of a rule differ by the defect only. `argmap explain CODE` prints the edited lines (not the
whole base), `argmap rules --format markdown` writes docs/rules.md from them, and
tests/test_rule_examples.py runs every example: the failing one must produce its rule's finding, the
passing one none.

`python -m argmap.rule_examples` prints docs/rules.md.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.rules import FAMILIES, RULES, Rule


@dataclass(frozen=True)
class Symlink:
    """A file that is a symbolic link to `target` (Y008: text cannot describe an unreadable file)."""

    target: str


# What a file holds: text, raw bytes (Y004, Q003: not UTF-8), a link, or None for "no such file".
Content = str | bytes | Symlink | None

MAP = "map.yaml"
ARTICLE = "sources/article.txt"
# Registries and article are files of their own; every other .yaml name is a map built from the base.
_WHOLE_FILES = ("agents.yaml", "questions.yaml", "links.yaml")


def _y(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# The base map, in sections: an edit replaces a section ("map.yaml:claims") and the reader is shown
# only the sections an example names. A section name the base does not have is appended at the end.
BASE_SECTIONS: dict[str, str] = {
    "head": "argmap: 1\nid: example\n",
    "source": _y("""
        source:
          title: A plan for the town
          authors: [ann-author]
          outlet: unknown
          date: 2021-09
          text: article.txt
        """),
    "agents": "",
    "thesis": _y("""
        thesis:
          id: thesis
          text: The plan works.
          by: author
        """),
    "claims": _y("""
        claims:
          - id: cheap
            text: The plan is cheap.
            by: author
            supports: [thesis]
        """),
    "evidence": _y("""
        evidence:
          - id: e-cheap
            quote: "The plan costs little, and it works."
            speaker: author
            grounds: [thesis, cheap]
        """),
    "positions": _y("""
        positions:
          - agent: author
            question: plan-works
            stance: agree
            basis: stated
            grounds: [thesis]
        """),
}

BASE_FILES: dict[str, Content] = {
    "agents.yaml": _y("""
        argmap: 1
        agents:
          - id: ann-author
            name: Ann Author
          - id: bob-quoted
            name: Bob Quoted
        """),
    "questions.yaml": _y("""
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
    ARTICLE: _y("""
        Ann Author writes: "The plan costs little, and it works." She adds: "Nobody has a better plan."

        Bob Quoted disagrees: "It will fail, and it will cost us dearly."
        """),
}


def _readable(content: str | bytes) -> str:
    """Text as a reader sees it; bytes that are not UTF-8 as Python shows them (\\xe9 for 0xE9)."""
    return content.decode("utf-8", errors="backslashreplace") if isinstance(content, bytes) else content


@dataclass(frozen=True)
class Shown:
    """A file as a reader sees it in an example: whole, in part, missing, or a symbolic link."""

    file: str
    text: str
    kind: str = "whole"  # whole | excerpt | missing | symlink
    target: str = ""  # of a symbolic link

    @property
    def heading(self) -> str:
        return {"whole": self.file, "excerpt": f"{self.file} (excerpt)", "missing": f"{self.file}: no such file",
                "symlink": f"{self.file}: a symbolic link to {self.target}"}[self.kind]


@dataclass(frozen=True)
class Example:
    """One corpus: the base with `edits` ("FILE" or "FILE:SECTION" -> content); `show` names the
    parts a reader sees (by default the edits), `note` says what the YAML alone cannot."""

    edits: Mapping[str, Content]
    show: tuple[str, ...] = ()
    note: str = ""

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


@dataclass(frozen=True)
class Examples:
    fails: Example
    passes: Example


def _pair(fails: Mapping[str, Content], passes: Mapping[str, Content], show: tuple[str, ...] = (),
          fails_note: str = "", passes_note: str = "") -> Examples:
    return Examples(Example(fails, show, fails_note), Example(passes, show, passes_note))


_OTHER = {"other.yaml:head": "argmap: 1\nid: other\n"}
_LONG = ("Nobody has a better plan, and nobody has had one for years, not since the old bridge was "
         "closed and the ferry stopped running. The council has looked at every option there is: a new "
         "bridge, a tunnel, a bus that goes the long way round, a second ferry, a cable car, and even, "
         "for one afternoon, a zip line. Each was too dear, or too slow, or too ugly, or all three at "
         "once, and each was argued over in long meetings that ran late into the night and settled "
         "nothing. This plan is the first that the town can pay for, the first that the engineers "
         "believe in, and the first that people in the market talk about without laughing.")


_RUSSIAN_ARTICLE = str(BASE_FILES[ARTICLE]) + "\n\u041f\u043e-\u0440\u0443\u0441\u0441\u043a\u0438 \u043e\u043d\u0430 " \
    "\u043f\u0438\u0448\u0435\u0442: \u00ab\u041f\u043b\u0430\u043d \u0441\u0442\u043e\u0438\u0442 " \
    "\u043d\u0435\u0434\u043e\u0440\u043e\u0433\u043e \u0438 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442\u00bb.\n"


def _russian_evidence(plan: str) -> str:
    """The base evidence and a quote of the article's Russian sentence, `plan` spelling its first word."""
    return BASE_SECTIONS["evidence"] + (
        "  - id: e-cheap-ru\n"
        f"    quote: \"{plan} \u0441\u0442\u043e\u0438\u0442 \u043d\u0435\u0434\u043e\u0440\u043e\u0433\u043e \u0438 "
        "\u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442\"\n"
        "    translation: The plan costs little and works\n"
        "    speaker: author\n"
        "    grounds: [cheap]\n")


def _more(section: str, *items: str) -> str:
    """The base's `section` with more list items (each written as a list item, flush left)."""
    return BASE_SECTIONS[section] + "".join(textwrap.indent(_y(item), "  ") for item in items)


def _claims(*items: str) -> str:
    return _more("claims", *items)


def _positions(*items: str) -> str:
    return _more("positions", *items)


def _evidence(*items: str) -> str:
    return _more("evidence", *items)


def _grounds(*ids: str) -> str:
    """The base evidence grounding `ids`."""
    return BASE_SECTIONS["evidence"].replace("grounds: [thesis, cheap]", f"grounds: [{', '.join(ids)}]")


# Pieces several examples share: Bob Quoted, who speaks in the article, and a second map.
_BOB_AGENTS = "agents: [bob-quoted]\n"
_BOB_CLAIMS = _claims("""
      - id: fails
        text: The plan will fail.
        by: bob-quoted
        attacks: [thesis]
    """)
_BOB_EVIDENCE = _evidence("""
      - id: e-fails
        quote: "It will fail, and it will cost us dearly."
        speaker: bob-quoted
        grounds: [fails]
    """)
# A map of two authors that names the first one everywhere: R009's base.
_NAMED = {"map.yaml:source": BASE_SECTIONS["source"].replace("[ann-author]", "[ann-author, bob-quoted]"),
          "map.yaml:thesis": BASE_SECTIONS["thesis"].replace("by: author", "by: ann-author"),
          "map.yaml:evidence": BASE_SECTIONS["evidence"].replace("speaker: author", "speaker: ann-author"),
          "map.yaml:positions": BASE_SECTIONS["positions"].replace("agent: author", "agent: ann-author")}
# A folded scalar (`>-`) joins its lines with spaces: the quote is _LONG, a paragraph of the article.
_LONG_QUOTE = ("  - id: e-better\n    quote: >-\n" + textwrap.indent(textwrap.fill(_LONG, 88), " " * 6)
               + "\n    speaker: author\n    grounds: [thesis]\n")
# A narrower question of plan-helps (C009's base): written as the last item of questions.yaml.
_HELPS_ALL = "  - id: plan-helps-all\n    proposition: The plan helps everyone.\n    refines: [plan-helps]\n"
_QUICK = """
    - id: quick
      text: The plan is quick.
      by: author
      supports: [{}]
    """

EXAMPLES: dict[str, Examples] = {
    # -- syntax -------------------------------------------------------------------------------
    "Y001": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("[thesis]", "[thesis")},
                  {}, show=("map.yaml:claims",), fails_note="a bracket left open"),
    "Y002": _pair({"map.yaml:claims": _y("""
                       claims:
                         - id: cheap
                           text: The plan is cheap.
                           by: author
                           text: The plan costs little.
                           supports: [thesis]
                       """)},
                  {}, show=("map.yaml:claims",)),
    "Y003": _pair({MAP: "# the map of this article is still to be written\n"},
                  {}, show=("map.yaml:head", "map.yaml:source", "map.yaml:thesis")),
    "Y004": _pair({"map.yaml:source": BASE_SECTIONS["source"].replace("the town", "the caf\u00e9").encode("latin-1")},
                  {"map.yaml:source": BASE_SECTIONS["source"].replace("the town", "the caf\u00e9")},
                  fails_note="saved as Latin-1: the byte \\xe9 stands for \u00e9"),
    "Y005": _pair({"map.yaml:second": "---\nargmap: 1\nid: second-map\n"},
                  {"other.yaml:head": "argmap: 1\nid: second-map\n"},
                  show=("map.yaml:positions", "map.yaml:second", "other.yaml:head"),
                  fails_note="a second map in the same file, after `---`",
                  passes_note="the second map in a file of its own"),
    "Y006": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
                       "text: The plan is cheap.", "text: !!python/object/apply:os.system [echo cheap]")},
                  {}, show=("map.yaml:claims",)),
    "Y007": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
                       "[thesis]", "[" * 70 + "thesis" + "]" * 70)},
                  {}, show=("map.yaml:claims",), fails_note="lists nested 70 deep (the limit is 64)"),
    "Y008": _pair({MAP: Symlink("missing.yaml")}, {}, show=("map.yaml:head",),
                  fails_note="the link's target does not exist", passes_note="a file that can be read"),
    "Y009": _pair({"map.yaml:evidence": _grounds("thesis, cheap").replace("grounds: [", "grounds: &both ["),
                   "map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-helps
                         stance: agree
                         basis: stated
                         grounds: *both
                       """)},
                  {"map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-helps
                         stance: agree
                         basis: stated
                         grounds: [thesis, cheap]
                       """)},
                  show=("map.yaml:evidence", "map.yaml:positions")),
    # -- schema -------------------------------------------------------------------------------
    "S001": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("    text: The plan is cheap.\n", "")},
                  {}, show=("map.yaml:claims",), fails_note="the claim has no `text`"),
    "S002": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
                       "text: The plan is cheap.", "text: [The plan is cheap.]")},
                  {}, show=("map.yaml:claims",)),
    "S003": _pair({"map.yaml:claims": BASE_SECTIONS["claims"] + "    notte: Said twice.\n"},
                  {"map.yaml:claims": BASE_SECTIONS["claims"] + "    note: Said twice.\n"},
                  show=("map.yaml:claims",)),
    "S004": _pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("stance: agree", "stance: 3")},
                  {"map.yaml:positions": BASE_SECTIONS["positions"].replace("stance: agree", "stance: 2")},
                  show=("map.yaml:positions",)),
    "S005": _pair({"map.yaml:source": BASE_SECTIONS["source"].replace("2021-09", "September 2021")},
                  {}, show=("map.yaml:source",)),
    "S006": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("id: cheap", "id: Cheap_Plan"),
                   "map.yaml:evidence": _grounds("thesis", "Cheap_Plan")},
                  {}, show=("map.yaml:claims", "map.yaml:evidence")),
    "S007": _pair({"map.yaml:head": "argmap: 2\nid: example\n"}, {}, show=("map.yaml:head",)),
    "S008": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("text: The plan is cheap.", 'text: ""')},
                  {}, show=("map.yaml:claims",)),
    # -- references ---------------------------------------------------------------------------
    "R001": _pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("[thesis]", "[thesys]")},
                  {}, show=("map.yaml:thesis", "map.yaml:positions")),
    "R002": _pair({"map.yaml:evidence": _evidence("""
                         - id: e-cheap
                           quote: "Nobody has a better plan."
                           speaker: author
                           grounds: [thesis]
                       """)},
                  {"map.yaml:evidence": _evidence("""
                         - id: e-better
                           quote: "Nobody has a better plan."
                           speaker: author
                           grounds: [thesis]
                       """)},
                  show=("map.yaml:evidence",)),
    "R003": _pair({"other.yaml:head": "argmap: 1\nid: example\n"}, _OTHER,
                  show=("map.yaml:head", "other.yaml:head")),
    "R004": _pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("plan-works", "plan-wroks")},
                  {}, show=("questions.yaml", "map.yaml:positions")),
    "R005": _pair({"map.yaml:source": BASE_SECTIONS["source"].replace("[ann-author]", "[ann-autor]")},
                  {}, show=("agents.yaml", "map.yaml:source")),
    "R006": _pair({"map.yaml:claims": _BOB_CLAIMS, "map.yaml:evidence": _BOB_EVIDENCE},
                  {"map.yaml:agents": _BOB_AGENTS, "map.yaml:claims": _BOB_CLAIMS,
                   "map.yaml:evidence": _BOB_EVIDENCE},
                  show=("map.yaml:agents", "map.yaml:claims"), fails_note="no `agents` list"),
    "R007": _pair({"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: bob-quoted\n    name: Robert Quoted\n"},
                  {"agents.yaml": str(BASE_FILES["agents.yaml"]).replace(
                      "    name: Bob Quoted\n", "    name: Bob Quoted\n    aliases: [Robert Quoted]\n")}),
    "R008": _pair({"agents.yaml": None, "questions.yaml": None}, {},
                  show=("agents.yaml", "questions.yaml")),
    "R009": _pair({**_NAMED, "map.yaml:claims": BASE_SECTIONS["claims"]},
                  {**_NAMED, "map.yaml:claims": BASE_SECTIONS["claims"].replace("by: author", "by: ann-author")},
                  show=("map.yaml:source", "map.yaml:claims"),
                  fails_note="two authors (the rest of the map names ann-author)"),
    "R010": _pair({"map.yaml:agents": _BOB_AGENTS},
                  {"map.yaml:agents": _BOB_AGENTS, "map.yaml:claims": _BOB_CLAIMS,
                   "map.yaml:evidence": _BOB_EVIDENCE},
                  show=("map.yaml:agents", "map.yaml:claims"),
                  passes_note="Bob Quoted asserts a claim (and is quoted for it)"),
    "R011": _pair({"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: ann-author-2\n    name: \u0410nn Author\n"},
                  {"agents.yaml": str(BASE_FILES["agents.yaml"]) + "  - id: ann-author-2\n    name: Ann Author Jr\n"},
                  fails_note="the second name begins with the Cyrillic letter \u0410 (U+0410), drawn like A"),
    # -- structure ----------------------------------------------------------------------------
    "A001": _pair({"map.yaml:thesis": "",
                   "map.yaml:claims": _y("""
                       claims:
                         - id: cheap
                           text: The plan is cheap.
                           by: author
                         - id: quick
                           text: The plan is quick.
                           by: author
                           supports: [cheap]
                       """),
                   "map.yaml:evidence": _grounds("cheap", "quick"),
                   "map.yaml:positions": BASE_SECTIONS["positions"].replace("[thesis]", "[cheap]")},
                  {"map.yaml:thesis": BASE_SECTIONS["thesis"],
                   "map.yaml:claims": _claims(_QUICK.format("cheap")),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "quick")},
                  show=("map.yaml:thesis", "map.yaml:claims"), fails_note="no `thesis`"),
    "A002": _pair({"map.yaml:claims": _claims(_QUICK.format("cheap")).replace("[thesis]", "[thesis, quick]", 1),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "quick")},
                  {"map.yaml:claims": _claims(_QUICK.format("cheap")),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "quick")},
                  show=("map.yaml:claims",)),
    "A003": _pair({"map.yaml:claims": _claims(_QUICK.format("")).replace("    supports: []\n", ""),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "quick")},
                  {"map.yaml:claims": _claims(_QUICK.format("thesis")),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "quick")},
                  show=("map.yaml:claims",)),
    "A004": _pair({"map.yaml:evidence": _evidence("""
                         - id: e-better
                           quote: "Nobody has a better plan."
                           speaker: author
                           grounds: []
                       """)},
                  {"map.yaml:evidence": _evidence("""
                         - id: e-better
                           quote: "Nobody has a better plan."
                           speaker: author
                           grounds: [thesis]
                       """)},
                  show=("map.yaml:evidence",)),
    "A005": _pair({"map.yaml:claims": BASE_SECTIONS["claims"] + "    attacks: [thesis]\n"},
                  {}, show=("map.yaml:claims",)),
    "A006": _pair({"map.yaml:evidence": _grounds("thesis")}, {}, show=("map.yaml:claims", "map.yaml:evidence")),
    "A007": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace("[thesis]", "[thesis, cheap]")},
                  {}, show=("map.yaml:claims",)),
    "A008": _pair({"map.yaml:thesis": BASE_SECTIONS["thesis"] + "  supports: [cheap]\n"},
                  {}, show=("map.yaml:thesis", "map.yaml:claims")),
    "A009": _pair({"map.yaml:evidence": BASE_SECTIONS["evidence"] + _LONG_QUOTE,
                   ARTICLE: str(BASE_FILES[ARTICLE]) + "\nShe goes on: " + _LONG + "\n"},
                  {"map.yaml:evidence": _evidence("""
                         - id: e-better
                           quote: "This plan is the first that the town can pay for"
                           speaker: author
                           grounds: [thesis]
                       """),
                   ARTICLE: str(BASE_FILES[ARTICLE]) + "\nShe goes on: " + _LONG + "\n"},
                  show=("map.yaml:evidence",),
                  fails_note="a quote of 600 characters or more", passes_note="the words that ground the claim"),
    "A010": _pair({"map.yaml:agents": _BOB_AGENTS, "map.yaml:claims": _BOB_CLAIMS,
                   "map.yaml:evidence": _BOB_EVIDENCE,
                   "map.yaml:positions": _positions("""
                       - agent: bob-quoted
                         question: plan-works
                         stance: disagree
                         basis: stated
                         grounds: [thesis]
                       """)},
                  {"map.yaml:agents": _BOB_AGENTS, "map.yaml:claims": _BOB_CLAIMS,
                   "map.yaml:evidence": _BOB_EVIDENCE,
                   "map.yaml:positions": _positions("""
                       - agent: bob-quoted
                         question: plan-works
                         stance: disagree
                         basis: stated
                         grounds: [fails]
                       """)},
                  show=("map.yaml:claims", "map.yaml:positions")),
    "A011": _pair({"map.yaml:claims": _claims(_QUICK.format("slow"), """
                       - id: slow
                         text: Other plans are slow.
                         by: author
                       """),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "quick", "slow")},
                  {"map.yaml:claims": _claims(_QUICK.format("slow"), """
                       - id: slow
                         text: Other plans are slow.
                         by: author
                         attacks: [thesis]
                       """),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "quick", "slow")},
                  show=("map.yaml:claims",)),
    # -- consistency --------------------------------------------------------------------------
    "C001": _pair({"map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-works
                         stance: neutral
                         basis: stated
                         grounds: [cheap]
                       """)},
                  {"map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-helps
                         stance: neutral
                         basis: stated
                         grounds: [cheap]
                       """)},
                  show=("map.yaml:positions",)),
    "C002": _pair({"map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-helps
                         stance: disagree
                         basis: stated
                         grounds: [cheap]
                       """)},
                  {"map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-helps
                         stance: agree
                         basis: stated
                         grounds: [cheap]
                       """)},
                  show=("questions.yaml", "map.yaml:positions")),
    "C003": _pair({"map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-fails
                         stance: agree
                         basis: stated
                         grounds: [cheap]
                       """)},
                  {"map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-fails
                         stance: disagree
                         basis: stated
                         grounds: [cheap]
                       """)},
                  show=("questions.yaml", "map.yaml:positions")),
    "C004": _pair({**_OTHER, "other.yaml:positions": BASE_SECTIONS["positions"].replace("agree", "disagree")},
                  {**_OTHER, "other.yaml:positions": BASE_SECTIONS["positions"]},
                  show=("map.yaml:positions", "other.yaml:head", "other.yaml:positions"),
                  fails_note="information, not an error: people change their minds"),
    "C005": _pair({"map.yaml:positions": _positions("""
                       - agent: author
                         question: plan-works
                         stance: agree
                         basis: stated
                         grounds: [cheap]
                       """)},
                  {"map.yaml:positions": BASE_SECTIONS["positions"].replace("[thesis]", "[thesis, cheap]")},
                  show=("map.yaml:positions",)),
    "C006": _pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace("[plan-helps]", "[plan-help]")},
                  {}, show=("questions.yaml",)),
    "C007": _pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
                       "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    excludes: [plan-helps]\n")},
                  {}, show=("questions.yaml",)),
    "C008": _pair({"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
                       "    proposition: The plan helps someone.\n",
                       "    proposition: The plan helps someone.\n    refines: [plan-works]\n").replace(
                       "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    refines: [plan-helps]\n")},
                  {"questions.yaml": str(BASE_FILES["questions.yaml"]).replace(
                       "    implies: [plan-helps]\n", "    implies: [plan-helps]\n    refines: [plan-helps]\n")},
                  show=("questions.yaml",)),
    "C009": _pair({"questions.yaml": str(BASE_FILES["questions.yaml"]) + _HELPS_ALL},
                  {"questions.yaml": str(BASE_FILES["questions.yaml"]) + _HELPS_ALL + "    implies: [plan-helps]\n"},
                  show=("questions.yaml",),
                  fails_note="helping everyone is helping someone, but the registry does not say so"),
    "C010": _pair({"map.yaml:positions": BASE_SECTIONS["positions"].replace("    basis: stated\n", "")},
                  {}, show=("map.yaml:positions",), fails_note="the position says nothing of how the stance is known",
                  passes_note="the author's own voice states the stance: `stated`"),
    # -- quotes -------------------------------------------------------------------------------
    "Q001": _pair({"map.yaml:evidence": BASE_SECTIONS["evidence"].replace("costs little", "costs nothing")},
                  {}, show=(ARTICLE, "map.yaml:evidence")),
    "Q002": _pair({"map.yaml:source": BASE_SECTIONS["source"].replace("article.txt", "articel.txt")},
                  {}, show=("map.yaml:source",), fails_note="there is no sources/articel.txt"),
    "Q003": _pair({ARTICLE: str(BASE_FILES[ARTICLE]).replace("Ann Author writes", "Caf\u00e9 owner Ann Author writes")
                   .encode("latin-1")},
                  {ARTICLE: str(BASE_FILES[ARTICLE]).replace("Ann Author writes", "Caf\u00e9 owner Ann Author writes")},
                  show=(ARTICLE,), fails_note="saved as Latin-1: the byte \\xe9 stands for \u00e9"),
    "Q004": _pair({"map.yaml:source": BASE_SECTIONS["source"].replace("article.txt", "../article.txt")},
                  {}, show=("map.yaml:source",)),
    "Q005": _pair({ARTICLE: _RUSSIAN_ARTICLE, "map.yaml:evidence": _russian_evidence("\u041f\u043b" "a" "\u043d")},
                  {ARTICLE: _RUSSIAN_ARTICLE, "map.yaml:evidence": _russian_evidence("\u041f\u043b\u0430\u043d")},
                  show=(ARTICLE, "map.yaml:evidence"),
                  fails_note="the quote's third letter of \u041f\u043b" "a" "\u043d is the Latin a (U+0061), "
                             "drawn like the Cyrillic \u0430 (U+0430) the article has",
                  passes_note="the quote keeps the article's Cyrillic words and carries a `translation`"),
    # -- links --------------------------------------------------------------------------------
    "L001": _pair({**_OTHER, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#cheap
                           to: other#cheep
                           relation: same
                       """)},
                  {**_OTHER, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#cheap
                           to: other#cheap
                           relation: same
                       """)},
                  show=("other.yaml:head", "links.yaml")),
    "L002": _pair({**_OTHER, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#cheap
                           to: example#cheap
                           relation: same
                       """)},
                  {**_OTHER, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#cheap
                           to: other#cheap
                           relation: same
                       """)},
                  show=("other.yaml:head", "links.yaml")),
    "L003": _pair({**_OTHER, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#cheap
                           to: other#cheap
                           relation: same
                         - from: other#cheap
                           to: example#cheap
                           relation: opposes
                       """)},
                  {**_OTHER, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#cheap
                           to: other#cheap
                           relation: same
                       """)},
                  show=("other.yaml:head", "links.yaml")),
    "L004": _pair({**_OTHER, "map.yaml:agents": _BOB_AGENTS, "map.yaml:claims": _BOB_CLAIMS,
                   "map.yaml:evidence": _BOB_EVIDENCE, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#fails
                           to: other#thesis
                           relation: same
                         - from: other#thesis
                           to: example#thesis
                           relation: same
                       """)},
                  {**_OTHER, "map.yaml:agents": _BOB_AGENTS, "map.yaml:claims": _BOB_CLAIMS,
                   "map.yaml:evidence": _BOB_EVIDENCE, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#fails
                           to: other#thesis
                           relation: opposes
                         - from: other#thesis
                           to: example#thesis
                           relation: same
                       """)},
                  show=("map.yaml:claims", "other.yaml:head", "links.yaml")),
    "L005": _pair({**_OTHER, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#cheap
                           to: other#cheap
                           relation: same
                         - from: other#cheap
                           to: example#cheap
                           relation: same
                       """)},
                  {**_OTHER, "links.yaml": _y("""
                       argmap: 1
                       links:
                         - from: example#cheap
                           to: other#cheap
                           relation: same
                       """)},
                  show=("other.yaml:head", "links.yaml")),
    "A012": _pair({"map.yaml:claims": _claims("""
                       - id: dear
                         text: The plan costs more than it says.
                         by: author
                         attacks: [cheap]
                       """).replace("    supports: [thesis]\n", "    supports: [thesis]\n    attacks: [dear]\n", 1),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "dear")},
                  {"map.yaml:claims": _claims("""
                       - id: dear
                         text: The plan costs more than it says.
                         by: author
                         attacks: [cheap]
                       """),
                   "map.yaml:evidence": _grounds("thesis", "cheap", "dear")},
                  show=("map.yaml:claims",), fails_note="`cheap` and `dear` attack each other: a rebuttal, reported as information"),
    # -- suppressions ------------------------------------------------------------------------
    "X001": _pair({"map.yaml:claims": _claims(_QUICK.format("thesis")).replace("- id: quick", "- id: quick  # argmap: ignore[A006]")},
                  {"map.yaml:claims": _claims(_QUICK.format("thesis")).replace(
                      "- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
                  show=("map.yaml:claims",), fails_note="the claim `quick` has no quote (A006), accepted without a reason"),
    "X002": _pair({"map.yaml:claims": _claims(_QUICK.format("thesis")).replace(
                       "- id: cheap", "- id: cheap  # argmap: ignore[A066] the article gives no source for this")
                   .replace("- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
                  {"map.yaml:claims": _claims(_QUICK.format("thesis")).replace(
                      "- id: quick", "- id: quick  # argmap: ignore[A006] the article gives no source for this")},
                  show=("map.yaml:claims",), fails_note="A066 is no rule: a misspelt code would otherwise suppress nothing, silently"),
    "X003": _pair({"map.yaml:claims": BASE_SECTIONS["claims"].replace(
                       "- id: cheap", "- id: cheap  # argmap: ignore[A006] the article gives no source for this")},
                  {}, show=("map.yaml:claims",), fails_note="`cheap` is grounded by a quote: nothing to suppress"),

}


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


# -- presentation -----------------------------------------------------------------------------


def _example_text(label: str, example: Example) -> str:
    from argmap.safetext import clean

    lines = [f"{label}:" + (f" {example.note}" if example.note else "")]
    for part in example.shown():
        lines.append(f"    # {part.heading}")
        lines.extend(f"    {line}".rstrip() for line in part.text.splitlines())
    return "\n".join(clean(line) for line in lines) + "\n"


def explained(rule: Rule) -> str:
    """The examples of `rule` as `argmap explain` prints them: "Fails:" and "Passes:", each with
    its YAML indented."""
    examples = EXAMPLES.get(rule.code)
    if examples is None:
        return ""
    return _example_text("Fails", examples.fails) + "\n" + _example_text("Passes", examples.passes)


def _example_markdown(label: str, example: Example) -> str:
    lines = [f"**{label}**" + (f" ({example.note})" if example.note else "") + ":", ""]
    for part in example.shown():
        body = part.text.rstrip("\n").splitlines()
        if part.kind in ("missing", "symlink"):
            lines += [f"`{part.heading}`", ""]
        elif part.file.endswith(".yaml"):
            lines += ["```yaml", f"# {part.heading}", *body, "```", ""]
        else:  # the article: plain text, under its name
            lines += [f"`{part.heading}`:", "", "```text", *body, "```", ""]
    return "\n".join(lines)


def as_json(rule: Rule) -> dict[str, object]:
    """The examples of `rule` for `argmap rules --format json`: the files a reader sees, by heading."""
    examples = EXAMPLES.get(rule.code)
    if examples is None:
        return {}
    return {label: {"note": example.note, "files": [{"file": part.file, "shown": part.kind, "target": part.target,
                                                   "text": part.text} for part in example.shown()]}
            for label, example in (("fails", examples.fails), ("passes", examples.passes))}


def markdown() -> str:
    """docs/rules.md: every rule with its explanation and its two examples."""
    out = ["# Rules", "",
           "Every rule argmap checks, with an example that breaks it and one that does not. Generated by",
           "`argmap rules --format markdown > docs/rules.md` from `argmap/rules.py` and",
           "`argmap/rule_examples.py`; do not edit by hand. The examples are excerpts of one small corpus",
           "(a map, agents.yaml, questions.yaml and the article text `sources/article.txt`), and",
           "tests/test_rule_examples.py checks each of them.", ""]
    family = ""
    for rule in RULES.values():
        if rule.code[0] != family:
            family = rule.code[0]
            out += [f"## {family}: {FAMILIES[family]}", ""]
        out += [f"### {rule.code} {rule.name}", "", f"Default severity: {rule.severity.value}. {rule.summary}", "",
                rule.explanation, ""]
        examples = EXAMPLES.get(rule.code)
        if examples is not None:
            out += [_example_markdown("Fails", examples.fails), _example_markdown("Passes", examples.passes)]
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(markdown())
