"""Shell completion of values, read from the corpus in the working directory (`maps/`): question ids,
agents (ids, and names as help), map ids, rule codes. Run only while the shell asks for completions,
never at start-up, and never fails: a broken or missing corpus completes nothing."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

Completion = tuple[str, str]  # the value and its help
_MAP_ID = re.compile(r"^id:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)", re.MULTILINE)
_MAX_MAPS = 5000  # map files read for their ids; a larger corpus completes from the first ones


def _registries() -> tuple[dict[str, str], dict[str, str]]:
    """(question id -> proposition, agent id -> name) of the corpus in maps/, read under the user's
    [tool.argmap] limits (a broken configuration completes nothing: see _safe)."""
    from argmap.model import config
    from argmap.model.corpus import discover, load_registries

    files = discover(["maps"])
    corpus, _findings = load_registries(files, config.load(".").limits)
    return ({q.id: q.proposition for q in corpus.questions.values()},
            {a.id: a.name for a in corpus.agents.values()})


def _safe(find: Callable[[], Iterator[Completion]]) -> Callable[[str], list[Completion]]:
    def complete(incomplete: str) -> list[Completion]:
        if not os.path.isdir("maps") and find is not rule_codes:
            return []
        try:
            return [(value, help_text[:80]) for value, help_text in find() if value.startswith(incomplete)]
        except Exception:  # completion must never print a traceback into the shell
            return []
    return complete


def question_ids() -> Iterator[Completion]:
    questions, _agents = _registries()
    yield from questions.items()


def agent_ids() -> Iterator[Completion]:
    _questions, agents = _registries()
    yield from agents.items()


def agent_or_map_ids() -> Iterator[Completion]:
    yield from agent_ids()
    yield from map_ids()


def map_ids() -> Iterator[Completion]:
    from argmap.model.corpus import discover

    for path in discover(["maps"]).maps[:_MAX_MAPS]:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                head = handle.read(4096)  # the id is near the top of every map
        except OSError:
            continue
        found = _MAP_ID.search(head)
        if found:
            yield found.group(1), os.path.basename(path)


def rule_codes() -> Iterator[Completion]:
    from argmap.core.rules import RULES

    for rule in RULES.values():
        yield rule.code, rule.summary


complete_question = _safe(question_ids)
complete_agent = _safe(agent_ids)
complete_agent_or_map = _safe(agent_or_map_ids)
complete_map = _safe(map_ids)
complete_rule = _safe(rule_codes)


def keep_bashrc_once() -> None:
    """typer's `--install-completion` for bash appends a blank line to ~/.bashrc on every run, even when its
    `source` line is there already: when it is, the file is put back exactly as it was."""
    from pathlib import Path

    import typer._completion_shared as shared

    original = shared.install_bash

    def install_bash(*, prog_name: str, complete_var: str, shell: str) -> Path:
        rc = Path.home() / ".bashrc"
        try:
            before: bytes | None = rc.read_bytes() if rc.is_file() else None
        except OSError:
            before = None
        path = original(prog_name=prog_name, complete_var=complete_var, shell=shell)
        if before is not None and f"source '{path}'".encode() in before:
            rc.write_bytes(before)
        return path

    shared.install_bash = install_bash
