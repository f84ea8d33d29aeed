"""The waitlist of a full course: first come, first served.

When a seat frees (a cancellation, a refund, an unpaid checkout hold that ran
out, a larger capacity), `waitlist_offer_next` offers it to the first waiting
learner, by e-mail, and keeps it for them for
`MARKET_WAITLIST_OFFER_HOURS`; an offer that runs out passes to the next
learner (`waitlist_offers_expire`, run by the `learning_waitlist` command
every few minutes, and on every seat change). A kept seat is never
allocated: it is subtracted from what others can take (`seats.seats_kept`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from catalogue.stock import units_free
from market.mail import mail_in_language, site_url
from market.residents.selectors import listing_refusal

from ..models import (
    LearnerProfile,
    WaitlistEntry,
    WaitlistStatus,
)
from .seats import (
    SeatsUnavailable,
    _check_on_sale,
    _check_window,
    has_seat,
    lock_course,
    seats_left,
    seats_offered,
    stockrecord_for,
)

logger = logging.getLogger(__name__)


def offer_hours() -> int:
    return settings.MARKET_WAITLIST_OFFER_HOURS


@transaction.atomic
def waitlist_join(*, product, learner, now: datetime | None = None) -> WaitlistEntry:
    """Put a learner at the end of a full course's waitlist. Refused, with
    nothing changed, when a seat is free for them, they already have a seat
    or a place on the list, or enrolment is closed."""
    now = now or timezone.now()
    course = lock_course(product.pk)
    _check_on_sale(course, stockrecord_for(course.product), now)
    _check_window(course, now)
    title = course.product.get_title()
    if has_seat(course, learner):
        raise SeatsUnavailable(
            _("You are already enrolled in “%(title)s”.") % {"title": title}
        )
    if seats_left(course, now=now, learner=learner) > 0:
        raise SeatsUnavailable(
            _("“%(title)s” still has free seats: enrol now.") % {"title": title}
        )
    try:
        with transaction.atomic():
            return WaitlistEntry.objects.create(course=course, learner=learner)
    except IntegrityError as error:
        raise SeatsUnavailable(
            _("You are already on the waitlist of “%(title)s”.") % {"title": title}
        ) from error


def waitlist_position(entry: WaitlistEntry) -> int:
    """1 for the first waiting learner."""
    return (
        WaitlistEntry.objects.filter(
            course_id=entry.course_id,
            status=WaitlistStatus.WAITING,
            joined_at__lte=entry.joined_at,
        )
        .exclude(joined_at=entry.joined_at, pk__gt=entry.pk)
        .count()
    )


@transaction.atomic
def waitlist_leave(*, entry: WaitlistEntry, learner) -> WaitlistEntry:
    """A learner leaves the list, or declines the seat offered: the seat goes
    to the next learner."""
    lock_course(entry.course_id)
    entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.learner_id != learner.pk:
        raise SeatsUnavailable(_("This is not your place on the waitlist."))
    if entry.status not in (WaitlistStatus.WAITING, WaitlistStatus.OFFERED):
        raise SeatsUnavailable(_("You are no longer on this waitlist."))
    was_offered = entry.status == WaitlistStatus.OFFERED
    entry.status = WaitlistStatus.LEFT
    entry.closed_at = timezone.now()
    entry.save(update_fields=["status", "closed_at"])
    if was_offered:
        product_id = entry.course_id
        transaction.on_commit(lambda: waitlist_offer_next(product_id=product_id))
    return entry


def _expire(course, now: datetime) -> int:
    return WaitlistEntry.objects.filter(
        course=course, status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
    ).update(status=WaitlistStatus.EXPIRED, closed_at=now)


@transaction.atomic
def waitlist_offer_next(
    *, product_id: int, now: datetime | None = None
) -> list[WaitlistEntry]:
    """Close the offers that ran out, then offer every seat that is free (no
    live checkout hold on it) and not already offered to the first waiting
    learners, in the order they joined. Safe to call any number of times:
    under the course lock, a seat is offered once. A course that may not be
    sold now (its listing or shop closed) offers nothing."""
    now = now or timezone.now()
    course = lock_course(product_id)
    _expire(course, now)
    record = stockrecord_for(course.product)
    if record is None or listing_refusal(course.product, record, now=now) is not None:
        return []
    record.refresh_from_db()
    open_seats = units_free(record, now=now) - seats_offered(course, now=now)
    if open_seats <= 0:
        return []
    waiting = list(
        WaitlistEntry.objects.select_for_update()
        .filter(course=course, status=WaitlistStatus.WAITING)
        .order_by("joined_at", "pk")[:open_seats]
    )
    expires = now + timedelta(hours=offer_hours())
    for entry in waiting:
        entry.status = WaitlistStatus.OFFERED
        entry.offered_at = now
        entry.offer_expires_at = expires
        entry.save(update_fields=["status", "offered_at", "offer_expires_at"])
        entry_id = entry.pk
        transaction.on_commit(lambda entry_id=entry_id: _send_offer(entry_id))
    return waiting


def waitlist_offers_expire(*, now: datetime | None = None) -> int:
    """Pass on every offer that ran out, course by course. Returns how many
    offers were made."""
    now = now or timezone.now()
    product_ids = set(
        WaitlistEntry.objects.filter(
            status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
        ).values_list("course_id", flat=True)
    )
    offered = 0
    for product_id in sorted(product_ids):
        offered += len(waitlist_offer_next(product_id=product_id, now=now))
    return offered


def _send_offer(entry_id: int) -> None:
    entry = WaitlistEntry.objects.select_related("course__product", "learner").get(
        pk=entry_id
    )
    if entry.status != WaitlistStatus.OFFERED:
        return
    profile = LearnerProfile.objects.filter(user=entry.learner).first()
    language = profile.language if profile else settings.LANGUAGE_CODE
    with translation.override(language):
        course_url = site_url(entry.course.product.get_absolute_url())
        learning_url = site_url(reverse("learning:mine"))
    mail_in_language(
        language=language,
        subject_template="market/learning/email/offer_subject.txt",
        body_template="market/learning/email/offer.txt",
        context={
            "entry": entry,
            "course": entry.course,
            "title": entry.course.product.title_in(language),
            "course_url": course_url,
            "learning_url": learning_url,
        },
        to=[entry.learner.email],
    )
