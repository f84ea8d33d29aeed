"""Two-factor sign-in (TOTP): anyone turns it on with a QR code and a first
code; then every sign-in form (shop, /cms/, Oscar's dashboard) leaves the
session able to reach nothing but the code page until a code is given.
Codes work once; backup codes work once; wrong codes slow down; turning it
off needs the password and a code; staff must use it under production
settings."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from market.accounts import twofactor
from tests.factories import DEFAULT_PASSWORD, UserFactory

from .helpers import mails_to, signed_in, subject

pytestmark = pytest.mark.django_db

SETUP = "/shop/accounts/two-factor/"
VERIFY = "/shop/accounts/two-factor/code/"


def _code(device, steps_ahead=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def _with_two_factor(user) -> tuple[TOTPDevice, list[str]]:
    device = twofactor.setup_device(user)
    codes = twofactor.setup_confirm(user=user, device_pk=device.pk, token=_code(device))
    device.refresh_from_db()
    # The next code must differ from the one used to confirm (codes work once).
    device.last_t = -1
    device.save()
    return device, codes


def _wait_out_the_slowdown(user):
    """As if a minute passed since the last wrong code."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).exclude(
            throttling_failure_timestamp=None
        ).update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=1))


def _text(msgid):
    with translation.override("az"):
        return gettext(msgid)


def test_turning_it_on_with_the_first_code(buyer):
    client = signed_in(buyer)

    page = client.get(SETUP)
    device = TOTPDevice.objects.get(user=buyer)
    shown = page.content.decode()
    wrong = client.post(SETUP, {"device": device.pk, "code": "000000"})
    device.refresh_from_db()
    assert not device.confirmed
    _wait_out_the_slowdown(buyer)

    right = client.post(SETUP, {"device": device.pk, "code": _code(device)})

    device.refresh_from_db()
    codes_page = right.content.decode()
    assert page.status_code == 200
    assert 'class="totp-qr"' in shown
    assert twofactor.secret_text(device) in shown
    assert "<script" not in shown.split('class="totp-qr"')[1].split("</svg>")[0]
    assert wrong.status_code == 200
    assert _text("This code is not right. Try the newest code from your app.") in (
        wrong.content.decode().replace("&#x27;", "'")
    )
    assert right.status_code == 200
    assert device.confirmed
    tokens = list(
        StaticToken.objects.filter(device__user=buyer).values_list("token", flat=True)
    )
    assert len(tokens) == 10
    assert all(token in codes_page for token in tokens)
    assert client.get("/shop/accounts/profile/").status_code == 200


def test_reloading_the_setup_page_shows_the_same_key(buyer):
    client = signed_in(buyer)

    first = client.get(SETUP)
    second = client.get(SETUP)

    assert TOTPDevice.objects.filter(user=buyer).count() == 1
    secret = twofactor.secret_text(TOTPDevice.objects.get(user=buyer))
    assert secret in first.content.decode()
    assert secret in second.content.decode()


def _shop_sign_in(client, user):
    return client.post(
        "/shop/accounts/login/",
        {
            "login-username": user.email,
            "login-password": DEFAULT_PASSWORD,
            "login_submit": "1",
        },
    )


def _cms_sign_in(client, user):
    return client.post(
        "/cms/login/", {"username": user.email, "password": DEFAULT_PASSWORD}
    )


def _dashboard_sign_in(client, user):
    return client.post(
        "/dashboard/login/", {"username": user.email, "password": DEFAULT_PASSWORD}
    )


@pytest.mark.parametrize("door", [_shop_sign_in, _cms_sign_in, _dashboard_sign_in])
def test_every_sign_in_form_then_asks_for_the_code(staff, door):
    device, _codes = _with_two_factor(staff)
    client = Client()

    door(client, staff)
    blocked = {
        path: client.get(path)
        for path in (
            "/shop/accounts/profile/",
            "/cms/",
            "/dashboard/",
            "/en/dashboard/",
        )
    }

    assert SESSION_KEY in client.session
    for path, response in blocked.items():
        language = "/en" if path.startswith("/en/") else ""
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{language}{VERIFY}?next="), path
    code_page = client.get(blocked["/cms/"]["Location"])
    assert code_page.status_code == 200

    given = client.post(VERIFY, {"code": _code(device), "next": "/cms/"})

    assert given.status_code == 302
    assert given["Location"] == "/cms/"
    assert client.get("/cms/").status_code == 200
    assert client.get("/dashboard/").status_code == 200


def test_a_post_while_waiting_for_the_code_changes_nothing(buyer):
    _with_two_factor(buyer)
    client = Client()
    _shop_sign_in(client, buyer)

    response = client.post(
        "/shop/accounts/profile/edit/",
        {"first_name": "Hacked", "last_name": "X", "email": buyer.email},
    )

    buyer.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert buyer.first_name == "Aysel"


