"""StreamField blocks of the two sites' pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from catalogue.selectors import with_card_data
from market.residents.selectors import public_products, public_residents

PRODUCT_KIND_CHOICES = [
    ("", _("All kinds")),
    ("physical", _("Physical goods")),
    ("digital", _("Digital files")),
    ("service", _("Services")),
    ("course", _("Courses")),
]


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


class ProductListBlock(blocks.StructBlock):
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


class ResidentListBlock(blocks.StructBlock):
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


class BodyBlock(blocks.StreamBlock):
    hero = HeroBlock()
    rich_text = blocks.RichTextBlock(
        label=_("Rich text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    product_list = ProductListBlock()
    resident_list = ResidentListBlock()
