"""Checkout holds move from allocated units (StockRecord.num_allocated,
listed in CheckoutPayment.held) to StockHold rows that count until the
payment's `expires_at`: every unit a waiting checkout held is given back to
the stock record and held again as a StockHold."""

from django.db import migrations
from django.db.models import F


def holds_to_stock_holds(apps, schema_editor):
    CheckoutPayment = apps.get_model("checkout", "CheckoutPayment")
    StockRecord = apps.get_model("partner", "StockRecord")
    StockHold = apps.get_model("catalogue", "StockHold")
    for payment in CheckoutPayment.objects.filter(status="awaiting_payment"):
        for stockrecord_id, quantity in payment.held or []:
            StockRecord.objects.filter(
                pk=stockrecord_id, num_allocated__gte=quantity
            ).update(num_allocated=F("num_allocated") - quantity)
            StockHold.objects.update_or_create(
                stockrecord_id=stockrecord_id,
                key=f"checkout:{payment.pk}",
                defaults={"quantity": quantity, "reserved_until": payment.expires_at},
            )


def stock_holds_to_holds(apps, schema_editor):
    CheckoutPayment = apps.get_model("checkout", "CheckoutPayment")
    StockRecord = apps.get_model("partner", "StockRecord")
    StockHold = apps.get_model("catalogue", "StockHold")
    for hold in StockHold.objects.filter(key__startswith="checkout:"):
        payment = CheckoutPayment.objects.filter(pk=int(hold.key.split(":")[1])).first()
        if payment is None or payment.status != "awaiting_payment":
            continue
        payment.held = [*(payment.held or []), [hold.stockrecord_id, hold.quantity]]
        payment.save(update_fields=["held"])
        StockRecord.objects.filter(pk=hold.stockrecord_id).update(
            num_allocated=F("num_allocated") + hold.quantity
        )
    StockHold.objects.filter(key__startswith="checkout:").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("checkout", "0002_staff_alerts"),
        ("catalogue", "0036_stockhold"),
        ("partner", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(holds_to_stock_holds, stock_holds_to_holds),
        migrations.RemoveField(
            model_name="checkoutpayment",
            name="held",
        ),
    ]
