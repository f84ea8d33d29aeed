from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from market.bookings.display import weekly_hours

# One list of studio kinds: the rooms' and the pages'.
from market.bookings.models import STUDIO_KINDS
from market.bookings.selectors import rooms_of_kind

from ..blocks import BodyBlock, ImageBlock
from ..choosers import ProductChooserBlock
from .base import SitePage


class StudioIndexPage(SitePage):
    """The Centre's studios, each with the services that can be booked."""

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StudioPage"]

    class Meta:
        verbose_name = _("studio index")
        verbose_name_plural = _("studio indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["studios"] = StudioPage.objects.live().public().child_of(self)
        return context


class StudioPage(SitePage):
    """One studio (photo and video, sound, animation, dance): what it has,
    its rooms of the page's kind, read live from market.bookings (capacity,
    equipment, prices, opening hours, a "Book" link to each room's week),
    and any studio services sold through the shop."""

    kind = models.CharField(_("kind of studio"), max_length=20, choices=STUDIO_KINDS)
    equipment = RichTextField(
        _("equipment"), blank=True, features=["bold", "italic", "ul", "link"]
    )
    gallery = StreamField(
        [("image", ImageBlock())], blank=True, verbose_name=_("gallery")
    )
    services = StreamField(
        [("service", ProductChooserBlock(label=_("Service")))],
        blank=True,
        verbose_name=_("services to book"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("equipment"),
        FieldPanel("gallery"),
        FieldPanel("services"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("equipment"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.StudioIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("studio page")
        verbose_name_plural = _("studio pages")

    def bookable_services(self):
        from market.residents.selectors import public_products

        chosen = [block.value.pk for block in self.services if block.value]
        on_sale = {p.pk: p for p in public_products().filter(pk__in=chosen)}
        return [on_sale[pk] for pk in chosen if pk in on_sale]

    def rooms(self):
        """The bookable rooms of this studio's kind, as the page shows them."""
        language = get_language()
        return [
            {
                "room": room,
                "name": room.name_in(language),
                "description": room.description_in(language),
                "equipment": room.equipment_in(language),
                "equipment_items": [
                    (item, item.name_in(language))
                    for item in room.equipment_items.all()
                    if item.is_active
                ],
                "hours": weekly_hours(room),
            }
            for room in rooms_of_kind(self.kind)
        ]
