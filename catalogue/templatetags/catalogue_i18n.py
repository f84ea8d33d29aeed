"""Catalogue data in the visitor's language, for templates:

    {% load catalogue_i18n %}
    {{ value.attribute|attribute_label }}  "Country of origin", "Страна происхождения"
    {{ "hs_code"|attribute_label }}        the same, by an attribute's code
    {{ line|line_title }}                  a basket or order line's product title
    {{ course_region|place }}              "Bakı" as "Baku", "Баку"

Categories and product kinds need no tag: `category.get_name`,
`category.full_name`, `product_class.get_name`.
"""

from django import template
from django.utils.translation import get_language

from catalogue.kinds import attribute_label as _attribute_label
from market.places import place_name

register = template.Library()


@register.filter
def attribute_label(attribute) -> str:
    """The label of a product attribute (or attribute code) in the active
    language."""
    return _attribute_label(attribute)


@register.filter
def place(name: str) -> str:
    """An Azerbaijani place name ("Bakı") in the active language's spelling
    ("Baku", "Баку"); other names as written."""
    return place_name(name, get_language())


@register.filter
def line_title(line) -> str:
    """A basket or order line's product title in the active language: the
    product's own title while the product exists, else the title the order
    recorded when it was placed."""
    product = getattr(line, "product", None)
    if product is not None:
        return product.title_in(get_language())
    return getattr(line, "title", "") or ""
