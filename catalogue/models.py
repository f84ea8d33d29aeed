# Custom catalogue models go above Oscar's import (Oscar's fork_app pattern).
import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductClass,
)
from oscar.core.utils import slugify

# Migration 0034 names catalogue.models.PrivateStorage: keep the name here.
from market.storage import PrivateStorage

# Languages with their own title and description fields; every other language
# (Azerbaijani, the default) shows the original `title` and `description`.
TRANSLATED_LANGUAGES = ("en", "ru")


class ReviewStatus(models.TextChoices):
    """Where a listing stands in staff review."""

    # Pending: new or edited by its resident; hidden until staff approve it.
    PENDING = "pending", _("Waiting for review")
    # Live: approved (or made by staff); public if its resident's shop is open.
    LIVE = "live", _("Live")
    # Rejected: staff said no, with a reason the resident reads.
    REJECTED = "rejected", pgettext_lazy("listing review status", "Rejected")


def _translated_language(language_code: str | None) -> str | None:
    """The language whose own fields hold a text ("en-gb" -> "en"), or None
    for the original fields."""
    code = (language_code or "")[:2].lower()
    return code if code in TRANSLATED_LANGUAGES else None


def _in_language(instance, field: str, language_code: str | None) -> str:
    """`field` in a language (its `<field>_en` / `<field>_ru`), else the
    original (Azerbaijani) `field`."""
    language = _translated_language(language_code)
    text = getattr(instance, f"{field}_{language}") if language else ""
    return text or getattr(instance, field) or ""


class Category(AbstractCategory):
    """Oscar's category with its name and description in English and Russian
    besides the original (Azerbaijani) ones, edited by staff in the dashboard.

    Templates print `category.get_name` (the active language); `full_name`
    and `str()` follow the active language too. The slug comes from the
    original name.
    """

    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)

    def name_in(self, language_code: str | None) -> str:
        """The name in a language, else the original."""
        return _in_language(self, "name", language_code)

    def get_name(self) -> str:
        """The name in the active language."""
        return self.name_in(get_language())

    def get_description(self) -> str:
        """The description in the active language, else the original."""
        return _in_language(self, "description", get_language())

    @property
    def full_name(self) -> str:
        """ "Crafts > Ceramics" in the active language."""
        names = [category.get_name() for category in self.get_ancestors_and_self()]
        return self._full_name_separator.join(names)

    def get_meta_title(self) -> str:
        # The staff's meta title is written in the original language only.
        if _translated_language(get_language()):
            return self.get_name()
        return super().get_meta_title()

    def get_meta_description(self) -> str:
        if _translated_language(get_language()):
            return strip_tags(self.get_description())
        return super().get_meta_description()


class ProductClass(AbstractProductClass):
    """Oscar's product class (our product kinds, catalogue/kinds.py) with its
    name in English and Russian besides the original (Azerbaijani) one.
    Templates print `product_class.get_name`; `str()` follows the active
    language."""

    name_en = models.CharField(_("name (English)"), max_length=128, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=128, blank=True)

    def name_in(self, language_code: str | None) -> str:
        """The name in a language, else the original."""
        return _in_language(self, "name", language_code)

    def get_name(self) -> str:
        """The name in the active language."""
        return self.name_in(get_language())

    def __str__(self) -> str:
        return self.get_name() or self.slug


