from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from market.places import place_name

from ..blocks import BodyBlock
from .base import SitePage

SERIES_CHOICES = [
    ("creative-talks", "Creative Talks"),
    ("ai4art", "Ai4Art"),
    ("workshop", _("Workshop")),
    ("other", _("Other")),
]


class EventIndexPage(SitePage):
    """The talks and workshops of a site: upcoming first, then past ones."""

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.live().public().child_of(self)
        now = timezone.now()
        context["upcoming"] = events.filter(ends_at__gte=now).order_by("starts_at")
        context["past"] = events.filter(ends_at__lt=now).order_by("-starts_at")[:12]
        return context


class EventPage(SitePage):
    """A talk or workshop ("Creative Talks", "Ai4Art"): when and where, and a
    registration that counts seats, stops at capacity and keeps a waitlist.
    Registrations belong to the event, whichever language they came through
    (all translations share the seats)."""

    series = models.CharField(
        _("series"), max_length=30, choices=SERIES_CHOICES, default="creative-talks"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    online = models.BooleanField(_("online"), default=False)
    city = models.CharField(_("city or region"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        default=0,
        help_text=_("Seats to register for; 0: no registration (open entry)."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("series"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [FieldPanel("online"), FieldPanel("city"), FieldPanel("venue")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_open")],
            heading=_("Registration"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("body"),
        index.SearchField("city"),
        index.FilterField("starts_at"),
        index.FilterField("series"),
    ]
    api_fields = [
        *SitePage.api_fields,
        *(
            APIField(name)
            for name in (
                "series",
                "starts_at",
                "ends_at",
                "online",
                "city",
                "venue",
                "capacity",
                "registration_open",
            )
        ),
    ]

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]

    @property
    def place(self) -> str:
        if self.online:
            return str(_("Online"))
        city = place_name(self.city, get_language())
        return ", ".join(part for part in (self.venue, city) if part)

    def get_context(self, request, *args, **kwargs):
        from ..services.events import event_state

        context = super().get_context(request, *args, **kwargs)
        context["registration"] = event_state(self, request.user)
        return context


class RegistrationStatus(models.TextChoices):
    """A visitor's place at an event."""

    # Has a seat.
    REGISTERED = "registered", _("Registered")
    # The event was full; promoted in order when a seat frees.
    WAITING = "waiting", _("On the waitlist")
    # Gave the seat (or the place on the waitlist) back.
    CANCELLED = "cancelled", _("Cancelled")


class EventRegistration(models.Model):
    """A signed-in visitor's registration for an event. `event` is the
    event's page in its original language, so all translations share the
    seats."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices
    )
    language = models.CharField(max_length=10, default="az")
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Marked by staff at the door (cms/admin_events.py); only a registered
    # person can have attended.
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["registered", "waiting"]),
                name="event_registration_one_open_per_user",
            ),
            models.CheckConstraint(
                condition=Q(attended_at__isnull=True) | Q(status="registered"),
                name="event_registration_attended_only_registered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.user} ({self.status})"
