"""The cleanup engine: which active users are inactive, and what to do per target group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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
    users: pd.DataFrame  # affected users by email (casefolded): id, account_id, email, display_name,
    # last_seen_day, days_inactive
    members: dict[str, np.ndarray]  # target group -> member ids
    count: int  # users in the workspace


def _domain(value: str) -> str:
    return value.strip().lstrip("@").casefold()


def _mask(count: int, id_lists: Iterable[np.ndarray]) -> np.ndarray:
    """Per user id: is it in any of the lists?"""
    mask = np.zeros(count, dtype=bool)
    for ids in id_lists:
        mask[ids] = True
    return mask


def _select(ws: Workspace, criteria: Criteria) -> _Selection:
    """Who is affected. Works on user ids; only the affected users' names and emails are read."""
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

    count = ws.user_count()
    members = ws.member_ids(targets)
    candidate = _mask(count, members.values())
    if member_of:
        candidate &= _mask(count, ws.member_ids(member_of).values())
    if excluded_groups:
        candidate &= ~_mask(count, ws.member_ids(excluded_groups).values())
    ids = np.flatnonzero(candidate)
    state = ws.users_frame(("status", "added_to_org"), ids)
    active = (state["status"] == "active").to_numpy()
    ids, added = ids[active], state["added_to_org"].to_numpy(dtype="float64", na_value=np.nan)[active]

    as_of = day_number(criteria.as_of)
    last = ws.latest_days(product)[ids]
    inactive = as_of - last
    added_age = as_of - added
    with np.errstate(invalid="ignore"):  # NaN (never seen, no date added) compares False
        affected = (inactive >= criteria.inactive_days) | (
            np.isnan(last) & (np.isnan(added_age) | (added_age >= criteria.inactive_days))
        )
    users = ws.users_frame(("account_id", "email", "display_name"), ids[affected])
    users["last_seen_day"] = last[affected]
    users["days_inactive"] = pd.array(inactive[affected], dtype="Float64").astype("Int64")

    domains = {_domain(d) for d in criteria.domains}
    excluded_users = {e.strip().casefold() for e in (*criteria.exclude_users, *protection.users)}
    folded = [e.casefold() if isinstance(e, str) else None for e in users["email"].tolist()]
    if domains or excluded_users:
        keep = [
            (not domains or (f or "").rpartition("@")[2] in domains) and f not in excluded_users
            for f in folded
        ]
        users = users[keep]
        folded = [f for f, kept in zip(folded, keep, strict=True) if kept]
    users = users.iloc[_order(folded)].reset_index(drop=True)
    return _Selection(users=users, members=members, count=count)


def _order(keys: list[str | None]) -> np.ndarray:
    """Positions that sort the keys (stable), the missing ones last."""
    present = [i for i, key in enumerate(keys) if key is not None]
    present.sort(key=lambda i: keys[i] or "")
    return np.array(present + [i for i, key in enumerate(keys) if key is None], dtype=np.int64)


def _iso_dates(days: np.ndarray) -> np.ndarray:
    """Day numbers to ``YYYY-MM-DD`` strings (None where unknown), without a per-row loop."""
    known = ~np.isnan(days)
    result = np.full(len(days), None, dtype=object)
    if known.any():
        stamps = days[known].astype("int64").astype("datetime64[D]")
        result[known] = np.datetime_as_string(stamps, unit="D").astype(object)
    return result


def _rows(ws: Workspace, selection: _Selection, action: Action) -> pd.DataFrame:
    """One row per affected user and target group they belong to, sorted by email per group."""
    users = selection.users
    settings = ws.entra_settings()
    ids = users["id"].to_numpy()
    base = pd.DataFrame(
        {
            "account_id": users["account_id"].to_numpy(dtype=object),
            "email": users["email"].to_numpy(dtype=object),
            "display_name": users["display_name"].to_numpy(dtype=object),
            "upn": None,
            "skip_reason": None,
            "last_seen": _iso_dates(users["last_seen_day"].to_numpy(dtype="float64")),
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
    inside = {group: _mask(selection.count, [members])[ids] for group, members in selection.members.items()}
    entra = [group for group, row_action in row_actions.items() if row_action is RowAction.ENTRA]
    if entra:  # UPNs of the users in any Entra group, each checked once
        in_entra = np.logical_or.reduce([inside[group] for group in entra])
        upn, reason = entra_upns(base["email"][in_entra], settings)
        base.loc[in_entra, "upn"] = upn
        base.loc[in_entra, "skip_reason"] = reason
    frames = []
    for group in selection.members:
        part = base[inside[group]]
        if part.empty:
            continue
        if row_actions[group] is not RowAction.ENTRA:
            part = part.assign(upn=None, skip_reason=None)
        frames.append(part.assign(group=group, action=row_actions[group].value))
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
