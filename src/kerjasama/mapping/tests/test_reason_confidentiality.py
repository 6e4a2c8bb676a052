"""Recommendation reasons never disclose another region's hidden data (issue 8, item 4).

Every region of a sample (Kota Yogyakarta, its neighbours, its province, and regions of Jawa Tengah near and
far) gets secret markers in what only its own jurisdiction may read: verified-but-unpublished and draft
identifications, and indicator values with their sources (``IndicatorValue`` is never shared). After the
national run, every page, API answer and export (XLSX cells, PDF text) of every app is fetched as each
persona, and no marker of a region outside the persona's jurisdiction may appear in it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
import weasyprint
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from weasyprint.formatting_structure import boxes

from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner
from kerjasama.mapping.models import Identification, IndicatorValue, Recommendation

pytestmark = pytest.mark.django_db

SAMPLE = (
    "34",
    "34.01",
    "34.02",
    "34.03",
    "34.04",
    "34.71",
    "33",
    "33.08",
    "33.09",
    "33.10",
    "33.16",
    "33.74",
)
AFFAIRS = ("2.11", "1.05")
#: The personas of the root conftest.py (``PERSONAS``).
PERSONA_NAMES = (
    "ministry",
    "province",
    "kabkota",
    "neighbour",
    "other_province",
    "third_party",
    "auditor",
    "admin",
)
YEAR = 2024
#: The regions whose pages are fetched: the personas' own regions and provinces, Boyolali and Blora.
CRAWLED = ("34", "34.71", "34.04", "33", "33.09", "33.16", "33.74")


def _number(index: int, base: int) -> float:
    return base + 1111 * (index + 1) + 0.321


def _tag(code: str) -> str:
    return code.replace(".", "")


def _number_markers(value: float) -> list[str]:
    whole = int(value)
    return [str(whole), f"{whole:,}", f"{whole:,}".replace(",", ".")]


def _plant() -> dict[str, list[str]]:
    """Hidden facts of every sample region; returns each region's markers."""
    markers: dict[str, list[str]] = {}
    for index, code in enumerate(SAMPLE):
        tag = _tag(code)
        landfill = _number(index, 800_000)  # capacity far above "best": the strongest possible offer
        values = {"landfill_life": landfill, "waste_coverage": 30.0}
        mine = [f"SUMBERRAHASIA{tag}Z", *_number_markers(landfill)]
        if index % 2 == 0:
            risk = _number(index, 900_000)  # far above "worst" (lower is better): the greatest possible need
            values["disaster_risk"] = risk
            mine += _number_markers(risk)
        else:
            values["disaster_risk"] = 10.0
        for indicator, value in values.items():
            IndicatorValue.objects.create(
                region_id=code, indicator_id=indicator, year=YEAR, value=value, source=f"SUMBERRAHASIA{tag}Z"
            )
        for affair in AFFAIRS:
            words = {
                k: f"RAHASIA{tag}{k.upper()}{affair.replace('.', '')}" for k in ("needs", "offers", "ext")
            }
            Identification.objects.create(
                region_id=code,
                affair_id=affair,
                needs=words["needs"],
                offers=words["offers"],
                externalities=words["ext"],
                status="verified",
            )
            mine += list(words.values())
        markers[code] = mine
    return markers


