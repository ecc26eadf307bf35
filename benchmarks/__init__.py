"""Benchmarks of the planner: start-up, planning, the window's reactions, exports (issue 7).

Run them with ``.venv/bin/python -m benchmarks``; see ``benchmarks/run.py``.
"""
