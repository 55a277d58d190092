"""The corpus as a REFI-QDA project (QDPX): the exchange format of ATLAS.ti, MAXQDA, NVivo and QualCoder.

A .qdpx file is a zip holding `project.qde` (XML in the namespace urn:QDA-XML:project:1.0) and a
`Sources/` folder with each article's plain text. What the project holds (docs/qdpx.md):

- each map's article a TextSource (`plainTextPath="internal://GUID.txt"`, as MAXQDA writes it);
- each evidence quote a PlainTextSelection at its character offsets in the article, found by the quote
  check's matcher (textmatch), coded with the claims it grounds, its speaker, and its speaker's stance on
  each question whose position it grounds (directly or through a claim it grounds);
- the codebook: Claims (one folder per map, one code per claim, named by its text), Speakers (one code
  per agent), Stances (one folder per question, one code per stance of the scale);
- agents as Cases, each with the selections of what the agent said, the articles the agent wrote, and
  (in its description) every stance the agent takes; questions as Sets of their stance codes.

A quote that is not found in its article cannot be placed: it is reported and left out, as is a map
whose article text is missing. Every GUID is a uuid5 of the ids, and the zip's dates are fixed, so one
corpus always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from xml.etree import ElementTree as ET

from argmap.core import stance as scale
from argmap.core.record import field, record
from argmap.model.maps import Corpus, Map

NAMESPACE = "urn:QDA-XML:project:1.0"
_SCHEMA_LOCATION = "urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# The root of every GUID this export makes: uuid5(_ROOT, "kind:id") is the same for the same ids.
_ROOT = uuid.UUID("6f1c2a4e-9b1d-5c7e-8a3f-2d4b6e8f0a1c")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so that two exports of one corpus are the same bytes
# Characters XML 1.0 cannot carry (a map may hold them through YAML escapes): shown as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_STANCES = (-2, -1, 0, 1, 2)
_COLOURS = {-2: "#b2182b", -1: "#ef8a62", 0: "#bababa", 1: "#67a9cf", 2: "#2166ac"}


def guid(kind: str, *ids: str) -> str:
    """The project's GUID for one thing, from its kind and ids (upper case, as MAXQDA and ATLAS.ti write)."""
    return str(uuid.uuid5(_ROOT, "\x1f".join((kind, *ids)))).upper()


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@record
class Export:
    """The project's bytes, and what could not be placed in it (one line each, for the person)."""

    data: bytes
    left_out: list[str] = field(default_factory=list)
    sources: int = 0
    selections: int = 0


