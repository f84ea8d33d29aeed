"""Content-side actions outside Wagtail's page tree (language-prefixed)."""

from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path(
        "events/<int:page_id>/register/",
        views.EventRegisterView.as_view(),
        name="event-register",
    ),
    path(
        "events/registrations/<int:pk>/cancel/",
        views.EventRegistrationCancelView.as_view(),
        name="event-registration-cancel",
    ),
]
