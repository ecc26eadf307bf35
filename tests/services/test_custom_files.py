"""Custom roles and skills to and from a file in the catalog's TOML format: a round trip into
a fresh data folder gives the same entries; an import is all or nothing."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import tomllib
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from services.custom_sample import CROSSPLANE, PLATFORM, make_role, make_skill

from planner.catalog.loader import read_custom_file
from planner.catalog.schema import Requirement
from planner.errors import ExportError, InvalidInputError, NotFoundError
from planner.resources import resource_path
from planner.services import custom_roles as cr
from planner.services.plans import generate_plan
from planner.services.profile import set_target
from planner.services.workspace import Workspace


@pytest.fixture
def fresh(tmp_path: Path, migrated_database: Path) -> Iterator[Workspace]:
    """A second, empty data folder: where an exported file is taken to."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    shutil.copyfile(migrated_database, folder / "planner.sqlite3")
    ws = Workspace(folder)
    yield ws
    ws.close()


@pytest.fixture
def mine(workspace: Workspace) -> Workspace:
    """Three custom skills (one building on another), two roles needing them, and a copy of
    a catalog role."""
    cr.save_skill(
        workspace, make_skill("helm-charts", "Helm charts", prerequisites=("kubernetes",))
    )
    cr.save_skill(workspace, CROSSPLANE)
    cr.save_skill(
        workspace,
        make_skill("crossplane-compositions", "Compositions", prerequisites=("crossplane",)),
    )
    helm = Requirement(any_of=("helm-charts",), level=2, importance="preferred")
    cr.save_role(
        workspace, dataclasses.replace(PLATFORM, requirements=(*PLATFORM.requirements, helm))
    )
    lead = make_role(
        "platform-lead",
        "Platform Lead",
        [("crossplane-compositions", 3, "required"), ("kubernetes", 4, "required")],
    )
    cr.save_role(workspace, dataclasses.replace(lead, comes_from=("platform-engineer",)))
    cr.duplicate_role(workspace, "cloud-architect", "My cloud architect")
    return workspace


