from django import forms
from django.contrib import admin, messages
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import moderation, privacy
from .models import Comment
from .privacy_admin import reader_data_view

DECISIONS = {
    "approve": moderation.approve,
    "reject": moderation.reject,
    "spam": moderation.mark_spam,
}
# What the change form's save says it did, instead of Django's "changed successfully".
DECISION_DONE = {
    "approve": _("Comment by %(name)s approved."),
    "reject": _("Comment by %(name)s rejected."),
    "spam": _("Comment by %(name)s marked as spam."),
}


class StatusFilter(admin.SimpleListFilter):
    """The moderation queue by default: pending comments unless another status is chosen."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("All"))]

    def value(self):
        return super().value() or Comment.Status.PENDING

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class CommentModerationForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject")), ("spam", _("Spam"))],
        widget=forms.RadioSelect,
        help_text=_("Approving publishes the text above, with your edits."),
    )

    class Meta:
        model = Comment
        fields = ["body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = {
            Comment.Status.APPROVED: "approve",
            Comment.Status.REJECTED: "reject",
            Comment.Status.SPAM: "spam",
        }.get(self.instance.status)
        if current:
            self.fields["decision"].initial = current


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentModerationForm
    list_display = [
        "excerpt",
        "name",
        "article_link",
        "attachment_preview",
        "status",
        "sent",
        "moderated_by",
    ]
    list_filter = [StatusFilter, "created_at"]
    list_select_related = ["article", "moderated_by"]
    search_fields = ["name", "email", "body", "article__title"]
    ordering = ["created_at", "pk"]
    # No second count of every comment (a million) beside the filtered one.
    show_full_result_count = False
    actions = ["approve_selected", "reject_selected", "mark_selected_spam"]
    fieldsets = [
        (
            None,
            {"fields": ["article_link", "name", "email", "created_at", "ip_address", "retention"]},
        ),
        (_("Text"), {"fields": ["body", "original_body", "attachment_preview", "pdf_pages"]}),
        (_("Moderation"), {"fields": ["decision", "status", "moderated_by", "moderated_at"]}),
    ]
    readonly_fields = [
        "article_link",
        "name",
        "email",
        "created_at",
        "ip_address",
        "retention",
        "original_body",
        "attachment_preview",
        "pdf_pages",
        "status",
        "moderated_by",
        "moderated_at",
    ]

    def get_list_display(self, request):
        """In the pending queue every row is pending and unmoderated: leave those columns out."""
        shown = request.GET.get(StatusFilter.parameter_name) or Comment.Status.PENDING
        if shown == Comment.Status.PENDING:
            return [name for name in self.list_display if name not in ("status", "moderated_by")]
        return self.list_display

    class Media:
        # Column widths for the queue: the reader's words get room to be read.
        css = {"all": ["css/comments-admin.css"]}

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    @admin.display(
        description=Comment._meta.get_field("created_at").verbose_name, ordering="created_at"
    )
    def sent(self, comment):
        """`27-11-2023 08:40`: day first and a 24-hour clock, short enough for a narrow column."""
        return date_format(localtime(comment.created_at), "d-m-Y H:i")

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, comment):
        return format_html(
            '<a href="{}">{}</a>', comment.article.get_absolute_url(), comment.article.title
        )

    @admin.display(description=_("attachment"))
    def attachment_preview(self, comment):
        if not comment.has_attachment:
            return "—"
        if comment.attachment_is_image:
            return format_html(
                '<a href="{}"><img src="{}" alt="{}"></a>',
                comment.attachment_url,
                comment.thumbnail_url,
                comment.attachment_name,
            )
        link = format_html(
            '<a href="{}">{}</a> ({})',
            comment.attachment_url,
            comment.attachment_name,
            filesizeformat(comment.attachment_size),
        )
        if not comment.attachment_pages:
            return link
        count = comment.attachment_pages
        _number, first_page = comment.page_previews[0]
        return format_html(
            '<img class="comment-pdf-page" src="{}" alt="" loading="lazy"> {} · {}',
            first_page,
            link,
            ngettext("%(count)d page", "%(count)d pages", count) % {"count": count},
        )

    @admin.display(description=_("pages of the PDF"))
    def pdf_pages(self, comment):
        """Each page of a PDF attachment as a picture, so that it is read without downloading it."""
        if not comment.attachment_pages:
            return "—"
        pages = format_html_join(
            "",
            '<a href="{}" target="_blank" rel="noopener"><img src="{}" alt="{}" loading="lazy"></a>',
            (
                (url, url, _("Page %(number)d") % {"number": number})
                for number, url in comment.page_previews
            ),
        )
        return format_html('<div class="comment-pdf-pages">{}</div>', pages)

    @admin.display(description=_("personal data"))
    def retention(self, comment):
        """When prune() erases the IP address and, for a rejected comment, deletes the files."""
        lines = []
        if erase_at := privacy.ip_erased_at(comment):
            lines.append(_("IP address will be erased on %(date)s") % {"date": _day(erase_at)})
        if delete_at := privacy.files_deleted_at(comment):
            lines.append(
                _("Attached files will be deleted on %(date)s") % {"date": _day(delete_at)}
            )
        if comment.attachment_removed_at:
            lines.append(
                _("Attached file deleted on %(date)s (retention period)")
                % {"date": _day(comment.attachment_removed_at)}
            )
        return format_html_join("", "<div>{}</div>", ((line,) for line in lines)) or "—"

    def get_urls(self):
        reader_data = self.admin_site.admin_view(lambda request: reader_data_view(request, self))
        return [
            path("reader-data/", reader_data, name="comments_reader_data"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "can_manage_reader_data": privacy.can_manage_reader_data(request.user),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False  # Comments come from readers.

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.has_moderate_permission(request)

    def has_moderate_permission(self, request):
        return moderation.can_moderate(request.user)

    def save_model(self, request, obj, form, change):
        decide = DECISIONS[form.cleaned_data["decision"]]
        edited_body = obj.body
        obj.body = form.initial["body"]  # approve() keeps it as the reader's original.
        if decide is moderation.approve:
            moderation.approve(obj, request.user, body=edited_body)
        else:
            decide(obj, request.user)
        request.moderation_done = DECISION_DONE[form.cleaned_data["decision"]] % {"name": obj.name}

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # The change form's success message names the decision, not a generic change.
        done = getattr(request, "moderation_done", None)
        if done and level == messages.SUCCESS:
            message, request.moderation_done = done, None
        super().message_user(request, message, level, *args, **kwargs)

    def _moderate_selected(self, request, queryset, decide, message):
        comments = list(queryset)
        for comment in comments:
            decide(comment, request.user)
        count = len(comments)
        self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve selected comments"), permissions=["moderate"])
    def approve_selected(self, request, queryset):
        self._moderate_selected(
            request,
            queryset,
            moderation.approve,
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        )

    @admin.action(description=_("Reject selected comments"), permissions=["moderate"])
    def reject_selected(self, request, queryset):
        self._moderate_selected(
            request,
            queryset,
            moderation.reject,
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        )

    @admin.action(description=_("Mark selected comments as spam"), permissions=["moderate"])
    def mark_selected_spam(self, request, queryset):
        self._moderate_selected(
            request,
            queryset,
            moderation.mark_spam,
            lambda n: ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n
            ),
        )


def _day(moment):
    return date_format(localtime(moment), "d-m-Y")
