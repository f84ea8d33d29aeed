"""Registering for an event and cancelling, from the event's page. POST only;
each goes back to the event's page in the language the visitor used, with a
message saying what happened (or why not). Another visitor's registration is
a 404."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from wagtail.models import Locale

from .models import EventPage, EventRegistration, RegistrationStatus
from .services.events import EventRefused, event_register, event_registration_cancel


def _visible_event(request, page_id: int) -> EventPage:
    """The live event page `page_id`, if the visitor may see it."""
    page = get_object_or_404(EventPage.objects.live(), pk=page_id)
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return page


def _page_in_language(event: EventPage) -> EventPage:
    """The event's live translation in the active language, or the event."""
    translation = (
        EventPage.objects.live()
        .filter(translation_key=event.translation_key, locale=Locale.get_active())
        .first()
    )
    return translation or event


class EventRegisterView(View):
    """Register for a seat, or for the waitlist of a full event."""

    http_method_names = ["post"]

    def post(self, request, page_id: int):
        page = _visible_event(request, page_id)
        page_url = page.get_url(request) or "/"
        if not request.user.is_authenticated:
            return redirect_to_login(page_url)
        try:
            registration = event_register(
                page=page, user=request.user, language=get_language()
            )
        except EventRefused as refusal:
            messages.error(request, refusal.message)
        else:
            if registration.status == RegistrationStatus.REGISTERED:
                messages.success(
                    request,
                    _("You are registered for “%(title)s”. See you there!")
                    % {"title": page.title},
                )
            else:
                messages.info(
                    request,
                    _(
                        "“%(title)s” is full: you are on the waitlist. We will "
                        "e-mail you if a seat is yours."
                    )
                    % {"title": page.title},
                )
        return HttpResponseRedirect(page_url)


class EventRegistrationCancelView(View):
    """Give back a seat or a place on the waitlist."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        registration = get_object_or_404(
            EventRegistration.objects.select_related("event"),
            pk=pk,
            user=request.user,
        )
        page = _page_in_language(registration.event)
        try:
            event_registration_cancel(registration=registration, user=request.user)
        except EventRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Your registration for “%(title)s” was cancelled.")
                % {"title": page.title},
            )
        return HttpResponseRedirect(page.get_url(request) or "/")
