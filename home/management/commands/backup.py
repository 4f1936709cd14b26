"""``manage.py backup``: the database and the uploaded media in one archive (home/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from home import backup


class Command(BaseCommand):
    help = "Write the database and the media to backups/site-<UTC time>.tar.gz (BACKUP_DIR to change)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", help="Where to write the archive (default: BACKUP_DIR or backups/)."
        )

    def handle(self, *args, directory=None, **options):
        try:
            archive, manifest = backup.create(directory=directory)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {manifest['database']} database and {manifest['media_files']} media files "
            f"to {archive}"
        )
        if manifest["media_in_object_storage"]:
            self.stdout.write(
                "The media are in object storage (S3) and are not in the archive: "
                "keep them with the bucket's versioning or replication."
            )
