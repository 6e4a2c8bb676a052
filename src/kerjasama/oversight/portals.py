"""The open-data package described for the portals regions run (issue 15 item 8): a CKAN dataset and DCAT
JSON-LD metadata, beside the Frictionless ``datapackage.json`` they are derived from, with the indicator
metadata Satu Data Indonesia asks for.

* **CKAN** (most regional open-data portals, and data.go.id, run CKAN): the dataset is the descriptor converted
  by ``frictionless-ckan-mapper`` (the Frictionless project's own mapping: ``description`` → ``notes``,
  ``path`` → ``url``, licence → ``license_id``, keywords → tags, the rest into ``extras``), with each resource's
  address made absolute (the portal links to this system's ``/data-terbuka/`` files) and the organisation the
  portal knows the publisher by (``KERJASAMA_CKAN_ORGANIZATION``). ``ckan_to_frictionless`` gives the
  descriptor back (tested: the round trip keeps every name, title, path, format and table schema).
* **DCAT** (W3C Data Catalog Vocabulary 2, as DCAT-AP profiles it): one ``dcat:Dataset`` with one
  ``dcat:Distribution`` per file of the package, in JSON-LD.
* **Satu Data Indonesia** (Perpres 39/2019: every dataset carries its metadata in the structure BPS sets, the
  *metadata statistik*; Peraturan BPS 5/2020 [U: its field list is taken from regional guides that quote it,
  not from the regulation's text]): the indicator metadata (*metadata indikator*, MS-Ind) of the indicators the
  package lets a reader compute, and the dataset's producer (*produsen data*) and custodian (*walidata*), which
  are settings because they differ per installation.

Everything here is read from the descriptor and the settings: the package holds only what the public register
shows, so these descriptions hold no personal data either (the contact point is an office address).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from frictionless_ckan_mapper import ckan_to_frictionless, frictionless_to_ckan

from kerjasama.oversight.opendata import site_url

#: The files these descriptions add to the package.
CKAN_FILE = "ckan.json"
DCAT_FILE = "dcat.jsonld"

#: A CKAN dataset or resource name: 2-100 lower-case letters, digits, ``-`` and ``_`` (CKAN's name validator).
CKAN_NAME = re.compile(r"^[a-z0-9_-]{2,100}$")


@dataclass(frozen=True)
class IndicatorMetadata:
    """One indicator's *metadata indikator* (MS-Ind) in the Satu Data structure: what it counts, how, in what
    unit and breakdown, and from which table of the package."""

    code: str
    name: str
    concept: str
    definition: str
    interpretation: str
    method: str
    measure: str
    unit: str
    breakdown: str
    source_table: str
    composite: bool = False
    level: str = "nasional, provinsi, kabupaten/kota"
    public: bool = True

    def as_sdi(self) -> dict[str, Any]:
        """The fields under the Indonesian names the metadata forms use."""
        return {
            "kode_indikator": self.code,
            "nama_indikator": self.name,
            "konsep": self.concept,
            "definisi": self.definition,
            "interpretasi": self.interpretation,
            "metode_perhitungan": self.method,
            "ukuran": self.measure,
            "satuan": self.unit,
            "klasifikasi_penyajian": self.breakdown,
            "indikator_komposit": self.composite,
            "level_estimasi": self.level,
            "dapat_diakses_umum": self.public,
            "tabel_sumber": f"{self.source_table}.csv",
        }


#: The indicators a reader computes from the package (each a count over one of its tables).
INDICATORS: tuple[IndicatorMetadata, ...] = (
    IndicatorMetadata(
        code="KSD-01",
        name="Jumlah kerja sama daerah yang dipublikasikan",
        concept="Kerja sama daerah (PP 28/2018 Pasal 1 angka 1)",
        definition=(
            "Kesepakatan kerja sama daerah (KSDD, KSDPK, sinergi pusat-daerah) yang telah ditandatangani dan "
            "disetujui semua pihaknya untuk dipublikasikan dalam daftar publik."
        ),
        interpretation=(
            "Menggambarkan kerja sama yang dapat diketahui publik, bukan seluruh kerja sama: kerja sama yang belum "
            "disetujui publikasinya oleh semua pihak tidak dihitung."
        ),
        method="Banyaknya baris agreements.csv, dapat dikelompokkan menurut jenis, tahap dan tahun mulai.",
        measure="Jumlah",
        unit="Kerja sama",
        breakdown="Jenis kerja sama; kategori; tahap; tahun mulai; wilayah pihak (agreement_parties.csv)",
        source_table="agreements",
    ),
    IndicatorMetadata(
        code="KSD-02",
        name="Jumlah urusan yang dapat dikerjasamakan menurut pemetaan terverifikasi",
        concept="Pemetaan urusan pemerintahan yang dapat dikerjasamakan",
        definition=(
            "Urusan pemerintahan konkuren yang diidentifikasi suatu daerah untuk dikerjasamakan, setelah "
            "diverifikasi oleh TKKSD dan dipublikasikan oleh unit kerja sama daerah tersebut."
        ),
        interpretation="Makin banyak urusan teridentifikasi, makin luas peluang kerja sama yang dipetakan daerah.",
        method="Banyaknya baris region_mappings.csv, dikelompokkan menurut kode wilayah dan sifat (wajib/sukarela).",
        measure="Jumlah",
        unit="Urusan",
        breakdown="Wilayah (kode Kemendagri); urusan (kode); sifat kerja sama",
        source_table="region_mappings",
    ),
    IndicatorMetadata(
        code="KSD-03",
        name="Jumlah perselisihan kerja sama daerah",
        concept="Perselisihan dalam kerja sama daerah (PP 28/2018 Pasal 38-41)",
        definition="Perselisihan yang timbul dari kerja sama daerah dan tercatat untuk diselesaikan.",
        interpretation="Statistik agregat; tidak memuat perkara, pihak, tuntutan atau bukti.",
        method="Jumlah kolom count pada dispute_statistics.csv menurut tahun, sektor, tahap dan jenis kerja sama.",
        measure="Jumlah",
        unit="Perselisihan",
        breakdown="Tahun pencatatan; sektor; tahap penyelesaian; jenis kerja sama",
        source_table="dispute_statistics",
        level="nasional",
    ),
)


def _sdi_dataset_fields() -> dict[str, Any]:
    """The dataset-level Satu Data fields: who produces and who keeps the data, how often it changes."""
    return {
        "produsen_data": settings.KERJASAMA_SDI_PRODUCER,
        "walidata": settings.KERJASAMA_SDI_CUSTODIAN,
        "frekuensi_pemutakhiran": "harian (paket dibangun ulang oleh tugas terjadwal)",
        "dasar_hukum": "Perpres 39/2019 tentang Satu Data Indonesia; UU 14/2008 tentang Keterbukaan Informasi Publik",
        "metadata_indikator": [indicator.as_sdi() for indicator in INDICATORS],
    }


def _absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    if path.startswith("/"):
        return site_url(path)
    return site_url(reverse("oversight:open_data_file", args=[path]))


def ckan_dataset(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The CKAN dataset (``package_create`` / ``package_update`` body) for ``descriptor``."""
    source = json.loads(json.dumps(descriptor))  # a deep copy: the mapper changes nested resources in place
    source["name"] = settings.KERJASAMA_CKAN_DATASET_NAME or source["name"]
    source["homepage"] = site_url(reverse("oversight:open_data"))
    source["sources"] = [{**s, "path": _absolute(s["path"])} for s in source.get("sources", [])]
    source["satu_data_indonesia"] = _sdi_dataset_fields()
    for resource in source["resources"]:
        resource["path"] = _absolute(resource["path"])
        resource["format"] = str(resource.get("format", "")).upper()
        if "schema" in resource:
            # CKAN keeps a resource's extra fields as text; the mapper reads "{..." back as JSON.
            resource["schema"] = json.dumps(resource["schema"], ensure_ascii=False)
    dataset: dict[str, Any] = frictionless_to_ckan.package(source)
    if settings.KERJASAMA_CKAN_ORGANIZATION:
        dataset["owner_org"] = settings.KERJASAMA_CKAN_ORGANIZATION
    return dataset


