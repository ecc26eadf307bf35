"""What a posting's wording says about one mention of a skill: level, importance, negation.

Each segment is scanned once for every cue (planner.catalog.posting_cues); a mention then
takes the cues of its own clause: the nearest one before it, else one that may close a list
after it ("Scala or Erlang is beneficial"). Clauses end at ";", dashes and "but".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from planner.catalog.posting_cues import (
    FORWARD_ONLY,
    LEVEL_AFTER,
    LEVEL_CUES,
    NEGATION_EXCEPTIONS,
    NEGATORS_AFTER,
    NEGATORS_BEFORE,
    PREFERRED_CUES,
    REQUIRED_CUES,
)
from planner.catalog.posting_tokens import Tokens
from planner.catalog.schema import Importance

CueKind = Literal["level", "preferred", "required", "negate-next", "negate-last", "neutral"]

_CLAUSE_BREAK = re.compile(r";|\s[–—]\s|\s-\s|\bbut\b|\bwhereas\b|\bhowever\b", re.IGNORECASE)
# How far (in characters) a cue reaches across a clause.
_NEGATION_REACH = 45
_LEVEL_AFTER_REACH = 25
_MODIFIER_GAP = 12  # "strong understanding of": the modifier sets the level


@dataclass(frozen=True)
class Cue:
    phrase: str
    kind: CueKind
    start: int
    end: int
    level: int = 0

    @property
    def reaches_back(self) -> bool:
        if self.kind == "level":
            return self.phrase in LEVEL_AFTER
        return self.phrase not in FORWARD_ONLY


def _words(tokens: Tokens) -> list[str]:
    # Case-folded as written (not singular): "requires" and "require" are different cues,
    # and "Master's" is not "master".
    return [w.casefold().replace("’", "'") for w in tokens.words]


@cache
def _cue_table() -> tuple[dict[tuple[str, ...], tuple[str, CueKind, int]], set[tuple[str, ...]]]:
    """Every cue by its words, and every start of a cue's words (for a longest-first walk)."""
    table: dict[tuple[str, ...], tuple[str, CueKind, int]] = {}

    def put(phrase: str, kind: CueKind, level: int = 0) -> None:
        table[tuple(_words(Tokens(phrase)))] = (phrase, kind, level)

    for phrase, level in LEVEL_CUES.items():
        put(phrase, "level", level)
    for phrase in PREFERRED_CUES:
        put(phrase, "preferred")
    for phrase in REQUIRED_CUES:
        put(phrase, "required")
    for phrase in NEGATORS_BEFORE:
        put(phrase, "negate-next")
    for phrase in NEGATORS_AFTER:
        put(phrase, "negate-last")
    for phrase in NEGATION_EXCEPTIONS:
        put(phrase, "neutral")
    prefixes = {key[:n] for key in table for n in range(1, len(key) + 1)}
    return table, prefixes


class Wording:
    """The cues of one segment, asked about each mention in it."""

    def __init__(self, text: str, tokens: Tokens | None = None) -> None:
        table, prefixes = _cue_table()
        if tokens is None:
            tokens = Tokens(text)
        words = _words(tokens)
        self.cues: list[Cue] = []
        i = 0
        while i < len(words):
            found: tuple[int, tuple[str, CueKind, int]] | None = None
            if (words[i],) not in prefixes:
                i += 1
                continue
            for n in range(1, len(words) - i + 1):
                key = tuple(words[i : i + n])
                if key not in prefixes:
                    break
                if key in table:
                    found = (n, table[key])
            if found is None:
                i += 1
                continue
            n, (phrase, kind, level) = found
            self.cues.append(Cue(phrase, kind, tokens.starts[i], tokens.ends[i + n - 1], level))
            i += n
        self._breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]

    def _same_clause(self, a: int, b: int) -> bool:
        low, high = min(a, b), max(a, b)
        return not any(low <= pos < high for pos in self._breaks)

    def _before(self, start: int, kinds: tuple[CueKind, ...]) -> list[Cue]:
        """Cues of ``kinds`` ending before ``start`` in its clause, nearest first."""
        found = [c for c in self.cues if c.kind in kinds and c.end <= start]
        return [c for c in reversed(found) if self._same_clause(c.end, start)]

    def _after(self, end: int, kinds: tuple[CueKind, ...]) -> list[Cue]:
        found = [c for c in self.cues if c.kind in kinds and c.start >= end]
        return [c for c in found if self._same_clause(end, c.start)]

    def negated(self, start: int, end: int) -> bool:
        """Whether the mention at ``start:end`` is said not to be needed."""
        before = self._before(start, ("negate-next", "neutral"))
        if before and before[0].kind == "negate-next" and start - before[0].end <= _NEGATION_REACH:
            return True
        after = self._after(end, ("negate-last",))
        return bool(after) and after[0].start - end <= _NEGATION_REACH

    def level(self, start: int, end: int) -> int | None:
        """The level the wording gives the mention, or None when it says nothing."""
        before = self._before(start, ("level",))
        if before:
            nearest = before[0]
            # "strong understanding of", "basic knowledge of": the modifier decides.
            if len(before) > 1 and nearest.start - before[1].end <= _MODIFIER_GAP:
                return before[1].level
            return nearest.level
        for cue in self._after(end, ("level",)):
            if cue.reaches_back and cue.start - end <= _LEVEL_AFTER_REACH:
                return cue.level
        return None

    def importance(self, start: int, end: int) -> Importance | None:
        """ "required" or "preferred" when the wording says so, else None."""
        kinds: tuple[CueKind, ...] = ("preferred", "required")
        before = self._before(start, kinds)
        after = [c for c in self._after(end, kinds) if c.reaches_back]
        candidates = []
        if before:
            candidates.append((start - before[0].end, before[0]))
        if after:
            candidates.append((after[0].start - end, after[0]))
        if not candidates:
            return None
        cue = min(candidates, key=lambda pair: pair[0])[1]
        return "preferred" if cue.kind == "preferred" else "required"

    def says(self, kind: CueKind) -> bool:
        return any(c.kind == kind for c in self.cues)
