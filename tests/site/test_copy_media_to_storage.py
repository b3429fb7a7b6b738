"""`manage.py copy_media_to_storage`: a one-server site's files move into the buckets,
again and again without copying twice, and `--check` names every file the database
refers to that the buckets lack."""

import io

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.http import Http404
from moto import mock_aws

from newsroom.media import moved_media
from tests.factories import image_bytes, image_upload, make_article, make_comment

pytestmark = pytest.mark.django_db

PUBLIC, PRIVATE = "newsroom-media", "newsroom-private"


def s3(bucket, **options):
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": bucket, "file_overwrite": False, **options},
    }


@pytest.fixture
def local_site(settings):
    """A site on one server: a cover, an image in a body, a reader's attachment, on disk."""
    editor_image = default_storage.save("editor/3/cau.png", ContentFile(image_bytes()))
    article = make_article(
        cover_image=image_upload("bia.png", size=(300, 200)),
        body=f'<p><img src="{settings.MEDIA_URL}{editor_image}" alt=""></p>'
        '<p><img src="https://anh.example.vn/ngoai.jpg" alt=""></p>',
    )
    comment = make_comment(article, attachment=image_upload("ban-doc.png", size=(900, 700)))
    return article, editor_image, comment


@pytest.fixture
def buckets(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=PUBLIC)
        client.create_bucket(Bucket=PRIVATE)
        yield client


def use_buckets(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3(PUBLIC, querystring_auth=False),
        "attachments": s3(PRIVATE, default_acl="private"),
    }


def keys(client, bucket):
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", []))


def run(*args):
    out = io.StringIO()
    call_command("copy_media_to_storage", *args, stdout=out)
    return out.getvalue()


def test_local_media_and_attachments_are_copied_once(local_site, buckets, settings):
    article, editor_image, comment = local_site
    local_cover = (settings.MEDIA_ROOT / article.cover_image.name).read_bytes()
    use_buckets(settings)

    first = run()
    public, private = keys(buckets, PUBLIC), keys(buckets, PRIVATE)
    assert {article.cover_image.name, article.cover_thumbnail.name, editor_image} <= set(public)
    assert private == sorted(comment.stored_files())
    assert (
        buckets.get_object(Bucket=PUBLIC, Key=article.cover_image.name)["Body"].read()
        == local_cover
    )
    assert f"{len(public)} copied, 0 already there" in first
    assert "Every file named in the database is stored." in first

    again = run()
    assert f"0 copied, {len(public)} already there" in again
    assert keys(buckets, PUBLIC) == public  # no renamed second copies


def test_a_file_changed_on_disk_is_copied_again_under_its_own_name(local_site, buckets, settings):
    article, editor_image, _ = local_site
    use_buckets(settings)
    run()
    (settings.MEDIA_ROOT / editor_image).write_bytes(image_bytes(size=(64, 48)))

    assert "1 copied" in run()
    stored = buckets.get_object(Bucket=PUBLIC, Key=editor_image)["Body"].read()
    assert stored == (settings.MEDIA_ROOT / editor_image).read_bytes()


def test_check_lists_every_missing_file_and_fails(local_site, buckets, settings):
    article, editor_image, comment = local_site
    use_buckets(settings)
    run()
    buckets.delete_object(Bucket=PUBLIC, Key=article.cover_thumbnail.name)
    buckets.delete_object(Bucket=PUBLIC, Key=editor_image)
    buckets.delete_object(Bucket=PRIVATE, Key=comment.attachment)

    out = io.StringIO()
    with pytest.raises(CommandError, match="3 files named in the database are not stored"):
        call_command("copy_media_to_storage", "--check", stdout=out)
    report = out.getvalue()
    assert f"MISSING {article.cover_thumbnail.name} (articles.Article {article.pk} " in report
    assert f"MISSING {editor_image} (articles.Article {article.pk} body)" in report
    assert f"MISSING {comment.attachment} (comments.Comment {comment.pk} " in report
    assert "ngoai.jpg" not in report  # an image from elsewhere is not ours to check
    assert keys(buckets, PUBLIC)  # --check copies nothing back


def test_check_passes_on_local_storage_when_every_file_is_there(local_site):
    assert "Every file named in the database is stored." in run("--check")


def test_old_media_links_lead_to_the_file_in_its_bucket(rf, buckets, settings):
    # The view itself: under DEBUG the URLconf may have put Django's static serve first.
    use_buckets(settings)
    settings.MEDIA_IN_OBJECT_STORAGE = True
    response = moved_media(rf.get("/media/editor/3/cau.png"), "editor/3/cau.png")
    assert response.status_code == 301
    assert response["Location"] == f"https://{PUBLIC}.s3.amazonaws.com/editor/3/cau.png"
    assert "max-age=86400" in response["Cache-Control"]


def test_without_object_storage_there_is_no_redirect(rf, settings):
    settings.MEDIA_IN_OBJECT_STORAGE = False
    with pytest.raises(Http404):
        moved_media(rf.get("/media/editor/3/cau.png"), "editor/3/cau.png")
