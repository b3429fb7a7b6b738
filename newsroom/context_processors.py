from django.conf import settings

from articles.models import Section


def site(request):
    """What every page's header and footer need: the same for every visitor."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # Lazy: evaluated once, by the navigation, only on pages that render it.
        "nav_sections": Section.objects.order_by("position", "name"),
    }
