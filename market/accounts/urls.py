from django.urls import path

from . import twofactor_views, views, views_tokens

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
    path(
        "guest-orders/<str:token>/",
        views.GuestClaimView.as_view(),
        name="guest-claim",
    ),
    path("tokens/", views_tokens.AccessTokenListView.as_view(), name="tokens"),
    path(
        "tokens/<int:pk>/revoke/",
        views_tokens.AccessTokenRevokeView.as_view(),
        name="token-revoke",
    ),
    path("password-again/", views.ReauthView.as_view(), name="reauth"),
    path("two-factor/", twofactor_views.SetupView.as_view(), name="twofactor"),
    path(
        "two-factor/code/",
        twofactor_views.VerifyView.as_view(),
        name="twofactor-verify",
    ),
    path(
        "two-factor/backup-codes/",
        twofactor_views.BackupCodesView.as_view(),
        name="twofactor-backup-codes",
    ),
    path(
        "two-factor/off/", twofactor_views.TurnOffView.as_view(), name="twofactor-off"
    ),
]
