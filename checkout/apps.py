import oscar.apps.checkout.apps as apps


class CheckoutConfig(apps.CheckoutConfig):
    """Our fork of Oscar's checkout: Stripe payment and race-safe placement come
    with the checkout issue; for now Oscar's flow runs unchanged."""

    name = "checkout"
