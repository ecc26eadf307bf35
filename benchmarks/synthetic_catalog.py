"""A large, deterministic catalog built in memory from the real schema classes.

The catalog is made of *domains* (about a hundred skills each, in five tiers from foundations
up). A prerequisite always points to a lower tier: mostly within its own domain, sometimes to
one of the three domains before it, so the graph has no cycle and a role's prerequisites stay
a realistic, bounded neighbourhood rather than the whole catalog. Every domain is generated
from its own seed, so a catalog of 2n domains starts with exactly the catalog of n domains:
doubling the catalog leaves a given role's plan unchanged, and any extra time is the cost of
the catalog's size alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from planner.catalog import Catalog
from planner.catalog.schema import (
    Category,
    Certification,
    CertificationRecommendation,
    EducationRequirement,
    Family,
    Requirement,
    Resource,
    Role,
    Skill,
    SkillLevel,
)

TIERS = 5
CROSS_DOMAIN_SHARE = 0.15  # of prerequisite edges, pointing into one of the previous domains
NEIGHBOUR_DOMAINS = 3
CATEGORIES = 20
FAMILIES = 10
SENIORITIES = ("entry", "mid", "mid", "senior", "senior", "lead", "executive")
_HOURS_RANGES = ((8, 30), (15, 60), (30, 120), (60, 200), (100, 400))


@dataclass(frozen=True)
class CatalogSize:
    """How big a synthetic catalog is, per domain (the totals are these times ``domains``)."""

    domains: int = 50
    skills_per_domain: int = 100
    roles_per_domain: int = 10
    edges_per_domain: int = 300
    certifications_per_domain: int = 4

    @property
    def skills(self) -> int:
        return self.domains * self.skills_per_domain

    @property
    def roles(self) -> int:
        return self.domains * self.roles_per_domain

    @property
    def edges(self) -> int:
        return self.domains * self.edges_per_domain

    def doubled(self) -> CatalogSize:
        return CatalogSize(
            self.domains * 2,
            self.skills_per_domain,
            self.roles_per_domain,
            self.edges_per_domain,
            self.certifications_per_domain,
        )


# 5,000 skills, 500 roles, 15,000 prerequisite edges (issue 7).
STANDARD = CatalogSize()


def skill_id(domain: int, index: int) -> str:
    return f"s{domain:03d}-{index:03d}"


def tier_of(index: int, per_domain: int) -> int:
    return index * TIERS // per_domain


def _rng(seed: int, *parts: object) -> random.Random:
    # A string seed is hashed deterministically (not with the salted hash()).
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def _prerequisites(size: CatalogSize, domain: int, seed: int) -> dict[int, dict[str, int]]:
    """index in ``domain`` -> {prerequisite skill id: level}; exactly ``edges_per_domain``."""
    rng = _rng(seed, "edges", domain)
    per = size.skills_per_domain
    sources = [i for i in range(per) if tier_of(i, per) > 0]
    by_tier = [[i for i in range(per) if tier_of(i, per) == t] for t in range(TIERS)]
    result: dict[int, dict[str, int]] = {i: {} for i in range(per)}
    placed = 0
    attempts = 0
    while placed < size.edges_per_domain:
        attempts += 1
        if attempts > size.edges_per_domain * 50:
            raise ValueError("too many prerequisite edges for the skills of a domain")
        source = rng.choice(sources)
        lower = rng.randrange(tier_of(source, per))
        target_domain = domain
        if domain > 0 and rng.random() < CROSS_DOMAIN_SHARE:
            target_domain = rng.randrange(max(0, domain - NEIGHBOUR_DOMAINS), domain)
        target = skill_id(target_domain, rng.choice(by_tier[lower]))
        if target in result[source]:
            continue
        result[source][target] = rng.randint(1, 3)
        placed += 1
    return result


def _skills(size: CatalogSize, domain: int, seed: int) -> list[Skill]:
    rng = _rng(seed, "skills", domain)
    prereqs = _prerequisites(size, domain, seed)
    skills = []
    for index in range(size.skills_per_domain):
        sid = skill_id(domain, index)
        skills.append(
            Skill(
                id=sid,
                name=f"Skill {domain}.{index}",
                category=f"cat-{domain % CATEGORIES:02d}",
                description=f"Synthetic skill {index} of domain {domain}.",
                aliases=(f"sk{domain}x{index}",) if index % 7 == 0 else (),
                prerequisites=tuple(
                    SkillLevel(skill=s, level=lv) for s, lv in sorted(prereqs[index].items())
                ),
                hours=tuple(rng.randint(lo, hi) for lo, hi in _HOURS_RANGES),  # type: ignore[arg-type]
                resources=(Resource(title=f"Guide to {sid}", kind="documentation"),),
                topics={lv: (f"{sid} topic {lv}",) for lv in range(1, 6)},
            )
        )
    return skills


def _certifications(size: CatalogSize, domain: int, seed: int) -> list[Certification]:
    rng = _rng(seed, "certs", domain)
    per = size.skills_per_domain
    certs = []
    for n in range(size.certifications_per_domain):
        assumed = rng.sample(range(per // 5, per), k=min(3, per - per // 5))
        certs.append(
            Certification(
                id=f"c{domain:03d}-{n}",
                name=f"Certificate {domain}.{n}",
                issuer=f"Issuer {domain % 7}",
                assumes=tuple(
                    SkillLevel(skill=skill_id(domain, i), level=rng.randint(2, 3))
                    for i in assumed[: rng.randint(1, 3)]
                ),
                prep_hours=rng.randint(20, 120),
                validity_years=rng.choice((2, 3, None)),
            )
        )
    return certs


def _roles(size: CatalogSize, domain: int, seed: int) -> list[Role]:
    rng = _rng(seed, "roles", domain)
    per = size.skills_per_domain
    near = list(range(max(0, domain - 2), domain + 1))
    pool = [(d, i) for d in near for i in range(per)]
    # Roles ask mostly for the higher tiers; the tiers below come in as prerequisites.
    weights = [1 + tier_of(i, per) for _, i in pool]
    role_ids = [f"r{domain:03d}-{k}" for k in range(size.roles_per_domain)]
    roles = []
    for k, role_id in enumerate(role_ids):
        wanted = min(len(pool), rng.randint(10, 25))
        chosen: dict[tuple[int, int], None] = {}
        while len(chosen) < wanted:
            chosen.setdefault(rng.choices(pool, weights)[0], None)
        picked = list(chosen)
        requirements = []
        used: set[str] = set()
        for d, i in picked:
            first = skill_id(d, i)
            if first in used:
                continue
            alternatives = [first]
            other = skill_id(d, i + 1) if i + 1 < per else None
            if other and other not in used and (d, i + 1) not in chosen and rng.random() < 0.1:
                alternatives.append(other)
            used.update(alternatives)
            requirements.append(
                Requirement(
                    any_of=tuple(alternatives),
                    level=rng.randint(2, 5),
                    importance="required" if rng.random() < 0.7 else "preferred",
                )
            )
        certs = rng.sample(
            range(size.certifications_per_domain),
            k=min(size.certifications_per_domain, rng.randint(0, 2)),
        )
        seniority = SENIORITIES[k % len(SENIORITIES)]
        roles.append(
            Role(
                id=role_id,
                title=f"Role {domain}.{k}",
                family=f"fam-{domain % FAMILIES}",
                seniority=seniority,  # type: ignore[arg-type]
                summary=f"Synthetic role {k} of domain {domain}.",
                responsibilities=("Do the synthetic work",),
                requirements=tuple(requirements),
                certifications=tuple(
                    CertificationRecommendation(any_of=(f"c{domain:03d}-{n}",)) for n in certs
                ),
                education=(
                    (EducationRequirement(level="bachelor", importance="preferred"),)
                    if k % 2
                    else ()
                ),
                min_years_experience=float(k % 8),
                comes_from=(role_ids[k - 1],) if k > 0 else (),
                leads_to=(role_ids[k + 1],) if k + 1 < len(role_ids) else (),
                sources=("synthetic",),
            )
        )
    return roles


def synthetic_catalog(size: CatalogSize = STANDARD, *, seed: int = 7) -> Catalog:
    """The catalog of ``size``; the same size and seed always give the same catalog."""
    skills: dict[str, Skill] = {}
    certs: dict[str, Certification] = {}
    roles: dict[str, Role] = {}
    for domain in range(size.domains):
        skills.update((s.id, s) for s in _skills(size, domain, seed))
        certs.update((c.id, c) for c in _certifications(size, domain, seed))
        roles.update((r.id, r) for r in _roles(size, domain, seed))
    return Catalog(
        skills=skills,
        certifications=certs,
        roles=roles,
        categories={
            f"cat-{n:02d}": Category(id=f"cat-{n:02d}", name=f"Category {n}")
            for n in range(CATEGORIES)
        },
        families={f"fam-{n}": Family(id=f"fam-{n}", name=f"Family {n}") for n in range(FAMILIES)},
    )


def mid_level_levels(size: CatalogSize, domains: range, *, seed: int = 7) -> dict[str, int]:
    """A mid-level person's ratings over ``domains``: most of the two lowest tiers at 2–3,
    a third of the middle tier at 1–2."""
    rng = _rng(seed, "profile")
    per = size.skills_per_domain
    levels: dict[str, int] = {}
    for domain in domains:
        for index in range(per):
            tier = tier_of(index, per)
            if tier <= 1 and rng.random() < 0.8:
                levels[skill_id(domain, index)] = rng.randint(2, 3)
            elif tier == 2 and rng.random() < 0.33:
                levels[skill_id(domain, index)] = rng.randint(1, 2)
    return levels
