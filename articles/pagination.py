"""Reader lists paginated without reading the archive: no count, and page 500
costs a walk over 10,000 index entries, not 10,000 articles."""

from collections.abc import Sequence

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator


class PageRows(Sequence):
    """A page's articles, loaded the first time they are read: a page whose cards are
    kept as one fragment (articles/article_list.html) needs their ids alone."""

    def __init__(self, load, ids):
        self.load, self.ids, self._rows = load, ids, None

    def _load(self):
        if self._rows is None:
            self._rows = self.load(self.ids) if self.ids else []
        return self._rows

    def __getitem__(self, index):
        if not isinstance(index, int | slice):
            # Templates try `rows["key"]` before `rows.key`: that must not load the rows.
            raise TypeError("PageRows indices must be integers or slices")
        return self._load()[index]

    def __len__(self):
        return len(self._load())

    def __iter__(self):
        return iter(self._load())

    def __bool__(self):
        return bool(self.ids)

    @property
    def key(self):
        """The page's ids, which with the content's generation decide its cards."""
        return ",".join(map(str, self.ids))


class LoadedRows(list):
    """Articles already loaded (a section's curated top and its newest), keyed as
    PageRows are for the cards' fragment."""

    @property
    def key(self):
        return ",".join(str(article.pk) for article in self)


class ArchivePage(Page):
    """A page that knows whether another follows without counting the list."""

    def __init__(self, object_list, number, paginator, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


class ArchivePaginator(Paginator):
    """Newer/older pages over a long list, never counting it.

    A page's ids come first, from the ordering's index alone (one more than a
    page, to know whether an older page exists); then only those rows load.
    A count of a 100,000-article archive, or of a tag's 20,000 articles, is a
    scan; so the pages say "page 3", not "page 3 of 5,000".
    """

    uncounted = True  # templates/includes/pagination.html

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.ids(bottom, bottom + self.per_page + 1)
        if not ids and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        has_next = len(ids) > self.per_page
        return ArchivePage(PageRows(self.load, ids[: self.per_page]), number, self, has_next)

    def ids(self, bottom, top):
        """The ids from `bottom` to `top` in the list's order, from its index alone."""
        return list(self.object_list.values_list("pk", flat=True)[bottom:top])

    def load(self, ids):
        """The rows of one page, in the list's order."""
        # filter() keeps the list's ordering; the ids are at most one page.
        return list(self.object_list.filter(pk__in=ids))


class RankedPaginator(ArchivePaginator):
    """An uncounted list whose order costs work (search's ranking): it is worked out
    once, for the page's ids, and the rows load by id from `rows`, a plain queryset."""

    def __init__(self, object_list, per_page, *, rows, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def load(self, ids):
        by_id = {row.pk: row for row in self.rows.filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]


class LinkedPaginator(RankedPaginator):
    """A list whose ids are read elsewhere (a tag's links: `object_list` yields ids),
    and whose rows load by id from `rows`."""

    def ids(self, bottom, top):
        return list(self.object_list[bottom:top])
