"""Registration and password reset never tell a stranger whether an address
has an account: the page answers the same ("we sent you an e-mail") and only
the owner of the address learns, by e-mail, what happened. A new account
works once its owner follows the link mailed to the address."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from market.accounts.models import User
from market.mail.models import OutgoingEmail
from tests.factories import DEFAULT_PASSWORD, UserFactory

from .helpers import link_in, mails_to, subject

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kelaghayi silk 1908"


def _register(client, email, password=NEW_PASSWORD, repeat=None):
    return client.post(
        "/shop/accounts/login/",
        {
            "registration-email": email,
            "registration-password1": password,
            "registration-password2": repeat or password,
            "registration_submit": "1",
        },
    )


def _signed_in(client):
    return SESSION_KEY in client.session


def test_a_new_address_gets_an_inactive_account_and_a_link():
    client = Client()

    response = _register(client, "leyla@example.az")

    user = User.objects.get(email="leyla@example.az")
    (email,) = mails_to("leyla@example.az")
    assert response.status_code == 302
    assert response["Location"] == "/shop/accounts/register/sent/"
    assert (user.is_active, user.email_confirmed) == (False, False)
    assert user.check_password(NEW_PASSWORD)
    assert not _signed_in(client)
    assert email.subject == subject("Confirm your address to finish signing up")


def test_following_the_link_once_opens_the_account_and_signs_in():
    _register(Client(), "leyla@example.az")
    path = link_in(mails_to("leyla@example.az")[0])
    client = Client()

    shown = client.get(path)
    confirmed = client.post(path)
    again = Client().post(path)

    user = User.objects.get(email="leyla@example.az")
    assert shown.status_code == 200
    assert User.objects.get(email="leyla@example.az").is_active
    assert confirmed.status_code == 302
    assert _signed_in(client)
    assert (user.is_active, user.email_confirmed) == (True, True)
    assert again.status_code == 400
    with translation.override("az"):
        refused = gettext(
            "This link cannot be used: it is wrong, was already used, or has expired."
        )
    assert refused in again.content.decode()


def test_opening_the_link_without_pressing_the_button_changes_nothing():
    _register(Client(), "leyla@example.az")
    path = link_in(mails_to("leyla@example.az")[0])

    Client().get(path)

    assert not User.objects.get(email="leyla@example.az").is_active


def test_an_unconfirmed_account_cannot_sign_in():
    _register(Client(), "leyla@example.az")
    client = Client()

    response = client.post(
        "/shop/accounts/login/",
        {
            "login-username": "leyla@example.az",
            "login-password": NEW_PASSWORD,
            "login_submit": "1",
        },
    )

    assert response.status_code == 200
    assert not _signed_in(client)


def test_an_existing_address_is_answered_the_same_and_its_owner_told(buyer):
    before = buyer.password
    for_a_stranger = _register(Client(), "stranger@example.az")
    OutgoingEmail.objects.all().delete()

    for_an_owner = _register(Client(), "Buyer@Example.az", password="hijack 12345")

    buyer.refresh_from_db()
    (email,) = mails_to(buyer.email)
    assert for_an_owner.status_code == for_a_stranger.status_code == 302
    assert for_an_owner["Location"] == for_a_stranger["Location"]
    assert buyer.password == before
    assert buyer.is_active
    assert User.objects.filter(email__iexact="buyer@example.az").count() == 1
    assert OutgoingEmail.objects.count() == 1
    assert email.subject == subject("You already have an account")
    assert "/shop/accounts/login/" in email.body
    assert "/shop/password-reset/" in email.body


def test_registering_again_before_confirming_sends_a_new_link_and_spends_the_old():
    _register(Client(), "leyla@example.az", password="first password 1")
    first = link_in(mails_to("leyla@example.az")[0])
    cache.clear()  # a minute later

    _register(Client(), "leyla@example.az", password="second password 2")

    second = link_in(mails_to("leyla@example.az")[1])
    user = User.objects.get(email="leyla@example.az")
    assert User.objects.filter(email="leyla@example.az").count() == 1
    assert user.check_password("second password 2")
    assert Client().post(first).status_code == 400
    assert Client().post(second).status_code == 302


def test_an_account_staff_deactivated_is_not_reopened_by_registering(buyer):
    buyer.is_active = False
    buyer.save()

    _register(Client(), buyer.email, password="new password 99")

    buyer.refresh_from_db()
    (email,) = mails_to(buyer.email)
    assert email.subject == subject("You already have an account")
    assert not buyer.is_active
    assert not buyer.check_password("new password 99")


def test_a_form_error_is_shown_and_nothing_is_made():
    response = _register(Client(), "leyla@example.az", repeat="something else 1")

    assert response.status_code == 200
    assert not User.objects.filter(email="leyla@example.az").exists()
    assert OutgoingEmail.objects.count() == 0


def test_the_registration_page_of_its_own_behaves_the_same(buyer):
    response = Client().post(
        "/shop/accounts/register/",
        {
            "email": buyer.email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/shop/accounts/register/sent/"
    assert [m.subject for m in mails_to(buyer.email)] == [
        subject("You already have an account")
    ]


def test_password_reset_answers_the_same_and_mails_only_an_owner(buyer):
    known = Client().post("/shop/password-reset/", {"email": buyer.email})
    unknown = Client().post("/shop/password-reset/", {"email": "nobody@example.az"})

    (email,) = mails_to(buyer.email)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert OutgoingEmail.objects.count() == 1
    assert email.subject == subject("Set a new password")
    path = link_in(email)
    assert path.startswith("/shop/password-reset/confirm/")
    owner = Client()
    form_page = owner.get(path)["Location"]
    new_password = owner.post(
        form_page,
        {"new_password1": "a brand new one 7", "new_password2": "a brand new one 7"},
    )
    buyer.refresh_from_db()
    assert new_password.status_code == 302
    assert buyer.check_password("a brand new one 7")


def test_password_reset_for_an_unconfirmed_account_sends_the_link_again():
    _register(Client(), "leyla@example.az")
    cache.clear()  # a minute later

    Client().post("/shop/password-reset/", {"email": "leyla@example.az"})

    subjects = [m.subject for m in mails_to("leyla@example.az")]
    assert subjects == [subject("Confirm your address to finish signing up")] * 2


def test_a_forged_or_odd_link_is_refused():
    UserFactory(email="someone@example.az")
    for path in (
        "/shop/accounts/confirm/MQ/abc-def/",
        "/shop/accounts/confirm/%F0%9F%98%80/x/",
        "/shop/accounts/confirm/OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5/x/",
        "/shop/accounts/address/confirm/not-a-token/",
    ):
        assert Client().post(path).status_code == 400, path


def test_the_already_registered_owner_can_still_sign_in(buyer):
    _register(Client(), buyer.email)
    client = Client()

    response = client.post(
        "/shop/accounts/login/",
        {
            "login-username": buyer.email,
            "login-password": DEFAULT_PASSWORD,
            "login_submit": "1",
        },
    )

    assert response.status_code == 302
    assert _signed_in(client)


def test_repeating_the_forms_cannot_flood_an_inbox(buyer):
    for _attempt in range(10):
        _register(Client(), "leyla@example.az", password="first password 1")
        _register(Client(), buyer.email)
        Client().post("/shop/password-reset/", {"email": buyer.email})

    assert [m.subject for m in mails_to("leyla@example.az")] == [
        subject("Confirm your address to finish signing up")
    ]
    assert [m.subject for m in mails_to(buyer.email)] == [
        subject("You already have an account"),
        subject("Set a new password"),
    ]
    assert User.objects.get(email="leyla@example.az").check_password("first password 1")
