"""Thirty visitors press "Register" at the same moment for the last seats of
a talk, and seats are given back while others register: PostgreSQL, real
threads, each with its own connection."""

from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from cms.models import EventIndexPage, EventPage, EventRegistration, HomePage
from cms.services.events import (
    EventRefused,
    event_register,
    event_registration_cancel,
    waitlist_position,
)
from tests.factories import UserFactory
from tests.threads import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VISITORS = 30
BAKU = ZoneInfo("Asia/Baku")


def _event(capacity: int) -> EventPage:
    home = HomePage.objects.get(slug="market", locale=Locale.get_default())
    index = home.add_child(instance=EventIndexPage(title="Tədbirlər", slug="tedbirler"))
    index.save_revision().publish()
    event = index.add_child(
        instance=EventPage(
            title="Creative Talks",
            slug="creative-talks",
            starts_at=datetime(2031, 5, 16, 18, 30, tzinfo=BAKU),
            ends_at=datetime(2031, 5, 16, 20, 0, tzinfo=BAKU),
            capacity=capacity,
        )
    )
    event.save_revision().publish()
    return event


def _register(event, user):
    try:
        return event_register(page=event, user=user, language="az").pk
    except EventRefused as refusal:
        return str(refusal)


def _cancel(registration, user):
    try:
        return event_registration_cancel(registration=registration, user=user).status
    except EventRefused as refusal:
        return str(refusal)


def _count(event, status) -> int:
    return EventRegistration.objects.filter(event=event, status=status).count()


def _people(count, prefix):
    return [UserFactory(email=f"{prefix}{n}@example.az") for n in range(count)]


def test_thirty_visitors_race_for_the_last_five_seats(migration_rows, sites):
    event = _event(capacity=8)
    for early in _people(3, "early"):
        event_register(page=event, user=early, language="az")
    racers = _people(VISITORS, "racer")

    outcomes = run_together([partial(_register, event, racer) for racer in racers])

    assert all(isinstance(outcome, int) for outcome in outcomes)
    made = list(EventRegistration.objects.filter(pk__in=outcomes))
    assert sorted(registration.status for registration in made) == (
        ["registered"] * 5 + ["waiting"] * 25
    )
    assert (_count(event, "registered"), _count(event, "waiting")) == (8, 25)
    positions = sorted(
        waitlist_position(registration)
        for registration in made
        if registration.status == "waiting"
    )
    assert positions == list(range(1, 26))
    # First come, first served: every seat went before any waitlist place.
    in_order = list(
        EventRegistration.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("status", flat=True)
    )
    assert in_order == ["registered"] * 8 + ["waiting"] * 25


def test_a_double_click_registers_once(migration_rows, sites, buyer):
    event = _event(capacity=5)

    outcomes = run_together([partial(_register, event, buyer) for _ in range(10)])

    assert sum(isinstance(outcome, int) for outcome in outcomes) == 1
    # Threads start in the default language, Azerbaijani.
    with translation.override("az"):
        already = gettext("You are already registered for “%(title)s”.") % {
            "title": "Creative Talks"
        }
    assert [o for o in outcomes if not isinstance(o, int)] == [already] * 9
    assert EventRegistration.objects.filter(event=event, user=buyer).count() == 1


def test_concurrent_cancellations_each_promote_one_waiting_person(
    migration_rows, sites
):
    event = _event(capacity=5)
    holders = _people(5, "holder")
    waiting = _people(10, "waiting")
    seats = [event_register(page=event, user=user, language="az") for user in holders]
    for user in waiting:
        event_register(page=event, user=user, language="en")

    outcomes = run_together(
        [
            partial(_cancel, seat, holder)
            for seat, holder in zip(seats, holders, strict=True)
        ]
    )

    assert outcomes == ["cancelled"] * 5
    registered = EventRegistration.objects.filter(event=event, status="registered")
    assert sorted(registered.values_list("user__email", flat=True)) == sorted(
        user.email for user in waiting[:5]
    )
    assert registered.exclude(promoted_at=None).count() == 5
    assert (_count(event, "waiting"), _count(event, "cancelled")) == (5, 5)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        user.email for user in waiting[:5]
    )


def test_newcomers_never_jump_the_waitlist_while_seats_free(migration_rows, sites):
    event = _event(capacity=5)
    holders = _people(5, "holder")
    waiting = _people(5, "waiting")
    newcomers = _people(10, "newcomer")
    seats = [event_register(page=event, user=user, language="az") for user in holders]
    for user in waiting:
        event_register(page=event, user=user, language="az")

    outcomes = run_together(
        [
            partial(_cancel, seat, holder)
            for seat, holder in zip(seats, holders, strict=True)
        ]
        + [partial(_register, event, user) for user in newcomers]
    )

    assert outcomes[:5] == ["cancelled"] * 5
    assert all(isinstance(outcome, int) for outcome in outcomes[5:])
    registered = EventRegistration.objects.filter(event=event, status="registered")
    assert sorted(registered.values_list("user__email", flat=True)) == sorted(
        user.email for user in waiting
    )
    assert _count(event, "waiting") == 10
    assert set(
        EventRegistration.objects.filter(user__in=newcomers).values_list(
            "status", flat=True
        )
    ) == {"waiting"}
