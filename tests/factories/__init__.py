"""Factories shared by the tests and the demo builders (market/demo).

Oscar models reuse `oscar.test.factories`; product kinds come from the
ProductClasses created by catalogue migration 0033.
"""

from decimal import Decimal

import factory
from oscar.test.factories import CategoryFactory, PartnerFactory, StockRecordFactory

from catalogue.kinds import COURSE, PHYSICAL
from catalogue.models import AttributeOption, Product, ProductClass
from market.accounts.models import User
from market.residents.models import Programme, Resident, ResidentStatus

__all__ = [
    "CategoryFactory",
    "ProductFactory",
    "ResidentFactory",
    "UserFactory",
    "ParentProductFactory",
    "VariantFactory",
    "licence_option",
]

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"user{n}@example.az")
    first_name = "Aysel"
    last_name = factory.Sequence(lambda n: f"Məmmədova {n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])


class ResidentFactory(factory.django.DjangoModelFactory):
    display_name = factory.Sequence(lambda n: f"Studio {n}")
    slug = factory.Sequence(lambda n: f"studio-{n}")

    class Params:
        # Only an approved or suspended resident has a Partner.
        has_partner = factory.LazyAttribute(
            lambda o: o.status in (ResidentStatus.APPROVED, ResidentStatus.SUSPENDED)
        )

    partner = factory.Maybe(
        "has_partner",
        yes_declaration=factory.SubFactory(
            PartnerFactory,
            name=factory.SelfAttribute("..display_name"),
            code=factory.SelfAttribute("..slug"),
        ),
        no_declaration=None,
    )
    programme = Programme.MUSIC
    startup_name = factory.SelfAttribute("display_name")
    cohort_year = 2025
    city = "Bakı"
    status = ResidentStatus.APPROVED

    class Meta:
        model = Resident


def _stockrecord(num_in_stock) -> factory.RelatedFactory:
    """The stock record of a product: its resident's partner, priced in AZN."""
    return factory.RelatedFactory(
        StockRecordFactory,
        factory_related_name="product",
        partner=factory.SelfAttribute("..resident.partner"),
        partner_sku=factory.SelfAttribute("..upc"),
        price=factory.SelfAttribute("..price"),
        price_currency="AZN",
        num_in_stock=num_in_stock,
    )


class _ProductFactory(factory.django.DjangoModelFactory):
    class Params:
        resident = factory.SubFactory(ResidentFactory)
        kind = PHYSICAL
        price = Decimal("25.00")
        num_in_stock = 10

    structure = Product.STANDALONE
    title = factory.Sequence(lambda n: f"Product {n}")
    upc = factory.Sequence(lambda n: f"TEST-{n:05d}")
    is_public = True
    product_class = factory.LazyAttribute(
        lambda o: ProductClass.objects.get(slug=o.kind)
    )

    class Meta:
        model = Product
        skip_postgeneration_save = True

    @factory.post_generation
    def attributes(self, create, extracted, **kwargs):
        """`attributes={"hs_code": "5701.10", ...}` sets the kind's attributes."""
        values = dict(extracted or {}) | kwargs
        if not create or not values:
            return
        for code, value in values.items():
            setattr(self.attr, code, value)
        self.attr.save()

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            for category in extracted:
                self.categories.add(category)


class ProductFactory(_ProductFactory):
    """A standalone product of one kind, sold by one resident in AZN."""

    stockrecord = _stockrecord(num_in_stock=factory.SelfAttribute("..num_in_stock"))


class ParentProductFactory(_ProductFactory):
    """A product sold through variants (for example licence tiers)."""

    structure = Product.PARENT


class VariantFactory(factory.django.DjangoModelFactory):
    """A child product (variant) of a parent, with its own price."""

    class Params:
        resident = factory.SubFactory(ResidentFactory)
        price = Decimal("25.00")

    parent = factory.SubFactory(
        ParentProductFactory, resident=factory.SelfAttribute("..resident")
    )
    structure = Product.CHILD
    title = factory.Sequence(lambda n: f"Variant {n}")
    upc = factory.Sequence(lambda n: f"TEST-V-{n:05d}")
    is_public = True
    product_class = None
    stockrecord = _stockrecord(num_in_stock=None)  # licences are not stocked
    attributes = _ProductFactory.attributes

    class Meta:
        model = Product
        skip_postgeneration_save = True


def licence_option(code: str) -> AttributeOption:
    """The AttributeOption of a licence tier (personal, commercial, extended)."""
    return AttributeOption.objects.get(code=code)


def course_product(
    *,
    resident,
    title: str = "Musiqi istehsalı",
    price: Decimal = Decimal("0.00"),
    capacity: int = 10,
    sessions: list | None = None,
    **course_fields,
):
    """A course product with its Kreativ Edu row: `capacity` seats (its stock
    record), `sessions` as (starts_at, ends_at) pairs, and any Course fields
    (online, city, enrolment_opens_at, completion_percent, ...)."""
    from market.learning.models import Course, CourseSession

    product = ProductFactory(
        resident=resident,
        kind=COURSE,
        title=title,
        price=price,
        num_in_stock=capacity,
        attributes={"capacity": capacity, "language": "az"},
    )
    course, _created = Course.objects.get_or_create(product=product)
    for name, value in course_fields.items():
        setattr(course, name, value)
    course.save()
    for starts_at, ends_at in sessions or []:
        CourseSession.objects.create(
            course=course, starts_at=starts_at, ends_at=ends_at
        )
    return product
