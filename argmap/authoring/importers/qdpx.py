"""REFI-QDA projects in (QDPX, as ATLAS.ti, MAXQDA, NVivo and QualCoder export them): skeleton maps.

- each TextSource is a map; its plain text (in the zip's `Sources/` folder, or inline as
  PlainTextContent) is written beside the maps, and named as the map's `source.text`;
- each coded PlainTextSelection is an evidence quote: the article's words at its offsets (widened to
  whole words, whitespace collapsed), so the quote check finds it;
- each code used on a selection is a claim of that map, named by the code (to be edited into a claim);
  the quote grounds it. The code's description is kept as the claim's note;
- a Case that names a selection (SelectionRef) is its speaker; a Case that names the whole source
  (SourceRef) is the map's author. A code that a Case names (CodeRef) is the speaker's code, not a claim;
- argmap's own export read back: a code "QUESTION: LABEL" under a code QUESTION is a stance, and
  becomes the speaker's position grounded on the quote; claim ids, the thesis, supports and attacks
  are read from the claims' descriptions.

Hostile files: the zip is never extracted. Members are read by name, each bounded in size, the count of
members and the total bounded too; the XML is parsed by defusedxml with no DTD (so no entity expansion
and no external entity), and its tree walked without recursion, to a bounded depth. A path a source
names outside the project (a file:// or relative:// path) is not read: reported.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from typing import Any

from argmap.authoring.importers.builder import Draft, MapDraft, Node, Stance, slug
from argmap.core import stance as scale
from argmap.core.ids import ID_WORDS, is_id
from argmap.core.record import field, record

MAX_MEMBERS = 10_000
MAX_MEMBER_SIZE = 50_000_000  # as the quote check's limit on one article text (MAX_SOURCE_SIZE)
MAX_TOTAL_SIZE = 200_000_000
MAX_PROJECT_SIZE = 100_000_000  # project.qde itself
MAX_DEPTH = 200  # nesting of codes (and any element walked) below the root
MAX_SELECTIONS = 200_000
TEXTS_FOLDER = "sources"  # under the import's DIR: the article texts, for `argmap check DIR --sources DIR/sources`

_LABEL = "|".join(map(re.escape, scale.LABELS.values()))
_STANCE_CODE = re.compile(rf"^\s*({ID_WORDS}): ({_LABEL})\s*$")
_OWN_CLAIM = re.compile(rf"^(the thesis|claim) ({ID_WORDS}) of map \S+, by \S+(?:; (.*))?$")
_RELATION = re.compile(r"^(supports|attacks) (.+)$")


class QdpxError(Exception):
    """Not a REFI-QDA project argmap can read: a usage error naming the file."""


@record
class _Code:
    guid: str
    name: str
    description: str
    parent: str | None  # the parent code's guid


@record
class _Project:
    origin: str = ""
    codes: dict[str, _Code] = field(default_factory=dict)
    case_codes: set[str] = field(default_factory=set)
    selection_case: dict[str, str] = field(default_factory=dict)  # selection guid -> agent id
    source_cases: dict[str, list[str]] = field(default_factory=dict)  # source guid -> agent ids


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Any, name: str) -> Any | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: Any | None) -> str:
    return (element.text or "") if element is not None else ""


class _Archive:
    """The members of a .qdpx, read by name only, each within the bounds."""

    def __init__(self, path: str) -> None:
        self.path = path
        if os.path.getsize(path) > MAX_TOTAL_SIZE:
            raise QdpxError(f"{path}: larger than the {MAX_TOTAL_SIZE:,} bytes a project may hold")
        try:
            self.zip = zipfile.ZipFile(path)
        # What the zipfile module raises on damaged bytes besides BadZipFile: NotImplementedError for a zip version
        # it does not read, and the errors of fields it decodes without checking (a length, an offset, a name).
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError, struct.error,
                IndexError, KeyError, OverflowError, OSError):
            raise QdpxError(f"{path}: not a QDPX file (a REFI-QDA project is a zip holding project.qde)") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise QdpxError(f"{path}: {len(infos):,} members in the zip, more than the {MAX_MEMBERS:,} a project may hold")
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_SIZE:
            raise QdpxError(f"{path}: the zip would unpack to {total:,} bytes, more than the {MAX_TOTAL_SIZE:,} allowed")
        # not ZipInfo.is_dir(), which fails on the empty name of a damaged entry (filename[-1])
        self.names = {info.filename.lower(): info for info in infos if info.filename and not info.filename.endswith("/")}

    def find(self, name: str) -> zipfile.ZipInfo | None:
        return self.names.get(name.lower())

    def read(self, info: zipfile.ZipInfo, limit: int = MAX_MEMBER_SIZE) -> bytes:
        if info.file_size > limit:
            raise QdpxError(f"{self.path}: {info.filename} unpacks to {info.file_size:,} bytes, more than the {limit:,} allowed")
        try:
            with self.zip.open(info) as handle:
                data = handle.read(limit + 1)  # the declared size may lie: never more than the limit
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError, ValueError) as error:
            raise QdpxError(f"{self.path}: cannot read {info.filename}: {error}") from None
        if len(data) > limit:
            raise QdpxError(f"{self.path}: {info.filename} unpacks to more than the {limit:,} bytes allowed")
        return data

    def project(self) -> bytes:
        info = self.find("project.qde")
        if info is None:
            others = [i for n, i in self.names.items() if n.endswith(".qde") and "/" not in n]
            if len(others) != 1:
                raise QdpxError(f"{self.path}: no project.qde in the zip (is it a REFI-QDA project?)")
            info = others[0]
        return self.read(info, MAX_PROJECT_SIZE)


def parse(data: bytes, path: str) -> Any:
    """The project's XML root, parsed with no DTD, entity or external reference allowed."""
    try:
        from defusedxml import DefusedXmlException  # type: ignore[import-untyped, unused-ignore]
        from defusedxml.ElementTree import ParseError, fromstring  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise QdpxError("argmap import qdpx needs the 'defusedxml' package (a parser that refuses entity expansion "
                        "and external entities): pip install 'argmap[qdpx]'") from None
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise QdpxError(f"{path}: project.qde declares a DTD or entities ({type(error).__name__}), which a REFI-QDA "
                        "project never needs: refused") from None
    except ParseError as error:
        raise QdpxError(f"{path}: project.qde is not well-formed XML ({error})") from None
    except RecursionError:
        raise QdpxError(f"{path}: project.qde is nested too deeply") from None
    if _local(root.tag) != "Project":
        raise QdpxError(f"{path}: project.qde is not a REFI-QDA project (its root is <{_local(root.tag)}>, not <Project>)")
    return root


