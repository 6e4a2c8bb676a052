"""The API's ``limit``/``offset`` pagination, with bounds a database can hold.

django-ninja's ``LimitOffsetPagination`` accepts any ``offset`` and, without ``max_limit``, any ``limit``:
``?offset=10**30`` reaches the database as a number SQLite calls a "datatype mismatch" and PostgreSQL "bigint
out of range", a 500. Here ``offset`` is bounded in the input schema (the OpenAPI document says so, and a
larger value is a 422 like any invalid input), and a larger ``limit`` than the endpoint's ``max_limit``
(``MAX_LIMIT`` unless the endpoint says otherwise) is answered with that many, as django-ninja does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja import Field
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination

#: The largest page a list operation returns unless it sets its own ``max_limit``.
MAX_LIMIT = 500
#: The largest offset accepted (far beyond any list; well inside a 64-bit integer).
MAX_OFFSET = 2**31 - 1


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    """``limit`` (at least 1; capped at the endpoint's ``max_limit``, by default ``MAX_LIMIT``) and
    ``offset`` (0..``MAX_OFFSET``)."""

    class Input(NinjaLimitOffsetPagination.Input):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, max_limit: int = MAX_LIMIT, **kwargs: Any) -> None:
        super().__init__(max_limit=max_limit, **kwargs)


class MappedPage:
    """A queryset that the pagination slices before each row is turned into its output: a page of a national
    list reads and serialises one page of rows, not the whole list (the ministry's list of a thousand dispute
    cases took 0.3 s to build whole and then cut to 50)."""

    def __init__(self, queryset: Any, out: Callable[[Any], dict[str, Any]]) -> None:
        self.queryset, self.out = queryset, out

    def __len__(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [self.out(row) for row in self.queryset[window]]
