"""Staff see the e-mail outbox in the Wagtail admin: what failed after every
retry (with the mail server's answer) and what waits, and can send a failed
e-mail again. Nobody else can."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from market.mail.models import EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db


def _email(status, subject, error=""):
    return OutgoingEmail.objects.create(
        subject=subject,
        body="Body",
        to=["learner@example.az"],
        status=status,
        attempts=6 if status == EmailStatus.FAILED else 1,
        next_attempt_at=timezone.now() + timedelta(minutes=5),
        last_error=error,
    )


def test_staff_see_failed_and_waiting_e_mails(client, staff):
    failed = _email(EmailStatus.FAILED, "Your certificate", "SMTPServerDisconnected")
    _email(EmailStatus.PENDING, "Your order 100042")
    client.force_login(staff)

    failed_page = client.get(reverse("mail_outbox"), HTTP_ACCEPT_LANGUAGE="en")
    waiting_page = client.get(
        reverse("mail_outbox"), {"status": "pending"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    failed_text = failed_page.content.decode()
    waiting_text = waiting_page.content.decode()
    assert failed_page.status_code == waiting_page.status_code == 200
    assert f'id="email-{failed.pk}"' in failed_text
    assert "SMTPServerDisconnected" in failed_text
    assert "Your order 100042" not in failed_text
    assert "Your order 100042" in waiting_text
    assert "Your certificate" not in waiting_text


def test_a_failed_e_mail_is_sent_again(
    client, staff, django_capture_on_commit_callbacks
):
    failed = _email(EmailStatus.FAILED, "Your certificate", "SMTPServerDisconnected")
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mail_retry", args=[failed.pk]))

    failed.refresh_from_db()
    assert response.status_code == 302
    assert failed.status == EmailStatus.SENT
    assert [m.subject for m in mail.outbox] == ["Your certificate"]


def test_a_sent_e_mail_is_not_sent_twice(client, staff):
    sent = _email(EmailStatus.SENT, "Your order 100042")
    client.force_login(staff)

    response = client.post(reverse("mail_retry", args=[sent.pk]))

    sent.refresh_from_db()
    assert response.status_code == 302
    assert sent.status == EmailStatus.SENT
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["anonymous", "buyer"])
def test_only_staff_see_the_outbox_or_send_again(client, buyer, who):
    failed = _email(EmailStatus.FAILED, "Your certificate", "refused")
    if who == "buyer":
        client.force_login(buyer)

    page = client.get(reverse("mail_outbox"))
    retry = client.post(reverse("mail_retry", args=[failed.pk]))

    failed.refresh_from_db()
    assert page.status_code == retry.status_code == 302
    assert "/cms/login/" in page["Location"]
    assert failed.status == EmailStatus.FAILED
    assert mail.outbox == []
