"""Talks and workshops: registration up to capacity, then a waitlist in the
order people came; a seat given back goes to the first person waiting, who is
e-mailed; every translation of an event shares its seats; the pages in three
languages; pages made in the admin; and the staff's list of registrations
with its CSV."""

from datetime import datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.operations import translate_object

from cms.blocks import EventListBlock
from cms.models import (
    EventIndexPage,
    EventPage,
    EventRegistration,
    HomePage,
)
from cms.services.events import (
    EventRefused,
    event_register,
    event_registration_cancel,
    event_source,
    event_state,
    event_waitlist_promote,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOST = "market.localhost:8000"
BAKU = ZoneInfo("Asia/Baku")
# A Friday evening talk, far enough ahead for every test.
STARTS = datetime(2031, 5, 16, 18, 30, tzinfo=BAKU)
ENDS = datetime(2031, 5, 16, 20, 0, tzinfo=BAKU)


def market_home(language: str = "az") -> HomePage:
    home = HomePage.objects.get(slug="market", locale__language_code="az")
    return home.get_translation(Locale.objects.get(language_code=language))


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def events_index(sites):
    index = EventIndexPage(title="Tədbirlər", slug="tedbirler", intro="Söhbətlər.")
    market_home().add_child(instance=index)
    return publish(index)


def make_event(index, *, slug="creative-talks-1", **fields):
    values = {
        "title": "Creative Talks: Xalça və kod",
        "series": "creative-talks",
        "starts_at": STARTS,
        "ends_at": ENDS,
        "city": "Bakı",
        "venue": "Kreativ Mərkəz",
        "capacity": 2,
        **fields,
    }
    event = EventPage(slug=slug, **values)
    index.add_child(instance=event)
    return publish(event)


@pytest.fixture
def event(events_index):
    return make_event(events_index)


def people(count, prefix="guest"):
    return [UserFactory(email=f"{prefix}{n}@example.az") for n in range(count)]


def translated(page, language: str):
    """The page's synchronised translation (wagtail-localize), published."""
    locale = Locale.objects.get(language_code=language)
    # wagtail-localize publishes the translation when the transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_object(page, [locale])
    return EventPage.objects.get(translation_key=page.translation_key, locale=locale)


def statuses(event):
    return list(
        EventRegistration.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("user__email", "status")
    )


# Registering


def test_register_until_capacity_then_the_waitlist(event):
    guests = people(4)

    made = [event_register(page=event, user=guest, language="az") for guest in guests]

    assert [registration.status for registration in made] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    assert [event_state(event, guest).position for guest in guests] == [
        None,
        None,
        1,
        2,
    ]
    state = event_state(event, guests[3])
    assert (state.capacity, state.registered, state.seats_left, state.open) == (
        2,
        2,
        0,
        True,
    )
    assert state.full is True
    assert state.registration == made[3]


def test_state_of_an_anonymous_visitor(event, buyer):
    event_register(page=event, user=buyer, language="az")

    state = event_state(event, None)

    assert (state.capacity, state.registered, state.seats_left, state.open) == (
        2,
        1,
        1,
        True,
    )
    assert (state.registration, state.position) == (None, None)


def test_cancelling_a_seat_promotes_the_first_waiting_and_mails_them(
    event, django_capture_on_commit_callbacks
):
    holder, first, second = people(3)
    seat = event_register(page=event, user=holder, language="az")
    event_register(page=event, user=UserFactory(email="x@example.az"), language="az")
    event_register(page=event, user=first, language="en")
    event_register(page=event, user=second, language="az")
    english = translated(event, "en")

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = event_registration_cancel(registration=seat, user=holder)

    assert cancelled.status == "cancelled"
    assert cancelled.cancelled_at is not None
    assert statuses(event) == [
        ("guest0@example.az", "cancelled"),
        ("x@example.az", "registered"),
        ("guest1@example.az", "registered"),
        ("guest2@example.az", "waiting"),
    ]
    promoted = EventRegistration.objects.get(user=first)
    assert promoted.promoted_at == cancelled.cancelled_at
    assert event_state(event, second).position == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["guest1@example.az"]
    # In the language they registered in, with the English page's address.
    assert message.subject == "A seat is yours: “Creative Talks: Xalça və kod”"
    assert "You are now registered." in message.body
    assert f"http://{HOST}/en/tedbirler/creative-talks-1/" in message.body
    assert english.get_full_url() in message.body


def test_leaving_the_waitlist_promotes_nobody(
    event, django_capture_on_commit_callbacks
):
    guests = people(4)
    made = [event_register(page=event, user=guest, language="az") for guest in guests]

    with django_capture_on_commit_callbacks(execute=True):
        event_registration_cancel(registration=made[2], user=guests[2])

    assert statuses(event) == [
        ("guest0@example.az", "registered"),
        ("guest1@example.az", "registered"),
        ("guest2@example.az", "cancelled"),
        ("guest3@example.az", "waiting"),
    ]
    assert event_state(event, guests[3]).position == 1
    assert mail.outbox == []


def test_staff_may_cancel_anyones_registration(event, buyer, staff):
    registration = event_register(page=event, user=buyer, language="az")

    event_registration_cancel(registration=registration, user=staff)

    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_registering_again_after_cancelling_goes_to_the_end(event):
    guests = people(3)
    made = [event_register(page=event, user=guest, language="az") for guest in guests]
    event_registration_cancel(registration=made[0], user=guests[0])

    again = event_register(page=event, user=guests[0], language="az")

    assert again.status == "waiting"
    assert event_state(event, guests[0]).position == 1
    assert EventRegistration.objects.filter(user=guests[0]).count() == 2


def test_a_larger_capacity_goes_to_those_waiting_before_newcomers(
    event, django_capture_on_commit_callbacks
):
    guests = people(3)
    for guest in guests[:2]:
        event_register(page=event, user=guest, language="az")
    event_register(page=event, user=guests[2], language="az")
    EventPage.objects.filter(pk=event.pk).update(capacity=3)
    late = UserFactory(email="late@example.az")

    with django_capture_on_commit_callbacks(execute=True):
        registration = event_register(page=event, user=late, language="az")

    assert registration.status == "waiting"
    assert statuses(event)[2:] == [
        ("guest2@example.az", "registered"),
        ("late@example.az", "waiting"),
    ]
    assert [message.to for message in mail.outbox] == [["guest2@example.az"]]


def test_publishing_a_larger_capacity_promotes_the_waiting(
    event, django_capture_on_commit_callbacks
):
    guests = people(4)
    for guest in guests:
        event_register(page=event, user=guest, language="az")
    event.capacity = 3
    event.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = event_waitlist_promote(page=event)

    assert [registration.user for registration in promoted] == [guests[2]]
    assert [status for _email, status in statuses(event)] == [
        "registered",
        "registered",
        "registered",
        "waiting",
    ]
    assert [message.to for message in mail.outbox] == [["guest2@example.az"]]


# Translations share the seats


def test_registering_through_the_english_translation_counts_on_the_event(event, buyer):
    english = translated(event, "en")
    russian = translated(event, "ru")
    other = UserFactory(email="other@example.az")
    event_register(page=event, user=other, language="az")

    registration = event_register(page=english, user=buyer, language="en")

    assert english.pk != event.pk
    assert english.live is True
    assert event_source(english) == event
    assert event_source(russian) == event
    assert event_source(event) == event
    assert (registration.event_id, registration.language) == (event.pk, "en")
    for page in (event, english, russian):
        state = event_state(page, buyer)
        assert (state.registered, state.seats_left) == (2, 0)
        assert state.registration == registration
    third = event_register(page=russian, user=UserFactory(), language="ru")
    assert (third.event_id, third.status) == (event.pk, "waiting")


def test_the_source_of_a_page_copied_for_translation_is_the_azerbaijani_one(event):
    english_index = event.get_parent().copy_for_translation(
        Locale.objects.get(language_code="en")
    )
    publish(english_index)
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    publish(english)

    assert event_source(english) == event


def test_an_unknown_language_is_kept_as_azerbaijani(event, buyer):
    registration = event_register(page=event, user=buyer, language="xx")

    assert registration.language == "az"


# Refusals: nothing written


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"registration_open": False},
            "Registration for “Creative Talks: Xalça və kod” is closed.",
        ),
        (
            {"capacity": 0},
            "“Creative Talks: Xalça və kod” is open entry: no registration is needed.",
        ),
        (
            {
                "starts_at": datetime(2020, 3, 1, 18, 0, tzinfo=BAKU),
                "ends_at": datetime(2020, 3, 1, 20, 0, tzinfo=BAKU),
            },
            "“Creative Talks: Xalça və kod” has already ended.",
        ),
        (
            {
                "starts_at": timezone.now() - timedelta(minutes=10),
                "ends_at": timezone.now() + timedelta(hours=2),
            },
            "“Creative Talks: Xalça və kod” has already started: registration "
            "is closed.",
        ),
    ],
    ids=["closed", "open-entry", "ended", "started"],
)
def test_registration_refused(events_index, buyer, fields, message):
    event = make_event(events_index, **fields)

    with translation.override("en"), pytest.raises(EventRefused) as refusal:
        event_register(page=event, user=buyer, language="en")

    assert str(refusal.value) == message
    assert EventRegistration.objects.count() == 0
    assert event_state(event, buyer).open is False


