"""StreamField blocks of the two sites' pages: content (rich text, image,
quote, video, call to action) and blocks that pull live data from the shop
and Kreativ Edu (products, residents, courses, events)."""

import json
import re
from urllib.parse import parse_qs, urlparse

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from catalogue import card_cache
from catalogue.models import Category, ProductCategory
from catalogue.selectors import with_card_data
from market.residents.selectors import (
    public_products,
    public_residents,
    resident_products,
)

from .choosers import ProductChooserBlock, ResidentChooserBlock

PRODUCT_KIND_CHOICES = [
    ("", _("All kinds")),
    ("physical", _("Physical goods")),
    ("digital", _("Digital files")),
    ("service", _("Services")),
    ("course", _("Courses")),
]


def category_choices():
    """Every category by its full name ("Crafts > Carpets"), read in one
    query: Oscar's `full_name` costs a query per category, and a page's
    blocks may ask for the choices on each render (issue 16)."""
    separator = Category._full_name_separator
    full_names: dict[str, str] = {}
    choices = [("", _("Any category"))]
    for category in Category.objects.order_by("path").only("pk", "path", "name"):
        parent = full_names.get(category.path[: -Category.steplen])
        full_names[category.path] = (
            f"{parent}{separator}{category.name}" if parent else category.name
        )
        choices.append((str(category.pk), full_names[category.path]))
    return choices


class CategoryChoiceBlock(blocks.ChoiceBlock):
    """A category, stored as its id. Wagtail's ChoiceBlock reads every choice
    to load a stored value (`normalize_choice`), which made each page view
    read the whole category tree; the id is kept as stored instead, and an id
    of a deleted category shows the newest products of none (the carousel
    checks it exists)."""

    def normalize_choice(self, value):
        return None if value is None else str(value)


class KeptForEveryone:
    """A block of live data (products, residents, courses, events), rendered
    at most once a minute for everyone who sees it with the same site,
    language, currency and destination: kept like product cards
    (catalogue/card_cache.py: under the page cache's generation, which any
    change to what pages show moves on, for MARKET_PAGE_CACHE_SECONDS, with
    each visitor's own CSRF token filled in), under the page and the block's
    value. Nothing in these blocks names the visitor. Previews of drafts are
    always rendered."""

    def render(self, value, context=None):
        request = (context or {}).get("request")
        if request is None or getattr(request, "is_preview", False):
            return super().render(value, context)
        page = (context or {}).get("page")
        key = card_cache.fragment_key(
            request,
            "block",
            type(self).__name__,
            getattr(page, "pk", ""),
            json.dumps(self.get_prep_value(value), sort_keys=True, default=str),
        )
        if key is None:
            return super().render(value, context)
        kept = cache.get(key)
        if kept is not None:
            return mark_safe(card_cache.shown(context, kept))  # noqa: S308 (ours)
        html = super().render(value, context)
        card_cache.keep(context, key, html)
        return html


class HeroBlock(blocks.StructBlock):
    """A headline with a short text and one call to action."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_text = blocks.CharBlock(label=_("Button text"), required=False)
    button_link = blocks.CharBlock(
        label=_("Button link"), required=False, help_text=_("A path such as /shop/")
    )

    class Meta:
        template = "cms/blocks/hero.html"
        icon = "title"
        label = _("Hero")


class ProductListBlock(KeptForEveryone, blocks.StructBlock):
    """The newest public products, optionally of one kind."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    kind = blocks.ChoiceBlock(
        label=_("Product kind"), choices=PRODUCT_KIND_CHOICES, required=False
    )
    count = blocks.IntegerBlock(
        label=_("How many"), min_value=1, max_value=24, default=8
    )

    class Meta:
        template = "cms/blocks/product_list.html"
        icon = "list-ul"
        label = _("Product list")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        products = with_card_data(public_products())
        if value["kind"]:
            products = products.filter(product_class__slug=value["kind"])
        context["products"] = products.order_by("-date_created", "-pk")[
            : value["count"]
        ]
        return context


