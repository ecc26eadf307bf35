"""Tests of the data functions and the constraints of the tables behind them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from planner.errors import InvalidInputError, NotFoundError
from planner.store import (
    HeldCertification,
    Plan,
    PlanStep,
    Profile,
    SkillRating,
    open_database,
)
from planner.store import repository as repo

T0 = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


def step(position: int, **fields: Any) -> PlanStep:
    values: dict[str, Any] = {
        "position": position,
        "key": f"skill:s{position}",
        "kind": "skill",
        "phase": "foundations",
        "title": f"Step {position}",
        "hours": 10.0,
        "reason": "required by the role",
    }
    values.update(fields)
    return PlanStep(**values)  # replace_active_plan sets plan_id


def new_plan(role_id: str = "architect") -> Plan:
    return Plan(role_id=role_id, hours_per_week=6, start_date=date(2025, 1, 6))


# --- profile ----------------------------------------------------------------------------


def test_get_profile_creates_the_single_row_once(session: Session) -> None:
    profile = repo.get_profile(session=session)
    assert (profile.id, profile.education, profile.hours_per_week) == (1, "none", 6.0)
    assert profile.created_at.tzinfo is UTC
    session.commit()
    assert repo.get_profile(session=session) is profile
    assert len(session.exec(select(Profile)).all()) == 1


def test_a_second_profile_row_is_refused(session: Session) -> None:
    session.add(Profile(id=2))
    with pytest.raises(IntegrityError):
        session.flush()


def test_changing_the_profile_moves_updated_at(session: Session) -> None:
    profile = repo.get_profile(session=session)
    profile.updated_at = created = T0
    session.commit()
    profile.name = "Ada"
    session.commit()
    assert profile.updated_at > created


# --- ratings ----------------------------------------------------------------------------


def test_latest_levels_takes_the_latest_rating_and_history_keeps_all(session: Session) -> None:
    repo.add_rating(session=session, skill_id="python", level=2, rated_at=T0)
    repo.add_rating(session=session, skill_id="python", level=4, rated_at=T0 + timedelta(days=9))
    repo.add_rating(session=session, skill_id="python", level=3, rated_at=T0 + timedelta(days=1))
    repo.add_rating(session=session, skill_id="k8s", level=1, rated_at=T0, source="import")
    session.commit()
    assert repo.latest_levels(session=session) == {"python": 4, "k8s": 1}
    history = repo.rating_history(session=session, skill_id="python")
    assert [r.level for r in history] == [2, 3, 4]
    assert len(repo.rating_history(session=session)) == 4


def test_ratings_at_the_same_moment_are_settled_by_the_later_row(session: Session) -> None:
    repo.add_rating(session=session, skill_id="go", level=5, rated_at=T0)
    repo.add_rating(session=session, skill_id="go", level=2, rated_at=T0)
    assert repo.latest_levels(session=session) == {"go": 2}


def test_rating_times_come_back_in_utc(session: Session) -> None:
    local = datetime(2025, 6, 1, 12, 0).astimezone()  # aware, in the machine's zone
    rating = repo.add_rating(session=session, skill_id="sql", level=3, rated_at=local)
    session.commit()
    session.expire_all()
    assert rating.rated_at == local
    assert rating.rated_at.tzinfo is UTC


def test_a_level_outside_the_scale_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInputError, match="between 0 and 5"):
        repo.add_rating(session=session, skill_id="python", level=6, rated_at=T0)
    with pytest.raises(InvalidInputError, match="rating source"):
        repo.add_rating(session=session, skill_id="python", level=1, rated_at=T0, source="x")
    # The table refuses it too, whatever writes to it.
    session.add(SkillRating(skill_id="python", level=-1, rated_at=T0))
    with pytest.raises(IntegrityError):
        session.flush()


def test_data_functions_leave_the_commit_to_the_caller(engine: Engine) -> None:
    with Session(engine) as session:
        repo.add_rating(session=session, skill_id="python", level=3, rated_at=T0)
        repo.add_certification(session=session, cert_id="cka")
        session.rollback()
    with Session(engine) as session:
        assert repo.latest_levels(session=session) == {}
        assert repo.list_certifications(session=session) == []


@pytest.fixture(scope="module")
def shared_engine(
    tmp_path_factory: pytest.TempPathFactory, template_database: Path
) -> Iterator[Engine]:
    """One database for the many examples of a property test; each example rolls back."""
    path = tmp_path_factory.mktemp("property") / "planner.sqlite3"
    shutil.copyfile(template_database, path)
    engine = open_database(path)
    yield engine
    engine.dispose()


ratings = st.lists(
    st.tuples(
        st.sampled_from(["python", "go", "k8s"]),
        st.integers(min_value=0, max_value=5),
        st.integers(min_value=0, max_value=3),  # few distinct days: many ties
    ),
    max_size=20,
)


@settings(max_examples=60, deadline=None)
@given(ratings=ratings)
def test_latest_levels_agrees_with_a_plain_python_reading(
    shared_engine: Engine, ratings: list[tuple[str, int, int]]
) -> None:
    with Session(shared_engine) as session:
        expected: dict[str, tuple[int, int, int]] = {}  # skill -> (day, order, level)
        for order, (skill_id, level, day) in enumerate(ratings):
            rated_at = T0 + timedelta(days=day)
            repo.add_rating(session=session, skill_id=skill_id, level=level, rated_at=rated_at)
            expected[skill_id] = max(expected.get(skill_id, (-1, -1, 0)), (day, order, level))
        got = repo.latest_levels(session=session)
        session.rollback()
    assert got == {skill_id: level for skill_id, (_, _, level) in expected.items()}


# --- certifications ---------------------------------------------------------------------


def test_certifications_are_added_listed_and_removed(session: Session) -> None:
    held = repo.add_certification(
        session=session,
        cert_id="cka",
        earned_on=date(2024, 5, 1),
        expires_on=date(2027, 5, 1),
        credential_id="LF-123",
    )
    planned = repo.add_certification(session=session, cert_id="aws-sa", status="planned")
    assert repo.list_certifications(session=session) == [held, planned]
    assert held.id is not None
    assert repo.remove_certification(session=session, certification_id=held.id) is held
    assert repo.list_certifications(session=session) == [planned]
    with pytest.raises(NotFoundError):
        repo.remove_certification(session=session, certification_id=held.id)
    with pytest.raises(InvalidInputError, match="certification status"):
        repo.add_certification(session=session, cert_id="cka", status="lost")


# --- plans ------------------------------------------------------------------------------


def test_replace_active_plan_keeps_one_active_plan(session: Session) -> None:
    assert repo.active_plan(session=session) is None
    first = repo.replace_active_plan(session=session, plan=new_plan(), steps=[step(0)])
    second = repo.replace_active_plan(
        session=session, plan=new_plan("ml-platform"), steps=[step(1), step(0)]
    )
    session.commit()
    assert repo.active_plan(session=session) is second
    assert first.is_active is False
    assert second.id is not None
    steps = repo.plan_steps(session=session, plan_id=second.id)
    assert [s.position for s in steps] == [0, 1]
    assert {s.plan_id for s in steps} == {second.id}
    assert first.id is not None
    assert len(repo.plan_steps(session=session, plan_id=first.id)) == 1


def test_deleting_a_plan_deletes_its_steps(session: Session) -> None:
    plan = repo.replace_active_plan(session=session, plan=new_plan(), steps=[step(0), step(1)])
    session.commit()
    session.delete(plan)
    session.commit()
    count = session.connection().execute(text("SELECT count(*) FROM plan_step")).scalar()
    assert count == 0


def test_a_step_key_is_unique_within_its_plan(session: Session) -> None:
    with pytest.raises(IntegrityError):
        repo.replace_active_plan(
            session=session, plan=new_plan(), steps=[step(0), step(1, key="skill:s0")]
        )


def test_a_step_must_belong_to_a_plan(session: Session) -> None:
    session.add(step(0, plan_id=12345))
    with pytest.raises(IntegrityError):
        session.flush()


def test_a_step_status_outside_the_list_is_refused_by_the_table(session: Session) -> None:
    with pytest.raises(IntegrityError):
        repo.replace_active_plan(session=session, plan=new_plan(), steps=[step(0, status="done!")])


def test_steps_are_found_and_updated(session: Session) -> None:
    plan = repo.replace_active_plan(session=session, plan=new_plan(), steps=[step(0), step(1)])
    assert plan.id is not None
    updated = repo.update_step(
        session=session,
        plan_id=plan.id,
        position=1,
        status="done",
        notes="finished the course",
        completed_on=date(2025, 2, 1),
        topics_done="0,2",
    )
    session.commit()
    session.expire_all()
    found = repo.get_step(session=session, plan_id=plan.id, position=1)
    assert found is updated
    assert (found.status, found.notes, found.completed_on, found.topics_done) == (
        "done",
        "finished the course",
        date(2025, 2, 1),
        "0,2",
    )
    # Arguments left out keep their values; None clears the completion date.
    repo.update_step(session=session, plan_id=plan.id, position=1, status="in_progress")
    assert found.completed_on == date(2025, 2, 1)
    repo.update_step(session=session, plan_id=plan.id, position=1, completed_on=None)
    assert (found.status, found.notes) == ("in_progress", "finished the course")
    assert found.completed_on is None


def test_missing_steps_and_wrong_statuses_are_refused(session: Session) -> None:
    plan = repo.replace_active_plan(session=session, plan=new_plan(), steps=[step(0)])
    assert plan.id is not None
    with pytest.raises(NotFoundError, match="no step 7"):
        repo.get_step(session=session, plan_id=plan.id, position=7)
    with pytest.raises(InvalidInputError, match="step status"):
        repo.update_step(session=session, plan_id=plan.id, position=0, status="finished")


def test_held_certification_rows_are_plain_models() -> None:
    certification = HeldCertification(cert_id="cka")
    assert (certification.status, certification.credential_id) == ("held", "")
