from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "market.reviews"
    # Oscar's reviews app already has the label "reviews".
    label = "market_reviews"
    verbose_name = _("Product reviews")
    default_auto_field = "django.db.models.BigAutoField"
