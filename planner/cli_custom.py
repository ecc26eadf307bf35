"""`planner custom …`: the person's own roles and skills on the command line (list, duplicate,
delete, export, import), through planner.services.custom_roles."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.cli_commands import _table, _workspace
from planner.errors import InvalidInputError, NotFoundError

Handler = Callable[[argparse.Namespace], int]


def add_custom_commands(sub: Any) -> dict[str, Handler]:
    """Add `custom` to the subcommands ``sub``; returns its handler by command name."""
    custom = sub.add_parser("custom", help="your own roles and skills: list, copy, share")
    actions = custom.add_subparsers(dest="custom_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="your custom roles and skills")
    duplicate = actions.add_parser(
        "duplicate", help="copy a role (from the catalog or your own) to change as you like"
    )
    duplicate.add_argument("role", help="role id or title to start from")
    duplicate.add_argument("--title", required=True, help="the copy's title")
    delete = actions.add_parser("delete", help="delete one of your roles and its plans")
    delete.add_argument("role", help="id or title of your custom role")
    delete_skill = actions.add_parser("delete-skill", help="delete one of your skills")
    delete_skill.add_argument("skill", help="id or name of your custom skill")
    export = actions.add_parser("export", help="write your roles and skills to a TOML file")
    export.add_argument("file", type=Path)
    export.add_argument(
        "--role", action="append", metavar="ID", help="only this role (repeat for more)"
    )
    export.add_argument(
        "--skill", action="append", metavar="ID", help="only this skill (repeat for more)"
    )
    import_ = actions.add_parser("import", help="add the roles and skills of an exported file")
    import_.add_argument("file", type=Path)
    import_.add_argument(
        "--replace", action="store_true", help="overwrite your own entries of the same ids"
    )
    return {"custom": cmd_custom}


def cmd_custom(args: argparse.Namespace) -> int:
    return _ACTIONS[args.custom_command](args)


def _list(args: argparse.Namespace) -> int:
    from planner.services.custom_roles import custom_roles, custom_skills

    with _workspace(args) as ws:
        # Entries that no longer fit were already named on stderr when the catalog loaded.
        roles, skills = custom_roles(ws), custom_skills(ws)
        if not roles and not skills:
            print(
                "You have no custom roles or skills yet; "
                "'planner custom duplicate ROLE --title TITLE' starts one from any role."
            )
            return 0
        cat = ws.catalog
        if roles:
            rows = [
                (r.title, r.id, cat.family_name(r.family), r.seniority, len(r.requirements))
                for r in roles
            ]
            print(_table(("Role", "Id", "Family", "Seniority", "Requirements"), rows))
        if skills:
            if roles:
                print()
            skill_rows = [(s.name, s.id, cat.category_name(s.category)) for s in skills]
            print(_table(("Skill", "Id", "Category"), skill_rows))
    return 0


def _duplicate(args: argparse.Namespace) -> int:
    from planner.services.custom_roles import duplicate_role

    with _workspace(args) as ws:
        source = ws.catalog.find_role(args.role)
        copy = duplicate_role(ws, source.id, args.title)
        print(f"Made your role {copy.title!r} ({copy.id}) from {source.title!r}.")
        print(f"Aim for it with 'planner target {copy.id}'.")
    return 0


def _delete(args: argparse.Namespace) -> int:
    from planner.services.custom_roles import delete_role

    with _workspace(args) as ws:
        try:
            role = ws.catalog.find_role(args.role)
            role_id, title = role.id, role.title
        except NotFoundError:  # a stored role left out of the catalog goes by its id
            role_id = title = args.role
        plans = delete_role(ws, role_id)
        went = {0: "", 1: " and the plan made for it"}.get(
            plans, f" and the {plans} plans made for it"
        )
        print(f"Deleted your role {title!r}{went}.")
    return 0


def _delete_skill(args: argparse.Namespace) -> int:
    from planner.services.custom_roles import delete_skill

    with _workspace(args) as ws:
        try:
            skill_id = ws.catalog.find_skill(args.skill).id
        except NotFoundError:
            skill_id = args.skill
        gone = delete_skill(ws, skill_id)
        name = gone.name if gone else skill_id
        print(f"Deleted your skill {name!r}; your ratings of it are kept.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from planner.services.custom_roles import export_custom

    with _workspace(args) as ws:
        done = export_custom(ws, args.file, role_ids=args.role, skill_ids=args.skill)
        print(f"Wrote {done.path}: {len(done.role_ids)} role(s), {len(done.skill_ids)} skill(s).")
    return 0


def _import(args: argparse.Namespace) -> int:
    from planner.services.custom_roles import ImportClashError, import_custom

    with _workspace(args) as ws:
        try:
            result = import_custom(ws, args.file, replace=args.replace)
        except ImportClashError as exc:
            raise InvalidInputError(f"{exc} (add --replace)") from exc
        print(result.describe())
    return 0


_ACTIONS: dict[str, Handler] = {
    "list": _list,
    "duplicate": _duplicate,
    "delete": _delete,
    "delete-skill": _delete_skill,
    "export": _export,
    "import": _import,
}
