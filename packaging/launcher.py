"""The bundle's entry point: the same `planner` command as the installed package's script."""

from planner.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
