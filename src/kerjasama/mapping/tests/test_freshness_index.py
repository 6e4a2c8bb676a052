"""The "dihitung pada" of the national mapping page (``selectors.freshness``) is one aggregate query that reads
the ``computed_at`` index, not every recommendation row: the load test (``bench/load``, issue 14 item 2)
found MIN/MAX(computed_at) scanning the 20,000 wide rows of the demo's national run (400 ms per page on SQLite);
with the index it reads the index alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kerjasama.mapping.selectors import freshness

pytestmark = pytest.mark.django_db


def _plan(sql: str) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test database is small: forbid the sequential scan so the plan shows whether an index serves.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row) for row in cursor.fetchall())


def test_the_national_freshness_is_one_query_on_the_computed_at_index(persona: Any) -> None:
    ministry = persona("ministry")
    with CaptureQueriesContext(connection) as queries:
        found = freshness(ministry)
    assert set(found) == {"oldest", "newest"}
    assert len(queries.captured_queries) == 1
    sql = queries.captured_queries[0]["sql"]
    assert "MIN" in sql.upper() and "MAX" in sql.upper()
    assert "mapping_rec_computed_at" in _plan(sql)
