"""A database written by schema 0001 opens with today's code: upgraded, copied first,
nothing lost."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from alembic import command
from sqlmodel import Session

from planner.store import head_revision, open_database, repository
from planner.store.database import alembic_config
from planner.store.engine import make_engine


def _database_at_0001(path: Path) -> None:
    engine = make_engine(path)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    with Session(engine) as session:
        repository.get_profile(session=session).name = "Ada"
        repository.add_rating(
            session=session, skill_id="python", level=3, rated_at=datetime(2025, 1, 2, 3, 4)
        )
        repository.add_certification(
            session=session, cert_id="cka", earned_on=date(2025, 6, 1), expires_on=date(2027, 6, 1)
        )
        session.commit()
    engine.dispose()


def test_0001_database_upgrades_with_a_copy_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite3"
    _database_at_0001(path)
    engine = open_database(path)
    try:
        with Session(engine) as session:
            assert repository.get_profile(session=session).name == "Ada"
            assert repository.latest_levels(session=session) == {"python": 3}
            (cert,) = repository.list_certifications(session=session)
            assert (cert.cert_id, cert.expires_on) == ("cka", date(2027, 6, 1))
            repository.add_user_resource(session=session, step_key="skill:python:4", title="Book")
            session.commit()
            assert [r.title for r in repository.user_resources(session=session)] == ["Book"]
        with engine.connect() as connection:
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert version.scalar_one() == head_revision() == "0002"
    finally:
        engine.dispose()
    backups = list(tmp_path.glob("planner.sqlite3.before-0001-*.bak"))
    assert len(backups) == 1
