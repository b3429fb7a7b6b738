"""What the article page shows of reader comments (filled in by the comments app)."""


def comments_context(request, article):
    """Template context for the comments block under `article`."""
    return {}
