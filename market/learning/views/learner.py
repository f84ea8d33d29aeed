"""The learner's pages: enrol (free, sponsored), the waitlist, cancelling a
seat, "My learning" with its calendar file, and the learner profile. Every
page is the signed-in learner's own: another learner's seat or place on a
waitlist is a 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.models import Site

from catalogue.models import Product

from ..calendar import sessions_ics
from ..course_state import (
    learner_seats,
    learner_sessions,
    learner_upcoming_sessions,
    learner_waitlist,
)
from ..forms import LearnerProfileForm, RedeemForm
from ..models import Certificate, Seat, SeatStatus, WaitlistEntry
from ..services.profiles import (
    learner_language_remember,
    learner_profile_update,
    profile_for,
)
from ..services.seats import SeatsUnavailable, enrolment_create, is_course, seat_cancel
from ..services.sponsors import sponsored_seat_redeem
from ..services.waitlist import waitlist_join, waitlist_leave


def site_hosts() -> set[str]:
    """The hosts of our Wagtail sites (Creative Market, Kreativ Edu), with
    and without their ports."""
    hosts = set()
    for hostname, port in Site.objects.values_list("hostname", "port"):
        hosts.update({hostname, f"{hostname}:{port}"})
    return hosts


class _CourseAction(LoginRequiredMixin, View):
    """POST only: do one thing to a course, then go back to its page with a
    message saying what happened (or why not)."""

    http_method_names = ["post"]

    def act(self, product):
        """Each subclass (enrol, redeem, join the waitlist) does its one
        thing and returns the success message; a refusal raises."""
        raise NotImplementedError

    def post(self, request, pk):
        product = get_object_or_404(Product.objects.browsable(), pk=pk)
        if not is_course(product):
            return HttpResponse(status=404)
        try:
            message = self.act(product)
        except SeatsUnavailable as error:
            messages.error(request, error.message)
        else:
            learner_language_remember(user=request.user, language=get_language())
            messages.success(request, message)
        return HttpResponseRedirect(self.course_page(request, product))

    @staticmethod
    def course_page(request, product) -> str:
        """Back to the course's page the panel named (`next`: its Kreativ Edu
        page, on this host or Kreativ Edu's), else its shop page. Any other
        address is ignored."""
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts=site_hosts() | {request.get_host()},
            require_https=request.is_secure(),
        ):
            return target
        return product.get_absolute_url()


class EnrolView(_CourseAction):
    """One click on a free course (or on a seat offered from the waitlist)."""

    def act(self, product):
        enrolment_create(product=product, learner=self.request.user)
        return _("You are enrolled in “%(title)s”. See you there!") % {
            "title": product.get_title()
        }


class RedeemView(_CourseAction):
    def act(self, product):
        form = RedeemForm(self.request.POST)
        if not form.is_valid():
            raise SeatsUnavailable(_("Enter the code you were given."))
        sponsored_seat_redeem(
            product=product, learner=self.request.user, code=form.cleaned_data["code"]
        )
        return _("Your sponsored seat on “%(title)s” is confirmed.") % {
            "title": product.get_title()
        }


class WaitlistJoinView(_CourseAction):
    def act(self, product):
        waitlist_join(product=product, learner=self.request.user)
        return _(
            "You are on the waitlist of “%(title)s”. We will e-mail you when a "
            "seat is yours to take."
        ) % {"title": product.get_title()}


class WaitlistLeaveView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        entry = get_object_or_404(WaitlistEntry, pk=pk, learner=request.user)
        try:
            waitlist_leave(entry=entry, learner=request.user)
        except SeatsUnavailable as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You left the waitlist."))
        return redirect("learning:mine")


class SeatCancelView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        seat = get_object_or_404(
            Seat, pk=pk, learner=request.user, status=SeatStatus.ACTIVE
        )
        try:
            seat_cancel(seat=seat, by=request.user)
        except SeatsUnavailable as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your seat on “%(title)s” was given back.")
                % {"title": seat.course.get_title()},
            )
        return redirect("learning:mine")


class MyLearningView(LoginRequiredMixin, TemplateView):
    """The learner's upcoming sessions, courses, waitlists and certificates."""

    template_name = "market/learning/mine.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        now = timezone.now()
        seats = list(learner_seats(user))
        current, past, cancelled = [], [], []
        for seat in seats:
            sessions = list(seat.course.course.sessions.all())
            seat.sessions = sessions
            seat.attended = sum(1 for row in seat.attendance.all() if row.present)
            if seat.status == SeatStatus.CANCELLED:
                cancelled.append(seat)
            elif seat.completed_at or (sessions and sessions[-1].ends_at < now):
                past.append(seat)
            else:
                current.append(seat)
        upcoming = list(learner_upcoming_sessions(user, now=now)[:20])
        waitlist = learner_waitlist(user, now=now)
        # Each course links to its Kreativ Edu page (one lookup for all).
        course_products = {seat.course.pk: seat.course for seat in seats}
        for row in [*upcoming, *waitlist]:
            course_products.setdefault(row.course.product.pk, row.course.product)
        return super().get_context_data(
            course_products=list(course_products.values()),
            upcoming=upcoming,
            current=current,
            past=past,
            cancelled=cancelled,
            waitlist=waitlist,
            certificates=Certificate.objects.filter(seat__learner=user)
            .select_related("seat")
            .order_by("-issued_at"),
            **kwargs,
        )


class CalendarView(LoginRequiredMixin, View):
    """All sessions of the learner's seats as one .ics file."""

    def get(self, request):
        body = sessions_ics(
            learner_sessions(request.user), language=get_language(), now=timezone.now()
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="kreativ-edu.ics"'
        return response


class ProfileView(LoginRequiredMixin, FormView):
    template_name = "market/learning/profile.html"
    form_class = LearnerProfileForm

    def get_initial(self):
        user = self.request.user
        profile = profile_for(user)
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": profile.language if profile.pk else get_language(),
            "region": profile.region,
            "region_consent": profile.region_consent,
            "age_band": profile.age_band,
            "age_band_consent": profile.age_band_consent,
        }

    def form_valid(self, form):
        learner_profile_update(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Your learner profile was saved."))
        target = self.request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}
        ):
            target = reverse("learning:mine")
        return redirect(target)
