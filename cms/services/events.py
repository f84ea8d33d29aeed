"""Placeholder: being written (event registration, race-safe, waitlist)."""


def event_state(page, user):
    return None
