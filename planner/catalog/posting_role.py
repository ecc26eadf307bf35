"""Turns what was found in a posting into a custom role (planner.catalog.schema.Role)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from planner.catalog.posting_cues import SENIORITY_WORDS
from planner.catalog.posting_text import Segment
from planner.catalog.posting_wording import Wording
from planner.catalog.schema import Role, Seniority
from planner.catalog.validation import InvalidEntry, validate
from planner.errors import InvalidInputError

if TYPE_CHECKING:
    from planner.catalog.posting import Extraction

CUSTOM_FAMILY = "custom"
_MAX_TEXT = 300  # a summary, note or responsibility longer than this is cut at a word
_MAX_RESPONSIBILITIES = 8
_MIN_SUMMARY_WORDS = 6
_RESPONSIBILITY_HEADING = re.compile(
    r"responsibilit|duties|what you.{0,5}(?:do|work on)|day[- ]to[- ]day|the role|your role",
    re.IGNORECASE,
)
# Sentences that start like a task ("Design ...", "Collaborate with ...").
_TASK_VERB = re.compile(
    r"^(?:design|develop|build|implement|collaborate|monitor|evaluate|manage|maintain|document|"
    r"ensure|own|drive|support|mentor|write|deploy|optimi[sz]e|analy[sz]e|review|coordinate|"
    r"conduct|define|establish|automate|identify|lead|create|oversee|partner|plan|deliver|"
    r"improve|operate|run|test|troubleshoot|work)\w*\b",
    re.IGNORECASE,
)
_YEARS_OR_DEGREE = re.compile(r"\byears?\b|\bdegree\b|\bbachelor|\bmaster['’]s", re.IGNORECASE)


def _cut(text: str, limit: int = _MAX_TEXT) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def guess_seniority(title: str, segments: tuple[Segment, ...], years: float | None) -> Seniority:
    """From the title's words, else the opening sentences, else the years asked for."""
    for text in (title, " ".join(s.text for s in segments[:3])):
        words = set(re.findall(r"[a-z]+", text.casefold()))
        folded = f" {' '.join(text.casefold().split())} "
        for seniority, markers in SENIORITY_WORDS:
            if any((m in words) if " " not in m else (f" {m} " in folded) for m in markers):
                return seniority  # type: ignore[return-value]
    if years is not None:
        if years >= 7:
            return "senior"
        if years <= 1:
            return "entry"
    return "mid"


def _summary(segments: tuple[Segment, ...], title: str) -> str:
    """The posting's first real sentence, with the next one of its paragraph if short."""
    for position, segment in enumerate(segments):
        if segment.is_heading or len(segment.text.split()) < _MIN_SUMMARY_WORDS:
            continue
        summary = segment.text
        following = segments[position + 1] if position + 1 < len(segments) else None
        if following and not following.is_heading and len(summary) < _MAX_TEXT // 2:
            summary = f"{summary} {following.text}"
        return _cut(summary)
    return f"{title}: a role imported from a job posting."


def _is_requirement(text: str) -> bool:
    wording = Wording(text)
    return bool(_YEARS_OR_DEGREE.search(text)) or any(
        c.kind in ("level", "required", "preferred") for c in wording.cues
    )


def _responsibilities(segments: tuple[Segment, ...], title: str) -> tuple[str, ...]:
    """Task sentences of the posting that are not themselves requirements."""
    under_heading: list[str] = []
    tasks: list[str] = []
    in_section = False
    for segment in segments:
        if segment.is_heading:
            in_section = bool(_RESPONSIBILITY_HEADING.search(segment.text))
            continue
        text = _cut(segment.text.rstrip(":"))
        if segment.off_topic or len(text.split()) < 3 or _is_requirement(text):
            continue
        if in_section:
            under_heading.append(text)
        elif _TASK_VERB.match(text):
            tasks.append(text)
    chosen = list(dict.fromkeys(under_heading or tasks))[:_MAX_RESPONSIBILITIES]
    return tuple(chosen) or (f"Do the work of a {title} as the posting describes it",)


def build_role(extraction: Extraction, *, title: str, role_id: str, source: str) -> Role:
    """A valid custom role from ``extraction``; InvalidInputError says what is missing."""
    title = " ".join(title.split())
    if not title:
        raise InvalidInputError("The role needs a title; give one before saving.")
    if not extraction.requirements:
        raise InvalidInputError(
            f"No skill the catalog knows was found for {title!r}; add at least one skill "
            "before saving the role."
        )
    requirements = [
        {
            "any_of": (r.skill_id,),
            "level": r.level,
            "importance": r.importance,
            "note": _cut(r.sentence),
        }
        for r in extraction.requirements
    ]
    try:
        # Validated as a catalog file's role is: the posting's text may break any rule.
        return validate(
            Role,
            {
                "id": role_id,
                "title": title,
                "family": CUSTOM_FAMILY,
                "seniority": guess_seniority(title, extraction.segments, extraction.min_years),
                "summary": _summary(extraction.segments, title),
                "responsibilities": _responsibilities(extraction.segments, title),
                "requirements": requirements,
                "certifications": [
                    {"any_of": (c.certification_id,), "importance": c.importance}
                    for c in extraction.certifications
                ],
                "education": [
                    {"level": e.level, "fields": e.fields, "importance": e.importance}
                    for e in extraction.education
                ],
                "min_years_experience": extraction.min_years or 0,
                "experience_note": _cut(extraction.years_sentence),
                "sources": (source or "job posting",),
            },
        )
    except InvalidEntry as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.loc) or 'role'}: {e.msg}" for e in exc.errors
        )
        raise InvalidInputError(f"The role {title!r} cannot be built: {problems}.") from None
