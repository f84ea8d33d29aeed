"""The impact figures are read from other apps' rows; this app keeps none.

`Figures` exists only to carry the permission to see them ("Reports"
group): it has no table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Figures(models.Model):
    """The right to see the Centre's impact figures (no rows, no table)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_figures", _("Can see the impact figures"))]
        verbose_name = _("impact figures")
        verbose_name_plural = _("impact figures")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
