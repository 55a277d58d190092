"""REFI-QDA (QDPX) both ways: `argmap export --to qdpx` (valid against the REFI-QDA Project.xsd, every
selection at its quote's offsets, deterministic) and `argmap import qdpx` (projects in the conventions of
MAXQDA and ATLAS.ti, argmap's own export read back), with the hostile files a zip of XML can be."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.authoring.importers import qdpx as qdpx_import
from argmap.outputs.export import qdpx as qdpx_export
from tests.clirun import run_cli

ROOT = Path(__file__).resolve().parent.parent
XSD = ROOT / "tests" / "data" / "refi-qda" / "Project.xsd"
SEEDS = ROOT.parent / "shared" / "seeds"
NS = {"q": qdpx_export.NAMESPACE}

ARTICLE = """Minsk and Moscow: a union in name only

By Ana Example. March 3, 2021.

The union state is a framework, not a merger. "We will never give up our sovereignty," the president said
on Monday, and officials repeated that integration would stay economic.

Critics disagree. "Integration is a slow annexation," wrote Boris Critic, who expects a single currency
within five years.
"""

AGENTS = """argmap: 1
agents:
  - {id: ana-example, name: Ana Example}
  - {id: the-president, name: The President}
  - {id: boris-critic, name: Boris Critic}
"""

QUESTIONS = """argmap: 1
questions:
  - {id: merger-imminent, proposition: Belarus and Russia will merge into one state soon.}
  - {id: single-currency-soon, proposition: A single currency will come within five years.}
"""

MAP = """argmap: 1
id: example-2021-union-in-name
source:
  title: "Minsk and Moscow: a union in name only"
  authors: [ana-example]
  outlet: Example Weekly
  date: "2021-03-03"
  text: article.txt
agents: [the-president, boris-critic]
thesis: {id: thesis, text: "The union state is a framework, not a merger.", by: author}
claims:
  - {id: sovereignty-kept, text: The president will keep sovereignty., by: the-president, supports: [thesis]}
  - {id: slow-annexation, text: Integration is a slow annexation., by: boris-critic, attacks: [thesis]}
  - {id: unquoted, text: A claim no quote grounds., by: author, supports: [thesis]}
evidence:
  - {id: q-framework, quote: "The union state is a framework, not a merger.", speaker: author, grounds: [thesis]}
  - {id: q-never, quote: "We will never give up our sovereignty", speaker: the-president, grounds: [sovereignty-kept]}
  - {id: q-annexation, quote: "Integration is a slow annexation", speaker: boris-critic, grounds: [slow-annexation]}
  - {id: q-missing, quote: "words that are nowhere in the article", speaker: author, grounds: [thesis]}
positions:
  - {agent: author, question: merger-imminent, stance: disagree, grounds: [thesis, q-framework]}
  - {agent: boris-critic, question: merger-imminent, stance: agree, grounds: [slow-annexation]}
  - {agent: boris-critic, question: single-currency-soon, stance: agree, grounds: [q-annexation]}
  - {agent: the-president, question: single-currency-soon, stance: disagree, grounds: [thesis]}
