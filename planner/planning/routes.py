"""Routes up the career ladder: the intermediate roles between where a person is and a target
several rungs up, found on the catalog's comes-from / leads-to links."""

from __future__ import annotations

from collections import deque

from planner.catalog import Catalog


def ladder_successors(catalog: Catalog) -> dict[str, list[str]]:
    """Role id → the roles one rung up, from both directions of the ladder links."""
    up: dict[str, set[str]] = {role_id: set() for role_id in catalog.roles}
    for role in catalog.roles.values():
        up[role.id].update(role.leads_to)
        for lower in role.comes_from:
            up[lower].add(role.id)
    return {role_id: sorted(nxt) for role_id, nxt in up.items()}


def find_route(catalog: Catalog, from_role_id: str, to_role_id: str) -> list[str] | None:
    """The shortest climb from one role to another, as the roles after ``from_role_id`` up to
    and including ``to_role_id``; ``[]`` when they are the same, None when no climb exists.
    Among equally short routes the alphabetically first is taken, so the answer is stable."""
    if from_role_id == to_role_id:
        return []
    successors = ladder_successors(catalog)
    parent: dict[str, str] = {from_role_id: from_role_id}
    queue = deque([from_role_id])
    while queue:
        role_id = queue.popleft()
        for nxt in successors.get(role_id, []):
            if nxt in parent:
                continue
            parent[nxt] = role_id
            if nxt == to_role_id:
                route = [nxt]
                while parent[route[-1]] != from_role_id:
                    route.append(parent[route[-1]])
                return route[::-1]
            queue.append(nxt)
    return None
