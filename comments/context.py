"""What the article page shows of reader comments.

The article page is the same HTML for every visitor, so that it can be cached
whole; nothing here may depend on who is looking: no CSRF token (comments.js fetches it), no user,
no messages. The thank-you notice depends only on the URL.
"""

from .attachments import max_attachment_bytes, max_size_label
from .forms import CommentForm
from .models import Comment

THANKS_PARAMETER, THANKS_VALUE = "binh-luan", "cho-duyet"
THANKS_QUERY = f"{THANKS_PARAMETER}={THANKS_VALUE}"


def comments_context(request, article):
    """Template context for the comments block under `article`, in one query."""
    comment_list = list(Comment.objects.for_article_page(article))
    return {
        "comment_list": comment_list,
        "comment_count": len(comment_list),
        "comment_form": CommentForm() if article.comments_open else None,
        "comment_thanks": request.GET.get(THANKS_PARAMETER) == THANKS_VALUE,
        "max_attachment_bytes": max_attachment_bytes(),
        "max_attachment_label": max_size_label(),
    }
