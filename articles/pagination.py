"""Reader lists paginated without reading the archive: no count, and page 500
costs a walk over 10,000 index entries, not 10,000 articles."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator


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
        ids = list(
            self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page + 1]
        )
        if not ids and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        has_next = len(ids) > self.per_page
        rows = self.load(ids[: self.per_page]) if ids else []
        return ArchivePage(rows, number, self, has_next)

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
