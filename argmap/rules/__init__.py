"""The one registry of rules, built from the rule constants of each family's module.

A rule is a constant beside its examples (`argmap/rules/structure.py`: `MISSING_THESIS: Final = Rule("A001",
...)`), and a check yields `MISSING_THESIS.at(...)`. `argmap rules`, `argmap explain` and docs/rules.md are
generated from the registry; tests/test_rule_examples.py checks that every rule has a unique code and name,
and that its examples fail and pass as they say.
"""

from __future__ import annotations

from types import ModuleType

from argmap.rules import consistency, links, quotes, references, schema, structure, suppressions, syntax
from argmap.rules.rule import FAMILIES as FAMILIES
from argmap.rules.rule import Rule as Rule

# The modules of the families, in the order of FAMILIES (the order of `argmap rules` and docs/rules.md).
FAMILY_MODULES: tuple[ModuleType, ...] = (syntax, schema, references, structure, consistency, quotes, links, suppressions)


def _registry(modules: tuple[ModuleType, ...]) -> dict[str, Rule]:
    rules = [value for module in modules for value in vars(module).values() if isinstance(value, Rule)]
    registry = {rule.code: rule for rule in sorted(rules, key=lambda rule: (list(FAMILIES).index(rule.code[0]), rule.code))}
    assert len(registry) == len(rules), "two rules share a code"
    return registry


RULES: dict[str, Rule] = _registry(FAMILY_MODULES)
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}


def resolve(code_or_name: str) -> list[Rule]:
    """Rules named by a code ('S003'), a prefix ('S', 'S00'), a name ('unknown-key') or 'ALL'."""
    key = code_or_name.strip()
    if key.upper() == "ALL":
        return list(RULES.values())
    if key in BY_NAME:
        return [BY_NAME[key]]
    upper = key.upper()
    return [rule for code, rule in RULES.items() if code.startswith(upper)] if upper else []
