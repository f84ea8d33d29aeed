from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductDocument(models.Model):
    """The searchable form of one public product, for the database backend.

    Texts are normalised (search/normalise.py). The database keeps a full-text
    index beside this table, titles weighted above the rest: an FTS5 table kept
    in step by triggers on SQLite, a generated tsvector column with a GIN index
    on PostgreSQL (search/migrations/0002). Facet values live in
    DocumentFacet, one row per value, so every facet is counted the same way.
    """

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.TextField(_("normalised titles"), default="")
    text = models.TextField(_("normalised text"))
    title_sort = models.CharField(max_length=255, default="")
    kind = models.CharField(max_length=20, default="", db_index=True)
    # Lowest price in AZN cents: whole numbers compare exactly on every database.
    price_cents = models.BigIntegerField(null=True)
    date_created = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Browsing sorts the whole result: newest first, or by price.
        indexes = [
            models.Index(
                fields=["-date_created", "-product"], name="search_document_newest"
            ),
            models.Index(
                fields=["price_cents", "product"], name="search_document_price"
            ),
        ]
        verbose_name = _("product search document")
        verbose_name_plural = _("product search documents")

    def __str__(self) -> str:
        return f"ProductDocument({self.product_id})"


class DocumentFacet(models.Model):
    """One facet value of a product document (a category, a country it ships
    to, its kind...)."""

    document = models.ForeignKey(
        ProductDocument, on_delete=models.CASCADE, related_name="facet_values"
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "facet", "value"], name="search_facet_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["facet", "value", "document"], name="search_facet_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchTerm(models.Model):
    """Every word the database index has seen: the dictionary a typo in a
    buyer's word is corrected against. Stale words only cost a miss."""

    term = models.CharField(max_length=64, primary_key=True)

    def __str__(self) -> str:
        return self.term


class PendingIndex(models.Model):
    """A product whose search documents must be rebuilt (the indexing outbox).

    Written in the same transaction as the change, so no change is lost, and
    append-only, so concurrent writers never wait on each other's rows. An
    indexing worker claims a batch (FOR UPDATE SKIP LOCKED) and deletes the
    rows it claimed only after every backend took their products; rows left
    behind when Elasticsearch is down are replayed by the next task or
    `manage.py search_index_pending`.
    """

    id = models.BigAutoField(primary_key=True)
    product_id = models.BigIntegerField(db_index=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("product waiting for indexing")
        verbose_name_plural = _("products waiting for indexing")

    def __str__(self) -> str:
        return f"PendingIndex({self.product_id})"


class SynonymGroup(models.Model):
    """Words that mean the same to a buyer, in any of our languages ("carpet,
    rug, xalça, ковёр"). Staff edit the list in the admin; searches read it at
    once, no re-indexing needed."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Single words that mean the same, separated by commas, in any "
            "language, e.g. carpet, rug, xalça, ковёр."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]
