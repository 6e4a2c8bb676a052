"""Who performs a change: a named user, or the system itself (house rule 2: ``actor`` is required and typed).

``SYSTEM`` stands for the operator running a ``kerjasama`` command on the server (``setup``, imports, the
task worker). It holds the server's credentials, so policy lets it through; every change it makes is still
written to the audit trail under the label ``sistem``. There is no implicit default: a service called
without an actor is a programming error, not a silent bypass of policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:  # the user model lives in ``accounts``; core names it only for type checking
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class SystemActor:
    """The system itself (commands, the task worker). Not a user: it has no primary key."""

    label: str = "sistem"
    pk: None = None
    is_authenticated: bool = False

    def __str__(self) -> str:
        return self.label


#: The one system actor.
SYSTEM = SystemActor()

#: A user or the system: the type of every service's ``actor`` parameter. A page or API call passes
#: ``request.user``, which may be Django's ``AnonymousUser``: policy refuses it like any unauthorised user.
Actor: TypeAlias = "AbstractBaseUser | AnonymousUser | SystemActor"


def is_system(actor: object) -> bool:
    return isinstance(actor, SystemActor)


def user_or_none(actor: object) -> Any:
    """The user behind ``actor`` for a foreign key (``created_by`` …), or ``None`` for the system.

    Typed ``Any``: the value is an instance of ``settings.AUTH_USER_MODEL`` (``accounts.User``), which core
    may not name; ``AbstractBaseUser`` would not type-check against the foreign keys that expect it.
    """
    if isinstance(actor, SystemActor) or getattr(actor, "pk", None) is None:
        return None
    return actor
