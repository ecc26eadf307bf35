"""The catalog readers, fuzzed: whatever a catalog file holds, the loader returns a catalog
that can be planned with, or raises CatalogError naming the file. Nothing else escapes and
nothing hangs.

Three readers, each fed generated and mutated input:
- the whole folder (``load_catalog``), one real file mutated per example;
- one role file on its own (``load_role_file``, what importing a role will use);
- a skills file, generated whole, inside a small catalog.

The default run keeps the counts small; ``-m slow`` runs thousands of each.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import signal
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planner.catalog import Catalog, builtin_catalog
from planner.catalog import loader as loader_module
from planner.catalog.loader import load_catalog, load_role_file
from planner.errors import CatalogError
from planner.planning import PlanOptions, ProfileSnapshot, build_plan, rank_roles
from planner.resources import resource_path

TODAY = date(2026, 11, 23)
BUILTIN = Path(resource_path("catalog"))
FILES = sorted(p.relative_to(BUILTIN).as_posix() for p in BUILTIN.rglob("*.toml"))
ORIGINAL = {name: (BUILTIN / name).read_bytes() for name in FILES}
ROLE_DOCS = [tomllib.loads(ORIGINAL[n].decode()) for n in FILES if n.startswith("roles/")]
SKILL_DOCS = [
    s
    for n in FILES
    if n.startswith("skills/")
    for s in tomllib.loads(ORIGINAL[n].decode())["skills"]
]
ALL_IDS = sorted(
    {d["id"] for d in ROLE_DOCS}
    | {s["id"] for s in SKILL_DOCS}
    | {c["id"] for c in tomllib.loads(ORIGINAL["certifications.toml"].decode())["certifications"]}
)
# The role with the most requirements: planning it touches the most skills.
WIDEST_ROLE = max(ROLE_DOCS, key=lambda d: len(d["requirements"]))["id"]
OPTIONS = PlanOptions(hours_per_week=10, start_date=TODAY)

DEFAULT = settings(
    max_examples=80,
    deadline=None,  # the watchdog below catches hangs; timing varies too much between machines
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(DEFAULT, max_examples=3000)


# ---------------------------------------------------------------------------------------------
# Helpers: a watchdog, a TOML writer, the property every reader must keep


class Hang(BaseException):
    """Raised by the watchdog; a BaseException so no ``except Exception`` can swallow it."""


@contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    """Turn a hang (say, a blocking open of a pipe) into a failure instead of a stuck run."""
    if not hasattr(signal, "setitimer"):  # Windows: no interval timer; rely on bounded inputs
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise Hang(f"the loader took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def toml_string(text: str) -> str:
    """A TOML basic string holding ``text`` exactly."""

    def escape(match: re.Match[str]) -> str:
        ch = match.group()
        return "\\" + ch if ch in '"\\' else f"\\u{ord(ch):04x}"

    return '"' + _NEEDS_ESCAPE.sub(escape, text) + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
        )
    raise TypeError(type(value))


def toml_document(doc: dict[str, Any]) -> str:
    """A TOML document: every key quoted, every table inline, so any dict can be written."""
    text = "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in doc.items())
    tomllib.loads(text)  # the writer itself must be right, or the fuzz tests the wrong thing
    return text


def assert_names_files_under(error: CatalogError, heading: str, root: Path) -> list[str]:
    """The message starts with ``heading`` and every problem line names a file under ``root``;
    returns the problem lines."""
    lines = str(error).splitlines()
    assert lines[0] == f"{heading} is not valid:", lines[0]
    problems = [line.strip() for line in lines[1:]]
    assert problems, "a refusal must say what is wrong"
    for line in problems:
        assert line.startswith(str(root)) or line.startswith("… and"), line
    return problems


def assert_plannable(catalog: Catalog, role_ids: list[str]) -> None:
    """A catalog that loads is usable: a plan builds for each of ``role_ids`` it has."""
    for role_id in role_ids:
        if role_id in catalog.roles:
            plan = build_plan(catalog, ProfileSnapshot(), role_id, OPTIONS)
            assert plan.eta >= TODAY


@lru_cache(maxsize=64)
def _cached_parse(data: bytes) -> dict[str, Any]:
    return _real_parse(data)


_real_parse = loader_module._parse_toml


@pytest.fixture(scope="module")
def fast_parse() -> Iterator[None]:
    """Parse each unchanged file once. The loader treats parsed tables as read-only, so a
    cached table is the same input; the mutated file is new bytes and is parsed for real."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader_module, "_parse_toml", _cached_parse)
        yield


