"""`{% course_page_url product as url %}`: a course's page on Kreativ Edu in
the active language (its landing page, else the catalogue's page of it), a
full address when Kreativ Edu is another host than the request's."""

from django import template

from ..models.courses import course_page_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def course_page_url(context, product) -> str:
    if product is None:
        return ""
    return course_page_urls([product.pk], context.get("request")).get(product.pk, "")


@register.simple_tag(takes_context=True)
def course_page_urls_for(context, products) -> dict[int, str]:
    """`{% course_page_urls_for products as urls %}`: every course's Kreativ
    Edu page at once (two queries); `{{ urls|course_url_of:product }}`."""
    return course_page_urls(
        [product.pk for product in products], context.get("request")
    )


@register.filter
def course_url_of(urls, product) -> str:
    return (urls or {}).get(getattr(product, "pk", None), "")


@register.simple_tag(takes_context=True)
def course_page_urls_for_lines(context, lines) -> dict[int, str]:
    """`{% course_page_urls_for_lines order.lines.all as urls %}`: the Kreativ
    Edu page of every course among an order's lines, by product id, at once
    (`{{ urls|course_url_of:line.product }}`); other products have none."""
    return course_page_urls(
        [line.product_id for line in lines if line.product_id],
        context.get("request"),
    )
