"""CKEditor's image upload and browser, for staff who may edit articles only.

ckeditor_uploader lets any staff member upload any file whose name looks like
an image. Here the user must hold the article change permission, and the file
must decode as a JPEG, PNG, GIF or WebP image whatever its name says.
"""

from ckeditor_uploader import views as ckeditor_views
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse, JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from PIL import Image

EDITOR_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
edit_permission = permission_required("articles.change_article", raise_exception=True)


def is_editor_image(uploaded_file):
    """True when the file's content decodes as an image format the site shows."""
    try:
        with Image.open(uploaded_file) as image:
            image.verify()
            return image.format in EDITOR_IMAGE_FORMATS
    except Exception:  # Pillow raises many types for hostile or broken files.
        return False
    finally:
        uploaded_file.seek(0)


def _refuse(request, message):
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num.isdigit():
        # The upload dialog expects a script that calls back into the editor.
        message_js = message.replace("\\", "\\\\").replace("'", "\\'")
        return HttpResponse(
            "<script>window.parent.CKEDITOR.tools.callFunction("
            f"{func_num}, '', '{message_js}');</script>",
            status=400,
        )
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)


# CKEditor 4's dialogs cannot send Django's CSRF token; the session cookie is
# SameSite=Lax, so a cross-site form cannot post here with a staff session.
@csrf_exempt
@require_POST
@edit_permission
def upload(request):
    uploaded_file = request.FILES.get("upload")
    func_num = request.GET.get("CKEditorFuncNum")
    if func_num is not None and not func_num.isdigit():
        return JsonResponse({"uploaded": 0, "error": {"message": "Bad request"}}, status=400)
    if uploaded_file is None:
        return _refuse(request, _("Choose an image to upload."))
    if not is_editor_image(uploaded_file):
        return _refuse(request, _("Only JPEG, PNG, GIF and WebP images can be uploaded."))
    return ckeditor_views.upload(request)


urlpatterns = [
    re_path(r"^upload/", upload, name="ckeditor_upload"),
    re_path(
        r"^browse/", never_cache(edit_permission(ckeditor_views.browse)), name="ckeditor_browse"
    ),
]
