"""A source on a blog or a document-sharing site is never shown as verified (pure: no database)."""

from __future__ import annotations

import pytest

from kerjasama.core.sources import shown_confidence, unofficial_hosts_in


@pytest.mark.parametrize(
    "source",
    [
        "fdokumen.com/document/uu-23-tahun-2014-penjelasan-bidang-pendidikan",
        "cililinku.blogspot.com/2015/01/uu-no-23-tahun-2014-tentang.html; www.scribd.com/doc/1",
        "Kompasiana: https://www.kompasiana.com/x",
    ],
)
def test_it_caps_a_verified_fact_read_on_a_blog_at_secondary(source: str) -> None:
    shown = shown_confidence("V", source)
    assert shown.value == "S"
    assert "bukan dari terbitan resmi" in shown.reason_id and "not an official publication" in shown.reason_en
    assert unofficial_hosts_in(source)[0].split(".")[-2] in shown.reason_id


@pytest.mark.parametrize(
    ("confidence", "source"),
    [
        ("V", "peraturan.bpk.go.id/Details/38685; fdokumen.com/x"),  # an official copy is cited too
        ("V", "jdih.kemendagri.go.id/pdf/2020/22.pdf"),
        ("V", "UU 23/2014 Lampiran (official PDF)"),
        ("S", "cililinku.blogspot.com/2015/01"),
        ("U", "general knowledge"),
    ],
)
def test_it_keeps_what_an_official_source_or_a_lower_grade_carries(confidence: str, source: str) -> None:
    shown = shown_confidence(confidence, source)
    assert shown.value == confidence and not shown.reason_id


def test_it_lists_each_unofficial_host_once() -> None:
    assert unofficial_hosts_in("a.blogspot.com/1; a.blogspot.com/2; fdokumen.com/x") == [
        "a.blogspot.com",
        "fdokumen.com",
    ]