@pytest.mark.parametrize("first_status", ["registered", "waiting"])
def test_registering_twice_is_refused(events_index, buyer, first_status):
    event = make_event(events_index, capacity=1)
    if first_status == "waiting":
        event_register(page=event, user=UserFactory(), language="az")
    first = event_register(page=event, user=buyer, language="az")

    with translation.override("en"), pytest.raises(EventRefused) as refusal:
        event_register(page=translated(event, "en"), user=buyer, language="en")

    assert first.status == first_status
    assert str(refusal.value) == (
        "You are already registered for “Creative Talks: Xalça və kod”."
    )
    assert EventRegistration.objects.filter(user=buyer).count() == 1


def test_cancelling_someone_elses_registration_is_refused(event, buyer):
    registration = event_register(page=event, user=buyer, language="az")
    stranger = UserFactory(email="stranger@example.az")

    with translation.override("en"), pytest.raises(EventRefused) as refusal:
        event_registration_cancel(registration=registration, user=stranger)

    assert str(refusal.value) == "This is not your registration."
    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_at) == ("registered", None)


def test_cancelling_twice_is_refused(event, buyer):
    registration = event_register(page=event, user=buyer, language="az")
    event_registration_cancel(registration=registration, user=buyer)
    registration.refresh_from_db()
    cancelled_at = registration.cancelled_at

    with translation.override("en"), pytest.raises(EventRefused) as refusal:
        event_registration_cancel(registration=registration, user=buyer)

    assert str(refusal.value) == "This registration was already cancelled."
    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_at) == (
        "cancelled",
        cancelled_at,
    )


