"""The dependency floors that pyproject.toml declares are the versions .ci/run tests as the lowest."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _name(requirement: str) -> str:
    return re.split(r"[^A-Za-z0-9_.-]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _version(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_every_floor_is_pinned_in_the_lowest_constraints() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    floors = {}
    for requirement in requirements:
        found = re.search(r">=\s*([0-9][0-9A-Za-z.]*)", requirement)
        assert found, f"{requirement!r} declares no floor"
        floors[_name(requirement)] = _version(found.group(1))
    pinned = {}
    for line in (ROOT / ".ci" / "constraints-lowest.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            spec = line.split(";", 1)[0].strip()
            name, _, version = spec.partition("==")
            pinned[_name(name)] = _version(version.strip())
    # mypy and its stubs run on the newest only: their verdicts change between versions; the code does not need them.
    floors.pop("mypy", None)
    floors.pop("types-pyyaml", None)
    # build and twine make and check the release (.ci/run, on the newest): argmap's code never imports them.
    floors.pop("build", None)
    floors.pop("twine", None)
    assert pinned == floors