def _too_deep(root: Any) -> bool:
    """Whether any element lies deeper than MAX_DEPTH below the root (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if depth >= MAX_DEPTH:
            if len(element):
                return True
            continue
        stack.extend((child, depth + 1) for child in element)
    return False


def _codes(project: _Project, root: Any, draft: Draft) -> None:
    book = _child(root, "CodeBook")
    codes = _child(book, "Codes") if book is not None else None
    if codes is None:
        return
    stack: list[tuple[Any, str | None, int]] = [(c, None, 1) for c in reversed(_children(codes, "Code"))]
    deep = 0
    while stack:
        element, parent, depth = stack.pop()
        code_guid = element.get("guid") or ""
        if not code_guid:
            continue
        project.codes[code_guid] = _Code(code_guid, " ".join((element.get("name") or "").split()),
                                         _text(_child(element, "Description")).strip(), parent)
        children = _children(element, "Code")
        if depth >= MAX_DEPTH:
            deep += len(children)
            continue
        stack.extend((c, code_guid, depth + 1) for c in reversed(children))
    if deep:
        draft.note(f"{deep} code{'s' if deep != 1 else ''} nested deeper than {MAX_DEPTH} levels {'were' if deep != 1 else 'was'} not read")


def _cases(project: _Project, root: Any, draft: Draft) -> None:
    cases = _child(root, "Cases")
    if cases is None:
        return
    for case in _children(cases, "Case"):
        name = " ".join((case.get("name") or "").split()) or "case"
        agent = draft.agent(name)
        for ref in _children(case, "CodeRef"):
            project.case_codes.add(ref.get("targetGUID") or "")
        for ref in _children(case, "SelectionRef"):
            project.selection_case.setdefault(ref.get("targetGUID") or "", agent)
        for ref in _children(case, "SourceRef"):
            project.source_cases.setdefault(ref.get("targetGUID") or "", []).append(agent)


def _source_text(source: Any, archive: _Archive | None, draft: Draft, label: str) -> str | None:
    inline = _child(source, "PlainTextContent")
    if inline is not None:
        return inline.text or ""
    where = source.get("plainTextPath") or ""
    if not where:
        draft.note(f"text source {label}: no plain text (neither PlainTextContent nor plainTextPath); left out")
        return None
    if not where.startswith("internal://"):
        draft.note(f"text source {label}: its text is a file outside the project ({where!r}), which is never read; left out")
        return None
    member = archive.find("Sources/" + where[len("internal://"):]) if archive is not None else None
    if member is None or archive is None:
        draft.note(f"text source {label}: {where!r} is not in the project's Sources folder; left out")
        return None
    data = archive.read(member)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        draft.note(f"text source {label}: its text is not UTF-8 (byte {error.start}); left out")
        return None


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Out to whole words: the quote check matches whole words only."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


@record
class Text:
    """An article text the import writes beside the maps."""

    name: str  # the file name, as the map's source.text
    content: str


def read(path: str) -> tuple[Draft, list[Text]]:
    """The maps a project's coded text selections make, and the article texts to write beside them."""
    archive: _Archive | None = None
    try:
        archive = _Archive(path)
        data = archive.project()
    except QdpxError:
        if not _looks_like_xml(path):
            raise
        with open(path, "rb") as handle:  # a bare project.qde (texts inline as PlainTextContent)
            data = handle.read(MAX_PROJECT_SIZE + 1)
        if len(data) > MAX_PROJECT_SIZE:
            raise QdpxError(f"{path}: larger than the {MAX_PROJECT_SIZE:,} bytes a project.qde may hold") from None
        archive = None
    root = parse(data, path)
    draft = Draft()
    if _too_deep(root):
        draft.note(f"elements nested deeper than {MAX_DEPTH} levels are not read")
    project = _Project(origin=root.get("origin") or "")
    own = project.origin.startswith("argmap")
    _codes(project, root, draft)
    _cases(project, root, draft)
    texts: list[Text] = []
    names: set[str] = set()
    sources = _child(root, "Sources")
    skipped: dict[str, int] = {}
    selections = 0
    for source in list(sources) if sources is not None else []:
        kind = _local(source.tag)
        if kind != "TextSource":
            skipped[kind] = skipped.get(kind, 0) + 1
            continue
        label = repr(source.get("name") or source.get("guid") or "?")
        coded = [s for s in _children(source, "PlainTextSelection") if _children(s, "Coding")]
        if _children(source, "Coding"):
            draft.note(f"text source {label}: codes on the whole source (not on a selection) have no quote; left out")
        if not coded:
            draft.note(f"text source {label}: no coded text selection; left out")
            continue
        text = _source_text(source, archive, draft, label)
        if text is None:
            continue
        stem = slug(source.get("name") or "", "source")
        name = stem + ".txt"
        n = 1
        while name in names:
            n += 1
            name = f"{stem}-{n}.txt"
        names.add(name)
        texts.append(Text(name, text))
        selections += len(coded)
        if selections > MAX_SELECTIONS:
            raise QdpxError(f"{path}: more than {MAX_SELECTIONS:,} coded selections")
        _map(draft, project, source, coded, text, name, own, label)
    for kind, count in sorted(skipped.items()):
        draft.note(f"{count} {kind}{'s' if count != 1 else ''} (not plain text): only text sources are read; left out")
    if not draft.maps:
        why = "; ".join(draft.report[:5]) + (" ..." if len(draft.report) > 5 else "")
        raise QdpxError(f"{path}: no text source with coded text selections, so no map to make" + (f" ({why})" if why else ""))
    return draft, texts


