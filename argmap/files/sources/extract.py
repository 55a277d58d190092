"""Extracting an article from a saved web page or a PDF: the parent's side.

The libraries that parse pages and PDFs cannot be bounded from inside (a PDF's page tree can loop, a page
can nest 100,000 elements deep, either can take gigabytes), so the work runs in a child process
(`argmap.files.sources.worker`) with a memory limit and a CPU-time limit set in it, and a wall-clock timeout
here. Whatever happens in it, the parent gets a result or an ExtractionError with a sentence to show.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from bisect import bisect_right
from typing import Any

from argmap.core import defaults
from argmap.core.record import field, record
from argmap.files.sources import EXTRA, is_extracted, store

__all__ = ["EXTRA", "ExtractLimits", "Extraction", "ExtractionError", "extract_file", "is_extracted"]

_LIBRARY = {"web": "trafilatura", "pdf": "pdfminer"}  # the module each extra's package installs
_PACKAGE = {"web": "trafilatura", "pdf": "pdfminer.six"}
MEMORY = 2 * 1024**3  # bytes of address space for the child (a parser's tree of a large page fits)


@record(frozen=True)
class ExtractLimits:
    """The budget of one extraction (the settings max-source-size, max-source-pages, extract-timeout)."""

    max_size: int = defaults.MAX_SOURCE_SIZE  # bytes of the file
    max_pages: int = defaults.MAX_SOURCE_PAGES  # pages of a PDF
    timeout: int = defaults.EXTRACT_TIMEOUT  # seconds, wall clock, of the child process


@record
class Extraction:
    """An article's main text, and what lies around it in the file."""

    kind: str  # "html" or "pdf"
    text: str  # the main text: paragraphs separated by blank lines
    full: str = ""  # every visible word of the file (a page's navigation and comments; a PDF's headers)
    regions: list[tuple[int, int, str]] = field(default_factory=list)  # spans of `full` outside the article
    pages: list[int] = field(default_factory=list)  # offset in `text` where each PDF page starts
    meta: dict[str, Any] = field(default_factory=dict)  # title, authors, date, outlet, url, archived

    def page(self, offset: int) -> int | None:
        """The 1-based PDF page of offset `offset` in the main text (None for a web page)."""
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))

    def region(self, offset: int) -> str:
        """What part of the file offset `offset` of the full text is in (navigation, comments, ...)."""
        inside = [(end - start, label) for start, end, label in self.regions if start <= offset < end]
        if inside:
            return min(inside)[1]  # the innermost: the navigation inside the page's header
        return "running headers, footers or page numbers" if self.kind == "pdf" else "navigation or boilerplate"

    def where(self) -> str:
        return "the PDF's" if self.kind == "pdf" else "the page's"


class ExtractionError(Exception):
    """An article that cannot be extracted: `message` says why, `hint` what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def kind_of(name: str) -> str:
    return "pdf" if EXTRA.get(os.path.splitext(name)[1].lower()) == "pdf" else "html"


def missing_extra(name: str) -> ExtractionError | None:
    """The error for a page or PDF whose extra is not installed, else None."""
    extra = EXTRA[os.path.splitext(name)[1].lower()]
    if importlib.util.find_spec(_LIBRARY[extra]) is not None:
        return None
    what = "a PDF" if extra == "pdf" else "a web page"
    return ExtractionError(f"{name} is {what}, and reading it needs argmap's `{extra}` extra ({_PACKAGE[extra]}), "
                           "which is not installed", f"pip install 'argmap[{extra}]'")


def library_versions() -> list[str]:
    """The versions of the extraction libraries (part of every cache key: an upgrade extracts afresh)."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("trafilatura", "lxml", "pdfminer.six"):
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=-")
    return out


