"""Create the language teams: Polish editors and the Norwegian, Icelandic and English translators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_teams(apps, schema_editor):
    from translations.teams import sync_teams

    # Permissions are normally created after all migrations; the teams need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    sync_teams(apps=apps)


def remove_teams(apps, schema_editor):
    from translations.teams import team_name

    Group = apps.get_model("auth", "Group")
    Locale = apps.get_model("wagtailcore", "Locale")
    Group.objects.filter(name__in=[team_name(l.language_code) for l in Locale.objects.all()]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("home", "0002_create_locales"),
        ("events", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0001_initial"),
        ("wagtaildocs", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_teams, remove_teams)]
