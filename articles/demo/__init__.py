"""Demo content for an empty site, loaded by `python manage.py load_demo`.

Loading is idempotent: a story already loaded (found by its external id,
`demo-01`…) is left alone, and so are sections, authors and accounts that
exist. Stories go through the archive importer, so they obey the same rules.
"""

import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from ..importer import import_article
from ..models import Article, Author, Section
from .pictures import COVER_SIZE, FIGURE_SIZE, draw_picture
from .stories import AUTHORS, SECTIONS, STORIES

# For a development machine only: load_demo creates them only when DEBUG is on.
ACCOUNTS = [
    # username, password, group (None: superuser), role shown to the developer
    ("admin", "admin-demo", None, "superuser"),
    ("bientap", "bientap-demo", "Editors", "editor"),
    ("phongvien", "phongvien-demo", "Journalists", "journalist"),
    ("kiemduyet", "kiemduyet-demo", "Moderators", "moderator"),
]
JOURNALIST = "phongvien"
JOURNALIST_PEN_NAME = "Đỗ Trọng"


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str
    password_works: bool


@dataclass
class DemoReport:
    sections: int
    authors: int
    articles: int
    added: int
    accounts: list[DemoAccount] | None  # None: DEBUG was off, no accounts made


def load_demo(*, with_accounts):
    """Create whatever is missing of the demo site; return what it holds now."""
    for position, (name, description) in enumerate(SECTIONS, start=1):
        if not Section.objects.filter(name=name).exists():
            Section.objects.create(name=name, description=description, position=position)
    for name, bio in AUTHORS:
        if not Author.objects.filter(name=name).exists():
            Author.objects.create(name=name, bio=bio)
    accounts = _ensure_accounts() if with_accounts else None
    journalist = get_user_model().objects.filter(username=JOURNALIST).first()

    loaded = set(
        Article.objects.filter(external_id__startswith="demo-").values_list(
            "external_id", flat=True
        )
    )
    now = timezone.now().replace(microsecond=0)
    added = 0
    with tempfile.TemporaryDirectory() as folder:
        for index, story in enumerate(STORIES):
            key = f"demo-{index + 1:02d}"
            if key not in loaded:
                _load_story(story, key, index, now, Path(folder), journalist)
                added += 1
    return DemoReport(
        sections=Section.objects.filter(name__in=[name for name, _ in SECTIONS]).count(),
        authors=Author.objects.filter(name__in=[name for name, _ in AUTHORS]).count(),
        articles=Article.objects.filter(external_id__startswith="demo-").count(),
        added=added,
        accounts=accounts,
    )


@transaction.atomic
def _load_story(story, key, index, now, folder, journalist):
    published_at, updated_at = _times(story, index, now)
    cover = folder / f"{key}.jpg"
    cover.write_bytes(draw_picture(story.section, f"{key}-cover", COVER_SIZE))
    data = {
        "external_id": key,
        "title": story.title,
        "lead": story.lead,
        "body": render_body(story, _figure_url(story, key)),
        "section": story.section,
        "authors": list(story.authors),
        "tags": list(story.tags),
        "status": story.status,
        "published_at": published_at.isoformat() if published_at else None,
        "updated_at": updated_at.isoformat(),
        "cover_image": cover.name,
        "cover_caption": story.cover,
    }
    article, _created = import_article(data, base_dir=folder)
    article.featured = story.featured
    article.cover_alt = story.cover
    if journalist is not None and story.status != Article.Status.PUBLISHED:
        article.created_by = journalist  # so the journalist's login has work to open
    article.save(update_fields=["featured", "cover_alt", "created_by"])


def _times(story, index, now):
    """Stories of all sections interleave over the last three weeks."""
    section, place = divmod(index, 6)
    hours_ago = 2 + (place * len(SECTIONS) + section) * 16 + index % 5
    moment = now - timedelta(hours=hours_ago, minutes=index * 7 % 60)
    if story.scheduled:
        return now + timedelta(days=2), now
    if story.status != Article.Status.PUBLISHED:
        return None, moment
    return moment, moment + timedelta(minutes=index * 13 % 90)


def _figure_url(story, key):
    """The body picture, drawn once; an existing file is reused, not duplicated."""
    name = f"demo/{key}-hinh.jpg"
    if not default_storage.exists(name):
        content = draw_picture(story.section, f"{key}-figure", FIGURE_SIZE)
        name = default_storage.save(name, ContentFile(content))
    return default_storage.url(name)


def render_body(story, figure_url):
    """The story's blocks as the HTML CKEditor would produce, with its captioned picture."""
    width, height = FIGURE_SIZE
    figure = (
        f'<figure class="image"><img src="{escape(figure_url)}" alt="{escape(story.figure)}" '
        f'width="{width}" height="{height}"><figcaption>{escape(story.figure)}</figcaption>'
        "</figure>"
    )
    parts = []
    for number, block in enumerate(story.body, start=1):
        if block.startswith("## "):
            parts.append(f"<h2>{escape(block[3:])}</h2>")
        elif block.startswith("> "):
            parts.append(f"<blockquote><p>{escape(block[2:])}</p></blockquote>")
        else:
            parts.append(f"<p>{escape(block)}</p>")
        if number == 2:
            parts.append(figure)
    return "\n".join(parts)


def _ensure_accounts():
    User = get_user_model()
    accounts = []
    for username, password, group, role in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            _create_account(username, password, group)
            works = True
        else:
            works = user.check_password(password)  # someone may have changed it since
        accounts.append(DemoAccount(username, password, role, works))
    return accounts


@transaction.atomic
def _create_account(username, password, group):
    User = get_user_model()
    if group is None:
        return User.objects.create_superuser(username, password=password)
    user = User.objects.create_user(username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if username == JOURNALIST:
        Author.objects.filter(name=JOURNALIST_PEN_NAME, user=None).update(user=user)
    return user
