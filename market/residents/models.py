from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from market.html import sanitise_html
from market.places import place_name

# Languages with their own bio and city fields; Azerbaijani (the default) and
# any other language show the original `bio` and `city`.
TRANSLATED_LANGUAGES = ("en", "ru")


def _translated_language(language_code: str | None) -> str | None:
    code = (language_code or "")[:2].lower()
    return code if code in TRANSLATED_LANGUAGES else None


def validate_links(value: str) -> None:
    """Every non-empty line is an http(s) address."""
    check = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        if line.strip():
            try:
                check(line.strip())
            except ValidationError as error:
                raise ValidationError(
                    _("Not a web address: %(line)s"), params={"line": line.strip()}
                ) from error


class Programme(models.TextChoices):
    """The Centre's incubation programme a resident came through."""

    MUSIC = "music", _("Music")
    GAMETECH = "gametech", _("Gametech")
    CULTECH = "cultech", _("Cultech")
    NONE = "none", _("No programme")


class ResidentStatus(models.TextChoices):
    """Where a resident stands with the Centre."""

    # Applied: asked to sell; no Partner yet, nothing of theirs is public.
    APPLIED = "applied", _("Applied")
    # Approved: has a Partner; the shop and its listings are public.
    APPROVED = "approved", _("Approved")
    # Rejected: staff said no, with a reason; the applicant may apply again.
    REJECTED = "rejected", _("Rejected")
    # Suspended: shop and listings hidden; nothing is deleted.
    SUSPENDED = "suspended", _("Suspended")


class Resident(models.Model):
    """A seller on Creative Market: one-to-one with an Oscar Partner.

    The Partner carries the marketplace plumbing (stock records, order lines,
    the users who may act for it); the Resident carries who they are.
    """

    # Created on approval; an application has none.
    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="resident",
        null=True,
        blank=True,
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="residencies",
        null=True,
        blank=True,
        verbose_name=_("applicant"),
    )
    display_name = models.CharField(_("display name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    programme = models.CharField(
        _("programme"), max_length=20, choices=Programme, default=Programme.NONE
    )
    startup_name = models.CharField(_("start-up name"), max_length=200, blank=True)
    cohort_year = models.PositiveSmallIntegerField(
        _("cohort year"), null=True, blank=True
    )
    city = models.CharField(_("city or region"), max_length=100, blank=True)
    # Blank: a known Azerbaijani place shows in its English or Russian
    # spelling (market/places.py), any other as written in `city`.
    city_en = models.CharField(
        _("city or region (English)"), max_length=100, blank=True
    )
    city_ru = models.CharField(
        _("city or region (Russian)"), max_length=100, blank=True
    )
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        help_text=_("For example: az, en, ru"),
    )
    # Sanitised on every save (market/html.py): render it through `bio_html`.
    bio = models.TextField(_("bio"), blank=True)
    # The bio for English and Russian visitors, sanitised the same way.
    bio_en = models.TextField(_("bio (English)"), blank=True)
    bio_ru = models.TextField(_("bio (Russian)"), blank=True)
    # The language the applicant used: the Centre writes to them in it.
    language = models.CharField(
        _("language for e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    website = models.URLField(_("website"), blank=True)
    links = models.TextField(
        _("other links"),
        blank=True,
        help_text=_("One address per line: Instagram, SoundCloud, Behance, itch.io..."),
        validators=[validate_links],
    )
    logo = models.ImageField(_("logo"), upload_to="residents/logos/", blank=True)
    banner = models.ImageField(_("banner"), upload_to="residents/banners/", blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ResidentStatus,
        default=ResidentStatus.APPLIED,
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        constraints = [
            # A Partner exists exactly once approved, and is kept on suspension.
            models.CheckConstraint(
                condition=models.Q(
                    partner__isnull=True, status__in=["applied", "rejected"]
                )
                | models.Q(partner__isnull=False, status__in=["approved", "suspended"]),
                name="resident_partner_exactly_when_approved",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.bio = sanitise_html(self.bio)
        self.bio_en = sanitise_html(self.bio_en)
        self.bio_ru = sanitise_html(self.bio_ru)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("residents:shop", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == ResidentStatus.APPROVED

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def bio_in(self, language_code: str | None) -> str:
        """The bio (sanitised HTML) in a language, else the original."""
        language = _translated_language(language_code)
        translated = getattr(self, f"bio_{language}") if language else ""
        return translated or self.bio

    def city_in(self, language_code: str | None) -> str:
        """The city in a language: the resident's own spelling, else the
        known name of an Azerbaijani place, else the original."""
        language = _translated_language(language_code)
        translated = getattr(self, f"city_{language}") if language else ""
        return translated or place_name(self.city, language_code)

    @property
    def bio_html(self) -> str:
        """The bio in the active language, safe to render: it was sanitised
        when saved."""
        return mark_safe(self.bio_in(get_language()))  # noqa: S308 (sanitised on write)

    @property
    def city_name(self) -> str:
        """The city in the active language."""
        return self.city_in(get_language())

    @property
    def language_names(self) -> str:
        """ "Azerbaijani, Russian" from `languages` ("az, ru"), named in the
        active language; a code Django does not know is shown as written."""
        names = []
        for code in self.languages.replace(";", ",").split(","):
            code = code.strip()
            if not code:
                continue
            try:
                names.append(str(get_language_info(code.lower())["name_translated"]))
            except KeyError:
                names.append(code)
        return ", ".join(names)


class LineFulfilment(models.Model):
    """A resident marked one order line of theirs shipped or fulfilled."""

    line = models.OneToOneField(
        "order.Line", on_delete=models.CASCADE, related_name="fulfilment"
    )
    tracking_reference = models.CharField(
        _("tracking reference"), max_length=100, blank=True
    )
    fulfilled_at = models.DateTimeField(_("fulfilled at"), auto_now_add=True)
    fulfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("order line fulfilment")
        verbose_name_plural = _("order line fulfilments")

    def __str__(self) -> str:
        return f"{self.line_id}: {self.tracking_reference}"
