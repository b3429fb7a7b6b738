"""Who may do what in the admin, proven through its real views and forms.

Each step posts what a browser would post and then asks the database whether
the change happened, so a hidden button is not mistaken for a refusal.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from tests.articles.admin_forms import (
    ADD_URL,
    CHANGELIST_URL,
    action_data,
    article_form_data,
    change_url,
)
from tests.factories import (
    make_article,
    make_editor,
    make_journalist,
    make_moderator,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["journalist", "editor", "moderator", "staff", "anonymous"]

# fmt: off
MATRIX = {
    # step                            journalist editor moderator staff  anonymous
    "see_articles_in_admin_index":     (True,    True,  False,    False, False),
    "create_a_draft":                  (True,    True,  False,    False, False),
    "edit_own_draft":                  (True,    True,  False,    False, False),
    "edit_own_article_in_review":      (True,    True,  False,    False, False),
    "submit_own_draft_for_review":     (True,    True,  False,    False, False),
    "edit_someone_elses_draft":        (False,   True,  False,    False, False),
    "edit_a_published_article":        (False,   True,  False,    False, False),
    "publish_with_the_form":           (False,   True,  False,    False, False),
    "schedule_with_the_form":          (False,   True,  False,    False, False),
    "unpublish_with_the_form":         (False,   True,  False,    False, False),
    "publish_with_the_action":         (False,   True,  False,    False, False),
    "unpublish_with_the_action":       (False,   True,  False,    False, False),
    "add_a_section":                   (False,   True,  False,    False, False),
    "add_an_author":                   (False,   True,  False,    False, False),
    "add_a_tag":                       (False,   True,  False,    False, False),
    "see_someone_elses_draft":         (False,   True,  False,    False, False),
    "see_someone_elses_scheduled":     (False,   True,  False,    False, False),
    "preview_someone_elses_draft":     (False,   True,  False,    False, False),
    "preview_a_draft_credited_to_me":  (True,    True,  False,    False, False),
    "see_a_published_article":         (True,    True,  False,    False, False),
}
# fmt: on


def make_role(role):
    return {
        "journalist": make_journalist,
        "editor": make_editor,
        "moderator": make_moderator,
        "staff": lambda: make_user(is_staff=True),
        "anonymous": lambda: None,
    }[role]()


def own_article(user, **fields):
    """An article `user` created (for anonymous, someone else's), with a section and an author."""
    fields.setdefault("status", Article.Status.DRAFT)
    return make_article(created_by=user, **fields)


def see_articles_in_admin_index(client, user):
    response = client.get(reverse("admin:index"))
    return response.status_code == 200 and CHANGELIST_URL in response.content.decode()


def create_a_draft(client, user):
    data = article_form_data(title="Bài mới của tòa soạn", section=make_section())
    client.post(ADD_URL, data)
    return Article.objects.filter(title="Bài mới của tòa soạn").exists()


def edit_article(client, article, **fields):
    """Post the change form with `fields` changed; True if the database took it."""
    before = Article.objects.get(pk=article.pk)
    client.post(change_url(article), article_form_data(article, **fields))
    after = Article.objects.get(pk=article.pk)
    return any(getattr(after, name) != getattr(before, name) for name in fields)


def edit_own_draft(client, user):
    return edit_article(client, own_article(user), title="Tiêu đề đã sửa")


def edit_own_article_in_review(client, user):
    article = own_article(user, status=Article.Status.REVIEW)
    return edit_article(client, article, title="Tiêu đề đã sửa")


def submit_own_draft_for_review(client, user):
    return edit_article(client, own_article(user), status=Article.Status.REVIEW)


def edit_someone_elses_draft(client, user):
    article = own_article(make_journalist())
    return edit_article(client, article, title="Tiêu đề đã sửa")


def edit_a_published_article(client, user):
    return edit_article(client, make_article(created_by=user), title="Tiêu đề đã sửa")


def publish_with_the_form(client, user):
    return edit_article(client, own_article(user), status=Article.Status.PUBLISHED)


def schedule_with_the_form(client, user):
    later = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    return edit_article(
        client, own_article(user), status=Article.Status.PUBLISHED, published_at=later
    )


def unpublish_with_the_form(client, user):
    return edit_article(client, make_article(created_by=user), status=Article.Status.DRAFT)


def publish_with_the_action(client, user):
    article = own_article(user)
    client.post(CHANGELIST_URL, action_data("publish_selected", article))
    article.refresh_from_db()
    return article.status == Article.Status.PUBLISHED


def unpublish_with_the_action(client, user):
    article = make_article(created_by=user)
    client.post(CHANGELIST_URL, action_data("unpublish_selected", article))
    article.refresh_from_db()
    return article.status != Article.Status.PUBLISHED


def add_a_section(client, user):
    client.post(
        reverse("admin:articles_section_add"),
        {"name": "Quốc phòng - An ninh", "slug": "", "position": 3, "description": ""},
    )
    return Section.objects.filter(name="Quốc phòng - An ninh").exists()


def add_an_author(client, user):
    client.post(reverse("admin:articles_author_add"), {"name": "Đỗ Trọng", "slug": "", "bio": ""})
    return Author.objects.filter(name="Đỗ Trọng").exists()


def add_a_tag(client, user):
    client.post(reverse("admin:articles_tag_add"), {"name": "Chuyển đổi số"})
    return Tag.objects.filter(name="Chuyển đổi số").exists()


def listed(client, article):
    response = client.get(CHANGELIST_URL)
    return response.status_code == 200 and article in response.context["cl"].result_list


def previewed(client, article):
    response = client.get(reverse("articles:preview", kwargs={"pk": article.pk}))
    return response.status_code == 200 and article.title in response.content.decode()


def see_someone_elses_draft(client, user):
    return listed(client, own_article(make_journalist()))


def see_someone_elses_scheduled(client, user):
    later = timezone.now() + timedelta(days=1)
    return listed(client, make_article(created_by=make_journalist(), published_at=later))


def preview_someone_elses_draft(client, user):
    return previewed(client, own_article(make_journalist()))


def preview_a_draft_credited_to_me(client, user):
    pen_name = Author.objects.create(name="Bút danh", user=user)
    return previewed(client, own_article(make_journalist(), authors=[pen_name]))


def see_a_published_article(client, user):
    return listed(client, make_article(created_by=make_journalist()))


@pytest.mark.parametrize(
    "step, role, allowed",
    [
        (step, role, allowed)
        for step, row in MATRIX.items()
        for role, allowed in zip(ROLES, row, strict=True)
    ],
    ids=lambda value: value if isinstance(value, str) else ("allowed" if value else "refused"),
)
def test_each_role_can_do_exactly_what_the_newsroom_allows(client, step, role, allowed):
    user = make_role(role)
    if user is not None:
        client.force_login(user)
    assert globals()[step](client, user) is allowed


def test_journalist_sees_someone_elses_published_article_read_only_and_cannot_post_to_it(client):
    """Their own published articles take corrections (tests/articles/test_corrections.py)."""
    journalist = make_journalist()
    article = make_article(created_by=make_journalist(), title="Bài đã lên trang")
    client.force_login(journalist)

    page = client.get(change_url(article))
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()  # shown, not editable
    assert "Bài đã lên trang" in page.content.decode()

    response = client.post(change_url(article), article_form_data(article, title="Sửa lén"))
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Bài đã lên trang"
    assert not article.revisions.exists()


def test_journalist_cannot_set_a_publish_time_on_their_draft(client):
    journalist = make_journalist()
    article = make_article(created_by=journalist, status=Article.Status.DRAFT)
    client.force_login(journalist)
    later = timezone.now() + timedelta(days=2)

    client.post(
        change_url(article),
        article_form_data(article, title="Bài sửa", published_at=later, featured=True),
    )

    article.refresh_from_db()
    assert article.title == "Bài sửa"  # the rest of the edit was kept
    assert article.published_at is None and article.featured is False


def test_journalist_is_told_that_only_editors_publish(client):
    journalist = make_journalist()
    article = make_article(created_by=journalist, status=Article.Status.DRAFT)
    client.force_login(journalist)

    response = client.post(
        change_url(article), article_form_data(article, status=Article.Status.PUBLISHED)
    )

    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_journalist_is_not_offered_publish_or_unpublish(client):
    journalist = make_journalist()
    make_article(created_by=journalist, status=Article.Status.DRAFT)
    client.force_login(journalist)

    changelist = client.get(CHANGELIST_URL)
    actions = dict(changelist.context["action_form"].fields["action"].choices)
    assert "publish_selected" not in actions and "unpublish_selected" not in actions
    assert "submit_selected" in actions

    form = client.get(ADD_URL).context["adminform"].form
    statuses = [value for value, _label in form.fields["status"].choices]
    assert statuses == [Article.Status.DRAFT, Article.Status.REVIEW]


def test_editor_is_offered_publish_and_unpublish(client):
    client.force_login(make_editor())
    make_article()
    actions = dict(client.get(CHANGELIST_URL).context["action_form"].fields["action"].choices)
    assert {"publish_selected", "unpublish_selected"} <= set(actions)


def test_moderator_is_refused_the_article_admin(client):
    client.force_login(make_moderator())
    article = make_article(status=Article.Status.DRAFT)
    assert client.get(CHANGELIST_URL).status_code == 403
    assert client.get(ADD_URL).status_code == 403
    assert client.get(change_url(article)).status_code == 403


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get(CHANGELIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_journalist_withdraws_their_article_from_review(client):
    journalist = make_journalist()
    article = make_article(created_by=journalist, status=Article.Status.REVIEW)
    client.force_login(journalist)
    client.post(change_url(article), article_form_data(article, status=Article.Status.DRAFT))
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_journalist_submits_several_drafts_with_the_action(client):
    journalist = make_journalist()
    mine = make_article(created_by=journalist, status=Article.Status.DRAFT)
    theirs = make_article(
        created_by=make_journalist(), status=Article.Status.DRAFT, title="Bài của người khác"
    )
    client.force_login(journalist)

    response = client.post(
        CHANGELIST_URL, action_data("submit_selected", mine, theirs), follow=True
    )

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == Article.Status.REVIEW
    assert theirs.status == Article.Status.DRAFT
    # Someone else's draft is not even named: the journalist cannot see it.
    assert [str(message) for message in response.context["messages"]] == [
        "1 bài viết đã được gửi chờ duyệt.",
    ]
