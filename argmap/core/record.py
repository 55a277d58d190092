"""Records: classes of named fields, given `__init__`, `__repr__`, `__eq__` (and `__hash__` when frozen) as
`@dataclasses.dataclass` gives them, for every data class of argmap.

Why not dataclasses itself: importing it imports inspect, ast, dis and tokenize, about 10 ms of the start-up
of `argmap check` on one map (whose whole budget is twice `import yaml`), and it builds each method with an
exec of its own. A record is built with one exec per class. What it does is what dataclasses does for the
features argmap uses (tests/test_record.py holds it to dataclasses): defaults, `field(default_factory=...)`
(a fresh object for each instance), `field(compare=False)`, `frozen` (assignment raises), `slots`,
`__post_init__`, fields inherited from a record base class, and methods the class defines itself kept.
`replace`, `fields` and `asdict` are this module's, as dataclasses' do not know a record.

mypy reads `record` as it reads `dataclass`, through `dataclass_transform` (declared under TYPE_CHECKING, so
that nothing of typing is imported when argmap runs).
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, overload

    from typing_extensions import dataclass_transform

    T = TypeVar("T")


# Records of one class made by binding their arguments in Python before its `__init__` is compiled.
INTERPRETED = 64


class FrozenInstanceError(AttributeError):
    """An assignment to a field of a frozen record (as dataclasses.FrozenInstanceError)."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """One field of a record, as `fields` gives it: its name, default (or default factory), and whether
    `repr`, `==` and `hash` show it (`hash` None: as `==`). `field(...)` in a class body returns one; the
    decorator fills in its name."""

    __slots__ = ("compare", "default", "default_factory", "hash", "name", "repr")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING, repr: bool = True,
                 compare: bool = True, hash: bool | None = None) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare
        self.hash = hash

    def __repr__(self) -> str:
        return (f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r}, "
                f"repr={self.repr!r}, compare={self.compare!r}, hash={self.hash!r})")


if TYPE_CHECKING:
    @overload
    def field(*, default: T, repr: bool = True, compare: bool = True, hash: bool | None = None) -> T: ...

    @overload
    def field(*, default_factory: Callable[[], T], repr: bool = True, compare: bool = True,
              hash: bool | None = None) -> T: ...

    @overload
    def field(*, repr: bool = True, compare: bool = True, hash: bool | None = None) -> Any: ...

    def field(*, default: Any = MISSING, default_factory: Any = MISSING, repr: bool = True, compare: bool = True,
              hash: bool | None = None) -> Any: ...

    @overload
    @dataclass_transform(field_specifiers=(field, Field))
    def record(cls: type[T], /) -> type[T]: ...

    @overload
    @dataclass_transform(field_specifiers=(field, Field))
    def record(*, frozen: bool = False, slots: bool = False) -> Callable[[type[T]], type[T]]: ...

    @dataclass_transform(field_specifiers=(field, Field))
    def record(cls: Any = None, /, *, frozen: bool = False, slots: bool = False) -> Any: ...

else:
    def field(*, default=MISSING, default_factory=MISSING, repr=True, compare=True, hash=None):
        """A field with a default (or a factory called for each new record), or left out of repr, `==`, hash."""
        return Field(default, default_factory, repr, compare, hash)

    def record(cls=None, /, *, frozen=False, slots=False):
        """`@record` or `@record(frozen=True, slots=True)` on a class, as `@dataclass` is used."""

        def wrap(cls):
            return _build(cls, frozen, slots)

        return wrap if cls is None else wrap(cls)


def fields(item: object) -> tuple[Field, ...]:
    """The fields of a record (or of a record class), in order."""
    found: tuple[Field, ...] | None = getattr(item, "__record_fields__", None)
    if found is None:
        raise TypeError("must be called with a record type or instance")
    return found


def is_record(item: object) -> bool:
    return hasattr(item, "__record_fields__")


def replace(item: T, /, **changes: Any) -> T:
    """A copy of the record `item` with `changes` (as dataclasses.replace; defaults are not re-made)."""
    for one in fields(item):
        if one.name not in changes:
            changes[one.name] = getattr(item, one.name)
    return item.__class__(**changes)


def asdict(item: object) -> dict[str, Any]:
    """The record as a dict, records, lists, tuples and dicts inside it converted too (as dataclasses.asdict)."""
    if not is_record(item) or isinstance(item, type):
        raise TypeError("asdict() should be called on record instances")
    result = _plain(item)
    assert isinstance(result, dict)
    return result


def _plain(value: Any) -> Any:
    if is_record(value) and not isinstance(value, type):
        return {one.name: _plain(getattr(value, one.name)) for one in fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple is made again from its fields
        return type(value)(*[_plain(part) for part in value])
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(part) for part in value)
    if isinstance(value, dict):
        return type(value)((_plain(key), _plain(part)) for key, part in value.items())
    return value


def _is_class_var(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return isinstance(text, str) and text.split("[", 1)[0].strip() in ("ClassVar", "typing.ClassVar")


def _build(cls: type, frozen: bool, slots: bool) -> type:
    own = cls.__annotations__  # the class's own (since Python 3.10), strings (from __future__ import annotations)
    found: dict[str, Field] = {}
    for base in cls.__mro__[-1:0:-1]:
        for inherited in getattr(base, "__record_fields__", ()):
            found[inherited.name] = inherited
    body = cls.__dict__
    for name, annotation in own.items():
        # `"ClassVar" in` first: most annotations are plain strings that cannot be one (start-up builds every
        # record class of a run, a few microseconds a field)
        if (not isinstance(annotation, str) or "ClassVar" in annotation) and _is_class_var(annotation):
            continue
        value = body.get(name, MISSING)
        if isinstance(value, Field):
            one = value
            if one.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, one.default)  # the default, as a class attribute (as dataclasses leaves it)
        else:
            one = Field(value)
        one.name = name
        if one.default is not MISSING and one.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(one.default)} for field {name} is not allowed: "
                             "use default_factory")
        found[name] = one
    every = tuple(found.values())
    seen_default = False
    for one in every:
        if one.default is MISSING and one.default_factory is MISSING:
            if seen_default:
                raise TypeError(f"non-default argument {one.name!r} follows default argument")
        else:
            seen_default = True
    if slots:
        cls = _slotted(cls, every)
    _methods(cls, every, frozen, slots)
    return cls


def _slotted(cls: type, every: tuple[Field, ...]) -> type:
    """The class made again with `__slots__` for its fields (a class's slots cannot be added afterwards)."""
    inherited = {name for base in cls.__mro__[1:-1] for name in getattr(base, "__slots__", ())}
    body = dict(cls.__dict__)
    body["__slots__"] = tuple(one.name for one in every if one.name not in inherited)
    for one in every:
        body.pop(one.name, None)
    body.pop("__dict__", None)
    body.pop("__weakref__", None)
    made = type(cls)(cls.__name__, cls.__bases__, body)
    made.__qualname__ = cls.__qualname__
    return made


def _methods(cls: type, every: tuple[Field, ...], frozen: bool, slots: bool) -> None:
    """The record's methods, closures over the field names, but for `__init__`: the first records of a class
    are made by binding the arguments in Python, and from the `INTERPRETED`th on by an `__init__` compiled for
    the class (as dataclasses makes it), the fastest way, which costs 0.05 to 0.5 ms to compile: a run
    compiles only the classes it makes many records of."""
    own = cls.__dict__
    qualname = cls.__qualname__
    order = tuple([one.name for one in every])
    names = frozenset(order)
    shown = tuple([one.name for one in every if one.repr])
    compared = _getter(tuple([one.name for one in every if one.compare]))
    hashed = _getter(tuple([one.name for one in every if (one.compare if one.hash is None else one.hash)]))
    setter = object.__setattr__
    post_init = hasattr(cls, "__post_init__")

    made_so_far = [0]
    assign = setter if frozen else setattr

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made_so_far[0] += 1
        if made_so_far[0] < INTERPRETED:
            # Every field given in order (the rules, made at import): nothing to bind.
            values = args if not kwargs and len(args) == len(order) else _bound(every, args, kwargs)
            if values is not None:
                for name, value in zip(order, values):  # noqa: B905 - as many values as fields, made so above
                    assign(self, name, value)
                if post_init:
                    self.__post_init__()
                return
        # Many records of this class, or arguments that do not bind (the compiled one raises Python's own error)
        made = _compiled_init(cls, every, frozen, post_init)
        made.__qualname__ = f"{qualname}.__init__"
        if cls.__dict__.get("__init__") is __init__:
            cls.__init__ = made  # type: ignore[misc]
        made(self, *args, **kwargs)

    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(compared(self) == compared(other))
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    def __setattr__(self: Any, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    def __getstate__(self: Any) -> list[object]:
        return [getattr(self, name) for name in order]

    def __setstate__(self: Any, state: list[object]) -> None:
        for name, value in zip(order, state, strict=True):
            setter(self, name, value)

    def put(method: Callable[..., Any]) -> None:
        name = method.__name__
        if name not in own:  # a method the class defines itself is kept (as dataclasses keeps it)
            method.__qualname__ = f"{qualname}.{name}"
            setattr(cls, name, method)

    put(__init__)
    put(__repr__)
    put(__eq__)
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if not explicit_hash:
        if frozen:  # compared by value and unchangeable: hashed by the compared fields
            __hash__.__qualname__ = f"{qualname}.__hash__"
            cls.__hash__ = __hash__  # type: ignore[assignment, method-assign]
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value: unhashable
    if frozen:
        put(__setattr__)
        put(__delattr__)
        if slots:  # pickling sets the slots through __setattr__, which a frozen record refuses
            put(__getstate__)
            put(__setstate__)
    cls.__match_args__ = order  # type: ignore[attr-defined, misc]
    cls.__record_fields__ = every  # type: ignore[attr-defined]


def _bound(every: tuple[Field, ...], args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any] | None:
    """The value of each field for a call with `args` and `kwargs`, defaults filled in; None for a call that
    does not bind (too many, missing, unknown or repeated arguments)."""
    if len(args) > len(every):
        return None
    values = list(args)
    taken = 0
    for one in every[len(args):]:
        if one.name in kwargs:
            values.append(kwargs[one.name])
            taken += 1
        elif one.default is not MISSING:
            values.append(one.default)
        elif one.default_factory is not MISSING:
            values.append(one.default_factory())
        else:
            return None
    return values if taken == len(kwargs) else None


def _getter(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """The values of `names` of a record, as a tuple (attrgetter's own, in C, for two or more)."""
    if len(names) >= 2:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda item: (one(item),)
    return lambda item: ()


def _compiled_init(cls: type, every: tuple[Field, ...], frozen: bool, post_init: bool) -> Callable[..., None]:
    """`__init__` of the record, its fields assigned one by one (the fastest way to make records)."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_MISSING": MISSING}
    parameters, body = [], []
    for one in every:
        name = one.name
        if one.default_factory is not MISSING:
            scope[f"_factory_{name}"] = one.default_factory
            parameters.append(f"{name}=_MISSING")
            value = f"_factory_{name}() if {name} is _MISSING else {name}"
        else:
            if one.default is not MISSING:
                scope[f"_default_{name}"] = one.default
                parameters.append(f"{name}=_default_{name}")
            else:
                parameters.append(name)
            value = name
        body.append(f"  _set(self, {name!r}, {value})" if frozen else f"  self.{name} = {value}")
    if post_init:
        body.append("  self.__post_init__()")
    source = "\n".join([f"def __init__(self, {', '.join(parameters)}):" if parameters else "def __init__(self):",
                        *(body or ["  pass"])])
    exec(source, scope)  # the source is made here, of the field names only
    made: Callable[..., None] = scope["__init__"]
    return made
