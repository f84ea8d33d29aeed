"""Password guessing is stopped on every sign-in form: the shop's, the
Wagtail admin's and Oscar's dashboard's. After MARKET_LOCKOUT_FAILURES
failures for one address (whatever its case) or from one IP address, sign-in
is refused with our 429 page, even with the right password, until the
cool-off passes or staff unlock it; the refusal reads the same for an address
with no account."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SHOP_LOGIN = "/shop/accounts/login/"


def _shop(client, email, password, ip="10.0.0.1"):
    return client.post(
        SHOP_LOGIN,
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=ip,
    )


def _cms(client, email, password, ip="10.0.0.1"):
    return client.post(
        "/cms/login/", {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def _dashboard(client, email, password, ip="10.0.0.1"):
    return client.post(
        "/dashboard/login/", {"username": email, "password": password}, REMOTE_ADDR=ip
    )


DOORS = {"shop": _shop, "cms": _cms, "dashboard": _dashboard}


def _signed_in(client) -> bool:
    return SESSION_KEY in client.session


def _paused_text(minutes=15):
    with translation.override("az"):
        return ngettext(
            "Signing in is paused for this address and this connection. "
            "Try again in %(minutes)s minute.",
            "Signing in is paused for this address and this connection. "
            "Try again in %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}


@pytest.mark.parametrize("door", sorted(DOORS))
def test_five_wrong_passwords_lock_the_account_on_each_door(door, staff):
    sign_in = DOORS[door]
    for _attempt in range(4):
        response = sign_in(Client(), staff.email, "wrong password")
        assert response.status_code == 200

    fifth = sign_in(Client(), staff.email, "wrong password")
    client = Client()
    right = sign_in(client, staff.email, DEFAULT_PASSWORD)

    assert fifth.status_code == right.status_code == 429
    assert right["Retry-After"] == "900"
    assert _paused_text() in right.content.decode()
    assert not _signed_in(client)


def test_the_lock_holds_across_doors_and_letter_case(staff):
    for _attempt in range(5):
        _shop(Client(), staff.email.upper(), "wrong password")
    client = Client()

    response = _cms(client, f"  {staff.email}", DEFAULT_PASSWORD, ip="10.9.9.9")

    assert response.status_code == 429
    assert not _signed_in(client)


def test_one_address_guessing_many_accounts_is_locked_out(buyer):
    others = [UserFactory(email=f"victim{n}@example.az") for n in range(5)]
    for other in others:
        _shop(Client(), other.email, "wrong password", ip="203.0.113.7")
    client = Client()

    from_the_guesser = _shop(client, buyer.email, DEFAULT_PASSWORD, ip="203.0.113.7")
    from_elsewhere = _shop(Client(), buyer.email, DEFAULT_PASSWORD, ip="198.51.100.1")

    assert from_the_guesser.status_code == 429
    assert not _signed_in(client)
    assert from_elsewhere.status_code == 302


def test_an_unknown_address_is_refused_exactly_like_a_real_one(buyer):
    for _attempt in range(5):
        _shop(Client(), buyer.email, "wrong", ip="10.0.0.1")
        _shop(Client(), "nobody@example.az", "wrong", ip="10.0.0.2")

    real = _shop(Client(), buyer.email, "wrong", ip="10.0.0.1")
    unknown = _shop(Client(), "nobody@example.az", "wrong", ip="10.0.0.2")

    assert real.status_code == unknown.status_code == 429
    assert _without_tokens(real) == _without_tokens(unknown)


def _without_tokens(response) -> str:
    """The page without what differs on every response (CSRF token, nonce)."""
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    return re.sub(r'nonce="[^"]*"', "", text)


def test_failures_below_the_limit_are_forgotten_after_a_success(buyer):
    for _attempt in range(4):
        _shop(Client(), buyer.email, "wrong")
    assert _shop(Client(), buyer.email, DEFAULT_PASSWORD).status_code == 302
    for _attempt in range(4):
        _shop(Client(), buyer.email, "wrong")
    client = Client()

    response = _shop(client, buyer.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert _signed_in(client)


def test_the_lock_ends_after_the_cool_off(buyer, settings):
    for _attempt in range(5):
        _shop(Client(), buyer.email, "wrong")
    assert _shop(Client(), buyer.email, DEFAULT_PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timedelta(minutes=15, seconds=1)
    )
    client = Client()

    response = _shop(client, buyer.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert _signed_in(client)


def test_attempts_during_the_lock_do_not_make_it_longer(buyer):
    for _attempt in range(5):
        _shop(Client(), buyer.email, "wrong")
    locked_at = AccessAttempt.objects.get().attempt_time
    _shop(Client(), buyer.email, "wrong")
    _shop(Client(), buyer.email, DEFAULT_PASSWORD)

    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_no_password_is_stored_with_the_failures(buyer):
    _shop(Client(), buyer.email, "my-secret-guess")
    _cms(Client(), buyer.email, "other-secret-guess")

    stored = " ".join(
        f"{row.username} {row.get_data} {row.post_data}"
        for row in AccessAttempt.objects.all()
    )
    assert AccessAttempt.objects.count() == 1
    assert "secret-guess" not in stored


def test_the_limit_and_cool_off_come_from_settings(buyer, settings):
    settings.MARKET_LOCKOUT_FAILURES = 2
    settings.MARKET_LOCKOUT_COOLOFF_MINUTES = 60
    _shop(Client(), buyer.email, "wrong")
    _shop(Client(), buyer.email, "wrong")

    response = _shop(Client(), buyer.email, DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert _paused_text(60) in response.content.decode()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "counted"),
    [
        (0, "1.1.1.1", "10.0.0.5"),
        (1, "1.1.1.1", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 172.16.0.2", "1.1.1.1"),
        (2, "1.1.1.1", "10.0.0.5"),
    ],
)
def test_the_client_ip_behind_trusted_proxies(
    buyer, settings, proxies, forwarded, counted
):
    settings.MARKET_TRUSTED_PROXY_COUNT = proxies
    Client().post(
        SHOP_LOGIN,
        {"login-username": buyer.email, "login-password": "x", "login_submit": "1"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=forwarded,
    )

    assert AccessAttempt.objects.get().ip_address == counted


def _lockouts_page(client):
    return client.get(reverse("account_lockouts")).content.decode()


def test_staff_see_and_unlock_an_address(client, staff, buyer):
    for _attempt in range(5):
        _shop(Client(), buyer.email, "wrong", ip="10.0.0.1")
    client.force_login(staff)

    page = _lockouts_page(client)
    response = client.post(reverse("account_unlock"), {"username": buyer.email})
    signed = Client()
    after = _shop(signed, buyer.email, DEFAULT_PASSWORD, ip="10.0.0.2")

    assert buyer.email in page
    with translation.override("az"):
        assert gettext("Locked out until %(until)s").split("%")[0] in page
    assert response.status_code == 302
    assert after.status_code == 302
    assert _signed_in(signed)


def test_staff_unlock_an_ip(client, staff, buyer):
    for n in range(5):
        _shop(Client(), f"guess{n}@example.az", "wrong", ip="203.0.113.9")
    client.force_login(staff)

    assert "203.0.113.9" in _lockouts_page(client)
    client.post(reverse("account_unlock"), {"ip_address": "203.0.113.9"})

    assert (
        _shop(Client(), buyer.email, DEFAULT_PASSWORD, ip="203.0.113.9").status_code
        == 302
    )


def test_only_staff_with_the_permission_see_or_unlock(client, buyer):
    for _attempt in range(5):
        _shop(Client(), buyer.email, "wrong")
    editor = UserFactory(email="editor@example.az", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    listing = client.get(reverse("account_lockouts"))
    unlock = client.post(reverse("account_unlock"), {"username": buyer.email})

    assert listing.status_code in (302, 403)
    assert unlock.status_code in (302, 403)
    assert AccessAttempt.objects.filter(username=buyer.email).count() == 1
    assert _shop(Client(), buyer.email, DEFAULT_PASSWORD).status_code == 429


def test_unlocking_needs_exactly_one_of_address_or_ip(client, staff, buyer):
    for _attempt in range(5):
        _shop(Client(), buyer.email, "wrong")
    client.force_login(staff)

    client.post(reverse("account_unlock"), {})
    client.post(
        reverse("account_unlock"), {"username": buyer.email, "ip_address": "10.0.0.1"}
    )

    assert AccessAttempt.objects.count() == 1
    assert _shop(Client(), buyer.email, DEFAULT_PASSWORD).status_code == 429
