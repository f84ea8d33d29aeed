"""A year of the Centre's history for the demo, so every chart of the impact
dashboard shows something real: residents applying and approved month by
month, paid orders from home and abroad with their parcels shipped and
delivered (and a few cancelled), payout runs, learners from the regions
enrolling and completing courses with certificates, and people coming to
past events.

Everything goes through the site's own services (the checkout's placing,
the ledger, parcels, payouts, seats, certificates), which read the clock;
to replay a month of last year the demo sets the clock (`demo_clock`), the
way the tests do. Deterministic (one seeded random generator) and safe to
run again: once the history is there, nothing is added.
"""

from __future__ import annotations

import datetime
import random
from contextlib import contextmanager
from unittest import mock

from django.db import transaction
from django.utils import timezone
from oscar.apps.order.models import Order
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL
from catalogue.models import Product
from checkout.services import parcel_refund
from checkout.services.errors import CheckoutRefused
from cms.models import (
    EventIndexPage,
    EventPage,
    EventRegistration,
    RegistrationStatus,
)
from market.accounts.models import User
from market.export.models import ListingShipping, ParcelStatus
from market.export.services import parcel_move
from market.learning.models import AGE_BANDS, REGIONS, Seat
from market.learning.services.certificates import certificate_issue
from market.learning.services.profiles import learner_profile_update
from market.learning.services.seats import SeatsUnavailable, enrolment_create
from market.payouts.models import Payout, PayoutStatus, Rail
from market.payouts.services import payout_mark_paid, payout_run_create
from market.residents.models import Resident

from .localize import localized_page
from .records import demo_user
from .shipping import _place

SEED = 2026
MONTHS = 12
HISTORY_PASSWORD = "demo-history-2026"  # noqa: S105 (demo only)
# Where last year's buyers lived: (country, city, postcode, street).
ADDRESSES = [
    ("DE", "Berlin", "10115", "Hauptstraße 5"),
    ("FR", "Paris", "75003", "12 rue de Bretagne"),
    ("US", "New York", "10001", "350 5th Avenue"),
    ("GB", "London", "EC1A 1BB", "1 St Martin's Le Grand"),
    ("TR", "İstanbul", "34430", "İstiklal Caddesi 10"),
    ("GE", "Tbilisi", "0105", "Rustaveli Avenue 12"),
    ("AE", "Dubai", "00000", "Sheikh Zayed Road 1"),
    ("IT", "Milano", "20121", "Via Brera 3"),
    ("AZ", "Bakı", "AZ1000", "Nizami küçəsi 25"),
    ("AZ", "Gəncə", "AZ2000", "Cavad xan küçəsi 4"),
]
FIRST_NAMES = ["Aysel", "Murad", "Nigar", "Orxan", "Lalə", "Rəşad", "Səbinə", "Emil"]


@contextmanager
def demo_clock(moment: datetime.datetime):
    """The services' clock (`django.utils.timezone.now`) reads `moment`: the
    demo replays a day of last year through the same code as today."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _moment(rng: random.Random, month_start: datetime.datetime) -> datetime.datetime:
    return month_start + datetime.timedelta(
        days=rng.randrange(27), hours=rng.randrange(9, 20), minutes=rng.randrange(60)
    )


def month_starts(today: datetime.date) -> list[datetime.datetime]:
    """The first day of each of the last MONTHS months before this one."""
    month = today.replace(day=1)
    starts = []
    for _ in range(MONTHS):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        starts.append(
            timezone.make_aware(datetime.datetime.combine(month, datetime.time(9)))
        )
    return list(reversed(starts))


def _buyers(rng: random.Random) -> list[User]:
    buyers = []
    for number, (_country, city, _postcode, _street) in enumerate(ADDRESSES):
        email = f"buyer{number}@history.creative-market.az"
        user = User.objects.filter(email=email).first() or demo_user(
            email=email, password=HISTORY_PASSWORD
        )
        user.first_name = rng.choice(FIRST_NAMES)
        user.last_name = city
        user.save(update_fields=["first_name", "last_name"])
        buyers.append(user)
    return buyers


def _shippable() -> list[Product]:
    products = [
        listing.product
        for listing in ListingShipping.objects.select_related("product")
        .filter(profile__resident__isnull=False)
        .order_by("product__pk")
    ]
    return [p for p in products if p.stockrecords.filter(num_in_stock__gt=5)]


def _residents(month_starts: list[datetime.datetime]) -> None:
    """Spread the residents' applications and approvals over the year."""
    residents = list(Resident.objects.order_by("pk"))
    for number, resident in enumerate(residents):
        applied = month_starts[(number * 3) % len(month_starts)]
        Resident.objects.filter(pk=resident.pk).update(
            created_at=applied,
            decided_at=(
                applied + datetime.timedelta(days=9) if resident.decided_at else None
            ),
        )