"""


def run(*args: str) -> Any:
    return run_cli(*args, cwd=os.getcwd(), debug=True)  # an exception is raised here


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "maps").mkdir(parents=True)
    (root / "texts").mkdir()
    (root / "maps" / "agents.yaml").write_text(AGENTS, encoding="utf-8")
    (root / "maps" / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    (root / "maps" / "example.yaml").write_text(MAP, encoding="utf-8")
    (root / "texts" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def export(corpus: Path, out: Path) -> Any:
    result = run("export", str(corpus / "maps"), "--to", "qdpx", "-o", str(out), "--sources", str(corpus / "texts"))
    assert result.exit_code == 0, result.output
    return result


def project_of(path: Path) -> tuple[ET.Element, zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    return ET.fromstring(archive.read("project.qde")), archive


def validate(data: bytes) -> None:
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(data)
    assert schema.validate(document), "\n".join(str(e) for e in schema.error_log)


# -- export ------------------------------------------------------------------------------------------


def test_export_is_valid_against_the_refi_qda_schema(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.qdpx"
    export(corpus, out)
    validate(zipfile.ZipFile(out).read("project.qde"))


def test_the_schema_rejects_what_it_should(corpus: Path, tmp_path: Path) -> None:
    """The validation is not vacuous: a selection without its end, or a bad GUID, fails it."""
    etree = pytest.importorskip("lxml.etree")
    out = tmp_path / "corpus.qdpx"
    export(corpus, out)
    data = zipfile.ZipFile(out).read("project.qde")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(data)
    selection = document.find(".//q:PlainTextSelection", NS)
    del selection.attrib["endPosition"]
    assert not schema.validate(document)
    document = etree.fromstring(data)
    document.find(".//q:Code", NS).set("guid", "not-a-guid")
    assert not schema.validate(document)


def test_each_selection_is_its_quote_at_its_offsets(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.qdpx"
    result = export(corpus, out)
    root, archive = project_of(out)
    source = root.find("q:Sources/q:TextSource", NS)
    assert source is not None and source.get("name") == "example-2021-union-in-name"
    path = source.get("plainTextPath")
    assert path and path.startswith("internal://")
    text = archive.read("Sources/" + path[len("internal://"):]).decode("utf-8")
    assert text == ARTICLE
    found = {s.get("name"): text[int(s.get("startPosition") or 0):int(s.get("endPosition") or 0)]
             for s in source.findall("q:PlainTextSelection", NS)}
    assert found == {"q-framework": "The union state is a framework, not a merger.",
                     "q-never": "We will never give up our sovereignty",
                     "q-annexation": "Integration is a slow annexation"}
    # The quote not in the article is reported, never dropped silently; so is a stance no quote of its agent grounds.
    assert "q-missing" in result.output and "left out" in result.output
    assert "the stance of the-president on single-currency-soon is grounded by no quote its agent says" in result.output


def _codes(root: ET.Element) -> dict[str, ET.Element]:
    return {c.get("guid") or "": c for c in root.iter(f"{{{qdpx_export.NAMESPACE}}}Code")}


def test_codings_claims_speakers_stances_cases_and_sets(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.qdpx"
    export(corpus, out)
    root, _ = project_of(out)
    codes = _codes(root)

    def coded(name: str) -> set[str]:
        selection = next(s for s in root.iter(f"{{{qdpx_export.NAMESPACE}}}PlainTextSelection") if s.get("name") == name)
        return {codes[c.find("q:CodeRef", NS).get("targetGUID") or ""].get("name") or ""  # type: ignore[union-attr]
                for c in selection.findall("q:Coding", NS)}

    assert coded("q-framework") == {"The union state is a framework, not a merger.", "Ana Example", "merger-imminent: disagree"}
    assert coded("q-never") == {"The president will keep sovereignty.", "The President"}
    # Boris's stance on merger-imminent rests on his claim, which this quote grounds; on the currency, on the quote.
    assert coded("q-annexation") == {"Integration is a slow annexation.", "Boris Critic", "merger-imminent: agree",
                                     "single-currency-soon: agree"}
    claim = next(c for c in codes.values() if c.get("name") == "Integration is a slow annexation.")
    assert (claim.findtext("q:Description", namespaces=NS) or "").startswith(
        "claim slow-annexation of map example-2021-union-in-name, by boris-critic; attacks thesis")
    cases = {c.get("name"): c for c in root.findall("q:Cases/q:Case", NS)}
    assert set(cases) == {"Ana Example", "The President", "Boris Critic"}
    assert len(cases["Ana Example"].findall("q:SourceRef", NS)) == 1  # the author of the article
    assert len(cases["Boris Critic"].findall("q:SelectionRef", NS)) == 1
    assert "single-currency-soon: disagree (map example-2021-union-in-name)" in (
        cases["The President"].findtext("q:Description", namespaces=NS) or "")
    sets = {s.get("name"): s for s in root.findall("q:Sets/q:Set", NS)}
    assert set(sets) == {"merger-imminent", "single-currency-soon"}
    members = {codes[m.get("targetGUID") or ""].get("name") for m in sets["merger-imminent"].findall("q:MemberCode", NS)}
    assert members == {f"merger-imminent: {label}" for label in ("strongly-disagree", "disagree", "neutral", "agree", "strongly-agree")}


def test_export_is_reproducible(corpus: Path, tmp_path: Path) -> None:
    export(corpus, tmp_path / "a.qdpx")
    export(corpus, tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()


def test_export_needs_sources_and_a_file(corpus: Path, tmp_path: Path) -> None:
    result = run("export", str(corpus / "maps"), "--to", "qdpx", "-o", str(tmp_path / "x.qdpx"))
    assert result.exit_code == 2 and "--sources" in result.output
    result = run("export", str(corpus / "maps"), "--to", "qdpx", "--sources", str(corpus / "texts"))
    assert result.exit_code == 2 and "-o" in result.output
    assert not (tmp_path / "x.qdpx").exists()


def test_a_map_without_its_article_is_reported(corpus: Path, tmp_path: Path) -> None:
    (corpus / "texts" / "article.txt").rename(corpus / "texts" / "other.txt")
    out = tmp_path / "corpus.qdpx"
    result = export(corpus, out)
    assert "example-2021-union-in-name: article text not found" in result.output
    validate(zipfile.ZipFile(out).read("project.qde"))


def test_text_xml_cannot_carry_is_replaced(corpus: Path, tmp_path: Path) -> None:
    text = (corpus / "maps" / "example.yaml").read_text(encoding="utf-8")
    (corpus / "maps" / "example.yaml").write_text(
        text.replace("text: The president will keep sovereignty.", 'text: "The president \\x01 keeps <it> & more."'), encoding="utf-8")
    out = tmp_path / "corpus.qdpx"
    export(corpus, out)
    root, _ = project_of(out)
    assert "The president \ufffd keeps <it> & more." in {c.get("name") for c in _codes(root).values()}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the article texts (../shared/seeds) are not beside the repository")
def test_the_corpus_round_trip_verifies_every_quote(tmp_path: Path) -> None:
    """The shipped maps out and back in: valid, and every quote of the imported maps found in its article."""
    out = tmp_path / "corpus.qdpx"
    result = run("export", str(ROOT / "maps"), "--to", "qdpx", "-o", str(out), "--sources", str(SEEDS))
    assert result.exit_code == 0, result.output
    validate(zipfile.ZipFile(out).read("project.qde"))
    target = tmp_path / "back"
    result = run("import", "qdpx", str(out), "-o", str(target))
    assert result.exit_code == 0, result.output
    checked = run("check", str(target), "--sources", str(target / "sources"), "--no-cache")
    assert checked.exit_code == 0, checked.output
    assert " error" not in checked.output, checked.output
    selections = sum(1 for _ in project_of(out)[0].iter(f"{{{qdpx_export.NAMESPACE}}}PlainTextSelection"))
    assert f"{selections} of {selections} quotes verified" in checked.output


# -- import ------------------------------------------------------------------------------------------


def test_own_export_comes_back_whole(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.qdpx"
    export(corpus, out)
    target = tmp_path / "back"
    result = run("import", "qdpx", str(out), "-o", str(target))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((target / "example-2021-union-in-name.yaml").read_text(encoding="utf-8"))
    assert data["source"]["title"] == "Minsk and Moscow: a union in name only"
    assert data["source"]["authors"] == ["ana-example"] and data["source"]["date"] == "2021-03-03"
    assert data["source"]["text"] == "example-2021-union-in-name.txt"
    assert (target / "sources" / "example-2021-union-in-name.txt").read_text(encoding="utf-8") == ARTICLE
    assert data["thesis"]["id"] == "thesis"
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["slow-annexation"]["attacks"] == ["thesis"] and claims["slow-annexation"]["by"] == "author"
    assert claims["unquoted"] == {"id": "unquoted", "text": "A claim no quote grounds.", "by": "author", "supports": ["thesis"]}
    evidence = {e["id"]: e for e in data["evidence"]}
    assert evidence["q-never"] == {"id": "q-never", "quote": "We will never give up our sovereignty",
                                   "speaker": "the-president", "grounds": ["sovereignty-kept"]}
    positions = {(p["agent"], p["question"]): p["stance"] for p in data["positions"]}
    assert positions == {("author", "merger-imminent"): "disagree", ("boris-critic", "merger-imminent"): "agree",
                         ("boris-critic", "single-currency-soon"): "agree"}
    checked = run("check", str(target), "--sources", str(target / "sources"), "--no-cache")
    assert checked.exit_code == 0 and " error" not in checked.output, checked.output
    assert "3 of 3 quotes verified" in checked.output


GUID = "{:08X}-0000-4000-8000-{:012X}"


def g(n: int) -> str:
    return GUID.format(n, n)


SAMPLE_TEXT = "Interview one.\r\nQ: What about the union?\r\nA: The union is a trap, I think. Prices rose; wages did not.\r\n"


def _selection(text: str, words: str, code: int, n: int, cut: int = 0) -> str:
    start = text.index(words) + cut
    end = text.index(words) + len(words)
    return (f'<PlainTextSelection guid="{g(n)}" name="{start},{end}" startPosition="{start}" endPosition="{end}" '
            f'creatingUser="{g(1)}" creationDateTime="2024-10-18T23:23:46Z">'
            f'<Coding guid="{g(n + 1000)}" creatingUser="{g(1)}"><CodeRef targetGUID="{g(code)}"/></Coding></PlainTextSelection>')


def maxqda_like() -> bytes:
    """A project as MAXQDA 24 writes one (upper-case GUIDs, internal:// paths to Sources/GUID.txt, nested
    codes with colours and descriptions, a set of documents), with CRLF line ends in the text."""
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:QDA-XML:project:1.0" origin="MAXQDA 24 (Release 24.7.0)"
 name="union interviews" modifiedDateTime="2025-07-14T18:42:34Z">
 <Users><User guid="{g(1)}" name="coder"/></Users>
 <CodeBook><Codes>
  <Code color="#ef8256" guid="{g(10)}" name="Attitudes" isCodable="true">
   <Description>Parent category.</Description>
   <Code color="#ef8256" guid="{g(11)}" name="Union as a trap" isCodable="true"><Description>Apply when the union is called a trap.</Description></Code>
   <Code color="#ef8256" guid="{g(12)}" name="Economic grievance" isCodable="true"/>
  </Code>
 </Codes></CodeBook>
 <Cases><Case guid="{g(20)}" name="Respondent A"><SourceRef targetGUID="{g(30)}"/></Case></Cases>
 <Sources>
  <TextSource guid="{g(30)}" name="Interview 1" plainTextPath="internal://{g(30)}.txt" creatingUser="{g(1)}">
   {_selection(SAMPLE_TEXT, "The union is a trap", 11, 40)}
   {_selection(SAMPLE_TEXT, "Prices rose; wages did not.", 12, 41, cut=2)}
  </TextSource>
  <PDFSource guid="{g(31)}" name="Report" path="internal://{g(31)}.pdf"/>
 </Sources>
 <Sets><Set guid="{g(50)}" name="2024"><MemberSource targetGUID="{g(30)}"/></Set></Sets>
</Project>"""
    return _zip({"project.qde": xml.encode("utf-8"), f"Sources/{g(30)}.txt": SAMPLE_TEXT.encode("utf-8")})