def frictionless_from_ckan(dataset: dict[str, Any]) -> dict[str, Any]:
    """The descriptor a portal's copy of the dataset describes (the mapper's reverse direction)."""
    descriptor: dict[str, Any] = ckan_to_frictionless.dataset(dataset)
    return descriptor


def dataset_problems(dataset: dict[str, Any]) -> list[str]:
    """What a CKAN portal would refuse in ``dataset`` (its name rules, an organisation to publish under)."""
    problems = []
    if not CKAN_NAME.match(str(dataset.get("name", ""))):
        problems.append(f"name {dataset.get('name')!r}: 2-100 lower-case letters, digits, '-' or '_'")
    if not dataset.get("owner_org"):
        problems.append("owner_org: set KERJASAMA_CKAN_ORGANIZATION to the portal's organisation name or id")
    return problems


def _contact_point() -> dict[str, Any]:
    """The custodian's office as a vCard (an office address, never a person's)."""
    contact: dict[str, Any] = {"@type": "vcard:Organization", "vcard:fn": settings.KERJASAMA_SDI_CUSTODIAN}
    if settings.KERJASAMA_SDI_EMAIL:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{settings.KERJASAMA_SDI_EMAIL}"}
    return contact


def dcat_dataset(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The package as a DCAT ``dcat:Dataset`` in JSON-LD, one ``dcat:Distribution`` per file."""
    landing = site_url(reverse("oversight:open_data"))
    licence = descriptor["licenses"][0]["path"] if descriptor.get("licenses") else None
    distributions = []
    for resource in descriptor["resources"]:
        url = _absolute(resource["path"])
        distribution: dict[str, Any] = {
            "@id": url,
            "@type": "dcat:Distribution",
            "dct:title": resource.get("title", resource["name"]),
            "dct:identifier": resource["name"],
            "dcat:accessURL": {"@id": landing},
            "dcat:downloadURL": {"@id": url},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{resource['mediatype']}"},
            "dct:format": str(resource.get("format", "")).upper(),
        }
        if licence:
            distribution["dct:license"] = {"@id": licence}
        if "schema" in resource:
            # The table schema is published inside datapackage.json (Frictionless Table Schema).
            distribution["dct:conformsTo"] = {"@id": _absolute("datapackage.json")}
        distributions.append(distribution)
    dataset: dict[str, Any] = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "owl": "http://www.w3.org/2002/07/owl#",
            "sdi": site_url("/data-terbuka/satu-data#"),
        },
        "@id": landing,
        "@type": "dcat:Dataset",
        "dct:identifier": descriptor["name"],
        "dct:title": descriptor["title"],
        "dct:description": descriptor.get("description", ""),
        "dct:issued": {"@value": descriptor["created"], "@type": "xsd:dateTime"},
        "dct:modified": {"@value": descriptor["last_updated"], "@type": "xsd:dateTime"},
        "owl:versionInfo": descriptor.get("version", ""),
        "dcat:keyword": descriptor.get("keywords", []),
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/IND"},
        "dct:spatial": {"@id": "https://www.geonames.org/1643084"},  # Indonesia
        "dct:accrualPeriodicity": {"@id": "http://purl.org/cld/freq/daily"},
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": settings.KERJASAMA_SDI_PRODUCER},
        "dcat:contactPoint": _contact_point(),
        "dcat:landingPage": {"@id": landing},
        "dct:source": [{"@id": _absolute(s["path"])} for s in descriptor.get("sources", [])],
        "dcat:distribution": distributions,
        "sdi:metadataIndikator": [indicator.as_sdi() for indicator in INDICATORS],
    }
    if licence:
        dataset["dct:license"] = {"@id": licence}
    return dataset


def portal_files(descriptor: dict[str, Any]) -> dict[str, bytes]:
    """``ckan.json`` and ``dcat.jsonld`` for the package whose ``datapackage.json`` is ``descriptor``."""

    def dump(value: Any) -> bytes:
        return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    return {CKAN_FILE: dump(ckan_dataset(descriptor)), DCAT_FILE: dump(dcat_dataset(descriptor))}
