"""The planning nomenclature keyed by its decree (issue 15 item 7): an annex is read all or nothing, its
difference against the nomenclature in force is shown before anything is recorded, applying it ends the codes
of the earlier decree from the year before, a second apply changes nothing, and the names shown for a record
are those in force in its year."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kerjasama.affairs.models import Affair
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.mapping.services import save_identification
from kerjasama.planning.domain.nomenclature import diff, level_of, parse_rows
from kerjasama.planning.models import NomenclatureDecree, NomenclatureEntry
from kerjasama.planning.selectors import in_force, names_for
from kerjasama.planning.services import import_nomenclature
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

FIRST = [
    {"code": "2.11.04", "name": "Program Pengelolaan Persampahan"},
    {"code": "2.11.04.2.01", "name": "Pengelolaan Sampah"},
    {"code": "2.11.04.2.02", "name": "Penerbitan Izin Pengelolaan Sampah"},
]
SECOND = [
    {"code": "2.11.04", "name": "Program Pengelolaan Persampahan"},
    {"code": "2.11.04.2.01", "name": "Pengelolaan Sampah dan Daur Ulang"},  # renamed
    {"code": "2.11.04.2.03", "name": "Pembinaan Bank Sampah"},  # added; 2.11.04.2.02 ends
]


def _import(rows: list[dict[str, str]], number: str, year: int, apply: bool = True, actor: Any = SYSTEM) -> Any:
    return import_nomenclature(
        actor=actor, rows=rows, number=number, title=f"Keputusan {number} (contoh uji)", valid_from=year, apply=apply
    )


def test_it_reads_the_codes_levels_and_every_problem_of_an_annex() -> None:
    assert [level_of(c) for c in ("1.03.02", "1.03.02.2.01", "1.03.02.2.01.0001", "1.03", "x")] == [
        "program", "kegiatan", "sub_kegiatan", None, None,
    ]
    facts, problems = parse_rows(
        [
            {"code": "2.11.04", "name": " Program   Persampahan "},
            {"code": "2.11.04", "name": "dua kali"},
            {"code": "2.11.05.2.01", "name": "tanpa program"},
            {"code": "2.11.x", "name": "salah"},
            {"kode": "2.11.04.2.01", "nomenklatur": ""},
        ]
    )
    assert [f.name for f in facts] == ["Program Persampahan", "tanpa program"]
    assert [(p.line, p.field) for p in problems] == [(3, "code"), (4, "code"), (5, "code"), (6, "name")]
    change = diff({"a": "1", "b": "2"}, [f for f in parse_rows(FIRST)[0]])
    assert change.ended == ("a", "b") and len(change.added) == 3 and change.kept == 0


def test_it_shows_the_difference_then_applies_and_ends_the_earlier_codes() -> None:
    events = AuditEvent.objects.filter(action="nomenclature.imported").count()  # the seed's
    _import(FIRST, "Kepmendagri uji-1/2021", 2022)
    shown = _import(SECOND, "Kepmendagri uji-2/2024", 2025, apply=False)
    assert not shown.applied and not NomenclatureDecree.objects.filter(number="Kepmendagri uji-2/2024").exists()
    assert shown.difference.added == ("2.11.04.2.03",)
    assert shown.difference.renamed == (("2.11.04.2.01", "Pengelolaan Sampah", "Pengelolaan Sampah dan Daur Ulang"),)
    assert shown.difference.ended == ("2.11.04.2.02",) and shown.difference.kept == 1

    applied = _import(SECOND, "Kepmendagri uji-2/2024", 2025)
    assert applied.applied and applied.ended == 3
    assert in_force(2024)["2.11.04.2.01"] == "Pengelolaan Sampah" and "2.11.04.2.03" not in in_force(2024)
    assert in_force(2025)["2.11.04.2.01"] == "Pengelolaan Sampah dan Daur Ulang"
    assert "2.11.04.2.02" not in in_force(2025)
    assert names_for(["2.11.04.2.01", "9.99.99"], 2023) == {"2.11.04.2.01": "Pengelolaan Sampah"}
    assert AuditEvent.objects.filter(action="nomenclature.imported").count() == events + 2

    again = _import(SECOND, "Kepmendagri uji-2/2024", 2025)
    assert again.already_applied and not again.applied and NomenclatureEntry.objects.count() == 6 + 2  # + seed
    with pytest.raises(KerjasamaError) as refused:
        _import(FIRST, "Kepmendagri uji-2/2024", 2025)
    assert refused.value.code == "planning.decree_exists"


def test_it_imports_nothing_from_an_annex_with_a_bad_row_and_reports_each() -> None:
    before = NomenclatureEntry.objects.count()
    with pytest.raises(KerjasamaError) as refused:
        bad = [{"code": "2.11.99.2.01", "name": "tanpa induk"}, {"code": "2,11", "name": "koma"}]
        _import([*FIRST, *bad], "K/1", 2022)
    assert refused.value.code == "planning.bad_rows" and len(refused.value.details) == 2
    assert NomenclatureEntry.objects.count() == before


def test_only_the_ministry_or_an_administrator_imports(persona: Any) -> None:
    with pytest.raises(PermissionDenied):
        _import(FIRST, "K/2", 2022, actor=persona("kabkota"))
    assert _import(FIRST, "K/2", 2022, actor=persona("ministry")).applied


def test_the_shipped_seed_names_the_cooperation_activity_with_its_source() -> None:
    entry = NomenclatureEntry.objects.get(code="4.01.02.2.04")
    assert entry.name == "Fasilitasi Kerja Sama Daerah" and entry.confidence == "S" and "secondary" in entry.source
    assert NomenclatureEntry.objects.get(code="4.01.02").confidence == "U"


def test_the_command_shows_then_applies(tmp_path: Path) -> None:
    annex = tmp_path / "lampiran.csv"
    annex.write_text("kode,nomenklatur\n" + "\n".join(f"{r['code']},{r['name']}" for r in FIRST), "utf-8-sig")
    args = [str(annex), "--decree", "Kepmendagri uji-3", "--title", "Uji", "--valid-from", "2023", "--json"]
    out = io.StringIO()
    call_command("import_nomenclature", *args, stdout=out)
    assert json.loads(out.getvalue())["applied"] is False and len(json.loads(out.getvalue())["added"]) == 3
    out = io.StringIO()
    call_command("import_nomenclature", *args, "--apply", stdout=out)
    assert json.loads(out.getvalue())["applied"] is True
    assert in_force(2023)["2.11.04.2.02"] == "Penerbitan Izin Pengelolaan Sampah"


def test_the_identification_page_names_its_programmes_from_the_nomenclature(persona: Any) -> None:
    _import(FIRST, "Kepmendagri uji-4", 2020)
    operator = persona("kabkota")
    save_identification(
        actor=operator,
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="2.11"),
        needs="TPA penuh",
        externalities="Lindi ke sungai",
        programmes=["2.11.04", "2.11.04.2.01"],
    )
    client = Client()
    client.force_login(operator)
    html = client.get(reverse("mapping:identification_detail", args=["34.71", "2.11"])).content.decode()
    assert "2.11.04.2.01</code> <span data-testid=\"programme-title\">Pengelolaan Sampah</span>" in html
