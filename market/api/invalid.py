"""Bad input found by a form or a service, as a 422 problem with the errors
per field (the names the caller sent)."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .problems import problem_response


def invalid_response(errors: list[dict]) -> HttpResponse:
    return problem_response(
        status=422,
        type="invalid-input",
        title=_("The request has invalid values."),
        detail="; ".join(f"{e['field']}: {e['message']}" for e in errors),
        errors=errors,
    )


def errors_of(error: ValidationError, rename=lambda field: field) -> list[dict]:
    """A Django ValidationError as [{field, message}]; errors without a
    field are the body's."""
    if hasattr(error, "error_dict"):
        return [
            {"field": rename(field), "message": str(message)}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": "body", "message": str(message)} for message in error.messages]
