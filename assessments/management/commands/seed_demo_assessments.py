from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from assessments.demo import demo_content_publish


class Command(BaseCommand):
    help = (
        "Publish the paper's two worked examples and a few demo-data assessments, all on "
        "invented platforms. DEMO_MODE only; run after create_demo_users."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo assessments are only made with DEMO_MODE=true (the `make demo` database)."
            )
        User = get_user_model()
        try:
            owner = User.objects.get(username="analist@demo")
            reviewer = User.objects.get(username="analist2@demo")
        except User.DoesNotExist:
            raise CommandError(
                "Run create_demo_users first: the demo analysts are missing."
            ) from None
        published = demo_content_publish(owner=owner, reviewer=reviewer)
        self.stdout.write(f"Demo assessments: {len(published)} published.")
        for assessment in published:
            self.stdout.write(f"  {assessment.platform.name}")
