"""The editors' choosers: products (public parents and standalone ones),
courses only, approved residents only, searchable by title words, and
closed to anyone who is not staff."""

import pytest
from django.test import Client
from django.urls import reverse

from catalogue.kinds import COURSE, DIGITAL, SERVICE
from market.residents.models import ResidentStatus
from tests.factories import (
    ProductFactory,
    ResidentFactory,
    UserFactory,
    VariantFactory,
    course_product,
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _listed(response) -> list[str]:
    return [str(item) for item in response.context["results"]]


@pytest.fixture
def products(resident):
    """Oldest first: a standalone product, a product sold through two
    variants, a hidden product, a service and a course."""
    ProductFactory(resident=resident, title="Quba xalçası")
    digital = VariantFactory(
        resident=resident,
        parent__kind=DIGITAL,
        parent__title="Muğam nümunələri",
        parent__attributes={"file_format": "WAV"},
        title="Muğam nümunələri (Personal)",
    ).parent
    VariantFactory(
        resident=resident,
        parent=digital,
        title="Muğam nümunələri (Commercial)",
    )
    ProductFactory(resident=resident, title="Gizli xalça", is_public=False)
    ProductFactory(resident=resident, kind=SERVICE, title="Quba studiyası, 1 saat")
    course_product(resident=resident, title="Animasiya kursu")


def test_product_chooser_lists_public_parent_and_standalone_products(staff, products):
    response = _client(staff).get(reverse("product_chooser:choose"))

    assert response.status_code == 200
    assert _listed(response) == [
        "Animasiya kursu",
        "Quba studiyası, 1 saat",
        "Muğam nümunələri",
        "Quba xalçası",
    ]
    html = response.json()["html"]
    assert "Muğam nümunələri (Personal)" not in html
    assert "Gizli xalça" not in html


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("quba", ["Quba studiyası, 1 saat", "Quba xalçası"]),
        ("QUBA xal", ["Quba xalçası"]),
        ("  saat   quba ", ["Quba studiyası, 1 saat"]),
        ("gizli", []),
        ("Personal", []),
    ],
)
def test_product_chooser_search_keeps_titles_with_every_word(
    staff, products, query, titles
):
    client = _client(staff)

    choose = client.get(reverse("product_chooser:choose"), {"q": query})
    results = client.get(reverse("product_chooser:choose_results"), {"q": query})

    assert _listed(choose) == titles
    assert _listed(results) == titles


def test_course_chooser_lists_courses_only(staff, resident, products):
    course_product(resident=resident, title="Musiqi istehsalı")
    hidden = course_product(resident=resident, title="Gizli kurs")
    hidden.is_public = False
    hidden.save()
    ProductFactory(resident=resident, kind=COURSE, title="Sessiyasız kurs")

    response = _client(staff).get(reverse("course_chooser:choose"))

    assert response.status_code == 200
    assert _listed(response) == [
        "Sessiyasız kurs",
        "Musiqi istehsalı",
        "Animasiya kursu",
    ]


def test_course_chooser_search(staff, resident, products):
    course_product(resident=resident, title="Musiqi istehsalı")

    response = _client(staff).get(reverse("course_chooser:choose"), {"q": "musiqi"})

    assert _listed(response) == ["Musiqi istehsalı"]


def test_resident_chooser_lists_approved_residents_only(
    staff, resident, other_resident
):
    ResidentFactory(display_name="Ahəng")
    for status in (
        ResidentStatus.APPLIED,
        ResidentStatus.REJECTED,
        ResidentStatus.SUSPENDED,
    ):
        ResidentFactory(display_name=f"Bağlı {status.value}", status=status)
    client = _client(staff)

    response = client.get(reverse("resident_chooser:choose"))
    searched = client.get(reverse("resident_chooser:choose"), {"q": "studiya"})

    assert response.status_code == 200
    assert _listed(response) == ["Ahəng", "Oyun Studiyası", "Xalça Atelier"]
    assert _listed(searched) == ["Oyun Studiyası"]


@pytest.mark.parametrize(
    "url_name",
    [
        "product_chooser:choose",
        "product_chooser:choose_results",
        "course_chooser:choose",
        "resident_chooser:choose",
    ],
)
def test_a_visitor_who_is_not_staff_cannot_open_the_choosers(
    buyer, resident, products, url_name
):
    client = _client(buyer)

    response = client.get(reverse(url_name))
    anonymous = Client().get(reverse(url_name))

    for denied in (response, anonymous):
        assert denied.status_code == 302
        assert denied["Location"].startswith(reverse("wagtailadmin_login"))
        assert "Quba xalçası" not in denied.content.decode()
        assert "Xalça Atelier" not in denied.content.decode()


def test_staff_without_admin_access_cannot_open_the_choosers(resident, products):
    client = _client(UserFactory(is_staff=True))

    response = client.get(reverse("product_chooser:choose"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
