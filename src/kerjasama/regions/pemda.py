"""The government (*Pemerintah Daerah*, Pemda) of every autonomous region, as an organisation.

Each *daerah otonom* is governed by its Pemda (UU 23/2014 Pasal 1 angka 2-3); users of a region belong to
its Pemda or to a unit (OPD) inside it. Loading the regions therefore also makes sure each autonomous one
has its Pemda organisation (real entities, no users attached). Regions sit above accounts: the
organisations are made through ``accounts.services``.
"""

from __future__ import annotations

from django.db import transaction

from kerjasama.accounts import services as accounts_services
from kerjasama.accounts.choices import OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.core.actors import Actor
from kerjasama.regions.models import Region


@transaction.atomic
def ensure_pemda_organisations(*, actor: Actor) -> int:
    """One Pemda organisation per autonomous region; returns how many were created (0 on a re-run)."""
    have = set(Organisation.objects.filter(kind=OrganisationKind.PEMDA).values_list("region_id", flat=True))
    created = 0
    for region in Region.objects.autonomous().exclude(code__in=have).order_by("code"):
        prefix = "Pemerintah Provinsi" if region.level == "provinsi" else "Pemerintah"
        accounts_services.create_organisation(
            actor=actor, name=f"{prefix} {region.name}", kind=OrganisationKind.PEMDA, region=region
        )
        created += 1
    return created
