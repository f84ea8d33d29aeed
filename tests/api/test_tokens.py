"""Personal access tokens: made once, kept only as a hash, scoped, revoked,
expired, capped, and refused for a shop that may not act."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from market.api.models import AccessToken
from market.api.services import access_token_create, access_token_revoke
from market.residents.models import ResidentStatus

from .conftest import bearer, make_token

pytestmark = pytest.mark.django_db


def _problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_a_token_is_shown_once_and_stored_only_as_its_hash(buyer):
    row, token = access_token_create(
        user=buyer, name="Sync", scopes=["orders:read", "orders:read"]
    )

    prefix, secret = token.split("_")[1], token.split("_", 2)[2]
    assert token.startswith(f"cm_{row.prefix}_")
    assert len(prefix) == 8
    assert len(secret) >= 40
    stored = AccessToken.objects.values().get(pk=row.pk)
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert not any(secret in str(value) for value in stored.values())
    assert row.scopes == ["orders:read"]
    assert row.resident is None
    assert row.last_used_at is None


def test_a_token_works_and_notes_its_use_at_most_once_a_minute(client, buyer):
    token = make_token(buyer, ["orders:read"])

    first = client.get("/api/v1/me/orders", **bearer(token))
    used = AccessToken.objects.get().last_used_at
    client.get("/api/v1/me/orders", **bearer(token))

    assert first.status_code == 200
    assert first.json() == {"items": [], "next": None}
    assert used is not None
    assert AccessToken.objects.get().last_used_at == used
    AccessToken.objects.update(last_used_at=used - timedelta(seconds=61))
    client.get("/api/v1/me/orders", **bearer(token))
    assert AccessToken.objects.get().last_used_at > used


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer ",
        "Bearer cm_abcdefgh_notthesecret",
        "Bearer nothing-like-a-token",
        "Bearer cm_ÅÅÅÅÅÅÅÅ_x",
        "Basic dXNlcjpwYXNz",
    ],
)
def test_no_token_or_an_unknown_one_is_a_401_problem(client, buyer, header):
    make_token(buyer, ["orders:read"])
    headers = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get("/api/v1/me/orders", **headers)

    assert response.status_code == 401
    assert _problem(response)["type"] == "/api/v1/problems/unauthenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_tampered_secret_with_a_real_prefix_is_refused(client, buyer):
    token = make_token(buyer, ["orders:read"])

    response = client.get("/api/v1/me/orders", **bearer(token[:-2] + "xx"))

    assert response.status_code == 401
    assert AccessToken.objects.get().last_used_at is None


def test_a_revoked_token_is_refused(client, buyer):
    token = make_token(buyer, ["orders:read"])
    row = AccessToken.objects.get()

    access_token_revoke(user=buyer, token_id=row.pk)
    response = client.get("/api/v1/me/orders", **bearer(token))

    assert response.status_code == 401
    assert AccessToken.objects.get().revoked_at is not None


def test_an_expired_token_is_refused(client, buyer):
    token = make_token(
        buyer, ["orders:read"], expires_at=timezone.now() + timedelta(days=1)
    )
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get("/api/v1/me/orders", **bearer(token))

    assert response.status_code == 401


def test_someone_else_cannot_revoke_a_token(buyer, other_buyer):
    make_token(buyer, ["orders:read"])
    row = AccessToken.objects.get()

    with pytest.raises(AccessToken.DoesNotExist):
        access_token_revoke(user=other_buyer, token_id=row.pk)

    assert AccessToken.objects.get().revoked_at is None


def test_a_missing_scope_is_a_403_naming_it(client, buyer):
    token = make_token(buyer, ["downloads:read"])

    response = client.get("/api/v1/me/orders", **bearer(token))

    assert response.status_code == 403
    assert _problem(response)["detail"] == ("This token lacks the scope “orders:read”.")


def test_a_buyer_token_cannot_use_the_shop_and_the_other_way_round(
    client, buyer, owner, resident
):
    buyer_token = make_token(buyer)
    shop_token = make_token(owner, resident=resident)

    shop = client.get("/api/v1/shop/listings", **bearer(buyer_token))
    me = client.get("/api/v1/me/orders", **bearer(shop_token))

    assert shop.status_code == 403
    assert _problem(shop)["detail"] == (
        "This endpoint needs a token made in your shop dashboard."
    )
    assert me.status_code == 403
    assert _problem(me)["detail"] == (
        "This endpoint needs a token made under your buyer account."
    )


def test_a_suspended_residents_token_is_refused(client, owner, resident):
    token = make_token(owner, resident=resident)
    resident.status = ResidentStatus.SUSPENDED
    resident.save(update_fields=["status"])

    response = client.get("/api/v1/shop/listings", **bearer(token))

    assert response.status_code == 403
    assert _problem(response)["detail"] == (
        "The shop this token acts for is not open: it can do nothing."
    )


def test_a_person_who_left_the_shop_has_a_dead_token(client, owner, resident):
    token = make_token(owner, resident=resident)
    resident.partner.users.remove(owner)

    response = client.get("/api/v1/shop/listings", **bearer(token))

    assert response.status_code == 403
    assert _problem(response)["detail"] == (
        "You are no longer one of the people of this shop."
    )


def test_an_inactive_users_token_is_refused(client, buyer):
    token = make_token(buyer, ["orders:read"])
    buyer.is_active = False
    buyer.save(update_fields=["is_active"])

    assert client.get("/api/v1/me/orders", **bearer(token)).status_code == 401


def test_a_token_for_a_shop_needs_one_of_its_open_people(
    buyer, owner, resident, other_resident
):
    with pytest.raises(PermissionDenied):
        access_token_create(
            user=buyer, name="x", scopes=["listings:read"], resident=resident
        )
    resident.status = ResidentStatus.SUSPENDED
    resident.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        access_token_create(
            user=owner, name="x", scopes=["listings:read"], resident=resident
        )

    assert AccessToken.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "scopes", "resident_token", "field"),
    [
        ("", ["orders:read"], False, "name"),
        ("two\nlines", ["orders:read"], False, "name"),
        ("x" * 101, ["orders:read"], False, "name"),
        ("Sync", [], False, "scopes"),
        ("Sync", ["listings:write"], False, "scopes"),
        ("Sync", ["downloads:read"], True, "scopes"),
        ("Sync", ["admin"], True, "scopes"),
    ],
)
def test_bad_token_input_is_refused(
    owner, resident, name, scopes, resident_token, field
):
    with pytest.raises(ValidationError) as refused:
        access_token_create(
            user=owner,
            name=name,
            scopes=scopes,
            resident=resident if resident_token else None,
        )

    assert list(refused.value.message_dict) == [field]
    assert AccessToken.objects.count() == 0


def test_an_expiry_in_the_past_is_refused(buyer):
    with pytest.raises(ValidationError) as refused:
        access_token_create(
            user=buyer,
            name="Sync",
            scopes=["orders:read"],
            expires_at=timezone.now() - timedelta(minutes=1),
        )

    assert list(refused.value.message_dict) == ["expires_at"]
    assert AccessToken.objects.count() == 0


def test_live_tokens_are_capped_per_user(buyer, settings):
    settings.MARKET_API_TOKENS_PER_USER = 2
    make_token(buyer, ["orders:read"])
    make_token(buyer, ["orders:read"])

    with pytest.raises(ValidationError) as refused:
        make_token(buyer, ["orders:read"])

    assert refused.value.messages == [
        "You have 2 live tokens, the most allowed: revoke one first."
    ]
    assert AccessToken.objects.count() == 2
    access_token_revoke(user=buyer, token_id=AccessToken.objects.first().pk)
    make_token(buyer, ["orders:read"])
    assert AccessToken.objects.count() == 3


def test_the_token_is_not_logged_on_a_server_error(client, buyer, caplog, monkeypatch):
    token = make_token(buyer, ["orders:read"])

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("market.api.buyer.keyset_page", broken)
    response = client.get("/api/v1/me/orders", **bearer(token))

    assert response.status_code == 500
    assert token not in caplog.text
    assert token.split("_", 2)[2] not in response.content.decode()


def test_the_schema_lists_the_token_routes_with_bearer_security(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["paths"]["/api/v1/shop/listings"]["get"]["security"] == [
        {"ResidentToken": []}
    ]
    assert schema["paths"]["/api/v1/me/orders"]["get"]["security"] == [
        {"BuyerToken": []}
    ]
    assert schema["components"]["securitySchemes"]["BuyerToken"] == {
        "type": "http",
        "scheme": "bearer",
    }
