"""Kreativ Edu in the demo: every course's schedule, learners with free and
sponsored seats, a full course with a waitlist, and a learner who completed
a course and holds a certificate. Built through the same services as the
site, and safe to run again (nothing is added twice)."""

from datetime import datetime, timedelta

from catalogue.kinds import COURSE
from catalogue.models import Product
from market.accounts.models import User
from market.learning.models import (
    CourseSession,
    Seat,
    SeatStatus,
    SponsoredQuota,
    WaitlistEntry,
)
from market.learning.services.attendance import attendance_mark
from market.learning.services.profiles import learner_profile_update
from market.learning.services.schedule import course_sessions_from_text
from market.learning.services.seats import (
    SeatsUnavailable,
    course_for,
    enrolment_create,
)
from market.learning.services.sponsors import sponsored_seat_redeem
from market.learning.services.waitlist import waitlist_join

from . import data
from .records import demo_user

LEARNER_EMAIL = "learner@creative-market.az"
LEARNER_PASSWORD = "demo-learner-2026"  # noqa: S105 (demo only)
# Eight learners fill the free carpet-weaving course; two more wait.
FULL_COURSE = "CM-0049"
FREE_COURSE = "CM-0018"
SPONSORED_COURSE = "CM-0032"
PAST_COURSE = "CM-0078"
SPONSOR = "Regional Youth Fund"

LEARNERS = [
    # (e-mail, first name, last name, region)
    (LEARNER_EMAIL, "Aysel", "Məmmədova", "guba-khachmaz"),
    ("ali@learners.creative-market.az", "Əli", "Rzayev", "baku"),
    ("nurlan@learners.creative-market.az", "Nurlan", "Hüseynov", "sheki-zagatala"),
    ("gunel@learners.creative-market.az", "Günel", "Abbasova", "guba-khachmaz"),
    ("tural@learners.creative-market.az", "Tural", "Babayev", "lankaran-astara"),
    ("sevinc@learners.creative-market.az", "Sevinc", "Quliyeva", "ganja-dashkasan"),
    ("elvin@learners.creative-market.az", "Elvin", "Nəsirov", "baku"),
    ("aynur@learners.creative-market.az", "Aynur", "Kərimova", "nakhchivan"),
    ("ramil@learners.creative-market.az", "Ramil", "Əsgərov", "shirvan-salyan"),
    ("leyla.m@learners.creative-market.az", "Leyla", "Mirzəyeva", "karabakh"),
    ("kamran@learners.creative-market.az", "Kamran", "Sadıqov", ""),
]


def _learners() -> list[User]:
    users = []
    for email, first_name, last_name, region in LEARNERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = demo_user(email=email, password=LEARNER_PASSWORD)
            learner_profile_update(
                user=user,
                first_name=first_name,
                last_name=last_name,
                language="az",
                region=region,
                region_consent=bool(region),
            )
        users.append(user)
    return users


def _schedules() -> None:
    """Each course's place and sessions, from its listing."""
    specs = {spec["upc"]: spec for spec in data.PRODUCTS if spec["kind"] == COURSE}
    for product in Product.objects.filter(upc__in=specs):
        spec = specs[product.upc]
        course = course_for(product)
        if course.sessions.exists():
            continue
        online = spec["region"].lower() == "online"
        course.online = online
        course.city = "" if online else spec["region"]
        # The demo's data names them by their codes (CourseLanguage, CourseLevel).
        course.language = spec["language"]
        course.level = spec["level"]
        course.save(update_fields=["online", "city", "language", "level"])
        course_sessions_from_text(
            course=course,
            text="\n".join(f"{when}, {where}" for when, where in spec["sessions"]),
        )


def _enrol(product: Product, learner: User, *, now: datetime | None = None) -> None:
    try:
        enrolment_create(product=product, learner=learner, now=now)
    except SeatsUnavailable:
        pass  # already enrolled (the demo ran before), or full


def demo_learning() -> dict[str, int]:
    _schedules()
    learners = _learners()
    main = learners[0]
    products = {
        product.upc: product
        for product in Product.objects.filter(
            upc__in=[FULL_COURSE, FREE_COURSE, SPONSORED_COURSE, PAST_COURSE]
        )
    }

    # A free course, one click.
    _enrol(products[FREE_COURSE], main)

    # A full course: eight seats taken, two learners waiting in order.
    full = products[FULL_COURSE]
    for learner in learners[1:9]:
        _enrol(full, learner)
    for learner in learners[9:11]:
        if not WaitlistEntry.objects.filter(course_id=full.pk, learner=learner):
            try:
                waitlist_join(product=full, learner=learner)
            except SeatsUnavailable:
                pass

    # Sponsored seats for learners from the regions, on a paid course.
    sponsored = products[SPONSORED_COURSE]
    quota, _created = SponsoredQuota.objects.get_or_create(
        course=course_for(sponsored),
        sponsor=SPONSOR,
        defaults={
            "sponsor_email": "grants@youth-fund.example.az",
            "seats": 10,
            "regions": [
                "guba-khachmaz",
                "sheki-zagatala",
                "lankaran-astara",
                "nakhchivan",
                "karabakh",
            ],
        },
    )
    for learner in (main, learners[2]):
        if not Seat.objects.filter(quota=quota, learner=learner).exists():
            sponsored_seat_redeem(product=sponsored, learner=learner, code=quota.code)

    # A course that has run: attendance marked by staff; the main learner
    # came to every session and holds a certificate, another to one of three.
    past = products[PAST_COURSE]
    course = course_for(past)
    sessions = list(course.sessions.order_by("starts_at"))
    if not Seat.objects.filter(course=past).exists():
        before = sessions[0].starts_at - timedelta(days=7)
        _enrol(past, main, now=before)
        _enrol(past, learners[1], now=before)
        _enrol(past, learners[3], now=before)
        staff = User.objects.filter(is_staff=True).order_by("pk").first()
        seats = {
            seat.learner_id: seat.pk
            for seat in Seat.objects.filter(course=past, status=SeatStatus.ACTIVE)
        }
        present = [
            {seats[main.pk], seats[learners[3].pk]},
            {seats[main.pk], seats[learners[1].pk], seats[learners[3].pk]},
            {seats[main.pk], seats[learners[3].pk]},
        ]
        for session, who in zip(sessions, present, strict=True):
            attendance_mark(session=session, present_seat_ids=who, by=staff)
    return {
        "sessions": CourseSession.objects.count(),
        "seats": Seat.objects.filter(status=SeatStatus.ACTIVE).count(),
        "waiting": WaitlistEntry.objects.filter(status="waiting").count(),
    }
