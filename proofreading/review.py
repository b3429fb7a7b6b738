"""The editorial checks' entry point: an article's text in, findings out.

No database and no request: the admin, the `review_articles` command and
the tests call `review()` with the article's fields.
"""

from .glued import check_glued
from .structure import check_duplicates, check_structure, parse_body
from .text import Place
from .typography import check_decomposed, check_mixed_quotes, check_typography


def review(headline, lead, body_html, *, has_cover=True):
    """Every finding for an article, in reading order (headline, lead, cover, body)."""
    headline, lead = headline or "", lead or ""
    body = parse_body(body_html)
    places = [Place("headline", "headline", headline), Place("lead", "lead", lead), *body.places]
    findings = check_structure(headline, lead, body, has_cover=has_cover)
    for place in places:
        findings += check_decomposed(place)
        findings += check_glued(place)
        findings += check_typography(place)
    findings += check_mixed_quotes(places)
    findings += check_duplicates(body.paragraphs)
    order = {name: rank for rank, name in enumerate(["headline", "lead", "cover"])}
    for role_and_name in body.outline:
        order.setdefault(role_and_name[1], len(order))
    return sorted(findings, key=lambda item: order.get(item.where.split(", ")[0], len(order)))
