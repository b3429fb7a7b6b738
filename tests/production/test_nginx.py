"""deploy/nginx.conf itself, run by a real nginx in front of the production gunicorn:
static files, the body size limit, the reader's address, attachments that only
the app can hand out (X-Accel-Redirect to an internal location), and the one-second
micro-cache of anonymous readers' pages."""

import grp
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import ROOT, free_port, http_request
from .test_gunicorn_uploads import comment_request

# What nginx.conf names inside the containers, and what stands for it here.
CONTAINER_PATHS = ("/srv/static/", "/srv/media/", "/srv/private/")
MICRO_CACHE = "/var/cache/nginx/newsroom"


def nginx_binary():
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is missing: apt-get install -y nginx-light"
    return binary


def local_site_config(site, port, web_ports=None):
    """deploy/nginx.conf with the compose network's names swapped for this machine's.

    `web_ports`: the gunicorn nodes behind it, as Docker's DNS gives nginx one address
    per replica of web (default: the site's own port).
    """
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = " ".join(f"server 127.0.0.1:{p};" for p in web_ports or [site.port])
    swaps = {
        "server web:8000;": servers,
        "listen 80 default_server;": f"listen 127.0.0.1:{port} default_server;",
    }
    swaps.update({path: f"{site.folder}/{path.split('/')[2]}/" for path in CONTAINER_PATHS})
    swaps[MICRO_CACHE] = f"{site.folder}/nginx/cache"
    for container, local in swaps.items():
        assert container in config, f"deploy/nginx.conf no longer has {container!r}"
        config = config.replace(container, local)
    return config


class Nginx:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, *, headers=None, **options):
        # As the TLS proxy in front (Caddy) sends it, from a reader's address.
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.9",
            **(headers or {}),
        }
        return http_request(self.port, method, path, headers=headers, **options)

    def get(self, path, **options):
        return self.request("GET", path, **options)


@pytest.fixture(scope="module")
def nginx(production_site):
    folder = production_site.folder / "nginx"
    folder.mkdir(exist_ok=True)  # test_nginx_micro_cache.py starts it again afterwards
    port = free_port()
    process, front = start_nginx(folder, port, local_site_config(production_site, port))
    yield front
    process.terminate()
    process.wait(timeout=10)


def start_nginx(folder, port, site_config):
    """nginx in `folder` with `site_config` as its server; (process, Nginx) once it answers."""
    (folder / "site.conf").write_text(site_config)
    # As in the nginx image: workers run as an unprivileged user of their own.
    group = "nogroup" if "nogroup" in {g.gr_name for g in grp.getgrall()} else "nobody"
    user = f"user nobody {group};" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"""{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    include {folder}/site.conf;
}}
"""
    )
    command = [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    front = Nginx(port)
    deadline = time.monotonic() + 10
    while True:
        try:
            front.get("/healthz")
            break
        except OSError:
            assert time.monotonic() < deadline, (folder / "error.log").read_text()
            time.sleep(0.1)
    return process, front


def test_pages_pass_through_nginx_over_https(nginx, production_site):
    response = nginx.get(production_site.seed["article_url"])
    assert response.status == 200
    assert "Khánh thành cầu Cửa Hội" in response.text
    assert response.header("Strict-Transport-Security")
    # Reaching nginx without the TLS proxy, a reader is sent to HTTPS.
    plain = nginx.get(production_site.seed["article_url"], headers={"X-Forwarded-Proto": ""})
    assert plain.status == 301
    assert plain.header("Location").startswith("https://")


def test_only_the_tls_proxy_may_tell_nginx_the_request_came_over_https(nginx, production_site):
    url = production_site.seed["article_url"]
    # From 127.0.0.1, where the TLS proxy stands: its X-Forwarded-Proto is passed on.
    assert nginx.get(url).status == 200
    # A client reaching nginx directly (127.0.0.2 is on no list) claims HTTPS and
    # a reader's address: nginx passes its own scheme on, and the app redirects.
    direct = nginx.get(url, source="127.0.0.2")
    assert direct.status == 301
    assert direct.header("Location") == f"https://127.0.0.1:{nginx.port}{url}"


def test_nginx_serves_hashed_static_files_cached_for_a_year(nginx, production_site):
    page = nginx.get(production_site.seed["article_url"]).text
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)
    response = nginx.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.header("Content-Encoding") == "gzip"
    assert nginx.get("/static/css/site.css").header("Cache-Control") == "public, max-age=3600"


def test_nginx_serves_content_named_covers_cached_for_a_year_and_other_media_for_30_days(
    nginx, production_site
):
    from articles.images import cover_name, renditions_dir

    media = production_site.folder / "media"
    picture = b"\xff\xd8\xff a cover's bytes"
    named = {
        cover_name(picture, "jpg"): True,
        f"{renditions_dir(picture)}/640.webp": True,
        "covers/2024/05/anh-bia.jpg": False,  # stored before covers were named by content
        "editor/2024/05/02/so-do.png": False,
    }
    for name in named:
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(picture)
    for name, hashed in named.items():
        response = nginx.get(f"/media/{name}")
        assert response.status == 200, name
        assert response.body == picture
        assert response.header("X-Content-Type-Options") == "nosniff"
        assert "sandbox" in response.header("Content-Security-Policy")
        if hashed:
            assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
            assert response.header("Expires") is None
        else:
            assert response.header("Cache-Control") == "max-age=2592000", name


