"""Plain data passed between the store, the engine, the exporters, the CLI and the UI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pandas as pd


class Action(StrEnum):
    """What a cleanup run does with the affected users."""

    REVIEW = "review"  # "Add to list for review": record only
    ENTRA = "entra"  # "Microsoft Entra ID action": per-group Entra removal files


class RowAction(StrEnum):
    """What the admin has to do for one (user, target group) row of a run."""

    REVIEW = "review"
    ENTRA = "entra"  # remove the member in Microsoft Entra ID (the group is Entra-synced)
    ATLASSIAN = "atlassian"  # remove in Atlassian (the group is not synced)


class EntraTemplate(StrEnum):
    CURRENT = "current"  # header row only (Entra's current template)
    LEGACY = "legacy"  # a ``version:v1.0`` row before the header


@dataclass(frozen=True)
class EntraSettings:
    """The "Microsoft Entra ID" identity-provider page."""

    provisioning_enabled: bool = False
    synced_groups: tuple[str, ...] = ()
    template: EntraTemplate = EntraTemplate.CURRENT
    max_rows: int = 20_000
    upn_domain_rewrites: tuple[tuple[str, str], ...] = ()  # (old domain, new domain)
    verified_domains: tuple[str, ...] = ()

    @property
    def configured(self) -> bool:
        """True when the Entra action may be used."""
        return self.provisioning_enabled and bool(self.synced_groups)

    def is_synced(self, group: str) -> bool:
        return group.casefold() in {g.casefold() for g in self.synced_groups}


@dataclass(frozen=True)
class Protection:
    """Global exclusions (Settings): never affected by any cleanup."""

    users: tuple[str, ...] = ()  # emails, compared case-insensitively
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Criteria:
    """What a cleanup run selects. Stored verbatim with the run."""

    target_groups: tuple[str, ...]
    inactive_days: int
    as_of: dt.date
    member_of: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    exclude_groups: tuple[str, ...] = ()
    exclude_users: tuple[str, ...] = ()
    product: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "target_groups": list(self.target_groups),
            "inactive_days": self.inactive_days,
            "as_of": self.as_of.isoformat(),
            "member_of": list(self.member_of),
            "domains": list(self.domains),
            "exclude_groups": list(self.exclude_groups),
            "exclude_users": list(self.exclude_users),
            "product": self.product,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Criteria:
        return cls(
            target_groups=tuple(data["target_groups"]),
            inactive_days=int(data["inactive_days"]),
            as_of=dt.date.fromisoformat(data["as_of"]),
            member_of=tuple(data.get("member_of", ())),
            domains=tuple(data.get("domains", ())),
            exclude_groups=tuple(data.get("exclude_groups", ())),
            exclude_users=tuple(data.get("exclude_users", ())),
            product=data.get("product"),
        )

    def summary(self) -> str:
        """One line for the History table."""
        parts = [", ".join(self.target_groups), f"≥ {self.inactive_days} days inactive"]
        if self.member_of:
            parts.append("in " + ", ".join(self.member_of))
        if self.domains:
            parts.append("@" + ", @".join(self.domains))
        if self.product:
            parts.append(self.product)
        excluded = len(self.exclude_groups) + len(self.exclude_users)
        if excluded:
            parts.append(f"{excluded} exclusions")
        return "; ".join(parts)


@dataclass(frozen=True)
class GroupInfo:
    name: str
    members: int
    licensing: bool
    idp_synced: bool


@dataclass(frozen=True)
class WorkspaceInfo:
    users: int
    groups: int
    cleanups: int
    data_dir: str
    last_import_at: dt.datetime | None = None
    last_import_file: str | None = None


@dataclass(frozen=True)
class RunSummary:
    """One row of the History table."""

    id: int
    name: str
    run_at: dt.datetime
    action: Action
    criteria: Criteria
    affected_users: int
    idp_groups: dict[str, int] = field(default_factory=dict)  # Entra group -> exportable rows
    status: str = "completed"

    @property
    def has_idp_rows(self) -> bool:
        return bool(self.idp_groups)


@dataclass(frozen=True)
class ImportSummary:
    users: int
    groups: int
    memberships: int
    rows_without_email: int
    format: str
    warnings: tuple[str, ...] = ()


@dataclass
class Directory:
    """A parsed user export, ready to replace the workspace's directory snapshot.

    ``users``: account_id, display_name, email, status, added_to_org (day number or NA).
    ``memberships``: user (row position in ``users``), group.
    ``activity``: user, product, site, last_seen (day number); never-seen users have no row.
    """

    users: pd.DataFrame
    memberships: pd.DataFrame
    activity: pd.DataFrame
    format: str
    rows_without_email: int = 0
    warnings: list[str] = field(default_factory=list)
