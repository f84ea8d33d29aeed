"""Certificates: issued by attendance, downloaded as a PDF by their learner
(and staff) only, checked by anyone at /certificates/<code>/, and revoked by
staff with a reason in the Wagtail admin."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from market.learning.certificates import certificate_pdf
from market.learning.models import (
    Certificate,
    CourseSession,
    LearnerProfile,
    Seat,
    SeatSource,
)
from market.learning.services.attendance import attendance_mark
from market.learning.services.certificates import certificate_issue, certificate_revoke
from market.learning.services.seats import SeatsUnavailable
from tests.factories import UserFactory, course_product

pytestmark = pytest.mark.django_db

BAKU = ZoneInfo("Asia/Baku")
# The course's last session ends on 5 March 2026; attendance is marked then.
COMPLETED = datetime(2026, 3, 5, 18, 0, tzinfo=BAKU)


def _learner(first_name="Ləman", last_name="Əliyeva", language=None, **fields):
    user = UserFactory(first_name=first_name, last_name=last_name, **fields)
    if language:
        LearnerProfile.objects.create(user=user, language=language)
    return user


def _seat(resident, learner, title="Musiqi istehsalı"):
    first = COMPLETED - timedelta(days=7, hours=2)
    last = COMPLETED - timedelta(hours=2)
    product = course_product(
        resident=resident,
        title=title,
        sessions=[(first, first + timedelta(hours=2)), (last, COMPLETED)],
    )
    return Seat.objects.create(
        course=product, learner=learner, source=SeatSource.FREE, line=None
    )


def _certificate(resident, learner, **seat_fields):
    return certificate_issue(
        seat=_seat(resident, learner, **seat_fields), now=COMPLETED
    )


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def _verify(client, code, language="en"):
    return client.get(f"/certificates/{code}/", HTTP_ACCEPT_LANGUAGE=language)


# The PDF


def test_attendance_at_every_session_issues_the_certificate(resident, staff):
    learner = _learner(email="leman@example.az")
    seat = _seat(resident, learner)
    sessions = CourseSession.objects.filter(course__product=seat.course)

    for session in sessions:
        attendance_mark(
            session=session, present_seat_ids={seat.pk}, by=staff, now=COMPLETED
        )

    certificate = Certificate.objects.get(seat=seat)
    assert certificate.learner_name == "Ləman Əliyeva"
    assert certificate.course_title == "Musiqi istehsalı"
    assert certificate.language == "az"
    assert certificate.completed_on == COMPLETED.date()
    assert certificate.valid is True


def test_pdf_is_a_landscape_a4_page_with_the_name_course_date_and_code(resident, staff):
    learner = _learner()
    seat = _seat(resident, learner)
    for session in CourseSession.objects.filter(course__product=seat.course):
        attendance_mark(
            session=session, present_seat_ids={seat.pk}, by=staff, now=COMPLETED
        )
    certificate = Certificate.objects.get(seat=seat)

    content = certificate_pdf(certificate)

    page = PdfReader(io.BytesIO(content)).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (842, 595)
    text = _pdf_text(content)
    assert "Ləman Əliyeva" in text
    assert "Musiqi istehsalı" in text
    assert "5 mart 2026" in text
    assert certificate.code in text
    assert f"http://market.localhost:8000/certificates/{certificate.code}/" in text


def test_pdf_in_russian_renders_cyrillic_and_a_russian_date(resident):
    learner = _learner(first_name="Анна", last_name="Иванова", language="ru")
    certificate = _certificate(resident, learner, title="Звукорежиссура")

    text = _pdf_text(certificate_pdf(certificate))

    assert certificate.language == "ru"
    assert "Анна Иванова" in text
    assert "Звукорежиссура" in text
    assert "5 марта 2026" in text
    assert certificate.code in text


def test_pdf_is_written_in_the_certificate_language_not_the_active_one(resident):
    certificate = _certificate(resident, _learner(language="en"))

    with translation.override("ru"):
        text = _pdf_text(certificate_pdf(certificate))

    assert "Certificate of completion" in text
    assert "Completed on 5 March 2026" in text
    assert f"Certificate code: {certificate.code}" in text


# Downloading the PDF


def test_learner_downloads_own_certificate(client, resident):
    learner = _learner()
    certificate = _certificate(resident, learner)
    client.force_login(learner)

    response = client.get(f"/learning/certificates/{certificate.code.lower()}.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert "Ləman Əliyeva" in _pdf_text(response.content)


def test_staff_downloads_any_certificate(client, resident, staff):
    certificate = _certificate(resident, _learner())
    client.force_login(staff)

    response = client.get(f"/en/learning/certificates/{certificate.code}.pdf")

    assert response.status_code == 200
    assert certificate.code in _pdf_text(response.content)


def test_another_learner_gets_404_for_the_pdf(client, resident, buyer):
    certificate = _certificate(resident, _learner())
    client.force_login(buyer)

    response = client.get(f"/learning/certificates/{certificate.code}.pdf")

    assert response.status_code == 404
    assert response["Content-Type"] != "application/pdf"


def test_resident_owner_gets_404_for_a_learner_pdf(client, resident, owner):
    certificate = _certificate(resident, _learner())
    client.force_login(owner)

    response = client.get(f"/learning/certificates/{certificate.code}.pdf")

    assert response.status_code == 404


def test_unknown_code_pdf_is_404(client, buyer):
    client.force_login(buyer)

    response = client.get("/learning/certificates/NOSUCHCODE00.pdf")

    assert response.status_code == 404


def test_anonymous_is_sent_to_log_in_for_the_pdf(client, resident):
    certificate = _certificate(resident, _learner())
    path = f"/learning/certificates/{certificate.code}.pdf"

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/shop/accounts/login/?next={path}"


def test_revoked_certificate_is_no_longer_downloaded(client, resident, staff):
    learner = _learner()
    certificate = _certificate(resident, learner)
    certificate_revoke(certificate=certificate, by=staff, reason="Attendance forged")
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=datetime(2026, 3, 9, 12, 0, tzinfo=BAKU)
    )
    client.force_login(learner)

    response = client.get(f"/en/learning/certificates/{certificate.code}.pdf")

    assert response.status_code == 410
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert (
        "This certificate was revoked on 9 March 2026 and can no longer be "
        "downloaded." in response.text
    )
    assert "Attendance forged" not in response.text


# The public check


def test_verification_page_shows_a_valid_certificate(client, resident):
    certificate = _certificate(resident, _learner(email="leman@example.az"))

    response = _verify(client, certificate.code.lower())

    assert response.status_code == 200
    text = response.text
    assert "Ləman Əliyeva" in text
    assert "Musiqi istehsalı" in text
    assert "5 March 2026" in text
    assert '<div class="alert alert-success certificate-status">Valid</div>' in text
    assert '<meta name="robots" content="noindex">' in text
    assert "leman@example.az" not in text


def test_verification_page_defaults_to_azerbaijani(client, resident):
    certificate = _certificate(resident, _learner())

    response = client.get(f"/certificates/{certificate.code}/")

    with translation.override("az"):
        valid = gettext("Valid")
    assert response.status_code == 200
    assert f'certificate-status">{valid}</div>' in response.text
    assert "5 mart 2026" in response.text


def test_verification_page_reports_a_revoked_certificate(client, resident, staff):
    certificate = _certificate(resident, _learner())
    assert "Valid</div>" in _verify(client, certificate.code).text

    certificate_revoke(certificate=certificate, by=staff, reason="Attendance forged")
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=datetime(2026, 3, 9, 12, 0, tzinfo=BAKU)
    )
    response = _verify(client, certificate.code)

    assert response.status_code == 200
    text = response.text
    assert (
        '<div class="alert alert-danger certificate-status">Revoked on 9 March 2026'
        "</div>" in text
    )
    assert "Valid</div>" not in text
    assert "Attendance forged" not in text


def test_unknown_code_is_a_404_page_that_says_so(client):
    response = _verify(client, "nosuchcode00")

    assert response.status_code == 404
    assert "No certificate has the code NOSUCHCODE00." in response.text
    assert '<meta name="robots" content="noindex">' in response.text


# Revoking


def test_revoke_records_who_when_and_why(resident, staff):
    certificate = _certificate(resident, _learner())

    certificate_revoke(certificate=certificate, by=staff, reason="  Attendance forged ")

    certificate.refresh_from_db()
    assert certificate.valid is False
    assert certificate.revoked_reason == "Attendance forged"
    assert certificate.revoked_by == staff


def test_revoke_refused_for_non_staff(resident, buyer):
    certificate = _certificate(resident, _learner())

    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certificate, by=buyer, reason="No reason")

    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert certificate.revoked_reason == ""
    assert certificate.revoked_by is None


def test_revoke_refused_without_a_reason(resident, staff):
    certificate = _certificate(resident, _learner())

    with pytest.raises(SeatsUnavailable) as refused:
        certificate_revoke(certificate=certificate, by=staff, reason="   ")

    with translation.override("en"):
        assert str(refused.value.message) == "Say why the certificate is revoked."
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert certificate.revoked_by is None


# The Wagtail admin (/cms/learning_certificates/)


def test_staff_list_search_and_filter_certificates(client, resident, staff):
    leman = _certificate(resident, _learner())
    anna = _certificate(resident, _learner(first_name="Анна", last_name="Иванова"))
    certificate_revoke(certificate=anna, by=staff, reason="Duplicate")
    client.force_login(staff)

    listing = client.get("/cms/learning_certificates/")
    searched = client.get("/cms/learning_certificates/", {"q": "Əliyeva"})
    revoked = client.get("/cms/learning_certificates/", {"status": "revoked"})
    valid = client.get("/cms/learning_certificates/", {"status": "valid"})

    assert listing.status_code == 200
    assert leman.code in listing.text
    assert anna.code in listing.text
    assert (leman.code in searched.text, anna.code in searched.text) == (True, False)
    assert (leman.code in revoked.text, anna.code in revoked.text) == (False, True)
    assert (leman.code in valid.text, anna.code in valid.text) == (True, False)
    assert f"/cms/learning_certificates/revoke/{leman.pk}/" in listing.text
    assert f"/cms/learning_certificates/revoke/{anna.pk}/" not in listing.text


def test_staff_revoke_a_certificate_with_a_reason(client, resident, staff):
    certificate = _certificate(resident, _learner())
    client.force_login(staff)
    path = f"/cms/learning_certificates/revoke/{certificate.pk}/"

    form = client.get(path)
    response = client.post(path, {"reason": "Attendance forged"})

    assert form.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == "/cms/learning_certificates/"
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Attendance forged"
    assert certificate.revoked_by == staff


def test_admin_revoke_without_a_reason_changes_nothing(client, resident, staff):
    certificate = _certificate(resident, _learner())
    client.force_login(staff)

    response = client.post(
        f"/cms/learning_certificates/revoke/{certificate.pk}/", {"reason": ""}
    )

    # The admin speaks the editor's language: Azerbaijani by default.
    with translation.override("az"):
        required = gettext("This field is required.")
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": [required]}
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_admin_revoke_refused_for_a_learner(client, resident, buyer):
    certificate = _certificate(resident, _learner())
    client.force_login(buyer)

    response = client.post(
        f"/cms/learning_certificates/revoke/{certificate.pk}/",
        {"reason": "Attendance forged"},
    )
    listing = client.get("/cms/learning_certificates/")

    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")
    assert listing.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_admin_revoke_refused_for_staff_without_the_permission(client, resident):
    editor = UserFactory(email="editor@example.az", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_certificate"),
    )
    certificate = _certificate(resident, _learner())
    client.force_login(editor)

    listing = client.get("/cms/learning_certificates/")
    response = client.post(
        f"/cms/learning_certificates/revoke/{certificate.pk}/",
        {"reason": "Attendance forged"},
    )

    assert listing.status_code == 200
    assert certificate.code in listing.text
    assert f"/cms/learning_certificates/revoke/{certificate.pk}/" not in listing.text
    # Wagtail turns a refusal into a redirect to the admin home, with a message.
    assert (response.status_code, response["Location"]) == (302, "/cms/")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_staff_inspect_a_revoked_certificate_with_its_reason(client, resident, staff):
    certificate = _certificate(resident, _learner())
    certificate_revoke(certificate=certificate, by=staff, reason="Attendance forged")
    client.force_login(staff)

    response = client.get(f"/cms/learning_certificates/inspect/{certificate.pk}/")
    home = client.get("/cms/")

    assert response.status_code == 200
    assert "Attendance forged" in response.text
    assert "/cms/learning_certificates/edit/" not in response.text
    assert "/cms/learning_certificates/delete/" not in response.text
    assert "/cms/learning_certificates/" in home.text