class ResidentListBlock(KeptForEveryone, blocks.StructBlock):
    """A row of approved residents, linking to their shops."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(
        label=_("How many"), min_value=1, max_value=24, default=8
    )

    class Meta:
        template = "cms/blocks/resident_list.html"
        icon = "group"
        label = _("Resident list")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["residents"] = public_residents()[: value["count"]]
        return context


class ProductCarouselBlock(KeptForEveryone, blocks.StructBlock):
    """Products chosen by the editor, or else the newest of a category. A
    product that is no longer on sale drops out by itself."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    products = blocks.ListBlock(
        ProductChooserBlock(),
        label=_("Products"),
        required=False,
        help_text=_("Leave empty to show the newest products of the category."),
    )
    category = CategoryChoiceBlock(
        label=_("Category"), choices=category_choices, required=False
    )
    count = blocks.IntegerBlock(
        label=_("How many"), min_value=1, max_value=24, default=8
    )

    class Meta:
        template = "cms/blocks/product_carousel.html"
        icon = "tag"
        label = _("Product carousel")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        on_sale = with_card_data(public_products())
        chosen = [product.pk for product in value["products"] if product]
        if chosen:
            by_pk = {product.pk: product for product in on_sale.filter(pk__in=chosen)}
            products = [by_pk[pk] for pk in chosen if pk in by_pk][: value["count"]]
        else:
            if value["category"]:
                category = Category.objects.filter(pk=value["category"]).first()
                if category is not None:
                    # EXISTS, not a join and DISTINCT over every card column.
                    in_tree = ProductCategory.objects.filter(
                        product=OuterRef("pk"),
                        category__path__startswith=category.path,
                    )
                    on_sale = on_sale.filter(Exists(in_tree))
            products = list(on_sale.order_by("-date_created", "-pk")[: value["count"]])
        context["products"] = products
        return context


class ResidentSpotlightBlock(KeptForEveryone, blocks.StructBlock):
    """One resident, with a few words from the editor and their newest
    products."""

    resident = ResidentChooserBlock(label=_("Resident"))
    text = blocks.TextBlock(label=_("Why this resident"), required=False)
    product_count = blocks.IntegerBlock(
        label=_("Products to show"), min_value=0, max_value=8, default=3
    )

    class Meta:
        template = "cms/blocks/resident_spotlight.html"
        icon = "user"
        label = _("Resident spotlight")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        resident = value["resident"]
        open_shop = (
            resident is not None and public_residents().filter(pk=resident.pk).exists()
        )
        context["resident"] = resident if open_shop else None
        # resident_products also finds products sold through variants (their
        # stock records are the children's), once each.
        context["products"] = (
            list(resident_products(resident)[: value["product_count"]])
            if open_shop and value["product_count"]
            else []
        )
        return context


class CourseListBlock(KeptForEveryone, blocks.StructBlock):
    """Upcoming Kreativ Edu courses with their seats left."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(
        label=_("How many"), min_value=1, max_value=24, default=6
    )
    free_only = blocks.BooleanBlock(label=_("Free courses only"), required=False)

    class Meta:
        template = "cms/blocks/course_list.html"
        icon = "doc-full"
        label = _("Course list")

    def get_context(self, value, parent_context=None):
        from .selectors import upcoming_courses

        context = super().get_context(value, parent_context=parent_context)
        context["courses"] = upcoming_courses(
            count=value["count"], free_only=value["free_only"]
        )
        return context


class EventListBlock(KeptForEveryone, blocks.StructBlock):
    """Upcoming talks and workshops, in the page's language."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    series = blocks.ChoiceBlock(
        label=_("Series"),
        choices=[
            ("", _("All events")),
            ("creative-talks", "Creative Talks"),
            ("ai4art", "Ai4Art"),
            ("workshop", _("Workshops")),
        ],
        required=False,
    )
    count = blocks.IntegerBlock(
        label=_("How many"), min_value=1, max_value=24, default=4
    )

    class Meta:
        template = "cms/blocks/event_list.html"
        icon = "date"
        label = _("Event list")

    def get_context(self, value, parent_context=None):
        from .selectors import upcoming_events

        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        # The events of this page's site (its home in this language), not
        # the other site's.
        home = (
            page.get_ancestors(inclusive=True).filter(depth=2).first()
            if getattr(page, "pk", None) and getattr(page, "depth", 0) >= 2
            else None
        )
        context["events"] = upcoming_events(
            within=home,
            locale=getattr(page, "locale", None),
            series=value["series"],
            count=value["count"],
        )
        return context


