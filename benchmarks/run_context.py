"""What every benchmark is given: the run's options, its temporary folder, and the large
inputs, each generated once per run and shared (copied where a benchmark writes to it)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.populated_profile import PopulatedProfile, populate
from benchmarks.synthetic_catalog import CatalogSize, synthetic_catalog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from planner.catalog import Catalog


@dataclass
class RunContext:
    root: Path  # this run's temporary folder
    quick: bool = False
    today: date = field(default_factory=date.today)
    qt_platform: str = "offscreen"
    log: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)
    _cache: dict[str, Any] = field(default_factory=dict)

    def repeats(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    def folder(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def populated_profile(self) -> PopulatedProfile:
        """The two-year profile (150 skills, 3 plans), written once per run."""
        if "populated" not in self._cache:
            self.log("  generating the populated profile…")
            self._cache["populated"] = populate(self.root / "populated", today=self.today)
        result: PopulatedProfile = self._cache["populated"]
        return result

    def populated_copy(self, name: str) -> Path:
        """A data folder of its own holding a copy of the populated profile's database."""
        source = self.populated_profile().folder
        target = self.root / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target)
        return target

    def synthetic(self, size: CatalogSize) -> Catalog:
        key = f"catalog-{size}"
        if key not in self._cache:
            self.log(f"  generating a synthetic catalog of {size.skills:,} skills…")
            self._cache[key] = synthetic_catalog(size)
        catalog: Catalog = self._cache[key]
        return catalog

    def forget(self, size: CatalogSize) -> None:
        self._cache.pop(f"catalog-{size}", None)

    def qt_app(self) -> QApplication:
        """The process's QApplication (on the run's Qt platform), created on first use."""
        os.environ.setdefault("QT_QPA_PLATFORM", self.qt_platform)
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is None:
            app = QApplication(["planner-benchmarks"])
        assert isinstance(app, QApplication)
        return app
