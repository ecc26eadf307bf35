"""A completer over catalog names and aliases: contains-match, case-insensitive, and
choosing an alias puts the entry's own name in the line edit."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QCompleter, QWidget

Index = QModelIndex | QPersistentModelIndex

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class NameListModel(QAbstractListModel):
    """One row per name or alias. The edit role (what is matched) is the name or alias;
    the display role says which entry an alias belongs to ("k8s — Kubernetes")."""

    def __init__(self, entries: Iterable[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        seen: dict[str, tuple[str, str]] = {}
        for text, name in entries:
            seen.setdefault(text.casefold(), (text, name))
        self._rows = sorted(seen.values(), key=lambda r: (r[0].casefold(), r[1]))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        text, name = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text if text == name else f"{text} — {name}"
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role == NAME_ROLE:
            return name
        return None


class CatalogCompleter(QCompleter):
    """Completes catalog names: typing "k8s" offers "k8s — Kubernetes", and choosing it
    writes "Kubernetes"."""

    def __init__(self, entries: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(NameListModel(entries, self))
        self.setCompletionRole(Qt.ItemDataRole.EditRole)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def pathFromIndex(self, index: Index) -> str:
        name = index.data(NAME_ROLE)
        return str(name) if name else super().pathFromIndex(index)
