"""Keep the search index in step with the catalogue.

Signals are the right seam here: the catalogue must not know about search.
Each receiver only queues product ids in the indexing outbox, inside the
writer's transaction (search/indexing.py).
"""

from django.db.models.signals import post_delete, post_save
from oscar.apps.partner.models import StockRecord

from catalogue.models import Category, Product, ProductAttributeValue, ProductCategory
from catalogue.signals import stock_changed
from market.export.models import ListingShipping, ShippingProfile
from market.residents.models import Resident

from .indexing import products_queue


def _product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        products_queue([instance.parent_id or instance.pk])


def _of_product(sender, instance, raw=False, **kwargs):
    if not raw:
        products_queue([instance.product_id])


def _resident_changed(sender, instance, raw=False, **kwargs):
    if raw or instance.partner_id is None:
        return
    products_queue(
        Product.objects.filter(stockrecords__partner_id=instance.partner_id)
        .values_list("pk", flat=True)
        .distinct()
    )


def _shipping_profile_changed(sender, instance, raw=False, **kwargs):
    # Every change to a profile's zones and carriers saves the profile.
    if not raw:
        products_queue(instance.listings.values_list("product_id", flat=True))


def _category_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    subtree = instance.get_descendants_and_self()
    products_queue(
        ProductCategory.objects.filter(category__in=subtree).values_list(
            "product_id", flat=True
        )
    )


def _stock_changed(sender, product_ids, **kwargs):
    products_queue(product_ids)


def connect() -> None:
    for model, receiver, name in [
        (Product, _product_changed, "product"),
        (StockRecord, _of_product, "stockrecord"),
        (ProductAttributeValue, _of_product, "attribute"),
        (ProductCategory, _of_product, "productcategory"),
        (ListingShipping, _of_product, "listingshipping"),
    ]:
        post_save.connect(receiver, sender=model, dispatch_uid=f"search-{name}")
        post_delete.connect(
            receiver, sender=model, dispatch_uid=f"search-{name}-delete"
        )
    post_save.connect(
        _resident_changed, sender=Resident, dispatch_uid="search-resident"
    )
    post_save.connect(
        _category_changed, sender=Category, dispatch_uid="search-category"
    )
    post_save.connect(
        _shipping_profile_changed,
        sender=ShippingProfile,
        dispatch_uid="search-shipping-profile",
    )
    stock_changed.connect(_stock_changed, dispatch_uid="search-stock-changed")