def _sub(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", {k: _x(v) for k, v in attrs.items()})


def _describe(parent: ET.Element, text: str) -> None:
    if text:
        _sub(parent, "Description").text = _x(text)


def _code(parent: ET.Element, code_guid: str, name: str, codable: bool, description: str = "", color: str = "") -> ET.Element:
    attrs = {"guid": code_guid, "name": name or "(no name)", "isCodable": "true" if codable else "false"}
    if color:
        attrs["color"] = color
    element = _sub(parent, "Code", **attrs)
    _describe(element, description)
    return element


def stance_name(question: str, value: int) -> str:
    return f"{question}: {scale.label(value)}"


def build(corpus: Corpus, sources: tuple[str, ...], max_gap: int, name: str = "argmap corpus") -> Export:
    """The QDPX file of the corpus, with the article texts read from `sources` (a search path)."""
    from argmap._version import __version__
    from argmap.analysis.positions import position_agents
    from argmap.checks.quotes import Sources, locate
    from argmap.files import textmatch

    # The project's namespace as the default (no prefix), as the tools write it. ElementTree's prefixes are
    # global: this one is only ever used for this namespace.
    ET.register_namespace("", NAMESPACE)
    store = Sources(list(sources))
    left_out: list[str] = []
    user = guid("user", "argmap")
    root = ET.Element(f"{{{NAMESPACE}}}Project", {"name": _x(name), "origin": f"argmap {__version__}",
                                                  "creatingUserGUID": user, f"{{{_XSI}}}schemaLocation": _SCHEMA_LOCATION})
    _sub(_sub(root, "Users"), "User", guid=user, name="argmap")

    maps: list[Map] = []
    seen: set[str] = set()
    texts: dict[str, str] = {}  # map id -> the article text
    for m in corpus.maps:
        if not m.id or m.id in seen:
            continue
        seen.add(m.id)
        if not m.source.text:
            left_out.append(f"map {m.id}: no source.text, so no article to place its quotes in; left out")
            continue
        article = store.get(m)
        if not isinstance(article, textmatch.Normalised):
            why = article.message if article is not None else f"{m.source.text!r} is not in {store.searched()}"
            left_out.append(f"map {m.id}: article text not found ({why}); left out")
            continue
        maps.append(m)
        texts[m.id] = article.original

    # --- the codebook
    codes = _sub(_sub(root, "CodeBook"), "Codes")
    claims_root = _code(codes, guid("folder", "claims"), "Claims", False,
                        "The claims of each map, named by their text: a quote is coded with the claims it grounds.")
    claim_code: dict[tuple[str, str], str] = {}
    for m in maps:
        folder = _code(claims_root, guid("map", m.id), m.id, False,
                       f"{m.source.title} ({m.source.outlet}, {m.source.date}); the article {m.source.text}")
        for claim in m.nodes:
            if not claim.id or (m.id, claim.id) in claim_code:
                continue
            code_guid = guid("claim", m.id, claim.id)
            claim_code[(m.id, claim.id)] = code_guid
            what = "the thesis" if claim.is_thesis else "claim"
            links = "; ".join(f"{rel} {', '.join(r.id for r in refs)}" for rel, refs in
                              (("supports", claim.supports), ("attacks", claim.attacks)) if refs)
            description = f"{what} {claim.id} of map {m.id}, by {m.agent_id(claim.by.id)}" + (f"; {links}" if links else "")
            if claim.note:
                description += f"\n\n{claim.note}"
            _code(folder, code_guid, " ".join(claim.text.split()), True, description)

    speakers: dict[str, str] = {}  # agent id -> code guid, in first-use order
    for m in maps:
        for item in m.evidence:
            for agent in position_agents(m, item.speaker.id):
                speakers.setdefault(agent, guid("agent", agent))
    speakers_root = _code(codes, guid("folder", "speakers"), "Speakers", False, "Who says each quote: one code per agent.")
    for agent, code_guid in speakers.items():
        known = corpus.agents.get(agent)
        description = f"agent {agent}" + (f" ({known.kind}): {known.description}" if known and known.description else "")
        _code(speakers_root, code_guid, corpus.agent_name(agent), True, description)

    questions = list(corpus.questions.values())
    stances_root = _code(codes, guid("folder", "stances"), "Stances", False,
                         "Each question, with one code per stance of the scale (-2 strongly disagree .. 2 strongly agree): "
                         "a quote is coded with its speaker's stance on each question whose position it grounds.")
    for question in questions:
        folder = _code(stances_root, guid("question", question.id), question.id, False, question.proposition)
        for value in _STANCES:
            _code(folder, guid("stance", question.id, str(value)), stance_name(question.id, value), True,
                  f"{scale.label(value)} ({value:+d}) with: {question.proposition}", _COLOURS[value])
    known_questions = {q.id for q in questions}

    # --- the sources, their selections and codings
    said: dict[str, list[str]] = {}  # agent id -> selection guids
    wrote: dict[str, list[str]] = {}  # agent id -> the sources (articles) of which the agent is an author
    stances_of: dict[str, list[str]] = {}  # agent id -> "question: label (map M)", every position
    coded_positions: set[int] = set()
    source_list = _sub(root, "Sources") if maps else None
    selections = 0
    for m in maps:
        assert source_list is not None
        source_guid = guid("source", m.id)
        located = {loc.evidence.id: loc for loc in locate(m, store, max_gap)}
        source = _sub(source_list, "TextSource", guid=source_guid, name=m.id,
                      plainTextPath=f"internal://{source_guid}.txt", creatingUser=user)
        authors = ", ".join(corpus.agent_name(a) for a in m.author_ids)
        _describe(source, f"{m.source.title}\n{authors}; {m.source.outlet}; {m.source.date}\n"
                          f"url: {m.source.url}\nmap: {m.id}; article text: {m.source.text}")
        for author in m.author_ids:
            wrote.setdefault(author, []).append(source_guid)
        grounded_by: dict[str, set[str]] = {}  # evidence id -> the claims it grounds
        for item in m.evidence:
            grounded_by.setdefault(item.id, set()).update(r.id for r in item.grounds)
        placed: list[tuple[int, int, str, list[str], str]] = []
        done: set[str] = set()
        for item in m.evidence:
            if not item.id or item.id in done or not item.quote.strip():
                continue
            done.add(item.id)
            loc = located.get(item.id)
            if loc is None or loc.match is None:
                why = loc.failure.message if loc is not None and loc.failure is not None else "not in the article"
                left_out.append(f"map {m.id}: quote {item.id} is not found in {m.source.text} ({why}); left out")
                continue
            agents = position_agents(m, item.speaker.id)
            code_refs = [claim_code[(m.id, r.id)] for r in item.grounds if (m.id, r.id) in claim_code]
            code_refs += [speakers[a] for a in agents if a in speakers]
            reach = grounded_by.get(item.id, set()) | {item.id}
            for position in m.positions:
                if position.stance is None or position.question.id not in known_questions:
                    continue
                if not set(position_agents(m, position.agent.id)) & set(agents):
                    continue
                if any(r.id in reach for r in position.grounds):
                    code_refs.append(guid("stance", position.question.id, str(position.stance)))
                    coded_positions.add(id(position))
            description = item.quote if not item.note else f"{item.quote}\n\n{item.note}"
            placed.append((loc.match.start, loc.match.end, item.id, list(dict.fromkeys(code_refs)), description))
            for a in agents:
                said.setdefault(a, []).append(guid("selection", m.id, item.id))
        for position in m.positions:
            if position.stance is None:
                continue
            for agent in position_agents(m, position.agent.id):
                stances_of.setdefault(agent, []).append(
                    f"{position.question.id}: {scale.label(position.stance)} (map {m.id})")
            if id(position) not in coded_positions and position.question.id in known_questions:
                left_out.append(f"map {m.id}: the stance of {position.agent.id} on {position.question.id} is grounded by no "
                                "quote its agent says, so no selection carries it (the case's description lists it)")
        for start, end, evidence_id, refs, description in sorted(placed):
            selection_guid = guid("selection", m.id, evidence_id)
            selection = _sub(source, "PlainTextSelection", guid=selection_guid, name=evidence_id,
                             startPosition=str(start), endPosition=str(end), creatingUser=user)
            _describe(selection, description)
            for code_guid in refs:
                coding = _sub(selection, "Coding", guid=guid("coding", selection_guid, code_guid), creatingUser=user)
                _sub(coding, "CodeRef", targetGUID=code_guid)
            selections += 1

    # Cases come before Sources in the schema's sequence: insert them there.
    if said or wrote or stances_of:
        cases = ET.Element(f"{{{NAMESPACE}}}Cases")
        for agent in list(dict.fromkeys([*wrote, *said, *stances_of])):
            case = _sub(cases, "Case", guid=guid("case", agent), name=corpus.agent_name(agent))
            stances = "".join(f"\n{line}" for line in stances_of.get(agent, []))
            _describe(case, f"agent {agent}: the articles this agent wrote (SourceRef) and the quotes the agent says "
                            f"(SelectionRef)" + (f"\n\nStances:{stances}" if stances else ""))
            if agent in speakers:
                _sub(case, "CodeRef", targetGUID=speakers[agent])
            for ref in wrote.get(agent, []):
                _sub(case, "SourceRef", targetGUID=ref)
            for ref in said.get(agent, []):
                _sub(case, "SelectionRef", targetGUID=ref)
        root.insert(list(root).index(root.find(f"{{{NAMESPACE}}}CodeBook")) + 1, cases)  # type: ignore[arg-type]

    if questions:
        sets = _sub(root, "Sets")
        for question in questions:
            group = _sub(sets, "Set", guid=guid("set", question.id), name=question.id)
            _describe(group, question.proposition)
            for value in _STANCES:
                _sub(group, "MemberCode", targetGUID=guid("stance", question.id, str(value)))

    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def add(member: str, data: bytes) -> None:
            info = zipfile.ZipInfo(member, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        add("project.qde", xml)
        for m in maps:
            add(f"Sources/{guid('source', m.id)}.txt", texts[m.id].encode("utf-8"))
    return Export(buffer.getvalue(), left_out, len(maps), selections)
