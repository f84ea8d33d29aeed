from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("register/sent/", views.RegistrationSentView.as_view(), name="register-sent"),
    path(
        "confirm/<str:uidb64>/<str:token>/",
        views.RegistrationConfirmView.as_view(),
        name="confirm",
    ),
    path(
        "address/confirm/<str:token>/",
        views.EmailChangeConfirmView.as_view(),
        name="email-confirm",
    ),
    path("password-again/", views.ReauthView.as_view(), name="reauth"),
]
