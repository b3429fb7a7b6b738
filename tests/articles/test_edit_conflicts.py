"""A save from an out-of-date form never overwrites a newer one: it is refused, the
person's own text stays in the form, and they see what the other person changed."""

import os
import re
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from articles import revisions
from articles.models import Article, ArticleRevision
from tests.articles.admin_forms import CHANGELIST_URL, action_data, article_form_data, change_url
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db

STALE = "Người khác đã lưu bài này sau khi bạn mở nó."


def session(user):
    client = Client()
    client.force_login(user)
    return client


def open_form(client, article):
    """GET the change form as a browser does; return the POST it would send, unchanged."""
    data = article_form_data(Article.objects.get(pk=article.pk))
    data["loaded_revision"] = loaded_revision(client.get(change_url(article)).content.decode())
    return data


def loaded_revision(html):
    """The value of the form's hidden `loaded_revision` input ("" when it has none)."""
    (field,) = re.findall(r'<input[^>]*name="loaded_revision"[^>]*>', html)
    value = re.search(r'value="(\d*)"', field)
    return value.group(1) if value else ""


def test_the_second_save_from_an_old_form_is_refused_and_keeps_the_typed_text():
    article = make_article(lead="Sapo cũ.", body="<p>Thân bài cũ.</p>")
    first, second = session(make_editor()), session(make_editor())
    first_form, second_form = open_form(first, article), open_form(second, article)

    first_form["lead"] = "Sapo mới của người thứ nhất."
    assert first.post(change_url(article), first_form).status_code == 302
    second_form["body"] = "<p>Thân bài mới của người thứ hai.</p>"
    response = second.post(change_url(article), second_form)

    html = response.content.decode()
    assert response.status_code == 200
    assert STALE in html and "thành công" not in html
    assert "Hãy sửa lỗi bên dưới." in html
    assert "Thân bài mới của người thứ hai." in html  # still in the form
    assert "<del>cũ.</del> <ins>mới của người thứ nhất.</ins>" in html  # what the other changed
    article.refresh_from_db()
    assert article.lead == "Sapo mới của người thứ nhất."
    assert article.body == "<p>Thân bài cũ.</p>"
    assert ArticleRevision.objects.filter(article=article).count() == 2  # the state before, and A's


def test_after_seeing_the_changes_the_merged_form_saves():
    article = make_article(lead="Sapo cũ.")
    first, second = session(make_editor()), session(make_editor())
    first_form, second_form = open_form(first, article), open_form(second, article)
    first_form["lead"] = "Sapo mới."
    first.post(change_url(article), first_form)
    second_form["body"] = "<p>Thân bài mới.</p>"
    refused = second.post(change_url(article), second_form).content.decode()

    # The refused form carries the current version, so the merged text can be saved.
    second_form.update(loaded_revision=loaded_revision(refused), lead="Sapo mới.")
    assert second.post(change_url(article), second_form).status_code == 302

    article.refresh_from_db()
    assert article.lead == "Sapo mới." and article.body == "<p>Thân bài mới.</p>"


def test_a_workflow_step_since_loading_also_makes_the_form_out_of_date():
    writer = make_journalist()
    article = make_article(status=Article.Status.DRAFT, created_by=writer, lead="Sapo.")
    writer_form = open_form(session(writer), article)
    editor = session(make_editor())
    editor.post(CHANGELIST_URL, action_data("publish_selected", article))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    writer_form["lead"] = "Sapo sửa sau khi đã đăng."
    response = session(make_editor()).post(change_url(article), writer_form)

    assert STALE in response.content.decode()
    assert "Bản nháp" in response.content.decode()  # the status change is listed
    article.refresh_from_db()
    assert article.lead == "Sapo." and article.status == Article.Status.PUBLISHED


def test_a_form_from_the_current_version_saves_every_time():
    article = make_article()
    editor = session(make_editor())
    for number in range(3):
        form = open_form(editor, article)
        form["lead"] = f"Sapo lần {number}."
        assert editor.post(change_url(article), form).status_code == 302
    article.refresh_from_db()
    assert article.lead == "Sapo lần 2."


def test_list_actions_still_work_after_form_saves():
    article = make_article(status=Article.Status.DRAFT)
    editor = session(make_editor())
    editor.post(change_url(article), open_form(editor, article))

    editor.post(CHANGELIST_URL, action_data("publish_selected", article))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    editor.post(CHANGELIST_URL, action_data("unpublish_selected", article))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    form = open_form(editor, article)
    form["lead"] = "Sapo sau khi gỡ bài."
    assert editor.post(change_url(article), form).status_code == 302


def simultaneous_saves():
    """Two saves of one article from the same version, the second while the first is open.

    Returns the lead the second save was refused with, or None if both passed.
    """
    article = make_article(lead="Sapo cũ.")
    editor = make_editor()
    with transaction.atomic():
        token = revisions.check_current(article.pk, "").pk  # the version both forms show
    locked, done = threading.Event(), threading.Event()

    def first_save():
        try:
            with transaction.atomic():
                revisions.check_current(article.pk, token)
                locked.set()
                done.wait(0.5)  # the second save starts while this one is still open
                Article.objects.filter(pk=article.pk).update(lead="Sapo của người thứ nhất.")
                revisions.record(Article.objects.get(pk=article.pk), editor)
        finally:
            connection.close()

    thread = threading.Thread(target=first_save)
    thread.start()
    assert locked.wait(10)
    try:
        with transaction.atomic():
            revisions.check_current(article.pk, token)
    except revisions.StaleEdit as stale:
        return stale.current.content["lead"]
    finally:
        thread.join(10)
    return None


SQLITE_RUN = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.articles.test_edit_conflicts import simultaneous_saves
print(repr(simultaneous_saves()))
"""


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_take_turns_and_the_second_is_refused(tmp_path):
    """The first save holds the article until it commits; the second then sees it.

    The suite's SQLite database lives in memory, whose threads fail on locks at once;
    on SQLite the two saves therefore run in a child process on a database file, with
    the site's own settings (WAL, immediate transactions).
    """
    if connection.vendor != "sqlite":
        assert simultaneous_saves() == "Sapo của người thứ nhất."
        return
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'newsroom.sqlite3'}",
        "NEWSROOM_VAR_DIR": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_RUN],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == repr("Sapo của người thứ nhất.")
