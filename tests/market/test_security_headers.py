"""Every response carries the Content-Security-Policy (the request's nonce on
the shop's inline script; the staff policy on the Wagtail admin and Oscar's
dashboard; Stripe.js's origins), the Permissions-Policy and the
Referrer-Policy."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";"))
    return {part[0]: part[1:] for part in parts if part}


def test_a_shop_page_runs_only_scripts_with_its_nonce(client):
    response = client.get(reverse("basket:summary"))

    policy = _directives(response[CSP])
    nonces = re.findall(r'<script nonce="([^"]+)">', response.content.decode())
    assert response.status_code == 200
    # Two inline scripts (the head's "js" class, the page's start-up), one nonce.
    assert len(nonces) == 2
    assert len(set(nonces)) == 1
    assert policy["script-src"] == [
        "'self'",
        f"'nonce-{nonces[0]}'",
        "https://js.stripe.com",
        "https://*.js.stripe.com",
    ]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["connect-src"] == ["'self'", "https://api.stripe.com"]
    assert policy["frame-src"] == [
        "'self'",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://js.stripe.com",
        "https://*.js.stripe.com",
        "https://hooks.stripe.com",
    ]


def test_each_response_gets_a_new_nonce(client):
    first = client.get(reverse("basket:summary"))
    second = client.get(reverse("basket:summary"))

    assert first[CSP] != second[CSP]
    assert _directives(first[CSP])["script-src"][1].startswith("'nonce-")


def test_the_policy_follows_a_localstripe_configured_at_run_time(client, settings):
    settings.STRIPE_JS_URL = "http://127.0.0.1:8420/js.stripe.com/v3/"
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"

    policy = _directives(client.get(reverse("basket:summary"))[CSP])

    for directive in ("script-src", "frame-src", "connect-src"):
        assert policy[directive][-1] == "http://127.0.0.1:8420"
        assert policy[directive].count("http://127.0.0.1:8420") == 1


@pytest.mark.parametrize("path", ["/cms/", "/dashboard/", "/en/dashboard/"])
def test_staff_pages_get_the_staff_policy(client, staff, path):
    client.force_login(staff)

    response = client.get(path)

    policy = _directives(response[CSP])
    assert response.status_code == 200
    assert policy["script-src"][:2] == ["'self'", "'unsafe-inline'"]
    assert not any(source.startswith("'nonce-") for source in policy["script-src"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_a_public_path_that_only_looks_like_a_staff_path_gets_the_public_policy(
    client,
):
    response = client.get("/shop/dashboard/")

    assert "'unsafe-inline'" not in _directives(response[CSP])["script-src"]


def test_permissions_and_referrer_policies(client):
    response = client.get(reverse("basket:summary"))

    assert response["Permissions-Policy"] == (
        "browsing-topics=(), camera=(), geolocation=(), microphone=(), "
        'payment=(self "https://js.stripe.com"), usb=()'
    )
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_report_only_mode_sends_the_same_policy_as_a_report(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None

    response = client.get(reverse("basket:summary"))

    assert CSP not in response
    policy = _directives(response[f"{CSP}-Report-Only"])
    assert policy["script-src"][0] == "'self'"
    assert policy["script-src"][1].startswith("'nonce-")