def _licences() -> list[Product]:
    """The licence tiers of digital products (variants)."""
    return list(
        Product.objects.filter(
            structure=Product.CHILD, parent__product_class__slug=DIGITAL
        ).order_by("pk")
    )


def _orders(rng, month_starts, buyers, products) -> int:
    placed = 0
    licences = _licences()
    for index, month_start in enumerate(month_starts):
        # Sales grow over the year, as the market became known; one order
        # in four is a digital file.
        for count in range(8 + index * 2):
            product = (
                rng.choice(licences)
                if licences and count % 4 == 3
                else rng.choice(products)
            )
            number = rng.randrange(len(ADDRESSES))
            country, city, postcode, street = ADDRESSES[number]
            moment = _moment(rng, month_start)
            address = {
                "first_name": buyers[number].first_name,
                "last_name": buyers[number].last_name,
                "line1": street,
                "line4": city,
                "postcode": postcode,
                "country_id": country,
            }
            try:
                with demo_clock(moment), transaction.atomic():
                    order = _place(
                        buyer=buyers[number],
                        product=product,
                        now=moment,
                        address=address,
                    )
            except (IndexError, CheckoutRefused):
                continue  # nothing ships there, or no stock left: another day
            Order.objects.filter(pk=order.pk).update(date_placed=moment)
            _ship(rng, order, moment)
            placed += 1
        with demo_clock(month_start + datetime.timedelta(days=27)):
            _payouts()
    return placed


def _ship(rng, order, moment) -> None:
    parcel = order.parcels.first()
    if parcel is None:
        return
    owner = parcel.partner.users.order_by("pk").first()
    roll = rng.random()
    steps = [ParcelStatus.PACKED, ParcelStatus.SHIPPED, ParcelStatus.DELIVERED]
    if roll < 0.05:
        with demo_clock(moment + datetime.timedelta(days=1)):
            parcel_refund(
                parcel=parcel,
                user=owner,
                reason="Damaged in the workshop; the buyer was refunded.",
                status=ParcelStatus.CANCELLED,
            )
        return
    for day, status in enumerate(steps, start=1):
        with demo_clock(moment + datetime.timedelta(days=day * 2)):
            parcel = parcel_move(
                parcel=parcel,
                user=owner,
                status=status,
                tracking_number=f"EE{order.number}AZ",
                tracking_url=f"https://www.azerpost.az/en/track?code=EE{order.number}AZ",
            )


def _payouts() -> None:
    """The month's payout run; bank transfers are confirmed paid."""
    run = payout_run_create()
    for payout in Payout.objects.filter(
        run=run, rail=Rail.BANK_TRANSFER, status=PayoutStatus.PENDING
    ):
        payout_mark_paid(payout=payout, reference=f"BANK-{payout.pk}", user=None)


def _learners(rng, month_starts) -> int:
    """Learners from the regions enrol month by month; half complete and
    hold a certificate."""
    regions = [code for code, _label in REGIONS]
    bands = [code for code, _label in AGE_BANDS]
    courses = list(
        Product.objects.filter(product_class__slug=COURSE, stockrecords__price=0)
        .distinct()
        .order_by("pk")
    ) or list(Product.objects.filter(product_class__slug=COURSE).order_by("pk"))
    enrolled = 0
    for number in range(72):
        email = f"learner{number}@history.creative-market.az"
        if User.objects.filter(email=email).exists():
            continue
        moment = _moment(rng, month_starts[number % len(month_starts)])
        with demo_clock(moment):
            learner = demo_user(email=email, password=HISTORY_PASSWORD)
            # Most regions get five or more learners; a few stay small.
            region = regions[number % 8] if number % 6 else ""
            learner_profile_update(
                user=learner,
                first_name=rng.choice(FIRST_NAMES),
                last_name="Kreativ",
                language="az",
                region=region,
                region_consent=bool(region),
                age_band=bands[number % 3 + 1] if number % 4 else "",
                age_band_consent=bool(number % 4),
            )
            for course in rng.sample(courses, k=min(2, len(courses))):
                try:
                    enrolment_create(product=course, learner=learner, now=moment)
                except SeatsUnavailable:
                    continue
                enrolled += 1
        seat = Seat.objects.filter(learner=learner).order_by("pk").first()
        if seat is not None and number % 2 == 0:
            done = moment + datetime.timedelta(days=30)
            if done < timezone.now():
                Seat.objects.filter(pk=seat.pk).update(completed_at=done)
                seat.refresh_from_db()
                with demo_clock(done):
                    certificate_issue(seat=seat, now=done)
    return enrolled


