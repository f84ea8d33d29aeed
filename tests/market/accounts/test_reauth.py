"""Changing the account's address or password needs the password typed in the
last MARKET_REAUTH_MINUTES; a new address works only once the link mailed to
it is opened, and the old address is told at each step."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from market.mail.models import OutgoingEmail
from tests.factories import DEFAULT_PASSWORD, UserFactory

from .helpers import link_in, mails_to, signed_in, subject

pytestmark = pytest.mark.django_db

PROFILE_EDIT = "/shop/accounts/profile/edit/"
PASSWORD_CHANGE = "/shop/accounts/change-password/"


def _edit_profile(client, email, first_name="Aysel"):
    return client.post(
        PROFILE_EDIT,
        {"first_name": first_name, "last_name": "Məmmədova", "email": email},
    )


def test_a_session_older_than_the_limit_is_asked_for_the_password(buyer):
    client = signed_in(buyer, minutes_ago=11)

    page = client.get(PROFILE_EDIT)
    change = _edit_profile(client, "new@example.az", first_name="Changed")

    buyer.refresh_from_db()
    reauth = f"{reverse('accounts:reauth')}?next="
    assert page.status_code == change.status_code == 302
    assert page["Location"].startswith(reauth)
    assert change["Location"].startswith(reauth)
    assert (buyer.email, buyer.first_name) == ("buyer@example.az", "Aysel")
    assert OutgoingEmail.objects.count() == 0


def test_typing_the_password_again_brings_the_person_back(buyer):
    client = signed_in(buyer, minutes_ago=30)
    url = reverse("accounts:reauth")

    wrong = client.post(url, {"password": "not it", "next": PROFILE_EDIT})
    still_asked = client.get(PROFILE_EDIT)
    right = client.post(url, {"password": DEFAULT_PASSWORD, "next": PROFILE_EDIT})
    page = client.get(PROFILE_EDIT)

    with translation.override("az"):
        assert gettext("This is not your password.") in wrong.content.decode()
    assert wrong.status_code == 200
    assert still_asked.status_code == 302
    assert right.status_code == 302
    assert right["Location"] == PROFILE_EDIT
    assert page.status_code == 200


def test_the_password_page_counts_towards_the_lock_out(buyer):
    client = signed_in(buyer, minutes_ago=30)
    url = reverse("accounts:reauth")
    for _attempt in range(5):
        client.post(url, {"password": "guess"})

    response = client.post(url, {"password": DEFAULT_PASSWORD, "next": PROFILE_EDIT})

    assert response.status_code == 429
    assert client.get(PROFILE_EDIT).status_code == 302


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_the_password_page_never_sends_elsewhere(buyer, target):
    client = signed_in(buyer, minutes_ago=30)

    response = client.post(
        reverse("accounts:reauth"), {"password": DEFAULT_PASSWORD, "next": target}
    )

    assert response["Location"] == "/"


def test_the_password_page_asks_a_stranger_to_sign_in():
    response = Client().get(reverse("accounts:reauth"))

    assert response.status_code == 302
    assert response["Location"].startswith("/shop/accounts/login/")


def test_a_new_address_changes_only_when_its_link_is_opened(buyer):
    client = signed_in(buyer)

    response = _edit_profile(client, "Aysel.New@Example.az", first_name="Aysel")

    buyer.refresh_from_db()
    (to_new,) = mails_to("Aysel.New@example.az")
    (to_old,) = mails_to("buyer@example.az")
    assert response.status_code == 302
    assert buyer.email == "buyer@example.az"
    assert to_new.subject == subject("Confirm your new address")
    assert to_old.subject == subject("A change of your address was asked for")
    assert "Aysel.New@example.az" in to_old.body

    path = link_in(to_new)
    assert Client().get(path).status_code == 200
    buyer.refresh_from_db()
    assert buyer.email == "buyer@example.az"

    confirmed = Client().post(path)
    again = Client().post(path)

    buyer.refresh_from_db()
    assert confirmed.status_code == 302
    assert buyer.email == "Aysel.New@example.az"
    assert again.status_code == 400
    assert [m.subject for m in mails_to("buyer@example.az")] == [
        subject("A change of your address was asked for"),
        subject("Your account has a new address"),
    ]


def test_asking_for_a_taken_address_tells_only_its_owner(buyer):
    owner = UserFactory(email="taken@example.az")
    client = signed_in(buyer)

    response = _edit_profile(client, "TAKEN@example.az")
    page = client.get(response["Location"]).content.decode()

    buyer.refresh_from_db()
    owner.refresh_from_db()
    assert response.status_code == 302
    assert buyer.email == "buyer@example.az"
    assert owner.email == "taken@example.az"
    assert [m.subject for m in mails_to("taken@example.az")] == [
        subject("Someone tried to move an account to your address")
    ]
    with translation.override("az"):
        sent = gettext(
            "We sent a link to %(email)s. Your address changes when you open it."
        ) % {"email": "TAKEN@example.az"}
    assert sent in page.replace("&#x27;", "'")


def test_a_link_for_an_address_taken_meanwhile_is_refused(buyer):
    _edit_profile(signed_in(buyer), "new@example.az")
    path = link_in(mails_to("new@example.az")[0])
    UserFactory(email="new@example.az")

    response = Client().post(path)

    buyer.refresh_from_db()
    assert response.status_code == 400
    assert buyer.email == "buyer@example.az"


def test_changing_the_password_needs_a_recent_password_and_tells_the_owner(buyer):
    form = {
        "old_password": DEFAULT_PASSWORD,
        "new_password1": "a fresh one 2026",
        "new_password2": "a fresh one 2026",
    }
    stale = signed_in(buyer, minutes_ago=11).post(PASSWORD_CHANGE, form)
    buyer.refresh_from_db()
    assert stale.status_code == 302
    assert stale["Location"].startswith(reverse("accounts:reauth"))
    assert buyer.check_password(DEFAULT_PASSWORD)

    fresh = signed_in(buyer).post(PASSWORD_CHANGE, form)

    buyer.refresh_from_db()
    assert fresh.status_code == 302
    assert buyer.check_password("a fresh one 2026")
    assert [m.subject for m in mails_to("buyer@example.az")] == [
        subject("Your password was changed")
    ]


def test_the_limit_comes_from_settings(buyer, settings):
    settings.MARKET_REAUTH_MINUTES = 60

    assert signed_in(buyer, minutes_ago=30).get(PROFILE_EDIT).status_code == 200
    assert signed_in(buyer, minutes_ago=61).get(PROFILE_EDIT).status_code == 302


def test_signing_in_counts_as_typing_the_password(buyer):
    client = Client()
    client.post(
        "/shop/accounts/login/",
        {
            "login-username": buyer.email,
            "login-password": DEFAULT_PASSWORD,
            "login_submit": "1",
        },
    )

    assert client.get(PROFILE_EDIT).status_code == 200


def test_the_admin_changes_neither_address_nor_password(client, staff):
    client.force_login(staff)

    account_page = client.get("/cms/account/")
    account = account_page.content.decode()
    reset = client.get("/cms/password_reset/")

    assert account_page.status_code == 200
    assert 'name="email"' not in account
    assert 'name="new_password1"' not in account
    assert reset.status_code == 404
