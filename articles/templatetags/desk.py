"""The admin's first page: each role's dashboard (articles.dashboard)."""

from django import template

from .. import dashboard

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def desk_dashboard(context):
    """The panels for the logged-in staff member's roles."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {}
    return dashboard.dashboard(request.user)
