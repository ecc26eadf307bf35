"""`python -m planner.catalog [FOLDER]`: validate a catalog folder and print what it holds."""

from __future__ import annotations

import sys
from pathlib import Path

from planner.catalog.loader import load_catalog
from planner.errors import CatalogError
from planner.resources import resource_path


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else resource_path("catalog")
    try:
        catalog = load_catalog(root)
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"{root}: {len(catalog.skills)} skills, {len(catalog.certifications)} certifications, "
        f"{len(catalog.roles)} roles — valid."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
