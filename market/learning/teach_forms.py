"""Forms of the teaching pages: a course's rules, its sessions, attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Course, Seat

DATETIME_INPUT = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


class CourseRulesForm(forms.Form):
    online = forms.BooleanField(label=_("Online"), required=False)
    city = forms.CharField(label=_("City or region"), max_length=100, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    enrolment_opens_at = forms.DateTimeField(
        label=_("Enrolment opens"), required=False, widget=DATETIME_INPUT
    )
    enrolment_closes_at = forms.DateTimeField(
        label=_("Enrolment closes"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("Leave empty to close enrolment when the first session starts."),
    )
    completion_percent = forms.IntegerField(
        label=_("Attendance needed to complete (%)"), min_value=1, max_value=100
    )

    @classmethod
    def for_course(cls, course: Course) -> "CourseRulesForm":
        return cls(
            initial={
                "online": course.online,
                "city": course.city,
                "venue": course.venue,
                "enrolment_opens_at": course.enrolment_opens_at,
                "enrolment_closes_at": course.enrolment_closes_at,
                "completion_percent": course.completion_percent,
            }
        )

    def clean(self):
        data = super().clean()
        opens = data.get("enrolment_opens_at")
        closes = data.get("enrolment_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "enrolment_closes_at", _("Enrolment must close after it opens.")
            )
        return data


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME_INPUT)
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the course's place."),
    )

    def clean(self):
        data = super().clean()
        starts = data.get("starts_at")
        ends = data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A session must end after it starts."))
        return data


class SessionRemoveForm(forms.Form):
    session = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = course.sessions.all()


class SeatChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Seat) -> str:
        name = obj.learner.get_full_name().strip()
        return f"{name} <{obj.learner.email}>" if name else obj.learner.email


class AttendanceForm(forms.Form):
    """One box per active seat of the course, ticked for the learners who
    came."""

    present = SeatChoiceField(
        label=_("Present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = seats
