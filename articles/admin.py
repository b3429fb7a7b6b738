from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from proofreading.article_admin import ProofreadingAdminMixin

from . import revisions, services
from .calendar_admin import CalendarAdminMixin
from .desk_admin import DeskAdminMixin
from .editing_admin import EditingAdminMixin
from .history_admin import RevisionAdminMixin
from .models import Article, ArticleAuthor, Author, Section, Tag
from .pending_admin import PendingCorrectionAdminMixin, PendingCorrectionFilter
from .search import query_words
from .slugs import fold, slugify_vi
from .tag_admin import TagMergeAdminMixin
from .tags import TagAutocomplete, TagChoiceField, save_new_tags

# No prepopulated_fields anywhere: the admin's URLify turns đ into "dj"; the
# models' save() makes slugs with slugify_vi.


class FoldedNameSearchMixin:
    """A search typed without diacritics ("do trong") also finds "Đỗ Trọng".

    Names are compared in Python: sections, pen names and tags number in the
    thousands at most, and the comparison must work on SQLite and PostgreSQL.
    """

    def get_search_results(self, request, queryset, search_term):
        folded = fold(search_term).strip()
        if not folded or folded != search_term.strip().lower():
            # Typed with diacritics (or nothing typed): Django's own search is exact.
            return super().get_search_results(request, queryset, search_term)
        words = folded.split()
        matching = [
            pk
            for pk, name in queryset.values_list("pk", "name")
            if all(word in fold(name) for word in words)
        ]
        return queryset.filter(pk__in=matching), False


