"""The pages where people make and revoke their personal access tokens: a
buyer's under their account, a resident's in the shop dashboard. The views
of each place subclass these with their own sign-in rule and templates
(market/accounts/views_tokens.py, market/residents/dashboard/views.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .forms import AccessTokenForm
from .scopes import scopes_for
from .selectors import user_tokens
from .services import access_token_create, access_token_revoke


class AccessTokenPagesMixin:
    """`token_resident()` says whose tokens: a resident's, or None for the
    buyer's own. `list_url_name` and `revoke_url_name` name the routes."""

    list_url_name = ""
    revoke_url_name = ""

    def token_resident(self):
        return None

    def tokens(self):
        return user_tokens(user=self.request.user, resident=self.token_resident())


class AccessTokenListView(AccessTokenPagesMixin, TemplateView):
    """The list of one's tokens and the form for a new one; after "Make",
    the new token, shown this once."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resident_token = self.token_resident() is not None
        context.setdefault("form", AccessTokenForm(resident_token=resident_token))
        descriptions = scopes_for(resident_token=resident_token)
        tokens = list(self.tokens())
        for token in tokens:
            token.scope_labels = [descriptions.get(code, code) for code in token.scopes]
        context["tokens"] = tokens
        context["revoke_url_name"] = self.revoke_url_name
        context["list_url_name"] = self.list_url_name
        return context

    def post(self, request, *args, **kwargs):
        resident = self.token_resident()
        form = AccessTokenForm(request.POST, resident_token=resident is not None)
        if form.is_valid():
            try:
                row, token = access_token_create(
                    user=request.user,
                    resident=resident,
                    name=form.cleaned_data["name"],
                    scopes=form.cleaned_data["scopes"],
                    expires_at=form.expires_at(),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                response = self.render_to_response(
                    self.get_context_data(
                        form=AccessTokenForm(resident_token=resident is not None),
                        new_token=token,
                        new_row=row,
                    )
                )
                # The token is in this page only: no cache may keep it.
                add_never_cache_headers(response)
                return response
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AccessTokenRevokeView(AccessTokenPagesMixin, TemplateView):
    """Confirm (GET), then revoke (POST) one of one's own tokens; another
    person's token, or another shop's, is a 404."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["token"] = get_object_or_404(self.tokens(), pk=self.kwargs["pk"])
        context["list_url_name"] = self.list_url_name
        return context

    def post(self, request, *args, **kwargs):
        row = get_object_or_404(self.tokens(), pk=self.kwargs["pk"])
        access_token_revoke(user=request.user, token_id=row.pk)
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it no longer works.")
            % {"name": row.name},
        )
        return redirect(self.list_url_name)
