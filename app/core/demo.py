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
from collections.abc import Iterator
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
FIRST = [
    "Anna",
    "Ben",
    "Chloé",
    "Daniel",
    "Emma",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kai",
    "Lena",
    "Mateo",
    "Nora",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tomás",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Aoife",
    "Björn",
    "Camille",
    "Dmitri",
    "Elif",
    "François",
    "Giulia",
    "Hannah",
    "Ivan",
    "Jürgen",
    "Kemal",
    "Laura",
    "Magnus",
    "Noah",
    "Olivia",
    "Pedro",
    "Rania",
    "Sofia",
    "Theo",
    "Ulla",
]
LAST = [
    "Smith",
    "Jones",
    "Müller",
    "García",
    "Rossi",
    "Dubois",
    "Kowalski",
    "Nguyen",
    "Tanaka",
    "Silva",
    "Andersson",
    "Novak",
    "O'Brien",
    "Fernández",
    "Schmidt",
    "Larsen",
    "Costa",
    "Yilmaz",
    "Ivanova",
    "Haddad",
    "Okafor",
    "Chen",
    "Patel",
    "Kim",
    "Berg",
    "Moreau",
    "Lund",
    "Horvat",
    "Weber",
    "Fischer",
    "Ahmed",
    "Svensson",
    "Romero",
    "Martin",
    "Bianchi",
    "Janssen",
    "Nielsen",
    "Popescu",
    "Wójcik",
]
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
GENERIC_HEADER = ["email", "display_name", "status", "last_active", "created", "groups"]


def _date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


#: Oddities that real exports contain (used when ``odd`` > 0): names a CSV writer must quote,
#: spreadsheet formulas, scripts other than Latin, and emails Entra will refuse.
ODD_NAMES = (
    "Smith, John",
    'Dana "DJ" Jones',
    '=HYPERLINK("x")',
    "  Padded   Name  ",
    "李小龙",
    "Zoë Ångström-Øberg",
    "Иван Петров",
    "O'Connor; Sean",
    "+44 Support",
    "🙂 Emoji Person",
    "Name\twith tab",
    "Multi\nLine Name",
)
ODD_EMAILS = (
    "{upper}",
    "{local}+atlassian@{domain}",
    " {local}@{domain} ",
    "{local}",
    "{local}@@{domain}",
    "{local}..x@{domain}",
    "{local}@bücher.example",
    "{long}@{domain}",
    "{local}@{domain}.",
    ".{local}@{domain}",
)


def _people(
    users: int,
    *,
    seed: int,
    as_of: dt.date,
    team_groups: int,
    sites: tuple[tuple[str, str], ...],
    odd: float,
) -> Iterator[tuple[str, str, str, str, dt.date, list[dt.date | None], list[str]]]:
    """(account id, name, email, status, added, last seen per site or None, groups) per user."""
    rng = random.Random(seed)
    teams = [f"team-{n:02d}" for n in range(1, team_groups + 1)]
    seen_emails: set[str] = set()
    for _ in range(users):
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
        name = f"{first} {last}"
        if odd and rng.random() < odd:
            name = rng.choice(ODD_NAMES)
        if odd and email and rng.random() < odd:
            unique = email.split("@")[0]
            email = rng.choice(ODD_EMAILS).format(
                local=unique, domain=domain, long="x" * 70 + unique, upper=email.upper()
            )
        added = as_of - dt.timedelta(days=rng.randint(3, 2_400))
        status = "Inactive" if rng.random() < 0.04 else "Active"
        roll = rng.random()
        seen: list[dt.date | None] = []
        for index, _site in enumerate(sites):
            if roll < 0.08 or rng.random() < 0.25 or (index >= len(SITES) and rng.random() < 0.6):
                seen.append(None)
                continue
            horizon = 30 if roll < 0.6 else 150 if roll < 0.85 else 700
            last_day = as_of - dt.timedelta(days=rng.randint(0, horizon))
            seen.append(max(last_day, added))
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
        yield f"712020:{rng.getrandbits(128):032x}", name, email, status, added, seen, groups
    # a few accounts admins must never lose
    for name, email, group in (
        ("Site Admin", f"admin@{DOMAIN}", "site-admins,org-admins,Atlassian-Jira-Users"),
        ("Build Bot", f"build-bot@{DOMAIN}", "service-accounts,jira-software-users"),
    ):
        yield (
            f"712020:{rng.getrandbits(128):032x}",
            name,
            email,
            "Active",
            as_of - dt.timedelta(days=2_000),
            [None] * len(sites),
            group.split(","),
        )


