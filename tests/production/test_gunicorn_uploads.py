"""Reader uploads against the production stack: a comment with an attachment, an
upload cut off halfway, a worker killed mid-request."""

import io
import json
import os
import re
import signal
import socket
import time
import uuid

from PIL import Image


def noisy_png(side=600):
    """About a megabyte of PNG that does not compress: an upload that takes a while."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def multipart(fields, files):
    boundary = f"----newsroom{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content_type, data) in files.items():
        head = (
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def comment_request(site, body_text, attachment=None):
    """Headers and body of a comment post with a file (an image unless
    `attachment`, a (name, type, bytes) triple, says otherwise), as a browser sends it over HTTPS."""
    assert "comment_url" in site.seed, "the comments app has no `comments:new` URL"
    token_response = site.get(site.seed["csrf_url"])
    token = json.loads(token_response.body)["token"]
    cookie = re.search(r"csrftoken=([^;]+)", token_response.header("Set-Cookie")).group(1)
    body, content_type = multipart(
        {
            "csrfmiddlewaretoken": token,
            "name": "Nguyễn Văn Bình",
            "email": "binh@example.vn",
            "body": body_text,
        },
        {"attachment": attachment or ("cầu-cửa-hội.png", "image/png", noisy_png())},
    )
    headers = {
        "Content-Type": content_type,
        "Cookie": f"csrftoken={cookie}",
        "Origin": site.origin,
        "Referer": f"{site.origin}{site.seed['article_url']}",
        "X-Forwarded-Proto": "https",
    }
    return headers, body


def comments(site):
    return site.sql("SELECT body, attachment FROM comments_comment ORDER BY id")


def send_half(site, headers, body):
    """Send the headers and half the body, then stall: the upload is in flight."""
    connection = socket.create_connection(("127.0.0.1", site.port))
    head = [f"POST {site.seed['comment_url']} HTTP/1.1", f"Host: 127.0.0.1:{site.port}"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    head += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    connection.sendall("\r\n".join(head).encode() + body[: len(body) // 2])
    time.sleep(0.5)  # a worker is now reading the body, waiting for the rest
    return connection


def test_a_comment_with_an_attachment_is_received(production_site):
    site = production_site
    headers, body = comment_request(site, "Cây cầu thật đẹp, cảm ơn tòa soạn.")
    response = site.request("POST", site.seed["comment_url"], headers=headers, body=body)
    assert response.status == 303, response.text[:2000]
    (text, stored_name) = comments(site)[-1]
    assert text == "Cây cầu thật đẹp, cảm ơn tòa soạn."
    assert stored_name and (site.private_root / stored_name).is_file()


def test_an_upload_cut_off_halfway_leaves_no_row_and_no_file(production_site):
    site = production_site
    rows, files = comments(site), site.private_files()
    headers, body = comment_request(site, "Bình luận này không bao giờ đến nơi.")
    send_half(site, headers, body).close()  # the reader's connection drops

    time.sleep(1)
    assert comments(site) == rows
    assert site.private_files() == files
    assert site.upload_leftovers() == []
    assert site.get("/healthz", https=False).status == 200


def test_a_worker_killed_mid_request_loses_nothing_committed(production_site):
    site = production_site
    headers, body = comment_request(site, "Ý kiến này đã được lưu trước sự cố.")
    committed = site.request("POST", site.seed["comment_url"], headers=headers, body=body)
    assert committed.status == 303
    rows, files = comments(site), site.private_files()

    headers, body = comment_request(site, "Ý kiến này đang gửi dở thì máy chủ hỏng.")
    in_flight = send_half(site, headers, body)
    workers = site.workers()
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    in_flight.close()

    site.wait_until_serving()  # gunicorn's arbiter starts new workers by itself
    assert set(site.workers()).isdisjoint(workers)
    assert comments(site) == rows
    assert rows[-1][0] == "Ý kiến này đã được lưu trước sự cố."
    assert site.private_files() == files
    assert site.upload_leftovers() == []
    assert site.get(site.seed["article_url"]).status == 200
