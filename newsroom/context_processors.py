from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from newsroom import pagecache


def site(request):
    """What every page's header and footer need: the same for every visitor."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # Lazy: evaluated once, by the navigation, only on pages that render it.
        "nav_sections": SimpleLazyObject(lambda: pagecache.fragment("nav-sections", _sections)),
    }


def _sections():
    return list(Section.objects.order_by("position", "name"))
