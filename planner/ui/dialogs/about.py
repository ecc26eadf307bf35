"""The About box: version, catalog size, and where the data lives."""

from __future__ import annotations

import html

from planner import version
from planner.services.workspace import Workspace


def about_text(ws: Workspace) -> str:
    catalog = ws.catalog
    return (
        f"<h3>Learning-path planner {html.escape(version())}</h3>"
        "<p>From the role you want to where you stand, step by dated step. "
        "Everything stays on this computer.</p>"
        f"<p>Catalog: {len(catalog.roles)} roles, {len(catalog.skills)} skills, "
        f"{len(catalog.certifications)} certifications.</p>"
        f"<p>Your data: <code>{html.escape(str(ws.database_file))}</code></p>"
    )
