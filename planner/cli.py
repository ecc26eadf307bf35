"""The command line: `planner` opens the window; `planner COMMAND` does one thing and exits.

Every command goes through planner.services, the same functions the window calls. A mistake
of the user's (an unknown name, a bad level or date, an unwritable file) prints one line on
stderr and exits with status 2, having changed nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from planner import version
from planner.errors import CatalogError, PlannerError, UnusableDatabaseError

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _level(text: str) -> int:
    from planner.services.inputs import parse_level

    try:
        return parse_level(text)
    except PlannerError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(text: str) -> object:
    from planner.services.inputs import parse_date

    try:
        return parse_date(text)
    except PlannerError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _hours(text: str) -> float:
    from planner.services.inputs import check_hours_per_week

    try:
        return check_hours_per_week(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of hours") from None
    except PlannerError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _VersionAction(argparse.Action):
    """``--version``: the package metadata is read only when asked for (it costs start-up)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        print(f"planner {version()}")  # on stdout, as argparse's own version action does
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    from planner.cli_commands import COMMANDS

    parser = _Parser(
        prog="planner",
        description="Plan the way from the skills you have to the role you want. "
        "With no command, the window opens.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation: open the window offscreen on a temporary data folder, "
        "plan, export a PDF and read it back; exit 0 when all is well",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="folder of the planner's database (default: your user data folder, "
        "or $PLANNER_DATA_DIR)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    roles = sub.add_parser("roles", help="every role with your readiness")
    roles.add_argument("--family", help="only roles of this family")
    role = sub.add_parser("role", help="a role's requirements against your levels")
    role.add_argument("role", help="role id or title")

    skill = sub.add_parser("skill", help="rate a skill or see its history")
    skill_sub = skill.add_subparsers(dest="skill_command", metavar="ACTION", required=True)
    skill_set = skill_sub.add_parser("set", help="rate a skill: planner skill set SKILL LEVEL")
    skill_set.add_argument("skill", help="skill id, name or alias (e.g. k8s)")
    skill_set.add_argument("level", type=_level, help="0-5 or a level name (e.g. working)")
    skill_history = skill_sub.add_parser("history", help="every rating of a skill")
    skill_history.add_argument("skill")
    sub.add_parser("skills", help="your rated skills")

    cert = sub.add_parser("cert", help="record a certification")
    cert_sub = cert.add_subparsers(dest="cert_command", metavar="ACTION", required=True)
    cert_add = cert_sub.add_parser("add", help="planner cert add CERT --earned DATE")
    cert_add.add_argument("certification", help="certification id or name")
    cert_add.add_argument("--earned", type=_date, help="date earned (YYYY-MM-DD)")
    cert_add.add_argument("--expires", type=_date, help="expiry (default: issuer's validity)")
    cert_add.add_argument("--credential", default="", help="credential id")
    cert_add.add_argument("--planned", action="store_true", help="planned, not yet earned")
    sub.add_parser("certs", help="your certifications")

    profile = sub.add_parser("profile", help="show or change your profile")
    profile.add_argument("--name")
    profile.add_argument("--years", type=float, help="years of professional experience")
    profile.add_argument("--education", choices=["none", "associate", "bachelor", "master", "phd"])
    profile.add_argument("--current-role", help="the role you have now")
    profile.add_argument("--hours-per-week", type=_hours)

    target = sub.add_parser("target", help="choose the role you are aiming for")
    target.add_argument("role", help="role id or title")

    plan = sub.add_parser("plan", help="print your dated plan (made if there is none)")
    plan.add_argument("--hours-per-week", type=_hours, help="re-date the plan for these hours")
    plan.add_argument("--start", type=_date, help="re-date the plan from this day")
    plan.add_argument(
        "--regenerate", action="store_true", help="rebuild it from your profile, keeping progress"
    )
    plan.add_argument(
        "--no-route", action="store_true", help="plan straight to the target, not via the ladder"
    )

    step = sub.add_parser("step", help="record progress on a step")
    step_sub = step.add_subparsers(dest="step_command", metavar="ACTION", required=True)
    for name, help_text in [
        ("done", "mark step N done"),
        ("start", "mark step N in progress"),
        ("skip", "skip step N"),
        ("todo", "mark step N to do again"),
    ]:
        p = step_sub.add_parser(name, help=help_text)
        p.add_argument("number", type=int)
    note = step_sub.add_parser("note", help="set the note of step N")
    note.add_argument("number", type=int)
    note.add_argument("text")

    closest = sub.add_parser("closest", help="the roles you are nearest to")
    closest.add_argument("--limit", type=int, default=10)

    export = sub.add_parser("export", help="write the plan to a file")
    export.add_argument("--pdf", type=Path, metavar="FILE")
    export.add_argument("--md", type=Path, metavar="FILE")
    export.add_argument(
        "--json", type=Path, metavar="FILE", help="your whole profile, to import elsewhere"
    )
    export.add_argument("--ics", type=Path, metavar="FILE", help="the plan's dates, for a calendar")
    import_ = sub.add_parser("import", help="bring in a profile written by 'export --json'")
    import_.add_argument("--json", type=Path, metavar="FILE", required=True)
    import_.add_argument(
        "--replace", action="store_true", help="replace the data there (a backup is taken first)"
    )

    backup = sub.add_parser("backup", help="copy your data into the backups folder now")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    restore = sub.add_parser(
        "restore", help="replace your data with a backup (what it replaces is kept)"
    )
    restore.add_argument("file", type=Path, help="a backup file (see 'planner backup --list')")
    sub.add_parser(
        "start-fresh", help="set your database file aside (it is kept) and start an empty one"
    )

    from planner.cli_custom import add_custom_commands
    from planner.cli_import_role import add_import_role_command

    handlers = {**COMMANDS, **add_custom_commands(sub), **add_import_role_command(sub)}
    parser.set_defaults(handlers=handlers)
    return parser


def _recovery_hint(data_dir: Path | None) -> str:
    """The commands that get a person past an unusable database, naming their newest backup."""
    from planner.services.backups import backups
    from planner.services.workspace import Workspace

    try:
        newest = next(iter(backups(Workspace(data_dir))), None)
    except PlannerError:
        newest = None
    restore = (
        f"'planner restore {newest.path}' (your newest backup)"
        if newest
        else ("'planner restore FILE'")
    )
    return f"To go on: {restore}, or 'planner start-fresh'."


def _window_start(argv: Sequence[str]) -> tuple[bool, Path | None]:
    """Whether ``argv`` only opens the window (``planner``, ``planner --data-dir DIR``), and
    on which folder (None: the default). Anything else goes to the full parser, which is not
    built for a window start: every command's options would add to the time before it shows.
    """
    match list(argv):
        case []:
            return True, None
        case ["--data-dir", folder] if folder and not folder.startswith("-"):
            return True, Path(folder)
        case [option] if option.startswith("--data-dir=") and option != "--data-dir=":
            return True, Path(option.removeprefix("--data-dir="))
    return False, None


def _self_test(_: argparse.Namespace) -> int:
    from planner.self_test import run_self_test

    return run_self_test()


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    window, folder = _window_start(argv)
    if window:
        from planner.ui.app import run_app

        return run_app(folder)
    args = build_parser().parse_args(argv)
    if args.command is None and not args.self_test:
        from planner.ui.app import run_app

        return run_app(args.data_dir)
    handler: Callable[[argparse.Namespace], int] = (
        _self_test if args.self_test else args.handlers[args.command]
    )
    try:
        return handler(args)
    except UnusableDatabaseError as exc:
        print(f"planner: {exc} {_recovery_hint(args.data_dir)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except CatalogError as exc:  # a damaged installation, not the user's doing
        print(f"planner: {exc}", file=sys.stderr)
        return 1
    except PlannerError as exc:
        print(f"planner: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
