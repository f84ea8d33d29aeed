"""Writes of Kreativ Edu, one module a sub-domain: seats (the one seat
allocation), waitlist, sponsors, attendance, certificates, profiles."""

from .seats import (
    CourseFull,
    SeatsUnavailable,
    enrolment_create,
    is_course,
    seat_cancel,
    seats_cancel_for_line,
    seats_create_for_order,
    seats_hold_for_checkout,
    seats_take_for_order,
)

__all__ = [
    "CourseFull",
    "SeatsUnavailable",
    "enrolment_create",
    "is_course",
    "seat_cancel",
    "seats_cancel_for_line",
    "seats_create_for_order",
    "seats_hold_for_checkout",
    "seats_take_for_order",
]
