"""Reads a job posting and finds what it asks for, in the catalog's terms.

``extract_requirements(text, catalog)`` is pure: no Qt, no database, no network. It finds
catalog skills by name, alias, plural, version or near form; the level and importance the
wording implies; skills said not to be needed (left out); minimum years, degrees and
certifications; and tool-like names the catalog does not know. ``Extraction.to_role`` turns
the result into a role a person can review and save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.catalog.catalog import Catalog
from planner.catalog.posting_cues import MODIFIER_SUFFIXES
from planner.catalog.posting_facts import EducationFound, find_education, find_min_years
from planner.catalog.posting_match import (
    TermKind,
    TermMatch,
    matcher_for,
    names_a_job,
    pattern_hints,
)
from planner.catalog.posting_text import Segment, mask_links, split_segments
from planner.catalog.posting_tokens import Tokens
from planner.catalog.posting_unknown import find_unknown_terms
from planner.catalog.posting_wording import Wording
from planner.catalog.schema import Importance, Role

# With no wording to go by, a required skill is asked for at Working level and a preferred
# one at Beginner: "nice to have" rarely means "independently".
DEFAULT_LEVEL: dict[str, int] = {"required": 3, "preferred": 2}


@dataclass(frozen=True)
class FoundRequirement:
    """A catalog skill the posting asks for."""

    skill_id: str
    name: str
    level: int
    importance: Importance
    sentence: str  # the sentence it was found in (the one that set its level)
    written: str  # how the posting wrote it: "k8s", "PySpark"


@dataclass(frozen=True)
class FoundCertification:
    certification_id: str
    name: str
    importance: Importance
    sentence: str


@dataclass(frozen=True)
class Mention:
    """One place a skill or certification is named, with what its wording says."""

    kind: TermKind
    target: str
    match: TermMatch
    segment: Segment
    level: int | None
    importance: Importance | None


@dataclass(frozen=True)
class Extraction:
    """Everything found in one posting."""

    requirements: tuple[FoundRequirement, ...]
    certifications: tuple[FoundCertification, ...] = ()
    education: tuple[EducationFound, ...] = ()
    min_years: float | None = None
    years_sentence: str = ""
    unknown_terms: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = field(default=(), repr=False)

    @property
    def skill_ids(self) -> frozenset[str]:
        return frozenset(r.skill_id for r in self.requirements)

    def to_role(self, title: str, role_id: str, source: str) -> Role:
        """A valid custom role built from what was found (see planner.catalog.posting_role)."""
        from planner.catalog.posting_role import build_role

        return build_role(self, title=title, role_id=role_id, source=source)

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``planner import-role --json``."""
        return {
            "requirements": [
                {
                    "id": r.skill_id,
                    "name": r.name,
                    "level": r.level,
                    "importance": r.importance,
                    "written": r.written,
                    "sentence": r.sentence,
                }
                for r in self.requirements
            ],
            "min_years_experience": self.min_years,
            "education": [
                {
                    "level": e.level,
                    "fields": list(e.fields),
                    "importance": e.importance,
                    "sentence": e.sentence,
                }
                for e in self.education
            ],
            "certifications": [
                {
                    "id": c.certification_id,
                    "name": c.name,
                    "importance": c.importance,
                    "sentence": c.sentence,
                }
                for c in self.certifications
            ],
            "unknown_terms": list(self.unknown_terms),
        }


def _section_importance(segment: Segment, current: Importance | None) -> Importance | None:
    """A heading such as "Nice to have" or "Requirements" sets the default for what follows."""
    if not segment.is_heading:
        return current
    wording = Wording(segment.text)
    if wording.says("preferred"):
        return "preferred"
    if wording.says("required") or "requirement" in segment.text.casefold():
        return "required"
    return None


def _mentions(segments: list[Segment], catalog: Catalog) -> list[Mention]:
    matcher = matcher_for(catalog)
    mentions: list[Mention] = []
    section: Importance | None = None
    for segment in segments:
        section = _section_importance(segment, section)
        if segment.off_topic:
            continue
        text = mask_links(segment.text)
        tokens = Tokens(text)
        matches = matcher.find(tokens) + pattern_hints(text, tokens, catalog)
        if not matches:
            continue
        wording = Wording(text, tokens)
        for match in matches:
            if (
                match.term.kind == "none"
                or names_a_job(tokens, match, catalog)
                or wording.negated(match.start, match.end)
            ):
                continue
            if text[match.end :].casefold().startswith(MODIFIER_SUFFIXES):
                continue
            # A heading's own words set what follows it, not the heading itself.
            default = None if segment.is_heading else section
            importance = wording.importance(match.start, match.end) or default
            level = wording.level(match.start, match.end)
            term = match.term
            for target in (term.target, *matcher.implied_by(term)):
                mentions.append(Mention(term.kind, target, match, segment, level, importance))
    return mentions


def _combine_skill(skill_id: str, mentions: list[Mention], catalog: Catalog) -> FoundRequirement:
    """One requirement from every mention of a skill: an explicit word beats a default."""
    stated = {m.importance for m in mentions if m.importance}
    importance: Importance = "preferred" if stated == {"preferred"} else "required"
    levelled = [m for m in mentions if m.level is not None]
    # The mention asking the most sets the level and is the one shown as the source.
    best = max(levelled, key=lambda m: m.level or 0) if levelled else mentions[0]
    level = best.level if best.level is not None else DEFAULT_LEVEL[importance]
    return FoundRequirement(
        skill_id=skill_id,
        name=catalog.skills[skill_id].name,
        level=level,
        importance=importance,
        sentence=best.segment.text,
        written=best.segment.text[best.match.start : best.match.end],
    )


def _combine_certification(
    cert_id: str, mentions: list[Mention], catalog: Catalog
) -> FoundCertification:
    # A certification is a bonus unless the posting says it is required.
    required = any(m.importance == "required" for m in mentions)
    return FoundCertification(
        certification_id=cert_id,
        name=catalog.certifications[cert_id].name,
        importance="required" if required else "preferred",
        sentence=mentions[0].segment.text,
    )


def extract_requirements(text: str, catalog: Catalog) -> Extraction:
    """What ``text`` (a job posting) asks for, in terms of ``catalog``."""
    segments = split_segments(text)
    mentions = _mentions(segments, catalog)
    by_skill: dict[str, list[Mention]] = {}
    by_cert: dict[str, list[Mention]] = {}
    for mention in mentions:
        group = by_skill if mention.kind == "skill" else by_cert
        group.setdefault(mention.target, []).append(mention)
    years, years_sentence = find_min_years(segments)
    return Extraction(
        requirements=tuple(_combine_skill(k, v, catalog) for k, v in by_skill.items()),
        certifications=tuple(_combine_certification(k, v, catalog) for k, v in by_cert.items()),
        education=find_education(segments),
        min_years=years,
        years_sentence=years_sentence,
        unknown_terms=find_unknown_terms(segments, catalog),
        segments=tuple(segments),
    )
