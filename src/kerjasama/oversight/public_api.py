"""The public read-only API under ``/api/v1/public/`` (issue 13 item 4): no login, the same rows as the open-data
package (published agreements with their withheld parts emptied, verified mappings, dispute statistics).

Lists read a constant number of queries whatever the page or the data size (the stored publication state,
``publication_store``; an id-ordered page, by offset or by the keyset cursor ``after``).

Rate limited per client address (``accounts.lockout.client_ip``): ``KERJASAMA_PUBLIC_API_RATE_PER_MINUTE``
requests per clock minute (``oversight.conf``; 0 turns it off), counted in Django's cache like the token limit
of ``api.throttle``; the request over it is answered 429 ``rate_limited`` with ``Retry-After``.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
import threading
import time
from datetime import date
from typing import Any, Literal

from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.throttling import BaseThrottle

from kerjasama.accounts.lockout import client_ip
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core.pagination import MAX_OFFSET
from kerjasama.oversight.conf import public_api_rate_per_minute
from kerjasama.oversight.opendata import (
    LIST_SEPARATOR,
    PublicAgreement,
    dispute_statistics_rows,
    public_agreements,
    region_mapping_rows,
)
from kerjasama.oversight.selectors import published_agreements
from kerjasama.regions.domain import codes

WINDOW_S = 60
#: The largest page of agreements one request returns.
MAX_PAGE = 100


class PublicRateThrottle(BaseThrottle):
    """A counter per client address and clock minute in the cache (fixed window, as ``api.throttle``)."""

    def __init__(self) -> None:
        self._wait = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        limit = public_api_rate_per_minute()
        address = client_ip(request)
        if limit <= 0 or not address:
            return True
        now = time.time()
        window = int(now // WINDOW_S)
        key = f"kerjasama:public-api-rate:{address}:{window}"
        cache.add(key, 0, timeout=WINDOW_S + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=WINDOW_S + 5)
            count = 1
        self._wait.seconds = (window + 1) * WINDOW_S - now
        return count <= limit

    def wait(self) -> float | None:
        return max(1.0, float(getattr(self._wait, "seconds", WINDOW_S)))


router = Router(auth=None, throttle=[PublicRateThrottle()], tags=["public"])


class PublicPartyOut(Schema):
    position: int
    region_code: str | None = Field(None, description="Kemendagri code of a region party")
    name: str
    role: str


class PublicAffairOut(Schema):
    code: str
    name: str


class PublicAgreementOut(Schema):
    id: int = Field(description="stable identifier of the agreement")
    number: str
    type: str
    category: str | None
    title: str
    object: str | None = Field(None, description="object and scope; null when withheld")
    object_withheld_reason: list[str] = Field(description="UU 14/2008 Pasal 17 reason codes, e.g. 17b")
    term_start: date | None
    term_end: date | None
    status: str
    value: str | None = Field(
        None, description="value in rupiah (decimal string); null when withheld or unknown"
    )
    value_withheld_reason: list[str]
    pks_public: bool
    pks_url: str | None
    pks_withheld_reason: list[str]
    example: bool = Field(description="generated example data (DATA CONTOH)")
    parties: list[PublicPartyOut]
    affairs: list[PublicAffairOut]


class PublicAgreementPage(Schema):
    count: int
    limit: int
    offset: int
    after: int | None = Field(None, description="the keyset cursor the page was asked with, if any")
    next_after: int | None = Field(
        None, description="pass as ?after= for the next page (keyset pagination); null on the last page"
    )
    items: list[PublicAgreementOut]


class PublicMappingOut(Schema):
    region_code: str
    region_name: str
    affair_code: str
    affair_name: str
    sub_affairs: list[str]
    needs: str
    offers: str
    externalities: str
    verified_on: date | None
    published_on: date | None
    example: bool


class PublicDisputeCountOut(Schema):
    year: int
    sector: str
    stage: str
    kind: str
    count: int


class PublicAgreementFilters(Schema):
    region: str | None = Field(None, max_length=20, description="Kemendagri code of a party (e.g. 34.71)")
    type: Literal["KSDD", "KSDPK", "SINERGI"] | None = None
    affair: str | None = Field(None, max_length=10, description="affair code (e.g. 2.11)")
    year: int | None = Field(None, ge=1945, le=2200, description="agreements whose term covers this year")
    limit: int = Field(25, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    after: int | None = Field(
        None,
        ge=0,
        le=MAX_OFFSET,
        description="keyset pagination: agreements with an id above this (the previous page's next_after); "
        "cheaper than a large offset, and stable while agreements are published",
    )


def _split(text: str) -> list[str]:
    return [t for t in text.split(LIST_SEPARATOR) if t]


def agreement_out(item: PublicAgreement) -> dict[str, Any]:
    row = item.row
    return {
        **row,
        "object": row["object"] or None,
        "object_withheld_reason": _split(row["object_withheld_reason"]),
        "value": str(row["value"]) if row["value"] is not None else None,
        "value_withheld_reason": _split(row["value_withheld_reason"]),
        "pks_url": row["pks_url"] or None,
        "pks_withheld_reason": _split(row["pks_withheld_reason"]),
        "parties": [
            {
                "position": p["position"],
                "region_code": p["region_code"] or None,
                "name": p["name"],
                "role": p["role"],
            }
            for p in item.parties
        ],
        "affairs": [{"code": f["affair_code"], "name": f["affair_name"]} for f in item.affairs],
    }


@router.get(
    "/agreements",
    response=PublicAgreementPage,
    summary="Published agreements (public register; no login), filtered and paginated",
)
def list_public_agreements(request: HttpRequest, filters: Query[PublicAgreementFilters]) -> dict[str, Any]:
    qs = published_agreements()
    if filters.region:
        parties = AgreementParty.objects.filter(region_id=codes.normalise(filters.region))
        qs = qs.filter(pk__in=parties.values("agreement"))
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.affair:
        through = Agreement.affairs.through.objects.filter(affair_id=filters.affair)
        qs = qs.filter(pk__in=through.values("agreement"))
    if filters.year:
        qs = qs.filter(Q(term_start__isnull=True) | Q(term_start__lte=date(filters.year, 12, 31))).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=date(filters.year, 1, 1))
        )
    count = qs.count()
    if filters.after is not None:
        qs = qs.filter(pk__gt=filters.after)
    # Ordered by the primary key over the indexed stored state: one page is an index range, not a recount.
    ids = list(
        qs.order_by("id").values_list("pk", flat=True)[filters.offset : filters.offset + filters.limit + 1]
    )
    more, ids = len(ids) > filters.limit, ids[: filters.limit]
    items = public_agreements(Agreement.objects.filter(pk__in=ids)) if ids else []
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "after": filters.after,
        "next_after": ids[-1] if more else None,
        "items": [agreement_out(a) for a in items],
    }


@router.get(
    "/agreements/{agreement_id}",
    response=PublicAgreementOut,
    summary="One published agreement (an unpublished one is not found)",
)
def get_public_agreement(
    request: HttpRequest, agreement_id: int = Path(..., ge=1, le=MAX_OFFSET)
) -> dict[str, Any]:
    found = public_agreements(published_agreements().filter(pk=agreement_id))
    if not found:
        raise Http404
    return agreement_out(found[0])


def _mapping_out(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "sub_affairs": _split(row["sub_affairs"])}


@router.get(
    "/mappings",
    response=list[PublicMappingOut],
    summary="Verified and published mappings of cooperable affairs, of every region or of one (?region=)",
)
def list_public_mappings(
    request: HttpRequest, region: str | None = Query(None, max_length=20)
) -> list[dict[str, Any]]:
    code = codes.normalise(region) if region else ""
    return [_mapping_out(r) for r in region_mapping_rows(code)]


@router.get(
    "/dispute-statistics",
    response=list[PublicDisputeCountOut],
    summary="Disputes counted by year of registration, sector, stage and kind (counts only)",
)
def public_dispute_statistics(request: HttpRequest) -> list[dict[str, Any]]:
    return dispute_statistics_rows()
