"""The Tag admin's merge action: pick the tag to keep, confirm, merge."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .tags import can_merge_tags, merge_tags


class TagMergeForm(forms.Form):
    kept = forms.ModelChoiceField(
        queryset=None,
        label=_("Tag to keep"),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kept"].queryset = tags


class TagMergeAdminMixin:
    """Editors merge the selected tags into the one they keep (issue 11)."""

    actions = ["merge_selected"]

    def changelist_view(self, request, extra_context=None):
        # Without this a journalist's hand-made POST would only re-show the list.
        if request.POST.get("action") == "merge_selected" and not can_merge_tags(request.user):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def has_merge_permission(self, request):
        return can_merge_tags(request.user)

    @admin.action(description=_("Merge into tag…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        tags = queryset.order_by("name")
        if len(tags) < 2:
            self.message_user(
                request,
                _("Select at least two tags: the one to keep and the others."),
                messages.ERROR,
            )
            return None
        form = TagMergeForm(request.POST if "confirm" in request.POST else None, tags=tags)
        if form.is_valid():
            kept = form.cleaned_data["kept"]
            merged = [tag for tag in tags if tag.pk != kept.pk]
            try:
                merge_tags(kept, merged, request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                _("Merged %(names)s into “%(kept)s”.")
                % {"names": ", ".join(f"“{tag.name}”" for tag in merged), "kept": kept.name},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge tags"),
            "opts": self.model._meta,
            "form": form,
            "tags": tags,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/tag/merge_confirmation.html", context)
