"""Forms of product reviews: what a buyer writes and what a resident answers.
Text with control characters (other than line breaks and tabs in the body)
is a form error, never stored."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ANSWER_MAX_LENGTH

TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 3000
LINE_BREAKS = {"\n", "\r", "\t"}


def _control_characters(text: str, allowed: set[str]) -> bool:
    # NUL has Django's own message (ProhibitNullCharactersValidator).
    return any(
        unicodedata.category(ch) == "Cc" and ch not in allowed and ch != "\x00"
        for ch in text
    )


def no_control_characters(text: str) -> None:
    if _control_characters(text, set()):
        raise ValidationError(_("Remove the control characters from this text."))


def no_control_characters_but_line_breaks(text: str) -> None:
    if _control_characters(text, LINE_BREAKS):
        raise ValidationError(_("Remove the control characters from this text."))


class ProductReviewForm(forms.Form):
    """A buyer's review: a title, one to five stars, a text."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        validators=[no_control_characters],
    )
    score = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(stars, stars) for stars in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Your review"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[no_control_characters_but_line_breaks],
    )


class AnswerForm(forms.Form):
    """A resident's answer to a review of their own product."""

    body = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_control_characters_but_line_breaks],
    )


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
