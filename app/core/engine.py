"""The cleanup engine: which active users are inactive, and what to do per target group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app.core.errors import RefusedError, UserError
from app.core.models import Action, Criteria, RowAction
from app.core.progress import Progress
from app.core.store import RUN_ROW_COLUMNS, Workspace, day_number
from app.core.upn import entra_upns

ENTRA_NOT_CONFIGURED = (
    "The Microsoft Entra ID action needs Microsoft Entra ID configured with user provisioning "
    "enabled and at least one Entra-synced group (Identity providers, or "
    "'user-cleanup idp entra --provisioning on --synced-group NAME')."
)


@dataclass
class CleanupOutcome:
    """A computed cleanup; ``run_id`` is None for a dry run."""

    rows: pd.DataFrame
    affected_users: int
    run_id: int | None = None
    idp_groups: dict[str, int] = field(default_factory=dict)


@dataclass
class _Selection:
    users: pd.DataFrame  # affected users, with last_seen and days_inactive
    members: dict[str, np.ndarray]  # target group -> member ids


def _domain(value: str) -> str:
    return value.strip().lstrip("@").casefold()


def _select(ws: Workspace, criteria: Criteria) -> _Selection:
    if not criteria.target_groups:
        raise UserError("Choose at least one target group.")
    if criteria.inactive_days < 0:
        raise UserError("Days inactive threshold cannot be negative.")
    targets = ws.resolve_groups(criteria.target_groups, what="target group")
    member_of = ws.resolve_groups(criteria.member_of)
    protection = ws.protection()
    known = {g.casefold() for g in ws.group_names()}
    excluded_groups = ws.resolve_groups(criteria.exclude_groups) + [
        g for g in protection.groups if g.casefold() in known
    ]
    product = criteria.product
    if product:
        products = {p.casefold(): p for p in ws.products()}
        if product.casefold() not in products:
            listed = ", ".join(products.values()) or "none in this workspace"
            raise UserError(f"Unknown product '{product}' (products: {listed}).")
        product = products[product.casefold()]

    users = ws.users_frame()
    members = ws.member_ids(targets)
    candidate = users.index.isin(np.concatenate(list(members.values())) if members else [])
    candidate &= (users["status"] == "active").to_numpy()
    if member_of:
        candidate &= users.index.isin(np.concatenate(list(ws.member_ids(member_of).values())))
    emails = users["email"].fillna("").str.casefold()
    if criteria.domains:
        domains = {_domain(d) for d in criteria.domains}
        candidate &= emails.str.rsplit("@", n=1).str[-1].isin(domains).to_numpy()
    if excluded_groups:
        candidate &= ~users.index.isin(np.concatenate(list(ws.member_ids(excluded_groups).values())))
    excluded_users = {e.strip().casefold() for e in (*criteria.exclude_users, *protection.users)}
    if excluded_users:
        candidate &= ~emails.isin(excluded_users).to_numpy()

    chosen = users[candidate].copy()
    as_of = day_number(criteria.as_of)
    last = ws.latest_activity(product).reindex(chosen.index)
    inactive = as_of - last
    never = last.isna()
    added_age = as_of - chosen["added_to_org"].astype("float64")
    affected = (inactive >= criteria.inactive_days) | (
        never & (added_age.isna() | (added_age >= criteria.inactive_days))
    )
    chosen = chosen[affected.to_numpy()]
    chosen["last_seen_day"] = last[affected]
    chosen["days_inactive"] = inactive[affected].astype("Int64")
    return _Selection(users=chosen, members=members)


def _iso_dates(days: pd.Series) -> np.ndarray:
    """Day numbers to ``YYYY-MM-DD`` strings (None where unknown), without a per-row loop."""
    known = days.notna().to_numpy()
    result = np.full(len(days), None, dtype=object)
    if known.any():
        stamps = days.to_numpy(dtype="float64")[known].astype("int64").astype("datetime64[D]")
        result[known] = np.datetime_as_string(stamps, unit="D").astype(object)
    return result


def _rows(ws: Workspace, selection: _Selection, action: Action) -> pd.DataFrame:
    """One row per affected user and target group they belong to, sorted by email per group."""
    users = selection.users.sort_values("email", key=lambda s: s.str.casefold())
    settings = ws.entra_settings()
    base = pd.DataFrame(
        {
            "account_id": users["account_id"].to_numpy(dtype=object),
            "email": users["email"].to_numpy(dtype=object),
            "display_name": users["display_name"].to_numpy(dtype=object),
            "upn": None,
            "skip_reason": None,
            "last_seen": _iso_dates(users["last_seen_day"]),
            "days_inactive": users["days_inactive"].to_numpy(),
        }
    )
    row_actions = {
        group: RowAction.REVIEW
        if action is Action.REVIEW
        else RowAction.ENTRA
        if settings.is_synced(group)
        else RowAction.ATLASSIAN
        for group in selection.members
    }
    if RowAction.ENTRA in row_actions.values():
        upn, reason = entra_upns(base["email"], settings)
        entra_columns = {"upn": upn.to_numpy(dtype=object), "skip_reason": reason.to_numpy(dtype=object)}
    frames = []
    for group, ids in selection.members.items():
        part = base[np.isin(users.index.to_numpy(), ids)]
        if part.empty:
            continue
        part = part.assign(group=group, action=row_actions[group].value)
        if row_actions[group] is RowAction.ENTRA:
            positions = part.index.to_numpy()
            part = part.assign(
                upn=entra_columns["upn"][positions], skip_reason=entra_columns["skip_reason"][positions]
            )
        frames.append(part)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in RUN_ROW_COLUMNS})
    rows = pd.concat(frames, ignore_index=True)[RUN_ROW_COLUMNS]
    rows["days_inactive"] = rows["days_inactive"].astype("Int64")
    return rows


def idp_group_counts(rows: pd.DataFrame) -> dict[str, int]:
    """Entra group -> rows that will be written to its file."""
    entra = rows[rows["action"] == RowAction.ENTRA.value]
    return {str(g): int(n) for g, n in entra.groupby("group")["upn"].count().items()}


def run_cleanup(
    ws: Workspace,
    name: str,
    criteria: Criteria,
    action: Action,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    run_at: dt.datetime | None = None,
) -> CleanupOutcome:
    """Compute a cleanup and, unless ``dry_run``, record it in the history in one transaction."""
    progress = progress or Progress()
    if not name.strip():
        raise UserError("Give the cleanup a name.")
    if action is Action.ENTRA and not ws.entra_settings().configured:
        raise RefusedError(ENTRA_NOT_CONFIGURED)
    progress.step(0.1, "Selecting inactive users")
    selection = _select(ws, criteria)
    progress.step(0.6, "Listing removals per group")
    rows = _rows(ws, selection, action)
    outcome = CleanupOutcome(
        rows=rows, affected_users=len(selection.users), idp_groups=idp_group_counts(rows)
    )
    if not dry_run:
        progress.step(0.8, "Recording the cleanup")
        outcome.run_id = ws.record_run(
            name.strip(), action, criteria, rows, outcome.affected_users, run_at=run_at
        )
    progress.report(1.0, "Done")
    return outcome
