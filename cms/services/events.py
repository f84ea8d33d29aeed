"""Registration for talks and workshops: seats, a waitlist, cancellations.

An event page exists once per language, but its seats exist once: every
registration points at the event's page in its source language
(`event_source`), whichever translation it came through. Every write locks
that page's row first, then counts and writes, so thirty visitors pressing
"Register" for the last five seats get five seats and twenty-five places on
the waitlist, in the order they came (tests/cms/test_event_race.py). A seat
given back goes to the first person waiting, who is told by e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from market.mail import mail_in_language

from ..models import EventPage, EventRegistration, RegistrationStatus

OPEN_STATUSES = [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]


class EventRefused(Exception):
    """The registration (or cancellation) cannot be made; `message` tells
    the visitor why, in their language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class EventState:
    """What the event page shows about registration, for one visitor."""

    capacity: int
    registered: int
    seats_left: int
    # Registration is possible now (open, seats to register for, not started).
    open: bool
    # The event is over: nothing can be registered or cancelled any more.
    ended: bool
    # The visitor's registered or waiting registration, if any.
    registration: EventRegistration | None = None
    # 1 for the first person waiting; None unless the visitor is waiting.
    position: int | None = None

    @property
    def needs_registration(self) -> bool:
        return self.capacity > 0

    @property
    def full(self) -> bool:
        return self.needs_registration and self.seats_left == 0


def event_source(page) -> EventPage:
    """The event's page in its source language, where the seats are counted.

    The source is the locale wagtail-localize translated the event from; for
    pages translated without it (copied for translation), the translation in
    the default language; failing that, the oldest translation. Every
    translation of an event gives the same page."""
    page = page.specific
    translations = EventPage.objects.filter(translation_key=page.translation_key)
    source = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .order_by("created_at", "pk")
        .values_list("locale_id", flat=True)
        .first()
    )
    if source is not None:
        found = translations.filter(locale_id=source).first()
        if found is not None:
            return found
    if page.locale_id == Locale.get_default().pk:
        return page
    found = translations.filter(locale=Locale.get_default()).first()
    if found is not None:
        return found
    return translations.order_by("pk").first() or page


def _lock(source_id: int) -> EventPage:
    """Lock the source event's row: every registration and cancellation of
    the event waits here, so counting and writing are one step."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=source_id)


def _title(event: EventPage) -> str:
    """The event's title in the active language (or its source's title)."""
    language = get_language() or settings.LANGUAGE_CODE
    page = (
        EventPage.objects.filter(
            translation_key=event.translation_key,
            locale__language_code=language,
        )
        .only("title")
        .first()
    )
    return (page or event).title


def _registered_count(event: EventPage) -> int:
    return EventRegistration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED
    ).count()


def event_may_register(page) -> bool:
    """The one rule for events, "may this be registered for now" as far as
    the page goes: the page the visitor came through and the event's source
    page are both published (live, not expired). Seats and dates are checked
    under the event's lock (`_check_open`)."""
    page = page.specific
    source = event_source(page)
    return all(candidate.live and not candidate.expired for candidate in (page, source))


def _check_open(event: EventPage, title: str, now: datetime) -> None:
    if not event.live or event.expired:
        raise EventRefused(
            _("“%(title)s” is not open for registration.") % {"title": title}
        )
    if event.capacity == 0:
        raise EventRefused(
            _("“%(title)s” is open entry: no registration is needed.")
            % {"title": title}
        )
    if now >= event.ends_at:
        raise EventRefused(_("“%(title)s” has already ended.") % {"title": title})
    if now >= event.starts_at:
        raise EventRefused(
            _("“%(title)s” has already started: registration is closed.")
            % {"title": title}
        )
    if not event.registration_open:
        raise EventRefused(
            _("Registration for “%(title)s” is closed.") % {"title": title}
        )


