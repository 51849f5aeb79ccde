"""A content version per topic: the page token becomes ``public``; ``framework`` is new."""

import secrets

from django.db import migrations, models


def fill_framework(apps, schema_editor):
    ContentVersion = apps.get_model("inclusief", "ContentVersion")
    ContentVersion.objects.filter(pk=1).update(framework=secrets.token_hex(16))


class Migration(migrations.Migration):
    dependencies = [("inclusief", "0005_deletion_requests")]

    operations = [
        migrations.RenameField("contentversion", "token", "public"),
        migrations.AlterField(
            "contentversion", "public", models.CharField(default="", max_length=32)
        ),
        migrations.AddField(
            "contentversion", "framework", models.CharField(default="", max_length=32)
        ),
        migrations.RunPython(fill_framework, migrations.RunPython.noop),
    ]
