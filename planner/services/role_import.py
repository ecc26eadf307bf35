"""Bring a job posting in as a custom role: read the file, extract, build, save.

The command line (`planner import-role`) and the review dialog both go through here. The
extraction itself is pure (planner.catalog.posting); saving goes through
planner.services.custom_roles, one transaction per role or skill.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from planner.catalog.catalog import Catalog
from planner.catalog.posting import Extraction, FoundRequirement, extract_requirements
from planner.catalog.schema import Importance, Resource, Role, Skill
from planner.errors import InvalidInputError
from planner.services.workspace import Workspace

MAX_POSTING_BYTES = 1024 * 1024  # a posting is a few kB; a bigger file is something else
POSTING_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_MAX_TITLE_WORDS = 10
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Typical hours to climb each level of a skill the person adds from a posting: a middling
# tool (the catalog's own tools take 10-120 hours a level); they can be changed later.
_NEW_SKILL_HOURS = (8, 16, 30, 60, 120)
_NEW_SKILL_CATEGORY = "software-engineering"


def read_posting(path: Path) -> str:
    """The text of a posting file; InvalidInputError names the file and what to do."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInputError(f"{path} is not a file; give the path of a .txt or .md file.")
        if info.st_size > MAX_POSTING_BYTES:
            raise InvalidInputError(
                f"{path} is larger than 1 MB, far more than a job posting; save just the "
                "posting's text to a file and import that."
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_POSTING_BYTES + 1)
    except FileNotFoundError:
        raise InvalidInputError(f"{path} does not exist; check the file name.") from None
    except PermissionError:
        raise InvalidInputError(f"{path} cannot be read: permission denied.") from None
    except OSError as exc:
        raise InvalidInputError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    return decode_posting(data, str(path))


def decode_posting(data: bytes, name: str) -> str:
    """``data`` as text (UTF-8, or UTF-16 with a byte-order mark), or a clear refusal."""
    if len(data) > MAX_POSTING_BYTES:
        raise InvalidInputError(f"{name} is larger than 1 MB, far more than a job posting.")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        raise InvalidInputError(
            f"{name} is not a text file (it holds binary data); save the posting as .txt or .md."
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{name} is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8."
        ) from None
    if not text.strip():
        raise InvalidInputError(f"{name} is empty; put the posting's text in it.")
    if "\x00" in text:
        raise InvalidInputError(f"{name} is not a text file (it holds binary data).")
    return text


def extract(text: str, catalog: Catalog) -> Extraction:
    """What the posting asks for, in terms of ``catalog`` (custom skills included)."""
    return extract_requirements(text, catalog)


def guess_title(extraction: Extraction, fallback: str) -> str:
    """The posting's first heading when it reads like a job title, else ``fallback``."""
    for segment in extraction.segments[:3]:
        words = segment.text.rstrip(":").split()
        if segment.is_heading and 1 <= len(words) <= _MAX_TITLE_WORDS:
            return " ".join(words)
    return fallback


def title_from_file_name(path: Path) -> str:
    """ "senior_data-engineer.md" -> "Senior Data Engineer"."""
    words = re.split(r"[\s_\-.]+", path.stem)
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or "Imported role"


@dataclass(frozen=True)
class RequirementChoice:
    """One row the person kept (and perhaps changed) in the review."""

    skill_id: str
    level: int
    importance: Importance


def build_role(
    ws: Workspace,
    extraction: Extraction,
    *,
    title: str,
    source: str,
    choices: Iterable[RequirementChoice] | None = None,
) -> Role:
    """The role to save: the extraction's, with the person's choices of rows if given."""
    from planner.services.custom_roles import new_role_id

    if choices is not None:
        catalog = ws.catalog
        sentences = {r.skill_id: r.sentence for r in extraction.requirements}
        rows = []
        for choice in choices:
            if choice.skill_id not in catalog.skills:
                raise InvalidInputError(f"Unknown skill {choice.skill_id!r}; add it first.")
            rows.append(
                FoundRequirement(
                    skill_id=choice.skill_id,
                    name=catalog.skills[choice.skill_id].name,
                    level=choice.level,
                    importance=choice.importance,
                    sentence=sentences.get(choice.skill_id, "Added in the review"),
                    written=catalog.skills[choice.skill_id].name,
                )
            )
        unique = {r.skill_id: r for r in rows}  # one requirement per skill
        extraction = replace(extraction, requirements=tuple(unique.values()))
    return extraction.to_role(title, new_role_id(ws, title), source)


def save_imported_role(ws: Workspace, role: Role) -> Role:
    """Store the role among the person's own (through custom_roles.save_role)."""
    from planner.services.custom_roles import save_role

    return save_role(ws, role)


def new_custom_skill(ws: Workspace, name: str, sentence: str = "") -> Skill:
    """A custom skill for a tool the catalog does not know, with middling hours and a
    generic checklist the person can refine later; saved through custom_roles.save_skill."""
    from planner.services.custom_roles import new_skill_id, save_skill

    name = " ".join(name.split())
    if not name:
        raise InvalidInputError("A new skill needs a name.")
    categories = ws.catalog.categories
    category = _NEW_SKILL_CATEGORY if _NEW_SKILL_CATEGORY in categories else next(iter(categories))
    where = f" The posting says: {sentence}" if sentence else ""
    skill = Skill(
        id=new_skill_id(ws, name),
        name=name,
        category=category,
        description=f"{name}, a tool named in a job posting you imported.{where}"[:500],
        hours=_NEW_SKILL_HOURS,
        resources=(Resource(title=f"{name} documentation", kind="documentation"),),
        topics={
            1: (f"What {name} is for and where it fits",),
            2: (f"Use {name} on a small task with a guide",),
            3: (f"Use {name} on real work without help",),
            4: (f"Handle hard cases with {name} and explain them to others",),
            5: (f"Set how your team uses {name}",),
        },
    )
    return save_skill(ws, skill)
