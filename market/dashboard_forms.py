"""Forms of Oscar's dashboard we replace without forking it (handed out by
our class loader, see market/class_loading.py)."""

from django.core.files.uploadedfile import UploadedFile
from oscar.apps.dashboard.catalogue.forms import (
    ProductImageForm as OscarProductImageForm,
)

from market.uploads import check_pixels


class ProductImageForm(OscarProductImageForm):
    """Staff's product pictures: at most MARKET_IMAGE_MAX_PIXELS pixels, like
    the residents' (the size is read before anything decodes the picture)."""

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        if isinstance(upload, UploadedFile):  # a new picture, not the stored one
            check_pixels(upload)
        return upload
