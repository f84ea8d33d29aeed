"""CSV downloads shared by the staff admin and the residents' dashboard."""

from django.http import HttpResponse
from django.utils import timezone

from . import services
from .forms import StatementForm


def csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def statement_response(*, resident, query) -> HttpResponse:
    """A resident's statement as CSV for the period in `query` (?start=&end=),
    or 400 with the form's errors."""
    form = StatementForm(query)
    if not form.is_valid():
        return HttpResponse(
            " ".join(m for errors in form.errors.values() for m in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    text = services.statement_csv(
        resident=resident,
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
    )
    return csv_response(
        text, f"statement-{resident.slug}-{timezone.localdate():%Y%m%d}.csv"
    )
