"""What the article page shows of reader comments.

The article page is the same HTML for every visitor and is cached whole
(newsroom.pagecache); nothing here may depend on who is looking: no CSRF token (comments.js fetches it), no user,
no messages. The thank-you notice depends only on the URL.
"""

import hashlib

from django.core.paginator import Paginator

from .attachments import max_attachment_bytes, max_size_label
from .forms import CommentForm
from .models import PAGE_PARAMETER, Comment, comments_page_size

THANKS_PARAMETER, THANKS_VALUE = "binh-luan", "cho-duyet"
THANKS_QUERY = f"{THANKS_PARAMETER}={THANKS_VALUE}"


def comments_fragment_key(request):
    """What of the URL the comments block depends on: the page asked for, the thank-you."""
    page = request.GET.get(PAGE_PARAMETER, "")
    if len(page) > 12:
        page = hashlib.md5(page.encode()).hexdigest()
    return f"{page}:{request.GET.get(THANKS_PARAMETER) == THANKS_VALUE:d}"


def comments_context(request, article):
    """Template context for the comments block under `article`: one page, in two queries."""
    paginator = Paginator(Comment.objects.for_article_page(article), comments_page_size())
    # A bad or too large number shows the first or last page: it comes from a reader's URL.
    comment_page = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    return {
        "comment_list": comment_page.object_list,
        "comment_page": comment_page,
        "comment_page_parameter": PAGE_PARAMETER,
        "comment_count": paginator.count,
        "comment_form": CommentForm() if article.comments_open else None,
        "comment_thanks": request.GET.get(THANKS_PARAMETER) == THANKS_VALUE,
        "max_attachment_bytes": max_attachment_bytes(),
        "max_attachment_label": max_size_label(),
    }
