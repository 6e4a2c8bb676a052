"""The one region-scoped queryset (``kerjasama.core.scoping``): each part of a ``Restriction`` over the
national, province, kab/kota, third-party and anonymous scopes, and that every model tied to a region declares
how it is scoped (house rule 4).

Core imports no domain app: the models are looked up in the app registry, never imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Q
from simple_history.models import HistoricalChanges

from kerjasama.core.actors import SYSTEM
from kerjasama.core.scoping import RestrictedQuerySet, Restriction, crosses_many, scope_of

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class FakeScope:
    user_id: int | None
    organisation_id: int | None
    national: bool = False
    province_code: str | None = None
    region_code: str | None = None
    sees_audit_trail: bool = False
    third_party: bool = False


NATIONAL = FakeScope(user_id=1, organisation_id=1, national=True, sees_audit_trail=True)
PROVINCE = FakeScope(user_id=2, organisation_id=2, province_code="34")
KABKOTA = FakeScope(user_id=3, organisation_id=3, region_code="34.71")
AUDITOR_IN_KABKOTA = FakeScope(user_id=4, organisation_id=3, region_code="34.71", sees_audit_trail=True)
THIRD_PARTY = FakeScope(user_id=5, organisation_id=5, third_party=True)
ANONYMOUS = FakeScope(user_id=None, organisation_id=None)

BY_REGION = Restriction(region_fields=("region",))


def organisations() -> Any:
    return apps.get_model("accounts", "Organisation").objects


def regions_seen(restriction: Restriction, scope: FakeScope, action: str = "view") -> set[str | None]:
    q = restriction.q(scope, action)
    qs = organisations().all() if q is None else organisations().filter(q)
    return set(qs.values_list("region_id", flat=True))


def test_it_lets_a_national_scope_see_every_row() -> None:
    assert BY_REGION.q(NATIONAL, "view") is None
    assert BY_REGION.q(NATIONAL, "change") is None


def test_it_keeps_a_national_scope_to_the_other_parts_when_national_sees_all_is_off() -> None:
    restriction = Restriction(region_fields=("region",), national_sees_all=False)
    assert restriction.q(NATIONAL, "view") is not None
    assert not organisations().filter(restriction.q(NATIONAL, "view")).exists()


def test_it_gives_a_province_its_own_region_and_its_kabkota() -> None:
    seen = regions_seen(BY_REGION, PROVINCE)
    assert {"34", "34.71", "34.04", "34.02"} <= seen
    assert all(code == "34" or (code or "").startswith("34.") for code in seen)


def test_it_gives_a_kabkota_only_its_own_region() -> None:
    assert regions_seen(BY_REGION, KABKOTA) == {"34.71"}


def test_it_gives_third_parties_and_anonymous_users_no_region_rows() -> None:
    assert regions_seen(BY_REGION, THIRD_PARTY) == set()
    assert regions_seen(BY_REGION, ANONYMOUS) == set()


def test_it_opens_public_rows_to_everyone_for_viewing_only() -> None:
    public = Restriction(public=True)
    for scope in (NATIONAL, PROVINCE, KABKOTA, THIRD_PARTY, ANONYMOUS):
        assert public.q(scope, "view") is None
    assert public.q(NATIONAL, "change") is None
    assert regions_seen(public, KABKOTA, "change") == set()
    assert regions_seen(public, ANONYMOUS, "change") == set()


def test_it_gives_the_users_own_organisation_through_the_organisation_field() -> None:
    mine = organisations().get(kind="badan_usaha", is_demo=True)
    own = Restriction(organisation_field="pk")
    scope = FakeScope(user_id=5, organisation_id=mine.pk, third_party=True)
    q = own.q(scope, "view")
    assert q is not None
    assert list(organisations().filter(q)) == [mine]
    assert regions_seen(own, ANONYMOUS) == set()


def test_it_gives_the_users_own_rows_through_the_user_field() -> None:
    users = apps.get_model("accounts", "User").objects
    me = users.get(username="mitra.contoh")
    own = Restriction(user_field="pk")
    q = own.q(FakeScope(user_id=me.pk, organisation_id=None, third_party=True), "change")
    assert q is not None
    assert list(users.filter(q)) == [me]
    anonymous_q = own.q(ANONYMOUS, "view")
    assert anonymous_q is not None and not users.filter(anonymous_q).exists()


def test_it_shares_rows_with_signed_in_officials_only_for_viewing() -> None:
    shared = Restriction(region_fields=("region",), shared=Q(kind="kemendagri"))
    assert regions_seen(shared, KABKOTA) == {"34.71", None}  # Kemendagri has no region
    assert regions_seen(shared, KABKOTA, "change") == {"34.71"}
    assert regions_seen(shared, PROVINCE) >= {"34", None}


def test_it_shares_nothing_with_third_parties_or_anonymous_users() -> None:
    shared = Restriction(region_fields=("region",), shared=Q(kind="kemendagri"))
    assert regions_seen(shared, THIRD_PARTY) == set()
    assert regions_seen(shared, ANONYMOUS) == set()


def test_it_opens_every_row_to_scopes_that_read_the_audit_trail() -> None:
    audit = Restriction(audit=True, user_field="pk", national_sees_all=False)
    assert audit.q(AUDITOR_IN_KABKOTA, "view") is None
    assert audit.q(NATIONAL, "view") is None
    assert audit.q(KABKOTA, "view") is not None
    assert audit.q(ANONYMOUS, "view") is not None


def test_it_tells_which_field_paths_cross_a_many_valued_relation() -> None:
    region = apps.get_model("regions", "Region")
    area = apps.get_model("regions", "FunctionalArea")
    organisation = apps.get_model("accounts", "Organisation")
    assert not crosses_many(region, "province")
    assert not crosses_many(organisation, "region__province")
    assert not crosses_many(organisation, "pk")
    assert crosses_many(region, "kabkota")
    assert crosses_many(area, "members__region")


def test_it_lists_a_row_reached_through_several_regions_once(persona: Any, monkeypatch: Any) -> None:
    area = apps.get_model("regions", "FunctionalArea")
    restriction = Restriction(region_fields=("members__region",))
    q = restriction.q(PROVINCE, "view")
    assert q is not None
    joined = area.objects.filter(q)
    assert joined.count() > joined.distinct().count()  # the join repeats an area with several members in 34
    monkeypatch.setattr(area, "restriction", restriction, raising=False)
    scoped = list(RestrictedQuerySet(model=area).restrict(persona("province"), "view"))
    assert len(scoped) == len(set(scoped)) == joined.distinct().count()


def test_it_refuses_to_restrict_a_model_that_declares_no_restriction() -> None:
    area = apps.get_model("regions", "FunctionalArea")
    with pytest.raises(TypeError, match="declares no restriction"):
        RestrictedQuerySet(model=area).restrict(None, "view")


def test_it_resolves_a_users_scope_through_the_accounts_jurisdiction(persona: Any) -> None:
    province = scope_of(persona("province"))
    assert province.province_code == "34" and not province.national and not province.third_party
    assert scope_of(persona("kabkota")).region_code == "34.71"
    assert scope_of(persona("third_party")).third_party
    assert scope_of(persona("ministry")).national
    assert scope_of(None).user_id is None and not scope_of(None).national


def test_it_lets_the_system_actor_read_every_row() -> None:
    assert scope_of(SYSTEM).national and scope_of(SYSTEM).sees_audit_trail
    identification = apps.get_model("mapping", "Identification")
    organisation = apps.get_model("accounts", "Organisation")
    assert organisation.objects.restrict(SYSTEM, "view").count() == organisation.objects.count()
    assert identification.objects.restrict(SYSTEM, "change").count() == identification.objects.count()


# --- every model tied to a region says how it is scoped ----------------------------------------------------


def region_bound_models() -> list[Any]:
    """Concrete models of the project's apps with a foreign key (or many-to-many) to ``regions.Region``.

    django-simple-history's historical copies are left out: they are read only through their tracked object
    (``obj.history``), after that object passed ``policy.can``.
    """
    region = apps.get_model("regions", "Region")
    found = []
    for model in apps.get_models():
        if not model._meta.app_config.name.startswith("kerjasama.") or model._meta.proxy:
            continue
        if issubclass(model, HistoricalChanges):
            continue
        if any(
            f.is_relation and not f.auto_created and f.related_model is region
            for f in model._meta.get_fields()
        ):
            found.append(model)
    return found


def test_it_finds_the_region_bound_models() -> None:
    labels = {m._meta.label for m in region_bound_models()}
    assert {"regions.Region", "accounts.Organisation", "mapping.Identification"} <= labels
    assert "affairs.Affair" not in labels


@pytest.mark.parametrize("model", region_bound_models(), ids=lambda m: m._meta.label)
def test_it_makes_every_region_bound_model_declare_its_restriction(model: Any) -> None:
    restriction = getattr(model, "restriction", None)
    assert isinstance(restriction, Restriction), f"{model._meta.label} declares no restriction"
    assert isinstance(model._default_manager.all(), RestrictedQuerySet), (
        f"{model._meta.label}.objects is not a RestrictedQuerySet manager"
    )
    for path in restriction.fields():
        crosses_many(model, path)  # raises FieldDoesNotExist for a path the model does not have
    assert restriction.public or restriction.fields() or restriction.audit, (
        f"{model._meta.label}: a restriction that is neither public nor tied to a region, organisation or user"
    )