@admin.register(Section)
class SectionAdmin(FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    list_select_related = ["user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A plain list of active staff: an autocomplete over users would need
        # the auth.view_user permission, which editors rightly do not have.
        if db_field.name == "user":
            kwargs["queryset"] = (
                get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Tag)
class TagAdmin(TagMergeAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    fields = ["name"]


class BylineFormSet(forms.BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        return _("Each author appears only once in a byline.")

    def clean(self):
        super().clean()
        if self.instance.status != Article.Status.PUBLISHED:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(_("Add at least one author before publishing."))


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    extra = 1
    verbose_name = _("author")
    verbose_name_plural = _("byline (in order)")


class ArticleAdminForm(forms.ModelForm):
    # A plain text box: whatever is typed is folded like a generated slug, so
    # "Đà Nẵng" or "Bai_Moi" become slugs the article URL pattern accepts.
    slug = forms.CharField(
        label=capfirst(_("slug")),
        max_length=200,
        required=False,
        help_text=_("Leave empty to make it from the headline."),
    )
    # Typing a name that matches no tag offers it as a new one (select2's data-tags),
    # created when the article is saved: journalists make tags from here (issue 11).
    tags = TagChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        label=capfirst(_("tags")),
        widget=TagAutocomplete(Article._meta.get_field("tags"), admin.site),
        help_text=_("Pick a tag, or type a new one and press Enter."),
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "section",
            "lead",
            "body",
            "tags",
            "cover_image",
            "cover_caption",
            "cover_alt",
            "status",
            "published_at",
            "expires_at",
            "featured",
            "comments_open",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "title" in self.fields:
            # Article.clean() gives the one message for a missing headline.
            self.fields["title"].required = False
        if "status" in self.fields and not services.can_publish(user):
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] != Article.Status.PUBLISHED
            ]

    def clean_slug(self):
        return slugify_vi(self.cleaned_data["slug"])

    def _save_m2m(self):
        if "tags" in self.cleaned_data:
            self.cleaned_data["tags"] = save_new_tags(self.cleaned_data["tags"])
        super()._save_m2m()

    def clean(self):
        # The headline, section and publish-time rules are Article.clean()'s, the
        # byline rule BylineFormSet's, and who may publish the services' (the
        # status choices above only spare journalists a button they cannot use).
        cleaned = super().clean()
        publishing = cleaned.get("status") == Article.Status.PUBLISHED
        if publishing and "published_at" in self.fields and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()
        return cleaned


def _stamp(moment):
    """`27-11-2023 08:40`: the newsroom's day-month-year and 24-hour clock."""
    if moment is None:
        return "—"
    return date_format(timezone.localtime(moment), "d-m-Y H:i")


class MineFilter(admin.SimpleListFilter):
    title = _("written by")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("Me"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.written_by(request.user)
        return queryset


class WorkflowFilter(admin.SimpleListFilter):
    """The dashboard's lists (articles.dashboard) as list filters."""

    title = _("workflow")
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [
            ("sent_back", _("Sent back to the journalist")),
            ("scheduled", _("Scheduled")),
            ("today", _("Going live today")),
            ("overdue", _("Overdue in review")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "sent_back":
            return queryset.sent_back()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "today":
            return queryset.going_live_on(timezone.localdate())
        if self.value() == "overdue":
            return queryset.overdue()
        return queryset


class ExpiryFilter(admin.SimpleListFilter):
    title = _("expiry")
    parameter_name = "expiry"

    def lookups(self, request, model_admin):
        return [("past", _("Expired")), ("coming", _("Expiring"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "past":
            return queryset.filter(expires_at__lte=now)
        if self.value() == "coming":
            return queryset.filter(expires_at__gt=now)
        return queryset


class ArticleChangeList(ChangeList):
    """The article list loads what its columns show: no bodies, no search columns."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.defer("body", "search_text", "search_title")


@admin.register(Article)
class ArticleAdmin(
    CalendarAdminMixin,
    DeskAdminMixin,
    EditingAdminMixin,
    ProofreadingAdminMixin,
    PendingCorrectionAdminMixin,
    RevisionAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline]
    list_display = [
        "cover_thumb",
        "title",
        "section",
        "status_label",
        "byline_display",
        "publish_time",
        "last_update",
        "preview_link",
    ]
    list_display_links = ["cover_thumb", "title"]
    list_filter = [
        MineFilter,
        WorkflowFilter,
        PendingCorrectionFilter,
        "status",
        "section",
        "authors",
        "published_at",
        ExpiryFilter,
        "featured",
    ]
    # search_title is the headline folded: "hoc tap" finds "Học tập".
    search_fields = ["title", "search_title"]
    # No date_hierarchy: its year links cost a DISTINCT over the whole archive on each
    # load; the publish-date filter on the right offers the same ranges.
    # "Page 1 of many" instead of a second count of the whole archive.
    show_full_result_count = False
    # Work in progress (no publish time) and scheduled articles come first.
    ordering = [F("published_at").desc(nulls_first=True), "-updated_at", "-pk"]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    readonly_fields = ["preview_link", "updated_at", "created_by", "cover_thumb"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "lead", "body", "tags"]}),
        (
            _("Cover image"),
            {"fields": ["cover_thumb", "cover_image", "cover_caption", "cover_alt"]},
        ),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "expires_at",
                    "featured",
                    "comments_open",
                    "preview_link",
                    "updated_at",
                    "created_by",
                ]
            },
        ),
    ]

    # The list and the form need the width of a 1366 px screen: the menu of models stays
    # on the index page and in the breadcrumbs (Django's nav sidebar would take 300 px).
    WHOLE_WIDTH = {"is_nav_sidebar_enabled": False}

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**self.WHOLE_WIDTH, **(extra_context or {})})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**self.WHOLE_WIDTH, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_search_results(self, request, queryset, search_term):
        """Every word, folded, in the folded headline: "kinh te" and "Kinh tế" find
        "Bài kinh tế"; a trigram index answers it on PostgreSQL (migration 0009)."""
        for word in query_words(search_term):
            queryset = queryset.filter(search_title__contains=word)
        return queryset, False

    def get_queryset(self, request):
        # Everything the admin reaches goes through here: the list, the change,
        # history and delete pages, the actions and the autocomplete.
        return super().get_queryset(request).visible_to(request.user).with_byline()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class RequestForm(form_class):
            def __init__(self, *args, **form_kwargs):
                form_kwargs["user"] = user
                super().__init__(*args, **form_kwargs)

        return RequestForm

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            fields += ["published_at", "expires_at", "featured", "comments_open"]
            if obj is not None and obj.status == Article.Status.PUBLISHED:
                # A journalist's correction changes the text, not the address or the status.
                fields += ["slug", "status"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_edit(request.user, obj) or services.can_correct(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and services.can_publish(request.user)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if change and self.saves_correction(request, obj):
            return  # save_related keeps it as a correction; the live article stays as it is.
        if not change:
            obj.created_by = request.user
        obj.updated_at = timezone.now()
        # The content is saved with the status it had (a new article: a draft);
        # save_related then takes the workflow step through the services, once
        # the byline is saved, so that the step is logged and notified.
        obj.status = form.initial.get("status", obj.status) if change else Article.Status.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change and self.saves_correction(request, form.instance):
            return self.save_correction(request, form, formsets)
        super().save_related(request, form, formsets, change)
        if "status" in form.cleaned_data:
            services.change_status(form.instance, form.cleaned_data["status"], request.user)
        # One revision per save: a workflow step above may already have recorded it.
        if getattr(form.instance, "recorded_revision", None) is None:
            revisions.record(form.instance, request.user)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_live else None

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Scheduled")
        if obj.status == Article.Status.PUBLISHED and obj.is_expired:
            return _("Expired")
        return obj.get_status_display()

    @admin.display(description=_("publish time"), ordering="published_at")
    def publish_time(self, obj):
        if obj.expires_at is None:
            return _stamp(obj.published_at)
        # "01-12-2026 08:40 · hết hạn 02-12-2026 06:00": the whole time on the site.
        expiry = _("expires %(time)s") % {"time": _stamp(obj.expires_at)}
        return f"{_stamp(obj.published_at)} · {expiry}"

    @admin.display(description=_("updated"), ordering="updated_at")
    def last_update(self, obj):
        return _stamp(obj.updated_at)

    @admin.display(description=_("byline"))
    def byline_display(self, obj):
        # A span, so that CSS can keep a long byline to two lines (the title shows it whole).
        return format_html('<span title="{}">{}</span>', obj.byline, obj.byline)

    @admin.display(description=_("cover"))
    def cover_thumb(self, obj):
        """The stored thumbnail (made when the cover was saved), never one made for the page."""
        if obj is None or not obj.cover_thumbnail:
            return "—"
        return format_html(
            '<img class="article-thumb" src="{}" alt="" width="{}" height="{}" loading="lazy">',
            obj.cover_thumbnail.url,
            obj.cover_thumbnail_width or "",
            obj.cover_thumbnail_height or "",
        )

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("articles:preview", kwargs={"pk": obj.pk})
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Preview"))

    @admin.action(description=_("Submit selected articles for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        done = self._apply(request, queryset, services.submit_for_review)
        message = ngettext(
            "%(count)d article submitted for review.",
            "%(count)d articles submitted for review.",
            done,
        )
        self._report(request, message, done)

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        done = self._apply(request, queryset, services.publish)
        message = ngettext(
            "%(count)d article published or scheduled.",
            "%(count)d articles published or scheduled.",
            done,
        )
        self._report(request, message, done)

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        done = self._apply(request, queryset, services.unpublish)
        message = ngettext(
            "%(count)d article taken off the site.",
            "%(count)d articles taken off the site.",
            done,
        )
        self._report(request, message, done)

    def _apply(self, request, queryset, step):
        """Run a workflow step on each article; report each refusal, return the successes."""
        done = 0
        for article in queryset:
            try:
                step(article, request.user)
            except (ValidationError, PermissionDenied) as error:
                reasons = "; ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, f"«{article}»: {reasons}", messages.ERROR)
            else:
                done += 1
        return done

    def _report(self, request, message, done):
        if done:
            self.message_user(request, message % {"count": done}, messages.SUCCESS)


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect (/admin/r/…), for live articles only.

    Django's own redirects any staff member to any object's address, and an
    article's address spells out its headline: a draft's would leak.
    """
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    if content_type.model_class() is not Article:
        return shortcut(request, content_type_id, object_id)
    if not object_id.isdigit():
        raise Http404
    return redirect(get_object_or_404(Article.objects.published(), pk=object_id))
