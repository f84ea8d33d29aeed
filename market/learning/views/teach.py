"""The teaching pages of a course's resident and of staff: the courses they
teach, one course's rules, sessions, roster and waitlist, and attendance per
session. Every course is looked up inside `courses_taught_by(user)`, so
another resident's course (or a session of another course) is a 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..models import Attendance, SeatStatus, WaitlistStatus
from ..services.attendance import attendance_mark, sessions_needed
from ..services.schedule import (
    MAX_SESSIONS,
    course_session_add,
    course_session_remove,
    course_sessions_save,
)
from ..services.seats import (
    SeatsUnavailable,
    enrolment_closes_at,
    seats_left,
    stockrecord_for,
)
from ..services.teaching import course_rules_update, courses_taught_by
from ..teach_forms import (
    AttendanceForm,
    CourseRulesForm,
    SessionForm,
    SessionRemoveForm,
    session_formset,
)


def _row_count(value) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


class TeachListView(LoginRequiredMixin, TemplateView):
    """The courses the signed-in user teaches; none is an empty page."""

    template_name = "market/learning/teach/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["courses"] = list(courses_taught_by(self.request.user))
        return context


class _TeachCourseMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        # Anonymous visitors go to the login page before anything is looked up.
        if request.user.is_authenticated:
            self.find_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def find_objects(self, **kwargs):
        self.course = get_object_or_404(
            courses_taught_by(self.request.user), product_id=kwargs["pk"]
        )

    def active_seats(self):
        return (
            self.course.product.seats.filter(status=SeatStatus.ACTIVE)
            .select_related("learner")
            .order_by("created_at", "pk")
        )


class TeachCourseView(_TeachCourseMixin, TemplateView):
    """One course: its rules, sessions, roster and waitlist. Each form posts
    here with a hidden `action`."""

    template_name = "market/learning/teach/course.html"
    actions = {
        "rules": "update_rules",
        "sessions": "save_sessions",
        "session-add": "add_session",
        "session-remove": "remove_session",
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.course
        sessions = list(
            course.sessions.annotate(marked=Count("attendance")).order_by(
                "starts_at", "pk"
            )
        )
        roster = list(
            self.active_seats().annotate(
                attended=Count("attendance", filter=Q(attendance__present=True))
            )
        )
        waitlist = list(
            course.waitlist.filter(
                status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
            )
            .select_related("learner")
            .order_by("joined_at", "pk")
        )
        position = 0
        for entry in waitlist:
            # The same order as `waitlist_position`, counted in one pass.
            if entry.status == WaitlistStatus.WAITING:
                position += 1
                entry.position = position
            else:
                entry.position = None
        context.update(
            course=course,
            product=course.product,
            sessions=sessions,
            sessions_needed=sessions_needed(course),
            roster=roster,
            waitlist=waitlist,
            seats_left=seats_left(course),
            closes_at=enrolment_closes_at(course),
            now=timezone.now(),
        )
        record = stockrecord_for(course.product)
        context.setdefault(
            "rules_form",
            CourseRulesForm.for_course(
                course, seats=record.num_in_stock if record else None
            ),
        )
        context.setdefault(
            "session_formset",
            session_formset(
                course,
                marked_ids=[session.pk for session in sessions if session.marked],
            ),
        )
        context["marked_ids"] = {session.pk for session in sessions if session.marked}
        context.setdefault("session_form", SessionForm())
        context.setdefault("remove_error", None)
        return context

    def post(self, request, *args, **kwargs):
        handler = self.actions.get(request.POST.get("action", ""))
        if handler is None:
            context = self.get_context_data()
            context["action_error"] = _("Unknown action.")
            return self.render_to_response(context, status=400)
        return getattr(self, handler)(request)

    def _done(self, message):
        messages.success(self.request, message)
        return redirect("learning:teach-course", pk=self.course.product_id)

    def update_rules(self, request):
        form = CourseRulesForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(rules_form=form), status=400
            )
        try:
            course_rules_update(
                course=self.course, by=request.user, **form.cleaned_data
            )
        except SeatsUnavailable as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(rules_form=form))
        return self._done(_("The course's rules are saved."))

    def save_sessions(self, request):
        marked = self.course.sessions.filter(attendance__isnull=False).values_list(
            "pk", flat=True
        )
        data = request.POST
        if data.get("more"):
            # One more empty row, every typed row kept; nothing is saved.
            data = data.copy()
            rows = _row_count(data.get("sessions-TOTAL_FORMS"))
            data["sessions-TOTAL_FORMS"] = str(min(rows + 1, MAX_SESSIONS))
            formset = session_formset(
                self.course, data, marked_ids=list(marked.distinct())
            )
            return self.render_to_response(
                self.get_context_data(session_formset=formset)
            )
        formset = session_formset(self.course, data, marked_ids=list(marked.distinct()))
        if not formset.is_valid():
            return self.render_to_response(
                self.get_context_data(session_formset=formset), status=400
            )
        try:
            course_sessions_save(
                course=self.course, by=request.user, rows=formset.rows()
            )
        except SeatsUnavailable as error:
            formset._non_form_errors = formset.error_class([error.message])
            return self.render_to_response(
                self.get_context_data(session_formset=formset), status=400
            )
        return self._done(_("The sessions are saved."))

    def add_session(self, request):
        form = SessionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(session_form=form), status=400
            )
        try:
            course_session_add(course=self.course, by=request.user, **form.cleaned_data)
        except SeatsUnavailable as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(session_form=form))
        return self._done(_("The session is added."))

    def remove_session(self, request):
        form = SessionRemoveForm(request.POST, course=self.course)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(
                    remove_error=_("Choose a session of this course.")
                ),
                status=400,
            )
        try:
            course_session_remove(session=form.cleaned_data["session"], by=request.user)
        except SeatsUnavailable as error:
            return self.render_to_response(
                self.get_context_data(remove_error=error.message)
            )
        return self._done(_("The session is removed."))


class AttendanceView(_TeachCourseMixin, TemplateView):
    """Who came to one session: a box per active seat, ticked from what was
    marked before."""

    template_name = "market/learning/teach/attendance.html"

    def find_objects(self, **kwargs):
        super().find_objects(**kwargs)
        self.session = get_object_or_404(self.course.sessions, pk=kwargs["session_pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(course=self.course, product=self.course.product)
        context["session"] = self.session
        if "form" not in context:
            present = Attendance.objects.filter(
                session=self.session, present=True, seat__status=SeatStatus.ACTIVE
            ).values_list("seat_id", flat=True)
            context["form"] = AttendanceForm(
                seats=self.active_seats(), initial={"present": list(present)}
            )
        return context

    def post(self, request, *args, **kwargs):
        form = AttendanceForm(request.POST, seats=self.active_seats())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            attendance_mark(
                session=self.session,
                present_seat_ids={seat.pk for seat in form.cleaned_data["present"]},
                by=request.user,
            )
        except SeatsUnavailable as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("Attendance of the session of %(date)s is saved.")
            % {
                "date": date_format(
                    timezone.localtime(self.session.starts_at), "DATETIME_FORMAT"
                )
            },
        )
        return redirect("learning:teach-course", pk=self.course.product_id)
