"""Backups of the whole site in one archive: the database and the uploaded media.

``make backup`` (``manage.py backup``) writes ``backups/site-<UTC time>.tar.gz``:

- ``manifest.json``: when, which database engine, how many files;
- ``database.dump``: ``pg_dump --format=custom`` of a PostgreSQL database, or ``database.sqlite3``:
  a consistent copy made with SQLite's online backup API (safe while the site runs);
- ``media/``: every file under ``MEDIA_ROOT`` (originals, renditions, documents).

``make restore BACKUP=backups/site-….tar.gz`` (``manage.py restore``) puts both back: the
database is replaced (``pg_restore --clean``, or SQLite's backup API in the other direction) and
the media folder is replaced by the archive's, the current one kept beside it as
``<MEDIA_ROOT>.before-restore-<time>`` until the operator deletes it.

Media kept in S3-compatible storage (``AWS_STORAGE_BUCKET_NAME``) are not in the archive: use the
bucket's versioning or replication for them; the command says so.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"
FORMAT = 1


class BackupError(Exception):
    pass


def backup_dir():
    return Path(os.environ.get("BACKUP_DIR", settings.BASE_DIR / "backups"))


def _engine(alias):
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _pg_env_and_args(alias):
    conf = connections[alias].settings_dict
    env = {**os.environ}
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if conf.get(key):
            args += [flag, str(conf[key])]
    return env, args, conf["NAME"]


def _run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
    return result


def media_on_disk():
    """Whether uploaded files live under MEDIA_ROOT (not in object storage)."""
    from django.core.files.storage import FileSystemStorage, default_storage

    return isinstance(default_storage, FileSystemStorage)


def dump_database(target, alias="default"):
    """Write a consistent copy of the database to ``target`` (a folder); returns the file's name."""
    vendor = _engine(alias)
    if vendor == "postgresql":
        env, args, name = _pg_env_and_args(alias)
        path = target / PG_DUMP
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(path), name],
            env,
        )
        return PG_DUMP
    connection = connections[alias]
    connection.ensure_connection()
    path = target / SQLITE_COPY
    destination = sqlite3.connect(path)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    return SQLITE_COPY


def load_database(source, alias="default"):
    """Replace the database's content with the copy in ``source`` (a folder)."""
    vendor = _engine(alias)
    if vendor == "postgresql":
        if not (source / PG_DUMP).exists():
            raise BackupError("This archive holds an SQLite database; the site runs on PostgreSQL.")
        connections[alias].close()
        env, args, name = _pg_env_and_args(alias)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "--dbname",
                name,
                str(source / PG_DUMP),
            ],
            env,
        )
        return
    if not (source / SQLITE_COPY).exists():
        raise BackupError("This archive holds a PostgreSQL dump; the site runs on SQLite.")
    connection = connections[alias]
    connection.ensure_connection()
    origin = sqlite3.connect(source / SQLITE_COPY)
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()


def create(alias="default", directory=None, now=None):
    """Write one archive of the database and the media; returns its path."""
    now = now or datetime.now(UTC)
    directory = Path(directory or backup_dir())
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"site-{now:%Y%m%d-%H%M%S}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database_file = dump_database(work, alias)
        files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(),
            "database": _engine(alias),
            "database_file": database_file,
            "media_files": len(files),
            "media_in_object_storage": not media_on_disk(),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / database_file, arcname=database_file)
            for path in files:
                tar.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
        partial.rename(archive)  # a half-written archive never looks like a backup
    return archive, manifest


def restore(archive, alias="default", now=None):
    """Put the archive's database and media back; returns the manifest and where the old media went."""
    now = now or datetime.now(UTC)
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No such archive: {archive}")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")  # no absolute paths, links or ".." out of `work`
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(f"{archive} is not a readable backup archive: {error}") from error
        try:
            manifest = json.loads((work / MANIFEST).read_text())
        except (OSError, ValueError) as error:
            raise BackupError(f"{archive} has no manifest: it was not made by `make backup`.") from error
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{archive} has an unknown format: {manifest.get('format')!r}.")
        load_database(work, alias)
        kept = None
        if (work / MEDIA).exists() or media_root.exists():
            if media_root.exists() and any(media_root.iterdir()):
                kept = media_root.with_name(f"{media_root.name}.before-restore-{now:%Y%m%d-%H%M%S}")
                media_root.rename(kept)
            elif media_root.exists():
                media_root.rmdir()
            if (work / MEDIA).exists():
                shutil.move(str(work / MEDIA), str(media_root))
            else:
                media_root.mkdir(parents=True)
    return manifest, kept
