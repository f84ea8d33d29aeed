"""Kreativ Edu in the Wagtail admin: each module of `admin/` registers its
own hooks (the Kreativ Edu menu, its viewsets) when imported. Add a module by
adding it here."""

from .admin import certificates, menu, reports, sponsors  # noqa: F401
