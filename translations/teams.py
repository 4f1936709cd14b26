"""Language teams: a group per language, with page permissions on that language's tree.

* Polish editors (the source language): add, edit, publish, lock and unlock
  pages in the Polish tree, edit Polish organisations, submit pages and
  snippets for translation and sync them.
* Norwegian, Icelandic and English translators: add and edit pages in their
  own language's tree (the translation editor, drafts) and edit their own
  language's organisations. They do not publish directly: a translation goes
  live when a second person of the same team approves it in the
  "Translation review" workflow (see ``review.py``). They hold Wagtail's
  publish permission on their tree only because approving publishes.

``sync_teams()`` is idempotent. The data migration runs it for the locales that
exist; a signal runs it again when a locale or a locale's home page (the root
of its tree) is created, so the teams stay in step with the locales.

When a locale is deleted (Wagtail allows it only once its pages are gone),
``retire_team()`` takes every permission away from its team. A team without
members is deleted; a team that still has members is kept, empty of
permissions, so nobody's account changes silently: the locale's delete
confirmation says so, and a coordinator moves or removes the members and
deletes the group. Adding the locale again gives the kept group its
permissions back.
"""

import logging

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import get_language_info

logger = logging.getLogger(__name__)

SOURCE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Translators edit their tree's pages (the translation editor saves drafts) and lock them.
# They do not publish: approval in the review workflow publishes (Wagtail's workflow does not
# ask the approver for publish permission), so nothing goes live without a second reader.
# They do not add pages either: the structure of every tree follows the Polish tree.
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "lock_page"]
# Organisations have drafts and a review workflow (translations.review): Polish editors
# publish, lock and unlock Polish organisations; translators only save drafts, and a
# second member of their team approves, which publishes.
SOURCE_SNIPPET_PERMISSIONS = [
    "add_organisation",
    "change_organisation",
    "delete_organisation",
    "publish_organisation",
    "lock_organisation",
    "unlock_organisation",
]
TRANSLATOR_SNIPPET_PERMISSIONS = ["change_organisation"]
COMMON_PERMISSIONS = [("wagtailadmin", "access_admin")]
SOURCE_EXTRA_PERMISSIONS = [("wagtail_localize", "submit_translation")]
COLLECTION_PERMISSIONS = {
    "source": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "translator": [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
}
# English names of the teams; group names are data, shown as stored.
LANGUAGE_NAMES = {"pl": "Polish", "nb": "Norwegian", "is": "Icelandic", "en": "English"}


def source_language():
    return getattr(settings, "TRANSLATIONS_SOURCE_LANGUAGE", settings.LANGUAGE_CODE)


def team_name(language_code):
    try:
        name = LANGUAGE_NAMES.get(language_code) or get_language_info(language_code)["name"]
    except KeyError:
        name = language_code
    role = "editors" if language_code == source_language() else "translators"
    return f"{name} {role}"


def team_for(language_code):
    return Group.objects.filter(name=team_name(language_code)).first()


def user_languages(user):
    """Language codes whose team the user belongs to (every language for superusers)."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {code for code, _name in settings.LANGUAGES}
    cache = getattr(user, "_translation_team_languages", None)
    if cache is None:
        names = set(user.groups.values_list("name", flat=True))
        cache = {code for code, _name in settings.LANGUAGES if team_name(code) in names}
        user._translation_team_languages = cache
    return cache


def user_can_work_in(user, locale):
    """May the user change content in this locale? Users outside every team keep Wagtail's rules."""
    if user.is_superuser:
        return True
    languages = user_languages(user)
    if not languages and not _in_any_team(user):
        return True
    return locale.language_code in languages


def _in_any_team(user):
    names = {team_name(code) for code, _name in settings.LANGUAGES}
    return user.groups.filter(name__in=names).exists()


@transaction.atomic
def sync_teams(apps=None):
    """Create or update a group per locale; give it rights on the locale's tree. Returns the groups.

    ``apps`` is the migration's app registry when run from the data migration.
    """
    get_model = apps.get_model if apps else django_apps.get_model
    Group = get_model("auth", "Group")
    Permission = get_model("auth", "Permission")
    Locale = get_model("wagtailcore", "Locale")
    Page = get_model("wagtailcore", "Page")
    Collection = get_model("wagtailcore", "Collection")
    GroupPagePermission = get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = get_model("wagtailcore", "GroupCollectionPermission")

    def _permissions(pairs):
        wanted = list(pairs)
        perms = []
        for app_label, codename in wanted:
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                perms.append(perm)
        return perms

    groups = []
    root_collection = Collection.objects.filter(depth=1).first()
    for locale in Locale.objects.all():
        code = locale.language_code
        is_source = code == source_language()
        group, _created = Group.objects.get_or_create(name=team_name(code))
        groups.append(group)
        model_perms = COMMON_PERMISSIONS + (SOURCE_EXTRA_PERMISSIONS if is_source else [])
        model_perms += [
            ("events", c)
            for c in (SOURCE_SNIPPET_PERMISSIONS if is_source else TRANSLATOR_SNIPPET_PERMISSIONS)
        ]
        group.permissions.add(*_permissions(model_perms))
        if root_collection is not None:
            for perm in _permissions(COLLECTION_PERMISSIONS["source" if is_source else "translator"]):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )
        page_perms = _permissions(
            ("wagtailcore", c)
            for c in (SOURCE_PAGE_PERMISSIONS if is_source else TRANSLATOR_PAGE_PERMISSIONS)
        )
        tree_roots = list(Page.objects.filter(depth=2, locale=locale))
        # Converge: a team holds exactly these permissions on its own tree, nothing elsewhere.
        GroupPagePermission.objects.filter(group=group).exclude(
            page__in=tree_roots, permission__in=page_perms
        ).delete()
        for tree_root in tree_roots:
            for perm in page_perms:
                GroupPagePermission.objects.get_or_create(group=group, page=tree_root, permission=perm)
    retire_default_groups(apps)
    ensure_coordinators(apps)
    return groups


