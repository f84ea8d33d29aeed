"""Forms of the staff's studio pages in the Wagtail admin: the rooms,
closures and quotas (each rule of the models' check constraints turned into
a clear form error), and the booking actions (cancel, move, book for the
Centre) and the use figures' period."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .figures import Span
from .models import STUDIO_KINDS, Equipment, Room

# The platform's records begin in this century (the impact report's bounds).
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
LONGEST_SPAN_DAYS = 5 * 366


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class RoomForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        shortest, longest = data.get("min_minutes"), data.get("max_minutes")
        if shortest is not None and longest is not None and shortest > longest:
            self.add_error(
                "max_minutes",
                _("The longest booking cannot be shorter than the shortest."),
            )
        starts, ends = data.get("peak_starts"), data.get("peak_ends")
        if starts is not None and ends is not None and starts >= ends:
            self.add_error("peak_ends", _("Peak hours must end after they start."))
        slot = data.get("slot_minutes")
        for name in ("min_minutes", "max_minutes"):
            value = data.get(name)
            if slot and value is not None and value % int(slot):
                self.add_error(
                    name,
                    _("Give a multiple of the slot grid (%(step)s minutes).")
                    % {"step": slot},
                )
        return data


class OpeningHoursForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens is not None and closes is not None and opens >= closes:
            # On the field: the model's check constraint is then not asked
            # again with its technical message.
            self.add_error("closes", _("The room must close after it opens."))
        return data


class ClosureForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].empty_label = _("Every studio")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts is not None and ends is not None and starts >= ends:
            self.add_error("ends_at", _("A closure must end after it starts."))
        return data


class QuotaForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        programme, resident = data.get("programme"), data.get("resident")
        if "resident" in self.errors or "programme" in self.errors:
            return data
        if programme and resident is not None:
            self.add_error(
                "resident",
                _(
                    "A quota is for a programme or for one resident, not both: "
                    "clear one of them."
                ),
            )
        elif not programme and resident is None:
            self.add_error(
                "programme", _("Choose a programme or a resident for this quota.")
            )
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The booker reads this in the e-mail."),
    )


class MoveForm(forms.Form):
    """A new start, in Baku time, and optionally another room of the same
    studio."""

    day = forms.DateField(label=_("New day"), widget=DateInput())
    start = forms.TimeField(label=_("New start (Baku time)"), widget=TimeInput())
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("The same room"),
    )
    reason = forms.CharField(
        label=_("Why is it moved?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The booker reads this in the e-mail."),
    )

    def __init__(self, *args, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(kind=kind, is_active=True)


class CentreBookingForm(forms.Form):
    """A slot booked by staff for the Centre's own use or a guest."""

    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.filter(is_active=True)
    )
    day = forms.DateField(label=_("Day"), widget=DateInput())
    start = forms.TimeField(label=_("Start (Baku time)"), widget=TimeInput())
    minutes = forms.TypedChoiceField(
        label=_("Length"),
        coerce=int,
        choices=[
            (minutes, f"{minutes // 60}:{minutes % 60:02d}")
            for minutes in range(30, 12 * 60 + 1, 30)
        ],
        initial=60,
    )
    equipment = forms.ModelMultipleChoiceField(
        label=_("Equipment"),
        queryset=Equipment.objects.filter(is_active=True).select_related("room"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people = forms.IntegerField(label=_("People"), min_value=1, initial=1)
    reason = forms.CharField(
        label=_("What for"),
        max_length=200,
        help_text=_("For example: a workshop of the Centre, a guest's recording."),
    )

    def clean(self):
        data = super().clean()
        room, equipment = data.get("room"), data.get("equipment") or []
        if room is not None:
            others = [item for item in equipment if item.room_id != room.pk]
            if others:
                self.add_error(
                    "equipment",
                    _("“%(name)s” is kept in another room.") % {"name": others[0].name},
                )
        return data


class FiguresForm(forms.Form):
    """The period of the use figures: both days included, Baku time."""

    first = forms.DateField(
        label=_("First day"), widget=DateInput(), input_formats=["%Y-%m-%d"]
    )
    last = forms.DateField(
        label=_("Last day"), widget=DateInput(), input_formats=["%Y-%m-%d"]
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first is None or last is None:
            return data
        if last < first:
            self.add_error("last", _("The last day cannot be before the first day."))
        elif first.year < EARLIEST_YEAR or last.year > LATEST_YEAR:
            raise forms.ValidationError(
                _("Choose days between %(first)s and %(last)s.")
                % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
            )
        elif (last - first).days > LONGEST_SPAN_DAYS:
            self.add_error("last", _("A period can be at most five years long."))
        return data

    @property
    def span(self) -> Span:
        return Span(self.cleaned_data["first"], self.cleaned_data["last"])


def default_span(today: datetime.date | None = None) -> Span:
    """The last twelve months, this month included."""
    today = today or timezone.localdate()
    first = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
    return Span(first, today)


def kind_label(kind: str) -> str:
    return str(dict(STUDIO_KINDS).get(kind, kind))
