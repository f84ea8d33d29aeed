"""Shipping profiles: a resident keeps their own in the dashboard (refusals
write nothing, another resident's are out of reach), adopts the Centre's
on a listing, and search finds a listing under its profile's countries."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from catalogue.kinds import PHYSICAL
from catalogue.models import Product
from market.export.models import ShippingProfile, ShippingRate, ShippingZone
from market.export.pricing import listing_profile
from search.documents import product_document
from tests.factories import ProductFactory
from tests.factories.shipping import ship_with, shipping_profile

pytestmark = pytest.mark.django_db

COURIER = {"carrier": "Courier", "min_days": 2, "max_days": 5}
RATE = {
    "carrier": "Azərpoçt EMS",
    "min_days": "3",
    "max_days": "10",
    "first_item": "12.00",
    "each_additional": "2.00",
    "free_over": "",
    "bands-TOTAL_FORMS": "3",
    "bands-INITIAL_FORMS": "0",
    "bands-0-max_grams": "1000",
    "bands-0-price": "5.00",
    "bands-1-max_grams": "5000",
    "bands-1-price": "15.00",
    "bands-2-max_grams": "",
    "bands-2-price": "",
}


def url(name, **kwargs):
    return reverse(f"resident_dashboard:shipping-{name}", kwargs=kwargs)


def in_az(message: str) -> str:
    with translation.override("az"):
        return gettext(message)


def errors_of(response) -> list[str]:
    form = response.context["form"]
    found = [str(error) for errors in form.errors.values() for error in errors]
    bands = response.context.get("bands")
    if bands is not None:
        found += [str(error) for error in bands.non_form_errors()]
        found += [
            str(error)
            for band in bands.forms
            for errors in band.errors.values()
            for error in errors
        ]
    return found


def rows():
    return (
        list(ShippingProfile.objects.order_by("pk").values_list()),
        list(ShippingZone.objects.order_by("pk").values_list()),
        list(ShippingRate.objects.order_by("pk").values_list()),
        list(
            ShippingRate.objects.order_by("pk").values_list(
                "bands__max_grams", "bands__price"
            )
        ),
    )


@pytest.fixture
def own_profile(resident):
    return shipping_profile(
        resident=resident,
        name="Xalça parcels",
        zones=[("Near", ["AZ", "GE"], [COURIER | {"bands": [(2000, "4.00")]}])],
    )


@pytest.fixture
def their_profile(other_resident):
    return shipping_profile(
        resident=other_resident,
        name="Oyun parcels",
        zones=[("Near", ["AZ", "TR"], [COURIER])],
    )


@pytest.fixture
def centre_profile(db):
    return shipping_profile(
        name="Centre EMS", zones=[("World", ["DE", "FR", "US"], [COURIER])]
    )


# Creating a whole profile ---------------------------------------------------


def test_a_resident_builds_a_profile_with_a_zone_and_a_carrier(client, owner, resident):
    client.force_login(owner)

    response = client.post(url("profile-create"), {"name": "Carpets"})
    profile = ShippingProfile.objects.get(name="Carpets")
    assert response.status_code == 302
    assert profile.resident == resident
    client.post(
        url("zone-create", profile_pk=profile.pk),
        {"name": "Europe", "countries": ["DE", "FR"]},
    )
    zone = profile.zones.get()
    stamp = ShippingProfile.objects.get(pk=profile.pk).updated_at
    response = client.post(url("rate-create", zone_pk=zone.pk), RATE)

    assert response.status_code == 302
    assert zone.countries == ["DE", "FR"]
    rate = zone.rates.get()
    assert (rate.carrier, rate.first_item, rate.free_over) == (
        "Azərpoçt EMS",
        Decimal("12.00"),
        None,
    )
    assert list(rate.bands.values_list("max_grams", "price")) == [
        (1000, Decimal("5.00")),
        (5000, Decimal("15.00")),
    ]
    assert ShippingProfile.objects.get(pk=profile.pk).updated_at > stamp
    page = client.get(url("profile", pk=profile.pk))
    # Countries by name in the visitor's language (az by default).
    assert "Almaniya, Fransa" in page.content.decode()


def test_the_zone_form_names_countries_in_the_visitors_language(
    client, owner, own_profile
):
    client.force_login(owner)

    page = client.get(url("zone-create", profile_pk=own_profile.pk))

    choices = dict(page.context["form"].fields["countries"].choices)
    assert (choices["DE"], choices["AZ"]) == ("Almaniya", "Azərbaycan")


# Refusals: a clear, translated message and nothing saved --------------------


def test_a_zone_without_countries_is_refused(client, owner, own_profile):
    client.force_login(owner)
    before = rows()

    response = client.post(
        url("zone-create", profile_pk=own_profile.pk), {"name": "Empty"}
    )

    assert response.status_code == 400
    assert errors_of(response) == [in_az("Choose at least one country.")]
    assert rows() == before


def test_a_country_already_in_another_zone_is_refused(client, owner, own_profile):
    client.force_login(owner)
    before = rows()

    response = client.post(
        url("zone-create", profile_pk=own_profile.pk),
        {"name": "Caucasus", "countries": ["GE", "AM"]},
    )

    assert response.status_code == 400
    with translation.override("az"):
        expected = gettext("%(countries)s already in the zone “%(zone)s”.") % {
            "countries": "Gürcüstan",
            "zone": "Near",
        }
    assert errors_of(response) == [expected]
    assert rows() == before


def test_the_same_country_in_two_profiles_is_fine(client, owner, own_profile):
    second = shipping_profile(resident=own_profile.resident, name="Second")
    client.force_login(owner)

    response = client.post(
        url("zone-create", profile_pk=second.pk),
        {"name": "Georgia", "countries": ["GE"]},
    )

    assert response.status_code == 302
    assert second.zones.get().countries == ["GE"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"first_item": "-1.00"},
            "Ensure this value is greater than or equal to %(limit_value)s.",
        ),
        (
            {"bands-0-price": "-5.00"},
            "Ensure this value is greater than or equal to %(limit_value)s.",
        ),
        (
            {"bands-0-max_grams": "-10"},
            "Ensure this value is greater than or equal to %(limit_value)s.",
        ),
        (
            {"min_days": "12", "max_days": "3"},
            "The shortest delivery time is longer than the longest.",
        ),
        ({"bands-1-max_grams": "1000"}, "Two bands end at the same weight."),
        (
            {"carrier": "EMS\nBcc: victim@example.com"},
            "Write this on one line, without line breaks or control characters.",
        ),
    ],
)
def test_a_bad_rate_is_refused(client, owner, own_profile, change, message):
    zone = own_profile.zones.get()
    client.force_login(owner)
    before = rows()

    response = client.post(url("rate-create", zone_pk=zone.pk), RATE | change)

    assert response.status_code == 400
    (error,) = errors_of(response)
    with translation.override("az"):
        assert error.startswith(gettext(message).split("%")[0])
    assert rows() == before


def test_editing_a_rate_to_bad_values_changes_nothing(client, owner, own_profile):
    rate = own_profile.zones.get().rates.get()
    client.force_login(owner)
    before = rows()

    response = client.post(
        url("rate-edit", pk=rate.pk), RATE | {"min_days": "9", "max_days": "1"}
    )

    assert response.status_code == 400
    assert errors_of(response) == [
        in_az("The shortest delivery time is longer than the longest.")
    ]
    assert rows() == before


def test_a_profile_listings_ship_with_cannot_be_deleted(
    client, owner, resident, own_profile
):
    product = ProductFactory(resident=resident, kind=PHYSICAL)
    ship_with(product, own_profile)
    client.force_login(owner)
    before = rows()

    response = client.post(url("profile-delete", pk=own_profile.pk))

    assert response.status_code == 400
    with translation.override("az"):
        expected = gettext(
            "%(count)s listing(s) ship with this profile: give them another "
            "profile before deleting it."
        ) % {"count": 1}
    assert response.context["errors"] == [expected]
    assert rows() == before


def test_an_unused_profile_is_deleted_with_its_zones(client, owner, own_profile):
    client.force_login(owner)

    response = client.post(url("profile-delete", pk=own_profile.pk))

    assert response.status_code == 302
    assert not ShippingProfile.objects.filter(pk=own_profile.pk).exists()
    assert not ShippingZone.objects.exists()


# Isolation ------------------------------------------------------------------


def test_the_list_shows_own_and_centre_profiles_only(
    client, owner, own_profile, their_profile, centre_profile
):
    client.force_login(owner)

    page = client.get(url("profiles"))

    assert page.context["own_profiles"] == [own_profile]
    assert page.context["centre_profiles"] == [centre_profile]


def test_a_resident_cannot_reach_another_residents_profile(
    client, owner, their_profile
):
    zone = their_profile.zones.get()
    rate = zone.rates.get()
    client.force_login(owner)
    before = rows()
    posts = [
        (url("profile", pk=their_profile.pk), {}),
        (url("profile-edit", pk=their_profile.pk), {"name": "Mine"}),
        (url("profile-delete", pk=their_profile.pk), {}),
        (
            url("zone-create", profile_pk=their_profile.pk),
            {"name": "X", "countries": ["US"]},
        ),
        (url("zone-edit", pk=zone.pk), {"name": "X", "countries": ["US"]}),
        (url("zone-delete", pk=zone.pk), {}),
        (url("rate-create", zone_pk=zone.pk), RATE),
        (url("rate-edit", pk=rate.pk), RATE),
        (url("rate-delete", pk=rate.pk), {}),
    ]

    for address, data in posts:
        assert client.get(address).status_code == 404, address
        assert client.post(address, data).status_code == 404, address
    assert rows() == before


def test_a_centre_profile_is_read_only_for_residents(client, owner, centre_profile):
    zone = centre_profile.zones.get()
    client.force_login(owner)
    before = rows()

    page = client.get(url("profile", pk=centre_profile.pk))
    responses = [
        client.post(url("profile-edit", pk=centre_profile.pk), {"name": "Mine"}),
        client.post(url("profile-delete", pk=centre_profile.pk)),
        client.post(url("zone-edit", pk=zone.pk), {"name": "X", "countries": ["US"]}),
        client.post(url("rate-create", zone_pk=zone.pk), RATE),
    ]

    assert page.status_code == 200
    assert page.context["editable"] is False
    assert [response.status_code for response in responses] == [404] * 4
    assert rows() == before


def test_the_services_refuse_another_owner(resident, their_profile):
    from django.core.exceptions import PermissionDenied

    from market.export import services_profiles as services

    with pytest.raises(PermissionDenied):
        services.shipping_profile_update(
            resident=resident, profile=their_profile, name="Mine"
        )
    with pytest.raises(PermissionDenied):
        services.shipping_zone_delete(resident=resident, zone=their_profile.zones.get())
    with pytest.raises(PermissionDenied):
        services.shipping_profile_delete(resident=None, profile=their_profile)
    assert their_profile.zones.count() == 1
    assert ShippingProfile.objects.get(pk=their_profile.pk).name == "Oyun parcels"


# The listing form -----------------------------------------------------------

LISTING = {
    "title": "Yeni xalça",
    "description": "<p>Yun</p>",
    "price": "450.00",
    "stock": "3",
    "attr_weight_grams": "5200",
    "attr_hs_code": "5701.10",
    "attr_country_of_origin": "TR",
}


def _create_listing(client, category, **extra):
    return client.post(
        reverse("resident_dashboard:create", kwargs={"kind": PHYSICAL}),
        {**LISTING, "category": category.pk, **extra},
    )


def test_a_listing_may_ship_with_a_centre_profile(
    client, owner, catalogue, centre_profile
):
    client.force_login(owner)

    response = _create_listing(
        client, catalogue["category"], shipping_profile=centre_profile.pk
    )

    assert response.status_code == 302
    product = Product.objects.get(title="Yeni xalça")
    assert listing_profile(product) == centre_profile
    assert product.attr.country_of_origin == "TR"


def test_another_residents_profile_is_refused_on_a_listing(
    client, owner, catalogue, their_profile
):
    client.force_login(owner)
    products = Product.objects.count()

    response = _create_listing(
        client, catalogue["category"], shipping_profile=their_profile.pk
    )

    assert response.status_code == 400
    assert response.context["form"].errors["shipping_profile"] == [
        in_az("Choose one of your shipping profiles or one of the Centre's.")
    ]
    assert Product.objects.count() == products
    assert not their_profile.listings.exists()


def test_a_physical_listing_needs_a_profile(client, owner, catalogue):
    client.force_login(owner)
    products = Product.objects.count()

    response = _create_listing(client, catalogue["category"])

    assert response.status_code == 400
    assert "shipping_profile" in response.context["form"].errors
    assert Product.objects.count() == products


def test_the_listing_form_round_trip(
    client, owner, catalogue, own_profile, centre_profile, their_profile
):
    product = catalogue[PHYSICAL]
    client.force_login(owner)
    edit = reverse("resident_dashboard:edit", kwargs={"pk": product.pk})

    page = client.get(edit)
    form = page.context["form"]
    offered = set(form.fields["shipping_profile"].queryset)
    assert form.initial["shipping_profile"] == listing_profile(product)
    assert form.initial["attr_country_of_origin"] == "AZ"
    assert "attr_ships_to" not in form.fields
    assert their_profile not in offered
    assert {own_profile, centre_profile} <= offered

    response = client.post(
        edit,
        {
            **LISTING,
            "title": "Quba xalçası",
            "category": catalogue["category"].pk,
            "shipping_profile": own_profile.pk,
        },
    )

    assert response.status_code == 302
    assert listing_profile(Product.objects.get(pk=product.pk)) == own_profile
    again = client.get(edit).context["form"]
    assert again.initial["shipping_profile"] == own_profile
    assert again.initial["attr_country_of_origin"] == "TR"


# Search ---------------------------------------------------------------------


def test_the_search_document_ships_where_the_profile_reaches(
    resident, catalogue, own_profile, centre_profile
):
    carpet = catalogue[PHYSICAL]
    ship_with(carpet, centre_profile)

    assert product_document(Product.objects.get(pk=carpet.pk))["ships_to"] == [
        "DE",
        "FR",
        "US",
    ]

    ship_with(carpet, own_profile)
    assert product_document(Product.objects.get(pk=carpet.pk))["ships_to"] == [
        "AZ",
        "GE",
    ]


def test_a_physical_listing_without_a_profile_ships_nowhere(resident, catalogue):
    carpet = catalogue[PHYSICAL]
    carpet.shipping.delete()

    document = product_document(Product.objects.get(pk=carpet.pk))

    assert document["ships_to"] == []


def test_a_zone_change_reaches_the_search_index(
    client, owner, catalogue, django_capture_on_commit_callbacks
):
    from search.models import DocumentFacet

    carpet = catalogue[PHYSICAL]
    zone = carpet.shipping.profile.zones.get()
    client.force_login(owner)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("zone-edit", pk=zone.pk), {"name": "US", "countries": ["US"]})

    assert list(
        DocumentFacet.objects.filter(
            document_id=carpet.pk, facet="ships_to"
        ).values_list("value", flat=True)
    ) == ["US"]


# The Centre's profiles in the Wagtail admin ---------------------------------


def test_staff_build_a_centre_profile_in_the_admin(client, staff):
    client.force_login(staff)

    client.post(reverse("centre_shipping_profiles:add"), {"name": "Centre post"})
    profile = ShippingProfile.objects.get(name="Centre post")
    client.post(
        reverse("centre_shipping_zones:add"),
        {"profile": profile.pk, "name": "Europe", "countries": ["DE", "FR"]},
    )
    zone = profile.zones.get()
    client.post(
        reverse("centre_shipping_rates:add"),
        {
            "zone": zone.pk,
            "carrier": "EMS",
            "min_days": "3",
            "max_days": "9",
            "first_item": "10.00",
            "each_additional": "1.00",
            "free_over": "",
        },
    )
    rate = zone.rates.get()
    client.post(
        reverse("centre_shipping_bands:add"),
        {"rate": rate.pk, "max_grams": "2000", "price": "7.00"},
    )

    assert profile.resident is None
    assert zone.countries == ["DE", "FR"]
    assert (rate.carrier, rate.max_days) == ("EMS", 9)
    assert list(rate.bands.values_list("max_grams", "price")) == [
        (2000, Decimal("7.00"))
    ]


def test_the_admin_lists_only_centre_profiles(
    client, staff, own_profile, centre_profile
):
    client.force_login(staff)

    page = client.get(reverse("centre_shipping_profiles:index"))
    edit_theirs = client.get(
        reverse("centre_shipping_profiles:edit", args=[own_profile.pk])
    )

    assert list(page.context["object_list"]) == [centre_profile]
    assert edit_theirs.status_code == 404
