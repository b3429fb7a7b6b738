"""Readers' PDFs under gunicorn's sync workers: rebuilt in a child process that a
hostile file cannot turn into a stuck or killed worker."""

import time

from tests.comments import pdfs

from .test_gunicorn_uploads import comment_request, comments

HOSTILE = pdfs.document(
    pages=3,
    catalog=b"/OpenAction 5 0 R",
    extra={5: b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"},
    packed=(1, 5),
)


def post_pdf(site, text, data):
    headers, body = comment_request(site, text, ("đơn.pdf", "application/pdf", data))
    return site.request("POST", site.seed["comment_url"], headers=headers, body=body)


def test_a_hostile_pdf_is_stored_rebuilt_with_its_page_previews(production_site):
    site = production_site
    response = post_pdf(site, "Gửi tòa soạn đơn kiến nghị của bà con.", HOSTILE)
    assert response.status == 303, response.text[:2000]
    (_text, stored_name) = comments(site)[-1]
    stored = (site.private_root / stored_name).read_bytes()
    assert pdfs.active_names(stored).isdisjoint(pdfs.ACTIVE_NAMES)
    stem = stored_name.removesuffix(".pdf")
    for number in (1, 2, 3):
        assert (site.private_root / f"{stem}-page{number}.jpg").is_file()


def test_a_pdf_bomb_is_refused_and_the_worker_lives_on(production_site):
    site = production_site
    rows, files, workers = comments(site), site.private_files(), site.workers()
    started = time.monotonic()
    response = post_pdf(site, "Tài liệu này làm máy chủ quá tải.", pdfs.nested_forms())
    elapsed = time.monotonic() - started
    assert response.status == 400
    assert "quá phức tạp" in response.text
    assert elapsed < 25  # below gunicorn's 30-second worker timeout
    assert comments(site) == rows and site.private_files() == files
    assert site.workers() == workers  # no worker was killed or replaced
    assert site.get("/healthz", https=False).status == 200
