from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.fields.json import KT
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from newsroom.images import rendition_height

from . import search_index
from .desk_models import ArticleNote, ArticleTransition, Notification, Stage  # noqa: F401
from .fields import CleanImageField, SanitizedRichTextField
from .images import refresh_cover_renditions, release_after_commit, rendition_srcsets
from .search import marked_words, search_columns, typed_phrase
from .slugs import slugify_vi, unique_slug, validate_article_slug


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Section, self.name, instance=self, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(_("byline name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="authors/", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pen_names",
        help_text=_("The staff member who writes under this name, if any."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, self.name, instance=self, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(TagBase):
    """A keyword; its slug is made for Vietnamese (taggit's default drops đ)."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag, max_length=90) or "the"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class TagRedirect(models.Model):
    """The slug of a tag merged into another: its old URL redirects to `tag`."""

    old_slug = models.SlugField(_("old slug"), max_length=100, unique=True, allow_unicode=True)
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("tag")
    )

    class Meta:
        verbose_name = _("tag redirect")
        verbose_name_plural = _("tag redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.tag.slug}"


class TaggedArticleQuerySet(models.QuerySet):
    def live_ids_newest_first(self, tag):
        """The ids of `tag`'s live articles, newest first.

        Joining the articles, page 500 of a tag most articles carry walks the archive
        newest first and probes 10,000 articles' links. On PostgreSQL the links mirror
        their article's publication (database triggers, migration 0017), so the ids come
        from one index of the links alone. The rows shown still pass `published()`.
        """
        if connections[self.db].vendor != "postgresql":
            return (
                Article.objects.published().tagged(tag).newest_first().values_list("pk", flat=True)
            )
        now = timezone.now()
        return (
            self.filter(tag=tag, live_from__lte=now)
            .filter(Q(live_until__isnull=True) | Q(live_until__gt=now))
            .order_by("-live_from", "-content_object_id")
            .values_list("content_object_id", flat=True)
        )


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    # On PostgreSQL, copies of the article's publication, kept by triggers on both
    # tables whatever writes them (save, update(), the importer, the archive builder):
    # `published_at` while the article is published, else empty; and `expires_at`.
    live_from = models.DateTimeField(null=True, editable=False)
    live_until = models.DateTimeField(null=True, editable=False)

    objects = TaggedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
        indexes = [
            models.Index(
                # live_until last: the ids and the expiry check without reading the table.
                fields=["tag", "-live_from", "-content_object", "live_until"],
                name="tagged_live_newest",
                condition=Q(live_from__isnull=False),
            ),
        ]


# Editors hold it (articles/migrations/0002_editorial_groups.py); articles.services uses it too.
PUBLISH_PERMISSION = "articles.publish_article"


def byline_prefetch():
    """The byline's credits with their authors, in credit order, in one query."""
    credits = ArticleAuthor.objects.select_related("author").order_by("position", "pk")
    return Prefetch("credits", queryset=credits)


def article_page_relations():
    """Prefetch lookups for what the article page shows besides its row: byline, tags."""
    return [byline_prefetch(), "tags"]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, not scheduled for later, not expired."""
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def visible_to(self, user):
        """Articles `user` may open in the admin and preview: all for editors; for the
        others, what readers see plus what they created or are credited on."""
        if user.has_perm(PUBLISH_PERMISSION):
            return self
        if not user.is_authenticated:
            return self.published()
        return self.published() | self.written_by(user)

    def written_by(self, user):
        """Articles `user` created or is credited on (through a pen name linked to the account)."""
        credited = ArticleAuthor.objects.filter(author__user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=credited))

    def with_last_step(self):
        """Each article with its latest workflow step: last_from, last_to, last_note, last_at."""
        latest = ArticleTransition.objects.filter(article=OuterRef("pk")).order_by("-at", "-pk")
        return self.annotate(
            **{
                f"last_{name}": Subquery(latest.values(field)[:1])
                for name, field in [
                    ("from", "from_stage"),
                    ("to", "to_stage"),
                    ("note", "note"),
                    ("at", "at"),
                ]
            }
        )

    def sent_back(self):
        """Drafts an editor returned to their journalists with a note, still unresolved."""
        return (
            self.with_last_step()
            .filter(status=Article.Status.DRAFT, last_from=Stage.REVIEW, last_to=Stage.DRAFT)
            .exclude(last_note="")
        )

    def scheduled(self):
        """Published articles whose publish time is still ahead."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def overdue(self):
        """Articles in review whose planned publish time has passed: late for the editors."""
        return self.filter(status=Article.Status.REVIEW, published_at__lte=timezone.now())

    def going_live_on(self, day):
        """Published articles whose publish time falls on `day` (a local date)."""
        start = timezone.make_aware(datetime.combine(day, time.min))
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__gte=start,
            published_at__lt=start + timedelta(days=1),
        )

    def with_pending_corrections(self):
        """Articles with a correction that waits for an editor."""
        pending = ArticleRevision.objects.pending().values("article_id")
        return self.filter(pk__in=pending)

    def with_byline(self):
        """Every column, with the section and the byline in a fixed number of queries."""
        return self.select_related("section").prefetch_related(byline_prefetch())

    def for_listing(self):
        """What a card shows (headline, lead, thumbnail, section, byline), in a fixed
        number of queries; bodies and search columns stay in the database."""
        return self.with_byline().only(*CARD_FIELDS)

    def for_cards(self):
        """What a card shows (includes/article_card.html: headline, lead, thumbnail,
        times), in one query: no byline, no section, no body."""
        return self.only(*CARD_FIELDS)

    def for_article_row(self):
        """The article page's row and section; the byline and tags come with
        article_page_relations(), only when a part of the page that shows them is made."""
        return self.select_related("section").defer("search_title", "search_text")

    def related_to(self, article, limit=4):
        """Published articles sharing a tag or the section with `article`, newest first.

        The two kinds are found apart, each by a short walk of the newest-first index
        (tag links are probed per article): OR-ing them makes PostgreSQL hash every
        link of the article's tags, 20,000 for a big one, and SELECT DISTINCT over a
        join reads whole rows. Three small queries in all, then the cards.
        """
        others = self.published().exclude(pk=article.pk).newest_first()
        shares_a_tag = TaggedArticle.objects.filter(
            content_object=OuterRef("pk"), tag__in=[tag.pk for tag in article.tags.all()]
        )
        candidates = {
            *others.filter(Exists(shares_a_tag)).values_list("published_at", "pk")[:limit],
            *others.filter(section_id=article.section_id).values_list("published_at", "pk")[:limit],
        }
        chosen = [pk for _, pk in sorted(candidates, reverse=True)[:limit]]
        return self.filter(pk__in=chosen).for_listing().newest_first()

    def newest_first(self):
        """Newest publication first; the id breaks ties so pages never overlap."""
        return self.order_by("-published_at", "-pk")

    def in_section(self, section):
        """Articles filed under `section`."""
        return self.filter(section=section)

    def tagged(self, tag):
        """Articles carrying `tag`."""
        return self.filter(tags=tag)

    def by_author(self, author):
        """Articles with `author` in their byline."""
        return self.filter(credits__author=author)

    def lead_story(self):
        """The front page's lead: the newest featured article, else the newest one."""
        return self.order_by("-featured", "-published_at", "-pk").first()

    def top_ids_per_section(self, per_section):
        """The ids of the newest `per_section` articles of every section, in one query.

        One row per section, one column per rank, each a one-row index probe; numbering
        every article of the archive (a window function) grows with the archive.
        """
        newest = self.newest_first().filter(section=OuterRef("pk")).values("pk")
        ranks = {f"rank_{n}": Subquery(newest[n : n + 1]) for n in range(per_section)}
        rows = Section.objects.annotate(**ranks).values_list(*ranks)
        return [pk for row in rows for pk in row if pk is not None]

    def top_per_section(self, per_section):
        """The newest `per_section` articles of every section, grouped by section."""
        return self.filter(pk__in=self.top_ids_per_section(per_section)).order_by(
            "section__position", "section__name", "section_id", "-published_at", "-pk"
        )

    def search(self, words, query=None):
        """Articles matching a reader's query, the most exact matches first.

        `words` come from `articles.search.query_words` (folded) and match whole
        words of the normalized text, from a full-text index (articles.search_index).
        An article matches when it holds the words together, in order, diacritics
        aside; or when it holds every word apart and each word the reader spelled
        with diacritics appears so spelled in its headline or lead. So `Bình Dương`
        never finds `Bình Minh ... đường`, while `da nang cau` still finds
        `Đà Nẵng khởi công cầu`.

        Only the newest `settings.SEARCH_CANDIDATES` matches are ranked and listed:
        a common word ("tỉnh") matches nearly every article, and ranking them all
        means reading all their texts (seconds at 100,000 articles). Taking the
        newest matches is a short walk of the newest-first index, checking each
        article against the full-text index; a rare word ("Tủa Chùa") has few
        matches, all of them found in the full-text index, however old. The cost:
        for a common word, an exact headline match older than the newest
        candidates is not listed; the reader narrows with more words.

        Order: the query as typed in the headline, then in the lead; the words
        together in the headline, then in the text; the words apart; newest first.
        """
        if not words:
            return self.none()
        connection = connections[self.db]
        every_word = search_index.every_word(connection, words)
        query = typed_phrase(query) or " ".join(words)
        phrase = f" {' '.join(words)} "
        together = search_index.words_together(connection, words)
        if len(words) > 1 and (marked := marked_words(query)):
            apart = Q()
            for word in marked:
                apart &= _spelled("title", word, connection) | _spelled("lead", word, connection)
            # Every word first: the cheaper check, from the index or the walk, leaves
            # few articles for the costlier ones (positions, the headline and lead).
            matches = self.filter(every_word).filter(apart | together)
        else:
            matches = self.filter(every_word)
        candidates = matches.newest_first().values("pk")[: settings.SEARCH_CANDIDATES]
        tiers = [
            When(_spelled("title", query, connection), then=Value(0)),
            When(_spelled("lead", query, connection), then=Value(1)),
            When(search_title__contains=phrase, then=Value(2)),
        ]
        if len(words) > 1:
            # One word is always "together": reading the long text again would be wasted.
            tiers.append(When(together, then=Value(3)))
        rank = Case(*tiers, default=Value(4))
        return (
            self.filter(pk__in=candidates)
            .annotate(search_rank=rank)
            .order_by("search_rank", "-published_at", "-pk")
        )


def _spelled(field, text, connection):
    """`field` contains `text` as typed, case aside (on SQLite, which folds only ASCII
    case, as typed or with its first letter upper-cased: "đà nẵng" finds "Đà Nẵng")."""
    first_upper = text[:1].upper() + text[1:]
    spelled = Q(**{f"{field}__icontains": text})
    if connection.vendor == "postgresql" or first_upper == text:
        return spelled  # PostgreSQL's UPPER() folds every letter's case: once is enough.
    return spelled | Q(**{f"{field}__icontains": first_upper})


# Changes this close to the publication belong to it (see updated_after_publication).
PUBLICATION_GRACE = timedelta(minutes=1)

THUMBNAIL_FIELDS = ("cover_thumbnail", "cover_thumbnail_width", "cover_thumbnail_height")
# What save() derives from the cover (articles.images.refresh_cover_renditions).
RENDITION_FIELDS = ("cover_renditions", *THUMBNAIL_FIELDS)
# What a card needs (templates/includes/article_card.html, feeds, search results).
CARD_FIELDS = (
    "title",
    "slug",
    "lead",
    "status",
    "published_at",
    "updated_at",
    "featured",
    "section",
    "cover_image",
    "cover_width",
    "cover_height",
    "cover_alt",
    *RENDITION_FIELDS,
)


class CardImage(NamedTuple):
    """A picture as a page shows it: `url` for the <img>, and the srcset of its
    WebP and JPEG renditions when it has them (see the `picture` template tag)."""

    url: str
    width: int | None
    height: int | None
    webp_srcset: str = ""
    jpeg_srcset: str = ""


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("headline"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        validators=[validate_article_slug],
        help_text=_("Leave empty to make it from the headline."),
    )
    lead = models.TextField(_("lead (sapo)"), blank=True)
    body = SanitizedRichTextField(_("body"), blank=True)
    cover_image = CleanImageField(
        _("cover image"),
        # Named covers/<hash>/… by its content (articles.images.cover_name).
        upload_to="covers/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Made from the cover by save() (articles.images): the WebP and JPEG copies
    # that reader pages offer in srcset, {"dir": "renditions/ab/ab…", "widths":
    # [160, 320, …], "size": [width, height]}; empty until they are made.
    cover_renditions = models.JSONField(
        _("cover renditions"), default=dict, blank=True, editable=False
    )
    # One of the renditions (a JPEG at most 640 px wide): what list pages show.
    cover_thumbnail = models.ImageField(
        _("cover thumbnail"),
        upload_to="covers/thumbs/%Y/%m/",
        blank=True,
        editable=False,
        width_field="cover_thumbnail_width",
        height_field="cover_thumbnail_height",
    )
    cover_thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    cover_alt = models.CharField(_("cover alt text"), max_length=300, blank=True)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), through="ArticleAuthor", related_name="articles"
    )
    tags = TaggableManager(verbose_name=_("tags"), through=TaggedArticle, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article."),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("The article leaves the site at this time; leave empty for no expiry."),
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
    )
    featured = models.BooleanField(_("featured"), default=False)
    comments_open = models.BooleanField(_("comments open"), default=True)
    external_id = models.CharField(
        _("external id"), max_length=100, unique=True, null=True, blank=True, editable=False
    )
    # Derived from the text on save (articles.search.search_columns): diacritic-free,
    # lower-case words between spaces. Full-text indexes cover search_text: on
    # PostgreSQL a generated tsvector column under GIN, on SQLite an FTS5 trigram
    # table (articles.search_index).
    search_title = models.TextField(
        _("headline, normalized for search"), blank=True, editable=False
    )
    search_text = models.TextField(_("text, normalized for search"), blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish, schedule and unpublish articles"))]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_pub"),
            # What readers' pages walk, newest first: the archive, a section, the lead story.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published"),
                name="article_live_newest",
            ),
            models.Index(
                fields=["section", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_live_section",
            ),
            models.Index(
                fields=["-featured", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_live_lead",
            ),
            # The admin list's ordering (ArticleAdmin.ordering), so page 500 is an index walk:
            # PostgreSQL puts NULLs first in a DESC index, as that ordering wants them.
            models.Index(
                fields=["-published_at", "-updated_at", "-id"], name="article_admin_order"
            ),
            # The sitemaps: pages of live articles in id order (OFFSET walks this index
            # alone, without the rows), and "has a live article" probes by id.
            models.Index(
                fields=["id", "published_at", "expires_at", "updated_at", "slug"],
                condition=Q(status="published"),
                name="article_live_by_id",
            ),
            # The page cache's next expiry (newsroom.pagecache): few articles have one.
            models.Index(
                fields=["expires_at"],
                condition=Q(status="published", expires_at__isnull=False),
                name="article_live_expiry",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_article_has_publish_time",
            )
        ]

    # The cover name as the database holds it (see from_db), so that save()
    # knows when the cover changed without asking the database.
    _stored_cover = None
    # The files the last save() stored (a new cover's renditions), for an import
    # that deletes them again when its line fails.
    stored_files = ()

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Article, self.title, instance=self)
        # The search columns are a derived default, kept in step with the text.
        self.search_title, self.search_text = search_columns(self.title, self.lead, self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "lead", "body"} & set(update_fields):
            kwargs["update_fields"] = update_fields = {
                *update_fields,
                "search_title",
                "search_text",
            }
        old_cover = self._stored_cover
        old_renditions = self.__dict__.get("cover_renditions")
        old_thumbnail = self.__dict__.get("cover_thumbnail") and self.cover_thumbnail.name
        self.stored_files = new_files = []
        if self._cover_changed(update_fields):
            self.stored_files = new_files = refresh_cover_renditions(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *RENDITION_FIELDS}
        try:
            super().save(*args, **kwargs)
        except BaseException:
            for name in new_files:
                self.cover_image.storage.delete(name)
            raise
        if "cover_image" not in self.get_deferred_fields():
            cover = self.cover_image.name or ""
            renditions = self.cover_renditions or {}
            # After the commit, and only what no article uses any more: covers are
            # shared by every article with the same picture.
            release_after_commit(
                self.cover_image.storage,
                old_cover if old_cover and old_cover != cover else "",
                old_renditions if old_renditions and old_renditions != renditions else None,
                old_thumbnail
                if old_thumbnail and old_thumbnail != self.cover_thumbnail.name
                else "",
            )
            self._stored_cover = cover

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        if "cover_image" in article.__dict__:  # not deferred
            cover = article.__dict__["cover_image"]
            article._stored_cover = getattr(cover, "name", cover) or ""
        return article

    def refresh_from_db(self, using=None, fields=None, **kwargs):
        super().refresh_from_db(using=using, fields=fields, **kwargs)
        if fields is None or "cover_image" in fields:
            if "cover_image" not in self.get_deferred_fields():
                self._stored_cover = self.cover_image.name or ""

    def _cover_changed(self, update_fields):
        """True when the thumbnail no longer matches the cover (or is missing)."""
        if update_fields is not None and "cover_image" not in update_fields:
            return False
        if "cover_image" in self.get_deferred_fields():
            return False  # Never loaded, so never changed.
        cover = self.cover_image
        if not getattr(cover, "_committed", True) or cover.name != self._stored_cover:
            return True
        return bool(cover) and not self.cover_thumbnail

    def clean(self):
        if not (self.title or "").strip():
            raise ValidationError({"title": _("An article needs a headline.")})
        if self.status == self.Status.PUBLISHED:
            errors = {}
            if self.section_id is None:
                errors["section"] = _("Choose a section before publishing.")
            if self.published_at is None:
                errors["published_at"] = _("A published article needs a publish time.")
            if errors:
                raise ValidationError(errors)
        if self.expires_at is not None and self.published_at is not None:
            if self.expires_at <= self.published_at:
                raise ValidationError(
                    {"expires_at": _("The expiry time must be after the publish time.")}
                )
        if self.status == self.Status.PUBLISHED:
            # Imported late: the editorial checks' rule reads acknowledgements of articles.
            from proofreading.acknowledgements import check_acknowledged

            check_acknowledged(self)
        if self.slug:
            clash = Article.objects.filter(slug=self.slug).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"slug": _("Another article already uses this slug.")})

    @property
    def is_live(self):
        """True when readers can see the article now."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and not self.is_expired
        )

    @property
    def is_expired(self):
        """True once the article's expiry time has passed."""
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def public_updated_at(self):
        """When readers last saw the article change: never before it went live.

        An article edited before its scheduled time was saved earlier than
        readers could see it; for them it changed when it appeared.
        """
        if self.published_at is None:
            return self.updated_at
        return max(self.updated_at, self.published_at)

    @property
    def updated_after_publication(self):
        """True when a change was made after the first publication.

        Publishing from the form takes the publish time while checking it and
        stamps the save a moment later: within a minute it is one event.
        """
        if self.published_at is None:
            return False
        return self.public_updated_at - self.published_at >= PUBLICATION_GRACE

    @property
    def stage(self):
        """Where the article stands in the workflow (articles.desk_models.Stage)."""
        return Stage.SCHEDULED if self.is_scheduled else Stage(self.status)

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def card_image(self):
        """What a list shows of the cover: the thumbnail, else the cover; None without one."""
        if self.cover_renditions and self.cover_thumbnail_width:
            return self._picture(self.cover_thumbnail_width, self.cover_thumbnail_height)
        if self.cover_thumbnail:
            return CardImage(
                self.cover_thumbnail.url, self.cover_thumbnail_width, self.cover_thumbnail_height
            )
        return self.cover_picture

    @property
    def cover_picture(self):
        """The cover at full width (the article page, the lead story); None without one."""
        if self.cover_renditions:
            top = self.cover_renditions["widths"][-1]
            return self._picture(top, rendition_height(*self.cover_renditions["size"], top))
        if self.cover_image:
            return CardImage(self.cover_image.url, self.cover_width, self.cover_height)
        return None

    def _picture(self, width, height):
        webp, jpeg, url = rendition_srcsets(self.cover_image.storage, self.cover_renditions)
        return CardImage(url(width, "jpg"), width, height, webp, jpeg)

    @property
    def byline_authors(self):
        """The authors in byline order (uses the prefetch from for_listing)."""
        return [credit.author for credit in self.credits.all()]

    @property
    def byline(self):
        """`ĐỖ TRỌNG - PHẠM ẨN`: the authors upper-cased, joined by " - "."""
        return " - ".join(author.name.upper() for author in self.byline_authors)


