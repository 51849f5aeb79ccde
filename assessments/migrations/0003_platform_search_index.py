"""A GIN index for the catalogue's full-text search on PostgreSQL (no-op elsewhere).

The expression is ``assessments.catalogue.PLATFORM_SEARCH_VECTOR``; the search uses it
verbatim so that PostgreSQL can use this index.
"""

from django.db import migrations

INDEX = "assessments_platform_search_nl"
VECTOR = "to_tsvector('dutch'::regconfig, coalesce(name, '') || ' ' || coalesce(description, ''))"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON assessments_platform USING gin ({VECTOR})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_assessments")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
