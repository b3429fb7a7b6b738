"""Django's user and group pages, with permissions named in Vietnamese.

Django stores each permission's name in English when it migrates ("Can add article")
and lists it as stored; here the list says it in the page's language instead.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The four permissions Django makes for every model, by the codename's first word.
MODEL_PERMISSIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission):
    """`Bài viết | Được thêm bài viết`: the app and the permission, translated."""
    content_type = permission.content_type
    model = content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    own_model = model is not None and permission.codename == f"{action}_{model._meta.model_name}"
    if own_model and action in MODEL_PERMISSIONS:
        name = MODEL_PERMISSIONS[action] % {"model": model._meta.verbose_name}
    else:
        name = gettext(permission.name)  # the apps' own permissions, in their catalogs
    try:
        app = apps.get_app_config(content_type.app_label).verbose_name
    except LookupError:
        app = content_type.app_label
    return f"{app} | {name}"


class PermissionLabelsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


class NewsroomUserAdmin(PermissionLabelsMixin, UserAdmin):
    pass


class NewsroomGroupAdmin(PermissionLabelsMixin, GroupAdmin):
    pass


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), NewsroomUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, NewsroomGroupAdmin)
