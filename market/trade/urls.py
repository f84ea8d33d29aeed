from django.urls import path

from . import views

app_name = "trade"
urlpatterns = [
    path("", views.MyRequestsView.as_view(), name="mine"),
    path("business/", views.BusinessProfileView.as_view(), name="business"),
    path("ask/<slug:slug>/", views.AskView.as_view(), name="ask"),
    path("<uuid:reference>/", views.RequestDetailView.as_view(), name="request"),
    path(
        "<uuid:reference>/messages/",
        views.RequestMessageView.as_view(),
        name="message",
    ),
    path("<uuid:reference>/accept/", views.AcceptView.as_view(), name="accept"),
    path("<uuid:reference>/pay/", views.PayView.as_view(), name="pay"),
    path("<uuid:reference>/balance/", views.BalanceView.as_view(), name="balance"),
    path(
        "<uuid:reference>/balance/confirm/",
        views.BalanceConfirmView.as_view(),
        name="balance-confirm",
    ),
    path(
        "<uuid:reference>/balance/return/",
        views.BalanceReturnView.as_view(),
        name="balance-return",
    ),
    path("<uuid:reference>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path(
        "<uuid:reference>/files/<int:pk>/",
        views.AttachmentView.as_view(),
        name="attachment",
    ),
]