def test_a_code_works_once(buyer):
    device, _codes = _with_two_factor(buyer)
    code = _code(device)
    first = Client()
    _shop_sign_in(first, buyer)
    second = Client()
    _shop_sign_in(second, buyer)

    accepted = first.post(VERIFY, {"code": code})
    replayed = second.post(VERIFY, {"code": code})

    assert accepted.status_code == 302
    assert replayed.status_code == 200
    assert second.get("/shop/accounts/profile/").status_code == 302


def test_a_backup_code_works_once(buyer):
    _device, codes = _with_two_factor(buyer)
    first = Client()
    _shop_sign_in(first, buyer)
    second = Client()
    _shop_sign_in(second, buyer)

    accepted = first.post(VERIFY, {"code": codes[0].upper()})
    replayed = second.post(VERIFY, {"code": codes[0]})

    assert accepted.status_code == 302
    assert replayed.status_code == 200
    assert StaticToken.objects.filter(device__user=buyer).count() == 9


def test_wrong_codes_are_slowed_down(buyer):
    device, _codes = _with_two_factor(buyer)
    client = Client()
    _shop_sign_in(client, buyer)
    client.post(VERIFY, {"code": "111111"})
    client.post(VERIFY, {"code": "222222"})

    right_but_too_soon = client.post(VERIFY, {"code": _code(device)})

    text = right_but_too_soon.content.decode()
    with translation.override("az"):
        start = gettext(
            "Too many wrong codes. Wait %(seconds)s seconds, then try the newest code."
        ).split("%(seconds)s")[0]
    assert right_but_too_soon.status_code == 200
    assert start in text
    assert client.get("/shop/accounts/profile/").status_code == 302


