"""On PostgreSQL, tag links mirror their article's publication, so a tag page's ids
come from one index.

Triggers keep the copies whatever writes the rows: an article's status, publish time or
expiry changing updates its links; a new link copies them from its article. SQLite
(one server, a smaller archive) keeps joining the articles: it rebuilds a table to alter
it, and a trigger on the links that names the articles table breaks that rebuild.
"""

from django.db import migrations, models

POSTGRESQL = [
    """
    CREATE FUNCTION articles_mirror_article_on_links() RETURNS trigger AS $$
    BEGIN
        UPDATE articles_taggedarticle
        SET live_from = CASE WHEN NEW.status = 'published' THEN NEW.published_at END,
            live_until = NEW.expires_at
        WHERE content_object_id = NEW.id;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER articles_mirror_article_on_links
    AFTER UPDATE OF status, published_at, expires_at ON articles_article
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
          OR OLD.published_at IS DISTINCT FROM NEW.published_at
          OR OLD.expires_at IS DISTINCT FROM NEW.expires_at)
    EXECUTE FUNCTION articles_mirror_article_on_links()
    """,
    """
    CREATE FUNCTION articles_link_copies_article() RETURNS trigger AS $$
    BEGIN
        SELECT CASE WHEN a.status = 'published' THEN a.published_at END, a.expires_at
        INTO NEW.live_from, NEW.live_until
        FROM articles_article a WHERE a.id = NEW.content_object_id;
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER articles_link_copies_article
    BEFORE INSERT OR UPDATE OF content_object_id ON articles_taggedarticle
    FOR EACH ROW EXECUTE FUNCTION articles_link_copies_article()
    """,
    """
    UPDATE articles_taggedarticle t
    SET live_from = CASE WHEN a.status = 'published' THEN a.published_at END,
        live_until = a.expires_at
    FROM articles_article a WHERE a.id = t.content_object_id
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS articles_link_copies_article ON articles_taggedarticle",
    "DROP FUNCTION IF EXISTS articles_link_copies_article()",
    "DROP TRIGGER IF EXISTS articles_mirror_article_on_links ON articles_article",
    "DROP FUNCTION IF EXISTS articles_mirror_article_on_links()",
]

def run(statements):
    def apply(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_add_sitemap_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="taggedarticle",
            name="live_from",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="taggedarticle",
            name="live_until",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRESQL}),
            run({"postgresql": POSTGRESQL_REVERSE}),
        ),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(
                condition=models.Q(("live_from__isnull", False)),
                fields=["tag", "-live_from", "-content_object", "live_until"],
                name="tagged_live_newest",
            ),
        ),
    ]
