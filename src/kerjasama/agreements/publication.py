"""The hook through which the agreements read an agreement's publication state without importing the app that
decides it (the oversight app sits above the agreements; issue 13 item 3).

The oversight app registers its provider from its ``AppConfig.ready``::

    from kerjasama.agreements.publication import set_publication_provider

    set_publication_provider(publication_states)  # fn(agreement_ids) -> {id: state}

Without a provider every agreement is ``not_published``: nothing is public unless an app says so.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

#: The state of an agreement no provider answers for.
NOT_PUBLISHED = "not_published"
#: The state that means "shown in the public register".
PUBLISHED = "published"

Provider = Callable[[Collection[int]], dict[int, str]]
_provider: list[Provider] = []


def set_publication_provider(provider: Provider) -> None:
    """Register the one function answering publication states (a second call replaces the first)."""
    _provider[:] = [provider]


def publication_states(agreement_ids: Collection[int]) -> dict[int, str]:
    """The publication state of each agreement (one query with the oversight provider)."""
    ids = list(agreement_ids)
    answer = _provider[0](ids) if _provider and ids else {}
    return {pk: answer.get(pk, NOT_PUBLISHED) for pk in ids}
