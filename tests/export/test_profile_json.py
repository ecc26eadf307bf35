"""The JSON profile format: what a document holds (custom roles and skills included), what the
reader refuses and how it says so, and the reader fuzzed: whatever a file holds, importing it
either succeeds (and stores exactly what the file says) or raises InvalidInputError naming the
file, with the database untouched.

The default run tries about 300 inputs; ``-m slow`` tries several thousand. Run with ``-s`` to
see the counts (or ``--hypothesis-show-statistics`` for the kinds of input).
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import shutil
import signal
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from sqlalchemy import delete

from planner.catalog import builtin_catalog
from planner.catalog.schema import Role, Skill
from planner.catalog.validation import to_json, validate
from planner.errors import InvalidInputError
from planner.export import profile_json
from planner.export.profile_checks import FIRST_DAY, LAST_DAY
from planner.export.profile_json import (
    FORMAT,
    KIND,
    DocumentError,
    fields_of,
    parse_document,
    to_document,
)
from planner.planning.model import Phase
from planner.services import portable
from planner.services.workspace import Workspace
from planner.store import (
    CERTIFICATION_STATUSES,
    EDUCATION_LEVELS,
    RATING_SOURCES,
    STEP_KINDS,
    STEP_STATUSES,
    HeldCertification,
    Plan,
    PlanStep,
    Profile,
    SkillRating,
    UserResource,
    head_revision,
)
from planner.store.models import CustomRole, CustomSkill

from .portable_sample import (
    CUSTOM_ROLE_IDS,
    CUSTOM_SKILL_IDS,
    add_custom_entries,
    build_rich_profile,
    build_small_profile,
    sql_dump,
)

TODAY = date(2026, 11, 23)
HEAD = head_revision()
HEADER_KEYS = ("kind", "format", "schema_revision", "app_version", "exported_on")

DEFAULT = settings(
    max_examples=150,
    deadline=None,  # real file and database work; the watchdog below catches hangs
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the harness resets itself between examples
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
SLOW = settings(DEFAULT, max_examples=2500)


# --- a small real document -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> dict[str, Any]:
    """A real export of a small profile (two plans, notes, resources, custom roles and
    skills), as parsed JSON."""
    return _real_export(tmp_path_factory, migrated_database, _small_with_custom)


def _small_with_custom(ws: Workspace) -> None:
    build_small_profile(ws)
    add_custom_entries(ws)


@pytest.fixture(scope="module")
def rich_sample(
    tmp_path_factory: pytest.TempPathFactory, migrated_database: Path
) -> dict[str, Any]:
    """A real export of a rich profile: a plan in two stages, about 180 steps, and custom
    roles and skills."""
    return _real_export(tmp_path_factory, migrated_database, _rich_with_custom)


def _rich_with_custom(ws: Workspace) -> None:
    build_rich_profile(ws)
    add_custom_entries(ws)


def _real_export(
    factory: pytest.TempPathFactory, template: Path, build: Callable[[Workspace], None]
) -> dict[str, Any]:
    folder = factory.mktemp("sample")
    shutil.copyfile(template, folder / "planner.sqlite3")
    with Workspace(folder, today=lambda: TODAY) as ws:
        build(ws)
        document = fresh_copy(portable.profile_document(ws))
    # The same document on every run (so that Hypothesis can replay what it found): the
    # times of day the profile was built at are set to fixed ones, in the same order.
    stamps = sorted({v for _, v in _times(document)})
    fixed = {v: f"2026-11-20T10:00:00.{n:06d}+00:00" for n, v in enumerate(stamps, start=1)}
    for place, value in _times(document):
        _parent(document, place)[place[-1]] = fixed[value]
    return document


def _times(document: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    names = ("created_at", "updated_at", "rated_at")
    return [(p, _parent(document, p)[p[-1]]) for p in paths(document) if p[-1] in names]


def encode(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def fresh_copy(document: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a JSON document (much quicker than copy.deepcopy)."""
    copied: dict[str, Any] = json.loads(json.dumps(document))
    return copied


def sections(document: dict[str, Any]) -> dict[str, Any]:
    """The data of a document, without its header (which says when and by what it was made)."""
    return {k: v for k, v in document.items() if k not in HEADER_KEYS}


# --- the format ----------------------------------------------------------------------------------


