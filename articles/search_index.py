"""SQLite's index for reader search: an FTS5 trigram table over `search_text`.

PostgreSQL answers `LIKE '% word %'` from a trigram GIN index (migration 0003).
SQLite's own LIKE reads every row; its FTS5 extension with the trigram tokenizer
(SQLite 3.34 and later) answers the same LIKE from an index. The table keeps no
copy of the text (external content: it reads `articles_article`, and with
`detail=none` it only narrows the rows, which FTS5 then checks against the
text), and triggers keep it in step with every write, `update()` and
`bulk_create()` included, which bypass `Article.save()`.

To alter a table SQLite-style, Django builds a new one and drops the old,
triggers and all; so `repair()` runs after every `migrate` and puts back
what is missing. Where SQLite lacks FTS5 or its trigram tokenizer, none of
this exists and search reads the column, as before.
"""

import functools
import sqlite3

from django.db.migrations.recorder import MigrationRecorder
from django.db.models.expressions import RawSQL

ARTICLES = "articles_article"
TABLE = "articles_article_search"
MIGRATION = ("articles", "0006_sqlite_search_index")

_REMOVE = (
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
)
_ADD = f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);"
TRIGGERS = {
    f"{TABLE}_insert": f"AFTER INSERT ON {ARTICLES} BEGIN {_ADD} END",
    f"{TABLE}_update": f"AFTER UPDATE OF search_text ON {ARTICLES} BEGIN {_REMOVE} {_ADD} END",
    f"{TABLE}_delete": f"AFTER DELETE ON {ARTICLES} BEGIN {_REMOVE} END",
}


@functools.cache
def supported():
    """True when this Python's SQLite has FTS5 with the trigram tokenizer."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def serves(connection):
    """True when searches on `connection` go through the index."""
    return connection.vendor == "sqlite" and supported()


def create(connection):
    """Create the index and its triggers where missing, and fill the index."""
    if not serves(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(search_text, "
            f"content='{ARTICLES}', content_rowid='id', tokenize='trigram', detail=none)"
        )
        for name, definition in TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {definition}")
        # Writes made while a trigger was missing are not in the index: start afresh.
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")


def repair(connection):
    """After `migrate`: put back what a rebuilt table lost, or what an older SQLite lacked."""
    if not serves(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name = %s OR name LIKE %s",
            [TABLE, f"{TABLE}_%"],
        )
        present = {name for (name,) in cursor.fetchall()}
    if TABLE in present:
        if present.issuperset(TRIGGERS):
            return
    elif MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return  # Not migrated this far, or migrated back: no index wanted.
    create(connection)


def drop(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def matching_ids(words):
    """The ids of articles whose normalized text holds every word, from the index."""
    condition = " AND ".join(["search_text LIKE %s"] * len(words))
    # The words go in as parameters; only our own constants are in the SQL text.
    return RawSQL(f"SELECT rowid FROM {TABLE} WHERE {condition}", [f"% {w} %" for w in words])
