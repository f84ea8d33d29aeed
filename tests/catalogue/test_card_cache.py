"""Product cards and home blocks of live data kept for every visitor
(catalogue/card_cache.py, cms/blocks.py): a page renders only the cards and
blocks it has not met; a kept one carries the visitor's own CSRF token; a
price, a title, a currency or a language is never shown from another's."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.apps.basket.models import Basket
from wagtail.models import Site

from catalogue.kinds import PHYSICAL
from catalogue.templatetags import product_page
from cms.blocks import ProductListBlock, ResidentSpotlightBlock
from cms.models import SiteSettings
from market.currencies.formatting import format_money
from tests.factories import ProductFactory

pytestmark = [pytest.mark.django_db]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
BLOCK = re.compile(r'<section class="home-block .*?</section>', re.S)
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
    assert "<market-card-csrf>" not in html
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


def test_a_title_naming_the_placeholder_is_shown_as_typed(
    resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(
            resident=resident,
            kind=PHYSICAL,
            title="Xalça <market-card-csrf>",
            price=Decimal("10.00"),
            num_in_stock=1,
        )
    _catalogue(Client())  # kept

    html = _catalogue(Client(enforce_csrf_checks=True)).content.decode()

    assert "Xalça &lt;market-card-csrf&gt;" in html
    assert "<market-card-csrf>" not in html


def test_off_renders_every_card(carpets, rendered, settings):
    settings.MARKET_CARD_CACHE = False
    _catalogue(Client())
    _catalogue(Client())

    assert len(rendered) == 6


# Home blocks of live data (cms/blocks.py KeptForEveryone)


@pytest.fixture
def home(sites, resident, carpets):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.for_site(site)
    page = site.root_page.specific
    page.body = [
        ("product_list", {"heading": "Yeni", "kind": "", "count": 8}),
        (
            "resident_spotlight",
            {"resident": resident, "text": "Ustad", "product_count": 2},
        ),
    ]
    page.save_revision().publish()
    cache.clear()
    return page


@pytest.fixture
def block_contexts(monkeypatch):
    """The live-data blocks whose data was read (not served kept): a spy
    around their get_context, which still reads."""
    names = []
    for block in (ProductListBlock, ResidentSpotlightBlock):
        real = block.get_context

        def spy(self, value, parent_context=None, real=real):
            names.append(type(self).__name__)
            return real(self, value, parent_context=parent_context)

        monkeypatch.setattr(block, "get_context", spy)
    return names


def test_a_second_home_view_serves_the_kept_blocks(home, block_contexts, buyer):
    first = Client().get(home.url)
    assert sorted(block_contexts) == ["ProductListBlock", "ResidentSpotlightBlock"]
    block_contexts.clear()
    visitor = Client(enforce_csrf_checks=True)
    visitor.force_login(buyer)

    second = visitor.get(home.url)

    assert block_contexts == []
    strip = lambda html: TOKEN.sub("", html)  # noqa: E731
    blocks = lambda response: BLOCK.findall(strip(response.content.decode()))  # noqa: E731
    assert len(blocks(second)) == 2
    # The signed-in buyer's header is theirs; the blocks are the same.
    assert blocks(second) == blocks(first)
    html = second.content.decode()
    assert "<market-card-csrf>" not in html
    assert len(set(TOKEN.findall(html))) == 1
    # Newest, and in the spotlight: two cards, each naming it three times
    # (its title attribute, its link and the cart button's label).
    assert html.count("Quba xalçası 2") == 6


def test_a_title_change_shows_on_the_home_at_once(
    home, block_contexts, django_capture_on_commit_callbacks
):
    Client().get(home.url)
    block_contexts.clear()
    carpet = carpets_newest(home)
    carpet.title = "Qazax xalçası"
    with django_capture_on_commit_callbacks(execute=True):
        carpet.save()

    html = Client().get(home.url).content.decode()

    assert "Qazax xalçası" in html
    assert "Quba xalçası 2" not in html
    assert sorted(block_contexts) == ["ProductListBlock", "ResidentSpotlightBlock"]


def carpets_newest(home):
    from catalogue.models import Product

    return Product.objects.get(title="Quba xalçası 2")
