from django.core.management.base import BaseCommand

from home.demo import loader


class Command(BaseCommand):
    help = (
        "Load the demo site (programme, closing seminar, six speakers) in Polish and its "
        "wagtail-localize translations into nb, is and en, or bring a loaded one up to date. "
        "Changes nothing when it is current."
    )

    def handle(self, *args, **options):
        loader.load(stdout=self.stdout)
