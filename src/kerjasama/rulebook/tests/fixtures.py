"""A small hand-built ReferenceData of real codes (Kepmendagri 300.2.2-2138/2025) for the rulebook tests.

Regions: DI Yogyakarta (34) complete; parts of Jawa Tengah (33), Jawa Barat (32) and DKI Jakarta (31, with
two of its non-autonomous administrative cities). Adjacency is the real border between these kab/kota.
Affairs: the 32 concurrent affairs of ``shared/domain/urusan.csv``. Authority: a few rows paraphrasing the
UU 23/2014 Lampiran as in ``shared/domain/authority_matrix.csv``; 3.29 deliberately without the disputed
kab/kota geothermal row, so kab/kota hold nothing there.
"""

from __future__ import annotations

from kerjasama.rulebook.facts import AffairFact, RegionFact, SubAffairRow
from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.rules.base import RuleContext
from kerjasama.rulebook.settings import RulebookSettings


def _prov(code: str, name: str) -> RegionFact:
    return RegionFact(code, name, "provinsi", "provinsi", code, True)


def _kab(code: str, name: str, autonomous: bool = True) -> RegionFact:
    return RegionFact(code, name, "kabkota", "kabupaten", code[:2], autonomous)


def _kota(code: str, name: str, autonomous: bool = True) -> RegionFact:
    return RegionFact(code, name, "kabkota", "kota", code[:2], autonomous)


REGIONS: tuple[RegionFact, ...] = (
    _prov("31", "DKI Jakarta"),
    _kota("31.71", "Kota Administrasi Jakarta Selatan", autonomous=False),
    _kota("31.75", "Kota Administrasi Jakarta Timur", autonomous=False),
    _prov("32", "Jawa Barat"),
    _kab("32.04", "Kabupaten Bandung"),
    _kota("32.73", "Kota Bandung"),
    _kota("32.75", "Kota Bekasi"),
    _prov("33", "Jawa Tengah"),
    _kab("33.08", "Kabupaten Magelang"),
    _kota("33.71", "Kota Magelang"),
    _kota("33.74", "Kota Semarang"),
    _prov("34", "DI Yogyakarta"),
    _kab("34.01", "Kabupaten Kulon Progo"),
    _kab("34.02", "Kabupaten Bantul"),
    _kab("34.03", "Kabupaten Gunungkidul"),
    _kab("34.04", "Kabupaten Sleman"),
    _kota("34.71", "Kota Yogyakarta"),
)

ADJACENCY: tuple[tuple[str, str], ...] = (
    ("34.71", "34.04"),
    ("34.71", "34.02"),
    ("34.04", "34.02"),
    ("34.04", "34.01"),
    ("34.02", "34.01"),
    ("34.02", "34.03"),
    ("34.04", "34.03"),
    ("33.08", "34.04"),
    ("33.08", "34.01"),
    ("33.08", "33.71"),
    ("32.73", "32.04"),
    ("31.71", "31.75"),
    ("31.75", "32.75"),
)