def _looks_like_xml(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"<")


def _map(draft: Draft, project: _Project, source: Any, coded: list[Any], text: str, name: str, own: bool, label: str) -> None:
    source_name = " ".join((source.get("name") or "").split()) or "unknown"
    m = MapDraft(id_hint=slug(source_name, "imported-map"), title=source_name)
    m.text = name
    description = _text(_child(source, "Description")).strip()
    lines = description.split("\n")
    if own and len(lines) == 4 and lines[2].startswith("url: "):  # as argmap's export describes an article
        m.title = lines[0]
        parts = lines[1].rsplit("; ", 2)
        if len(parts) == 3:
            m.outlet, m.date = parts[1] or "unknown", parts[2] or "unknown"
        m.url = lines[2][5:] or "unknown"
    elif description:
        m.notes = description
    authors = list(dict.fromkeys(project.source_cases.get(source.get("guid") or "", [])))
    m.authors = authors
    draft.maps.append(m)
    thesis_made = False
    code_keys: dict[str, str] = {}

    def claim(code: _Code) -> str:
        nonlocal thesis_made
        if code.guid in code_keys:
            return code_keys[code.guid]
        key = "code:" + code.guid
        node = Node(key, code.name or "(a code with no name)", note=code.description)
        own_claim = _OWN_CLAIM.match(code.description.split("\n\n", 1)[0]) if own else None
        if own_claim:
            node.id_hint = own_claim.group(2)
            node.note = code.description.split("\n\n", 1)[1] if "\n\n" in code.description else ""
            if own_claim.group(1) == "the thesis" and not thesis_made:
                node.kind = "thesis"
                thesis_made = True
        m.node(node)
        code_keys[code.guid] = key
        return key

    if own:  # every claim of the map, in the codebook's order: those no quote grounds too
        folders = [c.guid for c in project.codes.values() if c.name == source_name and c.parent is not None
                   and project.codes[c.parent].name == "Claims"]
        for member in project.codes.values():
            if folders and member.parent == folders[0]:
                claim(member)
    stances: dict[tuple[str | None, str], Stance] = {}
    unknown_codes = 0
    for selection in sorted(coded, key=lambda s: _int(s.get("startPosition")) or 0):
        start, end = _int(selection.get("startPosition")), _int(selection.get("endPosition"))
        sel_name = selection.get("name") or ""
        where = f"text source {label}: the selection {sel_name or selection.get('guid') or '?'} ({start}-{end})"
        if start is None or end is None or not 0 <= start < end <= len(text):
            draft.note(f"{where} is not within its text ({len(text)} characters); left out")
            continue
        wide = _widen(text, start, end)
        quote = " ".join(text[wide[0]:wide[1]].split())
        if not any(c.isalnum() for c in quote):
            draft.note(f"{where} holds no word; left out")
            continue
        if wide != (start, end):
            draft.note(f"{where} cuts a word: widened to whole words ({wide[0]}-{wide[1]})")
        speaker = project.selection_case.get(selection.get("guid") or "")
        if speaker is None and len(authors) == 1:
            speaker = authors[0]
        key = "sel:" + (selection.get("guid") or f"{start}-{end}")
        # argmap's export names a selection by its evidence id; other tools by its offsets ("45,64") or not at all
        own_id = sel_name if own and is_id(sel_name) else ""
        note = _text(_child(selection, "Description")).strip() if not own else ""
        if key in m.nodes:  # the same selection guid twice: the first is kept
            draft.note(f"{where} has the GUID of an earlier selection; left out")
            continue
        m.node(Node(key, quote, "evidence", speaker, own_id or "q-" + slug(quote, "quote", 4), note))
        for coding in _children(selection, "Coding"):
            ref = _child(coding, "CodeRef")
            code = project.codes.get(ref.get("targetGUID") or "") if ref is not None else None
            if code is None:
                unknown_codes += 1
                continue
            if code.guid in project.case_codes:
                continue  # the speaker's code: the case says it
            parent = project.codes.get(code.parent or "")
            stance_code = _STANCE_CODE.match(code.name)
            if stance_code and parent is not None and parent.name == stance_code.group(1):
                value = scale.parse(stance_code.group(2))
                question = draft.question(parent.description or parent.name, stance_code.group(1))
                existing = stances.get((speaker, question))
                if existing is None and value is not None:
                    stances[(speaker, question)] = Stance(speaker, question, value, [key])
                elif existing is not None and existing.stance == value:
                    existing.grounds.append(key)
                elif existing is not None:
                    draft.note(f"{where}: a second stance on {question} for the same speaker; left out")
                continue
            m.relations.append((key, "supports", claim(code)))
    m.stances.extend(stances.values())
    if unknown_codes:
        draft.note(f"text source {label}: {unknown_codes} coding{'s' if unknown_codes != 1 else ''} name a code the codebook "
                   "does not have; left out")
    if own:
        _own_relations(m, project, code_keys)
    if not thesis_made:
        m.node(Node("thesis:placeholder", f"(The thesis of {source_name}: to write.)", "thesis"))


def _own_relations(m: MapDraft, project: _Project, code_keys: dict[str, str]) -> None:
    """Supports and attacks between the claims of argmap's own export, from the codes' descriptions."""
    by_id: dict[str, str] = {}
    for key in code_keys.values():
        node = m.nodes[key]
        if node.id_hint:
            by_id[node.id_hint] = key
    for code_guid, key in code_keys.items():
        first = project.codes[code_guid].description.split("\n\n", 1)[0]
        found = _OWN_CLAIM.match(first)
        if not found or not found.group(3):
            continue
        for part in found.group(3).split("; "):
            relation = _RELATION.match(part)
            if relation:
                for target in relation.group(2).split(", "):
                    if target in by_id:
                        m.relations.append((key, relation.group(1), by_id[target]))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None and len(value) < 20 else None
    except ValueError:
        return None
