"""The editorial calendar in the admin: a week or a month of scheduled and published
articles, by section, and the move an editor makes by dragging a scheduled one.

Times are the newsroom's (TIME_ZONE, Asia/Ho_Chi_Minh). The page works without
JavaScript (every story links to its form); static/js/article-calendar.js adds the
drag and drop, which posts to the move view. The move goes through
services.reschedule, with the same rules as the article form.
"""

import calendar
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Article, Section

WEEK, MONTH = "week", "month"


def _day(value, default):
    """A `YYYY-MM-DD` day from the query string, else `default`."""
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return default


def calendar_days(view, day):
    """The days a week or month page shows: whole weeks, Monday first."""
    if view == WEEK:
        start = day - timedelta(days=day.weekday())
        return [start + timedelta(days=n) for n in range(7)]
    first = day.replace(day=1)
    last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def neighbours(view, day):
    """The first day of the previous and of the next week or month."""
    if view == WEEK:
        return day - timedelta(days=7), day + timedelta(days=7)
    first = day.replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return previous, following


def moved_time(article, day, hour=None):
    """`article`'s publish time moved to `day` (and `hour`), keeping the rest of its time."""
    local = timezone.localtime(article.published_at)
    clock = local.time().replace(hour=local.hour if hour is None else hour, tzinfo=None)
    return timezone.make_aware(datetime.combine(day, clock))


def _stamp(moment):
    return date_format(timezone.localtime(moment), "H:i d-m-Y")


class CalendarAdminMixin:
    """For ArticleAdmin: the calendar page and the move it posts."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("calendar/", view(self.calendar_view), name="articles_article_calendar"),
            path(
                "calendar/move/",
                view(require_POST(self.calendar_move_view)),
                name="articles_article_calendar_move",
            ),
            *super().get_urls(),
        ]

    def calendar_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        view = MONTH if request.GET.get("view") == MONTH else WEEK
        day = _day(request.GET.get("date"), today)
        sections = list(Section.objects.only("name"))
        section = next((s for s in sections if str(s.pk) == request.GET.get("section")), None)
        days = calendar_days(view, day)
        can_move = services.can_publish(request.user)
        cells = self._calendar_cells(request, view, days, section, can_move)
        previous, following = neighbours(view, day)

        def link(**changes):
            query = {
                "view": view,
                "date": day.isoformat(),
                "section": section.pk if section else "",
            }
            query.update(changes)
            return "?" + urlencode({key: value for key, value in query.items() if value != ""})

        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Editorial calendar"),
            "view": view,
            "days": days[:7],
            "today": today,
            "month": day.month,
            "heading": self._calendar_heading(view, days, day),
            "sections": sections,
            "section": section,
            "can_move": can_move,
            "move_url": reverse("admin:articles_article_calendar_move"),
            "links": {
                "previous": link(date=previous.isoformat()),
                "next": link(date=following.isoformat()),
                "today": link(date=today.isoformat()),
                "week": link(view=WEEK),
                "month": link(view=MONTH),
            },
            "section_links": [(None, link(section=""))]
            + [(s, link(section=s.pk)) for s in sections],
        }
        if view == WEEK:
            context["hours"] = [(hour, [cells[(d, hour)] for d in days]) for hour in range(24)]
        else:
            context["weeks"] = [
                [cells[(d, None)] for d in days[n : n + 7]] for n in range(0, len(days), 7)
            ]
        return TemplateResponse(request, "admin/articles/article/calendar.html", context)

    def _calendar_heading(self, view, days, day):
        if view == WEEK:
            return _("Week %(start)s – %(end)s") % {
                "start": date_format(days[0], "d-m-Y"),
                "end": date_format(days[-1], "d-m-Y"),
            }
        return _("Month %(month)s") % {"month": date_format(day, "m-Y")}

    def _calendar_cells(self, request, view, days, section, can_move):
        """Every cell of the page, keyed by (day, hour) (hour None in a month), with its stories.

        One query: the published articles the user may see whose time falls in the page.
        """
        start = timezone.make_aware(datetime.combine(days[0], time.min))
        end = timezone.make_aware(datetime.combine(days[-1] + timedelta(days=1), time.min))
        articles = (
            Article.objects.visible_to(request.user)
            .filter(status=Article.Status.PUBLISHED, published_at__gte=start, published_at__lt=end)
            .select_related("section")
            .only("title", "status", "published_at", "expires_at", "section__name")
            .order_by("published_at", "pk")
        )
        if section is not None:
            articles = articles.in_section(section)
        hours = range(24) if view == WEEK else [None]
        cells = {
            (d, hour): {
                "day": d,
                "hour": hour,
                "stories": [],
                "is_today": d == timezone.localdate(),
                "in_month": view == WEEK or d.month == days[len(days) // 2].month,
            }
            for d in days
            for hour in hours
        }
        for article in articles:
            local = timezone.localtime(article.published_at)
            key = (local.date(), local.hour if view == WEEK else None)
            cells[key]["stories"].append(
                {
                    "article": article,
                    "time": date_format(local, "H:i"),
                    "expires": _stamp(article.expires_at) if article.expires_at else "",
                    "scheduled": article.is_scheduled,
                    "movable": can_move and article.is_scheduled,
                    "url": reverse("admin:articles_article_change", args=[article.pk]),
                }
            )
        return cells

    def calendar_move_view(self, request):
        """POST article, day (YYYY-MM-DD) and, from the week, hour: JSON with what was done."""
        article_id = request.POST.get("article", "")
        hour = request.POST.get("hour", "")
        try:
            day = date.fromisoformat(request.POST.get("day", ""))
            if not article_id.isdigit() or not (hour == "" or 0 <= int(hour) <= 23):
                raise ValueError
        except ValueError:
            return JsonResponse(
                {"error": _("Drop the article on a day of the calendar.")}, status=400
            )
        article = get_object_or_404(Article.objects.visible_to(request.user), pk=article_id)
        if article.published_at is None:
            return JsonResponse({"error": _("Only a scheduled article can be moved.")}, status=400)
        at = moved_time(article, day, int(hour) if hour else None)
        try:
            services.reschedule(article, request.user, at)
        except services.NotAllowed as error:
            return JsonResponse({"error": str(error)}, status=403)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        return JsonResponse(
            {
                "message": _("Scheduled to go live at %(time)s: %(title)s")
                % {"time": _stamp(article.published_at), "title": article.title},
                "time": date_format(timezone.localtime(article.published_at), "H:i"),
                "published_at": article.published_at.isoformat(),
            }
        )
