import io

import pytest
from django.core.management import call_command

from articles.models import Article
from proofreading.review import review

pytestmark = pytest.mark.django_db


def test_the_demo_newspaper_comes_out_clean(settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=io.StringIO())
    articles = list(Article.objects.all())
    assert len(articles) >= 30
    for article in articles:
        findings = review(
            article.title, article.lead, article.body, has_cover=bool(article.cover_image)
        )
        assert findings == [], article.title

    out = io.StringIO()
    call_command("review_articles", "--all", stdout=out)  # no error: no CommandError
    assert out.getvalue() == f"Đã soát {len(articles)} bài: 0 lỗi, 0 cảnh báo.\n"