# Events of last year: (months ago, series, online, {language: (title, city)}).
PAST_EVENTS = [
    (
        10,
        "creative-talks",
        False,
        {
            "az": ("Creative Talks: Musiqi və texnologiya", "Bakı"),
            "en": ("Creative Talks: Music and technology", "Baku"),
            "ru": ("Creative Talks: Музыка и технологии", "Баку"),
        },
    ),
    (
        8,
        "creative-talks",
        False,
        {
            "az": ("Creative Talks: Gəncədə oyun dizaynı", "Gəncə"),
            "en": ("Creative Talks: Game design in Ganja", "Ganja"),
            "ru": ("Creative Talks: Геймдизайн в Гяндже", "Гянджа"),
        },
    ),
    (
        6,
        "ai4art",
        True,
        {
            "az": ("Ai4Art: Süni intellekt və xalça naxışı", ""),
            "en": ("Ai4Art: Artificial intelligence and carpet patterns", ""),
            "ru": ("Ai4Art: Искусственный интеллект и ковровый узор", ""),
        },
    ),
    (
        4,
        "creative-talks",
        False,
        {
            "az": ("Creative Talks: Lənkəranda sənətkarlıq", "Lənkəran"),
            "en": ("Creative Talks: Crafts in Lankaran", "Lankaran"),
            "ru": ("Creative Talks: Ремёсла в Ленкорани", "Ленкорань"),
        },
    ),
    (
        2,
        "workshop",
        False,
        {
            "az": ("Emalatxana: Səs yazısı", "Bakı"),
            "en": ("Workshop: Sound recording", "Baku"),
            "ru": ("Мастер-класс: Звукозапись", "Баку"),
        },
    ),
]


def _past_events(month_starts) -> None:
    """Last year's talks and workshops, in three languages."""
    index = (
        EventIndexPage.objects.filter(
            locale__language_code="az", depth=3, slug="tedbirler"
        ).first()
        or EventIndexPage.objects.filter(locale__language_code="az").first()
    )
    if index is None:
        return
    for months_ago, series, online, names in PAST_EVENTS:
        starts_at = month_starts[-months_ago] + datetime.timedelta(days=10, hours=9)

        def fields(texts: dict, starts_at=starts_at, series=series, online=online):
            return {
                "title": texts["title"],
                "intro": texts["title"],
                "series": series,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=2),
                "city": texts["city"],
                "online": online,
                "venue": "",
                "capacity": 40,
                "registration_open": False,
            }

        texts = {
            language: {"title": title, "city": city}
            for language, (title, city) in names.items()
        }
        localized_page(
            index,
            EventPage,
            slug=f"kecmis-tedbir-{months_ago}",
            texts=texts,
            fields=fields,
        )


def _events(rng) -> int:
    """People who came to the events that have already taken place."""
    now = timezone.now()
    marked = 0
    learners = list(
        User.objects.filter(email__endswith="@history.creative-market.az").order_by(
            "pk"
        )
    )
    for event in EventPage.objects.filter(
        starts_at__lt=now, locale__language_code="az"
    ).order_by("pk"):
        for position, user in enumerate(rng.sample(learners, k=min(len(learners), 12))):
            registration, created = EventRegistration.objects.get_or_create(
                event=event,
                user=user,
                defaults={"status": RegistrationStatus.REGISTERED},
            )
            if created:
                # People registered in the days before the event, not on the
                # day the demo was built (no draw from rng: the year's other
                # facts stay as they are).
                EventRegistration.objects.filter(pk=registration.pk).update(
                    created_at=event.starts_at
                    - datetime.timedelta(days=2 + position % 10, hours=position)
                )
            if created and rng.random() < 0.75:
                EventRegistration.objects.filter(pk=registration.pk).update(
                    attended_at=event.starts_at + datetime.timedelta(minutes=5)
                )
                marked += 1
    return marked


@transaction.atomic
def demo_history(*, today: datetime.date | None = None) -> dict[str, int]:
    """Build the year once; returns what was made."""
    if User.objects.filter(email__endswith="@history.creative-market.az").exists():
        return {}
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    starts = month_starts(today or timezone.localdate())
    _residents(starts)
    products = _shippable()
    buyers = _buyers(rng)
    # The residents restocked what they sold last year: today's shop keeps
    # the stock the demo's data gives it.
    stock = {
        record.pk: (record.num_in_stock, record.num_allocated)
        for record in StockRecord.objects.filter(product__product_class__slug=PHYSICAL)
    }
    orders = _orders(rng, starts, buyers, products) if products else 0
    for pk, (in_stock, allocated) in stock.items():
        StockRecord.objects.filter(pk=pk).update(
            num_in_stock=in_stock, num_allocated=allocated
        )
    seats = _learners(rng, starts)
    _past_events(starts)
    attended = _events(rng)
    return {"orders": orders, "seats": seats, "attended": attended}
