"""Template tags for the reader's site. None of them queries the database."""

import functools

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import (
    NoReverseMatch,
    Resolver404,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.utils import translation
from django.utils.safestring import mark_safe

from newsroom import pagecache

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
    path = request.path_info if request is not None else None
    return _translated_path(
        path, language_code, translation.get_language(), get_urlconf(), get_script_prefix()
    )


@functools.lru_cache(maxsize=4096)
def _translated_path(path, language_code, current_language, urlconf, script_prefix):
    # Memoized: the URLconf alone decides the answer, and every page asks it three times.
    try:
        match = resolve(path, urlconf) if path is not None else None
    except Resolver404:
        match = None
    with translation.override(language_code):
        if match is not None and match.url_name:
            try:
                # reverse() percent-quotes the arguments and escapes a leading "//".
                return reverse(
                    match.view_name, urlconf, args=match.args, kwargs=match.captured_kwargs
                )
            except NoReverseMatch:
                pass
        return reverse("articles:home", urlconf)


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


@register.tag("fragment")
def do_fragment(parser, token):
    """`{% fragment "name" key… [using=provider] %}…{% endfragment %}`: HTML kept until the next
    content change (newsroom.pagecache.fragment), per language and key.

    The keys must name everything the HTML depends on besides the site's content; `using`
    is a callable of the context returning a dict of what only the HTML needs, so that a
    kept fragment costs no query. A context with `fragments_off` (the staff preview) renders
    every time.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    using = None
    if bits[-1].startswith("using="):
        using = parser.compile_filter(bits.pop()[len("using=") :])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits], using)


class FragmentNode(template.Node):
    def __init__(self, nodelist, keys, using):
        self.nodelist, self.keys, self.using = nodelist, keys, using

    def render(self, context):
        keys = [key.resolve(context) for key in self.keys]
        if context.get("fragments_off") or any(key in (None, "") for key in keys):
            return self.render_contents(context)  # a key that names nothing keeps nothing
        name = ":".join(["html", translation.get_language(), *map(str, keys)])
        return pagecache.fragment(name, lambda: self.render_contents(context))

    def render_contents(self, context):
        extra = self.using.resolve(context) if self.using is not None else None
        with context.push(**(extra or {})):
            return mark_safe(self.nodelist.render(context))


@register.simple_tag
def card(article, eager=False, compact=False, full_cover=False, layout=""):
    """An article's card (includes/article_card.html), kept as a fragment: lists render 20 to 50.

    `layout` is how wide its picture is drawn (pictures.SIZES; the card's default when empty).
    """
    flags = f"{eager:d}{compact:d}{full_cover:d}{layout}"
    return pagecache.fragment(
        f"card:{translation.get_language()}:{article.pk}:{flags}",
        lambda: get_template("includes/article_card.html").render(
            {
                "article": article,
                "eager": eager,
                "compact": compact,
                "full_cover": full_cover,
                "layout": layout,
            }
        ),
    )
