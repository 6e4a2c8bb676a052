"""The one transition helper: every workflow state change goes through :func:`transition` (house rules 2 and 5).

A transition moves a record from an expected state to a target state, on behalf of an actor, and leaves three
traces in one transaction: the new state itself, a row in the record's history (django-simple-history:
"what did this record say on date X"), and an audit event (who, what, when, old/new state, reason). If the
record is no longer in the expected state, because someone else moved it first, nothing is written and the
caller gets a :class:`~kerjasama.core.errors.Conflict` that names the current state in both languages
(HTTP 409 through the API, exit code 3 in a ``kerjasama`` command, a message on the page).

How the row is claimed, and why this is correct on both SQLite and PostgreSQL:

1. **Claim by compare-and-swap**: ``UPDATE … SET <field> = <target> WHERE pk = … AND <field> = <expected>``.
   The database evaluates the condition and writes in one statement, so of two concurrent claims exactly
   one matches a row. On PostgreSQL (READ COMMITTED) the second ``UPDATE`` waits on the first one's row
   lock and, once that commits, re-checks its ``WHERE`` against the new row version: 0 rows. On SQLite a
   writing transaction holds the database's write lock (``transaction_mode=IMMEDIATE`` takes it at
   ``BEGIN``), so claims are serialised outright. Either way the loser sees 0 rows and raises; the rule
   does not depend on isolation levels or on ``SELECT … FOR UPDATE`` (which SQLite ignores).
2. **Save through the ORM**: the claim is a queryset ``update()``, which sends no signal and so writes no
   history row. The winner therefore reloads the row (the claim's lock is held until commit, so nobody can
   change it in between), sets the target state and the stamps on the instance, and calls ``save()``;
   simple-history's ``post_save`` handler writes the history row with the new state, attributed to the
   acting user (``_history_user``; none for ``SYSTEM``) and with the audit action as change reason.
3. **Audit** with :func:`kerjasama.core.audit.record`, still inside the same transaction.

The row is written twice (the claim, then the save) inside one transaction; the cost is one extra
``UPDATE`` per transition, which buys a history row for every state change without engine-specific locking.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import translation
from django.utils.text import capfirst

from kerjasama.core import audit
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail

M = TypeVar("M", bound=models.Model)

#: Turns a state value into its label in Indonesian and in English (for the conflict message).
Describe = Callable[[object], tuple[str, str]]


#: Marks a record that no longer exists when its claim failed.
_GONE = object()


def _in(language: str, text: object) -> str:
    with translation.override(language):
        return str(text)


def choice_labels(model: type[models.Model], field: str) -> Describe:
    """Describe a state by the field's choice labels (``IdentificationStatus`` …), or its value if it has none."""
    labels = dict(model._meta.get_field(field).flatchoices)  # type: ignore[union-attr]

    def describe(value: object) -> tuple[str, str]:
        label = labels.get(value, value)
        return _in("id", label), _in("en", label)

    return describe


def _plain(value: object) -> object:
    """A JSON-safe copy of a state value for the audit event."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def conflict_error(
    model: type[models.Model], *, code: str, field: str, expected: object, current: object, describe: Describe
) -> Conflict:
    """The bilingual conflict raised when the record is no longer in the ``expected`` state."""
    meta = model._meta
    name_id, name_en = capfirst(_in("id", meta.verbose_name)), _in("en", meta.verbose_name)
    was_id, was_en = describe(expected)
    if current is _GONE:
        return Conflict(
            code,
            f"{name_id} ini sudah tidak ada (baru saja dihapus orang lain). Tidak ada yang diubah.",
            f"This {name_en} no longer exists (someone deleted it a moment ago). Nothing was changed.",
        )
    now_id, now_en = describe(current)
    return Conflict(
        code,
        f"{name_id} ini berstatus “{now_id}”, sedangkan tindakan ini memerlukan status “{was_id}”: mungkin "
        "baru saja diubah orang lain. Tidak ada yang diubah; muat ulang lalu periksa kembali.",
        f"This {name_en} is “{now_en}”, but this step needs “{was_en}”: someone may have changed it a moment "
        "ago. Nothing was changed; reload and check again.",
        [ErrorDetail(field, now_id, now_en)],
    )


def transition(
    obj: M,
    *,
    actor: Actor,
    action: AuditAction,
    expected: object,
    target: object,
    conflict_code: str,
    field: str = "status",
    stamps: Mapping[str, Any] | None = None,
    reason: str = "",
    describe: Describe | None = None,
) -> M:
    """Move ``obj`` from ``expected`` to ``target`` in ``field``, set ``stamps``, write history and audit.

    The caller has already checked policy (``accounts.policy.require``) and the inputs. ``obj`` is updated in
    place and returned. Raises :class:`Conflict` (code ``conflict_code``) if the stored record is no longer
    in ``expected`` (or no longer exists); then nothing is written.
    """
    model = type(obj)
    manager = model._base_manager
    with transaction.atomic():
        claimed = manager.filter(pk=obj.pk, **{field: expected}).update(**{field: target})
        if not claimed:
            found = list(manager.filter(pk=obj.pk).values_list(field, flat=True))
            current = found[0] if found else _GONE
            raise conflict_error(
                model,
                code=conflict_code,
                field=field,
                expected=expected,
                current=current,
                describe=describe or choice_labels(model, field),
            )
        obj.refresh_from_db()
        for name, value in (stamps or {}).items():
            setattr(obj, name, value)
        audit.save_with_history(obj, actor=actor, action=action)
        audit.record(
            actor=actor,
            action=action,
            obj=obj,
            old={field: _plain(expected)},
            new={field: _plain(target)},
            reason=reason.strip(),
        )
    return obj
