"""Staff mark who came to an event; only a registered person, only once
the event has begun, only with the right to change registrations."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from cms.models import EventRegistration, RegistrationStatus
from cms.services.events import EventRefused, registration_attendance_mark
from tests.factories import UserFactory

from .test_events import events_index, make_event  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

BAKU = ZoneInfo("Asia/Baku")
BEGAN = datetime(2026, 5, 16, 18, 30, tzinfo=BAKU)
URL = "/cms/event_registrations/attendance/{}/"


@pytest.fixture
def past_event(events_index):  # noqa: F811
    return make_event(
        events_index,
        slug="past-talk",
        starts_at=BEGAN,
        ends_at=BEGAN + timedelta(hours=2),
    )


def _registration(event, status=RegistrationStatus.REGISTERED):
    return EventRegistration.objects.create(
        event=event, user=UserFactory(), status=status
    )


def _door_keeper(*codenames):
    group = Group.objects.create(name=f"Door {'-'.join(codenames)}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="cms", codename__in=codenames
        ),
    )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


def test_a_registered_person_is_marked_present_and_back(past_event):
    registration = _registration(past_event)
    now = BEGAN + timedelta(minutes=10)

    marked = registration_attendance_mark(
        registration_id=registration.pk, attended=True, now=now
    )
    again = registration_attendance_mark(
        registration_id=registration.pk, attended=True, now=now + timedelta(hours=1)
    )

    assert marked.attended_at == now
    # Marking twice keeps the first time.
    assert again.attended_at == now
    undone = registration_attendance_mark(
        registration_id=registration.pk, attended=False, now=now
    )
    assert undone.attended_at is None


@pytest.mark.parametrize(
    "status", [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED]
)
def test_only_a_person_holding_a_place_can_be_marked(past_event, status):
    registration = _registration(past_event, status=status)

    with pytest.raises(EventRefused, match="Yalnız yeri olan şəxs"):
        registration_attendance_mark(
            registration_id=registration.pk, attended=True, now=BEGAN
        )

    registration.refresh_from_db()
    assert registration.attended_at is None


def test_nobody_is_marked_before_the_event_begins(past_event):
    registration = _registration(past_event)

    with pytest.raises(EventRefused, match="tədbir başlayandan sonra"):
        registration_attendance_mark(
            registration_id=registration.pk,
            attended=True,
            now=BEGAN - timedelta(minutes=1),
        )

    registration.refresh_from_db()
    assert registration.attended_at is None


def test_staff_with_the_change_right_mark_from_the_listing(client, past_event):
    registration = _registration(past_event)
    client.force_login(
        _door_keeper("view_eventregistration", "change_eventregistration")
    )

    listing = client.get("/cms/event_registrations/")
    before = timezone.now()
    response = client.post(
        URL.format(registration.pk),
        {"attended": "1", "next": "/cms/event_registrations/?status=registered"},
    )

    assert "Gəldi kimi qeyd et" in listing.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/cms/event_registrations/?status=registered"
    registration.refresh_from_db()
    assert before <= registration.attended_at <= timezone.now()


def test_a_viewer_without_the_change_right_cannot_mark(client, past_event):
    registration = _registration(past_event)
    client.force_login(_door_keeper("view_eventregistration"))

    response = client.post(URL.format(registration.pk), {"attended": "1"})

    # Wagtail sends a user without the right back to the admin's home.
    assert response.status_code == 302
    assert response["Location"] == "/cms/"
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_a_refusal_is_a_message_and_changes_nothing(client, past_event):
    registration = _registration(past_event, status=RegistrationStatus.CANCELLED)
    client.force_login(
        _door_keeper("view_eventregistration", "change_eventregistration")
    )

    response = client.post(URL.format(registration.pk), {"attended": "1"}, follow=True)

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["Yalnız yeri olan şəxs iştirakçı kimi qeyd edilə bilər."]
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_an_outside_next_address_is_not_followed(client, past_event):
    registration = _registration(past_event)
    client.force_login(
        _door_keeper("view_eventregistration", "change_eventregistration")
    )

    response = client.post(
        URL.format(registration.pk), {"attended": "1", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/cms/event_registrations/"


def test_a_post_without_the_csrf_token_is_refused(past_event):
    registration = _registration(past_event)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(
        _door_keeper("view_eventregistration", "change_eventregistration")
    )

    response = browser.post(URL.format(registration.pk), {"attended": "1"})

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_a_viewer_sees_the_attendance_without_the_buttons(client, past_event):
    registration = _registration(past_event)
    EventRegistration.objects.filter(pk=registration.pk).update(attended_at=BEGAN)
    client.force_login(_door_keeper("view_eventregistration"))

    body = client.get("/cms/event_registrations/").content.decode()

    assert f'<time datetime="{BEGAN.isoformat()}">' in body
    assert "Gəldi kimi qeyd et" not in body
    assert f'action="{URL.format(registration.pk)}"' not in body


def test_the_listing_filters_by_attendance(client, past_event):
    came = _registration(past_event)
    absent = _registration(past_event)
    EventRegistration.objects.filter(pk=came.pk).update(attended_at=BEGAN)
    client.force_login(_door_keeper("view_eventregistration"))

    attended = client.get("/cms/event_registrations/?attended=true")
    missed = client.get("/cms/event_registrations/?attended=false")

    assert [row.pk for row in attended.context["object_list"]] == [came.pk]
    assert [row.pk for row in missed.context["object_list"]] == [absent.pk]


def test_the_listing_button_posts_with_its_own_csrf_token(past_event):
    registration = _registration(past_event)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(
        _door_keeper("view_eventregistration", "change_eventregistration")
    )
    listing = browser.get("/cms/event_registrations/").content.decode()
    form = listing.split(f'action="{URL.format(registration.pk)}"')[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    before = timezone.now()

    response = browser.post(
        URL.format(registration.pk), {"attended": "1", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert before <= registration.attended_at <= timezone.now()
