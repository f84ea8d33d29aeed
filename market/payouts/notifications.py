"""E-mails about where a resident's money goes."""

from __future__ import annotations

from market.mail import mail_in_language

from .models import PayoutProfile, Rail


def _masked(profile: PayoutProfile) -> str:
    """The destination as an e-mail may show it: its last four characters."""
    if profile.rail == Rail.STRIPE_CONNECT:
        return f"Stripe Connect …{profile.stripe_account_id[-4:]}"
    return f"IBAN …{profile.iban[-4:]}"


def resident_addresses(resident) -> list[str]:
    """Everyone who acts for the resident, and the applicant, once each."""
    addresses = []
    people = list(resident.partner.users.all()) if resident.partner_id else []
    if resident.applicant is not None:
        people.insert(0, resident.applicant)
    for person in people:
        if person.email and person.email not in addresses:
            addresses.append(person.email)
    return addresses


def destination_changed_mail(*, profile: PayoutProfile, previous: PayoutProfile):
    """Tell the resident's people, at the addresses they have now, that the
    payout destination changed and until when payouts wait."""
    resident = profile.resident
    mail_in_language(
        language=resident.language,
        subject_template="market/payouts/email/destination_changed_subject.txt",
        body_template="market/payouts/email/destination_changed_body.txt",
        context={
            "resident": resident,
            "old": _masked(previous),
            "new": _masked(profile),
            "held_until": profile.held_until,
        },
        to=resident_addresses(resident),
    )
