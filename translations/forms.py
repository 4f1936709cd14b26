from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


class SyncForm(forms.Form):
    locales = forms.ModelMultipleChoiceField(
        label=_("Languages to sync"),
        queryset=Locale.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
        help_text=_(
            "Translations that are live and still fully translated are published again; "
            "the others are saved as drafts until the changed strings are translated."
        ),
    )

    def __init__(self, *args, locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locales"].queryset = locales
        self.fields["locales"].initial = list(locales)
        self.fields["locales"].label_from_instance = lambda locale: locale.get_display_name()


class POUploadForm(forms.Form):
    file = forms.FileField(
        label=_("PO file"),
        error_messages={
            "required": _("Choose a PO file to upload."),
            "empty": _("The file is empty or is not a PO file."),
        },
    )
