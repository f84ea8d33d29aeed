"""Applying to open a shop, and Centre staff's decisions on it."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext
from oscar.apps.partner.models import Partner

from market.residents.models import Programme, Resident, ResidentStatus
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

APPLICATION = {
    "display_name": "Gəncə Keramika",
    "programme": Programme.CULTECH,
    "startup_name": "Gəncə Keramika MMC",
    "cohort_year": 2026,
    "city": "Gəncə",
    "languages": "az, ru",
    "website": "https://example.az/keramika",
    "bio": "<p>Əl ilə <strong>keramika</strong>.</p>",
}


@pytest.fixture
def applicant(db):
    return UserFactory(email="applicant@example.az")


def _apply(client, user, data=APPLICATION, capture=None):
    client.force_login(user)
    if capture is None:
        return client.post(reverse("residents:apply"), data)
    with capture(execute=True):
        return client.post(reverse("residents:apply"), data)


def _decide(client, staff, resident, decision, reason="", capture=None):
    client.force_login(staff)
    url = reverse("resident_decide", args=[resident.pk])
    with capture(execute=True):
        return client.post(url, {"decision": decision, "reason": reason})


def test_signed_in_user_applies(client, applicant, django_capture_on_commit_callbacks):
    response = _apply(client, applicant, capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302
    resident = Resident.objects.get()
    assert resident.applicant == applicant
    assert resident.status == ResidentStatus.APPLIED
    assert resident.partner is None
    assert resident.slug == "gence-keramika"
    assert resident.bio == "<p>Əl ilə <strong>keramika</strong>.</p>"
    assert [message.to for message in mail.outbox] == [["applicant@example.az"]]


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.post(reverse("residents:apply"), APPLICATION)

    assert response.status_code == 302
    assert reverse("customer:login") in response["Location"]
    assert Resident.objects.count() == 0


def test_a_second_application_is_refused(client, applicant):
    _apply(client, applicant)

    response = _apply(client, applicant, {**APPLICATION, "display_name": "Other"})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        gettext("You already have an application or a shop.")
    ]
    assert Resident.objects.count() == 1


def test_posted_status_partner_and_slug_are_ignored(client, applicant):
    partner = Partner.objects.create(name="Someone else", code="someone-else")

    _apply(
        client,
        applicant,
        {**APPLICATION, "status": "approved", "partner": partner.pk, "slug": "x"},
    )

    resident = Resident.objects.get()
    assert (resident.status, resident.partner, resident.slug) == (
        ResidentStatus.APPLIED,
        None,
        "gence-keramika",
    )


def test_staff_approve_creates_the_partner_once(
    client, applicant, staff, django_capture_on_commit_callbacks
):
    _apply(client, applicant, capture=django_capture_on_commit_callbacks)
    resident = Resident.objects.get()
    mail.outbox.clear()

    first = _decide(
        client, staff, resident, "approve", capture=django_capture_on_commit_callbacks
    )
    again = _decide(
        client, staff, resident, "approve", capture=django_capture_on_commit_callbacks
    )

    resident.refresh_from_db()
    assert (first.status_code, again.status_code) == (302, 302)
    assert resident.status == ResidentStatus.APPROVED
    assert resident.decided_by == staff
    assert list(resident.partner.users.all()) == [applicant]
    assert Partner.objects.count() == 1
    assert [message.to for message in mail.outbox] == [["applicant@example.az"]]
    assert client.get(resident.get_absolute_url()).status_code == 200


def test_reject_needs_a_reason_and_e_mails_it(
    client, applicant, staff, django_capture_on_commit_callbacks
):
    _apply(client, applicant, capture=django_capture_on_commit_callbacks)
    resident = Resident.objects.get()
    mail.outbox.clear()

    _decide(client, staff, resident, "reject", "", django_capture_on_commit_callbacks)
    resident.refresh_from_db()
    assert resident.status == ResidentStatus.APPLIED
    assert mail.outbox == []

    _decide(
        client,
        staff,
        resident,
        "reject",
        "Portfolio & prices missing",
        django_capture_on_commit_callbacks,
    )
    resident.refresh_from_db()
    assert resident.status == ResidentStatus.REJECTED
    assert resident.partner is None
    assert Partner.objects.count() == 0
    assert "Portfolio & prices missing" in mail.outbox[0].body


def test_a_rejected_applicant_may_apply_again(client, applicant, staff):
    rejected = ResidentFactory(
        applicant=applicant, status=ResidentStatus.REJECTED, partner=None
    )

    response = _apply(client, applicant)

    assert response.status_code == 302
    assert Resident.objects.exclude(pk=rejected.pk).get().status == "applied"


def test_suspension_hides_shop_and_products_and_deletes_nothing(
    client, staff, resident, catalogue, django_capture_on_commit_callbacks
):
    products_before = resident.partner.stockrecords.count()

    _decide(
        client,
        staff,
        resident,
        "suspend",
        "Unpaid fees",
        django_capture_on_commit_callbacks,
    )

    resident.refresh_from_db()
    assert resident.status == ResidentStatus.SUSPENDED
    assert client.get(resident.get_absolute_url()).status_code == 404
    assert client.get(reverse("catalogue:index")).context["paginator"].count == 0
    assert resident.partner.stockrecords.count() == products_before


@pytest.mark.parametrize("who", ["anonymous", "buyer", "resident_owner"])
def test_only_staff_decide(client, applicant, resident, who):
    _apply(client, applicant)
    application = Resident.objects.get(applicant=applicant)
    client.logout()
    if who == "buyer":
        client.force_login(UserFactory())
    elif who == "resident_owner":
        owner = UserFactory()
        resident.partner.users.add(owner)
        client.force_login(owner)

    response = client.post(
        reverse("resident_decide", args=[application.pk]), {"decision": "approve"}
    )

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]
    application.refresh_from_db()
    assert application.status == ResidentStatus.APPLIED
    assert application.partner is None


def test_staff_see_the_review_queue(client, staff, applicant):
    _apply(client, applicant)
    client.force_login(staff)

    response = client.get(reverse("resident_queue"))

    assert response.status_code == 200
    assert [r.display_name for r in response.context["applications"]] == [
        "Gəncə Keramika"
    ]


def test_the_centre_writes_in_the_language_of_the_application(
    client, applicant, staff, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ru" + reverse("residents:apply"), APPLICATION)
    resident = Resident.objects.get()
    _decide(
        client,
        staff,
        resident,
        "reject",
        "Нет портфолио",
        django_capture_on_commit_callbacks,
    )

    assert resident.language == "ru"
    assert [message.subject for message in mail.outbox] == [
        "Ваша заявка «Gəncə Keramika» получена",
        "Ваша заявка «Gəncə Keramika»",
    ]