# Views


def register_url(page, language="az"):
    with translation.override(language):
        return reverse("cms:event-register", args=[page.pk])


def cancel_url(registration, language="az"):
    with translation.override(language):
        return reverse("cms:event-registration-cancel", args=[registration.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_anonymous_visitors_are_sent_to_sign_in_first(client, event):
    response = client.post(register_url(event), HTTP_HOST=HOST)

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("customer:login") + "?next=" + quote("/tedbirler/creative-talks-1/")
    )
    assert EventRegistration.objects.count() == 0


def test_register_in_english_and_come_back_to_the_english_page(client, event, buyer):
    english = translated(event, "en")
    client.force_login(buyer)

    response = client.post(register_url(english, "en"), HTTP_HOST=HOST)

    assert response.status_code == 302
    assert response["Location"] == "/en/tedbirler/creative-talks-1/"
    assert messages_of(response) == [
        "You are registered for “Creative Talks: Xalça və kod”. See you there!"
    ]
    registration = EventRegistration.objects.get()
    assert (registration.event_id, registration.user, registration.status) == (
        event.pk,
        buyer,
        "registered",
    )
    assert registration.language == "en"


def test_register_for_a_full_event_joins_the_waitlist(client, events_index, buyer):
    event = make_event(events_index, capacity=1)
    event_register(page=event, user=UserFactory(), language="az")
    client.force_login(buyer)

    with translation.override("en"):
        response = client.post(register_url(event, "en"), HTTP_HOST=HOST)

    assert response.status_code == 302
    assert messages_of(response) == [
        "“Creative Talks: Xalça və kod” is full: you are on the waitlist. We will "
        "e-mail you if a seat is yours."
    ]
    assert EventRegistration.objects.get(user=buyer).status == "waiting"


def test_a_refused_registration_shows_why(client, events_index, buyer):
    event = make_event(events_index, registration_open=False)
    client.force_login(buyer)

    response = client.post(register_url(event, "en"), HTTP_HOST=HOST)

    assert response["Location"] == "/tedbirler/creative-talks-1/"
    assert messages_of(response) == [
        "Registration for “Creative Talks: Xalça və kod” is closed."
    ]
    assert EventRegistration.objects.count() == 0


def test_register_refuses_get_and_pages_that_are_not_events(client, event, buyer):
    client.force_login(buyer)

    get = client.get(register_url(event), HTTP_HOST=HOST)
    home = client.post(register_url(market_home()), HTTP_HOST=HOST)
    missing = client.post("/site/events/999999/register/", HTTP_HOST=HOST)
    draft = make_event(event.get_parent(), slug="draft")
    draft.unpublish()
    unpublished = client.post(register_url(draft), HTTP_HOST=HOST)

    assert (get.status_code, home.status_code, missing.status_code) == (405, 404, 404)
    assert unpublished.status_code == 404
    assert EventRegistration.objects.count() == 0


def test_cancel_my_registration(client, event, buyer):
    translated(event, "ru")
    registration = event_register(page=event, user=buyer, language="az")
    client.force_login(buyer)

    response = client.post(cancel_url(registration, "ru"), HTTP_HOST=HOST)

    assert response.status_code == 302
    assert response["Location"] == "/ru/tedbirler/creative-talks-1/"
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    with translation.override("ru"):
        expected = gettext("Your registration for “%(title)s” was cancelled.") % {
            "title": "Creative Talks: Xalça və kod"
        }
    assert messages_of(response) == [expected]


def test_cancelling_someone_elses_registration_is_a_404(client, event, buyer):
    registration = event_register(page=event, user=buyer, language="az")
    client.force_login(UserFactory(email="stranger@example.az"))

    response = client.post(cancel_url(registration), HTTP_HOST=HOST)
    missing = client.post("/site/events/registrations/999999/cancel/", HTTP_HOST=HOST)

    assert (response.status_code, missing.status_code) == (404, 404)
    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_at) == ("registered", None)


