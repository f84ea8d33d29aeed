"""Links to sign in and to register that bring the visitor back to the page
they are on, in its language: {% signin_url %} and {% register_url %}."""

from django import template
from django.urls import reverse

from market.accounts.redirects import here, with_next

register = template.Library()


@register.simple_tag(takes_context=True)
def signin_url(context) -> str:
    request = context.get("request")
    url = reverse("customer:login")
    return with_next(url, here(request)) if request is not None else url


@register.simple_tag(takes_context=True)
def register_url(context) -> str:
    request = context.get("request")
    url = reverse("customer:register")
    return with_next(url, here(request)) if request is not None else url
