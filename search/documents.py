"""What of a product is searchable: one document per public product, built
once in Python and handed to every backend (database and Elasticsearch), so
both index exactly the same fields.

A document is a plain dict:

- `id`; `title` and `description`: {"az", "en", "ru"} texts as written (az is
  the resident's original; en/ru may be empty);
- `keywords`: other searchable text (code, kind, categories, variant titles,
  resident names, materials);
- facet values (lists of strings): `kind`, `category` (with every ancestor, so
  a category page is a filter on its own id), `programme`, `resident` (partner
  ids), `ships_to` (the country codes of the shipping profile of a physical
  good; nothing for one without a profile and for products that are not
  shipped; SHIPS_ANYWHERE is the backends' marker, which no document sets
  today), `language`, `level`, `region`, `in_stock`;
- `price`: the lowest price in AZN (Decimal, or None), `date_created`, and
  `title_sort` (the folded original title).
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.html import strip_tags
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE, PHYSICAL
from catalogue.models import Category, Product
from catalogue.stock import units_free, with_units_held
from market.export.pricing import listing_profile, profile_countries
from market.residents.models import Programme, ResidentStatus
from market.residents.selectors import listing_refusal

from .backends.base import IN_STOCK
from .normalise import normalise

LANGUAGES = ("az", "en", "ru")


def documents_queryset() -> QuerySet:
    """Parents and standalone products with everything a document reads."""
    return (
        Product.objects.filter(parent__isnull=True)
        .select_related("product_class", "course")
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.only("pk")),
            "attribute_values__attribute",
            Prefetch("stockrecords", queryset=_records()),
            "children",
            Prefetch("children__stockrecords", queryset=_records()),
            "shipping__profile__zones",
        )
    )


def _records() -> QuerySet:
    # Live checkout holds counted in the same query (in_stock).
    return with_units_held(StockRecord.objects.select_related("partner__resident"))


class _Categories:
    """Category names and ancestors, read once per batch (the tree is small)."""

    def __init__(self):
        rows = Category.objects.values_list("pk", "path", "name", "name_en", "name_ru")
        # A category is found by its name in any of the three languages.
        self.by_path = {path: (pk, _names(*names)) for pk, path, *names in rows}
        self.path_of = {pk: path for pk, path, *_names in rows}
        self.steplen = Category.steplen

    def ancestors_and_self(self, category_id: int) -> list[tuple[int, str]]:
        path = self.path_of.get(category_id, "")
        found = []
        for end in range(self.steplen, len(path) + 1, self.steplen):
            if path[:end] in self.by_path:
                found.append(self.by_path[path[:end]])
        return found


def _names(*names: str) -> str:
    """Names in the three languages, each once: "Keramika Ceramics Керамика"."""
    return " ".join(dict.fromkeys(name for name in names if name))


def _text(value) -> str:
    return strip_tags(value or "").strip()


def _in_language(product: Product, field: str, language: str) -> str:
    if language == "az":
        return _text(getattr(product, field))
    return _text(getattr(product, f"{field}_{language}", ""))


def _attribute_texts(product: Product) -> dict[str, str]:
    values = {}
    for value in product.attribute_values.all():
        raw = value.value
        values[value.attribute.code] = "" if raw is None else str(raw)
    return values


def _available(record) -> bool:
    if record.num_in_stock is None:
        return True
    return units_free(record) > 0


def product_document(product: Product, categories: _Categories | None = None):
    """The document of `product`, or None when the public must not see it.

    Suspension of a resident is also applied at query time by every backend
    (base.partner_ids_hidden), so it takes effect before re-indexing.
    """
    # The one rule "may this be sold now" (market.residents.selectors).
    if product.parent_id is not None or listing_refusal(product) is not None:
        return None
    records = list(product.stockrecords.all())
    for child in product.children.all():
        records.extend(child.stockrecords.all())
    on_sale = [
        record
        for record in records
        if getattr(record.partner, "resident", None) is not None
        and record.partner.resident.status == ResidentStatus.APPROVED
    ]
    if not on_sale:
        return None
    categories = categories or _Categories()
    kind = product.product_class.slug if product.product_class else ""
    track_stock = product.product_class.track_stock if product.product_class else True
    attributes = _attribute_texts(product)
    residents = {record.partner.resident for record in on_sale}

    category_values, category_names = set(), []
    for category in product.categories.all():
        for pk, name in categories.ancestors_and_self(category.pk):
            category_values.add(str(pk))
            category_names.append(name)

    product_class = product.product_class
    kind_names = (
        _names(product_class.name, product_class.name_en, product_class.name_ru)
        if kind
        else ""
    )
    keywords = [product.upc or "", kind_names]
    keywords.extend(category_names)
    keywords.extend(child.title for child in product.children.all())
    keywords.append(attributes.get("materials", ""))
    for resident in sorted(residents, key=lambda resident: resident.pk):
        keywords.extend([resident.display_name, resident.startup_name])

    # A physical good ships where its shipping profile's zones reach; with no
    # profile, nowhere. Other kinds are not shipped: no country at all.
    ships_to: list[str] = []
    if kind == PHYSICAL:
        ships_to = sorted(profile_countries(listing_profile(product)))

    def course_value(code: str) -> list[str]:
        value = attributes.get(code, "").strip() if kind == COURSE else ""
        return [value[:100]] if value else []

    in_stock = not track_stock or any(_available(record) for record in on_sale)
    price = min(
        (record.price for record in on_sale if record.price is not None), default=None
    )
    return {
        "id": product.pk,
        "title": {
            language: _in_language(product, "title", language) for language in LANGUAGES
        },
        "description": {
            language: _in_language(product, "description", language)
            for language in LANGUAGES
        },
        "keywords": " ".join(dict.fromkeys(part for part in keywords if part)),
        "kind": [kind] if kind else [],
        "category": sorted(category_values, key=int),
        "programme": sorted(
            {
                resident.programme
                for resident in residents
                if resident.programme != Programme.NONE
            }
        ),
        "resident": sorted({str(record.partner_id) for record in on_sale}, key=int),
        "ships_to": ships_to,
        "language": course_value("language"),
        "level": course_value("level"),
        "region": course_value("region"),
        "in_stock": [IN_STOCK] if in_stock else [],
        "price": Decimal(price) if price is not None else None,
        "date_created": product.date_created,
        "title_sort": normalise(product.title)[:255],
    }


def documents_for(product_ids: Iterable[int]) -> tuple[list[dict], set[int]]:
    """Documents of these products (a variant stands for its parent), and the
    ids whose documents must go (deleted, hidden, unreviewed)."""
    ids = set(product_ids)
    parents = Product.objects.filter(pk__in=ids, parent__isnull=False).values_list(
        "parent_id", flat=True
    )
    ids.update(parents)
    categories = _Categories()
    documents = []
    for product in documents_queryset().filter(pk__in=ids):
        document = product_document(product, categories)
        if document is not None:
            documents.append(document)
    return documents, ids - {document["id"] for document in documents}


def all_documents(chunk_size: int = 500) -> Iterator[dict]:
    """Every public product's document, read in chunks."""
    categories = _Categories()
    for product in documents_queryset().order_by("pk").iterator(chunk_size=chunk_size):
        document = product_document(product, categories)
        if document is not None:
            yield document


def searchable_text(document: dict) -> tuple[str, str]:
    """The normalised (titles, other text) of a document, for full-text
    indexes that match folded words (the database backend)."""
    titles = " ".join(dict.fromkeys(filter(None, document["title"].values())))
    rest = " ".join(
        [*filter(None, document["description"].values()), document["keywords"]]
    )
    return normalise(titles), normalise(rest)
