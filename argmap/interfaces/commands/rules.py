"""`argmap rules`, `argmap explain` and `argmap schema`: what argmap checks, and the format it reads."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from argmap.interfaces import completion
from argmap.interfaces.commands.base import app, usage_error


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown")] = "text",
) -> None:
    """List every rule with its code, default severity and one sentence (markdown: docs/rules.md, with
    every rule's examples)."""
    from argmap.core.rules import FAMILIES, RULES, docs
    from argmap.core.safetext import json_document

    if output_format == "json":
        sys.stdout.write(json_document([{"code": r.code, "name": r.name, "severity": r.severity.value,
                                         "summary": r.summary, "explanation": r.explanation,
                                         "examples": docs.as_json(r)} for r in RULES.values()]))
        return
    if output_format == "markdown":
        sys.stdout.write(docs.markdown())
        return
    if output_format != "text":
        usage_error(f"unknown format {output_format!r}: use text, json or markdown")
    family = ""
    for rule in RULES.values():
        if rule.code[0] != family:
            family = rule.code[0]
            sys.stdout.write(f"\n{family}  {FAMILIES[family]}\n")
        sys.stdout.write(f"  {rule.code}  {rule.name:<30} {rule.severity.value:<8} {rule.summary}\n")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code such as S003, or its name.",
                                                autocompletion=completion.complete_rule)]) -> None:
    """Explain one rule: what it catches, why, how to fix it, and an example that fails and one that passes."""
    from argmap.core.didyoumean import Suggester
    from argmap.core.rules import BY_NAME, RULES
    from argmap.core.rules.docs import explained

    rule = RULES.get(code.upper()) or BY_NAME.get(code)
    if rule is None:
        close = Suggester([*RULES, *BY_NAME]).closest(code)
        usage_error(f"no rule {code!r}" + (f"; did you mean {close[0]}?" if close else "; see `argmap rules`"))
    sys.stdout.write(f"{rule.code} {rule.name} (default severity: {rule.severity.value})\n\n"
                     f"{rule.summary}\n\n{rule.explanation}\n\n{explained(rule)}\n"
                     f"Accept one finding where it lives with `# argmap: ignore[{rule.code}] reason` on its line; "
                     f"silence the rule with `--ignore {rule.code}`, or re-grade it with "
                     f"`--severity {rule.code}=warning` or [tool.argmap] severity in pyproject.toml.\n")


@app.command()
def schema(kind: Annotated[str, typer.Argument(help="map, agents, questions or links")] = "map") -> None:
    """Print the JSON Schema (draft-07) of maps or of a registry, for editors and other tools."""
    from argmap.core.safetext import json_document
    from argmap.model.schema import SCHEMAS

    if kind not in SCHEMAS:
        usage_error(f"unknown schema {kind!r}: use map, agents, questions or links")
    sys.stdout.write(json_document(SCHEMAS[kind]))
