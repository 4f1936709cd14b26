"""Organisations now have drafts: every existing one stays live, with a published first revision.

Before 0003 an organisation's row was all there was, and visitors saw it. So that
nothing changes for them, each existing organisation is marked live and gets an
initial revision holding its current content, published (``live_revision`` and
``latest_revision`` point at it), as Wagtail's documentation recommends after
adding ``DraftStateMixin`` to a snippet; wagtail-localize's translation editor
reads ``live_revision`` to tell whether a translation is live.

It also creates the publish, lock and unlock permissions of organisations, which
Wagtail would create only after the ``translations`` app has given the language
teams their permissions (so the Polish editors would miss them until the next
migrate).
"""

from django.db import migrations
from django.utils import timezone

EXTRA_PERMISSIONS = ["publish", "lock", "unlock"]


def publish_existing(apps, schema_editor):
    from modelcluster.models import get_serializable_data_for_fields

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Organisation = apps.get_model("events", "Organisation")
    Revision = apps.get_model("wagtailcore", "Revision")

    content_type, _created = ContentType.objects.get_or_create(app_label="events", model="organisation")
    for action in EXTRA_PERMISSIONS:
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_organisation",
            defaults={"name": f"Can {action} organisation"},
        )

    now = timezone.now()
    for organisation in Organisation.objects.filter(live_revision__isnull=True).order_by("pk"):
        organisation.live = True
        organisation.has_unpublished_changes = False
        organisation.first_published_at = organisation.first_published_at or now
        organisation.last_published_at = now
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(organisation.pk),
            content=get_serializable_data_for_fields(organisation),
            object_str=organisation.name,
            created_at=now,
            user=None,
        )
        organisation.latest_revision = revision
        organisation.live_revision = revision
        organisation.save(
            update_fields=[
                "live",
                "has_unpublished_changes",
                "first_published_at",
                "last_published_at",
                "latest_revision",
                "live_revision",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_organisation_drafts_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(publish_existing, migrations.RunPython.noop)]
