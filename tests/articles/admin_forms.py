"""What a browser posts from the article admin: the change form and the list actions."""

from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleRevision

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def article_form_data(article=None, *, authors=None, tags=(), **fields):
    """The POST of the article change form, with the byline inline's management form.

    Starts from `article` (or an empty add form), then applies `fields`;
    `authors` replaces the byline, in order; `published_at` takes a datetime.
    """
    values = {
        "title": "",
        "slug": "",
        "section": None,
        "lead": "",
        "body": "",
        "cover_caption": "",
        "cover_alt": "",
        "status": "draft",
        "published_at": None,
        "featured": False,
        "comments_open": True,
    }
    credits = []
    if article is not None:
        values.update({name: getattr(article, name) for name in values if name not in ("section",)})
        values["section"] = article.section
        credits = list(article.credits.order_by("position", "pk"))
        tags = tags or list(article.tags.all())
    values.update(fields)

    data = {
        name: value
        for name, value in values.items()
        if name not in ("section", "published_at", "featured", "comments_open")
    }
    data["section"] = values["section"].pk if values["section"] else ""
    if values["published_at"]:
        local = timezone.localtime(values["published_at"])
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    else:
        data["published_at_0"] = data["published_at_1"] = ""
    # Unchecked checkboxes are simply absent from a browser's POST.
    for flag in ("featured", "comments_open"):
        if values[flag]:
            data[flag] = "on"
    data["tags"] = [tag.pk for tag in tags]
    # The hidden field of a form loaded now: the article's newest revision.
    data["loaded_revision"] = loaded_revision(article)
    data.update(byline_data(article, credits, authors))
    data["_save"] = "Save"
    return data


def loaded_revision(article):
    """What the change form's hidden `loaded_revision` holds when loaded now."""
    if article is None:
        return ""
    saved = ArticleRevision.objects.saved().filter(article_id=article.pk)  # not corrections
    latest = saved.order_by("-pk").first()
    return str(latest.pk) if latest else ""


def byline_data(article, credits, authors):
    """The `credits-*` inline forms: existing rows kept or deleted, new authors appended."""
    data = {
        "credits-INITIAL_FORMS": len(credits),
        "credits-MIN_NUM_FORMS": 0,
        "credits-MAX_NUM_FORMS": 1000,
    }
    for index, credit in enumerate(credits):
        prefix = f"credits-{index}-"
        data[prefix + "id"] = credit.pk
        data[prefix + "article"] = article.pk
        data[prefix + "author"] = credit.author_id
        data[prefix + "position"] = credit.position
        if authors is not None:
            data[prefix + "DELETE"] = "on"
    new_authors = authors or []
    for offset, author in enumerate(new_authors):
        prefix = f"credits-{len(credits) + offset}-"
        data[prefix + "author"] = author.pk
        data[prefix + "position"] = offset
        if article is not None:
            data[prefix + "article"] = article.pk
    data["credits-TOTAL_FORMS"] = len(credits) + len(new_authors)
    return data


def action_data(action, *articles):
    return {
        "action": action,
        "_selected_action": [article.pk for article in articles],
        "index": 0,
    }
