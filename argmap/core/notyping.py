"""The two names of typing that argmap's modules need when they run (`NamedTuple`, `Protocol`), without
importing typing: its import is about 3 ms of the start-up of `argmap check` on one map. Everything else of
typing is for mypy only, imported under `if TYPE_CHECKING:` (with `TYPE_CHECKING = False` in the module:
mypy takes any name TYPE_CHECKING as true), the annotations being strings.

mypy reads the names as typing's own (under TYPE_CHECKING, below); at run time `class Ref(NamedTuple)` gives
`collections.namedtuple("Ref", ...)` with the class's defaults, methods and docstring, as typing's does, and a
`Protocol` is a plain base class (argmap checks none with isinstance).
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import NamedTuple as NamedTuple
    from typing import Protocol as Protocol
else:
    # What a NamedTuple's class body may not define, and what is not copied onto the tuple class (as typing).
    _PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                             "_make", "_replace", "_asdict", "_source"})
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _NamedTupleMeta(type):
        def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
            if not bases:  # NamedTuple itself
                return super().__new__(cls, name, bases, namespace)
            names = list(namespace.get("__annotations__", {}))
            defaults = []
            for field in names:
                if field in namespace:
                    defaults.append(namespace[field])
                elif defaults:
                    raise TypeError(f"Non-default namedtuple field {field} cannot follow default field"
                                    f"{'s' if len(defaults) > 1 else ''} {', '.join(names[:len(defaults)])}")
            made = collections.namedtuple(name, names, defaults=defaults,
                                          module=namespace["__module__"])
            made.__annotations__ = dict(namespace.get("__annotations__", {}))
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in names:
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_NamedTupleMeta):
        """`class Ref(NamedTuple): ...` makes a collections.namedtuple, as typing.NamedTuple does."""

    Protocol = object
