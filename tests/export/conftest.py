"""Fixtures of the export tests: the shipped catalog and a beginner's plan report."""

from __future__ import annotations

import os

import pytest

# Before anything imports Qt (tests/conftest.py does the same; this keeps the folder whole).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from planner.catalog import Catalog, builtin_catalog
from planner.export.report import PlanReport

from .sample import MARKUP_NOTE, make_report


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return builtin_catalog()


@pytest.fixture
def report(catalog: Catalog) -> PlanReport:
    return make_report(catalog, notes={2: MARKUP_NOTE})