def atlas_like() -> bytes:
    """A project as ATLAS.ti exports one: the text inline (PlainTextContent), code groups as Sets of
    codes, cases that name the selections each speaker said, and a coding of the whole document."""
    text = "Speaker 1: Integration helps trade.\nSpeaker 2: Integration ends independence.\n"
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
 origin="ATLAS.ti for Windows 23.2.3.27778" name="focus group" creatingUserGUID="{g(1)}" creationDateTime="2023-08-16T15:49:36Z"
 modifyingUserGUID="{g(1)}" modifiedDateTime="2023-08-16T15:50:33Z" xmlns="urn:QDA-XML:project:1.0">
 <Users><User guid="{g(1)}" name="Analyst"/><User guid="{g(2)}" name="ATLAS.ti"/></Users>
 <CodeBook><Codes>
  <Code guid="{g(11)}" name="pro integration" isCodable="true" color="#46AA00"/>
  <Code guid="{g(12)}" name="contra integration" isCodable="true"/>
 </Codes></CodeBook>
 <Cases>
  <Case guid="{g(21)}" name="Speaker 1"><SelectionRef targetGUID="{g(40)}"/></Case>
  <Case guid="{g(22)}" name="Speaker 2"><SelectionRef targetGUID="{g(41)}"/></Case>
 </Cases>
 <Sources>
  <TextSource guid="{g(30)}" name="Focus group 1">
   <PlainTextContent>{text}</PlainTextContent>
   {_selection(text, "Integration helps trade.", 11, 40)}
   {_selection(text, "Integration ends independence.", 12, 41)}
   <Coding guid="{g(60)}"><CodeRef targetGUID="{g(11)}"/></Coding>
  </TextSource>
 </Sources>
 <Sets><Set guid="{g(50)}" name="Integration"><MemberCode targetGUID="{g(11)}"/><MemberCode targetGUID="{g(12)}"/></Set></Sets>
