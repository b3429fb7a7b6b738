from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles import admin as article_admin
from articles import editor_uploads
from newsroom import health, media

# The paper's name where Django would say "Django administration".
admin.site.site_header = admin.site.site_title = format_lazy(
    "{} · {}", settings.SITE_NAME, _("Newsroom")
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Before the admin's own "view on site" redirect, which would reveal drafts' addresses.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(article_admin.view_on_site),
    ),
    path("admin/", admin.site.urls),
    path("ckeditor/", include(editor_uploads)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("articles.seo_urls")),
]

# Reader pages: Vietnamese at /, English under /en/. No Accept-Language
# negotiation: one URL is one page, in one language.
urlpatterns += i18n_patterns(
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

if settings.DEBUG and not settings.MEDIA_IN_OBJECT_STORAGE:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Media moved to object storage: old /media/ links in article bodies lead to the bucket.
urlpatterns.append(path("media/<path:name>", media.moved_media, name="moved_media"))
