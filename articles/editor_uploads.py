"""CKEditor's image upload and browser, for staff who may edit articles only.

ckeditor_uploader stores any file whose name looks like an image, as sent,
and lists every upload to every staff member. Here the user must hold the
article change permission and send Django's CSRF token (static/js/
editor-uploads.js adds it to CKEditor's upload requests); the image is
re-encoded by the site's image pipeline, so no GPS position, camera details
or appended HTML reach the server's disk. Each user's uploads go to a folder
of their own (CKEDITOR_RESTRICT_BY_USER); journalists browse only theirs,
editors everything.
"""

import json
import os
from pathlib import PurePath

from ckeditor_uploader import utils as ckeditor_utils
from ckeditor_uploader import views as ckeditor_views
from ckeditor_uploader.forms import SearchForm
from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import re_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from newsroom import images

from .services import can_publish
from .slugs import slugify_vi

edit_permission = permission_required("articles.change_article", raise_exception=True)
# What the file browser shows next to each image (ckeditor_uploader's own size).
BROWSER_THUMBNAIL_BOX = (75, 75)


def _answer(request, *, url="", message="", status=200):
    """The reply CKEditor expects: a callback script for the dialog, JSON otherwise."""
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num.isdigit():
        # The values are quoted by json.dumps (and < escaped); the number is digits only.
        url_js = json.dumps(url).replace("'", "\\u0027").replace("<", "\\u003c")[1:-1]
        message_js = f", {json.dumps(message)}".replace("<", "\\u003c") if message else ""
        return HttpResponse(
            f"<script>window.parent.CKEDITOR.tools.callFunction({func_num}, '{url_js}'"
            f"{message_js});</script>",
            status=status,
        )
    if status != 200:
        return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)
    return JsonResponse({"uploaded": "1", "url": url, "fileName": PurePath(url).name})


@require_POST
@edit_permission
def upload(request):
    func_num = request.GET.get("CKEditorFuncNum")
    if func_num is not None and not func_num.isdigit():
        # The number is written into a script: only digits may pass.
        message = _("The editor sent a malformed request.")
        return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)
    uploaded_file = request.FILES.get("upload")
    if uploaded_file is None:
        return _answer(request, message=_("Choose an image to upload."), status=400)
    max_bytes = getattr(settings, "EDITOR_MAX_IMAGE_BYTES", 10 * 1024 * 1024)
    if uploaded_file.size > max_bytes:
        message = _("Images up to %(size)d MB can be uploaded.") % {"size": max_bytes // 2**20}
        return _answer(request, message=message, status=400)
    try:
        clean = images.clean_image(uploaded_file.read(), thumbnail_box=BROWSER_THUMBNAIL_BOX)
    except ValidationError as error:
        if error.code == "invalid_image":
            message = _("Only JPEG, PNG, GIF and WebP images can be uploaded.")
        else:
            message = error.messages[0]
        return _answer(request, message=message, status=400)
    return _answer(request, url=ckeditor_utils.get_media_url(_store(request, uploaded_file, clean)))


def _store(request, uploaded_file, clean):
    """Save the cleaned image and the browser's thumbnail; return the image's stored name."""
    # The name ends in what the content is, so no server ever serves an
    # image-that-is-also-HTML as .html; slugify_vi keeps Vietnamese names readable.
    name = f"{slugify_vi(PurePath(uploaded_file.name).stem) or 'anh'}.{clean.extension}"
    storage = ckeditor_utils.storage
    saved = storage.save(
        ckeditor_views.get_upload_filename(name, request), ContentFile(clean.content)
    )
    try:
        # Named as ckeditor_uploader's browser looks for it (JPEG bytes, as its own backend writes).
        storage.save(ckeditor_utils.get_thumb_filename(saved), ContentFile(clean.thumbnail))
    except BaseException:
        storage.delete(saved)
        raise
    return saved


@never_cache
@edit_permission
def browse(request):
    """ckeditor_uploader's browser: editors see every upload, others their own."""
    user = None if can_publish(request.user) else request.user
    files = ckeditor_views.get_files_browse_urls(user)
    form = SearchForm(request.POST or None)
    if form.is_valid():
        query = form.cleaned_data.get("q", "").lower()
        files = [file for file in files if query in file["visible_filename"].lower()]
    context = {
        "show_dirs": getattr(settings, "CKEDITOR_BROWSE_SHOW_DIRS", False),
        "dirs": sorted({os.path.dirname(file["src"]) for file in files}, reverse=True),
        "files": files,
        "form": form,
    }
    return render(request, "ckeditor/browse.html", context)


urlpatterns = [
    re_path(r"^upload/", upload, name="ckeditor_upload"),
    re_path(r"^browse/", browse, name="ckeditor_browse"),
]
