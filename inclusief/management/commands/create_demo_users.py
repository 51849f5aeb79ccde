"""Demo accounts, one per role: only for the demo database, never in production."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER, assign_role_permissions

# (username, role, full name, staff?)
DEMO_USERS = (
    ("beheerder@demo", BEHEERDER, "Bea Beheerder", True),
    ("analist@demo", ANALIST, "Anton Analist", False),
    ("analist2@demo", ANALIST, "Aisha Analist", False),
    ("onderzoeker@demo", ONDERZOEKER, "Olga Onderzoeker", False),
)


def _new_password() -> str:
    # Four groups of five letters/digits: easy to type from the console, 20 characters long.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    groups = ["".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4)]
    return "-".join(groups)


class Command(BaseCommand):
    help = "Create the demo accounts (one per role) with fresh random passwords. DEMO_MODE only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--keep-passwords",
            action="store_true",
            help="Leave the passwords of existing demo accounts unchanged.",
        )

    def handle(self, *args, keep_passwords: bool = False, **options) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo accounts are only created with DEMO_MODE=true (the `make demo` database); "
                "they must never exist in production."
            )
        assign_role_permissions()
        User = get_user_model()
        lines = []
        with transaction.atomic():
            for username, role, full_name, staff in DEMO_USERS:
                first, last = full_name.split(" ", 1)
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "email": username.replace("@demo", "@demo.example"),
                        "first_name": first,
                        "last_name": last,
                    },
                )
                user.is_staff = staff
                user.is_active = True
                user.groups.set([Group.objects.get(name=role)])
                password = None
                if created or not keep_passwords:
                    password = _new_password()
                    user.set_password(password)
                user.full_clean(exclude=["email", "password"])
                user.save()
                shown = password if password else "(unchanged)"
                lines.append(f"  {role:<12} {username:<18} {shown}")
        self.stdout.write("Demo accounts (role, username, password):")
        for line in lines:
            self.stdout.write(line)
