"""The page cache for anonymous visitors (market/page_cache.py): who is served
from it, what a hit carries of the visitor's own (CSRF token, CSP nonce), and
what forgets it."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.apps.basket.models import Basket
from wagtail.models import Site

from catalogue.kinds import PHYSICAL
from cms.models import SiteSettings
from market.currencies.formatting import format_money
from market.page_cache import HIT_HEADER
from tests.factories import ProductFactory

pytestmark = [pytest.mark.django_db]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
NONCE = re.compile(r'<script nonce="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.MARKET_PAGE_CACHE = True
    # The site's settings row is made by the first page that asks for it,
    # which (rightly) forgets the pages cached so far.
    for site in Site.objects.all():
        SiteSettings.for_site(site)


@pytest.fixture
def carpet(resident):
    return ProductFactory(
        resident=resident,
        kind=PHYSICAL,
        title="Quba xalçası",
        price=Decimal("450.00"),
        num_in_stock=3,
    )


def _url(product) -> str:
    with translation.override("en"):
        return product.get_absolute_url()


def _get(client, url):
    with translation.override("en"):
        return client.get(url)


def test_a_second_anonymous_visitor_is_served_the_stored_page(carpet):
    first = _get(Client(), _url(carpet))
    second = _get(Client(), _url(carpet))

    assert first.status_code == second.status_code == 200
    assert first[HIT_HEADER] == "miss"
    assert second[HIT_HEADER] == "hit"
    assert "Quba xalçası" in second.content.decode()
    # The same page but for what is the visitor's own.
    strip = lambda response: NONCE.sub("", TOKEN.sub("", response.content.decode()))  # noqa: E731
    assert strip(first) == strip(second)


def test_a_hit_carries_the_visitors_own_csrf_token_and_nonce(carpet):
    _get(Client(), _url(carpet))
    visitor = Client(enforce_csrf_checks=True)
    page = _get(visitor, _url(carpet))
    assert page[HIT_HEADER] == "hit"
    html = page.content.decode()
    assert "__market_" not in html
    tokens = TOKEN.findall(html)
    assert tokens
    # The scripts' nonce is the one the response's policy names.
    nonces = set(NONCE.findall(html))
    assert len(nonces) == 1
    policy = page.get("Content-Security-Policy") or page.get(
        "Content-Security-Policy-Report-Only"
    )
    assert f"'nonce-{nonces.pop()}'" in policy

    # The token works: the visitor adds the carpet to a basket.
    response = visitor.post(
        reverse("basket:add", kwargs={"pk": carpet.pk}),
        {"quantity": 1, "csrfmiddlewaretoken": tokens[0]},
    )
    assert response.status_code == 302
    basket = Basket.objects.get()
    assert [line.product for line in basket.all_lines()] == [carpet]


def test_a_price_change_shows_at_once(carpet):
    _get(Client(), _url(carpet))
    record = carpet.stockrecords.get()
    record.price = Decimal("480.00")
    record.save()

    page = _get(Client(), _url(carpet))

    assert page[HIT_HEADER] == "miss"
    with translation.override("en"):
        new_price = format_money(Decimal("480.00"), "AZN")
        old_price = format_money(Decimal("450.00"), "AZN")
    html = page.content.decode()
    assert new_price in html
    assert old_price not in html


def test_signed_in_visitors_never_meet_the_cache(carpet, buyer):
    _get(Client(), _url(carpet))
    client = Client()
    client.force_login(buyer)

    page = _get(client, _url(carpet))

    assert page.status_code == 200
    assert HIT_HEADER not in page
    # Nor is their page stored for others.
    assert _get(Client(), _url(carpet))[HIT_HEADER] == "hit"


def test_a_visitor_with_a_basket_is_not_served_from_the_cache(carpet):
    _get(Client(), _url(carpet))
    visitor = Client()
    visitor.post(reverse("basket:add", kwargs={"pk": carpet.pk}), {"quantity": 1})
    assert Basket.objects.count() == 1

    page = _get(visitor, _url(carpet))

    assert page.status_code == 200
    assert HIT_HEADER not in page


def test_each_currency_has_its_own_page(carpet, rates, settings):
    _get(Client(), _url(carpet))
    visitor = Client()
    visitor.post(reverse("currencies:set"), {"currency": "USD", "next": "/"})
    history = settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME

    def view():
        # A visitor who has recently viewed products sees them listed: their
        # own page, never served from the cache; this one forgets them.
        visitor.cookies.pop(history, None)
        return _get(visitor, _url(carpet))

    page = view()

    assert page[HIT_HEADER] == "miss"
    assert "$" in page.content.decode()
    assert view()[HIT_HEADER] == "hit"
    # With products recently viewed, the visitor's page is theirs.
    visitor.cookies[history] = f"[{carpet.pk}]"
    assert HIT_HEADER not in _get(visitor, _url(carpet))


def test_each_language_has_its_own_page(carpet):
    with translation.override("en"):
        english = carpet.get_absolute_url()
    with translation.override("ru"):
        russian = carpet.get_absolute_url()
    assert english != russian
    _get(Client(), english)

    page = Client().get(russian)

    assert page[HIT_HEADER] == "miss"
    assert page["Content-Language"] == "ru"


def test_a_product_taken_off_sale_is_gone_at_once(carpet):
    _get(Client(), _url(carpet))
    carpet.is_public = False
    carpet.save()

    assert _get(Client(), _url(carpet)).status_code == 404


def test_nothing_is_stored_when_the_cache_is_off(carpet, settings):
    settings.MARKET_PAGE_CACHE = False
    first = _get(Client(), _url(carpet))
    second = _get(Client(), _url(carpet))
    assert HIT_HEADER not in first
    assert HIT_HEADER not in second


def test_pages_that_did_not_opt_in_are_not_stored(carpet):
    with translation.override("en"):
        url = reverse("search:search") + "?q=qub"
    first = Client().get(url)
    second = Client().get(url)
    assert first.status_code == second.status_code == 200
    assert HIT_HEADER not in first
    assert HIT_HEADER not in second


def test_wagtail_pages_are_cached_unless_restricted(sites):
    from wagtail.models import Page, PageViewRestriction

    site = Site.objects.get(is_default_site=True)
    SiteSettings.for_site(site)  # made by the first page otherwise
    page = site.root_page.specific
    url = page.url
    assert Client().get(url)[HIT_HEADER] == "miss"
    assert Client().get(url)[HIT_HEADER] == "hit"

    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=page.pk),
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret-words",
    )
    visitor = Client()
    form = visitor.get(url)
    assert form.status_code == 200
    assert HIT_HEADER not in form
    assert "s3cret" not in form.content.decode()

    # A visitor who gave the password sees the page; nobody else is served it.
    password_form = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
    )
    passed = visitor.post(
        password_form, {"password": "s3cret-words", "return_url": url}
    )
    assert passed.status_code == 302
    inside = visitor.get(url)
    assert inside.status_code == 200
    assert HIT_HEADER not in inside
    stranger = Client().get(url)
    assert HIT_HEADER not in stranger
    assert password_form in stranger.content.decode()
    assert password_form not in inside.content.decode()
