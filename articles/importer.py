"""Import an archive: one article per JSON line, each in its own transaction.

A line is the whole truth about its article. Re-importing a line with the same
`external_id` updates that article in place: its byline and tags are replaced,
and a cover left out of the line is removed. The slug of an updated article
is kept, so its address does not change.

A cover is a file inside the folder of the JSON Lines file: the archive is
data from elsewhere, and must not make the importer publish /etc/passwd or a
file reached by `../` or a symbolic link.
"""

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


def import_lines(lines, *, base_dir, on_error=None):
    """Import every non-blank line of `lines` (bytes or str); report what happened."""
    report = ImportReport()
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if number == 1:
                text = text.removeprefix("\ufeff")
            if not text.strip():
                continue
            _article, created = import_article(parse_line(text), base_dir=base_dir)
        except UnicodeDecodeError:
            reason = "the line is not valid UTF-8"
        except ImportLineError as error:
            reason = str(error)
        except DatabaseError as error:
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            reason = f"the database refused the article: {first_line}"
        else:
            if created:
                report.created += 1
            else:
                report.updated += 1
            continue
        report.errors.append((number, reason))
        if on_error is not None:
            on_error(number, reason)
    return report


def parse_line(text):
    """The JSON object on one line, or ImportLineError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportLineError(f"invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise ImportLineError(f"expected a JSON object, got {_json_type(data)}")
    return data


def import_article(data, *, base_dir):
    """Create or update (by `external_id`) the article `data` describes.

    Returns `(article, created)`. Raises ImportLineError and saves nothing,
    neither rows nor files, when the line is invalid.
    """
    entry = clean_entry(data, base_dir=Path(base_dir))
    cover = _read_cover(entry.cover_path) if entry.cover_path else None
    stored_names = []
    try:
        with transaction.atomic():
            article, created = _save(entry, cover, stored_names)
            # An import is a save like any other: it goes into the history, and a
            # form opened before it is then out of date.
            revisions.record(article, None)
    except ValidationError as error:
        _delete_files(stored_names)
        raise ImportLineError(_describe(error)) from None
    except BaseException:
        _delete_files(stored_names)
        raise
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


def _save(entry, cover, stored_names):
    article = None
    if entry.external_id:
        article = Article.objects.filter(external_id=entry.external_id).first()
    created = article is None
    if created:
        article = Article(external_id=entry.external_id)
    article.title = entry.title
    article.lead = entry.lead
    article.body = entry.body
    article.status = entry.status
    article.published_at = entry.published_at
    # Kept exactly as the archive says: "Cập nhật" shows when the story last changed.
    article.updated_at = entry.updated_at or timezone.now()
    article.cover_caption = entry.cover_caption
    article.cover_alt = entry.cover_alt
    article.section = (
        Section.objects.get_or_create(name=entry.section)[0] if entry.section else None
    )
    old_thumbnail = article.cover_thumbnail.name
    _attach_cover(article, cover, stored_names)
    # Skipped checks are known true here, and cost a query each per line: the
    # slug is made by save(), the section and the external_id were just looked
    # up, and Article.clean() spells out the publish-time constraint.
    article.full_clean(exclude=["slug", "section", "external_id"], validate_constraints=False)
    article.save()
    if article.cover_thumbnail and article.cover_thumbnail.name != old_thumbnail:
        stored_names.append(article.cover_thumbnail.name)  # made by save(); gone if the line fails
    _set_byline(article, entry.authors, replace=not created)
    _set_tags(article, entry.tags, replace=not created)
    if article.status == Article.Status.PUBLISHED:
        check_publishable(article)
    return article, created


def _read_cover(path):
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
    try:
        image = CleanedImage.from_file(ContentFile(content), (slugify_vi(path.stem) or "anh-bia"))
    except ValidationError as error:
        if error.code == "invalid_image":
            raise ImportLineError(
                f"cover_image: {path} is not a JPEG, PNG, GIF or WebP image"
            ) from None
        raise ImportLineError(f"cover_image: {path}: {error.messages[0]}") from None
    return image, image.name


def _attach_cover(article, cover, stored_names):
    if cover is None:
        article.cover_image = ""
        article.cover_width = article.cover_height = None
        return
    image, name = cover
    if article.cover_image and _same_file(article.cover_image, image):
        return  # Re-importing the same picture keeps the stored file.
    article.cover_image.save(name, image, save=False)
    stored_names.append(article.cover_image.name)


def _same_file(field_file, image):
    try:
        with field_file.storage.open(field_file.name, "rb") as stored:
            return stored.read() == image.read()
    except OSError:
        return False
    finally:
        image.seek(0)


def _delete_files(names):
    storage = Article._meta.get_field("cover_image").storage
    for name in names:
        storage.delete(name)


def _set_byline(article, names, *, replace):
    if replace:
        article.credits.all().delete()
    found = {}
    for author in Author.objects.filter(name__in=names).order_by("-pk"):
        found[author.name] = author  # The oldest author of that name wins.
    authors = [found.get(name) or Author.objects.create(name=name) for name in names]
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=author, position=position)
        for position, author in enumerate(authors)
    )


def _set_tags(article, names, *, replace):
    """Replace the tags in a bounded number of queries (taggit's add() runs two per tag)."""
    if replace:
        TaggedArticle.objects.filter(content_object=article).delete()
    if not names:
        return
    tags = _find_tags(names)
    for name in names:
        if name.casefold() not in tags:
            tags[name.casefold()] = Tag.objects.create(name=name)
    unique = {tag.pk: tag for tag in tags.values()}
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=article, tag=tag) for tag in unique.values()
    )


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
