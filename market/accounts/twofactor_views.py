"""Two-factor sign-in pages (market/accounts/twofactor.py): turning it on with
a QR code, the code page after the password, new backup codes, turning it
off."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import twofactor
from .reauth import RecentAuthenticationRequiredMixin
from .redirects import safe_next


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "size": 12}
        ),
    )


class TurnOffForm(CodeForm):
    password = forms.CharField(
        label=gettext_lazy("Password"), strip=False, widget=forms.PasswordInput
    )


def _safe_next(request) -> str:
    return safe_next(request)


def _refusal(check: twofactor.Check) -> str:
    if check.wait_until is not None:
        seconds = max(1, int((check.wait_until - timezone.now()).total_seconds()) + 1)
        return _(
            "Too many wrong codes. Wait %(seconds)s seconds, then try the newest code."
        ) % {"seconds": seconds}
    return _("This code is not right. Try the newest code from your app.")


class SetupView(LoginRequiredMixin, RecentAuthenticationRequiredMixin, TemplateView):
    """Off: the QR code and the key, and a code to confirm. On: the state,
    backup codes left, new backup codes, turning it off."""

    template_name = "market/accounts/twofactor/setup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            on=twofactor.is_on(user),
            required=twofactor.staff_must_use(user),
            next=_safe_next(self.request),
        )
        if context["on"]:
            context["codes_left"] = twofactor.backup_codes_left(user)
            context.setdefault("form", CodeForm())
        else:
            device = twofactor.setup_device(user)
            context.update(
                device=device,
                qr=twofactor.qr_svg(device, _("QR code for your authenticator app")),
                secret=twofactor.secret_text(device),
            )
            context.setdefault("form", CodeForm())
        return context

    def post(self, request, *args, **kwargs):
        form = CodeForm(request.POST)
        user = request.user
        if twofactor.is_on(user) or not form.is_valid():
            return redirect("accounts:twofactor")
        device_pk = request.POST.get("device", "")
        check, codes = twofactor.Check(), None
        if device_pk.isdigit():
            try:
                codes = twofactor.setup_confirm(
                    user=user,
                    device_pk=int(device_pk),
                    token=form.cleaned_data["code"],
                )
            except twofactor.Throttled as refusal:
                check = twofactor.Check(wait_until=refusal.wait_until)
        if codes is None:
            form.add_error("code", _refusal(check))
            return self.render_to_response(self.get_context_data(form=form))
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        otp_login(request, device)
        messages.success(request, _("Two-factor sign-in is on."))
        return _codes_page(request, codes)


def _codes_page(request, codes):
    """The backup codes, shown once (not kept anywhere we can show again)."""
    return TemplateResponse(
        request,
        "market/accounts/twofactor/backup_codes.html",
        {"codes": codes, "next": _safe_next(request)},
    )


class BackupCodesView(
    LoginRequiredMixin, RecentAuthenticationRequiredMixin, TemplateView
):
    """New backup codes (the old ones stop working), for a current code."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = CodeForm(request.POST)
        if not twofactor.is_on(request.user):
            return redirect("accounts:twofactor")
        check = (
            twofactor.check_code(user=request.user, token=form.cleaned_data["code"])
            if form.is_valid()
            else twofactor.Check()
        )
        if check.device is None:
            messages.error(request, _refusal(check))
            return redirect("accounts:twofactor")
        return _codes_page(request, twofactor.backup_codes_renew(user=request.user))


class VerifyView(LoginRequiredMixin, TemplateView):
    """After the password: a code from the app, or a backup code."""

    template_name = "market/accounts/twofactor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and (user.is_verified() or not twofactor.is_on(user)):
            return redirect(_safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CodeForm())
        context["next"] = _safe_next(self.request)
        return context

    def post(self, request, *args, **kwargs):
        form = CodeForm(request.POST)
        if form.is_valid():
            check = twofactor.check_code(
                user=request.user, token=form.cleaned_data["code"]
            )
            if check.device is not None:
                otp_login(request, check.device)
                return redirect(_safe_next(request))
            form.add_error("code", _refusal(check))
        return self.render_to_response(self.get_context_data(form=form))


class TurnOffView(LoginRequiredMixin, RecentAuthenticationRequiredMixin, TemplateView):
    """Needs the password and a current code; refused to staff who must use
    it."""

    template_name = "market/accounts/twofactor/turn_off.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", TurnOffForm())
        context["required"] = twofactor.staff_must_use(self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        user = request.user
        form = TurnOffForm(request.POST)
        if twofactor.staff_must_use(user):
            form.add_error(
                None,
                _("Staff must keep two-factor sign-in on: it cannot be turned off."),
            )
        elif form.is_valid():
            confirmed = authenticate(
                request, username=user.email, password=form.cleaned_data["password"]
            )
            if confirmed is None or confirmed.pk != user.pk:
                form.add_error("password", _("This is not your password."))
            else:
                check = twofactor.check_code(user=user, token=form.cleaned_data["code"])
                if check.device is None:
                    form.add_error("code", _refusal(check))
                else:
                    twofactor.turn_off(user=user)
                    messages.success(request, _("Two-factor sign-in is off."))
                    return redirect("accounts:twofactor")
        return self.render_to_response(self.get_context_data(form=form))
