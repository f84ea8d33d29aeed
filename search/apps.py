import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    """Our fork of Oscar's search: serves keyword search and catalogue browsing
    on our own backends (search/backends/), not on django-haystack."""

    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers, views

        receivers.connect()
        self.search_view = views.FacetedSearchView
        self.suggest_view = views.suggest

    def get_urls(self):
        urlpatterns = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view, name="suggest"),
        ]
        return self.post_process_urls(urlpatterns)
