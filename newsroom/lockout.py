"""The admin login's answer while django-axes locks a username and address out."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page, in the admin's look and the site's language, with status 429."""
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/lockout.html", context, status=429)