def test_the_code_page_never_sends_elsewhere(buyer):
    device, _codes = _with_two_factor(buyer)
    client = Client()
    _shop_sign_in(client, buyer)

    response = client.post(
        VERIFY, {"code": _code(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_signing_out_and_the_language_switch_stay_open(buyer):
    _with_two_factor(buyer)
    client = Client()
    _shop_sign_in(client, buyer)

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    out = client.get("/shop/accounts/logout/")

    assert switched.status_code == 302
    assert not switched["Location"].startswith(VERIFY)
    assert out.status_code == 302
    assert SESSION_KEY not in client.session


def test_turning_it_off_needs_the_password_and_a_code(buyer):
    device, codes = _with_two_factor(buyer)
    client = signed_in(buyer)
    client.post(VERIFY, {"code": codes[0]})
    off = reverse("accounts:twofactor-off")

    no_code = client.post(off, {"password": DEFAULT_PASSWORD, "code": "123456"})
    no_password = client.post(off, {"password": "wrong", "code": codes[1]})
    assert twofactor.is_on(buyer)
    _wait_out_the_slowdown(buyer)

    done = client.post(off, {"password": DEFAULT_PASSWORD, "code": codes[2]})

    assert no_code.status_code == no_password.status_code == 200
    assert done.status_code == 302
    assert not twofactor.is_on(buyer)
    assert not StaticToken.objects.filter(device__user=buyer).exists()


def test_new_backup_codes_replace_the_old(buyer):
    device, old_codes = _with_two_factor(buyer)
    client = signed_in(buyer)
    client.post(VERIFY, {"code": old_codes[0]})

    response = client.post(
        reverse("accounts:twofactor-backup-codes"), {"code": _code(device)}
    )

    new_codes = set(
        StaticToken.objects.filter(device__user=buyer).values_list("token", flat=True)
    )
    assert response.status_code == 200
    assert len(new_codes) == 10
    assert not new_codes & set(old_codes)
    assert all(code in response.content.decode() for code in new_codes)


def test_staff_must_turn_it_on_for_the_admin(staff, settings):
    settings.MARKET_STAFF_REQUIRE_2FA = True
    client = signed_in(staff)

    cms = client.get("/cms/")
    dashboard = client.get("/ru/dashboard/")
    shop = client.get("/shop/accounts/profile/")
    refused_off = None
    device, codes = _with_two_factor(staff)
    client.post(VERIFY, {"code": codes[0]})
    refused_off = client.post(
        reverse("accounts:twofactor-off"),
        {"password": DEFAULT_PASSWORD, "code": codes[1]},
    )

    assert cms.status_code == dashboard.status_code == 302
    assert cms["Location"].startswith(f"{SETUP}?next=")
    assert dashboard["Location"].startswith(f"/ru{SETUP}?next=")
    assert shop.status_code == 200
    assert refused_off.status_code == 200
    assert twofactor.is_on(staff)
    assert client.get("/cms/").status_code == 200


def test_staff_without_it_are_let_in_when_not_required(staff, settings):
    settings.MARKET_STAFF_REQUIRE_2FA = False

    assert signed_in(staff).get("/cms/").status_code == 200


def test_the_profile_says_whether_it_is_on(buyer):
    client = signed_in(buyer)
    before = client.get("/shop/accounts/profile/").content.decode()
    _with_two_factor(buyer)

    assert 'id="two-factor-row"' in before
    assert _text("Off") in before.split('id="two-factor-row"')[1].split("</tr>")[0]


def test_nobody_confirms_someone_elses_authenticator(buyer, staff):
    theirs = twofactor.setup_device(staff)
    client = signed_in(buyer)

    response = client.post(SETUP, {"device": theirs.pk, "code": _code(theirs)})
    odd = client.post(SETUP, {"device": "1 OR 1=1", "code": "123456"})

    theirs.refresh_from_db()
    assert response.status_code == odd.status_code == 200
    assert not theirs.confirmed
    assert not twofactor.is_on(buyer)
    assert not twofactor.is_on(staff)


def test_a_superuser_turns_off_someones_lost_two_factor(staff, buyer):
    _with_two_factor(buyer)
    client = signed_in(staff)
    url = reverse("account_two_factor_reset")

    page = client.get(reverse("account_lockouts")).content.decode()
    response = client.post(url, {"email": "BUYER@example.az"})

    assert 'class="two-factor-reset"' in page
    assert response.status_code == 302
    assert not twofactor.is_on(buyer)
    assert not StaticToken.objects.filter(device__user=buyer).exists()
    assert [m.subject for m in mails_to(buyer.email)] == [
        subject("Your two-factor sign-in was turned off")
    ]


def test_only_a_superuser_turns_off_someones_two_factor(buyer):
    _with_two_factor(buyer)
    editor = UserFactory(email="editor@example.az", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="delete_accessattempt"),
    )
    client = signed_in(editor)

    page = client.get(reverse("account_lockouts")).content.decode()
    response = client.post(reverse("account_two_factor_reset"), {"email": buyer.email})

    assert 'class="two-factor-reset"' not in page
    # Wagtail answers a refusal in its admin with a redirect to its home.
    assert (response.status_code, response["Location"]) == (302, "/cms/")
    assert twofactor.is_on(buyer)
    assert mails_to(buyer.email) == []


def _wait_text_start() -> str:
    return _text(
        "Too many wrong codes. Wait %(seconds)s seconds, then try the newest code."
    ).split("%(seconds)s")[0]


def test_setup_says_wait_after_wrong_codes_and_then_takes_the_right_one(buyer):
    client = signed_in(buyer)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=buyer)
    client.post(SETUP, {"device": device.pk, "code": "111111"})

    too_soon = client.post(SETUP, {"device": device.pk, "code": _code(device)})
    device.refresh_from_db()
    confirmed_too_soon = device.confirmed
    _wait_out_the_slowdown(buyer)
    later = client.post(SETUP, {"device": device.pk, "code": _code(device)})

    device.refresh_from_db()
    assert too_soon.status_code == 200
    assert _wait_text_start() in too_soon.content.decode()
    assert not confirmed_too_soon
    assert later.status_code == 200
    assert device.confirmed
    assert twofactor.backup_codes_left(buyer) == 10


def test_a_backup_code_of_digits_only_works(buyer):
    _with_two_factor(buyer)
    backup = StaticDevice.objects.get(user=buyer)
    backup.token_set.create(token="23456723")
    client = Client()
    _shop_sign_in(client, buyer)

    response = client.post(VERIFY, {"code": "2345 6723"})

    assert response.status_code == 302
    assert client.get("/shop/accounts/profile/").status_code == 200
    assert not backup.token_set.filter(token="23456723").exists()


def test_staff_sent_to_setup_are_told_why_once(staff, settings):
    settings.MARKET_STAFF_REQUIRE_2FA = True
    client = signed_in(staff)

    sent = client.get("/en/dashboard/")
    client.get("/cms/")
    page = client.get(SETUP)

    why = _text(
        "Staff must sign in with two factors. Turn on two-factor sign-in to use "
        "the admin."
    )
    assert sent.status_code == 302
    assert sent["Location"].startswith(f"/en{SETUP}?next=")
    assert page.status_code == 200
    assert page.content.decode().replace("&#x27;", "'").count(why) == 1


def test_staff_who_must_use_it_see_no_turn_off_form(staff, settings):
    settings.MARKET_STAFF_REQUIRE_2FA = True
    _device, codes = _with_two_factor(staff)
    client = signed_in(staff)
    client.post(VERIFY, {"code": codes[0]})

    page = client.get(reverse("accounts:twofactor-off")).content.decode()

    assert 'class="alert alert-warning two-factor-required"' in page
    assert 'name="password"' not in page
