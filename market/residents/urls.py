from django.urls import path

from . import views

app_name = "residents"
urlpatterns = [
    path("", views.ResidentListView.as_view(), name="list"),
    path("apply/", views.ApplyView.as_view(), name="apply"),
    path(
        "products/<int:pk>/message/",
        views.MakerMessageView.as_view(),
        name="message-maker",
    ),
    path("<slug:slug>/", views.ResidentShopView.as_view(), name="shop"),
    path("<slug:slug>/contact/", views.ResidentContactView.as_view(), name="contact"),
]
