"""The facts of a posting besides skills: minimum years of experience and degrees asked for."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from planner.catalog.posting_text import Segment
from planner.catalog.posting_wording import Wording
from planner.catalog.schema import EDUCATION_ORDER, MAX_YEARS, EducationLevel, Importance

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUMBER = r"(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
# "5+ years of experience", "at least three years' professional experience",
# "3-5 years in data engineering", "experience: 4+ years".
_YEARS = re.compile(
    rf"{_NUMBER}\s*(?:\+|or more|plus)?(?:\s*(?:-|–|to)\s*\d{{1,2}})?\s*\+?\s*"
    rf"(?:years?|yrs?)['’]?(?:\s+of)?((?:\s+[\w-]+){{0,5}}?)\s+(?:experience|working|in\b)",
    re.IGNORECASE,
)
_YEARS_AFTER = re.compile(
    rf"experience\W{{1,3}}(?:of\s+)?(?:at least\s+)?{_NUMBER}\s*\+?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)
# Figures in pay or market passages are not requirements ("Senior (5+ years): $300,000").
_NOT_A_REQUIREMENT = re.compile(r"[$€£]|\bsalar|\bcompensation\b|\bby 20\d\d\b", re.IGNORECASE)

_DEGREES: tuple[tuple[EducationLevel, re.Pattern[str]], ...] = (
    (
        "phd",
        re.compile(r"\bph\.?\s?d\b\.?|\bdoctora(?:te|l)\b", re.IGNORECASE),
    ),
    (
        "master",
        re.compile(
            r"(?i:\bmasters?\b(?=\s+(?:degree|in\b|of\b))|\bmaster['’]s\b|\bgraduate degree)"
            r"|\bM\.?Sc\b\.?|\bM\.S\.|\bMS\b(?=\s*(?:/|degree|in\b))|\bMBA\b",
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"\bbachelor['’]?s?\b|\bB\.?Sc\b\.?|\bB\.S\.|\bBS\b(?=\s*(?:/|degree|in\b))"
            r"|\bundergraduate degree|\bfour-year degree",
            re.IGNORECASE,
        ),
    ),
    ("associate", re.compile(r"\bassociate['’]?s?\s+degree", re.IGNORECASE)),
)
# A cheap first look: most segments name no degree at all.
_ANY_DEGREE = re.compile(r"bachelor|master|ph\.?\s?d|doctora|degree|\b[BM]\.?S|MBA", re.IGNORECASE)
_FIELDS = re.compile(
    r"\b(?:degree|B\.?Sc?|M\.?Sc?|Ph\.?D\.?)\s+(?:in|of)\s+(.+?)"
    r"(?=\s*(?:,?\s*or\s+(?:a\s+)?(?:related|similar|equivalent|relevant)|\(|[.;:]|$|\s+is\b"
    r"|\s+(?:required|preferred|often|with|and\s+\d)))",
    re.IGNORECASE,
)
_FIELD_SPLIT = re.compile(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+(?=[A-Z])")
_MAX_FIELDS = 6
_MAX_FIELD_CHARS = 40
_VAGUE_FIELD = re.compile(r"\b(?:related|relevant|similar|equivalent|discipline|field)s?\b", re.I)


@dataclass(frozen=True)
class EducationFound:
    level: EducationLevel
    fields: tuple[str, ...]
    importance: Importance
    sentence: str


def _number(text: str) -> float:
    word = text.casefold()
    return float(_NUMBER_WORDS.get(word, 0) or float(word))


def find_min_years(segments: Iterable[Segment]) -> tuple[float | None, str]:
    """The smallest number of years of experience the posting asks for, and its sentence."""
    best: tuple[float, str] | None = None
    for segment in segments:
        folded = segment.text.casefold()
        if ("year" not in folded and "yr" not in folded) or _NOT_A_REQUIREMENT.search(folded):
            continue
        for pattern in (_YEARS, _YEARS_AFTER):
            for match in pattern.finditer(segment.text):
                if Wording(segment.text).negated(match.start(), match.end()):
                    continue
                years = _number(match.group(1))
                if 0 < years <= MAX_YEARS and (best is None or years < best[0]):
                    best = (years, segment.text)
    return (best[0], best[1]) if best else (None, "")


def _fields(sentence: str, start: int) -> tuple[str, ...]:
    """The fields named after the degree at ``start``, up to the end of its clause."""
    clause_end = sentence.find(";", start)
    clause = sentence[start : clause_end if clause_end >= 0 else len(sentence)]
    match = _FIELDS.search(clause)
    if not match:
        return ()
    fields = []
    for part in _FIELD_SPLIT.split(match.group(1)):
        part = part.strip(" ,")
        # "a relevant field such as statistics": the examples are the fields.
        part = re.split(r"\bsuch as\b|\blike\b", part)[-1].strip()
        part = re.sub(r"^(?:an?|the)\s+", "", part, flags=re.IGNORECASE)
        if not part or len(part) > _MAX_FIELD_CHARS or _VAGUE_FIELD.search(part):
            continue
        words = part.split()
        name = " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words)
        if name not in fields:
            fields.append(name)
    return tuple(fields[:_MAX_FIELDS])


def find_education(segments: Iterable[Segment]) -> tuple[EducationFound, ...]:
    """Each degree level named, lowest first, with its fields and importance.

    What the wording says wins; unsaid, the lowest degree named is required and any higher
    one preferred ("Bachelor's in CS; Master's or PhD a plus").
    """
    stated: dict[EducationLevel, tuple[Importance | None, tuple[str, ...], str]] = {}
    for segment in segments:
        text = segment.text
        if not _ANY_DEGREE.search(text):
            continue
        wording: Wording | None = None
        for level, pattern in _DEGREES:
            match = pattern.search(text)
            if match is None:
                continue
            wording = wording or Wording(text)
            if wording.negated(match.start(), match.end()):
                continue
            importance = wording.importance(match.start(), match.end())
            fields = _fields(text, match.start())
            if level in stated:
                before, old_fields, sentence = stated[level]
                fields = tuple(dict.fromkeys((*old_fields, *fields)))[:_MAX_FIELDS]
                if before == "required" or (before == "preferred" and importance is None):
                    importance = before
                stated[level] = (importance, fields, sentence)
            else:
                stated[level] = (importance, fields, text)
    if not stated:
        return ()
    lowest = min(stated, key=EDUCATION_ORDER.__getitem__)
    found = [
        EducationFound(
            level,
            fields,
            importance or ("required" if level == lowest else "preferred"),
            sentence,
        )
        for level, (importance, fields, sentence) in stated.items()
    ]
    return tuple(sorted(found, key=lambda e: EDUCATION_ORDER[e.level]))
