"""Custom roles and skills: stored in the person's database, joined to the catalog, and then
planned, ranked, compared and exported exactly like catalog roles."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from services.custom_sample import CROSSPLANE, PLATFORM, make_role, make_skill

from planner.catalog.schema import Requirement, Role
from planner.errors import InvalidInputError, NotFoundError
from planner.services import custom_roles as cr
from planner.services.exports import export_markdown_file, export_pdf_file
from planner.services.plans import current_plan, generate_plan
from planner.services.profile import set_target, settings, update_settings
from planner.services.roles import role_detail, standings
from planner.services.roles_view import compare, role_listing
from planner.services.skills import my_skills, rate_skill
from planner.services.workspace import Workspace


def reopened(ws: Workspace) -> Workspace:
    ws.close()
    return Workspace(ws.folder, today=ws.today)


# --- saving and the merged catalog ----------------------------------------------------------


def test_a_custom_role_with_a_custom_skill_joins_the_catalog_and_survives_reopening(
    workspace: Workspace,
) -> None:
    assert cr.save_skill(workspace, CROSSPLANE) == CROSSPLANE
    assert cr.save_role(workspace, PLATFORM) == PLATFORM
    assert workspace.catalog.is_custom_role("platform-engineer")
    assert workspace.catalog.is_custom_skill("crossplane")
    assert not workspace.catalog.is_custom_role("cloud-architect")
    assert workspace.catalog.find_role("platform engineer") == PLATFORM
    assert workspace.catalog.find_skill("crossplane").name == "Crossplane"
    assert "cloud-architect" in workspace.catalog.roles  # the shipped ones are all still there

    again = reopened(workspace)
    try:
        assert cr.custom_roles(again) == [PLATFORM]
        assert cr.custom_skills(again) == [CROSSPLANE]
        assert again.catalog.custom_role_ids == {"platform-engineer"}
    finally:
        again.close()


def test_a_catalog_id_is_never_taken_and_a_free_one_is_suggested(workspace: Workspace) -> None:
    mine = make_role("cloud-architect", "My architect", [("aws", 3, "required")])
    with pytest.raises(InvalidInputError, match=r"'cloud-architect-2'") as caught:
        cr.save_role(workspace, mine, replace=True)
    assert "Cloud Architect" in str(caught.value)
    with pytest.raises(InvalidInputError, match=r"catalog's skill 'Python'.*'python-2'"):
        cr.save_skill(workspace, make_skill("python", "My Python"))
    assert cr.custom_roles(workspace) == [] and cr.custom_skills(workspace) == []


def test_an_existing_custom_id_is_replaced_only_when_asked(workspace: Workspace) -> None:
    cr.save_skill(workspace, CROSSPLANE)
    cr.save_role(workspace, PLATFORM)
    changed = dataclasses.replace(PLATFORM, summary="Changed.")
    with pytest.raises(
        InvalidInputError, match=r"already have a custom role.*'platform-engineer-2'"
    ):
        cr.save_role(workspace, changed)
    assert workspace.catalog.roles["platform-engineer"].summary == PLATFORM.summary
    assert cr.save_role(workspace, changed, replace=True).summary == "Changed."
    assert reopened(workspace).catalog.roles["platform-engineer"].summary == "Changed."


@pytest.mark.parametrize(
    ("role", "message"),
    [
        (make_role("r", "R", [("no-such-skill", 3, "required")]), "unknown skill 'no-such-skill'"),
        (make_role("r", "Cloud Architect", [("go", 3, "required")]), "title 'Cloud Architect'"),
        (
            dataclasses.replace(make_role("r", "R", [("go", 3, "required")]), family="nope"),
            "unknown family 'nope'",
        ),
        (
            dataclasses.replace(make_role("r", "R", [("go", 3, "required")]), leads_to=("x",)),
            "ladder neighbour 'x'",
        ),
        (make_role("r", "T" * 121, [("go", 3, "required")]), "121 characters long"),
        (
            dataclasses.replace(
                make_role("r", "R", [("go", 3, "required")]), summary="Builds " + "x" * 61
            ),
            "a word of 61 characters",
        ),
    ],
)
def test_every_reference_of_a_role_is_checked_before_saving(
    workspace: Workspace, role: Role, message: str
) -> None:
    with pytest.raises(InvalidInputError, match="Cannot save the role") as caught:
        cr.save_role(workspace, role)
    assert message in str(caught.value)
    assert cr.custom_roles(workspace) == []


def test_a_skill_is_checked_for_names_prerequisites_and_cycles(workspace: Workspace) -> None:
    with pytest.raises(InvalidInputError, match="'K8s' is already used by skill 'kubernetes'"):
        cr.save_skill(workspace, make_skill("kube", "K8s"))
    with pytest.raises(InvalidInputError, match="prerequisite 'nothing' is not a known skill"):
        cr.save_skill(workspace, make_skill("a", "A", prerequisites=("nothing",)))
    cr.save_skill(workspace, make_skill("a", "A", prerequisites=("python",)))
    cr.save_skill(workspace, make_skill("b", "B", prerequisites=("a",)))
    with pytest.raises(InvalidInputError, match="prerequisite cycle"):
        cr.save_skill(workspace, make_skill("a", "A", prerequisites=("b",)), replace=True)
    assert workspace.catalog.skills["a"].prerequisites[0].skill == "python"


def test_new_ids_are_free_slugs(workspace: Workspace) -> None:
    assert cr.new_role_id(workspace, "Site Reliability Engineer (SRE)") == (
        "site-reliability-engineer-sre"
    )
    assert cr.new_role_id(workspace, "Cloud Architect") == "cloud-architect-2"
    assert cr.new_skill_id(workspace, "C++") == "c-plus-plus"
    assert cr.new_skill_id(workspace, "Kubernetes") == "kubernetes-2"
    assert cr.new_skill_id(workspace, "Café ✓") == "cafe"
    assert cr.new_skill_id(workspace, "✓✓") == "skill"
    cr.save_skill(workspace, CROSSPLANE)
    assert cr.new_skill_id(workspace, "Crossplane") == "crossplane-2"


# --- a custom role is planned, ranked, compared and exported like a catalog one --------------


@pytest.fixture
def planned(workspace: Workspace) -> Workspace:
    """A copy of Cloud Architect with a custom skill added, as the target, planned."""
    copy = cr.duplicate_role(workspace, "Cloud Architect", "Cloud Architect & Crossplane <b>")
    cr.save_skill(workspace, CROSSPLANE)
    extra = Requirement(any_of=("crossplane",), level=3, importance="required")
    cr.save_role(
        workspace,
        dataclasses.replace(copy, requirements=(*copy.requirements, extra)),
        replace=True,
    )
    rate_skill(workspace, skill="python", level=3)
    set_target(workspace, role=copy.id)
    generate_plan(workspace, hours_per_week=10)
    return workspace


def test_duplicating_a_catalog_role_copies_what_it_asks(workspace: Workspace) -> None:
    original = workspace.catalog.roles["cloud-architect"]
    copy = cr.duplicate_role(workspace, "cloud-architect", "  My   cloud architect ")
    assert copy.id == "my-cloud-architect" and copy.title == "My cloud architect"
    assert copy.requirements == original.requirements
    assert copy.certifications == original.certifications
    assert copy.also_called == ()  # other names stay with the original
    assert workspace.catalog.is_custom_role(copy.id)
    twice = cr.duplicate_role(workspace, copy.id, "Second copy")
    assert twice.requirements == original.requirements and twice.id == "second-copy"
    with pytest.raises(InvalidInputError, match="title"):
        cr.duplicate_role(workspace, "cloud-architect", "   ")
    with pytest.raises(NotFoundError):
        cr.duplicate_role(workspace, "no such role", "X")


def test_a_custom_role_is_planned_ranked_and_compared(planned: Workspace) -> None:
    ws = planned
    role_id = settings(ws).target_role_id
    assert role_id == "cloud-architect-crossplane-b"
    view = current_plan(ws)
    assert view is not None and view.plan.role_id == role_id
    crossplane_steps = [s for s in view.plan.steps if s.skill_id == "crossplane"]
    assert [(s.from_level, s.to_level) for s in crossplane_steps] == [(0, 3)]
    # Its prerequisite (python at 2) is met, so nothing about python comes before it.
    assert crossplane_steps[0].hours == CROSSPLANE.hours_between(0, 3)

    ranked = {s.role_id: s for s in standings(ws)}
    assert role_id in ranked and len(ranked) == len(ws.base_catalog.roles) + 1
    original = ranked["cloud-architect"]
    assert ranked[role_id].hours_needed == pytest.approx(
        original.hours_needed + CROSSPLANE.hours_between(0, 3)
    )
    listing = {r.role_id: r for r in role_listing(ws)}
    assert listing[role_id].is_target

    detail = role_detail(ws, role=role_id)
    assert any(row.skill_id == "crossplane" and row.state == "missing" for row in detail.rows)
    side_by_side = compare(ws, roles=["cloud-architect", role_id])
    crossplane_line = next(line for line in side_by_side.lines if line.label == "Crossplane")
    assert crossplane_line.cells[0] is None and crossplane_line.cells[1] is not None


def test_a_custom_role_is_exported_to_markdown_and_pdf(
    planned: Workspace, tmp_path: Path, qapp: object
) -> None:
    from pypdf import PdfReader

    markdown = export_markdown_file(planned, tmp_path / "plan.md").read_text()
    assert markdown.startswith("# Learning plan: Cloud Architect \\& Crossplane \\<b\\>\n")
    assert "Crossplane documentation" in markdown
    pdf = export_pdf_file(planned, tmp_path / "plan.pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    assert "Cloud Architect & Crossplane <b>" in text
    assert "Crossplane topic 3" in text  # the custom skill's own checklist


# --- deleting ---------------------------------------------------------------------------------


def test_deleting_a_role_refuses_the_target_then_takes_its_plans(planned: Workspace) -> None:
    ws = planned
    role_id = settings(ws).target_role_id
    assert role_id is not None
    with pytest.raises(InvalidInputError, match="is your target role"):
        cr.delete_role(ws, role_id)
    set_target(ws, role="cloud-architect")
    generate_plan(ws)  # a plan for the catalog role: it stays
    update_settings(ws, current_role=role_id)
    assert cr.delete_role(ws, role_id) == 1
    assert role_id not in ws.catalog.roles and cr.custom_roles(ws) == []
    view = current_plan(ws)
    assert view is not None and view.plan.role_id == "cloud-architect"
    assert settings(ws).current_role_id is None
    with closing(sqlite3.connect(ws.database_file)) as db:
        assert db.execute("SELECT role_id FROM plan").fetchall() == [("cloud-architect",)]
    with pytest.raises(InvalidInputError, match="comes with the planner"):
        cr.delete_role(ws, "cloud-architect")
    with pytest.raises(NotFoundError):
        cr.delete_role(ws, role_id)


def test_deleting_a_role_unlinks_it_from_other_custom_roles(workspace: Workspace) -> None:
    first = cr.duplicate_role(workspace, "devops-engineer", "First rung")
    second = cr.duplicate_role(workspace, "cloud-architect", "Second rung")
    cr.save_role(workspace, dataclasses.replace(second, comes_from=(first.id,)), replace=True)
    assert cr.delete_role(workspace, first.id) == 0
    assert workspace.catalog.roles[second.id].comes_from == ()
    assert workspace.skipped_custom == ()


def test_deleting_a_skill_refuses_while_a_role_needs_it_and_keeps_ratings(
    workspace: Workspace,
) -> None:
    cr.save_skill(workspace, CROSSPLANE)
    cr.save_role(workspace, PLATFORM)
    rate_skill(workspace, skill="crossplane", level=2)
    with pytest.raises(InvalidInputError, match="'Platform Engineer' require it"):
        cr.delete_skill(workspace, "crossplane")
    cr.delete_role(workspace, "platform-engineer")
    assert cr.delete_skill(workspace, "crossplane") == CROSSPLANE
    assert "crossplane" not in workspace.catalog.skills
    assert any(row.skill_id == "crossplane" and row.level == 2 for row in my_skills(workspace))
    with pytest.raises(InvalidInputError, match="comes with the planner"):
        cr.delete_skill(workspace, "python")


# --- rows that no longer fit ----------------------------------------------------------------


def test_a_stored_row_that_no_longer_validates_is_left_out_with_a_warning(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    cr.save_skill(workspace, CROSSPLANE)
    cr.save_role(workspace, PLATFORM)
    cr.duplicate_role(workspace, "cloud-architect", "Still fine")
    workspace.close()
    with closing(sqlite3.connect(workspace.database_file)) as db, db:
        db.execute('UPDATE custom_skill SET definition = \'{"id": "crossplane"}\'')
        db.execute(
            "INSERT INTO custom_role VALUES ('broken', 'not json', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    with caplog.at_level(logging.WARNING, logger="planner.services.workspace"):
        catalog = workspace.catalog
    assert "crossplane" not in catalog.skills
    assert "platform-engineer" not in catalog.roles  # it requires the skill that went
    assert "still-fine" in catalog.roles
    skipped = " ".join(workspace.skipped_custom)
    assert "custom skill 'crossplane'" in skipped and "custom role 'broken'" in skipped
    assert "custom role 'platform-engineer': requires unknown skill 'crossplane'" in skipped
    assert len(caplog.records) == 3
    # A left-out row can still be deleted, and its id is not handed out again meanwhile.
    assert cr.new_role_id(workspace, "Broken") == "broken-2"
    assert cr.delete_role(workspace, "broken") == 0
    assert "custom role 'broken'" not in " ".join(workspace.skipped_custom)


def test_every_catalog_role_can_be_the_start_of_a_custom_one(workspace: Workspace) -> None:
    shipped = list(workspace.base_catalog.roles.values())
    for role in shipped:
        copy = cr.duplicate_role(workspace, role.id, f"{role.title} (mine)")
        assert copy.requirements == role.requirements
    assert len(cr.custom_roles(workspace)) == len(shipped)
    assert workspace.skipped_custom == ()