def test_anonymous_cancel_is_sent_to_sign_in(client, event, buyer):
    registration = event_register(page=event, user=buyer, language="az")

    response = client.post(cancel_url(registration), HTTP_HOST=HOST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login") + "?next=")
    registration.refresh_from_db()
    assert registration.status == "registered"


# Pages


def seats_left_text(language, left, capacity):
    with translation.override(language):
        return gettext("%(left)s of %(capacity)s seats left") % {
            "left": left,
            "capacity": capacity,
        }


@pytest.mark.parametrize(
    ("language", "prefix", "when", "place"),
    [
        ("az", "", "16 may 2031, 18:30", "Kreativ Mərkəz, Bakı"),
        ("en", "/en", "16 May 2031, 18:30", "Kreativ Mərkəz, Baku"),
        ("ru", "/ru", "16 мая 2031 г. 18:30", "Kreativ Mərkəz, Баку"),
    ],
)
def test_the_event_page_in_three_languages(
    client, event, language, prefix, when, place
):
    if language != "az":
        translated(event, language)

    response = client.get(f"{prefix}/tedbirler/creative-talks-1/", HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response.context_data["page"].locale.language_code == language
    html = response.content.decode()
    assert "<h1>Creative Talks: Xalça və kod</h1>" in html
    assert '<time datetime="2031-05-16T18:30:00+04:00">' in html
    assert when in html
    assert place in html
    assert seats_left_text(language, 2, 2) in html
    with translation.override(language):
        sign_in = reverse("customer:login")
    path = quote(f"{prefix}/tedbirler/creative-talks-1/")
    assert f'href="{sign_in}?next={path}"' in html
    assert "/register/" not in html


def test_the_event_page_for_a_registered_visitor(client, event, buyer):
    translated(event, "en")
    registration = event_register(page=event, user=buyer, language="az")
    client.force_login(buyer)

    response = client.get("/en/tedbirler/creative-talks-1/", HTTP_HOST=HOST)

    html = response.content.decode()
    assert "You are registered for this event." in html
    assert f'action="/en/site/events/registrations/{registration.pk}/cancel/"' in html
    assert "Cancel my registration" in html
    assert "1 of 2 seats left" in html


def test_the_event_page_shows_the_place_on_the_waitlist(client, events_index, buyer):
    event = make_event(events_index, capacity=1, online=True)
    english = translated(event, "en")
    event_register(page=event, user=UserFactory(), language="az")
    event_register(page=event, user=UserFactory(), language="az")
    event_register(page=english, user=buyer, language="en")
    client.force_login(buyer)

    response = client.get("/en/tedbirler/creative-talks-1/", HTTP_HOST=HOST)

    html = response.content.decode()
    assert (
        "You are number 2 on the waitlist. We will e-mail you if a seat is yours."
        in html
    )
    assert "Leave the waitlist" in html
    assert '<dd class="event-place">Online</dd>' in html
    assert '<dd class="event-seats">Full</dd>' in html


def test_the_event_page_offers_registration_to_a_signed_in_visitor(
    client, event, buyer
):
    client.force_login(buyer)

    response = client.get("/tedbirler/creative-talks-1/", HTTP_HOST=HOST)

    html = response.content.decode()
    assert f'action="/site/events/{event.pk}/register/"' in html


def test_an_open_entry_event_needs_no_registration(client, events_index):
    make_event(events_index, capacity=0)

    response = client.get("/tedbirler/creative-talks-1/", HTTP_HOST=HOST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "event-open-entry" in html
    assert "/register/" not in html
    assert "event-seats" not in html


def test_an_ended_event_offers_nothing_to_do(client, events_index, buyer):
    event = make_event(events_index)
    registration = event_register(page=event, user=buyer, language="az")
    EventPage.objects.filter(pk=event.pk).update(
        starts_at=datetime(2020, 3, 1, 18, 0, tzinfo=BAKU),
        ends_at=datetime(2020, 3, 1, 20, 0, tzinfo=BAKU),
    )
    client.force_login(buyer)

    response = client.get("/tedbirler/creative-talks-1/", HTTP_HOST=HOST)

    html = response.content.decode()
    with translation.override("az"):
        assert gettext("This event has ended.") in html
    assert f"/registrations/{registration.pk}/cancel/" not in html
    assert "/register/" not in html


def test_the_event_index_lists_upcoming_then_past(client, events_index):
    make_event(events_index, slug="soon", title="Ai4Art: Şəkil", series="ai4art")
    make_event(
        events_index,
        slug="later",
        title="Sonra",
        starts_at=ENDS,
        ends_at=ENDS + timedelta(hours=1),
    )
    make_event(
        events_index,
        slug="old",
        title="Keçmiş söhbət",
        starts_at=datetime(2020, 3, 1, 18, 0, tzinfo=BAKU),
        ends_at=datetime(2020, 3, 1, 20, 0, tzinfo=BAKU),
    )

    response = client.get("/tedbirler/", HTTP_HOST=HOST)

    assert response.status_code == 200
    assert [page.title for page in response.context_data["upcoming"]] == [
        "Ai4Art: Şəkil",
        "Sonra",
    ]
    assert [page.title for page in response.context_data["past"]] == ["Keçmiş söhbət"]
    html = response.content.decode()
    assert (
        html.index("Ai4Art: Şəkil") < html.index("Sonra") < html.index("Keçmiş söhbət")
    )
    assert '<a href="/tedbirler/soon/">Ai4Art: Şəkil</a>' in html


def test_the_event_list_block_shows_upcoming_events_of_the_pages_language(
    events_index,
):
    make_event(events_index, slug="ai", title="Ai4Art: Şəkil", series="ai4art")
    make_event(events_index, slug="talk")
    block = EventListBlock()
    value = block.to_python({"heading": "Tezliklə", "series": "ai4art", "count": 4})

    html = block.render(value, context={"page": market_home()})
    english = block.render(value, context={"page": market_home("en")})

    assert "<h2>Tezliklə</h2>" in html
    assert f'<a href="http://{HOST}/tedbirler/ai/">Ai4Art: Şəkil</a>' in html
    assert "Creative Talks: Xalça və kod" not in html
    assert "Ai4Art: Şəkil" not in english


# The Wagtail admin: pages


def admin_create(client, parent, model, data: dict):
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    return client.post(url, {**data, "action-publish": "publish"}, follow=True)


def test_staff_create_an_event_index_and_an_event_in_the_admin(client, staff, sites):
    client.force_login(staff)
    home = market_home()

    index_response = admin_create(
        client,
        home,
        EventIndexPage,
        nested_form_data(
            {"title": "Tədbirlər", "slug": "tedbirler", "intro": "Söhbətlər."}
        ),
    )
    index = EventIndexPage.objects.get()
    event_response = admin_create(
        client,
        index,
        EventPage,
        nested_form_data(
            {
                "title": "Ai4Art: Şəkil",
                "slug": "ai4art-1",
                "series": "ai4art",
                "starts_at": "2031-05-16 18:30",
                "ends_at": "2031-05-16 20:00",
                "online": "",
                "city": "Bakı",
                "venue": "Kreativ Mərkəz",
                "capacity": "40",
                "registration_open": "on",
                "intro": "Süni intellekt və rəssamlıq.",
                "body": streamfield(
                    [("rich_text", rich_text("<p>Gəlin, danışaq.</p>"))]
                ),
            }
        ),
    )

    assert index_response.redirect_chain == [
        (reverse("wagtailadmin_explore", args=[home.pk]), 302)
    ]
    assert event_response.redirect_chain == [
        (reverse("wagtailadmin_explore", args=[index.pk]), 302)
    ]
    assert (index.get_parent().pk, index.live, index.intro) == (
        home.pk,
        True,
        "Söhbətlər.",
    )
    event = EventPage.objects.get()
    assert event.get_parent().pk == index.pk
    assert (event.live, event.locale.language_code) == (True, "az")
    assert (event.series, event.city, event.venue) == (
        "ai4art",
        "Bakı",
        "Kreativ Mərkəz",
    )
    assert (event.capacity, event.registration_open, event.online) == (40, True, False)
    assert (event.starts_at, event.ends_at) == (STARTS, ENDS)
    assert [block.block_type for block in event.body] == ["rich_text"]


def test_an_event_that_ends_before_it_starts_is_refused_in_the_admin(
    client, staff, events_index
):
    client.force_login(staff)

    response = admin_create(
        client,
        events_index,
        EventPage,
        nested_form_data(
            {
                "title": "Tərs",
                "slug": "ters",
                "series": "workshop",
                "starts_at": "2031-05-16 20:00",
                "ends_at": "2031-05-16 18:30",
                "capacity": "10",
                "body": streamfield([]),
            }
        ),
    )

    assert response.status_code == 200
    assert EventPage.objects.count() == 0


def test_staff_raise_the_capacity_in_the_admin_and_the_waiting_get_seats(
    client, staff, events_index, django_capture_on_commit_callbacks
):
    event = make_event(events_index, capacity=1)
    guests = people(3)
    for guest in guests:
        event_register(page=event, user=guest, language="az")
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[event.pk]),
            nested_form_data(
                {
                    "title": event.title,
                    "slug": event.slug,
                    "series": event.series,
                    "starts_at": "2031-05-16 18:30",
                    "ends_at": "2031-05-16 20:00",
                    "city": event.city,
                    "venue": event.venue,
                    "capacity": "2",
                    "registration_open": "on",
                    "intro": "",
                    "body": streamfield([]),
                    "action-publish": "publish",
                }
            ),
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 2
    assert [status for _email, status in statuses(event)] == [
        "registered",
        "registered",
        "waiting",
    ]
    assert [message.to for message in mail.outbox] == [["guest1@example.az"]]


def test_the_preview_of_a_new_event_has_no_registrations(events_index, buyer):
    draft = EventPage(
        title="Yeni", slug="yeni", starts_at=STARTS, ends_at=ENDS, capacity=10
    )

    state = event_state(draft, buyer)

    assert (state.capacity, state.registered, state.seats_left) == (10, 0, 10)
    assert (state.registration, state.position) == (None, None)


def test_where_event_pages_may_go():
    assert EventIndexPage.allowed_parent_page_models() == [HomePage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventPage.allowed_subpage_models() == []


def test_an_event_cannot_be_created_under_the_home_page(client, staff, sites):
    client.force_login(staff)
    home = market_home()

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["cms", "eventpage", home.pk])
    )

    # Wagtail refuses with a redirect to the admin home and a message.
    assert (response.status_code, response["Location"]) == (302, "/cms/")
    assert EventPage.can_create_at(home) is False
    assert EventIndexPage.can_create_at(home) is True


# The Wagtail admin: registrations

ADMIN = "/cms/event_registrations/"


@pytest.fixture
def registrations(events_index):
    talk = make_event(events_index, capacity=1)
    workshop = make_event(
        events_index, slug="workshop", title="Emalatxana", series="workshop"
    )
    leyla, murad, anna = (
        UserFactory(email="leyla@example.az"),
        UserFactory(email="murad@example.az"),
        UserFactory(email="anna@example.az"),
    )
    made = {
        "leyla-talk": event_register(page=talk, user=leyla, language="az"),
        "murad-talk": event_register(page=talk, user=murad, language="en"),
        "anna-workshop": event_register(page=workshop, user=anna, language="ru"),
    }
    event_registration_cancel(registration=made["anna-workshop"], user=anna)
    for key, registration in made.items():
        registration.refresh_from_db()
        made[key] = registration
    return {"talk": talk, "workshop": workshop, **made}


def rows_of(html, registrations):
    """Which registrations the listing shows, by their inspect links."""
    return [
        key
        for key, registration in registrations.items()
        if isinstance(registration, EventRegistration)
        and f"{ADMIN}inspect/{registration.pk}/" in html
    ]


def test_staff_list_and_filter_registrations(client, staff, registrations):
    client.force_login(staff)

    listing = client.get(ADMIN)
    by_event = client.get(ADMIN, {"event": registrations["talk"].pk})
    waiting = client.get(ADMIN, {"status": "waiting"})
    cancelled = client.get(ADMIN, {"status": "cancelled"})

    assert listing.status_code == 200
    assert rows_of(listing.text, registrations) == [
        "leyla-talk",
        "murad-talk",
        "anna-workshop",
    ]
    assert "leyla@example.az" in listing.text
    assert rows_of(by_event.text, registrations) == ["leyla-talk", "murad-talk"]
    assert rows_of(waiting.text, registrations) == ["murad-talk"]
    assert rows_of(cancelled.text, registrations) == ["anna-workshop"]
    assert f"{ADMIN}edit/" not in listing.text
    assert f"{ADMIN}delete/" not in listing.text
    assert f"{ADMIN}new/" not in listing.text


def test_staff_download_the_registrations_as_csv(client, staff, registrations):
    client.force_login(staff)

    response = client.get(ADMIN, {"export": "csv", "event": registrations["talk"].pk})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="event-registrations.csv"'
    )
    text = b"".join(response.streaming_content).decode()

    def at(registration):
        return timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M")

    # The admin speaks the editor's language: Azerbaijani by default.
    with translation.override("az"):
        headings = [gettext(word) for word in ("Event", "E-mail", "Status")]
        headings += [gettext("Registered at"), gettext("Attended")]
        registered = gettext("Registered")
        waiting = gettext("On the waitlist")
    title = "Creative Talks: Xalça və kod"
    assert text.splitlines() == [
        ",".join(headings),
        f"{title},leyla@example.az,{registered},{at(registrations['leyla-talk'])},",
        f"{title},murad@example.az,{waiting},{at(registrations['murad-talk'])},",
    ]


