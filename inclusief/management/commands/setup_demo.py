from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Prepare the demo database: migrate, load the framework and the catalogue, demo accounts."
    )

    def handle(self, *args, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        call_command("load_framework", stdout=self.stdout)
        for step in getattr(settings, "DEMO_SETUP_COMMANDS", []):
            call_command(step, stdout=self.stdout)