def _language(language: str) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def _promote(event: EventPage, now: datetime) -> list[EventRegistration]:
    """Give every free seat to the first people waiting, in the order they
    registered, and e-mail them after commit. The event row is locked by the
    caller. Nobody is promoted once the event has started, nor while the
    event is unpublished."""
    if now >= event.starts_at or not event.live or event.expired:
        return []
    free = event.capacity - _registered_count(event)
    if free <= 0:
        return []
    promoted = list(
        EventRegistration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITING)
        .order_by("created_at", "pk")[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration_id = registration.pk
        transaction.on_commit(
            lambda registration_id=registration_id: _send_promoted(registration_id)
        )
    return promoted


@transaction.atomic
def event_register(*, page, user, language: str) -> EventRegistration:
    """Register a signed-in visitor for an event, through any of its
    translations: a seat while seats are left, else a place at the end of the
    waitlist. Refused, with nothing written, when the event needs no
    registration, has started or ended, registration is closed, or the
    visitor is already registered or waiting."""
    now = timezone.now()
    if not event_may_register(page):
        raise EventRefused(
            _("“%(title)s” is not open for registration.") % {"title": page.title}
        )
    event = _lock(event_source(page).pk)
    title = page.title
    _check_open(event, title, now)
    if EventRegistration.objects.filter(
        event=event, user=user, status__in=OPEN_STATUSES
    ).exists():
        raise EventRefused(
            _("You are already registered for “%(title)s”.") % {"title": title}
        )
    # Seats freed by a larger capacity go to those already waiting first.
    _promote(event, now)
    status = (
        RegistrationStatus.REGISTERED
        if _registered_count(event) < event.capacity
        else RegistrationStatus.WAITING
    )
    try:
        with transaction.atomic():
            return EventRegistration.objects.create(
                event=event, user=user, status=status, language=_language(language)
            )
    except IntegrityError as error:  # the same visitor, twice at once
        raise EventRefused(
            _("You are already registered for “%(title)s”.") % {"title": title}
        ) from error


@transaction.atomic
def event_registration_cancel(*, registration, user) -> EventRegistration:
    """The visitor (or staff) gives back a seat or a place on the waitlist.
    A seat given back goes to the first person waiting, who is e-mailed."""
    now = timezone.now()
    event = _lock(registration.event_id)
    registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.user_id != user.pk and not user.is_staff:
        raise EventRefused(_("This is not your registration."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise EventRefused(_("This registration was already cancelled."))
    if now >= event.ends_at:
        raise EventRefused(
            _("“%(title)s” has already ended.") % {"title": _title(event)}
        )
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    _promote(event, now)
    return registration


@transaction.atomic
def event_waitlist_promote(*, page) -> list[EventRegistration]:
    """Give the seats a larger capacity freed to the people waiting (after an
    editor publishes the event). Safe to call any number of times."""
    event = _lock(event_source(page).pk)
    return _promote(event, timezone.now())


@transaction.atomic
def registration_attendance_mark(
    *, registration_id: int, attended: bool, now: datetime | None = None
) -> EventRegistration:
    """Staff mark a registered person present (or undo it) once the event
    has begun. Raises EventRefused for anyone not holding a seat, or before
    the event starts; nothing is changed then."""
    now = now or timezone.now()
    registration = (
        EventRegistration.objects.select_for_update()
        .select_related("event")
        .get(pk=registration_id)
    )
    if registration.status != RegistrationStatus.REGISTERED:
        raise EventRefused(_("Only a person holding a place can be marked present."))
    if registration.event.starts_at > now:
        raise EventRefused(_("Attendance can be marked once the event has begun."))
    registration.attended_at = (registration.attended_at or now) if attended else None
    registration.save(update_fields=["attended_at"])
    return registration


def waitlist_position(registration: EventRegistration) -> int:
    """1 for the first person waiting."""
    return (
        EventRegistration.objects.filter(
            event_id=registration.event_id, status=RegistrationStatus.WAITING
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lte=registration.pk)
        )
        .count()
    )


def event_state(page, user) -> EventState:
    """Seats, whether registration is open now, and the visitor's own
    registration and place on the waitlist; counted on the source event."""
    event = event_source(page)
    # An event not saved yet (the editor's preview) has no registrations.
    counted = bool(event.capacity and event.pk)
    registered = _registered_count(event) if counted else 0
    now = timezone.now()
    registration = None
    position = None
    if counted and user is not None and user.is_authenticated:
        registration = (
            EventRegistration.objects.filter(
                event=event, user=user, status__in=OPEN_STATUSES
            )
            .order_by("-created_at")
            .first()
        )
        if registration and registration.status == RegistrationStatus.WAITING:
            position = waitlist_position(registration)
    return EventState(
        capacity=event.capacity,
        registered=registered,
        seats_left=max(event.capacity - registered, 0),
        open=bool(event.capacity and event.registration_open and now < event.starts_at),
        ended=now >= event.ends_at,
        registration=registration,
        position=position,
    )


def _send_promoted(registration_id: int) -> None:
    registration = (
        EventRegistration.objects.select_related("event", "user")
        .filter(pk=registration_id, status=RegistrationStatus.REGISTERED)
        .first()
    )
    if registration is None:  # cancelled again before the e-mail went
        return
    language = _language(registration.language)
    event = registration.event
    page = (
        EventPage.objects.filter(
            translation_key=event.translation_key, locale__language_code=language
        )
        .live()
        .first()
        or event
    )
    mail_in_language(
        language=language,
        subject_template="cms/email/event_promoted_subject.txt",
        body_template="cms/email/event_promoted.txt",
        context={
            "registration": registration,
            "event": page,
            "title": page.title,
            "starts_at": timezone.localtime(event.starts_at),
            "event_url": page.get_full_url(),
        },
        to=[registration.user.email],
    )
