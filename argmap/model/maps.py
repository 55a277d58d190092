"""The map model: plain typed data built from positioned YAML, tolerant of schema errors.

Everything downstream (checks, analyses, reporters, exports) reads these classes, never YAML.
"""

from __future__ import annotations

from argmap.core import stance as scale
from argmap.core.notyping import NamedTuple
from argmap.core.record import field, record
from argmap.syntax.yamlsource import Document, Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

AUTHOR = "author"  # the reserved agent id: "this map's author"
UNKNOWN = "unknown"


class Ref(NamedTuple):
    """An id as written somewhere, with where it was written."""

    id: str
    line: int
    column: int


@record
class Agent:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "person"
    description: str = ""
    path: str = ""
    line: int = 0
    column: int = 0


@record
class Question:
    id: str
    proposition: str
    implies: list[Ref] = field(default_factory=list)
    excludes: list[Ref] = field(default_factory=list)
    refines: list[Ref] = field(default_factory=list)  # the broader questions this one narrows
    note: str = ""
    path: str = ""
    line: int = 0
    column: int = 0


@record
class Claim:
    id: str
    text: str
    by: Ref
    supports: list[Ref] = field(default_factory=list)
    attacks: list[Ref] = field(default_factory=list)
    note: str = ""
    is_thesis: bool = False
    line: int = 0
    column: int = 0


@record
class Evidence:
    id: str
    quote: str
    speaker: Ref
    grounds: list[Ref] = field(default_factory=list)
    note: str = ""
    line: int = 0
    column: int = 0
    quote_line: int = 0
    quote_column: int = 0
    translation: str = ""  # the quote in the map's language, for a quote kept in the article's own


@record
class Position:
    agent: Ref  # as written: may be the reserved `author`
    question: Ref
    stance: int | None  # None when not on the scale (reported by the schema check)
    grounds: list[Ref] = field(default_factory=list)
    note: str = ""
    line: int = 0
    column: int = 0
    basis: str | None = None  # how the stance is known (stance.BASES); None when absent or not one of them
    # A `basis` key is there (a wrong value is the schema's finding, not C010). A fact of the file, not of
    # the position: left out of equality, so that a position read back from an export equals its original.
    basis_written: bool = field(default=False, compare=False)


@record
class Source:
    title: str = UNKNOWN
    authors: list[Ref] = field(default_factory=list)  # empty when unknown
    outlet: str = UNKNOWN
    date: str = UNKNOWN
    url: str = UNKNOWN
    archived: str = UNKNOWN  # an archive copy's address
    text: str = ""
    text_line: int = 0
    text_column: int = 0
    notes: str = ""
    language: str = ""  # the article's language, a BCP 47 tag (`ru`, `be`); "" when not given


@record
class Map:
    id: str
    path: str
    source: Source
    agents: list[Ref] = field(default_factory=list)
    thesis: Claim | None = None
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    notes: str = ""
    line: int = 1
    column: int = 1

    @property
    def nodes(self) -> list[Claim]:
        """The thesis and the claims: everything that can be supported, attacked or grounded."""
        return ([self.thesis] if self.thesis else []) + self.claims

    @property
    def anonymous_author(self) -> str:
        return f"{AUTHOR}@{self.id}"

    def agent_id(self, ref: str) -> str:
        """The corpus-wide agent id that `ref` names in this map (resolving `author`)."""
        if ref != AUTHOR:
            return ref
        if len(self.source.authors) == 1:
            return self.source.authors[0].id
        return self.anonymous_author if not self.source.authors else AUTHOR

    @property
    def author_ids(self) -> list[str]:
        return [ref.id for ref in self.source.authors] or [self.anonymous_author]

    @property
    def sort_date(self) -> str:
        return self.source.date if self.source.date != UNKNOWN else "9999"


LINK_RELATIONS = ("same", "opposes", "supports", "attacks")
SYMMETRIC_RELATIONS = frozenset({"same", "opposes"})


@record
class Link:
    """A relation between two claims of (usually) different maps, from links.yaml: `MAP-ID#CLAIM-ID`."""

    source: Ref  # `from` in the file (a keyword in Python)
    target: Ref  # `to`
    relation: Ref
    note: str = ""
    path: str = ""
    line: int = 0
    column: int = 0


@record
class Corpus:
    maps: list[Map] = field(default_factory=list)
    agents: dict[str, Agent] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    registry_files: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # from links.yaml, in file order

    def map_by_id(self, map_id: str) -> Map | None:
        return next((m for m in self.maps if m.id == map_id), None)

    def agent_name(self, agent_id: str) -> str:
        agent = self.agents.get(agent_id)
        if agent:
            return agent.name
        if agent_id.startswith(f"{AUTHOR}@"):
            return f"author of {agent_id.split('@', 1)[1]} (unnamed)"
        return agent_id


# -- building the model from positioned YAML -------------------------------------------------------


