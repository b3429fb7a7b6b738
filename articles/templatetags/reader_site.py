"""Template tags for the reader's site. None of them queries the database."""

from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_path(context, language_code):
    """This page's path in another language (`/en/section/x/` ↔ `/section/x/`).

    It depends only on the URL, so it is the same for every visitor of a page.
    """
    request = context.get("request")
    if request is None:
        return "/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/"
    return translate_url(request.path, language_code)


@register.simple_tag
def site_name():
    """SITE_NAME, for templates rendered without the site context (the 500 page)."""
    return settings.SITE_NAME


@register.inclusion_tag("includes/contact.html")
def newsroom_contact():
    """The newsroom's address, phone and e-mail from settings."""
    return {
        "address": settings.NEWSROOM_ADDRESS,
        "phone": settings.NEWSROOM_PHONE,
        "email": settings.NEWSROOM_EMAIL,
    }
