"""The loader: a broken catalog is refused with the file, the entry and what is wrong."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from planner.catalog import load_catalog
from planner.errors import CatalogError, PlannerError
from planner.resources import resource_path

JUNIOR = "junior-distributed-systems-engineer"

CATALOG_TOML = """
[[categories]]
id = "general"
name = "General"

[[families]]
id = "general"
name = "General"
"""


def _skill_toml(skill_id: str, prereqs: Sequence[tuple[str, int]] = ()) -> str:
    prereq_text = ", ".join(f'{{ skill = "{s}", level = {lv} }}' for s, lv in prereqs)
    topics = "\n".join(f'{lv} = ["{skill_id} topic {lv}"]' for lv in range(1, 6))
    return f"""
[[skills]]
id = "{skill_id}"
name = "{skill_id.title()}"
category = "general"
description = "The {skill_id} skill."
hours = [5, 10, 20, 40, 80]
prerequisites = [{prereq_text}]
resources = [{{ title = "{skill_id} docs", kind = "documentation" }}]

[skills.topics]
{topics}
"""


def _role_toml(role_id: str, skill_id: str, cert_id: str | None = None) -> str:
    certs = (
        f'\n[[certifications]]\ncertification = "{cert_id}"\nimportance = "preferred"\n'
        if cert_id
        else ""
    )
    return f"""
id = "{role_id}"
title = "{role_id.title()}"
family = "general"
seniority = "mid"
summary = "A role."
responsibilities = ["Work"]
sources = ["test.txt"]

[[requirements]]
skill = "{skill_id}"
level = 2
importance = "required"
{certs}"""


def _write_catalog(root: Path, skills: str, role: str, certs: str = "") -> Path:
    (root / "skills").mkdir(parents=True)
    (root / "roles").mkdir()
    (root / "catalog.toml").write_text(CATALOG_TOML, encoding="utf-8")
    (root / "skills" / "base.toml").write_text(skills, encoding="utf-8")
    (root / "roles" / "r.toml").write_text(role, encoding="utf-8")
    if certs:
        (root / "certifications.toml").write_text(certs, encoding="utf-8")
    return root


def _copy_builtin(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(resource_path("catalog"), root)
    return root


def test_a_small_valid_catalog_loads(tmp_path: Path) -> None:
    root = _write_catalog(
        tmp_path / "ok",
        _skill_toml("a") + _skill_toml("b", [("a", 2)]),
        _role_toml("r", "b"),
    )
    cat = load_catalog(root)
    assert sorted(cat.skills) == ["a", "b"]
    assert list(cat.roles) == ["r"]
    assert cat.skills["b"].prerequisites[0].skill == "a"


def test_a_copy_of_the_builtin_catalog_loads(tmp_path: Path) -> None:
    cat = load_catalog(_copy_builtin(tmp_path))
    assert JUNIOR in cat.roles


def test_unknown_skill_in_a_role_names_the_file_and_the_entry(tmp_path: Path) -> None:
    root = _copy_builtin(tmp_path)
    role_file = root / "roles" / f"{JUNIOR}.toml"
    text = role_file.read_text(encoding="utf-8")
    assert 'skill = "docker"' in text
    role_file.write_text(text.replace('skill = "docker"', 'skill = "dockerr"'), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    message = str(caught.value)
    assert "dockerr" in message
    assert repr(JUNIOR) in message or f'"{JUNIOR}"' in message  # the entry
    assert f"{JUNIOR}.toml" in message  # the file


def test_unknown_prerequisite_names_the_file_and_the_entry(tmp_path: Path) -> None:
    root = _write_catalog(
        tmp_path / "bad",
        _skill_toml("a") + _skill_toml("b", [("nowhere", 2)]),
        _role_toml("r", "b"),
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    message = str(caught.value)
    assert "'nowhere'" in message
    assert "'b'" in message
    assert "base.toml" in message


def test_unknown_certification_in_a_role_is_reported(tmp_path: Path) -> None:
    root = _write_catalog(tmp_path / "bad", _skill_toml("a"), _role_toml("r", "a", "no-such-cert"))
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    message = str(caught.value)
    assert "'no-such-cert'" in message
    assert "'r'" in message
    assert "r.toml" in message


def test_a_prerequisite_cycle_is_reported(tmp_path: Path) -> None:
    root = _write_catalog(
        tmp_path / "cycle",
        _skill_toml("a", [("c", 1)]) + _skill_toml("b", [("a", 1)]) + _skill_toml("c", [("b", 2)]),
        _role_toml("r", "a"),
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    message = str(caught.value)
    assert "prerequisite cycle" in message
    assert "a -> c -> b -> a" in message


def test_a_skill_that_needs_itself_is_reported(tmp_path: Path) -> None:
    root = _write_catalog(tmp_path / "self", _skill_toml("a", [("a", 1)]), _role_toml("r", "a"))
    with pytest.raises(CatalogError, match="lists itself as a prerequisite"):
        load_catalog(root)


def test_a_cycle_added_to_the_builtin_catalog_is_reported(tmp_path: Path) -> None:
    root = _copy_builtin(tmp_path)
    # Two new skills, in a file of their own, that each need the other.
    (root / "skills" / "zz_cycle.toml").write_text(
        _skill_toml("loop-one", [("loop-two", 1)]) + _skill_toml("loop-two", [("loop-one", 1)]),
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    assert "loop-one -> loop-two -> loop-one" in str(caught.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    root = _write_catalog(
        tmp_path / "bad",
        _skill_toml("a", [("missing-one", 1)]) + _skill_toml("b", [("missing-two", 1)]),
        _role_toml("r", "missing-three"),
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    message = str(caught.value)
    for name in ("missing-one", "missing-two", "missing-three"):
        assert name in message


def test_a_file_that_is_not_toml_is_reported_by_name(tmp_path: Path) -> None:
    root = _copy_builtin(tmp_path)
    (root / "skills" / "broken.toml").write_text("[[skills]\nid = ", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    assert "broken.toml" in str(caught.value)


def test_an_entry_that_breaks_the_schema_is_reported_with_its_file(tmp_path: Path) -> None:
    root = _copy_builtin(tmp_path)
    role_file = root / "roles" / f"{JUNIOR}.toml"
    text = role_file.read_text(encoding="utf-8")
    role_file.write_text(
        text.replace('seniority = "entry"', 'seniority = "galactic"'), encoding="utf-8"
    )
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    message = str(caught.value)
    assert f"{JUNIOR}.toml" in message
    assert "seniority" in message


def test_a_duplicate_skill_id_is_reported(tmp_path: Path) -> None:
    root = _write_catalog(
        tmp_path / "dup", _skill_toml("a") + _skill_toml("a"), _role_toml("r", "a")
    )
    with pytest.raises(CatalogError, match="duplicate skill id 'a'"):
        load_catalog(root)


def test_a_missing_folder_is_a_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path / "nowhere")
    assert isinstance(caught.value, PlannerError)
    assert "nowhere" in str(caught.value)
