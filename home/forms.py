"""The admin form of every page type: page addresses in ASCII (home/slugs.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .slugs import ascii_slug


class SitePageForm(WagtailAdminPageForm):
    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and not slug.isascii():
            raise forms.ValidationError(
                _(
                    "Use only the letters a–z, digits and hyphens in the address, "
                    "for example “%(suggestion)s”."
                ),
                params={"suggestion": ascii_slug(slug)},
            )
        return slug
