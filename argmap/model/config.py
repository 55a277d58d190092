"""The settings of a run: one object, built once from the configuration file and the command line.

The file is `[tool.argmap]` in pyproject.toml, or argmap.toml, found from the working directory upwards
and no further than the repository's root (as ruff does): a file above the repository must not change
what a check of it means. Every value is type-checked: `strict = "no"` is an error, not true.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from argmap.core import defaults
from argmap.core.diagnostics import Severity
from argmap.core.patterns import later
from argmap.core.record import field, fields, record, replace
from argmap.core.rules import resolve
from argmap.syntax.yamlsource import Limits

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from argmap.files.sources.extract import ExtractLimits


class ConfigError(Exception):
    """A setting that cannot be used; reported as a usage error (exit 2)."""


@record(frozen=True)
class Settings:
    """Everything a command may be told, with its default. `path` is the configuration file in force."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # directories of article texts, searched in order
    require_sources: bool = False
    strict: bool = False
    max_file_size: int = Limits.max_file_size
    max_depth: int = Limits.max_depth
    max_nodes: int = Limits.max_nodes
    max_quote_length: int = defaults.MAX_QUOTE_LENGTH
    max_ellipsis_gap: int = defaults.MAX_ELLIPSIS_GAP
    jobs: int = 0  # worker processes; 0 decides by the corpus size
    max_source_size: int = defaults.MAX_SOURCE_SIZE
    max_source_pages: int = defaults.MAX_SOURCE_PAGES
    extract_timeout: int = defaults.EXTRACT_TIMEOUT
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)  # glob -> rule codes
    # named periods for `positions --by period`, `brief` and the report: (name, first date, last date), in
    # the order written; dates as maps write them (YYYY, YYYY-MM or YYYY-MM-DD), both ends included
    periods: tuple[tuple[str, str, str], ...] = ()
    min_alpha: float | None = None  # `reliability` exits 1 below this stance alpha (a floor for CI)
    min_coverage: float | None = None  # ... or below this coverage (units both coders recorded / either)
    path: str | None = None

    @property
    def limits(self) -> Limits:
        return Limits(max_file_size=self.max_file_size, max_depth=self.max_depth, max_nodes=self.max_nodes)

    @property
    def extract_limits(self) -> ExtractLimits:
        from argmap.files.sources.extract import ExtractLimits

        return ExtractLimits(self.max_source_size, self.max_source_pages, self.extract_timeout)

    def updated(self, **overrides: Any) -> Settings:
        """These settings with the command line's values on top; None means "not given"."""
        given = {key: value for key, value in overrides.items() if value is not None}
        if "select" in given and not given["select"]:
            del given["select"]
        if "ignore" in given:  # the command line adds to the file's list
            given["ignore"] = (*self.ignore, *given["ignore"])
        if "severity" in given:
            given["severity"] = {**self.severity, **given["severity"]}
        if "sources" in given and not given["sources"]:
            del given["sources"]
        return replace(self, **given)

    def shown(self) -> list[tuple[str, str]]:
        """(key, value) of every setting, as `check --show-settings` prints them."""
        rows = [("configuration file", self.path or "(none: defaults)")]
        for item in fields(self):
            if item.name == "path":
                continue
            value = getattr(self, item.name)
            if item.name == "periods":
                value = ", ".join(f"{name}={start}..{end}" for name, start, end in value) or "(none)"
            elif isinstance(value, dict):
                value = ", ".join(f"{k}={v.value if isinstance(v, Severity) else '|'.join(v)}"
                                  for k, v in value.items()) or "(none)"
            elif isinstance(value, tuple):
                value = ", ".join(value) or "(none)"
            rows.append((item.name.replace("_", "-"), str(value).lower() if isinstance(value, bool) else str(value)))
        return rows


# Every key [tool.argmap] takes (`_checked` reads each with its type).
KEYS = ("select", "ignore", "severity", "sources", "require-sources", "strict", "max-file-size", "max-depth",
        "max-nodes", "max-quote-length", "max-ellipsis-gap", "jobs", "per-file-ignores", "periods",
        "min-alpha", "min-coverage", "max-source-size", "max-source-pages", "extract-timeout")

# Where a pyproject.toml may hold argmap's table: `tool.argmap` (a table's header or a dotted key, in any
# quoting and spacing), or a key `argmap` after a `[tool]` header or `tool = {`. Found in more files than that
# (in a comment, a string), never in fewer: a file without it is not argmap's to read.
_ARGMAP_TABLE = later(rb"""tool["']?[ \t]*\.[ \t]*["']?argmap"""
                      rb"""|(?:\[[ \t]*["']?tool["']?[ \t]*\]|tool["']?[ \t]*=[ \t]*\{)[\s\S]*?argmap["']?[ \t]*[.\]=]""")
