"""Seats freed elsewhere go to the waitlist: the checkout gives back an
unpaid hold, a resident raises a course's capacity. Connected in
LearningConfig.ready(); the offer is made after the change commits."""

from django.db import transaction
from django.db.models.signals import post_save
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE
from catalogue.models import Product
from catalogue.signals import stock_changed

from .models import Course, WaitlistEntry, WaitlistStatus


def _offer_after_commit(product_ids) -> None:
    waiting = set(
        WaitlistEntry.objects.filter(
            course_id__in=list(product_ids), status=WaitlistStatus.WAITING
        ).values_list("course_id", flat=True)
    )
    if not waiting:
        return
    from .services.waitlist import waitlist_offer_next

    for product_id in sorted(waiting):
        transaction.on_commit(
            lambda product_id=product_id: waitlist_offer_next(product_id=product_id)
        )


def _stock_changed(sender, product_ids, **kwargs):
    _offer_after_commit(product_ids)


def _stockrecord_saved(sender, instance, **kwargs):
    _offer_after_commit([instance.product_id])


def _product_saved(sender, instance, created, **kwargs):
    if instance.product_class_id and instance.product_class.slug == COURSE:
        Course.objects.get_or_create(product_id=instance.pk)


def connect() -> None:
    stock_changed.connect(_stock_changed, dispatch_uid="learning-stock-changed")
    post_save.connect(
        _stockrecord_saved, sender=StockRecord, dispatch_uid="learning-stockrecord"
    )
    post_save.connect(_product_saved, sender=Product, dispatch_uid="learning-product")
