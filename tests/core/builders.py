"""Small builders shared by the core tests."""

from __future__ import annotations

import datetime as dt

from app.core.models import Criteria, EntraSettings
from app.core.store import Workspace

AS_OF = dt.date(2024, 6, 30)
ATLASSIAN_HEADER = (
    "User id,User name,email,User status,Added to org,"
    "Last seen in Jira - acme,Last seen in Confluence - acme,Group membership"
)


def atlassian(*rows: str, header: str = ATLASSIAN_HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def criteria(*groups: str, days: int = 30, **kwargs: object) -> Criteria:
    return Criteria(target_groups=groups or ("jira-users",), inactive_days=days, as_of=AS_OF, **kwargs)  # type: ignore[arg-type]


def entra(*groups: str, **kwargs: object) -> EntraSettings:
    kwargs.setdefault("provisioning_enabled", True)
    return EntraSettings(synced_groups=groups, **kwargs)  # type: ignore[arg-type]


def last_seen(ws: Workspace) -> dict[int, float]:
    """User id -> latest last-seen day, for the users ever seen."""
    return {user: day for user, day in enumerate(ws.latest_days().tolist()) if day == day}
