"""Oscar's dynamic class loader, with the few classes we replace without
forking their Oscar app (OSCAR_DYNAMIC_CLASS_LOADER).

CONVENTIONS.md forks only catalogue, checkout and search; Oscar's `partner`
app stays stock, but its strategy decides what may be bought on every Oscar
page and form (basket middleware, basket forms, checkout). Its Selector is
the one class we must own, so the loader hands out ours for it and Oscar's
default lookup for everything else (docs/adr/0010-one-availability-rule.md).
Oscar's review views are replaced the same way, so that the catalogue fork
knows nothing of orders and refunds (market/reviews).
The dashboard tables' base class is replaced the same way: one fix for every
table of Oscar's dashboard (market/dashboard_tables.py).
"""

from django.utils.module_loading import import_string
from oscar.core.loading import default_class_loader

OVERRIDES = {
    ("partner.strategy", "Selector"): "market.residents.strategy.Selector",
    # Reviews worth trusting (market/reviews): Oscar's review views, with the
    # one rule `review_refusal` at every door and voting off.
    **{
        ("catalogue.reviews.views", name): f"market.reviews.views.{name}"
        for name in (
            "CreateProductReview",
            "ProductReviewDetail",
            "ProductReviewList",
            "AddVoteView",
        )
    },
    # Accounts (market/accounts): registering, resetting a password and
    # changing the address never tell whether an address has an account;
    # changing the address or password needs a recent password.
    **{
        ("customer.views", name): f"market.accounts.views.{name}"
        for name in (
            "AccountAuthView",
            "AccountRegistrationView",
            "ProfileView",
            "ProfileUpdateView",
            "ChangePasswordView",
            # A guest's order status page: a wrong hash is a 404.
            "AnonymousOrderDetailView",
            "AnonymousOrderFormView",
        )
    },
    # "Buy again" only where it makes sense (market/export/orders.py).
    ("customer.views", "OrderDetailView"): "market.export.orders.OrderDetailView",
    ("customer.views", "OrderLineView"): "market.export.orders.OrderLineView",
    ("customer.forms", "PasswordResetForm"): "market.accounts.forms.PasswordResetForm",
    # Shipping per parcel, one parcel per resident (market/export/shipping.py).
    ("shipping.repository", "Repository"): "market.export.shipping.Repository",
    ("checkout.forms", "ShippingAddressForm"): (
        "market.export.forms_address.ShippingAddressForm"
    ),
    # Sorting by a column with no field behind it is ignored, not a 500.
    ("dashboard.tables", "DashboardTable"): "market.dashboard_tables.DashboardTable",
    # Pictures over MARKET_IMAGE_MAX_PIXELS are refused before decoding.
    ("dashboard.catalogue.forms", "ProductImageForm"): (
        "market.dashboard_forms.ProductImageForm"
    ),
    # Categories and product kinds named in three languages.
    (
        "dashboard.catalogue.forms",
        "CategoryForm",
    ): "market.dashboard_forms.CategoryForm",
    ("dashboard.catalogue.forms", "ProductClassForm"): (
        "market.dashboard_forms.ProductClassForm"
    ),
}


def class_loader(module_label, classnames, module_prefix):
    classes = default_class_loader(module_label, classnames, module_prefix)
    return [
        import_string(OVERRIDES[(module_label, name)])
        if (module_label, name) in OVERRIDES
        else found
        for name, found in zip(classnames, classes, strict=True)
    ]
