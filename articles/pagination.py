"""Reader lists paginated without reading the archive: page 500 costs an index walk."""

from django.core.paginator import Paginator


class IdsFirstPaginator(Paginator):
    """A page's ids first, from the ordering's index alone; then only those rows.

    OFFSET skips rows one by one. Skipping 10,000 ids in an index is cheap;
    skipping 10,000 whole articles (with their joins) is not.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # filter() keeps the list's ordering; the ids are at most one page.
        rows = list(self.object_list.filter(pk__in=ids)) if ids else []
        return self._get_page(rows, number, self)
