import hashlib

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from articles.models import Article

from . import attachments, ratelimit, services, uploads
from .context import THANKS_QUERY
from .forms import CommentForm
from .models import Comment
from .moderation import can_moderate
from .services import closed_message


@never_cache
@require_GET
def csrf_token(request):
    """The CSRF token for the comment form, which the shared article page leaves out (sets the cookie too)."""
    return JsonResponse({"token": get_token(request)})


# csrf_exempt outside, csrf_protect inside: the size-limiting upload handler
# must be in place before the CSRF check reads the multipart body.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def comment_new(request, article_id):
    """The comment form on its own page; it also receives every posted comment."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    if request.method == "GET":
        if not article.comments_open:
            return _form_page(request, article, None, message=closed_message())
        if request.headers.get(uploads.REFUSED_BY_PROXY_HEADER):
            # nginx refused the post unread (past client_max_body_size) and asks
            # for this page instead of its own bare one.
            return _too_large(request, article)
        return _form_page(request, article, CommentForm())
    refusal = _refuse_unread(request, article)
    if refusal is not None:
        return refusal
    size_limit = uploads.AttachmentSizeLimit(request)
    request.upload_handlers.insert(0, size_limit)
    return _receive_comment(request, article, size_limit)


def _refuse_unread(request, article):
    """Count the post, and answer at once, without reading the body, one that cannot succeed."""
    try:
        services.admit_post(article, ip_address=_client_ip(request))
    except services.TooManyComments:
        return _too_many(request, article, CommentForm())
    except services.CommentsClosed as closed:
        return _form_page(request, article, None, status=403, message=str(closed))
    if uploads.declared_too_large(request):
        return _too_large(request, article)
    return None


@csrf_protect
def _receive_comment(request, article, size_limit):
    form = CommentForm(request.POST, request.FILES, attachment_too_large=size_limit.exceeded)
    if not form.is_valid():
        if form.only_asks_for_diacritics:
            status = 200
        elif size_limit.exceeded:
            status = 413
        else:
            status = 400
        return _form_page(request, article, form, status=status)
    try:
        services.post_comment(article, ip_address=_client_ip(request), **form.comment_fields())
    except services.CommentsClosed as closed:
        return _form_page(request, article, None, status=403, message=str(closed))
    return HttpResponseRedirect(
        f"{article.get_absolute_url()}?{THANKS_QUERY}#binh-luan", status=303
    )


def _form_page(request, article, form, *, status=200, message=""):
    context = {
        "article": article,
        "comment_form": form,
        "page_message": message,
        "max_attachment_bytes": attachments.max_attachment_bytes(),
        "max_attachment_label": attachments.max_size_label(),
    }
    return render(request, "comments/comment_form.html", context, status=status)


def _too_large(request, article):
    """The empty form with the size message: the body was refused unread."""
    message = attachments.too_large_message()
    return _form_page(request, article, CommentForm(), status=413, message=message)


def _too_many(request, article, form):
    response = _form_page(request, article, form, status=429, message=ratelimit.message())
    response["Retry-After"] = str(ratelimit.window_seconds())
    return response


def _client_ip(request):
    # REMOTE_ADDR: production sets it from a proxy header it trusts.
    return request.META.get("REMOTE_ADDR") or None


@require_safe
def attachment(request, pk, thumbnail=False):
    """A comment's file: for everybody once approved, for moderators only before.

    No shared cache (nginx, a CDN, an office proxy) may keep even an approved
    file: it must be gone the moment a moderator rejects it. The reader's own
    browser keeps it but asks again each time, and an unchanged file costs a
    304 (the ETag here, or nginx's own when nginx sends the file).
    """
    comment = get_object_or_404(
        Comment.objects.select_related("article").exclude(attachment=""), pk=pk
    )
    public = comment.is_approved and comment.article.is_live
    if not public and not can_moderate(request.user):
        raise Http404
    # A stored name is random and never rewritten: it names one content for good.
    stored = (thumbnail and comment.attachment_thumbnail) or comment.attachment
    etag = quote_etag(hashlib.sha256(stored.encode()).hexdigest()[:32])
    response = get_conditional_response(request, etag=etag) or attachments.file_response(
        comment, thumbnail=thumbnail
    )
    response["ETag"] = etag
    if public:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


@require_GET
def page_preview(request, pk, page):
    """A picture of one page of a comment's PDF, for moderators only: readers get the PDF."""
    if not can_moderate(request.user):
        raise Http404
    comment = get_object_or_404(Comment.objects.exclude(attachment=""), pk=pk)
    if not 1 <= page <= (comment.attachment_pages or 0):
        raise Http404
    response = attachments.file_response(comment, page=page)
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response
