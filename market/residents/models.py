from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    """The Centre's incubation programme a resident came through."""

    MUSIC = "music", _("Music")
    GAMETECH = "gametech", _("Gametech")
    CULTECH = "cultech", _("Cultech")
    NONE = "none", _("No programme")


class ResidentStatus(models.TextChoices):
    """Where a resident stands with the Centre."""

    # Applied: asked to sell; nothing of theirs is public yet.
    APPLIED = "applied", _("Applied")
    # Approved: the shop and its listings are public.
    APPROVED = "approved", _("Approved")
    # Suspended: shop and listings hidden; nothing is deleted.
    SUSPENDED = "suspended", _("Suspended")


class Resident(models.Model):
    """A seller on Creative Market: one-to-one with an Oscar Partner.

    The Partner carries the marketplace plumbing (stock records, order lines,
    the users who may act for it); the Resident carries who they are.
    """

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="resident"
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
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        help_text=_("For example: az, en, ru"),
    )
    bio = models.TextField(_("bio"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="residents/logos/", blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ResidentStatus,
        default=ResidentStatus.APPLIED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("residents:shop", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == ResidentStatus.APPROVED
