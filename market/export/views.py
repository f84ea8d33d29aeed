"""The buyer picks the country their parcels would go to."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from market.currencies.views import _safe_next

from .countries import COUNTRY_CODES
from .destination import destination_set


@require_POST
def set_destination(request):
    """Store the chosen country (field `country`) and go back to `next`. An
    unknown code leaves everything as it was and says so."""
    country = request.POST.get("country", "")
    redirect = HttpResponseRedirect(_safe_next(request))
    if country not in COUNTRY_CODES:
        messages.error(request, _("Choose a country from the list."))
        return redirect
    destination_set(request, country)
    return redirect