def test_a_document_carries_every_column_of_every_table(sample: dict[str, Any]) -> None:
    assert sample["kind"] == KIND and sample["format"] == FORMAT
    assert sample["schema_revision"] == HEAD
    assert sample["exported_on"] == TODAY.isoformat()
    tables = {
        "profile": Profile,
        "skill_ratings": SkillRating,
        "certifications": HeldCertification,
        "plans": Plan,
        "user_resources": UserResource,
        "custom_skills": CustomSkill,
        "custom_roles": CustomRole,
    }
    assert set(sample) == {*HEADER_KEYS, "plans", *tables}
    for key, model in tables.items():
        row = sample[key] if key == "profile" else sample[key][0]
        expected = {c.name for c in model.__table__.columns} - (
            {"id"} if key == "profile" else set()
        )
        assert set(row) - {"steps"} == expected, key
    # A custom entry's definition is the catalog's own model, as an object a person can read.
    # In the order they were added: the ids are names, not numbers.
    assert [s["id"] for s in sample["custom_skills"]] == list(CUSTOM_SKILL_IDS)
    assert [r["id"] for r in sample["custom_roles"]] == list(CUSTOM_ROLE_IDS)
    skill = validate(Skill, sample["custom_skills"][0]["definition"])
    assert skill.id == "crossplane" and skill.prerequisites[0].skill == "python"
    role = validate(Role, sample["custom_roles"][0]["definition"])
    assert role.id == "platform-engineer"
    assert "crossplane-compositions" in {s for q in role.requirements for s in q.any_of}
    step = sample["plans"][0]["steps"][0]
    assert set(step) == {c.name for c in PlanStep.__table__.columns} - {"plan_id"}
    assert len(sample["plans"]) == 2 and [p["is_active"] for p in sample["plans"]] == [False, True]
    # Times are UTC with their offset; dates plain ISO.
    assert sample["profile"]["created_at"].endswith("+00:00")
    assert date.fromisoformat(sample["plans"][1]["start_date"])


def test_a_document_reads_back_to_the_same_document(sample: dict[str, Any]) -> None:
    data = parse_document(encode(sample), schema_revision=HEAD)
    assert len(data.custom_skills) == 2 and len(data.custom_roles) == 2
    again = to_document(data, schema_revision=HEAD, app_version="x", exported_on=TODAY)
    assert sections(again) == sections(sample)


def test_a_definition_is_stored_as_the_catalog_schema_writes_it(sample: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample)
    definition = doc["custom_skills"][0]["definition"]
    definition["name"] = "  Crossplane, spaced  "  # the schema strips it, as the editor does
    del definition["aliases"]  # a default the schema fills in
    data = parse_document(encode(doc), schema_revision=HEAD)
    stored = data.custom_skills[0]["definition"]
    assert stored == to_json(validate(Skill, definition))
    assert (
        json.loads(stored)["name"] == "Crossplane, spaced" and json.loads(stored)["aliases"] == []
    )


def test_a_format_1_document_still_reads_without_custom_entries(sample: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample)
    doc["format"] = 1
    with pytest.raises(DocumentError, match="custom_skills: is not a field of a format 1 profile"):
        parse_document(encode(doc), schema_revision=HEAD)
    del doc["custom_skills"], doc["custom_roles"]
    data = parse_document(encode(doc), schema_revision=HEAD)
    assert data.custom_skills == () and data.custom_roles == ()
    assert len(data.plans) == 2 and data.ratings
    doc["format"] = 2  # ... but a format 2 document must say it has none
    with pytest.raises(DocumentError, match="custom_skills: is missing"):
        parse_document(encode(doc), schema_revision=HEAD)


def test_times_in_other_zones_are_read_as_the_same_moment(sample: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample)
    doc["skill_ratings"][0]["rated_at"] = "2026-03-01T09:30:00.250000+05:30"
    data = parse_document(encode(doc), schema_revision=HEAD)
    assert data.ratings[0]["rated_at"] == datetime(2026, 3, 1, 4, 0, 0, 250000, tzinfo=UTC)


def test_a_document_from_an_older_schema_may_lack_columns_added_since(
    sample: dict[str, Any],
) -> None:
    doc = copy.deepcopy(sample)
    del doc["profile"]["backups_to_keep"]  # added by revision 0003
    with pytest.raises(DocumentError, match=r"profile\.backups_to_keep: is missing"):
        parse_document(encode(doc), schema_revision=HEAD)
    doc["schema_revision"] = "0002"
    data = parse_document(encode(doc), schema_revision=HEAD)
    assert data.profile["backups_to_keep"] == Profile().backups_to_keep


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = _steps(path)
        target: Any = doc
        for part in parents:
            target = target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return change


