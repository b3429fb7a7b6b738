"""The admin page where an administrator exports or erases what one e-mail address sent.

Every step is a POST, so the reader's address never lands in a URL (and so in
no access log or browser history). CommentAdmin.get_urls() mounts the page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import privacy
from .models import Comment

SHOWN_ROWS = 100


class ReaderDataForm(forms.Form):
    email = forms.EmailField(label=_("Reader's e-mail address"))


def reader_data_view(request, model_admin):
    """Find an address's comments; export them (a ZIP) or erase them after a confirmation."""
    if not privacy.can_manage_reader_data(request.user):
        raise PermissionDenied
    form = ReaderDataForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return _page(request, model_admin, form)
    email, action = form.cleaned_data["email"], request.POST.get("action")
    if action == "export":
        archive, _count = privacy.export_for_email(email, request.user)
        filename = f"du-lieu-ban-doc-{timezone.localdate():%Y%m%d}.zip"
        return FileResponse(archive, as_attachment=True, filename=filename)
    if action == "erase_confirmed":
        count = privacy.erase_for_email(email, request.user)
        message = ngettext(
            "%(count)d comment and its files were erased.",
            "%(count)d comments and their files were erased.",
            count,
        )
        messages.success(request, message % {"count": count})
        return HttpResponseRedirect(request.path)
    return _page(request, model_admin, form, email=email, confirm_erase=action == "erase")


def _page(request, model_admin, form, *, email=None, confirm_erase=False):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Comment._meta,
        "title": _("A reader's personal data"),
        "form": form,
        "email": email,
        "confirm_erase": confirm_erase,
        "ip_retention_days": privacy.ip_retention().days,
        "file_retention_days": privacy.file_retention().days,
    }
    if email:
        comments = Comment.objects.sent_from(email)
        context.update(
            comments=list(comments.select_related("article")[:SHOWN_ROWS]),
            comment_count=comments.count(),
            file_count=comments.exclude(attachment="").count(),
        )
    return TemplateResponse(request, "admin/comments/reader_data.html", context)
