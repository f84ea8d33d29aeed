"""Oscar's order and line statuses (OSCAR_ORDER_STATUS_PIPELINE, stored in
English) as people read them."""

from django.utils.translation import pgettext_lazy

STATUS_LABELS = {
    "Paid": pgettext_lazy("order status", "Paid"),
    "Packed": pgettext_lazy("order status", "Packed"),
    "Shipped": pgettext_lazy("order status", "Shipped"),
    "Delivered": pgettext_lazy("order status", "Delivered"),
    "Complete": pgettext_lazy("order status", "Complete"),
    "Cancelled": pgettext_lazy("order status", "Cancelled"),
    "Returned": pgettext_lazy("order status", "Returned"),
}