# ---------------------------------------------------------------------------------------------
# Strategies


SLUGS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
HOSTILE_NUMBERS = [
    "nan", "inf", "-inf", "+inf", "1e400", "-1e400", "-1", "0", "0.5", "-0.0", "1e-400",
    "9223372036854775807", "-9223372036854775808", "99999999999999999999999999", "5001",
    "0x7fffffff", "0o777", "0b1", "1_000_000",
]  # fmt: skip

scalars = st.one_of(
    TEXT,
    SLUGS,
    st.sampled_from(ALL_IDS),
    st.integers(-(2**70), 2**70),
    st.integers(-2, 7),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.sampled_from(["required", "preferred", "entry", "mid", "book", "bachelor", "", " "]),
)
KEYS = st.one_of(
    st.sampled_from(
        [
            "id", "title", "name", "family", "seniority", "summary", "responsibilities",
            "requirements", "skill", "any_of", "level", "importance", "note", "certification",
            "certifications", "education", "fields", "min_years_experience", "salary", "low",
            "high", "comes_from", "leads_to", "sources", "category", "description", "aliases",
            "prerequisites", "hours", "resources", "kind", "link", "topics", "1", "5", "6",
            "prep_hours", "validity_years", "renewal_hours", "assumes", "issuer", "skills",
        ]
    ),
    TEXT,
)  # fmt: skip
FIGURES = st.one_of(
    st.integers(-1, 6), st.integers(-(2**70), 2**70), st.floats(), st.floats(0, 100)
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


def nested(depth: int, kind: str) -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    return "{a = " * depth + "1" + "}" * depth


@st.composite
def toml_literals(draw: st.DrawFn) -> str:
    """Text for the right-hand side of ``key = …``: often valid TOML of the wrong shape."""
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return draw(st.sampled_from(HOSTILE_NUMBERS))
    if choice == 1:
        return nested(draw(st.integers(1, 3000)), draw(st.sampled_from(["array", "table"])))
    if choice == 2:
        return toml_string(draw(st.sampled_from("xé<&\u202e")) * draw(st.integers(1000, 200_000)))
    return toml_value(draw(values))


# The kinds of change whose refusal must name the changed file itself: the damage is to the
# file as a whole, or (a cycle) between two of its own entries. Not "nested": a value nested a
# few hundred levels deep parses, and where it lands decides whether it is refused (a slow-tier
# run found one that loaded and planned); nesting past the parser's depth has its own test.
FILE_KINDS = {"directory", "fifo", "symlink_loop", "huge", "invalid_utf8", "cycle"}


@dataclass(frozen=True)
class Mutation:
    target: str  # path relative to the catalog folder
    kind: str
    content: bytes | None  # the new bytes, for the kinds that write a file

    def __repr__(self) -> str:  # falsifying examples stay readable
        shown = self.content if self.content is None or len(self.content) < 300 else b"<long>"
        return f"Mutation({self.target!r}, {self.kind!r}, {shown!r})"


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


ROLE_FILES = [n for n in FILES if n.startswith("roles/")]
FS_KINDS = {"directory", "delete", "symlink_loop", "fifo", "new_role_dir"}  # no bytes to give


@st.composite
def mutations(draw: st.DrawFn, files: list[str] = FILES, contents_only: bool = False) -> Mutation:
    """One of ``files`` changed one way: its bytes (``contents_only``) or its kind of file."""
    target = draw(st.sampled_from(files))
    data = ORIGINAL[target]
    lines = _lines(data)
    kinds = [
        "delete_lines", "duplicate_line", "insert_line", "flip_byte", "truncate",
        "replace_value", "replace_string", "invalid_utf8", "nested", "long_string",
        "empty", "directory", "delete", "huge", "new_role_dir", "swap_ids",
    ]  # fmt: skip
    if os.name == "posix":  # Windows has no named pipes, and links need privileges there
        kinds += ["fifo", "symlink_loop"]
    if target.startswith("skills/"):
        kinds.append("cycle")
    if contents_only:
        kinds = [k for k in kinds if k not in FS_KINDS]
    kind = draw(st.sampled_from(kinds))
    content: bytes | None = None
    if kind == "delete_lines":
        i = draw(st.integers(0, len(lines) - 1))
        content = b"".join(lines[:i] + lines[i + draw(st.integers(1, 5)) :])
    elif kind == "duplicate_line":
        i = draw(st.integers(0, len(lines) - 1))
        content = b"".join(lines[: i + 1] + lines[i:])
    elif kind == "insert_line":
        i = draw(st.integers(0, len(lines)))
        key = draw(KEYS)
        line = f"{toml_string(key) if draw(st.booleans()) else key} = {draw(toml_literals())}\n"
        if draw(st.booleans()):
            line = draw(st.sampled_from(["[[skills]]\n", "[[requirements]]\n", "[x]\n", "[[\n"]))
        content = b"".join([*lines[:i], line.encode("utf-8", "surrogatepass"), *lines[i:]])
    elif kind == "flip_byte":
        pos = draw(st.integers(0, len(data) - 1))
        content = data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]
    elif kind == "truncate":
        content = data[: draw(st.integers(0, len(data) - 1))]
    elif kind in ("replace_value", "nested", "long_string"):
        assignments = [i for i, line in enumerate(lines) if b" = " in line]
        i = draw(st.sampled_from(assignments))
        head = lines[i].split(b" = ", 1)[0]
        if kind == "nested":
            rhs = nested(draw(st.integers(500, 5000)), draw(st.sampled_from(["array", "table"])))
        elif kind == "long_string":
            rhs = toml_string("w" * draw(st.integers(10_000, 300_000)))
        else:
            rhs = draw(toml_literals())
        # A multi-line array loses its first line only: often a syntax error, which is fine.
        content = b"".join([*lines[:i], head + b" = " + rhs.encode() + b"\n", *lines[i + 1 :]])
    elif kind == "replace_string":
        strings = list(re.finditer(rb'"([^"\\\n]*)"', data))
        found = draw(st.sampled_from(strings))
        new = draw(st.one_of(SLUGS, st.sampled_from(ALL_IDS), TEXT))
        replacement = toml_string(new).encode()
        content = data[: found.start()] + replacement + data[found.end() :]
    elif kind == "swap_ids":
        # Every mention of one id becomes another: references to the wrong kind, duplicates.
        old, new = draw(st.sampled_from(ALL_IDS)), draw(st.sampled_from(ALL_IDS))
        content = data.replace(f'"{old}"'.encode(), f'"{new}"'.encode())
    elif kind == "invalid_utf8":
        pos = draw(st.integers(0, len(data)))
        junk = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80", b"\xf8"]))
        content = data[:pos] + junk + data[pos:]
    elif kind == "cycle":
        ids = re.findall(rb'^id = "([^"]+)"', data, re.MULTILINE)
        first, second = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        content = _add_prerequisite(_add_prerequisite(data, first, second), second, first)
    elif kind == "empty":
        content = b""
    elif kind == "huge":
        content = data + b"# padding\n" * (loader_module.MAX_FILE_BYTES // 10 + 1)
    return Mutation(target, kind, content)


def _add_prerequisite(data: bytes, skill: bytes, needs: bytes) -> bytes:
    """``skill``'s entry with ``needs`` added to its prerequisites (one line or many, or none)."""
    start = data.index(b'\nid = "' + skill + b'"\n') + 1
    end = data.find(b"[[skills]]", start)
    end = len(data) if end < 0 else end
    entry = b'{ skill = "' + needs + b'", level = 1 }'
    at = data.find(b"prerequisites = [", start, end)
    if at < 0:  # none yet: the key goes right after the id
        eol = data.index(b"\n", start) + 1
        return data[:eol] + b"prerequisites = [" + entry + b"]\n" + data[eol:]
    at += len(b"prerequisites = [")
    return data[:at] + entry + b", " + data[at:]


def apply(mutation: Mutation, root: Path) -> Callable[[], None]:
    """Change the copy in ``root``; returns what puts it back."""
    path = root / mutation.target
    extra: Path | None = None
    if mutation.content is not None:
        path.write_bytes(mutation.content)
    elif mutation.kind == "delete":
        path.unlink()
    elif mutation.kind == "directory":
        path.unlink()
        path.mkdir()
        (path / "inner.toml").write_text('id = "x"\n')
    elif mutation.kind == "symlink_loop":
        path.unlink()
        path.symlink_to(path.name)  # points at itself: every open fails with ELOOP
    elif mutation.kind == "fifo":
        path.unlink()
        os.mkfifo(path)  # opening it for reading would block until a writer comes
    elif mutation.kind == "new_role_dir":
        extra = root / "roles" / "zz-not-a-file.toml"
        extra.mkdir()
    else:
        raise AssertionError(mutation.kind)

    def restore() -> None:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.write_bytes(ORIGINAL[mutation.target])
        if extra is not None:
            shutil.rmtree(extra)

    return restore


# ---------------------------------------------------------------------------------------------
# (a) The whole folder, one real file mutated


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the shipped catalog; each example changes one file and puts it back."""
    root = tmp_path_factory.mktemp("fuzz") / "catalog"
    shutil.copytree(BUILTIN, root)
    return root


def check_mutated_folder(root: Path, mutation: Mutation) -> None:
    restore = apply(mutation, root)
    try:
        with watchdog(20):
            try:
                catalog = load_catalog(root)
            except CatalogError as exc:
                problems = assert_names_files_under(exc, f"The catalog in {root}", root)
                named = any(str(root / mutation.target) in p for p in problems)
                if mutation.kind in FILE_KINDS:
                    assert named, f"{mutation.target} is not named in: {exc}"
                if mutation.kind == "cycle":
                    text = str(exc)
                    assert "prerequisite cycle" in text or "lists itself" in text, text
                event(f"{mutation.kind}: refused" + ("" if named else ", found elsewhere"))
                return
            assert mutation.kind not in FILE_KINDS, f"{mutation} was accepted"
            stem = Path(mutation.target).stem
            assert_plannable(catalog, [stem, WIDEST_ROLE])
            event(f"{mutation.kind}: loaded")
    finally:
        restore()


@DEFAULT
@given(mutation=mutations())
def test_a_mutated_catalog_loads_or_is_refused_naming_the_file(
    scratch: Path, fast_parse: None, mutation: Mutation
) -> None:
    check_mutated_folder(scratch, mutation)


@pytest.mark.slow
@SLOW
@given(mutation=mutations())
def test_a_mutated_catalog_loads_or_is_refused_naming_the_file_long(
    scratch: Path, fast_parse: None, mutation: Mutation
) -> None:
    check_mutated_folder(scratch, mutation)


def test_the_scratch_copy_is_restored_between_examples(scratch: Path) -> None:
    """The fuzz above leaves the copy as it found it (else later examples test the wrong thing)."""
    for name in FILES:
        assert (scratch / name).read_bytes() == ORIGINAL[name], name
    assert not (scratch / "roles" / "zz-not-a-file.toml").exists()


# ---------------------------------------------------------------------------------------------
# (b) One role file on its own: generated documents, real files mutated, raw noise


@st.composite
def role_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A real role with a few things changed: near-valid documents reach deepest."""
    doc = dict(draw(st.sampled_from(ROLE_DOCS)))
    edits = ["set", "delete", "add", "requirement", "certification", "borrow", "figure"]
    for _ in range(draw(st.integers(0, 4))):
        edit = draw(st.sampled_from(edits))
        if edit == "borrow":  # another role's value: the right shape, other references
            other = draw(st.sampled_from(ROLE_DOCS))
            key = draw(st.sampled_from(sorted(other)))
            doc[key] = other[key]
        elif edit == "figure":
            doc["min_years_experience"] = draw(FIGURES)
        elif edit == "set":
            doc[draw(st.sampled_from(sorted(doc)))] = draw(values)
        elif edit == "delete" and doc:
            del doc[draw(st.sampled_from(sorted(doc)))]
        elif edit == "add":
            doc[draw(KEYS)] = draw(values)
        elif edit in ("requirement", "certification"):
            key = "requirements" if edit == "requirement" else "certifications"
            found = doc.get(key, [])
            entries = (
                [dict(e) if isinstance(e, dict) else e for e in found]
                if isinstance(found, list)
                else []
            )
            if entries:
                i = draw(st.integers(0, len(entries) - 1))
                if isinstance(entries[i], dict):
                    key = draw(st.one_of(st.sampled_from(["level", "skill", "any_of"]), KEYS))
                    entries[i][key] = draw(st.one_of(FIGURES, st.sampled_from(ALL_IDS), values))
                else:
                    entries[i] = draw(values)
            doc[key] = entries
    return doc


@dataclass(frozen=True)
class RoleFileCase:
    origin: str
    content: bytes

    def __repr__(self) -> str:
        return f"RoleFileCase({self.origin!r}, {self.content[:2000]!r})"


role_file_cases = st.one_of(
    role_documents().map(lambda d: RoleFileCase("generated", toml_document(d).encode())),
    st.dictionaries(KEYS, values, max_size=8).map(
        lambda d: RoleFileCase("random", toml_document(d).encode())
    ),
    mutations(ROLE_FILES, contents_only=True).map(
        lambda m: RoleFileCase("mutated", m.content or b"")
    ),
    st.binary(max_size=3000).map(lambda b: RoleFileCase("bytes", b)),
    TEXT.map(lambda t: RoleFileCase("text", t.encode())),
)


def check_role_file(folder: Path, case: RoleFileCase) -> None:
    path = folder / "imported-role.toml"
    path.write_bytes(case.content)
    catalog = builtin_catalog()
    with watchdog(20):
        try:
            role = load_role_file(path, catalog)
        except CatalogError as exc:
            assert_names_files_under(exc, f"The role file {path}", path)
            event(f"{case.origin}: refused")
            return
    # Accepted: every name it uses is known, and the planner can plan for it and rank it.
    extended = Catalog(
        skills=catalog.skills,
        certifications=catalog.certifications,
        roles={**catalog.roles, role.id: role},
        categories=catalog.categories,
        families=catalog.families,
    )
    assert_plannable(extended, [role.id])
    assert any(s.role_id == role.id for s in rank_roles(extended, ProfileSnapshot(), TODAY))
    event(f"{case.origin}: loaded")


@pytest.fixture(scope="module")
def role_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("role-file")


@settings(DEFAULT, max_examples=150)
@given(case=role_file_cases)
def test_a_role_file_loads_or_is_refused_naming_the_file(
    role_folder: Path, case: RoleFileCase
) -> None:
    check_role_file(role_folder, case)


@pytest.mark.slow
@settings(SLOW, max_examples=5000)
@given(case=role_file_cases)
def test_a_role_file_loads_or_is_refused_naming_the_file_long(
    role_folder: Path, case: RoleFileCase
) -> None:
    check_role_file(role_folder, case)


# ---------------------------------------------------------------------------------------------
# (b) A generated skills file inside a small catalog


BASE_SKILL = """
[[skills]]
id = "base-skill"
name = "Base skill"
category = "programming-languages"
description = "Something every generated skill may build on."
hours = [5, 10, 20, 40, 80]
resources = [{ title = "Base docs", kind = "documentation" }]
topics = { 1 = ["a"], 2 = ["b"], 3 = ["c"], 4 = ["d"], 5 = ["e"] }
"""


@st.composite
def skill_files(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    """A skills document from real skills (prerequisites redrawn among the file's own ids, so
    chains and cycles appear), edited here and there; and the ids a role should require."""
    chosen = draw(st.lists(st.sampled_from(SKILL_DOCS), min_size=1, max_size=6, unique_by=id))
    skills = [dict(s) for s in chosen]
    ids = [str(s.get("id")) for s in skills] + ["base-skill"]
    for i, skill in enumerate(skills):
        # Mostly skills later in the list (a chain), now and then any (a cycle, itself).
        later = ids[i + 1 :] if draw(st.integers(0, 5)) else ids
        skill["prerequisites"] = [
            {"skill": draw(st.sampled_from(later)), "level": draw(st.integers(1, 5))}
            for _ in range(draw(st.integers(0, 2)))
        ]
    for _ in range(draw(st.integers(0, 3))):
        skill = draw(st.sampled_from(skills))
        edit = draw(st.sampled_from(["set", "delete", "hours", "prerequisite"]))
        if edit == "hours" and isinstance(skill.get("hours"), list):
            hours = list(skill["hours"])
            if hours:
                hours[draw(st.integers(0, len(hours) - 1))] = draw(FIGURES)
            skill["hours"] = hours
        elif edit == "prerequisite":
            skill["prerequisites"] = [
                {"skill": draw(st.one_of(st.sampled_from(ALL_IDS), SLUGS)), "level": draw(FIGURES)}
            ]
        elif edit == "set":
            skill[draw(st.one_of(st.sampled_from(sorted(skill)), KEYS))] = draw(values)
        elif skill:
            skill.pop(draw(st.sampled_from(sorted(skill))), None)
    doc: dict[str, Any] = {"skills": skills}
    if draw(st.integers(0, 9)) == 0:
        doc = draw(st.dictionaries(KEYS, values, max_size=5))  # now and then, anything at all
    return doc, ids


def small_catalog(root: Path, required: list[str]) -> None:
    (root / "skills").mkdir(parents=True)
    (root / "roles").mkdir()
    shutil.copyfile(BUILTIN / "catalog.toml", root / "catalog.toml")
    (root / "skills" / "base.toml").write_text(BASE_SKILL, encoding="utf-8")
    role = dict(next(d for d in ROLE_DOCS if d["id"] == WIDEST_ROLE))
    role.update(
        id="fuzz-role",
        comes_from=[],
        leads_to=[],
        certifications=[],
        requirements=[
            {"skill": s, "level": 3 + i % 3, "importance": "required"}
            for i, s in enumerate(dict.fromkeys(required))
        ],
    )
    (root / "roles" / "fuzz-role.toml").write_text(toml_document(role), encoding="utf-8")


def check_skill_file(folder: Path, doc: dict[str, Any], required: list[str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    small_catalog(folder, required)
    path = folder / "skills" / "generated.toml"
    path.write_text(toml_document(doc), encoding="utf-8")
    with watchdog(20):
        try:
            catalog = load_catalog(folder)
        except CatalogError as exc:
            assert_names_files_under(exc, f"The catalog in {folder}", folder)
            event("refused")
            return
    assert_plannable(catalog, ["fuzz-role"])
    event("loaded")


@pytest.fixture(scope="module")
def skills_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("skills") / "catalog"


@DEFAULT
@given(case=skill_files())
def test_a_skills_file_loads_or_is_refused_naming_the_file(
    skills_folder: Path, case: tuple[dict[str, Any], list[str]]
) -> None:
    check_skill_file(skills_folder, *case)


@pytest.mark.slow
@SLOW
@given(case=skill_files())
def test_a_skills_file_loads_or_is_refused_naming_the_file_long(
    skills_folder: Path, case: tuple[dict[str, Any], list[str]]
) -> None:
    check_skill_file(skills_folder, *case)


# ---------------------------------------------------------------------------------------------
# The cases the fuzz found, kept as plain tests


def test_a_role_file_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("id = " + nested(5000, "array") + "\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="nests arrays or tables too deeply"):
        load_role_file(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_role_file_that_is_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    with watchdog(5), pytest.raises(CatalogError, match="is not a regular file"):
        load_role_file(path)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")
def test_an_optional_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    """certifications.toml may be absent; a link looping to itself is not absent."""
    root = tmp_path / "catalog"
    shutil.copytree(BUILTIN, root)
    certs = root / "certifications.toml"
    certs.unlink()
    certs.symlink_to(certs.name)
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    assert str(caught.value).splitlines()[1].startswith(f"  {certs}: cannot be read")


def test_a_role_file_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "folder.toml"
    path.mkdir()
    with pytest.raises(CatalogError) as caught:
        load_role_file(path)
    assert str(path) in str(caught.value)


def test_a_huge_role_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(b"#" * (loader_module.MAX_FILE_BYTES + 1))
    with pytest.raises(CatalogError, match="is larger than"):
        load_role_file(path)


def test_invalid_utf8_names_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "Caf\u00e9"'.encode("latin-1"))
    with pytest.raises(CatalogError, match=r"is not UTF-8 text \(bad byte at offset 12\)"):
        load_role_file(path)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("min_years_experience", "inf"),
        ("min_years_experience", "1e300"),
        ("min_years_experience", "nan"),
    ],
)
def test_a_figure_planning_cannot_date_is_refused(tmp_path: Path, field: str, value: str) -> None:
    text = ORIGINAL[f"roles/{WIDEST_ROLE}.toml"].decode()
    text = re.sub(rf"^{field} = .*$", f"{field} = {value}", text, flags=re.MULTILINE)
    assert f"{field} = {value}" in text
    path = tmp_path / "role.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=field):
        load_role_file(path, builtin_catalog())


def test_skill_hours_beyond_the_bound_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "cat"
    small_catalog(root, ["base-skill"])
    base = root / "skills" / "base.toml"
    base.write_text(
        base.read_text().replace("[5, 10, 20, 40, 80]", "[5, 10, 20, 40, 10000000000000]")
    )
    with pytest.raises(CatalogError, match="no level takes more than"):
        load_catalog(root)


def test_a_long_prerequisite_chain_is_checked_without_recursion(tmp_path: Path) -> None:
    """A chain longer than Python's recursion limit: the cycle check must still finish."""
    links = sys.getrecursionlimit() + 200
    root = tmp_path / "chain"
    small_catalog(root, ["base-skill"])
    chain = [
        {
            "id": f"link-{i}",
            "name": f"Link {i}",
            "category": "programming-languages",
            "description": "One link of a long chain.",
            "hours": [1, 1, 1, 1, 1],
            "prerequisites": [
                {"skill": f"link-{i + 1}" if i < links - 1 else "base-skill", "level": 1}
            ],
            "resources": [{"title": "Docs", "kind": "documentation"}],
            "topics": {str(level): ["t"] for level in range(1, 6)},
        }
        for i in range(links)
    ]
    (root / "skills" / "chain.toml").write_text(toml_document({"skills": chain}), encoding="utf-8")
    assert len(load_catalog(root).skills) == links + 1
    # And closed into a loop, it is reported.
    chain[-1]["prerequisites"] = [{"skill": "link-0", "level": 1}]
    (root / "skills" / "chain.toml").write_text(toml_document({"skills": chain}), encoding="utf-8")
    with pytest.raises(CatalogError, match="prerequisite cycle: link-0 -> link-1 -> "):
        load_catalog(root)


def test_a_role_file_is_checked_against_the_catalog(tmp_path: Path) -> None:
    text = ORIGINAL[f"roles/{WIDEST_ROLE}.toml"].decode()
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    assert load_role_file(path, builtin_catalog()).id == WIDEST_ROLE
    path.write_text(text.replace('skill = "', 'skill = "zz-', 1), encoding="utf-8")
    assert load_role_file(path).id == WIDEST_ROLE  # alone, the schema is all there is to check
    with pytest.raises(CatalogError) as caught:
        load_role_file(path, builtin_catalog())
    assert f"{path}, role {WIDEST_ROLE!r}: requires unknown skill 'zz-" in str(caught.value)
