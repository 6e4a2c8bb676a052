"""Reading urusan.csv and authority_matrix.csv: all-or-nothing, with a row-by-row report."""

from __future__ import annotations

import pytest

from kerjasama.affairs.domain.catalogue import parse_affairs, parse_authority
from kerjasama.affairs.services import read_package
from kerjasama.core.errors import KerjasamaError

HEADER = "code,name_id,name_en,category\n"


def affairs_csv(rows: list[str] | None = None) -> str:
    data = read_package()["affairs"]
    lines = (
        rows
        if rows is not None
        else [f"{a['code']},{a['name_id']},{a['name_en']},{a['category']}" for a in data]
    )
    return (
        HEADER + "\n".join(line.replace(", ", " ") if line.count(",") > 3 else line for line in lines) + "\n"
    )


def test_it_reads_the_32_affairs_with_categories() -> None:
    affairs = parse_affairs(affairs_csv())
    assert len(affairs) == 32
    assert affairs[0]["code"] == "1.01" and affairs[0]["category"] == "wajib_pelayanan_dasar"
    assert affairs[-1]["code"] == "3.32" and affairs[-1]["category"] == "pilihan"


def test_it_reports_every_bad_row_and_returns_nothing() -> None:
    text = (
        affairs_csv()
        .replace("1.02,", "1.2,")
        .replace(
            "2.07,Tenaga Kerja,Manpower (Labour),wajib_non_pelayanan_dasar",
            "2.07,Tenaga Kerja,Manpower,pilihan",
        )
    )
    with pytest.raises(KerjasamaError) as err:
        parse_affairs(text)
    assert err.value.code == "affairs.bad_rows"
    locations = [d.location for d in err.value.details]
    assert locations == ["urusan.csv baris/line 3", "urusan.csv baris/line 8"]
    assert "tidak sah" in err.value.details[0].message_id and "malformed" in err.value.details[0].message_en


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("4.01,Sekretariat Daerah,Regional Secretariat,wajib_pelayanan_dasar", "malformed"),
        ("1.01,Pendidikan,Education,wajib_pelayanan_dasar", "duplicate"),
        ("1.33,X,Y,wajib_pelayanan_dasar", "outside"),
        ("1.05,,Y,wajib_pelayanan_dasar", "empty"),
        ("1.05,A,B,wajib_pelayanan_dasar,extra", "more cells"),
    ],
)
def test_it_names_the_problem_of_a_row(row: str, problem: str) -> None:
    rows = affairs_csv().strip().split("\n")[1:]
    rows[4] = row
    with pytest.raises(KerjasamaError) as err:
        parse_affairs(HEADER + "\n".join(rows))
    assert any(problem in d.message_en for d in err.value.details)


def test_it_refuses_a_missing_column() -> None:
    with pytest.raises(KerjasamaError) as err:
        parse_affairs("code,name_id\n1.01,Pendidikan\n")
    assert err.value.code == "affairs.bad_header"


def test_it_reads_the_authority_matrix_with_source_and_confidence() -> None:
    entries = read_package()["authority"]
    assert len(entries) == 64 + 58  # the shared matrix, then the project's supplement
    assert len({e["code"] for e in entries}) == len(entries)
    assert {e["code"] for e in entries if e["sub_affair"] == "Pengelolaan Hutan"} == {"3.28.02"}
    assert {e["confidence"] for e in entries} <= {"V", "S", "U"}
    assert all(e["source"] for e in entries)


def test_it_refuses_matrix_rows_with_unknown_affair_or_confidence() -> None:
    header = "affair_code,affair_name,sub_affair,pusat,provinsi,kabkota,notes,confidence,source\n"
    text = (
        header
        + "9.99,X,Sub,a,b,c,n,V,src\n1.01,Pendidikan,Sub,a,b,c,n,Z,src\n1.01,Pendidikan,Sub2,a,b,c,n,V,\n"
    )
    with pytest.raises(KerjasamaError) as err:
        parse_authority(text, {"1.01"})
    assert [d.message_en.split(":")[0] for d in err.value.details] == [
        "unknown affair code",
        "confidence must be V, S or U, not 'Z'",
        "empty source",
    ]


def test_it_lets_shared_rows_win_over_the_supplement_for_a_whole_affair() -> None:
    from kerjasama.affairs.domain.catalogue import merge_supplement

    shared = [{"affair_code": "1.03", "sub_affair": "Persampahan", "provinsi": "regional", "code": "1.03.01"}]
    supplement = [
        {"affair_code": "1.03", "sub_affair": "Persampahan", "provinsi": "(supplement)", "code": "1.03.01"},
        {"affair_code": "1.03", "sub_affair": "Other", "provinsi": "x", "code": "1.03.02"},
        {"affair_code": "3.27", "sub_affair": "Sarana Pertanian", "provinsi": "x", "code": "3.27.01"},
    ]
    merged, dropped = merge_supplement(shared, supplement)
    assert merged == [shared[0], supplement[2]]
    assert dropped == supplement[:2]
