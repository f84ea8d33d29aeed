from django.urls import path

from . import views

app_name = "payouts_dashboard"
urlpatterns = [
    path("", views.MoneyView.as_view(), name="index"),
    path("bank-details/", views.BankDetailsView.as_view(), name="profile"),
    path("statement.csv", views.StatementView.as_view(), name="statement"),
]
