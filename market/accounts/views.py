"""Oscar's account views where they must change (the class loader hands these
out in their place: market/class_loading.py), and the pages of our own:
"check your inbox", confirming an account or a new address, and "type your
password again"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from oscar.apps.customer import views as oscar_views

from . import services, twofactor
from .forms import ProfileForm, ReauthForm, RegistrationForm
from .models import User
from .reauth import RecentAuthenticationRequiredMixin, mark_authenticated

EMAIL_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"


def _register(form) -> None:
    with services.answer_no_sooner_than_the_floor():
        services.registration_request(
            email=form.cleaned_data["email"], password=form.cleaned_data["password1"]
        )


class AccountAuthView(oscar_views.AccountAuthView):
    """Sign-in and registration on one page (Oscar's), where registering
    always answers "we sent you a link", whatever the address."""

    registration_form_class = RegistrationForm

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            _register(form)
            return redirect("accounts:register-sent")
        ctx = self.get_context_data(registration_form=form)
        return self.render_to_response(ctx)


class AccountRegistrationView(oscar_views.AccountRegistrationView):
    form_class = RegistrationForm

    def form_valid(self, form):
        _register(form)
        return redirect("accounts:register-sent")


class RegistrationSentView(TemplateView):
    template_name = "market/accounts/register_sent.html"


class _LinkView(TemplateView):
    """A link from an e-mail: GET shows a button, POST acts (a mail scanner
    that opens links does not spend them)."""

    template_name = "market/accounts/link_confirm.html"
    title = ""
    button = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, button=self.button)
        return context

    def refused(self):
        return self.render_to_response(self.get_context_data(refused=True), status=400)


class RegistrationConfirmView(_LinkView):
    title = _("Confirm your address")
    button = _("Finish signing up")

    def post(self, request, uidb64: str, token: str):
        user = services.registration_confirm(uidb64=uidb64, token=token)
        if user is None:
            return self.refused()
        login(request, user, backend=EMAIL_BACKEND)
        messages.success(request, _("Your account is ready. Welcome!"))
        return redirect(settings.LOGIN_REDIRECT_URL)


class EmailChangeConfirmView(_LinkView):
    title = _("Confirm your new address")
    button = _("Use this address")

    def post(self, request, token: str):
        user = services.email_change_confirm(token=token)
        if user is None:
            return self.refused()
        messages.success(
            request,
            _("Your account's address is now %(email)s.") % {"email": user.email},
        )
        if request.user.is_authenticated and request.user.pk == user.pk:
            return redirect("customer:profile-view")
        return redirect("customer:login")


class ProfileUpdateView(
    RecentAuthenticationRequiredMixin, oscar_views.ProfileUpdateView
):
    """Oscar's profile form, where a new address is asked for, not set: it
    changes when the link mailed to it is opened; the old address is told."""

    form_class = ProfileForm

    def form_valid(self, form):
        user = self.request.user
        new_email = form.cleaned_data.get("email") or user.email
        old_email = User.objects.get(pk=user.pk).email
        form.instance.email = old_email
        form.save()
        if new_email.lower() != old_email.lower():
            services.email_change_request(user=user, new_email=new_email)
            messages.info(
                self.request,
                _("We sent a link to %(email)s. Your address changes when you open it.")
                % {"email": new_email},
            )
        messages.success(self.request, _("Profile updated"))
        return redirect(self.get_success_url())


class ProfileView(oscar_views.ProfileView):
    """Oscar's profile page, with whether two-factor sign-in is on."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["two_factor_on"] = twofactor.is_on(self.request.user)
        return context


class ChangePasswordView(
    RecentAuthenticationRequiredMixin, oscar_views.ChangePasswordView
):
    def send_password_changed_email(self):
        services.password_changed_mail(user=self.request.user)


class ReauthView(FormView):
    """Type your password again, then go back to what you were doing."""

    template_name = "market/accounts/reauth.html"
    form_class = ReauthForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs

    def _next(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ) and target.startswith("/"):
            return target
        return "/"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self._next()
        context["minutes"] = settings.MARKET_REAUTH_MINUTES
        return context

    def form_valid(self, form):
        mark_authenticated(self.request)
        return redirect(self._next())
