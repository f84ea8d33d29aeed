"""Writes about residents: applying, staff decisions, shop contact."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.apps.partner.models import Partner

from market.accounts.models import User
from market.mail import mail_in_language
from market.mail.services import email_queue
from market.text import slugify

from ..models import Resident, ResidentStatus

OPEN_STATUSES = (
    ResidentStatus.APPLIED,
    ResidentStatus.APPROVED,
    ResidentStatus.SUSPENDED,
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "resident"
    slug, number = base, 2
    while Resident.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _email_applicant(resident: Resident, template: str) -> None:
    """E-mail the applicant in their language (queued with the decision)."""
    if resident.applicant is None:
        return

    mail_in_language(
        language=resident.language,
        subject_template=f"market/residents/email/{template}_subject.txt",
        body_template=f"market/residents/email/{template}_body.txt",
        context={"resident": resident},
        to=[resident.applicant.email],
    )


@transaction.atomic
def resident_apply(*, user: User, **profile) -> Resident:
    """A signed-in user asks to open a shop. One open application or shop per
    user: a second is refused (ValidationError) and nothing is written."""
    # Lock the user's row so two simultaneous submissions make one application.
    User.objects.select_for_update().get(pk=user.pk)
    if Resident.objects.filter(applicant=user, status__in=OPEN_STATUSES).exists():
        raise ValidationError(_("You already have an application or a shop."))
    language = translation.get_language() or settings.LANGUAGE_CODE
    resident = Resident(
        applicant=user,
        status=ResidentStatus.APPLIED,
        language=language if language in dict(settings.LANGUAGES) else "az",
        slug=_unique_slug(profile["display_name"]),
        **profile,
    )
    resident.full_clean()
    resident.save()
    _email_applicant(resident, "received")
    return resident


def _locked(resident: Resident) -> Resident:
    return Resident.objects.select_for_update().get(pk=resident.pk)


def _decide(resident: Resident, status: str, staff_user: User, reason: str) -> None:
    resident.status = status
    resident.decision_reason = reason
    resident.decided_by = staff_user
    resident.decided_at = timezone.now()


@transaction.atomic
def resident_approve(
    *, resident: Resident, staff_user: User, reason: str = ""
) -> Resident:
    """Approve an application: create its Partner and let the applicant act for
    it. Approving an approved resident again changes nothing."""
    resident = _locked(resident)
    if resident.status == ResidentStatus.APPROVED:
        return resident
    if resident.status != ResidentStatus.APPLIED:
        raise ValidationError(_("Only an application can be approved."))
    partner = Partner.objects.create(name=resident.display_name, code=resident.slug)
    if resident.applicant is not None:
        partner.users.add(resident.applicant)
    resident.partner = partner
    _decide(resident, ResidentStatus.APPROVED, staff_user, reason)
    resident.save()
    _email_applicant(resident, "approved")
    return resident


@transaction.atomic
def resident_reject(*, resident: Resident, staff_user: User, reason: str) -> Resident:
    """Refuse an application, saying why."""
    if not reason.strip():
        raise ValidationError(_("Give the applicant a reason."))
    resident = _locked(resident)
    if resident.status != ResidentStatus.APPLIED:
        raise ValidationError(_("Only an application can be rejected."))
    _decide(resident, ResidentStatus.REJECTED, staff_user, reason)
    resident.save()
    _email_applicant(resident, "rejected")
    return resident


@transaction.atomic
def resident_suspend(*, resident: Resident, staff_user: User, reason: str) -> Resident:
    """Hide a shop and its listings at once; nothing is deleted."""
    if not reason.strip():
        raise ValidationError(_("Give the resident a reason."))
    resident = _locked(resident)
    if resident.status != ResidentStatus.APPROVED:
        raise ValidationError(_("Only an open shop can be suspended."))
    _decide(resident, ResidentStatus.SUSPENDED, staff_user, reason)
    resident.save()
    _email_applicant(resident, "suspended")
    return resident


@transaction.atomic
def resident_reinstate(*, resident: Resident, staff_user: User) -> Resident:
    """Open a suspended shop again."""
    resident = _locked(resident)
    if resident.status != ResidentStatus.SUSPENDED:
        raise ValidationError(_("Only a suspended shop can be reinstated."))
    _decide(resident, ResidentStatus.APPROVED, staff_user, "")
    resident.save()
    _email_applicant(resident, "approved")
    return resident


def resident_contact(
    *, resident: Resident, sender_name: str, sender_email: str, message: str
) -> None:
    """E-mail a resident's people from the shop page. The visitor never sees
    their addresses; the resident answers through Reply-To."""
    recipients = list(
        resident.partner.users.filter(is_active=True).values_list("email", flat=True)
    )
    if not recipients:
        raise ValidationError(_("This shop cannot receive messages yet."))
    subject = _("Message from %(name)s via Creative Market") % {"name": sender_name}
    email_queue(
        subject=subject,
        body=f"{message}\n\n-- \n{sender_name} <{sender_email}>",
        to=recipients,
        reply_to=[sender_email],
    )
