"""The staff's side of selling abroad in the Wagtail admin; each module
registers its own hooks."""

from . import admin_duties, admin_papers, admin_profiles  # noqa: F401
