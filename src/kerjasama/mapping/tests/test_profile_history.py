"""Overwritten profile values are never lost (issue 8, item 7): row history, and old → new in the import's audit."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from kerjasama.accounts.choices import Role
from kerjasama.accounts.models import User
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import AuditEvent
from kerjasama.mapping import services
from kerjasama.mapping.models import IndicatorValue
from kerjasama.mapping.services import import_profile_xlsx, set_indicator_value
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def _template(code: str, rows: list[tuple[str, str, int, float, str]]) -> bytes:
    """A filled profile template: (indicator, unit, year, value, source) per row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kode_wilayah", code, ""])
    sheet.append(services.TEMPLATE_HEADER)
    for indicator, unit, year, value, source in rows:
        sheet.append([indicator, "", unit, year, value, source])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _set(persona: Any, indicator: str, value: float, source: str, year: int = 2024) -> None:
    set_indicator_value(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        indicator_code=indicator,
        year=year,
        value=value,
        source=source,
    )


def _last_import() -> AuditEvent:
    return AuditEvent.objects.filter(action=AuditAction.PROFILE_IMPORTED).latest("pk")


def test_it_keeps_the_old_value_of_a_value_typed_in_over_another(persona: Any) -> None:
    _set(persona, "waste_coverage", 30, "BPS 2024")
    _set(persona, "waste_coverage", 45, "DLH 2024")
    rows = IndicatorValue.history.filter(region_id="34.71", indicator_id="waste_coverage", year=2024)
    assert [(r.value, r.source, r.history_type) for r in rows.order_by("history_id")] == [
        (30.0, "BPS 2024", "+"),
        (45.0, "DLH 2024", "~"),
    ]


def test_it_keeps_the_overwritten_values_of_an_import_and_audits_them_old_to_new(persona: Any) -> None:
    _set(persona, "waste_coverage", 30, "BPS 2024")
    _set(persona, "landfill_life", 5, "DLH 2024")
    content = _template(
        "34.71",
        [
            ("waste_coverage", "%", 2024, 45, "DLH 2024"),  # overwritten
            ("landfill_life", "tahun", 2024, 5, "DLH 2024"),  # the same again
            ("water_coverage", "%", 2024, 80, "PDAM 2024"),  # new
        ],
    )
    report = import_profile_xlsx(
        actor=persona("kabkota"), region=Region.objects.get(code="34.71"), content=content
    )
    assert report.saved == 3
    old_rows = IndicatorValue.history.filter(
        region_id="34.71", indicator_id="waste_coverage", year=2024, value=30.0, source="BPS 2024"
    )
    assert old_rows.exists()
    assert IndicatorValue.objects.get(region_id="34.71", indicator_id="waste_coverage", year=2024).value == 45
    event = _last_import()
    assert event.object_id == "34.71" and event.actor == persona("kabkota")
    assert event.old == {
        "values": [
            {
                "indicator": "waste_coverage",
                "year": 2024,
                "value": 30.0,
                "source": "BPS 2024",
                "is_example": False,
            }
        ]
    }
    new: dict[str, Any] = event.new or {}
    assert (new["saved"], new["created"], new["overwritten"], new["unchanged"], new["truncated"]) == (
        3,
        1,
        1,
        1,
        False,
    )
    assert new["changes"] == [
        {
            "region": "34.71",
            "indicator": "waste_coverage",
            "year": 2024,
            "old": {"value": 30.0, "source": "BPS 2024", "is_example": False},
            "new": {"value": 45.0, "source": "DLH 2024"},
        },
        {
            "region": "34.71",
            "indicator": "water_coverage",
            "year": 2024,
            "old": None,
            "new": {"value": 80.0, "source": "PDAM 2024"},
        },
    ]
    # The link to the rows: every history row this import wrote, and only those.
    link = new["history"]
    assert link["model"] == "mapping.historicalindicatorvalue"
    written = IndicatorValue.history.filter(history_change_reason=link["change_reason"])
    assert sorted(written.values_list("history_id", flat=True)) == link["ids"]
    assert {r.history_user for r in written} == {persona("kabkota")}
    assert {(r.indicator_id, r.value) for r in written} == {
        ("waste_coverage", 45.0),
        ("landfill_life", 5.0),
        ("water_coverage", 80.0),
    }


def test_it_caps_the_listed_changes_of_an_import_and_still_counts_them_all(
    persona: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "IMPORT_AUDIT_MAX_ROWS", 2)
    for indicator in ("waste_coverage", "water_coverage", "wastewater_coverage"):
        _set(persona, indicator, 10, "BPS 2024")
    content = _template(
        "34.71",
        [
            (code, "%", 2024, 20, "BPS 2024")
            for code in ("waste_coverage", "water_coverage", "wastewater_coverage")
        ],
    )
    import_profile_xlsx(actor=persona("kabkota"), region=Region.objects.get(code="34.71"), content=content)
    event = _last_import()
    new: dict[str, Any] = event.new or {}
    old: dict[str, Any] = event.old or {}
    assert new["overwritten"] == 3 and new["truncated"] is True
    assert len(new["changes"]) == 2 and len(old["values"]) == 2
    assert len(new["history"]["ids"]) == 2


def test_it_keeps_row_history_of_users_and_never_their_password(persona: Any) -> None:
    user = User.objects.create_user(
        "sejarah.uji",
        password="kata-sandi-uji-2026",
        role=Role.COOPERATION_OPERATOR,
        organisation=persona("kabkota").organisation,
    )
    user.role = Role.AUDITOR
    user.save()
    assert [h.role for h in user.history.order_by("history_id")] == [Role.COOPERATION_OPERATOR, Role.AUDITOR]
    fields = {f.name for f in user.history.model._meta.get_fields()}
    assert "password" not in fields and "last_login" not in fields
