"""The scopes of API keys (``accounts.scopes``; issue 15 item 10): pure rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.accounts import scopes


def test_it_reads_space_separated_scopes_in_a_stable_order() -> None:
    assert scopes.parse("write:disputes read  read") == ("read", "write:disputes")
    assert scopes.parse(["read write"]) == ("read", "write")
    with pytest.raises(scopes.UnknownScope, match="admin"):
        scopes.parse("read admin")


def test_it_needs_read_for_safe_requests_and_a_write_scope_for_changes() -> None:
    assert scopes.required("GET", "agreements/12") == "read"
    assert scopes.required("POST", "/rulebook/check") == "read"  # computes, changes nothing
    assert scopes.required("POST", "agreements/12/parties") == "write:agreements"
    assert scopes.allows(["read"], "GET", "disputes")
    assert not scopes.allows(["read"], "DELETE", "documents/3")
    assert scopes.allows(["write"], "PATCH", "mapping/identifications/4")
    assert scopes.allows(["write:agreements"], "POST", "agreements")
    assert not scopes.allows(["write:agreements"], "POST", "disputes")
    assert not scopes.allows(["write:agreements"], "GET", "agreements")  # reading is its own scope


def test_an_access_token_gets_what_was_asked_within_what_was_granted() -> None:
    assert scopes.narrowed(["read", "write:disputes"], ["read", "write"]) == ("read", "write:disputes")
    assert scopes.narrowed(["write"], ["read", "write:agreements"]) == ()


@given(
    held=st.sets(st.sampled_from(scopes.ALL_SCOPES)),
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    area=st.sampled_from(scopes.AREAS),
)
def test_write_covers_every_area_and_more_scopes_never_allow_less(held: set[str], method: str, area: str) -> None:
    path = f"{area}/1"
    if scopes.allows(held, method, path):
        assert scopes.allows(held | {"write"}, method, path)
    if method != "GET":
        assert scopes.allows(held | {"write"}, method, path)
        assert scopes.allows({f"write:{area}"}, method, path)