# A Ref made without its class's keyword-taking constructor (a frame of Python per id): the model holds
# tens of them per map, and building the model is a tenth of check's time.
_new_ref = tuple.__new__


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.pos = doc.pos

    def at(self, path: Path) -> tuple[int, int]:
        """`doc.at(path)`, the value that is there (nearly every one) looked up first."""
        return self.pos.get(path) or self.doc.at(path)

    def text(self, data: Any, key: str, default: str = "") -> str:
        value = data.get(key, default) if isinstance(data, dict) else default
        return value if isinstance(value, str) else (str(value) if isinstance(value, int) else default)

    def ref(self, data: Any, key: str, path: Path) -> Ref:
        value = data.get(key) if isinstance(data, dict) else None
        where = path + (key,)  # noqa: RUF005 - half the time of unpacking, for every value read
        return _new_ref(Ref, (value if isinstance(value, str) else "", *(self.pos.get(where) or self.doc.at(where))))

    def refs(self, data: Any, key: str, path: Path) -> list[Ref]:
        value = data.get(key) if isinstance(data, dict) else None
        if isinstance(value, str):  # a single id written without brackets: forgive it here
            value = [value]
        if not isinstance(value, list):
            return []
        where = path + (key,)  # noqa: RUF005
        get, at = self.pos.get, self.doc.at
        out = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                spot = where + (index,)  # noqa: RUF005
                out.append(_new_ref(Ref, (item, *(get(spot) or at(spot)))))
        return out

    def items(self, data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list):
            return []
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]

    def entries(self, data: Any, key: str) -> list[tuple[Path, dict[str, Any], int, int]]:
        """Each mapping of the list under `key`, with its path, line and column."""
        return [((key, i), item, *self.at((key, i))) for i, item in self.items(data, key)]

    def claim(self, data: dict[str, Any], path: Path, is_thesis: bool) -> Claim:
        line, column = self.at(path)
        return Claim(
            id=self.text(data, "id"), text=self.text(data, "text"), by=self.ref(data, "by", path),
            supports=self.refs(data, "supports", path), attacks=self.refs(data, "attacks", path),
            note=self.text(data, "note"), is_thesis=is_thesis, line=line, column=column,
        )


def build_map(doc: Document) -> Map:
    data = doc.data if isinstance(doc.data, dict) else {}
    r = _Reader(doc)
    given = data.get("source")
    src: dict[str, Any] = given if isinstance(given, dict) else {}
    authors = src.get("authors")
    text_line, text_column = doc.at(("source", "text"))
    source = Source(
        title=r.text(src, "title", UNKNOWN), outlet=r.text(src, "outlet", UNKNOWN),
        date=r.text(src, "date", UNKNOWN), url=r.text(src, "url", UNKNOWN),
        archived=r.text(src, "archived", UNKNOWN),
        text=r.text(src, "text"), text_line=text_line, text_column=text_column,
        notes=r.text(src, "notes"), language=r.text(src, "language"),
        authors=r.refs(src, "authors", ("source",)) if isinstance(authors, list) else [],
    )
    line, column = doc.at(("id",)) if "id" in data else doc.at(())
    result = Map(id=r.text(data, "id"), path=doc.path, source=source,
                 agents=r.refs(data, "agents", ()), notes=r.text(data, "notes"), line=line, column=column)
    if isinstance(data.get("thesis"), dict):
        result.thesis = r.claim(data["thesis"], ("thesis",), True)
    result.claims = [r.claim(item, ("claims", i), False) for i, item in r.items(data, "claims")]
    for path, item, line, column in r.entries(data, "evidence"):
        quote_line, quote_column = r.at((*path, "quote"))
        result.evidence.append(Evidence(
            id=r.text(item, "id"), quote=r.text(item, "quote"), speaker=r.ref(item, "speaker", path),
            grounds=r.refs(item, "grounds", path), note=r.text(item, "note"),
            line=line, column=column, quote_line=quote_line, quote_column=quote_column,
            translation=r.text(item, "translation"),
        ))
    for path, item, line, column in r.entries(data, "positions"):
        result.positions.append(Position(
            agent=r.ref(item, "agent", path), question=r.ref(item, "question", path),
            stance=scale.parse(item.get("stance")), grounds=r.refs(item, "grounds", path),
            note=r.text(item, "note"), line=line, column=column, basis=scale.parse_basis(item.get("basis")),
            basis_written="basis" in item,
        ))
    return result


def build_agents(doc: Document) -> list[Agent]:
    r = _Reader(doc)
    out = []
    for _, item, line, column in r.entries(doc.data, "agents"):
        aliases = item.get("aliases")
        out.append(Agent(
            id=r.text(item, "id"), name=r.text(item, "name") or r.text(item, "id"),
            aliases=[a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else [],
            kind=r.text(item, "kind", "person"), description=r.text(item, "description"),
            path=doc.path, line=line, column=column,
        ))
    return out


def build_questions(doc: Document) -> list[Question]:
    r = _Reader(doc)
    out = []
    for path, item, line, column in r.entries(doc.data, "questions"):
        out.append(Question(
            id=r.text(item, "id"), proposition=r.text(item, "proposition"),
            implies=r.refs(item, "implies", path), excludes=r.refs(item, "excludes", path),
            refines=r.refs(item, "refines", path),
            note=r.text(item, "note"), path=doc.path, line=line, column=column,
        ))
    return out


def build_links(doc: Document) -> list[Link]:
    r = _Reader(doc)
    out = []
    for path, item, line, column in r.entries(doc.data, "links"):
        out.append(Link(source=r.ref(item, "from", path), target=r.ref(item, "to", path),
                        relation=r.ref(item, "relation", path), note=r.text(item, "note"),
                        path=doc.path, line=line, column=column))
    return out
