"""The start-up reads in plain SQL (planner.store.reads) give what the ORM gives, column for
column, on a database written through the services."""

from __future__ import annotations

import sqlite3
from datetime import date

from planner.services import certifications, plans, profile, skills
from planner.services.workspace import Workspace
from planner.store import reads, repository


def _fill(ws: Workspace) -> None:
    profile.update_settings(
        ws,
        name="Ada",
        years_experience=4.5,
        education="master",
        current_role="software-developer",
        hours_per_week=7.5,
        start_date=date(2026, 12, 1),
    )
    profile.set_target(ws, role="distributed-systems-architect")
    skills.rate_skill(ws, skill="python", level=3)
    skills.rate_skill(ws, skill="python", level=4)
    skills.rate_skill(ws, skill="kubernetes", level=2)
    certifications.add_certification(
        ws, certification="CKA", earned_on=date(2025, 6, 1), credential_id=" LF-1 "
    )
    certifications.add_certification(ws, certification="CKAD", planned=True)
    plans.generate_plan(ws)
    view = plans.current_plan(ws)
    assert view is not None
    plans.set_step_status(ws, position=view.plan.steps[0].position, status="done")
    plans.set_step_notes(ws, position=view.plan.steps[1].position, notes="line one\nline two")


def test_reads_equal_the_orm(workspace: Workspace) -> None:
    _fill(workspace)
    with workspace.transaction() as session:
        orm_profile = repository.get_profile(session=session)
        orm_certs = repository.list_certifications(session=session)
        orm_plan = repository.active_plan(session=session)
        assert orm_plan is not None and orm_plan.id is not None
        orm_steps = repository.plan_steps(session=session, plan_id=orm_plan.id)
        orm_latest = sorted(repository.latest_ratings(session=session))
        orm_days = repository.rating_days(session=session)
    with workspace.reading() as connection:
        facts = reads.profile(connection)
        certs = reads.certifications(connection)
        plan = reads.active_plan(connection)
        steps = reads.plan_steps(connection, orm_plan.id)
        latest = sorted(reads.latest_ratings(connection))
        days = reads.rating_days(connection)

    for name in facts._fields:
        assert getattr(facts, name) == getattr(orm_profile, name), name
    assert facts.target_role_id == "distributed-systems-architect"
    assert [c._asdict() for c in certs] == [
        {name: getattr(c, name) for name in reads.CertificationRecord._fields} for c in orm_certs
    ]
    assert plan is not None
    for name in plan._fields:
        assert getattr(plan, name) == getattr(orm_plan, name), name
    assert len(steps) == len(orm_steps) > 2
    for step, orm_step in zip(steps, orm_steps, strict=True):
        for name in step._fields:
            assert getattr(step, name) == getattr(orm_step, name), name
    assert latest == orm_latest
    assert {("python", 4), ("kubernetes", 2)} <= {(s, lv) for s, lv, _ in latest}
    assert days == orm_days


def test_an_empty_database_reads_as_defaults(workspace: Workspace) -> None:
    with workspace.reading() as connection:
        assert reads.profile(connection) == reads.ProfileFacts()
        assert reads.active_plan(connection) is None
        assert reads.certifications(connection) == []
        assert reads.latest_levels(connection) == {}
    with workspace.transaction() as session:
        orm = repository.get_profile(session=session)
    assert (orm.hours_per_week, orm.backups_to_keep, orm.education) == (
        reads.ProfileFacts().hours_per_week,
        reads.ProfileFacts().backups_to_keep,
        reads.ProfileFacts().education,
    )


def test_the_light_connection_is_read_only(workspace: Workspace) -> None:
    """Before anything needed the engine, reads go through a read-only connection: a write
    through it is refused by SQLite itself."""
    with workspace.reading() as connection:
        try:
            connection.execute("CREATE TABLE scratch (a)")
        except sqlite3.OperationalError as exc:
            assert "readonly" in str(exc)
        else:  # pragma: no cover - a failure of the test
            raise AssertionError("a write went through the reading connection")


def test_reads_see_what_a_change_committed(workspace: Workspace) -> None:
    with workspace.reading() as connection:
        assert reads.latest_levels(connection) == {}
    skills.rate_skill(workspace, skill="python", level=3)
    with workspace.reading() as connection:
        assert reads.latest_levels(connection) == {"python": 3}
