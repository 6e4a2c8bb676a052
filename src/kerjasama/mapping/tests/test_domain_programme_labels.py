"""Programme codes described by their structure (pure: no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.mapping.domain.programme_labels import describe_programme_code, programme_structure
from kerjasama.mapping.domain.programmes import check_programme_code

digits = st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}")
codes = st.builds(
    lambda u, bb, pp, tail: f"{u}.{bb}.{pp}{tail}",
    st.integers(min_value=1, max_value=3),
    digits,
    digits,
    st.one_of(
        st.just(""),
        st.builds(lambda lv, kk: f".{lv}.{kk}", st.sampled_from("12"), digits),
        st.builds(
            lambda lv, kk, sub: f".{lv}.{kk}.{sub}",
            st.sampled_from("12"),
            digits,
            st.integers(min_value=1, max_value=9999).map(lambda n: f"{n:04d}"),
        ),
    ),
)


def test_it_names_each_level_of_the_nomenclature() -> None:
    assert describe_programme_code("2.11.04").kind_id == "Program"
    assert describe_programme_code("2.11.04.2.01").kind_id == "Kegiatan kabupaten/kota"
    assert describe_programme_code("2.11.04.1.01").kind_en == "Provincial activity"
    assert describe_programme_code("2.11.04.2.01.0001").kind_id == "Sub-kegiatan kabupaten/kota"
    assert describe_programme_code("bukan kode").kind_id == "kode tidak dikenal"


@given(codes)
def test_it_describes_every_code_the_checker_accepts_with_the_affair_it_belongs_to(code: str) -> None:
    fact = describe_programme_code(code)
    affair = ".".join(code.split(".")[:2])
    level = "provinsi" if code.count(".") >= 3 and code.split(".")[3] == "1" else "kabupaten"
    assert check_programme_code(code, affair_code=affair, level=level) is None
    assert fact.affair_code == affair and fact.kind_id != "kode tidak dikenal" and fact.kind_en


@given(
    st.integers(min_value=1, max_value=3),
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["provinsi", "kabkota"]),
)
def test_the_programme_structure_of_an_affair_has_valid_examples_with_the_levels_digit(
    u: int, bb: int, level: str
) -> None:
    affair = f"{u}.{bb:02d}"
    shapes = programme_structure(affair, level)
    digit = "1" if level == "provinsi" else "2"
    assert [s.pattern for s in shapes] == [
        f"{affair}.PP",
        f"{affair}.PP.{digit}.KK",
        f"{affair}.PP.{digit}.KK.SSSS",
    ]
    for shape in shapes:
        assert check_programme_code(shape.example, affair_code=affair, level=level) is None
        assert shape.kind_id == describe_programme_code(shape.example).kind_id
    assert shapes[0].kind_id == "Program" and ("provinsi" if digit == "1" else "kabupaten/kota") in shapes[1].kind_id


def test_an_affair_code_outside_the_nomenclature_has_no_structure() -> None:
    assert programme_structure("3.2", "kabkota") == [] and programme_structure("", "provinsi") == []