# Wagtail's initial data creates "Editors" and "Moderators" with permissions on the root page,
# that is on every language tree at once: a translator added to one could edit every language.
DEFAULT_WAGTAIL_GROUPS = ["Editors", "Moderators"]
DEFAULT_WAGTAIL_WORKFLOW = "Moderators approval"


def retire_default_groups(apps=None):
    """Strip Wagtail's catch-all groups of their page permissions; delete them when nobody is in them.

    Returns the names of the groups kept (they have members, who keep no page rights from them).
    """
    get_model = apps.get_model if apps else django_apps.get_model
    Group = get_model("auth", "Group")
    GroupPagePermission = get_model("wagtailcore", "GroupPagePermission")
    Workflow = get_model("wagtailcore", "Workflow")
    WorkflowPage = get_model("wagtailcore", "WorkflowPage")
    # Wagtail's initial data also assigns "Moderators approval" to the root page: a review by
    # the Moderators, whom nobody is, on every tree, offered to the Polish editors and locking
    # their pages while it runs. The language trees have their own review workflows.
    for workflow in Workflow.objects.filter(name=DEFAULT_WAGTAIL_WORKFLOW, active=True):
        WorkflowPage.objects.filter(workflow=workflow, page__depth=1).delete()
        if not WorkflowPage.objects.filter(workflow=workflow).exists():
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
    kept = []
    for group in Group.objects.filter(name__in=DEFAULT_WAGTAIL_GROUPS):
        GroupPagePermission.objects.filter(group=group).delete()
        if group.user_set.exists():
            kept.append(group.name)
            logger.warning(
                "The group %r has members; it was kept without page permissions. "
                "Move its members to a language team.",
                group.name,
            )
        else:
            group.delete()
    return kept


COORDINATOR_PERMISSIONS = [("wagtailadmin", "access_admin")]


def ensure_coordinators(apps=None):
    """The "Translation coordinators" group: the whole status report and its exports; no page rights."""
    from .policy import COORDINATORS

    get_model = apps.get_model if apps else django_apps.get_model
    Group = get_model("auth", "Group")
    Permission = get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    for app_label, codename in COORDINATOR_PERMISSIONS:
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if perm is not None:
            group.permissions.add(perm)
    return group


@transaction.atomic
def retire_team(language_code):
    """The locale was deleted: its team loses every permission; a team without members is deleted.

    Returns the group when it was kept because it has members, else None.
    """
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    group = team_for(language_code)
    if group is None:
        return None
    group.permissions.clear()
    GroupPagePermission.objects.filter(group=group).delete()
    GroupCollectionPermission.objects.filter(group=group).delete()
    if group.user_set.exists():
        logger.warning(
            "Locale %s was deleted; the group %r has members and was kept without permissions.",
            language_code,
            group.name,
        )
        return group
    group.delete()
    return None


def team_members_count(language_code):
    """How many users are in the language's team (0 when there is no team)."""
    group = team_for(language_code)
    return group.user_set.count() if group is not None else 0
