"""Import an archive: one article per JSON line, each in its own transaction.

A line is the whole truth about its article. Re-importing a line with the same
`external_id` updates that article in place: its byline and tags are replaced,
and a cover left out of the line is removed. The slug of an updated article
is kept, so its address does not change.

A cover is a file inside the folder of the JSON Lines file: the archive is
data from elsewhere, and must not make the importer publish /etc/passwd or a
file reached by `../` or a symbolic link.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from . import revisions
from .fields import CleanedImage
from .models import Article, ArticleAuthor, Author, Section, Tag, TaggedArticle
from .services import check_publishable
from .slugs import slugify_vi

KEYS = {
    "title",
    "lead",
    "body",
    "section",
    "authors",
    "tags",
    "status",
    "published_at",
    "updated_at",
    "external_id",
    "cover_image",
    "cover_caption",
    "cover_alt",
}
STATUSES = [choice.value for choice in Article.Status]


class ImportLineError(ValueError):
    """One line cannot be imported; the message says why, for the operator."""


@dataclass
class ArticleEntry:
    """One line's values, checked for type and format but not yet saved."""

    title: str
    status: str
    lead: str = ""
    body: str = ""
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    external_id: str | None = None
    cover_path: Path | None = None
    cover_caption: str = ""
    cover_alt: str = ""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self):
        return len(self.errors)

    def summary(self):
        return f"Imported {self.created}, updated {self.updated}, failed {self.failed}"


# Lines share a transaction in groups of this many, each line in its own savepoint:
# one commit per line was half the cost of a large import, and a bad line still
# leaves nothing of itself.
BATCH_LINES = 200


def import_lines(lines, *, base_dir, on_error=None, on_line=None, batch=BATCH_LINES):
    """Import every non-blank line of `lines` (bytes or str); report what happened.

    `on_line()` is called after each line is done with, for a progress bar.
    """
    report = ImportReport()
    known = Lookups()
    group = []
    for number, raw in enumerate(lines, start=1):
        group.append((number, raw))
        if len(group) >= batch:
            _import_group(group, base_dir, known, report, on_error, on_line)
            group = []
    if group:
        _import_group(group, base_dir, known, report, on_error, on_line)
    return report


def _import_group(group, base_dir, known, report, on_error, on_line):
    """Import `group` in one transaction, or line by line if that transaction fails to commit."""
    known.look_for_articles(group)
    if len(group) > 1:
        stored_names = []
        try:
            with transaction.atomic():
                results = []
                for number, raw in group:
                    results.append(_import_numbered(number, raw, base_dir, known, stored_names))
                    if on_line is not None:
                        on_line()
        except DatabaseError:
            # A constraint checked at commit (PostgreSQL defers foreign keys) failed,
            # and took the whole group with it: start again, one transaction a line.
            _delete_files(stored_names)
            known.clear()
        else:
            _tally(results, report, on_error)
            return
    for number, raw in group:
        _tally([_import_numbered(number, raw, base_dir, known, [])], report, on_error)
        if on_line is not None and len(group) == 1:
            on_line()  # A group of many was counted as it went, before it had to start again.


def _tally(results, report, on_error):
    for number, created, reason in results:
        if reason is None:
            if created is None:
                continue  # a blank line
            if created:
                report.created += 1
            else:
                report.updated += 1
            continue
        report.errors.append((number, reason))
        if on_error is not None:
            on_error(number, reason)


