from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Article, ArticleAuthor, Author, Section, Tag


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    # No prepopulated_fields: the admin's URLify turns đ into "dj"; save() makes the slug.


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    autocomplete_fields = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    fields = ["name"]


class BylineFormSet(forms.BaseInlineFormSet):
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
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        label=_("tags"),
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
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
            "featured",
            "comments_open",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "status" in self.fields and not services.can_publish(user):
            self.fields["status"].choices = [
                choice
                for choice in self.fields["status"].choices
                if choice[0] != Article.Status.PUBLISHED
            ]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status", self.instance.status)
        if status == Article.Status.PUBLISHED:
            if not services.can_publish(self.user):
                raise ValidationError(_("Only editors can publish articles."))
            if not cleaned.get("section") and "section" in self.fields:
                self.add_error("section", _("Choose a section before publishing."))
            if "published_at" in self.fields and not cleaned.get("published_at"):
                cleaned["published_at"] = timezone.now()
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline]
    list_display = [
        "title",
        "section",
        "status_label",
        "byline_display",
        "published_at",
        "updated_at",
    ]
    list_filter = ["status", "section", "authors", "featured", "published_at"]
    search_fields = ["title"]
    date_hierarchy = "published_at"
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["preview_link", "updated_at", "created_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "lead", "body", "tags"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_caption", "cover_alt"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "featured",
                    "comments_open",
                    "preview_link",
                    "updated_at",
                    "created_by",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

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
            fields += ["published_at", "featured", "comments_open"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and services.can_publish(request.user)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_live else None

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Scheduled")
        return obj.get_status_display()

    @admin.display(description=_("byline"))
    def byline_display(self, obj):
        return obj.byline

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("articles:preview", kwargs={"pk": obj.pk})
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Preview"))

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, services.publish, _("published"))

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._apply(request, queryset, services.unpublish, _("unpublished"))

    def _apply(self, request, queryset, step, done):
        count = 0
        for article in queryset:
            try:
                step(article, request.user)
            except ValidationError as error:
                problems = "; ".join(error.messages)
                self.message_user(request, f"«{article}»: {problems}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(
                request,
                ngettext("%(count)d article %(done)s.", "%(count)d articles %(done)s.", count)
                % {"count": count, "done": done},
                messages.SUCCESS,
            )
