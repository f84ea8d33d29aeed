from django.urls import path

from . import views

app_name = "export"
urlpatterns = [
    path("", views.set_destination, name="set-destination"),
]
