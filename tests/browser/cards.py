"""The card form of localstripe's fake Stripe.js (the pay pages in the
browser tests)."""

VISA = "4242424242424242"


def fill_card(page, number: str = VISA) -> None:
    """Type a test card into the pay page's card element."""
    element = page.locator("#payment-element")
    element.get_by_placeholder("number").fill(number)
    element.get_by_placeholder("exp_month").fill("12")
    element.get_by_placeholder("exp_year").fill("30")
    element.get_by_placeholder("cvc").fill("123")
    element.get_by_placeholder("postal_code").fill("10115")
