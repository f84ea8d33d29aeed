"""The studios' pages ask the database a number of times that does not
grow with what they show: rooms on a studio page, bookings in a room's
week, a person's bookings (issue 16's budgets, kept for the studios)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from market.bookings.services import SlotRequest, booking_create
from tests.factories import UserFactory
from tests.factories.studios import baku, make_equipment, make_room

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _book(room, booker, day, hour):
    return booking_create(
        request=SlotRequest(room_id=room.pk, starts_at=baku(day, hour), minutes=60),
        booker=booker,
    )


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_room_s_week_costs_the_same_with_one_booking_or_nine(room, buyer, tuesday):
    client = _signed_in(buyer)
    with translation.override("en"):
        url = f"{reverse('bookings:room', args=[room.slug])}?week={tuesday}"
    others = [UserFactory(email=f"b{n}@example.az") for n in range(9)]
    _book(room, others[0], tuesday, 10)
    client.get(url)  # warm caches of the request (session, site)
    one = _queries(client, url)

    for number, other in enumerate(others[1:], start=1):
        _book(room, other, tuesday, 10 + number)
    nine = _queries(client, url)

    assert nine == one


def test_my_bookings_costs_the_same_with_one_booking_or_six(room, buyer, tuesday):
    make_equipment(room)
    client = _signed_in(buyer)
    with translation.override("en"):
        url = reverse("bookings:mine")
    _book(room, buyer, tuesday, 10)
    client.get(url)
    one = _queries(client, url)

    for hour in (12, 14):
        _book(room, buyer, tuesday, hour)
    three = _queries(client, url)

    assert three == one


def test_a_studio_page_costs_the_same_with_one_room_or_four(room, sites):
    from cms.models import HomePage, StudioIndexPage, StudioPage

    home = HomePage.objects.get(slug="market", locale__language_code="az")
    index = home.add_child(instance=StudioIndexPage(title="Studiyalar", slug="st"))
    page = index.add_child(instance=StudioPage(title="Səs", slug="ses", kind="sound"))
    make_equipment(room)
    client = Client()
    client.get(page.url)
    one = _queries(client, page.url)

    for letter in "bcd":
        make_equipment(make_room(slug=f"sound-{letter}", name=f"Səs otağı {letter}"))
    four = _queries(client, page.url)

    assert four == one
