"""The published JSON Schemas: in sync with the code, valid draft-07, and agreeing with the validator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.interfaces.cli import app
from argmap.model.schema import SCHEMAS, validate
from argmap.syntax.yamlsource import Limits, parse

ROOT = Path(__file__).resolve().parent.parent
jsonschema = pytest.importorskip("jsonschema")


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_files_are_in_sync(kind: str) -> None:
    printed = CliRunner().invoke(app, ["schema", kind]).output
    on_disk = (ROOT / "schema" / f"{kind}.schema.json").read_text()
    assert json.loads(printed) == json.loads(on_disk), "run: argmap schema KIND > schema/KIND.schema.json"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_is_valid_draft7(kind: str) -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMAS[kind])
    assert SCHEMAS[kind]["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_real_maps_validate_with_jsonschema_too() -> None:
    """What an editor sees through the modeline is what argmap sees."""
    for path in sorted((ROOT / "maps").glob("*.yaml")):
        kind = path.stem if path.stem in ("agents", "questions", "links") else "map"
        doc, findings = parse(path.read_text(), str(path), Limits())
        assert doc is not None and not findings
        jsonschema.validate(doc.data, SCHEMAS[kind])
        first = path.read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"


BASE = (ROOT / "tests" / "corpus" / "base" / "ok-base.yaml").read_text()
_values = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=12),
                    st.lists(st.text(max_size=6), max_size=3), st.just("unknown"), st.just("agree"),
                    st.just("2021-02-30"), st.just("Bad_Id"))
_keys = st.sampled_from(["id", "text", "by", "stance", "date", "authors", "agents", "supports",
                         "grounds", "argmap", "notes", "extra", "quote", "title"])


def _mutate(data: object, draw: st.DrawFn) -> object:
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["set", "drop", "add", "recurse"]))
        if action == "set":
            data[key] = draw(_values)
        elif action == "drop":
            del data[key]
        elif action == "add":
            data[draw(_keys)] = draw(_values)
        else:
            data[key] = _mutate(data[key], draw)
    elif isinstance(data, list) and data:
        index = draw(st.integers(0, len(data) - 1))
        data[index] = _mutate(data[index], draw)
    return data


@given(st.data())
def test_validator_agrees_with_jsonschema(data: st.DataObject) -> None:
    """Our line-and-column validator accepts exactly what the published schema accepts."""
    doc, _ = parse(BASE, "base.yaml", Limits())
    assert doc is not None
    for _ in range(data.draw(st.integers(1, 3))):
        doc.data = _mutate(doc.data, data.draw)
    ours = [f for f in validate(doc, "map") if f.code.startswith(("S", "Y"))]
    reference = list(jsonschema.Draft7Validator(SCHEMAS["map"]).iter_errors(doc.data))
    # calendar dates (S005 on 2021-02-30) are a check beyond what JSON Schema can say
    ours_structural = [f for f in ours if "calendar" not in f.message]
    assert bool(ours_structural) == bool(reference), (ours, [e.message for e in reference])
