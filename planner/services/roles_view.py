"""The role catalog as the Roles page shows it: a listing with readiness, a role's page, a
side-by-side comparison of two or three roles."""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalog.schema import Role
from planner.errors import InvalidInputError
from planner.planning.ranking import Standings
from planner.planning.requirements import RequirementRow, RequirementState
from planner.services.profile import snapshot
from planner.services.roles import RoleDetail, role_detail
from planner.services.workspace import Workspace
from planner.store import repository

# Seniorities from the first rung up, with the names the window shows.
SENIORITIES: tuple[tuple[str, str], ...] = (
    ("entry", "Entry"),
    ("mid", "Mid"),
    ("senior", "Senior"),
    ("lead", "Lead"),
    ("executive", "Executive"),
)
SENIORITY_NAMES: dict[str, str] = dict(SENIORITIES)
SENIORITY_RANK: dict[str, int] = {key: rank for rank, (key, _) in enumerate(SENIORITIES)}

MAX_COMPARED = 3


@dataclass(frozen=True)
class RoleListing:
    """One role in the catalog list, measured against the person."""

    role_id: str
    title: str
    also_called: tuple[str, ...]
    family_id: str
    family: str
    seniority: str  # entry | mid | senior | lead | executive
    readiness: float  # 0..100
    hours_needed: float
    is_target: bool

    @property
    def seniority_name(self) -> str:
        return SENIORITY_NAMES.get(self.seniority, self.seniority)

    @property
    def seniority_rank(self) -> int:
        return SENIORITY_RANK.get(self.seniority, len(SENIORITIES))


@dataclass(frozen=True)
class CertificationLine:
    """A certification the role recommends (one of ``label``'s alternatives suffices)."""

    label: str
    issuers: str
    importance: str
    current: str
    state: RequirementState
    prep_hours: int


@dataclass(frozen=True)
class Neighbour:
    role_id: str
    title: str


@dataclass(frozen=True)
class RolePage:
    """Everything the role's page shows."""

    detail: RoleDetail
    hours_needed: float
    is_target: bool
    certifications: tuple[CertificationLine, ...]
    comes_from: tuple[Neighbour, ...]
    leads_to: tuple[Neighbour, ...]

    @property
    def role(self) -> Role:
        return self.detail.role

    @property
    def seniority_name(self) -> str:
        return SENIORITY_NAMES.get(self.role.seniority, self.role.seniority)

    def count(self, state: RequirementState) -> int:
        return sum(1 for row in self.detail.rows if row.state == state)


@dataclass(frozen=True)
class CompareCell:
    """What one role asks of one requirement."""

    wanted: str
    importance: str
    state: RequirementState
    asked_as: str  # the role's wording, with its alternatives: "Go (or Java, Python)"
    via: str = ""  # the alternative it is measured on, when not the line's own skill


@dataclass(frozen=True)
class CompareLine:
    """One requirement across the compared roles; ``cells[i]`` is None where role i does not
    ask for it."""

    kind: str
    label: str
    current: str
    cells: tuple[CompareCell | None, ...]


@dataclass(frozen=True)
class Comparison:
    role_ids: tuple[str, ...]
    titles: tuple[str, ...]
    readiness: tuple[float, ...]
    hours_needed: tuple[float, ...]
    lines: tuple[CompareLine, ...]


def role_listing(ws: Workspace) -> list[RoleListing]:
    """Every catalog role in catalog order, with readiness, hours still needed and whether it
    is the person's target."""
    today = ws.today()
    with ws.transaction() as session:
        profile = snapshot(session, today)
        target = repository.get_profile(session=session).target_role_id
    cat = ws.catalog
    standings = Standings(cat, profile, today)  # shares prerequisite expansions between roles
    rows = []
    for role in cat.roles.values():
        stand = standings.of(role.id)
        rows.append(
            RoleListing(
                role_id=role.id,
                title=role.title,
                also_called=role.also_called,
                family_id=role.family,
                family=cat.family_name(role.family),
                seniority=role.seniority,
                readiness=stand.readiness,
                hours_needed=stand.hours_needed,
                is_target=role.id == target,
            )
        )
    return rows


def families(ws: Workspace) -> list[tuple[str, str]]:
    """(id, name) of every family some role belongs to, by name."""
    cat = ws.catalog
    used = {role.family for role in cat.roles.values()}
    return sorted(((f, cat.family_name(f)) for f in used), key=lambda p: p[1].casefold())


