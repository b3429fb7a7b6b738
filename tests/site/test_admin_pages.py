"""The admin's own pages: the site's icon and the translated header."""

import pytest
from django.urls import reverse

from tests.factories import make_editor

pytestmark = pytest.mark.django_db

ICON = '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">'


@pytest.mark.parametrize(
    "url",
    [
        "admin:login",
        "admin:index",
        "admin:articles_article_changelist",
        "admin:articles_article_add",
    ],
)
def test_admin_pages_name_the_site_icon_so_browsers_do_not_ask_for_favicon_ico(client, url):
    if url != "admin:login":
        client.force_login(make_editor())
    html = client.get(reverse(url)).content.decode()
    assert html.count(ICON) == 1
    assert '<div id="site-name"><a href="/admin/">Báo Newsroom · Tòa soạn</a></div>' in html
    assert "<title>" in html and "| Báo Newsroom · Tòa soạn</title>" in html
