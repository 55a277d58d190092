"""`argmap init`: the files of a new corpus, each written only where no such file exists.

A new corpus is what this repository is: `maps/` with the two registries and one example map, the JSON
Schemas the maps' modelines point to, the settings, a pre-commit hook and a CI workflow. Nothing is ever
overwritten: a file that exists is reported as skipped, and `pyproject.toml` is only appended to.
"""

from __future__ import annotations

import os

from argmap._version import __version__
from argmap.core.record import record
from argmap.core.release import REPOSITORY, TAG, pip_install

AGENTS = """\
# yaml-language-server: $schema=../schema/agents.schema.json
# Every person or body who speaks in the maps: one id per person across the corpus, other spellings as aliases.
argmap: 1
agents:
  - id: ann-author
    name: Ann Author
  - id: bob-quoted
    name: Bob Quoted
    aliases: [Robert Quoted]
#  - id: carol-body             # lower-case words joined by hyphens
#    name: The Carol Institute
#    kind: organisation         # person (the default) or organisation
#    aliases: [Carol Inst.]
"""

QUESTIONS = """\
# yaml-language-server: $schema=../schema/questions.schema.json
# The shared questions the maps take positions on: one sentence each, that an author can agree or disagree with.
argmap: 1
questions:
  - id: bridge-should-be-built
    proposition: The town should build the new bridge.
#  - id: bridge-costs-too-much
#    proposition: The new bridge costs more than the town can afford.
#    excludes: [bridge-should-be-built]   # no one can agree with both (optional)
#    implies: []                          # agreeing here means agreeing there (optional)
#    refines: []                          # a narrower form of a broader question (optional)
"""

EXAMPLE_MAP = """\
# yaml-language-server: $schema=../schema/map.schema.json
# One map per article: its thesis, the claims that lead to it, verbatim quotes as evidence, and the stances
# its author (and the people it quotes) take on the shared questions. `argmap check` checks it; with
# `--sources DIR` every quote is looked up in the article text named by `source.text`.
argmap: 1
id: ann-2024-bridge
source:
  title: Why the town needs its bridge
  authors: [ann-author]
  outlet: unknown
  date: "2024-05"
  text: ann-2024-bridge.txt          # the article's text file, kept outside the repository
agents: [bob-quoted]
thesis:
  id: thesis
  text: The town should build the bridge.
  by: author
claims:
  - id: ferry-is-full
    text: The ferry can no longer carry the town's traffic.
    by: author
    supports: [thesis]
  - id: cost-is-too-high
    text: The bridge costs more than the town can afford.
    by: bob-quoted
    attacks: [thesis]
evidence:
  - id: q-ferry
    quote: "The ferry is full every morning."
    speaker: author
    grounds: [thesis, ferry-is-full]
  - id: q-cost
    quote: "We simply cannot afford it."
    speaker: bob-quoted
    grounds: [cost-is-too-high]
positions:
  - agent: author
    question: bridge-should-be-built
    stance: agree                   # -2 strongly-disagree ... +2 strongly-agree
    basis: stated                   # stated, reported (the author's paraphrase), act or inferred
    grounds: [thesis]
  - agent: bob-quoted
    question: bridge-should-be-built
    stance: disagree
    basis: stated                   # Bob's own words, quoted
    grounds: [cost-is-too-high]
"""

SETTINGS = """\
[tool.argmap]
# The article texts, for the quote check (a path relative to this file). Until it is set, `argmap check` does
# not check quotes, and its summary says so: "Quotes not checked: ..." (`argmap init --sources DIR` sets it).
# sources = ["../article-texts"]
# require-sources = true           # every quote must be checked: a map whose article text is missing fails
strict = true                      # warnings fail the check too
"""


def settings(sources: str | None = None) -> str:
    """The [tool.argmap] table, with `sources` set when the article texts' directory is given."""
    if sources is None:
        return SETTINGS
    import json

    # A JSON string is a TOML basic string for any path (quotes, backslashes and controls escaped alike).
    return SETTINGS.replace('# sources = ["../article-texts"]\n', f"sources = [{json.dumps(sources, ensure_ascii=False)}]\n")


def pre_commit(repository: str = REPOSITORY) -> str:
    """The pre-commit configuration: argmap's own hook from its repository at this version's tag, which
    pre-commit installs in an environment of its own (argmap need not be on PATH)."""
    return f"""\
# argmap check on every commit. pre-commit installs argmap {__version__} from its repository at {TAG} in an
# environment of its own, so argmap need not be installed. verbose: the check's summary is shown even when it
# passes, so "Quotes not checked" is seen until `sources` is set in the settings ([tool.argmap]).
repos:
  - repo: {repository}
    rev: {TAG}
    hooks:
      - id: argmap-check
        args: [maps]            # the corpus directory; the whole corpus is checked on every commit
        verbose: true
"""


def workflow(repository: str = REPOSITORY) -> str:
    """The GitHub Actions workflow: argmap installed from its repository at this version's tag."""
    return f"""\
name: maps
on: [push, pull_request]
jobs:
  argmap:
    runs-on: ubuntu-latest
    permissions: {{contents: read}}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {{python-version: "3.12"}}
      - run: {pip_install(repository)}
      - run: argmap check maps --format github
"""


@record(frozen=True)
class Planned:
    path: str  # relative to the corpus directory
    text: str
    append_to: bool = False  # an existing pyproject.toml without [tool.argmap] gets the section appended


def plan(directory: str, sources: str | None = None) -> list[Planned]:
    """What `argmap init` writes into `directory`, in order; `sources`: the article texts' directory,
    relative to `directory`."""
    from argmap.core.safetext import json_document
    from argmap.model.schema import SCHEMAS

    out = [
        Planned(os.path.join("maps", "agents.yaml"), AGENTS),
        Planned(os.path.join("maps", "questions.yaml"), QUESTIONS),
        Planned(os.path.join("maps", "ann-2024-bridge.yaml"), EXAMPLE_MAP),
    ]
    out += [Planned(os.path.join("schema", f"{kind}.schema.json"), json_document(SCHEMAS[kind]))
            for kind in ("map", "agents", "questions")]
    pyproject = os.path.join(directory, "pyproject.toml")
    if os.path.isfile(pyproject):
        out.append(Planned("pyproject.toml", "\n" + settings(sources), append_to=True))
    else:
        out.append(Planned("argmap.toml", settings(sources).replace("[tool.argmap]\n", "")))
    out.append(Planned(".pre-commit-config.yaml", pre_commit()))
    out.append(Planned(os.path.join(".github", "workflows", "argmap.yml"), workflow()))
    return out


def has_settings(path: str) -> bool:
    """Whether a pyproject.toml already has a [tool.argmap] table (then nothing is appended)."""
    from argmap.model import config

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        return b"argmap" in raw and "argmap" in config._parse_toml(path, raw).get("tool", {})
    except (OSError, config.ConfigError):
        return True  # unreadable or broken: leave it alone