def _hours_needed(ws: Workspace, role_ids: tuple[str, ...]) -> tuple[float, ...]:
    today = ws.today()
    with ws.transaction() as session:
        profile = snapshot(session, today)
    standings = Standings(ws.catalog, profile, today)
    return tuple(standings.of(r).hours_needed for r in role_ids)


def role_page(ws: Workspace, *, role: str) -> RolePage:
    """A role (id, title or alias) with its requirements set against the person."""
    detail = role_detail(ws, role=role)
    found = detail.role
    cat = ws.catalog
    with ws.transaction() as session:
        target = repository.get_profile(session=session).target_role_id
    cert_rows = [row for row in detail.rows if row.kind == "certification"]
    lines = []
    for rec, row in zip(found.certifications, cert_rows, strict=True):
        certs = [cat.certifications[c] for c in rec.any_of if c in cat.certifications]
        issuers = ", ".join(dict.fromkeys(c.issuer for c in certs))
        prep = min((c.prep_hours for c in certs), default=0)
        lines.append(
            CertificationLine(row.label, issuers, row.importance, row.current, row.state, prep)
        )
    return RolePage(
        detail=detail,
        hours_needed=_hours_needed(ws, (found.id,))[0],
        is_target=found.id == target,
        certifications=tuple(lines),
        comes_from=tuple(Neighbour(r, cat.roles[r].title) for r in found.comes_from),
        leads_to=tuple(Neighbour(r, cat.roles[r].title) for r in found.leads_to),
    )


def _skills_accepted(detail: RoleDetail) -> dict[str, RequirementRow]:
    """Every skill that satisfies one of the role's skill requirements, and that row."""
    rows = [row for row in detail.rows if row.kind == "skill"]
    accepted: dict[str, RequirementRow] = {}
    # The skill rows follow the role's requirements one for one.
    for requirement, row in zip(detail.role.requirements, rows, strict=True):
        for skill_id in requirement.any_of:
            accepted.setdefault(skill_id, row)
    return accepted


def _line_key(row: RequirementRow) -> tuple[str, str]:
    # Skills meet on the skill the person is measured on; the rest on their wording.
    return (row.kind, row.skill_id or row.label)


_KIND_ORDER = {"skill": 0, "certification": 1, "experience": 2, "education": 3}


def compare(ws: Workspace, *, roles: list[str] | tuple[str, ...]) -> Comparison:
    """Two or three roles side by side: every requirement any of them asks, one line each."""
    if not 2 <= len(roles) <= MAX_COMPARED:
        raise InvalidInputError(f"Compare two or three roles, not {len(roles)}.")
    details = [role_detail(ws, role=r) for r in roles]
    ids = tuple(d.role.id for d in details)
    if len(set(ids)) != len(ids):
        raise InvalidInputError("Pick different roles to compare.")
    first: dict[tuple[str, str], RequirementRow] = {}
    for detail in details:
        for row in detail.rows:
            first.setdefault(_line_key(row), row)
    # A role that accepts a skill as one of a requirement's alternatives asks for it too,
    # measured on the alternative the person is closest to ("via Python").
    accepts = [_skills_accepted(d) for d in details]
    cells: dict[tuple[str, str], list[CompareCell | None]] = {
        k: [None] * len(details) for k in first
    }
    for i, detail in enumerate(details):
        for row in detail.rows:
            key = _line_key(row)
            if cells[key][i] is None:
                cells[key][i] = CompareCell(row.wanted, row.importance, row.state, row.label)
        for key, cell_list in cells.items():
            other = accepts[i].get(key[1]) if key[0] == "skill" else None
            if cell_list[i] is None and other is not None and other.skill_id is not None:
                via = ws.catalog.skills[other.skill_id].name
                cell_list[i] = CompareCell(
                    other.wanted, other.importance, other.state, other.label, via
                )
    keys = sorted(first, key=lambda k: _KIND_ORDER.get(k[0], len(_KIND_ORDER)))
    lines = tuple(
        CompareLine(
            kind=first[k].kind,
            label=ws.catalog.skills[k[1]].name if k[0] == "skill" else first[k].label,
            current=first[k].current,
            cells=tuple(cells[k]),
        )
        for k in keys
    )
    return Comparison(
        role_ids=ids,
        titles=tuple(d.role.title for d in details),
        readiness=tuple(d.readiness.percent for d in details),
        hours_needed=_hours_needed(ws, ids),
        lines=lines,
    )
