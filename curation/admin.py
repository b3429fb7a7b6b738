from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from articles.services import can_publish

from .models import CuratedPage, CuratedSlot


class CuratedSlotFormSet(forms.BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        if "position" in unique_check:
            return _("Two stories cannot share a slot.")
        return _("A story can hold only one slot of a page.")


class CuratedSlotInline(admin.TabularInline):
    model = CuratedSlot
    formset = CuratedSlotFormSet
    fields = ["position", "article", "ends_at"]
    autocomplete_fields = ["article"]
    extra = 3
    verbose_name = _("slot")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "article":
            # Stories are written in the article form, not from here.
            field.widget.can_add_related = field.widget.can_change_related = False
        return field

    verbose_name_plural = _(
        "slots (1 is the lead story; an empty or ended slot shows the newest story)"
    )


@admin.register(CuratedPage)
class CuratedPageAdmin(admin.ModelAdmin):
    """Editors only: the Editors group holds the permissions (migration 0002), and
    publishing is what curation does to a story's place."""

    inlines = [CuratedSlotInline]
    list_display = ["__str__", "slot_summary"]
    list_select_related = ["section"]

    def get_readonly_fields(self, request, obj=None):
        # A page stays the page it is: the front page never turns into a section's.
        return ["section"] if obj is not None else []

    def get_queryset(self, request):
        slots = CuratedSlot.objects.select_related("article").only(
            "page", "position", "ends_at", "article__title"
        )
        return super().get_queryset(request).prefetch_related(Prefetch("slots", queryset=slots))

    def has_module_permission(self, request):
        return can_publish(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return can_publish(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_delete_permission(request, obj)

    def save_formset(self, request, form, formset, change):
        # Swapping two stories (or two slots) would trip the unique constraints one
        # row at a time: the rows whose slot or story changed are deleted first, then
        # written anew.
        moved = [
            slot_form
            for slot_form in formset.initial_forms
            if {"position", "article"} & set(slot_form.changed_data)
            and not formset._should_delete_form(slot_form)
        ]
        CuratedSlot.objects.filter(pk__in=[slot_form.instance.pk for slot_form in moved]).delete()
        for slot_form in moved:
            slot_form.instance.pk = None
        formset.save()
        for slot_form in moved:
            slot_form.instance._state.adding = True
            slot_form.instance.save()

    @admin.display(description=_("slots"))
    def slot_summary(self, obj):
        parts = []
        for slot in obj.slots.all():
            text = f"{slot.position}. {slot.article.title}"
            if slot.ends_at:
                ends = date_format(timezone.localtime(slot.ends_at), "H:i d-m-Y")
                text += " " + str(_("(until %(time)s)") % {"time": ends})
            parts.append(text)
        return " · ".join(parts) or "—"
