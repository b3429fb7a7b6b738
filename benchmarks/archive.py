"""A newspaper archive for the benchmarks: generated text, loaded in bulk.

`build()` fills the database the site is configured with (any size) much
faster than saving one article at a time, and fills every derived column
the way `Article.save()` does: the slug (`unique_slug`'s rule, -2, -3 on a
clash), the search columns (`articles.search.search_columns`), the cover's
size and its renditions (one shared cover file and one set of renditions),
and, on SQLite, the FTS index (its triggers fire on each insert).

`records()` yields the same kind of articles as lines for `import_articles`.

Text is deterministic (a fixed random seed): two builds of the same size are
the same archive, with the words the search benchmark asks for: common ones
("tỉnh", "phát triển"), names ("Bình Dương") and a rare one ("Tủa Chùa", in
one article in 10,000).
"""

import random
import sys
import time
from datetime import UTC, datetime, timedelta

from newsroom.progress import Progress

SECTIONS = [
    "Thời sự", "Chính trị", "Kinh tế", "Xã hội", "Pháp luật", "Văn hóa", "Giáo dục",
    "Y tế", "Thể thao", "Quốc tế", "Nông nghiệp", "Du lịch",
]  # fmt: skip
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Đức", "Thu", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Lan", "Long", "Mai", "Nam", "Phong",
         "Quang", "Sơn", "Tâm", "Thảo", "Trọng", "Tuấn", "Vy", "Yến", "Ẩn"]  # fmt: skip
PLACES = ["Bình Dương", "Nghệ An", "Hà Tĩnh", "Quảng Nam", "Cần Thơ", "Lâm Đồng", "Thanh Hóa",
          "Đồng Nai", "Kiên Giang", "Sơn La", "Bình Minh", "Cửa Lò"]  # fmt: skip
TOPICS = ["nông thôn mới", "chuyển đổi số", "giao thông", "xây dựng Đảng", "an sinh xã hội",
          "du lịch cộng đồng", "giáo dục nghề nghiệp", "y tế cơ sở", "cải cách hành chính",
          "phòng chống thiên tai", "kinh tế tập thể", "văn hóa truyền thống"]  # fmt: skip
VERBS = ["đẩy mạnh", "triển khai", "tổng kết", "khánh thành", "phát động", "kiểm tra",
         "hoàn thành", "khởi công", "tuyên dương", "hội thảo về"]  # fmt: skip
SENTENCES = [
    "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tiếp tục đẩy mạnh việc học tập và làm theo tư "
    "tưởng, đạo đức, phong cách Hồ Chí Minh gắn với nhiệm vụ chính trị của địa phương.",
    "Theo báo cáo, năm qua tỉnh đã huy động hơn 2.300 tỷ đồng để phát triển hạ tầng giao "
    "thông nông thôn, nâng cấp 146 km đường huyện và xây mới 12 cây cầu.",
    "Nhiều mô hình hay, cách làm sáng tạo được nhân rộng, góp phần nâng cao đời sống vật "
    "chất và tinh thần của nhân dân.",
    "Phát biểu tại hội nghị, đồng chí Phó Chủ tịch UBND tỉnh đề nghị các sở, ngành tháo gỡ "
    "khó khăn cho doanh nghiệp, nhất là về mặt bằng sản xuất và thủ tục đầu tư.",
    "Người dân địa phương cho biết, từ khi có con đường mới, việc đi lại và vận chuyển nông "
    "sản thuận lợi hơn rất nhiều.",
    "Ngành giáo dục tập trung đổi mới phương pháp dạy học, tăng cường ứng dụng công nghệ "
    "thông tin và chuyển đổi số trong nhà trường.",
    "Trung tâm Y tế huyện đã tổ chức khám sàng lọc miễn phí cho hơn 1.200 người cao tuổi, "
    "trẻ em và gia đình chính sách.",
    "Lực lượng chức năng phối hợp với chính quyền cơ sở kiểm tra, xử lý nghiêm các trường "
    "hợp vi phạm hành lang an toàn giao thông.",
    "Hội nghị cũng đánh giá những hạn chế, yếu kém và đề ra giải pháp khắc phục trong thời "
    "gian tới, phấn đấu hoàn thành thắng lợi các chỉ tiêu kế hoạch.",
    "Du khách đến với vùng đất này được trải nghiệm văn hóa truyền thống, ẩm thực đặc sắc "
    "và cảnh quan thiên nhiên hùng vĩ.",
    "Các hợp tác xã nông nghiệp liên kết với doanh nghiệp bao tiêu sản phẩm, giúp nông dân "
    "yên tâm sản xuất theo hướng an toàn, bền vững.",
    "Đến nay, toàn tỉnh có 98 xã đạt chuẩn nông thôn mới, 25 xã đạt chuẩn nông thôn mới "
    "nâng cao và 6 xã đạt chuẩn nông thôn mới kiểu mẫu.",
]
RARE_SENTENCE = "Đoàn công tác đã đến thăm và tặng quà đồng bào các dân tộc huyện Tủa Chùa."
COMMENT_TEXTS = [
    "Cảm ơn báo đã đưa tin kịp thời.",
    "Mong chính quyền sớm có giải pháp cho bà con vùng sâu vùng xa.",
    "Bài viết rất hay, thông tin hữu ích cho người dân.",
    "Đề nghị kiểm tra lại con số trong đoạn thứ hai.",
    "Quê tôi cũng đang làm mô hình này, hiệu quả lắm.",
]
FIRST_DAY = datetime(2010, 1, 1, tzinfo=UTC)
# The article with this many approved comments, for the comment pagination figures.
BUSY_COMMENTS = 1500


