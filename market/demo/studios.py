"""The Centre's studios for the demo: rooms for every studio page (photo and
video, sound, animation, dance) with their opening hours, equipment and
prices in three languages, the next public holiday as a closure, the
programmes' monthly quotas, each room's "studio time" listing, and a week of
bookings from today: residents on their free hours, the public paying
through the checkout, the Centre's own use, one waiting for payment, one
cancelled and, when the clock allows, one checked in today.

Everything goes through the services (booking, checkout placing, check-in,
cancellation). Safe to run again: rooms, closures and quotas are matched by
their keys, and the week is booked only once."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from oscar.apps.basket.models import Basket
from oscar.apps.shipping.methods import NoShippingRequired

from checkout.models import CheckoutPayment
from checkout.services import charge_amount, shipping_parts
from checkout.services.bookings import booking_basket_add, booking_cancel
from checkout.services.fulfil import place_and_record
from checkout.services.holds import holds_take
from market.accounts.models import User
from market.bookings.listing import room_listing_ensure
from market.bookings.models import (
    Booking,
    BookingStatus,
    Closure,
    Equipment,
    OpeningHours,
    Quota,
    Room,
)
from market.bookings.rules import BookingRefused, at_local
from market.bookings.services import (
    SlotRequest,
    booking_check_in,
    booking_create,
    booking_create_for_centre,
    booking_no_show,
)
from market.residents.models import Resident
from market.residents.strategy import Selector

from .history import demo_clock
from .records import demo_user

# Monday to Saturday 10:00–22:00, Sunday 12:00–18:00.
HOURS = [(day, datetime.time(10), datetime.time(22)) for day in range(6)] + [
    (6, datetime.time(12), datetime.time(18))
]

# Free studio hours a month, per programme.
QUOTAS = {"music": 20, "gametech": 15, "cultech": 15}

# `name`, `description`, `equipment` (one item per line): az, en, ru.
# `items`: bookable equipment (az, en, ru names, price per hour).
ROOMS = [
    {
        "kind": "photo-video",
        "slug": "foto-studiya-siklorama",
        "capacity": 8,
        "prices": ("30.00", "45.00"),
        "max_minutes": 480,
        "buffer_minutes": 30,
        "name": (
            "Siklorama zalı",
            "Cyclorama hall",
            "Зал с циклорамой",
        ),
        "description": (
            "80 kv. m zal: ağ siklorama, qaranlıqlaşdırma pərdələri, qrim otağı.",
            "An 80 m² hall with a white cyclorama, blackout curtains and a "
            "make-up room.",
            "Зал 80 м² с белой циклорамой, затемнением и гримёркой.",
        ),
        "equipment": (
            "Ağ siklorama, 6 × 4 m\nSoftbokslu LED işıq dəsti\nFon sistemi",
            "White cyclorama, 6 × 4 m\nLED lights with softboxes\nBackdrop stands",
            "Белая циклорама 6 × 4 м\nLED-свет с софтбоксами\nСистема фонов",
        ),
        "items": [
            ("Kamera dəsti", "Camera kit", "Комплект камеры", "15.00"),
            ("Əlavə işıq dəsti", "Extra lighting kit", "Доп. комплект света", "8.00"),
        ],
    },
    {
        "kind": "photo-video",
        "slug": "foto-studiya-musahibe",
        "capacity": 4,
        "prices": ("15.00", "25.00"),
        "name": ("Müsahibə otağı", "Interview room", "Комната для интервью"),
        "description": (
            "Podkast və müsahibə çəkilişi üçün səs izolyasiyalı kiçik otaq.",
            "A small sound-proofed room for podcasts and interviews on camera.",
            "Небольшая звукоизолированная комната для подкастов и интервью.",
        ),
        "equipment": (
            "İki kreslo və masa\nDaimi işıq\nTelesuflyor",
            "Two armchairs and a table\nContinuous lighting\nTeleprompter",
            "Два кресла и стол\nПостоянный свет\nТелесуфлёр",
        ),
        "items": [
            (
                "Simsiz mikrofonlar",
                "Wireless microphones",
                "Беспроводные микрофоны",
                "5.00",
            ),
        ],
    },
    {
        "kind": "sound",
        "slug": "ses-studiyasi-boyuk",
        "capacity": 6,
        "prices": ("25.00", "40.00"),
        "buffer_minutes": 30,
        "name": ("Səsyazma studiyası", "Recording studio", "Студия звукозаписи"),
        "description": (
            "İdarəetmə otağı və canlı zal: ansambl, vokal və miksinq üçün.",
            "A control room and a live room: ensembles, vocals and mixing.",
            "Аппаратная и живой зал: ансамбли, вокал и сведение.",
        ),
        "equipment": (
            "32 kanallı mikşer pultu\nStudiya monitorları\nAkustik pianino",
            "32-channel mixing desk\nStudio monitors\nUpright piano",
            "32-канальный микшерный пульт\nСтудийные мониторы\nАкустическое пианино",
        ),
        "items": [
            ("Mikrofon dəsti", "Microphone set", "Набор микрофонов", "6.00"),
        ],
    },
    {
        "kind": "sound",
        "slug": "ses-vokal-kabinasi",
        "capacity": 2,
        "prices": ("12.00", "18.00"),
        "slot_minutes": 30,
        "min_minutes": 60,
        "max_minutes": 180,
        "name": ("Vokal kabinəsi", "Vocal booth", "Вокальная кабина"),
        "description": (
            "Vokal, səsləndirmə və audiokitab üçün kabinə; yarım saatlıq addımlarla.",
            "A booth for vocals, voice-over and audiobooks, booked by the half hour.",
            "Кабина для вокала, озвучки и аудиокниг; бронь по полчаса.",
        ),
        "equipment": (
            "Kondensator mikrofon\nQulaqlıqlar\nAkustik panellər",
            "Condenser microphone\nHeadphones\nAcoustic panels",
            "Конденсаторный микрофон\nНаушники\nАкустические панели",
        ),
        "items": [],
    },
    {
        "kind": "animation",
        "slug": "animasiya-laboratoriyasi",
        "capacity": 10,
        "prices": ("20.00", "30.00"),
        "max_minutes": 480,
        "name": (
            "Animasiya laboratoriyası",
            "Animation lab",
            "Лаборатория анимации",
        ),
        "description": (
            "On iş yeri, render serveri və stop-motion masası.",
            "Ten workstations, a render server and a stop-motion table.",
            "Десять рабочих мест, рендер-сервер и стол для стоп-моушн.",
        ),
        "equipment": (
            "10 iş stansiyası (Blender, Toon Boom)\nRender serveri\nStop-motion masası",
            "10 workstations (Blender, Toon Boom)\nRender server\nStop-motion table",
            "10 рабочих станций (Blender, Toon Boom)\nРендер-сервер\n"
            "Стол для стоп-моушн",
        ),
        "items": [
            ("Wacom planşetləri", "Wacom tablets", "Планшеты Wacom", "10.00"),
            ("VR eynəkləri", "VR headsets", "VR-шлемы", "12.00"),
        ],
    },
    {
        "kind": "dance",
        "slug": "reqs-zali",
        "capacity": 20,
        "prices": ("25.00", "35.00"),
        "min_minutes": 60,
        "max_minutes": 240,
        "buffer_minutes": 30,
        "name": ("Rəqs zalı", "Dance hall", "Танцевальный зал"),
        "description": (
            "120 kv. m zal: taxta döşəmə, güzgülər, səs sistemi; 20 nəfərə qədər.",
            "A 120 m² hall with a sprung wooden floor, mirrors and a sound "
            "system, for up to 20 people.",
            "Зал 120 м² с деревянным полом, зеркалами и звуковой системой, "
            "до 20 человек.",
        ),
        "equipment": (
            "Güzgülü divar, 12 m\nSəs sistemi\nBalet dəzgahları\nSoyunma otaqları",
            "Mirror wall, 12 m\nSound system\nBallet barres\nChanging rooms",
            "Зеркальная стена 12 м\nЗвуковая система\nБалетные станки\nРаздевалки",
        ),
        "items": [],
    },
    {
        "kind": "dance",
        "slug": "reqs-mesq-otagi",
        "capacity": 8,
        "prices": ("12.00", "18.00"),
        "name": ("Məşq otağı", "Rehearsal room", "Репетиционная"),
        "description": (
            "Kiçik qruplar və fərdi məşqlər üçün güzgülü otaq.",
            "A mirrored room for small groups and solo practice.",
            "Комната с зеркалами для небольших групп и сольных репетиций.",
        ),
        "equipment": (
            "Güzgülər\nPortativ dinamik",
            "Mirrors\nPortable speaker",
            "Зеркала\nПортативная колонка",
        ),
        "items": [
            (
                "Simsiz qulaqlıqlar (10)",
                "Wireless headphones (10)",
                "Беспроводные наушники (10)",
                "4.00",
            ),
        ],
    },
]

# Public holidays of Azerbaijan on fixed dates: (month, day, az, en, ru).
HOLIDAYS = [
    (1, 1, "Yeni il", "New Year", "Новый год"),
    (3, 8, "Qadınlar günü", "Women's Day", "Женский день"),
    (5, 9, "Qələbə günü (1945)", "Victory Day (1945)", "День Победы (1945)"),
    (5, 28, "Müstəqillik günü", "Independence Day", "День независимости"),
    (
        6,
        15,
        "Milli Qurtuluş günü",
        "National Salvation Day",
        "День национального спасения",
    ),
    (6, 26, "Silahlı Qüvvələr günü", "Armed Forces Day", "День вооружённых сил"),
    (11, 8, "Zəfər günü", "Victory Day", "День Победы"),
    (11, 9, "Dövlət Bayrağı günü", "National Flag Day", "День государственного флага"),
    (
        12,
        31,
        "Dünya azərbaycanlılarının həmrəylik günü",
        "Solidarity Day of World Azerbaijanis",
        "День солидарности азербайджанцев мира",
    ),
]

PUBLIC_PASSWORD = "demo-studio-2026"  # noqa: S105 (demo only)
# People from outside who pay for studio time: (email, first name, last name).
PUBLIC = [
    ("kamran@studio-guest.az", "Kamran", "Məmmədov"),
    ("lale@studio-guest.az", "Lalə", "Rzayeva"),
    ("anna@studio-guest.az", "Anna", "Petrova"),
]
# The resident (by slug) whose people book each kind of studio on the quota.
RESIDENT_OF_KIND = {
    "photo-video": "kadr-kollektiv",
    "sound": "sesler-studio",
    "animation": "nar-pixel",
    "dance": "kelagayi-atelier",
}


def _room(spec: dict) -> Room:
    off_peak, peak = spec["prices"]
    values = {
        "kind": spec["kind"],
        "name": spec["name"][0],
        "name_en": spec["name"][1],
        "name_ru": spec["name"][2],
        "description": spec["description"][0],
        "description_en": spec["description"][1],
        "description_ru": spec["description"][2],
        "equipment": spec["equipment"][0],
        "equipment_en": spec["equipment"][1],
        "equipment_ru": spec["equipment"][2],
        "capacity": spec["capacity"],
        "price_off_peak": Decimal(off_peak),
        "price_peak": Decimal(peak),
        "slot_minutes": spec.get("slot_minutes", 60),
        "min_minutes": spec.get("min_minutes", 60),
        "max_minutes": spec.get("max_minutes", 240),
        "buffer_minutes": spec.get("buffer_minutes", 0),
        "sort_order": ROOMS.index(spec),
    }
    room, created = Room.objects.get_or_create(slug=spec["slug"], defaults=values)
    if created:
        OpeningHours.objects.bulk_create(
            OpeningHours(room=room, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in HOURS
        )
        for az, en, ru, price in spec["items"]:
            Equipment.objects.create(
                room=room,
                name=az,
                name_en=en,
                name_ru=ru,
                price_per_hour=Decimal(price),
            )
    if room.product_id is None:
        room_listing_ensure(room=room)
        room.refresh_from_db()
    return room


def next_holiday(today: datetime.date) -> tuple[datetime.date, tuple[str, str, str]]:
    """The first public holiday more than a week after `today` (the demo's
    week of bookings stays clear of it)."""
    for year in (today.year, today.year + 1):
        for month, day, *names in HOLIDAYS:
            date = datetime.date(year, month, day)
            if date > today + datetime.timedelta(days=7):
                return date, tuple(names)
    raise AssertionError("unreachable")  # pragma: no cover


def _closure(reference: Room, today: datetime.date) -> None:
    day, (az, en, ru) = next_holiday(today)
    starts_at = at_local(reference, day, datetime.time(0))
    Closure.objects.get_or_create(
        room=None,
        starts_at=starts_at,
        defaults={
            "ends_at": starts_at + datetime.timedelta(days=1),
            "reason": az,
            "reason_en": en,
            "reason_ru": ru,
        },
    )


def _quotas() -> None:
    for programme, hours in QUOTAS.items():
        Quota.objects.get_or_create(
            programme=programme, defaults={"hours_per_month": hours}
        )


def _pay(*, booking: Booking, now: datetime.datetime) -> None:
    """The booking's booker pays for it: the checkout's own holding and
    placing, with no card (the demo has no Stripe)."""
    buyer = booking.booker
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    booking_basket_add(basket=basket, booking=booking)
    method = NoShippingRequired()
    payment = CheckoutPayment.objects.create(
        basket=basket,
        user=buyer,
        total=basket.total_incl_tax,
        currency="AZN",
        rate=Decimal("1"),
        amount=charge_amount(
            basket, shipping_parts(method), rate=Decimal("1"), currency="AZN"
        ),
        language="en",
        shipping_address=None,
        shipping_method_code=method.code,
        parcels=[],
        expires_at=now + datetime.timedelta(minutes=30),
    )
    holds_take(payment=payment, basket=basket, now=now)
    basket.freeze()
    place_and_record(payment)


def _resident_user(slug: str) -> User | None:
    resident = Resident.objects.filter(slug=slug).select_related("partner").first()
    if resident is None or resident.partner is None:
        return None
    return resident.partner.users.order_by("pk").first()


# The week, per room (by its place in ROOMS): (days from today, hour, hours,
# who). `who`: "quota" (the kind's resident), "paid" (a member of the public,
# through the checkout), "centre" (staff), "held" (waiting for payment),
# "cancelled" (a resident's booking, cancelled in time).
WEEK = {
    0: [
        (1, 10, 3, "quota"),
        (2, 17, 2, "paid"),
        (4, 11, 2, "centre"),
        (5, 12, 3, "paid"),
    ],
    1: [(1, 15, 2, "paid"), (3, 10, 2, "quota"), (6, 14, 2, "held")],
    2: [
        (1, 12, 3, "quota"),
        (2, 18, 3, "paid"),
        (3, 12, 2, "cancelled"),
        (5, 14, 2, "centre"),
    ],
    3: [(2, 11, 1, "quota"), (4, 19, 2, "paid")],
    4: [(1, 10, 4, "quota"), (3, 14, 3, "quota"), (4, 17, 2, "paid")],
    5: [
        (1, 18, 2, "paid"),
        (2, 10, 2, "quota"),
        (4, 19, 2, "centre"),
        (6, 15, 2, "paid"),
    ],
    6: [(2, 17, 1, "paid"), (3, 11, 2, "quota")],
}


def _book(room, *, day, hour, hours, who, staff, public, now) -> Booking | None:
    opens = [o for o in HOURS if o[0] == day.weekday()][0]
    start_hour = max(hour, opens[1].hour)
    if start_hour + hours > opens[2].hour:
        start_hour = opens[2].hour - hours
    request = SlotRequest(
        room_id=room.pk,
        starts_at=at_local(room, day, datetime.time(start_hour)),
        minutes=hours * 60,
        people=min(room.capacity, 3),
    )
    if request.starts_at <= now:
        return None
    if who == "centre":
        return booking_create_for_centre(
            request=request, by=staff, reason="Kreativ Edu", now=now
        )
    if who in ("quota", "cancelled"):
        booker = _resident_user(RESIDENT_OF_KIND[room.kind])
        if booker is None:
            return None
        booking = booking_create(request=request, booker=booker, now=now)
        if who == "cancelled":
            booking_cancel(booking=booking, by=booker, reason="", now=now)
        return booking
    booker = public[(day.toordinal() + hour) % len(public)]
    booking = booking_create(request=request, booker=booker, now=now)
    if who == "paid":
        _pay(booking=booking, now=now)
    return booking


def _checked_in_today(room, *, resident_user, staff, now) -> Booking | None:
    """A resident's booking of today's first hours, checked in at the desk:
    booked the evening before when the room has opened already, else only
    if check-in is open (an hour before the start)."""
    today = timezone.localdate(now)
    opens = [o for o in HOURS if o[0] == today.weekday()][0]
    starts_at = at_local(room, today, opens[1])
    arrived = starts_at + datetime.timedelta(minutes=10)
    booked_at = starts_at - datetime.timedelta(hours=14)
    if now < starts_at - datetime.timedelta(hours=1):
        return None
    request = SlotRequest(room_id=room.pk, starts_at=starts_at, minutes=120)
    try:
        booking = booking_create(request=request, booker=resident_user, now=booked_at)
    except BookingRefused:
        return None
    return booking_check_in(booking=booking, by=staff, now=min(now, arrived))


# Weeks of past use replayed before the coming week, so that the staff's
# use figures and the impact report's studio hours have something to show.
PAST_WEEKS = 6


def _past_weeks(rooms, *, staff, public, today: datetime.date) -> int:
    """The week's plan replayed for each of the last PAST_WEEKS weeks, each
    booking made five days ahead on the services' clock (`demo_clock`);
    bookers then came (checked in ten minutes after the start), except
    every seventh, marked a no-show. A resident's booking beyond the
    month's free hours is paid, like anyone's."""
    made = 0
    for week in range(PAST_WEEKS, 0, -1):
        for index, plan in WEEK.items():
            room = rooms[index]
            for offset, hour, hours, who in plan:
                if who == "held":
                    continue
                day = today + datetime.timedelta(days=offset - 7 * week)
                booked_at = at_local(room, day, datetime.time(9)) - datetime.timedelta(
                    days=5
                )
                with demo_clock(booked_at):
                    booking = _book(
                        room,
                        day=day,
                        hour=hour,
                        hours=hours,
                        who=who,
                        staff=staff,
                        public=public,
                        now=booked_at,
                    )
                    if booking is not None:
                        booking.refresh_from_db()
                        if booking.status == BookingStatus.HELD:
                            _pay(booking=booking, now=booked_at)
                            booking.refresh_from_db()
                if booking is None:
                    continue
                made += 1
                if booking.status != BookingStatus.CONFIRMED:
                    continue
                if made % 7 == 0:
                    later = booking.starts_at + datetime.timedelta(minutes=30)
                    with demo_clock(later):
                        booking_no_show(booking=booking, by=staff, now=later)
                else:
                    arrived = booking.starts_at + datetime.timedelta(minutes=10)
                    with demo_clock(arrived):
                        booking_check_in(booking=booking, by=staff, now=arrived)
    return made


@transaction.atomic
def demo_studios(*, staff_email: str, buyer_email: str) -> int:
    """Rooms, hours, equipment, quotas, a closure and a week of bookings;
    returns how many bookings were made (0 when the week is there)."""
    now = timezone.now()
    rooms = [_room(spec) for spec in ROOMS]
    _closure(rooms[0], timezone.localdate(now))
    _quotas()
    if Booking.objects.filter(room__in=rooms).exists():
        return 0
    staff = User.objects.get(email=staff_email)
    public = [User.objects.get(email=buyer_email)] + [
        demo_user(
            email=email, password=PUBLIC_PASSWORD, first_name=first, last_name=last
        )
        for email, first, last in PUBLIC
    ]
    today = timezone.localdate(now)
    made = 0
    for index, plan in WEEK.items():
        for offset, hour, hours, who in plan:
            day = today + datetime.timedelta(days=offset)
            booking = _book(
                rooms[index],
                day=day,
                hour=hour,
                hours=hours,
                who=who,
                staff=staff,
                public=public,
                now=now,
            )
            made += booking is not None
    made += _past_weeks(rooms, staff=staff, public=public, today=today)
    sound_user = _resident_user(RESIDENT_OF_KIND["sound"])
    if sound_user is not None:
        made += (
            _checked_in_today(rooms[3], resident_user=sound_user, staff=staff, now=now)
            is not None
        )
    return made
