import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from articles.models import Article
from articles.views import HomeView
from tests.factories import make_article, make_section


@pytest.mark.django_db
def test_unknown_page_is_a_vietnamese_404_in_the_sites_look(client):
    make_section("Thời sự")
    response = client.get("/trang-khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<h1>Không tìm thấy trang</h1>" in html
    assert "/static/css/site.css" in html
    assert 'href="/section/thoi-su/"' in html  # the site's header and menu
    assert 'action="/search/"' in html and 'href="/"' in html


@pytest.mark.django_db
def test_an_unpublished_article_gets_the_same_404_page(client):
    article = make_article(status=Article.Status.DRAFT)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_500_page_renders_without_a_request_context_or_the_database():
    """No django_db mark: any query here would fail the test."""
    # LocaleMiddleware has activated the reader's language before a view fails.
    with translation.override("vi"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<h1>Đã có lỗi xảy ra</h1>" in html
    assert "Báo Newsroom" in html and "/static/css/site.css" in html


@pytest.mark.django_db
def test_a_crashing_page_answers_with_the_500_page(monkeypatch):
    def crash(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomeView, "get_queryset", crash)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Đã có lỗi xảy ra" in html and "boom" not in html