def say(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def author_names(count):
    names = []
    for i in range(count):
        name = f"{SURNAMES[i % 11]} {MIDDLE[(i // 11) % 10]} {GIVEN[(i // 110) % 20]}"
        names.append(name if i < 2200 else f"{name} {i // 2200 + 1}")
    return names


def tag_names(count):
    base = PLACES + TOPICS
    names = [f"{topic} {place}" for topic in TOPICS for place in PLACES]
    names = base + names
    return [names[i] if i < len(names) else f"Sự kiện {i}" for i in range(count)]


def article(rng, number, *, tags, authors):
    """One generated article as plain values: the same text whatever the database."""
    place = rng.choice(PLACES)
    topic = rng.choice(TOPICS)
    title = f"{place} {rng.choice(VERBS)} {topic}, {rng.choice(['năm', 'đợt', 'kỳ'])} {number}"
    lead = " ".join(rng.sample(SENTENCES, 2))
    paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(5)]
    if number % 10_000 == 7:
        paragraphs[2] += " " + RARE_SENTENCE
    body = (
        f"<p>{paragraphs[0]}</p><p>{paragraphs[1]}</p><h2>Phát triển {topic}</h2>"
        f"<p>{paragraphs[2]}</p><p>{paragraphs[3]}</p><h2>Làm theo Bác</h2><p>{paragraphs[4]}</p>"
    )
    # A few tags carry most articles, as on a real site: tag 0 is the biggest.
    chosen = {tags[min(int(rng.paretovariate(0.6)) - 1, len(tags) - 1)] for _ in range(4)}
    return {
        "title": title,
        "lead": lead,
        "body": body,
        "section": SECTIONS[number % len(SECTIONS)],
        "authors": rng.sample(authors, 1 if number % 3 else 2),
        "tags": sorted(chosen),
        "status": "published" if number % 50 else ("draft" if number % 100 else "review"),
        "published_at": FIRST_DAY + timedelta(minutes=150 * number),
        "featured": number % 997 == 0,
    }


