"""The content version behind the page cache, with its one row."""

import secrets

from django.db import migrations, models
from django.utils import timezone


def create_row(apps, schema_editor):
    ContentVersion = apps.get_model("inclusief", "ContentVersion")
    ContentVersion.objects.get_or_create(
        pk=1, defaults={"token": secrets.token_hex(16), "changed_at": timezone.now()}
    )


class Migration(migrations.Migration):
    dependencies = [("inclusief", "0001_roles")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField()),
            ],
            options={"verbose_name": "content version"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