</Project>"""
    return _zip({"project.qde": xml.encode("utf-8")})


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def imported(tmp_path: Path, data: bytes, name: str = "project.qdpx") -> tuple[Any, Path]:
    source = tmp_path / name
    source.write_bytes(data)
    target = tmp_path / "out"
    result = run("import", "qdpx", str(source), "-o", str(target))
    return result, target


def test_maxqda_like_project(tmp_path: Path) -> None:
    validate(zipfile.ZipFile(io.BytesIO(maxqda_like())).read("project.qde"))  # the sample is a valid project
    result, target = imported(tmp_path, maxqda_like())
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((target / "interview-1.yaml").read_text(encoding="utf-8"))
    assert data["source"]["authors"] == ["respondent-a"] and data["source"]["text"] == "interview-1.txt"
    assert [c["text"] for c in data["claims"]] == ["Union as a trap", "Economic grievance"]
    assert data["claims"][0]["note"] == "Apply when the union is called a trap."
    quotes = [(e["quote"], e["speaker"], len(e["grounds"])) for e in data["evidence"]]
    # The second selection starts inside "Prices": widened to the whole word, and said so.
    assert quotes == [("The union is a trap", "author", 1), ("Prices rose; wages did not.", "author", 1)]
    assert "widened to whole words" in result.output
    assert "PDFSource" in result.output and "left out" in result.output
    assert (target / "sources" / "interview-1.txt").read_bytes() == SAMPLE_TEXT.encode("utf-8")
    checked = run("check", str(target), "--sources", str(target / "sources"), "--no-cache")
    assert checked.exit_code == 0 and " error" not in checked.output, checked.output
    assert "2 of 2 quotes verified" in checked.output


def test_atlas_like_project(tmp_path: Path) -> None:
    validate(zipfile.ZipFile(io.BytesIO(atlas_like())).read("project.qde"))
    result, target = imported(tmp_path, atlas_like())
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((target / "focus-group-1.yaml").read_text(encoding="utf-8"))
    assert data["source"]["authors"] == "unknown"
    assert sorted(data["agents"]) == ["speaker-1", "speaker-2"]
    assert {e["quote"]: e["speaker"] for e in data["evidence"]} == {
        "Integration helps trade.": "speaker-1", "Integration ends independence.": "speaker-2"}
    assert "codes on the whole source" in result.output
    agents = yaml.safe_load((target / "agents.yaml").read_text(encoding="utf-8"))
    assert {a["name"] for a in agents["agents"]} == {"Speaker 1", "Speaker 2"}
    checked = run("check", str(target), "--sources", str(target / "sources"), "--no-cache")
    assert checked.exit_code == 0 and " error" not in checked.output, checked.output


def test_a_project_with_no_coded_text_is_a_usage_error(tmp_path: Path) -> None:
    """As ATLAS.ti exports a project that has only a codebook: nothing to make a map of, and said why."""
    xml = (f'<?xml version="1.0" encoding="utf-8"?><Project origin="ATLAS.ti for Windows 23.2.3.27778" name="codes only" '
           f'xmlns="urn:QDA-XML:project:1.0"><CodeBook><Codes><Code guid="{g(11)}" name="Commits" isCodable="true"/>'
           f'</Codes></CodeBook><Sources><TextSource guid="{g(30)}" name="Memo"><PlainTextContent>text</PlainTextContent>'
           f'</TextSource></Sources></Project>')
    result = hostile(tmp_path, _zip({"project.qde": xml.encode()}))
    assert "no text source with coded text selections" in result.output and "'Memo': no coded text selection" in result.output


def test_a_bare_project_qde_is_read(tmp_path: Path) -> None:
    qde = zipfile.ZipFile(io.BytesIO(atlas_like())).read("project.qde")
    result, target = imported(tmp_path, qde, "project.qde")
    assert result.exit_code == 0, result.output
    assert (target / "focus-group-1.yaml").is_file()


def test_import_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "out" / "sources").mkdir(parents=True)
    (tmp_path / "out" / "sources" / "interview-1.txt").write_text("mine", encoding="utf-8")
    result, target = imported(tmp_path, maxqda_like())
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert (target / "sources" / "interview-1.txt").read_text(encoding="utf-8") == "mine"
    assert not (target / "agents.yaml").exists()


def test_selections_out_of_range_are_reported(tmp_path: Path) -> None:
    qde = zipfile.ZipFile(io.BytesIO(maxqda_like())).read("project.qde").decode("utf-8")
    start = SAMPLE_TEXT.index("The union is a trap")
    qde = qde.replace(f'endPosition="{start + len("The union is a trap")}"', 'endPosition="99999"')
    result, _ = imported(tmp_path, _zip({"project.qde": qde.encode(), f"Sources/{g(30)}.txt": SAMPLE_TEXT.encode()}))
    assert result.exit_code == 0, result.output
    assert "is not within its text" in result.output


# -- hostile files -----------------------------------------------------------------------------------


def hostile(tmp_path: Path, data: bytes) -> Any:
    """Import `data`: a usage error (2), quickly, nothing written, no traceback."""
    before = set(os.listdir(tmp_path))
    started = time.monotonic()
    result, target = imported(tmp_path, data)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not target.exists()
    assert set(os.listdir(tmp_path)) - before == {"project.qdpx"}
    return result


def test_not_a_zip(tmp_path: Path) -> None:
    assert "not a QDPX file" in hostile(tmp_path, b"PK\x03\x04 broken").output


def test_project_qde_missing(tmp_path: Path) -> None:
    assert "no project.qde" in hostile(tmp_path, _zip({"Sources/a.txt": b"text"})).output


def test_zip_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 200 MB of zeros compress to about 200 KB: refused from the sizes the zip declares, before reading.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("project.qde", "w", force_zip64=True) as handle:
            chunk = b"\0" * 1_000_000
            for _ in range(qdpx_import.MAX_PROJECT_SIZE // len(chunk) + 1):
                handle.write(chunk)
    assert "more than" in hostile(tmp_path, buffer.getvalue()).output


def test_a_zip_that_lies_about_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A member whose header claims less than it holds is read only to the limit."""
    monkeypatch.setattr(qdpx_import, "MAX_PROJECT_SIZE", 1000)
    data = bytearray(_zip({"project.qde": b"<Project " + b" " * 5000 + b"/>"}))
    # The central directory's uncompressed size (offset 24 in the entry) says 10 bytes.
    entry = data.rfind(b"PK\x01\x02")
    data[entry + 24:entry + 28] = (10).to_bytes(4, "little")
    result = hostile(tmp_path, bytes(data))
    assert "cannot read" in result.output or "more than" in result.output


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qdpx_import, "MAX_MEMBERS", 5)
    data = _zip({"project.qde": maxqda_like(), **{f"Sources/{n}.txt": b"x" for n in range(6)}})
    assert "members" in hostile(tmp_path, data).output


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    lol = (b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
           + b"".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode() for p, c in zip("abcdefgh", "bcdefghi", strict=True))
           + b']><Project xmlns="urn:QDA-XML:project:1.0" name="&i;"/>')
    assert "DTD" in hostile(tmp_path, _zip({"project.qde": lol})).output


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file://{secret}">]>'
           f'<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource guid="{g(1)}" name="&x;">'
           f'<PlainTextContent>&x;</PlainTextContent></TextSource></Sources></Project>').encode()
    result = hostile(tmp_path, _zip({"project.qde": xxe}))
    assert "SECRET" not in result.output


