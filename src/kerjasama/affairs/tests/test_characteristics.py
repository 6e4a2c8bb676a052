"""The affair characteristics the mapping reads (issue 9): externality, reach, area kinds, with source and
confidence per affair, loaded by the same services as the affairs themselves."""

from __future__ import annotations

from typing import get_args

import pytest

from kerjasama.affairs.domain.characteristics import AREA_KINDS, REACHES, parse_characteristics
from kerjasama.affairs.models import Affair
from kerjasama.affairs.services import load_affairs, read_package
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError
from kerjasama.mapping.domain.inputs import AffairReach
from kerjasama.regions.domain.functional_areas import KINDS

HEADER = "affair_code,externality,externality_basis,reach,area_kinds,confidence,source\n"


def test_it_keeps_the_vocabularies_in_step_with_the_mapping_and_the_regions() -> None:
    assert tuple(get_args(AffairReach)) == REACHES
    assert tuple(KINDS) == AREA_KINDS


@pytest.mark.django_db
def test_it_loads_every_affairs_characteristics_with_source_and_confidence() -> None:
    rows = {a.code: a for a in Affair.objects.all()}
    assert len(rows) == 32
    for affair in rows.values():
        assert affair.characteristics_source and affair.externality_basis
        assert affair.characteristics_confidence in ("V", "S", "U")
    # UU 23/2014 Lampiran: cross-kab/kota water, waste, pollution, transport, disaster, river basins.
    external = {code for code, a in rows.items() if a.cross_regional_externality}
    assert external == {"1.03", "1.05", "2.11", "2.15", "3.28"}
    assert rows["1.02"].reach == "service" and rows["3.26"].reach == "any_distance"
    assert rows["2.18"].reach == "any_distance" and rows["3.30"].reach == "any_distance"


@pytest.mark.django_db
def test_it_fills_characteristics_never_loaded_but_keeps_loaded_ones_unless_asked() -> None:
    Affair.objects.filter(code="2.11").update(cross_regional_externality=False, characteristics_source="")
    Affair.objects.filter(code="1.03").update(reach="any_distance")
    load_affairs(actor=SYSTEM, data=read_package(), update_existing=False)
    assert Affair.objects.get(code="2.11").cross_regional_externality is True
    assert Affair.objects.get(code="1.03").reach == "any_distance"  # an official's change is kept by setup
    report = load_affairs(actor=SYSTEM, data=read_package(), update_existing=True)
    assert report.characteristics_updated == 1 and Affair.objects.get(code="1.03").reach == "service"


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("9.99,yes,b,service,,S,src", "unknown affair"),
        ("1.01,maybe,b,service,,S,src", "externality must be yes or no"),
        ("1.01,no,b,far,,S,src", "reach must be one of"),
        ("1.01,no,b,service,desert,S,src", "unknown area kind"),
        ("1.01,no,b,service,,X,src", "confidence"),
        ("1.01,no,b,service,,S,", "empty source"),
    ],
)
def test_it_rejects_a_bad_row_with_a_bilingual_report(line: str, needle: str) -> None:
    with pytest.raises(KerjasamaError) as caught:
        parse_characteristics(HEADER + line + "\n", {"1.01"})
    assert caught.value.code == "affairs.bad_rows"
    assert any(needle in d.message_en for d in caught.value.details)


def test_it_rejects_a_file_that_leaves_an_affair_out() -> None:
    with pytest.raises(KerjasamaError) as caught:
        parse_characteristics(HEADER + "1.01,no,b,service,,S,src\n", {"1.01", "1.02"})
    assert any("1.02" in d.message_en for d in caught.value.details)
