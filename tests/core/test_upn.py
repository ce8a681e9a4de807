"""Entra UPN rules: every skip reason, domain rewrites and verified domains."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.models import EntraSettings
from app.core.upn import entra_upn, entra_upns

PLAIN = EntraSettings()


@pytest.mark.parametrize(
    ("email", "upn"),
    [
        ("Anna.Smith@Contoso.COM", "anna.smith@contoso.com"),
        ("o'neil_x-y!z#a^b~c@contoso.com", "o'neil_x-y!z#a^b~c@contoso.com"),
        (" padded@contoso.com ", "padded@contoso.com"),
        ("a" * 64 + "@" + "d" * 44 + ".com", "a" * 64 + "@" + "d" * 44 + ".com"),
    ],
)
def test_valid_upns(email: str, upn: str) -> None:
    assert entra_upn(email, PLAIN) == (upn, None)


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        (None, "no email"),
        ("", "no email"),
        ("   ", "no email"),
        (float("nan"), "no email"),
        ("no-at-sign", "not an email address (needs exactly one '@')"),
        ("a@b@contoso.com", "not an email address (needs exactly one '@')"),
        ("@contoso.com", "empty local part in UPN"),
        ("anna+jira@contoso.com", "invalid character '+' in UPN"),
        ("anna smith@contoso.com", "invalid character ' ' in UPN"),
        ("zoë@contoso.com", "accented letter 'ë' in UPN"),
        (".anna@contoso.com", "UPN local part starts or ends with '.'"),
        ("anna.@contoso.com", "UPN local part starts or ends with '.'"),
        ("anna..smith@contoso.com", "'..' in UPN"),
        ("a" * 65 + "@contoso.com", "UPN local part longer than 64 characters"),
        ("a@" + "d" * 45 + ".com", "UPN domain longer than 48 characters"),
        ("a@bücher.de", "accented letter 'ü' in UPN domain"),
        ("a@contoso_corp.com", "invalid character '_' in UPN domain"),
        ("a@localhost", "'localhost' is not a valid domain"),
    ],
)
def test_skip_reasons(email: object, reason: str) -> None:
    assert entra_upn(email, PLAIN) == (None, reason)  # type: ignore[arg-type]


def test_domain_rewrite_then_verified_domains() -> None:
    settings = EntraSettings(
        upn_domain_rewrites=(("contoso.co.uk", "contoso.com"),), verified_domains=("contoso.com",)
    )
    assert entra_upn("Ann@Contoso.co.uk", settings) == ("ann@contoso.com", None)
    assert entra_upn("ann@contoso.com", settings) == ("ann@contoso.com", None)
    assert entra_upn("ann@fabrikam.com", settings) == (None, "domain not verified")


def test_vector_form_matches_scalar() -> None:
    emails = pd.Series(["A@x.com", None, "b+c@x.com", "A@x.com"], dtype=object)
    upn, reason = entra_upns(emails, PLAIN)
    assert upn.tolist() == ["a@x.com", None, None, "a@x.com"]
    assert reason.tolist() == [None, "no email", "invalid character '+' in UPN", None]


EMAILS = st.one_of(
    st.none(),
    st.from_regex(r"[A-Za-z0-9'._!#^~+ é-]{0,70}@[a-z0-9.é_-]{0,52}", fullmatch=True),
    st.text(max_size=30),
)
SETTINGS = st.sampled_from(
    [
        EntraSettings(),
        EntraSettings(verified_domains=("contoso.com", "a.io")),
        EntraSettings(upn_domain_rewrites=(("old.com", "contoso.com"),), verified_domains=("contoso.com",)),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(EMAILS, max_size=20), SETTINGS)
def test_vector_form_agrees_with_the_rules_for_any_input(
    emails: list[str | None], config: EntraSettings
) -> None:
    upn, reason = entra_upns(pd.Series(emails, dtype=object), config)
    assert list(zip(upn, reason, strict=True)) == [entra_upn(e, config) for e in emails]
