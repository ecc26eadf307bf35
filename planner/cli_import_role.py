"""`planner import-role FILE`: turn a job posting into a custom role.

With ``--dry-run`` it only shows what it found and never touches the data folder (the
posting is read against the shipped catalog); ``--json`` prints the same as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.catalog.scale import level_label

Handler = Callable[[argparse.Namespace], int]
_SENTENCE_WIDTH = 60


def add_import_role_command(sub: Any) -> dict[str, Handler]:
    """Add `import-role` to the subcommands ``sub``; returns its handler by command name."""
    parser = sub.add_parser(
        "import-role", help="make a custom role from a job posting (.txt or .md file)"
    )
    parser.add_argument("file", type=Path, help="the posting, as plain text or Markdown")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show what was found and save nothing (your own skills are not consulted)",
    )
    parser.add_argument("--json", action="store_true", help="print what was found as JSON")
    parser.add_argument("--title", help="the role's title (default: the posting's first heading)")
    return {"import-role": cmd_import_role}


def _short(text: str, width: int = _SENTENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_found(title: str, extraction: Any) -> None:
    from planner.cli_commands import _table

    print(f"Role: {title}")
    rows = [
        (r.name, r.skill_id, level_label(r.level), r.importance, _short(r.sentence))
        for r in extraction.requirements
    ]
    if rows:
        print(_table(["Skill", "Id", "Level", "Importance", "Found in"], rows))
    else:
        print("No skill the catalog knows was found.")
    if extraction.min_years is not None:
        print(f"Experience: at least {extraction.min_years:g} years")
    for e in extraction.education:
        fields = f" in {', '.join(e.fields)}" if e.fields else ""
        print(f"Education: {e.level}{fields} ({e.importance})")
    for c in extraction.certifications:
        print(f"Certification: {c.name} ({c.importance})")
    if extraction.unknown_terms:
        print(f"Not in the catalog: {', '.join(extraction.unknown_terms)}")


def cmd_import_role(args: argparse.Namespace) -> int:
    from planner.services import role_import

    text = role_import.read_posting(args.file)
    source = args.file.name
    if args.dry_run:
        # The shipped catalog only: a dry run must not open (or create) the database.
        from planner.catalog import builtin_catalog

        extraction = role_import.extract(text, builtin_catalog())
        title = args.title or role_import.guess_title(
            extraction, role_import.title_from_file_name(args.file)
        )
        if args.json:
            print(json.dumps({"title": title, "source": source, **extraction.to_json()}, indent=2))
        else:
            _print_found(title, extraction)
            print("Nothing was saved (--dry-run).")
        return 0

    from planner.cli_commands import _workspace

    with _workspace(args) as ws:
        extraction = role_import.extract(text, ws.catalog)
        title = args.title or role_import.guess_title(
            extraction, role_import.title_from_file_name(args.file)
        )
        role = role_import.build_role(ws, extraction, title=title, source=source)
        saved = role_import.save_imported_role(ws, role)
    if args.json:
        data = {"title": saved.title, "id": saved.id, "source": source, **extraction.to_json()}
        print(json.dumps(data, indent=2))
    else:
        _print_found(saved.title, extraction)
        print(
            f"Saved the role {saved.title!r} (id {saved.id}) with "
            f"{len(saved.requirements)} requirements. Aim for it with: planner target {saved.id}",
        )
    if extraction.unknown_terms and not args.json:
        print(
            "Tools the catalog does not know were left out; add them as your own skills in the "
            "window's import dialog.",
            file=sys.stderr,
        )
    return 0
