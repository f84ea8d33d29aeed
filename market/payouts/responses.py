"""CSV downloads shared by the staff admin and the residents' dashboard."""

from django.http import HttpResponse
from django.utils import timezone

from market.bad_requests import bad_request_page

from . import services
from .forms import StatementForm


def csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def statement_response(request, *, resident) -> HttpResponse:
    """A resident's statement as CSV for the period in the query string
    (?start=&end=), or our 400 page with the form's errors."""
    form = StatementForm(request.GET)
    if not form.is_valid():
        return bad_request_page(
            request,
            # The same message once, even when both dates are out of range.
            " ".join(
                dict.fromkeys(str(m) for errors in form.errors.values() for m in errors)
            ),
        )
    text = services.statement_csv(
        resident=resident,
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
    )
    return csv_response(
        text, f"statement-{resident.slug}-{timezone.localdate():%Y%m%d}.csv"
    )
