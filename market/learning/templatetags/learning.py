"""The course panel of a course's product page and Kreativ Edu's course
pages (schedule, teacher, seats left, language, level and the learner's next
step: enrol, pay, join the waitlist, take an offer), and the course states
of a page of product cards."""

from django import template

from ..course_state import course_state
from ..forms import RedeemForm
from ..selectors import course_cards_for_products
from ..services.seats import course_for, is_course

register = template.Library()


@register.inclusion_tag("market/learning/course_panel.html", takes_context=True)
def course_panel(context, product, course_url="", course=None):
    """`course_url`: the course's Kreativ Edu page, where the learner lands
    after enrolling (cms's `course_page_url` tag gives it); `course`: the
    product's course when the page read it already."""
    request = context["request"]
    state = course_state(course or course_for(product), request.user)
    return {
        "request": request,
        "user": request.user,
        "product": product,
        "state": state,
        "course": state.course,
        "course_url": course_url,
        "redeem_form": RedeemForm(),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def course_states(products):
    """`{% course_states page_obj.object_list as states %}`: the state of
    each course among a page of products (any kinds), keyed by product id,
    in one query whatever the page size; `{{ states|course_state_of:
    product }}` reads one (None for other kinds). Each state is a
    `market.learning.selectors.CourseCard`: `availability` ("open", "full",
    "soon", "closed"), `seats_left`, `capacity`, `free`, `closed`..."""
    return course_cards_for_products(list(products))


@register.filter
def course_state_of(states, product):
    if not states or product is None:
        return None
    return states.get(product.pk)


@register.filter
def course_product(product) -> bool:
    return is_course(product)
