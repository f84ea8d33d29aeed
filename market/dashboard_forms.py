"""Forms of Oscar's dashboard we replace without forking it (handed out by
our class loader, see market/class_loading.py)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from oscar.apps.dashboard.catalogue.forms import (
    ProductImageForm as OscarProductImageForm,
)

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
