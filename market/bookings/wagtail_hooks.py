"""The studios in the Wagtail admin: one "Studios" menu with the day and
week views (/cms/studios/), the bookings, the rooms (opening hours inline),
equipment, closures, free-hour quotas and the use figures.

URL names: `studios:day`, `studios:day_for` (a date), `studios:week`,
`studios:week_for`, `studios:sheet` (the printable day), `studios:book`
(a slot for the Centre), `studios:figures`, `studios:figures_csv`;
`studio_bookings:index` (the filtered listing), `studio_bookings:booking`
and its actions `check_in`, `no_show`, `move`, `cancel`; the model viewsets
`studio_rooms`, `studio_equipment`, `studio_closures`, `studio_quotas`.

Permissions are the models' own (bookings.view_booking to see bookings,
the calendar and the figures; bookings.change_booking to act on them;
bookings.add_booking to book for the Centre; add/change/delete of rooms,
equipment, closures and quotas), given in Settings → Groups.
"""

import django_filters
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from . import admin_views
from .admin_forms import ClosureForm, OpeningHoursForm, QuotaForm, RoomForm
from .admin_views import booking_actions, calendar, resources, use_report
from .models import (
    Booking,
    BookingStatus,
    Closure,
    Equipment,
    PaidBy,
    Quota,
    Room,
)


def _baku(value) -> str:
    return (
        timezone.localtime(value, admin_views.zone()).strftime("%Y-%m-%d %H:%M")
        if value
        else ""
    )


# Rooms -----------------------------------------------------------------------


