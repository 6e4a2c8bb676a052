"""Pages of the data-quality scores (issue 13 item 5): a region's score with what to fix (for its cooperation
unit), the ranking of a province's regions (for the governor's office) and the national ranking of provinces,
drillable to each province (for Kemendagri), each ranking downloadable as XLSX.

The score describes the data; it hides nothing: every page says so, and none of them filters a record.
Each page reads a fixed number of queries whatever the data size (``quality_data``).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.core import xlsx
from kerjasama.core.pages import page_denied
from kerjasama.oversight import quality_rules  # noqa: F401 - registers the permissions
from kerjasama.oversight.quality import RULES, QualityFinding
from kerjasama.oversight.quality_data import (
    RankRow,
    province_ranking,
    ranked_rows,
    region_quality,
)
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The statement every page and export carries.
DESCRIBES_ID = "Skor ini menggambarkan data; skor tidak menyembunyikan apa pun."
DESCRIBES_EN = "The score describes the data; it hides nothing."


def fix_url(finding: QualityFinding, region_code: str) -> str:
    """Where the fix of ``finding`` is made (the agreement's page, its obligations or monev; the region's
    mapping or TKKSD; the periodic reports)."""
    place = finding.rule.place
    if finding.agreement_id is not None:
        if place == "obligations":
            return reverse("obligations:list", kwargs={"agreement_id": finding.agreement_id})
        if place == "monev":
            return reverse("monev:agreement", kwargs={"agreement_id": finding.agreement_id})
        return reverse("agreements:detail", kwargs={"pk": finding.agreement_id})
    if place == "mapping":
        return reverse("mapping:region", kwargs={"code": region_code})
    if place == "tkksd":
        return reverse("tkksd:region", kwargs={"code": region_code})
    return reverse("reports:list")


def finding_row(finding: QualityFinding, region_code: str) -> dict[str, Any]:
    """A finding as the pages and the API show it."""
    rule = RULES[finding.code]
    english = (get_language() or "").startswith("en")
    return {
        "code": finding.code,
        "part": rule.part,
        "fix": rule.fix_en if english else rule.fix_id,
        "fix_id": rule.fix_id,
        "fix_en": rule.fix_en,
        "basis": rule.basis,
        "satisfied_percent": round(100 * finding.satisfied),
        "points_lost": finding.lost,
        "agreement_id": finding.agreement_id,
        "agreement_title": finding.agreement_title,
        "url": fix_url(finding, region_code),
    }


def quality_home(request: HttpRequest) -> HttpResponse:
    """Each official to the view of their own jurisdiction."""
    scope = jurisdiction_of(request.user)
    if scope.third_party:
        raise page_denied("oversight.view_quality_region")
    if scope.national:
        return redirect("oversight:quality_national")
    if scope.province_code:
        return redirect("oversight:quality_province", code=scope.province_code)
    if scope.region_code:
        return redirect("oversight:quality_region", code=scope.region_code)
    raise page_denied("oversight.view_quality_region")


def _visible_region(request: HttpRequest, code: str, action: str, **filters: Any) -> Region:
    region = Region.objects.filter(code=code, is_autonomous=True, **filters).first()
    if region is None:
        raise Http404
    if not can(request.user, action, region):
        if jurisdiction_of(request.user).third_party or not jurisdiction_of(request.user).covers_region(code):
            raise Http404
        raise page_denied(action)
    return region


def quality_region(request: HttpRequest, code: str) -> HttpResponse:
    """A region's score, its parts and what to fix, each with a link to the place to fix it."""
    region = _visible_region(request, code, "oversight.view_quality_region")
    result = region_quality(region.code)
    if result is None:  # pragma: no cover - the region exists and is autonomous
        raise Http404
    findings = [finding_row(f, region.code) for f in result.score.findings]
    return render(
        request,
        "oversight/quality_region.html",
        {
            "region": region,
            "result": result,
            "findings": findings,
            "as_of": timezone.localtime(),
            "can_province": region.province_id
            and can(request.user, "oversight.view_quality_province", region.province),
        },
    )