class ArticleAuthor(models.Model):
    """One author's place in an article's byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="credits")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="credits"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline author")
        verbose_name_plural = _("byline")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")
        ]

    def __str__(self):
        return self.author.name


class ArticleRevisionQuerySet(models.QuerySet):
    def for_history(self):
        """A list of saves: headline and status read out of the JSON, never the bodies."""
        return (
            self.select_related("created_by", "restored_from", "reviewed_by")
            .annotate(saved_title=KT("content__title"), saved_status=KT("content__status"))
            .defer("content", "restored_from__content")
        )

    def saved(self):
        """Versions the article really had: not the corrections proposed for it."""
        return self.filter(state=ArticleRevision.State.SAVED)

    def pending(self):
        """Corrections to published articles that wait for an editor, oldest first."""
        return self.filter(state=ArticleRevision.State.PENDING).order_by("created_at", "pk")


class ArticleRevision(models.Model):
    """An article as one save left it. Written by articles.revisions; readers never read it."""

    class State(models.TextChoices):
        SAVED = "saved", _("Saved version")
        PENDING = "pending", _("Correction awaiting an editor")
        PUBLISHED = "published", _("Correction published")
        REJECTED = "rejected", _("Correction rejected")
        SUPERSEDED = "superseded", _("Correction replaced by a later one")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    # Headline, lead, body, cover, section, byline, tags, status, publish time:
    # see articles.revisions.snapshot.
    content = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("restored from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A change to a published article waits for an editor (articles.revisions.save_pending):
    # it is kept with the live version it was written from, and stays in the history
    # whatever the editor decides.
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SAVED)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("written from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("editor's note"), blank=True)

    objects = ArticleRevisionQuerySet.as_manager()

    class Meta:
        # The id, not the time, orders saves: two saves can share a timestamp.
        ordering = ["-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(state="pending"),
                name="revision_pending",
            )
        ]

    def __str__(self):
        moment = timezone.localtime(self.created_at)
        return f"{self.content.get('title', '')} ({moment:%d-%m-%Y %H:%M:%S})"

    @property
    def status_label(self):
        """The status it was saved with (from for_history() without loading the content)."""
        status = getattr(self, "saved_status", None) or self.content["status"]
        return Article.Status(status).label

    @property
    def is_correction(self):
        """True for a proposed change to a published article, whatever became of it."""
        return self.state != self.State.SAVED

    @property
    def is_pending(self):
        return self.state == self.State.PENDING


class ArticleLockQuerySet(models.QuerySet):
    def live(self):
        """Locks whose page sent a heartbeat recently: the others are as good as released."""
        seconds = settings.ARTICLE_LOCK_EXPIRES_SECONDS
        return self.filter(heartbeat_at__gte=timezone.now() - timedelta(seconds=seconds))


class ArticleLock(models.Model):
    """Who has an article's change page open to edit it. Written by articles.editing."""

    article = models.OneToOneField(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="lock"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateTimeField(_("editing since"), default=timezone.now)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), default=timezone.now)
    # The page that holds it: a page left after "save and continue" releases
    # its own lock, not the one its successor took a moment before.
    page = models.CharField(max_length=64, blank=True)

    objects = ArticleLockQuerySet.as_manager()

    class Meta:
        verbose_name = _("edit lock")
        verbose_name_plural = _("edit locks")

    def __str__(self):
        return f"{self.article_id}: {self.user}"

    @property
    def is_live(self):
        seconds = settings.ARTICLE_LOCK_EXPIRES_SECONDS
        return self.heartbeat_at >= timezone.now() - timedelta(seconds=seconds)


class ArticleAutosave(models.Model):
    """A copy of what one person is typing into one article's form (or a new article's).

    Not a revision and never published: the article changes only when the form is saved.
    Stored as typed; the body is sanitized when it is really saved.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
    )
    title = models.TextField(_("headline"), blank=True)
    lead = models.TextField(_("lead (sapo)"), blank=True)
    body = models.TextField(_("body"), blank=True)
    # The revision the form was loaded from: another save since then is worth a warning.
    base_revision_id = models.BigIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(article__isnull=False),
                name="one_autosave_per_user_and_article",
            ),
            # NULLs are distinct in a unique index: a new article needs its own rule.
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="one_new_article_autosave"
            ),
        ]

    def __str__(self):
        return f"{self.user} / {self.article_id or '-'}"