PERIOD_DATE = later(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$(?!\n)")  # as a map's source.date, without unknown


def _is_repository_root(directory: str) -> bool:
    return os.path.exists(os.path.join(directory, ".git"))


def find_config(start: str = ".") -> tuple[str, dict[str, Any]] | None:
    """The first argmap.toml, or pyproject.toml with [tool.argmap], from `start` up to the repository root."""
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
            # Most pyproject.toml files have no argmap table (they name argmap as a dependency, a script, or not
            # at all): they are not parsed (nor judged) at all, nor is tomllib imported.
            if name == "pyproject.toml" and not _ARGMAP_TABLE.search(raw):
                continue
            data = _parse_toml(candidate, raw)
            if name == "argmap.toml":
                return candidate, data.get("tool", {}).get("argmap", data)
            section = data.get("tool", {}).get("argmap")
            if section is not None:
                return candidate, section
        parent = os.path.dirname(directory)
        if parent == directory or _is_repository_root(directory):
            return None
        directory = parent


def _parse_toml(path: str, raw: bytes) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
        return data
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


def check_codes(codes: list[str] | tuple[str, ...], origin: str) -> tuple[str, ...]:
    for code in codes:
        if not resolve(code):
            raise ConfigError(f"{origin}: unknown rule {code!r}; `argmap rules` lists them")
    return tuple(codes)


def _type_name(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def _checked(origin: str, section: dict[str, Any]) -> dict[str, Any]:
    """The file's values under Settings' names, each of the type its key takes."""
    def fail(key: str, expected: str) -> None:
        value = section[key]
        raise ConfigError(f"{origin}: `{key}` must be {expected}, not {_type_name(value)} ({value!r})")

    def boolean(key: str) -> bool:
        if not isinstance(section[key], bool):
            fail(key, "true or false")
        return bool(section[key])

    def positive(key: str) -> int:
        value = section[key]
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            fail(key, "a positive integer")
        return int(value)

    def fraction(low: float) -> Callable[[str], float]:
        def read(key: str) -> float:
            value = section[key]
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= 1:
                fail(key, f"a number from {low:g} to 1")
            return float(value)

        return read

    def codes(key: str) -> tuple[str, ...]:
        value = section[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(key, "a list of rule codes")
        return check_codes(value, origin)

    def severity(key: str) -> dict[str, Severity]:
        if not isinstance(section[key], dict):
            fail(key, 'a table of CODE = "level"')
        return parse_severity(section[key], origin)

    def per_file(key: str) -> dict[str, tuple[str, ...]]:
        value = section[key]
        if not isinstance(value, dict) or not all(isinstance(v, list) and all(isinstance(c, str) for c in v)
                                                  for v in value.values()):
            fail(key, 'a table of "glob" = ["CODE", ...]')
        return {str(glob): check_codes(codes, origin) for glob, codes in value.items()}

    def directories(key: str) -> tuple[str, ...]:
        value = section[key]
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(v, str) and v for v in items):
            fail(key, "a directory or a list of directories")
        # Relative to the file that names them, wherever argmap runs from.
        return tuple(os.path.join(os.path.dirname(origin), item) for item in items)

    def periods(key: str) -> tuple[tuple[str, str, str], ...]:
        value = section[key]
        if not isinstance(value, dict) or not all(
                isinstance(v, list) and len(v) == 2 and all(isinstance(d, str) and PERIOD_DATE.match(d) for d in v)
                for v in value.values()):
            fail(key, 'a table of name = ["FIRST-DATE", "LAST-DATE"] (YYYY, YYYY-MM or YYYY-MM-DD)')
        out = []
        for name, (start, end) in value.items():
            if end < start[:len(end)]:
                raise ConfigError(f"{origin}: period {name!r} ends ({end}) before it starts ({start})")
            out.append((str(name), start, end))
        return tuple(out)

    readers: dict[str, Callable[[str], Any]] = {
        "select": codes, "ignore": codes, "severity": severity, "sources": directories,
        "require-sources": boolean, "strict": boolean, "max-file-size": positive, "max-depth": positive,
        "max-nodes": positive, "max-quote-length": positive, "max-ellipsis-gap": positive, "jobs": positive,
        "per-file-ignores": per_file, "periods": periods, "min-alpha": fraction(-1.0), "min-coverage": fraction(0.0),
        "max-source-size": positive, "max-source-pages": positive, "extract-timeout": positive,
    }
    assert set(readers) == set(KEYS)  # one list of the keys, kept with their readers
    unknown = sorted(set(section) - set(readers))
    if unknown:
        raise ConfigError(f"{origin}: unknown setting(s) {', '.join(unknown)} in [tool.argmap]; "
                          f"known: {', '.join(KEYS)}")
    return {key.replace("-", "_"): readers[key](key) for key in section}


def load(start: str = ".", explicit: str | None = None, isolated: bool = False) -> Settings:
    """The settings of the configuration file in force (`explicit`, else the one found from `start`)."""
    if isolated:
        return Settings()
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
    from argmap.files.inputs import remember_config

    remember_config(origin)  # no command may write its output over the configuration in force
    if not isinstance(section, dict):
        raise ConfigError(f"{origin}: [tool.argmap] must be a table")
    return Settings(path=origin, **_checked(origin, section))
