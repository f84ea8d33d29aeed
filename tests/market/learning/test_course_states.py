"""A course's state (open, full, not yet open, closed) is the same on every
door: the panel (primary "Join the waitlist" when full, "Enrolment closed"
and no button when closed), the shop's availability rule (a closed course is
not for sale: product page, basket, checkout, search), the cards' bulk
states, and the learner lands on the course's Kreativ Edu page after
enrolling. Staff cannot approve a course with no session."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from oscar.apps.basket.models import Line

from catalogue.models import Product, ReviewStatus
from market.learning.models import Course, Seat
from market.learning.selectors import course_cards_for_products
from market.learning.services.seats import SeatsUnavailable, enrolment_create
from market.residents.selectors import listing_refusal, public_products
from market.residents.services import listing_review
from market.residents.strategy import Selector
from search.documents import documents_queryset, product_document
from tests.factories import ProductFactory, UserFactory, course_product

pytestmark = pytest.mark.django_db


def _in(days: int):
    start = timezone.now() + timedelta(days=days)
    return (start, start + timedelta(hours=2))


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _panel(client, product) -> str:
    with translation.override("en"):
        response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    start = content.index('id="course-panel"')
    return content[start : content.index("</section>", start)]


@pytest.fixture
def closed(resident):
    """A free course whose first session began yesterday."""
    return course_product(
        resident=resident, title="Bağlı kurs", sessions=[_in(-1), _in(6)]
    )


# The one availability rule


def test_a_course_whose_enrolment_closed_may_not_be_sold(closed, buyer):
    with translation.override("en"):
        reason = listing_refusal(closed)
        policy = Selector().strategy(user=buyer).fetch_for_product(closed).availability

    assert reason == "Enrolment for “Bağlı kurs” has closed."
    assert policy.is_available_to_buy is False
    assert policy.is_purchase_permitted(1) == (False, reason)
    # It stays listed: its page says enrolment closed.
    assert public_products().filter(pk=closed.pk).exists() is True


def test_the_course_closing_date_closes_it_before_the_first_session(resident):
    product = course_product(
        resident=resident,
        sessions=[_in(10)],
        enrolment_closes_at=timezone.now() - timedelta(minutes=1),
    )

    assert listing_refusal(product) is not None


def test_an_open_course_may_be_sold(resident):
    product = course_product(resident=resident, sessions=[_in(10)])

    assert listing_refusal(product) is None


def test_the_basket_refuses_a_closed_course(closed, buyer):
    client = _client(buyer)

    response = client.post(
        reverse("basket:add", kwargs={"pk": closed.pk}), {"quantity": 1}
    )

    assert response.status_code == 302
    assert Line.objects.count() == 0


def test_search_leaves_a_closed_course_out(closed, resident):
    open_course = course_product(resident=resident, sessions=[_in(10)])
    products = {product.pk: product for product in documents_queryset()}

    assert product_document(products[closed.pk]) is None
    assert product_document(products[open_course.pk])["id"] == open_course.pk


def test_a_free_enrolment_on_a_closed_course_is_refused(closed, buyer):
    with translation.override("en"), pytest.raises(SeatsUnavailable) as refused:
        enrolment_create(product=closed, learner=buyer)

    assert refused.value.message == "Enrolment for “Bağlı kurs” has closed."
    assert Seat.objects.count() == 0


# The panel


def test_a_full_course_offers_a_primary_join_the_waitlist_button(resident, buyer):
    product = course_product(resident=resident, capacity=1, sessions=[_in(5)])
    enrolment_create(product=product, learner=UserFactory(email="first@example.az"))

    panel = _panel(_client(buyer), product)

    assert (
        '<button type="submit" class="btn btn-primary btn-lg btn-block '
        'course-waitlist-join">Join the waitlist</button>'
    ) in panel
    assert '<span class="course-badge course-badge--full">Full</span>' in panel


def test_a_closed_course_says_so_and_offers_no_button(closed, buyer):
    panel = _panel(_client(buyer), closed)

    assert '<p class="course-closed">Enrolment closed</p>' in panel
    assert "<button" not in panel
    assert "<form" not in panel
    assert 'class="course-redeem' not in panel


def test_the_panel_shows_teacher_language_level_and_seats(resident, buyer):
    product = course_product(
        resident=resident,
        capacity=8,
        sessions=[_in(5), _in(12)],
        language="ru",
        level="intermediate",
    )

    panel = _panel(_client(buyer), product)

    assert f'<dd class="course-teacher">{resident.display_name}</dd>' in panel
    assert '<dd class="course-language">Russian</dd>' in panel
    assert '<dd class="course-level">Intermediate</dd>' in panel
    assert '<dd class="course-seats">8 of 8 seats left</dd>' in panel
    assert '<h3 class="course-panel__subheading">2 sessions</h3>' in panel


def test_the_sponsored_code_button_has_a_text_and_the_field_a_label(resident, buyer):
    product = course_product(resident=resident, sessions=[_in(5)])

    panel = _panel(_client(buyer), product)

    assert re.search(r'<label for="redeem-code-\d+">Sponsored seat code</label>', panel)
    assert (
        '<button type="submit" class="btn btn-secondary course-redeem__submit">'
        "Use the code</button>"
    ) in panel


# After enrolling: the course's Kreativ Edu page


def test_after_enrolling_the_learner_lands_on_the_edu_course_page(
    sites, resident, buyer
):
    product = course_product(resident=resident, sessions=[_in(5)])
    page = "http://edu.localhost:8000/en/courses/animasiya/"

    response = _client(buyer).post(
        reverse("learning:enrol", args=[product.pk]), {"next": page}
    )

    assert response.status_code == 302
    assert response["Location"] == page
    assert Seat.objects.get(course=product).learner == buyer


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)"],
)
def test_a_foreign_next_address_is_ignored(resident, buyer, target):
    product = course_product(resident=resident, sessions=[_in(5)])

    response = _client(buyer).post(
        reverse("learning:enrol", args=[product.pk]), {"next": target}
    )

    assert response["Location"] == product.get_absolute_url()


# Card states for the shop's product cards, in bulk


def test_card_states_of_a_page_of_products_in_one_query(resident):
    open_course = course_product(resident=resident, capacity=3, sessions=[_in(5)])
    full = course_product(resident=resident, capacity=1, sessions=[_in(5)])
    enrolment_create(product=full, learner=UserFactory(email="a@example.az"))
    soon = course_product(
        resident=resident,
        sessions=[_in(30)],
        enrolment_opens_at=timezone.now() + timedelta(days=2),
    )
    closed = course_product(resident=resident, sessions=[_in(-1)])
    carpet = ProductFactory(resident=resident)
    products = list(
        Product.objects.filter(
            pk__in=[p.pk for p in (open_course, full, soon, closed, carpet)]
        )
    )

    with CaptureQueriesContext(connection) as queries:
        states = course_cards_for_products(products)

    # The courses with their state (market.learning.selectors.with_course_state).
    assert len(queries) == 1
    assert {pk: state.availability for pk, state in states.items()} == {
        open_course.pk: "open",
        full.pk: "full",
        soon.pk: "soon",
        closed.pk: "closed",
    }
    assert states[open_course.pk].seats_left == 3
    assert states[full.pk].seats_left == 0


def test_the_course_states_tag_reads_one_product_s_state(resident):
    product = course_product(resident=resident, sessions=[_in(5)])
    carpet = ProductFactory(resident=resident)
    template = Template(
        "{% load learning %}{% course_states products as states %}"
        "{% for product in products %}"
        "{% with state=states|course_state_of:product %}"
        "[{{ state.availability|default:'-' }}]{% endwith %}{% endfor %}"
    )

    html = template.render(Context({"products": [product, carpet]}))

    assert html == "[open][-]"


# Staff cannot approve a course with no session


def _pending_course(resident, sessions):
    product = course_product(resident=resident, title="Yeni kurs", sessions=sessions)
    Product.objects.filter(pk=product.pk).update(review_status=ReviewStatus.PENDING)
    return Product.objects.get(pk=product.pk)


def test_a_course_with_no_session_cannot_be_approved(resident, staff):
    product = _pending_course(resident, sessions=[])

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        listing_review(product=product, staff_user=staff, approve=True)

    assert refused.value.messages == [
        "“Yeni kurs” is a course with no session: it cannot be approved until "
        "its resident adds the sessions."
    ]
    product.refresh_from_db()
    assert (product.review_status, product.review_reason) == (ReviewStatus.PENDING, "")


def test_the_staff_queue_refuses_it_with_the_message(resident, staff):
    product = _pending_course(resident, sessions=[])
    client = _client(staff)

    with translation.override("en"):
        response = client.post(
            reverse("listing_decide", args=[product.pk]),
            {"decision": "approve"},
            follow=True,
        )

    # The admin speaks the staff member's language (Azerbaijani here).
    with translation.override("az"):
        expected = gettext(
            "“%(title)s” is a course with no session: it cannot be approved "
            "until its resident adds the sessions."
        ) % {"title": "Yeni kurs"}
    assert [str(message) for message in response.context["messages"]] == [expected]
    assert Product.objects.get(pk=product.pk).review_status == ReviewStatus.PENDING


def test_a_course_with_a_session_is_approved_and_one_without_may_be_rejected(
    resident, staff
):
    dated = _pending_course(resident, sessions=[_in(10)])
    undated = _pending_course(resident, sessions=[])

    listing_review(product=dated, staff_user=staff, approve=True)
    listing_review(product=undated, staff_user=staff, approve=False, reason="Tarix?")

    assert Product.objects.get(pk=dated.pk).review_status == ReviewStatus.LIVE
    assert Product.objects.get(pk=undated.pk).review_status == ReviewStatus.REJECTED


def test_a_physical_listing_needs_no_session(resident, staff):
    carpet = ProductFactory(resident=resident)
    Product.objects.filter(pk=carpet.pk).update(review_status=ReviewStatus.PENDING)

    listing_review(product=carpet, staff_user=staff, approve=True)

    assert Product.objects.get(pk=carpet.pk).review_status == ReviewStatus.LIVE


def test_first_session_is_kept_on_the_course(resident):
    product = course_product(resident=resident, sessions=[_in(9), _in(4)])
    course = Course.objects.get(pk=product.pk)
    first, second = course.sessions.order_by("starts_at")

    assert course.first_session_at == first.starts_at
    first.delete()
    assert Course.objects.get(pk=product.pk).first_session_at == second.starts_at
