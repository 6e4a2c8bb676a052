"""The open-data package (issue 13 item 4): ``frictionless validate`` passes on what ``kerjasama open-data DIR``
writes; withheld parts are empty with their Pasal 17 reason; the ``/data-terbuka/`` pages, the zip, the OCDS
export and the public API carry no confidential value of any record (markers planted in unpublished
agreements, withheld parts, disputes and officials' personal data)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.disputes.models import DeliberationRound, Dispute
from kerjasama.disputes.tests.conftest import register as register_dispute
from kerjasama.mapping.models import Identification
from kerjasama.oversight.choices import WithholdingReason
from kerjasama.oversight.models import PublicationConsent
from kerjasama.oversight.opendata import REASONS_PATTERN, TABLES, _reasons, package_files
from kerjasama.oversight.tests.conftest import SLEMAN, YOGYA
from kerjasama.oversight.tests.test_public import MARKERS, planted  # noqa: F401 - the planted fixture

pytestmark = pytest.mark.django_db

FRICTIONLESS = Path(sys.executable).parent / "frictionless"

#: Markers of what the open data must never carry besides the register's own (``test_public.MARKERS``).
MORE_MARKERS = {
    "dispute_title": "RAHASIA-SENGKETA-5150",
    "dispute_claims": "RAHASIA-TUNTUTAN-6061",
    "dispute_minutes": "RAHASIA-NOTULEN-7172",
    "official_name": "Pejabat Rahasia Sukarjo",
    "official_email": "rahasia.pejabat@example.go.id",
    "official_phone": "0812-7777-3131",
    "official_nip": "198001012005011999",
    "signatory": "Penandatangan Rahasia Wibowo",
    "mapping_draft": "RAHASIA-DRAFT-PEMETAAN-8283",
}
ALL_MARKERS = {**MARKERS, **MORE_MARKERS}


@pytest.fixture(autouse=True)
def _no_public_rate_limit(settings: Any) -> None:
    """The per-address limit is tested on its own; the other tests read many answers in one minute."""
    settings.KERJASAMA_PUBLIC_API_RATE_PER_MINUTE = 0
    cache.clear()


@pytest.fixture
def opened(planted: dict[str, Agreement], persona: Any) -> dict[str, Any]:  # noqa: F811
    """The register's planted agreements, plus a dispute with confidential text, officials' personal data on
    the people who decided and signed, a published and a draft identification."""
    dispute = register_dispute(
        title=MORE_MARKERS["dispute_title"], claims=MORE_MARKERS["dispute_claims"], sector="infrastruktur"
    )
    DeliberationRound.objects.create(
        dispute=dispute, number=1, meeting_date=date(2026, 6, 1), minutes=MORE_MARKERS["dispute_minutes"]
    )
    official = persona("kabkota")
    official.full_name = MORE_MARKERS["official_name"]
    official.email = MORE_MARKERS["official_email"]
    official.position = f"Kepala Bagian, NIP {MORE_MARKERS['official_nip']}, {MORE_MARKERS['official_phone']}"
    official.save()
    AgreementParty.objects.filter(agreement__in=list(planted.values())).update(
        signatory_name=MORE_MARKERS["signatory"], power_of_attorney_holder=MORE_MARKERS["official_name"]
    )
    Identification.objects.create(
        region_id=YOGYA, affair_id="2.11", status="published", offers="Armada pengangkut sampah"
    )
    Identification.objects.create(
        region_id=SLEMAN, affair_id="2.11", status="draft", needs=MORE_MARKERS["mapping_draft"]
    )
    return {**planted, "dispute": dispute}


def _rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"{name}.csv"].decode())))


def test_it_writes_a_package_that_frictionless_validates(opened: dict[str, Any], tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("open_data", str(tmp_path / "paket"), "--json", stdout=out)
    written = json.loads(out.getvalue())["files"]
    assert "datapackage.json" in written and "ocds.json" in written
    assert {f"{name}.csv" for name in TABLES} <= set(written)
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(tmp_path / "paket" / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["valid"] is True, json.dumps(report["tasks"], indent=1)[:6000]
    assert result.returncode == 0
    assert {task["name"] for task in report["tasks"]} >= set(TABLES)


def test_it_fails_validation_when_a_table_breaks_its_schema(opened: dict[str, Any], tmp_path: Path) -> None:
    """The validation is not vacuous: a party row pointing at an agreement not in the package is refused."""
    call_command("open_data", str(tmp_path / "paket"), stdout=io.StringIO())
    parties = tmp_path / "paket" / "agreement_parties.csv"
    parties.write_text(parties.read_text() + "999999,0,34.71,Kota Yogyakarta,proposer\n")
    from frictionless import validate

    report = validate(str(tmp_path / "paket" / "datapackage.json"))
    assert report.valid is False
    assert "foreign-key" in json.dumps(report.to_dict())


def test_it_empties_withheld_parts_and_gives_their_reason(opened: dict[str, Any]) -> None:
    files = package_files()
    rows = {int(r["id"]): r for r in _rows(files, "agreements")}
    withheld, released, hidden = opened["withheld"], opened["released"], opened["hidden"]
    assert set(rows) == {withheld.pk, released.pk}
    assert rows[withheld.pk]["value"] == "" and rows[withheld.pk]["value_withheld_reason"] == "17e"
    assert rows[withheld.pk]["object"] == "" and rows[withheld.pk]["object_withheld_reason"] == "17b"
    assert rows[withheld.pk]["pks_public"] == "false" and rows[withheld.pk]["pks_withheld_reason"] == "17b"
    assert rows[released.pk]["pks_public"] == "true"
    assert rows[released.pk]["pks_url"].endswith(f"/daftar-kerja-sama/{released.pk}/pks/")
    assert rows[released.pk]["party_codes"] == f"{YOGYA};{SLEMAN}"
    parties = _rows(files, "agreement_parties")
    assert {int(p["agreement_id"]) for p in parties} == {withheld.pk, released.pk}
    assert hidden.pk not in {int(a["agreement_id"]) for a in _rows(files, "agreement_affairs")}
    mappings = _rows(files, "region_mappings")
    assert [(m["region_code"], m["affair_code"]) for m in mappings] == [(YOGYA, "2.11")]
    stats = _rows(files, "dispute_statistics")
    assert (
        stats
        == [{"year": "2026", "sector": "infrastruktur", "stage": "didaftarkan", "kind": "KSDD", "count": "1"}]
        or sum(int(s["count"]) for s in stats) == Dispute.objects.count()
    )
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["last_updated"] and descriptor["version"]
    assert json.loads(files["agreements.json"])[0]["id"] == min(rows)


def _public_answers(opened: dict[str, Any]) -> dict[str, str]:
    """Every public page, file and API answer of the open data, by URL."""
    client = Client()
    urls = [
        "/data-terbuka/",
        "/data-terbuka/datapackage.json",
        "/data-terbuka/ocds.json",
        "/data-terbuka/ckan.json",
        "/data-terbuka/dcat.jsonld",
        *(f"/data-terbuka/{name}.{ext}" for name in TABLES for ext in ("csv", "json")),
        "/api/v1/public/agreements",
        "/api/v1/public/agreements?limit=100",
        f"/api/v1/public/agreements?region={YOGYA}&affair=1.03",
        "/api/v1/public/mappings",
        "/api/v1/public/dispute-statistics",
        *(f"/api/v1/public/agreements/{a.pk}" for a in opened.values() if isinstance(a, Agreement)),
    ]
    answers = {}
    for url in urls:
        answer = client.get(url)
        assert answer.status_code in (200, 404), url
        answers[url] = answer.content.decode()
    archive = zipfile.ZipFile(io.BytesIO(client.get("/data-terbuka/kerjasama-daftar-kerja-sama.zip").content))
    for name in archive.namelist():
        answers[f"zip:{name}"] = archive.read(name).decode()
    return answers


def test_it_leaks_no_confidential_value_in_any_file_page_or_api_answer(
    opened: dict[str, Any], tmp_path: Path
) -> None:
    answers = _public_answers(opened)
    call_command("open_data", str(tmp_path / "paket"), stdout=io.StringIO())
    for path in (tmp_path / "paket").iterdir():
        answers[f"file:{path.name}"] = path.read_text()
    assert len(answers) > 30
    for where, body in answers.items():
        for name, marker in ALL_MARKERS.items():
            assert marker not in body, f"{name} leaks in {where}"
        assert "kabkota" not in body.lower().replace("kab/kota", ""), where  # no username
    hidden = opened["hidden"]
    assert Client().get(f"/api/v1/public/agreements/{hidden.pk}").status_code == 404
    assert Client().get("/data-terbuka/secrets.txt").status_code == 404


def test_it_exports_the_published_agreements_in_the_ocds_shape(opened: dict[str, Any]) -> None:
    package = json.loads(Client().get("/data-terbuka/ocds.json").content)
    releases = {r["contracts"][0]["id"]: r for r in package["releases"]}
    withheld, released = opened["withheld"], opened["released"]
    assert set(releases) == {str(withheld.pk), str(released.pk)}
    contract = releases[str(withheld.pk)]["contracts"][0]
    assert "value" not in contract and "description" not in contract
    assert contract["x_withheld"] == {"object": ["17b"], "value": ["17e"], "pks": ["17b"]}
    assert contract["status"] == "pending" or contract["status"] in {"active", "terminated", "cancelled"}
    assert contract["amendments"][0]["id"] == f"{withheld.pk}-adendum-1"
    assert "contractAmendment" in releases[str(withheld.pk)]["tag"]
    assert releases[str(released.pk)]["contracts"][0]["documents"][0]["documentType"] == "contractSigned"
    assert releases[str(released.pk)]["parties"][0]["identifier"]["id"] == YOGYA
    assert package["version"] == "1.1" and package["license"].startswith("https://creativecommons.org/")


def test_it_answers_the_public_api_without_login_with_filters_and_pages(
    opened: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = Client()
    withheld, released = opened["withheld"], opened["released"]
    with django_assert_max_num_queries(8):
        page = client.get("/api/v1/public/agreements?limit=1").json()
    assert page["count"] == 2 and len(page["items"]) == 1 and page["items"][0]["id"] == withheld.pk
    second = client.get("/api/v1/public/agreements?limit=1&offset=1").json()
    assert second["items"][0]["id"] == released.pk
    assert [a["id"] for a in client.get("/api/v1/public/agreements?affair=1.03").json()["items"]] == [
        released.pk
    ]
    assert client.get("/api/v1/public/agreements?region=3404").json()["count"] == 2
    assert client.get("/api/v1/public/agreements?region=35.78").json()["count"] == 0
    assert client.get("/api/v1/public/agreements?type=KSDPK").json()["count"] == 0
    assert client.get("/api/v1/public/agreements?year=2027").json()["count"] == 2
    assert client.get("/api/v1/public/agreements?year=2031").json()["count"] == 0
    one = client.get(f"/api/v1/public/agreements/{withheld.pk}").json()
    assert one["value"] is None and one["value_withheld_reason"] == ["17e"]
    assert [p["region_code"] for p in one["parties"]] == [YOGYA, SLEMAN]
    assert client.get("/api/v1/public/agreements?limit=0").status_code == 422
    assert client.get(f"/api/v1/public/mappings?region={YOGYA}").json()[0]["affair_code"] == "2.11"
    assert client.get("/api/v1/public/mappings?region=34.04").json() == []
    assert sum(r["count"] for r in client.get("/api/v1/public/dispute-statistics").json()) == 1


def test_it_reads_a_constant_number_of_queries_per_api_page_and_package(
    opened: dict[str, Any], persona: Any, django_assert_max_num_queries: Any
) -> None:
    from kerjasama.oversight.tests.conftest import consent_all, register

    client = Client()
    with django_assert_max_num_queries(8) as few:
        client.get("/api/v1/public/agreements?limit=50")
    cache.clear()
    with django_assert_max_num_queries(20) as built:  # the package is built (nothing cached)
        assert client.get("/data-terbuka/").status_code == 200
    for n in range(4):
        consent_all(
            persona,
            register(
                persona("kabkota"),
                f"Kerja sama terbuka {n}",
                number=f"PKS/T/{n}",
                term_start=date(2025, 1, n + 1),
            ),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/public/agreements?limit=50").json()["count"] == 6
    cache.clear()
    with django_assert_max_num_queries(len(built.captured_queries)):
        assert client.get("/data-terbuka/").status_code == 200


def test_it_limits_public_api_requests_per_address(settings: Any) -> None:
    settings.KERJASAMA_PUBLIC_API_RATE_PER_MINUTE = 3
    cache.clear()
    client = Client(REMOTE_ADDR="198.51.100.7")
    answers = [client.get("/api/v1/public/dispute-statistics") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) >= 1
    assert answers[-1].json()["error"]["code"] == "rate_limited"
    # Another address has its own counter.
    assert Client(REMOTE_ADDR="198.51.100.8").get("/api/v1/public/dispute-statistics").status_code == 200


def test_it_documents_the_public_api_in_openapi() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/public/agreements",
        "/api/v1/public/agreements/{agreement_id}",
        "/api/v1/public/mappings",
        "/api/v1/public/dispute-statistics",
    ):
        operation = schema["paths"][path]["get"]
        assert "security" not in operation or operation["security"] == [], path
        assert "429" in {str(k) for k in operation["responses"]}, path


@override_settings(KERJASAMA_SITE_URL="https://ksd.example.go.id")
def test_it_serves_the_open_data_page_and_zip_without_login(opened: dict[str, Any]) -> None:
    client = Client()
    page = client.get("/data-terbuka/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'href="/data-terbuka/datapackage.json"' in body and 'data-testid="open-data-zip"' in body
    assert 'data-testid="example-banner"' not in body  # the planted agreements are not example data
    answer = client.get("/data-terbuka/kerjasama-daftar-kerja-sama.zip")
    assert answer["Content-Type"] == "application/zip"
    names = set(zipfile.ZipFile(io.BytesIO(answer.content)).namelist())
    assert {"datapackage.json", "agreements.csv", "ocds.json", "changelog.csv"} <= names
    rows = {int(r["id"]): r for r in _rows(package_files(), "agreements")}
    assert rows[opened["released"].pk]["pks_url"].startswith("https://ksd.example.go.id/daftar-kerja-sama/")


WITHHELD_ENTRY = st.fixed_dictionaries(
    {
        "item": st.sampled_from(["value", "object", "pks"]),
        "reason": st.sampled_from([*WithholdingReason.values, "bogus", ""]),
    }
)


# No wall-clock health check: the machine may be busy, and the property takes no time to check.
@hypothesis_settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(WITHHELD_ENTRY, max_size=4), min_size=1, max_size=4))
def test_it_gives_each_withheld_part_every_partys_reason_in_the_schemas_pattern(
    decisions: list[list[dict[str, str]]],
) -> None:
    """Whatever the parties withhold, each withheld part has a non-empty, sorted, deduplicated reason list that
    the table schema's pattern accepts (an unknown stored reason is published as 17j, never dropped)."""
    consents = [PublicationConsent(withheld=entries) for entries in decisions]
    reasons = _reasons(consents)
    withheld = {e["item"] for entries in decisions for e in entries}
    assert set(reasons) == withheld
    for text in reasons.values():
        codes = text.split(";")
        assert re.fullmatch(REASONS_PATTERN, text) and codes == sorted(set(codes))


def test_it_shows_the_example_banner_when_the_package_holds_example_data(persona: Any) -> None:
    from kerjasama.oversight.tests.conftest import consent_all, register

    consent_all(persona, register(persona("kabkota"), "Contoh data terbuka", is_example=True))
    body = Client().get("/data-terbuka/").content.decode()
    assert 'data-testid="example-banner"' in body
    assert json.loads(package_files()["agreements.json"])[0]["example"] is True