def _collect_pdf_text(monkeypatch: pytest.MonkeyPatch, *, render: bool = False) -> list[str]:
    """Every PDF export's source HTML and, with ``render``, its laid-out text (WeasyPrint's own boxes).

    Without ``render`` the PDF is not laid out (the crawl makes dozens of exports): what it would print is
    exactly its source HTML.
    """
    texts: list[str] = []
    real = weasyprint.HTML

    class SpyHTML(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            texts.append(str(kwargs.get("string", "")))
            super().__init__(*args, **kwargs)

        def write_pdf(self, target: Any = None, zoom: float = 1, finisher: Any = None, **options: Any) -> Any:
            if not render:
                return b"%PDF-1.7 (not laid out in this test)"
            document = self.render(**options)
            texts.append("".join(_box_texts(page._page_box) for page in document.pages))
            return document.write_pdf(target, zoom, finisher, **options)

    monkeypatch.setattr(weasyprint, "HTML", SpyHTML)
    return texts


def _box_texts(box: Any) -> str:
    if isinstance(box, boxes.TextBox):
        return str(box.text)
    return "".join(_box_texts(child) for child in getattr(box, "children", ()))


def _routes() -> Iterator[str]:
    """Every non-admin route (pages of every app and the API) with its parameters filled from the sample."""
    fill = {"code": [*CRAWLED, *AFFAIRS], "affair": list(AFFAIRS), "fmt": ["xlsx", "pdf"]}
    skip = {"logout", "set_language", "openapi-view"}

    def walk(patterns: list[Any], prefix: str) -> Iterator[tuple[str, str | None]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p.name

    for route, name in walk(get_resolver().url_patterns, ""):
        if route.startswith("admin") or name in skip:
            continue
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if any(p not in fill for p in params):
            continue  # object ids (notifications, documents, tokens): none hold mapping data of others
        urls = ["/" + route]
        for param in params:
            urls = [
                re.sub(rf"<(?:\w+:)?{param}>", value, url, count=1) for url in urls for value in fill[param]
            ]
        for url in urls:
            yield url
            if name in ("region", "region_map") and ("mapping" in url or "pemetaan" in url):
                yield from (f"{url}?affair={a}" for a in AFFAIRS)


def _text(response: Any) -> str:
    content = response.content if not response.streaming else b"".join(response.streaming_content)
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
        )
    if response.get("Content-Type", "").startswith("application/pdf"):
        return ""  # its text is collected from WeasyPrint as it is written
    return content.decode("utf-8", "replace")


def _allowed(user: Any) -> set[str] | None:
    """The sample regions inside the user's jurisdiction (None: the whole country)."""
    scope = jurisdiction_of(user)
    if scope.national:
        return None
    if scope.province_code:
        return {c for c in SAMPLE if c.split(".")[0] == scope.province_code}
    if scope.region_code:
        return {scope.region_code}
    return set()


def _recommendation_pages(client: Any) -> Iterator[str]:
    offset = 0
    while True:
        answer = client.get(f"/api/v1/mapping/recommendations?limit=200&offset={offset}").json()
        yield str(answer)
        offset += 200
        if offset >= answer.get("count", 0):
            return


@pytest.fixture
def planted(db: Any) -> dict[str, list[str]]:
    markers = _plant()
    # Only regions with a profile or an identification can carry a partner's facts into a reason, and only
    # the sample has any: computing the sample's regions computes every reason that could leak.
    runner.run(actor=SYSTEM, regions=set(SAMPLE))
    return markers


def test_it_keeps_the_markers_detectable_where_they_may_be_read(
    planted: dict[str, list[str]], client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The markers do reach the engine and the region's own pages, so their absence elsewhere means something."""
    own = client_as("kabkota").get("/api/v1/mapping/regions/34.71?affair=2.11").content.decode()
    landfill = str(int(_number(SAMPLE.index("34.71"), 800_000)))
    for marker in ("SUMBERRAHASIA3471Z", landfill, "RAHASIA3471NEEDS211", "RAHASIA3471OFFERS211"):
        assert marker in own, marker
    recs = Recommendation.objects.filter(region_id="34.71", affair_id="2.11", partner_id__in=SAMPLE)
    codes = {r["code"] for rec in recs for r in rec.reasons}
    assert {"complementarity", "need_offer"} <= codes
    far = Recommendation.objects.filter(region_id__in=SAMPLE, partner_id__in=("33.09", "33.16"))
    assert far.exclude(region_id__in=("33.09", "33.16")).exists()  # Boyolali and Blora are partners
    pdf_texts = _collect_pdf_text(monkeypatch, render=True)
    assert client_as("kabkota").get("/pemetaan/34.71/ekspor.pdf").status_code == 200
    laid_out = pdf_texts[-1]
    assert "RAHASIA3471NEEDS211" in laid_out and "SUMBERRAHASIA3471Z" in laid_out
    assert not [m for code, marks in planted.items() if code != "34.71" for m in marks if m in laid_out]


def test_it_never_shows_another_regions_hidden_data_in_reasons_pages_api_or_exports(
    planted: dict[str, list[str]], client_as: Any, persona: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf_texts = _collect_pdf_text(monkeypatch)
    routes = list(_routes())
    leaks: list[str] = []
    checked = 0
    for name in PERSONA_NAMES:
        allowed = _allowed(persona(name))
        if allowed is None:
            continue  # the whole country is in its jurisdiction
        secret = {code: marks for code, marks in planted.items() if code not in allowed}
        client = client_as(name)
        for url in routes:
            pdf_texts.clear()
            response = client.get(url)
            texts = [_text(response), *pdf_texts]
            if url == "/api/v1/mapping/recommendations" and response.status_code == 200:
                texts += list(_recommendation_pages(client))
            checked += 1
            for code, marks in secret.items():
                found = [m for m in marks if any(m in t for t in texts)]
                if found:
                    leaks.append(f"{name} {url}: {code} {found[:3]}")
    assert checked > 300
    assert not leaks, f"{len(leaks)} leaks, e.g. " + "; ".join(leaks[:8])
