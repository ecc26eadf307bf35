"""Checks of single values in a profile document: each field's type, range and choices.

The ranges are the planner's own input rules, so everything the planner wrote passes them;
the choices come from planner.store.models, and a custom entry's definition is checked by the
catalog's own schema (planner.catalog.schema) and text rules.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from planner.catalog.custom import text_problems
from planner.catalog.schema import Role, Skill
from planner.catalog.validation import InvalidEntry, validate_json
from planner.planning.model import Phase
from planner.store.models import (
    CERTIFICATION_STATUSES,
    EDUCATION_LEVELS,
    MAX_BACKUPS_TO_KEEP,
    MAX_LEVEL,
    MIN_LEVEL,
    RATING_SOURCES,
    STEP_KINDS,
    STEP_STATUSES,
)

# The app's own input rules (planner.services.inputs); anything the planner wrote meets them.
HOURS_PER_WEEK = (0.5, 100.0)
YEARS = (0.0, 70.0)
# Beyond these the scheduler's date arithmetic could overflow; no real plan comes near them.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
MAX_STEP_HOURS = 100_000.0
MAX_ID = 2**63 - 1  # SQLite's integers are 64-bit
MAX_ID_TEXT = 200  # catalog ids and step keys are short slugs
_TOPICS = re.compile(r"(?:[0-9]{1,4}(?:,[0-9]{1,4})*)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_Rule = Callable[[Any], str | None]


def show(value: object) -> str:
    """A value as a message quotes it: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _one_of(choices: Iterable[str]) -> _Rule:
    allowed = tuple(choices)

    def rule(value: Any) -> str | None:
        if value in allowed:
            return None
        return f"{show(value)} is not one of {', '.join(allowed)}"

    return rule


def _between(low: float, high: float) -> _Rule:
    def rule(value: Any) -> str | None:
        if value is None or low <= value <= high:
            return None
        return f"{show(value)} is outside {low:g} to {high:g}"

    return rule


def _id_text(value: Any) -> str | None:
    if value is None or 0 < len(value) <= MAX_ID_TEXT:
        return None
    return "an id must be 1 to 200 characters long"


def _pattern(regex: re.Pattern[str], what: str) -> _Rule:
    def rule(value: Any) -> str | None:
        return None if regex.fullmatch(value) else f"{show(value)} is not {what}"

    return rule


_ID = _between(1, MAX_ID)
RULES: dict[str, dict[str, _Rule]] = {
    "profile": {
        "years_experience": _between(*YEARS),
        "education": _one_of(EDUCATION_LEVELS),
        "current_role_id": _id_text,
        "target_role_id": _id_text,
        "hours_per_week": _between(*HOURS_PER_WEEK),
        "backups_to_keep": _between(1, MAX_BACKUPS_TO_KEEP),
    },
    "skill_ratings": {
        "id": _ID,
        "skill_id": _id_text,
        "level": _between(MIN_LEVEL, MAX_LEVEL),
        "source": _one_of(RATING_SOURCES),
    },
    "certifications": {"id": _ID, "cert_id": _id_text, "status": _one_of(CERTIFICATION_STATUSES)},
    "plans": {
        "id": _ID,
        "role_id": _id_text,
        "route": _pattern(re.compile(r"(?:[^,]+(?:,[^,]+)*)?"), "a comma-separated list of ids"),
        "hours_per_week": _between(*HOURS_PER_WEEK),
    },
    "steps": {
        "id": _ID,
        "position": _between(1, 1_000_000),
        "key": _id_text,
        "stage": _between(0, 1000),
        "kind": _one_of(STEP_KINDS),
        "phase": _one_of(p.slug for p in Phase),
        "skill_id": _id_text,
        "cert_id": _id_text,
        "from_level": _between(MIN_LEVEL, MAX_LEVEL),
        "to_level": _between(MIN_LEVEL, MAX_LEVEL),
        "hours": _between(0, MAX_STEP_HOURS),
        "years": _between(*YEARS),
        "status": _one_of(STEP_STATUSES),
        "topics_done": _pattern(_TOPICS, "a comma-separated list of topic numbers"),
    },
    "user_resources": {"id": _ID, "step_key": _id_text},
    "custom_skills": {"id": _id_text},
    "custom_roles": {"id": _id_text},
}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{show(value)} is not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("the text holds an unpaired surrogate (not valid Unicode)") from None
    return value