def _import_numbered(number, raw, base_dir, known, stored_names):
    """(number, created, None) for an imported line, (number, None, reason) for a bad one."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            return number, None, None
        _article, created = import_article(
            parse_line(text), base_dir=base_dir, known=known, stored_names=stored_names
        )
    except UnicodeDecodeError:
        reason = "the line is not valid UTF-8"
    except ImportLineError as error:
        reason = str(error)
    except DatabaseError as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        reason = f"the database refused the article: {first_line}"
    else:
        return number, created, None
    return number, None, reason


class Lookups:
    """Sections, authors and tags already found or made by this import, by name.

    An archive names the same few hundred of them on every line; asking the
    database each time was a third of the queries. What a failed line added
    is forgotten with it, since its rows were rolled back.
    """

    def __init__(self):
        self.sections, self.authors, self.tags = {}, {}, {}
        self.covers = {}
        # The external ids of a group of lines that have an article already.
        self.existing = {}
        self._added = []

    def look_for_articles(self, group):
        """Which of the group's external ids are in the database, in one query for the group."""
        ids = set()
        for _number, raw in group:
            try:
                text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                value = json.loads(text.removeprefix("\ufeff")).get("external_id")
            except (ValueError, AttributeError):
                continue  # The line's own import reports what is wrong with it.
            if isinstance(value, str | int) and not isinstance(value, bool):
                ids.add(str(value).strip())
        found = Article.objects.filter(external_id__in=ids).values_list("external_id", flat=True)
        self.existing = dict.fromkeys(found, True)

    def clear(self):
        self.__init__()

    def remember(self, table, key, value):
        table[key] = value
        self._added.append((table, key))
        return value

    def line_done(self):
        self._added = []

    def line_failed(self):
        for table, key in self._added:
            table.pop(key, None)
        self._added = []


def parse_line(text):
    """The JSON object on one line, or ImportLineError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportLineError(f"invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise ImportLineError(f"expected a JSON object, got {_json_type(data)}")
    return data


def import_article(data, *, base_dir, known=None, stored_names=None):
    """Create or update (by `external_id`) the article `data` describes.

    Returns `(article, created)`. Raises ImportLineError and saves nothing,
    neither rows nor files, when the line is invalid. The files it stores are
    added to `stored_names`, for a caller whose own transaction may yet fail.
    """
    known = known if known is not None else Lookups()
    entry = clean_entry(data, base_dir=Path(base_dir))
    cover = _read_cover(entry.cover_path, known) if entry.cover_path else None
    stored = []
    try:
        with transaction.atomic():
            article, created, written = _save(entry, cover, stored, known)
            # An import is a save like any other: it goes into the history, and a
            # form opened before it is then out of date.
            revisions.record(article, None, written=written)
    except ValidationError as error:
        known.line_failed()
        _delete_files(stored)
        raise ImportLineError(_describe(error)) from None
    except BaseException:
        known.line_failed()
        _delete_files(stored)
        raise
    known.line_done()
    if stored_names is not None:
        stored_names.extend(stored)
    return article, created


def clean_entry(data, *, base_dir):
    """Check the types and formats of one line's values (no database access)."""
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ImportLineError(
            f"unknown key {_quoted(unknown)} (expected some of: {', '.join(sorted(KEYS))})"
        )
    title = _text(data, "title")
    if not title:
        raise ImportLineError("title is required")
    status = data.get("status")
    if status is None:
        raise ImportLineError(f"status is required (one of {', '.join(STATUSES)})")
    if status not in STATUSES:
        raise ImportLineError(
            f"unknown status {json.dumps(status, ensure_ascii=False)} "
            f"(expected one of {', '.join(STATUSES)})"
        )
    published_at = _time(data, "published_at")
    cover = _text(data, "cover_image")
    return ArticleEntry(
        title=title,
        status=status,
        lead=_text(data, "lead"),
        body=_text(data, "body", strip=False),
        section=_name(data.get("section"), "section", Section, "name") or None,
        authors=_names(data, "authors", Author, "name", twice="error"),
        # Archives often repeat a keyword in another case; one tag is kept.
        tags=_names(data, "tags", Tag, "name", twice="drop"),
        published_at=published_at,
        updated_at=_time(data, "updated_at") or published_at,
        external_id=_external_id(data),
        cover_path=_cover_path(base_dir, cover) if cover else None,
        cover_caption=_text(data, "cover_caption"),
        cover_alt=_text(data, "cover_alt"),
    )


