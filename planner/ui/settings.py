"""The window's own settings, declared once and typed; QSettings is reached only here."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1


class UiSettings:
    """Window geometry and state, the last page, and whether the first run was completed."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings("learning-path-planner", "planner")
        if self._s.value("version", 0, type=int) != SETTINGS_VERSION:
            self._s.clear()
            self._s.setValue("version", SETTINGS_VERSION)

    @property
    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    @property
    def last_page(self) -> str:
        return str(self._s.value("window/last_page", "dashboard"))

    @last_page.setter
    def last_page(self, value: str) -> None:
        self._s.setValue("window/last_page", value)

    @property
    def first_run_done(self) -> bool:
        return bool(self._s.value("first_run/done", False, type=bool))

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self._s.setValue("first_run/done", value)

    def sync(self) -> None:
        self._s.sync()