def generate_atlassian_export(
    users: int,
    *,
    seed: int = 7,
    as_of: dt.date | None = None,
    team_groups: int = 30,
    sites: tuple[tuple[str, str], ...] = SITES,
    odd: float = 0.0,
    layout: str = "atlassian",
) -> str:
    """CSV text of an Atlassian "Export users" file with a realistic mix of users.

    ``sites`` are the (product, site) pairs with a "Last seen in" column; sites beyond the
    first three are used by fewer people. ``odd`` is the share of users given an odd name
    and, separately, an odd email (:data:`ODD_NAMES`, :data:`ODD_EMAILS`). ``layout="generic"``
    writes the same people in the generic format (latest last-seen over all sites, ISO dates,
    ``;``-separated groups). The defaults reproduce the demo organisation exactly.
    """
    as_of = as_of or dt.date.today()
    if layout not in ("atlassian", "generic"):
        raise ValueError(f"unknown layout {layout!r}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    people = _people(users, seed=seed, as_of=as_of, team_groups=team_groups, sites=sites, odd=odd)
    if layout == "generic":
        writer.writerow(GENERIC_HEADER)
        for _id, name, email, status, added, seen, groups in people:
            days = [d for d in seen if d is not None]
            writer.writerow(
                [
                    email,
                    name,
                    status.lower(),
                    max(days).isoformat() if days else "",
                    added.isoformat(),
                    ";".join(groups),
                ]
            )
        return out.getvalue()
    writer.writerow(
        [*HEADER[:5], *(f"Last seen in {product} - {site}" for product, site in sites), HEADER[-1]]
    )
    for account_id, name, email, status, added, seen, groups in people:
        writer.writerow(
            [
                account_id,
                name,
                email,
                status,
                _date(added),
                *("Never accessed" if d is None else _date(d) for d in seen),
                ",".join(groups),
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
    # The users are in; the rest takes well under a second and is not cancelled half-way.
    progress.report(0.6, "Configuring Microsoft Entra ID")
    ws.save_entra_settings(
        EntraSettings(
            provisioning_enabled=True,
            synced_groups=ENTRA_GROUPS,
            verified_domains=(DOMAIN, VENDOR_DOMAIN),
        )
    )
    ws.save_protection(Protection(users=(f"admin@{DOMAIN}",), groups=("service-accounts",)))
    progress.report(0.7, "Recording past cleanups")
    now = dt.datetime.now().replace(microsecond=0)
    past = (
        ("Quarterly licence review", Action.REVIEW, ("jira-software-users", "confluence-users"), 90, 63, ()),
        ("Entra: Jira and Confluence, 60 days", Action.ENTRA, ENTRA_GROUPS[:2], 60, 21, ()),
        (
            "Contractors idle 30 days",
            Action.ENTRA,
            (*ENTRA_GROUPS, "jira-software-users"),
            30,
            2,
            (VENDOR_DOMAIN,),
        ),
    )
    for name, action, groups, days, ago, domains in past:
        criteria = Criteria(
            target_groups=groups, inactive_days=days, as_of=today - dt.timedelta(days=ago), domains=domains
        )
        run_cleanup(ws, name, criteria, action, run_at=now - dt.timedelta(days=ago, hours=2))
    progress.report(1.0, "Demo workspace ready")
