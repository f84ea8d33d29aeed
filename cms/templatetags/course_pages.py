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
