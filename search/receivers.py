"""Keep the search index in step with the catalogue.

Signals are the right seam here: the catalogue must not know about search.
Indexing runs after the transaction commits, never inside a rolled-back one.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from oscar.apps.partner.models import StockRecord

from catalogue.models import Product
from market.residents.models import Resident

from .backends import get_backend


def _index_later(product_ids: set[int]) -> None:
    if product_ids:
        transaction.on_commit(partial(get_backend().index_products, product_ids))


def _product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _index_later({instance.pk})


def _stockrecord_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _index_later({instance.product_id})


def _resident_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    product_ids = set(
        Product.objects.filter(
            stockrecords__partner_id=instance.partner_id
        ).values_list("pk", flat=True)
    )
    _index_later(product_ids)


def connect() -> None:
    post_save.connect(_product_changed, sender=Product, dispatch_uid="search-product")
    post_delete.connect(
        _product_changed, sender=Product, dispatch_uid="search-product-delete"
    )
    post_save.connect(
        _stockrecord_changed, sender=StockRecord, dispatch_uid="search-stockrecord"
    )
    post_delete.connect(
        _stockrecord_changed, sender=StockRecord, dispatch_uid="search-stock-delete"
    )
    post_save.connect(
        _resident_changed, sender=Resident, dispatch_uid="search-resident"
    )
