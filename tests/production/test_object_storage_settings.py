"""Object storage from the environment: the local disk unless both buckets are set;
then public media unsigned, cached a year, on the CDN host, and reader attachments
private and streamed by the app (nginx's X-Accel location reads only the disk)."""

import json

from .test_settings import production_env, run_python

DUMP = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
public, private = storages["default"], storages["attachments"]
print(json.dumps({
    "backends": [type(public).__name__, type(private).__name__],
    "private_location": str(getattr(private, "location", "")),
    "public": {k: getattr(public, k, None) for k in (
        "bucket_name", "endpoint_url", "querystring_auth", "default_acl", "object_parameters",
        "custom_domain", "file_overwrite")},
    "private": {k: getattr(private, k, None) for k in (
        "bucket_name", "querystring_auth", "default_acl", "file_overwrite")},
    "cover_url": public.url("covers/2026/12/cau.jpg"),
    "accel": settings.COMMENTS_ATTACHMENT_ACCEL_REDIRECT,
    "csp": settings.CONTENT_SECURITY_POLICY,
}))
"""

S3 = {
    "S3_ENDPOINT_URL": "https://s3.example.vn",
    "S3_REGION": "hn-1",
    "S3_ACCESS_KEY_ID": "newsroom",
    "S3_SECRET_ACCESS_KEY": "not-a-real-secret",
    "S3_PUBLIC_BUCKET": "baomoi-media",
    "S3_PRIVATE_BUCKET": "baomoi-private",
}


def storages_in(env):
    result = run_python("-c", DUMP, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_one_server_keeps_its_files_on_the_local_disk():
    found = storages_in(production_env(PRIVATE_MEDIA_ROOT="/srv/private"))
    assert found["backends"] == ["FileSystemStorage", "FileSystemStorage"]
    assert found["private_location"] == "/srv/private"
    assert found["cover_url"] == "/media/covers/2026/12/cau.jpg"


def test_with_buckets_public_media_is_unsigned_cached_a_year_and_served_from_the_cdn():
    found = storages_in(production_env(S3_PUBLIC_URL="https://cdn.example.vn/anh", **S3))
    assert found["backends"] == ["S3Storage", "S3Storage"]
    public = found["public"]
    assert public["bucket_name"] == "baomoi-media"
    assert public["endpoint_url"] == "https://s3.example.vn"
    assert public["querystring_auth"] is False
    assert public["object_parameters"] == {"CacheControl": "public, max-age=31536000, immutable"}
    assert public["file_overwrite"] is False
    assert found["cover_url"] == "https://cdn.example.vn/anh/covers/2026/12/cau.jpg"
    assert "img-src 'self' data: https:;" in found["csp"]


def test_with_buckets_reader_attachments_are_private_and_streamed_by_the_app():
    # docker-compose.yml sets the X-Accel prefix for the disk; with buckets it is ignored.
    found = storages_in(production_env(COMMENTS_ATTACHMENT_ACCEL_REDIRECT="/_attachments/", **S3))
    assert found["private"] == {
        "bucket_name": "baomoi-private",
        "querystring_auth": True,
        "default_acl": "private",
        "file_overwrite": False,
    }
    assert found["accel"] == ""


def test_without_a_public_url_media_links_to_the_bucket_and_a_plain_http_host_is_allowed():
    found = storages_in(production_env(**{**S3, "S3_ENDPOINT_URL": "http://minio:9000"}))
    assert found["cover_url"] == "http://minio:9000/baomoi-media/covers/2026/12/cau.jpg"
    assert "img-src 'self' http://minio:9000 data: https:;" in found["csp"]


def test_the_site_refuses_to_start_with_only_one_bucket():
    env = production_env(**{**S3, "S3_PRIVATE_BUCKET": None})
    result = run_python("-c", DUMP, env=env)
    assert result.returncode != 0
    assert "Set both S3_PUBLIC_BUCKET and S3_PRIVATE_BUCKET, or neither" in result.stderr