def test_deep_nesting(tmp_path: Path) -> None:
    depth = 100_000
    deep = (b'<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>'
            + b'<Code guid="00000000-0000-4000-8000-000000000000" name="c" isCodable="true">' * depth
            + b"</Code>" * depth + b"</Codes></CodeBook></Project>")
    # Read within its depth: nothing coded, so no map (a usage error), and the depth is named.
    assert "nested deeper than 200 levels" in hostile(tmp_path, _zip({"project.qde": deep})).output
    # Deep codes beside coded text: the maps are made, and the codes past the depth are said not read.
    qde = zipfile.ZipFile(io.BytesIO(maxqda_like())).read("project.qde")
    nested = b'<Code guid="00000000-0000-4000-8000-000000000000" name="c" isCodable="true">' * 1000 + b"</Code>" * 1000
    qde = qde.replace(b"</Codes>", nested + b"</Codes>")
    (tmp_path / "second").mkdir()
    result, target = imported(tmp_path / "second", _zip({"project.qde": qde, f"Sources/{g(30)}.txt": SAMPLE_TEXT.encode()}))
    assert result.exit_code == 0, result.output
    assert "1 code nested deeper than 200 levels was not read" in result.output
    assert (target / "interview-1.yaml").is_file()


def test_member_paths_never_leave_the_output(tmp_path: Path) -> None:
    """A source naming ../ paths, or a file outside the project, is never read nor written anywhere."""
    outside = tmp_path / "outside.txt"
    outside.write_text("The union is a trap, I think.", encoding="utf-8")
    qde = zipfile.ZipFile(io.BytesIO(maxqda_like())).read("project.qde").decode("utf-8")
    qde = qde.replace(f"internal://{g(30)}.txt", "internal://../../outside.txt")
    data = _zip({"project.qde": qde.encode(), "../../outside.txt": b"evil", f"Sources/{g(30)}.txt": SAMPLE_TEXT.encode()})
    result, _ = imported(tmp_path, data)
    assert result.exit_code == 2, result.output  # its only source cannot be read: no map to make
    assert "not in the project's Sources folder" in result.output
    assert outside.read_text(encoding="utf-8") == "The union is a trap, I think."
    qde = qde.replace("internal://../../outside.txt", f"file://{outside}")
    (tmp_path / "second").mkdir()
    result, _ = imported(tmp_path / "second", _zip({"project.qde": qde.encode()}))
    assert result.exit_code == 2  # its only source cannot be read: no map to make
    assert "outside the project" in result.output and "never read" in result.output
    written = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {"outside.txt", "project.qdpx", "second/project.qdpx"}, written


