"""Enumerations defined once (house rule 7): Django choices that mirror the law's vocabulary.

Where the law defines a set of values, its single source is a ``Literal`` (or a tuple of values) in the pure
rulebook or in an app's ``domain/`` package; the Django ``TextChoices`` only add the labels people read.
``@mirrors(source)`` ties the two: the class is refused at import time unless its values are exactly the
source's values, in the same order, so the two can never drift apart. API schemas and validators use the
source (``typing.get_args``) or the choices' ``values``, never a third copy.

``Confidence`` lives here because two apps use it (the authority matrix in ``affairs``, functional-area
memberships in ``regions``); its order and the meaning of "weakest" are the rulebook's
(``kerjasama.rulebook.facts.weakest_confidence``: U, then S, then V).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, get_args, get_origin

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.rulebook.facts import Confidence as ConfidenceValue

_C = TypeVar("_C", bound=type[models.TextChoices])


def source_values(source: Any) -> tuple[str, ...]:
    """The values a ``Literal[...]`` names, or the items of a tuple/list of strings, in their order."""
    if get_origin(source) is not None:
        values: Iterable[Any] = get_args(source)
    elif isinstance(source, tuple | list):
        values = source
    else:
        raise TypeError(f"not a Literal or a sequence of values: {source!r}")
    result = tuple(values)
    if not result or not all(isinstance(v, str) for v in result):
        raise TypeError(f"a choices source must name one or more strings: {source!r}")
    return result


def mirrors(source: Any) -> Callable[[_C], _C]:
    """Class decorator: the ``TextChoices`` must have exactly the values of ``source``, in its order.

    The source is kept on the class as ``__source_values__`` so tests and schemas can list both sides.
    """
    expected = source_values(source)

    def check(choices: _C) -> _C:
        actual = tuple(str(member.value) for member in choices)
        if actual != expected:
            raise TypeError(
                f"{choices.__module__}.{choices.__qualname__} has the values {actual}, but its source "
                f"defines {expected}: change the source, then the choices (enumerations are defined once)"
            )
        choices.__source_values__ = expected  # type: ignore[attr-defined]
        return choices

    return check


@mirrors(ConfidenceValue)
class Confidence(models.TextChoices):
    """How well a fact is sourced: V verified in the legal text, S a secondary source, U unverified
    (authority_matrix.md, functional_areas.md). Strongest first; U is the weakest."""

    V = "V", _("Verified (legal text)")
    S = "S", _("Secondary source")
    U = "U", _("Unverified (general knowledge)")
