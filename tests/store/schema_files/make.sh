#!/usr/bin/env bash
# Makes tests/store/schema_files/schema-<revision>.sqlite3 with the planner of a released
# schema version, through its command line (the interface every version keeps):
#   git worktree add /tmp/planner-old <commit> && PYTHON=.venv/bin/python \
#     bash tests/store/schema_files/make.sh /tmp/planner-old <revision>
# The files are committed; test_schema_files.py opens each with today's code.
set -euo pipefail
source_tree=$1 revision=$2
out="$(cd "$(dirname "$0")" && pwd)/schema-$revision.sqlite3"
folder=$(mktemp -d)
python=${PYTHON:-$(command -v python3)}
python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")"  # absolute, not resolved
# From inside the old tree: `python -m` puts the current folder first on the import path.
run() { (cd "$source_tree" && "$python" -m planner.cli --data-dir "$folder" "$@" >/dev/null; ) }
run profile --name "Ada <b>Lovelace</b>" --years 4 --education bachelor --hours-per-week 8
run skill set python 3
run skill set sql 2
run skill set python 4
run skill set k8s 1
run cert add cka --earned 2025-06-01 --credential "LF-123"
run cert add aws-solutions-architect-associate --planned
run target big-data-engineer
run plan --start 2026-01-05
run step done 1
run step start 2
run step skip 3
run step note 2 "Reading chapter 4 — with \"quotes\" & <tags>"
# From 0003 on: values no command sets (the window does), written through that version's own
# services: the number of backups to keep (0003) and a resource of the person's own (0002).
if [[ "$revision" > "0002" ]]; then
  (cd "$source_tree" && "$python" - "$folder" <<'PY'
import sys
from pathlib import Path
from planner.services.backups import set_backups_to_keep
from planner.services.plans import current_plan
from planner.services.resources import add_step_resource
from planner.services.workspace import Workspace
with Workspace(Path(sys.argv[1])) as ws:
    set_backups_to_keep(ws, 7)
    key = current_plan(ws).plan.steps[0].key
    add_step_resource(ws, step_key=key, title="Notes <b>&</b> links", link="file:///etc/passwd")
PY
  )
fi
# From 0004 on: a role of the person's own.
if [[ "$revision" > "0003" ]]; then
  run custom duplicate cloud-architect --title "My <i>cloud</i> role"
fi
# Through the backup API: a consistent file even if a WAL were left beside it.
"$python" -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))" "$folder/planner.sqlite3" "$out"
rm -rf "$folder"
echo "wrote $out"
