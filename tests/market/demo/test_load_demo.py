"""The demo: a believable Centre, built idempotently."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.http import HttpRequest
from django.test import override_settings
from django.utils import timezone
from oscar.apps.order.models import Order
from wagtail.models import Page, Site

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from catalogue.models import Product, ProductImage
from cms.models import HomePage, StudioPage
from market.accounts.models import User
from market.bookings.models import Booking, PaidBy, Room
from market.demo import builders, data, history, learning
from market.export.models import Parcel, ShippingProfile
from market.export.pricing import listing_profile, profile_countries
from market.impact.figures import impact_report
from market.impact.periods import Period
from market.payouts.selectors import order_ledger_sum
from market.residents.models import Programme, Resident, ResidentStatus
from search.models import ProductDocument

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
HISTORY = "@history.creative-market.az"
# What the seeded history makes on the demo (market/demo/history.py).
HISTORY_ORDERS = 201
HISTORY_ATTENDED = 53


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for this module and rolled back after it.

    Yields the folder its media files were written to.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with (
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", verbosity=0)
        yield media
        transaction.set_rollback(True)


def test_load_demo_twice_changes_no_row_count(demo):
    before = _row_counts()

    call_command("load_demo", verbosity=0)

    assert _row_counts() == before


def test_residents_across_the_three_programmes(demo):
    residents = Resident.objects.filter(status=ResidentStatus.APPROVED)
    application = Resident.objects.get(status=ResidentStatus.APPLIED)

    assert residents.count() == len(data.RESIDENTS) >= 8
    assert all(r.partner_id for r in residents)
    assert all(r.partner.users.filter(pk=r.applicant_id).exists() for r in residents)
    assert application.partner_id is None
    assert application.applicant.email == builders.APPLICANT_EMAIL
    programmes = set(residents.values_list("programme", flat=True))
    assert {Programme.MUSIC, Programme.GAMETECH, Programme.CULTECH} <= programmes


def _catalogue_parents():
    """The demo's products, without the studios' "studio time" listings
    (not for sale on their own)."""
    return Product.objects.filter(parent__isnull=True, studio_room__isnull=True)


def test_products_of_four_kinds_with_their_attributes(demo):
    parents = _catalogue_parents()

    assert parents.count() == len(data.PRODUCTS) >= 60
    for kind in (PHYSICAL, DIGITAL, SERVICE, COURSE):
        expected = sum(1 for spec in data.PRODUCTS if spec["kind"] == kind)
        assert parents.filter(product_class__slug=kind).count() == expected >= 8
    carpet_spec = next(spec for spec in data.PRODUCTS if spec["kind"] == PHYSICAL)
    carpet = Product.objects.get(upc=carpet_spec["upc"])
    assert carpet.attr.hs_code == carpet_spec["hs_code"]
    assert carpet.attr.country_of_origin == carpet_spec["country_of_origin"]
    assert carpet.attr.weight_grams == carpet_spec["weight_grams"]
    assert carpet.stockrecords.get().num_in_stock == carpet_spec["stock"]


def test_digital_files_sell_three_licence_tiers(demo):
    spec = next(spec for spec in data.PRODUCTS if spec["kind"] == DIGITAL)
    product = Product.objects.get(upc=spec["upc"])

    prices = {
        child.attr.licence.code: child.stockrecords.get().price
        for child in product.children.all()
    }

    assert prices == spec["licences"]


def test_courses_carry_capacity_language_and_sessions(demo):
    spec = next(spec for spec in data.PRODUCTS if spec["kind"] == COURSE)
    course = Product.objects.get(upc=spec["upc"])

    assert course.attr.capacity == spec["capacity"]
    assert course.attr.language == spec["language"]
    assert course.attr.sessions.count(";") == len(spec["sessions"]) - 1
    assert course.stockrecords.get().num_in_stock == spec["capacity"]


def test_every_product_has_a_generated_image_and_a_search_document(demo):
    parents = _catalogue_parents()

    assert ProductImage.objects.count() == parents.count()
    # Every product is searchable but the course that has run (its
    # enrolment closed: not for sale, by the one availability rule).
    assert list(
        parents.exclude(
            pk__in=ProductDocument.objects.values("product_id")
        ).values_list("upc", flat=True)
    ) == [learning.PAST_COURSE]
    assert ProductDocument.objects.count() == parents.count() - 1
    image = ProductImage.objects.first()
    assert (demo / image.original.name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_two_sites_in_three_languages(demo):
    assert Site.objects.count() == 2
    assert HomePage.objects.count() == 6
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == {
        "az",
        "en",
        "ru",
    }
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_demo_accounts_sign_in(demo, client):
    staff = User.objects.get(email=builders.STAFF_EMAIL)
    resident_user = User.objects.get(email=builders.RESIDENT_EMAIL)

    assert staff.is_staff
    assert staff.is_superuser
    assert staff.check_password(builders.STAFF_PASSWORD)
    assert resident_user.check_password(builders.RESIDENT_PASSWORD)
    assert not resident_user.is_staff
    assert resident_user.partners.get().resident.slug == data.RESIDENTS[0]["slug"]
    assert resident_user.residencies.get().slug == data.RESIDENTS[0]["slug"]
    # The sign-in lock-out (django-axes) needs the request authenticate() gets.
    assert client.login(
        request=HttpRequest(),
        email=builders.STAFF_EMAIL,
        password=builders.STAFF_PASSWORD,
    )


def test_products_carry_their_titles_and_descriptions_in_three_languages(demo):
    kilim = Product.objects.get(title='Şirvan kilimi "Ulduz"')

    assert (kilim.title_en, kilim.title_ru) == (
        'Shirvan kilim "Ulduz"',
        "Ширванский килим «Улдуз»",
    )
    assert kilim.description_en.startswith("<p>A flat-woven Shirvan kilim")
    assert kilim.description_ru.startswith("<p>Безворсовый ширванский килим")
    assert kilim.stockrecords.get().price == Decimal("320.00")
    assert kilim.categories.get().name == data.CATEGORIES["carpets"]["name"]["az"]
    prayer_rug = Product.objects.get(title_en='Prayer rug "Buta"')
    assert prayer_rug.title_ru == "Молитвенный коврик «Бута»"
    # Where it ships comes from its resident's shipping profile, not codes.
    assert {"AZ", "TR", "GE", "DE", "US"} <= profile_countries(
        listing_profile(prayer_rug)
    )
    assert not Product.objects.filter(parent__isnull=True, title_en="").exists()
    assert not _catalogue_parents().filter(description_ru="").exists()


def test_licence_variants_are_named_in_three_languages(demo):
    spec = next(spec for spec in data.PRODUCTS if spec["kind"] == DIGITAL)
    variant = Product.objects.get(upc=f"{spec['upc']}-P")

    assert (variant.title, variant.title_en, variant.title_ru) == (
        f"{spec['title']['az']} (Şəxsi lisenziya)",
        f"{spec['title']['en']} (Personal licence)",
        f"{spec['title']['ru']} (Личная лицензия)",
    )


def test_load_demo_adds_translations_missing_from_an_older_demo(demo):
    spec = next(spec for spec in data.PRODUCTS if spec["kind"] == DIGITAL)
    Product.objects.filter(upc__startswith=spec["upc"]).update(
        title_en="", title_ru="", description_en=""
    )
    Product.objects.filter(upc=spec["upc"]).update(description_ru="<p>Ours</p>")

    call_command("load_demo", verbosity=0)

    product = Product.objects.get(upc=spec["upc"])
    variant = Product.objects.get(upc=f"{spec['upc']}-C")
    assert (product.title_en, product.description_en, product.description_ru) == (
        spec["title"]["en"],
        f"<p>{spec['description']['en']}</p>",
        "<p>Ours</p>",
    )
    assert variant.title_ru == f"{spec['title']['ru']} (Коммерческая лицензия)"


def test_every_physical_good_ships_with_a_profile_of_two_carriers_a_zone(demo):
    physical = Product.objects.filter(product_class__slug=PHYSICAL, parent__isnull=True)
    profiles = {listing_profile(product) for product in physical}

    assert None not in profiles
    assert all(profile.resident_id for profile in profiles)
    for profile in profiles:
        assert [zone.name for zone in profile.zones.order_by("pk")] == [
            "Azərbaycan",
            "Neighbours",
            "European Union",
            "Rest of the world",
        ]
        assert {zone.rates.count() for zone in profile.zones.all()} == {2}
    assert ShippingProfile.objects.filter(resident__isnull=True).count() == 1


def test_one_demo_order_in_each_parcel_state(demo):
    parcels = (
        Parcel.objects.select_related("order")
        .exclude(order__user__email__endswith=HISTORY)
        # The paid wholesale quote's parcel (market/demo/trade.py).
        .exclude(order__user__email="gallery@creative-market.az")
        .order_by("pk")
    )

    assert [parcel.status for parcel in parcels] == [
        "paid",
        "packed",
        "shipped",
        "delivered",
        "cancelled",
        "returned",
    ]
    assert [parcel.order.status for parcel in parcels] == [
        "Paid",
        "Paid",
        "Shipped",
        "Complete",
        "Cancelled",
        "Cancelled",
    ]
    for parcel in parcels:
        order = parcel.order
        refunded = sum((r.total for r in order.refunds.all()), Decimal("0.00"))
        assert order_ledger_sum(order=order) == order.total_incl_tax - refunded
    assert all(
        p.tracking_number for p in parcels if p.status in ("shipped", "delivered")
    )


def test_a_year_of_history_behind_every_chart(demo):
    """Twelve months of orders, parcels abroad, licences, learners and
    events, placed through the checkout and the ledger at their own dates."""
    today = timezone.localdate()
    first = history.month_starts(today)[0].date()
    period = Period(first, today)
    tables = {table.key: table for table in impact_report(period=period)}

    orders_per_month = [row[1] for row in tables["sales"].rows]
    assert len(orders_per_month) == 13
    assert all(count > 0 for count in orders_per_month[:12])
    assert sum(orders_per_month[:12]) == HISTORY_ORDERS
    assert len(tables["exports"].rows) == 8
    assert tables["licences"].total[1] > 0
    assert tables["events"].total[2:] == [6, 72, HISTORY_ATTENDED]
    history_orders = Order.objects.filter(user__email__endswith=HISTORY)
    assert history_orders.count() == HISTORY_ORDERS
    for order in history_orders.prefetch_related("refunds"):
        refunded = sum((r.total for r in order.refunds.all()), Decimal("0.00"))
        assert order_ledger_sum(order=order) == order.total_incl_tax - refunded
        sale = order.ledger_entries.filter(kind="sale").first()
        assert sale.created_at == order.date_placed


def test_the_history_is_made_once(demo):
    before = _row_counts()

    assert history.demo_history() == {}
    assert _row_counts() == before


def test_every_studio_page_has_rooms_with_hours_and_a_week_of_bookings(demo):
    kinds = set(StudioPage.objects.values_list("kind", flat=True))
    week = Booking.objects.filter(
        starts_at__gte=timezone.now() - timezone.timedelta(days=1),
        starts_at__lt=timezone.now() + timezone.timedelta(days=8),
    )

    assert kinds == {"photo-video", "sound", "animation", "dance"}
    for kind in kinds:
        rooms = Room.objects.filter(kind=kind, is_active=True)
        assert rooms.exists(), kind
        assert all(room.opening_hours.count() == 7 for room in rooms), kind
        assert week.filter(room__kind=kind).exists(), kind
    assert set(week.values_list("paid_by", flat=True)) == set(PaidBy.values)
    assert Room.objects.get(slug="reqs-zali").capacity == 20


def test_wholesale_quotes_in_every_state(demo):
    from market.trade.models import BusinessProfile, QuoteRequest

    assert BusinessProfile.objects.count() == 2
    assert sorted(set(QuoteRequest.objects.values_list("status", flat=True))) == (
        sorted(
            [
                "accepted",
                "closed",
                "declined",
                "expired",
                "open",
                "paid",
                "quoted",
                "withdrawn",
            ]
        )
    )


def test_the_readmes_demo_tokens_call_the_api(demo, client):
    from market.api.models import AccessToken
    from market.demo.tokens import BUYER_TOKEN, RESIDENT_TOKEN

    shop = client.get(
        "/api/v1/shop/quote-requests", HTTP_AUTHORIZATION=f"Bearer {RESIDENT_TOKEN}"
    )
    gallery = client.get(
        "/api/v1/me/quote-requests", HTTP_AUTHORIZATION=f"Bearer {BUYER_TOKEN}"
    )
    wrong = client.get(
        "/api/v1/me/quote-requests",
        HTTP_AUTHORIZATION=f"Bearer {BUYER_TOKEN[:-1]}x",
    )

    assert shop.status_code == 200
    assert gallery.status_code == 200
    assert len(gallery.json()["items"]) == 6
    assert wrong.status_code == 401
    tokens = AccessToken.objects.filter(prefix__in=["demoshop", "demobuyr"])
    assert sorted(
        (token.user.email, token.resident_id is not None) for token in tokens
    ) == [("gallery@creative-market.az", False), ("resident@creative-market.az", True)]
    # Only the hash is stored.
    assert RESIDENT_TOKEN not in str(list(tokens.values()))
