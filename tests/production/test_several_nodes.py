"""More than one web server: two gunicorn nodes running the web container's command,
sharing PostgreSQL, Redis and S3-compatible object storage (moto's server), behind
one nginx running deploy/nginx.conf. What one node does, the other sees at once."""

import io
import json
import re
import shutil
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.articles.admin_forms import article_form_data

from .cluster import PRIVATE_BUCKET, PUBLIC_BUCKET, Browser, Cluster
from .helpers import http_request
from .test_gunicorn_uploads import comment_request, send_half
from .test_nginx import local_site_config, start_nginx


def picture(size, color):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def cluster():
    # Not under pytest's private temporary folder: nginx's workers run as another user.
    folder = Path(tempfile.mkdtemp(prefix="newsroom-cluster-"))
    folder.chmod(0o755)
    cluster = Cluster(folder)
    nginx_process = None
    try:
        cluster.start()
        node_a, node_b = cluster.nodes
        nginx_folder = node_a.folder / "nginx"  # where local_site_config puts the cache
        nginx_folder.mkdir()
        config = local_site_config(node_a, cluster.nginx_port, [node_a.port, node_b.port])
        nginx_process, cluster.nginx = start_nginx(nginx_folder, cluster.nginx_port, config)
        yield cluster
    finally:
        if nginx_process is not None:
            nginx_process.terminate()
            nginx_process.wait(timeout=10)
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def staff(cluster, node, username):
    return Browser(node.port).log_in(username, cluster.password)


def media_urls(html, endpoint):
    """The public media a page loads (src, srcset, og:image): addresses in the public bucket."""
    base = f"{endpoint}/{PUBLIC_BUCKET}/"
    found = re.findall(r'(?:src|content)="([^"]+)"', html)
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        found += [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]
    return sorted({url for url in found if url.startswith(base)})


def node_as_site(node, seed):
    """A node as comment_request sees it, with the cluster's seed."""
    return SimpleNamespace(port=node.port, origin=node.origin, seed=seed, get=node.get)


def admin_action(browser, changelist, action, pk):
    response = browser.post(changelist, {"action": action, "_selected_action": pk, "index": 0})
    assert response.status == 302, response.text[:1000]


def test_two_nodes_starting_together_migrate_the_database_once(cluster):
    logs = [node.log() for node in cluster.nodes]
    assert sorted(log.count("Applying articles.0001_initial... OK") for log in logs) == [0, 1]
    assert any("No migrations to apply." in log for log in logs)


