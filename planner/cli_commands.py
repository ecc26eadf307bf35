"""What each command of `planner` does: call a service, print the answer as plain text."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from planner.catalog.scale import level_label
from planner.errors import InvalidInputError, StorageError

if TYPE_CHECKING:  # the services load SQLAlchemy: only for the command that runs
    from planner.services.workspace import Workspace


def _workspace(args: argparse.Namespace) -> Workspace:
    """The data folder's workspace, opened, with today's backup taken if there is none yet."""
    from planner.services.backups import auto_backup
    from planner.services.workspace import Workspace

    ws = Workspace(args.data_dir)
    _ = ws.engine  # an unusable database stops the command here, before anything else
    try:
        auto_backup(ws)
    except StorageError as exc:  # the command can go on; the person should know
        print(f"planner: warning: today's backup was not taken: {exc}", file=sys.stderr)
    return ws


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], right: frozenset[int] = frozenset()
) -> str:
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_roles(args: argparse.Namespace) -> int:
    from planner.services.roles import standings

    with _workspace(args) as ws:
        rows = []
        for s in sorted(standings(ws), key=lambda s: ws.catalog.roles[s.role_id].title.casefold()):
            role = ws.catalog.roles[s.role_id]
            if args.family and args.family.casefold() not in (
                role.family,
                ws.catalog.family_name(role.family).casefold(),
            ):
                continue
            rows.append(
                (
                    role.title,
                    role.id,
                    ws.catalog.family_name(role.family),
                    role.seniority,
                    f"{s.readiness:.0f}%",
                    f"{s.hours_needed:.0f}",
                )
            )
        if not rows:
            raise InvalidInputError(f"No role has the family {args.family!r}.")
        print(
            _table(["Role", "Id", "Family", "Seniority", "Ready", "Hours"], rows, frozenset({4, 5}))
        )
    return 0


def cmd_role(args: argparse.Namespace) -> int:
    from planner.services.roles import role_detail

    with _workspace(args) as ws:
        d = role_detail(ws, role=args.role)
        r = d.role
        print(f"{r.title}  ({r.id})")
        if r.also_called:
            print(f"Also called: {', '.join(r.also_called)}")
        print(f"{d.family} · {r.seniority} · your readiness {d.readiness.percent:.0f}%")
        print()
        print(r.summary)
        print()
        print("Responsibilities:")
        for item in r.responsibilities:
            print(f"  - {item}")
        print()
        marks = {"met": "[met]    ", "short": "[short]  ", "missing": "[missing]"}
        kinds = {
            "skill": "Skills",
            "certification": "Certifications",
            "experience": "Experience",
            "education": "Education",
        }
        for kind, heading in kinds.items():
            rows = [row for row in d.rows if row.kind == kind]
            if not rows:
                continue
            print(f"{heading}:")
            for row in rows:
                print(
                    f"  {marks[row.state]} {row.label} — wanted {row.wanted}, "
                    f"you: {row.current} ({row.importance})"
                )
            print()
        if r.salary:
            print()
            print("Salary:")
            for s in r.salary:
                year = f", {s.year}" if s.year else ""
                print(f"  {s.label}: {s.low:,}–{s.high:,} {s.currency} ({s.region}{year})")
        if d.comes_from or d.leads_to:
            print()
            if d.comes_from:
                print(f"People often come from: {', '.join(d.comes_from)}")
            if d.leads_to:
                print(f"It often leads to: {', '.join(d.leads_to)}")
        print()
        print(f"Sources: {', '.join(r.sources)}")
    return 0


def cmd_skill(args: argparse.Namespace) -> int:
    from planner.services.skills import rate_skill, skill_history

    with _workspace(args) as ws:
        if args.skill_command == "set":
            change = rate_skill(ws, skill=args.skill, level=args.level)
            name = ws.catalog.skills[change.skill_id].name
            print(f"{name}: {level_label(change.previous)} -> {level_label(change.level)}")
            if change.steps_done:
                print(f"Plan steps done: {', '.join(map(str, change.steps_done))}")
        else:
            skill = ws.catalog.find_skill(args.skill)
            history = skill_history(ws, skill=args.skill)
            if not history:
                print(f"{skill.name} has not been rated yet.")
            for when, level in history:
                print(f"{when.astimezone():%Y-%m-%d %H:%M}  {level_label(level)}")
    return 0


def cmd_skills(args: argparse.Namespace) -> int:
    from planner.services.skills import my_skills

    with _workspace(args) as ws:
        rows = my_skills(ws)
        if not rows:
            print("No skills rated yet. Rate one with: planner skill set SKILL LEVEL")
            return 0
        print(
            _table(
                ["Skill", "Id", "Category", "Level", "Rated"],
                [
                    (
                        r.name,
                        r.skill_id,
                        r.category,
                        level_label(r.level),
                        f"{r.last_rated.astimezone():%Y-%m-%d}",
                    )
                    for r in rows
                ],
            )
        )
    return 0


def cmd_cert(args: argparse.Namespace) -> int:
    from planner.services.certifications import add_certification

    with _workspace(args) as ws:
        view = add_certification(
            ws,
            certification=args.certification,
            earned_on=args.earned,
            expires_on=args.expires,
            credential_id=args.credential,
            planned=args.planned,
        )
        expiry = f", valid until {view.expires_on}" if view.expires_on else ""
        print(f"{view.name}: {view.status}{expiry}")
    return 0


def cmd_certs(args: argparse.Namespace) -> int:
    from planner.services.certifications import my_certifications

    with _workspace(args) as ws:
        views = my_certifications(ws)
        if not views:
            print("No certifications recorded. Add one with: planner cert add CERT --earned DATE")
            return 0
        print(
            _table(
                ["Certification", "Issuer", "Status", "Earned", "Expires", "Credential"],
                [
                    (
                        v.name,
                        v.issuer,
                        v.status,
                        v.earned_on or "",
                        v.expires_on or "",
                        v.credential_id,
                    )
                    for v in views
                ],
            )
        )
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    from planner.services.profile import settings, update_settings

    with _workspace(args) as ws:
        changes = {
            "name": args.name,
            "years_experience": args.years,
            "education": args.education,
            "current_role": args.current_role,
            "hours_per_week": args.hours_per_week,
        }
        if any(v is not None for v in changes.values()):
            s = update_settings(ws, **changes)
        else:
            s = settings(ws)
        roles = ws.catalog.roles
        print(f"Name:            {s.name or '-'}")
        print(f"Experience:      {s.years_experience:g} years")
        print(f"Education:       {s.education}")
        current = roles[s.current_role_id].title if s.current_role_id in roles else "-"
        target = roles[s.target_role_id].title if s.target_role_id in roles else "-"
        print(f"Current role:    {current}")
        print(f"Target role:     {target}")
        print(f"Hours per week:  {s.hours_per_week:g}")
        print(f"Data folder:     {ws.folder}")
    return 0


def cmd_target(args: argparse.Namespace) -> int:
    from planner.services.profile import set_target

    with _workspace(args) as ws:
        role_id = set_target(ws, role=args.role)
        print(f"Target: {ws.catalog.roles[role_id].title}. See the way there with: planner plan")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from planner.services.plans import current_plan, generate_plan, redate_plan
    from planner.services.profile import settings

    with _workspace(args) as ws:
        view = current_plan(ws)
        target = settings(ws).target_role_id
        if view is None or args.regenerate or view.plan.role_id != target:
            view = generate_plan(
                ws,
                hours_per_week=args.hours_per_week,
                start=args.start,
                follow_ladder=not args.no_route,
            )
        elif args.hours_per_week is not None or args.start is not None:
            view = redate_plan(ws, hours_per_week=args.hours_per_week, start=args.start)
        _print_plan(ws, view)
    return 0


_MARKS = {"todo": "[ ]", "in_progress": "[~]", "done": "[x]", "skipped": "[-]"}


def _print_plan(ws: Workspace, view: object) -> None:
    from planner.services.plans import PlanView

    assert isinstance(view, PlanView)
    plan = view.plan
    roles = ws.catalog.roles
    route = " -> ".join(roles[r].title for r in plan.stages)
    print(
        f"Plan to {roles[plan.role_id].title}"
        + (f" (route: {route})" if len(plan.stages) > 1 else "")
    )
    print(
        f"Readiness now {view.readiness.percent:.0f}% · {plan.remaining_hours:.0f} of "
        f"{plan.total_hours:.0f} hours to go at {plan.options.hours_per_week:g} h/week · "
        f"from {plan.options.start_date} · ready by {plan.eta}"
    )
    for stage, phase, steps in plan.by_phase():
        print()
        prefix = (
            f"Stage {stage + 1} ({roles[plan.stages[stage]].title}) · "
            if len(plan.stages) > 1
            else ""
        )
        print(f"{prefix}{phase.title}")
        for s in steps:
            hours = f"{s.hours:g} h" if s.hours else ""
            dates = (
                f"{s.planned_start} – {s.planned_end}"
                if s.planned_start != s.planned_end
                else f"{s.planned_end}"
            )
            when = f"{dates}, {hours}" if hours else dates
            print(f"  {_MARKS[s.status]} {s.position:>3}. {s.title}  ({when})")
            print(f"          why: {s.why}")
            if s.notes:
                print(f"          note: {s.notes}")


def cmd_step(args: argparse.Namespace) -> int:
    from planner.services.plans import set_step_notes, set_step_status

    with _workspace(args) as ws:
        if args.step_command == "note":
            set_step_notes(ws, position=args.number, notes=args.text)
            print(f"Step {args.number}: note saved.")
            return 0
        status = {"done": "done", "start": "in_progress", "skip": "skipped", "todo": "todo"}[
            args.step_command
        ]
        change = set_step_status(ws, position=args.number, status=status)
        print(f"Step {change.position}: {change.status.replace('_', ' ')}.")
        if change.raised_skill:
            skill_id, level = change.raised_skill
            print(f"{ws.catalog.skills[skill_id].name} is now {level_label(level)}.")
        if change.also_done:
            print(f"Also done: steps {', '.join(map(str, change.also_done))}.")
    return 0


def cmd_closest(args: argparse.Namespace) -> int:
    from planner.services.roles import standings

    if args.limit < 1:
        raise InvalidInputError("--limit must be at least 1.")
    with _workspace(args) as ws:
        rows = [
            (
                n,
                ws.catalog.roles[s.role_id].title,
                f"{s.readiness:.0f}%",
                f"{s.hours_needed:.0f}",
                s.steps,
            )
            for n, s in enumerate(standings(ws)[: args.limit], start=1)
        ]
        print(_table(["#", "Role", "Ready", "Hours to go", "Steps"], rows, frozenset({0, 2, 3, 4})))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from planner.services.exports import export_markdown_file, export_pdf_file
    from planner.services.portable import export_ics_file, export_json_file

    if not (args.pdf or args.md or args.json or args.ics):
        raise InvalidInputError("Say what to write: --pdf, --md, --json and/or --ics FILE.")
    with _workspace(args) as ws:
        if args.pdf:
            export_pdf_file(ws, args.pdf)
            print(f"Wrote {args.pdf}")
        if args.md:
            export_markdown_file(ws, args.md)
            print(f"Wrote {args.md}")
        if args.json:
            export_json_file(ws, args.json)
            print(f"Wrote {args.json}")
        if args.ics:
            export_ics_file(ws, args.ics)
            print(f"Wrote {args.ics}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from planner.services.portable import import_json_file

    with _workspace(args) as ws:
        summary = import_json_file(ws, args.json, replace=args.replace)
        print(summary.describe())
        if summary.backup:
            print(f"What it replaced was backed up to {summary.backup}.")
        if summary.unknown_ids:
            print(
                "planner: note: kept ids this catalog does not know: "
                + ", ".join(summary.unknown_ids),
                file=sys.stderr,
            )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from planner.services.backups import back_up_now, backups
    from planner.services.workspace import Workspace

    if args.list:
        found = backups(Workspace(args.data_dir))
        if not found:
            print("No backups yet ('planner backup' takes one).")
            return 0
        rows = [
            (b.taken_at.strftime("%Y-%m-%d %H:%M:%S"), f"{b.size / 1024:.0f} KB", b.path)
            for b in found
        ]
        print(_table(("Taken", "Size", "File"), rows, right=frozenset({1})))
        return 0
    with Workspace(args.data_dir) as ws:
        print(f"Backed up to {back_up_now(ws)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from planner.services.backups import restore_backup
    from planner.services.workspace import Workspace

    with Workspace(args.data_dir) as ws:
        result = restore_backup(ws, args.file)
        print(f"Restored your data from {result.restored_from}.")
        if result.copy_of_previous:
            print(f"What it replaced was copied to {result.copy_of_previous}.")
        if result.set_aside:
            print(f"The unusable file was set aside as {result.set_aside}.")
    return 0


def cmd_start_fresh(args: argparse.Namespace) -> int:
    from planner.services.backups import start_afresh
    from planner.services.workspace import Workspace

    with Workspace(args.data_dir) as ws:
        aside = start_afresh(ws)
        where = f"; the old file was set aside as {aside}" if aside else ""
        print(f"Started with an empty database at {ws.database_file}{where}.")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "roles": cmd_roles,
    "role": cmd_role,
    "skill": cmd_skill,
    "skills": cmd_skills,
    "cert": cmd_cert,
    "certs": cmd_certs,
    "profile": cmd_profile,
    "target": cmd_target,
    "plan": cmd_plan,
    "step": cmd_step,
    "closest": cmd_closest,
    "export": cmd_export,
    "import": cmd_import,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "start-fresh": cmd_start_fresh,
}
