"""Catalog and user text on the Qt surfaces that would otherwise read it as markup or shortcuts.

One helper per kind of surface; a name like "<b>R&D</b>" must show as typed on each:
- labels: set to ``Qt.TextFormat.PlainText`` where they are made (``QLabel`` guesses otherwise);
- labels that are rich text on purpose: ``html.escape`` every piece of outside text;
- tooltips: ``plain_tooltip``. Qt guesses rich text from the tooltip itself and has no switch
  to turn that off, so the text is escaped and wrapped as one paragraph;
- button, tab, group-box and menu captions, and labels with a buddy: ``plain_caption``, since
  ``&`` there marks a keyboard shortcut.
"""

from __future__ import annotations

from PySide6 import QtGui


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally, line breaks kept ("" stays "": none)."""
    if not text:
        return ""
    return QtGui.Qt.convertFromPlainText(text, QtGui.Qt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_caption(text: str) -> str:
    """``text`` as a caption whose ``&`` signs show, instead of marking a shortcut."""
    return text.replace("&", "&&")