def test_missing_defusedxml_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("defusedxml"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    result = hostile(tmp_path, maxqda_like())
    assert "argmap[qdpx]" in result.output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_projects_never_raise(tmp_path: Path, data: st.DataObject) -> None:
    """Any bytes of a project changed: imported or refused (exit 0 or 2), never a traceback."""
    original = bytearray(maxqda_like() if data.draw(st.booleans()) else atlas_like())
    for _ in range(data.draw(st.integers(1, 8))):
        original[data.draw(st.integers(0, len(original) - 1))] = data.draw(st.integers(0, 255))
    case = tmp_path / f"case-{os.urandom(4).hex()}"
    case.mkdir()
    (case / "p.qdpx").write_bytes(bytes(original))
    result = run("import", "qdpx", str(case / "p.qdpx"), "-o", str(case / "out"))
    assert result.exit_code in (0, 2), result.output


def test_a_zip_version_zipfile_cannot_read_is_refused(tmp_path: Path) -> None:
    """A central directory entry asking for zip version 6.4 (the damage hypothesis found): zipfile raises
    NotImplementedError, which is a refusal, not a traceback."""
    raw = bytearray(maxqda_like())
    entry = raw.index(b"PK\x01\x02")  # the first central directory header; "version needed" is at +6
    raw[entry + 6:entry + 8] = (64).to_bytes(2, "little")
    (tmp_path / "p.qdpx").write_bytes(bytes(raw))
    result = run("import", "qdpx", str(tmp_path / "p.qdpx"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "not a QDPX file" in result.output, result.output


def test_a_member_with_an_empty_name_is_passed_over(tmp_path: Path) -> None:
    """A damaged entry whose name is empty (what the lowest versions' run of the property test above found):
    ZipInfo.is_dir() fails on it; the import reads the project as if the entry were not there."""
    with zipfile.ZipFile(io.BytesIO(maxqda_like())) as source:
        members = {name: source.read(name) for name in source.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for name, data in members.items():
            damaged.writestr(name, data)
        damaged.writestr(zipfile.ZipInfo(""), b"x")
    (tmp_path / "p.qdpx").write_bytes(buffer.getvalue())
    result = run("import", "qdpx", str(tmp_path / "p.qdpx"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output


def test_a_selection_guid_twice_is_reported(tmp_path: Path) -> None:
    qde = zipfile.ZipFile(io.BytesIO(maxqda_like())).read("project.qde").decode("utf-8")
    qde = qde.replace(f'guid="{g(41)}"', f'guid="{g(40)}"')
    result, target = imported(tmp_path, _zip({"project.qde": qde.encode(), f"Sources/{g(30)}.txt": SAMPLE_TEXT.encode()}))
    assert result.exit_code == 0, result.output
    assert "has the GUID of an earlier selection" in result.output
    data = yaml.safe_load((target / "interview-1.yaml").read_text(encoding="utf-8"))
    assert [e["quote"] for e in data["evidence"]] == ["The union is a trap"]


def test_export_never_writes_over_an_input(corpus: Path) -> None:
    for target in (corpus / "texts" / "article.txt", corpus / "maps" / "example.yaml"):
        before = target.read_bytes()
        result = run("export", str(corpus / "maps"), "--to", "qdpx", "-o", str(target), "--sources", str(corpus / "texts"))
        assert result.exit_code == 2 and "refusing to overwrite" in result.output, result.output
        assert target.read_bytes() == before