def test_the_newsroom_loop_across_two_nodes_with_media_in_object_storage(cluster):
    node_a, node_b = cluster.nodes
    seed, storage = cluster.seed, cluster.storage
    # Readers have the front page cached on both nodes.
    for node in (node_a, node_b):
        node.get("/")
        assert node.get("/").header("X-Page-Cache") == "hit"

    # A journalist on node A places an image in the body and uploads a cover.
    journalist = staff(cluster, node_a, "phongvien")
    uploaded = journalist.post(
        "/ckeditor/upload/",
        {},
        {"upload": ("cau-moi.png", "image/png", picture((300, 200), "teal"))},
        headers={"X-CSRFToken": journalist.cookies["csrftoken"]},
    )
    assert uploaded.status == 200, uploaded.text[:1000]
    editor_image = json.loads(uploaded.body)["url"]
    assert editor_image.startswith(f"{storage.endpoint}/{PUBLIC_BUCKET}/editor/")
    data = article_form_data(
        title="Cầu mới qua sông Lam",
        section=SimpleNamespace(pk=seed["section_id"]),
        authors=[SimpleNamespace(pk=seed["author_id"])],
        lead="Cây cầu thứ hai nối hai bờ.",
        body=f'<p>Toàn cảnh cầu.</p><p><img src="{editor_image}" alt="Cầu mới"></p>',
    )
    data = {key: value for key, value in data.items() if value is not None}
    cover = ("cau-song-lam.png", "image/png", picture((800, 500), "orange"))
    added = journalist.post("/admin/articles/article/add/", data, {"cover_image": cover})
    assert added.status == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', added.text, re.S)
    ((article_id, cover_name, thumbnail_name),) = cluster.sql(
        "SELECT id, cover_image, cover_thumbnail FROM articles_article WHERE title = %s",
        ("Cầu mới qua sông Lam",),
    )
    stored = storage.keys(PUBLIC_BUCKET)
    assert {cover_name, thumbnail_name, urlsplit(editor_image).path.split("/", 2)[2]} <= set(stored)
    # Nothing landed on either node's disk.
    for node in cluster.nodes:
        assert not [p for p in (node.folder / "media").rglob("*") if p.is_file()]

    # Her login holds on node B too (sessions live in the database).
    same_browser_on_b = Browser(node_b.port)
    same_browser_on_b.cookies = dict(journalist.cookies)
    assert same_browser_on_b.get("/admin/").status == 200
    # She opens the article on node A; the editor opening it on node B sees her lock.
    change_page = f"/admin/articles/article/{article_id}/change/"
    assert journalist.get(change_page).status == 200
    editor = staff(cluster, node_b, "bientap")
    assert "«phongvien»" in editor.get(change_page).text

    # The editor on node B publishes it: both nodes' cached front pages are retired.
    admin_action(editor, "/admin/articles/article/", "publish_selected", article_id)
    slug = cluster.sql("SELECT slug FROM articles_article WHERE id = %s", (article_id,))[0][0]
    for node in (node_a, node_b):
        front = node.get("/")
        assert front.header("X-Page-Cache") == "miss"
        assert "Cầu mới qua sông Lam" in front.text
    article_url = re.search(rf'href="(/[^"]*{slug}[^"]*)"', front.text).group(1)

    # A reader's page, from either node and through nginx, shows both pictures, which
    # anybody can load from the bucket, kept by browsers and CDNs for a year.
    pages = [node.get(article_url) for node in cluster.nodes] + [cluster.nginx.get(article_url)]
    for page in pages:
        assert page.status == 200
        urls = media_urls(page.text, storage.endpoint)
        assert editor_image in urls
        assert any(u.endswith(cover_name) for u in urls)
        assert storage.endpoint in page.header("Content-Security-Policy")
    for media in urls:
        parts = urlsplit(media)
        image = http_request(parts.port, "GET", parts.path)  # anonymous, unsigned
        assert image.status == 200, media
        assert image.body == storage.read(PUBLIC_BUCKET, parts.path.split("/", 2)[2])
        assert image.header("Cache-Control") == "public, max-age=31536000, immutable"

    # A body written on one server links to /media/: nginx finds no file and the app
    # sends the reader to the bucket.
    key = urlsplit(editor_image).path.split("/", 2)[2]
    moved = cluster.nginx.get(f"/media/{key}")
    assert moved.status == 301
    assert moved.header("Location") == editor_image


