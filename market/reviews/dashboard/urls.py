from django.urls import path

from . import views

app_name = "resident_reviews"
urlpatterns = [
    path("", views.ReviewsView.as_view(), name="index"),
    path("<int:pk>/answer/", views.AnswerView.as_view(), name="answer"),
]
