"""One region-scoped queryset for every model (house rule 4): ``Model.objects.restrict(user, "view")``.

NetBox's ``RestrictedQuerySet.restrict(user, action)`` is the model. A model declares *how* its rows belong to
the country with a :class:`Restriction` (which field carries its region, which its organisation or user, what
every signed-in official may also read); this module turns the user's jurisdiction into the filter.

Core knows no domain app: the jurisdiction of a user is computed by ``accounts`` (UU 23/2014 Pasal 91 and
370(1): a province's officials see the province and its kab/kota; a kab/kota sees itself; Kemendagri the whole
country), which registers its resolver here when the app registry is ready (``AccountsConfig.ready``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, Self

from django.db import models
from django.db.models import Q

#: Actions a restriction distinguishes. "view" also admits what is shared with every signed-in official
#: (e.g. published identifications); any other action ("change", "export" …) keeps to the jurisdiction.
VIEW = "view"


class Scope(Protocol):
    """What ``accounts.policy.Jurisdiction`` provides (a user's part of the country and records)."""

    @property
    def user_id(self) -> int | None: ...
    @property
    def organisation_id(self) -> int | None: ...
    @property
    def national(self) -> bool: ...
    @property
    def province_code(self) -> str | None: ...
    @property
    def region_code(self) -> str | None: ...
    @property
    def sees_audit_trail(self) -> bool: ...
    @property
    def third_party(self) -> bool: ...


_resolver: Callable[[Any], Scope] | None = None


def register_scope_resolver(resolver: Callable[[Any], Scope]) -> None:
    """Called once by ``accounts`` at start-up with its ``jurisdiction_of``."""
    global _resolver
    _resolver = resolver


def scope_of(user: Any) -> Scope:
    if _resolver is None:  # pragma: no cover - the accounts app is always installed
        raise RuntimeError("no scope resolver registered (is kerjasama.accounts in INSTALLED_APPS?)")
    return _resolver(user)


def region_q(field: str, scope: Scope) -> Q:
    """Rows whose ``field`` (a foreign key to ``regions.Region``) lies in the scope's province or region.

    A province covers itself and every region whose Kemendagri code starts with its code and a dot (kab/kota
    ``34.71`` lies in province ``34``; Kepmendagri 300.2.2-2138/2025), the same test as the object-level
    ``Jurisdiction.covers_region``. Written on the foreign key's own column, not through a join to the region's
    ``province``: PostgreSQL then reads the key's index (a prefix range on its ``varchar_pattern_ops`` index)
    instead of scanning every row (bench/agreements.py: the province's agreement list over 30,000 agreements).
    """
    if scope.province_code:
        return Q(**{f"{field}_id": scope.province_code}) | Q(
            **{f"{field}__pk__startswith": f"{scope.province_code}."}
        )
    if scope.region_code:
        return Q(**{f"{field}_id": scope.region_code})
    return Q(pk__in=[])


#: Record types whose attachments (rows naming them generically by ``object_type``/``object_id``, e.g. the
#: documents of an agreement) are visible wherever the record itself is: type -> the record's model.
_ATTACHMENT_OWNERS: dict[str, type[models.Model]] = {}
#: Of those, the confidential ones: their attachments are visible ONLY where the record is (a dispute's
#: evidence, issue 12: the parties, the resolver and the ministry), never through the attachment's own region.
_EXCLUSIVE_OWNERS: set[str] = set()


def is_exclusive_owner(object_type: str) -> bool:
    """Whether rows attached to ``object_type`` are read only through that record (:func:`register_attachment_owner`
    with ``exclusive=True``)."""
    return object_type in _EXCLUSIVE_OWNERS


def register_attachment_owner(
    object_type: str, model: type[models.Model], *, exclusive: bool = False
) -> None:
    """Make the rows attached to a ``model`` record visible to everyone who may view that record.

    Called by the owning app at start-up (the agreements app for ``agreements.agreement``): a cooperation is
    one record seen identically by every party (issue 10), so the KB a region uploaded to it is readable by the
    partner region and the third party as well, not only inside the uploader's jurisdiction. Core knows no
    domain app, hence the registry. The model must declare a ``restriction``.

    ``exclusive``: the record is confidential (a dispute, issue 12), so its attachments are read ONLY by whoever
    may view it: the jurisdiction of the region an attachment is filed under gives no access of its own.
    """
    _ATTACHMENT_OWNERS[object_type] = model
    if exclusive:
        _EXCLUSIVE_OWNERS.add(object_type)
    else:
        _EXCLUSIVE_OWNERS.discard(object_type)


def attached_record(object_type: str, object_id: str) -> models.Model | None:
    """The record of a registered owner type that a row is attached to (None when unregistered or gone)."""
    owner = _ATTACHMENT_OWNERS.get(object_type)
    if owner is None or not object_id:
        return None
    return owner._default_manager.filter(pk=object_id).first()


def attached_q(type_field: str, id_field: str, scope: Scope) -> Q:
    """Rows attached (``type_field``, ``id_field``) to a registered record the scope may view."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    q = Q(pk__in=[])
    for object_type, owner in sorted(_ATTACHMENT_OWNERS.items()):
        restriction: Restriction = getattr(owner, "restriction")  # noqa: B009 - declared on the model
        owner_q = restriction.q(scope, VIEW)
        visible = owner._default_manager.all() if owner_q is None else owner._default_manager.filter(owner_q)
        ids = visible.order_by().annotate(_attached_id=Cast("pk", CharField())).values("_attached_id")
        q |= Q(**{type_field: object_type, f"{id_field}__in": ids})
    return q


@dataclass(frozen=True)
class Restriction:
    """How a model's rows are scoped. Every part is optional; rows match if any part matches.

    - ``public``: everyone may view (reference data such as regions and affairs, which is public law).
    - ``region_fields``: foreign keys to ``regions.Region`` (a path like ``"agreement__parties__region"`` works);
      the row is visible inside the jurisdiction that covers one of them.
    - ``organisation_field``: the row belongs to the user's own organisation (``"pk"`` when the row *is* the
      organisation).
    - ``user_field``: the row belongs to the user (e.g. a notification's recipient).
    - ``shared``: a filter of rows every signed-in official may view beyond the jurisdiction (only for
      ``"view"``), e.g. ``Q(status="published")``. Third parties (pihak ketiga, PP 28/2018 Pasal 14) are not
      officials: they get what their own organisation or user fields give them, never the shared rows.
    - ``audit``: users whose jurisdiction reads the audit trail see every row (``sees_audit_trail``).
    - ``national_sees_all``: Kemendagri and system admins see every row (the default).
    - ``attached``: (type field, id field) naming the record a row is attached to generically; the row is also
      visible (for ``"view"``) to whoever may view that record, when its type is registered with
      :func:`register_attachment_owner` (the documents of an agreement, for every party).
    """

    public: bool = False
    region_fields: tuple[str, ...] = ()
    organisation_field: str | None = None
    user_field: str | None = None
    shared: Q | None = None
    audit: bool = False
    national_sees_all: bool = True
    attached: tuple[str, str] | None = None

    def q(self, scope: Scope, action: str) -> Q | None:
        """The filter for ``scope`` doing ``action``; ``None`` means every row."""
        if self.public and action == VIEW:
            return None
        if self.national_sees_all and scope.national:
            return None
        if self.audit and scope.sees_audit_trail:
            return None
        if scope.user_id is None:
            return Q(pk__in=[])
        q = Q(pk__in=[])
        if scope.province_code or scope.region_code:
            for field in self.region_fields:
                q |= region_q(field, scope)
        if self.organisation_field and scope.organisation_id is not None:
            q |= Q(**{self.organisation_field: scope.organisation_id})
        if self.user_field:
            q |= Q(**{self.user_field: scope.user_id})
        if self.shared is not None and action == VIEW and not scope.third_party:
            q |= self.shared
        if self.attached is not None and _EXCLUSIVE_OWNERS:
            # Rows attached to a confidential record are never reached through their own fields (region…).
            q &= ~Q(**{f"{self.attached[0]}__in": sorted(_EXCLUSIVE_OWNERS)})
        if self.attached is not None and action == VIEW and _ATTACHMENT_OWNERS:
            q |= attached_q(*self.attached, scope)
        return q

    def fields(self) -> tuple[str, ...]:
        """Every field path the restriction filters on (for checking it against the model)."""
        named = (self.organisation_field, self.user_field)
        return (*self.region_fields, *(f for f in named if f is not None))


def crosses_many(model: type[models.Model], path: str) -> bool:
    """Whether the field path ``path`` passes through a many-valued relation (which can repeat a row)."""
    current: Any = model
    for part in path.split("__"):
        if part == "pk":
            return False
        field = current._meta.get_field(part)
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        current = field.related_model
    return False


class RestrictedQuerySet(models.QuerySet[Any]):
    """The queryset every scoped model uses; the model sets ``restriction = Restriction(...)``."""

    def restrict(self, user: Any, action: str = VIEW) -> Self:
        restriction: Restriction | None = getattr(self.model, "restriction", None)
        if restriction is None:
            raise TypeError(f"{self.model._meta.label} declares no restriction")
        q = restriction.q(scope_of(user), action)
        if q is None:
            return self
        qs = self.filter(q)
        # A path through a many-valued relation (parties of an agreement) can repeat a row.
        return qs.distinct() if any(crosses_many(self.model, f) for f in restriction.fields()) else qs
