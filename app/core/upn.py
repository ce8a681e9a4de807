"""Which emails can be written as Microsoft Entra ID user principal names, and why not.

UPN = email, lower-cased, after the configured domain rewrites. Entra accepts a local part of
A-Z a-z 0-9 ' . - _ ! # ^ ~ only, not starting or ending with '.', without '..', of at most
64 characters, and a domain of at most 48 characters (113 in all).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

import pandas as pd

from app.core.models import EntraSettings

ALLOWED_LOCAL = frozenset(string.ascii_letters + string.digits + "'.-_!#^~")
MAX_LOCAL = 64
MAX_DOMAIN = 48
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def valid_domain(domain: str) -> bool:
    """A lower-case DNS name with at least one dot, e.g. ``contoso.com``."""
    return bool(_DOMAIN.match(domain))


def unique_sorted_upns(upns: Iterable[str]) -> list[str]:
    """De-duplicated case-insensitively (first spelling kept), sorted."""
    seen: dict[str, str] = {}
    for upn in upns:
        seen.setdefault(upn.casefold(), upn)
    return [seen[key] for key in sorted(seen)]


def _bad_character(text: str, allowed: Iterable[str]) -> str | None:
    allowed = frozenset(allowed)
    for ch in text:
        if ch not in allowed:
            if ch.isalpha() and not ch.isascii():
                return f"accented letter '{ch}' in UPN"
            return f"invalid character '{ch}' in UPN"
    return None


def entra_upn(email: str | None, settings: EntraSettings) -> tuple[str | None, str | None]:
    """``(upn, None)`` when the email makes a valid UPN, else ``(None, reason)``."""
    if email is None or pd.isna(email) or not str(email).strip():
        return None, "no email"
    upn = str(email).strip().lower()
    if upn.count("@") != 1:
        return None, "not an email address (needs exactly one '@')"
    local, domain = upn.split("@")
    domain = dict(settings.upn_domain_rewrites).get(domain, domain)
    if not local:
        return None, "empty local part in UPN"
    problem = _bad_character(local, ALLOWED_LOCAL)
    if problem:
        return None, problem
    if local.startswith(".") or local.endswith("."):
        return None, "UPN local part starts or ends with '.'"
    if ".." in local:
        return None, "'..' in UPN"
    if len(local) > MAX_LOCAL:
        return None, f"UPN local part longer than {MAX_LOCAL} characters"
    problem = _bad_character(domain, string.ascii_lowercase + string.digits + ".-")
    if problem:
        return None, problem.replace("in UPN", "in UPN domain")
    if not valid_domain(domain):
        return None, f"'{domain}' is not a valid domain"
    if len(domain) > MAX_DOMAIN:
        return None, f"UPN domain longer than {MAX_DOMAIN} characters"
    if settings.verified_domains and domain not in settings.verified_domains:
        return None, "domain not verified"
    return f"{local}@{domain}", None


_VALID_UPN = re.compile(
    r"(?!\.)(?!.*\.\.)[a-z0-9'._!#^~-]{1,64}(?<!\.)"  # local part (lower-cased)
    r"@(?=.{1,48}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"  # domain
)


def entra_upns(emails: pd.Series, settings: EntraSettings) -> tuple[pd.Series, pd.Series]:
    """Vector form of :func:`entra_upn`: (upn, skip_reason) aligned with ``emails``.

    Valid addresses are recognised with one regular expression; only the rejected ones go
    through :func:`entra_upn` to name the reason.
    """
    rewrites = dict(settings.upn_domain_rewrites)
    verified = frozenset(settings.verified_domains)
    upns: list[str | None] = []
    reasons: list[str | None] = []
    for email in emails.tolist():
        upn = None
        if isinstance(email, str):
            candidate = email.strip().lower()
            local, at, domain = candidate.rpartition("@")
            if rewrites and at:
                domain = rewrites.get(domain, domain)
                candidate = local + at + domain
            if _VALID_UPN.fullmatch(candidate) and (not verified or domain in verified):
                upn = candidate
        upns.append(upn)
        reasons.append(None if upn is not None else entra_upn(email, settings)[1])
    return (
        pd.Series(upns, index=emails.index, dtype=object),
        pd.Series(reasons, index=emails.index, dtype=object),
    )
