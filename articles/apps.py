from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(repair_search_index, sender=self)


def repair_search_index(using, **kwargs):
    from . import search_index

    search_index.repair(connections[using])
