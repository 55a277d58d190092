"""Completion, hover, definition, references and quick fixes, through a real client."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.helpers import change, diagnostics_after, open_document, position_of, uri

MAP = "melyantsou-2021-union-breakthrough.yaml"


def doc(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri(path))


async def complete(client: LanguageClient, path: Path, position: types.Position) -> list[types.CompletionItem]:
    result = await client.text_document_completion_async(types.CompletionParams(doc(path), position))
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    return list(items)


async def hover_text(client: LanguageClient, path: Path, position: types.Position) -> str:
    result = await client.text_document_hover_async(types.HoverParams(doc(path), position))
    assert result is not None
    assert isinstance(result.contents, types.MarkupContent) and result.contents.kind == types.MarkupKind.PlainText
    return result.contents.value


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_completion_of_ids_stances_and_keys(client: LanguageClient, corpus: Path) -> None:
    path = corpus / MAP
    text = path.read_text(encoding="utf-8")
    await open_document(client, path)
    # claim ids in supports/attacks/grounds (evidence grounds claims only)
    labels = {i.label for i in await complete(client, path, position_of(text, "grounds: [thesis, sovereignty", 9))}
    assert {"thesis", "sovereignty-left-out", "programs-are-compromise"} <= labels
    assert not any(label.startswith("q-") for label in labels)
    # agents, with their names, after speaker:
    items = await complete(client, path, position_of(text, "speaker: author", 9))
    names = {i.label: i.detail for i in items}
    assert names["alyaksandr-lukashenka"] == "Alyaksandr Lukashenka" and "author" in names
    # questions after question:, stances after stance:
    edited = text.replace("question: union-programs-breakthrough", "question: union", 1)
    change(client, path, edited)
    questions = {i.label for i in await complete(client, path, position_of(edited, "question: union", 15))}
    assert "union-programs-breakthrough" in questions and "russia-seeks-annexation" in questions
    stance_line = next(line for line in edited.splitlines() if "stance:" in line)
    stances = {i.label for i in await complete(client, path, position_of(edited, stance_line, len(stance_line)))}
    assert {"strongly-disagree", "agree", "-2", "2"} <= stances
    # keys valid at the cursor: a new line in an evidence item offers what it lacks
    marker = "    speaker: author\n    grounds: [thesis, sovereignty-left-out]\n"
    keyed = edited.replace(marker, marker + "    \n", 1)
    change(client, path, keyed, 3)
    keys = {i.label for i in await complete(client, path, position_of(keyed, marker + "    ", len(marker) + 4))}
    assert keys == {"note", "translation"}, keys


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_hover_on_question_agent_quote_and_rule(client: LanguageClient, corpus: Path) -> None:
    path = corpus / MAP
    text = path.read_text(encoding="utf-8") + "# see S003\n"
    await open_document(client, path, text)
    question = await hover_text(client, path, position_of(text, "question: union-programs-breakthrough", 12))
    assert "28 union programs" in question
    agent = await hover_text(client, path, position_of(text, "dzianis-melyantsou", 3))
    assert "Dzianis Melyantsou" in agent and "Named in 2 maps" in agent
    quote = await hover_text(client, path, position_of(text, "In their current form", 5))
    assert quote.startswith("Verified") and "union programs contain little suggestion" in quote
    rule = await hover_text(client, path, position_of(text, "# see S003", 7))
    assert rule.startswith("S003")


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_definition_and_references_across_files(client: LanguageClient, corpus: Path) -> None:
    path = corpus / MAP
    text = path.read_text(encoding="utf-8")
    await open_document(client, path)
    at = position_of(text, "grounds: [thesis, sovereignty-left-out]", 20)
    found = await client.text_document_definition_async(types.DefinitionParams(doc(path), at))
    assert isinstance(found, list) and len(found) == 1
    assert text.splitlines()[found[0].range.start.line].strip() == "- id: sovereignty-left-out"
    # a question: defined in questions.yaml, used by maps
    at = position_of(text, "question: union-programs-breakthrough", 12)
    found = await client.text_document_definition_async(types.DefinitionParams(doc(path), at))
    assert isinstance(found, list) and found[0].uri == uri(corpus / "questions.yaml")
    registry = (corpus / "questions.yaml").read_text(encoding="utf-8").splitlines()
    line = registry[found[0].range.start.line]
    assert line[found[0].range.start.character:found[0].range.end.character] == "union-programs-breakthrough"
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc(path), position=at, context=types.ReferenceContext(include_declaration=True)))
    files = {r.uri.rsplit("/", 1)[-1] for r in refs or []}
    assert {"questions.yaml", MAP} <= files and len(files) >= 3
    # an agent: defined in agents.yaml, used in several maps
    at = position_of(text, "alyaksandr-lukashenka", 3)
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc(path), position=at, context=types.ReferenceContext(include_declaration=False)))
    assert len({r.uri for r in refs or []}) >= 2


async def fixes_for(client: LanguageClient, path: Path, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc(path), range=diagnostic.range, context=types.CodeActionContext(diagnostics=[diagnostic])))
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


def applied(text: str, edit: types.TextEdit) -> str:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:edit.range.start.line]) + edit.range.start.character
    end = sum(len(line) + 1 for line in lines[:edit.range.end.line]) + edit.range.end.character
    return text[:start] + edit.new_text + text[end:]


@pytest.mark.asyncio(loop_scope="module")  # the module's one server (conftest.py)
async def test_quick_fixes(client: LanguageClient, corpus: Path) -> None:
    path = corpus / MAP
    original = path.read_text(encoding="utf-8")
    text = (original.replace("grounds: [thesis, sovereignty-left-out]", "grounds: [thesis, sovereignty-left-ot]", 1)
            .replace("speaker: author\n    grounds: [thesis, russia", "speaker: jane-roe\n    grounds: [thesis, russia", 1)
            .replace("the union programs contain little suggestion", "the union programmes contain little suggestion", 1))
    found = await open_document(client, path, text)
    by_code = {str(d.code): d for d in found if d.code in ("R001", "R005", "Q001")}
    assert set(by_code) == {"R001", "R005", "Q001"}, [d.message for d in found]
    # did you mean (then, for every finding, the suppression comment)
    [fix, suppress] = await fixes_for(client, path, by_code["R001"])
    assert suppress.title == "Suppress R001 on this line (with a reason)" and suppress.edit and suppress.edit.changes
    [edit] = suppress.edit.changes[uri(path)]
    line = by_code["R001"].range.start.line
    assert applied(text, edit).splitlines()[line].endswith("  # argmap: ignore[R001] REASON")
    assert fix.edit and fix.edit.changes
    [edit] = fix.edit.changes[uri(path)]
    assert "grounds: [thesis, sovereignty-left-out]" in applied(text, edit)
    # an unknown agent added to agents.yaml
    [add] = [a for a in await fixes_for(client, path, by_code["R005"]) if "agents.yaml" in a.title]
    assert add.edit and add.edit.changes
    [edit] = add.edit.changes[uri(corpus / "agents.yaml")]
    registry = applied((corpus / "agents.yaml").read_text(encoding="utf-8"), edit)
    assert registry.endswith("  - id: jane-roe\n    name: Jane Roe\n")
    # a near-miss quote replaced by the article's words: then it is verified
    [exact, _suppress] = await fixes_for(client, path, by_code["Q001"])
    assert exact.edit and exact.edit.changes
    [edit] = exact.edit.changes[uri(path)]
    fixed = applied(text, edit)
    assert "the union programs contain little suggestion" in fixed
    after = await diagnostics_after(client, uri(path), lambda: change(client, path, fixed))
    assert not [d for d in after if d.code == "Q001"]
