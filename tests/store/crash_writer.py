"""The child process of the crash tests: it keeps changing the planner's data through the real
services and prints one line after each action has returned, until it is killed.

Run as ``python crash_writer.py DATA_DIR SEED``, or as ``python crash_writer.py --serve`` to
fork such writers on request (see ``serve``). The actions are a pure function of the seed
and their number (``action``), so the test can replay what the child did and knows the one
action that may have been in flight when the kill came. Every value an action writes is unique
(a rating's note, a step's notes carry the seed and the number), so the test's check is exact.

Lines: ``pid N``; ``opened`` (the database is open, migrated if it was new); ``target`` and
``plan`` (the set-up of a fresh folder); ``ready``; then ``done N ...`` after action N.
"""

from __future__ import annotations

import os
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from planner.catalog import Catalog, builtin_catalog
from planner.services import plans, profile, skills
from planner.services.workspace import Workspace

TARGET_ROLE = "distributed-systems-architect"
TODAY = date(2026, 11, 23)  # the suite's fixed day, so plans are dated alike in every process
# Step statuses the writer sets. "done" is left out: on a skill step it adds a rating and
# completes other steps, which would make the expected state depend on more than one action.
STATUSES = ("todo", "in_progress", "skipped")
# A child killed by nobody (the test itself died) stops on its own.
TIME_LIMIT_SECONDS = 120.0

Kind = Literal["rate", "status", "note", "regenerate"]


@dataclass(frozen=True)
class Action:
    kind: Kind
    tag: str  # "SEED.N": unique to this action, written into the data where there is room
    skill: str = ""  # rate
    level: int = 0  # rate
    key: str = ""  # status, note: the step's stable key
    status: str = ""  # status

    def describe(self) -> str:
        detail = {
            "rate": f"{self.skill} {self.level}",
            "status": f"{self.key} {self.status}",
            "note": self.key,
            "regenerate": "",
        }[self.kind]
        return f"{self.kind} {self.tag} {detail}".rstrip()


def action(seed: int, number: int, keys: tuple[str, ...], free_skills: tuple[str, ...]) -> Action:
    """Action ``number`` of the child started with ``seed`` (the same in every process)."""
    rng = random.Random(f"{seed}:{number}")
    tag = f"{seed}.{number}"
    roll = rng.random()
    if roll < 0.35:
        return Action("rate", tag, skill=rng.choice(free_skills), level=rng.randint(0, 5))
    if roll < 0.60:
        return Action("status", tag, key=rng.choice(keys), status=rng.choice(STATUSES))
    if roll < 0.90:
        return Action("note", tag, key=rng.choice(keys))
    return Action("regenerate", tag)


def note_text(tag: str) -> str:
    return f"note {tag}"


def rating_note(tag: str) -> str:
    return f"rating {tag}"


def free_skills(catalog: Catalog, step_skills: set[str]) -> tuple[str, ...]:
    """Skills whose rating cannot change the plan for the target role: not in the plan, not
    among its requirements (alternatives included) or certifications, nor a prerequisite of
    any of those. Rating them leaves every regeneration of the plan step for step the same."""
    role = catalog.roles[TARGET_ROLE]
    related = set(step_skills)
    for requirement in role.requirements:
        related.update(requirement.any_of)
    for recommendation in role.certifications:
        for cert_id in recommendation.any_of:
            related.update(s.skill for s in catalog.certifications[cert_id].assumes)
    pending = list(related)
    while pending:  # prerequisites, transitively
        for prerequisite in catalog.skills[pending.pop()].prerequisites:
            if prerequisite.skill not in related:
                related.add(prerequisite.skill)
                pending.append(prerequisite.skill)
    return tuple(sorted(set(catalog.skills) - related))


def prepare(ws: Workspace, report: Callable[[str], None] = lambda _line: None) -> None:
    """Give a fresh folder its target and plan; a prepared folder is left as it is."""
    if profile.settings(ws).target_role_id is None:
        profile.set_target(ws, role=TARGET_ROLE)
        report("target")
    if plans.current_plan(ws) is None:
        plans.generate_plan(ws)
        report("plan")


def plan_keys(ws: Workspace) -> tuple[dict[str, int], tuple[str, ...]]:
    """The active plan's step positions by key, and the skills free to rate."""
    view = plans.current_plan(ws)
    assert view is not None
    positions = {step.key: step.position for step in view.plan.steps}
    step_skills = {step.skill_id for step in view.plan.steps if step.skill_id}
    return positions, free_skills(ws.catalog, step_skills)


def perform(ws: Workspace, act: Action, positions: dict[str, int]) -> None:
    if act.kind == "rate":
        skills.rate_skill(ws, skill=act.skill, level=act.level, note=rating_note(act.tag))
    elif act.kind == "status":
        plans.set_step_status(ws, position=positions[act.key], status=act.status)
    elif act.kind == "note":
        plans.set_step_notes(ws, position=positions[act.key], notes=note_text(act.tag))
    else:
        view = plans.generate_plan(ws)
        positions.clear()
        positions.update({step.key: step.position for step in view.plan.steps})


def _say(line: str) -> None:
    # One write(2) per line, so that a kill never leaves half a line: print() makes two when
    # the output is unbuffered (PYTHONUNBUFFERED), and pipes keep small writes whole.
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def write(folder: Path, seed: int) -> None:
    """Open ``folder``, set it up if it is new, then act and report until killed."""
    _say(f"pid {os.getpid()}")
    ws = Workspace(folder, today=lambda: TODAY)
    _ = ws.engine  # opens, and for a new folder creates and migrates, the database
    _say("opened")
    prepare(ws, _say)
    positions, rateable = plan_keys(ws)
    keys = tuple(sorted(positions))
    _say("ready")
    stop = time.monotonic() + TIME_LIMIT_SECONDS
    number = 0
    while time.monotonic() < stop:
        act = action(seed, number, keys, rateable)
        perform(ws, act, positions)
        _say(f"done {number} {act.describe()}")  # the action's transaction has committed
        number += 1


def serve() -> None:
    """Fork a writer for each ``FOLDER<TAB>SEED`` line on stdin, one at a time, and report
    ``exited PID STATUS`` once it has died. The imports (and the catalog) are paid for once,
    so that a test can kill hundreds of writers in seconds."""
    builtin_catalog()
    _say("serving")
    for line in sys.stdin:
        folder, seed = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:  # the writer: it must never return into this loop
            code = 0
            try:
                write(Path(folder), int(seed))
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        _say(f"exited {pid} {os.waitstatus_to_exitcode(status)}")


def main(argv: list[str]) -> int:
    if argv == ["--serve"]:
        serve()
    else:
        write(Path(argv[0]), int(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
