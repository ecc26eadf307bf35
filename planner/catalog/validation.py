"""Validating outside data into catalog entries, and dumping entries to JSON: the one place
that imports pydantic, lazily, so that nothing else in the catalog pays for it at start-up.

Callers catch InvalidEntry, whose ``errors`` give each problem's place in the data and
message in pydantic's words (``requirements.0.level: Input should be ...``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from planner.catalog.schema import CertificationRecommendation, Requirement, Role

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")


@dataclass(frozen=True)
class EntryError:
    """One problem: where in the data (keys and positions), what, and pydantic's error type."""

    loc: tuple[int | str, ...]
    msg: str
    type: str


class InvalidEntry(ValueError):
    """The data does not make a valid entry; ``errors`` lists every problem found."""

    def __init__(self, errors: list[EntryError]) -> None:
        super().__init__(
            "; ".join(f"{'.'.join(map(str, e.loc)) or 'entry'}: {e.msg}" for e in errors)
        )
        self.errors = tuple(errors)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(cls: type[T]) -> TypeAdapter[T]:
    """One adapter per class: building one compiles the class's validator (milliseconds)."""
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


def validate(cls: type[T], data: object) -> T:
    """``data`` (plain dicts and lists, as TOML or JSON give them) as a valid ``cls``."""
    from pydantic import ValidationError

    data, early = _expand_shorthands(cls, data)
    try:
        entry = _adapter(cls).validate_python(data)
    except ValidationError as exc:
        raise InvalidEntry(early + [_entry_error(e, cls) for e in exc.errors()]) from None
    if early:
        raise InvalidEntry(early)
    return entry


def validate_json(cls: type[T], text: str | bytes) -> T:
    """``validate`` of a JSON document (a stored or exported definition)."""
    from pydantic_core import from_json

    try:
        data = from_json(text)
    except ValueError as exc:  # not JSON, or nested too deeply
        raise InvalidEntry([EntryError((), f"Invalid JSON: {exc}", "json_invalid")]) from None
    return validate(cls, data)


def to_data(entry: object, *, leave_out_defaults: bool = False) -> dict[str, Any]:
    """The entry as JSON-ready data (tuples as lists, topic levels as string keys);
    ``leave_out_defaults``: without the values that are None or the field's default, at every
    level, as a hand-written catalog file leaves them out."""
    data: dict[str, Any] = _adapter(type(entry)).dump_python(
        entry, mode="json", exclude_none=leave_out_defaults, exclude_defaults=leave_out_defaults
    )
    return data


def to_json(entry: object) -> str:
    """The entry as compact JSON text, the form custom entries are stored in (byte-stable:
    the same entry always gives the same text)."""
    return _adapter(type(entry)).dump_json(entry).decode("utf-8")


def _entry_error(error: Any, cls: type) -> EntryError:
    """Pydantic's error in the words it uses for models, which the catalog used before its
    classes became dataclasses (problem lines and tests quote them)."""
    kind, msg = error["type"], error["msg"]
    if kind == "unexpected_keyword_argument":
        kind, msg = "extra_forbidden", "Extra inputs are not permitted"
    elif kind == "dataclass_type":
        name = error.get("ctx", {}).get("class_name", cls.__name__)
        kind, msg = "model_type", f"Input should be a valid dictionary or instance of {name}"
    return EntryError(tuple(error["loc"]), msg, kind)


# --- the shorthands of catalog files --------------------------------------------------------


def _one_or_many(
    data: object, key: str, loc: tuple[int | str, ...], early: list[EntryError]
) -> object:
    """``key = "x"`` as ``any_of = ["x"]``; both at once is a problem at ``loc``."""
    if not isinstance(data, dict) or key not in data:
        return data
    data = dict(data)
    single = data.pop(key)
    if "any_of" in data:
        early.append(
            EntryError(
                loc, f"Value error, give either '{key}' or 'any_of', not both", "value_error"
            )
        )
    else:
        data["any_of"] = [single]
    return data


def _items(data: dict[str, Any], field: str, key: str, early: list[EntryError]) -> None:
    items = data.get(field)
    if isinstance(items, list):
        data[field] = [_one_or_many(item, key, (field, n), early) for n, item in enumerate(items)]


def _role_shorthands(data: object, early: list[EntryError]) -> object:
    if not isinstance(data, dict):
        return data
    data = dict(data)
    _items(data, "requirements", "skill", early)
    _items(data, "certifications", "certification", early)
    return data


_SHORTHANDS: dict[type, Callable[[object, list[EntryError]], object]] = {
    Role: _role_shorthands,
    Requirement: lambda data, early: _one_or_many(data, "skill", (), early),
    CertificationRecommendation: lambda data, early: _one_or_many(data, "certification", (), early),
}


def _expand_shorthands(cls: type, data: object) -> tuple[object, list[EntryError]]:
    """``data`` with the catalog files' shorthands expanded, and the problems found doing it
    (reported with whatever else is wrong with the entry)."""
    early: list[EntryError] = []
    expand = _SHORTHANDS.get(cls)
    return (expand(data, early) if expand else data), early