def test_staff_inspect_a_registration(client, staff, registrations):
    client.force_login(staff)

    response = client.get(f"{ADMIN}inspect/{registrations['murad-talk'].pk}/")

    assert response.status_code == 200
    assert "murad@example.az" in response.text
    assert f"{ADMIN}edit/" not in response.text


def test_registrations_are_not_for_visitors(client, buyer, registrations):
    client.force_login(buyer)

    listing = client.get(ADMIN)
    export = client.get(ADMIN, {"export": "csv"})

    assert listing.status_code == 302
    assert listing["Location"].startswith("/cms/login/")
    assert export.status_code == 302
    assert export["Location"].startswith("/cms/login/")


def test_registrations_are_not_for_anonymous_visitors(client, registrations):
    response = client.get(ADMIN, {"export": "csv"})

    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")


# The one rule for events: an unpublished event takes no registration by any
# door (the page's form, a POST by id, the service) and promotes nobody.


def test_an_unpublished_event_takes_no_registration_by_any_door(events_index, client):
    event = make_event(events_index, capacity=5)
    waiting_event_registration = EventRegistration.objects.count()
    event.unpublish()
    visitor = UserFactory(email="visitor@example.az")
    client.force_login(visitor)

    response = client.post(reverse("cms:event-register", args=[event.pk]))
    with translation.override("en"), pytest.raises(EventRefused) as refusal:
        event_register(page=event, user=visitor, language="az")

    assert response.status_code == 404
    assert (
        str(refusal.value.message) == f"“{event.title}” is not open for registration."
    )
    assert EventRegistration.objects.count() == waiting_event_registration == 0


def test_an_unpublished_event_promotes_nobody_from_its_waitlist(events_index):
    event = make_event(events_index, capacity=1)
    first, second = (UserFactory(email=f"{n}@example.az") for n in ("first", "second"))
    seat = event_register(page=event, user=first, language="az")
    waiting = event_register(page=event, user=second, language="az")
    event.unpublish()
    event.refresh_from_db()

    event_registration_cancel(registration=seat, user=first)

    waiting.refresh_from_db()
    assert waiting.status == "waiting"