def test_a_reader_attachment_is_approved_on_one_node_and_taken_down_on_every_node(cluster):
    node_a, node_b = cluster.nodes
    storage = cluster.storage
    # A reader posts a comment with a picture to node B.
    headers, body = comment_request(node_as_site(node_b, cluster.seed), "Ảnh từ chân cầu.")
    posted = node_b.request("POST", cluster.seed["comment_url"], headers=headers, body=body)
    assert posted.status == 303, posted.text[:2000]
    comment_id, stored_name = cluster.sql(
        "SELECT id, attachment FROM comments_comment ORDER BY id DESC LIMIT 1"
    )[0]
    assert stored_name in storage.keys(PRIVATE_BUCKET)
    for node in cluster.nodes:
        assert not [p for p in node.private_root.rglob("*") if p.is_file()]
    # The private bucket answers nobody without the keys.
    anonymous = http_request(storage.port, "GET", f"/{PRIVATE_BUCKET}/{stored_name}")
    assert anonymous.status == 403
    attachment_url = f"/comments/attachment/{comment_id}/"
    assert cluster.nginx.get(attachment_url).status == 404  # pending

    # A moderator on node A approves it; nginx serves it, from either node behind it.
    moderator = staff(cluster, node_a, "kiemduyet")
    admin_action(moderator, "/admin/comments/comment/", "approve_selected", comment_id)
    expected = storage.read(PRIVATE_BUCKET, stored_name)
    for _ in range(2):  # nginx takes turns between the nodes
        served = cluster.nginx.get(attachment_url)
        assert served.status == 200
        assert served.body == expected
        assert served.header("Cache-Control") == "private, no-cache"
        assert served.header("Content-Security-Policy") == "default-src 'none'; sandbox"
    head = cluster.nginx.request("HEAD", attachment_url)
    assert head.status == 200 and head.body == b""
    etag = served.header("ETag")
    assert cluster.nginx.get(attachment_url, headers={"If-None-Match": etag}).status == 304

    # Rejected on node B: gone at once from node A, node B and nginx.
    moderator_b = staff(cluster, node_b, "kiemduyet")
    # The list of approved comments (the moderation queue shows the pending ones).
    admin_action(
        moderator_b, "/admin/comments/comment/?status=approved", "reject_selected", comment_id
    )
    for answer in (node_a.get(attachment_url), node_b.get(attachment_url)):
        assert answer.status == 404
    for _ in range(2):
        assert cluster.nginx.get(attachment_url).status == 404


def test_the_comment_rate_limit_counts_posts_to_every_node(cluster):
    # COMMENTS_RATE_LIMIT is 6 on both nodes: 3 posts to each, then the next is refused.
    reader = {"X-Real-IP": "198.51.100.23"}
    nodes = cluster.nodes * 3
    for node in nodes:
        refused_by_csrf = node.request("POST", cluster.seed["comment_url"], headers=reader)
        assert refused_by_csrf.status == 403  # counted, then refused for its missing token
    for node in cluster.nodes:
        assert node.request("POST", cluster.seed["comment_url"], headers=reader).status == 429


def test_killing_a_node_mid_request_loses_nothing_and_nginx_answers_from_the_other(cluster):
    node_a, node_b = cluster.nodes
    site = node_as_site(node_a, cluster.seed)
    headers, body = comment_request(site, "Ý kiến đã lưu trước khi máy chủ A hỏng.")
    headers["X-Real-IP"] = "192.0.2.50"
    assert (
        node_a.request("POST", cluster.seed["comment_url"], headers=headers, body=body).status
        == 303
    )
    before = cluster.sql("SELECT id, body FROM comments_comment ORDER BY id")

    headers, body = comment_request(site, "Ý kiến đang gửi dở khi máy chủ A hỏng.")
    headers["X-Real-IP"] = "192.0.2.50"
    in_flight = send_half(site, headers, body)
    node_a.kill()
    in_flight.close()

    assert cluster.sql("SELECT id, body FROM comments_comment ORDER BY id") == before
    for _ in range(6):  # each of nginx's turns that falls on node A goes on to node B
        page = cluster.nginx.get(f"{cluster.seed['article_url']}?turn={time.monotonic_ns()}")
        assert page.status == 200
        assert "Khánh thành cầu Cửa Hội" in page.text
    headers, body = comment_request(
        SimpleNamespace(
            port=cluster.nginx.port,
            origin=f"https://127.0.0.1:{cluster.nginx.port}",
            seed=cluster.seed,
            get=cluster.nginx.get,
        ),
        "Ý kiến gửi qua nginx sau sự cố.",
    )
    posted = cluster.nginx.request("POST", cluster.seed["comment_url"], headers=headers, body=body)
    assert posted.status == 303
    assert cluster.sql("SELECT body FROM comments_comment ORDER BY id DESC LIMIT 1") == [
        ("Ý kiến gửi qua nginx sau sự cố.",)
    ]
