"""The `posting_extract` figure runs end to end and reports the cold first call apart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not present")
def test_posting_extract_figure(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    command = ["-m", "benchmarks", "--quick", "--only", "posting_extract", "--output", str(output)]
    done = subprocess.run(
        [sys.executable, *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # 0 or 1: whether the target is met on this machine is not this test's business.
    assert done.returncode in (0, 1), done.stderr
    assert "posting_extract" in done.stdout and "median < 50 ms" in done.stdout
    [figure] = json.loads(output.read_text())["figures"]
    longest = max(SEEDS.glob("*.txt"), key=lambda p: len(p.read_text(encoding="utf-8")))
    details = figure["details"]
    assert details["seed"] == longest.name
    assert details["characters"] == len(longest.read_text(encoding="utf-8"))
    assert details["skills_found"] > 0
    assert details["first_call_ms"] > 0  # measured in a fresh process, not in the samples
    assert figure["n"] == len(figure["samples"]) >= 3
    assert figure["passed"] == (figure["median"] < 50)
