"""Oscar's account forms, changed so that none tells whether an address has an
account (the services decide what happens and tell the owner by e-mail)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer import forms as oscar_forms
from oscar.apps.customer.utils import normalise_email

from .services import (
    answer_no_sooner_than_the_floor,
    password_reset_mail,
    registration_confirmation_resend,
)


class RegistrationForm(oscar_forms.EmailUserCreationForm):
    """Oscar's registration form without "A user with that email address
    already exists": the form is valid for any address and the view calls
    `services.registration_request`, which tells only the address's owner."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def validate_unique(self):
        """The address's uniqueness is the service's business, not an error."""

    def save(self, commit=True):
        raise NotImplementedError("registration_request() makes the account.")


class PasswordResetForm(oscar_forms.PasswordResetForm):
    """The reset link goes through the outbox (a row written, the same time
    for any address); an account still waiting for its confirmation gets
    the confirmation link again instead."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        with answer_no_sooner_than_the_floor():
            for user in self.get_users(email):
                password_reset_mail(user=user)
            registration_confirmation_resend(email=email)


class ProfileForm(oscar_forms.ProfileForm):
    """Oscar's profile form, without "A user with this email address already
    exists": a new address is only asked for here (services.
    email_change_request); it changes when the link mailed to it is opened."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.add("email")
        self.instance.validate_unique(exclude=exclude)


class ReauthForm(forms.Form):
    """ "Type your password again", counted by the sign-in lock-out."""

    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        confirmed = authenticate(self.request, username=user.email, password=password)
        if confirmed is None or confirmed.pk != user.pk:
            raise forms.ValidationError(_("This is not your password."))
        return password


class GuestPasswordForm(forms.Form):
    """The password of the account a guest makes from the mailed link."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Confirm password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two password fields didn't match."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
