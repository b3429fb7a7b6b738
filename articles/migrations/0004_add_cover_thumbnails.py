"""Cover thumbnails for list pages, made now for the covers already stored.

A cover whose file is missing or unreadable is skipped: lists keep showing
the cover itself, and the next save of that article tries again.
"""

from django.db import migrations, models

from articles.images import refresh_cover_renditions

THUMBNAIL_FIELDS = ["cover_thumbnail", "cover_thumbnail_width", "cover_thumbnail_height"]


def make_thumbnails(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    with_cover = Article.objects.exclude(cover_image="").only("cover_image", *THUMBNAIL_FIELDS)
    for article in with_cover.iterator(chunk_size=200):
        refresh_cover_renditions(article)
        if article.cover_thumbnail:
            article.save(update_fields=THUMBNAIL_FIELDS)


def delete_thumbnails(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    storage = Article._meta.get_field("cover_thumbnail").storage
    for name in Article.objects.exclude(cover_thumbnail="").values_list(
        "cover_thumbnail", flat=True
    ):
        storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_add_search_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="cover_thumbnail",
            field=models.ImageField(
                blank=True,
                editable=False,
                height_field="cover_thumbnail_height",
                upload_to="covers/thumbs/%Y/%m/",
                verbose_name="cover thumbnail",
                width_field="cover_thumbnail_width",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_thumbnail_height",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="cover_thumbnail_width",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(make_thumbnails, delete_thumbnails, elidable=True),
    ]