def _cover_path(base_dir, name):
    """The file `name` (relative to `base_dir`), refused unless it lies inside that folder."""
    folder = base_dir.resolve()
    try:
        # resolve() follows symbolic links, so a link cannot lead out of the folder either.
        path = (folder / name).resolve()
    except (OSError, ValueError):
        raise ImportLineError(f"cover_image: {name!r} is not a usable file name") from None
    if not path.is_relative_to(folder):
        raise ImportLineError(f"cover_image: {name!r} is outside the folder of the import file")
    return path


def _save(entry, cover, stored_names, known):
    article = None
    if entry.external_id in known.existing:
        article = Article.objects.filter(external_id=entry.external_id).first()
    created = article is None
    if created:
        article = Article(external_id=entry.external_id)
        if entry.external_id:
            known.remember(known.existing, entry.external_id, True)
    article.title = entry.title
    article.lead = entry.lead
    article.body = entry.body
    article.status = entry.status
    article.published_at = entry.published_at
    # Kept exactly as the archive says: "Cập nhật" shows when the story last changed.
    article.updated_at = entry.updated_at or timezone.now()
    article.cover_caption = entry.cover_caption
    article.cover_alt = entry.cover_alt
    article.section = _section(entry.section, known) if entry.section else None
    _attach_cover(article, cover, stored_names)
    # Skipped checks are known true here, and cost a query each per line: the
    # slug is made by save(), the section and the external_id were just looked
    # up, and Article.clean() spells out the publish-time constraint.
    article.full_clean(exclude=["slug", "section", "external_id"], validate_constraints=False)
    article.save()
    stored_names.extend(article.stored_files)  # renditions made by save(); gone if the line fails
    authors = _set_byline(article, entry.authors, known, replace=not created)
    tags = _set_tags(article, entry.tags, known, replace=not created)
    if article.status == Article.Status.PUBLISHED:
        check_publishable(article)
    return article, created, (article.section, authors, tags)


def _read_cover(path, known):
    """The cover, cleaned by the image pipeline, and the name to store it under."""
    if path.exists() and not path.is_file():
        # A folder, a device or a named pipe (which would block the read forever).
        raise ImportLineError(f"cover_image: {path} is not a regular file")
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise ImportLineError(f"cover_image: no file at {path}") from None
    except OSError as error:
        raise ImportLineError(f"cover_image: cannot read {path} ({error.strerror})") from None
    stem = slugify_vi(path.stem) or "anh-bia"
    # Archives reuse a few pictures on many lines: each is decoded and re-encoded once.
    key = (hashlib.sha256(content).digest(), stem)
    if key not in known.covers:
        try:
            image = CleanedImage.from_file(ContentFile(content), stem)
        except ValidationError as error:
            if error.code == "invalid_image":
                raise ImportLineError(
                    f"cover_image: {path} is not a JPEG, PNG, GIF or WebP image"
                ) from None
            raise ImportLineError(f"cover_image: {path}: {error.messages[0]}") from None
        known.covers[key] = (image.read(), image.name)
    cleaned, name = known.covers[key]
    return CleanedImage(cleaned, name=name), name


def _attach_cover(article, cover, stored_names):
    if cover is None:
        article.cover_image = ""
        article.cover_width = article.cover_height = None
        return
    image, name = cover
    field_file = article.cover_image
    # Named by its bytes: the same picture again (another line, a re-import) is not stored again.
    field_file.save(name, image, save=False)
    if field_file.stored_now:
        stored_names.append(field_file.name)


def _delete_files(names):
    storage = Article._meta.get_field("cover_image").storage
    for name in names:
        storage.delete(name)


def _section(name, known):
    if name not in known.sections:
        known.remember(known.sections, name, Section.objects.get_or_create(name=name)[0])
    return known.sections[name]


