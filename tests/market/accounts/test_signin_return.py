"""Signing in, registering (through the mailed link) and giving a two-factor
code bring the visitor back to the page they came from, in its language; a
`next` that leads off the site is refused for the home page of that
language."""

import pytest
from django.test import Client

from tests.factories import DEFAULT_PASSWORD

from .helpers import link_in, mails_to
from .test_two_factor import _code, _with_two_factor

pytestmark = pytest.mark.django_db

PREFIX = {"az": "", "en": "/en", "ru": "/ru"}


def _sign_in(client, language, next_url, email, password=DEFAULT_PASSWORD):
    return client.post(
        f"{PREFIX[language]}/shop/accounts/login/",
        {
            "login-username": email,
            "login-password": password,
            "login-redirect_url": next_url,
            "login_submit": "1",
        },
        QUERY_STRING=f"next={next_url}",
    )


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_header_link_carries_the_page_and_sign_in_comes_back_to_it(buyer, language):
    client = Client()
    basket = f"{PREFIX[language]}/shop/basket/"

    page = client.get(basket)
    response = _sign_in(client, language, basket, buyer.email)

    expected_link = (
        f'href="{PREFIX[language]}/shop/accounts/login/?next='
        f'{PREFIX[language].replace("/", "%2F")}%2Fshop%2Fbasket%2F"'
    )
    assert page.status_code == 200
    assert expected_link in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == basket


@pytest.mark.parametrize(
    ("language", "home"), [("az", "/"), ("en", "/en/"), ("ru", "/ru/")]
)
@pytest.mark.parametrize(
    "hostile",
    [
        "https://evil.example/en/",
        "//evil.example/",
        "/\\evil.example/",
        "https:/evil.example",
        "/en/\r\nLocation: https://evil.example/",
        "javascript:alert(1)",
    ],
)
def test_a_next_off_the_site_goes_to_the_home_page_of_the_language(
    buyer, language, home, hostile
):
    response = _sign_in(Client(), language, hostile, buyer.email)

    assert response.status_code == 302
    assert response["Location"] == home


@pytest.mark.parametrize(
    ("language", "home"), [("az", "/"), ("en", "/en/"), ("ru", "/ru/")]
)
def test_without_next_sign_in_lands_on_the_home_page_of_the_language(
    buyer, language, home
):
    client = Client()

    response = client.post(
        f"{PREFIX[language]}/shop/accounts/login/",
        {
            "login-username": buyer.email,
            "login-password": DEFAULT_PASSWORD,
            "login_submit": "1",
        },
    )
    again = client.get(f"{PREFIX[language]}/shop/accounts/login/")

    assert response["Location"] == home
    # Already signed in, the sign-in page sends them on as well.
    assert again["Location"] == home


def test_the_sign_in_page_links_register_with_the_same_next():
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.urls import resolve
    from django.utils import translation

    request = RequestFactory().get(
        "/en/shop/accounts/login/", {"next": "/en/shop/basket/"}
    )
    with translation.override("en"):
        request.resolver_match = resolve("/en/shop/accounts/login/")
        rendered = Template(
            "{% load account_links %}{% signin_url %} {% register_url %}"
        ).render(Context({"request": request}))

    assert rendered == (
        "/en/shop/accounts/login/?next=%2Fen%2Fshop%2Fbasket%2F "
        "/en/shop/accounts/register/?next=%2Fen%2Fshop%2Fbasket%2F"
    )


def test_two_factor_sign_in_comes_back_to_the_page_after_the_code(buyer):
    device, _codes = _with_two_factor(buyer)
    client = Client()
    basket = "/en/shop/basket/"

    signed = _sign_in(client, "en", basket, buyer.email)
    stopped = client.get(basket)
    verify = stopped["Location"]
    code_page = client.get(verify)
    coded = client.post(verify, {"code": _code(device)})

    assert signed["Location"] == basket
    assert verify == "/en/shop/accounts/two-factor/code/?next=%2Fen%2Fshop%2Fbasket%2F"
    assert code_page.status_code == 200
    assert coded.status_code == 302
    assert coded["Location"] == basket
    assert client.get(basket).status_code == 200


def test_two_factor_code_with_a_hostile_next_goes_home_in_the_language(buyer):
    device, _codes = _with_two_factor(buyer)
    client = Client()
    _sign_in(client, "ru", "/ru/", buyer.email)

    coded = client.post(
        "/ru/shop/accounts/two-factor/code/?next=https://evil.example/",
        {"code": _code(device)},
    )

    assert coded["Location"] == "/ru/"


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_register_then_the_mailed_link_brings_them_back_in_their_language(
    language,
):
    basket = f"{PREFIX[language]}/shop/basket/"
    client = Client()

    registered = client.post(
        f"{PREFIX[language]}/shop/accounts/login/?next={basket}",
        {
            "registration-email": "leyla@example.az",
            "registration-password1": "kelaghayi silk 1908",
            "registration-password2": "kelaghayi silk 1908",
            "registration_submit": "1",
        },
    )
    (email,) = mails_to("leyla@example.az")
    link = link_in(email)
    shown = client.get(link)
    confirmed = client.post(link)

    assert registered["Location"] == (
        f"{PREFIX[language]}/shop/accounts/register/sent/?next="
        + basket.replace("/", "%2F")
    )
    sent = client.get(registered["Location"])
    assert (
        f'href="{PREFIX[language]}/shop/accounts/login/?next='
        + basket.replace("/", "%2F")
        + '"'
    ) in sent.content.decode()
    assert link.startswith(f"{PREFIX[language]}/shop/accounts/confirm/")
    assert link.endswith(f"/?next={basket.replace('/', '%2F')}")
    assert shown.status_code == 200
    assert confirmed.status_code == 302
    assert confirmed["Location"] == basket


def test_a_mailed_link_with_a_hostile_next_lands_on_the_language_home():
    client = Client()
    client.post(
        "/en/shop/accounts/login/?next=https://evil.example/",
        {
            "registration-email": "leyla@example.az",
            "registration-password1": "kelaghayi silk 1908",
            "registration-password2": "kelaghayi silk 1908",
            "registration_submit": "1",
        },
    )
    link = link_in(mails_to("leyla@example.az")[0])
    forged = link + "?next=//evil.example/"

    confirmed = client.post(forged)

    assert "next" not in link
    assert confirmed["Location"] == "/en/"
