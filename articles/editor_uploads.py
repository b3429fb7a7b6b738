"""CKEditor's image upload and browser, for staff who may edit articles only.

ckeditor_uploader lets any staff member upload any file whose name looks like
an image. Here the user must hold the article change permission, and the file
must decode as a JPEG, PNG, GIF or WebP image whatever its name says; it is
stored under a name made from ours, with the extension of what it really is.
"""

import json
from pathlib import PurePath

from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse, JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from PIL import Image

from .slugs import slugify_vi

EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
edit_permission = permission_required("articles.change_article", raise_exception=True)


def image_format(uploaded_file):
    """The format the file's content decodes as, or None if it is not an image we show."""
    try:
        with Image.open(uploaded_file) as image:
            # Refuse what Pillow only warns about: the thumbnail would decode it whole.
            if image.width * image.height > Image.MAX_IMAGE_PIXELS:
                return None
            image.verify()
            return image.format if image.format in EXTENSIONS else None
    except Exception:  # Pillow raises many types for hostile or broken files.
        return None
    finally:
        uploaded_file.seek(0)


def _refuse(request, message):
    if request.GET.get("CKEditorFuncNum", "").isdigit():
        # The upload dialog expects a script that calls back into the editor;
        # json.dumps quotes the message, and the number is digits only.
        message_js = json.dumps(message).replace("<", "\\u003c")
        func_num = request.GET["CKEditorFuncNum"]
        return HttpResponse(
            "<script>window.parent.CKEDITOR.tools.callFunction("
            f"{func_num}, '', {message_js});</script>",
            status=400,
        )
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)


# CKEditor 4's dialogs cannot send Django's CSRF token; the session cookie is
# SameSite=Lax, so a cross-site form cannot post here with a staff session.
@csrf_exempt
@require_POST
@edit_permission
def upload(request):
    func_num = request.GET.get("CKEditorFuncNum")
    if func_num is not None and not func_num.isdigit():
        # ckeditor_uploader writes this value into a script: only digits may pass.
        message = _("The editor sent a malformed request.")
        return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)
    uploaded_file = request.FILES.get("upload")
    if uploaded_file is None:
        return _refuse(request, _("Choose an image to upload."))
    max_bytes = getattr(settings, "EDITOR_MAX_IMAGE_BYTES", 10 * 1024 * 1024)
    if uploaded_file.size > max_bytes:
        return _refuse(
            request,
            _("Images up to %(size)d MB can be uploaded.") % {"size": max_bytes // 2**20},
        )
    found = image_format(uploaded_file)
    if found is None:
        return _refuse(request, _("Only JPEG, PNG, GIF and WebP images can be uploaded."))
    # The stored name ends in what the content is, so no server ever serves an
    # image-that-is-also-HTML as .html; slugify_vi keeps Vietnamese names readable.
    uploaded_file.name = (slugify_vi(PurePath(uploaded_file.name).stem) or "anh") + EXTENSIONS[
        found
    ]
    return ckeditor_views.upload(request)


urlpatterns = [
    re_path(r"^upload/", upload, name="ckeditor_upload"),
    re_path(
        r"^browse/", never_cache(edit_permission(ckeditor_views.browse)), name="ckeditor_browse"
    ),
]
