"""Words of a posting, and the one normalisation that text and catalog names both go through.

Case-folded, possessive dropped, a rough singular, hyphen = space: "Data-Pipelines",
"data pipeline" and "Data pipelines'" all become ("data", "pipeline").
"""

from __future__ import annotations

import re
from functools import lru_cache

from planner.catalog.posting_cues import SOFT_SKILL_SUFFIXES

# A word, a product name with inner dots or pluses (Node.js, C++, tf.keras), or a joiner
# that is part of some names ("CI/CD", "Weights & Biases").
_TOKEN = re.compile(r"[\w+#]+(?:[.'’][\w+#]+)*|[/&]")
_MIN_STEM = 5  # a soft skill's stem keeps at least this many letters ("mentor")


class Tokens:
    """The words of one piece of text, as parallel lists (a long posting makes thousands)."""

    __slots__ = ("ends", "norms", "starts", "words")

    def __init__(self, text: str) -> None:
        found = list(_TOKEN.finditer(text))
        self.words = [m.group() for m in found]  # as written
        self.norms = [normalise(w) for w in self.words]
        self.starts = [m.start() for m in found]  # character offsets in the text
        self.ends = [m.end() for m in found]

    def __len__(self) -> int:
        return len(self.words)

    def written(self, first: int, last: int) -> str:
        return " ".join(self.words[first:last])


def singular(word: str) -> str:
    """A rough singular, applied alike to text and names so the two meet."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=16384)
def normalise(word: str) -> str:
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return singular(word)


@lru_cache(maxsize=8192)
def soft_stem(word: str) -> str:
    """``word`` without the endings that turn a soft skill into a verb or adjective:
    "collaborate", "collaborative" and "collaboration" share "collabor"."""
    for suffix in SOFT_SKILL_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def ization_forms(word: str) -> tuple[str, ...]:
    """ "containerization" is also written "containerize", "containerized", "containerising"."""
    for ending in ("ization", "isation"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            base = word[: -len(ending)]
            return tuple(base + e for e in ("ize", "ise", "ized", "ised", "izing", "ising"))
    return ()
