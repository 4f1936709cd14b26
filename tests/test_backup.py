"""``make backup`` / ``make restore``: a round trip brings back every row and every file, identical.

The archive is made from the test database (the demo site: pages in four languages, their
revisions, wagtail-localize's translations, images with renditions, documents) and restored into a
new database and media folder by ``manage.py restore`` in another process, on SQLite and, when the
suite runs on PostgreSQL (scripts/test-postgres.sh), with pg_dump/pg_restore. Then the restored
site is changed and restored again over the changes.
"""

import hashlib
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import connection

from home import backup

pytestmark = pytest.mark.django_db

# Every row of these apps: pages and their specific types, revisions, locales, collections, sites,
# images, renditions, documents, wagtail-localize's sources, strings and translations, users, teams.
APPS = ["home", "events", "translations", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtail_localize"]
APPS += ["auth", "wagtailusers", "wagtailredirects", "contenttypes", "taggit"]


def fingerprint():
    """{model: sha256 of its rows} and {"media": {path: sha256}} of the current database and MEDIA_ROOT."""
    prints = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            rows = model._base_manager.order_by("pk")
            data = serializers.serialize("json", rows, sort_keys=True)
            prints[model._meta.label] = f"{rows.count()}:{hashlib.sha256(data.encode()).hexdigest()}"
    media_root = Path(settings.MEDIA_ROOT)
    prints["media"] = {
        path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }
    return prints


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "MEDIA_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def fingerprint_of(env):
    code = "import json; from tests.test_backup import fingerprint; print(json.dumps(fingerprint()))"
    return json.loads(manage("shell", "--no-imports", "-c", code, env=env).strip().splitlines()[-1])


def change_the_site(env):
    """What an accident looks like: a page deleted, a title changed, translations and a file gone."""
    code = """
from pathlib import Path
from django.conf import settings
from events.models import SeminarPage, SpeakerPage
from wagtail_localize.models import StringTranslation
SpeakerPage.objects.filter(locale__language_code="nb").first().delete()
SeminarPage.objects.filter(locale__language_code="pl").update(title="Zmieniony tytuł")
StringTranslation.objects.filter(locale__language_code="is").delete()
next(p for p in Path(settings.MEDIA_ROOT).rglob("*.pdf")).unlink()
"""
    manage("shell", "--no-imports", "-c", code, env=env)


@pytest.fixture
def target(tmp_path):
    """An empty database and media folder to restore into (a new PostgreSQL database on PostgreSQL)."""
    media = tmp_path / "restored-media"
    if connection.vendor == "sqlite":
        yield {"DATABASE_URL": f"sqlite:///{tmp_path / 'restored.sqlite3'}", "MEDIA_ROOT": str(media)}
        return
    import psycopg2

    conf = connection.settings_dict
    name = f"{conf['NAME']}_restore"[:63]
    admin = psycopg2.connect(
        dbname="postgres", user=conf["USER"], host=conf["HOST"], port=conf["PORT"], password=conf["PASSWORD"]
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = f"{conf['USER']}:{conf['PASSWORD']}@" if conf["PASSWORD"] else f"{conf['USER']}@"
    url = f"postgres://{auth}{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{name}"
    yield {"DATABASE_URL": url, "MEDIA_ROOT": str(media)}
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_round_trip_brings_back_every_row_and_file(tmp_path, target):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail_localize.models import StringTranslation, Translation

    from events.models import SeminarPage

    # The demo has what the backup must keep.
    assert SeminarPage.objects.filter(locale__language_code="nb").exists()
    assert Translation.objects.exists() and StringTranslation.objects.exists()
    assert Image.objects.exists() and Document.objects.exists()

    archive, manifest = backup.create(directory=tmp_path / "backups")
    assert archive.parent == tmp_path / "backups" and archive.name.startswith("site-")
    assert manifest["database"] == connection.vendor
    expected = fingerprint()
    assert manifest["media_files"] == len(expected["media"]) > 10
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json" and manifest["database_file"] in names

    manage("restore", "--noinput", str(archive), env=target)
    assert fingerprint_of(target) == expected

    # Restored over a site that changed since: identical again, the replaced media kept aside.
    change_the_site(target)
    changed = fingerprint_of(target)
    assert changed != expected
    assert changed["media"] != expected["media"]
    output = manage("restore", "--noinput", str(archive), env=target)
    assert "before-restore" in output
    assert fingerprint_of(target) == expected
    assert list(tmp_path.glob("restored-media.before-restore-*"))


def test_make_backup_writes_into_backups_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKUP_DIR", raising=False)
    assert backup.backup_dir() == Path(settings.BASE_DIR) / "backups"
    assert "/backups/" in (Path(settings.BASE_DIR) / ".gitignore").read_text()
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path))
    archive, _manifest = backup.create()
    assert archive.parent == tmp_path


@pytest.mark.parametrize("content", [b"", b"not a tar file", None])
def test_restore_refuses_what_is_not_a_backup(tmp_path, content):
    path = tmp_path / "broken.tar.gz"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(backup.BackupError):
        backup.restore(path)


def test_restore_refuses_an_archive_without_manifest(tmp_path):
    path = tmp_path / "other.tar.gz"
    (tmp_path / "file.txt").write_text("x")
    with tarfile.open(path, "w:gz") as tar:
        tar.add(tmp_path / "file.txt", arcname="file.txt")
    with pytest.raises(backup.BackupError, match="no manifest"):
        backup.restore(path)
