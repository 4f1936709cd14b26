"""What the engineer who deploys it relies on: loud configuration errors, deploy checks, static files."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from .pages import demo_pages

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-secret-for-the-deploy-check-only-0123456789abcdef",
    "ALLOWED_HOSTS": "bilateral.example.org",
    "DATABASE_URL": "postgres://cms@db.example.org:5432/cms",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_settings(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_pages_render_with_hashed_static_files(client, tmp_path):
    """Every {% static %} reference exists after collectstatic (a missing one is a 500 in production)."""
    storages = {**settings.STORAGES}
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        for language in ["pl", "is"]:
            for page in demo_pages(language):
                response = client.get(page.get_url())
                assert response.status_code == 200, page.get_url()
                assert re.search(rb"/static/css/site\.[0-9a-f]{12}\.css", response.content)
