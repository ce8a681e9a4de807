"""A realistic demo organisation, and the generator of Atlassian "Export users" files behind it.

The generator is deterministic by seed and is also used by the benchmarks (bench/) to make
files of 10k to 300k users.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import tempfile
from pathlib import Path

from app.core.engine import run_cleanup
from app.core.importers import import_file
from app.core.models import Action, Criteria, EntraSettings, Protection
from app.core.progress import Progress
from app.core.store import Workspace

DEMO_USERS = 2_400
DOMAIN = "contoso.com"
VENDOR_DOMAIN = "fabrikam-partners.com"
UNVERIFIED_DOMAIN = "contoso.co.uk"  # a subsidiary whose domain is not verified in the tenant
SITES = (("Jira", "contoso"), ("Confluence", "contoso"), ("Jira Service Management", "contoso"))
ENTRA_GROUPS = ("Atlassian-Jira-Users", "Atlassian-Confluence-Users", "Atlassian-JSM-Agents")
LOCAL_LICENSING = ("jira-software-users", "confluence-users", "jira-servicemanagement-users")
DEPARTMENTS = ("engineering", "sales", "marketing", "finance", "support", "hr", "legal", "operations")
EXTRA_GROUPS = ("contractors", "summer-students", "site-admins", "org-admins", "service-accounts")
FIRST = (
    "Anna Ben Chloé Daniel Emma Farid Grace Hiro Ines Jonas Kai Lena Mateo Nora Omar Priya Quinn "
    "Rosa Sven Tomás Uma Victor Wen Ximena Yusuf Zoë Aoife Björn Camille Dmitri Elif François "
    "Giulia Hannah Ivan Jürgen Kemal Laura Magnus Noah Olivia Pedro Rania Sofia Theo Ulla"
).split()
LAST = (
    "Smith Jones Müller García Rossi Dubois Kowalski Nguyen Tanaka Silva Andersson Novak O'Brien "
    "Fernández Schmidt Larsen Costa Yilmaz Ivanova Haddad Okafor Chen Patel Kim Berg Moreau Lund "
    "Horvat Weber Fischer Ahmed Svensson Romero Martin Bianchi Janssen Nielsen Popescu Wójcik"
).split()
_ASCII = str.maketrans("éáíóúüöäåøçñšžłćèëïô", "eaiouuoaaocnszlceeio", "'")

HEADER = [
    "User id",
    "User name",
    "email",
    "User status",
    "Added to org",
    *(f"Last seen in {product} - {site}" for product, site in SITES),
    "Group membership",
]


def _date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def generate_atlassian_export(
    users: int, *, seed: int = 7, as_of: dt.date | None = None, team_groups: int = 30
) -> str:
    """CSV text of an Atlassian "Export users" file with a realistic mix of users."""
    rng = random.Random(seed)
    as_of = as_of or dt.date.today()
    teams = [f"team-{n:02d}" for n in range(1, team_groups + 1)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    seen_emails: set[str] = set()
    for n in range(users):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        vendor = rng.random() < 0.08
        local = f"{first}.{last}".lower()
        if rng.random() < 0.97:
            local = local.translate(_ASCII)
        if rng.random() < 0.01:
            local += "+jira"
        domain = VENDOR_DOMAIN if vendor else UNVERIFIED_DOMAIN if rng.random() < 0.03 else DOMAIN
        email = f"{local}@{domain}"
        suffix = 2
        while email in seen_emails:
            email = f"{local}{suffix}@{domain}"
            suffix += 1
        seen_emails.add(email)
        if rng.random() < 0.005:
            email = ""
        added = as_of - dt.timedelta(days=rng.randint(3, 2_400))
        status = "Inactive" if rng.random() < 0.04 else "Active"
        roll = rng.random()
        seen = []
        for _ in SITES:
            if roll < 0.08 or rng.random() < 0.25:
                seen.append("Never accessed")
                continue
            horizon = 30 if roll < 0.6 else 150 if roll < 0.85 else 700
            last_day = as_of - dt.timedelta(days=rng.randint(0, horizon))
            seen.append(_date(max(last_day, added)))
        groups = [rng.choice(DEPARTMENTS), rng.choice(teams)]
        if rng.random() < 0.7:
            groups.append("Atlassian-Jira-Users")
        else:
            groups.append("jira-software-users")
        if rng.random() < 0.6:
            groups.append("Atlassian-Confluence-Users" if rng.random() < 0.7 else "confluence-users")
        if rng.random() < 0.12:
            groups.append("Atlassian-JSM-Agents" if rng.random() < 0.6 else "jira-servicemanagement-users")
        if vendor:
            groups.append("contractors")
        elif rng.random() < 0.02:
            groups.append("summer-students")
        writer.writerow(
            [
                f"712020:{rng.getrandbits(128):032x}",
                f"{first} {last}",
                email,
                status,
                _date(added),
                *seen,
                ",".join(groups),
            ]
        )
    # a few accounts admins must never lose
    for name, email, group in (
        ("Site Admin", f"admin@{DOMAIN}", "site-admins,org-admins,Atlassian-Jira-Users"),
        ("Build Bot", f"build-bot@{DOMAIN}", "service-accounts,jira-software-users"),
    ):
        writer.writerow(
            [
                f"712020:{rng.getrandbits(128):032x}",
                name,
                email,
                "Active",
                _date(as_of - dt.timedelta(days=2_000)),
                *["Never accessed"] * len(SITES),
                group,
            ]
        )
    return out.getvalue()


def build_demo(ws: Workspace, *, progress: Progress | None = None, users: int = DEMO_USERS) -> None:
    """Fill an empty workspace: users, groups, Entra configured, protected accounts, past runs."""
    progress = progress or Progress()
    today = dt.date.today()
    progress.step(0.0, "Creating the demo organisation")
    with tempfile.TemporaryDirectory(prefix="user-cleanup-demo-") as tmp:
        source = Path(tmp) / "contoso-export-users.csv"
        source.write_text(generate_atlassian_export(users, as_of=today), encoding="utf-8")
        import_file(ws, source, progress=progress.scaled(0.0, 0.6))
    progress.step(0.6, "Configuring Microsoft Entra ID")
    ws.save_entra_settings(
        EntraSettings(
            provisioning_enabled=True,
            synced_groups=ENTRA_GROUPS,
            verified_domains=(DOMAIN, VENDOR_DOMAIN),
        )
    )
    ws.save_protection(Protection(users=(f"admin@{DOMAIN}",), groups=("service-accounts",)))
    progress.step(0.7, "Recording past cleanups")
    now = dt.datetime.now().replace(microsecond=0)
    past = (
        ("Quarterly licence review", Action.REVIEW, ("jira-software-users", "confluence-users"), 90, 63, ()),
        ("Entra: Jira and Confluence, 60 days", Action.ENTRA, ENTRA_GROUPS[:2], 60, 21, ()),
        ("Contractors idle 30 days", Action.ENTRA, (*ENTRA_GROUPS, "jira-software-users"), 30, 2, (VENDOR_DOMAIN,)),
    )
    for name, action, groups, days, ago, domains in past:
        criteria = Criteria(
            target_groups=groups, inactive_days=days, as_of=today - dt.timedelta(days=ago), domains=domains
        )
        run_cleanup(ws, name, criteria, action, run_at=now - dt.timedelta(days=ago, hours=2))
    progress.step(1.0, "Demo workspace ready")
