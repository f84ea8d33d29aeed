"""Fixtures shared by the whole suite: media in tmp_path, users, residents,
a small catalogue of the four product kinds, and the two Wagtail sites."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from market.residents.models import Programme
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    ResidentFactory,
    UserFactory,
    VariantFactory,
    licence_option,
)
from tests.factories.shipping import free_delivery_profile, ship_with

# localstripe, exchange rates and checkout helpers for the tests that pay.
pytest_plugins = ["tests.stripe_fixtures"]


@pytest.fixture(autouse=True)
def _media_in_tmp_path(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _default_language():
    # A request to /en/ or /ru/ leaves its language active in the thread;
    # every test starts in Azerbaijani, the default, like a new visitor.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache may be a shared Redis (CI): start every test from nothing.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def buyer(db):
    return UserFactory(email="buyer@example.az")


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.az", is_staff=True, is_superuser=True)


@pytest.fixture
def resident(db):
    return ResidentFactory(
        slug="xalca-atelier",
        display_name="Xalça Atelier",
        programme=Programme.CULTECH,
        cohort_year=2025,
    )


@pytest.fixture
def owner(resident):
    """A person who acts for `resident` (resident A)."""
    user = UserFactory(email="owner@xalca.az")
    resident.partner.users.add(user)
    return user


@pytest.fixture
def other_resident(db):
    """Resident B, with a product and an order line of their own."""
    return ResidentFactory(
        slug="oyun-studiyasi",
        display_name="Oyun Studiyası",
        programme=Programme.GAMETECH,
    )


@pytest.fixture
def other_owner(other_resident):
    user = UserFactory(email="owner@oyun.az")
    other_resident.partner.users.add(user)
    return user


@pytest.fixture
def catalogue(db, resident, django_capture_on_commit_callbacks):
    """One product of each kind, sold by `resident`, indexed for search."""
    carpets = CategoryFactory(name="Xalçalar", slug="xalcalar")
    with django_capture_on_commit_callbacks(execute=True):
        physical = ProductFactory(
            resident=resident,
            kind=PHYSICAL,
            title="Quba xalçası",
            upc="T-PHYS",
            price=Decimal("450.00"),
            num_in_stock=3,
            categories=[carpets],
            attributes={
                "weight_grams": 5200,
                "hs_code": "5701.10",
                "country_of_origin": "AZ",
            },
        )
        ship_with(physical, free_delivery_profile(resident))
        digital = VariantFactory(
            resident=resident,
            parent__kind=DIGITAL,
            parent__title="Muğam nümunələri",
            parent__upc="T-DIGI",
            parent__attributes={"file_format": "WAV"},
            title="Muğam nümunələri (Personal)",
            upc="T-DIGI-P",
            price=Decimal("15.00"),
            attributes={"licence": licence_option("personal")},
        ).parent
        service = ProductFactory(
            resident=resident,
            kind=SERVICE,
            title="Səsyazma studiyası, 1 saat",
            upc="T-SERV",
            price=Decimal("40.00"),
            num_in_stock=None,
        )
        course = ProductFactory(
            resident=resident,
            kind=COURSE,
            title="Animasiya üçün süni intellekt",
            upc="T-COUR",
            price=Decimal("0.00"),
            num_in_stock=12,
            attributes={"capacity": 12, "language": "az"},
        )
    return {
        "category": carpets,
        PHYSICAL: physical,
        DIGITAL: digital,
        SERVICE: service,
        COURSE: course,
    }


@pytest.fixture
def sites(db, django_capture_on_commit_callbacks):
    """Creative Market and Kreativ Edu, as `load_demo` builds them. The
    English and Russian home pages are wagtail-localize translations, which
    it publishes when the transaction commits: run those callbacks."""
    from market.demo.builders import demo_sites

    with django_capture_on_commit_callbacks(execute=True):
        demo_sites()


@pytest.fixture
def migration_rows(transactional_db):
    """live_server tests run on a database that the previous transactional test
    flushed: put back the rows that migrations create and the tests need
    (the product kinds, the default locale, Wagtail's root page)."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Locale, Page

    import_module("catalogue.migrations.0033_product_kinds").create_kinds(apps, None)
    import_module(
        "catalogue.migrations.0037_category_and_kind_translations"
    ).name_kinds(apps, None)
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL; on SQLite they skip, saying so."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
