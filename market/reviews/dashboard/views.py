"""Reviews of the resident's products, in the resident dashboard, where the
resident answers each once. Scoped like the rest of the dashboard: the
signed-in user's approved resident (`acting_resident`), and only reviews of
that resident's own products (another's review is a 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from market.residents.dashboard.views import ResidentRequiredMixin

from .. import services
from ..forms import AnswerForm
from ..selectors import reviews_of_resident

SHOWN = 100


class ReviewsView(ResidentRequiredMixin, TemplateView):
    template_name = "market/reviews/dashboard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviews"] = reviews_of_resident(self.resident)[:SHOWN]
        context.setdefault("answer_form", AnswerForm())
        return context


class AnswerView(ResidentRequiredMixin, TemplateView):
    template_name = "market/reviews/dashboard/index.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        review = get_object_or_404(
            reviews_of_resident(self.resident), pk=self.kwargs["pk"]
        )
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.review_answer(
                    user=request.user, review=review, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Your answer is published under the review.")
                )
                return redirect("resident_reviews:index")
        context = self.get_context_data(answer_form=form, answered_review=review)
        return self.render_to_response(context, status=400)
