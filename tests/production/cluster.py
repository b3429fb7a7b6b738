"""Several web nodes, natively: two gunicorn nodes running the web container's command,
sharing one PostgreSQL database, one Redis and an S3-compatible server (moto's
standalone server), behind one nginx running deploy/nginx.conf."""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import uuid

import boto3
import psycopg
import redis
from moto.server import ThreadedMotoServer

from .helpers import ROOT, WEB_COMMAND, free_port, http_request
from .live import POSTGRES, LiveSite

# The several-node tests' own Redis database (the one-node site uses 14).
CLUSTER_REDIS_DB = 9
PUBLIC_BUCKET = "newsroom-media"
PRIVATE_BUCKET = "newsroom-private"
S3_KEYS = {"S3_ACCESS_KEY_ID": "newsroom-test", "S3_SECRET_ACCESS_KEY": "newsroom-test-secret"}

SEED = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section

for username, group in (("phongvien", "Journalists"), ("bientap", "Editors"),
                        ("kiemduyet", "Moderators")):
    user = get_user_model().objects.create_user(username, password="{password}", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
section = Section.objects.create(name="Thời sự")
author = Author.objects.create(name="Minh Anh")
article = Article.objects.create(
    title="Khánh thành cầu Cửa Hội",
    body="<p>Sáng nay, cầu Cửa Hội chính thức thông xe.</p>",
    status=Article.Status.PUBLISHED,
    published_at=timezone.now() - timedelta(hours=1),
    section=section,
)
ArticleAuthor.objects.create(article=article, author=author)
print(json.dumps({{
    "section_id": section.pk, "author_id": author.pk, "article_id": article.pk,
    "article_url": article.get_absolute_url(),
    "comment_url": f"/comments/{{article.pk}}/new/", "csrf_url": "/comments/csrf/",
}}))
"""


class ObjectStorage:
    """moto's S3 server on a free port, with the two buckets the site needs."""

    def __init__(self):
        self.port = free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.server.start()
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=S3_KEYS["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["S3_SECRET_ACCESS_KEY"],
        )
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            self.client.create_bucket(Bucket=bucket)
        # As README, "More than one server" says to set up: anybody may read (not list) public media.
        self.client.put_bucket_policy(
            Bucket=PUBLIC_BUCKET,
            Policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": "s3:GetObject",
                            "Resource": f"arn:aws:s3:::{PUBLIC_BUCKET}/*",
                        }
                    ],
                }
            ),
        )

    def stop(self):
        self.server.stop()

    def environment(self):
        return {
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": "us-east-1",
            "S3_PUBLIC_BUCKET": PUBLIC_BUCKET,
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
            **S3_KEYS,
        }

    def keys(self, bucket):
        listing = self.client.list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, bucket, key):
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()


class Node(LiveSite):
    """One web node: the web container's command, on a database another node shares."""

    def __init__(self, folder, database, origins, extra_env):
        folder.mkdir()
        super().__init__(folder)
        self.database = database
        self.origins = origins
        self.extra_env = extra_env

    def environment(self):
        env = super().environment()
        env.update(self.extra_env)
        env["REDIS_URL"] = f"redis://127.0.0.1:{self.redis_proxy.port}/{CLUSTER_REDIS_DB}"
        env["CSRF_TRUSTED_ORIGINS"] = ",".join(self.origins)
        return env

    def launch(self):
        """Start the web command (it migrates and collects under the deploy lock)."""
        self.upload_tmp.mkdir(parents=True)
        self.db_proxy.start()
        self.redis_proxy.start()
        self.env = self.environment()
        self.log_file = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            WEB_COMMAND,
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        """The node's machine dies: arbiter and workers, at once, with no goodbye."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        # The database and Redis belong to the cluster, which clears them once.
        self.stop_serving()

    def manage(self, *args, timeout=60):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return result


class Cluster:
    def __init__(self, folder):
        self.folder = folder
        self.database = f"newsroom_cluster_{secrets.token_hex(4)}"
        self.password = secrets.token_urlsafe(12)
        self.storage = ObjectStorage()
        self.nginx_port = free_port()
        self.nodes = []
        self.seed = {}

    def start(self):
        self.storage.start()
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        ports = [free_port(), free_port()]
        origins = [f"https://127.0.0.1:{port}" for port in [*ports, self.nginx_port]]
        env = {
            **self.storage.environment(),
            "COMMENTS_RATE_LIMIT": "6",
            # One .env for every node: a login signed on one node is good on the others.
            "SECRET_KEY": secrets.token_urlsafe(50),
            # One static volume for every replica, as in docker-compose.yml (nginx serves it).
            "STATIC_ROOT": str(self.folder / "a" / "static"),
        }
        for name, port in zip(("a", "b"), ports, strict=True):
            node = Node(self.folder / name, self.database, origins, env)
            node.port = port
            self.nodes.append(node)
        # Both at once, as `docker compose up --scale web=2` starts them.
        for node in self.nodes:
            node.launch()
        for node in self.nodes:
            node.wait_until_serving(timeout=120)
        seeded = self.nodes[0].manage("shell", "-c", SEED.format(password=self.password))
        assert seeded.returncode == 0, seeded.stderr
        self.seed = json.loads(seeded.stdout.strip().splitlines()[-1])

    def stop(self):
        for node in self.nodes:
            node.stop()
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        client = redis.Redis(host="127.0.0.1", port=6379, db=CLUSTER_REDIS_DB)
        keys = list(client.scan_iter(f"{self.database}:*"))
        if keys:
            client.delete(*keys)
        client.close()
        self.storage.stop()

    def sql(self, query, params=()):
        return self.nodes[0].sql(query, params)


class Browser:
    """A staff member's browser on one node: its own cookies, HTTPS as the TLS proxy says."""

    def __init__(self, port):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies = {}

    def request(self, method, path, *, body=None, headers=None):
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            **(headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers.setdefault("Origin", self.origin)
            headers.setdefault("Referer", f"{self.origin}{path}")
        response = http_request(self.port, method, path, body=body, headers=headers)
        for line in (response.header("Set-Cookie") or "").split("\n"):
            if match := re.match(r"\s*([^=;\s]+)=([^;]*)", line):
                self.cookies[match.group(1)] = match.group(2)
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, files=None, headers=None):
        body, content_type = form_body(
            {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}, files or {}
        )
        return self.request(
            "POST", path, body=body, headers={"Content-Type": content_type, **(headers or {})}
        )

    def log_in(self, username, password):
        self.get("/admin/login/")
        response = self.post(
            "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        assert response.status == 302, response.text[:1000]
        assert "sessionid" in self.cookies
        self.get("/admin/")  # a fresh CSRF cookie after the login rotated it
        return self


def form_body(fields, files):
    """multipart/form-data of `fields` (a value may be a list) and `files` (name: (filename, type, bytes))."""
    boundary = f"----newsroom{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{item}\r\n".encode()
            )
    for name, (filename, content_type, data) in files.items():
        head = (
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
