"""Kreativ Edu, under /learning/ (language-prefixed): the learner's own
pages, the teaching pages of residents and staff, the sponsors' reports.
The public certificate check lives at /certificates/<code>/ (market/urls.py)."""

from django.urls import path

from .views import certificates, learner, sponsors, teach

app_name = "learning"

urlpatterns = [
    path("", learner.MyLearningView.as_view(), name="mine"),
    path("calendar.ics", learner.CalendarView.as_view(), name="calendar"),
    path("profile/", learner.ProfileView.as_view(), name="profile"),
    path("courses/<int:pk>/enrol/", learner.EnrolView.as_view(), name="enrol"),
    path("courses/<int:pk>/redeem/", learner.RedeemView.as_view(), name="redeem"),
    path(
        "courses/<int:pk>/waitlist/",
        learner.WaitlistJoinView.as_view(),
        name="waitlist-join",
    ),
    path(
        "waitlist/<int:pk>/leave/",
        learner.WaitlistLeaveView.as_view(),
        name="waitlist-leave",
    ),
    path(
        "seats/<int:pk>/cancel/", learner.SeatCancelView.as_view(), name="seat-cancel"
    ),
    path(
        "certificates/<str:code>.pdf",
        certificates.CertificatePdfView.as_view(),
        name="certificate-pdf",
    ),
    path("teach/", teach.TeachListView.as_view(), name="teach"),
    path("teach/<int:pk>/", teach.TeachCourseView.as_view(), name="teach-course"),
    path(
        "teach/<int:pk>/sessions/<int:session_pk>/",
        teach.AttendanceView.as_view(),
        name="teach-attendance",
    ),
    path(
        "sponsors/<str:token>/",
        sponsors.SponsorReportView.as_view(),
        name="sponsor-report",
    ),
]
