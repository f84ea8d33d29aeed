"""The course panel of a course's product page: schedule, seats left and
the learner's next step (enrol, pay, join the waitlist, take an offer)."""

from django import template

from ..course_state import course_state
from ..forms import RedeemForm
from ..services.seats import course_for, is_course

register = template.Library()


@register.inclusion_tag("market/learning/course_panel.html", takes_context=True)
def course_panel(context, product):
    request = context["request"]
    state = course_state(course_for(product), request.user)
    return {
        "request": request,
        "user": request.user,
        "product": product,
        "state": state,
        "redeem_form": RedeemForm(),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def course_product(product) -> bool:
    return is_course(product)
