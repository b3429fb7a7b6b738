"""Which stories fill a page's top slots: the curated ones where editors put them,
the newest live stories in every other slot, never one story twice."""

from django.db.models import OuterRef, Subquery

from .models import CuratedSlot


def curated_stories(articles, *, section=None, count):
    """The live stories placed in the first `count` slots of a page, in slot order.

    `articles` are the live articles a reader may see (Article.objects.published()),
    so a placed draft, scheduled or expired story is left out, as is a slot whose
    end time has passed. Each story carries its slot as `curated_position`. One
    query over the few slots of one page, plus the listing's prefetch if any.
    """
    slots = CuratedSlot.objects.on_page(section).current().filter(position__lte=count)
    position = slots.filter(article=OuterRef("pk")).values("position")[:1]
    return (
        articles.filter(pk__in=slots.values("article_id"))
        .annotate(curated_position=Subquery(position))
        .order_by("curated_position")
    )


def fill_slots(curated, newest, count):
    """Up to `count` stories: each curated story in its slot, `newest` in the gaps, in order."""
    placed = {article.curated_position: article for article in curated}
    taken = {article.pk for article in curated}
    fillers = (article for article in newest if article.pk not in taken)
    stories = []
    for position in range(1, count + 1):
        story = placed.get(position) or next(fillers, None)
        if story is not None:
            stories.append(story)
    return stories


def top_stories(articles, count, *, section=None, featured_lead=False):
    """A page's top `count` stories, the lead first.

    An uncurated lead slot goes to the newest featured story when `featured_lead`
    (the front page's rule before curation), else to the newest story.
    """
    curated = list(curated_stories(articles, section=section, count=count))
    taken = [article.pk for article in curated]
    fill = []
    if featured_lead and all(article.curated_position != 1 for article in curated):
        lead = articles.exclude(pk__in=taken).lead_story()
        if lead is not None:
            fill.append(lead)
            taken.append(lead.pk)
    free = count - len(curated) - len(fill)
    if free > 0:
        fill += articles.exclude(pk__in=taken).newest_first()[:free]
    return fill_slots(curated, fill, count)
