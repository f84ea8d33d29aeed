"""The token pages in Chromium, at a desk's width and a phone's: a resident
makes a token for the shop (shown once), then asks to revoke it; a buyer's
page under the account. No page scrolls sideways on a phone. Screenshots go
to MARKET_SCREENSHOTS when it is set (for a person to look at)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from market.api.models import AccessToken
from market.api.services import token_hash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _look(page, name: str) -> None:
    """No sideways scrolling, and a screenshot when asked for."""
    folder = os.environ.get("MARKET_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)
    assert (
        page.evaluate("document.documentElement.scrollWidth")
        <= (page.viewport_size["width"])
    ), name


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_resident_makes_and_revokes_a_token(
    page, live_server, owner, resident, width
):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    _sign_in(page, live_server, owner)

    page.goto(f"{live_server.url}/en/shop/my-shop/tokens/")
    _look(page, f"shop-tokens-empty-{width}")
    page.fill("input[name=name]", "Stock sync")
    page.check("input[value='listings:read']")
    page.check("input[value='stock:write']")
    page.click("form.access-token-form button[type=submit]")

    token = page.inner_text("code.new-token-value").strip()
    row = AccessToken.objects.get()
    assert row.token_hash == token_hash(token)
    assert row.resident == resident
    _look(page, f"shop-tokens-made-{width}")
    page.click("a.btn-outline-danger")
    _look(page, f"shop-token-revoke-{width}")
    page.click("form.revoke-token button[type=submit]")
    page.wait_for_selector("li.access-token.text-muted")
    row.refresh_from_db()
    assert row.revoked_at is not None


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_buyers_token_page_in_azerbaijani(page, live_server, buyer, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    _sign_in(page, live_server, buyer)

    page.goto(f"{live_server.url}/shop/accounts/tokens/")
    page.fill("input[name=name]", "Sifarişlər")
    page.check("input[value='orders:read']")
    page.click("form.access-token-form button[type=submit]")

    assert page.inner_text("code.new-token-value").startswith("cm_")
    _look(page, f"account-tokens-{width}")