def read_day(value: Any) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError(f"{show(value)} is not a date written as YYYY-MM-DD")
    day = date.fromisoformat(value)  # ValueError for 2026-02-30
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{value} is outside {FIRST_DAY} to {LAST_DAY}")
    return day


def _moment(value: Any) -> datetime:
    if not isinstance(value, str) or not _DATE.match(value) or len(value) > 40:
        raise ValueError(f"{show(value)} is not a date and time (ISO 8601)")
    when = datetime.fromisoformat(value)
    if when.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone offset (write it in UTC, +00:00)")
    when = when.astimezone(UTC)  # OverflowError at the ends of the calendar
    if not FIRST_DAY <= when.date() <= LAST_DAY:
        raise ValueError(f"{value} is outside {FIRST_DAY} to {LAST_DAY}")
    return when


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{show(value)} is not a number")
    number = float(value)  # OverflowError for an integer beyond a float's range
    if not math.isfinite(number):
        raise ValueError(f"{show(value)} is not a finite number")
    return number


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{show(value)} is not a whole number")
    if not -MAX_ID - 1 <= value <= MAX_ID:
        raise ValueError("the number is too large")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{show(value)} is not true or false")
    return value


READERS: dict[str, Callable[[Any], object]] = {
    "str": _text,
    "date": read_day,
    "datetime": _moment,
    "float": _number,
    "int": _integer,
    "bool": _flag,
}


# --- custom entries' definitions ---------------------------------------------------------------


class DefinitionProblem(ValueError):
    """What is wrong with a definition, and where inside it (``.requirements[0].level``)."""

    def __init__(self, inside: str, problem: str) -> None:
        super().__init__(problem)
        self.inside, self.problem = inside, problem


def read_definition(model: type[Skill] | type[Role], value: Any) -> Skill | Role:
    """A custom skill's or role's definition, validated as the planner reads its stored
    rows back (the catalog schema, from JSON text) and held to the text rules its editor
    keeps. DefinitionProblem on the first problem found."""
    if not isinstance(value, dict):
        raise DefinitionProblem("", f"expected an object, found {show(value)}")
    try:
        raw = json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise DefinitionProblem(
            "", "the text holds an unpaired surrogate (not valid Unicode)"
        ) from None
    try:
        entry = validate_json(model, raw)
    except InvalidEntry as exc:
        first = exc.errors[0]
        if first.type == "json_invalid":  # of the text made above: only too deep a nesting
            raise DefinitionProblem("", "it is nested too deeply") from None
        raise DefinitionProblem(_place(first.loc), _one_line(first.msg)) from None
    problems = text_problems(entry)
    if problems:
        raise DefinitionProblem("", problems[0])
    return entry


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,40}")


def key_place(where: str, key: str) -> str:
    """Where the document's own key ``key`` sits under ``where``: a plain name as it is, any
    other key quoted (it may hold line breaks or anything else)."""
    return f"{where}{_place([key])}" if where else _place([key]).removeprefix(".")


def _place(loc: Iterable[int | str]) -> str:
    # A field name as it is; a key the document made up (it may hold anything) quoted.
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part == "[key]":  # the validator's mark: the key before it is wrong, not its value
            parts.append(" (the key)")
        elif _NAME.fullmatch(part):
            parts.append(f".{part}")
        else:
            parts.append(f"[{show(part)}]")
    return "".join(parts)


def _one_line(message: str) -> str:
    text = " ".join(message.split()).rstrip(".")
    return text if len(text) <= 200 else text[:197] + "..."