class OpeningHoursPanel(InlinePanel):
    """The room's openings, each with the clear "closes after it opens"
    error of its own form."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = OpeningHoursForm
        return options


class RoomViewSet(ModelViewSet):
    model = Room
    icon = "home"
    menu_label = _("Rooms")
    menu_order = 30
    url_prefix = "studios/rooms"
    add_view_class = resources.RoomCreateView
    edit_view_class = resources.RoomEditView
    delete_view_class = resources.RoomDeleteView
    copy_view_enabled = False
    list_display = [
        "name",
        Column("kind", label=_("Studio"), accessor="get_kind_display"),
        "capacity",
        "price_off_peak",
        "price_peak",
        BooleanColumn("is_active", label=_("Open for booking")),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_en", "name_ru", "slug"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("kind"),
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_ru")]),
                    FieldPanel("slug"),
                    FieldPanel("sort_order"),
                    FieldPanel("is_active"),
                ],
                heading=_("Room"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("description"),
                    FieldPanel("description_en"),
                    FieldPanel("description_ru"),
                ],
                heading=_("Description"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("equipment"),
                    FieldPanel("equipment_en"),
                    FieldPanel("equipment_ru"),
                ],
                heading=_("What the room holds"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldPanel("slot_minutes"),
                    FieldRowPanel(
                        [FieldPanel("min_minutes"), FieldPanel("max_minutes")]
                    ),
                    FieldPanel("buffer_minutes"),
                    FieldPanel("horizon_days"),
                    FieldPanel("cancel_cutoff_hours"),
                ],
                heading=_("Booking rules"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("price_off_peak"), FieldPanel("price_peak")]
                    ),
                    FieldRowPanel([FieldPanel("peak_starts"), FieldPanel("peak_ends")]),
                ],
                heading=_("Prices (AZN per hour)"),
            ),
            OpeningHoursPanel(
                "opening_hours",
                label=_("Opening hours (Baku time)"),
                panels=[
                    FieldPanel("weekday"),
                    FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
                ],
            ),
        ],
        base_form_class=RoomForm,
    )


class EquipmentViewSet(ModelViewSet):
    model = Equipment
    icon = "media"
    menu_label = _("Equipment")
    menu_order = 40
    url_prefix = "studios/equipment"
    delete_view_class = resources.EquipmentDeleteView
    edit_view_class = resources.EquipmentEditView
    copy_view_enabled = False
    form_fields = ["room", "name", "name_en", "name_ru", "price_per_hour", "is_active"]
    list_display = ["name", "room", "price_per_hour", BooleanColumn("is_active")]
    list_filter = ["room", "is_active"]
    search_fields = ["name", "name_en", "name_ru"]
    search_backend_name = None


class ClosureViewSet(ModelViewSet):
    model = Closure
    icon = "warning"
    menu_label = _("Closures")
    menu_order = 50
    url_prefix = "studios/closures"
    add_view_class = resources.ClosureCreateView
    edit_view_class = resources.ClosureEditView
    copy_view_enabled = False
    list_display = [
        "reason",
        Column("room", label=_("Room"), accessor=lambda c: c.room or _("Every studio")),
        Column(
            "starts_at",
            label=_("Closed from (Baku)"),
            accessor=lambda c: _baku(c.starts_at),
        ),
        Column(
            "ends_at",
            label=_("Closed until (Baku)"),
            accessor=lambda c: _baku(c.ends_at),
        ),
    ]
    list_filter = ["room"]
    edit_handler = ObjectList(
        [
            FieldPanel("room"),
            FieldRowPanel(
                [FieldPanel("starts_at"), FieldPanel("ends_at")],
                heading=_("Closed (Baku time)"),
            ),
            FieldPanel("reason"),
            FieldRowPanel([FieldPanel("reason_en"), FieldPanel("reason_ru")]),
        ],
        base_form_class=ClosureForm,
    )


class QuotaViewSet(ModelViewSet):
    model = Quota
    icon = "time"
    menu_label = _("Free-hour quotas")
    menu_order = 60
    url_prefix = "studios/quotas"
    copy_view_enabled = False
    list_display = [
        Column("scope", label=_("For"), accessor=str),
        Column("programme", label=_("Programme"), accessor="get_programme_display"),
        "resident",
        "hours_per_month",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("programme"),
            FieldPanel("resident"),
            FieldPanel("hours_per_month"),
        ],
        base_form_class=QuotaForm,
    )


# Bookings --------------------------------------------------------------------


class BookingFilterSet(WagtailFilterSet):
    room = django_filters.ModelChoiceFilter(
        label=_("Room"), queryset=Room.objects.all(), empty_label=_("All rooms")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=BookingStatus.choices, empty_label=_("All")
    )
    paid_by = django_filters.ChoiceFilter(
        label=_("Paid by"), choices=PaidBy.choices, empty_label=_("All")
    )
    starts = django_filters.DateFromToRangeFilter(
        label=_("Day (Baku time)"),
        field_name="starts_at",
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = Booking
        fields = ["room", "status", "paid_by", "starts"]


def _booker(booking: Booking) -> str:
    return admin_views.booker_name(booking)


def _check_in_state(booking: Booking) -> str:
    if booking.checked_in_at:
        return str(
            _("Checked in %(time)s") % {"time": _baku(booking.checked_in_at)[11:]}
        )
    if booking.no_show:
        return str(_("No-show"))
    return ""


class BookingIndexView(IndexView):
    custom_field_preprocess = {
        "starts_at": {"csv": _baku, "xlsx": _baku},
        "ends_at": {"csv": _baku, "xlsx": _baku},
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "starts_at",
                label=_("Starts (Baku time)"),
                accessor=lambda b: _baku(b.starts_at),
                get_url=lambda b: reverse("studio_bookings:booking", args=[b.pk]),
            ),
            *super().columns,
        ]

    @cached_property
    def header_buttons(self):
        buttons = [
            *super().header_buttons,
            HeaderButton(
                _("Day and week"), url=reverse("studios:day"), icon_name="date"
            ),
        ]
        if self.request.user.has_perm(admin_views.ADD_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Book for the Centre"),
                    url=reverse("studios:book"),
                    icon_name="plus",
                )
            )
        return buttons

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("room", "booker", "resident")
            .order_by("-starts_at", "-pk")
        )


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "list-ul"
    menu_label = _("Bookings")
    menu_order = 20
    url_prefix = "studios/bookings"
    # Bookings are written under the rooms' locks: no reference index rows
    # added to those transactions.
    add_to_reference_index = False
    index_view_class = BookingIndexView
    filterset_class = BookingFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["booker__email", "purpose"]
    search_backend_name = None
    list_display = [
        Column("room", label=_("Room"), accessor="room"),
        Column("booker", label=_("Booked by"), accessor=_booker),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("paid_by", label=_("Paid by"), accessor="get_paid_by_display"),
        Column("people", label=_("People")),
        Column("check_in", label=_("Check-in"), accessor=_check_in_state),
    ]
    list_export = [
        "short_reference",
        "room",
        "starts_at",
        "ends_at",
        "booker.email",
        "get_status_display",
        "get_paid_by_display",
        "price",
        "people",
        "purpose",
    ]
    export_headings = {
        "short_reference": _("Reference"),
        "room": _("Room"),
        "starts_at": _("Starts (Baku time)"),
        "ends_at": _("Ends (Baku time)"),
        "booker.email": _("E-mail"),
        "get_status_display": _("Status"),
        "get_paid_by_display": _("Paid by"),
        "price": _("Price (AZN)"),
        "people": _("People"),
        "purpose": _("What for"),
    }
    export_filename = "studio-bookings"

    def get_common_view_kwargs(self, **kwargs):
        # Bookings are made through the rules (the booking form, or "Book
        # for the Centre"), never typed here.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage", "inspect"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", booking_actions.booking_view, name="booking"),
            path(
                "<int:pk>/check-in/",
                booking_actions.booking_check_in_view,
                name="check_in",
            ),
            path(
                "<int:pk>/no-show/",
                booking_actions.booking_no_show_view,
                name="no_show",
            ),
            path("<int:pk>/move/", booking_actions.booking_move_view, name="move"),
            path(
                "<int:pk>/cancel/", booking_actions.booking_cancel_view, name="cancel"
            ),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type__app_label="bookings",
            codename__in=["view_booking", "change_booking", "add_booking"],
        )


# The calendar, the day sheet, booking for the Centre and the figures --------


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


class StudiosViewSet(ViewSet):
    """The day and week of every room: /cms/studios/."""

    icon = "date"
    menu_label = _("Day and week")
    menu_order = 10
    menu_item_class = CalendarMenuItem

    @cached_property
    def menu_url(self):
        return reverse("studios:day")

    def get_urlpatterns(self):
        return [
            path("", calendar.day_view, name="day"),
            path("day/<str:day>/", calendar.day_view, name="day_for"),
            path("day/<str:day>/print/", calendar.day_sheet_view, name="sheet"),
            path("week/", calendar.week_view, name="week"),
            path("week/<str:day>/", calendar.week_view, name="week_for"),
            path("book/", booking_actions.centre_booking_view, name="book"),
            path("figures/", use_report.figures_view, name="figures"),
            path("figures/csv/", use_report.figures_csv_view, name="figures_csv"),
        ]


class FiguresViewSet(ViewSet):
    """Only a menu entry: the page is one of StudiosViewSet's."""

    icon = "table"
    menu_label = _("Use figures")
    menu_order = 70
    menu_item_class = CalendarMenuItem

    @cached_property
    def menu_url(self):
        return reverse("studios:figures")


class StudiosMenu(ViewSetGroup):
    menu_label = _("Studios")
    menu_icon = "date"
    menu_order = 275
    items = (
        StudiosViewSet("studios"),
        BookingViewSet("studio_bookings"),
        RoomViewSet("studio_rooms"),
        EquipmentViewSet("studio_equipment"),
        ClosureViewSet("studio_closures"),
        QuotaViewSet("studio_quotas"),
        FiguresViewSet("studio_figures"),
    )


@hooks.register("register_admin_viewset")
def register_studios():
    return StudiosMenu()
