"""`argmap new`: a skeleton map for an article text, to fill in."""

from __future__ import annotations

import os
import sys
from functools import partial
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from argmap.interfaces.commands.base import (
    DEFAULT_CORPUS,
    ConfigOpt,
    IsolatedOpt,
    OutputOpt,
    SourcesOpt,
    app,
    argument,
    corpus_errors,
    settings,
    usage_error,
    warn,
)

if TYPE_CHECKING:
    from argmap.authoring.skeleton import Author
    from argmap.files.sources.extract import Extraction
    from argmap.model.config import Settings
    from argmap.model.maps import Corpus


@app.command()
def new(
    article_file: Annotated[str, argument("ARTICLE.txt", "The article: a text file, a saved web page (.html) or a PDF.")],
    output: OutputOpt = None,
    author: Annotated[Optional[list[str]], typer.Option(
        "--author", metavar="NAME", help="The author: agent id, name or alias in agents.yaml, or a new name, "
        "or unknown. Repeat for several. Default: the text's byline, if any.")] = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="T", help="The title (default: the text's title line).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="D", help="YYYY, YYYY-MM or YYYY-MM-DD (default: the text's dateline).")] = None,
    outlet: Annotated[Optional[str], typer.Option("--outlet", metavar="O", help="Where it was published.")] = None,
    map_id: Annotated[Optional[str], typer.Option("--id", metavar="ID", help="The map id (default: author-year-subject).")] = None,
    corpus: Annotated[Optional[str], typer.Option(
        "--corpus", metavar="DIR", help="The maps directory whose agents.yaml and questions.yaml to use "
        "(default: the directory of -o, else maps/).")] = None,
    add_agent: Annotated[bool, typer.Option(
        "--add-agent", help="Append a new author to the corpus's agents.yaml (created if missing).")] = False,
    sources: SourcesOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Write a skeleton map for ARTICLE.txt: source filled from the text, author resolved in agents.yaml,
    thesis, claims and evidence to fill in, a commented position for each shared question.

    Prints the map, or writes it to -o FILE (never over an existing file). A new author is proposed as
    an agents.yaml entry (on standard error), or appended with --add-agent.
    """
    from argmap.authoring import skeleton as sk
    from argmap.authoring.agents_file import AgentsFileError, append_agents
    from argmap.core.safetext import clean
    from argmap.files.output import is_stdout

    run = settings(config, isolated, sources=tuple(sources) if sources else None)
    to_file = bool(output) and not is_stdout(output or "")
    if to_file and output and os.path.lexists(output):
        usage_error(f"{output} already exists: argmap new writes only a new file, never over an existing one "
                    "(an input of this run or any other); give another -o")
    if date is not None and not _date_ok(date):
        usage_error(f"--date {date!r} is not YYYY, YYYY-MM, YYYY-MM-DD or unknown")
    if map_id is not None and not sk.valid_id(map_id):
        usage_error(f"--id {map_id!r} is not an id: lowercase words joined by hyphens, e.g. melyantsou-2021-merger-fears")
    for text_value, option in ((title, "--title"), (outlet, "--outlet")):
        if text_value is not None and not text_value.strip():
            usage_error(f"{option} is empty")
    text_name = os.path.basename(article_file)
    if not _name_ok(text_name):
        usage_error(f"the article's file name {text_name!r} cannot be written in a map: rename the file")
    from argmap.files.sources.extract import is_extracted

    page = None
    if is_extracted(text_name):
        page = _extract(article_file, run)
        text = page.text
        meta = page.meta
        title = title or meta.get("title")
        date = date or (meta["date"] if _date_ok(str(meta.get("date", ""))) else None)
        outlet = outlet or meta.get("outlet")
        author = author or meta.get("authors") or None
    else:
        text = _read_article(article_file)

    directory = corpus or _corpus_beside(output if to_file else None)
    registries = _registries(directory, corpus is not None, run)
    schema = sk.schema_modeline(os.path.dirname(os.path.abspath(output)) if to_file and output else directory)
    built = sk.build(text, text_name, registries, author or [], title, date, outlet, schema)
    if map_id is not None:
        if any(m.id == map_id for m in registries.maps):
            usage_error(f"--id {map_id}: a map of the corpus already has this id")
        built.id = map_id
    if built.facts.byline and not author:
        built.from_byline = True
    if page is not None:
        built.url, built.archived = page.meta.get("url"), page.meta.get("archived")
        built.origin = "the PDF's metadata" if page.kind == "pdf" else "the page's metadata"

    new_authors = [a for a in built.authors if a.how == "new"]
    if new_authors and add_agent:
        agents_path = next((p for p in registries.registry_files
                            if os.path.basename(p) in ("agents.yaml", "agents.yml")), None)
        target = agents_path or os.path.join(directory, "agents.yaml")
        described = None if built.source_title == "unknown" else built.source_title
        modeline = sk.MODELINE.format(sk.schema_modeline(os.path.dirname(os.path.abspath(target)))
                                      .replace("map.schema.json", "agents.schema.json"))
        try:
            append_agents(target, [partial(_stub, a, described) for a in new_authors],
                          [a.id or "" for a in new_authors], modeline)
        except AgentsFileError as error:
            usage_error(str(error))
        built.added = True
        for a in new_authors:
            warn(f"added {a.id} ({a.given}) to {target}")
    elif new_authors:
        sys.stderr.write(clean("argmap: the author is not in agents.yaml; the map says `authors: unknown` until it is. "
                               "Add this entry (or run again with --add-agent):") + "\n")
        for a in new_authors:
            if a.nearest:
                sys.stderr.write(clean(f"argmap: (is {a.given!r} the registered agent {a.nearest}? Then give --author {a.nearest})") + "\n")
            sys.stderr.write(clean(sk.stub_entry(a, None if built.source_title == "unknown" else built.source_title),
                                   keep_newlines=True))
    for a in built.authors:
        if a.how == "close":
            warn(f"the author {a.given!r} is taken for the registered agent {a.id} ({a.agent.name if a.agent else ''}): "
                 "check, or give the agent's id")
    missing = {"title": title, "date": date, "author": author}
    hints = {"title": "give --title", "date": "give --date YYYY[-MM[-DD]]", "author": "give --author NAME"}
    for what in sk.missing(built.facts):
        if not missing[what]:
            warn(f"no {what} found in {text_name}: the map says `unknown`; {hints[what]} or fill it in")
    if run.sources and not any(os.path.isfile(os.path.join(d, text_name)) for d in run.sources):
        warn(f"{text_name} is not in the sources directories ({', '.join(run.sources)}): put it there for the quote check")

    document = built.render()
    if to_file and output:
        from argmap.authoring.agents_file import write_new

        try:
            write_new(output, document)
        except (FileExistsError, OSError) as error:
            usage_error(f"cannot write {output}: {error.strerror if isinstance(error, OSError) and error.strerror else error}")
        sys.stderr.write(clean(f"argmap: wrote {output} ({built.id})") + "\n")
        return
    sys.stdout.write(document)
    sys.stdout.flush()


def _date_ok(value: str) -> bool:
    import re

    from argmap.model.schema import DATE_PATTERN

    return re.match(DATE_PATTERN, value) is not None


def _name_ok(name: str) -> bool:
    """A file name a map can hold: printable, one line, no path."""
    return bool(name) and name not in (".", "..") and all(c.isprintable() for c in name)


def _read_article(path: str) -> str:
    from argmap.authoring.find import MAX_ARTICLE_SIZE

    if not os.path.isfile(path):
        usage_error(f"no such article text: {path}")
    try:
        if os.path.getsize(path) > MAX_ARTICLE_SIZE:
            usage_error(f"{path} is larger than {MAX_ARTICLE_SIZE:,} bytes")
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        usage_error(f"{path} is not UTF-8 text (byte {error.start}): convert it first")
    except OSError as error:
        usage_error(f"cannot read {path}: {error.strerror or error}")


def _extract(path: str, run: Settings) -> Extraction:
    """A saved page's or PDF's main text and metadata (argmap.files.sources); a usage error if it cannot be had."""
    from argmap.files.sources.extract import ExtractionError, extract_file

    if not os.path.isfile(path):
        usage_error(f"no such article: {path}")
    try:
        return extract_file(path, run.extract_limits)
    except ExtractionError as error:
        usage_error(f"{error.message} ({error.hint})")


def _corpus_beside(output: str | None) -> str:
    """The directory of -o if it holds a registry (the map goes into a corpus), else maps/."""
    from argmap.model.corpus import REGISTRY_NAMES

    if output:
        beside = os.path.dirname(output) or "."
        if any(os.path.isfile(os.path.join(beside, name)) for name in REGISTRY_NAMES):
            return beside
    return DEFAULT_CORPUS


def _registries(directory: str, given: bool, run: Settings) -> Corpus:
    """The corpus at `directory` (its maps, for ids already taken, and its registries); an empty one
    where there is none (then nothing can be resolved, and the map says so)."""
    from argmap.model.corpus import load_corpus
    from argmap.model.maps import Corpus

    if not os.path.isdir(directory):
        if given:
            usage_error(f"--corpus: no such directory: {directory}")
        return Corpus()
    with corpus_errors():
        corpus, _findings, _files = load_corpus([directory], run.limits, run.jobs)
    return corpus


def _stub(author: Author, title: str | None, dash: str, _keys: str) -> str:
    """The agents.yaml entry of a new author, at the list's indentation (the editor's item writer)."""
    from argmap.authoring.skeleton import stub_entry

    return stub_entry(author, title, dash)
