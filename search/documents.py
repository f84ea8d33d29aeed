"""What of a product is searchable."""

from django.utils.html import strip_tags

from catalogue.models import Product

from .normalise import normalise


def document_text(product: Product) -> str:
    """The normalised text indexed for `product`."""
    parts = [product.title, product.upc or "", strip_tags(product.description or "")]
    parts.append(product.product_class.name if product.product_class else "")
    parts.extend(category.name for category in product.categories.all())
    partners = {record.partner for record in product.stockrecords.all()}
    for child in product.children.all():
        parts.append(child.title)
        partners.update(record.partner for record in child.stockrecords.all())
    for partner in partners:
        parts.append(partner.name)
        resident = getattr(partner, "resident", None)
        if resident is not None:
            parts.extend([resident.display_name, resident.startup_name])
    # Partner and resident names are often the same: index each text once.
    unique_parts = dict.fromkeys(part for part in parts if part)
    return normalise(" ".join(unique_parts))
