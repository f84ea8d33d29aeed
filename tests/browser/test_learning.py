"""The learner's story in Chromium: enrol in a free course, a second learner
finds it full and joins the waitlist, the first gives the seat back, the
second is offered it and takes it, completes the course (the resident marks
attendance), downloads the certificate and checks it publicly."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from market.learning.models import Certificate, Seat, SeatStatus, WaitlistEntry
from tests.factories import UserFactory, course_product

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _signed_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_enrol_wait_take_the_freed_seat_complete_and_verify(
    browser, live_server, resident, owner, tmp_path
):
    # The course started an hour ago: enrolment is open until its first
    # session starts, so it is set to close a day from now.
    now = timezone.now()
    first_session = now + timedelta(days=1)
    course = course_product(
        resident=resident,
        title="Animasiya üçün süni intellekt",
        capacity=1,
        sessions=[(first_session, first_session + timedelta(hours=2))],
    )
    aysel = UserFactory(
        email="aysel@example.az", first_name="Aysel", last_name="Məmmədova"
    )
    murad = UserFactory(
        email="murad@example.az", first_name="Murad", last_name="Əliyev"
    )
    url = live_server.url + "/en" + course.get_absolute_url()

    # 1. Aysel enrols on one click.
    first = _signed_in(browser, live_server, aysel)
    first.goto(url)
    assert first.locator(".course-seats").inner_text() == "1 of 1 seats left"
    first.locator("button.course-enrol").click()
    first.wait_for_selector(".course-enrolled")

    # 2. Murad finds the course full and joins the waitlist.
    second = _signed_in(browser, live_server, murad)
    second.goto(url)
    assert second.locator(".course-seats").inner_text() == "Full"
    second.locator("button.course-waitlist-join").click()
    assert (
        second.locator(".course-waiting").inner_text()
        == "You are number 1 on the waitlist."
    )

    # 3. Aysel gives her seat back from "My learning".
    first.goto(live_server.url + "/en" + reverse("learning:mine"))
    first.once("dialog", lambda dialog: dialog.accept())
    first.locator("button.seat-cancel").click()
    first.wait_for_selector("text=was given back")
    assert Seat.objects.get(learner=aysel).status == SeatStatus.CANCELLED

    # 4. Murad is offered the seat by e-mail and takes it.
    assert WaitlistEntry.objects.get(learner=murad).status == "offered"
    assert [message.to for message in mail.outbox] == [["murad@example.az"]]
    second.goto(url)
    assert (
        second.locator(".course-offer")
        .inner_text()
        .startswith("A seat is kept for you until ")
    )
    second.locator("button.course-enrol").click()
    second.wait_for_selector(".course-enrolled")
    assert Seat.objects.get(learner=murad, status=SeatStatus.ACTIVE)

    # 5. The course runs; the resident marks attendance.
    session = course.course.sessions.get()
    session.starts_at = now - timedelta(hours=3)
    session.ends_at = now - timedelta(hours=1)
    session.save()
    teacher = _signed_in(browser, live_server, owner)
    teacher.goto(
        live_server.url
        + "/en"
        + reverse("learning:teach-attendance", args=[course.pk, session.pk])
    )
    teacher.locator("input[type=checkbox]").check()
    teacher.locator("form button[type=submit]").last.click()
    teacher.wait_for_url(f"**{reverse('learning:teach-course', args=[course.pk])}")
    certificate = Certificate.objects.get(seat__learner=murad)

    # 6. Murad downloads his certificate and anyone can check it.
    second.goto(live_server.url + "/en" + reverse("learning:mine"))
    with second.expect_download() as download_info:
        second.locator(".certificate a.btn-primary").click()
    pdf = download_info.value.path().read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Murad Əliyev" in text
    assert certificate.code in text

    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(live_server.url + f"/certificates/{certificate.code}/")
    content = visitor.content()
    assert "Murad Əliyev" in content
    assert "Valid" in content
    assert "murad@example.az" not in content
    visitor.screenshot(path=str(tmp_path / "certificate.png"), full_page=True)
