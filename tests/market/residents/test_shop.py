"""The public shop page: contact form, sanitised bio, a constant query count."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.kinds import COURSE, PHYSICAL
from market.residents.views import ResidentShopView
from search.views import CatalogueView
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE_BIOS = [
    '<script>alert("x")</script>Hello',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">Hi</p>',
    '<iframe src="https://evil.example"></iframe>',
    "<a href=\"JaVaScRiPt:alert(1)\">x</a><math><mi xlink:href='javascript:1'>",
]


@pytest.fixture
def owner(resident):
    user = UserFactory(email="owner@xalca.az")
    resident.partner.users.add(user)
    return user


def test_contact_form_e_mails_the_resident_without_showing_the_address(
    client, resident, owner, django_capture_on_commit_callbacks
):
    page = client.get(resident.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("residents:contact", kwargs={"slug": resident.slug}),
            {"name": "Emma", "email": "emma@example.de", "message": "Wholesale price?"},
        )

    assert "owner@xalca.az" not in page.content.decode()
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["owner@xalca.az"]
    assert message.reply_to == ["emma@example.de"]
    assert message.body.startswith("Wholesale price?")


@pytest.mark.parametrize(
    "data",
    [
        {"name": "Emma", "email": "not-an-address", "message": "Hi"},
        {"name": "", "email": "emma@example.de", "message": "Hi"},
        {"name": "Bot", "email": "b@example.de", "message": "Hi", "website": "spam"},
    ],
)
def test_invalid_contact_form_is_refused_and_sends_nothing(
    client, resident, owner, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("residents:contact", kwargs={"slug": resident.slug}), data
        )

    assert response.status_code == 400
    assert mail.outbox == []


@pytest.mark.parametrize("payload", HOSTILE_BIOS)
def test_hostile_bio_is_stored_inert_and_renders_inert(client, resident, payload):
    resident.bio = payload
    resident.save()

    resident.refresh_from_db()
    html = client.get(resident.get_absolute_url()).content.decode().lower()
    # An all-hostile bio is stored empty, and the page then shows no bio block.
    _, _, rest = html.partition('class="resident-bio lead">')
    bio = rest.split("</div>", 1)[0]

    for marker in ("<script", "onerror", "onload", "onclick", "javascript:", "<svg"):
        assert marker not in resident.bio.lower()
        assert marker not in bio
    assert "<iframe" not in bio


def test_bio_keeps_simple_formatting(resident):
    resident.bio = (
        '<p>Quba <strong>xalçaları</strong> <a href="https://example.az">sayt</a></p>'
    )
    resident.save()

    assert resident.bio == (
        '<p>Quba <strong>xalçaları</strong> <a href="https://example.az" '
        'rel="nofollow noopener noreferrer">sayt</a></p>'
    )


def _products(resident, count, kind=PHYSICAL):
    for number in range(count):
        ProductFactory(
            resident=resident, kind=kind, title=f"Məhsul {number}", price=Decimal("5")
        )


def _query_count(client, url) -> tuple[int, int]:
    """(SQL queries, products shown) of one page view."""
    client.get(url)  # warm caches that are per process, not per page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.context["products"])


@pytest.mark.parametrize("kind", [PHYSICAL, COURSE])
def test_shop_and_catalogue_query_counts_do_not_grow_with_products(
    client, resident, django_capture_on_commit_callbacks, monkeypatch, kind
):
    # One page shows every product, so the page really holds 5, then 50.
    monkeypatch.setattr(ResidentShopView, "paginate_by", 60)
    monkeypatch.setattr(CatalogueView, "paginate_by", 60)
    with django_capture_on_commit_callbacks(execute=True):
        _products(resident, 5, kind)
    shop_small = _query_count(client, resident.get_absolute_url())
    catalogue_small = _query_count(client, reverse("catalogue:index"))

    with django_capture_on_commit_callbacks(execute=True):
        _products(resident, 45, kind)
    shop_large = _query_count(client, resident.get_absolute_url())
    catalogue_large = _query_count(client, reverse("catalogue:index"))

    # The catalogue's total and facet counts (one query for every facet with
    # no selection, one for the price bands) are kept in the cache under the
    # index's generation: the warm-up view counted them, this one reads them;
    # one query reads the residents' names for the facet. Every
    # page reads the site's settings once (footer, logo, link previews). The
    # cards' shipping line reads the products' attributes in one query; the
    # course cards' states (seats with holds, waitlists, next session) are
    # one query for the page when it shows courses (market.learning.selectors.
    # course_cards_for_products), whatever their number. The shop reads the
    # resident's product ids from their stock records first (one query).
    shop, catalogue = {PHYSICAL: (12, 12), COURSE: (13, 13)}[kind]
    assert (shop_small, catalogue_small) == ((shop, 5), (catalogue, 5))
    assert (shop_large, catalogue_large) == ((shop, 50), (catalogue, 50))


def test_shop_shows_the_resident_links(client, resident, owner):
    client.force_login(owner)

    refused = client.post(
        reverse("resident_dashboard:profile"),
        {"display_name": "Xalça Atelier", "links": "javascript:alert(1)"},
    )
    saved = client.post(
        reverse("resident_dashboard:profile"),
        {
            "display_name": "Xalça Atelier",
            "links": "https://instagram.com/xalca\n\n https://xalca.itch.io ",
        },
    )
    html = client.get(resident.get_absolute_url()).content.decode()

    assert refused.status_code == 400
    assert saved.status_code == 302
    resident.refresh_from_db()
    assert resident.link_list == [
        "https://instagram.com/xalca",
        "https://xalca.itch.io",
    ]
    assert 'href="https://xalca.itch.io" rel="nofollow noopener"' in html
    assert "javascript:" not in html


def test_the_shop_lists_only_what_may_be_sold_now(
    client, resident, django_capture_on_commit_callbacks
):
    """The shop reads the search index (issue 16): a listing under review,
    a private one and another shop's are not on it; a suspended shop is a
    404 and its listing stays unchanged."""
    from catalogue.models import ReviewStatus
    from market.residents.models import ResidentStatus
    from tests.factories import ResidentFactory

    def make(title, **kwargs):
        seller = kwargs.pop("seller", resident)
        with django_capture_on_commit_callbacks(execute=True):
            product = ProductFactory(
                resident=seller, kind=PHYSICAL, title=title, price=Decimal("9.00")
            )
            for field, value in kwargs.items():
                setattr(product, field, value)
            product.save()
        return product

    make("Satışda")
    make("Yoxlamada", review_status=ReviewStatus.PENDING)
    make("Gizli", is_public=False)
    make("Başqasının", seller=ResidentFactory(slug="basqa"))

    html = client.get(resident.get_absolute_url()).content.decode()

    titles = [t for t in ("Satışda", "Yoxlamada", "Gizli", "Başqasının") if t in html]
    assert titles == ["Satışda"]
    with django_capture_on_commit_callbacks(execute=True):
        resident.status = ResidentStatus.SUSPENDED
        resident.save()
    assert client.get(resident.get_absolute_url()).status_code == 404
    resident.refresh_from_db()
    assert resident.status == ResidentStatus.SUSPENDED
