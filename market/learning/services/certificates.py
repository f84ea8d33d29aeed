"""Certificates: issued once per completed seat, revoked by staff. The
public verification page shows the copied name, course and date, and
whether the certificate is valid."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from market.mail import mail_in_language, site_url

from ..models import Certificate, LearnerProfile, Seat
from .seats import SeatsUnavailable


def learner_language(user) -> str:
    profile = LearnerProfile.objects.filter(user=user).first()
    return profile.language if profile else settings.LANGUAGE_CODE


def learner_name(user) -> str:
    return user.get_full_name().strip() or user.email.split("@")[0]


@transaction.atomic
def certificate_issue(*, seat: Seat, now: datetime | None = None) -> Certificate:
    """The seat's certificate, issued once (a second call returns it), in
    the learner's language. The learner hears of it after commit."""
    now = now or timezone.now()
    existing = Certificate.objects.filter(seat=seat).first()
    if existing is not None:
        return existing
    language = learner_language(seat.learner)
    certificate = Certificate.objects.create(
        seat=seat,
        learner_name=learner_name(seat.learner),
        course_title=seat.course.title_in(language),
        language=language,
        completed_on=timezone.localdate(now),
    )
    transaction.on_commit(lambda: _send_issued(certificate.pk))
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Staff withdraw a certificate; its public page then says so."""
    if not by.is_staff:
        raise PermissionDenied
    if not reason.strip():
        raise SeatsUnavailable(_("Say why the certificate is revoked."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise SeatsUnavailable(_("This certificate was already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return certificate


def verification_url(certificate: Certificate) -> str:
    return site_url(reverse("certificate-verify", args=[certificate.code]))


def _send_issued(certificate_id: int) -> None:
    certificate = Certificate.objects.select_related("seat__learner").get(
        pk=certificate_id
    )
    with translation.override(certificate.language):
        learning_url = site_url(reverse("learning:mine"))
    mail_in_language(
        language=certificate.language,
        subject_template="market/learning/email/certificate_subject.txt",
        body_template="market/learning/email/certificate.txt",
        context={
            "certificate": certificate,
            "learning_url": learning_url,
            "verification_url": verification_url(certificate),
        },
        to=[certificate.seat.learner.email],
    )
