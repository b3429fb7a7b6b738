"""The three newsroom roles, with what each may do in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST_PERMISSIONS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_articleauthor",
    "articles.change_articleauthor",
    "articles.delete_articleauthor",
    "articles.view_articleauthor",
    "articles.view_section",
    "articles.view_author",
    "articles.view_tag",
]
EDITOR_PERMISSIONS = JOURNALIST_PERMISSIONS + [
    "articles.delete_article",
    "articles.publish_article",
    "articles.add_section",
    "articles.change_section",
    "articles.delete_section",
    "articles.add_author",
    "articles.change_author",
    "articles.delete_author",
    "articles.add_tag",
    "articles.change_tag",
    "articles.delete_tag",
]
GROUPS = {
    "Journalists": JOURNALIST_PERMISSIONS,
    "Editors": EDITOR_PERMISSIONS,
    # Moderators get the comment permissions from the comments app's migrations.
    "Moderators": [],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
