"""The views Oscar's `reviews` app loads in place of its own (through
market/class_loading.py): same names, our rule.

- CreateProductReview asks `review_refusal` on GET and POST and writes through
  `services.review_create`; anonymous visitors are sent to sign in.
- ProductReviewDetail and ProductReviewList show only approved reviews of a
  product on sale (Oscar's showed any review by its id, pending or rejected).
- AddVoteView: voting is off. Any new account could vote, so "helpful"
  counts would say nothing a buyer can trust; the address answers 404.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from oscar.apps.catalogue.reviews import views as oscar_views

from catalogue.models import Product
from market.residents.selectors import product_is_listed

from . import services
from .forms import ProductReviewForm
from .selectors import approved_reviews, review_refusal


def listed_product(product_pk) -> Product:
    """The product of a review address, 404 unless it is on sale now."""
    product = get_object_or_404(Product, pk=product_pk)
    if product.is_child or not product_is_listed(product):
        raise Http404
    return product


class CreateProductReview(LoginRequiredMixin, FormView):
    template_name = "oscar/catalogue/reviews/review_form.html"
    form_class = ProductReviewForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.product = listed_product(kwargs["product_pk"])
        refusal = review_refusal(request.user, self.product)
        if refusal is not None:
            messages.warning(request, refusal)
            return redirect(self.product.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["product"] = self.product
        return context

    def form_valid(self, form):
        try:
            services.review_create(
                user=self.request.user, product=self.product, **form.cleaned_data
            )
        except ValidationError as error:
            messages.warning(self.request, " ".join(error.messages))
            return redirect(self.product.get_absolute_url())
        messages.success(
            self.request,
            _("Thank you. Your review will appear once Centre staff approve it."),
        )
        return redirect(self.product.get_absolute_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    def get_queryset(self):
        self.product = listed_product(self.kwargs["product_pk"])
        return approved_reviews(self.product)

    def get_context_data(self, **kwargs):
        context = super(oscar_views.ProductReviewDetail, self).get_context_data(
            **kwargs
        )
        context["product"] = self.product
        return context


class ProductReviewList(oscar_views.ProductReviewList):
    def get(self, request, *args, **kwargs):
        self.product = listed_product(kwargs["product_pk"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("user", "purchase", "answer__resident")
        )

    def get_context_data(self, **kwargs):
        context = super(oscar_views.ProductReviewList, self).get_context_data(**kwargs)
        context["product"] = self.product
        context["form"] = self.form
        return context


class AddVoteView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404