class Product(AbstractProduct):
    """Oscar's product plus the staff review of resident-made listings, and
    the title and description in English and Russian besides the original.

    Staff-made and demo products are live by default; the resident dashboard
    sets every new or edited listing to pending.
    """

    review_status = models.CharField(
        _("review status"),
        max_length=20,
        choices=ReviewStatus,
        default=ReviewStatus.LIVE,
        db_index=True,
    )
    review_reason = models.TextField(_("review reason"), blank=True)
    # The original `title` and `description` are in the resident's language
    # (Azerbaijani, usually); these are shown to English and Russian visitors.
    # Descriptions are sanitised on write like `description` (market/html.py).
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)

    class Meta(AbstractProduct.Meta):
        indexes = [
            # The product a row is shown as: a variant its parent, any other
            # itself. "Which products sell through these stock records"
            # (market.residents.selectors.sold_through) asks it, so that the
            # availability rule reads a few index entries per product.
            models.Index(Coalesce("parent", "id"), name="catalogue_product_shown_as"),
        ]

    def _own_text(self, field: str, language_code: str | None) -> str:
        language = _translated_language(language_code)
        text = getattr(self, f"{field}_{language}") if language else ""
        return text or getattr(self, field)

    def title_in(self, language_code: str | None) -> str:
        """The title in a language, else the original; a variant with no title
        of its own has its parent's."""
        title = self._own_text("title", language_code)
        if not title and self.parent_id:
            return self.parent.title_in(language_code)
        return title

    def description_in(self, language_code: str | None) -> str:
        """The (sanitised HTML) description in a language, else the original;
        a variant with no description of its own has its parent's."""
        description = self._own_text("description", language_code)
        if not description and self.parent_id:
            return self.parent.description_in(language_code)
        return description

    def __str__(self) -> str:
        # Oscar's basket lines describe themselves by str(product): in the
        # active language, like everything a visitor reads.
        return self.get_title() or self.upc or ""

    def get_title(self):
        """The title in the active language (Oscar's templates call this)."""
        return self.title_in(get_language())

    get_title.short_description = AbstractProduct.get_title.short_description

    def get_description(self) -> str:
        """The description in the active language, as stored (sanitised HTML)."""
        return self.description_in(get_language())

    @property
    def description_html(self) -> str:
        """The description in the active language, safe to render: what a
        resident writes is sanitised when saved (market/html.py)."""
        return mark_safe(self.get_description())  # noqa: S308 (sanitised on write)

    def get_meta_description(self):
        meta_description = self.meta_description
        if not meta_description and self.is_child:
            meta_description = self.parent.meta_description
        return meta_description or strip_tags(self.get_description())

    get_meta_description.short_description = (
        AbstractProduct.get_meta_description.short_description
    )

    def is_review_permitted(self, user) -> bool:
        """Always no. Oscar's answer (any signed-in user, once) is not ours:
        the rule is `market.reviews.selectors.review_refusal` (a buyer of an
        unrefunded line, of a product on sale), asked by the review views and
        templates that replace Oscar's. An Oscar template that still asks here
        shows no invitation rather than a wrong one."""
        return False

    def save(self, *args, **kwargs):
        # The slug comes from the original title, whatever the active language.
        if not self.slug:
            self.slug = slugify(self.title_in(None))
        super().save(*args, **kwargs)


def _digital_file_path(instance: "DigitalFile", filename: str) -> str:
    # The stored name is random; the uploaded name is kept only as data.
    return f"digital/{uuid.uuid4().hex}{instance.extension}"


class DigitalFile(models.Model):
    """A file a buyer of a digital product downloads after paying."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="digital_files"
    )
    file = models.FileField(
        _("file"),
        storage=PrivateStorage(),
        upload_to=_digital_file_path,
        max_length=255,
    )
    original_name = models.CharField(_("original name"), max_length=255)
    extension = models.CharField(_("extension"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("digital file")
        verbose_name_plural = _("digital files")

    def __str__(self) -> str:
        return self.original_name


class StockHold(models.Model):
    """Units of a stock record held for someone who is paying for them (a
    checkout between "Pay" and the placed order).

    A hold counts against what others can take only until `reserved_until`:
    every availability query counts the holds that have not run out, so a
    hold nobody releases stops holding by itself (nothing waits for a cron
    job). Placing the order turns the hold into an allocation of the stock
    record (`catalogue.stock.stock_take`). `key` names the holder (for
    example "checkout:42"): one hold per holder and stock record."""

    stockrecord = models.ForeignKey(
        "partner.StockRecord", on_delete=models.CASCADE, related_name="holds"
    )
    key = models.CharField(_("holder"), max_length=64)
    quantity = models.PositiveIntegerField(_("quantity"))
    reserved_until = models.DateTimeField(_("held until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stock hold")
        verbose_name_plural = _("stock holds")
        constraints = [
            models.UniqueConstraint(
                fields=["stockrecord", "key"], name="stock_hold_one_per_holder"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="stock_hold_quantity_positive"
            ),
        ]
        indexes = [
            models.Index(
                fields=["stockrecord", "reserved_until"],
                name="stock_hold_active",
            ),
            models.Index(fields=["key"], name="stock_hold_holder"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.quantity} of {self.stockrecord_id}"


from oscar.apps.catalogue.models import *  # noqa: E402
