"""Template tags for the reader's site. None of them queries the database."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_path(context, language_code):
    """This page's path in another language (`/en/section/x/` ↔ `/section/x/`).

    The path is rebuilt by reverse() from the view the URL resolves to, never
    copied from the request: a 404 for `/%2Fevil.example/` (the path
    `//evil.example/`) must not link to `//evil.example/en/`, which browsers
    read as another site. Django's translate_url() keeps such a path's "host".
    A path that resolves to nothing leads to the other language's home page.
    """
    request = context.get("request")
    try:
        match = resolve(request.path_info) if request is not None else None
    except Resolver404:
        match = None
    with translation.override(language_code):
        if match is not None and match.url_name:
            try:
                # reverse() percent-quotes the arguments and escapes a leading "//".
                return reverse(match.view_name, args=match.args, kwargs=match.captured_kwargs)
            except NoReverseMatch:
                pass
        return reverse("articles:home")


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
