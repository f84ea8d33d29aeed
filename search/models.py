from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductDocument(models.Model):
    """The searchable text of one product, normalised (search/normalise.py).

    The database backend keeps a full-text index beside this table: an FTS5
    table kept in step by triggers on SQLite, a generated tsvector column with
    a GIN index on PostgreSQL (both created in this app's migrations).
    """

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    text = models.TextField(_("normalised text"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("product search document")
        verbose_name_plural = _("product search documents")

    def __str__(self) -> str:
        return f"ProductDocument({self.product_id})"
