"""On SQLite, a full-text trigram index for reader search (see articles.search_index).

PostgreSQL already has its trigram index from 0003; there this does nothing.
"""

from django.db import migrations

from articles import search_index


def create_index(apps, schema_editor):
    search_index.create(schema_editor.connection)


def drop_index(apps, schema_editor):
    search_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_validate_article_slug"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
