"""The start-up cache of the shipped catalog: a hit gives exactly the validated catalog without
pydantic or tomllib; anything stale, damaged or unwritable falls back to the TOML files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from planner.catalog import Catalog
from planner.catalog.cache import (
    CACHE_FILE,
    _class_decoder,
    _decoder,
    cache_dir,
    cache_key,
    cached_catalog,
    read_cache,
)
from planner.catalog.loader import load_catalog
from planner.catalog.schema import ENTRY_CLASSES
from planner.errors import CatalogError
from planner.resources import resource_path

PARTS = ("skills", "certifications", "roles", "categories", "families")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the shipped catalog, free to change."""
    return Path(shutil.copytree(resource_path("catalog"), tmp_path / "catalog"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def assert_same(cached: Catalog, validated: Catalog) -> None:
    assert cached == validated
    for part in PARTS:  # == on dicts ignores order; the catalog's order is part of it
        assert list(getattr(cached, part)) == list(getattr(validated, part)), part


def test_the_cache_gives_back_exactly_the_validated_catalog(root: Path, folder: Path) -> None:
    validated = load_catalog(root)
    assert_same(cached_catalog(root, folder), validated)  # cold: loads and writes
    from_file = read_cache(folder / CACHE_FILE, cache_key(root))
    assert from_file is not None
    assert_same(from_file, validated)
    assert_same(cached_catalog(root, folder), validated)
    # The topics' levels come back as numbers, not as JSON's text keys.
    skill = next(iter(from_file.skills.values()))
    assert set(skill.topics) == {1, 2, 3, 4, 5}


def _run(code: str, cache: Path) -> str:
    env = {**os.environ, "PLANNER_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_cache_hit_imports_neither_pydantic_nor_tomllib(folder: Path) -> None:
    code = (
        "import json, sys\n"
        "from planner.catalog import builtin_catalog\n"
        "cat = builtin_catalog()\n"
        "print(json.dumps([len(cat.skills), len(cat.roles), "
        "sorted(m for m in ('pydantic', 'pydantic_core', 'tomllib') if m in sys.modules)]))"
    )
    cold = json.loads(_run(code, folder))
    assert cold[2] == ["pydantic", "pydantic_core", "tomllib"]  # the first start validates
    assert (folder / CACHE_FILE).is_file()
    warm = json.loads(_run(code, folder))
    assert warm == [cold[0], cold[1], []]


def test_the_schema_and_cache_modules_do_not_import_pydantic() -> None:
    code = (
        "import sys\n"
        "import planner.catalog.schema, planner.catalog.catalog, planner.catalog.cache\n"
        "print([m for m in sys.modules if m.startswith(('pydantic', 'tomllib'))])"
    )
    assert _run(code, Path("unused")) == "[]"


def test_a_changed_catalog_file_is_loaded_again(root: Path, folder: Path) -> None:
    cached_catalog(root, folder)
    role_file = sorted((root / "roles").glob("*.toml"))[0]
    role_id = role_file.stem
    text = role_file.read_text(encoding="utf-8")
    title = load_catalog(root).roles[role_id].title
    role_file.write_text(text.replace(f'"{title}"', '"Changed Title"', 1), encoding="utf-8")
    assert cached_catalog(root, folder).roles[role_id].title == "Changed Title"
    assert_same(read_cache(folder / CACHE_FILE, cache_key(root)), load_catalog(root))  # type: ignore[arg-type]


def test_touching_a_file_makes_the_cache_stale(root: Path, folder: Path) -> None:
    cached_catalog(root, folder)
    old_key = cache_key(root)
    skill_file = sorted((root / "skills").glob("*.toml"))[0]
    info = skill_file.stat()
    os.utime(skill_file, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert cache_key(root) != old_key
    assert read_cache(folder / CACHE_FILE, cache_key(root)) is None
    cached_catalog(root, folder)
    assert read_cache(folder / CACHE_FILE, cache_key(root)) is not None


def test_a_new_catalog_file_makes_the_cache_stale(root: Path) -> None:
    old_key = cache_key(root)
    (root / "roles" / "zz-new.toml").write_text("", encoding="utf-8")
    assert cache_key(root) != old_key


def _rewrite(path: Path, body: bytes, **header: Any) -> None:
    """A cache file with this body and a header that is right for it unless told otherwise."""
    old = json.loads(path.read_bytes().split(b"\n", 1)[0])
    fields = {**old, "crc": zlib.crc32(body), "size": len(body), **header}
    path.write_bytes(json.dumps(fields).encode() + b"\n" + body)


def _body(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes().split(b"\n", 1)[1])  # type: ignore[no-any-return]


DAMAGES = {
    "garbage": lambda p: p.write_bytes(os.urandom(4000)),
    "empty": lambda p: p.write_bytes(b""),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "one byte changed": lambda p: p.write_bytes(p.read_bytes().replace(b'"Agile', b'"Agilf', 1)),
    "other format": lambda p: _rewrite(p, p.read_bytes().split(b"\n", 1)[1], format=-1),
    "header not an object": lambda p: p.write_bytes(b"[1]\n" + p.read_bytes().split(b"\n")[1]),
    "body of another shape": lambda p: _rewrite(p, b'{"skills": 1}'),
    "body a list": lambda p: _rewrite(p, b"[]"),
    "a field of another type": lambda p: _rewrite(
        p,
        json.dumps({**_body(p), "skills": [{**_body(p)["skills"][0], "hours": "10"}]}).encode(),
    ),
    "a field missing": lambda p: _rewrite(
        p,
        json.dumps(
            {**_body(p), "roles": [{k: v for k, v in _body(p)["roles"][0].items() if k != "id"}]}
        ).encode(),
    ),
    "deeply nested": lambda p: _rewrite(p, b"[" * 100_000 + b"]" * 100_000),
    "a folder": lambda p: (p.unlink(), p.mkdir()),
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_cache_is_replaced(root: Path, folder: Path, damage: str) -> None:
    validated = cached_catalog(root, folder)
    path = folder / CACHE_FILE
    DAMAGES[damage](path)
    assert read_cache(path, cache_key(root)) is None
    assert_same(cached_catalog(root, folder), validated)
    if damage != "a folder":  # a folder in its place cannot be replaced; it is left alone
        assert_same(read_cache(path, cache_key(root)), validated)  # type: ignore[arg-type]


def test_an_unwritable_cache_folder_still_loads_the_catalog(root: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert_same(cached_catalog(root, blocked / "cache"), load_catalog(root))
    assert blocked.read_text(encoding="utf-8").startswith("a file")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_a_read_only_cache_folder_still_loads_the_catalog(root: Path, folder: Path) -> None:
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert_same(cached_catalog(root, folder), load_catalog(root))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_the_decoder_knows_every_field_type_of_every_catalog_class() -> None:
    for cls in ENTRY_CLASSES:
        _class_decoder(cls)  # raises TypeError on a field type it cannot decode
    with pytest.raises(TypeError, match="cannot decode"):
        _decoder(set[int])


def test_the_cache_folder_is_the_environment_s_or_the_platform_s(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANNER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("PLANNER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    expected = tmp_path / "xdg-cache" / "learning-path-planner"
    assert cache_dir() == expected or sys.platform != "linux"


def test_the_tests_never_use_the_real_cache_folder() -> None:
    from platformdirs import user_cache_dir

    assert cache_dir() == Path(os.environ["PLANNER_CACHE_DIR"])
    assert cache_dir() != Path(user_cache_dir("learning-path-planner", appauthor=False))


def test_a_missing_or_invalid_catalog_is_a_catalog_error_and_is_not_cached(
    root: Path, folder: Path, tmp_path: Path
) -> None:
    with pytest.raises(CatalogError, match="does not exist"):
        cached_catalog(tmp_path / "nowhere", folder)
    (root / "roles" / "broken.toml").write_text('id = "Broken"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken\.toml"):
        cached_catalog(root, folder)
    assert not (folder / CACHE_FILE).exists()
