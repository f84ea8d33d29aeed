"""The demo's own builders of accounts, residents and listings.

Production code never imports the tests (tests/factories stay in tests/):
the demo makes accounts through the user manager, residents through the
staff's approval service (which gives each its Oscar partner), and listings
as staff-made products (live at once, see catalogue.models.Product), with the
rows a resident's listing has: kind, attributes, categories, and a stock
record in AZN per product or licence tier.
"""

from decimal import Decimal

from oscar.apps.partner.models import StockRecord

from catalogue.models import AttributeOption, Category, Product, ProductClass
from market.accounts.models import User
from market.residents.models import Resident, ResidentStatus
from market.residents.services import resident_approve


def demo_user(
    *,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    staff: bool = False,
) -> User:
    """The account of `email`, created with `password` if it does not exist
    (staff accounts are superusers: the Wagtail admin and Oscar's dashboard)."""
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    create = User.objects.create_superuser if staff else User.objects.create_user
    return create(
        email=email, password=password, first_name=first_name, last_name=last_name
    )


def demo_resident(*, owner: User, staff_user: User, **profile) -> Resident:
    """An approved resident owned by `owner`: it applies, then staff approve
    it, which creates its partner and lets the owner act for it."""
    resident = Resident.objects.create(
        applicant=owner, status=ResidentStatus.APPLIED, **profile
    )
    return resident_approve(resident=resident, staff_user=staff_user)


def _stock_record(
    product: Product, resident: Resident, price: Decimal, num_in_stock: int | None
) -> None:
    StockRecord.objects.create(
        product=product,
        partner=resident.partner,
        partner_sku=product.upc,
        price=price,
        price_currency="AZN",
        num_in_stock=num_in_stock,
    )


def _set_attributes(product: Product, attributes: dict) -> None:
    for code, value in attributes.items():
        setattr(product.attr, code, value)
    product.attr.save()


def demo_listing(
    *,
    resident: Resident,
    kind: str,
    upc: str,
    texts: dict,
    category: Category,
    attributes: dict,
    price: Decimal | None = None,
    num_in_stock: int | None = None,
) -> Product:
    """A live product of one kind. With a price it is sold as it is (one
    stock record); without, it is a parent sold through its variants."""
    product = Product.objects.create(
        structure=Product.STANDALONE if price is not None else Product.PARENT,
        product_class=ProductClass.objects.get(slug=kind),
        upc=upc,
        is_public=True,
        **texts,
    )
    _set_attributes(product, attributes)
    product.categories.add(category)
    if price is not None:
        _stock_record(product, resident, price, num_in_stock)
    return product


def demo_licence(
    *,
    parent: Product,
    resident: Resident,
    upc: str,
    titles: dict,
    price: Decimal,
    licence: str,
) -> Product:
    """One licence tier of a digital product: a variant with its own price,
    not stocked."""
    variant = Product.objects.create(
        parent=parent, structure=Product.CHILD, upc=upc, is_public=True, **titles
    )
    _set_attributes(variant, {"licence": AttributeOption.objects.get(code=licence)})
    _stock_record(variant, resident, price, None)
    return variant
