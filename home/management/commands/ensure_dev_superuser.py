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
            User.objects.create_superuser(username=username, email="", password=password)
            if "DEV_ADMIN_PASSWORD" not in os.environ:
                PASSWORD_FILE.write_text(password + "\n")
                PASSWORD_FILE.chmod(0o600)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        if password:
            self.stdout.write(f"Admin: {admin_url}  user: {username}  password: {password}")
        else:
            self.stdout.write(
                f"Admin: {admin_url}  user: {username}  (set DEV_ADMIN_PASSWORD to reset its password)"
            )