def records(count, *, seed=13, cover=None):
    """`count` lines for `import_articles` (dicts), with external ids."""
    rng = random.Random(seed)
    authors, tags = author_names(max(count // 300, 20)), tag_names(max(count // 50, 30))
    for number in range(1, count + 1):
        values = article(rng, number, tags=tags, authors=authors)
        values.pop("featured")
        values["published_at"] = values["published_at"].isoformat()
        values["external_id"] = f"bench-{number}"
        if cover:
            values["cover_image"] = cover
        yield values


def build(articles, comments, *, seed=13, batch=1000):
    """Fill the (empty, migrated) database with `articles` and `comments`."""
    from django.db import connection, transaction

    from articles.models import Article, ArticleAuthor, Author, Section, Tag, TaggedArticle
    from articles.search import search_columns
    from articles.slugs import slugify_vi

    rng = random.Random(seed)
    started = time.monotonic()
    with transaction.atomic():
        sections = {name: Section.objects.create(name=name, position=i) for i, name in
                    enumerate(SECTIONS)}  # fmt: skip
        authors = {name: Author.objects.create(name=name) for name in
                   author_names(max(articles // 300, 20))}  # fmt: skip
        tags = {name: Tag.objects.create(name=name) for name in tag_names(max(articles // 50, 30))}
    cover = shared_cover()
    author_list, tag_list = list(authors), list(tags)
    taken = set()
    progress = Progress("articles", articles)
    for start in range(1, articles + 1, batch):
        rows, links = [], []
        for number in range(start, min(start + batch, articles + 1)):
            values = article(rng, number, tags=tag_list, authors=author_list)
            # unique_slug's rule: the base, then -2, -3… while another article has it.
            base = slugify_vi(values["title"]) or "bai"
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base[: 200 - len(str(n)) - 1].rstrip('-')}-{n}"
            taken.add(slug)
            search_title, search_text = search_columns(
                values["title"], values["lead"], values["body"]
            )
            rows.append(
                Article(
                    title=values["title"],
                    slug=slug,
                    lead=values["lead"],
                    body=values["body"],
                    section=sections[values["section"]],
                    status=values["status"],
                    published_at=values["published_at"],
                    updated_at=values["published_at"],
                    featured=values["featured"],
                    search_title=search_title,
                    search_text=search_text,
                    cover_caption="Ảnh minh họa",
                    cover_alt=values["title"],
                    **cover,
                )
            )
            links.append((values["authors"], values["tags"]))
        with transaction.atomic():
            Article.objects.bulk_create(rows)
            if rows[0].pk is None:  # bulk_create returns no ids on this backend
                by_slug = dict(
                    Article.objects.filter(slug__in=[r.slug for r in rows]).values_list(
                        "slug", "pk"
                    )
                )
                for row in rows:
                    row.pk = row.id = by_slug[row.slug]
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(article=row, author=authors[name], position=position)
                for row, (names, _tags) in zip(rows, links, strict=True)
                for position, name in enumerate(names)
            )
            TaggedArticle.objects.bulk_create(
                TaggedArticle(content_object=row, tag=tags[name])
                for row, (_names, names) in zip(rows, links, strict=True)
                for name in names
            )
        progress.advance(len(rows))
    progress.close()
    build_comments(comments, rng)
    with connection.cursor() as cursor:
        # Fresh statistics for the planner; VACUUM also sets the visibility map that
        # index-only scans need (it cannot run inside a transaction, as in the tests).
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    say(
        f"Built {articles:,} articles and {comments:,} comments in {time.monotonic() - started:.0f} s"
    )


def build_comments(count, rng, *, batch=5000):
    """`count` comments: one busy article with BUSY_COMMENTS approved, the rest spread."""
    from django.db import transaction

    from comments.models import Comment

    if not count:
        return
    published = list(busy_order().values_list("pk", "published_at"))
    busy = published[len(published) // 2]
    recent = published[: max(len(published) // 100, 1)]
    progress = Progress("comments", count)
    statuses = ["approved"] * 85 + ["pending"] * 10 + ["rejected"] * 4 + ["spam"]
    for start in range(0, count, batch):
        rows = []
        for number in range(start, min(start + batch, count)):
            if number < min(BUSY_COMMENTS, count // 2):
                (pk, published_at), status = busy, "approved"
            else:
                # A tenth on the newest 1% of articles, the rest anywhere: a few dozen
                # comments at most on any other article.
                pk, published_at = rng.choice(recent if number % 10 == 0 else published)
                status = statuses[number % 100]
            rows.append(
                Comment(
                    article_id=pk,
                    name=f"{SURNAMES[number % 11]} {GIVEN[number % 20]}",
                    email=f"ban-doc{number % 50_000}@example.vn",
                    body=COMMENT_TEXTS[number % len(COMMENT_TEXTS)],
                    status=status,
                    created_at=published_at + timedelta(minutes=1 + number % 5000),
                    ip_address=f"10.{number % 250}.{number // 250 % 250}.{number % 200 + 1}",
                )
            )
        with transaction.atomic():
            Comment.objects.bulk_create(rows)
        progress.advance(len(rows))
    progress.close()


def busy_order():
    """Published articles in the order whose middle one gets BUSY_COMMENTS comments."""
    from articles.models import Article

    return Article.objects.published().order_by("-published_at", "-pk")


def busy_article():
    """The article with BUSY_COMMENTS approved comments (or the middle one of a smaller archive)."""
    order = busy_order()
    return order[order.count() // 2]


def shared_cover():
    """The cover fields every generated article shares: one stored cover and its
    renditions, made by the application's own code for one unsaved article."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    from articles.images import refresh_cover_renditions
    from articles.models import RENDITION_FIELDS, Article

    picture = Image.new("RGB", (1200, 800), (40, 90, 140))
    draw = ImageDraw.Draw(picture)
    for i in range(8):
        draw.ellipse(
            (60 + i * 120, 100 + i * 40, 360 + i * 120, 500 + i * 30), fill=(200, 30 * i, 80)
        )
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=85)
    # Stored under the name its bytes give, once: a second build finds it there.
    article = Article()
    article.cover_image.save("anh-bia.jpg", ContentFile(data.getvalue()), save=False)
    refresh_cover_renditions(article)
    fields = ("cover_image", "cover_width", "cover_height", *RENDITION_FIELDS)
    values = {name: getattr(article, name) for name in fields}
    # Names, not the field files of this one article.
    values["cover_image"], values["cover_thumbnail"] = (
        article.cover_image.name,
        article.cover_thumbnail.name,
    )
    return values