def _steps(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for token in path.replace("]", "").replace("[", ".").split("."):
        parts.append(int(token) if token.isdigit() else token)
    return parts


_DELETE = object()

BAD_CHANGES = [
    (
        _set("plans[0].steps[3].status", "finished"),
        "plans[0].steps[3].status: 'finished' is not one of todo, in_progress, done, skipped",
    ),
    (_set("plans[1].steps[0].key", _DELETE), "plans[1].steps[0].key: is missing"),
    (_set("skill_ratings[0].level", 6), "skill_ratings[0].level: 6 is outside 0 to 5"),
    (_set("skill_ratings[0].level", "3"), "skill_ratings[0].level: '3' is not a whole number"),
    (_set("skill_ratings[0].level", True), "skill_ratings[0].level: True is not a whole number"),
    (_set("profile.hours_per_week", 0), "profile.hours_per_week: 0.0 is outside 0.5 to 100"),
    (_set("profile.education", "phd-ish"), "profile.education: 'phd-ish' is not one of none"),
    (_set("profile.name", None), "profile.name: must have a value"),
    (_set("profile.start_date", "2026-02-30"), "profile.start_date: day is out of range"),
    (_set("profile.start_date", "1.12.2026"), "profile.start_date: '1.12.2026' is not a date"),
    (_set("profile.start_date", "0001-01-01"), "profile.start_date: 0001-01-01 is outside"),
    (_set("profile.created_at", "2026-01-01T10:00:00"), "profile.created_at: '2026-01-01T10:00"),
    (_set("profile.colour", "blue"), "profile.colour: is not a field this planner knows"),
    # A made-up key is quoted: a line break in it must not break the one-line message.
    (_set("profile.bad\nkey", 1), "profile['bad\\nkey']: is not a field this planner knows"),
    (_set("odd key", 1), "['odd key']: is not a field this planner knows"),
    (_set("skill_ratings[1].id", 1), "skill_ratings[1].id: id 1 appears twice"),
    (_set("plans[0].is_active", True), "plans[1].is_active: only one plan may be active"),
    (_set("plans[0].steps[1].key", "@"), None),  # a key of its own is fine...
    (_set("plans[0].steps[1].position", 1), "plans[0].steps[1].position: position 1 appears"),
    (_set("plans[0].steps[1].stage", 1), "plans[0].steps[1].stage: the plan has 1 stage(s)"),
    (_set("plans[0].steps[1].topics_done", "1,x"), "topics_done: '1,x' is not a comma-separated"),
    (_set("plans[0].steps[1].hours", 1e300), "plans[0].steps[1].hours: 1e+300 is outside"),
    (_set("plans[0].steps", {}), "plans[0].steps: expected a list, found an object"),
    (_set("plans[0].route", ",x"), "plans[0].route: ',x' is not a comma-separated list"),
    (_set("user_resources[0].title", "\ud800"), "user_resources[0].title: the text holds an"),
    (_set("certifications", None), "certifications: expected a list, found null"),
    (_set("format", 3), "format: 3 is newer than this planner reads (2)"),
    (_set("format", 0), "format: 0 is not a format this planner reads (2)"),
    (_set("custom_roles", {}), "custom_roles: expected a list, found an object"),
    (_set("custom_skills[1].id", "crossplane"), "custom_skills[1].id: id 'crossplane' appears"),
    (_set("custom_skills[0].id", ""), "custom_skills[0].id: an id must be 1 to 200 characters"),
    (_set("custom_skills[0].definition", _DELETE), "custom_skills[0].definition: is missing"),
    (
        _set("custom_skills[0].definition", "{}"),
        "custom_skills[0].definition: expected an object, found '{}'",
    ),
    (
        _set("custom_skills[0].definition.id", "kubernetes"),
        "custom_skills[0].definition.id: 'kubernetes' is not the id of its entry",
    ),
    (
        _set("custom_skills[0].definition.id", "Not A Slug"),
        "custom_skills[0].definition.id: Value error, 'Not A Slug' is not a valid id",
    ),
    (
        _set("custom_skills[0].definition.hours", [1, 2, 3]),
        "custom_skills[0].definition.hours[3]: Field required",
    ),
    (
        _set("custom_skills[0].definition.topics.9", ["too far"]),
        "custom_skills[0].definition.topics['9'] (the key): Input should be less than or equal",
    ),
    (
        _set("custom_roles[0].definition.requirements[0].level", 6),
        "custom_roles[0].definition.requirements[0].level: Input should be less than or equal",
    ),
    (
        _set("custom_roles[0].definition.requirements[0].colour\nx", 1),
        r"custom_roles[0].definition.requirements[0]['colour\nx']: Extra inputs are not",
    ),
    (
        _set("custom_roles[1].definition.title", "T" * 121),
        "custom_roles[1].definition: its title is 121 characters long (at most 120)",
    ),
    (
        _set(
            "custom_skills[0].definition.hours", functools.reduce(lambda x, _: [x], range(300), 1)
        ),
        "custom_skills[0].definition: it is nested too deeply",
    ),
    (
        _set("custom_roles[1].definition.summary", "\ud800"),
        "custom_roles[1].definition: the text holds an unpaired surrogate",
    ),
    (_set("kind", "something else"), "kind: this is not a planner profile"),
    (_set("exported_on", _DELETE), "exported_on: None is not a date"),
]


@pytest.mark.parametrize(("change", "message"), BAD_CHANGES)
def test_a_bad_value_is_reported_where_it_is(
    sample: dict[str, Any], change: Callable[[dict[str, Any]], None], message: str | None
) -> None:
    doc = copy.deepcopy(sample)
    change(doc)
    raw = json.dumps(doc, ensure_ascii=True).encode()  # ASCII: a lone surrogate survives
    if message is None:
        parse_document(raw, schema_revision=HEAD)
        return
    with pytest.raises(DocumentError) as caught:
        parse_document(raw, schema_revision=HEAD)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "not valid JSON at line 1, column 1"),
        (b"\xff\xfe{}", "byte 0 is not UTF-8 text"),
        (b"[1, 2]", "the file holds a list, not a planner profile"),
        (b'{"kind": 1, "kind": 2}', "the field 'kind' appears twice"),
        (b'{"format": NaN}', "NaN is not a number JSON allows"),
        (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
        (b"1" * 5000, "not valid JSON (Exceeds the limit"),
    ],
)
def test_what_is_not_a_document_is_reported(raw: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message.replace("(", r"\(")):
        parse_document(raw, schema_revision=HEAD)


