from django.urls import path

from . import views

app_name = "downloads"
urlpatterns = [
    path("", views.GrantListView.as_view(), name="list"),
    path("<str:token>/", views.download_file, name="file"),
]
