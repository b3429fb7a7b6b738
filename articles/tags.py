"""Tags: made from the article form, merged by editors."""

from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from newsroom import pagecache

from .models import Tag, TaggedArticle, TagRedirect

# Tag.name is 100 characters in taggit; a keyword longer than this is a sentence.
MAX_TAG_NAME_LENGTH = 50


def can_merge_tags(user):
    """Editors own tags: whoever may delete one may merge it into another."""
    return user.has_perm("articles.delete_tag")


def clean_tag_name(name):
    """`name` trimmed, with its inner spaces single; ValidationError if unusable."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("A tag cannot be empty."), code="empty_tag")
    if len(name) > MAX_TAG_NAME_LENGTH:
        raise ValidationError(
            _("The tag “%(name)s” is too long: at most %(max)d characters."),
            code="long_tag",
            params={"name": name[:20] + "…", "max": MAX_TAG_NAME_LENGTH},
        )
    return name


def find_or_build_tags(names):
    """The tags named `names`: existing ones (case ignored), and unsaved new ones.

    Nothing is written: the form saving the article creates the new ones with
    `save_new_tags`, so a form refused for another field leaves no stray tag.
    """
    tags = {}
    for name in map(clean_tag_name, names):
        if name.casefold() not in tags:
            tags[name.casefold()] = Tag.objects.filter(name__iexact=name).first() or Tag(name=name)
    return list(tags.values())


def save_new_tags(tags):
    """`tags` with the unsaved ones created (or found, if made meanwhile under another case).

    Anybody who may write the article may name a new tag for it (issue 11);
    renaming, deleting and merging tags stay with editors in the Tag admin.
    """
    saved = []
    for tag in tags:
        if tag.pk is None:
            # The slug keeps Tag.slugify's Vietnamese folding; a folded slug taken
            # by another name ("Huế" and "Huệ") gets taggit's -1, -2… suffix.
            tag = Tag.objects.filter(name__iexact=tag.name).first() or Tag.objects.create(
                name=tag.name
            )
        saved.append(tag)
    return saved


class TagAutocomplete(AutocompleteSelectMultiple):
    """The admin's autocomplete, offering a typed name as a new tag (select2's data-tags)."""

    def __init__(self, field, admin_site, attrs=None, **kwargs):
        super().__init__(field, admin_site, attrs={"data-tags": "true", **(attrs or {})}, **kwargs)

    def optgroups(self, name, value, attr=None):
        # A form shown again with its errors keeps the new names typed into it.
        ids = [v for v in value if str(v).isdigit()]
        groups = super().optgroups(name, ids, attr)
        options = groups[0][1]
        for typed in value:
            if typed and typed not in ids:
                options.append(self.create_option(name, typed, typed, True, len(options)))
        return groups


class TagChoiceField(forms.ModelMultipleChoiceField):
    """Tags chosen by id, or typed as new names (the autocomplete's `tags: true`)."""

    def clean(self, value):
        if value and not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        values = [str(v) for v in value or []]
        ids = [v for v in values if v.isdigit()]
        known = {str(tag.pk): tag for tag in self.queryset.filter(pk__in=ids)}
        # A value that is no tag's id is a name typed by the writer.
        chosen = [known[v] for v in values if v in known]
        chosen += find_or_build_tags([v for v in values if v not in known])
        unique = {}
        for tag in chosen:
            unique.setdefault(tag.name.casefold(), tag)
        return list(unique.values())


@transaction.atomic
def merge_tags(kept, merged, by):
    """Move the articles of the `merged` tags to `kept`, delete them, and redirect their URLs."""
    if not can_merge_tags(by):
        raise PermissionDenied(_("Only editors can merge tags."))
    merged = [tag for tag in merged if tag.pk != kept.pk]
    if not merged:
        raise ValidationError(_("Choose a tag other than the one kept."), code="merge_into_itself")
    merged_ids = [tag.pk for tag in merged]
    already = TaggedArticle.objects.filter(tag=kept).values("content_object")
    # An article carrying several of the tags keeps one link to `kept` (the through
    # model allows a tag once per article); its other links go with their tags.
    # One UPDATE per merged tag, so `already` counts the links the previous one moved.
    for tag_id in merged_ids:
        TaggedArticle.objects.filter(tag=tag_id).exclude(content_object__in=already).update(
            tag=kept
        )
    # Redirects that pointed at a merged tag now point at the final one: no chains.
    TagRedirect.objects.filter(tag__in=merged_ids).update(tag=kept)
    # A slug freed by an earlier merge may have been given to a new tag since.
    old_slugs = [tag.slug for tag in merged]
    TagRedirect.objects.filter(old_slug__in=old_slugs).delete()
    TagRedirect.objects.bulk_create([TagRedirect(old_slug=slug, tag=kept) for slug in old_slugs])
    content_type = ContentType.objects.get_for_model(Tag)
    for tag in merged:
        LogEntry.objects.create(
            user_id=by.pk,
            content_type=content_type,
            object_id=str(kept.pk),
            object_repr=str(kept)[:200],
            action_flag=CHANGE,
            change_message=_("Merged the tag “%(name)s” into this tag.") % {"name": tag.name},
        )
    Tag.objects.filter(pk__in=merged_ids).delete()
    pagecache.content_changed()
    return kept
