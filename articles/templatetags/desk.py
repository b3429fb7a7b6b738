"""The admin's first page: each role's dashboard (articles.dashboard)."""

from django import template

from .. import dashboard
from ..models import Notification

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def desk_dashboard(context):
    """The panels for the logged-in staff member's roles."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {}
    return dashboard.dashboard(request.user)


@register.inclusion_tag("admin/articles/unread_badge.html", takes_context=True)
def unread_notifications(context):
    """The unread count in every admin page's header, linking to the dashboard (one query)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated or not request.user.is_staff:
        return {"count": None}
    return {"count": Notification.objects.filter(recipient=request.user).unread().count()}
