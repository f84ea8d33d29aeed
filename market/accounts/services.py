"""Accounts: registering without telling a stranger whether an address has an
account, confirming an address, changing it, and the e-mails that tell the
owner of an address what was done with it (sent through the outbox, in the
language of the person acting)."""

from __future__ import annotations

import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from oscar.apps.customer.utils import get_password_reset_url, normalise_email

from market.mail import mail_in_language, site_url

from .models import User
from .redirects import with_next
from .selectors import guest_orders
from .tokens import (
    confirmation_tokens,
    email_change_read,
    email_change_token,
    guest_claim_token,
)


@contextmanager
def answer_no_sooner_than_the_floor():
    """Make the block last at least MARKET_ACCOUNT_ANSWER_SECONDS: a form whose
    work differs by whether an address has an account (a row written or not,
    an e-mail rendered or not) answers in the same time either way
    (tests/bench/registration_bench.py measures it)."""
    started = time.monotonic()
    try:
        yield
    finally:
        left = settings.MARKET_ACCOUNT_ANSWER_SECONDS - (time.monotonic() - started)
        if left > 0:
            time.sleep(left)


def _language(language: str | None) -> str:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    languages = dict(settings.LANGUAGES)
    return language if language in languages else settings.LANGUAGE_CODE


def _link(language: str, name: str, **kwargs) -> str:
    """An absolute link to a named page, in the reader's language."""
    with translation.override(language):
        return site_url(reverse(name, kwargs=kwargs or None))


def _mail(template: str, *, to: str, language: str, **context) -> None:
    mail_in_language(
        language=language,
        subject_template=f"market/accounts/email/{template}_subject.txt",
        body_template=f"market/accounts/email/{template}_body.txt",
        context=context,
        to=[to],
    )


def _first_in_a_while(kind: str, email: str) -> bool:
    """At most one e-mail of a kind to an address per
    MARKET_ACCOUNT_MAIL_INTERVAL_SECONDS: a stranger repeating a form cannot
    flood someone's inbox. The page answers the same either way."""
    key = f"accounts-mail:{kind}:{email.strip().lower()}"
    return cache.add(key, 1, timeout=settings.MARKET_ACCOUNT_MAIL_INTERVAL_SECONDS)


def _mail_confirmation(user: User, language: str, next_url: str | None) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = _link(
        language,
        "accounts:confirm",
        uidb64=uid,
        token=confirmation_tokens.make_token(user),
    )
    # The link brings them back to the page where they signed up.
    _mail("confirm", to=user.email, language=language, link=with_next(link, next_url))


def _reset_link(user: User, language: str) -> str:
    with translation.override(language):
        return site_url(get_password_reset_url(user))


@transaction.atomic
def registration_request(
    *,
    email: str,
    password: str,
    language: str | None = None,
    next_url: str | None = None,
) -> None:
    """Someone registers `email` with `password`. The answer they see is the
    same whatever happens here ("we sent you a link"); what happens is told
    only to the owner of the address, by e-mail:
    - a new address gets an inactive account and a link to confirm it;
    - an address whose account still waits for confirmation gets a new link
      (and the new password: the link is what proves the address);
    - an address with an account gets "you already have an account", with
      links to sign in and to set a new password; nothing changes.
    The password is hashed in every case, so the time taken tells nothing.
    A second registration of an address within
    MARKET_ACCOUNT_MAIL_INTERVAL_SECONDS does nothing (no e-mail flood).
    `next_url` (a path of this site, checked by the caller) is where the
    mailed links bring them back to."""
    language = _language(language)
    email = normalise_email(email)
    hashed = make_password(password)
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create(
                    email=email,
                    password=hashed,
                    is_active=False,
                    email_confirmed=False,
                )
        except IntegrityError:  # the same address, registered at this instant
            user = User.objects.select_for_update().get(email__iexact=email)
        else:
            _first_in_a_while("registration", email)
            _mail_confirmation(user, language, next_url)
            return
    if not _first_in_a_while("registration", email):
        return
    if user.awaits_confirmation:
        user.password = hashed
        user.save(update_fields=["password"])
        _mail_confirmation(user, language, next_url)
        return
    _mail(
        "already_registered",
        to=user.email,
        language=language,
        login_link=with_next(_link(language, "customer:login"), next_url),
        reset_link=_link(language, "password-reset"),
    )


def registration_confirmation_resend(*, email: str, language: str | None = None):
    """Asked for a new password, an account still waiting for its
    confirmation gets the confirmation link again (it has no password to
    reset until its address is confirmed)."""
    waiting = User.objects.filter(
        email__iexact=normalise_email(email), is_active=False, email_confirmed=False
    ).first()
    if waiting is not None and _first_in_a_while("registration", waiting.email):
        _mail_confirmation(waiting, _language(language), None)


