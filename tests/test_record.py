"""argmap.core.record against dataclasses: for any set of fields (required, with a default, with a default
factory, left out of `==`, of repr or of hash), frozen or not, with slots or not, a record and a dataclass
made from the same class body behave alike: the same `__init__` (defaults, fresh factory objects, the same
TypeError for a missing argument), repr, `==`, hash, frozen assignment refused, `replace`, `fields`,
`asdict`, `__match_args__`; and NamedTuple of argmap.core.notyping as typing's."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import typing
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.core import notyping, record

NAMES = ["a", "b", "c", "d", "e", "f"]
VALUES = st.one_of(st.integers(-3, 3), st.text(max_size=3), st.tuples(st.integers(0, 2)), st.none(), st.booleans())


@st.composite
def specs(draw: st.DrawFn) -> tuple[list[dict[str, Any]], bool, bool]:
    count = draw(st.integers(0, len(NAMES)))
    fields = []
    for name in NAMES[:count]:
        kind = draw(st.sampled_from(["required", "default", "factory"]))
        fields.append({"name": name, "kind": kind, "default": draw(VALUES),
                       "factory": draw(st.sampled_from([list, dict, tuple, lambda: [1]])),
                       "compare": draw(st.booleans()), "repr": draw(st.booleans()),
                       "hash": draw(st.sampled_from([None, True, False]))})
    fields.sort(key=lambda one: one["kind"] != "required")  # the required ones first, as Python requires
    return fields, draw(st.booleans()), draw(st.booleans())


def _body(fields: list[dict[str, Any]], field: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"__annotations__": {one["name"]: "object" for one in fields}, "__module__": __name__,
                            "__qualname__": "Made"}
    for one in fields:
        options = {"compare": one["compare"], "repr": one["repr"], "hash": one["hash"]}
        if one["kind"] == "default":
            body[one["name"]] = field(default=one["default"], **options)
        elif one["kind"] == "factory":
            body[one["name"]] = field(default_factory=one["factory"], **options)
        else:
            body[one["name"]] = field(**options)
    return body


def _pair(fields: list[dict[str, Any]], frozen: bool, slots: bool) -> tuple[Any, Any]:
    made: Any = record.record(frozen=frozen, slots=slots)(type("Made", (), _body(fields, record.field)))
    expected: Any = dataclasses.dataclass(frozen=frozen, slots=slots)(type("Made", (), _body(fields, dataclasses.field)))
    return made, expected


@given(specs(), st.data())
def test_a_record_behaves_as_the_dataclass_of_the_same_body(spec: tuple[list[dict[str, Any]], bool, bool],
                                                            data: st.DataObject) -> None:
    fields, frozen, slots = spec
    # __init__ binds its arguments in Python for a class's first records, then is compiled: both, alike
    interpreted, record.INTERPRETED = record.INTERPRETED, data.draw(st.sampled_from([0, 1000]))
    try:
        _alike(fields, frozen, slots, data)
    finally:
        record.INTERPRETED = interpreted


def _alike(fields: list[dict[str, Any]], frozen: bool, slots: bool, data: st.DataObject) -> None:
    made, expected = _pair(fields, frozen, slots)
    required = [one["name"] for one in fields if one["kind"] == "required"]
    given_names = required + [one["name"] for one in fields if one["kind"] != "required" and data.draw(st.booleans())]
    values = {name: data.draw(VALUES) for name in given_names}
    ours, theirs = made(**values), expected(**values)
    assert repr(ours) == repr(theirs)
    assert [(f.name, f.compare) for f in record.fields(ours)] == [(f.name, f.compare) for f in dataclasses.fields(theirs)]
    assert made.__match_args__ == expected.__match_args__
    assert record.asdict(ours) == dataclasses.asdict(theirs)
    other = {name: data.draw(VALUES) for name in given_names}
    assert (ours == made(**other)) == (theirs == expected(**other))
    assert ours == made(**values) and ours != theirs and (ours == object()) is False
    assert (made.__hash__ is None) == (expected.__hash__ is None)
    if made.__hash__ is not None:  # a list from a default factory is unhashable in both
        assert _hash(ours) == _hash(made(**values)) and (_hash(ours) is None) == (_hash(theirs) is None)
    for one in fields:  # a default factory gives each record an object of its own
        if one["kind"] == "factory" and one["name"] not in values and one["factory"] is not tuple:
            assert getattr(ours, one["name"]) == getattr(theirs, one["name"])
            assert getattr(ours, one["name"]) is not getattr(made(**values), one["name"])
    if fields:
        name = fields[-1]["name"]
        changed = data.draw(VALUES)
        assert repr(record.replace(ours, **{name: changed})) == repr(dataclasses.replace(theirs, **{name: changed}))
        if frozen:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(theirs, name, changed)
            with pytest.raises(record.FrozenInstanceError, match="cannot assign to field"):
                setattr(ours, name, changed)
            with pytest.raises(AttributeError):
                delattr(ours, name)
        else:
            setattr(ours, name, changed)
            assert getattr(ours, name) == changed
    assert hasattr(ours, "__dict__") == hasattr(theirs, "__dict__")
    if required:
        with pytest.raises(TypeError) as ours_error:
            made(**{name: value for name, value in values.items() if name != required[0]})
        with pytest.raises(TypeError) as theirs_error:
            expected(**{name: value for name, value in values.items() if name != required[0]})
        assert str(ours_error.value).split(" ", 1)[1] == str(theirs_error.value).split(" ", 1)[1]


def _hash(item: object) -> int | None:
    try:
        return hash(item)
    except TypeError:
        return None


@record.record(frozen=True, slots=True)
class Slotted:
    name: str
    items: tuple[int, ...] = ()


@record.record(frozen=True)
class Frozen:
    name: str
    items: tuple[int, ...] = record.field(default_factory=tuple)
    ignored: bool = record.field(default=False, compare=False)


@record.record
class Plain:
    name: str
    made: list[str] = record.field(default_factory=list)

    def __post_init__(self) -> None:
        self.made.append("post-init")


@record.record
class Child(Plain):
    extra: int = 0


def test_records_pickle_and_copy_as_dataclasses_do() -> None:
    for item in (Slotted("x", (1, 2)), Frozen("y", (3,), True), Plain("z")):
        assert pickle.loads(pickle.dumps(item)) == item
        assert copy.deepcopy(item) == item and copy.copy(item) == item
    assert Frozen("y", ignored=True) == Frozen("y") and hash(Frozen("y", (), True)) == hash(Frozen("y"))


def test_init_is_compiled_for_a_class_of_many_records() -> None:
    first = [Child(str(number), extra=number) for number in range(record.INTERPRETED + 1)]
    assert Child.__init__.__qualname__ == "Child.__init__" and "args" not in Child.__init__.__code__.co_varnames
    again = [Child(str(number), extra=number) for number in range(record.INTERPRETED + 1)]
    assert again == first and all(item.made == ["post-init"] for item in again)


def test_post_init_runs_and_fields_are_inherited() -> None:
    assert Plain("a").made == ["post-init"]
    child = Child("a", extra=2)
    assert repr(child) == "Child(name='a', made=['post-init'], extra=2)"
    assert [one.name for one in record.fields(Child)] == ["name", "made", "extra"]
    assert Child.__match_args__ == ("name", "made", "extra")


def test_what_dataclasses_refuses_a_record_refuses() -> None:
    with pytest.raises(ValueError, match="mutable default"):
        record.record(type("Bad", (), {"__annotations__": {"x": "list[int]"}, "x": []}))
    with pytest.raises(TypeError, match="non-default argument 'y' follows default argument"):
        record.record(type("Bad", (), {"__annotations__": {"x": "int", "y": "int"}, "x": 1}))
    with pytest.raises(TypeError, match="record"):
        record.replace(object())


def test_a_method_the_class_defines_is_kept() -> None:
    @record.record(frozen=True)
    class Own:
        name: str

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

    assert repr(Own("a")) == "own" and Own("a") == Own("b") and hash(Own("a")) == hash(Own("a"))


class Suggestion(notyping.NamedTuple):
    """A doc."""

    text: str
    score: int = 0

    def twice(self) -> int:
        return 2 * self.score


class TypingSuggestion(typing.NamedTuple):
    """A doc."""

    text: str
    score: int = 0

    def twice(self) -> int:
        return 2 * self.score


def test_named_tuples_are_typings() -> None:
    ours, theirs = Suggestion("a", 2), TypingSuggestion("a", 2)
    assert tuple(ours) == tuple(theirs) and ours.twice() == theirs.twice() == 4
    assert Suggestion("b") == ("b", 0) and Suggestion._fields == TypingSuggestion._fields
    assert Suggestion._field_defaults == TypingSuggestion._field_defaults
    assert Suggestion.__doc__ == TypingSuggestion.__doc__ and Suggestion.__module__ == TypingSuggestion.__module__
    assert repr(ours) == repr(theirs).replace("TypingSuggestion", "Suggestion")
    assert ours._replace(score=3) == ("a", 3) and pickle.loads(pickle.dumps(ours)) == ours
    with pytest.raises(TypeError, match="Non-default namedtuple field"):
        type("Bad", (notyping.NamedTuple,), {"__annotations__": {"x": "int", "y": "int"}, "x": 1, "__module__": __name__})
