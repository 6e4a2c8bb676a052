"""What a machine client's API key may do (issue 15 item 10: the API behind the government's gateway, SPLP):
its **scopes**. Pure: no Django.

* ``read``: every safe request (GET, HEAD, OPTIONS) and the few POSTs that only compute (``READ_POSTS``);
* ``write``: every change, in every area;
* ``write:<area>``: the changes of one area of the API (the first segment after ``/api/v1/``: ``agreements``,
  ``disputes``, ...).

A scope only narrows: the key still acts as its user, whose role and jurisdiction decide what is visible and
allowed (a ``write`` key of a kab/kota operator cannot approve what the operator cannot). A browser session
has no scopes (the person is there). Personal tokens issued before scopes existed keep ``read write``.
"""

from __future__ import annotations

from collections.abc import Iterable

READ = "read"
WRITE = "write"
#: The areas of ``/api/v1/`` that change records (each router's prefix); ``write:<area>`` allows one of them.
AREAS: tuple[str, ...] = (
    "agreements",
    "disputes",
    "documents",
    "lifecycle",
    "mapping",
    "monev",
    "notifications",
    "obligations",
    "reports",
    "tkksd",
)
#: POSTs that change nothing (the plan checker computes an answer): a ``read`` key may call them.
READ_POSTS = frozenset({"rulebook/check"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Every scope a key may hold, in the order pages list them.
ALL_SCOPES: tuple[str, ...] = (READ, WRITE, *(f"{WRITE}:{area}" for area in AREAS))
#: What a personal token gets when nobody narrows it (as before scopes existed).
FULL = (READ, WRITE)


class UnknownScope(ValueError):
    """A scope outside ``ALL_SCOPES``."""


def parse(text: str | Iterable[str]) -> tuple[str, ...]:
    """Scopes from space-separated text (RFC 6749 §3.3) or a list, deduplicated in ``ALL_SCOPES`` order."""
    items = text.split() if isinstance(text, str) else [s for part in text for s in part.split()]
    unknown = sorted(set(items) - set(ALL_SCOPES))
    if unknown:
        raise UnknownScope(", ".join(unknown))
    return tuple(scope for scope in ALL_SCOPES if scope in items)


def text(scopes: Iterable[str]) -> str:
    return " ".join(parse(list(scopes)))


def area_of(api_path: str) -> str:
    """The area of a path under ``/api/v1/`` (``agreements/12/parties`` → ``agreements``)."""
    return api_path.strip("/").split("/", 1)[0]


def required(method: str, api_path: str) -> str:
    """The scope a request needs: ``read`` for a safe one, else ``write:<area>`` (``write`` covers it)."""
    path = api_path.strip("/")
    if method.upper() in SAFE_METHODS or path in READ_POSTS:
        return READ
    return f"{WRITE}:{area_of(path)}"


def allows(scopes: Iterable[str], method: str, api_path: str) -> bool:
    """Whether a key holding ``scopes`` may make this request."""
    held = set(scopes)
    need = required(method, api_path)
    if need == READ:
        return READ in held
    return WRITE in held or need in held


def narrowed(requested: Iterable[str], granted: Iterable[str]) -> tuple[str, ...]:
    """The scopes of an access token: what the client asked for, within what it was granted; ``write`` granted
    covers every ``write:<area>`` asked."""
    granted_set = set(granted)
    return parse(
        [s for s in requested if s in granted_set or (WRITE in granted_set and s.startswith(f"{WRITE}:"))]
    )
