"""Centre staff see who registered for each event (/cms/event_registrations/):
a listing filtered by event, status and attendance, each registration's
details, and a CSV (or Excel) download of the filtered list. Registrations
are made and cancelled by the visitors on the event's page, never typed
here; staff with the right to change registrations mark who came (the
"Attended" column). Imported by `wagtail_hooks.py`."""

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import EventPage, EventRegistration, RegistrationStatus
from .services.events import (
    EventRefused,
    event_waitlist_promote,
    registration_attendance_mark,
)

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
    attended = django_filters.BooleanFilter(
        label=_("Attended"),
        field_name="attended_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = EventRegistration
        fields = ["event", "status", "attended"]


CHANGE_PERMISSION = "cms.change_eventregistration"


class AttendanceColumn(Column):
    """Attended or not; with the right to change registrations, a button to
    mark (or undo) it for a registered person."""

    cell_template_name = "cms/admin/attendance_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["may_mark"] = (
            request is not None
            and request.user.has_perm(CHANGE_PERMISSION)
            and instance.status == RegistrationStatus.REGISTERED
        )
        context["mark_url"] = reverse(f"{URL_NAMESPACE}:attendance", args=[instance.pk])
        context["next_url"] = request.get_full_path() if request else ""
        if request is not None:
            # Wagtail renders a cell's template without the request, so the
            # form's {% csrf_token %} would be empty: hand the token over.
            context["csrf_token"] = get_token(request)
        return context


@require_POST
def attendance_mark_view(request, pk: int):
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    registration = get_object_or_404(EventRegistration, pk=pk)
    try:
        registration_attendance_mark(
            registration_id=registration.pk,
            attended=request.POST.get("attended") == "1",
        )
    except EventRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Attendance saved."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse(f"{URL_NAMESPACE}:index")
    return redirect(target)


def _local_time(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class EventRegistrationIndexView(IndexView):
    # The CSV gives times as the Centre reads them (Baku), to the minute.
    custom_field_preprocess = {
        "created_at": {"csv": _local_time},
        "attended_at": {"csv": _local_time},
    }

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
    # Attendance next to the person: at the door, on a phone, the button is
    # on screen without scrolling the table sideways.
    list_display = [
        Column("user_email", label=_("E-mail"), accessor="user.email"),
        AttendanceColumn("attended_at", label=_("Attended")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("created_at", label=_("Registered at"), accessor=_created),
    ]
    list_export = [
        "event",
        "user.email",
        "get_status_display",
        "created_at",
        "attended_at",
    ]
    export_headings = {
        "event": _("Event"),
        "user.email": _("E-mail"),
        "get_status_display": _("Status"),
        "created_at": _("Registered at"),
        "attended_at": _("Attended"),
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
        "attended_at",
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
            path("attendance/<int:pk>/", attendance_mark_view, name="attendance"),
        ]

    def get_permissions_to_register(self):
        # Groups may be given the listing, and the marking of attendance.
        return Permission.objects.filter(
            content_type__app_label="cms",
            codename__in=["view_eventregistration", "change_eventregistration"],
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
