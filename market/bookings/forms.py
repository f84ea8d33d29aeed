"""The booking form of a room: a start from the week's calendar (naive
time in the room's zone, made aware there: the visitor's browser never
shifts a booking), a length on the room's grid, people, the room's
equipment, and what for. The rules themselves are the services'."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import rules
from .models import Equipment, Room

START_FORMAT = "%Y-%m-%dT%H:%M"
START_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# Further than any room's horizon (365 days): refused as input, not by rule.
FARTHEST_DAYS = 400


def start_value(moment: datetime, room: Room) -> str:
    """A slot's start as the form sends it: naive, in the room's zone."""
    return rules.local(room, moment).strftime(START_FORMAT)


def length_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours}
    if not hours:
        return ngettext("%(minutes)d minute", "%(minutes)d minutes", rest) % {
            "minutes": rest
        }
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


class EquipmentChoices(forms.ModelMultipleChoiceField):
    def __init__(self, *args, language: str | None = None, **kwargs):
        self.language = language
        super().__init__(*args, **kwargs)

    def _check_values(self, value):
        # Ids the database could not even hold (a 500 on SQLite and
        # PostgreSQL alike) are refused here, like any unknown id.
        for item in value:
            text = str(item)
            if not text.isdigit() or len(text) > 18:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super()._check_values(value)

    def label_from_instance(self, obj: Equipment) -> str:
        return _("%(name)s (%(price)s AZN an hour)") % {
            "name": obj.name_in(self.language),
            "price": obj.price_per_hour,
        }


class BookingForm(forms.Form):
    starts = forms.CharField(
        label=_("Start"),
        max_length=16,
        error_messages={"required": _("Choose a free start time in the calendar.")},
    )
    minutes = forms.TypedChoiceField(label=_("Length"), coerce=int)
    people = forms.IntegerField(label=_("People"), min_value=1, initial=1)
    equipment = EquipmentChoices(
        label=_("Equipment"),
        queryset=Equipment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    equipment_only = forms.BooleanField(
        label=_("Equipment only (without the room)"), required=False
    )
    purpose = forms.CharField(
        label=_("What for"),
        max_length=200,
        required=False,
        help_text=_("Optional: a few words for the front desk."),
    )

    def __init__(self, *args, room: Room, today: date, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.room, self.today = room, today
        grid = room.slot_minutes
        first = -(-room.min_minutes // grid) * grid
        self.fields["minutes"].choices = [
            (minutes, length_label(minutes))
            for minutes in range(first, room.max_minutes + 1, grid)
        ]
        self.fields["minutes"].initial = first
        self.fields["people"].max_value = room.capacity
        self.fields["people"].widget.attrs["max"] = room.capacity
        self.fields["people"].validators.append(MaxValueValidator(room.capacity))
        equipment = self.fields["equipment"]
        equipment.language = language
        equipment.queryset = room.equipment_items.filter(is_active=True).order_by(
            "name", "pk"
        )

    def clean_starts(self) -> datetime:
        value = self.cleaned_data["starts"].strip()
        if not START_PATTERN.fullmatch(value):
            raise forms.ValidationError(_("Choose a free start time in the calendar."))
        try:
            naive = datetime.strptime(value, START_FORMAT)  # noqa: DTZ007 - room's zone
        except ValueError as error:
            raise forms.ValidationError(
                _("Choose a free start time in the calendar.")
            ) from error
        if not (
            self.today - timedelta(days=1)
            <= naive.date()
            <= self.today + timedelta(days=FARTHEST_DAYS)
        ):
            raise forms.ValidationError(_("Choose a free start time in the calendar."))
        return rules.at_local(self.room, naive.date(), naive.time())
