"""Product cards kept for every visitor (catalogue/card_cache.py): a page
of cards renders only the cards it has not met; a kept card carries the
visitor's own CSRF token; a price, a currency or a language is never shown
from another's card."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.apps.basket.models import Basket

from catalogue.kinds import PHYSICAL
from catalogue.templatetags import product_page
from market.currencies.formatting import format_money
from tests.factories import ProductFactory

pytestmark = [pytest.mark.django_db]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
CARD = re.compile(r'<article class="product_pod.*?</article>', re.S)


@pytest.fixture(autouse=True)
def card_cache_on(settings):
    settings.MARKET_CARD_CACHE = True
    cache.clear()


@pytest.fixture
def carpets(resident, django_capture_on_commit_callbacks):
    """Three carpets, indexed for the catalogue's listing when the
    transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return [
            ProductFactory(
                resident=resident,
                kind=PHYSICAL,
                title=f"Quba xalçası {number}",
                price=Decimal("450.00") + number,
                num_in_stock=3,
            )
            for number in range(3)
        ]


@pytest.fixture
def rendered(monkeypatch):
    """The products whose card was rendered (not served kept), in order: a
    spy around Oscar's render_product, which still renders."""
    titles = []
    render = product_page.render_product

    def spy(context, product):
        titles.append(product.title)
        return render(context, product)

    monkeypatch.setattr(product_page, "render_product", spy)
    return titles


def _catalogue(client):
    with translation.override("en"):
        return client.get(reverse("catalogue:index"))


def _cards(response) -> list[str]:
    return CARD.findall(response.content.decode())


def test_a_second_page_view_serves_the_kept_cards(carpets, rendered):
    first = _catalogue(Client())
    assert sorted(rendered) == [
        "Quba xalçası 0",
        "Quba xalçası 1",
        "Quba xalçası 2",
    ]
    rendered.clear()

    second = _catalogue(Client())

    assert rendered == []
    assert first.status_code == second.status_code == 200
    strip = lambda html: TOKEN.sub("", html)  # noqa: E731
    assert [strip(card) for card in _cards(second)] == [
        strip(card) for card in _cards(first)
    ]
    assert len(_cards(second)) == 3


def test_a_kept_card_carries_the_visitors_own_working_token(carpets, buyer):
    _catalogue(Client())
    visitor = Client(enforce_csrf_checks=True)
    visitor.force_login(buyer)

    page = _catalogue(visitor)

    html = page.content.decode()
    assert "__market_card_csrf__" not in html
    tokens = set(TOKEN.findall(html))
    # Three cards and the header's two forms, all with this page's token.
    assert len(TOKEN.findall(html)) == 5
    assert len(tokens) == 1
    carpet = carpets[0]
    response = visitor.post(
        reverse("basket:add", kwargs={"pk": carpet.pk}),
        {"quantity": 1, "csrfmiddlewaretoken": tokens.pop()},
    )
    assert response.status_code == 302
    basket = Basket.objects.get(owner=buyer)
    assert [line.product for line in basket.all_lines()] == [carpet]


def test_a_price_change_shows_at_once(
    carpets, rendered, django_capture_on_commit_callbacks
):
    _catalogue(Client())
    rendered.clear()
    record = carpets[1].stockrecords.get()
    record.price = Decimal("480.00")
    with django_capture_on_commit_callbacks(execute=True):
        record.save()

    page = _catalogue(Client())

    with translation.override("en"):
        new_price = format_money(Decimal("480.00"), "AZN")
        old_price = format_money(Decimal("451.00"), "AZN")
    html = page.content.decode()
    assert new_price in html
    assert old_price not in html
    # Every card was rendered again (the page cache's generation moved on).
    assert len(rendered) == 3


def test_each_currency_and_language_has_its_own_cards(carpets, rates, rendered):
    _catalogue(Client())
    rendered.clear()
    visitor = Client()
    visitor.post(reverse("currencies:set"), {"currency": "USD", "next": "/"})

    dollars = _catalogue(visitor)

    assert len(rendered) == 3
    assert all("$" in card for card in _cards(dollars))
    rendered.clear()
    with translation.override("ru"):
        russian = Client().get(reverse("catalogue:index"))
    assert len(rendered) == 3
    assert "В корзину" in russian.content.decode()


def test_off_renders_every_card(carpets, rendered, settings):
    settings.MARKET_CARD_CACHE = False
    _catalogue(Client())
    _catalogue(Client())

    assert len(rendered) == 6