@transaction.atomic
def registration_confirm(*, uidb64: str, token: str) -> User | None:
    """Activate the account the link names, once; None for a link that is
    wrong, spent or expired (and for an account staff deactivated)."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.select_for_update().filter(pk=pk).first()
    if user is None or not user.awaits_confirmation:
        return None
    if not confirmation_tokens.check_token(user, token):
        return None
    user.is_active = True
    user.email_confirmed = True
    user.save(update_fields=["is_active", "email_confirmed"])
    return user


def password_reset_mail(*, user: User, language: str | None = None) -> None:
    """The link to set a new password, queued in the outbox: the reset form
    answers in the same time whether or not the address has an account."""
    language = _language(language)
    if not _first_in_a_while("password-reset", user.email):
        return
    _mail(
        "password_reset",
        to=user.email,
        language=language,
        reset_link=_reset_link(user, language),
    )


def password_changed_mail(*, user: User, language: str | None = None) -> None:
    language = _language(language)
    _mail(
        "password_changed",
        to=user.email,
        language=language,
        reset_link=_reset_link(user, language),
    )


@transaction.atomic
def email_change_request(
    *, user: User, new_email: str, language: str | None = None
) -> bool:
    """The signed-in `user` asks to use `new_email`. Nothing changes until the
    link mailed to the new address is followed; the old address is told at
    once. If the new address already has an account, its owner is told that
    instead of getting a link, and the person asking sees the same answer.
    Returns False when the address is the one the account has."""
    language = _language(language)
    new_email = normalise_email(new_email)
    if new_email.lower() == user.email.lower():
        return False
    if not _first_in_a_while("email-change", new_email):
        return True
    taken = User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).first()
    if taken is not None:
        _mail(
            "email_change_taken",
            to=taken.email,
            language=language,
            login_link=_link(language, "customer:login"),
        )
    else:
        _mail(
            "email_change_confirm",
            to=new_email,
            language=language,
            old_email=user.email,
            link=_link(
                language,
                "accounts:email-confirm",
                token=email_change_token(user=user, new_email=new_email),
            ),
        )
    _mail(
        "email_change_requested",
        to=user.email,
        language=language,
        new_email=new_email,
        reset_link=_reset_link(user, language),
    )
    return True


@transaction.atomic
def email_change_confirm(*, token: str, language: str | None = None) -> User | None:
    """Give the account the new address the link names, once; the old address
    is told. None for a forged, expired or spent link, or when the new
    address has meanwhile been taken."""
    language = _language(language)
    data = email_change_read(token)
    if not data:
        return None
    user = User.objects.select_for_update().filter(pk=data["user"]).first()
    if user is None or user.email != data["old"]:
        return None
    if User.objects.filter(email__iexact=data["new"]).exclude(pk=user.pk).exists():
        return None
    old_email = user.email
    user.email = data["new"]
    try:
        with transaction.atomic():
            user.save(update_fields=["email"])
    except IntegrityError:
        return None
    _mail(
        "email_changed",
        to=old_email,
        language=language,
        new_email=user.email,
        reset_link=_reset_link(user, language),
    )
    return user


def two_factor_reset_mail(*, user: User, language: str | None = None) -> None:
    language = _language(language)
    _mail(
        "two_factor_reset",
        to=user.email,
        language=language,
        setup_link=_link(language, "accounts:twofactor"),
    )


def guest_account_offer(*, order, language: str | None = None) -> bool:
    """A guest who just paid asks for an account: mail the order's address a
    link (market.accounts.tokens.guest_claim_token) that sets a password and
    brings the guest orders of that address into the new account. If the
    address already has an account, the mail says so instead: its owner
    signs in, then the same link adds the orders (only to the account of
    that very address). The page answers the same either way. At most one
    such mail per address per MARKET_ACCOUNT_MAIL_INTERVAL_SECONDS. Returns
    False for an order that is not a guest's."""
    if order.user_id is not None or not order.guest_email:
        return False
    language = _language(language)
    email = order.guest_email
    if not _first_in_a_while("guest-account", email):
        return True
    has_account = User.objects.filter(email__iexact=email, is_active=True).exists()
    _mail(
        "guest_account",
        to=email,
        language=language,
        has_account=has_account,
        order_number=order.number,
        link=_link(language, "accounts:guest-claim", token=guest_claim_token(email)),
    )
    return True


def guest_orders_claim(*, user: User, email: str) -> int:
    """Bring the guest orders of `email` into `user`'s account. Only for the
    account whose own address it is (the caller has a link mailed to that
    address and, for an account that existed, its signed-in owner). Returns
    how many orders joined."""
    if user.email.strip().lower() != email.strip().lower():
        return 0
    return guest_orders(email).update(user=user)


@transaction.atomic
def guest_account_create(*, email: str, password: str) -> User | None:
    """Make the account of `email` from a guest's mailed link (which proves
    the address: the account is confirmed), with `password`, and bring the
    address's guest orders into it. An account that still waits for its
    confirmation is confirmed the same way (the link proves the address as
    well as that account's own link would). None when the address already
    has an account: its owner signs in to claim the orders."""
    email = normalise_email(email)
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create(
                    email=email,
                    password=make_password(password),
                    is_active=True,
                    email_confirmed=True,
                )
        except IntegrityError:  # the same address, at this instant
            return None
    elif user.awaits_confirmation:
        user.password = make_password(password)
        user.is_active = True
        user.email_confirmed = True
        user.save(update_fields=["password", "is_active", "email_confirmed"])
    else:
        return None
    guest_orders_claim(user=user, email=email)
    return user