def test_export_then_import_into_a_fresh_folder_gives_identical_entries(
    mine: Workspace, fresh: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    written = cr.export_custom(mine, path)
    assert set(written.role_ids) == {"platform-engineer", "platform-lead", "my-cloud-architect"}
    assert set(written.skill_ids) == {"crossplane", "crossplane-compositions", "helm-charts"}
    document = tomllib.loads(path.read_text())
    assert set(document) == {"skills", "roles"}  # the catalog's own keys, nothing else

    result = cr.import_custom(fresh, path)
    assert set(result.added_roles) == set(written.role_ids)
    assert set(result.added_skills) == set(written.skill_ids)
    assert cr.custom_roles(fresh) == cr.custom_roles(mine)
    assert cr.custom_skills(fresh) == cr.custom_skills(mine)
    assert result.describe() == "Imported: 3 roles added, 3 skills added."
    set_target(fresh, role="Platform Lead")
    steps = generate_plan(fresh).plan.steps
    assert [s.skill_id for s in steps].index("crossplane") < [s.skill_id for s in steps].index(
        "crossplane-compositions"
    )


def test_exporting_some_roles_takes_the_custom_skills_they_need(
    mine: Workspace, fresh: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "lead.toml"
    written = cr.export_custom(mine, path, role_ids=["Platform Lead"])
    assert written.role_ids == ("platform-lead",)
    # Compositions builds on Crossplane: both go, Helm charts (not needed) stays.
    assert written.skill_ids == ("crossplane", "crossplane-compositions")
    cr.import_custom(fresh, path)
    assert [r.id for r in cr.custom_roles(fresh)] == ["platform-lead"]
    # Its ladder names a role the file leaves out: that link stays behind.
    assert mine.catalog.roles["platform-lead"].comes_from == ("platform-engineer",)
    assert fresh.catalog.roles["platform-lead"].comes_from == ()

    only_skill = cr.export_custom(mine, tmp_path / "skill.toml", skill_ids=["helm-charts"])
    assert (only_skill.role_ids, only_skill.skill_ids) == ((), ("helm-charts",))


def test_what_cannot_be_exported_is_refused(
    mine: Workspace, fresh: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInputError, match="comes with the planner"):
        cr.export_custom(mine, tmp_path / "x.toml", role_ids=["cloud-architect"])
    with pytest.raises(NotFoundError):
        cr.export_custom(mine, tmp_path / "x.toml", role_ids=["no such role"])
    with pytest.raises(InvalidInputError, match="no custom roles or skills"):
        cr.export_custom(fresh, tmp_path / "x.toml")
    with pytest.raises(ExportError, match="does not exist"):
        cr.export_custom(mine, tmp_path / "missing" / "x.toml")
    assert not list(tmp_path.glob("*.toml"))


def _rows(ws: Workspace) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(ws.database_file)) as db:
        return db.execute(
            "SELECT 's', id, definition FROM custom_skill UNION ALL "
            "SELECT 'r', id, definition FROM custom_role ORDER BY 1, 2"
        ).fetchall()


def test_an_import_with_one_bad_entry_imports_nothing(
    mine: Workspace, fresh: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    cr.export_custom(mine, path)
    text = path.read_text()
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('skill = "crossplane-compositions"', 'skill = "nothing-here"'))
    with pytest.raises(InvalidInputError) as caught:
        cr.import_custom(fresh, broken)
    message = str(caught.value)
    assert message.startswith(f"Nothing was imported from {broken}:")
    assert "role 'platform-lead': requires unknown skill 'nothing-here'" in message
    assert _rows(fresh) == [] and cr.custom_roles(fresh) == []


def test_clashes_are_reported_and_replace_overwrites_only_custom_entries(
    mine: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "mine.toml"
    cr.export_custom(mine, path)
    before = _rows(mine)
    assert cr.import_custom(mine, path).describe() == "Imported: 6 entries already there."

    changed = tmp_path / "changed.toml"
    changed.write_text(path.read_text().replace('title = "Platform Lead"', 'title = "Head"'))
    with pytest.raises(
        cr.ImportClashError, match="different custom entries 'platform-lead'"
    ) as caught:
        cr.import_custom(mine, changed)
    assert caught.value.ids == ("platform-lead",)
    assert _rows(mine) == before
    result = cr.import_custom(mine, changed, replace=True)
    assert result.replaced_roles == ("platform-lead",) and len(result.unchanged) == 5
    assert mine.catalog.roles["platform-lead"].title == "Head"

    catalog_id = tmp_path / "catalog-id.toml"
    catalog_id.write_text(path.read_text().replace('id = "helm-charts"', 'id = "kubernetes"'))
    with pytest.raises(InvalidInputError, match="skill id 'kubernetes' belongs to the catalog"):
        cr.import_custom(mine, catalog_id, replace=True)


def test_a_role_file_in_the_catalogs_own_format_is_imported(
    fresh: Workspace, tmp_path: Path
) -> None:
    shipped = Path(resource_path("catalog")) / "roles" / "cloud-architect.toml"
    text = shipped.read_text()
    path = tmp_path / "role.toml"
    path.write_text(
        text.replace('id = "cloud-architect"', 'id = "cloud-architect-at-acme"').replace(
            'title = "Cloud Architect"', 'title = "Cloud Architect at Acme"'
        )
    )
    result = cr.import_custom(fresh, path)
    assert result.added_roles == ("cloud-architect-at-acme",)
    imported = fresh.catalog.roles["cloud-architect-at-acme"]
    assert imported.requirements == fresh.catalog.roles["cloud-architect"].requirements


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe not utf-8", "is not UTF-8 text"),
        (b"[[roles]\n", "is not valid TOML"),
        (b'colour = "blue"\n', "unexpected key 'colour'"),
        (b"# nothing\n", "holds no [[skills]] or [[roles]]"),
        (b'[[skills]]\nid = "x"\n', "skills 'x': name: Field required"),
    ],
)
def test_a_bad_file_is_named_with_its_problem(
    workspace: Workspace, tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(InvalidInputError, match=f"Nothing was imported from {path}") as caught:
        cr.import_custom(workspace, path)
    assert problem in str(caught.value)
    with pytest.raises(InvalidInputError, match="cannot be read"):
        cr.import_custom(workspace, tmp_path / "missing.toml")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_files_are_imported_whole_or_refused_cleanly(
    mine: Workspace, fresh: Workspace, tmp_path: Path, data: st.DataObject
) -> None:
    """Any damage to a real export: a clear InvalidInputError and nothing stored, or (when
    the change still makes a valid file) every entry stored."""
    path = tmp_path / "mine.toml"
    if not path.exists():
        cr.export_custom(mine, path)
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at : at + data.draw(st.integers(0, 8))] = data.draw(st.binary(max_size=8))
    mutated = tmp_path / "mutated.toml"
    mutated.write_bytes(bytes(raw))
    with closing(sqlite3.connect(fresh.database_file)) as db, db:  # each example starts empty
        db.execute("DELETE FROM custom_role")
        db.execute("DELETE FROM custom_skill")
    fresh.reload_catalog()
    try:
        result = cr.import_custom(fresh, mutated)
    except InvalidInputError as exc:
        event("refused")
        assert str(mutated) in str(exc)
        assert _rows(fresh) == []
    else:
        event("imported whole")
        entries, problems = read_custom_file(mutated)
        assert problems == []
        stored = len(result.added_roles) + len(result.added_skills)
        assert stored == len(entries.roles) + len(entries.skills) == len(_rows(fresh))
