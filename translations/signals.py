"""Keep the language teams and review workflows in step with the locales and their trees."""

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page


def _sync():
    from .review import sync_review_workflows
    from .teams import sync_teams

    sync_teams()
    sync_review_workflows()


@receiver(post_save, sender=Locale)
def locale_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _sync()


@receiver(post_delete, sender=Locale)
def locale_deleted(sender, instance, **kwargs):
    """A deleted locale's team loses its permissions (kept if it has members) and its review stops."""
    from .review import retire_review_workflow
    from .teams import retire_team

    retire_review_workflow(instance.language_code)
    retire_team(instance.language_code)


def page_saved(sender, instance, created, raw=False, **kwargs):
    # The root of a language's tree (a home page) was created.
    if created and not raw and instance.depth == 2:
        _sync()


def connect_page_signals():
    from wagtail.models import get_page_models

    for model in get_page_models():
        post_save.connect(
            page_saved, sender=model, dispatch_uid=f"translations-tree-root-{model._meta.label}"
        )
    post_save.connect(page_saved, sender=Page, dispatch_uid="translations-tree-root-page")


def migrated(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.name == "translations":
        from django.apps import apps
        from django.contrib.auth.management import create_permissions

        # Permissions are created by post_migrate too, app by app; make sure they all exist.
        for config in apps.get_app_configs():
            create_permissions(config, verbosity=0)
        _sync()


post_migrate.connect(migrated, dispatch_uid="translations-teams-post-migrate")
connect_page_signals()
