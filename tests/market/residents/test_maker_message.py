""" "Message the maker": signed-in users only, plain text, to the resident's
people in their language with Reply-To the sender, throttled, and refused
(with nothing sent) for anything not on sale or not theirs to ask."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from catalogue.kinds import PHYSICAL
from catalogue.models import ReviewStatus
from market.mail.models import OutgoingEmail
from market.residents.models import ResidentStatus
from market.residents.services.messages import MAKER_MESSAGES_PER_HOUR
from tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def carpet(resident):
    return ProductFactory(
        resident=resident, kind=PHYSICAL, title="Quba xalçası", price=Decimal("450")
    )


def _url(pk) -> str:
    return reverse("residents:message-maker", kwargs={"pk": pk})


def _send(client, pk, message="Can you make it 2 x 3 m?"):
    return client.post(_url(pk), {"message": message})


def test_a_signed_in_buyer_messages_the_maker(
    client, buyer, owner, resident, carpet, django_capture_on_commit_callbacks
):
    resident.language = "ru"
    resident.save()
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, carpet.pk)

    assert response.status_code == 302
    assert response["Location"] == carpet.get_absolute_url()
    (message,) = mail.outbox
    assert message.to == ["owner@xalca.az"]
    assert message.reply_to == ["buyer@example.az"]
    assert "Can you make it 2 x 3 m?" in message.body
    assert "Quba xalçası" in message.subject


def test_the_product_page_offers_the_form_to_signed_in_users(client, buyer, carpet):
    client.force_login(buyer)

    html = client.get(carpet.get_absolute_url()).content.decode()

    assert f'action="{_url(carpet.pk)}"' in html
    assert "owner@xalca.az" not in html


def test_anonymous_visitors_are_sent_to_sign_in_and_nothing_is_sent(
    client, owner, carpet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, carpet.pk)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))
    assert mail.outbox == []
    assert OutgoingEmail.objects.count() == 0


def test_the_sixth_message_in_an_hour_is_refused(
    client, buyer, owner, carpet, django_capture_on_commit_callbacks
):
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        sent = [_send(client, carpet.pk).status_code for _ in range(5)]
        refused = _send(client, carpet.pk)

    assert MAKER_MESSAGES_PER_HOUR == 5
    assert sent == [302] * 5
    assert refused.status_code == 400
    with translation.override("az"):
        refusal = _("You have sent several messages in the last hour. Try again later.")
    assert str(refusal) in refused.content.decode()
    assert len(mail.outbox) == 5


@pytest.mark.parametrize(
    "message",
    [
        '<a href="https://evil.example">win</a>',
        "Hello <script>alert(1)</script>",
        "x" * 2001,
        "   ",
        "Bell\x07 and\x00 nul",
    ],
)
def test_messages_that_are_not_plain_text_are_refused(
    client, buyer, owner, carpet, message, django_capture_on_commit_callbacks
):
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, carpet.pk, message)

    assert response.status_code == 400
    assert OutgoingEmail.objects.count() == 0


def test_hostile_and_unlisted_ids_are_refused(
    client, buyer, owner, resident, carpet, django_capture_on_commit_callbacks
):
    hidden = ProductFactory(resident=resident, kind=PHYSICAL, is_public=False)
    pending = ProductFactory(resident=resident, kind=PHYSICAL)
    pending.review_status = ReviewStatus.PENDING
    pending.save()
    variant = VariantFactory(resident=resident)
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            _send(client, pk).status_code
            for pk in (hidden.pk, pending.pk, variant.pk, 999_999, 2**63)
        ]
        bad_path = client.post(
            f"/shop/residents/products/{carpet.pk}x/message/", {"message": "Hi"}
        )

    assert statuses == [404, 404, 404, 404, 404]
    assert bad_path.status_code == 404
    assert OutgoingEmail.objects.count() == 0


def test_a_suspended_resident_receives_no_messages(
    client, buyer, owner, resident, carpet, django_capture_on_commit_callbacks
):
    resident.status = ResidentStatus.SUSPENDED
    resident.save()
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, carpet.pk)

    assert response.status_code == 404
    assert OutgoingEmail.objects.count() == 0


def test_the_service_refuses_a_suspended_shop_it_is_given(
    buyer, owner, resident, carpet
):
    from django.core.exceptions import ValidationError

    from market.residents.services import maker_message_send

    resident.status = ResidentStatus.SUSPENDED
    resident.save()

    with pytest.raises(ValidationError):
        maker_message_send(product=carpet, sender=buyer, message="Hello")
    assert OutgoingEmail.objects.count() == 0
