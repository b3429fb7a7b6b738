from django import template
from django.urls import reverse

from ..models import Comment
from ..moderation import can_moderate

register = template.Library()


@register.inclusion_tag("comments/admin_pending_notice.html", takes_context=True)
def pending_comments_notice(context):
    """How many comments wait, for moderators on the admin index (one query)."""
    request = context.get("request")
    if request is None or not can_moderate(request.user):
        return {"count": None}
    return {
        "count": Comment.objects.pending().count(),
        "url": reverse("admin:comments_comment_changelist"),
    }
