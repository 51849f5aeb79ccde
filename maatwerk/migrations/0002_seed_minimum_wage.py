"""Seed the statutory minimum wage (gross per hour, 21 and older).

The official table is at the source URL (Rijksoverheid). The 2025 and 2026 amounts were
checked against published copies of the ministry's decisions (e.g. Staatscourant 2025, 12264
for 1 July 2025); the 2024 amounts could not be checked offline and are marked as to be checked
by a beheerder (``verified=False``), which the week plan shows next to the figure.
"""

from decimal import Decimal

from django.db import migrations

SOURCE = "https://www.rijksoverheid.nl/onderwerpen/minimumloon/bedragen-minimumloon"
WAGES = [
    ("2024-01-01", "13.27", False, "Uit het hoofd overgenomen; te controleren door een beheerder."),
    ("2024-07-01", "13.68", False, "Uit het hoofd overgenomen; te controleren door een beheerder."),
    ("2025-01-01", "14.06", True, "Vergeleken met gepubliceerde overzichten van de verhoging per 1 juli 2025."),
    ("2025-07-01", "14.40", True, "Besluit SZW, Staatscourant 2025, 12264."),
    ("2026-01-01", "14.71", True, "Vergeleken met gepubliceerde overzichten van de verhoging per 1 januari 2026."),
]


def seed(apps, schema_editor):
    MinimumWage = apps.get_model("maatwerk", "MinimumWage")
    for valid_from, amount, verified, note in WAGES:
        MinimumWage.objects.get_or_create(
            valid_from=valid_from,
            defaults={
                "hourly_amount": Decimal(amount),
                "source_url": SOURCE,
                "source_note": note,
                "verified": verified,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("maatwerk", "0001_scans_week_plans_minimum_wage")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
