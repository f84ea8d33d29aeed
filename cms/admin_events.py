"""Centre staff see who registered for each event (/cms/event_registrations/):
a read-only listing filtered by event and status, each registration's
details, and a CSV (or Excel) download of the filtered list. Registrations
are made and cancelled by the visitors on the event's page, never typed
here. Imported by `wagtail_hooks.py`."""

import django_filters
from django.contrib.auth.models import Permission
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import EventPage, EventRegistration, RegistrationStatus
from .services.events import event_waitlist_promote

URL_NAMESPACE = "event_registrations"


def _events(request):
    # Registrations always point at the event in its source language.
    return (
        EventPage.objects.filter(registrations__isnull=False)
        .distinct()
        .order_by("-starts_at", "pk")
    )


class EventRegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=_events, empty_label=_("All events")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RegistrationStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = EventRegistration
        fields = ["event", "status"]


def _local_time(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class EventRegistrationIndexView(IndexView):
    # The CSV gives times as the Centre reads them (Baku), to the minute.
    custom_field_preprocess = {"created_at": {"csv": _local_time}}

    @cached_property
    def columns(self):
        # The event's title links to the registration's details.
        title = TitleColumn("event", label=_("Event"), get_url=self.get_inspect_url)
        return [title, *super().columns]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event", "user")
            .order_by("event__starts_at", "created_at", "pk")
        )


def _created(registration: EventRegistration) -> str:
    return _local_time(registration.created_at)


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    icon = "date"
    menu_label = _("Event registrations")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = EventRegistrationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = EventRegistrationFilterSet
    search_fields = ["user__email"]
    search_backend_name = None
    list_display = [
        Column("user_email", label=_("E-mail"), accessor="user.email"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("created_at", label=_("Registered at"), accessor=_created),
    ]
    list_export = ["event", "user.email", "get_status_display", "created_at"]
    export_headings = {
        "event": _("Event"),
        "user.email": _("E-mail"),
        "get_status_display": _("Status"),
        "created_at": _("Registered at"),
    }
    export_filename = "event-registrations"
    inspect_view_fields = [
        "event",
        "user",
        "status",
        "language",
        "created_at",
        "promoted_at",
        "cancelled_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, delete, history or usage views: every link to them off.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        # Groups may be given the listing only.
        return Permission.objects.filter(
            content_type__app_label="cms", codename="view_eventregistration"
        )


@hooks.register("register_admin_viewset")
def register_event_registrations():
    return EventRegistrationViewSet(URL_NAMESPACE)


@hooks.register("after_publish_page")
def promote_after_capacity_change(request, page):
    """An editor who raises an event's capacity gives the new seats to the
    people waiting, in order."""
    if isinstance(page.specific, EventPage):
        event_waitlist_promote(page=page)
