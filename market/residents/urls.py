from django.urls import path

from . import views

app_name = "residents"
urlpatterns = [
    path("", views.ResidentListView.as_view(), name="list"),
    path("<slug:slug>/", views.ResidentShopView.as_view(), name="shop"),
]
