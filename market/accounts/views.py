"""Oscar's account views where they must change (the class loader hands these
out in their place: market/class_loading.py), and the pages of our own:
"check your inbox", confirming an account or a new address, and "type your
password again"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from oscar.apps.customer import views as oscar_views
from oscar.apps.order.models import Order

from . import services, twofactor
from .forms import GuestPasswordForm, ProfileForm, ReauthForm, RegistrationForm
from .models import User
from .reauth import RecentAuthenticationRequiredMixin, mark_authenticated
from .redirects import NEXT, safe_next, safe_target, with_next
from .tokens import guest_claim_read

EMAIL_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"


def _next_or_none(request) -> str | None:
    """The page the visitor came from (the `next` in the page's address),
    when it is a page of this site."""
    return safe_target(
        request.GET.get(NEXT), host=request.get_host(), secure=request.is_secure()
    )


def _register(form, request) -> None:
    with services.answer_no_sooner_than_the_floor():
        services.registration_request(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            next_url=_next_or_none(request),
        )


def _sent(request):
    """ "Check your inbox", whose sign-in link still comes back to `next`."""
    return redirect(
        with_next(reverse("accounts:register-sent"), _next_or_none(request))
    )


class _BackWhereYouCameFrom:
    """Signed in (or already signed in): back to `next`, in its language, or
    to the home page of the language of this page, never to another host."""

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(safe_next(request))
        return super().get(request, *args, **kwargs)


class AccountAuthView(_BackWhereYouCameFrom, oscar_views.AccountAuthView):
    """Sign-in and registration on one page (Oscar's), where registering
    always answers "we sent you a link", whatever the address."""

    registration_form_class = RegistrationForm

    def get_login_success_url(self, form):
        return safe_next(self.request, form.cleaned_data.get("redirect_url") or "")

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            _register(form, self.request)
            return _sent(self.request)
        ctx = self.get_context_data(registration_form=form)
        return self.render_to_response(ctx)


class AccountRegistrationView(
    _BackWhereYouCameFrom, oscar_views.AccountRegistrationView
):
    form_class = RegistrationForm

    def form_valid(self, form):
        _register(form, self.request)
        return _sent(self.request)


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
        # Back to the page where they signed up, in its language.
        return redirect(safe_next(request))


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
        return safe_next(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self._next()
        context["minutes"] = settings.MARKET_REAUTH_MINUTES
        return context

    def form_valid(self, form):
        mark_authenticated(self.request)
        return redirect(self._next())


class GuestClaimView(FormView):
    """The link mailed to a guest who asked for an account after paying
    (services.guest_account_offer). The address has no account: choose a
    password; the account is made, confirmed (the link proves the address)
    and signed in, with the guest orders of that address. The address has
    an account: its owner signs in (and comes back here), then one button
    adds the orders. Signed in as another account: refused, nothing
    moves."""

    template_name = "market/accounts/guest_claim.html"
    form_class = GuestPasswordForm

    def dispatch(self, request, *args, **kwargs):
        self.email = guest_claim_read(kwargs["token"])
        if self.email is None:
            return self.render_to_response(
                self.get_context_data(refused=True, form=None), status=400
            )
        self.account = User.objects.filter(
            email__iexact=self.email, is_active=True
        ).first()
        if self.account is not None:
            if not request.user.is_authenticated:
                return redirect(
                    with_next(reverse("customer:login"), self.request.get_full_path())
                )
            if request.user.pk != self.account.pk:
                return self.render_to_response(
                    self.get_context_data(other_account=True, form=None), status=403
                )
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        if self.account is not None:
            return None
        return super().get_form(form_class)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["email"] = self.email
        context["has_account"] = getattr(self, "account", None) is not None
        return context

    def post(self, request, *args, **kwargs):
        if self.account is not None:
            count = services.guest_orders_claim(user=request.user, email=self.email)
            messages.success(request, _orders_joined(count))
            return redirect("customer:order-list")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = services.guest_account_create(
            email=self.email, password=form.cleaned_data["password1"]
        )
        if user is None:
            # Made meanwhile (another tab): its owner signs in to claim.
            return redirect(
                with_next(reverse("customer:login"), self.request.get_full_path())
            )
        login(self.request, user, backend=EMAIL_BACKEND)
        messages.success(self.request, _("Your account is ready. Welcome!"))
        return redirect("customer:order-list")


def _orders_joined(count: int) -> str:
    return ngettext(
        "%(count)d order placed as a guest is now in your account.",
        "%(count)d orders placed as a guest are now in your account.",
        count,
    ) % {"count": count}


class _GuestOrderDoor:
    """Oscar's status page of a guest's order: the link's signed hash must
    match the order number, or the answer is 404 (whatever the address);
    then the page asks for the order's e-mail address (any letter case)."""

    def dispatch(self, request, *args, **kwargs):
        order = Order.objects.filter(user=None, number=kwargs.get("order_number"))
        order = order.first()
        if order is None or not order.check_verification_hash(kwargs.get("hash")):
            raise Http404
        self._order = order
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        email = (self.request.session.get("anon_order_email") or "").strip().lower()
        if email and self._order.guest_email.strip().lower() == email:
            return self._order
        return None


class AnonymousOrderDetailView(_GuestOrderDoor, oscar_views.AnonymousOrderDetailView):
    pass


class AnonymousOrderFormView(_GuestOrderDoor, oscar_views.AnonymousOrderFormView):
    pass