URUSAN: tuple[tuple[str, str, str, str], ...] = (
    ("1.01", "Pendidikan", "Education", "wajib_pelayanan_dasar"),
    ("1.02", "Kesehatan", "Health", "wajib_pelayanan_dasar"),
    (
        "1.03",
        "Pekerjaan Umum dan Penataan Ruang",
        "Public Works and Spatial Planning",
        "wajib_pelayanan_dasar",
    ),
    (
        "1.04",
        "Perumahan Rakyat dan Kawasan Permukiman",
        "Public Housing and Settlement Areas",
        "wajib_pelayanan_dasar",
    ),
    (
        "1.05",
        "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat",
        "Peace, Public Order and Community Protection",
        "wajib_pelayanan_dasar",
    ),
    ("1.06", "Sosial", "Social Affairs", "wajib_pelayanan_dasar"),
    ("2.07", "Tenaga Kerja", "Manpower (Labour)", "wajib_non_pelayanan_dasar"),
    (
        "2.08",
        "Pemberdayaan Perempuan dan Pelindungan Anak",
        "Women's Empowerment and Child Protection",
        "wajib_non_pelayanan_dasar",
    ),
    ("2.09", "Pangan", "Food", "wajib_non_pelayanan_dasar"),
    ("2.10", "Pertanahan", "Land Affairs", "wajib_non_pelayanan_dasar"),
    ("2.11", "Lingkungan Hidup", "Environment", "wajib_non_pelayanan_dasar"),
    (
        "2.12",
        "Administrasi Kependudukan dan Pencatatan Sipil",
        "Population Administration and Civil Registration",
        "wajib_non_pelayanan_dasar",
    ),
    (
        "2.13",
        "Pemberdayaan Masyarakat dan Desa",
        "Community and Village Empowerment",
        "wajib_non_pelayanan_dasar",
    ),
    (
        "2.14",
        "Pengendalian Penduduk dan Keluarga Berencana",
        "Population Control and Family Planning",
        "wajib_non_pelayanan_dasar",
    ),
    ("2.15", "Perhubungan", "Transportation", "wajib_non_pelayanan_dasar"),
    ("2.16", "Komunikasi dan Informatika", "Communication and Informatics", "wajib_non_pelayanan_dasar"),
    (
        "2.17",
        "Koperasi, Usaha Kecil, dan Menengah",
        "Cooperatives and Small and Medium Enterprises",
        "wajib_non_pelayanan_dasar",
    ),
    ("2.18", "Penanaman Modal", "Investment", "wajib_non_pelayanan_dasar"),
    ("2.19", "Kepemudaan dan Olahraga", "Youth and Sports", "wajib_non_pelayanan_dasar"),
    ("2.20", "Statistik", "Statistics", "wajib_non_pelayanan_dasar"),
    ("2.21", "Persandian", "Cryptography (Government Encryption)", "wajib_non_pelayanan_dasar"),
    ("2.22", "Kebudayaan", "Culture", "wajib_non_pelayanan_dasar"),
    ("2.23", "Perpustakaan", "Libraries", "wajib_non_pelayanan_dasar"),
    ("2.24", "Kearsipan", "Archives", "wajib_non_pelayanan_dasar"),
    ("3.25", "Kelautan dan Perikanan", "Marine Affairs and Fisheries", "pilihan"),
    ("3.26", "Pariwisata", "Tourism", "pilihan"),
    ("3.27", "Pertanian", "Agriculture", "pilihan"),
    ("3.28", "Kehutanan", "Forestry", "pilihan"),
    ("3.29", "Energi dan Sumber Daya Mineral", "Energy and Mineral Resources", "pilihan"),
    ("3.30", "Perdagangan", "Trade", "pilihan"),
    ("3.31", "Perindustrian", "Industry", "pilihan"),
    ("3.32", "Transmigrasi", "Transmigration", "pilihan"),
)
AFFAIRS: tuple[AffairFact, ...] = tuple(AffairFact(*row) for row in URUSAN)

AUTHORITY_ROWS: tuple[SubAffairRow, ...] = (
    SubAffairRow(
        "1.03",
        "Air Minum",
        "SPAM lintas provinsi",
        "SPAM lintas kab/kota",
        "SPAM dalam kab/kota",
        "S",
        code="1.03.02",
    ),
    SubAffairRow(
        "1.03",
        "Persampahan",
        "Sistem nasional",
        "Sistem regional",
        "Sistem dalam kab/kota",
        "S",
        code="1.03.03",
    ),
    SubAffairRow("1.03", "Jalan", "Jalan nasional", "Jalan provinsi", "Jalan kab/kota", "S", code="1.03.09"),
    SubAffairRow(
        "2.15", "LLAJ", "Jalan nasional; AKAP", "Jalan provinsi; AKDP", "Jalan kab/kota", "S", code="2.15.01"
    ),
    SubAffairRow(
        "3.28",
        "Pengelolaan Hutan",
        "KPHK; izin skala besar",
        "KPH kecuali KPHK; HP dan HL",
        "",
        "S",
        code="3.28.02",
    ),
    SubAffairRow(
        "3.28",
        "Konservasi Sumber Daya Alam Hayati dan Ekosistemnya",
        "KSA dan KPA",
        "Tahura lintas kab/kota",
        "Tahura kab/kota",
        "S",
        code="3.28.03",
    ),
    SubAffairRow(
        "3.29",
        "Ketenagalistrikan",
        "Tarif nasional",
        "Tarif tenaga listrik provinsi",
        "",
        "S",
        code="3.29.05",
    ),
    SubAffairRow(
        "3.29",
        "Mineral dan Batubara",
        "Izin usaha pertambangan",
        "Izin batuan (delegasi)",
        "",
        "S",
        code="3.29.02",
    ),
)


def build_ref() -> ReferenceData:
    return ReferenceData(REGIONS, ADJACENCY, AFFAIRS, authority_rows=AUTHORITY_ROWS)


REF = build_ref()
SETTINGS = RulebookSettings()
CTX = RuleContext(REF, SETTINGS)


def ctx_with(**overrides: object) -> RuleContext:
    return RuleContext(REF, RulebookSettings.from_mapping(overrides))
