from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from market.validators import validate_one_line

from ..blocks import BodyBlock
from .base import SitePage


class StandardPage(SitePage):
    """A plain content page: about, terms, privacy, delivery and returns,
    and the like. It may have pages of its own below it."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*SitePage.search_fields, index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class ContactFormField(AbstractFormField):
    page = ParentalKey(
        "cms.ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ContactFormBuilder(FormBuilder):
    """The editor's fields; a one-line field (a name, a subject) holds one
    line: a line break there is refused with a clear error."""

    def create_singleline_field(self, field, options):
        form_field = super().create_singleline_field(field, options)
        form_field.validators.append(validate_one_line)
        return form_field


class ContactPage(AbstractEmailForm):
    """A contact form: the fields are the editor's; each message is kept in
    the admin (Forms) and mailed to the address given."""

    form_builder = ContactFormBuilder

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link"])
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "link"]
    )

    content_panels = [
        FormSubmissionsPanel(),
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]
    search_fields = [*AbstractEmailForm.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    @property
    def description(self) -> str:
        return self.search_description

    def og_image(self):
        return None