def link_is_safe(link: str) -> bool:
    """A path on this site ("/shop/", not "//elsewhere") or a web or e-mail
    address."""
    link = link.strip()
    if link.startswith("/"):
        return not link.startswith("//")
    return urlparse(link).scheme.lower() in {"http", "https", "mailto"}


class CallToActionBlock(blocks.StructBlock):
    """A short pitch and one button, to a page of the site or an address."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    link = blocks.CharBlock(
        label=_("Or a link"),
        required=False,
        help_text=_("A path such as /shop/ or a full address"),
    )

    class Meta:
        template = "cms/blocks/call_to_action.html"
        icon = "pick"
        label = _("Call to action")

    def clean(self, value):
        value = super().clean(value)
        if bool(value["page"]) == bool(value["link"]):
            raise StructBlockValidationError(
                block_errors={
                    "link": ValidationError(_("Choose a page or give a link (one).")),
                }
            )
        if value["link"] and not link_is_safe(value["link"]):
            # Anything else (javascript:, data:) would run in visitors' browsers.
            raise StructBlockValidationError(
                block_errors={
                    "link": ValidationError(
                        _(
                            "Give a path such as /shop/ or an address starting "
                            "with https://, http:// or mailto:."
                        )
                    ),
                }
            )
        return value


class ImageBlock(blocks.StructBlock):
    """An image with its text alternative (required) and a caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        template = "cms/blocks/image.html"
        icon = "image"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    """Words of a resident, a learner or a partner, and who said them."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)

    class Meta:
        template = "cms/blocks/quote.html"
        icon = "openquote"
        label = _("Quote")


YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def video_embed_url(url: str) -> str | None:
    """The player address of a YouTube or Vimeo link, worked out from the
    link itself (nothing is fetched); None for other sites."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video = None
    if host == "youtu.be":
        video = parsed.path.strip("/")
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video = (parse_qs(parsed.query).get("v") or [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video = parsed.path.split("/")[2]
    if video is not None:
        return (
            f"https://www.youtube-nocookie.com/embed/{video}"
            if YOUTUBE_ID.match(video)
            else None
        )
    if host in {"vimeo.com", "player.vimeo.com"}:
        # vimeo.com/123, vimeo.com/channels/x/123, player.vimeo.com/video/123;
        # an unlisted video carries its key after the number (vimeo.com/123/abc)
        # or in ?h=.
        parts = [part for part in parsed.path.split("/") if part]
        numbers = [i for i, part in enumerate(parts) if part.isdigit()]
        if numbers:
            number = parts[numbers[0]]
            following = parts[numbers[0] + 1 : numbers[0] + 2]
            key = (parse_qs(parsed.query).get("h") or following or [""])[0]
            if key.isalnum():
                return f"https://player.vimeo.com/video/{number}?h={key}"
            return f"https://player.vimeo.com/video/{number}"
    return None


class VideoBlock(blocks.StructBlock):
    """A video kept as its link. YouTube and Vimeo links play in the page (the
    player address is worked out from the link); others show as a link."""

    url = blocks.URLBlock(label=_("Video link"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, help_text=_("Read out by screen readers.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        template = "cms/blocks/video.html"
        icon = "media"
        label = _("Video")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context


class BodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    rich_text = blocks.RichTextBlock(
        label=_("Rich text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    product_carousel = ProductCarouselBlock()
    product_list = ProductListBlock()
    resident_spotlight = ResidentSpotlightBlock()
    resident_list = ResidentListBlock()
    course_list = CourseListBlock()
    event_list = EventListBlock()


class CohortBlock(blocks.StructBlock):
    """One intake of a programme."""

    year = blocks.IntegerBlock(label=_("Year"), min_value=2000, max_value=2100)
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    text = blocks.TextBlock(label=_("About this cohort"), required=False)

    class Meta:
        icon = "group"
        label = _("Cohort")
        template = "cms/blocks/cohort.html"