def _set_byline(article, names, known, *, replace):
    if replace:
        article.credits.all().delete()
    missing = [name for name in names if name not in known.authors]
    if missing:
        found = {}
        for author in Author.objects.filter(name__in=missing).order_by("-pk"):
            found[author.name] = author  # The oldest author of that name wins.
        for name in missing:
            author = found.get(name) or Author.objects.create(name=name)
            known.remember(known.authors, name, author)
    authors = [known.authors[name] for name in names]
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=author, position=position)
        for position, author in enumerate(authors)
    )
    return authors


def _set_tags(article, names, known, *, replace):
    """Replace the tags in a bounded number of queries (taggit's add() runs two per tag)."""
    if replace:
        TaggedArticle.objects.filter(content_object=article).delete()
    if not names:
        return []
    # Keyed by the spelling as well: an exact spelling wins over another case (_find_tags).
    missing = [name for name in names if name not in known.tags]
    if missing:
        tags = _find_tags(missing)
        for name in missing:
            tag = tags.get(name.casefold()) or Tag.objects.create(name=name)
            known.remember(known.tags, name, tag)
    unique = {known.tags[name].pk: known.tags[name] for name in names}
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=article, tag=tag) for tag in unique.values()
    )
    return list(unique.values())


def _find_tags(names):
    """Existing tags by case-folded name, in one query.

    Tags are case-insensitive (TAGGIT_CASE_INSENSITIVE), but SQLite only folds
    ASCII case; every spelling of a name shares its slug's stem, so candidates
    are fetched by slug and by name, and compared here.
    """
    query = Q()
    for name in names:
        stem = slugify_vi(name, max_length=90)
        query |= Q(name=name) | Q(slug=stem) | Q(slug__startswith=f"{stem}-")
    found = {}
    wanted = {name.casefold(): name for name in names}
    for tag in Tag.objects.filter(query).order_by("-pk"):
        key = tag.name.casefold()
        if key in wanted and (key not in found or found[key].name != wanted[key]):
            found[key] = tag  # An exact spelling, else the oldest, wins.
    return found


def _describe(error):
    parts = []
    for name, messages in error.message_dict.items():
        text = " ".join(messages)
        parts.append(text if name == NON_FIELD_ERRORS else f"{name}: {text}")
    return "; ".join(parts)


def _text(data, key, *, strip=True):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ImportLineError(f"{key} must be a string, not {_json_type(value)}")
    return value.strip() if strip else value


def _name(value, key, model, field_name):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ImportLineError(f"{key} must be a string, not {_json_type(value)}")
    limit = model._meta.get_field(field_name).max_length
    value = " ".join(value.split())
    if len(value) > limit:
        raise ImportLineError(f"{key}: {value[:40]!r}… is longer than {limit} characters")
    return value


def _names(data, key, model, field_name, *, twice):
    values = data.get(key)
    if values is None:
        return []
    if not isinstance(values, list):
        raise ImportLineError(f"{key} must be a list of names, not {_json_type(values)}")
    names, seen = [], set()
    for value in values:
        name = _name(value, key, model, field_name)
        if not name:
            raise ImportLineError(f"{key}: a name is empty")
        if name.casefold() in seen:
            if twice == "drop":
                continue
            raise ImportLineError(f"{key}: {name!r} is listed twice")
        seen.add(name.casefold())
        names.append(name)
    return names


def _external_id(data):
    value = data.get("external_id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # Old systems number their articles.
    value = _text(data, "external_id")
    limit = Article._meta.get_field("external_id").max_length
    if len(value) > limit:
        raise ImportLineError(f"external_id is longer than {limit} characters")
    return value or None


def _time(data, key):
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ImportLineError(f"{key} must be an ISO 8601 string, not {_json_type(value)}")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ImportLineError(
            f"{key}: {value!r} is not an ISO 8601 time (like 2023-11-27T08:40:36+07:00)"
        ) from None
    if timezone.is_naive(moment):
        raise ImportLineError(
            f"{key}: {value!r} has no time zone offset (write it like 2023-11-27T08:40:36+07:00)"
        )
    return moment


def _quoted(keys):
    return ", ".join(repr(key) for key in keys)


def _json_type(value):
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)
