"""The published agreements in the shape of the Open Contracting Data Standard 1.1 (a release package with one
``contract`` release per agreement and its amendments), at ``/data-terbuka/ocds.json`` and in the open-data
package (issue 13 item 4).

A regional cooperation is not a procurement: OCDS fits its contract stage (title, description, period, value,
items, the signed document, amendments) and nothing before it. What maps and what does not is in
``docs/open-data.md``. Only what the public register shows goes in: rows come from
``opendata.public_agreements`` (withheld parts already emptied); of an amendment only its number, dates and the
names of the terms it changed (never its title, reason or new values, which may repeat a withheld part).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from django.utils import timezone

from kerjasama.lifecycle.models import Amendment
from kerjasama.oversight.conf import ocds_prefix
from kerjasama.oversight.opendata import LICENSES, LIST_SEPARATOR, PublicAgreement, site_url

OCDS_VERSION = "1.1"
#: Agreement stage -> OCDS contract status (closed codelist: pending, active, cancelled, terminated).
CONTRACT_STATUS = {"pelaksanaan": "active", "berakhir": "terminated", "dibatalkan": "cancelled"}
#: The classification scheme of the affairs (not an OCDS-registered scheme, hence the ``x_`` prefix).
AFFAIR_SCHEME = "x_KEMENDAGRI_URUSAN"
#: The identifier scheme of region parties: Kemendagri region codes (not in org-id.guide, hence ``x_``).
REGION_SCHEME = "x_KEMENDAGRI_KODE_WILAYAH"


def _datetime(day: date | None) -> str | None:
    if day is None:
        return None
    return datetime.combine(day, time(), tzinfo=timezone.get_current_timezone()).isoformat()


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _amendments(agreement_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    rows = Amendment.objects.filter(agreement_id__in=list(agreement_ids)).order_by("agreement_id", "sequence")
    for a in rows.only("agreement_id", "sequence", "signed_on", "effective_from", "changes"):
        found.setdefault(a.agreement_id, []).append(
            _compact(
                {
                    "id": f"{a.agreement_id}-adendum-{a.sequence}",
                    "date": _datetime(a.signed_on),
                    "description": f"Adendum {a.sequence}",
                    "x_effectiveFrom": _datetime(a.effective_from),
                    "x_changedTerms": sorted(str(k) for k in (a.changes or {})),
                }
            )
        )
    return found


def _release(item: PublicAgreement, amendments: list[dict[str, Any]], updated: datetime) -> dict[str, Any]:
    row = item.row
    ocid = f"{ocds_prefix()}-ksd-{row['id']}"
    parties = []
    for p in item.parties:
        party_id = p["region_code"] or f"{row['id']}-pihak-{p['position']}"
        parties.append(
            _compact(
                {
                    "id": party_id,
                    "name": p["name"],
                    "identifier": {"scheme": REGION_SCHEME, "id": p["region_code"], "legalName": p["name"]}
                    if p["region_code"]
                    else None,
                    # A region party is neither buyer nor supplier; a third party of a KSDPK supplies.
                    "roles": ["x_cooperationParty"] if p["region_code"] else ["supplier"],
                }
            )
        )
    withheld = {
        item_name: row[f"{item_name}_withheld_reason"].split(LIST_SEPARATOR)
        for item_name in ("object", "value", "pks")
        if row[f"{item_name}_withheld_reason"]
    }
    contract = _compact(
        {
            "id": str(row["id"]),
            "awardID": f"{row['id']}-award",
            "title": row["title"],
            "description": row["object"],
            "status": CONTRACT_STATUS.get(row["status"], "pending"),
            "period": _compact(
                {"startDate": _datetime(row["term_start"]), "endDate": _datetime(row["term_end"])}
            ),
            "value": {"amount": float(row["value"]), "currency": "IDR"} if row["value"] is not None else None,
            "items": [
                {
                    "id": f["affair_code"],
                    "description": f["affair_name"],
                    "classification": {
                        "scheme": AFFAIR_SCHEME,
                        "id": f["affair_code"],
                        "description": f["affair_name"],
                    },
                }
                for f in item.affairs
            ],
            "documents": [
                {
                    "id": f"{row['id']}-pks",
                    "documentType": "contractSigned",
                    "url": row["pks_url"],
                    "language": "id",
                }
            ]
            if row["pks_public"]
            else [],
            "amendments": amendments,
            "x_kerjasamaType": row["type"],
            "x_kerjasamaCategory": row["category"],
            "x_kerjasamaStage": row["status"],
            "x_registrationNumber": row["number"],
            "x_withheld": withheld,
            "x_example": row["example"] or None,
        }
    )
    tags = ["contract", "contractAmendment"] if amendments else ["contract"]
    return {
        "ocid": ocid,
        "id": f"{ocid}-{updated.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        "date": updated.isoformat(),
        "tag": tags,
        "initiationType": "tender",  # required by the schema; the only code of its closed codelist
        "language": "id",
        "parties": parties,
        # OCDS links a contract to an award (``awardID``): a structural award, no procurement behind it.
        "awards": [{"id": f"{row['id']}-award", "status": "active"}],
        "contracts": [contract],
    }


def release_package(agreements: Sequence[PublicAgreement], updated: datetime) -> dict[str, Any]:
    """The OCDS release package of ``agreements`` (one extra query: their amendments)."""
    amendments = _amendments([a.row["id"] for a in agreements])
    return {
        "uri": site_url("/data-terbuka/ocds.json"),
        "version": OCDS_VERSION,
        "publishedDate": updated.isoformat(),
        "publisher": {
            "name": "Kerjasama: daftar publik kerja sama daerah",
            "uri": site_url("/data-terbuka/"),
        },
        "license": LICENSES[0]["path"],
        "publicationPolicy": site_url("/data-terbuka/"),
        "releases": [_release(a, amendments.get(a.row["id"], []), updated) for a in agreements],
    }
