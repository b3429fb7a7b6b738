"""An administrator exports, or erases, everything one e-mail address sent (Decree 13/2023/NĐ-CP)."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import moderation, privacy
from comments.models import Comment
from tests.factories import (
    file_upload,
    image_upload,
    make_comment,
    make_moderator,
    make_user,
    pdf_bytes,
)

from .helpers import stored_files

pytestmark = pytest.mark.django_db

PAGE = reverse("admin:comments_reader_data")


def make_administrator():
    return make_user(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client):
    client.force_login(make_administrator())
    return client


@pytest.fixture
def readers_comments():
    """Two comments from Bình, sent with different capitals, and one from somebody else."""
    first = make_comment(
        email="Binh.Tran@Example.vn",
        body="Con hẻm 42 ngập nửa mét.",
        ip_address="203.0.113.7",
        attachment=image_upload("hem-42.png"),
    )
    second = make_comment(
        email="binh.tran@example.vn",
        body="Đã có xe hút nước.",
        status=Comment.Status.APPROVED,
        attachment=file_upload("don.pdf", pdf_bytes()),
    )
    other = make_comment(email="an@example.vn", attachment=image_upload())
    return first, second, other


def every_stored_file(comments):
    """What the comments keep in private storage: files, thumbnails, PDF page previews."""
    return sorted(name for comment in comments for name in comment.stored_files())


def open_export(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_administrator_finds_the_comments_of_an_address_whatever_its_case(
    admin_client, readers_comments
):
    response = admin_client.post(PAGE, {"email": "BINH.TRAN@EXAMPLE.VN", "action": "find"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 ý kiến gửi từ BINH.TRAN@EXAMPLE.VN" in html
    assert readers_comments[0].article.title in html
    assert readers_comments[2].article.title not in html


def test_export_holds_every_comment_its_article_status_ip_and_files(admin_client, readers_comments):
    first, second, _ = readers_comments
    response = admin_client.post(PAGE, {"email": "binh.tran@EXAMPLE.vn", "action": "export"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="du-lieu-ban-doc-')
    bundle = open_export(response)
    data = json.loads(bundle.read("du-lieu-ban-doc.json"))

    records = {record["id"]: record for record in data["comments"]}
    assert set(records) == {first.pk, second.pk}
    assert records[first.pk]["body"] == "Con hẻm 42 ngập nửa mét."
    assert records[first.pk]["article"]["title"] == first.article.title
    assert records[first.pk]["article"]["url"].endswith(first.article.get_absolute_url())
    assert records[first.pk]["status"] == "pending"
    assert records[second.pk]["status"] == "approved"
    assert records[first.pk]["ip_address"] == "203.0.113.7"
    assert records[first.pk]["sent_at"] == first.created_at.isoformat()
    pdf_path = records[second.pk]["attachment"]["file"]
    # The PDF as stored (rebuilt from its pages), which is what the site holds.
    assert bundle.read(pdf_path) == (settings.PRIVATE_MEDIA_ROOT / second.attachment).read_bytes()
    image_path = records[first.pk]["attachment"]["file"]
    stored = settings.PRIVATE_MEDIA_ROOT / first.attachment
    assert bundle.read(image_path) == stored.read_bytes()
    assert sorted(bundle.namelist()) == sorted(["du-lieu-ban-doc.json", pdf_path, image_path])


def test_export_leaves_out_an_ip_address_already_erased(admin_client):
    comment = make_comment(ip_address="203.0.113.7", created_at=timezone.now() - timedelta(31))
    privacy.prune()
    response = admin_client.post(PAGE, {"email": comment.email, "action": "export"})
    data = json.loads(open_export(response).read("du-lieu-ban-doc.json"))
    assert data["comments"][0]["ip_address"] is None


def test_erase_asks_for_confirmation_first_and_deletes_nothing_until_then(
    admin_client, readers_comments
):
    response = admin_client.post(PAGE, {"email": "binh.tran@example.vn", "action": "erase"})
    html = response.content.decode()
    assert "2 ý kiến gửi từ binh.tran@example.vn sẽ bị xoá vĩnh viễn" in html
    assert 'value="erase_confirmed"' in html
    assert Comment.objects.count() == 3
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == every_stored_file(readers_comments)


def test_erase_of_an_address_in_other_capitals_deletes_its_comments_and_files(
    admin_client, readers_comments, django_capture_on_commit_callbacks
):
    first, second, other = readers_comments
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            PAGE, {"email": "Binh.TRAN@example.VN", "action": "erase_confirmed"}
        )
    assert response.status_code == 302
    assert list(Comment.objects.all()) == [other]
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == [other.attachment]
    assert "Đã xoá 2 ý kiến" in admin_client.get(response["Location"]).content.decode()


def test_the_admin_log_says_who_erased_how_many_and_when_but_not_the_address(
    client, readers_comments
):
    first = readers_comments[0]
    # A moderator approved the first comment from its page: the log entry is
    # titled with the start of the reader's text.
    client.force_login(make_moderator())
    change_page = reverse("admin:comments_comment_change", args=[first.pk])
    client.post(change_page, {"body": first.body, "decision": "approve"})
    assert LogEntry.objects.filter(object_repr__contains="Con hẻm 42").exists()

    administrator = make_administrator()
    client.force_login(administrator)
    client.post(PAGE, {"email": "binh.tran@example.vn", "action": "erase_confirmed"})
    entry = LogEntry.objects.get(action_flag=DELETION)
    assert entry.user == administrator
    assert timezone.now() - entry.action_time < timedelta(minutes=1)
    assert entry.change_message == (
        "Đã xoá 2 ý kiến gửi từ một địa chỉ email bạn đọc, theo yêu cầu của bạn đọc."
    )
    logged = " ".join(str(value) for value in LogEntry.objects.values_list().order_by())
    assert "binh" not in logged.lower()
    assert "Con hẻm" not in logged
    assert LogEntry.objects.filter(object_repr=f"#{first.pk}").exists()  # the approval stays


def test_an_erase_that_fails_midway_keeps_every_row_and_file(
    admin_client, readers_comments, monkeypatch, django_capture_on_commit_callbacks
):
    def broken_log(*args, **kwargs):
        raise RuntimeError("the log table is unavailable")

    monkeypatch.setattr(privacy, "_log", broken_log)
    with django_capture_on_commit_callbacks(execute=True) as deletions:
        with pytest.raises(RuntimeError):
            privacy.erase_for_email("binh.tran@example.vn", make_administrator())
    assert deletions == []
    assert Comment.objects.count() == 3
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == every_stored_file(readers_comments)


@pytest.mark.parametrize("action", ["find", "export", "erase", "erase_confirmed"])
def test_a_moderator_who_is_not_an_administrator_can_neither_export_nor_erase(
    client, readers_comments, action
):
    client.force_login(make_moderator())
    response = client.post(PAGE, {"email": "binh.tran@example.vn", "action": action})
    assert response.status_code == 403
    assert Comment.objects.count() == 3
    assert client.get(PAGE).status_code == 403


def test_services_refuse_a_moderator_too(readers_comments):
    moderator = make_moderator()
    with pytest.raises(privacy.NotAllowed):
        privacy.export_for_email("binh.tran@example.vn", moderator)
    with pytest.raises(privacy.NotAllowed):
        privacy.erase_for_email("binh.tran@example.vn", moderator)
    assert Comment.objects.count() == 3


def test_a_reader_gets_the_login_page(client, readers_comments):
    response = client.post(PAGE, {"email": "binh.tran@example.vn", "action": "export"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_given_the_permission_may_export(client, readers_comments):
    officer = make_user(is_staff=True)
    officer.user_permissions.add(Permission.objects.get(codename="manage_reader_data"))
    client.force_login(officer)
    response = client.post(PAGE, {"email": "binh.tran@example.vn", "action": "export"})
    assert response.status_code == 200


def test_posts_without_the_csrf_token_are_refused(readers_comments):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_administrator())
    response = client.post(PAGE, {"email": "binh.tran@example.vn", "action": "erase_confirmed"})
    assert response.status_code == 403
    assert Comment.objects.count() == 3


def test_a_malformed_address_is_asked_again(admin_client, readers_comments):
    response = admin_client.post(PAGE, {"email": "binh.tran", "action": "erase_confirmed"})
    assert response.status_code == 200
    assert "Nhập địa chỉ email." in response.content.decode()
    assert Comment.objects.count() == 3


def test_the_comment_list_links_to_the_page_for_administrators_only(client):
    changelist = reverse("admin:comments_comment_changelist")
    client.force_login(make_moderator())
    assert PAGE not in client.get(changelist).content.decode()
    client.force_login(make_administrator())
    html = client.get(changelist).content.decode()
    assert f'<a href="{PAGE}">Dữ liệu cá nhân của bạn đọc</a>' in html


def test_comment_page_says_when_the_ip_address_will_be_erased(admin_client, settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    sent = timezone.make_aware(timezone.datetime(2026, 11, 27, 8, 40))
    comment = make_comment(ip_address="203.0.113.7", created_at=sent)
    html = admin_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    assert "Địa chỉ IP sẽ được xoá lúc 27-12-2026" in html.content.decode()


def test_comment_page_says_when_a_rejected_file_goes_and_that_it_went(admin_client):
    comment = make_comment(attachment=image_upload())
    moderation.reject(comment, make_moderator())
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    due = timezone.localtime(comment.moderated_at + timedelta(days=30))
    assert f"File đính kèm sẽ được xoá lúc {due:%d-%m-%Y}" in admin_client.get(url).content.decode()

    privacy.prune(now=comment.moderated_at + timedelta(days=30))
    html = admin_client.get(url).content.decode()
    assert f"File đính kèm đã được xoá lúc {due:%d-%m-%Y} (hết thời hạn lưu giữ)" in html