def _province(request: HttpRequest, code: str) -> Region:
    return _visible_region(request, code, "oversight.view_quality_province", level=Level.PROVINSI)


def _province_rows(province: Region) -> tuple[list[RankRow], Any]:
    return ranked_rows(province.code)


def quality_province(request: HttpRequest, code: str) -> HttpResponse:
    """The ranking of a province's regions (the province itself and its kab/kota)."""
    province = _province(request, code)
    rows, as_of = _province_rows(province)
    return render(
        request,
        "oversight/quality_province.html",
        {
            "province": province,
            "rows": rows,
            "as_of": timezone.localtime(as_of),
            "national": can(request.user, "oversight.view_quality_national"),
        },
    )


def _national_rows() -> tuple[list[RankRow], Any]:
    return ranked_rows()


def quality_national(request: HttpRequest) -> HttpResponse:
    """The national ranking of provinces (mean of their regions' scores), each drillable to its regions."""
    if not can(request.user, "oversight.view_quality_national"):
        raise page_denied("oversight.view_quality_national")
    rows, as_of = _national_rows()
    return render(
        request,
        "oversight/quality_national.html",
        {"provinces": province_ranking(rows), "as_of": timezone.localtime(as_of)},
    )


HEADER = [
    "peringkat / rank",
    "kode / code",
    "daerah / region",
    "provinsi / province",
    "skor / score",
    "kelengkapan / completeness",
    "ketepatan waktu / timeliness",
    "konsistensi / consistency",
    "kewajiban daerah / duties",
    "kerja sama / agreements",
    "temuan / findings",
]


def _sheet_rows(sheet: Any, rows: list[RankRow]) -> None:
    xlsx.append_row(sheet, HEADER)
    for r in rows:
        xlsx.append_row(
            sheet,
            [
                r.rank,
                r.code,
                r.name,
                r.province_code,
                r.score,
                r.parts.get("completeness"),
                r.parts.get("timeliness"),
                r.parts.get("consistency"),
                r.parts.get("duties"),
                r.agreements,
                r.findings,
            ],
        )


def _workbook_response(book: Any, name: str) -> HttpResponse:
    response = HttpResponse(xlsx.to_bytes(book), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _title(sheet: Any, title: str, as_of: Any) -> None:
    xlsx.append_row(sheet, [title])
    xlsx.append_row(sheet, [f"Data per tanggal / data as of {timezone.localtime(as_of):%Y-%m-%d %H:%M}"])
    xlsx.append_row(sheet, [f"{DESCRIBES_ID} / {DESCRIBES_EN}"])
    xlsx.append_row(sheet, [])


def quality_province_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    province = _province(request, code)
    book = xlsx.new_workbook()
    sheet = book.active
    sheet.title = "Peringkat"
    rows, as_of = _province_rows(province)
    _title(
        sheet, f"Peringkat kualitas data / data-quality ranking — {province.name} ({province.code})", as_of
    )
    _sheet_rows(sheet, rows)
    return _workbook_response(book, f"kualitas-data-{province.code}.xlsx")


def quality_national_xlsx(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "oversight.view_quality_national"):
        raise page_denied("oversight.view_quality_national")
    rows, as_of = _national_rows()
    book = xlsx.new_workbook()
    sheet = book.active
    sheet.title = "Provinsi"
    _title(sheet, "Peringkat kualitas data nasional / national data-quality ranking", as_of)
    xlsx.append_row(
        sheet, ["peringkat / rank", "kode / code", "provinsi / province", "skor / score", "daerah / regions"]
    )
    for p in province_ranking(rows):
        xlsx.append_row(sheet, [p.rank, p.code, p.name, p.score, p.regions])
    regions = book.create_sheet("Daerah")
    _title(regions, "Semua daerah / every region", as_of)
    _sheet_rows(regions, rows)
    return _workbook_response(book, "kualitas-data-nasional.xlsx")