def test_a_byte_order_mark_is_harmless(sample: dict[str, Any]) -> None:
    data = parse_document(b"\xef\xbb\xbf" + encode(sample), schema_revision=HEAD)
    assert len(data.plans) == 2


def test_read_document_names_the_file_and_caps_the_size(
    tmp_path: Path, sample: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "profile.json"
    path.write_bytes(encode(sample))
    monkeypatch.setattr(profile_json, "MAX_BYTES", len(path.read_bytes()) - 1)
    with pytest.raises(InvalidInputError, match="larger than"):
        profile_json.read_document(path, schema_revision=HEAD)
    with pytest.raises(InvalidInputError, match="no such file"):
        profile_json.read_document(tmp_path / "missing.json", schema_revision=HEAD)
    with pytest.raises(InvalidInputError, match="it is a folder; choose a profile file"):
        profile_json.read_document(tmp_path, schema_revision=HEAD)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "profile.json"
    os.mkfifo(pipe)
    with watchdog(5), pytest.raises(InvalidInputError, match="it is not a regular file"):
        profile_json.read_document(pipe, schema_revision=HEAD)


def test_a_real_file_over_the_cap_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:  # sparse: costs no disk
        file.truncate(profile_json.MAX_BYTES + 10)
    with pytest.raises(InvalidInputError, match=f"{path}: it is larger than 50 MB"):
        profile_json.read_document(path, schema_revision=HEAD)


# --- the fuzzing harness -----------------------------------------------------------------------


class Hang(BaseException):
    """Raised by the watchdog; a BaseException so that no ``except Exception`` swallows it."""


@contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):  # Windows: the size cap keeps every input bounded
        yield
        return

    def expired(*_: object) -> None:
        raise Hang(f"one import took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class ImportHarness:
    """An empty data folder that inputs are imported into, one after another.

    For every input: either it imports, and what is stored exports as exactly what the reader
    read; or InvalidInputError names the file in one line and the database is as before.
    """

    def __init__(self, folder: Path, template: Path) -> None:
        folder.mkdir()
        shutil.copyfile(template, folder / "planner.sqlite3")
        self.ws = Workspace(folder, today=lambda: TODAY)
        self.file = folder.parent / "input.json"
        self.empty = sql_dump(self.ws.database_file)
        self.outcomes: Counter[str] = Counter()
        self.with_custom = 0  # imports that brought custom roles or skills in

    def attempt(self, raw: bytes, origin: str) -> None:
        self.file.write_bytes(raw)
        try:
            with watchdog(10):
                # import_json_file in its two halves, to keep what the reader returned
                data = portable.read_json_file(self.file)
                portable.import_profile(self.ws, data, path=self.file)
        except InvalidInputError as exc:
            message = str(exc)
            assert str(self.file) in message and "\n" not in message, message
            assert sql_dump(self.ws.database_file) == self.empty, "a refused import wrote"
            self._count(origin, "refused")
            return
        try:
            stored = portable.profile_document(self.ws)
            # (Not parsed again: a column missing from an older document defaults to "now".)
            expected = to_document(data, schema_revision=HEAD, app_version="", exported_on=TODAY)
            assert sections(stored) == sections(expected)
            self.with_custom += bool(data.custom_skills or data.custom_roles)
        finally:
            self._empty_again()  # so that the next input (or a replay) starts alike
        self._count(origin, "imported")

    def _count(self, origin: str, outcome: str) -> None:
        self.outcomes[outcome] += 1
        if currently_in_test_context():  # statistics for --hypothesis-show-statistics
            event(f"{origin}: {outcome}")

    def _empty_again(self) -> None:
        with self.ws.transaction() as session:
            for model in portable.EVERY_TABLE_CHILDREN_FIRST:
                session.exec(delete(model))  # type: ignore[call-overload]
        self.ws.reload_catalog()
        assert sql_dump(self.ws.database_file) == self.empty

    def report(self, name: str) -> None:
        total = sum(self.outcomes.values())
        print(
            f"\n{name}: {total} inputs tried, {dict(self.outcomes)}, "
            f"{self.with_custom} imported with custom entries"
        )


@pytest.fixture
def harness(
    tmp_path: Path, migrated_database: Path, request: pytest.FixtureRequest
) -> Iterator[ImportHarness]:
    h = ImportHarness(tmp_path / "fuzz", migrated_database)
    yield h
    h.ws.close()
    h.report(request.node.name)
    assert sum(h.outcomes.values()) > 0


# --- (a) generated documents ---------------------------------------------------------------------

ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)
DAYS = st.dates(FIRST_DAY + timedelta(days=1), LAST_DAY - timedelta(days=1))
MOMENTS = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2999, 12, 30), timezones=ZONES
)
ID_TEXT = st.text(min_size=1, max_size=8)
BY_KIND: dict[str, st.SearchStrategy[Any]] = {
    "str": st.text(max_size=8),
    "date": DAYS.map(date.isoformat),
    "datetime": MOMENTS.map(datetime.isoformat),
    "float": st.floats(0, 1000),
    "int": st.integers(0, 1000),
    "bool": st.booleans(),
}
# Values the models constrain (planner.store.models and the app's input rules).
VALID: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    ("profile", "years_experience"): st.floats(0, 70),
    ("profile", "education"): st.sampled_from(EDUCATION_LEVELS),
    ("profile", "hours_per_week"): st.floats(0.5, 100),
    ("profile", "backups_to_keep"): st.integers(1, 100),
    ("profile", "current_role_id"): st.none() | ID_TEXT,
    ("profile", "target_role_id"): st.none() | ID_TEXT,
    ("skill_ratings", "skill_id"): ID_TEXT,
    ("skill_ratings", "level"): st.integers(0, 5),
    ("skill_ratings", "source"): st.sampled_from(RATING_SOURCES),
    ("certifications", "cert_id"): ID_TEXT,
    ("certifications", "status"): st.sampled_from(CERTIFICATION_STATUSES),
    ("plans", "role_id"): ID_TEXT,
    ("plans", "hours_per_week"): st.floats(0.5, 100),
    ("steps", "kind"): st.sampled_from(STEP_KINDS),
    ("steps", "phase"): st.sampled_from([p.slug for p in Phase]),
    ("steps", "skill_id"): st.none() | ID_TEXT,
    ("steps", "cert_id"): st.none() | ID_TEXT,
    ("steps", "from_level"): st.none() | st.integers(0, 5),
    ("steps", "to_level"): st.none() | st.integers(0, 5),
    ("steps", "years"): st.none() | st.floats(0, 70),
    ("steps", "status"): st.sampled_from(STEP_STATUSES),
    ("steps", "topics_done"): st.lists(st.integers(0, 40), max_size=4).map(
        lambda xs: ",".join(map(str, sorted(set(xs))))
    ),
    ("user_resources", "step_key"): ID_TEXT,
}
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=())
# Anything at all that JSON can say, surrogates, NaN and huge numbers included.
JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**62, max_value=2**70)
    | st.floats()
    | st.text(st.characters() | SURROGATES, max_size=10)
    | st.sampled_from(["", "todo", "2026-01-01", "2026-01-01T00:00:00+00:00", "0003"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


# Custom entries that fit the shipped catalog: they name its skills, certifications, families
# and roles, and each other (a skill's prerequisites only earlier ones: no cycle).
@cache
def shipped() -> dict[str, list[str]]:
    cat = builtin_catalog()
    return {
        "skills": sorted(cat.skills),
        "roles": sorted(cat.roles),
        "certifications": sorted(cat.certifications),
        "families": sorted(cat.families),
        "categories": sorted(cat.categories),
    }


WORDS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12).filter(
    str.strip
)
CUSTOM_IDS = st.lists(
    st.from_regex(r"my-[a-z0-9]{1,6}(-[a-z0-9]{1,3})?", fullmatch=True), max_size=2, unique=True
)
LEVELS = st.integers(1, 5)


@st.composite
def skill_definition(draw: st.DrawFn, skill_id: str, earlier: list[str]) -> dict[str, Any]:
    prereqs = draw(st.lists(st.sampled_from(shipped()["skills"] + earlier), max_size=2))
    return {
        "id": skill_id,
        "name": draw(WORDS),
        "category": draw(st.sampled_from(shipped()["categories"])),
        "description": draw(WORDS),
        "aliases": draw(st.lists(WORDS, max_size=2)),
        "prerequisites": [{"skill": s, "level": draw(LEVELS)} for s in prereqs],
        "hours": draw(st.lists(st.integers(1, 5000), min_size=5, max_size=5)),
        "resources": [
            {
                "title": draw(WORDS),
                "kind": draw(st.sampled_from(["documentation", "book", "course", "practice"])),
                "link": draw(st.none() | st.text(max_size=10)),
            }
        ],
        "topics": {str(lv): draw(st.lists(WORDS, min_size=1, max_size=2)) for lv in range(1, 6)},
    }


@st.composite
def role_definition(
    draw: st.DrawFn, role_id: str, skills: list[str], roles: list[str]
) -> dict[str, Any]:
    required = draw(
        st.lists(st.sampled_from(shipped()["skills"] + skills), min_size=1, max_size=3, unique=True)
    )
    neighbours = st.lists(
        st.sampled_from(shipped()["roles"] + [r for r in roles if r != role_id]), max_size=2
    )
    return {
        "id": role_id,
        "title": draw(WORDS),
        "family": draw(st.sampled_from(shipped()["families"])),
        "seniority": draw(st.sampled_from(["entry", "mid", "senior", "lead", "executive"])),
        "summary": draw(WORDS),
        "responsibilities": draw(st.lists(WORDS, min_size=1, max_size=2)),
        "requirements": [
            {
                "any_of": [s],
                "level": draw(LEVELS),
                "importance": draw(st.sampled_from(["required", "preferred"])),
            }
            for s in required
        ],
        "certifications": [
            {"any_of": [c]}
            for c in draw(st.lists(st.sampled_from(shipped()["certifications"]), max_size=1))
        ],
        "min_years_experience": draw(st.floats(0, 50)),
        "comes_from": draw(neighbours),
        "leads_to": draw(neighbours),
        "sources": [draw(WORDS)],
    }


@st.composite
def custom_entries(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """Both custom lists of a document: rows of id, times and a definition."""
    skill_ids, role_ids = draw(CUSTOM_IDS), draw(CUSTOM_IDS)
    times = row("custom_skills", skip=("id",))
    skills = [
        draw(times) | {"id": s, "definition": draw(skill_definition(s, skill_ids[:n]))}
        for n, s in enumerate(skill_ids)
    ]
    roles = [
        draw(times) | {"id": r, "definition": draw(role_definition(r, skill_ids, role_ids))}
        for r in role_ids
    ]
    return {"custom_skills": skills, "custom_roles": roles}


@cache  # one strategy per kind of row: building strategies is slow
def row(section: str, skip: tuple[str, ...] = ()) -> st.SearchStrategy[dict[str, Any]]:
    fields = {}
    for name, kind, nullable in fields_of(section):
        if name in skip:
            continue
        value = VALID.get((section, name), BY_KIND[kind])
        if nullable and (section, name) not in VALID:
            value = st.none() | value
        fields[name] = value
    return st.fixed_dictionaries(fields)


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    first = draw(st.sampled_from([1, 1000, 2**63 - 61]))  # small ids, and the largest
    ids = iter(first + n for n in draw(st.permutations(range(60))))
    plans = []
    active = draw(st.integers(-1, 1))
    for n in range(draw(st.integers(0, 2))):
        plan = draw(row("plans", skip=("id", "is_active", "route")))
        stages = draw(st.lists(ID_TEXT.filter(lambda s: "," not in s), max_size=3))
        steps = []
        positions = draw(st.permutations(range(1, 4)))
        for m in range(draw(st.integers(0, 3))):
            step = draw(row("steps", skip=("id", "position", "key", "stage")))
            step |= {
                "id": next(ids),
                "position": positions[m],
                "key": f"{m}:{draw(st.text(max_size=6))}",
                "stage": draw(st.integers(0, max(len(stages), 1) - 1)),
            }
            steps.append(step)
        plan |= {"id": next(ids), "is_active": n == active, "route": ",".join(stages)}
        plans.append(plan | {"steps": steps})
    lists = {
        key: [
            draw(row(key, skip=("id",))) | {"id": next(ids)} for _ in range(draw(st.integers(0, 2)))
        ]
        for key in ("skill_ratings", "certifications", "user_resources")
    }
    version = draw(st.sampled_from([FORMAT, FORMAT, FORMAT, 1]))  # format 1: no custom entries
    return {
        "kind": KIND,
        "format": version,
        "schema_revision": draw(st.sampled_from([HEAD, "0002", "9999"])),
        "app_version": draw(st.text(max_size=8)),
        "exported_on": draw(DAYS).isoformat(),
        "profile": draw(row("profile")),
        "plans": plans,
        **lists,
        **(draw(custom_entries()) if version >= 2 else {}),
    }


def paths(node: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON value, as the keys and indices leading to it."""
    if here:
        yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*here, index))


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


@st.composite
def corrupted(draw: st.DrawFn, doc: dict[str, Any], most: int) -> tuple[dict[str, Any], str]:
    """``doc`` with up to ``most`` places replaced by junk, deleted, or given a stray key."""
    doc = fresh_copy(doc)
    changes = draw(st.integers(min(most, 1), most))
    kinds = []
    for _ in range(changes):
        places = list(paths(doc))
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent, last = _parent(doc, place), place[-1]
        kind = draw(st.sampled_from(["junk", "null", "delete", "stray key"]))
        if kind == "stray key" and not isinstance(parent[last], dict):
            continue
        kinds.append(kind)
        if kind == "junk":
            parent[last] = draw(JUNK)
        elif kind == "null":
            parent[last] = None
        elif kind == "delete":
            del parent[last]
        elif isinstance(parent[last], dict):
            parent[last][draw(st.text(max_size=8))] = draw(JUNK)
    return doc, "+".join(sorted(set(kinds))) or "valid"


def _as_bytes(doc: Any) -> bytes:
    # allow_nan: the reader must refuse NaN and Infinity itself; ASCII keeps lone surrogates.
    return json.dumps(doc, ensure_ascii=True, allow_nan=True).encode("ascii")


@st.composite
def generated_inputs(draw: st.DrawFn) -> tuple[bytes, str]:
    doc, kinds = draw(corrupted(draw(valid_documents()), most=draw(st.sampled_from([1, 2, 3, 0]))))
    return _as_bytes(doc), f"generated {kinds}"


@settings(DEFAULT, max_examples=120)
@given(case=generated_inputs())
def test_generated_documents_import_or_are_refused(
    harness: ImportHarness, case: tuple[bytes, str]
) -> None:
    harness.attempt(*case)


@pytest.mark.slow
@SLOW
@given(case=generated_inputs())
def test_generated_documents_import_or_are_refused_many(
    harness: ImportHarness, case: tuple[bytes, str]
) -> None:
    harness.attempt(*case)


# --- (b) a real export, mutated ------------------------------------------------------------------


@cache
def _number_starts(text: bytes) -> tuple[int, ...]:
    """Where numbers (and the digits of dates) begin in ``text``."""
    return tuple(m.start() for m in re.finditer(rb"(?<=[ \-\[])[0-9]", text))


def _text_mutation(draw: st.DrawFn, text: bytes) -> tuple[bytes, str]:
    kind = draw(
        st.sampled_from(
            ["truncate", "random bytes", "flip bytes", "deep nesting", "huge number", "constant"]
        )
    )
    at = draw(st.integers(0, len(text)))
    if kind == "truncate":
        return text[:at], kind
    if kind == "random bytes":
        return draw(st.binary(max_size=200)), kind
    if kind == "flip bytes":
        out = bytearray(text)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
        return bytes(out), kind
    numbers = _number_starts(text)
    at = draw(st.sampled_from(numbers)) if numbers else at
    if kind == "deep nesting":
        depth = draw(st.sampled_from([100, 5000, 100_000]))
        return text[:at] + b"[" * depth + b"1" + b"]" * depth + text[at:], kind
    if kind == "huge number":
        digits = draw(st.sampled_from([b"9" * 30, b"1" * 5000, b"1e400", b"-1e400", b"-0.0"]))
        return text[:at] + digits + text[at:].lstrip(b"0123456789.e-+"), kind
    word = draw(st.sampled_from([b"NaN", b"Infinity", b"-Infinity"]))
    return text[:at] + word + text[at:].lstrip(b"0123456789.e-+"), kind


@st.composite
def mutated_inputs(draw: st.DrawFn, sample: dict[str, Any]) -> tuple[bytes, str]:
    """The real export with its structure changed (keys deleted, values of other types or
    swapped, rows duplicated), or its text damaged (cut, random bytes, deep nesting, huge
    numbers, NaN)."""
    if draw(st.booleans()):
        return _text_mutation(draw, encode(sample))
    doc = fresh_copy(sample)
    places = list(paths(doc))
    kind = draw(st.sampled_from(["swap", "duplicate row", "structure"]))
    if kind == "swap":
        a, b = draw(st.sampled_from(places)), draw(st.sampled_from(places))
        if a[: len(b)] != b and b[: len(a)] != a:  # neither inside the other
            pa, pb = _parent(doc, a), _parent(doc, b)
            pa[a[-1]], pb[b[-1]] = pb[b[-1]], pa[a[-1]]
        return _as_bytes(doc), kind
    if kind == "duplicate row":
        lists = [p for p in places if isinstance(_parent(doc, p)[p[-1]], list)]
        place = draw(st.sampled_from(lists))
        items = _parent(doc, place)[place[-1]]
        if items:
            items.append(copy.deepcopy(draw(st.sampled_from(items))))
        return _as_bytes(doc), kind
    doc, kinds = draw(corrupted(doc, most=3))
    return _as_bytes(doc), f"mutated {kinds}"


def test_the_unmutated_sample_imports(harness: ImportHarness, sample: dict[str, Any]) -> None:
    harness.attempt(encode(sample), "sample")
    assert harness.outcomes == {"imported": 1}


@settings(DEFAULT, max_examples=180)
@given(data=st.data())
def test_mutated_exports_import_or_are_refused(
    harness: ImportHarness, sample: dict[str, Any], data: st.DataObject
) -> None:
    harness.attempt(*data.draw(mutated_inputs(sample)))


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_mutated_exports_import_or_are_refused_many(
    harness: ImportHarness, sample: dict[str, Any], data: st.DataObject
) -> None:
    harness.attempt(*data.draw(mutated_inputs(sample)))


@pytest.mark.slow
@settings(SLOW, max_examples=1000)
@given(data=st.data())
def test_mutated_rich_exports_import_or_are_refused_many(
    harness: ImportHarness, rich_sample: dict[str, Any], data: st.DataObject
) -> None:
    harness.attempt(*data.draw(mutated_inputs(rich_sample)))