def read_bounded(path: str, limit: int) -> bytes:
    """The file's bytes, refusing one larger than `limit` (before reading it)."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                raise ExtractionError(f"{name} is larger than {limit:,} bytes",
                                      "raise max-source-size in [tool.argmap], or save the article alone")
            data = handle.read(limit + 1)
    except OSError as error:
        raise ExtractionError(f"cannot read {name}: {error.strerror or error}", "check the file and its permissions") from None
    if len(data) > limit:
        raise ExtractionError(f"{name} is larger than {limit:,} bytes", "raise max-source-size in [tool.argmap]")
    return data


def extract_file(path: str, limits: ExtractLimits | None = None, cache_root: str | None = None,
                 use_cache: bool = True) -> Extraction:
    """The extraction of the page or PDF at `path`: from the cache (keyed by the file's sha256, the
    libraries' versions and the limits) or made afresh in a child process. Raises ExtractionError."""
    limits = limits or ExtractLimits()
    name = os.path.basename(path)
    missing = missing_extra(name)
    if missing is not None:
        raise missing
    data = read_bounded(path, limits.max_size)
    kind = kind_of(name)
    key = hashlib.sha256(b"\x00".join([
        hashlib.sha256(data).hexdigest().encode(), kind.encode(), str(store.FORMAT).encode(),
        str(limits.max_pages).encode(), *(v.encode() for v in library_versions())])).hexdigest()
    if use_cache:
        cached = store.load(key, cache_root)
        if cached is not None:
            try:
                return decode(cached)
            except (TypeError, ValueError, KeyError):
                pass  # not what argmap writes: extracted afresh
    record = run_worker(data, kind, limits, name)
    extraction = decode(record)
    if use_cache:
        store.save(key, record, cache_root)
    return extraction


def run_worker(data: bytes, kind: str, limits: ExtractLimits, name: str) -> dict[str, Any]:
    """The worker's JSON answer for `data`; an ExtractionError for anything else."""
    import subprocess

    command = [sys.executable, "-m", "argmap.files.sources.worker", kind, str(limits.max_pages), str(MEMORY),
               str(limits.timeout)]
    # The child imports this very argmap (a checkout run with PYTHONPATH, or the installed one).
    root = os.path.abspath(__file__)
    for _ in range(__name__.count(".") + 1):  # up from argmap/.../extract.py, however deep it lies
        root = os.path.dirname(root)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=limits.timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise ExtractionError(f"extracting the text of {name} took longer than {limits.timeout} s and was stopped",
                              "save the article alone (or as text), or raise extract-timeout in [tool.argmap]") from None
    except OSError as error:
        raise ExtractionError(f"cannot extract the text of {name}: {error.strerror or error}",
                              "check that Python can start a child process") from None
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        answer = None
    if not isinstance(answer, dict):
        # Killed by its limits (memory, CPU time) or crashed: nothing to trust.
        reason = "ran out of its memory or time budget" if done.returncode != 0 else "gave no answer"
        raise ExtractionError(f"extracting the text of {name} failed: the extractor {reason}",
                              "save the article alone (or as text), or give it as a .txt file")
    if "error" in answer:
        raise ExtractionError(f"{name}: {answer.get('error')}", str(answer.get("hint") or "give the article as a .txt file"))
    return answer


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _int(value: object) -> int:
    if type(value) is not int or value < 0:
        raise TypeError
    return value


def _plain(value: object) -> str:
    """A metadata value as one line of printable text: control, format (bidi) and private characters out."""
    import unicodedata

    if not isinstance(value, str):
        return ""
    kept = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in value)
    return " ".join(kept.split())[:1000]


def decode(record: dict[str, Any]) -> Extraction:
    """An Extraction from the worker's (or the cache's) JSON, every field checked."""
    kind = _str(record["kind"])
    if kind not in ("html", "pdf"):
        raise ValueError(kind)
    regions = []
    for item in record.get("regions") or []:
        if not isinstance(item, list) or len(item) != 3:
            raise TypeError
        regions.append((_int(item[0]), _int(item[1]), _str(item[2])))
    pages = [_int(p) for p in record.get("pages") or []]
    meta_in = record.get("meta") or {}
    if not isinstance(meta_in, dict):
        raise TypeError
    meta: dict[str, Any] = {}
    for key in ("title", "date", "outlet", "url", "archived"):
        value = _plain(meta_in.get(key))
        if value:
            meta[key] = value
    authors = meta_in.get("authors")
    if isinstance(authors, list):
        meta["authors"] = [a for a in (_plain(a) for a in authors) if a]
    return Extraction(kind, _str(record["text"]), _str(record.get("full", "")), regions, pages, meta)
