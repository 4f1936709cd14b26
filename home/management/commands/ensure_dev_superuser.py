"""Create a local superuser for development (``make run``) and say how to log in.

Only with the development settings (``LOCAL_DEVELOPMENT`` in cms/settings/dev.py, with
DEBUG on or off): production settings never get a user this way. The password comes from
DEV_ADMIN_PASSWORD, or is generated once, kept in a git-ignored file (.dev-admin-password)
and printed. There is no fixed password.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = Path(settings.BASE_DIR) / ".dev-admin-password"
DEV_ADMIN_DETAILS = {"first_name": "Local", "last_name": "Administrator", "email": "admin@localhost"}


class Command(BaseCommand):
    help = "Create the local development superuser (development settings only) and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEV_ADMIN_USER", "admin"))

    def handle(self, *args, username, **options):
        if not getattr(settings, "LOCAL_DEVELOPMENT", False):
            raise CommandError(
                "ensure_dev_superuser runs only with the development settings (cms.settings.dev)."
            )
        User = get_user_model()
        password = os.environ.get("DEV_ADMIN_PASSWORD")
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, password=password, **DEV_ADMIN_DETAILS)
            if "DEV_ADMIN_PASSWORD" not in os.environ:
                PASSWORD_FILE.write_text(password + "\n")
                PASSWORD_FILE.chmod(0o600)
        else:
            # An administrator made by an earlier version had no name or e-mail, and Wagtail's
            # account form (where the admin language is chosen) refused to save without them.
            missing = {field: value for field, value in DEV_ADMIN_DETAILS.items() if not getattr(user, field)}
            for field, value in missing.items():
                setattr(user, field, value)
            if password:
                user.set_password(password)
            if missing or password:
                user.save()
        if user is not None and password is None and PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        if password:
            self.stdout.write(f"Admin: {admin_url}  user: {username}  password: {password}")
        else:
            self.stdout.write(
                f"Admin: {admin_url}  user: {username}  (set DEV_ADMIN_PASSWORD to reset its password)"
            )