def test_attachments_reach_readers_only_once_the_app_allows_it(nginx, production_site):
    site = production_site
    headers, body = comment_request(nginx_as_site(nginx, site), "Ảnh chụp từ chân cầu.")
    posted = nginx.request("POST", site.seed["comment_url"], headers=headers, body=body)
    assert posted.status == 303
    comment_id, stored_name, address = site.sql(
        "SELECT id, attachment, ip_address FROM comments_comment ORDER BY id DESC LIMIT 1"
    )[0]
    assert str(address) == "203.0.113.9"  # the reader's, not nginx's
    attachment_url = f"/comments/attachment/{comment_id}/"

    assert nginx.get(attachment_url).status == 404  # pending: nobody sees it
    assert nginx.get(f"/_attachments/{stored_name}").status == 404  # internal only

    approve(site, comment_id)
    response = nginx.get(attachment_url)
    assert response.status == 200
    assert response.header("Content-Type") == "image/png"
    assert response.body == (site.private_root / stored_name).read_bytes()
    assert response.header("Content-Security-Policy") == "default-src 'none'; sandbox"
    assert nginx.get(f"/_attachments/{stored_name}").status == 404


def test_nginx_refuses_a_comment_past_its_limit_with_the_form_and_its_message(
    nginx, production_site
):
    rows = production_site.sql("SELECT count(*) FROM comments_comment")
    too_big = b"x" * (12 * 1024 * 1024)
    for prefix, message in (("", "File lớn hơn 10 MB"), ("/en", "The file is larger than 10 MB")):
        response = nginx.request(
            "POST",
            prefix + production_site.seed["comment_url"],
            headers={"Content-Type": "multipart/form-data; boundary=x"},
            body=too_big,
        )
        assert response.status == 413
        html = response.body.decode()
        assert message in html and 'name="attachment"' in html
    assert production_site.sql("SELECT count(*) FROM comments_comment") == rows


def test_nginx_refuses_other_bodies_past_its_limit_with_its_own_page(nginx):
    response = nginx.request(
        "POST",
        "/admin/login/",
        headers={"Content-Type": "application/octet-stream"},
        body=b"x" * (12 * 1024 * 1024),
    )
    assert response.status == 413
    assert "413 Request Entity Too Large" in response.body.decode()


def nginx_as_site(nginx, site):
    """The site as comment_request sees it, reached through nginx."""

    class ThroughNginx:
        port = nginx.port
        origin = f"https://127.0.0.1:{nginx.port}"
        seed = site.seed

        @staticmethod
        def get(path, **options):
            return nginx.get(path, **options)

    return ThroughNginx


def approve(site, comment_id, decision="approve"):
    """A moderator approves (or rejects) the comment, through the moderation service."""
    script = (
        "from django.contrib.auth import get_user_model\n"
        "from comments.models import Comment\n"
        f"from comments.moderation import {decision}\n"
        f"{decision}(Comment.objects.get(pk={comment_id}), "
        "get_user_model().objects.get(username='bientap'))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_a_rejected_attachment_is_gone_at_once_no_cache_kept_it(nginx, production_site):
    site = production_site
    headers, body = comment_request(nginx_as_site(nginx, site), "Ảnh hiện trường vụ sạt lở.")
    assert nginx.request("POST", site.seed["comment_url"], headers=headers, body=body).status == 303
    comment_id = site.sql("SELECT id FROM comments_comment ORDER BY id DESC LIMIT 1")[0][0]
    attachment_url = f"/comments/attachment/{comment_id}/"
    approve(site, comment_id)

    served = nginx.get(attachment_url)
    assert served.status == 200 and served.body
    # The app's Cache-Control passes nginx unchanged, and nginx adds no expiry:
    # no shared cache stores the file, the browser revalidates each time.
    assert served.header("Cache-Control") == "private, no-cache"
    assert served.header("Expires") is None
    etag = served.header("ETag")
    assert etag
    revalidated = nginx.get(attachment_url, headers={"If-None-Match": etag})
    assert revalidated.status == 304 and revalidated.body == b""

    head = nginx.request("HEAD", attachment_url)
    assert head.status == 200 and head.body == b""
    for name in ("Content-Type", "Content-Length", "Cache-Control", "ETag"):
        assert head.header(name) == served.header(name), name

    approve(site, comment_id, "reject")
    assert nginx.get(attachment_url).status == 404
    assert nginx.get(attachment_url, headers={"If-None-Match": etag}).status == 404
    assert nginx.request("HEAD", attachment_url).status == 404
