"""Template tags of product reviews: the one rule for the product page's
invitation, and the reviewer's public name."""

from django import template

from ..selectors import approved_reviews as approved_selector
from ..selectors import review_refusal as refusal_of

register = template.Library()


@register.simple_tag(takes_context=True)
def review_refusal(context, product):
    """`{% review_refusal product as refusal %}`: why the visitor may not
    review `product` (None when they may). Asked once per product and
    request: the product page asks it in two places."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    cache = getattr(request, "_review_refusals", None) if request else None
    if cache is None:
        cache = {}
        if request is not None:
            request._review_refusals = cache
    if product.pk not in cache:
        cache[product.pk] = refusal_of(user, product)
    return cache[product.pk]


@register.filter
def reviewer_name(review) -> str:
    """A buyer's first name and the initial of their last name ("Aysel M."):
    enough to tell people apart, no more of a buyer's name in public."""
    user = review.user
    if user is None:
        return review.name
    first = (user.first_name or "").strip()
    last = (user.last_name or "").strip()
    if first and last:
        return f"{first} {last[0]}."
    return first or last


@register.filter
def approved_reviews(product):
    """The approved reviews of a product, newest first, with their answers."""
    return approved_selector(product)
