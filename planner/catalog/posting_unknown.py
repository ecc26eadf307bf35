"""Tool-like names in a posting that the catalog does not know, offered as new custom skills.

Conservative on purpose: a name is only taken from a list the posting introduces as tools
or skills ("experience with X, Y and Z", "such as X or Y", "(e.g. X, Y)"), must be written
like a product (capitalised, CamelCase or an acronym), and must not be, or nearly be, a
catalog name. Prose, headings and company names in passing are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from planner.catalog.catalog import Catalog
from planner.catalog.posting_cues import COMMON_CAPITALISED
from planner.catalog.posting_match import TermMatcher, matcher_for
from planner.catalog.posting_text import Segment, mask_links
from planner.catalog.posting_tokens import Tokens

# Words that open a list of tools; the list runs to the end of its clause or bracket.
_LIST_OPENER = re.compile(
    r"\b(?:such as|e\.g\.?,?|for example|including|like|experience (?:with|in)|"
    r"knowledge of|proficiency (?:with|in)|proficient (?:with|in)|familiarity with|"
    r"familiar with|exposure to|expertise in|tools?:|stack:)\s*",
    re.IGNORECASE,
)
_LIST_END = re.compile(r"\.(?=\s|$)|[;:!?)\]]|\s[–—-]\s|\bto\b|\bthat\b|\bwhich\b|\bfor\b")
# "/" does not split: "CI/CD" is one name, and "Airflow/Dagster" is skipped as known.
_ITEM_SPLIT = re.compile(r",|\(|\s+(?:and|or|&|plus)\s+|\s+etc\b")
# Items that are qualifications, not tools.
_QUALIFICATION = re.compile(r"certif|credential|degree|diploma|licen[cs]e", re.IGNORECASE)
_PRODUCT_WORD = re.compile(
    r"^(?:[A-Z][\w.+#-]*|[a-z]+[A-Z][\w.+#-]*|\d[\w.+#-]*[A-Za-z][\w.+#-]*)$"
)
_KNOWN = "\x00"  # stands in for a catalog name inside a list
# One capitalised word with an ordinary English ending is a word, not a product ("Presenting").
_ENGLISH_ENDING = re.compile(r"^[A-Z][a-z]+(?:ing|ment|tion|sion|ness|ity|ance|ence|ship)$")
_MAX_ITEM_WORDS = 3
_MAX_LIST_CHARS = 160
_MAX_TERMS = 20


def _list_items(text: str, matcher: TermMatcher) -> Iterable[str]:
    for opener in _LIST_OPENER.finditer(text):
        rest = text[opener.end() : opener.end() + _MAX_LIST_CHARS]
        end = _LIST_END.search(rest)
        region = rest[: end.start()] if end else rest
        # Known names are marked first, whole: "Integration and Middleware" is one name, and
        # an item holding one ("Lead Machine Learning Engineer") is not a new tool.
        for match in reversed(matcher.find(Tokens(region))):
            region = f"{region[: match.start]}{_KNOWN}{region[match.end :]}"
        for item in _ITEM_SPLIT.split(region):
            if _KNOWN in item:
                continue
            item = item.strip(" \"'`*")
            if item:
                yield item


def _looks_like_product(item: str) -> bool:
    words = item.split()
    if not 1 <= len(words) <= _MAX_ITEM_WORDS:
        return False
    if words[0].casefold().strip(".") in COMMON_CAPITALISED or _QUALIFICATION.search(item):
        return False
    if len(words) == 1 and _ENGLISH_ENDING.match(item):
        return False
    return all(_PRODUCT_WORD.match(w) for w in words) and any(c.isalpha() for c in item)


def find_unknown_terms(segments: Iterable[Segment], catalog: Catalog) -> tuple[str, ...]:
    """Names in tool lists that the catalog does not know, in the order first seen."""
    matcher = matcher_for(catalog)
    found: dict[str, str] = {}  # case-folded -> as first written
    for segment in segments:
        if segment.off_topic:
            continue
        for item in _list_items(mask_links(segment.text), matcher):
            key = item.casefold()
            if key in found or not _looks_like_product(item) or matcher.is_known(item):
                continue
            found[key] = item
            if len(found) >= _MAX_TERMS:
                return tuple(found.values())
    return tuple(found.values())
