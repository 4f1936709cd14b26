"""Translated slugs in ASCII (``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` in the settings).

A translated slug goes through wagtail-localize, which runs Django's ``slugify`` on it: that
drops every letter without an ASCII decomposition. The slug string is transliterated with
``home.slugs.ascii_slug`` when it is saved, before wagtail-localize sees it.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail_localize.models import StringTranslation

from home.slugs import ascii_slug


@receiver(pre_save, sender=StringTranslation)
def transliterate_slug(sender, instance, raw=False, **kwargs):
    if raw or instance.context_id is None:
        return
    if instance.context.path == "slug" and instance.data:
        instance.data = ascii_slug(instance.data) or instance.data
