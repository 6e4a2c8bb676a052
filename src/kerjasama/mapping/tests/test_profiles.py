"""Region profiles: values edited by the region's own users or imported from the XLSX template."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.mapping.models import Indicator, IndicatorValue
from kerjasama.mapping.services import import_profile_xlsx, profile_template_xlsx, set_indicator_value
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def filled_template(code: str, rows: dict[str, tuple[Any, ...]]) -> bytes:
    """The template of region ``code`` with some rows filled: indicator -> (year, value, source[, unit])."""
    book = load_workbook(io.BytesIO(profile_template_xlsx(region(code))))
    sheet = book.active
    assert sheet is not None
    seen = set()
    for row in sheet.iter_rows(min_row=3):
        indicator = row[0].value
        if indicator in rows:
            seen.add(indicator)
            year, value, source, *unit = rows[indicator]
            row[3].value, row[4].value, row[5].value = year, value, source
            if unit:
                row[2].value = unit[0]
    for indicator, (year, value, source, *unit) in rows.items():
        if indicator not in seen:  # a row the template does not have, e.g. a mistyped indicator code
            sheet.append([indicator, "", unit[0] if unit else "%", year, value, source])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_has_the_indicator_catalogue_linked_to_affairs() -> None:
    assert Indicator.objects.count() == 18
    waste = Indicator.objects.get(code="waste_coverage")
    assert set(waste.affairs.values_list("code", flat=True)) == {"1.03", "2.11"}
    assert waste.role == "service" and waste.unit == "%"


def test_it_lets_the_region_set_its_own_value_with_audit(persona: Any) -> None:
    value = set_indicator_value(
        actor=persona("kabkota"),
        region=region("34.71"),
        indicator_code="waste_coverage",
        year=2025,
        value=45,
        source="DLH Kota Yogyakarta (uji)",
    )
    assert value.value == 45 and not value.is_example
    assert AuditEvent.objects.filter(action="mapping.profile_value_set", object_id=str(value.pk)).exists()


@pytest.mark.parametrize(
    "who", ["neighbour", "province", "ministry", "third_party", "auditor", "other_province"]
)
def test_it_refuses_anyone_else_to_edit_a_regions_profile(persona: Any, who: str) -> None:
    with pytest.raises(KerjasamaError) as err:
        set_indicator_value(
            actor=persona(who),
            region=region("34.71"),
            indicator_code="waste_coverage",
            year=2025,
            value=45,
            source="x",
        )
    assert err.value.code == "permission_denied"


@pytest.mark.parametrize(
    ("code", "year", "value", "source", "error"),
    [
        ("nope", 2025, 1, "x", "mapping.unknown_indicator"),
        ("waste_coverage", 1990, 45, "x", "mapping.bad_value"),
        ("waste_coverage", 2025, 145, "x", "mapping.bad_value"),
        ("waste_coverage", 2025, float("nan"), "x", "mapping.bad_value"),
        ("waste_coverage", 2025, 45, " ", "mapping.bad_value"),
    ],
)
def test_it_refuses_a_bad_value(
    persona: Any, code: str, year: int, value: float, source: str, error: str
) -> None:
    with pytest.raises(KerjasamaError) as err:
        set_indicator_value(
            actor=persona("kabkota"),
            region=region("34.71"),
            indicator_code=code,
            year=year,
            value=value,
            source=source,
        )
    assert err.value.code == error and err.value.message_id and err.value.message_en


def test_it_imports_a_filled_template(persona: Any) -> None:
    content = filled_template(
        "34.71", {"waste_coverage": (2025, 45, "DLH (uji)"), "landfill_life": (2025, 2, "DLH (uji)")}
    )
    report = import_profile_xlsx(actor=persona("kabkota"), region=region("34.71"), content=content)
    assert report.saved == 2 and report.skipped_empty == 16
    assert IndicatorValue.objects.get(region_id="34.71", indicator_id="landfill_life", year=2025).value == 2


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"waste_coverage": (2025, 45, "x", "ton")}, "unit"),
        ({"waste_coverage": (1890, 45, "x")}, "year"),
        ({"waste_coverage": (2025, "banyak", "x")}, "number"),
        ({"waste_coverage": (2025, 45, "")}, "source"),
        ({"waste_coverage": (2025, 45, "x"), "RENAMED": (2025, 1, "x")}, "indicator code"),
    ],
)
def test_it_rejects_the_whole_file_for_one_bad_row(persona: Any, rows: dict[str, Any], message: str) -> None:
    good = {"landfill_life": (2025, 3, "DLH (uji)")}
    content = filled_template("34.71", {**good, **rows})
    before = (IndicatorValue.objects.count(), AuditEvent.objects.count())
    with pytest.raises(KerjasamaError) as err:
        import_profile_xlsx(actor=persona("kabkota"), region=region("34.71"), content=content)
    assert err.value.code == "mapping.bad_rows"
    assert any(message in d.message_en.lower() for d in err.value.details)
    # Each problem starts with the column's label, never an internal key (issue 9).
    labels_id = ("Satuan:", "Tahun:", "Nilai:", "Sumber:", "Kode indikator:")
    assert all(d.message_id.startswith(labels_id) for d in err.value.details)
    assert all(d.location.startswith("baris/row ") for d in err.value.details)
    assert (IndicatorValue.objects.count(), AuditEvent.objects.count()) == before


def test_it_rejects_another_regions_template_and_a_non_xlsx_upload(persona: Any) -> None:
    content = filled_template("34.04", {"waste_coverage": (2025, 45, "x")})
    with pytest.raises(KerjasamaError) as err:
        import_profile_xlsx(actor=persona("kabkota"), region=region("34.71"), content=content)
    assert err.value.code == "mapping.wrong_region"
    for junk in (b"%PDF-1.4 not a spreadsheet", b"PK\x03\x04broken zip"):
        with pytest.raises(KerjasamaError) as err:
            import_profile_xlsx(actor=persona("kabkota"), region=region("34.71"), content=junk)
        assert err.value.code == "mapping.bad_upload"
