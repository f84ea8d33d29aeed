"""Forms of Oscar's dashboard we replace without forking it (handed out by
our class loader, see market/class_loading.py)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from oscar.apps.dashboard.catalogue.forms import (
    CategoryForm as OscarCategoryForm,
)
from oscar.apps.dashboard.catalogue.forms import (
    ProductClassForm as OscarProductClassForm,
)
from oscar.apps.dashboard.catalogue.forms import (
    ProductImageForm as OscarProductImageForm,
)
from treebeard.forms import movenodeform_factory

from catalogue.models import Category
from market.uploads import check_pixels


class PixelLimitedImageField(forms.ImageField):
    """Django's ImageField, which first refuses a picture of more than
    MARKET_IMAGE_MAX_PIXELS pixels, read from its header (Django's own check
    opens it with Pillow, whose limit would only say "not an image")."""

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            check_pixels(data)
        return super().to_python(data)


class ProductImageForm(OscarProductImageForm):
    """Staff's product pictures: at most MARKET_IMAGE_MAX_PIXELS pixels, like
    the residents' (the size is read before anything decodes the picture)."""

    class Meta(OscarProductImageForm.Meta):
        field_classes = {"original": PixelLimitedImageField}


# Staff name categories and product kinds in the three languages: the
# original (Azerbaijani) name, then English and Russian, which visitors of
# /en/ and /ru/ read.
_CATEGORY_FIELDS = [
    "name",
    "name_en",
    "name_ru",
    "slug",
    "description",
    "description_en",
    "description_ru",
    "image",
    "is_public",
    "exclude_from_menu",
    "meta_title",
    "meta_description",
]


class CategoryForm(
    movenodeform_factory(
        Category,
        form=OscarCategoryForm,
        fields=_CATEGORY_FIELDS,
        exclude=["ancestors_are_public"],
        widgets={"meta_description": forms.Textarea(attrs={"class": "no-widget-init"})},
    )
):
    """Oscar's category form with the English and Russian name and
    description."""


class ProductClassForm(OscarProductClassForm):
    """Oscar's product class form with the English and Russian name."""

    class Meta(OscarProductClassForm.Meta):
        fields = ["name", "name_en", "name_ru", "requires_shipping", "track_stock"]
        fields += ["options"]
