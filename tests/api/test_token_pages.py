"""The pages that make and revoke tokens: a buyer's under the account, a
resident's in the shop dashboard. The token is shown once; only its owner
sees and revokes it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from market.api.models import AccessToken
from market.api.services import token_hash
from market.residents.models import ResidentStatus
from tests.factories import UserFactory

from .conftest import make_token

pytestmark = pytest.mark.django_db

BUYER_LIST = "/en/shop/accounts/tokens/"
SHOP_LIST = "/en/shop/my-shop/tokens/"


def test_urls_are_the_ones_the_tests_use():
    assert reverse("accounts:tokens").endswith("/shop/accounts/tokens/")
    assert reverse("resident_dashboard:tokens").endswith("/shop/my-shop/tokens/")


def test_a_buyer_makes_a_token_and_sees_it_once(client, buyer):
    client.force_login(buyer)

    made = client.post(
        BUYER_LIST,
        {"name": "Orders sync", "scopes": ["orders:read", "downloads:read"]},
    )
    again = client.get(BUYER_LIST)

    assert made.status_code == 200
    row = AccessToken.objects.get()
    token = made.context["new_token"]
    assert row.token_hash == token_hash(token)
    assert (row.user, row.resident, row.name, row.scopes) == (
        buyer,
        None,
        "Orders sync",
        ["downloads:read", "orders:read"],
    )
    assert token in made.content.decode()
    assert "no-store" in made["Cache-Control"]
    page = again.content.decode()
    assert token not in page
    assert f"cm_{row.prefix}_…" in page
    assert "See your orders, their lines and parcels" in page


def test_the_account_navigation_links_the_tokens_page(client, buyer):
    client.force_login(buyer)

    page = client.get("/en/shop/accounts/profile/").content.decode()

    assert 'href="/en/shop/accounts/tokens/"' in page


def test_a_resident_makes_a_token_for_the_shop(client, owner, resident):
    client.force_login(owner)

    made = client.post(
        SHOP_LIST,
        {
            "name": "Stock sync",
            "scopes": ["listings:read", "stock:write"],
            "expires_on": (timezone.localdate() + timedelta(days=30)),
        },
    )

    assert made.status_code == 200
    row = AccessToken.objects.get()
    assert (row.user, row.resident, row.scopes) == (
        owner,
        resident,
        ["listings:read", "stock:write"],
    )
    assert row.expires_at.date() == timezone.localdate() + timedelta(days=30)
    assert 'href="/en/shop/my-shop/tokens/"' in made.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "scopes": ["orders:read"]}, "name"),
        ({"name": "x", "scopes": []}, "scopes"),
        ({"name": "x", "scopes": ["listings:write"]}, "scopes"),
        (
            {"name": "x", "scopes": ["orders:read"], "expires_on": "2001-01-01"},
            "expires_on",
        ),
        (
            {"name": "x", "scopes": ["orders:read"], "expires_on": "31/31/31"},
            "expires_on",
        ),
    ],
)
def test_bad_input_makes_no_token(client, buyer, data, field):
    client.force_login(buyer)

    response = client.post(BUYER_LIST, data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert AccessToken.objects.count() == 0


def test_revoking_asks_first_then_revokes(client, buyer):
    make_token(buyer, ["orders:read"])
    row = AccessToken.objects.get()
    client.force_login(buyer)
    url = f"/en/shop/accounts/tokens/{row.pk}/revoke/"

    asked = client.get(url)
    row.refresh_from_db()
    assert row.revoked_at is None
    assert f"cm_{row.prefix}_…" in asked.content.decode()
    done = client.post(url)

    assert done.status_code == 302
    assert done["Location"] == "/en/shop/accounts/tokens/"
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_another_persons_token_is_a_404_and_stays(
    client, buyer, other_buyer, owner, resident, other_owner, other_resident
):
    make_token(other_buyer, ["orders:read"])
    make_token(other_owner, resident=other_resident)
    theirs_buyer, theirs_shop = AccessToken.objects.order_by("pk")

    client.force_login(buyer)
    buyer_tries = [
        client.get(f"/en/shop/accounts/tokens/{theirs_buyer.pk}/revoke/"),
        client.post(f"/en/shop/accounts/tokens/{theirs_buyer.pk}/revoke/"),
        # A shop token is not the buyer's either, even when its own.
        client.post(f"/en/shop/accounts/tokens/{theirs_shop.pk}/revoke/"),
    ]
    client.force_login(owner)
    shop_tries = [
        client.get(f"/en/shop/my-shop/tokens/{theirs_shop.pk}/revoke/"),
        client.post(f"/en/shop/my-shop/tokens/{theirs_shop.pk}/revoke/"),
        client.post(f"/en/shop/my-shop/tokens/{theirs_buyer.pk}/revoke/"),
    ]
    listed = client.get(SHOP_LIST).content.decode()

    assert [r.status_code for r in buyer_tries + shop_tries] == [404] * 6
    assert AccessToken.objects.filter(revoked_at__isnull=False).count() == 0
    assert theirs_shop.prefix not in listed


def test_a_co_owner_does_not_see_the_others_shop_token(client, owner, resident):
    make_token(owner, resident=resident)
    row = AccessToken.objects.get()
    partner = UserFactory(email="partner@xalca.az")
    resident.partner.users.add(partner)
    client.force_login(partner)

    assert row.prefix not in client.get(SHOP_LIST).content.decode()
    assert client.post(f"/en/shop/my-shop/tokens/{row.pk}/revoke/").status_code == 404


def test_a_suspended_resident_has_no_token_page(client, owner, resident):
    resident.status = ResidentStatus.SUSPENDED
    resident.save(update_fields=["status"])
    client.force_login(owner)

    response = client.post(SHOP_LIST, {"name": "x", "scopes": ["listings:read"]})

    assert response.status_code == 403
    assert AccessToken.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, buyer):
    make_token(buyer, ["orders:read"])
    row = AccessToken.objects.get()

    pages = [
        client.get(BUYER_LIST),
        client.post(f"/en/shop/accounts/tokens/{row.pk}/revoke/"),
        client.get(SHOP_LIST),
    ]
    shop_object = client.post(f"/en/shop/my-shop/tokens/{row.pk}/revoke/")

    assert [page.status_code for page in pages] == [302, 302, 302]
    assert shop_object.status_code == 403
    row.refresh_from_db()
    assert row.revoked_at is None
