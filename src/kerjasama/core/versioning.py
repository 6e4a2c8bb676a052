"""Optimistic locking for records that two officials can open and edit at once (issue 8, item 11).

An edited record carries a ``version`` number (``PositiveIntegerField``, default 1). A form or API client that
read the record sends back the version it read; the service claims the row with
``UPDATE … SET version = version + 1 WHERE pk = … AND version = <expected>``, the same compare-and-swap that
:mod:`kerjasama.core.transitions` uses for states and for the same reasons: the database checks and writes in
one statement, so of two saves from the same loaded version exactly one matches a row (PostgreSQL re-checks the
``WHERE`` after the first one commits; SQLite serialises writing transactions). The loser gets a
:class:`~kerjasama.core.errors.Conflict` ("someone else saved it first; reload"), and since the claim runs
before anything else is written and inside the caller's transaction, nothing is written.

``expected=None`` means the caller did not read the record (a command, an import): the version is still bumped,
so any form opened before the change sees it as stale, but nothing is compared.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.utils import translation
from django.utils.text import capfirst

from kerjasama.core.errors import Conflict


def _in(language: str, text: object) -> str:
    with translation.override(language):
        return str(text)


def stale_version(model: type[models.Model], *, code: str) -> Conflict:
    """The bilingual conflict answered when the record was saved by someone else since it was loaded."""
    name_id, name_en = capfirst(_in("id", model._meta.verbose_name)), _in("en", model._meta.verbose_name)
    return Conflict(
        code,
        f"{name_id} ini baru saja disimpan oleh orang lain sejak Anda membukanya, sehingga isian Anda tidak "
        "disimpan. Salin isian Anda, muat ulang halaman untuk melihat versi terbaru, lalu simpan kembali.",
        f"Someone else saved this {name_en} after you opened it, so your changes were not saved. Copy your "
        "text, reload the page to see the latest version, then save again.",
    )


def claim_version(obj: models.Model, *, expected: int | None, code: str) -> int:
    """Bump ``obj``'s stored version if it still is ``expected``; return the new version (also set on ``obj``).

    Raises :class:`Conflict` (code ``code``) if the stored version is no longer ``expected`` or the record is
    gone; then nothing is written. Call it inside the service's transaction, before writing anything else.
    """
    model = type(obj)
    manager = model._base_manager
    with transaction.atomic():
        rows = manager.filter(pk=obj.pk)
        if expected is not None:
            rows = rows.filter(version=expected)
        if not rows.update(version=F("version") + 1):
            raise stale_version(model, code=code)
        version: int = manager.filter(pk=obj.pk).values_list("version", flat=True).get()
    obj.version = version  # type: ignore[attr-defined]
    return version
