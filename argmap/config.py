"""Settings from `[tool.argmap]` in pyproject.toml or from argmap.toml, found from the working directory up."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Severity
from argmap.rules import resolve
from argmap.yamlsource import Limits


class ConfigError(Exception):
    """A setting that cannot be used; reported as a usage error."""


@dataclass
class Settings:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    sources: str | None = None
    require_sources: bool = False
    strict: bool = False
    max_file_size: int | None = None
    max_depth: int | None = None
    max_nodes: int | None = None
    max_quote_length: int | None = None
    path: str | None = None  # the file the settings came from


    def limits(self, max_file_size: int | None = None, max_depth: int | None = None,
               max_nodes: int | None = None) -> Limits:
        """The safety limits: the command line's, else this file's, else the defaults."""
        defaults = Limits()
        return Limits(
            max_file_size=max_file_size or self.max_file_size or defaults.max_file_size,
            max_depth=max_depth or self.max_depth or defaults.max_depth,
            max_nodes=max_nodes or self.max_nodes or defaults.max_nodes,
        )


_KEYS = {"select", "ignore", "severity", "sources", "require-sources", "strict", "max-file-size",
         "max-depth", "max-nodes", "max-quote-length"}


def find_config(start: str = ".") -> tuple[str, dict[str, Any]] | None:
    directory = os.path.abspath(start)
    while True:
        for name in ("argmap.toml", "pyproject.toml"):
            candidate = os.path.join(directory, name)
            if not os.path.isfile(candidate):
                continue
            try:
                with open(candidate, "rb") as handle:
                    raw = handle.read()
            except OSError as error:
                raise ConfigError(f"{candidate}: {error}") from None
            # Most pyproject.toml files say nothing of argmap: they are not parsed (nor judged) at all.
            if name == "pyproject.toml" and b"argmap" not in raw:
                continue
            data = _parse_toml(candidate, raw)
            if name == "argmap.toml":
                return candidate, data.get("tool", {}).get("argmap", data)
            section = data.get("tool", {}).get("argmap")
            if section is not None:
                return candidate, section
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _parse_toml(path: str, raw: bytes) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None


def parse_severity(mapping: dict[str, Any], origin: str) -> dict[str, Severity]:
    out: dict[str, Severity] = {}
    for key, level in mapping.items():
        rules = resolve(str(key))
        if not rules:
            raise ConfigError(f"{origin}: unknown rule {key!r} in severity")
        try:
            severity = Severity(str(level).lower())
        except ValueError:
            raise ConfigError(f"{origin}: severity {level!r} for {key} is not error, warning or info") from None
        for rule in rules:
            out[rule.code] = severity
    return out


def check_codes(codes: list[str], origin: str) -> list[str]:
    for code in codes:
        if not resolve(code):
            raise ConfigError(f"{origin}: unknown rule {code!r}; `argmap rules` lists them")
    return codes


def load(start: str = ".", explicit: str | None = None) -> Settings:
    found: tuple[str, dict[str, Any]] | None
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError(f"config file not found: {explicit}")
        try:
            with open(explicit, "rb") as handle:
                data = _parse_toml(explicit, handle.read())
        except OSError as error:
            raise ConfigError(f"{explicit}: {error}") from None
        found = (explicit, data.get("tool", {}).get("argmap", data))
    else:
        found = find_config(start)
    if found is None:
        return Settings()
    origin, section = found
    from argmap.output import remember_config  # issue 11: `-o` never writes over the configuration file

    remember_config(origin)
    if not isinstance(section, dict):
        raise ConfigError(f"{origin}: [tool.argmap] must be a table")
    unknown = set(section) - _KEYS
    if unknown:
        raise ConfigError(f"{origin}: unknown setting(s) {', '.join(sorted(unknown))} in [tool.argmap]")

    def listing(key: str) -> list[str]:
        value = section.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{origin}: `{key}` must be a list of rule codes")
        return check_codes(value, origin)

    def number(key: str) -> int | None:
        value = section.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            raise ConfigError(f"{origin}: `{key}` must be a positive integer")
        return value

    severity = section.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{origin}: `severity` must be a table of CODE = \"level\"")
    sources = section.get("sources")
    if sources is not None:
        sources = os.path.join(os.path.dirname(origin), str(sources))
    return Settings(
        select=listing("select"), ignore=listing("ignore"), severity=parse_severity(severity, origin),
        sources=sources, require_sources=bool(section.get("require-sources", False)),
        strict=bool(section.get("strict", False)), max_file_size=number("max-file-size"),
        max_depth=number("max-depth"), max_nodes=number("max-nodes"),
        max_quote_length=number("max-quote-length"), path=origin,
    )
