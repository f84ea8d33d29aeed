"""Forms of the teaching pages: a course's rules, its sessions (one row per
session, a formset), attendance."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Course, CourseLanguage, CourseLevel, Seat
from .services.schedule import MAX_SESSIONS, session_row_changed

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
    seats = forms.IntegerField(
        label=_("Seats"),
        min_value=0,
        max_value=10000,
        help_text=_("How many learners the course takes."),
    )
    language = forms.ChoiceField(
        label=_("Language of teaching"), choices=CourseLanguage.choices
    )
    level = forms.ChoiceField(label=_("Level"), choices=CourseLevel.choices)

    @classmethod
    def for_course(cls, course: Course, *, seats: int | None) -> "CourseRulesForm":
        return cls(
            initial={
                "seats": seats,
                "language": course.language,
                "level": course.level,
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


class SessionRowForm(forms.Form):
    """One session of the editor: when it starts and ends, its topic and
    place. `id` names an existing session of this course (checked against
    the course by the formset and again by the service)."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_INPUT)
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    place = forms.CharField(
        label=_("Place or “online”"),
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


class BaseSessionFormSet(forms.BaseFormSet):
    """Every session of a course, a row each. Refuses (with an error on the
    row, every row kept as typed): an id that is not one of this course's
    sessions, a new or changed session that does not start in the future,
    two sessions that overlap, changing or removing a session whose
    attendance was marked, and keeping no session at all."""

    def __init__(self, *args, course: Course, marked_ids=(), **kwargs):
        self.course = course
        self.sessions = {session.pk: session for session in course.sessions.all()}
        self.marked_ids = set(marked_ids)
        super().__init__(*args, **kwargs)

    def clean(self):
        # Rows with their own errors are left out of the checks across rows,
        # so that every other mistake is shown in the same answer.
        now = timezone.now()
        kept = []
        seen = set()
        broken = False
        for form in self.forms:
            if form.errors:
                broken = True
                continue
            data = form.cleaned_data
            session_id = data.get("id")
            session = self.sessions.get(session_id) if session_id else None
            if session_id and (session is None or session_id in seen):
                form.add_error(None, _("This is not a session of this course."))
                continue
            seen.add(session_id)
            deleted = self._should_delete_form(form)
            if session is None and (deleted or not form.has_changed()):
                continue  # an empty new row, or a new row removed again
            changed = session is None or session_row_changed(session, data)
            if session is not None and session.pk in self.marked_ids:
                if deleted or changed:
                    form.add_error(
                        None,
                        _(
                            "Attendance was recorded for this session: it cannot "
                            "be changed or removed."
                        ),
                    )
                    continue
            if deleted:
                continue
            if changed and data["starts_at"] <= now:
                form.add_error("starts_at", _("A session must start in the future."))
                continue
            kept.append(form)
        kept.sort(key=lambda form: form.cleaned_data["starts_at"])
        for before, after in zip(kept, kept[1:], strict=False):
            if after.cleaned_data["starts_at"] < before.cleaned_data["ends_at"]:
                after.add_error(
                    "starts_at",
                    _("This session overlaps the one before it."),
                )
        if not broken and not any(self.errors) and not kept:
            raise forms.ValidationError(
                _("A course needs at least one session."), code="no_sessions"
            )

    def rows(self) -> list[dict]:
        """The sessions to keep, as the service takes them."""
        return [
            {
                "id": form.cleaned_data.get("id"),
                "starts_at": form.cleaned_data["starts_at"],
                "ends_at": form.cleaned_data["ends_at"],
                "topic": form.cleaned_data.get("topic", ""),
                "place": form.cleaned_data.get("place", ""),
            }
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.cleaned_data.get("id") or form.has_changed())
        ]


SessionFormSet = forms.formset_factory(
    SessionRowForm,
    formset=BaseSessionFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_SESSIONS,
    validate_max=True,
    absolute_max=MAX_SESSIONS,
)


def session_formset(course: Course, data=None, *, marked_ids=()):
    """The editor's rows: each session of `course`, and an empty row to add
    one (with `data`: the rows as posted)."""
    initial = [
        {
            "id": session.pk,
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "topic": session.topic,
            "place": session.place,
        }
        for session in course.sessions.order_by("starts_at", "pk")
    ]
    return SessionFormSet(
        data,
        initial=initial,
        prefix="sessions",
        course=course,
        marked_ids=marked_ids,
    )


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
