"""``manage.py restore ARCHIVE``: put a backup's database and media back (home/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from home import backup


class Command(BaseCommand):
    help = "Replace the database and the media with those of a backup archive made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive, interactive, **options):
        if interactive:
            answer = input(f"Replace this site's database and media with {archive}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            manifest, kept = backup.restore(archive)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['database']} database and the media of {manifest['created']}."
        )
        if kept:
            self.stdout.write(f"The media folder it replaced is kept in {kept}: delete it when all is well.")
