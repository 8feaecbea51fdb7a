"""Pagination that never counts the whole table (a COUNT(*) over 100,000 rows on every page
view is what makes registers slow). It fetches one row more than a page to know if there is a
next page."""

from dataclasses import dataclass

from . import params


@dataclass
class Page:
    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def page_without_count(queryset, page_number, per_page: int = 50) -> Page:
    """`page_number` as the address gave it; one past `params.MAX_PAGE` is refused (BadParameter)."""
    number = params.page_number(page_number)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return Page(items=rows[:per_page], number=number, has_next=len(rows) > per_page)
